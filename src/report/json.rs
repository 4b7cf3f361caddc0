//! The JSON report (a contract: `docs/report.schema.json`). One document; findings
//! sorted by path, then offset; `fix` is null when there is nothing to apply.
//!
//! The document is what `serde_json::to_writer_pretty` makes of the `Document` struct
//! in this module's tests, byte for byte (a test holds the two together). Findings are
//! written piece by piece, because a document repeats a few rules thousands of times:
//! everything a finding shares with the others of its rule and text, from `rule` to
//! `sources`, is serialised once.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use ally_core::{Applicability, Finding, Fix, Position, Source};

use super::{Report, Reporter, Skipped};

/// The fields every finding of one rule and one matched text has in common.
#[derive(Serialize)]
struct Shared<'a> {
    rule: &'a str,
    severity: &'static str,
    matched: &'a str,
    message: String,
    alternatives: &'a [String],
    suggestions: Vec<String>,
    explanation: &'a str,
    sources: &'a [Source],
}

#[derive(Serialize)]
struct Summary<'a> {
    files_scanned: u64,
    bytes_scanned: u64,
    findings: usize,
    by_severity: BySeverity,
    by_rule: std::collections::BTreeMap<&'a str, usize>,
    skipped: Skipped,
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
        suggestions: f.suggestions(),
        explanation: &f.rule.explanation,
        sources: &f.rule.sources,
    }
}

fn summary(report: &Report) -> Summary<'_> {
    let (error, warning, info) = report.by_severity();
    Summary {
        by_rule: report.by_rule().into_iter().collect(),
        skipped: report.skipped,
        files_scanned: report.files_scanned,
        bytes_scanned: report.bytes_scanned,
        findings: report.findings.len(),
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

fn write_position(out: &mut dyn Write, indent: &str, name: &str, p: &Position) -> io::Result<()> {
    let mut number = itoa::Buffer::new();
    write!(out, "{indent}\"{name}\": {{\n{indent}  \"line\": ")?;
    out.write_all(number.format(p.line).as_bytes())?;
    write!(out, ",\n{indent}  \"column\": ")?;
    out.write_all(number.format(p.column).as_bytes())?;
    write!(out, ",\n{indent}  \"offset\": ")?;
    out.write_all(number.format(p.offset).as_bytes())?;
    write!(out, ",\n{indent}  \"column_utf16\": ")?;
    out.write_all(number.format(p.column_utf16).as_bytes())?;
    write!(out, "\n{indent}}},\n")
}

/// A fix as the contract has it: the replacement of the finding's own text, and every
/// edit when the fix changes more than that text.
#[derive(Serialize)]
struct JsonFix<'a> {
    replacement: &'a str,
    applicability: Applicability,
    #[serde(skip_serializing_if = "Option::is_none")]
    edits: Option<Vec<JsonEdit<'a>>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: &'a Position,
    end: &'a Position,
    replacement: &'a str,
}

fn json_fix<'a>(fix: &'a Fix, f: &Finding) -> Option<JsonFix<'a>> {
    let main = fix.main_edit(f.start.offset, f.end.offset)?;
    let edits = (!fix.is_simple(f.start.offset, f.end.offset)).then(|| {
        fix.edits
            .iter()
            .map(|e| JsonEdit {
                start: &e.start,
                end: &e.end,
                replacement: &e.replacement,
            })
            .collect()
    });
    Some(JsonFix {
        replacement: &main.replacement,
        applicability: fix.applicability,
        edits,
    })
}

/// The JSON report.
pub struct Json;

