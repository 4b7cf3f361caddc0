//! ally in CI: the machine formats (snapshots of SARIF, GitHub workflow commands,
//! Checkstyle and --statistics over the fixture project), --quiet, the step summary,
//! baselines and --diff-base.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project")
}

fn ally_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ally"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn ally(dir: &Path, args: &[&str]) -> Output {
    ally_with(dir, args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        text(&status.stderr)
    );
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    for (name, content) in files {
        write(dir.path(), name, content);
    }
    dir
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// (path, line) of each finding of a JSON report.
fn places(out: &Output) -> Vec<(String, u64)> {
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn sarif_output() {
    let out = ally(&fixture(), &["check", "--format", "sarif", "docs", "src"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"]["allyFinding/v1"].is_string());
    }
    insta::assert_snapshot!("sarif", text(&out.stdout));
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = std::fs::read_to_string(&schema_path) else {
        // The schema lives beside the repository in CI; the acceptance script checks
        // the same there.
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let clean = repo(&[("ok.md", "All good here.\n")]);
    for (dir, args) in [
        (
            fixture(),
            &["check", "--format", "sarif", "docs", "src"][..],
        ),
        (clean.path().to_path_buf(), &["check", "--format", "sarif"]),
    ] {
        let out = ally(&dir, args);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:?}");
    }
}

#[test]
fn github_output() {
    let out = ally(&fixture(), &["check", "--format", "github", "docs", "src"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("github", text(&out.stdout));
    // The totals, where GitHub always shows them.
    assert!(
        text(&out.stderr).starts_with("::notice title=ally::"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn checkstyle_output() {
    let out = ally(
        &fixture(),
        &["check", "--format", "checkstyle", "docs", "src"],
    );
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("checkstyle", text(&out.stdout));
}

#[test]
fn statistics_output_and_exit_code() {
    let out = ally(&fixture(), &["check", "--statistics", "docs", "src"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("statistics", text(&out.stdout));
    let out = ally(
        &fixture(),
        &["check", "--statistics", "--fail-on", "never", "docs", "src"],
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn quiet_prints_findings_only() {
    let dir = repo(&[("a.md", "A whitelist.\n"), ("clean/b.md", "Fine.\n")]);
    for format in ["human", "concise"] {
        let out = ally(dir.path(), &["check", "-q", "--format", format, "a.md"]);
        assert_eq!(out.status.code(), Some(1));
        let shown = text(&out.stdout);
        assert!(shown.contains("whitelist"), "{shown}");
        assert!(!shown.contains("1 finding"), "{format}: {shown}");
        let out = ally(
            dir.path(),
            &["check", "--quiet", "--format", format, "clean"],
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            (text(&out.stdout), text(&out.stderr)),
            (String::new(), String::new())
        );
    }
}

#[test]
fn step_summary_is_appended() {
    let dir = repo(&[("a.md", "A whitelist and a blacklist and a whitelist.\n")]);
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "## Earlier\n").unwrap();
    let path = summary.to_str().unwrap();
    let out = ally_with(
        dir.path(),
        &["check", "--format", "github", "--fail-on", "never", "a.md"],
        &[("GITHUB_STEP_SUMMARY", path)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(written.starts_with("## Earlier\n### ally\n"), "{written}");
    assert!(written.contains("**3 findings**"), "{written}");
    assert!(
        written.contains("| `tech/whitelist` | warning | 2 |"),
        "{written}"
    );
    assert!(
        written.contains("| `tech/blacklist` | warning | 1 |"),
        "{written}"
    );
}

#[test]
fn baseline_keeps_old_findings_quiet_when_lines_move() {
    let dir = repo(&[
        ("a.md", "One whitelist.\nFine.\nA blacklist.\n"),
        ("b.md", "A whitelist in b.\n"),
    ]);
    let out = ally(dir.path(), &["check", "--write-baseline", "base.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("recorded 3 findings"));
    let json = ["check", "--format", "json", "--baseline", "base.json"];
    // The baseline's own words are never linted: nothing is new.
    let out = ally(dir.path(), &json);
    assert_eq!((out.status.code(), places(&out)), (Some(0), vec![]));
    // Lines inserted above: still known.
    write(
        dir.path(),
        "a.md",
        "New intro.\nMore.\nOne whitelist.\nFine.\nA blacklist.\n",
    );
    let out = ally(dir.path(), &json);
    assert_eq!((out.status.code(), places(&out)), (Some(0), vec![]));
    // A second occurrence of a recorded phrase is new.
    write(dir.path(), "b.md", "A whitelist in b.\nA whitelist in b.\n");
    let out = ally(dir.path(), &json);
    assert_eq!(places(&out), vec![("b.md".to_owned(), 2)]);
    assert_eq!(out.status.code(), Some(1));
    // One recorded finding gone: said on stderr.
    write(dir.path(), "b.md", "Fine.\n");
    let out = ally(dir.path(), &json);
    assert_eq!((out.status.code(), places(&out)), (Some(0), vec![]));
    assert!(
        text(&out.stderr).contains("1 finding the baseline records is gone"),
        "{}",
        text(&out.stderr)
    );
    // A file that is not a baseline is an error that names it.
    write(dir.path(), "bad.json", "{\"version\": 1, \"oops\": []}");
    let out = ally(dir.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.json"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn diff_base_reports_changed_lines_and_new_files() {
    let dir = repo(&[
        ("notes.md", "Our whitelist lives here.\nplain text\n"),
        ("old.md", "An old blacklist.\n"),
    ]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "init"]);
    write(
        dir.path(),
        "notes.md",
        "Our whitelist lives here.\nplain text\nThe blacklist is new.\n",
    );
    write(dir.path(), "new.md", "A fresh whitelist.\n");
    let out = ally(
        dir.path(),
        &["check", "--format", "json", "--diff-base", "HEAD"],
    );
    assert_eq!(
        places(&out),
        vec![("new.md".to_owned(), 1), ("notes.md".to_owned(), 3)],
        "{}",
        text(&out.stderr)
    );
    let out = ally(dir.path(), &["check", "--diff-base", "no-such-ref"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no-such-ref"),
        "{}",
        text(&out.stderr)
    );
}
