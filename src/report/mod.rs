//! Output formats. Each renders the same [`Outcome`] into bytes; none prints.

pub mod concise;
pub mod human;
pub mod json;
pub mod rules;

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
