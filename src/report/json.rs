//! The JSON report (a contract: see DESIGN.md). One document; findings sorted by path,
//! then offset; `fix` is null when there is nothing to apply.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::check::Outcome;
use crate::finding::{Finding, Fix};
use crate::position::Position;
use crate::rules::Rule;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    matched: &'a str,
    message: String,
    alternatives: &'a RawValue,
    explanation: &'a RawValue,
    sources: &'a RawValue,
    start: &'a Position,
    end: &'a Position,
    fix: &'a Option<Fix>,
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

/// A rule's alternatives, explanation and sources, serialised once however many
/// findings repeat them: as they appear in a finding, indented to its depth.
struct RuleFields {
    alternatives: Box<RawValue>,
    explanation: Box<RawValue>,
    sources: Box<RawValue>,
}

impl RuleFields {
    fn new(rule: &Rule) -> serde_json::Result<RuleFields> {
        // A finding's fields sit three levels deep (document, findings, finding).
        // Serialised JSON holds no raw line break, so each one is an indentation point.
        fn nested(value: &impl Serialize) -> serde_json::Result<Box<RawValue>> {
            let text = serde_json::to_string_pretty(value)?.replace('\n', "\n      ");
            RawValue::from_string(text)
        }
        Ok(RuleFields {
            alternatives: nested(&rule.alternatives)?,
            explanation: nested(&rule.explanation)?,
            sources: nested(&rule.sources)?,
        })
    }
}

fn finding<'a>(f: &'a Finding, fields: &'a RuleFields) -> JsonFinding<'a> {
    JsonFinding {
        path: &f.path,
        rule: &f.rule.id,
        severity: f.severity.as_str(),
        matched: &f.matched,
        message: f.message(),
        alternatives: &fields.alternatives,
        explanation: &fields.explanation,
        sources: &fields.sources,
        start: &f.start,
        end: &f.end,
        fix: &f.fix,
    }
}

/// Writes the report, pretty-printed, with a final newline.
pub fn write(outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let (error, warning, info) = super::by_severity(outcome);
    let mut fields: HashMap<&str, RuleFields> = HashMap::new();
    for f in &outcome.findings {
        if !fields.contains_key(f.rule.id.as_str()) {
            fields.insert(&f.rule.id, RuleFields::new(&f.rule)?);
        }
    }
    let report = Report {
        version: 1,
        findings: outcome
            .findings
            .iter()
            .map(|f| finding(f, &fields[f.rule.id.as_str()]))
            .collect(),
        errors: outcome
            .errors
            .iter()
            .map(|e| JsonError {
                path: &e.path,
                message: &e.message,
            })
            .collect(),
        summary: Summary {
            files_scanned: outcome.files_scanned,
            bytes_scanned: outcome.bytes_scanned,
            findings: outcome.findings.len(),
            by_severity: BySeverity {
                error,
                warning,
                info,
            },
        },
    };
    // Buffered here, so that serde_json's many small writes are not dynamic calls.
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, &report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
