//! The matcher: every term spelling, exception phrase and allowed phrase in one
//! pattern set, searched leftmost-longest, then identifier-aware word-boundary checks.
//!
//! The text is first *folded* ([`fold`]: letters lowercased, each run of joiners one
//! space, by the definitions in [`crate::spelling`]), so one spaced and one closed
//! spelling per phrase cover every joiner and line wrap, and the search can be
//! case-sensitive. A tree of files is searched with one Aho-Corasick automaton
//! ([`automaton`]); a few files or an editor buffer with the sorted pattern list
//! ([`sorted`]), which costs almost nothing to build and finds exactly the same matches.
//!
//! Leftmost-longest means an exception that covers a term (`master's degree` over
//! `master`) wins by being longer, with no extra pass. A match that fails its boundary
//! check never hides a real one: a shorter pattern at the same start is tried, then
//! the search resumes one character later.

mod automaton;
mod boundary;
mod fold;
mod sorted;
mod words;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input};

pub use automaton::AutomatonJob;
pub use boundary::is_boundary;

use crate::error::SourceError;
pub use crate::patterns::PatternKind;
use crate::patterns::{self, allow_entries, rule_entries, Entry, Precompiled};
use crate::rules::{Rule, RuleId};
use crate::text::Gap;
use automaton::LazyAutomaton;
use boundary::{plausible, spans_white_space};
use fold::{is_continuation, next_char_start, Folded};
use sorted::SortedPatterns;

thread_local! {
    /// Each thread's folding buffer, reused from text to text.
    static FOLDED: RefCell<Folded> = RefCell::new(Folded::default());
}

/// A term found in a text: a byte range and the rule and term it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The rule, in the set the matcher was built from.
    pub rule: RuleId,
    /// Index of the written term within the rule.
    pub term: usize,
}

/// Says whether a candidate (its kind, and its start and end in the text) holds where
/// it stands.
pub type Judge<'a> = dyn Fn(PatternKind, usize, usize) -> bool + 'a;

/// What one search needs besides the folded text.
struct Search<'a> {
    text: &'a str,
    code: bool,
    judge: &'a Judge<'a>,
    automaton: Option<&'a AhoCorasick>,
}

/// How much text the matcher will see, which decides whether an automaton pays off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Workload {
    /// A few files or one editor buffer: the sorted patterns alone, built in a
    /// fraction of a millisecond.
    #[default]
    Small,
    /// A tree of files: an automaton, slower to build (tens of milliseconds) and
    /// faster to search, built by an [`AutomatonJob`] the host runs; texts are searched
    /// with the sorted patterns until it is ready, so a small tree never waits for it.
    Bulk,
}

/// How much text is folded at a time (see [`Matcher::find_in_windows`]).
const WINDOW: usize = 1 << 20;

/// Finds the terms of every enabled rule in a text.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// For a tree of files: one pass over the bytes, whatever the number of patterns
    /// (see [`Workload::Bulk`]).
    automaton: Option<Arc<LazyAutomaton>>,
    /// Every pattern, sorted: the search for small inputs, and exact look-ups.
    sorted: SortedPatterns,
}

