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

/// Whether `text[start..end]` lies inside a URL, e-mail address or git remote.
pub fn in_url_like_token(text: &str, start: usize, end: usize) -> bool {
    let (token_start, token_end) = token_around(text, start, end);
    let token = &text[token_start..token_end];
    if token.len() == end - start {
        return false;
    }
    let lower = token.to_ascii_lowercase();
    if let Some(scheme_end) = lower.find("://") {
        let scheme = &lower[..scheme_end];
        // `see:https://...`: only the part from the scheme on is the URL.
        let scheme_start = scheme
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |i| i + 1);
        return token_start + scheme_start <= start;
    }
    for prefix in ["www.", "mailto:", "file:"] {
        if let Some(at) = lower.find(prefix) {
            if at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
                return token_start + at <= start;
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
            return true;
        }
    }
    false
}

/// Whether `text[start..end]` lies inside a long run of encoded data: base64, hex
/// digests, keys: long runs of letters, digits, `+`, `/` and `=` that are mostly not
/// made of word-like pieces (`Word`, `word`), as identifiers are.
pub fn in_encoded_data(text: &str, start: usize, end: usize) -> bool {
    const MIN_LEN: usize = 20;
    let is_data = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    let bytes = text.as_bytes();
    let mut token_start = start;
    while token_start > 0 && is_data(bytes[token_start - 1] as char) {
        token_start -= 1;
    }
    let mut token_end = end;
    while token_end < bytes.len() && is_data(bytes[token_end] as char) {
        token_end += 1;
    }
    if token_end - token_start < MIN_LEN {
        return false;
    }
    let token = &bytes[token_start..token_end];
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

#[cfg(test)]
mod tests {
    use super::*;

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
