//! Which files to check: a parallel walk (the `ignore` crate's walker) that honours
//! `.gitignore`, `.ignore`, `.allyignore`, `.git/info/exclude` and the global git
//! excludes, skips hidden files, the team's `exclude` globs and ally's own files.
//! Paths named on the command line are always checked.
//!
//! The ignore files are read here, not by the walker: a repository is untrusted input,
//! and an ignore file that is a FIFO (which would block the walk forever) or a link to
//! `/dev/zero` (which never ends) must be refused, not read. Only regular files of at
//! most [`IGNORE_FILE_LIMIT`] bytes are read; the rules of precedence are the walker's
//! (see [`IgnoreChain::is_ignored`]).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{Match, WalkBuilder, WalkState};

use crate::config::{PathMatcher, FILE_NAMES};
use crate::read::{read_small_file, ReadError};

/// The largest ignore file read.
pub const IGNORE_FILE_LIMIT: u64 = 4 << 20;

/// What the walk needs to know.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// `exclude` globs and the folder they are relative to (absolute).
    pub exclude: Option<(PathMatcher, PathBuf)>,
    /// Files that are ally's own (loaded packs, the config, the baseline): absolute.
    pub own_files: Vec<PathBuf>,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// The working folder, against which relative paths are made absolute.
    pub cwd: PathBuf,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Entry {
    /// A file to check. `named` when it was named on the command line (then it is
    /// checked whatever its size, and a reason is given if it is not).
    File {
        /// The path as given or walked.
        path: PathBuf,
        /// Named on the command line.
        named: bool,
    },
    /// A path that could not be walked or read.
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

/// The ignore rules of one folder, and those of the folders above it.
#[derive(Debug)]
struct IgnoreChain {
    /// The folder's parent's chain; None at the file system root.
    parent: Option<Arc<IgnoreChain>>,
    /// `.allyignore`.
    ally: Gitignore,
    /// `.ignore`.
    ignore: Gitignore,
    /// `.gitignore`.
    git: Gitignore,
    /// `.git/info/exclude`, in a repository's top folder.
    exclude: Gitignore,
    /// Whether the folder holds `.git` (a repository's top folder).
    has_git: bool,
}

impl IgnoreChain {
    /// Whether `path` (absolute, in the folder of this chain) is ignored: in each kind
    /// of file, the deepest folder with a matching pattern decides, and the kinds
    /// rank `.allyignore`, `.ignore`, `.gitignore`, `.git/info/exclude`, then the
    /// global excludes (the order the `ignore` crate's walker uses). `.gitignore` and
    /// the excludes count only up to the repository's top folder.
    fn is_ignored(&self, path: &Path, is_dir: bool, global: &Gitignore) -> bool {
        let (mut ally, mut ignore, mut git, mut exclude) =
            (Match::None, Match::None, Match::None, Match::None);
        let mut saw_git = false;
        let mut chain = Some(self);
        while let Some(here) = chain {
            if ally.is_none() {
                ally = here.ally.matched(path, is_dir);
            }
            if ignore.is_none() {
                ignore = here.ignore.matched(path, is_dir);
            }
            if !saw_git {
                if git.is_none() {
                    git = here.git.matched(path, is_dir);
                }
                if exclude.is_none() {
                    exclude = here.exclude.matched(path, is_dir);
                }
            }
            saw_git |= here.has_git;
            chain = here.parent.as_deref();
        }
        let decided = ally
            .or(ignore)
            .or(git)
            .or(exclude)
            .or(global.matched(path, is_dir));
        decided.is_ignore()
    }
}

/// The ignore chains of the folders a walk has seen, made once per folder.
#[derive(Debug)]
struct Ignores {
    /// Tells this walk's chains from another's in the per-thread cache.
    id: usize,
    /// The working folder: errors name ignore files relative to it.
    cwd: PathBuf,
    chains: Mutex<HashMap<PathBuf, Arc<IgnoreChain>>>,
    global: Gitignore,
    /// Ignore files that could not be read or hold bad patterns.
    errors: Mutex<Vec<Entry>>,
}

impl Ignores {
    fn new(cwd: PathBuf) -> Ignores {
        // The global excludes are the user's own (git's core.excludesFile), not the
        // repository's.
        let (global, _) = Gitignore::global();
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        Ignores {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            cwd,
            chains: Mutex::new(HashMap::new()),
            global,
            errors: Mutex::new(Vec::new()),
        }
    }

    /// The chain of `dir` (absolute), made with those of its parents if need be.
    fn chain(&self, dir: &Path) -> Arc<IgnoreChain> {
        if let Some(chain) = self.chains.lock().expect("no panics while locked").get(dir) {
            return chain.clone();
        }
        let parent = dir.parent().map(|parent| self.chain(parent));
        let mut errors = Vec::new();
        let mut load = |name: &str| load_ignore_file(dir, &dir.join(name), &self.cwd, &mut errors);
        let (ally, ignore, git) = (load(".allyignore"), load(".ignore"), load(".gitignore"));
        let git_path = dir.join(".git");
        let has_git = git_path.exists();
        let exclude = match git_dir(&git_path) {
            Some(git_dir) => {
                load_ignore_file(dir, &git_dir.join("info/exclude"), &self.cwd, &mut errors)
            }
            None => Gitignore::empty(),
        };
        let made = Arc::new(IgnoreChain {
            parent,
            ally,
            ignore,
            git,
            exclude,
            has_git,
        });
        let mut chains = self.chains.lock().expect("no panics while locked");
        match chains.get(dir) {
            // Another thread made it first: keep that one, and its errors.
            Some(chain) => chain.clone(),
            None => {
                chains.insert(dir.to_path_buf(), made.clone());
                drop(chains);
                if !errors.is_empty() {
                    self.errors
                        .lock()
                        .expect("no panics while locked")
                        .extend(errors);
                }
                made
            }
        }
    }

    /// Whether `path` (absolute) is ignored.
    fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        thread_local! {
            /// The chain this thread used last: the walker hands one thread a folder's
            /// entries together, so most look-ups need neither the map nor its lock.
            static LAST: RefCell<Option<(usize, PathBuf, Arc<IgnoreChain>)>> =
                const { RefCell::new(None) };
        }
        let Some(dir) = path.parent() else {
            return false;
        };
        let chain = LAST.with_borrow_mut(|last| match last {
            Some((id, last_dir, chain)) if *id == self.id && last_dir == dir => chain.clone(),
            _ => {
                let chain = self.chain(dir);
                *last = Some((self.id, dir.to_path_buf(), chain.clone()));
                chain
            }
        });
        chain.is_ignored(path, is_dir, &self.global)
    }
}

