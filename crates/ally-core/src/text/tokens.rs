//! Tokens a writer cannot change by editing words: URLs, e-mail addresses, scp-style
//! git remotes, and encoded data (base64, hashes). A term inside one is never flagged.
//!
//! The check is local and runs only where a term was found: the token around the match
//! is the run of characters that can belong to a URL, and it is judged by its shape.

/// Characters that end a URL-like token.
fn ends_token(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>' | '"' | '\'' | '`' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '\\' | '^'
        )
}

/// The byte range of the URL-like token around `start..end`.
fn token_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let token_start = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends_token(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..]
        .char_indices()
        .find(|&(_, c)| ends_token(c))
        .map_or(text.len(), |(i, _)| end + i);
    (token_start, token_end)
}

/// Where hits are silenced inside one URL-like token: from this offset on (the scheme
/// of a URL, `www.`, `mailto:`), or the whole token (an e-mail address or git remote).
fn url_silence_from(text: &str, token_start: usize, token_end: usize) -> Option<usize> {
    let token = &text[token_start..token_end];
    let lower = token.to_ascii_lowercase();
    if let Some(scheme_end) = lower.find("://") {
        let scheme = &lower[..scheme_end];
        // `see:https://...`: only the part from the scheme on is the URL.
        let scheme_start = crate::context::after_last(scheme, |c| {
            !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        return Some(token_start + scheme_start);
    }
    for prefix in ["www.", "mailto:", "file:"] {
        if let Some(at) = lower.find(prefix) {
            if at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
                return Some(token_start + at);
            }
        }
    }
    if let Some(at) = token.find('@') {
        let (user, host) = (&token[..at], &token[at + 1..]);
        let host_name = host.split([':', '/']).next().unwrap_or("");
        let user_ok = !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%'));
        let host_ok = host_name.contains('.')
            && host_name.trim_end_matches('.').split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if user_ok && host_ok {
            // e-mail (user@host.tld) or scp-style remote (git@host:path)
            return Some(token_start);
        }
    }
    None
}

fn is_data_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=')
}

/// The verdict on one run of data bytes (see [`in_encoded_data`]).
fn is_encoded_data(token: &[u8]) -> bool {
    const MIN_LEN: usize = 20;
    if token.len() < MIN_LEN {
        return false;
    }
    if !token.iter().any(u8::is_ascii_lowercase) {
        // Upper case and digits (a hex digest, a key): data when it keeps switching.
        let changes = token
            .windows(2)
            .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
            .count();
        return changes * 4 > token.len();
    }
    // Count the characters that sit in word-like runs: `Word` or `word`.
    let (mut at, mut in_words) = (0, 0);
    while at < token.len() {
        let capital = usize::from(token[at].is_ascii_uppercase());
        let lower = token[at + capital..]
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        let length = if lower >= 2 { capital + lower } else { 0 };
        in_words += length;
        at += length.max(1);
    }
    in_words * 2 < token.len()
}

/// Judges the tokens around the hits of one text, which come in increasing order. A
/// token's verdict is computed once, however many hits it holds, so a minified file
/// with thousands of terms in one long token takes linear time, not quadratic.
#[derive(Debug)]
pub struct TokenJudge<'t> {
    text: &'t str,
    /// The last URL-like token judged that held a whole hit, and its verdict.
    url: Option<(usize, usize, Option<usize>)>,
    /// The last run of data bytes judged that held a whole hit, and its verdict.
    data: Option<(usize, usize, bool)>,
    /// The last line judged for density, and its verdict.
    line: Option<(usize, usize, bool)>,
}

/// Lines longer than this are judged for density (see [`TokenJudge::in_data_line`]).
const DENSE_LINE: usize = 256;

