//! Output formats. Each renders the same [`Outcome`] into bytes; none prints.

pub mod concise;
pub mod human;
pub mod json;
pub mod rules;

use std::borrow::Cow;

use crate::check::Outcome;
use crate::rules::Severity;

/// The formats `ally check --format` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the term underlined, alternatives, explanation, sources.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document (see DESIGN.md, "JSON report").
    Json,
}

/// A file name as a terminal may show it: control characters (a line break, ESC, ...)
/// written as escapes, so that a name cannot move the cursor or recolour the screen.
pub fn printable_name(name: &str) -> Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return Cow::Borrowed(name);
    }
    let mut shown = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// A file's text as a terminal may show it in an excerpt: control characters other
/// than tab and line breaks become `?` (or `¿` for the two-byte ones), so byte
/// offsets into the text stay valid and the text cannot drive the terminal.
pub fn printable_source(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !unsafe_char(c) => c,
                c if c.len_utf8() == 1 => '?',
                _ => '¿',
            })
            .collect(),
    )
}

/// Counts of findings by severity: (error, warning, info).
pub fn by_severity(outcome: &Outcome) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for finding in &outcome.findings {
        match finding.severity {
            Severity::Error => counts.0 += 1,
            Severity::Warning => counts.1 += 1,
            Severity::Info => counts.2 += 1,
        }
    }
    counts
}

/// Writes `outcome` in `format`. `color` only matters to the human format.
pub fn write(
    outcome: &Outcome,
    format: Format,
    color: bool,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => out.write_all(&human::render(outcome, color)),
        Format::Concise => out.write_all(&concise::render(outcome)),
        Format::Json => json::write(outcome, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_excerpts_carry_no_control_characters() {
        assert_eq!(printable_name("docs/a.md"), "docs/a.md");
        assert_eq!(
            printable_name("new\nline\u{1b}[31m.md"),
            "new\\nline\\u{1b}[31m.md"
        );
        let text = "\u{1b}]0;owned\u{7} whitelist \u{9b}31m\tend\r\n";
        let shown = printable_source(text);
        assert_eq!(shown, "?]0;owned? whitelist ¿31m\tend\r\n");
        assert_eq!(shown.len(), text.len(), "byte offsets stay valid");
        assert!(!shown
            .chars()
            .any(|c| c.is_control() && !"\t\r\n".contains(c)));
    }
}
