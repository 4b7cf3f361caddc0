//! The regression corpus: real-looking sentences, one JSON object per line in
//! `tests/corpus/*.jsonl`, that the default packs must flag or leave alone.

use std::sync::Arc;

use ally_core::{Document, Engine, EngineOptions, Format, RuleMask};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    expect: String,
    #[serde(default)]
    terms: Vec<String>,
    rule: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// The file the text stands in (default `case.txt`): its kind and name matter.
    #[serde(default)]
    path: Option<String>,
}

#[test]
fn the_corpus_is_flagged_as_labelled() {
    let rules = ally_packs::rule_set();
    let engine =
        Engine::new(&rules, &[], EngineOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let nothing_off = RuleMask::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let (mut total, mut flags, mut cleans) = (0, 0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (number, line) in std::fs::read_to_string(file).unwrap().lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let where_ = format!("{name}:{}", number + 1);
            let case: Case = serde_json::from_str(line).unwrap_or_else(|e| panic!("{where_}: {e}"));
            let _ = &case.note;
            total += 1;
            let path: Arc<str> = Arc::from(case.path.as_deref().unwrap_or("case.txt"));
            let findings = engine
                .check(&Document {
                    path: &path,
                    text: &case.text,
                    format: Format::from_path(&path),
                    language: None,
                    disabled: &nothing_off,
                })
                .findings;
            match case.expect.as_str() {
                "flag" => {
                    flags += 1;
                    assert!(
                        !case.terms.is_empty(),
                        "{where_}: a flag case names its terms"
                    );
                    for term in &case.terms {
                        let Some(at) = case.text.find(term.as_str()) else {
                            panic!("{where_}: `{term}` is not in the text");
                        };
                        let span = at..at + term.len();
                        let hit = findings.iter().any(|f| {
                            f.start.offset < span.end
                                && span.start < f.end.offset
                                && case.rule.as_ref().is_none_or(|r| *r == f.rule.id)
                        });
                        if !hit {
                            let got: Vec<_> = findings
                                .iter()
                                .map(|f| (f.rule.id.as_str(), f.matched.as_str()))
                                .collect();
                            failures.push(format!(
                                "{where_}: missed `{term}` ({:?}) in {:?}; found {got:?}",
                                case.rule, case.text
                            ));
                        }
                    }
                }
                "clean" => {
                    cleans += 1;
                    if !findings.is_empty() {
                        let got: Vec<_> = findings
                            .iter()
                            .map(|f| (f.rule.id.as_str(), f.matched.as_str()))
                            .collect();
                        failures.push(format!("{where_}: flagged {got:?} in {:?}", case.text));
                    }
                }
                other => panic!("{where_}: expect must be flag or clean, not {other}"),
            }
        }
    }
    assert!(
        total >= 300,
        "the corpus has {total} cases; keep at least 300"
    );
    assert!(flags > 0 && cleans > 0);
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
