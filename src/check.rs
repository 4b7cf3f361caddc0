//! Checking files: walk, read, decode, [`Engine::check`], collect into a [`Report`].
//! The walk runs in parallel; each thread reuses one read buffer, and results are
//! gathered once per file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ally_core::{
    decode, is_bundled_library, is_finished_record, is_generated, language, Checked, Decoded,
    Document, Engine, Format, PathLanguage, BINARY_SNIFF_LEN,
};

use crate::read::{human_size, FileReader, FileText, ReadError};
use crate::report::{PathMessage, Report};
use crate::walk::{self, Entry, SkipReason, WalkOptions};
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

/// The language a path's conventions give, where the host can confirm it (a locale
/// folder beside an `en/` one is confirmed by looking).
fn path_language(path: &str) -> Option<String> {
    match language::from_path(path) {
        PathLanguage::Named(lang) => Some(lang),
        PathLanguage::IfEnglishBeside { language, sibling } => {
            Path::new(&sibling).is_dir().then_some(language)
        }
        PathLanguage::Unknown => None,
    }
}

/// Checks one text, configured as the file at `on_disk`.
pub fn check_text(
    engine: &Engine,
    path: &Arc<str>,
    text: &str,
    path_rules: &PathRules,
    on_disk: &Path,
) -> Checked {
    let disabled = path_rules.disabled_for(on_disk);
    let configured = path_rules.language_for(on_disk);
    let format = Format::of(path, text);
    // The engine reads declarations and the text; a locale folder beside an `en/`
    // needs a look at the disk, which is ours to take.
    let by_path = match language::from_path(path) {
        PathLanguage::IfEnglishBeside { .. } => path_language(&on_disk.to_string_lossy()),
        _ => None,
    };
    let given = configured.or(by_path);
    engine.check(&Document {
        path,
        text,
        format,
        disabled: &disabled,
        language: given.as_deref(),
    })
}

/// Adds what checking one file found to the report.
fn record(report: &mut Report, shown: &str, checked: Checked) {
    if checked.left_out_for_language {
        report.skipped.language += 1;
        report.left_out.push(PathMessage {
            path: shown.to_owned(),
            message: format!(
                "language: {} (no enabled pack is written for it)",
                checked.language.as_deref().unwrap_or("unknown")
            ),
            line: None,
        });
    }
    report.findings.extend(checked.findings);
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
            let checked = check_text(engine, &shown, &text, path_rules, Path::new(name));
            record(report, name, checked);
        }
        Decoded::Binary => {
            report.skipped.binary += 1;
            report.notices.push(PathMessage {
                path: name.to_owned(),
                message: binary_note(),
                line: None,
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
    /// Show progress on stderr when the run takes more than a second (a terminal's).
    pub progress: bool,
}

/// How long a run goes before it shows progress.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// Shows the files and bytes checked so far on stderr, from [`PROGRESS_AFTER`] until
/// `done` is set, then clears the line.
fn show_progress(files: &AtomicU64, bytes: &AtomicU64, done: &AtomicBool) {
    let started = Instant::now();
    while started.elapsed() < PROGRESS_AFTER {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        None,
        indicatif::ProgressDrawTarget::stderr_with_hz(10),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} checking: {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    while !done.load(Ordering::Relaxed) {
        bar.set_message(format!(
            "{} files, {}",
            files.load(Ordering::Relaxed),
            human_size(bytes.load(Ordering::Relaxed))
        ));
        bar.tick();
        std::thread::sleep(Duration::from_millis(50));
    }
    bar.finish_and_clear();
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
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        if options.progress {
            scope.spawn(|| show_progress(&files, &bytes_total, &done));
        }
        walk_and_check(
            engine,
            roots,
            walk_options,
            path_rules,
            options,
            &shared,
            &files,
            &bytes_total,
        );
        done.store(true, Ordering::Relaxed);
    });
    let mut report = shared.into_inner().expect("no panics while locked");
    report.files_scanned = files.into_inner();
    report.bytes_scanned = bytes_total.into_inner();
    report
}

/// The walk of [`check_paths`]: each file read, checked and recorded in `shared`.
#[allow(clippy::too_many_arguments)]
fn walk_and_check(
    engine: &Engine,
    roots: &[PathBuf],
    walk_options: &WalkOptions,
    path_rules: &PathRules,
    options: CheckOptions,
    shared: &Mutex<Report>,
    files: &AtomicU64,
    bytes_total: &AtomicU64,
) {
    walk::walk(roots, walk_options, || {
        let mut reader = FileReader::default();
        let lock = move || shared.lock().expect("no panics while locked");
        move |entry| match entry {
            Entry::Skipped { path, reason } => {
                let mut report = lock();
                report.skipped.count(reason);
                report.left_out.push(PathMessage {
                    path: display_path(&path).to_string(),
                    message: reason.as_str().to_owned(),
                    line: None,
                });
            }
            Entry::Error { path, message } => {
                lock().errors.push(PathMessage {
                    path: display_path(&path).to_string(),
                    message,
                    line: None,
                });
            }
            Entry::File { path, named } => {
                let shown = display_path(&path);
                let limit = if named { None } else { options.max_file_size };
                match reader.read(&path, limit, !named) {
                    Ok(FileText::Text(text, size)) => {
                        let left_out = if named {
                            None
                        } else if is_generated(&text) {
                            Some(SkipReason::Generated)
                        } else if is_bundled_library(&shown, &text) {
                            Some(SkipReason::Vendored)
                        } else if is_finished_record(&text) {
                            Some(SkipReason::History)
                        } else {
                            None
                        };
                        if let Some(reason) = left_out {
                            let mut report = lock();
                            report.skipped.count(reason);
                            report.left_out.push(PathMessage {
                                path: shown.to_string(),
                                message: reason.as_str().to_owned(),
                                line: None,
                            });
                            return;
                        }
                        let checked = check_text(engine, &shown, &text, path_rules, &path);
                        files.fetch_add(1, Ordering::Relaxed);
                        bytes_total.fetch_add(size, Ordering::Relaxed);
                        if !checked.findings.is_empty() || checked.left_out_for_language {
                            let digest =
                                (!checked.findings.is_empty()).then(|| crate::fix::digest(&text));
                            let mut report = lock();
                            if let Some(digest) = digest {
                                report.digests.insert(shown.clone(), digest);
                            }
                            record(&mut report, &shown, checked);
                        }
                    }
                    Ok(FileText::Binary) => {
                        let mut report = lock();
                        report.skipped.binary += 1;
                        if named {
                            report.notices.push(PathMessage {
                                path: shown.to_string(),
                                message: binary_note(),
                                line: None,
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
                            line: None,
                        });
                    }
                    Err(err) => lock().errors.push(PathMessage {
                        path: shown.to_string(),
                        message: err.describe(),
                        line: None,
                    }),
                }
            }
        }
    });
}
