//! `ally check --format html` as a user runs it: one self-contained page, every name
//! and line from the checked files escaped, each finding's path and message there to
//! read, and a snapshot of the page for the fixture project.

use std::path::Path;
use std::process::{Command, Output};

fn ally(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ally"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder of its own (a git repository, so that the walk stops there) holding `files`.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(git.success());
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

/// The page checked in `dir`, with its exit code and stderr checked.
fn page(dir: &Path) -> String {
    let out = ally(
        dir,
        &[
            "check",
            "--no-config",
            "--format",
            "html",
            "--fail-on",
            "never",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    text(&out.stdout)
}

/// What a reader sees: the body's text without tags, character references decoded,
/// runs of white space as one space.
fn visible_text(page: &str) -> String {
    let body = &page[page.find("<body").expect("a body")..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    squashed(&decoded)
}

/// `text` with runs of white space as one space.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page is one HTML document that loads nothing.
fn assert_one_self_contained_document(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.trim_end().ends_with("</html>"));
    assert_eq!(page.matches("<html").count(), 1);
    assert_eq!(page.matches("</html>").count(), 1);
    assert_eq!(page.matches("<body").count(), 1);
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<title>"));
    for loads in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "@import", "url(",
    ] {
        assert!(!page.contains(loads), "the page loads something: {loads}");
    }
}

#[test]
fn the_page_shows_every_finding_escaped() {
    let mut files = vec![
        (
            "README.md",
            "# Hosts\n\nAdd the host to the whitelist first.\n",
        ),
        (
            "docs/guide.md",
            "Tom & Jerry <keep> the whitelist short.\n\nThe blacklist is empty.\n",
        ),
        // A name no checked file defines: its message ends in a quoted term and `)`.
        (
            "src/hosts.py",
            "def allowed(host):\n    return host in WHITELIST\n",
        ),
    ];
    // Not a name Windows allows.
    if cfg!(unix) {
        files.push(("amp&<lt>.md", "A whitelist, named oddly.\n"));
    }
    let dir = project(&files);
    let page = page(dir.path());
    assert_one_self_contained_document(&page);

    // Every finding the JSON report lists is on the page: its path and its message.
    let out = ally(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
            ".",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let expected = if cfg!(unix) { 5 } else { 4 };
    assert_eq!(findings.len(), expected, "{findings:#?}");
    let visible = visible_text(&page);
    for finding in findings {
        let path = finding["path"].as_str().unwrap();
        let message = squashed(&finding["message"].as_str().unwrap().replace('`', ""));
        assert!(visible.contains(path), "{path} is not on the page");
        assert!(visible.contains(&message), "{message} is not on the page");
    }
    assert_eq!(page.matches("<li class=\"finding ").count(), findings.len());
    assert_eq!(page.matches("<mark ").count(), findings.len());
    assert!(page.matches("<details>").count() >= findings.len());

    // Names and lines from the files are text, not markup.
    assert!(page.contains(
        "Tom &amp; Jerry &lt;keep&gt; the <mark class=\"warning\">whitelist</mark> short."
    ));
    assert!(!page.contains("<keep>"));
    if cfg!(unix) {
        assert!(page.contains("amp&amp;&lt;lt&gt;.md"));
        assert!(!page.contains("amp&<lt>"));
    }
    assert!(
        visible.contains(&format!(
            "{} findings in {} of {} files checked",
            findings.len(),
            files.len(),
            files.len()
        )),
        "{visible}"
    );
}

#[test]
fn a_clean_check_is_a_page_that_says_so() {
    let dir = project(&[("README.md", "Add the host to the allowlist first.\n")]);
    let page = page(dir.path());
    assert_one_self_contained_document(&page);
    let visible = visible_text(&page);
    assert!(
        visible.contains("No findings in 1 file checked"),
        "{visible}"
    );
    assert!(!page.contains("<mark"));
}

#[test]
fn html_output() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let out = ally(&fixture, &["check", "--format", "html", "docs", "src"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let page = text(&out.stdout);
    assert_one_self_contained_document(&page);
    insta::assert_snapshot!("html", page);
}
