//! The human format: codespan-reporting excerpts with the term underlined, then the
//! alternatives, the explanation (once per rule) and the sources, and a summary line.

use std::borrow::Cow;
use std::collections::HashSet;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use super::{printable_name, printable_source};
use crate::check::Outcome;
use crate::rules::Severity;

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    }
}

/// Renders every finding, then a summary line.
pub fn render(outcome: &Outcome, color: bool) -> Vec<u8> {
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = Config::default();
    let mut explained: HashSet<&str> = HashSet::new();
    let mut shown: Option<(&str, Cow<str>, Cow<str>)> = None;
    for f in &outcome.findings {
        // Findings come sorted by path: make each file printable once.
        if shown.as_ref().is_none_or(|(path, _, _)| *path != &*f.path) {
            let text = outcome.texts.get(&f.path).map_or("", |t| &**t);
            shown = Some((&*f.path, printable_name(&f.path), printable_source(text)));
        }
        let (_, name, text) = shown.as_ref().expect("set above");
        let file = SimpleFile::new(&**name, &**text);
        let label = if f.rule.alternatives.is_empty() {
            String::new()
        } else {
            let shown: Vec<String> = f
                .rule
                .alternatives
                .iter()
                .map(|a| format!("`{a}`"))
                .collect();
            format!("try {}", shown.join(", "))
        };
        let mut notes = Vec::new();
        if explained.insert(&f.rule.id) {
            notes.push(wrap(&f.rule.explanation, 88));
            let sources: Vec<String> = f
                .rule
                .sources
                .iter()
                .map(|s| format!("{} <{}>", s.title, s.url))
                .collect();
            if !sources.is_empty() {
                notes.push(format!("sources: {}", sources.join("; ")));
            }
        } else {
            notes.push(format!("more: `ally explain {}`", f.rule.id));
        }
        let range = if text.is_empty() {
            0..0
        } else {
            f.start.offset..f.end.offset
        };
        let diagnostic = Diagnostic::new(level(f.severity))
            .with_code(f.rule.id.clone())
            .with_message(f.message())
            .with_labels(vec![Label::primary((), range).with_message(label)])
            .with_notes(notes);
        if term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic).is_err() {
            let line = format!(
                "{}:{}:{}: {}\n",
                name,
                f.start.line,
                f.start.column,
                f.message()
            );
            let _ = std::io::Write::write_all(&mut buffer, line.as_bytes());
        }
    }
    let mut out = buffer.into_inner();
    out.extend_from_slice(summary(outcome).as_bytes());
    out
}

/// "2 findings (0 errors, 2 warnings, 0 info) in 2 files (123 bytes)" and errors.
pub fn summary(outcome: &Outcome) -> String {
    let (error, warning, info) = super::by_severity(outcome);
    let count = outcome.findings.len();
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            one.to_owned()
        } else {
            many.to_owned()
        }
    };
    let mut line = if count == 0 {
        format!(
            "No findings in {} {}.",
            outcome.files_scanned,
            plural(outcome.files_scanned, "file", "files")
        )
    } else {
        format!(
            "{count} {} ({error} {}, {warning} {}, {info} info) in {} {}.",
            plural(count as u64, "finding", "findings"),
            plural(error as u64, "error", "errors"),
            plural(warning as u64, "warning", "warnings"),
            outcome.files_scanned,
            plural(outcome.files_scanned, "file", "files")
        )
    };
    if !outcome.errors.is_empty() {
        line.push_str(&format!(
            " {} {} could not be checked.",
            outcome.errors.len(),
            plural(outcome.errors.len() as u64, "path", "paths")
        ));
    }
    line.push('\n');
    line
}

/// Wraps text at `width` columns, keeping paragraphs.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let mut line_len = 0;
        for word in paragraph.split_whitespace() {
            if line_len > 0 && line_len + 1 + word.len() > width {
                out.push('\n');
                line_len = 0;
            } else if line_len > 0 {
                out.push(' ');
                line_len += 1;
            }
            out.push_str(word);
            line_len += word.chars().count();
        }
    }
    out
}