/// The git folder of a repository whose `.git` is at `git_path`: the folder itself,
/// or the one a `.git` file (a worktree, a submodule) points to.
fn git_dir(git_path: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(git_path).ok()?;
    if meta.is_dir() {
        return Some(git_path.to_path_buf());
    }
    let bytes = read_small_file(git_path, 64 << 10).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let pointed = text.trim().strip_prefix("gitdir:")?.trim();
    let base = git_path.parent()?;
    let git_dir = base.join(pointed);
    // A worktree's excludes are in the main repository's git folder.
    match read_small_file(&git_dir.join("commondir"), 64 << 10) {
        Ok(common) => Some(git_dir.join(String::from_utf8_lossy(&common).trim())),
        Err(_) => Some(git_dir),
    }
}

/// The patterns of one ignore file, whose patterns are relative to `dir`. A missing
/// file has none; a file that is not a regular file, is too large or holds a bad
/// pattern is an error (the rest of its patterns still count).
fn load_ignore_file(dir: &Path, path: &Path, cwd: &Path, errors: &mut Vec<Entry>) -> Gitignore {
    // Errors name the file as the user would: relative to the working folder.
    let shown = path.strip_prefix(cwd).unwrap_or(path).to_path_buf();
    let bytes = match read_small_file(path, IGNORE_FILE_LIMIT) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
            return Gitignore::empty();
        }
        Err(err) => {
            // A dangling link is no ignore file, as git sees it.
            if std::fs::symlink_metadata(path).is_ok() && std::fs::metadata(path).is_err() {
                return Gitignore::empty();
            }
            errors.push(Entry::Error {
                path: shown,
                message: format!("{}; its patterns do not apply", err.describe()),
            });
            return Gitignore::empty();
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut builder = GitignoreBuilder::new(dir);
    for (number, line) in text.lines().enumerate() {
        if let Err(err) = builder.add_line(Some(path.to_path_buf()), line) {
            errors.push(Entry::Error {
                path: shown.clone(),
                message: format!("line {}: {}", number + 1, describe_ignore_error(&err)),
            });
        }
    }
    match builder.build() {
        Ok(matcher) => matcher,
        Err(err) => {
            errors.push(Entry::Error {
                path: shown,
                message: describe_ignore_error(&err),
            });
            Gitignore::empty()
        }
    }
}

