//! Settings resolved once: command-line flags over the configuration file over the
//! defaults. `check` reads these and nothing else; `--show-config` prints them.

use std::io::IsTerminal;
use std::path::PathBuf;

use ally_core::{Applicability, CodePolicy, EngineOptions, RuleSet, Severity, Workload};
use serde::Serialize;

use crate::args::{CheckArgs, ColorArg, FailOnArg, Format};
use crate::config::FailOn;
use crate::read::DEFAULT_MAX_FILE_SIZE;
use crate::workspace::Workspace;

/// What `ally check` does, resolved.
#[derive(Debug, Clone)]
pub struct CheckSettings {
    /// Files and folders to check (`.` when none is given), without `-`.
    pub paths: Vec<PathBuf>,
    /// The name stdin is reported as, when stdin is read.
    pub stdin: Option<String>,
    /// The output format.
    pub format: Format,
    /// Whether the human format writes colour.
    pub color: bool,
    /// When the exit code reports findings.
    pub fail_on: FailOn,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Walked files larger than this are skipped.
    pub max_file_size: u64,
    /// What the engine is asked to do.
    pub engine: EngineOptions,
    /// Print the settings instead of checking.
    pub show_config: bool,
    /// Say which files were left out, and why.
    pub verbose: bool,
    /// Whether to fix, and how.
    pub fix: Option<FixMode>,
    /// The configuration's `exclude` applies to named files and the stdin name too.
    pub force_exclude: bool,
    /// The least applicability a fix needs to be applied.
    pub fix_level: Applicability,
    /// Only lines changed since this git revision.
    pub diff_base: Option<String>,
    /// Drop the findings this baseline records.
    pub baseline: Option<PathBuf>,
    /// Record the findings here instead of reporting them.
    pub write_baseline: Option<PathBuf>,
    /// Counts per rule instead of findings.
    pub statistics: bool,
    /// Findings only: no summary, notes or progress.
    pub quiet: bool,
    /// Where GitHub Actions wants the step summary (`$GITHUB_STEP_SUMMARY`).
    pub step_summary: Option<PathBuf>,
    /// Show progress on stderr during a long run: only on a terminal, never in CI
    /// (`CI` set), never with `--quiet`.
    pub progress: bool,
}

/// What `--fix` and `--diff` do with the fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Write them into the files (or print the fixed stdin).
    Write,
    /// Print a unified diff, write nothing.
    Diff,
}

/// The most worker threads `-j` gives: four per core. More only add contention, and a
/// mistyped `-j 100000` would otherwise never finish starting them.
pub fn thread_limit() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get() * 4)
}

/// A tree, or more than a few megabytes of files, is worth an automaton.
fn workload(paths: &[PathBuf]) -> Workload {
    const SMALL: u64 = 4 << 20;
    let mut total = 0;
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Workload::Bulk,
            Ok(meta) => total += meta.len(),
            Err(_) => {}
        }
    }
    if total > SMALL {
        Workload::Bulk
    } else {
        Workload::Small
    }
}

impl CheckSettings {
    /// Resolves `ally check`'s flags over the configuration.
    pub fn resolve(args: &CheckArgs, workspace: &Workspace, needs_source: bool) -> CheckSettings {
        let config = &workspace.config;
        let mut paths = args.paths.clone();
        // `-`, or a name for it, reads the buffer from stdin (as ruff does): an editor's
        // unsaved text, never the file of that name on disk.
        let reads_stdin =
            paths.iter().any(|p| p.as_os_str() == "-") || args.stdin_filename.is_some();
        let stdin = reads_stdin.then(|| {
            args.stdin_filename
                .clone()
                .unwrap_or_else(|| "-".to_owned())
        });
        paths.retain(|p| p.as_os_str() != "-");
        if paths.is_empty() && !reads_stdin {
            paths.push(PathBuf::from("."));
        }
        let fail_on = match args.fail_on {
            Some(FailOnArg::Error) => FailOn::Severity(Severity::Error),
            Some(FailOnArg::Warning) => FailOn::Severity(Severity::Warning),
            Some(FailOnArg::Info) => FailOn::Severity(Severity::Info),
            Some(FailOnArg::Never) => FailOn::Never,
            None => config
                .fail_on
                .unwrap_or(FailOn::Severity(Severity::Warning)),
        };
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        CheckSettings {
            engine: EngineOptions {
                markdown_code: config.markdown_code,
                report_unused_suppressions: args.report_unused_suppressions,
                workload: if paths.is_empty() {
                    Workload::Small
                } else {
                    workload(&paths)
                },
                excerpts: needs_source,
            },
            paths,
            stdin,
            format: args.format,
            color,
            fail_on,
            threads: args.threads.min(thread_limit()),
            max_file_size: args
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(DEFAULT_MAX_FILE_SIZE),
            show_config: args.show_config,
            verbose: args.verbose,
            force_exclude: args.force_exclude,
            fix: if args.fix {
                Some(FixMode::Write)
            } else if args.diff {
                Some(FixMode::Diff)
            } else {
                None
            },
            fix_level: if args.unsafe_fixes {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
            diff_base: args.diff_base.clone(),
            baseline: args.baseline.clone(),
            write_baseline: args.write_baseline.clone(),
            statistics: args.statistics,
            quiet: args.quiet,
            progress: !args.quiet
                && std::io::stderr().is_terminal()
                && std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        }
    }
}

/// The configuration as `--show-config` prints it: real TOML, with every setting's
/// value after flags and the file, as ally.toml would say it.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Shown<'a> {
    fail_on: String,
    max_file_size: u64,
    exclude: Vec<&'a str>,
    allow: &'a [String],
    packs: ShownPacks<'a>,
    markdown: ShownMarkdown,
    rules: std::collections::BTreeMap<&'a str, ShownRule<'a>>,
    #[serde(rename = "override")]
    overrides: Vec<ShownOverride<'a>>,
}

