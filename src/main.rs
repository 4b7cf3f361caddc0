//! The `ally` command line.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use ally::check::{self, Outcome, PathRules};
use ally::config::{self, Config, FailOn};
use ally::matcher::Workload;
use ally::report::{self, Format};
use ally::rules::RuleSet;
use ally::scan::{ScanSettings, Scanner};
use ally::source_error::{did_you_mean, SourceError};
use ally::walk::{absolute, WalkOptions};

/// ally finds words that can exclude or hurt people, and suggests the words the
/// communities concerned prefer, with an explanation and sources.
#[derive(Parser)]
#[command(name = "ally", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files and folders (default "."; "-" reads stdin).
    Check(CheckArgs),
    /// List every loaded pack and rule, enabled or not.
    Rules(RulesArgs),
    /// Explain a rule, by its id or by one of its terms.
    Explain(ExplainArgs),
    /// Write a commented starter ally.toml in the current folder.
    Init(InitArgs),
}

#[derive(Args, Clone)]
struct ConfigArgs {
    /// Use this configuration file instead of the discovered ally.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore ally.toml and .ally.toml.
    #[arg(long)]
    no_config: bool,
    /// Load an extra rule pack (repeatable).
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct CheckArgs {
    /// Files and folders to check; "-" reads stdin.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The name stdin is reported (and configured) as.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    #[command(flatten)]
    config: ConfigArgs,
    /// The lowest severity that makes the exit code 1 (default: warning).
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOnArg>,
    /// Report suppression comments that silenced nothing.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Print the configuration files are checked with, and exit.
    #[arg(long)]
    show_config: bool,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Worker threads (default: one per core; at most 4 per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Skip walked files larger than this (default 64 MB; a file named on the command
    /// line is always checked). A number of bytes, or a size such as 64MB.
    #[arg(long, value_name = "SIZE", value_parser = parse_size_arg)]
    max_file_size: Option<u64>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Args)]
struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Args)]
struct ExplainArgs {
    /// A rule id (tech/whitelist) or a term (whitelist).
    #[arg(value_name = "RULE-ID|TERM")]
    name: String,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Args)]
struct InitArgs {
    /// Overwrite an existing ally.toml.
    #[arg(long)]
    force: bool,
}

fn parse_size_arg(text: &str) -> Result<u64, String> {
    ally::read::parse_size(text)
        .ok_or_else(|| format!("`{text}` is not a size: write a number of bytes, or one like 64MB"))
}

/// The most worker threads `-j` gives: four per core. More only add contention, and a
/// mistyped `-j 100000` would otherwise never finish starting them.
fn thread_limit() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get() * 4)
}

/// An error that ends the command with exit code 2.
enum Failure {
    /// An error inside a file: rendered with the source line.
    Source(SourceError),
    /// Any other error.
    Message(String),
}

impl From<SourceError> for Failure {
    fn from(err: SourceError) -> Self {
        Failure::Source(err)
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Rules(args) => run_rules(args),
        Command::Explain(args) => run_explain(args),
        Command::Init(args) => run_init(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let color = std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let text = match failure {
                Failure::Source(err) => err.render(color),
                Failure::Message(message) => {
                    format!("error: {}\n", ally::terminal::escape(&message))
                }
            };
            let _ = std::io::stderr().write_all(text.as_bytes());
            ExitCode::from(2)
        }
    }
}

/// The configuration and rules a command works with.
struct Context {
    config: Config,
    rules: RuleSet,
}

fn load_context(args: &ConfigArgs) -> Result<Context, Failure> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let config_path = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        config::discover(&cwd)?.map(|p| relative_display(&cwd, &p))
    };
    let config = match &config_path {
        Some(path) => Config::load(path, &cwd)?,
        None => Config::defaults(&cwd),
    };
    let mut rules = ally::builtin::rule_set();
    for (shown, resolved) in config.pack_paths()? {
        let text = config::read_text_file(&resolved).map_err(|message| {
            SourceError::about_file(
                shown.display().to_string(),
                format!("cannot read the rule pack: {message}"),
            )
        })?;
        // Inside the repository already (pack_paths checks): quotable if it is TOML.
        let quotable = resolved
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        load_pack(&mut rules, &shown, &text, resolved, quotable)?;
    }
    let root = config::repository_root(&cwd);
    for path in &args.packs {
        let text = config::read_text_file(path).map_err(|message| {
            format!("cannot read the rule pack {}: {message}", path.display())
        })?;
        let quotable = config::is_quotable(path, &root);
        load_pack(&mut rules, path, &text, absolute(&cwd, path), quotable)?;
    }
    config.apply(&mut rules)?;
    Ok(Context { config, rules })
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

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A reader that closed the pipe early (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the report: {e}").into()),
    }
}

