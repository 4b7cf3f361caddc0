//! The JSON report validates against its schema, `docs/report.schema.json`, on real
//! output: a clean run, findings with fixes of every applicability, and errors.

use std::path::Path;
use std::process::Command;

fn schema() -> jsonschema::Validator {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/report.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn report(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_ally"))
        .args(["check", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn reports_validate_against_the_schema() {
    let validator = schema();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(
        scratch.path().join("a.md"),
        "The whitelist, and the blacklist.\n",
    )
    .unwrap();
    std::fs::write(scratch.path().join("b.py"), "hosts = whitelist()\n").unwrap();
    let cases: Vec<(&Path, Vec<&str>)> = vec![
        (root, vec!["--no-config", "examples/"]),
        (root, vec!["--no-config", "examples/our-terms.toml"]),
        (
            scratch.path(),
            vec!["--no-config", "a.md", "b.py", "gone.md"],
        ),
        (
            scratch.path(),
            vec!["--no-config", "--fail-on", "never", "."],
        ),
    ];
    let mut findings = 0;
    for (dir, args) in cases {
        let document = report(dir, &args);
        findings += document["findings"].as_array().map_or(0, Vec::len);
        let problems: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(problems.is_empty(), "{args:?}: {problems:#?}");
    }
    assert!(findings > 5, "the reports hold findings to validate");
}

/// The schema is strict where the contract is: a report missing a field fails.
#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let validator = schema();
    let broken = serde_json::json!({
        "version": 1,
        "findings": [{"path": "a.md", "rule": "tech/whitelist"}],
        "errors": [],
        "summary": {"files_scanned": 1, "bytes_scanned": 1, "findings": 1,
                    "by_severity": {"error": 0, "warning": 1, "info": 0}}
    });
    assert!(!validator.is_valid(&broken));
    let wrong_version = serde_json::json!({"version": 2, "findings": [], "errors": [],
        "summary": {"files_scanned": 0, "bytes_scanned": 0, "findings": 0,
                    "by_severity": {"error": 0, "warning": 0, "info": 0}}});
    assert!(!validator.is_valid(&wrong_version));
}
