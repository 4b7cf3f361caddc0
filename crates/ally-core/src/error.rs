//! Errors that point into a text file: a rule pack or a configuration file.
//!
//! They are data: the file's name, its text and a byte span, a message and notes. The
//! host renders them (the command line with the file's line and a caret); the engine
//! never prints.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::text::LineIndex;

/// A problem at one place in a named text file.
#[derive(Debug, Clone)]
pub struct SourceError {
    /// The file's name as the user should see it.
    pub file: String,
    /// The file's whole text, shared with other errors about the same file.
    pub text: Arc<str>,
    /// The byte span the error is about (may be empty).
    pub span: Range<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Further help ("did you mean ...?", what the valid values are).
    pub notes: Vec<String>,
    /// Whether the file's lines may be shown. A file that is not known to be a
    /// configuration or rule pack (`--pack /proc/self/environ`) is never quoted: it
    /// may hold secrets.
    pub quote: bool,
    /// Whether the error is about a place in the file (false: about the whole file,
    /// such as a file that cannot be read; then no line and column are shown).
    pub placed: bool,
}

impl SourceError {
    /// An error at `span` of `text`.
    pub fn new(
        file: impl Into<String>,
        text: Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let len = text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        Self {
            file: file.into(),
            text,
            span: start..end,
            message: message.into(),
            notes: Vec::new(),
            quote: true,
            placed: true,
        }
    }

    /// An error about a whole file (it cannot be read, say): no place, nothing quoted.
    pub fn about_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        let mut err = SourceError::new(file, Arc::from(""), 0..0, message);
        err.quote = false;
        err.placed = false;
        err
    }

    /// The error about a file that may not be quoted: its place (line and column)
    /// stays, its lines and anything the parser said about them go. `what` says what
    /// the file was expected to be (`a rule pack`).
    #[must_use]
    pub fn redacted(self, what: &str) -> Self {
        let (line, column) = self.line_column();
        SourceError::about_file(
            self.file,
            format!(
                "not a valid {what} (the problem is at line {line}, column {column}); its \
                 content is not shown, because it is not a .toml file inside the repository"
            ),
        )
    }

    /// Adds a note shown under the source excerpt.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The 1-based line and column (in characters) where the span starts.
    pub fn line_column(&self) -> (usize, usize) {
        let at = floor_char_boundary(&self.text, self.span.start);
        let position = LineIndex::new(&self.text).position(at);
        (position.line, position.column)
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.placed {
            let (line, column) = self.line_column();
            write!(f, "{}:{}:{}: {}", self.file, line, column, self.message)?;
        } else {
            write!(f, "{}: {}", self.file, self.message)?;
        }
        for note in &self.notes {
            write!(f, " ({note})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}

/// The largest char boundary of `text` at or below `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// For a parser's "unknown field `x`, expected one of `a`, `b`" message: a note
/// saying which keys are valid there, with the closest one first when the unknown key
/// looks like a typo of it. `tables` are the key lists of the file's tables; the one
/// the message lists is used.
pub fn unknown_key_note(message: &str, tables: &[&[&str]]) -> Option<String> {
    let unknown = message.strip_prefix("unknown field `")?.split('`').next()?;
    let keys = tables
        .iter()
        .find(|keys| keys.iter().all(|k| message.contains(&format!("`{k}`"))))
        .or_else(|| tables.first())?;
    let mut note = format!("valid keys here: {}", keys.join(", "));
    if let Some(close) = did_you_mean(unknown, keys.iter().copied()) {
        note = format!("did you mean `{close}`? {note}");
    }
    Some(note)
}

/// The known name closest to `unknown`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        let distance = edit_distance(unknown, candidate);
        let limit = (unknown.chars().count().max(candidate.chars().count()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// Levenshtein distance between two short strings.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_characters() {
        let text: Arc<str> = Arc::from("a = 1\ncafé = x\n");
        let at = text.find('x').unwrap();
        let error = SourceError::new("f.toml", text, at..at + 1, "bad");
        assert_eq!(error.line_column(), (2, 8));
        assert_eq!(error.to_string(), "f.toml:2:8: bad");
    }

    #[test]
    fn suggestions_only_for_close_names() {
        let known = ["severity", "enabled", "alternatives"];
        assert_eq!(did_you_mean("severty", known), Some("severity"));
        assert_eq!(did_you_mean("enabel", known), Some("enabled"));
        assert_eq!(did_you_mean("colour", known), None);
        let message =
            "unknown field `severty`, expected one of `enabled`, `severity`, `alternatives`";
        let note = unknown_key_note(message, &[&["a", "b"], &known]).unwrap();
        assert_eq!(
            note,
            "did you mean `severity`? valid keys here: severity, enabled, alternatives"
        );
    }
}
