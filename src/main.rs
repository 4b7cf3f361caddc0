//! The `ally` command line: parse → load the workspace → resolve settings → run → exit
//! code. The engine (`ally-core`) finds; this crate walks, reads, reports and writes.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ally::args::{CheckArgs, Cli, Command, ExplainArgs, InitArgs, ListFormat, RulesArgs};
use ally::diagnostics::{self, write_stdout, Failure};
use ally::settings::{self, CheckSettings, FixMode};
use ally::walk::{self, WalkOptions};
use ally::workspace::Workspace;
use ally::{check, config, fix, report, terminal};
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
                        report::reporter(ally::args::Format::Json, false).write(&report, out)
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
    let needs_source = report::reporter(args.format, false).needs_source();
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
    let mut report = collect(&engine, &workspace, &settings, stdin.as_deref());
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
                diagnostics::write_note(&format!(
                    "--diff: {} in {} would be applied; nothing was written",
                    plural(fixes, "fix", "fixes"),
                    plural(files, "file", "files"),
                ));
            }
            FixMode::Write => {
                if let Some((_, fixed)) = &fixed_stdin {
                    write_stdout(|out| out.write_all(fixed.as_bytes()))?;
                    stdout_taken = true;
                }
                if fixes > 0 {
                    // What is left, at its new positions.
                    let fixed_bytes = fixed_stdin.map(|(_, fixed)| fixed.into_bytes());
                    report = collect(
                        &engine,
                        &workspace,
                        &settings,
                        fixed_bytes.as_deref().or(stdin.as_deref()),
                    );
                }
                diagnostics::write_note(&format!(
                    "fixed {} in {}; {} left",
                    plural(fixes, "finding", "findings"),
                    plural(files, "file", "files"),
                    plural(report.findings.len(), "finding", "findings"),
                ));
            }
        }
    }

    if !stdout_taken {
        let reporter = report::reporter(settings.format, settings.color);
        write_stdout(|out| reporter.write(&report, out))?;
    }
    diagnostics::write_notes(
        report
            .notices
            .iter()
            .map(|n| (n.path.as_str(), n.message.as_str())),
    );
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

/// Checks the paths and the stdin buffer, and judges who owns each identifier.
fn collect(
    engine: &ally_core::Engine,
    workspace: &Workspace,
    settings: &CheckSettings,
    stdin: Option<&[u8]>,
) -> report::Report {
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
            own_files: workspace.own_files(),
            threads: settings.threads,
            cwd: workspace.cwd.clone(),
            force_exclude: settings.force_exclude,
        };
        let options = check::CheckOptions {
            max_file_size: Some(settings.max_file_size),
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
    report
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
