//! The `ally` command line: parse → load the workspace → resolve settings → run → exit
//! code. The engine (`ally-core`) finds; this crate walks, reads, reports and writes.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ally::args::{CheckArgs, Cli, Command, ExplainArgs, InitArgs, ListFormat, RulesArgs};
use ally::baseline::Baseline;
use ally::diagnostics::{self, write_stdout, Failure};
use ally::settings::{self, CheckSettings, FixMode};
use ally::walk::{self, WalkOptions};
use ally::workspace::Workspace;
use ally::{changed, check, config, fix, report, terminal};
use ally_core::did_you_mean;
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = std::env::current_dir()
        .map_err(|e| Failure::from(format!("cannot read the current folder: {e}")))
        .and_then(|cwd| match cli.command {
            Command::Check(args) => {
                let json = args.format == ally::args::Format::Json;
                run_check(args, &cwd).or_else(|failure| {
                    if !json {
                        return Err(failure);
                    }
                    // An editor reads stdout: one JSON document, whatever happens, with
                    // the error in it (and on stderr, as always).
                    diagnostics::report_failure(&failure);
                    let report = report::Report {
                        errors: vec![failure.as_path_message()],
                        ..Default::default()
                    };
                    write_stdout(|out| {
                        report::reporter(ally::args::Format::Json, report::Show::default())
                            .write(&report, out)
                    })?;
                    Ok(2)
                })
            }
            Command::Rules(args) => run_rules(args, &cwd),
            Command::Explain(args) => run_explain(args, &cwd),
            Command::Init(args) => run_init(args),
        });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            diagnostics::report_failure(&failure);
            ExitCode::from(2)
        }
    }
}

