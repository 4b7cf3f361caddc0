//! Rule packs: the model (packs, rules, their sources), a set of loaded packs, and
//! the handles the engine uses for rules ([`RuleId`], [`RuleMask`]). Parsing and
//! validating a pack's TOML is in [`parse`].

pub mod parse;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::SourceError;
use crate::patterns::Precompiled;
use crate::spelling::{spelling_key, term_variants};

pub use parse::{is_valid_id, parse_pack, ParsedPack};

/// A rule's handle in its [`RuleSet`]: its place in load order. Findings, patterns,
/// suppressions and masks name rules by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(u32);

impl RuleId {
    /// The handle of the rule at `index` in its set.
    pub fn new(index: usize) -> RuleId {
        RuleId(u32::try_from(index).expect("fewer than 4 billion rules"))
    }

    /// The rule's place in its set.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The handle as stored in a table.
    pub(crate) fn to_u32(self) -> u32 {
        self.0
    }
}

/// A set of rules, such as those an `[[override]]` turns off for some paths: one bit
/// per rule. An empty mask holds no rule, whatever the number of rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleMask {
    words: Vec<u64>,
}

impl RuleMask {
    /// A mask holding no rule.
    pub fn new() -> RuleMask {
        RuleMask::default()
    }

    /// Adds a rule.
    pub fn insert(&mut self, rule: RuleId) {
        let (word, bit) = (rule.index() / 64, rule.index() % 64);
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << bit;
    }

    /// Whether the mask holds `rule`.
    pub fn contains(&self, rule: RuleId) -> bool {
        let (word, bit) = (rule.index() / 64, rule.index() % 64);
        self.words.get(word).is_some_and(|w| w & (1 << bit) != 0)
    }

    /// Whether the mask holds no rule.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// Adds every rule of `other`.
    pub fn union(&mut self, other: &RuleMask) {
        if self.words.len() < other.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (word, theirs) in self.words.iter_mut().zip(&other.words) {
            *word |= theirs;
        }
    }

    /// The rules in the mask, in order.
    pub fn iter(&self) -> impl Iterator<Item = RuleId> + '_ {
        self.words.iter().enumerate().flat_map(|(k, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| RuleId::new(k * 64 + bit))
        })
    }
}

/// How much a finding matters; ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Context-dependent advice.
    Info,
    /// A term with an established replacement.
    Warning,
    /// A slur or a term widely recognised as harmful.
    Error,
}

impl Severity {
    /// Every severity, least first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The lowercase name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a lowercase name.
    pub fn parse(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A guide a rule's advice comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The id rules use to cite it (not serialised in reports).
    #[serde(skip)]
    pub id: String,
    /// The guide's title.
    pub title: String,
    /// Where to read it.
    pub url: String,
}

/// A rule pack's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pack {
    /// The pack id, the first half of its rules' ids.
    pub id: String,
    /// A short human name.
    pub name: String,
    /// What the pack covers.
    pub description: String,
    /// The language of its terms (`en`).
    pub language: String,
    /// Whether its rules are on (after configuration).
    pub enabled: bool,
}

/// One rule: the terms it finds and the advice it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The full id, `pack/name`.
    pub id: String,
    /// The pack's id.
    pub pack: String,
    /// The terms as written in the pack.
    pub terms: Vec<String>,
    /// Preferred words, best first.
    pub alternatives: Vec<String>,
    /// The one replacement a fix may apply.
    pub fix: Option<String>,
    /// How much a finding matters.
    pub severity: Severity,
    /// What the word can mean to whom, and what to say instead.
    pub explanation: String,
    /// The guides behind the advice.
    pub sources: Vec<Source>,
    /// Phrases containing a term that are fine (in their context, if they have one).
    pub exceptions: Vec<Exception>,
    /// Endings the last word of a term may take.
    pub inflections: Vec<String>,
    /// Where a match counts: conditions on the sentence around it. None: everywhere.
    pub context: Option<Context>,
    /// Words this rule claims where they stand as git refs (`origin/master`,
    /// `git checkout master`), whichever rule finds them.
    pub git_refs: Vec<String>,
    /// The finding's message, when the rule says it better than "Consider …":
    /// `{matched}` stands for the text found.
    pub message: Option<String>,
    /// The kinds of text the rule reads (`prose`, `comment`, `string`, `code`);
    /// empty: every kind.
    pub reads: Vec<String>,
    /// Whether the rule is on (after configuration).
    pub enabled: bool,
    /// Where the rule was written, for error messages.
    pub origin: Origin,
}

/// Conditions on the sentence around a match, for what a phrase cannot say: a term
/// that names people only when no noun follows it (`the blind`, not `the blind spot`),
/// a pronoun that is generic only after a role noun. The patterns are regular
/// expressions (the `regex` crate's syntax), tried on the text of the sentence before
/// and after the match; the automaton finds candidates, these judge only those.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Must match the sentence before the match.
    #[serde(default)]
    pub before: Option<String>,
    /// Must not match the sentence before the match.
    #[serde(default)]
    pub not_before: Option<String>,
    /// Must match the sentence after the match.
    #[serde(default)]
    pub after: Option<String>,
    /// Must not match the sentence after the match.
    #[serde(default)]
    pub not_after: Option<String>,
    /// The sentence before the match must not name a person (a capitalised name
    /// other than the sentence's first word, or a title such as `Mr.`).
    #[serde(default)]
    pub no_person_before: bool,
}

