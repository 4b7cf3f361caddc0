//! The workspace a command works in: the working folder (read once), the configuration
//! file and the packs it loads, all loaded once, and what follows from them for each
//! path: which rules are off there, and which files are ally's own.
//!
//! `check` uses it today; a language server will keep one and check buffers against it.

use std::path::{Path, PathBuf};

use ally_core::{Engine, EngineOptions, RuleMask, RuleSet, SourceError};

use crate::args::ConfigArgs;
use crate::config::{self, Config, PathMatcher};
use crate::diagnostics::Failure;
use crate::walk::{absolute, relative_to};

/// The configuration and rules, loaded.
#[derive(Debug)]
pub struct Workspace {
    /// The working folder, absolute.
    pub cwd: PathBuf,
    /// The configuration (defaults when there is no file).
    pub config: Config,
    /// Every pack and rule, configuration applied.
    pub rules: RuleSet,
}

impl Workspace {
    /// Loads the configuration (`--config`, `--no-config`, or the one found from `cwd`
    /// up), the built-in packs, the packs the configuration names and `--pack`, and
    /// applies the configuration to them.
    pub fn load(args: &ConfigArgs, cwd: &Path) -> Result<Workspace, Failure> {
        let config_path = if args.no_config {
            None
        } else if let Some(path) = &args.config {
            Some(path.clone())
        } else {
            config::discover(cwd)?.map(|p| relative_display(cwd, &p))
        };
        let config = match &config_path {
            Some(path) => Config::load(path, cwd)?,
            None => Config::defaults(cwd),
        };
        let mut rules = ally_packs::rule_set();
        for (shown, resolved) in config.pack_paths()? {
            let text = config::read_text_file(&resolved).map_err(|message| {
                SourceError::about_file(
                    shown.display().to_string(),
                    format!("cannot read the rule pack: {message}"),
                )
            })?;
            // Inside the repository already (pack_paths checks): quotable if TOML.
            let quotable = resolved
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            load_pack(&mut rules, &shown, &text, resolved, quotable)?;
        }
        let root = config::repository_root(cwd);
        for path in &args.packs {
            let text = config::read_text_file(path).map_err(|message| {
                format!("cannot read the rule pack {}: {message}", path.display())
            })?;
            let quotable = config::is_quotable(path, &root);
            load_pack(&mut rules, path, &text, absolute(cwd, path), quotable)?;
        }
        config.apply(&mut rules)?;
        Ok(Workspace {
            cwd: cwd.to_path_buf(),
            config,
            rules,
        })
    }

    /// The engine for these rules and the team's allowed phrases.
    pub fn engine(&self, options: EngineOptions) -> Result<Engine, SourceError> {
        Engine::new(&self.rules, &self.config.allow, options)
    }

    /// The folder the configuration's paths are relative to, absolute.
    pub fn base(&self) -> PathBuf {
        absolute(&self.cwd, &self.config.base)
    }

    /// The files that are ally's own, absolute: the configuration and the packs it
    /// loaded. They are never linted.
    pub fn own_files(&self) -> Vec<PathBuf> {
        let mut own: Vec<PathBuf> = self
            .rules
            .files
            .iter()
            .filter_map(|f| f.path.clone())
            .collect();
        if let Some(path) = &self.config.path {
            own.push(absolute(&self.cwd, path));
        }
        own
    }

    /// The rules `[[override]]` turns off, by path.
    pub fn path_rules(&self) -> PathRules {
        let entries = self
            .config
            .overrides
            .iter()
            .map(|entry| {
                let mut mask = RuleMask::new();
                for id in &entry.disable {
                    if let Some(index) = self.rules.rules.iter().position(|r| r.id == *id) {
                        mask.insert(ally_core::RuleId::new(index));
                    }
                }
                (entry.paths.clone(), mask, entry.language.clone())
            })
            .collect();
        PathRules {
            base: self.base(),
            cwd: self.cwd.clone(),
            entries,
        }
    }
}

/// Adds one pack file. An error quotes the file only when `quotable` (a `.toml` file
/// inside the repository): a file named by mistake may hold secrets.
fn load_pack(
    rules: &mut RuleSet,
    shown: &Path,
    text: &str,
    resolved: PathBuf,
    quotable: bool,
) -> Result<(), Failure> {
    rules
        .add_pack(&shown.display().to_string(), text, Some(resolved))
        .map_err(|err| {
            if quotable {
                err.into()
            } else {
                err.redacted("rule pack").into()
            }
        })
}

/// A discovered config path shown relative to the working folder when it is inside it.
fn relative_display(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Rules turned off for some paths (`[[override]]`).
#[derive(Debug, Clone, Default)]
pub struct PathRules {
    /// The folder the globs are relative to (absolute).
    base: PathBuf,
    /// The working folder, against which relative file paths are resolved.
    cwd: PathBuf,
    /// Globs, the rules they turn off, and the language they say the files are in.
    entries: Vec<(PathMatcher, RuleMask, Option<String>)>,
}

impl PathRules {
    /// The rules turned off for one file (empty when none is).
    pub fn disabled_for(&self, path: &Path) -> RuleMask {
        let mut mask = RuleMask::new();
        if self.entries.is_empty() {
            return mask;
        }
        let Some(relative) = relative_to(&absolute(&self.cwd, path), &self.base) else {
            return mask;
        };
        for (globs, rules, _) in &self.entries {
            if globs.is_match(&relative) {
                mask.union(rules);
            }
        }
        mask
    }

    /// The language the configuration says a file is in (the last matching
    /// `[[override]]` with a `language`), if it says.
    pub fn language_for(&self, path: &Path) -> Option<String> {
        if self
            .entries
            .iter()
            .all(|(_, _, language)| language.is_none())
        {
            return None;
        }
        let relative = relative_to(&absolute(&self.cwd, path), &self.base)?;
        self.entries
            .iter()
            .rev()
            .find(|(globs, _, language)| language.is_some() && globs.is_match(&relative))
            .and_then(|(_, _, language)| language.clone())
    }
}
