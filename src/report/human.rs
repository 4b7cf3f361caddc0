//! The human format: each finding with its line (a window of it: see
//! [`crate::excerpt`]) and the term underlined, the words to try, the explanation and
//! sources (once per rule), and a summary line. It looks like the compiler diagnostics
//! of codespan-reporting, drawn here so that a line of any length and any content is
//! shown safely: every piece of text from a file, a pack or a configuration goes
//! through [`crate::terminal::escape`].

use std::collections::HashSet;
use std::io::{self, Write};

use termcolor::{Buffer, Color, ColorSpec, WriteColor};
use unicode_width::UnicodeWidthStr;

use ally_core::{ExcerptLine, Finding, Severity};

use super::{Report, Reporter};
use crate::terminal::escape;

/// How wide a tab is drawn in an excerpt.
const TAB: &str = "    ";

fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Green,
    }
}

fn spec(color: Color, bold: bool) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_fg(Some(color)).set_bold(bold).set_intense(true);
    spec
}

/// A piece of a source line as it is drawn: escaped, tabs expanded.
fn drawn(piece: &str) -> String {
    escape_line(piece).replace('\t', TAB)
}

/// [`escape`] for one line of an excerpt: tabs are kept (and drawn as spaces).
fn escape_line(piece: &str) -> std::borrow::Cow<'_, str> {
    crate::terminal::escape_except(piece, &['\t'])
}

/// Writes one finding.
fn write_finding(out: &mut Buffer, f: &Finding, explain: bool, gutter: usize) -> io::Result<()> {
    let color = severity_color(f.severity);
    out.set_color(&spec(color, true))?;
    write!(out, "{}[{}]", f.severity, escape(&f.rule.id))?;
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(out, ": {}", escape(&f.message()))?;
    out.reset()?;
    let border = spec(Color::Blue, false);
    let pad = " ".repeat(gutter);
    out.set_color(&border)?;
    write!(out, "{pad} ┌─ ")?;
    out.reset()?;
    writeln!(
        out,
        "{}:{}:{}",
        escape(&f.path),
        f.start.line,
        f.start.column
    )?;
    out.set_color(&border)?;
    writeln!(out, "{pad} │")?;
    out.reset()?;
    let label = try_label(f);
    if let Some(excerpt) = &f.excerpt {
        let last = excerpt.lines.len() - 1;
        for (k, line) in excerpt.lines.iter().enumerate() {
            write_line(out, line, gutter, color, (k == last).then_some(&*label))?;
        }
    }
    out.set_color(&border)?;
    writeln!(out, "{pad} │")?;
    out.reset()?;
    let mut notes = Vec::new();
    if explain {
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
    for note in notes {
        let note = crate::terminal::escape_except(&note, &['\n']);
        out.set_color(&border)?;
        write!(out, "{pad} = ")?;
        out.reset()?;
        let indent = format!("\n{pad}   ");
        writeln!(out, "{}", note.replace('\n', &indent))?;
    }
    writeln!(out)
}

/// `try `allowlist`, `allow list`` under the term, or nothing without alternatives.
fn try_label(f: &Finding) -> String {
    if f.rule.alternatives.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = f.suggestions().iter().map(|a| format!("`{a}`")).collect();
    format!("try {}", shown.join(", "))
}

/// Writes one excerpt line and the carets under its matched part.
fn write_line(
    out: &mut Buffer,
    line: &ExcerptLine,
    gutter: usize,
    color: Color,
    label: Option<&str>,
) -> io::Result<()> {
    let border = spec(Color::Blue, false);
    let Some(number) = line.number else {
        out.set_color(&border)?;
        writeln!(out, "{:>gutter$} │ …", "")?;
        return out.reset();
    };
    let left = if line.clipped_left { "…" } else { "" };
    let right = if line.clipped_right { "…" } else { "" };
    let (before, marked, after) = (drawn(&line.before), drawn(&line.marked), drawn(&line.after));
    out.set_color(&border)?;
    write!(out, "{number:>gutter$} │ ")?;
    out.reset()?;
    writeln!(out, "{left}{before}{marked}{after}{right}")?;
    let indent = left.width() + before.width();
    let carets = "^".repeat(marked.width().max(1));
    out.set_color(&border)?;
    write!(out, "{:gutter$} │ ", "")?;
    out.set_color(&spec(color, false))?;
    write!(out, "{:indent$}{carets}", "")?;
    if let Some(label) = label.filter(|l| !l.is_empty()) {
        write!(out, " {}", escape(label))?;
    }
    out.reset()?;
    writeln!(out)
}

/// The width of the widest line number a finding shows.
fn gutter_width(f: &Finding) -> usize {
    let widest = f
        .excerpt
        .as_ref()
        .and_then(|e| e.lines.iter().filter_map(|l| l.number).max())
        .unwrap_or(f.start.line);
    widest.to_string().len()
}

/// Every finding with its excerpt, then a summary line.
pub struct Human {
    /// Whether to write ANSI colour.
    pub color: bool,
    /// Findings only: no summary line.
    pub quiet: bool,
}

impl Reporter for Human {
    fn needs_source(&self) -> bool {
        true
    }

    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut explained: HashSet<&str> = HashSet::new();
        // Each finding is drawn in a buffer of its own, then written: the colour
        // codes of termcolor need a writer of their own kind.
        let mut buffer = if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        for f in &report.findings {
            let explain = explained.insert(&f.rule.id);
            write_finding(&mut buffer, f, explain, gutter_width(f))?;
            if buffer.len() > 64 * 1024 {
                out.write_all(buffer.as_slice())?;
                buffer.clear();
            }
        }
        out.write_all(buffer.as_slice())?;
        if self.quiet {
            return Ok(());
        }
        out.write_all(summary(report).as_bytes())
    }
}

/// "2 findings (0 errors, 2 warnings, 0 info) in 2 files." and errors.
pub fn summary(report: &Report) -> String {
    let (error, warning, info) = report.by_severity();
    let count = report.findings.len();
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
            report.files_scanned,
            plural(report.files_scanned, "file", "files")
        )
    } else {
        format!(
            "{count} {} ({error} {}, {warning} {}, {info} info) in {} {}.",
            plural(count as u64, "finding", "findings"),
            plural(error as u64, "error", "errors"),
            plural(warning as u64, "warning", "warnings"),
            report.files_scanned,
            plural(report.files_scanned, "file", "files")
        )
    };
    if !report.errors.is_empty() {
        line.push_str(&format!(
            " {} {} could not be checked.",
            report.errors.len(),
            plural(report.errors.len() as u64, "path", "paths")
        ));
    }
    line.push('\n');
    // With many findings, say where they are.
    if count > MANY {
        let top: Vec<String> = report
            .by_rule()
            .iter()
            .take(5)
            .map(|(rule, n)| format!("{rule} ({n})"))
            .collect();
        line.push_str(&format!("Most found: {}.\n", top.join(", ")));
    }
    let skipped: Vec<String> = report
        .skipped
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(reason, n)| format!("{n} {}", reason.replace('_', " ")))
        .collect();
    if !skipped.is_empty() {
        line.push_str(&format!(
            "Not checked: {} (`--verbose` lists them).\n",
            skipped.join(", ")
        ));
    }
    line
}

/// Past this many findings, the summary names the rules found most.
const MANY: usize = 20;

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