fn run_check(args: CheckArgs) -> Result<u8, Failure> {
    let context = load_context(&args.config)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = &context.config;
    let settings = ScanSettings {
        markdown_code: config.markdown_code,
        report_unused_suppressions: args.report_unused_suppressions,
        workload: workload(&args.paths),
    };
    let scanner = Scanner::new(&context.rules, &config.allow, settings)?;
    let fail_on = match args.fail_on {
        Some(FailOnArg::Error) => FailOn::Severity(ally::rules::Severity::Error),
        Some(FailOnArg::Warning) => FailOn::Severity(ally::rules::Severity::Warning),
        Some(FailOnArg::Info) => FailOn::Severity(ally::rules::Severity::Info),
        Some(FailOnArg::Never) => FailOn::Never,
        None => config
            .fail_on
            .unwrap_or(FailOn::Severity(ally::rules::Severity::Warning)),
    };
    let base = absolute(&cwd, &config.base);
    let mut path_rules = PathRules {
        base: base.clone(),
        cwd: cwd.clone(),
        entries: Vec::new(),
        rule_count: scanner.rules().len(),
    };
    for entry in &config.overrides {
        let indices = entry
            .disable
            .iter()
            .filter_map(|id| scanner.rule_index(id))
            .collect();
        path_rules.entries.push((entry.paths.clone(), indices));
    }

    let mut paths = args.paths.clone();
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    if args.show_config {
        return show_config(&context, fail_on, &paths, &path_rules).map(|()| 0);
    }
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    paths.retain(|p| p.as_os_str() != "-");

    let mut own_files: Vec<PathBuf> = context
        .rules
        .files
        .iter()
        .filter_map(|f| f.path.clone())
        .collect();
    if let Some(path) = &config.path {
        own_files.push(absolute(&cwd, path));
    }
    let walk_options = WalkOptions {
        exclude: config.exclude.clone().map(|m| (m, base.clone())),
        own_files,
        threads: args.threads.min(thread_limit()),
        cwd: cwd.clone(),
    };
    let options = check::CheckOptions {
        excerpts: args.format == Format::Human,
        max_file_size: Some(
            args.max_file_size
                .or(config.max_file_size)
                .unwrap_or(ally::read::DEFAULT_MAX_FILE_SIZE),
        ),
    };
    let excerpts = options.excerpts;
    let mut outcome = if paths.is_empty() {
        Outcome::default()
    } else {
        check::check_paths(&scanner, &paths, &walk_options, &path_rules, options)
    };
    if reads_stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_owned());
        let shown: Arc<str> = Arc::from(name.as_str());
        let disabled = path_rules.disabled_for(Path::new(&name));
        if let Some(findings) = check::check_bytes(&scanner, &shown, &bytes, &disabled, excerpts) {
            outcome.files_scanned += 1;
            outcome.bytes_scanned += bytes.len() as u64;
            outcome.findings.extend(findings);
            outcome.finish();
        }
    }

    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    {
        let mut out = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock());
        let written =
            report::write(&outcome, args.format, color, &mut out).and_then(|()| out.flush());
        match written {
            // A reader that closed the pipe early (`| head`) is not an error of ours.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(format!("cannot write the report: {e}").into());
            }
            _ => {}
        }
    }
    if !outcome.notices.is_empty() {
        let mut err = std::io::stderr().lock();
        for notice in &outcome.notices {
            let _ = writeln!(
                err,
                "note: {}: {}",
                ally::terminal::escape(&notice.path),
                ally::terminal::escape(&notice.message)
            );
        }
    }
    if !outcome.errors.is_empty() {
        let mut err = std::io::stderr().lock();
        for error in &outcome.errors {
            let _ = writeln!(
                err,
                "error: {}: {}",
                ally::terminal::escape(&error.path),
                ally::terminal::escape(&error.message)
            );
        }
        return Ok(2);
    }
    let fails = outcome.findings.iter().any(|f| fail_on.fails(f.severity));
    // The process ends here: freeing thousands of rules, patterns and findings one by
    // one would cost more than a small check itself. Nothing of theirs needs closing.
    std::mem::forget((outcome, scanner, context));
    Ok(u8::from(fails))
}

/// A tree, or more than a few megabytes of files, is worth a DFA.
fn workload(paths: &[PathBuf]) -> Workload {
    const SMALL: u64 = 4 << 20;
    let mut total = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Workload::Bulk,
            Ok(meta) => total += meta.len(),
            Err(_) => {}
        }
    }
    if paths.is_empty() || total > SMALL {
        Workload::Bulk
    } else {
        Workload::Small
    }
}

