//! Text on its way to a terminal. A file name, a line of a linted file, a rule pack's
//! explanation or a configuration value may hold control characters (ESC starts the
//! sequences that move the cursor, retitle the window or clear the screen) or the
//! bidirectional overrides that make text read differently from how it is stored.
//! Every such string goes through [`escape`] (or, for an excerpt with a span in it,
//! [`escape_source`]), which writes those characters as visible escapes: `\u{1b}`,
//! `\n`, `\u{202e}`.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: a control character (C0,
/// DEL, C1) or a bidirectional embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `c` as a visible escape: `\n`, `\t`, `\r`, or `\u{1b}`.
fn push_escaped(out: &mut String, c: char) {
    out.extend(c.escape_default());
}

/// `text` with every unsafe character (see [`is_unsafe`]) written as an escape. Text
/// without one is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_except(text, &[])
}

/// [`escape`], keeping the characters in `keep` (a multi-line message keeps `\n`).
pub fn escape_except<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let unsafe_here = |c: char| is_unsafe(c) && !keep.contains(&c);
    if !text.chars().any(unsafe_here) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_here(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text escaped for a terminal as [`escape`] does, keeping line breaks and tabs, with
/// a map from offsets in the original to offsets in the escaped text (so that a span
/// can still be underlined).
#[derive(Debug, Clone)]
pub struct EscapedSource {
    /// The escaped text. Line breaks are `\n` (a `\r\n` pair stays as it is; a lone
    /// `\r`, which would send the cursor back over the line, becomes `\n`).
    pub text: String,
    /// Where the escaped text's offsets stop matching the original's: (original
    /// offset after an escaped character, escaped offset there), in order.
    shifts: Vec<(usize, usize)>,
}

impl EscapedSource {
    /// The offset in the escaped text of offset `at` in the original.
    pub fn map(&self, at: usize) -> usize {
        let k = self.shifts.partition_point(|&(original, _)| original <= at);
        match k.checked_sub(1) {
            None => at,
            Some(k) => {
                let (original, escaped) = self.shifts[k];
                escaped + (at - original)
            }
        }
    }
}

/// `text` escaped for an excerpt: unsafe characters as escapes, except tabs and line
/// breaks. See [`EscapedSource`].
pub fn escape_source(text: &str) -> EscapedSource {
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => out.push(c),
            '\r' => out.push('\n'),
            c if is_unsafe(c) => {
                push_escaped(&mut out, c);
                shifts.push((i + c.len_utf8(), out.len()));
            }
            c => out.push(c),
        }
    }
    EscapedSource { text: out, shifts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_become_escapes() {
        let table = [
            ("docs/a.md", "docs/a.md"),
            ("new\nline\u{1b}[31m.md", "new\\nline\\u{1b}[31m.md"),
            ("a\u{7}b\u{7f}c\u{9b}d", "a\\u{7}b\\u{7f}c\\u{9b}d"),
            ("tab\there", "tab\\there"),
            ("x\u{202e}gnp.exe", "x\\u{202e}gnp.exe"),
            ("\u{2066}isolate\u{2069}", "\\u{2066}isolate\\u{2069}"),
            ("café ✓ 日本 \u{200d}", "café ✓ 日本 \u{200d}"),
        ];
        for (text, want) in table {
            assert_eq!(escape(text), want, "{text:?}");
        }
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_except("a\nb\u{1b}", &['\n']), "a\nb\\u{1b}");
    }

    #[test]
    fn escaped_sources_keep_spans() {
        let text = "\u{1b}]0;owned\u{7} whitelist \u{202e}x\r\ny\rz";
        let escaped = escape_source(text);
        assert_eq!(
            escaped.text,
            "\\u{1b}]0;owned\\u{7} whitelist \\u{202e}x\r\ny\nz"
        );
        let start = text.find("whitelist").unwrap();
        let (a, b) = (escaped.map(start), escaped.map(start + "whitelist".len()));
        assert_eq!(&escaped.text[a..b], "whitelist");
        let x = text.find('x').unwrap();
        assert_eq!(&escaped.text[escaped.map(x)..escaped.map(x) + 1], "x");
        assert!(!escaped
            .text
            .chars()
            .any(|c| is_unsafe(c) && !"\n\r\t".contains(c)));
    }
}
