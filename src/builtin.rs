//! The rule packs built into the binary: every `rules/*.toml`, parsed, validated and
//! turned into matcher entries by `build.rs`, so that start-up only copies tables.

use std::sync::Arc;

use crate::patterns::Precompiled;
use crate::rules::{Origin, Pack, PackFile, PackText, Rule, RuleSet, Severity, Source};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// A pack header as stored in the binary.
struct StaticPack {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    language: &'static str,
    enabled: bool,
}

/// A source as stored in the binary.
struct StaticSource {
    id: &'static str,
    title: &'static str,
    url: &'static str,
}

/// A rule as stored in the binary.
struct StaticRule {
    file: usize,
    id: &'static str,
    pack: &'static str,
    terms: &'static [&'static str],
    term_spans: &'static [(usize, usize)],
    alternatives: &'static [&'static str],
    fix: Option<&'static str>,
    severity: Severity,
    explanation: &'static str,
    sources: &'static [StaticSource],
    exceptions: &'static [&'static str],
    inflections: &'static [&'static str],
    enabled: bool,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Every built-in pack and rule, with their precomputed matcher entries.
pub fn rule_set() -> RuleSet {
    RuleSet {
        packs: HEADERS
            .iter()
            .map(|p| Pack {
                id: p.id.to_owned(),
                name: p.name.to_owned(),
                description: p.description.to_owned(),
                language: p.language.to_owned(),
                enabled: p.enabled,
            })
            .collect(),
        rules: RULES
            .iter()
            .map(|r| {
                Arc::new(Rule {
                    id: r.id.to_owned(),
                    pack: r.pack.to_owned(),
                    terms: strings(r.terms),
                    alternatives: strings(r.alternatives),
                    fix: r.fix.map(str::to_owned),
                    severity: r.severity,
                    explanation: r.explanation.to_owned(),
                    sources: r
                        .sources
                        .iter()
                        .map(|s| Source {
                            id: s.id.to_owned(),
                            title: s.title.to_owned(),
                            url: s.url.to_owned(),
                        })
                        .collect(),
                    exceptions: strings(r.exceptions),
                    inflections: strings(r.inflections),
                    enabled: r.enabled,
                    origin: Origin {
                        file: r.file,
                        term_spans: r.term_spans.iter().map(|&(a, b)| a..b).collect(),
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
