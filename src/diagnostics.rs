//! What the command line says besides reports: errors (a configuration or pack error
//! rendered with its line and a caret, by codespan-reporting), notes about files not
//! checked, and writing to stdout, where a reader that went away (`| head`) is handled
//! here and nowhere else.

use std::io::{self, IsTerminal, Write};

use ally_core::SourceError;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

use crate::terminal::{escape, escape_source};

/// An error that ends the command with exit code 2.
#[derive(Debug)]
pub enum Failure {
    /// An error inside a file: rendered with the source line.
    Source(SourceError),
    /// Any other error.
    Message(String),
}

impl From<SourceError> for Failure {
    fn from(err: SourceError) -> Self {
        Failure::Source(err)
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

impl Failure {
    /// The error as a report's `errors` entry: the file and line it is about, when
    /// it is about one.
    pub fn as_path_message(&self) -> crate::report::PathMessage {
        match self {
            Failure::Source(err) => {
                let mut message = err.message.clone();
                for note in &err.notes {
                    message.push_str("; ");
                    message.push_str(note);
                }
                crate::report::PathMessage {
                    path: err.file.clone(),
                    message,
                    line: err.placed.then(|| err.line_column().0),
                }
            }
            Failure::Message(message) => crate::report::PathMessage {
                path: String::new(),
                message: message.clone(),
                line: None,
            },
        }
    }

    /// The error as the terminal shows it.
    pub fn render(&self, color: bool) -> String {
        match self {
            Failure::Source(err) => render_source_error(err, color),
            Failure::Message(message) => format!("error: {}\n", escape(message)),
        }
    }
}

/// Whether stderr shows colour: a terminal, and `NO_COLOR` unset.
pub fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes a failure to stderr.
pub fn report_failure(failure: &Failure) {
    let _ = io::stderr().write_all(failure.render(stderr_color()).as_bytes());
}

/// Renders an error the way codespan-reporting does: a header, `file:line:col`, the
/// source line with the span underlined, and the notes. Everything shown goes
/// through [`crate::terminal`]: a configuration or pack cannot drive the terminal. A
/// file that may not be quoted ([`SourceError::quote`]) is named, not shown.
pub fn render_source_error(err: &SourceError, color: bool) -> String {
    if !err.quote {
        let mut text = format!("error: {}\n", escape(&err.to_string()));
        for note in &err.notes {
            text.push_str(&format!("  = {}\n", escape(note)));
        }
        return text;
    }
    let source = escape_source(&err.text);
    let name = escape(&err.file);
    let file = SimpleFile::new(&*name, source.text.as_str());
    let span = source.map(err.span.start)..source.map(err.span.end);
    let mut diagnostic = Diagnostic::error()
        .with_message(escape(&err.message))
        .with_labels(vec![Label::primary((), span)]);
    if !err.notes.is_empty() {
        diagnostic =
            diagnostic.with_notes(err.notes.iter().map(|n| escape(n).into_owned()).collect());
    }
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    if term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic).is_err() {
        // The span could not be mapped onto the text: fall back to a plain line.
        return format!("error: {}\n", escape(&err.to_string()));
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Writes to stdout through `write`. A reader that closed the pipe early (`| head`) is
/// not an error of ours: the rest is dropped quietly. Any other failure is an error.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to stdout: {e}").into()),
    }
}

/// Writes notes (`note: PATH: message`) to stderr.
pub fn write_notes<'a>(notes: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let mut err = io::stderr().lock();
    for (path, message) in notes {
        let _ = writeln!(err, "note: {}: {}", escape(path), escape(message));
    }
}

/// A note about the whole run (what `--fix` did), on stderr.
pub fn write_note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "ally: {}", escape(message));
}

/// [`write_note`], except with `--quiet`.
pub fn write_note_unless(quiet: bool, message: &str) {
    if !quiet {
        write_note(message);
    }
}

/// Text ally made itself (nothing from a file in it), as it is.
pub fn write_raw(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// `--verbose`: each file or folder left out and why, then the counts.
pub fn write_left_out(report: &crate::report::Report) {
    let mut err = io::stderr().lock();
    for left in &report.left_out {
        let _ = writeln!(
            err,
            "left out: {}: {}",
            escape(&left.path),
            escape(&left.message)
        );
    }
    let counts: Vec<String> = report
        .skipped
        .counts()
        .iter()
        .map(|(reason, n)| format!("{n} {}", reason.replace('_', " ")))
        .collect();
    let _ = writeln!(
        err,
        "checked {} files; left out: {} (for language: {})",
        report.files_scanned,
        counts.join(", "),
        report.skipped.language
    );
}

/// Writes errors about paths (`error: PATH: message`) to stderr.
pub fn write_path_errors<'a>(errors: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let mut err = io::stderr().lock();
    for (path, message) in errors {
        let _ = writeln!(err, "error: {}: {}", escape(path), escape(message));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn source_errors_show_the_line_and_escape_it() {
        let text: Arc<str> = Arc::from("a = 1\ncafé = \"\u{1b}[2J\"\n");
        let at = text.find('"').unwrap();
        let err = SourceError::new("f.toml", text, at..at + 3, "bad").with_note("a note");
        let shown = render_source_error(&err, false);
        assert!(shown.contains("f.toml:2:8"), "{shown}");
        assert!(shown.contains("\\u{1b}[2J"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        let hidden = render_source_error(&err.redacted("rule pack"), false);
        assert!(!hidden.contains("café"), "{hidden}");
        assert!(hidden.contains("line 2, column 8"), "{hidden}");
    }
}
