//! Patterns: every folded spelling the matcher searches for, and what each stands for.
//!
//! A rule's terms (with their inflections and spaced/closed joinings), its exceptions
//! and a team's allowed phrases become [`Entry`]s. Sorted by spelling, entries that
//! spell the same text collapse into one pattern, and the one that wins says what a
//! match means. The built-in packs' entries are computed when ally is compiled (see
//! [`crate::compiled`]), so start-up only filters and merges them.

use std::sync::Arc;

use crate::error::SourceError;
use crate::rules::{Rule, RuleId};
use crate::spelling::{fold_pattern, term_variants};

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
        /// The rule, in the set the patterns were built from.
        rule: RuleId,
        /// Index of the written term within the rule.
        term: u32,
        /// The term has several words (camelCase joins are expected).
        multi_word: bool,
    },
    /// An exception phrase or an allowed phrase: silences what it covers. An
    /// exception names its rule and its place there, so its context can be judged.
    Silence {
        /// The rule and the exception's index in it; None for an allowed phrase.
        exception: Option<(RuleId, u32)>,
    },
}

/// One spelling and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The folded spelling (see [`fold_pattern`]).
    pub spelling: Vec<u8>,
    /// What kind of phrase it spells.
    pub origin: PatternOrigin,
    /// The rule it belongs to; None for a team's allowed phrase.
    pub owner: Option<RuleId>,
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
    /// The rule it belongs to; None for a team's allowed phrase.
    pub owner: Option<RuleId>,
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
    pub fn key(&self) -> (&'a [u8], PatternOrigin, Option<RuleId>, u32) {
        let term = match self.kind {
            PatternKind::Term { term, .. } => term,
            PatternKind::Silence { exception } => exception.map_or(0, |(_, index)| index),
        };
        (self.spelling, self.origin, self.owner, term)
    }
}

