//! The `ally` command as a user runs it: fixture folders, expected output (snapshots
//! of every format), exit codes, and clean stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project")
}

fn ally(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ally"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    if let Some(input) = stdin {
        use std::io::Write;
        command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        // ally may stop before it reads its input (a bad config is an error first):
        // the pipe is then closed, and that is no failure of the test.
        if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
        return child.wait_with_output().unwrap();
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn human_output() {
    let out = ally(&fixture(), &["check", "docs", "src"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    insta::assert_snapshot!("human", text(&out.stdout));
}

#[test]
fn concise_output() {
    let out = ally(
        &fixture(),
        &["check", "--format", "concise", "docs", "src"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("concise", text(&out.stdout));
}

#[test]
fn json_output() {
    let out = ally(
        &fixture(),
        &["check", "--format", "json", "docs", "src"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files_scanned"], 2);
    insta::assert_snapshot!("json", text(&out.stdout));
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = fixture();
    // error (badword), warning (whitelist) and info (master) findings are present
    let table = [("never", 0), ("error", 1), ("warning", 1), ("info", 1)];
    for (level, code) in table {
        let out = ally(&dir, &["check", "--fail-on", level, "docs"], None);
        assert_eq!(out.status.code(), Some(code), "--fail-on {level}");
    }
    let out = ally(&dir, &["check", "--fail-on", "error", "src"], None);
    assert_eq!(out.status.code(), Some(0), "src has only warnings");
    let out = ally(&dir, &["check", "missing.md"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("missing.md"),
        "{}",
        text(&out.stderr)
    );
    let out = ally(&dir, &["check", "--no-such-flag"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_is_valid_on_a_clean_run_and_with_errors() {
    let dir = fixture();
    let out = ally(&dir, &["check", "--format", "json", "ally.toml"], None);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        0,
        "ally's own config is not linted"
    );
    let out = ally(
        &dir,
        &["check", "--format", "json", "docs", "nope.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "errors win over findings");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"][0]["path"], "nope.md");
}

#[test]
fn stdin_is_reported_under_its_name() {
    let out = ally(
        &fixture(),
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "notes.md",
            "-",
        ],
        Some("Keep the whitelist.\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "notes.md:1:10: warning[fixture/whitelist] Consider `allowlist` or `allow list` instead of `whitelist`\n"
    );
}

#[test]
fn a_bad_pack_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let table = [
        ("[pack]\nid = \"x\"\nname = \"X\"\n\n[[rule]]\nid = \"r\"\nterms = [\"a\"\n", "bad.toml:7:"),
        ("[pack]\nid = \"x\"\nname = \"X\"\ncolour = 1\n", "bad.toml:4:1"),
        (
            "[pack]\nid = \"x\"\nname = \"X\"\n[[source]]\nid = \"s\"\ntitle = \"S\"\nurl = \"https://x.org\"\n[[rule]]\nid = \"r\"\nterms = [\"a\"]\nseverity = \"loud\"\nexplanation = \"e\"\nsources = [\"s\"]\n",
            "bad.toml:11:12",
        ),
    ];
    for (pack, place) in table {
        std::fs::write(dir.path().join("bad.toml"), pack).unwrap();
        std::fs::write(dir.path().join("ok.md"), "fine\n").unwrap();
        let out = ally(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "--pack",
                "bad.toml",
                "ok.md",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains(place),
            "want {place} in {}",
            text(&out.stderr)
        );
        // An editor reads stdout: one JSON document, its `errors` naming the pack.
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors = report["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{report}");
        assert_eq!(errors[0]["path"], "bad.toml");
        assert!(errors[0]["line"].as_u64().is_some(), "{report}");
        assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    }
}

#[test]
fn a_bad_config_names_the_key_and_line_and_suggests() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("ok.md"), "fine\n").unwrap();
    let table = [
        (
            "[rules.\"tech/whitelists\"]\nenabled = false\n",
            "ally.toml:1",
            "did you mean `tech/whitelist`?",
        ),
        (
            "fail-on = \"warning\"\n\n[packs]\ndisable = [\"tecх\"]\n",
            "ally.toml:4",
            "unknown pack",
        ),
        (
            "[markdown]\ncode = \"lint\"\nfences = true\n",
            "ally.toml:3",
            "fences",
        ),
    ];
    for (config, place, words) in table {
        std::fs::write(dir.path().join("ally.toml"), config).unwrap();
        let out = ally(dir.path(), &["check", "ok.md"], None);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(place) && err.contains(words),
            "want {place} and {words} in {err}"
        );
    }
}

#[test]
fn rules_explain_and_init() {
    let dir = fixture();
    let out = ally(&dir, &["rules", "--format", "json"], None);
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fixture_rules: Vec<&str> = listing["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["pack"] == "fixture")
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        fixture_rules,
        ["fixture/whitelist", "fixture/master", "fixture/slur"]
    );
    insta::assert_snapshot!(
        "explain",
        text(&ally(&dir, &["explain", "whitelisted"], None).stdout)
    );
    let out = ally(&dir, &["explain", "fixture/whitelst"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `fixture/whitelist`?"));

    let empty = tempfile::tempdir().unwrap();
    let out = ally(empty.path(), &["init"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(empty.path().join("ally.toml").is_file());
    let out = ally(empty.path(), &["init"], None);
    assert_eq!(out.status.code(), Some(2), "init does not overwrite");
}

#[test]
fn unused_suppressions_and_unknown_names_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.py"),
        "x = 1  # ally-ignore-line -- nothing here any more\nhosts = whitelist()  # ally-ignore-line tech/no-such-rule\n",
    )
    .unwrap();
    let out = ally(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--report-unused-suppressions",
            "a.py",
        ],
        None,
    );
    let report = text(&out.stdout);
    assert!(
        report.contains("a.py:1:10: info[ally/unused-suppression]"),
        "{report}"
    );
    assert!(report.contains("warning[ally/unknown-rule]"), "{report}");
    assert!(
        report.contains("a.py:2:9: info[tech/whitelist]"),
        "an unknown name silences nothing (and `whitelist` is defined elsewhere): {report}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn show_config_prints_the_merged_settings() {
    let out = ally(
        &fixture(),
        &["check", "--show-config", "docs/guide.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.contains("From: ally.toml"), "{shown}");
    // Real TOML, and a configuration ally reads: written to a file, it checks alike.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::copy(fixture().join("pack.toml"), dir.path().join("pack.toml")).unwrap();
    std::fs::copy(fixture().join("docs/guide.md"), dir.path().join("guide.md")).unwrap();
    std::fs::write(dir.path().join("ally.toml"), &shown).unwrap();
    let again = ally(
        dir.path(),
        &["check", "--format", "concise", "guide.md"],
        None,
    );
    let before = ally(
        &fixture(),
        &["check", "--format", "concise", "docs/guide.md"],
        None,
    );
    assert_eq!(
        again.status.code(),
        before.status.code(),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        text(&again.stdout).replace("guide.md", "docs/guide.md"),
        text(&before.stdout)
    );
    assert!(shown.contains("\"fixture\""), "{shown}");
    assert!(shown.contains("fail-on = \"warning\""), "{shown}");
}

/// Neither a file's name nor its text can send escape sequences to the terminal.
#[test]
fn names_and_text_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("new\nline\x1b[31m.md"),
        "\x1b]0;owned\x07 the whitelist \x1b[31m\n",
    )
    .unwrap();
    for format in ["human", "concise"] {
        let out = ally(
            dir.path(),
            &["check", "--no-config", "--format", format, "."],
            None,
        );
        let shown = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{format}: {shown}");
        assert!(shown.contains("whitelist"), "{format}: {shown}");
        assert!(
            shown.contains(r"new\nline\u{1b}[31m.md"),
            "{format}: {shown}"
        );
        assert!(
            !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
            "{format} wrote an ESC byte: {shown}"
        );
    }
}

#[test]
fn identifiers_are_judged_by_who_defines_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hosts.py"),
        "from vendorlib import blacklist\n\n\ndef whitelist_ip(address):\n    return blacklist.contains(address)\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("server.py"),
        "from hosts import whitelist_ip\n\nok = whitelist_ip(1) and whitelist_ip(2)\nlag = lib.slave_count() + lib.slave_count()\nmore = masterKey() + masterKey()\n",
    )
    .unwrap();
    let out = ally(
        dir.path(),
        &["check", "--no-config", "--format", "concise", "."],
        None,
    );
    let report = text(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    let expected = [
        // Defined in hosts.py: the project's to rename, at every use.
        "hosts.py:4:5: warning[tech/whitelist]",
        "server.py:1:19: warning[tech/whitelist]",
        "server.py:3:6: warning[tech/whitelist]",
        "server.py:3:26: warning[tech/whitelist]",
        // Imported or qualified, defined nowhere: once per file, at info.
        "hosts.py:1:23: info[tech/blacklist]",
        "server.py:4:11: info[tech/slave]",
        // A bare name nothing defines or imports: at info, every use.
        "server.py:5:8: info[tech/master-key]",
        "server.py:5:22: info[tech/master-key]",
    ];
    for want in expected {
        assert!(
            lines.iter().any(|line| line.starts_with(want)),
            "{want} missing from:\n{report}"
        );
    }
    assert_eq!(lines.len(), expected.len(), "{report}");
    assert!(
        report.contains("`blacklist` is defined outside this project"),
        "{report}"
    );
}

#[test]
fn json_messages_name_each_identifier_defined_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("b.c"),
        "void f(void) { lib_master_a(); lib_master_b(); }\n",
    )
    .unwrap();
    let out = ally(
        dir.path(),
        &["check", "--no-config", "--format", "json", "b.c"],
        None,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("`lib_master_a` is defined outside"));
    assert!(messages[1].starts_with("`lib_master_b` is defined outside"));
}

#[test]
fn a_rule_reads_only_the_kinds_of_text_it_names() {
    // tech/dummy reads prose and comments: in code a dummy is a test double.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.py"),
        "# Return a dummy until the service answers.\ndummy = DummyPlugin()\n",
    )
    .unwrap();
    let out = ally(
        dir.path(),
        &["check", "--no-config", "--format", "concise", "t.py"],
        None,
    );
    let report = text(&out.stdout);
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(
        report.starts_with("t.py:1:12: info[tech/dummy]"),
        "{report}"
    );
}

#[test]
fn an_editor_buffer_is_read_from_stdin_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/a.md"), "Nothing on disk.\n").unwrap();
    std::fs::write(dir.path().join("ally.toml"), "exclude = [\"vendor/**\"]\n").unwrap();
    // Without `-`, the name still means stdin: the buffer, not the file on disk.
    let out = ally(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "docs/a.md",
        ],
        Some("Emoji 😀 then the WHITELIST.\n"),
    );
    assert_eq!(
        text(&out.stdout),
        "docs/a.md:1:18: warning[tech/whitelist] Consider `ALLOWLIST` or `ALLOW LIST` instead of `WHITELIST`\n"
    );
    // UTF-16 columns for editors that count them.
    let out = ally(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "docs/a.md"],
        Some("Emoji 😀 then the WHITELIST.\n"),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"][0]["start"]["column"], 18);
    assert_eq!(report["findings"][0]["start"]["column_utf16"], 19);
    assert_eq!(report["findings"][0]["suggestions"][0], "ALLOWLIST");
    // --force-exclude: an excluded name gives nothing, and exit 0.
    let out = ally(
        dir.path(),
        &[
            "check",
            "--force-exclude",
            "--stdin-filename",
            "vendor/v.md",
            "-",
        ],
        Some("The whitelist.\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_bad_config_still_gives_one_json_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ally.toml"),
        "fail-on = \"warning\"\nunknown-key = 3\n",
    )
    .unwrap();
    let out = ally(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "a.md", "-"],
        Some("The whitelist.\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"][0]["path"], "ally.toml");
    assert_eq!(report["errors"][0]["line"], 2);
    assert!(text(&out.stderr).contains("unknown-key"));
}

#[test]
fn misspelled_markers_are_reported_and_ally_explains_its_own_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = ally(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--stdin-filename",
            "m.md",
        ],
        Some("the whitelist <!-- ally-ignore-nextline -->\n"),
    );
    let report = text(&out.stdout);
    assert!(
        report.contains("m.md:1:20: warning[ally/misspelled-marker] `ally-ignore-nextline` is not a marker ally knows, and silences nothing: did you mean `ally-ignore-next-line`?"),
        "{report}"
    );
    for id in [
        "ally/unknown-rule",
        "ally/unused-suppression",
        "ally/misspelled-marker",
    ] {
        let out = ally(dir.path(), &["explain", id], None);
        assert_eq!(out.status.code(), Some(0), "{id}");
        assert!(text(&out.stdout).contains(id), "{}", text(&out.stdout));
    }
}

#[test]
fn force_exclude_applies_the_config_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("vendor")).unwrap();
    std::fs::write(dir.path().join("vendor/v.md"), "The whitelist.\n").unwrap();
    std::fs::write(dir.path().join("ally.toml"), "exclude = [\"vendor/**\"]\n").unwrap();
    let named = ally(
        dir.path(),
        &["check", "--format", "concise", "vendor/v.md"],
        None,
    );
    assert_eq!(named.status.code(), Some(1), "a named file is checked");
    let forced = ally(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--force-exclude",
            "vendor/v.md",
        ],
        None,
    );
    assert_eq!(forced.status.code(), Some(0));
    assert!(!text(&forced.stdout).contains("whitelist"));
}
