//! Rule packs compiled ahead of time: parsed and validated, every rule's pattern
//! entries derived and sorted, and stored as bytes a program embeds. The built-in
//! packs are compiled this way when ally is built (by the `ally-packs` crate's build
//! script, with this engine's own code), so start-up parses no TOML and derives no
//! spelling: it reads the tables in place.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::SourceError;
use crate::patterns::{self, Entry, Precompiled};
use crate::rules::{
    Context, Exception, Origin, Pack, PackFile, PackText, Rule, RuleId, RuleSet, Severity, Source,
};

/// The layout version; a blob of another version is refused.
const VERSION: u32 = 3;

/// Why a compiled blob could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CompiledError {
    /// The bytes are not a compiled pack set.
    #[error("the compiled rule packs are damaged: {0}")]
    Damaged(String),
    /// Compiled by another version of the engine.
    #[error("the compiled rule packs are of layout {found}, and this engine reads {VERSION}")]
    Version {
        /// The version found.
        found: u32,
    },
}

#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    version: u32,
    #[serde(borrow)]
    files: Vec<StoredFile<'a>>,
    packs: Vec<StoredPack>,
    sources: Vec<StoredSource>,
    rules: Vec<StoredRule>,
    #[serde(borrow)]
    spellings: &'a [u8],
    #[serde(borrow)]
    entries: &'a [u8],
}

#[derive(Serialize, Deserialize)]
struct StoredFile<'a> {
    name: &'a str,
    text: &'a str,
}

#[derive(Serialize, Deserialize)]
struct StoredPack {
    id: String,
    name: String,
    description: String,
    language: String,
    enabled: bool,
}

#[derive(Serialize, Deserialize, PartialEq)]
struct StoredSource {
    id: String,
    title: String,
    url: String,
}

#[derive(Serialize, Deserialize)]
struct StoredRule {
    file: u32,
    id: String,
    pack: String,
    terms: Vec<String>,
    term_spans: Vec<(u32, u32)>,
    alternatives: Vec<String>,
    fix: Option<String>,
    severity: Severity,
    explanation: String,
    sources: Vec<u32>,
    exceptions: Vec<(String, Option<Context>)>,
    inflections: Vec<String>,
    enabled: bool,
    context: Option<Context>,
    git_refs: Vec<String>,
    message: Option<String>,
    reads: Vec<String>,
}

fn number(n: usize) -> u32 {
    u32::try_from(n).expect("tables under 4 GB")
}

/// Compiles every pack of `set` (which must hold no precompiled entries of its own):
/// every rule's entries, enabled or not, since a team may turn any pack on. Two rules
/// that claim one spelling are an error naming both.
pub fn compile(set: &RuleSet) -> Result<Vec<u8>, SourceError> {
    let mut entries: Vec<Entry> = Vec::new();
    for (index, rule) in set.rules.iter().enumerate() {
        patterns::rule_entries(RuleId::new(index), rule, &mut entries);
    }
    patterns::sort(&mut entries);
    patterns::collapse(entries.iter().map(Entry::as_ref), &set.rules, |r, t, m| {
        set.term_error(r, t, m)
    })?;
    let (spellings, stored_entries) = Precompiled::store(entries.iter().map(Entry::as_ref));

    let mut sources: Vec<StoredSource> = Vec::new();
    let rules = set
        .rules
        .iter()
        .map(|rule| StoredRule {
            file: number(rule.origin.file),
            id: rule.id.clone(),
            pack: rule.pack.clone(),
            terms: rule.terms.clone(),
            term_spans: rule
                .origin
                .term_spans
                .iter()
                .map(|span| (number(span.start), number(span.end)))
                .collect(),
            alternatives: rule.alternatives.clone(),
            fix: rule.fix.clone(),
            severity: rule.severity,
            explanation: rule.explanation.clone(),
            sources: rule
                .sources
                .iter()
                .map(|source| {
                    let stored = StoredSource {
                        id: source.id.clone(),
                        title: source.title.clone(),
                        url: source.url.clone(),
                    };
                    let index = match sources.iter().position(|s| *s == stored) {
                        Some(index) => index,
                        None => {
                            sources.push(stored);
                            sources.len() - 1
                        }
                    };
                    number(index)
                })
                .collect(),
            exceptions: rule
                .exceptions
                .iter()
                .map(|e| (e.phrase.clone(), e.context.clone()))
                .collect(),
            inflections: rule.inflections.clone(),
            enabled: rule.enabled,
            context: rule.context.clone(),
            git_refs: rule.git_refs.clone(),
            message: rule.message.clone(),
            reads: rule.reads.clone(),
        })
        .collect();
    let stored = Stored {
        version: VERSION,
        files: set
            .files
            .iter()
            .map(|file| StoredFile {
                name: &file.name,
                text: &file.text,
            })
            .collect(),
        packs: set
            .packs
            .iter()
            .map(|pack| StoredPack {
                id: pack.id.clone(),
                name: pack.name.clone(),
                description: pack.description.clone(),
                language: pack.language.clone(),
                enabled: pack.enabled,
            })
            .collect(),
        sources,
        rules,
        spellings: &spellings,
        entries: &stored_entries,
    };
    Ok(postcard::to_allocvec(&stored).expect("in-memory tables always serialise"))
}

