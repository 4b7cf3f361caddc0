//! SARIF 2.1.0, as GitHub code scanning and other viewers read it: the tool with the
//! rules that have results (description, help with the explanation, alternatives and
//! sources, a help URI), and one result per finding with its rule, level, message,
//! relative percent-encoded URI, region in Unicode code points, safe fixes, and
//! partial fingerprints that follow it from one commit to the next.

use std::collections::BTreeMap;
use std::io::{self, Write};

use ally_core::{Applicability, Finding, Position, Rule, Severity};
use serde_json::{json, Value};

use super::{Report, Reporter};
use crate::baseline;

/// The SARIF report.
pub struct Sarif;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The level SARIF names a severity with.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: every byte but unreserved characters and `/`
/// percent-encoded (so `we,ird:name.md` cannot read as a scheme).
pub fn uri(path: &str) -> String {
    let path = super::relative_path(path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn region(start: &Position, end: &Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// The rule as `tool.driver.rules` describes it.
fn descriptor(rule: &Rule) -> Value {
    let mut help = rule.explanation.clone();
    let mut markdown = rule.explanation.clone();
    if !rule.alternatives.is_empty() {
        help.push_str(&format!(
            "\n\nAlternatives: {}.",
            rule.alternatives.join(", ")
        ));
        let quoted: Vec<String> = rule.alternatives.iter().map(|a| format!("`{a}`")).collect();
        markdown.push_str(&format!("\n\n**Alternatives:** {}.", quoted.join(", ")));
    }
    if !rule.sources.is_empty() {
        help.push_str("\n\nSources:");
        markdown.push_str("\n\n**Sources:**\n");
        for source in &rule.sources {
            help.push_str(&format!("\n- {} <{}>", source.title, source.url));
            markdown.push_str(&format!("\n- [{}]({})", source.title, source.url));
        }
    }
    let terms = rule.terms.join(", ");
    let mut value = json!({
        "id": rule.id,
        "name": rule.id.rsplit('/').next().unwrap_or(&rule.id),
        "shortDescription": { "text": format!("Consider alternatives to: {terms}") },
        "fullDescription": { "text": rule.explanation },
        "help": { "text": help, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": ["inclusive-language", rule.pack] },
    });
    if let Some(source) = rule.sources.first() {
        value["helpUri"] = json!(source.url);
    }
    value
}

fn result(f: &Finding, index: usize, fingerprint: String) -> Value {
    let uri = uri(&f.path);
    let mut value = json!({
        "ruleId": f.rule.id,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": { "text": f.message() },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(&f.start, &f.end),
            }
        }],
        "partialFingerprints": { "allyFinding/v1": fingerprint },
    });
    if let Some(fix) = f
        .fix
        .as_ref()
        .filter(|fix| fix.applicability == Applicability::Safe)
    {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(&edit.start, &edit.end),
                    "insertedContent": { "text": edit.replacement },
                })
            })
            .collect();
        let shown = fix
            .main_edit(f.start.offset, f.end.offset)
            .map_or("", |edit| edit.replacement.as_str());
        value["fixes"] = json!([{
            "description": { "text": format!("Replace `{}` with `{shown}`", f.matched) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": replacements,
            }],
        }]);
    }
    value
}

impl Reporter for Sarif {
    fn needs_source(&self) -> bool {
        // The fingerprints use the words around each match.
        true
    }

    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut rules: BTreeMap<&str, &Rule> = BTreeMap::new();
        for f in &report.findings {
            rules.entry(&f.rule.id).or_insert(&f.rule);
        }
        let index: BTreeMap<&str, usize> =
            rules.keys().enumerate().map(|(k, id)| (*id, k)).collect();
        let results: Vec<Value> = baseline::keyed(&report.findings)
            .into_iter()
            .map(|keyed| {
                let f = keyed.finding;
                result(
                    f,
                    index[f.rule.id.as_str()],
                    baseline::fingerprint(&keyed.key, keyed.occurrence),
                )
            })
            .collect();
        let notifications: Vec<Value> = report
            .errors
            .iter()
            .map(|e| {
                json!({
                    "level": "error",
                    "message": { "text": format!("{}: {}", e.path, e.message) },
                })
            })
            .collect();
        let document = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "ally",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules.values().map(|rule| descriptor(rule)).collect::<Vec<_>>(),
                    }
                },
                "invocations": [{
                    "executionSuccessful": report.errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_everything_but_unreserved_characters() {
        for (path, want) in [
            ("docs/guide.md", "docs/guide.md"),
            ("./a.md", "a.md"),
            ("we,ird:name.md", "we%2Cird%3Aname.md"),
            ("50%done.md", "50%25done.md"),
            ("a b/ç.md", "a%20b/%C3%A7.md"),
            ("amp&<lt>.md", "amp%26%3Clt%3E.md"),
        ] {
            assert_eq!(uri(path), want, "{path}");
        }
    }
}