fn run_check(args: CheckArgs, cwd: &Path) -> Result<u8, Failure> {
    let workspace = Workspace::load(&args.config, cwd)?;
    let show = report::Show {
        color: false,
        quiet: args.quiet,
        statistics: args.statistics,
    };
    // A baseline and SARIF's fingerprints know a finding by the words around it.
    let needs_source = report::reporter(args.format, show).needs_source()
        || args.baseline.is_some()
        || args.write_baseline.is_some();
    let settings = CheckSettings::resolve(&args, &workspace, needs_source);
    if settings.show_config {
        let shown = settings::show_config(&workspace, &settings);
        let shown = terminal::escape_except(&shown, &['\n']).into_owned();
        write_stdout(|out| out.write_all(shown.as_bytes()))?;
        return Ok(0);
    }
    let engine = workspace.engine(settings.engine.clone())?;
    if let Some(job) = engine.automaton_job() {
        // The automaton is built beside the first searches, which go without it.
        let _ = std::thread::Builder::new()
            .name("ally-automaton".to_owned())
            .spawn(move || job.run());
    }
    let filters =
        Filters {
            changed: match &settings.diff_base {
                Some(base) => Some(changed::Changed::since(base, &workspace.cwd)?),
                None => None,
            },
            baseline: match &settings.baseline {
                Some(path) => Some(Baseline::read(path).map_err(|e| {
                    format!("{}: {e}", terminal::escape(&path.display().to_string()))
                })?),
                None => None,
            },
        };
    let stdin = match &settings.stdin {
        Some(_) => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Some(bytes)
        }
        None => None,
    };
    let (mut report, mut gone) =
        collect(&engine, &workspace, &settings, &filters, stdin.as_deref());
    let mut errors = Vec::new();
    let mut stdout_taken = false;
    if let Some(mode) = settings.fix {
        let outcome = fix::fix_files(&report, mode, settings.fix_level, settings.stdin.as_deref());
        let (mut fixes, mut files) = (outcome.fixes, outcome.files);
        errors = outcome.errors;
        // The buffer from stdin: its fixed text (or its diff) goes to stdout.
        let mut fixed_stdin = None;
        if let (Some(name), Some(bytes)) = (&settings.stdin, &stdin) {
            if let ally_core::Decoded::Text(text, _) = ally_core::decode(bytes) {
                let mine: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|f| &*f.path == name.as_str())
                    .cloned()
                    .collect();
                let (fixed, count) = fix::fix_text(&text, &mine, settings.fix_level);
                if count > 0 {
                    fixes += count;
                    files += 1;
                }
                fixed_stdin = Some((text.into_owned(), fixed));
            }
        }
        match mode {
            FixMode::Diff => {
                let mut diff = outcome.diff;
                if let (Some(name), Some((old, new))) = (&settings.stdin, &fixed_stdin) {
                    if old != new {
                        diff.extend_from_slice(fix::unified_diff(name, old, new).as_bytes());
                    }
                }
                write_stdout(|out| out.write_all(&diff))?;
                stdout_taken = true;
                diagnostics::write_note_unless(
                    settings.quiet,
                    &format!(
                        "--diff: {} in {} would be applied; nothing was written",
                        plural(fixes, "fix", "fixes"),
                        plural(files, "file", "files"),
                    ),
                );
            }
            FixMode::Write => {
                if let Some((_, fixed)) = &fixed_stdin {
                    write_stdout(|out| out.write_all(fixed.as_bytes()))?;
                    stdout_taken = true;
                }
                if fixes > 0 {
                    // What is left, at its new positions.
                    let fixed_bytes = fixed_stdin.map(|(_, fixed)| fixed.into_bytes());
                    (report, gone) = collect(
                        &engine,
                        &workspace,
                        &settings,
                        &filters,
                        fixed_bytes.as_deref().or(stdin.as_deref()),
                    );
                }
                diagnostics::write_note_unless(
                    settings.quiet,
                    &format!(
                        "fixed {} in {}; {} left",
                        plural(fixes, "finding", "findings"),
                        plural(files, "file", "files"),
                        plural(report.findings.len(), "finding", "findings"),
                    ),
                );
            }
        }
    }

    if let Some(path) = &settings.write_baseline {
        return write_baseline(path, &report, settings.quiet);
    }
    if !stdout_taken {
        let show = report::Show {
            color: settings.color,
            quiet: settings.quiet,
            statistics: settings.statistics,
        };
        let reporter = report::reporter(settings.format, show);
        write_stdout(|out| reporter.write(&report, out))?;
    }
    if settings.format == ally::args::Format::Github && !settings.statistics {
        if !settings.quiet {
            diagnostics::write_raw(&report::github::totals_notice(&report));
        }
        if let Some(path) = &settings.step_summary {
            append_step_summary(path, &report::github::step_summary(&report))?;
        }
    }
    if !settings.quiet {
        diagnostics::write_notes(
            report
                .notices
                .iter()
                .map(|n| (n.path.as_str(), n.message.as_str())),
        );
        if gone > 0 {
            diagnostics::write_note(&format!(
                "{} the baseline records {} gone (fixed or removed): run --write-baseline again to drop {}",
                plural(gone, "finding", "findings"),
                if gone == 1 { "is" } else { "are" },
                if gone == 1 { "it" } else { "them" },
            ));
        }
    }
    if settings.verbose {
        diagnostics::write_left_out(&report);
    }
    errors.extend(report.errors.iter().cloned());
    if !errors.is_empty() {
        diagnostics::write_path_errors(
            errors.iter().map(|e| (e.path.as_str(), e.message.as_str())),
        );
        return Ok(2);
    }
    let fails = report
        .findings
        .iter()
        .any(|f| settings.fail_on.fails(f.severity));
    // The process ends here: freeing thousands of rules, patterns and findings one by
    // one would cost more than a small check itself. Nothing of theirs needs closing.
    std::mem::forget((report, engine, workspace));
    Ok(u8::from(fails))
}

/// "1 fix", "2 fixes".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What keeps a finding out of the report besides the rules: `--diff-base` and
/// `--baseline`.
struct Filters {
    changed: Option<changed::Changed>,
    baseline: Option<Baseline>,
}

/// Records the findings in a baseline file (atomically: a temporary file beside it,
/// then a rename), and exits 0.
fn write_baseline(path: &Path, report: &report::Report, quiet: bool) -> Result<u8, Failure> {
    let shown = terminal::escape(&path.display().to_string()).into_owned();
    let baseline = Baseline::of(&report.findings);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let failed = |e: std::io::Error| format!("{shown}: cannot write the baseline: {e}");
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(failed)?;
    file.write_all(baseline.to_json().as_bytes())
        .map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    if !report.errors.is_empty() {
        diagnostics::write_path_errors(
            report
                .errors
                .iter()
                .map(|e| (e.path.as_str(), e.message.as_str())),
        );
        return Ok(2);
    }
    if !quiet {
        diagnostics::write_note(&format!(
            "recorded {} in {shown}; with --baseline {shown}, only new ones are reported",
            plural(report.findings.len(), "finding", "findings"),
        ));
    }
    Ok(0)
}

