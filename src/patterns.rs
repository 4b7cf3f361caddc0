//! Patterns: every folded spelling the matcher searches for, and what each stands for.
//!
//! A rule's terms (with their inflections and spaced/closed joinings), its exceptions
//! and a team's allowed phrases become [`Entry`]s. Sorted by spelling, entries that
//! spell the same text collapse into one pattern, and the one that wins says what a
//! match means. The built-in packs' entries are computed when ally is compiled (see
//! `build.rs`), so start-up only filters and merges them.
//!
//! No I/O here: `build.rs` includes this module too.

use std::sync::Arc;

use crate::rules::Rule;
use crate::source_error::SourceError;
use crate::variants::{fold_pattern, term_variants};

/// Where an entry comes from, in order of precedence: when two entries spell the same
/// text, a team's allowed phrase wins over a term, and a term over an exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PatternOrigin {
    /// A phrase the team's configuration allows.
    Allowed,
    /// A spelling of a rule's term.
    Term,
    /// A rule's exception phrase.
    Exception,
}

/// What a pattern stands for once it is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatternKind {
    /// A spelling of `rules[rule].terms[term]`.
    Term {
        /// Index of the rule in the set the patterns were built from.
        rule: u32,
        /// Index of the written term within the rule.
        term: u32,
        /// The term has several words (camelCase joins are expected).
        multi_word: bool,
    },
    /// An exception phrase or an allowed phrase: silences what it covers.
    Silence,
}

/// The owner recorded for a team's allowed phrases, which belong to no rule.
pub const NO_RULE: u32 = u32::MAX;

/// One spelling and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The folded spelling (see [`fold_pattern`]).
    pub spelling: Vec<u8>,
    /// What kind of phrase it spells.
    pub origin: PatternOrigin,
    /// The index of the rule it belongs to, or [`NO_RULE`].
    pub owner: u32,
    /// What a match means.
    pub kind: PatternKind,
}

/// An [`Entry`] whose spelling is borrowed: from an entry, or from the tables the
/// build script wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    /// The folded spelling.
    pub spelling: &'a [u8],
    /// What kind of phrase it spells.
    pub origin: PatternOrigin,
    /// The index of the rule it belongs to, or [`NO_RULE`].
    pub owner: u32,
    /// What a match means.
    pub kind: PatternKind,
}

impl Entry {
    /// The entry with its spelling borrowed.
    pub fn as_ref(&self) -> EntryRef<'_> {
        EntryRef {
            spelling: &self.spelling,
            origin: self.origin,
            owner: self.owner,
            kind: self.kind,
        }
    }
}

impl<'a> EntryRef<'a> {
    /// The order entries are sorted in: spelling, precedence, then rule and term, so
    /// that which entry wins never depends on load order within a sort.
    pub fn key(&self) -> (&'a [u8], PatternOrigin, u32, u32) {
        let term = match self.kind {
            PatternKind::Term { term, .. } => term,
            PatternKind::Silence => 0,
        };
        (self.spelling, self.origin, self.owner, term)
    }
}

/// Appends the entries of `rule`, which has index `index` in its set.
pub fn rule_entries(index: usize, rule: &Rule, out: &mut Vec<Entry>) {
    let owner = index as u32;
    for (term_index, term) in rule.terms.iter().enumerate() {
        let kind = PatternKind::Term {
            rule: owner,
            term: term_index as u32,
            multi_word: fold_pattern(term).contains(' '),
        };
        for variant in term_variants(term, &rule.inflections) {
            out.push(Entry {
                spelling: variant.into_bytes(),
                origin: PatternOrigin::Term,
                owner,
                kind,
            });
        }
    }
    for exception in &rule.exceptions {
        for variant in term_variants(exception, &rule.inflections) {
            out.push(Entry {
                spelling: variant.into_bytes(),
                origin: PatternOrigin::Exception,
                owner,
                kind: PatternKind::Silence,
            });
        }
    }
}

/// Appends the entries of a team's allowed phrases.
pub fn allow_entries(phrases: &[String], out: &mut Vec<Entry>) {
    for phrase in phrases {
        for variant in term_variants(phrase, &[]) {
            out.push(Entry {
                spelling: variant.into_bytes(),
                origin: PatternOrigin::Allowed,
                owner: NO_RULE,
                kind: PatternKind::Silence,
            });
        }
    }
}

/// Sorts entries into the order [`collapse`] and [`merge`] need (see [`EntryRef::key`]).
pub fn sort(entries: &mut [Entry]) {
    entries.sort_unstable_by(|a, b| a.as_ref().key().cmp(&b.as_ref().key()));
}

/// The patterns made from sorted entries: every spelling once, in byte order, stored
/// end to end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patterns {
    /// Every spelling, end to end.
    bytes: Vec<u8>,
    /// Where each spelling starts in `bytes`, and after the last, where it ends.
    bounds: Vec<u32>,
    /// What each spelling stands for: the entry that won.
    pub kinds: Vec<PatternKind>,
}

