//! Reports: what a check found, as plain data ([`Report`]), and one [`Reporter`] per
//! output format that writes it. None of them prints: they write to what they are
//! given.

pub mod concise;
pub mod human;
pub mod json;
pub mod rules;

use std::io::{self, Write};

use ally_core::{Finding, Severity};
use serde::Serialize;

use crate::args::Format;

/// A path and what there is to say about it (an error, or a note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathMessage {
    /// The path as given or walked.
    pub path: String,
    /// What went wrong, or why the file was not checked.
    pub message: String,
}

/// How many files were not checked, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Binary files.
    pub binary: u64,
    /// Walked files over the size limit.
    pub too_large: u64,
}

/// Everything a check produced.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Findings, sorted by path, then offset ([`Report::finish`]).
    pub findings: Vec<Finding>,
    /// Paths that could not be checked, sorted.
    pub errors: Vec<PathMessage>,
    /// Files not checked that deserve a word (too large, binary but named), sorted.
    pub notices: Vec<PathMessage>,
    /// Text files checked.
    pub files_scanned: u64,
    /// Bytes of those files.
    pub bytes_scanned: u64,
    /// Files not checked, by reason.
    pub skipped: Skipped,
}

impl Report {
    /// Sorts findings, errors and notes into their deterministic order.
    pub fn finish(&mut self) {
        self.findings.sort_by(|a, b| {
            a.path
                .cmp(&b.path)
                .then(a.start.offset.cmp(&b.start.offset))
                .then(a.rule.id.cmp(&b.rule.id))
        });
        for list in [&mut self.errors, &mut self.notices] {
            list.sort_by(|a, b| a.path.cmp(&b.path).then(a.message.cmp(&b.message)));
        }
    }

    /// Counts of findings by severity: (error, warning, info).
    pub fn by_severity(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for finding in &self.findings {
            match finding.severity {
                Severity::Error => counts.0 += 1,
                Severity::Warning => counts.1 += 1,
                Severity::Info => counts.2 += 1,
            }
        }
        counts
    }
}

/// One output format.
pub trait Reporter {
    /// Whether findings need their source lines ([`ally_core::Excerpt`]s), which the
    /// engine then cuts while each text is at hand.
    fn needs_source(&self) -> bool {
        false
    }

    /// Writes the report.
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// The reporter for a format. `color` matters to the human format only.
pub fn reporter(format: Format, color: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human { color }),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json),
    }
}
