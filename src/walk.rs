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
    /// Whether `exclude` applies to files named on the command line too.
    pub force_exclude: bool,
}

impl WalkOptions {
    /// Whether `exclude` leaves out the file at `path` (relative to the working folder
    /// or absolute).
    pub fn excludes(&self, path: &Path) -> bool {
        let absolute_path = absolute(&self.cwd, path);
        self.exclude.as_ref().is_some_and(|(matcher, base)| {
            relative_to(&absolute_path, base).is_some_and(|relative| matcher.is_match(&relative))
        })
    }
}

/// Why a walk left a file or folder out (and counts it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// Another project's code kept in this one: `vendor/`, `third_party/`,
    /// `node_modules/`, `vendored_*`, a `deps/` of other projects, or
    /// `linguist-vendored` in `.gitattributes`.
    Vendored,
    /// Made by a tool: `linguist-generated` in `.gitattributes`, or a generator's
    /// mark (`@generated`, `DO NOT EDIT`) in its first lines.
    Generated,
    /// Legal text: `LICENSE*`, `COPYING*`, `NOTICE*`, `*.license`, ...
    Licence,
    /// A list of people (`AUTHORS`, `THANKS`, `CONTRIBUTORS`, `MAINTAINERS`,
    /// `CODEOWNERS`, `.mailmap`): names are not words to reword.
    People,
    /// A `testdata/` folder (Go's convention, followed well beyond Go): the inputs
    /// and expected outputs of tests, whose content is the point of the test.
    TestData,
    /// A record of the past: documents in folders of archived notes, announcements,
    /// release notes and blog posts (`archive/`, `minutes/`, `meeting-notes/`,
    /// `announce/`, `RelNotes/`, `blog/`, `_posts/`) or
    /// named for a year (`events/2016/`). What was written then stays as written.
    History,
}