impl Default for Patterns {
    fn default() -> Patterns {
        Patterns {
            bytes: Vec::new(),
            bounds: vec![0],
            kinds: Vec::new(),
        }
    }
}

impl Patterns {
    /// The number of patterns.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The spelling of pattern `index`.
    pub fn get(&self, index: usize) -> &[u8] {
        &self.bytes[self.bounds[index] as usize..self.bounds[index + 1] as usize]
    }

    /// Every spelling, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Appends a spelling, which must sort after every one before it.
    pub(crate) fn push(&mut self, spelling: &[u8], kind: PatternKind) {
        self.bytes.extend_from_slice(spelling);
        self.bounds.push(self.bytes.len() as u32);
        self.kinds.push(kind);
    }
}

/// Collapses entries sorted by [`sort`] (spelling, then precedence) into patterns: each
/// spelling once, meaning what its first entry means.
///
/// Two rules may not share a spelling (one rule may, through inflections): that is an
/// error naming both, made by `term_error(rule, term, message)`.
pub fn collapse<'a>(
    entries: impl IntoIterator<Item = EntryRef<'a>>,
    rules: &[Arc<Rule>],
    term_error: impl Fn(&Rule, usize, String) -> SourceError,
) -> Result<Patterns, SourceError> {
    let mut patterns = Patterns::default();
    let mut previous: Option<&[u8]> = None;
    // The rule that owns the current spelling, if a term spells it.
    let mut owner: Option<u32> = None;
    for EntryRef { spelling, kind, .. } in entries {
        if previous != Some(spelling) {
            patterns.push(spelling, kind);
            previous = Some(spelling);
            owner = None;
        }
        if let PatternKind::Term { rule, term, .. } = kind {
            match owner {
                Some(other) if other != rule => {
                    let (this, other) = (&rules[rule as usize], &rules[other as usize]);
                    let shown = String::from_utf8_lossy(spelling);
                    return Err(term_error(
                        this,
                        term as usize,
                        format!(
                            "`{shown}` is a spelling of rule `{}` and of rule `{}`",
                            this.id, other.id
                        ),
                    )
                    .with_note(
                        "a term belongs to one enabled rule; disable one of them or drop the term",
                    ));
                }
                _ => owner = Some(rule),
            }
        }
    }
    Ok(patterns)
}

/// Merges two lists of entries, each sorted by [`EntryRef::key`], into one.
pub fn merge<'a>(
    left: impl IntoIterator<Item = EntryRef<'a>>,
    right: impl IntoIterator<Item = EntryRef<'a>>,
) -> impl Iterator<Item = EntryRef<'a>> {
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    std::iter::from_fn(move || match (left.peek(), right.peek()) {
        (Some(a), Some(b)) if b.key() < a.key() => right.next(),
        (Some(_), _) => left.next(),
        (None, _) => right.next(),
    })
}

/// The entries of the built-in packs, computed by the build script: every rule's,
/// enabled or not, sorted by [`EntryRef::key`].
#[derive(Debug, Clone, Copy)]
pub struct Precompiled {
    /// How many rules, from the first, the entries cover (by index in the set).
    pub rules: usize,
    /// Every entry's spelling, end to end.
    pub spellings: &'static [u8],
    /// Each entry: where its spelling ends, then [`store`]'s code.
    pub entries: &'static [(u32, u8, u32, u32)],
}

impl Precompiled {
    /// Every entry, in order.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        let spellings = self.spellings;
        let mut start = 0;
        self.entries.iter().map(move |&(end, tag, owner, term)| {
            let spelling = &spellings[start..end as usize];
            start = end as usize;
            let (origin, kind) = match tag {
                0 => (PatternOrigin::Allowed, PatternKind::Silence),
                1 | 2 => (
                    PatternOrigin::Term,
                    PatternKind::Term {
                        rule: owner,
                        term,
                        multi_word: tag == 2,
                    },
                ),
                _ => (PatternOrigin::Exception, PatternKind::Silence),
            };
            EntryRef {
                spelling,
                origin,
                owner,
                kind,
            }
        })
    }
}

/// How the build script stores an entry's meaning: (tag, owner, term), which
/// [`Precompiled::iter`] reads back.
pub fn store(entry: &EntryRef<'_>) -> (u8, u32, u32) {
    match (entry.origin, entry.kind) {
        (
            PatternOrigin::Term,
            PatternKind::Term {
                term, multi_word, ..
            },
        ) => (1 + u8::from(multi_word), entry.owner, term),
        (PatternOrigin::Allowed, _) => (0, entry.owner, 0),
        _ => (3, entry.owner, 0),
    }
}