impl Matcher {
    /// Builds the matcher from the enabled rules and the team's allowed phrases.
    /// `precompiled` holds the entries of the first rules, computed at build time.
    ///
    /// Two enabled rules that produce the same spelling are an error naming both.
    pub fn new(
        rules: &[Arc<Rule>],
        precompiled: Option<&Precompiled>,
        allow: &[String],
        workload: Workload,
        term_error: impl Fn(&Rule, usize, String) -> SourceError,
    ) -> Result<Matcher, SourceError> {
        let computed_from = precompiled.map_or(0, |p| p.rules.min(rules.len()));
        let mut entries: Vec<Entry> = Vec::new();
        for (index, rule) in rules.iter().enumerate().skip(computed_from) {
            if rule.enabled {
                rule_entries(RuleId::new(index), rule, &mut entries);
            }
        }
        allow_entries(allow, &mut entries);
        patterns::sort(&mut entries);
        let stored = precompiled.into_iter().flat_map(|p| p.iter()).filter(|e| {
            e.owner
                .is_none_or(|owner| rules.get(owner.index()).is_some_and(|r| r.enabled))
        });
        let patterns = patterns::collapse(
            patterns::merge(stored, entries.iter().map(Entry::as_ref)),
            rules,
            term_error,
        )?;

        let automaton = if patterns.is_empty() || workload == Workload::Small {
            None
        } else {
            Some(Arc::new(LazyAutomaton::new(patterns.clone())))
        };
        Ok(Matcher {
            automaton,
            sorted: SortedPatterns::new(patterns),
        })
    }

    /// The work of building the automaton of a [`Workload::Bulk`] matcher, for the
    /// host to run on a thread of its own; None when there is none to build.
    pub fn automaton_job(&self) -> Option<AutomatonJob> {
        self.automaton.clone().map(AutomatonJob::new)
    }

    /// Builds the automaton of a [`Workload::Bulk`] matcher now (or waits for the job
    /// building it), so that every search from now on uses it (for tests and
    /// benchmarks of one strategy). False when there is none: a small workload, or no
    /// patterns, or a build that failed.
    pub fn build_automaton(&self) -> bool {
        self.automaton
            .as_ref()
            .is_some_and(|lazy| lazy.build().is_some())
    }

    /// Appends every term found in `text[range]`, leaving out `gaps` (see
    /// [`Gap`]), to `hits`, in order of position.
    ///
    /// In `code`, a term of several words is found only with its words joined as an
    /// identifier joins them (`master_port`, `masterPort`), not across white space:
    /// `$master config set` is not the phrase `master config`.
    ///
    /// `judge` says whether a candidate holds where it stands (a term or an exception
    /// with a context): one that does not is passed over as if it were not there, so a
    /// shorter candidate at the same place, or one inside it, is still found.
    #[allow(clippy::too_many_arguments)]
    pub fn find_in_region(
        &self,
        text: &str,
        range: Range<usize>,
        gaps: &[Gap],
        code: bool,
        judge: &Judge<'_>,
        hits: &mut Vec<Hit>,
    ) {
        if self.sorted.patterns.is_empty() {
            return;
        }
        let range = range.start.min(text.len())..range.end.min(text.len());
        // One strategy for the whole text: the automaton if it is ready (or worth
        // waiting for), the sorted patterns otherwise. Both find the same matches.
        let automaton = self
            .automaton
            .as_ref()
            .and_then(|lazy| lazy.get(range.len()));
        let search = Search {
            text,
            code,
            judge,
            automaton,
        };
        self.find_in_windows(&search, range, gaps, WINDOW, hits);
    }

    /// [`Matcher::find`] with the text folded `window` bytes at a time (more when a
    /// window folds to too little to hold a pattern), so that folding needs memory
    /// for one window, not for the whole text. A match that starts in a window's last
    /// `longest` bytes is left to the next window, which starts there: every match
    /// is searched in a window that holds all of it, so the hits are exactly those of
    /// one pass over the whole text.
    fn find_in_windows(
        &self,
        search: &Search<'_>,
        range: Range<usize>,
        gaps: &[Gap],
        window: usize,
        hits: &mut Vec<Hit>,
    ) {
        let text = search.text;
        let longest = self.sorted.longest;
        FOLDED.with(|cell| {
            let mut folded = cell.borrow_mut();
            let mut start = range.start;
            while start < range.end {
                let mut size = window.max(1);
                let last = loop {
                    let mut end = start.saturating_add(size).min(range.end);
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    folded.fold_with_gaps(text, start..end, gaps);
                    if end >= range.end {
                        break true;
                    }
                    if folded.bytes.len() > 2 * longest + 64 {
                        break false;
                    }
                    size = size.saturating_mul(2);
                };
                let bytes_len = folded.bytes.len();
                let mut cutoff = if last {
                    bytes_len
                } else {
                    bytes_len - longest - 1
                };
                while cutoff > 0 && cutoff < bytes_len && is_continuation(folded.bytes[cutoff]) {
                    cutoff -= 1;
                }
                let resume = self.find_folded(search, &folded, cutoff, hits);
                if last {
                    break;
                }
                start = folded.original(resume.max(cutoff));
            }
            // A one-off large window is not kept.
            if folded.bytes.capacity() > window.max(1 << 16).saturating_mul(4) {
                *folded = Folded::default();
            }
        });
    }

