//! `ally.toml`: discovery, strict parsing, and applying it to the rules.
//!
//! The file is found by walking up from the working directory to the repository root
//! (the first folder holding `.git`), or named with `--config`. Every unknown key,
//! unknown rule or pack id and wrongly typed value is an error that names the key and
//! `ally.toml:LINE`, with a suggestion when it looks like a typo.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use ally_core::{did_you_mean, unknown_key_note, CodePolicy, RuleSet, Severity, SourceError};

/// The names ally looks for, in each folder.
pub const FILE_NAMES: [&str; 2] = ["ally.toml", ".ally.toml"];

/// When the exit code reports findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// At or above this severity.
    Severity(Severity),
    /// Never: findings are reported, exit 0.
    Never,
}

impl FailOn {
    /// Parses `error`, `warning`, `info` or `never`.
    pub fn parse(name: &str) -> Option<FailOn> {
        if name == "never" {
            return Some(FailOn::Never);
        }
        Severity::parse(name).map(FailOn::Severity)
    }

    /// Whether a finding of this severity fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Severity(at) => severity >= at,
            FailOn::Never => false,
        }
    }
}

/// Settings for some paths only.
#[derive(Debug, Clone)]
pub struct Override {
    /// Which files (globs relative to the config file).
    pub paths: PathMatcher,
    /// Rule ids turned off there.
    pub disable: Vec<String>,
    /// The language those files are written in (`fr`, `pt-BR`): packs written for
    /// another check none of them.
    pub language: Option<String>,
}

/// A loaded configuration, ready to apply.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from (None: defaults).
    pub path: Option<PathBuf>,
    /// The folder paths are relative to.
    pub base: PathBuf,
    /// `fail-on`.
    pub fail_on: Option<FailOn>,
    /// `exclude`: files the walk skips.
    pub exclude: Option<PathMatcher>,
    /// `allow`: phrases never flagged.
    pub allow: Vec<String>,
    /// `[packs] enable`.
    pub enable_packs: Vec<Spanned<String>>,
    /// `[packs] disable`.
    pub disable_packs: Vec<Spanned<String>>,
    /// `[packs] load`: pack files, resolved against `base`.
    pub load: Vec<Spanned<String>>,
    /// `[rules."ID"]` settings.
    pub rules: Vec<(Spanned<String>, RuleSettings)>,
    /// `[markdown] code`.
    pub markdown_code: CodePolicy,
    /// `max-file-size`: walked files larger than this are skipped.
    pub max_file_size: Option<u64>,
    /// `[[override]]` entries.
    pub overrides: Vec<Override>,
    /// The text, for errors found while applying it.
    text: Arc<str>,
    display_name: String,
}

/// `[rules."ID"]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    /// Turns the rule on or off.
    pub enabled: Option<bool>,
    /// Changes its severity.
    pub severity: Option<Spanned<String>>,
    /// The words this team's community prefers.
    pub alternatives: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    fail_on: Option<Spanned<String>>,
    max_file_size: Option<Spanned<SizeValue>>,
    exclude: Option<Vec<Spanned<String>>>,
    allow: Option<Vec<String>>,
    packs: Option<RawPacks>,
    rules: Option<BTreeMap<Spanned<String>, RuleSettings>>,
    markdown: Option<RawMarkdown>,
    #[serde(rename = "override")]
    overrides: Option<Vec<RawOverride>>,
}

/// A size: a number of bytes, or text with a unit (`"64 MB"`).
#[derive(Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(u64),
    Text(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPacks {
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    load: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    code: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    language: Option<String>,
}

const TOP_KEYS: &[&str] = &[
    "fail-on",
    "max-file-size",
    "exclude",
    "allow",
    "packs",
    "rules",
    "markdown",
    "override",
];

/// The largest configuration file or rule pack ally reads.
pub const TEXT_FILE_LIMIT: u64 = 32 << 20;

/// The top folder of the repository that holds `dir`: the first folder, from `dir` up,
/// that holds `.git`; without one, `dir` itself.
pub fn repository_root(dir: &Path) -> PathBuf {
    let mut here = Some(dir);
    while let Some(folder) = here {
        if folder.join(".git").exists() {
            return folder.to_path_buf();
        }
        here = folder.parent();
    }
    dir.to_path_buf()
}

/// Whether `path` is a `.toml` file inside `root` (after links are resolved): a file
/// whose lines an error may quote.
pub fn is_quotable(path: &Path, root: &Path) -> bool {
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let inside = match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(file), Ok(root)) => file.starts_with(root),
        _ => false,
    };
    is_toml && inside
}

