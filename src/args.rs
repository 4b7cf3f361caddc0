//! The command line, as clap parses it. Nothing here is resolved: flags meet the
//! configuration file in [`crate::settings`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// ally finds words that can exclude or hurt people, and suggests the words the
/// communities concerned prefer, with an explanation and sources.
#[derive(Parser)]
#[command(
    name = "ally",
    version,
    about,
    propagate_version = true,
    after_help = "Every option and configuration key is described in README.md and docs/configuration.md."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Check files and folders (default "."; "-" reads stdin).
    Check(CheckArgs),
    /// List every loaded pack and rule, enabled or not.
    Rules(RulesArgs),
    /// Explain a rule, by its id or by one of its terms.
    Explain(ExplainArgs),
    /// Write a commented starter ally.toml in the current folder.
    Init(InitArgs),
}

/// Where the configuration and extra packs come from (every command that loads rules).
#[derive(Args, Clone, Debug, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the discovered ally.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore ally.toml and .ally.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Load an extra rule pack (repeatable; see docs/rule-packs.md).
    #[arg(long = "pack", value_name = "FILE")]
    pub packs: Vec<PathBuf>,
}

/// The formats `ally check --format` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source excerpts with the term underlined, alternatives, explanation, sources.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document (docs/report.schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations), and a step summary.
    Github,
    /// Checkstyle XML, for Jenkins, reviewdog and others.
    Checkstyle,
    /// One self-contained HTML page.
    Html,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Exit 1 for errors only.
    Error,
    /// Exit 1 for warnings and errors.
    Warning,
    /// Exit 1 for any finding.
    Info,
    /// Exit 0 whatever is found.
    Never,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `ally check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to check; "-" reads stdin.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The name stdin is reported (and configured) as.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Where the configuration and extra packs come from.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// The lowest severity that makes the exit code 1 (default: warning).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,
    /// Report suppression comments that silenced nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Say on stderr which files were left out, and why.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print the configuration files are checked with (as TOML), and exit.
    #[arg(long)]
    pub show_config: bool,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Worker threads (default: one per core; at most 4 per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Skip walked files larger than this (default 64 MB; a file named on the command
    /// line is always checked). A number of bytes, or a size such as 64MB.
    #[arg(long, value_name = "SIZE", value_parser = parse_size_arg)]
    pub max_file_size: Option<u64>,
    /// Apply the safe fixes in place, then report what is left (with `-`, print the
    /// fixed text on stdout).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print a unified diff of what --fix would change, and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, apply the unsafe fixes too (they rename identifiers).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Apply the configuration's `exclude` to files named on the command line and to
    /// the stdin name too (for pre-commit hooks and editors, which name files).
    #[arg(long)]
    pub force_exclude: bool,
    /// Report only findings on lines added or changed since this git revision (and in
    /// files git does not track yet).
    #[arg(long, value_name = "REF")]
    pub diff_base: Option<String>,
    /// Report only findings this baseline file does not record (see --write-baseline).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this file, and exit 0: later runs with --baseline
    /// report only new ones.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print a count of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line, no notes on stderr, no progress.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

fn parse_size_arg(text: &str) -> Result<u64, String> {
    crate::read::parse_size(text)
        .ok_or_else(|| format!("`{text}` is not a size: write a number of bytes, or one like 64MB"))
}

/// `ally rules --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    Human,
    /// The rules listing (a contract: see docs/report.schema.json's sibling).
    Json,
}

/// `ally rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Where the configuration and extra packs come from.
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `ally explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule id (tech/whitelist) or a term (whitelist).
    #[arg(value_name = "RULE-ID|TERM")]
    pub name: String,
    /// Where the configuration and extra packs come from.
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `ally init`.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// Overwrite an existing ally.toml.
    #[arg(long)]
    pub force: bool,
}