#[derive(Serialize)]
struct ShownPacks<'a> {
    enable: Vec<&'a str>,
    disable: Vec<&'a str>,
    load: Vec<String>,
}

#[derive(Serialize)]
struct ShownMarkdown {
    code: &'static str,
}

#[derive(Serialize)]
struct ShownRule<'a> {
    enabled: bool,
    severity: &'static str,
    alternatives: &'a [String],
}

#[derive(Serialize)]
struct ShownOverride<'a> {
    paths: &'a [String],
    disable: &'a [String],
}

/// `--show-config`: the configuration in effect, as TOML, with a comment naming the
/// file it came from. Rules appear when the configuration changed them.
pub fn show_config(workspace: &Workspace, settings: &CheckSettings) -> String {
    let config = &workspace.config;
    let rules: &RuleSet = &workspace.rules;
    let configured: Vec<&str> = config
        .rules
        .iter()
        .map(|(id, _)| id.get_ref().as_str())
        .collect();
    let shown = Shown {
        fail_on: match settings.fail_on {
            FailOn::Never => "never".to_owned(),
            FailOn::Severity(s) => s.to_string(),
        },
        max_file_size: settings.max_file_size,
        exclude: config
            .exclude
            .as_ref()
            .map(|m| m.globs.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        allow: &config.allow,
        packs: ShownPacks {
            enable: rules
                .packs
                .iter()
                .filter(|p| p.enabled)
                .map(|p| p.id.as_str())
                .collect(),
            disable: rules
                .packs
                .iter()
                .filter(|p| !p.enabled)
                .map(|p| p.id.as_str())
                .collect(),
            load: config.load.iter().map(|p| p.get_ref().clone()).collect(),
        },
        markdown: ShownMarkdown {
            code: match config.markdown_code {
                CodePolicy::Skip => "skip",
                CodePolicy::Lint => "lint",
            },
        },
        rules: rules
            .rules
            .iter()
            .filter(|r| configured.contains(&r.id.as_str()))
            .map(|r| {
                (
                    r.id.as_str(),
                    ShownRule {
                        enabled: r.enabled,
                        severity: r.severity.as_str(),
                        alternatives: &r.alternatives,
                    },
                )
            })
            .collect(),
        overrides: config
            .overrides
            .iter()
            .map(|o| ShownOverride {
                paths: &o.paths.globs,
                disable: &o.disable,
            })
            .collect(),
    };
    let source = config
        .path
        .as_ref()
        .map_or("none (defaults)".to_owned(), |p| p.display().to_string());
    let mut out = format!("# The configuration in effect. From: {source}\n");
    match toml::to_string(&shown) {
        Ok(text) => out.push_str(&text),
        Err(e) => out.push_str(&format!("# cannot be shown as TOML: {e}\n")),
    }
    for path in settings.paths.iter().filter(|p| p.is_file()) {
        let disabled = workspace.path_rules().disabled_for(path);
        let ids: Vec<&str> = disabled
            .iter()
            .map(|id| rules.rules[id.index()].id.as_str())
            .collect();
        out.push_str(&format!(
            "# {}: rules off by [[override]]: {ids:?}\n",
            path.display()
        ));
    }
    out
}
