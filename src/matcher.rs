//! The matcher: one Aho-Corasick automaton for every term variant, exception phrase and
//! allowed phrase, then identifier-aware word-boundary checks.
//!
//! The automaton is leftmost-longest and ASCII case-insensitive, so an exception that
//! covers a term (`master's degree` over `master`) wins by being longer, with no extra
//! pass. A match that fails its boundary check never hides a real one: a shorter
//! pattern at the same start is tried, then the search resumes one character later.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::rules::Rule;
use crate::source_error::SourceError;
use crate::variants::term_variants;

/// What a pattern in the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatternKind {
    /// A spelling of `rules[rule].terms[term]`.
    Term { rule: u32, term: u32 },
    /// An exception phrase or an allowed phrase: silences what it covers.
    Silence,
}

/// A term found in a text: a byte range and the rule and term it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Index of the rule in the slice the matcher was built from.
    pub rule: usize,
    /// Index of the written term within the rule.
    pub term: usize,
}

/// Finds the terms of every enabled rule in a text.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    kinds: Vec<PatternKind>,
    /// Lowercase pattern bytes to pattern index, to try shorter patterns at a start.
    by_text: HashMap<Box<[u8]>, u32>,
}

impl Matcher {
    /// Builds the automaton from the enabled rules and the team's allowed phrases.
    ///
    /// Two enabled rules that produce the same spelling are an error naming both.
    pub fn new(
        rules: &[Rule],
        allow: &[String],
        term_error: impl Fn(&Rule, usize, String) -> SourceError,
    ) -> Result<Matcher, SourceError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds: Vec<PatternKind> = Vec::new();
        let mut by_text: HashMap<Box<[u8]>, u32> = HashMap::new();

        for (rule_index, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            for (term_index, term) in rule.terms.iter().enumerate() {
                for variant in term_variants(term, &rule.inflections) {
                    let kind = PatternKind::Term {
                        rule: rule_index as u32,
                        term: term_index as u32,
                    };
                    match by_text.get(variant.as_bytes()) {
                        Some(&existing) => {
                            if let PatternKind::Term { rule: other, .. } = kinds[existing as usize]
                            {
                                if other as usize != rule_index {
                                    let owner = &rules[other as usize].id;
                                    return Err(term_error(
                                        rule,
                                        term_index,
                                        format!(
                                            "`{variant}` is a spelling of rule `{}` and of rule `{owner}`",
                                            rule.id
                                        ),
                                    )
                                    .with_note("a term belongs to one enabled rule; disable one of them or drop the term"));
                                }
                            }
                        }
                        None => {
                            by_text.insert(variant.as_bytes().into(), patterns.len() as u32);
                            patterns.push(variant);
                            kinds.push(kind);
                        }
                    }
                }
            }
        }

        let exceptions = rules.iter().filter(|r| r.enabled).flat_map(|r| {
            r.exceptions
                .iter()
                .flat_map(|e| term_variants(e, &r.inflections))
        });
        let allowed = allow.iter().flat_map(|a| term_variants(a, &[]));
        for phrase in allowed.chain(exceptions) {
            // A term of another rule keeps its pattern: exceptions only silence.
            if !by_text.contains_key(phrase.as_bytes()) {
                by_text.insert(phrase.as_bytes().into(), patterns.len() as u32);
                patterns.push(phrase);
                kinds.push(PatternKind::Silence);
            }
        }

        let automaton = if patterns.is_empty() {
            None
        } else {
            let built = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .or_else(|_| {
                    // Too large for a DFA: the contiguous NFA is smaller and still fast.
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostLongest)
                        .ascii_case_insensitive(true)
                        .build(&patterns)
                })
                .expect("leftmost-longest automaton over non-empty patterns");
            Some(built)
        };
        Ok(Matcher {
            automaton,
            kinds,
            by_text,
        })
    }

    /// The number of patterns (term spellings and silencing phrases) in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.kinds.len()
    }

    /// Appends every term found in `text[range]` to `hits`, in order of position.
    pub fn find(&self, text: &str, range: std::ops::Range<usize>, hits: &mut Vec<Hit>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let bytes = text.as_bytes();
        let end = range.end.min(text.len());
        let mut at = range.start;
        while at < end {
            let Some(found) = automaton.find(Input::new(bytes).span(at..end)) else {
                break;
            };
            let (start, stop) = (found.start(), found.end());
            if is_boundary(text, start) {
                if is_boundary(text, stop) {
                    if let PatternKind::Term { rule, term } = self.kinds[found.pattern().as_usize()]
                    {
                        hits.push(Hit {
                            start,
                            end: stop,
                            rule: rule as usize,
                            term: term as usize,
                        });
                    }
                    at = stop;
                    continue;
                }
                // The longest pattern ran past a boundary; a shorter one may end on one.
                if let Some((kind, shorter_end)) = self.shorter_at(text, start, stop) {
                    if let PatternKind::Term { rule, term } = kind {
                        hits.push(Hit {
                            start,
                            end: shorter_end,
                            rule: rule as usize,
                            term: term as usize,
                        });
                    }
                    at = shorter_end;
                    continue;
                }
            }
            at = next_char(text, start);
        }
    }

    /// The longest pattern that starts at `start`, ends before `stop` on a boundary.
    fn shorter_at(&self, text: &str, start: usize, stop: usize) -> Option<(PatternKind, usize)> {
        let bytes = text.as_bytes();
        let mut lower: Vec<u8> = bytes[start..stop].to_ascii_lowercase();
        for end in (start + 1..stop).rev() {
            lower.truncate(end - start);
            if !text.is_char_boundary(end) || !is_boundary(text, end) {
                continue;
            }
            if let Some(&index) = self.by_text.get(lower.as_slice()) {
                return Some((self.kinds[index as usize], end));
            }
        }
        None
    }
}

/// The byte offset of the character after the one at `at`.
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// Whether a word may start or end at byte offset `at`: the edge of the text, a
/// character that is not a letter or digit, a letter/digit change, a camelCase change
/// (`isWhite|listed`), or the end of an acronym before a capitalised word (`XML|White`).
pub fn is_boundary(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return true;
    }
    if !text.is_char_boundary(at) {
        return false;
    }
    let before = text[..at].chars().next_back();
    let mut rest = text[at..].chars();
    let after = rest.next();
    let (Some(before), Some(after)) = (before, after) else {
        return true;
    };
    if !before.is_alphanumeric() || !after.is_alphanumeric() {
        return true;
    }
    if before.is_alphabetic() != after.is_alphabetic() {
        return true;
    }
    if before.is_lowercase() && after.is_uppercase() {
        return true;
    }
    before.is_uppercase() && after.is_uppercase() && rest.next().is_some_and(char::is_lowercase)
}