/// Appends GitHub's step summary (Markdown) to the file GitHub named.
fn append_step_summary(path: &Path, text: &str) -> Result<(), Failure> {
    let failed = |e: std::io::Error| {
        format!(
            "{}: cannot append the step summary: {e}",
            terminal::escape(&path.display().to_string())
        )
    };
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)?;
    Ok(())
}

/// Checks the paths and the stdin buffer, judges who owns each identifier, and drops
/// what the filters keep out. Also says how many findings a baseline records that
/// were not seen.
fn collect(
    engine: &ally_core::Engine,
    workspace: &Workspace,
    settings: &CheckSettings,
    filters: &Filters,
    stdin: Option<&[u8]>,
) -> (report::Report, usize) {
    let path_rules = workspace.path_rules();
    let mut report = if settings.paths.is_empty() {
        report::Report::default()
    } else {
        let walk_options = WalkOptions {
            exclude: workspace
                .config
                .exclude
                .clone()
                .map(|m| (m, workspace.base())),
            own_files: {
                // A baseline records the terms it keeps quiet: it is ally's own file.
                let mut own = workspace.own_files();
                for path in [&settings.baseline, &settings.write_baseline]
                    .into_iter()
                    .flatten()
                {
                    own.push(walk::absolute(&workspace.cwd, path));
                }
                own
            },
            threads: settings.threads,
            cwd: workspace.cwd.clone(),
            force_exclude: settings.force_exclude,
        };
        let options = check::CheckOptions {
            max_file_size: Some(settings.max_file_size),
            progress: settings.progress,
        };
        check::check_paths(engine, &settings.paths, &walk_options, &path_rules, options)
    };
    if let (Some(name), Some(bytes)) = (&settings.stdin, stdin) {
        // With --force-exclude, an excluded name is not checked (an editor or hook
        // passes every file it has).
        let excluded = settings.force_exclude
            && workspace.config.exclude.as_ref().is_some_and(|matcher| {
                walk::relative_to(
                    &walk::absolute(&workspace.cwd, Path::new(name)),
                    &workspace.base(),
                )
                .is_some_and(|relative| matcher.is_match(&relative))
            });
        if !excluded {
            check::check_stdin(engine, name, bytes, &path_rules, &mut report);
        }
    }
    report.finish();
    // An identifier no checked file defines is someone else's: once per file, at info.
    let defined = ally_core::defined_identifiers(&report.findings);
    ally_core::resolve_ownership(&mut report.findings, &defined);
    if let Some(changed) = &filters.changed {
        let cwd = &workspace.cwd;
        report.findings.retain(|f| {
            // The buffer from stdin is checked as the file it names.
            changed.contains(&walk::absolute(cwd, Path::new(&*f.path)), f.start.line)
        });
    }
    let mut gone = 0;
    if let Some(baseline) = &filters.baseline {
        let findings = std::mem::take(&mut report.findings);
        (report.findings, gone) = baseline.filter(findings);
    }
    (report, gone)
}

fn run_rules(args: RulesArgs, cwd: &Path) -> Result<u8, Failure> {
    let workspace = Workspace::load(&args.config, cwd)?;
    let out = match args.format {
        ListFormat::Json => report::rules::json(&workspace.rules),
        ListFormat::Human => report::rules::human(&workspace.rules).into_bytes(),
    };
    write_stdout(|stdout| stdout.write_all(&out))?;
    Ok(0)
}

fn run_explain(args: ExplainArgs, cwd: &Path) -> Result<u8, Failure> {
    let workspace = Workspace::load(&args.config, cwd)?;
    let rules = &workspace.rules;
    let meta = ally_core::meta_rules();
    let rule = rules
        .rule(&args.name)
        .or_else(|| rules.rule_for_term(&args.name))
        .or_else(|| meta.iter().find(|rule| rule.id == args.name));
    match rule {
        Some(rule) => {
            let text = report::rules::explain(rule);
            write_stdout(|out| out.write_all(text.as_bytes()))?;
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
    let path = PathBuf::from("ally.toml");
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
            std::io::Write::write_all(&mut file, config::STARTER.as_bytes())?;
            file.as_file().sync_all()?;
            Ok(file)
        })
        .and_then(|file| file.persist(&path).map_err(|e| e.error));
    written.map_err(|e| format!("cannot write ally.toml: {e}"))?;
    write_stdout(|out| out.write_all(b"Wrote ally.toml: every key is documented in it.\n"))?;
    Ok(0)
}