impl SkipReason {
    /// The reason as the JSON summary names it.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Vendored => "vendored",
            SkipReason::Generated => "generated",
            SkipReason::Licence => "licence",
            SkipReason::People => "people",
            SkipReason::History => "history",
            SkipReason::TestData => "test_data",
        }
    }
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
    /// A file or folder left out, and why.
    Skipped {
        /// The path as walked.
        path: PathBuf,
        /// Why.
        reason: SkipReason,
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

/// Whether a file is a licence text (`LICENSE`, `COPYING.md`, `LICENSE-MIT`,
/// `LGPL-2.1`, `NOTICE`, `logo.svg.license`, ...): legal text that a project cannot
/// reword, so a walk leaves it out. Named on the command line, it is checked like any
/// file.
pub fn is_licence(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.to_ascii_lowercase().ends_with(".license") {
        return true;
    }
    let upper = name.to_ascii_uppercase();
    [
        "LICENSE",
        "LICENCE",
        "COPYING",
        "COPYRIGHT",
        "UNLICENSE",
        "NOTICE",
        "LGPL",
        "GPL",
        "AGPL",
    ]
    .iter()
    .any(|prefix| {
        upper.strip_prefix(prefix).is_some_and(|rest| {
            // `license.txt`, `COPYING.LESSER`; `LICENSE-MIT` and `GPL-3.0` only in
            // capitals, so that `license_check.rs` and `gpl-notes.md` stay files of
            // the project's own.
            rest.is_empty()
                || (rest.starts_with('.') && !prefix.ends_with("GPL"))
                || (rest.starts_with(['-', '_', '.']) && name.starts_with(prefix))
        })
    })
}

/// Whether a file lists people, or is a person's biography: names, and people's own
/// words about themselves, are not words to reword.
pub fn lists_people(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    // `authors.py` is a program, whatever it lists.
    if matches!(
        ally_core::Format::from_path(name),
        ally_core::Format::Source(syntax) if !syntax.data
    ) {
        return false;
    }
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    // `project-maintainers.csv`, `core_contributors.md`: a list of people by its last word.
    let last_word = stem.rsplit(['-', '_']).next().unwrap_or(&stem);
    if stem != last_word
        && matches!(
            last_word,
            "AUTHORS" | "CONTRIBUTORS" | "MAINTAINERS" | "OWNERS" | "MEMBERS"
        )
    {
        return true;
    }
    // A person's biography (`kris-nova_bio.md`) is their own words about themselves.
    let biography = ["BIO", "_BIO", "-BIO"]
        .iter()
        .any(|end| stem.ends_with(end) && (stem.len() == 3 || end.len() == 4));
    matches!(
        stem.as_str(),
        "AUTHORS"
            | "THANKS"
            | "CONTRIBUTORS"
            | "MAINTAINERS"
            | "CODEOWNERS"
            | "CREDITS"
            | "OWNERS"
            | "VOTERS"
            | "PEOPLE"
    ) || biography
        || name == ".mailmap"
}

/// Whether a document lies in a folder of archived notes or announcements, or one
/// named for a year (see
/// [`SkipReason::History`]). Code is never history (Go's `archive/tar`). Changelogs
/// are checked, but only their newest section: see `ally_core::text::past_releases`.
/// Only the `depth` last components are the walk's own (not the folders above its
/// root).
pub fn is_history(path: &Path, depth: usize) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map_or("", |(_, e)| e);
    let document = matches!(
        extension,
        "" | "md" | "markdown" | "rst" | "txt" | "adoc" | "asciidoc" | "html" | "htm" | "org"
    );
    if !document {
        return false;
    }
    let folders: Vec<String> = path
        .components()
        .rev()
        .take(depth)
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().to_ascii_lowercase())
        .collect();
    // A dated record (`resolutions/20170620-volunteer-support.rst`,
    // `2021-09-02-minutes.md`), or a numbered proposal in a folder of accepted ones
    // (`rfcs/text/2103-tool-attributes.md`, `docs/adr/0001-record.md`): decisions
    // kept as they were made.
    // A security advisory (`CVE-2016-8616.md`) records a past incident.
    let advisory =
        lower.starts_with("cve-") && lower[4..].bytes().take_while(u8::is_ascii_digit).count() == 4;
    if advisory
        || is_dated_name(&lower)
        || is_numbered_name(&lower)
            && folders.first().is_some_and(|f| {
                matches!(
                    f.as_str(),
                    "text" | "rfcs" | "accepted" | "adr" | "adrs" | "decisions" | "implemented"
                )
            })
    {
        return true;
    }
    folders.iter().any(|folder| {
        matches!(
            folder.as_str(),
            "archive"
                | "archives"
                | "attic"
                | "minutes"
                | "meetings"
                | "announce"
                | "relnotes"
                | "release-notes"
                | "release_notes"
                | "blog"
                | "_posts"
                | "completed"
                | "historical"
                | "transcripts"
        ) || is_year(folder)
            || folder.starts_with("meeting-notes")
            || folder.starts_with("meeting_notes")
            || folder.ends_with("-transcripts")
            || folder.ends_with("_transcripts")
            || folder == "meetingnotes"
    })
}

/// Whether a file's name starts with a date: `20170620-volunteer-support.rst`,
/// `2021-09-02-notes.md`.
fn is_dated_name(name: &str) -> bool {
    // Bytes, not characters: a name may go on in any script (`cctv大赛.txt`).
    let bytes = name.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let year_ok = name.starts_with("19") || name.starts_with("20");
    if !year_ok {
        return false;
    }
    if bytes.len() > 9 && digits(0..8) && matches!(bytes[8], b'-' | b'_') {
        return true;
    }
    // `2021-k3s-annual.md`: a year's record.
    if bytes.len() > 5 && digits(0..4) && bytes[4] == b'-' && bytes[5].is_ascii_alphabetic() {
        return true;
    }
    // `2023-10-steering-council-update.md`: a month's record.
    if bytes.len() > 8
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && matches!(bytes[7], b'-' | b'_')
    {
        return true;
    }
    bytes.len() > 11
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && matches!(bytes[10], b'-' | b'_')
}

/// Whether a file's name is a proposal's number and title: `2103-tool-attributes.md`.
fn is_numbered_name(name: &str) -> bool {
    let number = name.bytes().take_while(u8::is_ascii_digit).count();
    (3..=5).contains(&number) && name.as_bytes().get(number) == Some(&b'-')
}

