//! Reports: what a check found, as plain data ([`Report`]), and one [`Reporter`] per
//! output format that writes it. None of them prints: they write to what they are
//! given.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod rules;
pub mod sarif;
pub mod statistics;

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
    /// The line it is about, when it is about one (a bad `ally.toml` key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// How many files (or folders, for a vendored folder) were not checked, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Another project's code (`vendor/`, `node_modules/`, `linguist-vendored`, ...).
    pub vendored: u64,
    /// Made by a tool (`linguist-generated`, `@generated`, `DO NOT EDIT`).
    pub generated: u64,
    /// Licence texts.
    pub licence: u64,
    /// Text in a language no enabled pack is written for.
    pub language: u64,
    /// Lists of people (`AUTHORS`, `THANKS`, ...).
    pub people: u64,
    /// Records of the past (archived notes, release notes).
    pub history: u64,
    /// Test inputs and expected outputs in `testdata/` folders.
    pub test_data: u64,
    /// Binary files.
    pub binary: u64,
    /// Walked files over the size limit.
    pub too_large: u64,
}

impl Skipped {
    /// Every count, with its name, in the order reports show them.
    pub fn counts(&self) -> [(&'static str, u64); 9] {
        [
            ("vendored", self.vendored),
            ("generated", self.generated),
            ("licence", self.licence),
            ("language", self.language),
            ("people", self.people),
            ("history", self.history),
            ("test_data", self.test_data),
            ("binary", self.binary),
            ("too_large", self.too_large),
        ]
    }

    /// Counts one more file left out for `reason` (a walk's reasons).
    pub fn count(&mut self, reason: crate::walk::SkipReason) {
        use crate::walk::SkipReason;
        match reason {
            SkipReason::Vendored => self.vendored += 1,
            SkipReason::Generated => self.generated += 1,
            SkipReason::Licence => self.licence += 1,
            SkipReason::People => self.people += 1,
            SkipReason::History => self.history += 1,
            SkipReason::TestData => self.test_data += 1,
        }
    }
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
    /// Each file or folder left out, and why (for `--verbose`), sorted.
    pub left_out: Vec<PathMessage>,
    /// A digest of the text of each file with findings, as it was checked (so that a
    /// fix can tell whether the file changed since).
    #[serde(skip)]
    pub digests: std::collections::HashMap<std::sync::Arc<str>, u64>,
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
        for list in [&mut self.errors, &mut self.notices, &mut self.left_out] {
            list.sort_by(|a, b| a.path.cmp(&b.path).then(a.message.cmp(&b.message)));
        }
    }

    /// Counts of findings by rule, most first (ties by id).
    pub fn by_rule(&self) -> Vec<(&str, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for finding in &self.findings {
            *counts.entry(finding.rule.id.as_str()).or_default() += 1;
        }
        let mut sorted: Vec<(&str, usize)> = counts.into_iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        sorted
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

/// A reported path as machine formats and baselines write it: `/`-separated, without
/// a leading `./`.
pub fn relative_path(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    path
}

/// How a report is shown, besides its format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Show {
    /// Colour (the human format only).
    pub color: bool,
    /// Findings only, no summary line.
    pub quiet: bool,
    /// A count per rule instead of the findings.
    pub statistics: bool,
}

/// The reporter for a format.
pub fn reporter(format: Format, show: Show) -> Box<dyn Reporter> {
    if show.statistics {
        return Box::new(statistics::Statistics);
    }
    match format {
        Format::Human => Box::new(human::Human {
            color: show.color,
            quiet: show.quiet,
        }),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Github => Box::new(github::Github),
        Format::Checkstyle => Box::new(checkstyle::Checkstyle),
        Format::Html => Box::new(html::Html),
    }
}
