//! `--diff-base REF`: the lines added or changed since a git revision, asked of git
//! itself (`git diff` against REF, and `git ls-files` for files git does not track
//! yet), so a pull request is checked for what it changes.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Which lines of a file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lines {
    /// A new file: every line.
    All,
    /// These line ranges (1-based, inclusive).
    Some(Vec<RangeInclusive<usize>>),
}

/// The changed lines of every changed file, by absolute path.
#[derive(Debug, Default)]
pub struct Changed {
    files: HashMap<PathBuf, Lines>,
}

fn git(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .map_err(|e| format!("--diff-base needs git, which could not be run: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "--diff-base: `git {}` failed: {}",
            args.join(" "),
            crate::terminal::escape(said.trim())
        ));
    }
    Ok(output.stdout)
}

/// A path as git prints it in a diff header: C-quoted (`"a\tb"`, octal escapes for
/// bytes beyond ASCII) when it holds unusual characters, else as it is.
fn unquote(name: &str) -> Vec<u8> {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.as_bytes().to_vec();
    };
    let mut out = Vec::new();
    let bytes = inner.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] != b'\\' || k + 1 == bytes.len() {
            out.push(bytes[k]);
            k += 1;
            continue;
        }
        let next = bytes[k + 1];
        if next.is_ascii_digit() && k + 4 <= bytes.len() {
            let octal = std::str::from_utf8(&bytes[k + 1..k + 4]).unwrap_or("");
            if let Ok(value) = u8::from_str_radix(octal, 8) {
                out.push(value);
                k += 4;
                continue;
            }
        }
        out.push(match next {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'a' => 0x07,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'v' => 0x0b,
            other => other,
        });
        k += 2;
    }
    out
}

#[cfg(unix)]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// The added lines of each file in a `git diff --unified=0` patch, by the path
/// relative to the repository's top.
pub fn parse_diff(patch: &str) -> HashMap<PathBuf, Vec<RangeInclusive<usize>>> {
    let mut files: HashMap<PathBuf, Vec<RangeInclusive<usize>>> = HashMap::new();
    let mut current: Option<PathBuf> = None;
    for line in patch.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            current = if name == "/dev/null" {
                None
            } else {
                let bytes = unquote(name);
                let bytes = bytes.strip_prefix(b"b/").unwrap_or(&bytes).to_vec();
                Some(path_of(bytes))
            };
            if let Some(path) = &current {
                files.entry(path.clone()).or_default();
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            // @@ -a,b +c,d @@: d lines from line c are new (d is 1 when left out).
            let Some(added) = hunk
                .split_whitespace()
                .find_map(|part| part.strip_prefix('+'))
            else {
                continue;
            };
            let mut numbers = added.splitn(2, ',');
            let start: usize = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let count: usize = numbers
                .next()
                .map_or(Some(1), |n| n.parse().ok())
                .unwrap_or(0);
            if let (Some(path), true) = (&current, count > 0) {
                files
                    .entry(path.clone())
                    .or_default()
                    .push(start..=start + count - 1);
            }
        }
    }
    files
}

impl Changed {
    /// Asks git, in the repository that holds `cwd`, what changed since `base`.
    pub fn since(base: &str, cwd: &Path) -> Result<Changed, String> {
        if base.starts_with('-') {
            return Err(format!("--diff-base: `{base}` is not a revision"));
        }
        let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        // Findings' paths are resolved the same way (symbolic links such as /tmp).
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        // The revision must exist: a typo must not pass as "nothing changed".
        git(
            cwd,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{base}^{{commit}}"),
            ],
        )
        .map_err(|_| format!("--diff-base: `{base}` is not a revision of this repository"))?;
        let patch = git(
            &top,
            &[
                "-c",
                "core.quotePath=true",
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--find-renames",
                // Whatever the user's diff.noprefix or diff.mnemonicPrefix says.
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "--diff-filter=AMRC",
                base,
                "--",
            ],
        )?;
        let mut files: HashMap<PathBuf, Lines> = parse_diff(&String::from_utf8_lossy(&patch))
            .into_iter()
            .map(|(path, ranges)| (top.join(path), Lines::Some(ranges)))
            .collect();
        let untracked = git(&top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        for name in untracked.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.insert(top.join(path_of(name.to_vec())), Lines::All);
        }
        Ok(Changed { files })
    }

    /// Whether line `line` of the file at `path` (absolute) is new or changed.
    pub fn contains(&self, path: &Path, line: usize) -> bool {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        match self.files.get(&path) {
            Some(Lines::All) => true,
            Some(Lines::Some(ranges)) => ranges.iter().any(|r| r.contains(&line)),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_added_lines() {
        let patch = "diff --git a/notes.md b/notes.md\nindex 1..2 100644\n--- a/notes.md\n+++ b/notes.md\n@@ -2,0 +3 @@ plain text\n+The blacklist is new.\n@@ -7,2 +9,3 @@\n-x\n-y\n+a\n+b\n+c\n@@ -12 +14,0 @@\n-gone\ndiff --git \"a/t\\303\\251st.md\" \"b/t\\303\\251st.md\"\n--- \"a/t\\303\\251st.md\"\n+++ \"b/t\\303\\251st.md\"\n@@ -1 +1 @@\n-a\n+b\n";
        let files = parse_diff(patch);
        assert_eq!(files[Path::new("notes.md")], vec![3..=3, 9..=11]);
        assert_eq!(files[Path::new("tést.md")], vec![1..=1]);
    }

    #[test]
    fn quoted_names() {
        assert_eq!(unquote("\"a\\tb\\\"c\""), b"a\tb\"c".to_vec());
        assert_eq!(unquote("plain name"), b"plain name".to_vec());
    }
}
