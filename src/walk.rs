//! Which files to check: the `ignore` crate's parallel walker (`.gitignore`, `.ignore`,
//! `.allyignore`, hidden files), the team's `exclude` globs, and ally's own files left
//! out. Paths named on the command line are always checked.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use ignore::{WalkBuilder, WalkState};

use crate::config::{PathMatcher, FILE_NAMES};

/// What the walk needs to know.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// `exclude` globs and the folder they are relative to (absolute).
    pub exclude: Option<(PathMatcher, PathBuf)>,
    /// Files that are ally's own (loaded packs, the config, the baseline): absolute.
    pub own_files: Vec<PathBuf>,
    /// Worker threads (0: one per core).
    pub threads: usize,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Entry {
    /// A file to check.
    File(PathBuf),
    /// A path that could not be walked.
    Error {
        /// The path as the user would recognise it.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// `path` made absolute against `cwd`, with `.` and `..` folded away (no file system
/// access: symlinks are left as they are).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path relative to `base`, `/`-separated, if it is inside it.
pub fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let rest = path.strip_prefix(base).ok()?;
    Some(
        rest.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Whether a file name is one of ally's configuration files.
fn is_config_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

/// Whether a file is a licence text (`LICENSE`, `COPYING.md`, `LICENSE-MIT`, ...):
/// legal text that a project cannot reword, so a walk leaves it out. Named on the
/// command line, it is checked like any file.
pub fn is_licence(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let upper = name.to_ascii_uppercase();
    ["LICENSE", "LICENCE", "COPYING", "COPYRIGHT", "UNLICENSE"]
        .iter()
        .any(|prefix| {
            upper.strip_prefix(prefix).is_some_and(|rest| {
                // `license.txt`, `COPYING.LESSER`; `LICENSE-MIT` only in capitals, so that
                // `license_check.rs` stays a source file.
                rest.is_empty()
                    || rest.starts_with('.')
                    || (rest.starts_with(['-', '_']) && name.starts_with(prefix))
            })
        })
}

/// Walks `roots` in parallel, calling the visitor made by `make_visitor` (one per
/// thread) with every file to check and every error.
pub fn walk<F>(roots: &[PathBuf], options: &WalkOptions, make_visitor: impl Fn() -> F + Sync)
where
    F: FnMut(Entry) + Send,
{
    let cwd = std::env::current_dir().unwrap_or_default();
    let own: Arc<Vec<PathBuf>> = Arc::new(options.own_files.clone());
    let is_own = {
        let own = own.clone();
        let cwd = cwd.clone();
        move |path: &Path| is_config_name(path) || own.iter().any(|o| *o == absolute(&cwd, path))
    };

    let mut walk_roots = Vec::new();
    {
        let mut visitor = make_visitor();
        for root in roots {
            match std::fs::metadata(root) {
                Err(e) => visitor(Entry::Error {
                    path: root.clone(),
                    message: describe_io_error(&e),
                }),
                Ok(meta) if meta.is_dir() => walk_roots.push(root.clone()),
                // A file named on the command line is checked, ignored or not.
                Ok(_) => {
                    if !is_own(root) {
                        visitor(Entry::File(root.clone()));
                    }
                }
            }
        }
    }
    if walk_roots.is_empty() {
        return;
    }

    let mut builder = WalkBuilder::new(&walk_roots[0]);
    for root in &walk_roots[1..] {
        builder.add(root);
    }
    builder
        .hidden(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .add_custom_ignore_filename(".allyignore")
        .threads(options.threads);
    if let Some((matcher, base)) = options.exclude.clone() {
        let cwd = cwd.clone();
        builder.filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let path = absolute(&cwd, entry.path());
            match relative_to(&path, &base) {
                Some(relative) => !matcher.is_match(&relative),
                None => true,
            }
        });
    }
    builder.build_parallel().run(|| {
        let mut visitor = make_visitor();
        let is_own = is_own.clone();
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let walked_file = entry.file_type().is_some_and(|t| t.is_file());
                    if walked_file && !is_own(entry.path()) && !is_licence(entry.path()) {
                        visitor(Entry::File(entry.into_path()));
                    }
                }
                Err(err) => {
                    let path = error_path(&err).unwrap_or_default();
                    visitor(Entry::Error {
                        path,
                        message: err.to_string(),
                    });
                }
            }
            WalkState::Continue
        })
    });
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// An I/O error as a short phrase.
pub fn describe_io_error(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_files_are_recognised() {
        for yes in [
            "LICENSE",
            "LICENSE-MIT",
            "licence.txt",
            "COPYING",
            "COPYING.LESSER",
            "docs/LICENSE.md",
            "UNLICENSE",
        ] {
            assert!(is_licence(Path::new(yes)), "{yes}");
        }
        for no in [
            "license_check.rs",
            "licenses.md",
            "README.md",
            "copyright_notice.py",
        ] {
            assert!(!is_licence(Path::new(no)), "{no}");
        }
    }
}
