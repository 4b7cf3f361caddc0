//! Fixing files: the fixes in a report, applied to the files they were found in. The
//! engine computed the edits; this module re-reads each file, makes sure it still holds
//! the text that was checked, applies them (`ally_core::apply_fixes`, a pure function)
//! and writes the result atomically, or prints a unified diff of it.
//!
//! Nothing else changes: bytes outside the edits, line endings, a byte-order mark, the
//! encoding (UTF-16 is written back as UTF-16), the mode, and a symbolic link (its
//! target is written). A file with nothing to fix is not touched.

use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ally_core::{apply_fixes, decode, Applicability, Decoded, Encoding, Finding, Fix};

use crate::report::{PathMessage, Report};
use crate::settings::FixMode;

/// A digest of a checked text, to tell whether a file changed between the check and
/// the fix.
pub fn digest(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// What fixing a report did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Fixes applied (or, for a diff, that would be).
    pub fixes: usize,
    /// Files written (or in the diff).
    pub files: usize,
    /// Files that could not be fixed, and why.
    pub errors: Vec<PathMessage>,
    /// The unified diff, for `--diff`.
    pub diff: Vec<u8>,
}

/// The fixes of `findings` at or above `level`, by path.
fn by_path(findings: &[Finding], level: Applicability) -> BTreeMap<Arc<str>, Vec<&Fix>> {
    let mut out: BTreeMap<Arc<str>, Vec<&Fix>> = BTreeMap::new();
    for finding in findings {
        if let Some(fix) = &finding.fix {
            if fix.applicability >= level && fix.applicability > Applicability::DisplayOnly {
                out.entry(finding.path.clone()).or_default().push(fix);
            }
        }
    }
    out
}

/// `text` in `encoding`, as the file was written.
fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 { bom, .. } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Utf16Le => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        Encoding::Utf16Be => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
    }
}

/// One file, fixed in memory.
struct FixedFile {
    /// The bytes it was read from.
    bytes: Vec<u8>,
    /// Its text, and its text fixed.
    old: String,
    new: String,
    /// How many fixes were applied.
    count: usize,
    /// The fixed text, encoded as the file was.
    new_bytes: Vec<u8>,
}

/// One file fixed in memory: None when there is nothing to fix; an error (for the
/// report) when the file cannot be fixed safely.
fn fixed_file(
    path: &Path,
    fixes: &[&Fix],
    level: Applicability,
    checked: Option<u64>,
) -> Result<Option<FixedFile>, String> {
    let bytes = std::fs::read(path).map_err(|e| crate::read::describe_io_error(&e))?;
    let Decoded::Text(text, encoding) = decode(&bytes) else {
        return Err("not fixed: it is no longer text".to_owned());
    };
    if checked.is_some_and(|d| d != digest(&text)) {
        return Err("not fixed: it changed after it was checked".to_owned());
    }
    if matches!(encoding, Encoding::Utf8 { lossy: true, .. }) || encode(&text, encoding) != bytes {
        return Err(
            "not fixed: it is not valid UTF-8 or UTF-16, and writing it back would change \
             bytes outside the findings"
                .to_owned(),
        );
    }
    let applied = apply_fixes(&text, fixes.iter().copied(), level);
    if applied.fixes == 0 || applied.text == text {
        return Ok(None);
    }
    let new_bytes = encode(&applied.text, encoding);
    let old = text.into_owned();
    Ok(Some(FixedFile {
        bytes,
        old,
        new: applied.text,
        count: applied.fixes,
        new_bytes,
    }))
}

/// Writes `new` over the file at `path` (the target of a symbolic link), through a
/// temporary file in the same folder and a rename, keeping its mode. If the file no
/// longer holds `old`, nothing is written.
fn write_atomically(path: &Path, old: &[u8], new: &[u8]) -> Result<(), String> {
    let io = |e: std::io::Error| crate::read::describe_io_error(&e);
    let target = std::fs::canonicalize(path).map_err(io)?;
    let permissions = std::fs::metadata(&target).map_err(io)?.permissions();
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let temporary = folder.join(format!(".{name}.ally-fix-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(io)?;
        file.write_all(new).map_err(io)?;
        file.sync_all().map_err(io)?;
        drop(file);
        std::fs::set_permissions(&temporary, permissions).map_err(io)?;
        if std::fs::read(&target).map_err(io)? != old {
            return Err("not fixed: it changed while it was being fixed".to_owned());
        }
        std::fs::rename(&temporary, &target).map_err(io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// A unified diff of one file, as `git apply` reads it (`a/` and `b/` prefixes).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Applies (or, for a diff, describes) the fixes of `report` at or above `level` to the
/// files they were found in; `stdin` names the buffer read from stdin, which is not a
/// file and is left to the caller.
pub fn fix_files(
    report: &Report,
    mode: FixMode,
    level: Applicability,
    stdin: Option<&str>,
) -> Outcome {
    let mut outcome = Outcome::default();
    for (path, fixes) in by_path(&report.findings, level) {
        if stdin == Some(&*path) {
            continue;
        }
        let on_disk = PathBuf::from(&*path);
        let checked = report.digests.get(&path).copied();
        let fixed = fixed_file(&on_disk, &fixes, level, checked).and_then(|fixed| {
            let Some(file) = fixed else {
                return Ok(None);
            };
            match mode {
                FixMode::Diff => {
                    outcome
                        .diff
                        .extend_from_slice(unified_diff(&path, &file.old, &file.new).as_bytes());
                }
                FixMode::Write => write_atomically(&on_disk, &file.bytes, &file.new_bytes)?,
            }
            Ok(Some(file.count))
        });
        match fixed {
            Ok(Some(count)) => {
                outcome.fixes += count;
                outcome.files += 1;
            }
            Ok(None) => {}
            Err(message) => outcome.errors.push(PathMessage {
                path: path.to_string(),
                message,
                line: None,
            }),
        }
    }
    outcome
}

/// The buffer read from stdin with its fixes at or above `level` applied, and how many
/// were.
pub fn fix_text(text: &str, findings: &[Finding], level: Applicability) -> (String, usize) {
    let fixes = by_path(findings, level);
    let all: Vec<&Fix> = fixes.into_values().flatten().collect();
    let applied = apply_fixes(text, all, level);
    (applied.text, applied.fixes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip() {
        let text = "Café — the whitelist\r\n";
        for encoding in [
            Encoding::Utf8 {
                bom: false,
                lossy: false,
            },
            Encoding::Utf8 {
                bom: true,
                lossy: false,
            },
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ] {
            let bytes = encode(text, encoding);
            match decode(&bytes) {
                Decoded::Text(back, found) => {
                    assert_eq!(back, text);
                    assert_eq!(found, encoding);
                }
                Decoded::Binary => panic!("{encoding:?} read back as binary"),
            }
        }
    }

    #[test]
    fn a_file_that_changed_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "edited meanwhile\n").unwrap();
        let err = write_atomically(&path, b"as checked\n", b"fixed\n").unwrap_err();
        assert!(err.contains("changed"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "edited meanwhile\n"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&path, b"edited meanwhile\n", b"fixed\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed\n");
    }

    #[test]
    fn diffs_name_both_sides() {
        let diff = unified_diff("docs/a.md", "one\nthe whitelist\n", "one\nthe allowlist\n");
        assert!(diff.starts_with("--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,2 +1,2 @@\n"));
        assert!(diff.contains("-the whitelist\n+the allowlist\n"), "{diff}");
    }
}