/// Appends the entries of `rule`, which is `owner` in its set.
pub fn rule_entries(owner: RuleId, rule: &Rule, out: &mut Vec<Entry>) {
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
                owner: Some(owner),
                kind,
            });
        }
    }
    for (index, exception) in rule.exceptions.iter().enumerate() {
        let kind = PatternKind::Silence {
            exception: Some((owner, index as u32)),
        };
        for variant in term_variants(&exception.phrase, &rule.inflections) {
            out.push(Entry {
                spelling: variant.into_bytes(),
                origin: PatternOrigin::Exception,
                owner: Some(owner),
                kind,
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
                owner: None,
                kind: PatternKind::Silence { exception: None },
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
    let mut owner: Option<RuleId> = None;
    for EntryRef { spelling, kind, .. } in entries {
        if previous != Some(spelling) {
            patterns.push(spelling, kind);
            previous = Some(spelling);
            owner = None;
        }
        if let PatternKind::Term { rule, term, .. } = kind {
            match owner {
                Some(other) if other != rule => {
                    let (this, other) = (&rules[rule.index()], &rules[other.index()]);
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

/// How a stored entry says what it is (see [`Precompiled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum EntryTag {
    /// A team's allowed phrase.
    Allowed = 0,
    /// A spelling of a one-word term.
    Term = 1,
    /// A spelling of a term of several words.
    MultiWordTerm = 2,
    /// An exception phrase.
    Exception = 3,
}

impl EntryTag {
    fn of(entry: &EntryRef<'_>) -> EntryTag {
        match (entry.origin, entry.kind) {
            (PatternOrigin::Term, PatternKind::Term { multi_word, .. }) => {
                if multi_word {
                    EntryTag::MultiWordTerm
                } else {
                    EntryTag::Term
                }
            }
            (PatternOrigin::Allowed, _) => EntryTag::Allowed,
            _ => EntryTag::Exception,
        }
    }

    fn from_byte(byte: u8) -> Option<EntryTag> {
        [
            EntryTag::Allowed,
            EntryTag::Term,
            EntryTag::MultiWordTerm,
            EntryTag::Exception,
        ]
        .into_iter()
        .find(|tag| *tag as u8 == byte)
    }
}

/// The size of one stored entry: where its spelling ends (4 bytes), its tag (1), its
/// owner (4; `u32::MAX` for none) and its term (4), little-endian.
const STORED: usize = 13;

/// The entries of the built-in packs, computed when ally is built: every rule's,
/// enabled or not, sorted by [`EntryRef::key`], stored as bytes (read in place, never
/// copied, at start-up).
#[derive(Debug, Clone, Copy)]
pub struct Precompiled<'a> {
    /// How many rules, from the first, the entries cover (by index in the set).
    pub rules: usize,
    /// Every entry's spelling, end to end.
    pub spellings: &'a [u8],
    /// Every entry, [`STORED`] bytes each.
    pub entries: &'a [u8],
}

impl<'a> Precompiled<'a> {
    /// Stores sorted entries: (spellings, entries).
    pub fn store<'e>(entries: impl IntoIterator<Item = EntryRef<'e>>) -> (Vec<u8>, Vec<u8>) {
        let (mut spellings, mut stored) = (Vec::new(), Vec::new());
        for entry in entries {
            spellings.extend_from_slice(entry.spelling);
            let term = match entry.kind {
                PatternKind::Term { term, .. } => term,
                PatternKind::Silence { exception } => exception.map_or(0, |(_, index)| index),
            };
            let end = u32::try_from(spellings.len()).expect("spellings under 4 GB");
            stored.extend_from_slice(&end.to_le_bytes());
            stored.push(EntryTag::of(&entry) as u8);
            let owner = entry.owner.map_or(u32::MAX, RuleId::to_u32);
            stored.extend_from_slice(&owner.to_le_bytes());
            stored.extend_from_slice(&term.to_le_bytes());
        }
        (spellings, stored)
    }

    /// Whether the tables are well formed (as [`Precompiled::store`] writes them).
    pub fn is_well_formed(&self) -> bool {
        if !self.entries.len().is_multiple_of(STORED) {
            return false;
        }
        let mut start = 0;
        self.entries.chunks_exact(STORED).all(|record| {
            let end = u32::from_le_bytes(record[0..4].try_into().expect("4 bytes")) as usize;
            let ok = start <= end
                && end <= self.spellings.len()
                && EntryTag::from_byte(record[4]).is_some();
            start = end;
            ok
        })
    }

    /// Every entry, in order.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'a>> + 'a {
        let spellings = self.spellings;
        let mut start = 0;
        self.entries.chunks_exact(STORED).map(move |record| {
            let number =
                |at: usize| u32::from_le_bytes(record[at..at + 4].try_into().expect("4 bytes"));
            let end = number(0) as usize;
            let spelling = &spellings[start..end];
            start = end;
            let owner = match number(5) {
                u32::MAX => None,
                owner => Some(RuleId::new(owner as usize)),
            };
            let term = number(9);
            let tag = EntryTag::from_byte(record[4]).unwrap_or(EntryTag::Exception);
            let (origin, kind) = match (tag, owner) {
                (EntryTag::Term | EntryTag::MultiWordTerm, Some(rule)) => (
                    PatternOrigin::Term,
                    PatternKind::Term {
                        rule,
                        term,
                        multi_word: tag == EntryTag::MultiWordTerm,
                    },
                ),
                (EntryTag::Allowed, _) => (
                    PatternOrigin::Allowed,
                    PatternKind::Silence { exception: None },
                ),
                _ => (
                    PatternOrigin::Exception,
                    PatternKind::Silence {
                        exception: owner.map(|rule| (rule, term)),
                    },
                ),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries read back from the stored tables are the entries stored.
    #[test]
    fn stored_entries_read_back() {
        let spellings: [&[u8]; 4] = [b"a b", b"ab", b"master's degree", b"x"];
        let entries = [
            EntryRef {
                spelling: spellings[0],
                origin: PatternOrigin::Term,
                owner: Some(RuleId::new(3)),
                kind: PatternKind::Term {
                    rule: RuleId::new(3),
                    term: 1,
                    multi_word: true,
                },
            },
            EntryRef {
                spelling: spellings[1],
                origin: PatternOrigin::Term,
                owner: Some(RuleId::new(0)),
                kind: PatternKind::Term {
                    rule: RuleId::new(0),
                    term: 0,
                    multi_word: false,
                },
            },
            EntryRef {
                spelling: spellings[2],
                origin: PatternOrigin::Exception,
                owner: Some(RuleId::new(7)),
                kind: PatternKind::Silence {
                    exception: Some((RuleId::new(7), 2)),
                },
            },
            EntryRef {
                spelling: spellings[3],
                origin: PatternOrigin::Allowed,
                owner: None,
                kind: PatternKind::Silence { exception: None },
            },
        ];
        let (spelling_bytes, stored) = Precompiled::store(entries);
        let table = Precompiled {
            rules: 8,
            spellings: &spelling_bytes,
            entries: &stored,
        };
        assert!(table.is_well_formed());
        assert_eq!(table.iter().collect::<Vec<_>>(), entries);
        let broken = Precompiled {
            rules: 8,
            spellings: &spelling_bytes[..3],
            entries: &stored,
        };
        assert!(!broken.is_well_formed());
    }
}