fn show_config(
    context: &Context,
    fail_on: FailOn,
    paths: &[PathBuf],
    path_rules: &PathRules,
) -> Result<(), Failure> {
    let config = &context.config;
    let mut out = String::new();
    let source = config
        .path
        .as_ref()
        .map_or("(none: defaults)".to_owned(), |p| p.display().to_string());
    out.push_str(&format!("# configuration: {source}\n"));
    let fail = match fail_on {
        FailOn::Never => "never".to_owned(),
        FailOn::Severity(s) => s.to_string(),
    };
    out.push_str(&format!("fail-on = {fail:?}\n"));
    let exclude = config
        .exclude
        .as_ref()
        .map(|m| m.globs.clone())
        .unwrap_or_default();
    out.push_str(&format!(
        "exclude = {exclude:?}\nallow = {:?}\n",
        config.allow
    ));
    let on: Vec<&str> = context
        .rules
        .packs
        .iter()
        .filter(|p| p.enabled)
        .map(|p| p.id.as_str())
        .collect();
    let off: Vec<&str> = context
        .rules
        .packs
        .iter()
        .filter(|p| !p.enabled)
        .map(|p| p.id.as_str())
        .collect();
    out.push_str(&format!(
        "\n[packs]\nenabled = {on:?}\ndisabled = {off:?}\n"
    ));
    let markdown = match config.markdown_code {
        ally::markdown::CodePolicy::Skip => "skip",
        ally::markdown::CodePolicy::Lint => "lint",
    };
    out.push_str(&format!("\n[markdown]\ncode = {markdown:?}\n"));
    for (id, _) in &config.rules {
        if let Some(rule) = context.rules.rule(id.get_ref()) {
            out.push_str(&format!(
                "\n[rules.{:?}]\nenabled = {}\nseverity = {:?}\nalternatives = {:?}\n",
                rule.id,
                rule.enabled,
                rule.severity.as_str(),
                rule.alternatives
            ));
        }
    }
    for path in paths.iter().filter(|p| p.as_os_str() != "-" && p.is_file()) {
        let disabled = path_rules.disabled_for(path);
        let ids: Vec<&str> = disabled
            .iter()
            .enumerate()
            .filter(|(_, off)| **off)
            .map(|(i, _)| context.rules.rules[i].id.as_str())
            .collect();
        out.push_str(&format!(
            "\n# {}: rules off by [[override]]: {ids:?}\n",
            path.display()
        ));
    }
    // Values come from the configuration file: nothing in them may drive the terminal.
    write_stdout(ally::terminal::escape_except(&out, &['\n']).as_bytes())
}

fn run_rules(args: RulesArgs) -> Result<u8, Failure> {
    let context = load_context(&args.config)?;
    let out = match args.format {
        ListFormat::Json => report::rules::json(&context.rules),
        ListFormat::Human => report::rules::human(&context.rules).into_bytes(),
    };
    write_stdout(&out)?;
    Ok(0)
}

fn run_explain(args: ExplainArgs) -> Result<u8, Failure> {
    let context = load_context(&args.config)?;
    let rules = &context.rules;
    let rule = rules
        .rule(&args.name)
        .or_else(|| rules.rule_for_term(&args.name));
    match rule {
        Some(rule) => {
            write_stdout(report::rules::explain(rule).as_bytes())?;
            Ok(0)
        }
        None => {
            let mut message = format!("no rule has the id or term `{}`", args.name);
            if let Some(close) = did_you_mean(&args.name, rules.rule_ids()) {
                message.push_str(&format!("; did you mean `{close}`?"));
            } else {
                message.push_str("; `ally rules` lists them all");
            }
            Err(message.into())
        }
    }
}

fn run_init(args: InitArgs) -> Result<u8, Failure> {
    let path = Path::new("ally.toml");
    // `symlink_metadata`: a link named ally.toml counts as a file here, even dangling.
    if path.symlink_metadata().is_ok() && !args.force {
        return Err("ally.toml already exists here; use --force to overwrite it"
            .to_owned()
            .into());
    }
    if Path::new(".ally.toml").symlink_metadata().is_ok() {
        return Err(
            ".ally.toml already exists here: ally reads one configuration file per folder"
                .to_owned()
                .into(),
        );
    }
    // Written beside, then renamed over: never half a file, and a link named ally.toml
    // is replaced, not written through.
    let written = tempfile::NamedTempFile::new_in(".")
        .and_then(|mut file| {
            file.write_all(config::STARTER.as_bytes())?;
            file.as_file().sync_all()?;
            Ok(file)
        })
        .and_then(|file| file.persist(path).map_err(|e| e.error));
    written.map_err(|e| format!("cannot write ally.toml: {e}"))?;
    write_stdout(b"Wrote ally.toml: every key is documented in it.\n")?;
    Ok(0)
}