/// Reads a configuration file or rule pack: a regular file, at most
/// [`TEXT_FILE_LIMIT`] bytes, in UTF-8.
pub fn read_text_file(path: &Path) -> Result<String, String> {
    let bytes = crate::read::read_small_file(path, TEXT_FILE_LIMIT).map_err(|e| e.describe())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (an invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
const PACKS_KEYS: &[&str] = &["enable", "disable", "load"];
const RULE_KEYS: &[&str] = &["enabled", "severity", "alternatives"];
const MARKDOWN_KEYS: &[&str] = &["code"];
const OVERRIDE_KEYS: &[&str] = &["paths", "disable", "language"];

/// Finds the configuration file for `start`: `ally.toml` or `.ally.toml` in it or a
/// parent, stopping at the repository root. Two in one folder is an error.
pub fn discover(start: &Path) -> Result<Option<PathBuf>, String> {
    let mut dir = Some(start);
    while let Some(here) = dir {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| here.join(n))
            .filter(|p| p.is_file())
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => return Ok(Some(one.clone())),
            _ => {
                return Err(format!(
                    "{} holds both ally.toml and .ally.toml: keep one",
                    here.display()
                ))
            }
        }
        if here.join(".git").exists() {
            break;
        }
        dir = here.parent();
    }
    Ok(None)
}

impl Config {
    /// The defaults, with paths relative to `base`.
    pub fn defaults(base: &Path) -> Config {
        Config {
            base: base.to_path_buf(),
            ..Config::default()
        }
    }