/// An error of the `ignore` crate, without the path it may carry (the report names
/// the path once).
pub fn describe_ignore_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => describe_ignore_error(err),
        ignore::Error::Loop { ancestor, .. } => format!(
            "a symbolic link back to {}, not followed",
            ancestor.display()
        ),
        ignore::Error::Io(err) => crate::read::describe_io_error(err),
        ignore::Error::Partial(errors) => errors
            .iter()
            .map(describe_ignore_error)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// Walks `roots` in parallel, calling the visitor made by `make_visitor` (one per
/// thread) with every file to check and every error.
pub fn walk<F>(roots: &[PathBuf], options: &WalkOptions, make_visitor: impl Fn() -> F + Sync)
where
    F: FnMut(Entry) + Send,
{
    let cwd = options.cwd.clone();
    let own: HashSet<PathBuf> = options.own_files.iter().cloned().collect();
    let is_own = |path: &Path| is_config_name(path) || own.contains(&absolute(&cwd, path));

    // Each path once: a file named twice, or named and inside a folder also named, is
    // checked once, under the name it was first given.
    let mut seen_roots: HashSet<PathBuf> = HashSet::new();
    let mut named_files: HashSet<PathBuf> = HashSet::new();
    let mut walk_roots: Vec<(PathBuf, PathBuf)> = Vec::new();
    {
        let mut visitor = make_visitor();
        for root in roots {
            let absolute_root = absolute(&cwd, root);
            if !seen_roots.insert(absolute_root.clone()) {
                continue;
            }
            match std::fs::metadata(root) {
                Err(e) => visitor(Entry::Error {
                    path: root.clone(),
                    message: crate::read::describe_io_error(&e),
                }),
                Ok(meta) if meta.is_dir() => walk_roots.push((root.clone(), absolute_root)),
                // A file named on the command line is checked, ignored or not; the
                // reader refuses what is not a regular file, with the reason.
                Ok(_) => {
                    if !is_own(root) {
                        named_files.insert(absolute_root);
                        visitor(Entry::File {
                            path: root.clone(),
                            named: true,
                        });
                    }
                }
            }
        }
    }
    if walk_roots.is_empty() {
        return;
    }
    // A folder named inside another named folder is walked as its own root only.
    let nested: HashSet<PathBuf> = walk_roots
        .iter()
        .filter(|(_, inner)| {
            walk_roots
                .iter()
                .any(|(_, outer)| outer != inner && inner.starts_with(outer))
        })
        .map(|(_, inner)| inner.clone())
        .collect();

    let ignores = Arc::new(Ignores::new(cwd.clone()));
    let mut builder = WalkBuilder::new(&walk_roots[0].0);
    for (root, _) in &walk_roots[1..] {
        builder.add(root);
    }
    builder
        .hidden(true)
        .parents(false)
        .ignore(false)
        .git_ignore(false)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .threads(options.threads);
    {
        let cwd = cwd.clone();
        let exclude = options.exclude.clone();
        let ignores = ignores.clone();
        let nested = nested.clone();
        builder.filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let path = absolute(&cwd, entry.path());
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if is_dir && nested.contains(&path) {
                return false;
            }
            if let Some((matcher, base)) = &exclude {
                if relative_to(&path, base).is_some_and(|relative| matcher.is_match(&relative)) {
                    return false;
                }
            }
            !ignores.is_ignored(&path, is_dir)
        });
    }
    builder.build_parallel().run(|| {
        let mut visitor = make_visitor();
        let is_own = &is_own;
        let named_files = &named_files;
        let cwd = &cwd;
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let walked_file = entry.file_type().is_some_and(|t| t.is_file());
                    let named = || {
                        !named_files.is_empty()
                            && named_files.contains(&absolute(cwd, entry.path()))
                    };
                    if walked_file && !is_own(entry.path()) && !is_licence(entry.path()) && !named()
                    {
                        visitor(Entry::File {
                            path: entry.into_path(),
                            named: false,
                        });
                    }
                }
                Err(err) => {
                    let path = error_path(&err).unwrap_or_default();
                    visitor(Entry::Error {
                        path,
                        message: describe_ignore_error(&err),
                    });
                }
            }
            WalkState::Continue
        })
    });
    let errors = std::mem::take(&mut *ignores.errors.lock().expect("no panics while locked"));
    if !errors.is_empty() {
        let mut visitor = make_visitor();
        for error in errors {
            visitor(error);
        }
    }
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