impl<'t> TokenJudge<'t> {
    /// A judge for the hits of `text`.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            url: None,
            data: None,
            line: None,
        }
    }

    /// Whether `text[start..end]` stands in a long line that is data, not words: more
    /// than 256 bytes, mostly ASCII, with less than one space in 40 bytes (an image's
    /// sixel codes, a serialised blob). Prose has a space every few words; text in
    /// scripts written without spaces is not mostly ASCII.
    pub fn in_data_line(&mut self, start: usize) -> bool {
        if let Some((a, b, verdict)) = self.line {
            if a <= start && start < b {
                return verdict;
            }
        }
        let bytes = self.text.as_bytes();
        let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |k| k + 1);
        let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        let line = &bytes[line_start..line_end];
        let verdict = line.len() > DENSE_LINE && {
            let spaces = line.iter().filter(|b| b.is_ascii_whitespace()).count();
            let ascii = line.iter().filter(|b| b.is_ascii()).count();
            spaces * 40 < line.len() && ascii * 2 > line.len()
        };
        self.line = Some((line_start, line_end.max(start + 1), verdict));
        verdict
    }

    /// Whether `text[start..end]` lies inside a URL, e-mail address or git remote.
    pub fn in_url_like_token(&mut self, start: usize, end: usize) -> bool {
        let (token_start, token_end, silence_from) = match self.url {
            Some((a, b, verdict)) if a <= start && end <= b => (a, b, verdict),
            _ => {
                let (a, b) = token_around(self.text, start, end);
                let verdict = url_silence_from(self.text, a, b);
                // A hit without a token break in it lies inside one maximal token,
                // which later hits in it can share.
                if !self.text[start..end].contains(ends_token) {
                    self.url = Some((a, b, verdict));
                }
                (a, b, verdict)
            }
        };
        token_end - token_start != end - start && silence_from.is_some_and(|from| from <= start)
    }

    /// Whether `text[start..end]` lies in the name part of a reference to another
    /// repository or image, `owner/repo@ref` (a GitHub Action, `crazy-max/ghaction@v3`):
    /// the owner's and the repository's names are names. The ref after `@` is not
    /// covered: a branch there is judged as a branch.
    pub fn in_repository_name(&mut self, start: usize, end: usize) -> bool {
        // The token around the hit, as the URL judgement found it (and keeps).
        let (token_start, token_end) = match self.url {
            Some((a, b, _)) if a <= start && end <= b => (a, b),
            _ => {
                self.in_url_like_token(start, end);
                match self.url {
                    Some((a, b, _)) if a <= start && end <= b => (a, b),
                    _ => token_around(self.text, start, end),
                }
            }
        };
        let token = &self.text[token_start..token_end];
        let Some(at) = token.find('@') else {
            return false;
        };
        let (name, reference) = (&token[..at], &token[at + 1..]);
        let part = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        let mut parts = name.split('/');
        let shaped = parts.clone().count() >= 2
            && parts.all(part)
            && part(reference.trim_end_matches(['/', ',', ';']));
        shaped && end <= token_start + at
    }

    /// Whether `text[start..end]` lies inside a long run of encoded data (see
    /// [`in_encoded_data`]).
    pub fn in_encoded_data(&mut self, start: usize, end: usize) -> bool {
        if let Some((a, b, verdict)) = self.data {
            if a <= start && end <= b {
                return verdict;
            }
        }
        let bytes = self.text.as_bytes();
        let mut token_start = start;
        while token_start > 0 && is_data_byte(bytes[token_start - 1]) {
            token_start -= 1;
        }
        let mut token_end = end;
        while token_end < bytes.len() && is_data_byte(bytes[token_end]) {
            token_end += 1;
        }
        let verdict = is_encoded_data(&bytes[token_start..token_end]);
        if bytes[start..end].iter().all(|&b| is_data_byte(b)) {
            self.data = Some((token_start, token_end, verdict));
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text[start..end]` lies inside a URL, e-mail address or git remote.
    fn in_url_like_token(text: &str, start: usize, end: usize) -> bool {
        TokenJudge::new(text).in_url_like_token(start, end)
    }

    /// Whether `text[start..end]` lies inside a long run of encoded data: base64, hex
    /// digests, keys: long runs of letters, digits, `+`, `/` and `=` that are mostly not
    /// made of word-like pieces (`Word`, `word`), as identifiers are.
    fn in_encoded_data(text: &str, start: usize, end: usize) -> bool {
        TokenJudge::new(text).in_encoded_data(start, end)
    }

    #[test]
    fn repository_names_are_names() {
        let line = "      - uses: crazy-max/ghaction-github-runtime@v3";
        let at = line.find("crazy").unwrap();
        assert!(TokenJudge::new(line).in_repository_name(at, at + 5));
        let line = "uses: actions/checkout@master";
        let at = line.find("master").unwrap();
        assert!(
            !TokenJudge::new(line).in_repository_name(at, at + 6),
            "the ref is judged as a branch"
        );
        let line = "Write to me@whitelist.example";
        let at = line.find("whitelist").unwrap();
        assert!(!TokenJudge::new(line).in_repository_name(at, at + 9));
    }

    #[test]
    fn long_lines_without_spaces_are_data() {
        let sixel = format!(
            "\u{1b}P0;0;0q\"1;1;440;323#0;2;11;12;11{}!37GOOK?~~\n",
            "#1;2;14;14;11~~@@".repeat(40)
        );
        let at = sixel.find("GOOK").unwrap();
        assert!(TokenJudge::new(&sixel).in_data_line(at));
        let prose = format!(
            "{} the whitelist stays.\n",
            "Words with spaces between them. ".repeat(20)
        );
        let at = prose.find("whitelist").unwrap();
        assert!(!TokenJudge::new(&prose).in_data_line(at));
        let cjk = format!(
            "{}master{}\n",
            "日本語の文章".repeat(40),
            "日本語".repeat(40)
        );
        let at = cjk.find("master").unwrap();
        assert!(
            !TokenJudge::new(&cjk).in_data_line(at),
            "text written without spaces"
        );
        assert!(!TokenJudge::new("short master line").in_data_line(6));
    }

    #[test]
    fn encoded_data_is_not_prose() {
        let table = [
            (
                "key: MIIBIjANBgkqhkiG9w0BFAGxyzQ8AMIIBCgKCAQEA end",
                "FAG",
                true,
            ),
            (
                "sha256: 3fa85f64a7c2dumb9e1b2c4d5e6f7a8b9c0d1e2f3a4b5c6d7",
                "dumb",
                true,
            ),
            (
                "if isWhitelistedHostForTheCluster(addr)",
                "Whitelisted",
                false,
            ),
            ("MASTER_NODE_COUNT_FOR_REPLICATION", "MASTER", false),
            ("WHITELISTEDHOSTSFORCLUSTERONE", "WHITELISTED", false),
            ("ID 3FA85F64A7C2DUMB9E1B2C4D5E6F7A8B9", "DUMB", true),
            (
                "const isWhitelistedAddressV2ForCluster = 1",
                "Whitelisted",
                false,
            ),
            ("the whitelist", "whitelist", false),
        ];
        for (text, term, want) in table {
            let start = text.find(term).unwrap();
            assert_eq!(
                in_encoded_data(text, start, start + term.len()),
                want,
                "{text}"
            );
        }
    }

    fn silenced(text: &str, term: &str) -> bool {
        let start = text.find(term).unwrap();
        in_url_like_token(text, start, start + term.len())
    }

    #[test]
    fn urls_emails_and_remotes_are_not_prose() {
        let table = [
            (
                "See https://github.com/x/y/blob/master/README.md now.",
                "master",
                true,
            ),
            ("(https://example.com/whitelist/)", "whitelist", true),
            ("<https://example.com/whitelist>", "whitelist", true),
            (
                "Clone git@example.com:team/whitelist-tools.git to start.",
                "whitelist",
                true,
            ),
            (
                "Write to admin@master.example.org for access.",
                "master",
                true,
            ),
            ("<ops@whitelist.example.org>", "whitelist", true),
            ("go to www.master.com today", "master", true),
            ("[whitelist](https://example.com)", "whitelist", false),
            ("the whitelist: see", "whitelist", false),
            ("src/whitelist.rs", "whitelist", false),
            ("master@", "master", false),
            ("whitelist:https://x.org", "whitelist", false),
        ];
        for (text, term, want) in table {
            assert_eq!(silenced(text, term), want, "{text}");
        }
    }
}