    /// Reads and parses a configuration file. An error quotes its lines only when it
    /// is a `.toml` file inside the repository of the working folder `cwd`.
    pub fn load(path: &Path, cwd: &Path) -> Result<Config, SourceError> {
        let display_name = path.display().to_string();
        let text = read_text_file(path).map_err(|message| {
            SourceError::about_file(
                display_name.clone(),
                format!("cannot read the configuration: {message}"),
            )
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let base = if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base
        };
        let mut config = Config::parse(&display_name, &text, &base).map_err(|err| {
            if is_quotable(path, &repository_root(cwd)) {
                err
            } else {
                err.redacted("configuration file")
            }
        })?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses a configuration's text; `name` is how errors show the file, `base` the
    /// folder its paths are relative to.
    pub fn parse(name: &str, text: &str, base: &Path) -> Result<Config, SourceError> {
        let shared: Arc<str> = Arc::from(text);
        let error = |span: std::ops::Range<usize>, message: String| {
            SourceError::new(name, shared.clone(), span, message)
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_owned();
            let mut err = error(
                e.span().unwrap_or(0..0),
                format!("invalid configuration: {message}"),
            );
            let tables = [
                TOP_KEYS,
                PACKS_KEYS,
                RULE_KEYS,
                MARKDOWN_KEYS,
                OVERRIDE_KEYS,
            ];
            if let Some(note) = unknown_key_note(&message, &tables) {
                let unknown = message
                    .strip_prefix("unknown field `")
                    .and_then(|m| m.split('`').next())
                    .unwrap_or_default();
                err.message = format!("unknown key `{unknown}` in the configuration");
                err = err.with_note(note);
            }
            err
        })?;

        let fail_on = match raw.fail_on {
            Some(value) => Some(FailOn::parse(value.get_ref()).ok_or_else(|| {
                error(
                    value.span(),
                    format!(
                        "`fail-on` must be error, warning, info or never (got `{}`)",
                        value.get_ref()
                    ),
                )
            })?),
            None => None,
        };
        let max_file_size = match raw.max_file_size {
            Some(value) => {
                let span = value.span();
                let size = match value.into_inner() {
                    SizeValue::Bytes(bytes) => Some(bytes),
                    SizeValue::Text(text) => crate::read::parse_size(&text),
                };
                Some(size.ok_or_else(|| {
                    error(
                        span,
                        "`max-file-size` must be a number of bytes or a size such as \"64 MB\""
                            .to_owned(),
                    )
                })?)
            }
            None => None,
        };
        let exclude = match raw.exclude {
            Some(globs) => Some(
                PathMatcher::from_spanned(&globs)
                    .map_err(|(span, m)| error(span, format!("`exclude`: {m}")))?,
            ),
            None => None,
        };
        let markdown_code = match raw.markdown.and_then(|m| m.code) {
            Some(value) => match value.get_ref().as_str() {
                "skip" => CodePolicy::Skip,
                "lint" => CodePolicy::Lint,
                other => {
                    return Err(error(
                        value.span(),
                        format!("[markdown] `code` must be \"skip\" or \"lint\" (got `{other}`)"),
                    ))
                }
            },
            None => CodePolicy::Skip,
        };
        let mut overrides = Vec::new();
        for entry in raw.overrides.unwrap_or_default() {
            let paths = PathMatcher::from_spanned(&entry.paths)
                .map_err(|(span, m)| error(span, format!("[[override]] `paths`: {m}")))?;
            overrides.push((paths, entry.disable, entry.language));
        }
        let packs = raw.packs.unwrap_or_default();
        let mut rules: Vec<(Spanned<String>, RuleSettings)> =
            raw.rules.unwrap_or_default().into_iter().collect();
        // Keys may be spanned by the parser; if not, find them in the text.
        for (key, _) in &mut rules {
            if key.span().is_empty() {
                let quoted = format!("\"{}\"", key.get_ref());
                let span = text.find(&quoted).map_or(0..0, |i| i..i + quoted.len());
                *key = Spanned::new(span, key.get_ref().clone());
            }
        }
        let mut config = Config {
            path: None,
            base: base.to_path_buf(),
            fail_on,
            exclude,
            allow: raw.allow.unwrap_or_default(),
            enable_packs: packs.enable,
            disable_packs: packs.disable,
            load: packs.load,
            rules,
            markdown_code,
            max_file_size,
            overrides: Vec::new(),
            text: shared.clone(),
            display_name: name.to_owned(),
        };
        config.overrides = overrides
            .into_iter()
            .map(|(paths, disable, language)| Override {
                paths,
                disable: disable.into_iter().map(Spanned::into_inner).collect(),
                language,
            })
            .collect();
        Ok(config)
    }

    fn error(&self, span: std::ops::Range<usize>, message: String) -> SourceError {
        SourceError::new(self.display_name.clone(), self.text.clone(), span, message)
    }

    /// The pack files `[packs] load` names: (the path as shown, the file it resolves
    /// to). Each must be inside the repository that holds the configuration (no
    /// absolute path, no `..` or link leading out of it): a configuration arrives with
    /// the repository, and must not make ally read, and quote, files from elsewhere.
    pub fn pack_paths(&self) -> Result<Vec<(PathBuf, PathBuf)>, SourceError> {
        let base = std::fs::canonicalize(&self.base).unwrap_or_else(|_| self.base.clone());
        let root = repository_root(&base);
        let mut out = Vec::new();
        for entry in &self.load {
            let written = Path::new(entry.get_ref());
            if written.is_absolute() {
                return Err(self
                    .error(
                        entry.span(),
                        format!(
                            "`{}` is an absolute path: packs named in the configuration must \
                             be inside the repository",
                            entry.get_ref()
                        ),
                    )
                    .with_note("write the path relative to this file, or load a file from elsewhere with --pack"));
            }
            let shown = self.base.join(written);
            let resolved = std::fs::canonicalize(&shown).map_err(|e| {
                self.error(
                    entry.span(),
                    format!(
                        "cannot read the rule pack {}: {}",
                        shown.display(),
                        crate::read::describe_io_error(&e)
                    ),
                )
            })?;
            if !resolved.starts_with(&root) {
                return Err(self
                    .error(
                        entry.span(),
                        format!(
                            "`{}` leads outside the repository ({}): packs named in the \
                             configuration must be inside it",
                            entry.get_ref(),
                            root.display()
                        ),
                    )
                    .with_note("load a file from elsewhere with --pack"));
            }
            out.push((shown, resolved));
        }
        Ok(out)
    }

    /// Applies `[packs]` and `[rules]` to the loaded rules. Unknown ids are errors.
    pub fn apply(&self, set: &mut RuleSet) -> Result<(), SourceError> {
        let pack_ids: Vec<String> = set.packs.iter().map(|p| p.id.clone()).collect();
        for (list, enabled) in [(&self.enable_packs, true), (&self.disable_packs, false)] {
            for id in list {
                if !pack_ids.contains(id.get_ref()) {
                    let mut err = self.error(
                        id.span(),
                        format!("unknown pack `{}` in [packs]", id.get_ref()),
                    );
                    if let Some(close) =
                        did_you_mean(id.get_ref(), pack_ids.iter().map(String::as_str))
                    {
                        err = err.with_note(format!("did you mean `{close}`?"));
                    }
                    return Err(err.with_note(format!("known packs: {}", pack_ids.join(", "))));
                }
                set.set_pack_enabled(id.get_ref(), enabled);
            }
        }
        for (id, settings) in &self.rules {
            let Some(index) = set.rules.iter().position(|r| r.id == *id.get_ref()) else {
                return Err(self.unknown_rule(set, id.get_ref(), id.span(), "[rules]"));
            };
            let rule = std::sync::Arc::make_mut(&mut set.rules[index]);
            if let Some(enabled) = settings.enabled {
                rule.enabled = enabled;
            }
            if let Some(severity) = &settings.severity {
                rule.severity = Severity::parse(severity.get_ref()).ok_or_else(|| {
                    self.error(
                        severity.span(),
                        format!(
                            "`severity` must be error, warning or info (got `{}`)",
                            severity.get_ref()
                        ),
                    )
                })?;
            }
            if let Some(alternatives) = &settings.alternatives {
                rule.alternatives = alternatives.clone();
                // The team's words: a safe fix only when they name exactly one.
                rule.fix = match alternatives.as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                };
            }
        }
        for entry in &self.overrides {
            for id in &entry.disable {
                if set.rule(id).is_none() {
                    let span = self.find_span(id);
                    return Err(self.unknown_rule(set, id, span, "[[override]]"));
                }
            }
        }
        Ok(())
    }

