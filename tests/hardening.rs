//! A repository is untrusted input: ally runs in CI over whatever a pull request holds,
//! and in terminals over files nobody has read. One test per way it was once broken.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A scratch repository (a `.git` folder stops the search for configuration above it).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("a.md"), "the whitelist\n").unwrap();
    dir
}

fn ally_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ally"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn ally(dir: &Path, args: &[&str]) -> Output {
    ally_env(dir, args, &[])
}

/// Runs ally and fails the test if it takes longer than `limit`.
fn ally_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ally"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes while waiting, so a full pipe never stalls the child.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "ally {args:?} took more than {limit:?}; stderr: {}",
                text(&stderr.join().unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn no_escape_bytes(out: &Output, what: &str) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0x07),
            "{what}: {stream} carries a control character: {}",
            text(bytes)
        );
        let shown = text(bytes);
        assert!(
            !shown.contains('\u{202e}') && !shown.contains('\u{2066}'),
            "{what}: {stream} carries a bidirectional override: {shown}"
        );
    }
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// 1. A configuration cannot make ally read, and quote, a file outside its repository.
#[test]
fn a_config_cannot_load_packs_from_outside_its_repository() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secrets.toml");
    std::fs::write(&secret, "TOKEN = \"hunter2-secret\"\n").unwrap();
    let dir = repo();
    std::os::unix::fs::symlink(&secret, dir.path().join("linked.toml")).unwrap();
    let cases = [
        format!("[packs]\nload = [{:?}]\n", secret.display().to_string()),
        "[packs]\nload = [\"/proc/self/environ\"]\n".to_owned(),
        format!(
            "[packs]\nload = [\"../{}/secrets.toml\"]\n",
            outside.path().file_name().unwrap().to_string_lossy()
        ),
        "[packs]\nload = [\"linked.toml\"]\n".to_owned(),
    ];
    for config in cases {
        std::fs::write(dir.path().join("ally.toml"), &config).unwrap();
        let out = ally_env(dir.path(), &["check", "a.md"], &[("SECRET", "hunter2-env")]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{config}: {err}");
        assert!(
            err.contains("ally.toml:2"),
            "{config}: the key is named: {err}"
        );
        assert!(
            !err.contains("hunter2"),
            "{config}: a secret reached the terminal: {err}"
        );
    }
}

