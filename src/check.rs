//! Checking files: read, decode, scan, collect. The walk runs in parallel; each thread
//! reuses one read buffer, and results are gathered once per file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::config::PathMatcher;
use crate::decode::{decode, Decoded};
use crate::excerpt::Excerpt;
use crate::finding::Finding;
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
}

/// How a path is shown: as given, without a leading `./`.
pub fn display_path(path: &Path) -> Arc<str> {
    let text = path.to_string_lossy();
    let mut shown: &str = &text;
    while let Some(rest) = shown.strip_prefix("./") {
        shown = rest;
    }
    Arc::from(shown)
}

/// The findings in one file's bytes, or None for a binary file. With `excerpts`, each
/// finding carries the lines around it, for renderers that show them.
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
    let mut findings = scanner.scan(path, &text, FileKind::from_path(path), disabled);
    if excerpts {
        for finding in &mut findings {
            finding.excerpt = Some(Box::new(Excerpt::new(
                &text,
                finding.start.offset,
                finding.end.offset,
                finding.start.line,
            )));
        }
    }
    Some(findings)
}

/// Checks every file under `roots`.
pub fn check_paths(
    scanner: &Scanner,
    roots: &[PathBuf],
    walk_options: &WalkOptions,
    path_rules: &PathRules,
    excerpts: bool,
) -> Outcome {
    let shared = Mutex::new(Outcome::default());
    let files = AtomicU64::new(0);
    let bytes_total = AtomicU64::new(0);
    walk::walk(roots, walk_options, || {
        let mut buffer: Vec<u8> = Vec::with_capacity(64 * 1024);
        let shared = &shared;
        let files = &files;
        let bytes_total = &bytes_total;
        move |entry| match entry {
            Entry::Error { path, message } => {
                shared
                    .lock()
                    .expect("no panics while locked")
                    .errors
                    .push(FileError {
                        path: display_path(&path).to_string(),
                        message,
                    });
            }
            Entry::File(path) => {
                buffer.clear();
                let read = std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut buffer));
                let shown = display_path(&path);
                if let Err(err) = read {
                    shared
                        .lock()
                        .expect("no panics while locked")
                        .errors
                        .push(FileError {
                            path: shown.to_string(),
                            message: walk::describe_io_error(&err),
                        });
                    return;
                }
                let disabled = path_rules.disabled_for(&path);
                if let Some(findings) = check_bytes(scanner, &shown, &buffer, &disabled, excerpts) {
                    files.fetch_add(1, Ordering::Relaxed);
                    bytes_total.fetch_add(buffer.len() as u64, Ordering::Relaxed);
                    if !findings.is_empty() {
                        let mut outcome = shared.lock().expect("no panics while locked");
                        outcome.findings.extend(findings);
                    }
                }
                // Large one-off buffers are not kept for the rest of the walk.
                if buffer.capacity() > 16 * 1024 * 1024 {
                    buffer = Vec::with_capacity(64 * 1024);
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
        self.errors
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.message.cmp(&b.message)));
    }
}