    fn find_span(&self, id: &str) -> std::ops::Range<usize> {
        let quoted = format!("\"{id}\"");
        let at = self.text.rfind(&quoted).map_or(0, |i| i + 1);
        at..at + id.len()
    }

    fn unknown_rule(
        &self,
        set: &RuleSet,
        id: &str,
        span: std::ops::Range<usize>,
        table: &str,
    ) -> SourceError {
        let mut err = self.error(span, format!("unknown rule `{id}` in {table}"));
        if let Some(close) = did_you_mean(id, set.rule_ids()) {
            err = err.with_note(format!("did you mean `{close}`?"));
        } else {
            err = err.with_note("`ally rules` lists every rule id");
        }
        err
    }
}

/// Gitignore-style globs matched against paths relative to a base folder.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    set: GlobSet,
    /// The globs as written, for display.
    pub globs: Vec<String>,
}

impl PathMatcher {
    /// Compiles globs written in a configuration; a bad one is an error at its span.
    pub fn from_spanned(
        globs: &[Spanned<String>],
    ) -> Result<PathMatcher, (std::ops::Range<usize>, String)> {
        let written: Vec<String> = globs.iter().map(|g| g.get_ref().clone()).collect();
        PathMatcher::new(&written).map_err(|(index, message)| {
            let span = globs.get(index).map_or(0..0, Spanned::span);
            (span, message)
        })
    }

