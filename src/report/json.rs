//! The JSON report (a contract: see DESIGN.md). One document; findings sorted by path,
//! then offset; `fix` is null when there is nothing to apply.

use serde::Serialize;

use crate::check::Outcome;
use crate::finding::{Finding, Fix};
use crate::position::Position;
use crate::rules::Source;

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
    alternatives: &'a [String],
    explanation: &'a str,
    sources: &'a [Source],
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

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        path: &f.path,
        rule: &f.rule.id,
        severity: f.severity.as_str(),
        matched: &f.matched,
        message: f.message(),
        alternatives: &f.rule.alternatives,
        explanation: &f.rule.explanation,
        sources: &f.rule.sources,
        start: &f.start,
        end: &f.end,
        fix: &f.fix,
    }
}

/// Writes the report, pretty-printed, with a final newline.
pub fn write(outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let (error, warning, info) = super::by_severity(outcome);
    let report = Report {
        version: 1,
        findings: outcome.findings.iter().map(finding).collect(),
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
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
