//! Checking files: read, decode, scan, collect. The walk runs in parallel; each thread
//! reuses one read buffer, and results are gathered once per file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::config::PathMatcher;
use crate::decode::BINARY_SNIFF_LEN;
use crate::decode::{decode, Decoded};
use crate::excerpt::Excerpt;
use crate::finding::Finding;
use crate::read::{human_size, FileReader, FileText, ReadError};
use crate::scan::{FileKind, Scanner};
use crate::walk::{self, absolute, relative_to, Entry, WalkOptions};

/// A path that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The path as given or walked.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// Rules turned off for some paths (`[[override]]`), as rule indices.
#[derive(Debug, Clone, Default)]
pub struct PathRules {
    /// The folder the globs are relative to (absolute).
    pub base: PathBuf,
    /// The working folder, against which relative file paths are resolved (read once,
    /// not once per file).
    pub cwd: PathBuf,
    /// Globs and the rules they turn off.
    pub entries: Vec<(PathMatcher, Vec<usize>)>,
    /// The number of rules (the length of each disabled mask).
    pub rule_count: usize,
}

impl PathRules {
    /// The disabled-rule mask for one file (empty when nothing is disabled).
    pub fn disabled_for(&self, path: &Path) -> Vec<bool> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let Some(relative) = relative_to(&absolute(&self.cwd, path), &self.base) else {
            return Vec::new();
        };
        let mut mask = Vec::new();
        for (globs, rules) in &self.entries {
            if globs.is_match(&relative) {
                mask.resize(self.rule_count, false);
                for &rule in rules {
                    mask[rule] = true;
                }
            }
        }
        mask
    }
}

/// Everything a check produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, sorted by path, then offset.
    pub findings: Vec<Finding>,
    /// Paths that could not be checked, sorted.
    pub errors: Vec<FileError>,
    /// Text files scanned.
    pub files_scanned: u64,
    /// Bytes of those files.
    pub bytes_scanned: u64,
    /// Files not checked, by reason.
    pub skipped: Skipped,
    /// Files not checked that deserve a word (too large, binary but named), sorted.
    pub notices: Vec<FileError>,
}

/// How many files were not checked, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Binary files.
    pub binary: u64,
    /// Walked files over the size limit.
    pub too_large: u64,
}

/// How a path is shown: as given, without a leading `./` (kept for a file named `-`,
/// which would read as stdin without it).
pub fn display_path(path: &Path) -> Arc<str> {
    let text = path.to_string_lossy();
    let mut shown: &str = &text;
    while let Some(rest) = shown.strip_prefix("./") {
        if rest == "-" {
            break;
        }
        shown = rest;
    }
    Arc::from(shown)
}

/// The findings in one text. With `excerpts`, each finding carries the lines around
/// it, for renderers that show them.
pub fn check_text(
    scanner: &Scanner,
    path: &Arc<str>,
    text: &str,
    disabled: &[bool],
    excerpts: bool,
) -> Vec<Finding> {
    let mut findings = scanner.scan(path, text, FileKind::from_path(path), disabled);
    if excerpts {
        for finding in &mut findings {
            finding.excerpt = Some(Box::new(Excerpt::new(
                text,
                finding.start.offset,
                finding.end.offset,
                finding.start.line,
            )));
        }
    }
    findings
}

/// The findings in one file's bytes (stdin), or None for a binary file.
pub fn check_bytes(
    scanner: &Scanner,
    path: &Arc<str>,
    bytes: &[u8],
    disabled: &[bool],
    excerpts: bool,
) -> Option<Vec<Finding>> {
    let Decoded::Text(text, _) = decode(bytes) else {
        return None;
    };
    Some(check_text(scanner, path, &text, disabled, excerpts))
}

/// What `check_paths` is asked to do besides finding.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Cut an excerpt for each finding (for the human format).
    pub excerpts: bool,
    /// Walked files larger than this are skipped, with a notice.
    pub max_file_size: Option<u64>,
}

/// Checks every file under `roots`.
pub fn check_paths(
    scanner: &Scanner,
    roots: &[PathBuf],
    walk_options: &WalkOptions,
    path_rules: &PathRules,
    options: CheckOptions,
) -> Outcome {
    let shared = Mutex::new(Outcome::default());
    let files = AtomicU64::new(0);
    let bytes_total = AtomicU64::new(0);
    walk::walk(roots, walk_options, || {
        let mut reader = FileReader::default();
        let shared = &shared;
        let files = &files;
        let bytes_total = &bytes_total;
        let lock = move || shared.lock().expect("no panics while locked");
        move |entry| match entry {
            Entry::Error { path, message } => {
                lock().errors.push(FileError {
                    path: display_path(&path).to_string(),
                    message,
                });
            }
            Entry::File { path, named } => {
                let shown = display_path(&path);
                let limit = if named { None } else { options.max_file_size };
                match reader.read(&path, limit, !named) {
                    Ok(FileText::Text(text, _, size)) => {
                        let disabled = path_rules.disabled_for(&path);
                        let findings =
                            check_text(scanner, &shown, &text, &disabled, options.excerpts);
                        files.fetch_add(1, Ordering::Relaxed);
                        bytes_total.fetch_add(size, Ordering::Relaxed);
                        if !findings.is_empty() {
                            lock().findings.extend(findings);
                        }
                    }
                    Ok(FileText::Binary) => {
                        let mut outcome = lock();
                        outcome.skipped.binary += 1;
                        if named {
                            outcome.notices.push(FileError {
                                path: shown.to_string(),
                                message: format!(
                                    "not checked: it looks binary (a NUL byte in its first {})",
                                    human_size(BINARY_SNIFF_LEN as u64)
                                ),
                            });
                        }
                    }
                    Err(ReadError::TooLarge { size, limit }) => {
                        let mut outcome = lock();
                        outcome.skipped.too_large += 1;
                        outcome.notices.push(FileError {
                            path: shown.to_string(),
                            message: format!(
                                "not checked: {} is over the limit of {} for walked files \
                                 (`max-file-size` in ally.toml; a file named on the command \
                                 line is always checked)",
                                human_size(size),
                                human_size(limit)
                            ),
                        });
                    }
                    Err(err) => lock().errors.push(FileError {
                        path: shown.to_string(),
                        message: err.describe(),
                    }),
                }
            }
        }
    });
    let mut outcome = shared.into_inner().expect("no panics while locked");
    outcome.files_scanned = files.into_inner();
    outcome.bytes_scanned = bytes_total.into_inner();
    outcome.finish();
    outcome
}

impl Outcome {
    /// Sorts findings and errors into their deterministic order.
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
}