/// The packs of a blob made by [`compile`], with their entries read in place.
pub fn load(blob: &'static [u8]) -> Result<RuleSet, CompiledError> {
    let stored: Stored<'static> =
        postcard::from_bytes(blob).map_err(|e| CompiledError::Damaged(e.to_string()))?;
    if stored.version != VERSION {
        return Err(CompiledError::Version {
            found: stored.version,
        });
    }
    let precompiled = Precompiled {
        rules: stored.rules.len(),
        spellings: stored.spellings,
        entries: stored.entries,
    };
    if !precompiled.is_well_formed() {
        return Err(CompiledError::Damaged("the entry table".to_owned()));
    }
    let sources: Vec<Source> = stored
        .sources
        .into_iter()
        .map(|s| Source {
            id: s.id,
            title: s.title,
            url: s.url,
        })
        .collect();
    let mut rules = Vec::with_capacity(stored.rules.len());
    for rule in stored.rules {
        let cited = rule
            .sources
            .iter()
            .map(|&i| sources.get(i as usize).cloned())
            .collect::<Option<Vec<Source>>>()
            .ok_or_else(|| CompiledError::Damaged(format!("the sources of {}", rule.id)))?;
        rules.push(Arc::new(Rule {
            id: rule.id,
            pack: rule.pack,
            terms: rule.terms,
            alternatives: rule.alternatives,
            fix: rule.fix,
            severity: rule.severity,
            explanation: rule.explanation,
            sources: cited,
            exceptions: rule
                .exceptions
                .into_iter()
                .map(|(phrase, context)| Exception { phrase, context })
                .collect(),
            inflections: rule.inflections,
            enabled: rule.enabled,
            context: rule.context,
            git_refs: rule.git_refs,
            message: rule.message,
            reads: rule.reads,
            origin: Origin {
                file: rule.file as usize,
                term_spans: rule
                    .term_spans
                    .into_iter()
                    .map(|(a, b)| a as usize..b as usize)
                    .collect(),
            },
        }));
    }
    Ok(RuleSet {
        packs: stored
            .packs
            .into_iter()
            .map(|p| Pack {
                id: p.id,
                name: p.name,
                description: p.description,
                language: p.language,
                enabled: p.enabled,
            })
            .collect(),
        rules,
        files: stored
            .files
            .into_iter()
            .map(|f| PackFile {
                name: f.name.to_owned(),
                text: PackText::Static(f.text),
                path: None,
            })
            .collect(),
        precompiled: Some(precompiled),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::small_rule_set;

    /// A compiled set loads back as the set it was made from, and its entries are the
    /// ones the engine derives.
    #[test]
    fn a_compiled_set_loads_back() {
        let set = small_rule_set();
        let blob: &'static [u8] = Box::leak(compile(&set).unwrap().into_boxed_slice());
        let loaded = load(blob).unwrap();
        assert_eq!(loaded.packs, set.packs);
        assert_eq!(loaded.rules, set.rules);
        let mut entries = Vec::new();
        for (index, rule) in set.rules.iter().enumerate() {
            patterns::rule_entries(RuleId::new(index), rule, &mut entries);
        }
        patterns::sort(&mut entries);
        let stored: Vec<_> = loaded.precompiled.unwrap().iter().collect();
        let derived: Vec<_> = entries.iter().map(Entry::as_ref).collect();
        assert_eq!(stored, derived);
        assert!(matches!(load(&[1, 2, 3]), Err(CompiledError::Damaged(_))));
    }
}
