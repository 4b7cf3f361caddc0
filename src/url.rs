//! Tokens a writer cannot change by editing words: URLs, e-mail addresses and
//! scp-style git remotes. A term inside one is never flagged.
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

#[cfg(test)]
mod tests {
    use super::*;

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