/// 1. A file named with `--pack` that is not a pack is not quoted unless it is a
///    `.toml` file inside the repository.
#[test]
fn a_file_that_is_not_a_pack_is_not_quoted() {
    let dir = repo();
    std::fs::write(dir.path().join("env.txt"), "SECRET=hunter2-secret\n").unwrap();
    let out = ally(dir.path(), &["check", "--pack", "env.txt", "a.md"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("hunter2"), "quoted: {err}");
    assert!(err.contains("env.txt") && err.contains("line 1"), "{err}");
    let out = ally_env(
        dir.path(),
        &["check", "--pack", "/proc/self/environ", "a.md"],
        &[("SECRET", "hunter2-env")],
    );
    assert!(
        !text(&out.stderr).contains("hunter2"),
        "{}",
        text(&out.stderr)
    );
    // A pack of our own, inside the repository, is quoted: that is how it gets fixed.
    std::fs::write(
        dir.path().join("ours.toml"),
        "[pack]\nid = \"x\"\nnope = 1\n",
    )
    .unwrap();
    let out = ally(dir.path(), &["check", "--pack", "ours.toml", "a.md"]);
    assert!(
        text(&out.stderr).contains("nope = 1"),
        "{}",
        text(&out.stderr)
    );
}

/// 2. A linted file cannot drive the terminal through ally's own findings.
#[test]
fn marker_findings_cannot_drive_the_terminal() {
    let dir = repo();
    std::fs::write(
        dir.path().join("m.txt"),
        "x # ally-ignore-line a\x1b]0;pwned\x07\x1b[2Jb\ny # ally-ignore-line -- \u{202e}why\n",
    )
    .unwrap();
    for format in ["human", "concise"] {
        let out = ally(
            dir.path(),
            &[
                "check",
                "--format",
                format,
                "--report-unused-suppressions",
                "m.txt",
            ],
        );
        no_escape_bytes(&out, format);
        let shown = text(&out.stdout);
        assert!(shown.contains("ally/unknown-rule"), "{format}: {shown}");
        assert!(
            shown.contains("ally/unused-suppression"),
            "{format}: {shown}"
        );
        assert!(
            !shown.contains("may exclude some readers"),
            "{format}: ally's own rules say what they are about: {shown}"
        );
    }
}

/// 3. A pack's alternatives, explanation and sources cannot drive the terminal.
#[test]
fn pack_text_cannot_drive_the_terminal() {
    let dir = repo();
    std::fs::write(
        dir.path().join("evil.toml"),
        "[pack]\nid = \"evil\"\nname = \"E\\u001b[2J\"\n\n[[source]]\nid = \"s\"\ntitle = \"T\\u001b]0;x\\u0007\"\nurl = \"https://example.org/\\u001b[31m\"\n\n[[rule]]\nid = \"frob\"\nterms = [\"frobnicate\"]\nalternatives = [\"pro\\u001b[5mcess\", \"\\u202ework\"]\nexplanation = \"Say \\u001b[2Jprocess.\"\nsources = [\"s\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("f.md"), "Please frobnicate it.\n").unwrap();
    for args in [
        &["check", "--pack", "evil.toml", "--format", "human", "f.md"][..],
        &[
            "check",
            "--pack",
            "evil.toml",
            "--format",
            "concise",
            "f.md",
        ],
        &["explain", "--pack", "evil.toml", "evil/frob"],
        &["rules", "--pack", "evil.toml"],
    ] {
        let out = ally(dir.path(), args);
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        no_escape_bytes(&out, &format!("{args:?}"));
        assert!(text(&out.stdout).contains("frob"), "{args:?}");
    }
}

/// 4. Errors on stderr are escaped: walk errors, configuration excerpts, pack paths.
#[test]
fn error_messages_cannot_drive_the_terminal() {
    let dir = repo();
    std::fs::write(dir.path().join("ally.toml"), "fail-on = \"loud\x1b[2J\"\n").unwrap();
    let out = ally(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    no_escape_bytes(&out, "config excerpt");
    std::fs::remove_file(dir.path().join("ally.toml")).unwrap();
    let out = ally(dir.path(), &["check", "gone\x1b[2J.md", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    no_escape_bytes(&out, "missing path");
    let out = ally(dir.path(), &["check", "--pack", "gone\x1b[2J.toml", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    no_escape_bytes(&out, "missing pack");
    let err = text(&out.stderr);
    assert_eq!(
        err.matches("gone").count(),
        1,
        "the path is named once: {err}"
    );
}

/// 5. Terms in one long token (a minified file) take linear time.
#[test]
fn terms_in_one_long_token_take_linear_time() {
    let dir = repo();
    std::fs::write(dir.path().join("min.js"), "x.whitelist;".repeat(20_000)).unwrap();
    std::fs::write(dir.path().join("list.md"), "the whitelist; ".repeat(20_000)).unwrap();
    std::fs::write(
        dir.path().join("marks.py"),
        "whitelist # ally-ignore-line tech/x ".repeat(20_000),
    )
    .unwrap();
    let out = ally_within(
        dir.path(),
        &["check", "--format", "concise", "min.js"],
        Duration::from_secs(10),
    );
    // `whitelist` is a name min.js uses but does not define: one finding per file.
    assert_eq!(text(&out.stdout).lines().count(), 1);
    let out = ally_within(
        dir.path(),
        &["check", "--format", "concise", "list.md"],
        Duration::from_secs(10),
    );
    assert_eq!(text(&out.stdout).lines().count(), 20_000);
    let out = ally_within(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--report-unused-suppressions",
            "marks.py",
        ],
        Duration::from_secs(10),
    );
    assert_eq!(out.status.code(), Some(1));
}

/// 6. The human format shows a window of a long line, not the line.
#[test]
fn the_human_format_shows_a_window_of_long_lines() {
    let dir = repo();
    let chunk = format!("{} whitelist ", "lorem ipsum ".repeat(800));
    std::fs::write(dir.path().join("long.txt"), chunk.repeat(100)).unwrap();
    let out = ally(dir.path(), &["check", "long.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert_eq!(shown.matches("warning[tech/whitelist]").count(), 100);
    assert!(
        out.stdout.len() < 100 * 1024,
        "{} bytes for 100 findings",
        out.stdout.len()
    );
    assert!(
        shown.contains(" │ …") && shown.contains(" lorem ipsum…\n"),
        "{}",
        &shown[..600]
    );
}

/// 7. An ignore file that never ends or blocks is refused, and the walk goes on.
#[test]
fn ignore_files_that_never_end_or_block_are_refused() {
    let dir = repo();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join(".allyignore")).unwrap();
    let out = ally_within(
        dir.path(),
        &["check", "--format", "concise", "."],
        Duration::from_secs(20),
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(".allyignore") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(
        text(&out.stdout).contains("a.md:1:5"),
        "the rest is checked"
    );
    std::fs::remove_file(dir.path().join(".allyignore")).unwrap();
    if mkfifo(&dir.path().join(".gitignore")) {
        let out = ally_within(dir.path(), &["check", "."], Duration::from_secs(20));
        assert!(
            text(&out.stderr).contains(".gitignore"),
            "{}",
            text(&out.stderr)
        );
    }
    // Patterns still apply when the file is a regular one.
    std::fs::remove_file(dir.path().join(".gitignore")).ok();
    std::fs::write(dir.path().join(".allyignore"), "a.md\n").unwrap();
    let out = ally(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

/// 7. A FIFO or device named on the command line, or as a pack or a configuration,
///    is an error naming it; the other files are still checked.
#[test]
fn special_files_named_are_errors_not_hangs() {
    let dir = repo();
    let fifo = dir.path().join("pipe.md");
    if !mkfifo(&fifo) {
        return;
    }
    let limit = Duration::from_secs(20);
    let out = ally_within(
        dir.path(),
        &["check", "--format", "concise", "pipe.md", "a.md"],
        limit,
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("pipe.md") && err.contains("FIFO"), "{err}");
    assert!(text(&out.stdout).contains("a.md:1:5"));
    for args in [
        &["check", "--pack", "pipe.md", "a.md"][..],
        &["check", "--config", "pipe.md", "a.md"],
        &["check", "--config", "/dev/zero", "a.md"],
        &["check", "/dev/zero"],
    ] {
        let out = ally_within(dir.path(), args, limit);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
        assert!(!err.contains("does not exist"), "{args:?}: {err}");
    }
    std::fs::write(
        dir.path().join("ally.toml"),
        "[packs]\nload = [\"pipe.md\"]\n",
    )
    .unwrap();
    let out = ally_within(dir.path(), &["check", "a.md"], limit);
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));
}

/// 8. Walked files over the size limit are skipped with a notice; a named binary file
///    is skipped with a reason; a huge sparse file is not read to be skipped.
#[test]
fn large_and_binary_files_are_skipped_with_a_word() {
    let dir = repo();
    std::fs::write(
        dir.path().join("big.txt"),
        "the whitelist\n".repeat(100_000),
    )
    .unwrap();
    let out = ally(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--max-file-size",
            "1MB",
            ".",
        ],
    );
    let err = text(&out.stderr);
    assert!(err.contains("big.txt") && err.contains("1 MB"), "{err}");
    assert!(!text(&out.stdout).contains("big.txt"));
    assert!(text(&out.stdout).contains("a.md"));
    std::fs::write(dir.path().join("ally.toml"), "max-file-size = \"2 MB\"\n").unwrap();
    let out = ally(dir.path(), &["check", "--format", "concise", "."]);
    assert!(
        text(&out.stdout).contains("big.txt"),
        "{}",
        text(&out.stderr)
    );
    // Named on the command line, it is checked whatever its size.
    let out = ally(dir.path(), &["check", "--max-file-size", "1KB", "big.txt"]);
    assert_eq!(out.status.code(), Some(1));

    let sparse = std::fs::File::create(dir.path().join("sparse.bin")).unwrap();
    sparse.set_len(2 << 30).unwrap();
    let out = ally_within(dir.path(), &["check", "sparse.bin"], Duration::from_secs(5));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("sparse.bin") && err.contains("binary"),
        "{err}"
    );
}

/// 9. `--threads` is capped.
#[test]
fn threads_are_capped() {
    let dir = repo();
    let out = ally_within(
        dir.path(),
        &["check", "-j", "100000", "."],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(1));
}

/// 10. A path given twice, or inside a folder also given, is checked once.
#[test]
fn a_path_given_twice_is_reported_once() {
    let dir = repo();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/b.md"), "a blacklist\n").unwrap();
    let out = ally(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "a.md",
            "a.md",
            "./a.md",
            ".",
            "docs",
            "docs/b.md",
        ],
    );
    let shown = text(&out.stdout);
    assert_eq!(shown.lines().count(), 2, "{shown}");
}

/// 10. A file named `-` is not reported as stdin.
#[test]
fn a_file_named_dash_is_not_stdin() {
    let dir = repo();
    std::fs::write(dir.path().join("-"), "the whitelist\n").unwrap();
    let out = ally(dir.path(), &["check", "--format", "concise", "./-"]);
    assert!(
        text(&out.stdout).starts_with("./-:1:5:"),
        "{}",
        text(&out.stdout)
    );
}

/// 10. A pack term of punctuation alone is refused.
#[test]
fn a_term_of_punctuation_is_refused() {
    let dir = repo();
    std::fs::write(
        dir.path().join("p.toml"),
        "[pack]\nid = \"p\"\nname = \"P\"\n[[source]]\nid = \"s\"\ntitle = \"S\"\nurl = \"https://example.org\"\n[[rule]]\nid = \"r\"\nterms = [\"...\"]\nexplanation = \"e\"\nsources = [\"s\"]\n",
    )
    .unwrap();
    let out = ally(dir.path(), &["check", "--pack", "p.toml", "a.md"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("p.toml:10") && err.contains("no letter or digit"),
        "{err}"
    );
}

/// 10. `ally init --force` replaces a link named ally.toml; it never writes through it.
#[test]
fn init_force_does_not_write_through_a_link() {
    let dir = repo();
    let target: PathBuf = dir.path().join("elsewhere.txt");
    std::fs::write(&target, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("ally.toml")).unwrap();
    let out = ally(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2), "init does not overwrite");
    let out = ally(dir.path(), &["init", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
    let written = dir.path().join("ally.toml");
    assert!(!written.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(written)
        .unwrap()
        .contains("fail-on"));
}
