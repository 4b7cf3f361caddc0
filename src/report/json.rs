//! The JSON report (a contract: see DESIGN.md). One document; findings sorted by path,
//! then offset; `fix` is null when there is nothing to apply.
//!
//! The document is what `serde_json::to_writer_pretty` makes of the `Report` struct in
//! this module's tests, byte for byte (a test holds the two together). Findings are written piece by piece, because
//! a document repeats a few rules thousands of times: everything a finding shares with
//! the others of its rule and text, from `rule` to `sources`, is serialised once.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::check::Outcome;
use crate::finding::Finding;
use crate::position::Position;
use crate::rules::Source;

/// The fields every finding of one rule and one matched text has in common.
#[derive(Serialize)]
struct Shared<'a> {
    rule: &'a str,
    severity: &'static str,
    matched: &'a str,
    message: String,
    alternatives: &'a [String],
    explanation: &'a str,
    sources: &'a [Source],
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: u64,
    bytes_scanned: u64,
    findings: usize,
    by_severity: BySeverity,
}

#[derive(Serialize)]
struct BySeverity {
    error: usize,
    warning: usize,
    info: usize,
}

fn shared(f: &Finding) -> Shared<'_> {
    Shared {
        rule: &f.rule.id,
        severity: f.severity.as_str(),
        matched: &f.matched,
        message: f.message(),
        alternatives: &f.rule.alternatives,
        explanation: &f.rule.explanation,
        sources: &f.rule.sources,
    }
}

fn errors(outcome: &Outcome) -> Vec<JsonError<'_>> {
    outcome
        .errors
        .iter()
        .map(|e| JsonError {
            path: &e.path,
            message: &e.message,
        })
        .collect()
}

fn summary(outcome: &Outcome) -> Summary {
    let (error, warning, info) = super::by_severity(outcome);
    Summary {
        files_scanned: outcome.files_scanned,
        bytes_scanned: outcome.bytes_scanned,
        findings: outcome.findings.len(),
        by_severity: BySeverity {
            error,
            warning,
            info,
        },
    }
}

