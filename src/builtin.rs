//! The rule packs built into the binary: every `rules/*.toml`, parsed, validated and
//! turned into matcher entries by `build.rs`, so that start-up only copies tables.

use std::sync::Arc;

use crate::patterns::Precompiled;
use crate::rules::{Origin, Pack, PackFile, PackText, Rule, RuleSet, Severity, Source};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// A pack header as stored in the binary: strings are indices into `STRINGS`.
struct StaticPack {
    id: usize,
    name: usize,
    description: usize,
    language: usize,
    enabled: bool,
}

/// A rule as stored in the binary: strings are indices into `STRINGS`, and each
/// `(start, end)` a range of `LISTS`, `SPANS` or `SOURCE_LISTS`.
struct StaticRule {
    file: usize,
    id: usize,
    pack: usize,
    terms: (usize, usize),
    term_spans: (usize, usize),
    alternatives: (usize, usize),
    fix: Option<usize>,
    severity: Severity,
    explanation: usize,
    sources: (usize, usize),
    exceptions: (usize, usize),
    inflections: (usize, usize),
    enabled: bool,
}

fn string(index: usize) -> String {
    let (start, end) = STRINGS[index];
    TEXT[start..end].to_owned()
}

fn strings((start, end): (usize, usize)) -> Vec<String> {
    LISTS[start..end].iter().map(|&i| string(i)).collect()
}

/// Every built-in pack and rule, with their precomputed matcher entries.
pub fn rule_set() -> RuleSet {
    RuleSet {
        packs: HEADERS
            .iter()
            .map(|p| Pack {
                id: string(p.id),
                name: string(p.name),
                description: string(p.description),
                language: string(p.language),
                enabled: p.enabled,
            })
            .collect(),
        rules: RULES
            .iter()
            .map(|r| {
                Arc::new(Rule {
                    id: string(r.id),
                    pack: string(r.pack),
                    terms: strings(r.terms),
                    alternatives: strings(r.alternatives),
                    fix: r.fix.map(string),
                    severity: r.severity,
                    explanation: string(r.explanation),
                    sources: SOURCE_LISTS[r.sources.0..r.sources.1]
                        .iter()
                        .map(|&s| {
                            let (id, title, url) = SOURCES[s];
                            Source {
                                id: string(id),
                                title: string(title),
                                url: string(url),
                            }
                        })
                        .collect(),
                    exceptions: strings(r.exceptions),
                    inflections: strings(r.inflections),
                    enabled: r.enabled,
                    origin: Origin {
                        file: r.file,
                        term_spans: SPANS[r.term_spans.0..r.term_spans.1]
                            .iter()
                            .map(|&(a, b)| a..b)
                            .collect(),
                    },
                })
            })
            .collect(),
        files: PACKS
            .iter()
            .map(|(name, text)| PackFile {
                name: format!("rules/{name}"),
                text: PackText::Static(text),
                path: None,
            })
            .collect(),
        precompiled: Some(PRECOMPILED),
    }
}