/// Whether a folder is named for a year (`events/2016/`, `blog/2019/`) or a release of
/// one (`2023.2/`): dated records.
fn is_year(folder: &str) -> bool {
    let year = folder.get(..4).unwrap_or("");
    let rest = &folder[year.len()..];
    year.len() == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && year.bytes().all(|b| b.is_ascii_digit())
        && (rest.is_empty()
            || rest.len() <= 3
                && rest.starts_with('.')
                && rest[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a folder (or file) holds another project's code: the usual vendor folders,
/// and `vendored_*`. A `deps/` folder counts when it holds folders (other projects).
fn vendored_name(path: &Path, is_dir: bool) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with("vendored_") || name.starts_with("vendored-") {
        return true;
    }
    if !is_dir {
        return is_library_copy(name) || is_autotools_copy(name);
    }
    // (A test's own sample packages, `tests/data/src/pep518-3.0/`, are the
    // project's.)
    if is_release_copy(name) && !under_test_folder(path, 5) {
        return true;
    }
    match name {
        "vendor" | "_vendor" | "vendored" | "_vendored" | "third_party" | "third-party"
        | "thirdparty" | "node_modules" | "bower_components" | "jspm_packages" => true,
        // `deps/`, `external/`, `3rdparty/`: vendored when they hold folders (other
        // projects), not when they hold the project's own few files.
        "deps" | "external" | "externals" | "extern" | "3rdparty" | "3rd_party" | "3rd-party" => {
            std::fs::read_dir(path).is_ok_and(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            })
        }
        _ => false,
    }
}

/// Whether a folder is another project's release or commit, unpacked under its name
/// and version: `jemalloc-5.3.0`, `c-ares-1.34.6`, `librdkafka-2.15.0`,
/// `snappy-fef67ac`, `simdutf-amalgamation-5.5.0`.
fn is_release_copy(name: &str) -> bool {
    let Some((project, version)) = name.rsplit_once('-') else {
        return false;
    };
    let lower = project.to_ascii_lowercase();
    if project.is_empty()
        || !project.starts_with(|c: char| c.is_ascii_alphabetic())
        || matches!(
            lower.as_str(),
            "release" | "releases" | "version" | "docs" | "doc" | "v"
        )
    {
        return false;
    }
    let dotted = {
        let version = version.strip_prefix('v').unwrap_or(version);
        let parts: Vec<&str> = version.split('.').collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    // A commit: seven or more hexadecimal digits, at least one of them a digit and
    // one a letter (so `cache-deadbeef` is a word, `luajit-7152e154` a commit).
    let commit = version.len() >= 7
        && version.len() <= 40
        && version
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && version.bytes().any(|b| b.is_ascii_digit())
        && version.bytes().any(|b| b.is_ascii_alphabetic());
    dotted || commit
}

/// Whether a file is one of the scripts GNU Autotools copy into every project that
/// uses them (`config.guess`, `config.sub`, `ltmain.sh`, `install-sh`, ...): GNU's
/// words, updated by copying a new release in.
fn is_autotools_copy(name: &str) -> bool {
    matches!(
        name,
        "config.guess"
            | "config.sub"
            | "ltmain.sh"
            | "install-sh"
            | "depcomp"
            | "mkinstalldirs"
            | "ylwrap"
            | "ar-lib"
            | "test-driver"
    )
}

/// Whether a file in a test folder is a test's expected output (`tests/ospf.out`,
/// `expected.golden`): what the program printed, not words anyone wrote.
fn is_expected_output(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        extension,
        "out" | "expected" | "golden" | "stdout" | "stderr"
    ) && under_test_folder(path, 4)
}

/// Whether one of the `levels` folders above `path` is a test suite's (`tests/`,
/// `spec/`, `testdata/`, `regress/`, ...). Only a few levels: the folders far above
/// a walk's root are not the project's.
fn under_test_folder(path: &Path, levels: usize) -> bool {
    path.ancestors()
        .skip(1)
        .take(levels)
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()))
        .any(|folder| {
            matches!(
                folder,
                "test"
                    | "tests"
                    | "__tests__"
                    | "spec"
                    | "specs"
                    | "testsuite"
                    | "testing"
                    | "testdata"
                    | "regress"
            )
        })
}