    /// Finds the matches that start before folded offset `cutoff`; returns the folded
    /// offset the search would go on from.
    fn find_folded(
        &self,
        search: &Search<'_>,
        folded: &Folded,
        cutoff: usize,
        hits: &mut Vec<Hit>,
    ) -> usize {
        let text = search.text;
        let bytes = &folded.bytes;
        let mut at = 0;
        while at < bytes.len() {
            let Some((start, stop, pattern)) = self.next_match(text, folded, search.automaton, at)
            else {
                break;
            };
            if start >= cutoff {
                break;
            }
            let original_start = folded.original(start);
            if is_boundary(text, original_start) {
                if let Some((kind, end)) = self.accepted_at(search, folded, start, stop, pattern) {
                    self.push(hits, kind, original_start, folded.original_end(text, end));
                    at = end;
                    continue;
                }
            }
            at = next_char_start(bytes, start);
        }
        at
    }

    /// The leftmost-longest pattern at or after folded offset `at`: (start, end, index).
    fn next_match(
        &self,
        text: &str,
        folded: &Folded,
        automaton: Option<&AhoCorasick>,
        at: usize,
    ) -> Option<(usize, usize, usize)> {
        let bytes = &folded.bytes;
        if let Some(automaton) = automaton {
            return automaton
                .find(Input::new(bytes).span(at..bytes.len()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
        }
        let sorted = &self.sorted;
        let mut original = folded.mapper(at);
        let mut start = at;
        while start < bytes.len() {
            let byte = bytes[start];
            let (lo, hi) = sorted.by_first_byte[byte as usize];
            // A match that does not start on a word boundary is rejected anyway: skip
            // the narrowing there (the automaton gives the same result).
            if lo < hi && !is_continuation(byte) && is_boundary(text, original.map(start)) {
                if let Some((end, index)) = sorted.longest_at(bytes, start) {
                    return Some((start, end, index as usize));
                }
            }
            start += 1;
        }
        None
    }

    fn push(&self, hits: &mut Vec<Hit>, kind: PatternKind, start: usize, end: usize) {
        if let PatternKind::Term { rule, term, .. } = kind {
            hits.push(Hit {
                start,
                end,
                rule,
                term: term as usize,
            });
        }
    }

    /// What the patterns starting at folded `start` (which is on a word boundary) say:
    /// the longest one, ending at `stop`, if it ends on a boundary and is cased like a
    /// word; else the longest shorter one that does (`SlaveOf` is not the command
    /// `slaveof`, but it is `Slave`); else a one-word term glued to words of a name
    /// (`masterauth`). None when no pattern stands there.
    fn accepted_at(
        &self,
        search: &Search<'_>,
        folded: &Folded,
        start: usize,
        stop: usize,
        pattern: usize,
    ) -> Option<(PatternKind, usize)> {
        let text = search.text;
        let original_start = folded.original(start);
        let fits = |kind: PatternKind, end: usize| {
            let original_end = folded.original_end(text, end);
            is_boundary(text, original_end)
                && plausible(text, original_start, original_end, kind)
                && !(search.code && spans_white_space(text, original_start, original_end, kind))
                && (search.judge)(kind, original_start, original_end)
        };
        let longest = self.sorted.patterns.kinds[pattern];
        if fits(longest, stop) {
            return Some((longest, stop));
        }
        let mut lower: Vec<u8> = folded.bytes[start..stop].to_vec();
        let mut glued = None;
        for end in (start + 1..=stop).rev() {
            lower.truncate(end - start);
            if end < folded.bytes.len() && is_continuation(folded.bytes[end]) {
                continue;
            }
            let index = if end == stop {
                Some(pattern)
            } else {
                self.sorted.position(&lower)
            };
            let Some(index) = index else {
                continue;
            };
            let kind = self.sorted.patterns.kinds[index];
            if end < stop && fits(kind, end) {
                return Some((kind, end));
            }
            let original_end = folded.original_end(text, end);
            if glued.is_none()
                && self.glued_to_words(text, original_start, original_end, kind)
                && (search.judge)(kind, original_start, original_end)
            {
                glued = Some((kind, end));
            }
        }
        glued
    }

    /// Whether the one-word term at `start..end` runs on, in lowercase letters, into
    /// words of a name and nothing else (`masterauth`, `slaveport`, `mastername`).
    fn glued_to_words(&self, text: &str, start: usize, end: usize, kind: PatternKind) -> bool {
        let PatternKind::Term {
            multi_word: false, ..
        } = kind
        else {
            return false;
        };
        let rest = &text.as_bytes()[end..];
        let run = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
        if run < 2
            || rest
                .get(run)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80)
        {
            return false;
        }
        let word = &text[start..end];
        // The term's own letters are lowercase too: `MASTERAUTH` or `Masterauth` are
        // words of their own, not a name glued together. A short term (`his`, `he`,
        // `man`) starts too many words to be read off a run of letters (`hisgroup`).
        word.len() >= 4
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && words::splits_into_words(&text[end..end + run])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{numbers, small_rule_set};

    /// Folding a text in small windows finds exactly what one pass over it finds, with
    /// matches across window edges, joiner runs longer than a window and multi-byte
    /// characters at the edges.
    #[test]
    fn windows_find_what_one_pass_finds() {
        let set = small_rule_set();
        let matcher = Matcher::new(
            &set.rules,
            set.precompiled.as_ref(),
            &["master key".to_owned()],
            Workload::Small,
            |rule, term, message| set.term_error(rule, term, message),
        )
        .unwrap();
        let pieces = [
            "white",
            "list",
            "master",
            "slave",
            " ",
            "\n",
            "-",
            "_",
            "’s",
            "é",
            "日本",
            "blacklisted",
            "man hours",
            "MasterNode",
            "key",
            "degree",
            "x",
            "  ",
            ".",
            "wheelchair",
            "bound",
            "the",
            "crazy",
        ];
        let mut next = numbers(0x5DEE_CE66_D1CE_4E5B);
        let mut found = 0;
        for round in 0..300 {
            let mut text = String::new();
            for _ in 0..next(80) {
                text.push_str(pieces[next(pieces.len())]);
            }
            if round % 10 == 0 {
                let mut middle = text.len() / 2;
                while !text.is_char_boundary(middle) {
                    middle += 1;
                }
                text.insert_str(middle, &" ".repeat(200));
            }
            let mut whole = Vec::new();
            let always = |_: PatternKind, _: usize, _: usize| true;
            let search = Search {
                text: &text,
                code: false,
                judge: &always,
                automaton: None,
            };
            matcher.find_in_windows(&search, 0..text.len(), &[], usize::MAX, &mut whole);
            found += whole.len();
            for window in [1, 7, 16, 33, 64] {
                let mut windowed = Vec::new();
                matcher.find_in_windows(&search, 0..text.len(), &[], window, &mut windowed);
                assert_eq!(windowed, whole, "window {window} over {text:?}");
            }
        }
        assert!(found > 300, "the texts hold terms ({found} found)");
    }
}
