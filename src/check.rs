//! Checking files: walk, read, decode, [`Engine::check`], collect into a [`Report`].
//! The walk runs in parallel; each thread reuses one read buffer, and results are
//! gathered once per file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ally_core::{decode, Decoded, Document, Engine, FileKind, Finding, BINARY_SNIFF_LEN};

use crate::read::{human_size, FileReader, FileText, ReadError};
use crate::report::{PathMessage, Report};
use crate::walk::{self, Entry, WalkOptions};
use crate::workspace::PathRules;

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

/// The findings in one text.
pub fn check_text(
    engine: &Engine,
    path: &Arc<str>,
    text: &str,
    path_rules: &PathRules,
    on_disk: &Path,
) -> Vec<Finding> {
    let disabled = path_rules.disabled_for(on_disk);
    engine.check(&Document {
        path,
        text,
        kind: FileKind::from_path(path),
        disabled: &disabled,
    })
}

/// Checks the bytes of stdin, reported (and configured) as `name`.
pub fn check_stdin(
    engine: &Engine,
    name: &str,
    bytes: &[u8],
    path_rules: &PathRules,
    report: &mut Report,
) {
    let shown: Arc<str> = Arc::from(name);
    match decode(bytes) {
        Decoded::Text(text, _) => {
            report.files_scanned += 1;
            report.bytes_scanned += bytes.len() as u64;
            let findings = check_text(engine, &shown, &text, path_rules, Path::new(name));
            report.findings.extend(findings);
        }
        Decoded::Binary => {
            report.skipped.binary += 1;
            report.notices.push(PathMessage {
                path: name.to_owned(),
                message: binary_note(),
            });
        }
    }
}

fn binary_note() -> String {
    format!(
        "not checked: it looks binary (a NUL byte in its first {})",
        human_size(BINARY_SNIFF_LEN as u64)
    )
}

/// What [`check_paths`] is asked to do besides finding.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Walked files larger than this are skipped, with a note.
    pub max_file_size: Option<u64>,
}

/// Checks every file under `roots`.
pub fn check_paths(
    engine: &Engine,
    roots: &[PathBuf],
    walk_options: &WalkOptions,
    path_rules: &PathRules,
    options: CheckOptions,
) -> Report {
    let shared = Mutex::new(Report::default());
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
                lock().errors.push(PathMessage {
                    path: display_path(&path).to_string(),
                    message,
                });
            }
            Entry::File { path, named } => {
                let shown = display_path(&path);
                let limit = if named { None } else { options.max_file_size };
                match reader.read(&path, limit, !named) {
                    Ok(FileText::Text(text, size)) => {
                        let findings = check_text(engine, &shown, &text, path_rules, &path);
                        files.fetch_add(1, Ordering::Relaxed);
                        bytes_total.fetch_add(size, Ordering::Relaxed);
                        if !findings.is_empty() {
                            lock().findings.extend(findings);
                        }
                    }
                    Ok(FileText::Binary) => {
                        let mut report = lock();
                        report.skipped.binary += 1;
                        if named {
                            report.notices.push(PathMessage {
                                path: shown.to_string(),
                                message: binary_note(),
                            });
                        }
                    }
                    Err(ReadError::TooLarge { size, limit }) => {
                        let mut report = lock();
                        report.skipped.too_large += 1;
                        report.notices.push(PathMessage {
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
                    Err(err) => lock().errors.push(PathMessage {
                        path: shown.to_string(),
                        message: err.describe(),
                    }),
                }
            }
        }
    });
    let mut report = shared.into_inner().expect("no panics while locked");
    report.files_scanned = files.into_inner();
    report.bytes_scanned = bytes_total.into_inner();
    report
}