/// Whether a folder holds a test suite's inputs: `testdata/`, `test_data/`,
/// `__fixtures__/`, or `fixtures/` inside a test folder (`tests/fixtures/`): saved
/// pages, other projects' text and deliberately bad examples, not the project's own
/// words. (A test folder's `data/` is often the project's own test cases, and stays.)
fn is_test_data(path: &Path, name: &str) -> bool {
    if matches!(
        name,
        "testdata" | "test-data" | "test_data" | "__fixtures__"
    ) {
        return true;
    }
    // Under a test folder, as deep as `tests/installation/fixtures/`.
    matches!(name, "fixtures" | "fixture") && under_test_folder(path, 3)
}

/// Whether a script is a well-known library copied in under its own name, as GitHub
/// Linguist's vendor list knows them: jQuery, Underscore, Bootstrap, Modernizr,
/// Backbone, the focus-visible polyfill, and the scripts Sphinx copies into every
/// built site (`doctools.js`, `searchtools.js`, `language_data.js`).
fn is_library_copy(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix(".js") else {
        return false;
    };
    // `jquery-3.6.0`, `jquery.min`, `underscore-1.13.1`: the library and its version.
    let library = stem.split(['-', '.']).next().unwrap_or(stem);
    matches!(
        library,
        "jquery" | "underscore" | "bootstrap" | "modernizr" | "backbone"
    ) || matches!(
        stem,
        "doctools" | "searchtools" | "language_data" | "sphinx_highlight" | "focus-visible"
    )
}

/// A repository URL as `host/owner/name`, lowercase, without scheme, `git+`, user,
/// `.git` or trailing path: `git+https://github.com/nodejs/node-gyp.git` →
/// `github.com/nodejs/node-gyp`.
fn normal_repository(url: &str) -> Option<String> {
    let url = url.trim().to_ascii_lowercase();
    let url = url.strip_prefix("git+").unwrap_or(&url);
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    // `git@github.com:owner/name.git`
    let rest = rest
        .rsplit_once('@')
        .map_or(rest, |(_, host)| host)
        .replacen(':', "/", 1);
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    let [host, owner, name, ..] = parts.as_slice() else {
        return None;
    };
    if !host.contains('.') {
        return None;
    }
    let name = name.strip_suffix(".git").unwrap_or(name);
    Some(format!("{host}/{owner}/{name}"))
}