/// `value` pretty-printed, its lines after the first indented by `depth` levels.
/// Serialised JSON holds no raw line break, so each one is an indentation point.
fn nested(value: &impl Serialize, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

/// The lines from `"rule"` to `"sources"` of a finding, with their trailing comma.
fn shared_lines(f: &Finding) -> io::Result<Vec<u8>> {
    // Pretty-printed as an object of its own: drop the braces, indent three levels.
    let object = nested(&shared(f), 2)?;
    let inner = object
        .strip_prefix("{\n")
        .and_then(|s| s.strip_suffix("\n    }"))
        .ok_or_else(|| io::Error::other("unexpected JSON layout"))?;
    Ok(format!("{inner},\n").into_bytes())
}

fn write_position(out: &mut impl Write, name: &str, p: &Position) -> io::Result<()> {
    let mut number = itoa::Buffer::new();
    out.write_all(b"      \"")?;
    out.write_all(name.as_bytes())?;
    out.write_all(b"\": {\n        \"line\": ")?;
    out.write_all(number.format(p.line).as_bytes())?;
    out.write_all(b",\n        \"column\": ")?;
    out.write_all(number.format(p.column).as_bytes())?;
    out.write_all(b",\n        \"offset\": ")?;
    out.write_all(number.format(p.offset).as_bytes())?;
    out.write_all(b"\n      },\n")
}

/// Writes the report, pretty-printed, with a final newline.
pub fn write(outcome: &Outcome, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
    let mut shared: HashMap<(&str, &str, &str), Vec<u8>> = HashMap::new();
    for (i, f) in outcome.findings.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        out.write_all(b"    {\n      \"path\": ")?;
        serde_json::to_writer(&mut *out, &*f.path)?;
        out.write_all(b",\n")?;
        let key = (f.rule.id.as_str(), f.severity.as_str(), f.matched.as_str());
        let lines = match shared.entry(key) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => new.insert(shared_lines(f)?),
        };
        out.write_all(lines)?;
        write_position(out, "start", &f.start)?;
        write_position(out, "end", &f.end)?;
        match &f.fix {
            None => out.write_all(b"      \"fix\": null\n")?,
            Some(fix) => {
                out.write_all(b"      \"fix\": {\n        \"replacement\": ")?;
                serde_json::to_writer(&mut *out, &fix.replacement)?;
                out.write_all(b",\n        \"applicability\": ")?;
                serde_json::to_writer(&mut *out, &fix.applicability)?;
                out.write_all(b"\n      }\n")?;
            }
        }
        out.write_all(b"    }")?;
    }
    out.write_all(if outcome.findings.is_empty() {
        b"],\n"
    } else {
        b"\n  ],\n"
    })?;
    write!(
        out,
        "  \"errors\": {},\n  \"summary\": {}\n}}\n",
        nested(&errors(outcome), 1)?,
        nested(&summary(outcome), 1)?
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::check::FileError;
    use crate::finding::{Applicability, Fix};
    use crate::rules::{Rule, Severity};

    /// The document, as serde writes it.
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        findings: Vec<JsonFinding<'a>>,
        errors: Vec<JsonError<'a>>,
        summary: Summary,
    }

    /// One finding, in field order.
    #[derive(Serialize)]
    struct JsonFinding<'a> {
        path: &'a str,
        #[serde(flatten)]
        shared: Shared<'a>,
        start: &'a Position,
        end: &'a Position,
        fix: &'a Option<Fix>,
    }

    /// What serde_json makes of the whole document: the definition of the format.
    fn reference(outcome: &Outcome) -> String {
        let report = Report {
            version: 1,
            findings: outcome
                .findings
                .iter()
                .map(|f| JsonFinding {
                    path: &f.path,
                    shared: shared(f),
                    start: &f.start,
                    end: &f.end,
                    fix: &f.fix,
                })
                .collect(),
            errors: errors(outcome),
            summary: summary(outcome),
        };
        serde_json::to_string_pretty(&report).unwrap() + "\n"
    }

    fn written(outcome: &Outcome) -> String {
        let mut out = Vec::new();
        write(outcome, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn position(line: usize, column: usize, offset: usize) -> Position {
        Position {
            line,
            column,
            offset,
            utf16_column: column - 1,
        }
    }

    #[test]
    fn findings_are_written_as_serde_writes_them() {
        let rule = |id: &str, alternatives: &[&str], sources: usize| {
            Arc::new(Rule {
                id: id.to_owned(),
                pack: "p".to_owned(),
                terms: vec!["whitelist".to_owned()],
                alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
                fix: None,
                severity: Severity::Warning,
                explanation: "Says \"why\",\tin a line; é ✓".to_owned(),
                sources: (0..sources)
                    .map(|i| Source {
                        id: format!("s{i}"),
                        title: format!("Guide {i}"),
                        url: format!("https://example.org/{i}"),
                    })
                    .collect(),
                exceptions: Vec::new(),
                inflections: Vec::new(),
                enabled: true,
                origin: Default::default(),
            })
        };
        let (one, two) = (
            rule("p/one", &["allowlist", "allow list"], 2),
            rule("p/two", &[], 0),
        );
        let finding =
            |path: &str, rule: &Arc<Rule>, severity, matched: &str, fix: Option<Fix>| Finding {
                path: Arc::from(path),
                rule: rule.clone(),
                severity,
                matched: matched.to_owned(),
                start: position(3, 5, 40),
                end: position(3, 14, 49),
                fix,
                excerpt: None,
            };
        let fix = |text: &str, applicability| {
            Some(Fix {
                replacement: text.to_owned(),
                applicability,
            })
        };
        let mut outcome = Outcome::default();
        assert_eq!(written(&outcome), reference(&outcome), "an empty report");
        outcome.findings = vec![
            finding(
                "docs/a \"b\".md",
                &one,
                Severity::Warning,
                "Whitelist",
                fix("Allowlist", Applicability::Safe),
            ),
            finding(
                "docs/a \"b\".md",
                &one,
                Severity::Warning,
                "Whitelist",
                None,
            ),
            finding("docs/a \"b\".md", &one, Severity::Error, "Whitelist", None),
            finding(
                "src/ü.rs",
                &one,
                Severity::Warning,
                "white\nlist",
                fix("allow_list", Applicability::Unsafe),
            ),
            finding("src/ü.rs", &two, Severity::Info, "whitelist", None),
        ];
        outcome.files_scanned = 2;
        outcome.bytes_scanned = 1234;
        assert_eq!(written(&outcome), reference(&outcome), "findings");
        outcome.errors = vec![
            FileError {
                path: "gone.md".to_owned(),
                message: "no such file or folder".to_owned(),
            },
            FileError {
                path: "x\ty".to_owned(),
                message: "permission denied".to_owned(),
            },
        ];
        assert_eq!(
            written(&outcome),
            reference(&outcome),
            "findings and errors"
        );
        outcome.findings.clear();
        assert_eq!(written(&outcome), reference(&outcome), "errors only");
    }
}