impl Context {
    /// The patterns, with the key each is written under.
    pub fn patterns(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("before", &self.before),
            ("not_before", &self.not_before),
            ("after", &self.after),
            ("not_after", &self.not_after),
        ]
        .into_iter()
        .filter_map(|(key, pattern)| pattern.as_deref().map(|p| (key, p)))
    }
}

/// An exception phrase: a phrase holding a term that is fine. With a context, it is
/// fine only there (`old master` of paintings, not of a database after a failover).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The phrase.
    pub phrase: String,
    /// Where it applies; None: everywhere.
    pub context: Option<Context>,
}

impl Exception {
    /// A phrase that is fine everywhere.
    pub fn phrase(phrase: impl Into<String>) -> Exception {
        Exception {
            phrase: phrase.into(),
            context: None,
        }
    }
}

/// Where a rule was written: the pack file and the spans of its terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`RuleSet::files`].
    pub file: usize,
    /// Byte span of each term in the file.
    pub term_spans: Vec<Range<usize>>,
}

/// A loaded pack file, kept for error messages.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// The file's name as shown to the user (`rules/tech.toml`, `ours.toml`).
    pub name: String,
    /// Its text.
    pub text: PackText,
    /// The path on disk, for packs loaded from files (not for built-in ones).
    pub path: Option<std::path::PathBuf>,
}

/// A pack file's text: in the binary for a built-in pack (not copied at start-up,
/// since only an error message reads it), shared with its errors for a loaded one.
#[derive(Debug, Clone)]
pub enum PackText {
    /// A built-in pack's text.
    Static(&'static str),
    /// A loaded pack's text.
    Shared(Arc<str>),
}

impl PackText {
    /// The text, as error messages hold it.
    pub fn shared(&self) -> Arc<str> {
        match self {
            PackText::Static(text) => Arc::from(*text),
            PackText::Shared(text) => text.clone(),
        }
    }
}

impl std::ops::Deref for PackText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            PackText::Static(text) => text,
            PackText::Shared(text) => text,
        }
    }
}

/// Every loaded pack and rule.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Packs in load order.
    pub packs: Vec<Pack>,
    /// Rules in load order, shared with the findings that cite them (change one with
    /// `Arc::make_mut`).
    pub rules: Vec<Arc<Rule>>,
    /// The files the packs came from.
    pub files: Vec<PackFile>,
    /// The matcher entries of the first rules, computed when ally was built (the
    /// built-in packs). Their terms, exceptions and inflections must not change.
    pub precompiled: Option<Precompiled<'static>>,
}

impl RuleSet {
    /// The rule with this full id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id).map(|r| &**r)
    }

    /// The pack with this id.
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// Turns a pack and all its rules on or off.
    pub fn set_pack_enabled(&mut self, id: &str, enabled: bool) {
        for pack in self.packs.iter_mut().filter(|p| p.id == id) {
            pack.enabled = enabled;
        }
        for rule in self.rules.iter_mut().filter(|r| r.pack == id) {
            Arc::make_mut(rule).enabled = enabled;
        }
    }

    /// The enabled rule that owns the term (spelled any way the engine derives).
    pub fn rule_for_term(&self, term: &str) -> Option<&Rule> {
        let key = spelling_key(term);
        let by_term = |rule: &&Arc<Rule>| {
            rule.terms.iter().any(|t| {
                term_variants(t, &rule.inflections)
                    .iter()
                    .any(|v| spelling_key(v) == key)
            })
        };
        let rules = || self.rules.iter();
        rules()
            .filter(|r| r.enabled)
            .find(by_term)
            .or_else(|| rules().find(by_term))
            .map(|r| &**r)
    }

    /// An error about a rule's term, pointing into the pack file.
    pub fn term_error(&self, rule: &Rule, term_index: usize, message: String) -> SourceError {
        let file = &self.files[rule.origin.file];
        let span = rule
            .origin
            .term_spans
            .get(term_index)
            .cloned()
            .unwrap_or(0..0);
        SourceError::new(file.name.clone(), file.text.shared(), span, message)
    }

    /// Every rule id, for suggestions.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_hold_what_was_inserted() {
        let mut mask = RuleMask::new();
        assert!(mask.is_empty());
        for index in [0, 3, 64, 200] {
            mask.insert(RuleId::new(index));
        }
        assert!(!mask.is_empty());
        assert!(mask.contains(RuleId::new(64)) && !mask.contains(RuleId::new(65)));
        assert!(!mask.contains(RuleId::new(100_000)));
        let ids: Vec<usize> = mask.iter().map(RuleId::index).collect();
        assert_eq!(ids, [0, 3, 64, 200]);
        let mut other = RuleMask::new();
        other.insert(RuleId::new(1));
        other.union(&mask);
        assert_eq!(other.iter().count(), 5);
    }
}