/// The repository a folder's own manifest names as its home: `repository` in
/// `package.json`, `[project.urls]` (Homepage, Repository, Source) in
/// `pyproject.toml`, `repository` in `Cargo.toml`.
fn manifest_repository(folder: &Path) -> Option<String> {
    if let Ok(text) = std::fs::read_to_string(folder.join("package.json")) {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
            let repository = &json["repository"];
            let url = repository.as_str().or_else(|| repository["url"].as_str());
            if let Some(found) = url.and_then(normal_repository) {
                return Some(found);
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(folder.join("pyproject.toml")) {
        if let Ok(doc) = text.parse::<toml::Table>() {
            let urls = doc
                .get("project")
                .and_then(|p| p.get("urls"))
                .and_then(|u| u.as_table());
            for key in [
                "Repository",
                "repository",
                "Source",
                "source",
                "Homepage",
                "homepage",
            ] {
                if let Some(found) = urls
                    .and_then(|u| u.get(key))
                    .and_then(|v| v.as_str())
                    .and_then(normal_repository)
                {
                    return Some(found);
                }
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(folder.join("Cargo.toml")) {
        if let Ok(doc) = text.parse::<toml::Table>() {
            if let Some(found) = doc
                .get("package")
                .and_then(|p| p.get("repository"))
                .and_then(|v| v.as_str())
                .and_then(normal_repository)
            {
                return Some(found);
            }
        }
    }
    None
}

/// The names the repository the walk is in goes by: the URL of each git remote (a
/// fork's `origin` and its `upstream`) and the home its top folder's manifest names.
/// The top folder is the nearest one up from `start` that holds `.git`.
fn repository_homes(start: &Path) -> Vec<String> {
    let Some(top) = start.ancestors().find(|p| p.join(".git").exists()) else {
        return Vec::new();
    };
    let mut homes = Vec::new();
    if let Ok(config) = std::fs::read_to_string(top.join(".git/config")) {
        for line in config.lines() {
            let Some(rest) = line.trim().strip_prefix("url") else {
                continue;
            };
            if let Some(found) = normal_repository(rest.trim_start().trim_start_matches('=')) {
                homes.push(found);
            }
        }
    }
    homes.extend(manifest_repository(top));
    homes
}

/// Whether a folder is a copy of another repository: its own manifest names a home
/// that is none of the walked repository's (`gyp/` in node-gyp is gyp-next's). A
/// repository with no known home decides nothing.
fn copy_of_another(folder: &Path, homes: &[String]) -> bool {
    !homes.is_empty() && manifest_repository(folder).is_some_and(|theirs| !homes.contains(&theirs))
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
    /// Paths `.gitattributes` marks `linguist-vendored`.
    vendored: Gitignore,
    /// Paths `.gitattributes` marks `linguist-generated`.
    generated: Gitignore,
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

    /// What `.gitattributes` says of `path`: vendored, generated, or neither. The
    /// deepest folder's file decides.
    fn attribute(&self, path: &Path, is_dir: bool) -> Option<SkipReason> {
        let mut chain = Some(self);
        let (mut vendored, mut generated) = (Match::None, Match::None);
        while let Some(here) = chain {
            if vendored.is_none() {
                vendored = here.vendored.matched(path, is_dir);
            }
            if generated.is_none() {
                generated = here.generated.matched(path, is_dir);
            }
            chain = here.parent.as_deref();
        }
        if vendored.is_ignore() {
            Some(SkipReason::Vendored)
        } else if generated.is_ignore() {
            Some(SkipReason::Generated)
        } else {
            None
        }
    }
}

/// A file a build makes from others: a minified script or style sheet
/// (`bundle.79ae519e.min.js`, `app.min.css`) or a source map (`*.js.map`,
/// `*.css.map`), which embeds the sources of every bundled library.
fn is_built_asset(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        ".min.js", ".min.mjs", ".min.css", ".js.map", ".mjs.map", ".css.map",
    ]
    .iter()
    .any(|ending| name.ends_with(ending))
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
        let (vendored, generated) = load_attributes(dir, &self.cwd, &mut errors);
        let made = Arc::new(IgnoreChain {
            parent,
            ally,
            ignore,
            git,
            exclude,
            has_git,
            vendored,
            generated,
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

    /// Whether `path` (absolute) is ignored (None), or left out for a reason the
    /// report counts, or to be walked (`Some(None)`).
    fn judge(&self, path: &Path, is_dir: bool) -> Option<Option<SkipReason>> {
        let chain = self.chain_for(path)?;
        if chain.is_ignored(path, is_dir, &self.global) {
            return None;
        }
        Some(chain.attribute(path, is_dir))
    }

    /// The chain of the folder holding `path` (absolute).
    fn chain_for(&self, path: &Path) -> Option<Arc<IgnoreChain>> {
        thread_local! {
            /// The chain this thread used last: the walker hands one thread a folder's
            /// entries together, so most look-ups need neither the map nor its lock.
            static LAST: RefCell<Option<(usize, PathBuf, Arc<IgnoreChain>)>> =
                const { RefCell::new(None) };
        }
        let dir = path.parent()?;
        Some(LAST.with_borrow_mut(|last| match last {
            Some((id, last_dir, chain)) if *id == self.id && last_dir == dir => chain.clone(),
            _ => {
                let chain = self.chain(dir);
                *last = Some((self.id, dir.to_path_buf(), chain.clone()));
                chain
            }
        }))
    }
}

/// The patterns of a folder's `.gitattributes` that set `linguist-vendored` and
/// `linguist-generated` (as matchers: a match means the attribute is set).
fn load_attributes(dir: &Path, cwd: &Path, errors: &mut Vec<Entry>) -> (Gitignore, Gitignore) {
    let path = dir.join(".gitattributes");
    let bytes = match read_small_file(&path, IGNORE_FILE_LIMIT) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
            return (Gitignore::empty(), Gitignore::empty());
        }
        Err(err) => {
            if std::fs::symlink_metadata(&path).is_ok() && std::fs::metadata(&path).is_ok() {
                errors.push(Entry::Error {
                    path: path.strip_prefix(cwd).unwrap_or(&path).to_path_buf(),
                    message: format!("{}; its attributes do not apply", err.describe()),
                });
            }
            return (Gitignore::empty(), Gitignore::empty());
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut vendored = GitignoreBuilder::new(dir);
    let mut generated = GitignoreBuilder::new(dir);
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(pattern) = parts.next() else {
            continue;
        };
        for attribute in parts {
            let (name, set) = match attribute.split_once('=') {
                Some((name, value)) => (name, !matches!(value, "false" | "0" | "unset")),
                None => match attribute.strip_prefix(['-', '!']) {
                    Some(name) => (name, false),
                    None => (attribute, true),
                },
            };
            let target = match name {
                "linguist-vendored" => &mut vendored,
                "linguist-generated" => &mut generated,
                _ => continue,
            };
            // An unset attribute is a negated pattern; a bad pattern is passed over,
            // as git passes it over.
            let written = if set {
                pattern.to_owned()
            } else {
                format!("!{pattern}")
            };
            let _ = target.add_line(None, &written);
        }
    }
    (
        vendored.build().unwrap_or_else(|_| Gitignore::empty()),
        generated.build().unwrap_or_else(|_| Gitignore::empty()),
    )
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
                    let excluded = options.force_exclude && options.excludes(root);
                    if !is_own(root) && !excluded {
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
    let skipped: Arc<Mutex<Vec<Entry>>> = Arc::new(Mutex::new(Vec::new()));
    builder
        .hidden(false)
        .parents(false)
        .ignore(false)
        .git_ignore(false)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .threads(options.threads);
    // The repository the walk is in, as its git remotes and manifest name it: a
    // folder whose own manifest names another repository is that one's copy.
    let homes: Arc<Vec<String>> = Arc::new(repository_homes(&walk_roots[0].1));
    {
        let cwd = cwd.clone();
        let homes = homes.clone();
        let exclude = options.exclude.clone();
        let ignores = ignores.clone();
        let nested = nested.clone();
        let skipped = skipped.clone();
        builder.filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            // Hidden files and folders are passed over, except `.github/`: its
            // templates and workflow names are the project's own words.
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.') && !(is_dir && name == ".github") && name != ".mailmap" {
                return false;
            }
            let path = absolute(&cwd, entry.path());
            if is_dir && nested.contains(&path) {
                return false;
            }
            if let Some((matcher, base)) = &exclude {
                if relative_to(&path, base).is_some_and(|relative| matcher.is_match(&relative)) {
                    return false;
                }
            }
            let reason = match ignores.judge(&path, is_dir) {
                None => return false,
                Some(Some(reason)) => Some(reason),
                Some(None) => {
                    if vendored_name(&path, is_dir) || is_dir && copy_of_another(&path, &homes) {
                        Some(SkipReason::Vendored)
                    } else if is_dir && is_test_data(&path, &name) {
                        Some(SkipReason::TestData)
                    } else if is_dir {
                        None
                    } else if is_expected_output(&path) {
                        Some(SkipReason::TestData)
                    } else if matches!(&*name, "tags" | "TAGS") || is_built_asset(&name) {
                        // A ctags index, a minified asset or a source map: generated.
                        Some(SkipReason::Generated)
                    } else if is_history(&path, entry.depth()) {
                        Some(SkipReason::History)
                    } else if is_licence(&path) {
                        Some(SkipReason::Licence)
                    } else if lists_people(&path) {
                        Some(SkipReason::People)
                    } else {
                        None
                    }
                }
            };
            match reason {
                Some(reason) => {
                    skipped
                        .lock()
                        .expect("no panics while locked")
                        .push(Entry::Skipped {
                            path: entry.path().to_path_buf(),
                            reason,
                        });
                    false
                }
                None => true,
            }
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
    let mut later = std::mem::take(&mut *ignores.errors.lock().expect("no panics while locked"));
    later.extend(std::mem::take(
        &mut *skipped.lock().expect("no panics while locked"),
    ));
    if !later.is_empty() {
        let mut visitor = make_visitor();
        for entry in later {
            visitor(entry);
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
    fn history_is_known_by_its_folder() {
        // (path below the walk's root, depth)
        for (yes, depth) in [
            ("sig-node/archive/meeting-notes-2016.md", 3),
            ("sig-apps/minutes/2016-06-29.md", 3),
            ("doc/en/announce/release-3.8.0.rst", 4),
            ("events/2017/summit/notes.md", 4),
            ("meeting-notes/2020.md", 2),
            ("Documentation/RelNotes/2.43.0.txt", 3),
            ("meetings/2021-07-22.md", 2),
            ("apps/site/pages/en/blog/community/x.md", 6),
            ("_posts/2016-10-12-hello.md", 2),
            ("resolutions/20170620-volunteer-support.rst", 2),
            ("updates/2023-10-steering-council-update.md", 2),
            ("projects/k3s/2021-k3s-annual.md", 3),
            ("docs/historical/design/lifecycle.md", 4),
            ("docs/CVE-2016-8616.md", 2),
            ("rfcs/text/2103-tool-attributes.md", 3),
            ("docs/adr/0001-record-decisions.md", 3),
            ("goals/completed/stein/python3-first.rst", 4),
            ("reference/tc-meeting-transcripts/2021-09-02.txt", 3),
            ("reference/tc-chair-candidates/2023.2/someone.txt", 4),
        ] {
            assert!(is_history(Path::new(yes), depth), "{yes}");
        }
        for (no, depth) in [
            ("src/archive/tar.go", 3),
            ("CHANGELOG.md", 1),
            ("docs/guide.md", 2),
            ("changelog/123.bugfix.rst", 2),
            ("docs/404-page.md", 2),
            ("test/fixtures/cctv大赛上海分赛区.txt", 3),
            ("notes/20大赛.txt", 2),
            ("src/2024-parser.rs", 2),
            ("docs/2023.2.0/guide.md", 3),
            // Folders above the walk's root are not the walk's own.
            ("/home/me/archive/project/README.md", 2),
        ] {
            assert!(!is_history(Path::new(no), depth), "{no}");
        }
    }

    #[test]
    fn copied_libraries_and_test_inputs_are_known() {
        for yes in [
            "jquery-3.6.0.min.js",
            "underscore.js",
            "docs/_static/doctools.js",
            "assets/js/focus-visible.js",
            "bootstrap.bundle.js",
        ] {
            assert!(vendored_name(Path::new(yes), false), "{yes}");
        }
        for yes in [
            "lib/jemalloc-5.3.0",
            "lib/c-ares-1.34.6",
            "lib/snappy-fef67ac",
            "lib/luajit-7152e154",
        ] {
            assert!(vendored_name(Path::new(yes), true), "{yes}");
        }
        for no in [
            "release-1.2",
            "docs-2.0",
            "lib/cache-deadbeef",
            "python3",
            "lib/monkey",
            "v-1.0",
            "tests/data/src/pep518-3.0",
        ] {
            assert!(!vendored_name(Path::new(no), true), "{no}");
        }
        let dir = tempfile::tempdir().unwrap();
        let external = dir.path().join("external");
        std::fs::create_dir_all(external.join("zlib")).unwrap();
        assert!(
            vendored_name(&external, true),
            "external/ holding other projects"
        );
        let own = dir.path().join("extern");
        std::fs::create_dir_all(&own).unwrap();
        std::fs::write(own.join("api.h"), "int f(void);\n").unwrap();
        assert!(
            !vendored_name(&own, true),
            "extern/ holding the project's own files"
        );
        for yes in ["config.guess", "build-aux/config.sub", "ltmain.sh"] {
            assert!(vendored_name(Path::new(yes), false), "{yes}");
        }
        assert!(is_expected_output(Path::new("tests/ospf-gmpls.out")));
        assert!(!is_expected_output(Path::new("src/main.out")));
        for no in [
            "src/app.js",
            "jquery-plugin.ts",
            "docs/doctools.py",
            "site.js",
        ] {
            assert!(!vendored_name(Path::new(no), false), "{no}");
        }
        for (yes, name) in [
            ("tests/fixtures", "fixtures"),
            ("spec/fixtures", "fixtures"),
            ("tests/installation/fixtures", "fixtures"),
            ("pkg/testdata", "testdata"),
            ("src/__fixtures__", "__fixtures__"),
        ] {
            assert!(is_test_data(Path::new(yes), name), "{yes}");
        }
        for (no, name) in [
            ("tests/data", "data"),
            ("fixtures", "fixtures"),
            ("docs/files", "files"),
        ] {
            assert!(!is_test_data(Path::new(no), name), "{no}");
        }
    }

    #[test]
    fn people_files_and_biographies_are_known() {
        for yes in [
            "AUTHORS",
            "CONTRIBUTORS.md",
            "voters.yaml",
            "kris-nova_bio.md",
            "bio.md",
            ".mailmap",
            "project-maintainers.csv",
        ] {
            assert!(lists_people(Path::new(yes)), "{yes}");
        }
        for no in ["README.md", "symbiosis.md", "biology.md", "authors.py"] {
            assert!(!lists_people(Path::new(no)), "{no}");
        }
    }

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
        for yes in [
            "LGPL-2.1",
            "GPL-3.0.txt",
            "NOTICE",
            "LICENCE.md",
            "assets/logo.svg.license",
            "COPYRIGHT",
        ] {
            assert!(is_licence(Path::new(yes)), "{yes}");
        }
        for no in [
            "license_check.rs",
            "licenses.md",
            "README.md",
            "copyright_notice.py",
            "docs/licensing.md",
            "gpl-notes.md",
            "notices.rs",
        ] {
            assert!(!is_licence(Path::new(no)), "{no}");
        }
    }
}

#[cfg(test)]
mod built_asset_tests {
    use super::is_built_asset;

    #[test]
    fn minified_assets_and_source_maps_are_built() {
        for name in [
            "bundle.79ae519e.min.js",
            "app.min.css",
            "search.js.map",
            "x.css.map",
        ] {
            assert!(is_built_asset(name), "{name}");
        }
        for name in ["app.js", "minimal.js", "map.md", "site.map.md", "style.css"] {
            assert!(!is_built_asset(name), "{name}");
        }
    }
}

#[cfg(test)]
mod copy_tests {
    use super::*;

    #[test]
    fn repository_urls_are_compared_by_host_owner_and_name() {
        for (url, want) in [
            (
                "git+https://github.com/nodejs/node-gyp.git",
                Some("github.com/nodejs/node-gyp"),
            ),
            (
                "git://github.com/nodejs/node-gyp.git",
                Some("github.com/nodejs/node-gyp"),
            ),
            (
                "git@github.com:nodejs/gyp-next.git",
                Some("github.com/nodejs/gyp-next"),
            ),
            (
                "https://GitHub.com/NodeJS/gyp-next/tree/main",
                Some("github.com/nodejs/gyp-next"),
            ),
            ("= https://gitlab.com/a/b", Some("gitlab.com/a/b")),
            ("not a url", None),
        ] {
            assert_eq!(normal_repository(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn a_folder_whose_manifest_names_another_repository_is_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let gyp = dir.path().join("gyp");
        let package = dir.path().join("packages/core");
        std::fs::create_dir_all(&gyp).unwrap();
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(
            gyp.join("pyproject.toml"),
            "[project]\nname = \"gyp-next\"\n[project.urls]\nHomepage = \"https://github.com/nodejs/gyp-next\"\n",
        )
        .unwrap();
        std::fs::write(
            package.join("package.json"),
            r#"{"repository": {"url": "git+https://github.com/nodejs/node-gyp.git", "directory": "packages/core"}}"#,
        )
        .unwrap();
        let homes = vec!["github.com/nodejs/node-gyp".to_owned()];
        assert!(copy_of_another(&gyp, &homes));
        assert!(!copy_of_another(&package, &homes));
        // A fork: origin is the fork, upstream the project; packages name upstream.
        let fork = vec![
            "github.com/me/node-gyp".to_owned(),
            "github.com/nodejs/node-gyp".to_owned(),
        ];
        assert!(!copy_of_another(&package, &fork));
        assert!(!copy_of_another(&gyp, &[]));
    }
}
