//! `ally check --fix`, `--diff` and `--unsafe-fixes` as a user runs them: what is
//! written, what is left exactly as it was, and what is said.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn ally(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ally"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or_default()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// A repository with prose in several encodings and line endings, code, a symlink and
/// a file that is not valid UTF-8.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".gitignore"), "").unwrap();
    std::fs::write(
        root.join("crlf.md"),
        b"\xEF\xBB\xBF# Access\r\n\r\nWe keep a whitelist.\r\nWHITELIST ENTRIES are read first.\r\n",
    )
    .unwrap();
    std::fs::write(
        root.join("wide.txt"),
        utf16le("Add the host to the blacklist.\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("run.sh"),
        "#!/bin/sh\n# Refresh the whitelist nightly.\n",
    )
    .unwrap();
    std::fs::set_permissions(root.join("run.sh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(root.join("real.md"), "The whitelist is shared.\n").unwrap();
    std::os::unix::fs::symlink("real.md", root.join("link.md")).unwrap();
    std::fs::write(
        root.join("broken.md"),
        b"Bad \xFF byte beside the whitelist.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("hosts.py"),
        "def is_whitelisted(host):\n    return host in ALLOWED\n",
    )
    .unwrap();
    std::fs::write(root.join("clean.md"), "Nothing to change here.\n").unwrap();
    dir
}

#[test]
fn fix_writes_safe_fixes_and_keeps_everything_else() {
    let dir = tree();
    let root = dir.path();
    let clean_before = std::fs::metadata(root.join("clean.md"))
        .unwrap()
        .modified()
        .unwrap();
    let out = ally(
        root,
        &[
            "check",
            "--no-config",
            "--fix",
            "--fail-on",
            "never",
            "crlf.md",
            "wide.txt",
            "run.sh",
            "link.md",
            "broken.md",
            "hosts.py",
            "clean.md",
        ],
        None,
    );
    let stderr = text(&out.stderr);
    // The BOM, CRLF and the article agree; the case of each word is kept.
    assert_eq!(
        std::fs::read(root.join("crlf.md")).unwrap(),
        b"\xEF\xBB\xBF# Access\r\n\r\nWe keep an allowlist.\r\nALLOWLIST ENTRIES are read first.\r\n"
    );
    // UTF-16 is written back as UTF-16.
    assert_eq!(
        std::fs::read(root.join("wide.txt")).unwrap(),
        utf16le("Add the host to the denylist.\n")
    );
    // A comment is prose: fixed; the mode is kept.
    assert_eq!(
        std::fs::read_to_string(root.join("run.sh")).unwrap(),
        "#!/bin/sh\n# Refresh the allowlist nightly.\n"
    );
    let mode = std::fs::metadata(root.join("run.sh"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o755);
    // The link stays a link; its target is fixed.
    assert_eq!(
        std::fs::read_link(root.join("link.md")).unwrap(),
        Path::new("real.md")
    );
    assert_eq!(
        std::fs::read_to_string(root.join("real.md")).unwrap(),
        "The allowlist is shared.\n"
    );
    // Renaming an identifier is unsafe: not without --unsafe-fixes.
    assert!(std::fs::read_to_string(root.join("hosts.py"))
        .unwrap()
        .contains("is_whitelisted"));
    // Invalid UTF-8 is not rewritten (that would change other bytes), and says so.
    assert_eq!(
        std::fs::read(root.join("broken.md")).unwrap(),
        b"Bad \xFF byte beside the whitelist.\n"
    );
    assert!(stderr.contains("broken.md: not fixed"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a file that could not be fixed is an error"
    );
    // A file with nothing to fix is not touched.
    let clean_after = std::fs::metadata(root.join("clean.md"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(clean_before, clean_after);
    // What was done, and what is left.
    assert!(
        stderr.contains("ally: fixed 5 findings in 4 files;"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("hosts.py"),
        "the report shows what remains"
    );

    // Fixing twice is fixing once.
    let before: Vec<_> = ["crlf.md", "wide.txt", "run.sh", "real.md"]
        .iter()
        .map(|f| std::fs::read(root.join(f)).unwrap())
        .collect();
    let out = ally(
        root,
        &[
            "check",
            "--no-config",
            "--fix",
            "--fail-on",
            "never",
            "crlf.md",
            "wide.txt",
            "run.sh",
            "link.md",
        ],
        None,
    );
    assert!(
        text(&out.stderr).contains("ally: fixed 0 findings in 0 files; 0 findings left"),
        "{}",
        text(&out.stderr)
    );
    let after: Vec<_> = ["crlf.md", "wide.txt", "run.sh", "real.md"]
        .iter()
        .map(|f| std::fs::read(root.join(f)).unwrap())
        .collect();
    assert_eq!(before, after);

    // --unsafe-fixes renames the identifier.
    let out = ally(
        root,
        &[
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "hosts.py",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(root.join("hosts.py")).unwrap(),
        "def is_allowlisted(host):\n    return host in ALLOWED\n"
    );
}

#[test]
fn diff_prints_a_patch_and_writes_nothing() {
    let dir = tree();
    let root = dir.path();
    std::fs::write(
        root.join("guide.md"),
        "# Hosts\n\nOne line.\nTwo lines.\nThree lines.\nAdd a host to the whitelist.\nFive.\n",
    )
    .unwrap();
    let out = ally(
        root,
        &["check", "--no-config", "--diff", "guide.md", "clean.md"],
        None,
    );
    assert_eq!(
        std::fs::read_to_string(root.join("guide.md")).unwrap(),
        "# Hosts\n\nOne line.\nTwo lines.\nThree lines.\nAdd a host to the whitelist.\nFive.\n"
    );
    insta::assert_snapshot!("diff", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("--diff: 1 fix in 1 file would be applied"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "--diff exits as a check would");
}

#[test]
fn fix_with_stdin_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = ally(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--fix",
            "--stdin-filename",
            "a.md",
            "-",
        ],
        Some(b"A whitelist and an blacklist.\n"),
    );
    assert_eq!(text(&out.stdout), "An allowlist and a denylist.\n");
    assert!(text(&out.stderr).contains("fixed 2 findings in 1 file; 0 findings left"));
    assert_eq!(out.status.code(), Some(0));
}