    /// Compiles globs: one without a `/` matches at any depth; `dir/**` matches all
    /// below. A bad glob is an error with its index.
    pub fn new(globs: &[String]) -> Result<PathMatcher, (usize, String)> {
        let mut builder = GlobSetBuilder::new();
        for (index, glob) in globs.iter().enumerate() {
            let trimmed = glob.trim_end_matches('/');
            let anchored = trimmed.strip_prefix('/').unwrap_or(trimmed);
            let mut patterns = vec![if trimmed.contains('/') {
                anchored.to_owned()
            } else {
                format!("**/{anchored}")
            }];
            // A folder pattern covers what is inside it.
            patterns.push(format!("{}/**", patterns[0]));
            for pattern in patterns {
                let compiled = globset::GlobBuilder::new(&pattern)
                    .literal_separator(true)
                    .build()
                    .or_else(|_| Glob::new(&pattern))
                    .map_err(|e| (index, format!("bad glob `{glob}`: {}", e.kind())))?;
                builder.add(compiled);
            }
        }
        let set = builder.build().map_err(|e| (0, e.to_string()))?;
        Ok(PathMatcher {
            set,
            globs: globs.to_vec(),
        })
    }

    /// Whether `relative` (a path relative to the base, `/`-separated) matches.
    pub fn is_match(&self, relative: &str) -> bool {
        let relative = relative.trim_start_matches("./");
        self.set.is_match(relative)
    }
}

/// Writes the commented starter configuration.
pub const STARTER: &str = include_str!("starter.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_gitignore_like() {
        let m = PathMatcher::new(&[
            "vendor/**".into(),
            "*.min.js".into(),
            "CHANGELOG.md".into(),
            "legacy/".into(),
        ])
        .unwrap();
        for yes in [
            "vendor/a/b.md",
            "app.min.js",
            "x/y.min.js",
            "CHANGELOG.md",
            "docs/CHANGELOG.md",
            "legacy/old/n.md",
        ] {
            assert!(m.is_match(yes), "{yes}");
        }
        for no in ["src/app.js", "docs/x.md", "vendored/a.md"] {
            assert!(!m.is_match(no), "{no}");
        }
    }

    #[test]
    fn errors_name_key_and_line() {
        let table = [
            (
                "fail-on = \"warning\"\n# c\ncolour = \"always\"\n",
                "colour",
                3,
            ),
            ("[packs]\nenabel = [\"x\"]\n", "enabel", 2),
            ("[markdown]\ncode = \"maybe\"\n", "code", 2),
            ("fail-on = \"sometimes\"\n", "fail-on", 1),
        ];
        for (text, name, line) in table {
            let err = Config::parse("ally.toml", text, Path::new(".")).unwrap_err();
            assert!(err.message.contains(name), "{text}: {err}");
            assert_eq!(err.line_column().0, line, "{text}: {err}");
        }
    }

    #[test]
    fn a_bad_glob_names_its_key_and_line() {
        for (text, key, line) in [
            (
                "fail-on = \"info\"\nexclude = [\"ok/**\",\n  \"a[\"]\n",
                "exclude",
                3,
            ),
            (
                "[[override]]\npaths = [\"x\", \"{a\"]\ndisable = []\n",
                "override",
                2,
            ),
        ] {
            let err = Config::parse("ally.toml", text, Path::new(".")).unwrap_err();
            assert!(err.message.contains(key), "{err}");
            assert!(err.message.contains("bad glob"), "{err}");
            assert_eq!(err.line_column().0, line, "{err}");
        }
    }

    #[test]
    fn the_starter_file_parses() {
        Config::parse("ally.toml", STARTER, Path::new(".")).unwrap();
    }
}