impl Reporter for Json {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
        // The message names an identifier defined elsewhere: that is part of the key.
        let mut shared: HashMap<(&str, &str, &str, &str), Vec<u8>> = HashMap::new();
        for (i, f) in report.findings.iter().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            out.write_all(b"    {\n      \"path\": ")?;
            serde_json::to_writer(&mut *out, &*f.path)?;
            out.write_all(b",\n")?;
            let outside = f
                .identifier
                .as_ref()
                .filter(|identifier| identifier.outside)
                .map_or("", |identifier| &*identifier.name);
            let key = (
                f.rule.id.as_str(),
                f.severity.as_str(),
                f.matched.as_str(),
                outside,
            );
            let lines = match shared.entry(key) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => new.insert(shared_lines(f)?),
            };
            out.write_all(lines)?;
            write_position(out, "      ", "start", &f.start)?;
            write_position(out, "      ", "end", &f.end)?;
            match f.fix.as_ref().and_then(|fix| json_fix(fix, f)) {
                None => out.write_all(b"      \"fix\": null\n")?,
                Some(fix) => writeln!(out, "      \"fix\": {}", nested(&fix, 3)?)?,
            }
            out.write_all(b"    }")?;
        }
        out.write_all(if report.findings.is_empty() {
            b"],\n"
        } else {
            b"\n  ],\n"
        })?;
        write!(
            out,
            "  \"errors\": {},\n  \"summary\": {}\n}}\n",
            nested(&report.errors, 1)?,
            nested(&summary(report), 1)?
        )
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::report::PathMessage;
    use ally_core::{Edit, Rule, Severity};

    /// The document, as serde writes it.
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        findings: Vec<JsonFinding<'a>>,
        errors: &'a [PathMessage],
        summary: Summary<'a>,
    }

    /// One finding, in field order.
    #[derive(Serialize)]
    struct JsonFinding<'a> {
        path: &'a str,
        #[serde(flatten)]
        shared: Shared<'a>,
        start: &'a Position,
        end: &'a Position,
        fix: Option<JsonFix<'a>>,
    }

    /// What serde_json makes of the whole document: the definition of the format.
    fn reference(report: &Report) -> String {
        let document = Document {
            version: 1,
            findings: report
                .findings
                .iter()
                .map(|f| JsonFinding {
                    path: &f.path,
                    shared: shared(f),
                    start: &f.start,
                    end: &f.end,
                    fix: f.fix.as_ref().and_then(|fix| json_fix(fix, f)),
                })
                .collect(),
            errors: &report.errors,
            summary: summary(report),
        };
        serde_json::to_string_pretty(&document).unwrap() + "\n"
    }

    fn written(report: &Report) -> String {
        let mut out = Vec::new();
        Json.write(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn position(line: usize, column: usize, offset: usize) -> Position {
        Position {
            line,
            column,
            offset,
            column_utf16: column,
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
                context: None,
                git_refs: Vec::new(),
                reads: Vec::new(),
                message: None,
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
                identifier: None,
                term: 0,
            };
        let fix = |text: &str, applicability| {
            Some(Fix {
                edits: vec![Edit {
                    start: position(3, 5, 40),
                    end: position(3, 14, 49),
                    replacement: text.to_owned(),
                }],
                applicability,
            })
        };
        let article = Some(Fix {
            edits: vec![
                Edit {
                    start: position(3, 3, 38),
                    end: position(3, 4, 39),
                    replacement: "an".to_owned(),
                },
                Edit {
                    start: position(3, 5, 40),
                    end: position(3, 14, 49),
                    replacement: "allowlist".to_owned(),
                },
            ],
            applicability: Applicability::Safe,
        });
        let mut outcome = Report::default();
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
            finding("src/ü.rs", &two, Severity::Info, "whitelist", article),
            finding(
                "src/ü.rs",
                &two,
                Severity::Info,
                "whitelist",
                fix("", Applicability::DisplayOnly),
            ),
        ];
        outcome.files_scanned = 2;
        outcome.bytes_scanned = 1234;
        assert_eq!(written(&outcome), reference(&outcome), "findings");
        outcome.errors = vec![
            PathMessage {
                path: "gone.md".to_owned(),
                message: "no such file or folder".to_owned(),
                line: None,
            },
            PathMessage {
                path: "x\ty".to_owned(),
                message: "permission denied".to_owned(),
                line: None,
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
