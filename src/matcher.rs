//! The matcher: every term spelling, exception phrase and allowed phrase in one
//! pattern set, searched leftmost-longest, then identifier-aware word-boundary checks.
//!
//! The text is first *folded* (ASCII lowercased; runs of white space, `-` and `_` made
//! one space), so one spaced and one closed spelling per phrase cover every joiner and
//! line wrap, and the search can be case-sensitive. A tree of files is searched with
//! one Aho-Corasick DFA; a few files or an editor buffer with the sorted pattern list,
//! which costs almost nothing to build and finds exactly the same matches.
//!
//! Leftmost-longest means an exception that covers a term (`master's degree` over
//! `master`) wins by being longer, with no extra pass. A match that fails its boundary
//! check never hides a real one: a shorter pattern at the same start is tried, then
//! the search resumes one character later.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::patterns::{
    self, allow_entries, rule_entries, Entry, PatternKind, Patterns, Precompiled,
};
use std::sync::Arc;

use crate::rules::Rule;
use crate::source_error::SourceError;

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

/// How much text the matcher will see, which decides whether an automaton pays off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Workload {
    /// A few files or one editor buffer: the sorted patterns alone, built in a
    /// fraction of a millisecond.
    #[default]
    Small,
    /// A tree of files: a DFA, slower to build (tens of milliseconds) and faster to
    /// search. It is built on a thread of its own; texts are searched with the sorted
    /// patterns until it is ready, so a small tree never waits for it.
    Bulk,
}

/// Texts are searched without the automaton while it is built until this much text
/// has been (or one text this long comes): then searches wait for it. A small tree
/// never waits; a large one loses little to the slower search.
const WAIT_FOR_AUTOMATON: usize = 2 << 20;

/// How much text is folded at a time (see [`Matcher::find_in_windows`]).
const WINDOW: usize = 1 << 20;

/// Every pattern in byte order (its index is its position), with the range of those
/// starting with each byte. Searched by narrowing at each word start, it costs almost
/// nothing to build, so an editor buffer or one document is checked in milliseconds;
/// it also answers exact look-ups for the boundary fallback.
#[derive(Debug, Clone, Default)]
struct SortedPatterns {
    patterns: Patterns,
    /// The range of patterns starting with each byte.
    by_first_byte: Vec<(u32, u32)>,
    /// The range of patterns of two bytes or more starting with each pair of bytes
    /// (`first << 8 | second`), so a search starts two bytes in.
    by_first_pair: Vec<(u32, u32)>,
    /// The length of the longest pattern.
    longest: usize,
}

impl SortedPatterns {
    fn new(patterns: Patterns) -> SortedPatterns {
        let mut by_first_byte = vec![(0u32, 0u32); 256];
        let mut by_first_pair = vec![(0u32, 0u32); 256 * 256];
        let mut start = 0;
        while start < patterns.len() {
            let first = patterns.get(start)[0];
            let end = partition(start, patterns.len(), |i| patterns.get(i)[0] == first);
            by_first_byte[first as usize] = (start as u32, end as u32);
            // A one-byte pattern sorts before the longer ones with its first byte.
            let mut pair_start = start + usize::from(patterns.get(start).len() == 1);
            while pair_start < end {
                let second = patterns.get(pair_start)[1];
                let pair_end = partition(pair_start, end, |i| patterns.get(i)[1] == second);
                by_first_pair[(first as usize) << 8 | second as usize] =
                    (pair_start as u32, pair_end as u32);
                pair_start = pair_end;
            }
            start = end;
        }
        let longest = patterns.iter().map(<[u8]>::len).max().unwrap_or(0);
        SortedPatterns {
            patterns,
            by_first_byte,
            by_first_pair,
            longest,
        }
    }

    /// The index of the pattern spelled exactly `bytes`.
    fn position(&self, bytes: &[u8]) -> Option<usize> {
        let at = partition(0, self.patterns.len(), |i| self.patterns.get(i) < bytes);
        (at < self.patterns.len() && self.patterns.get(at) == bytes).then_some(at)
    }

    /// The longest pattern that is a prefix of `bytes[at..]`: (its end, its index).
    fn longest_at(&self, bytes: &[u8], at: usize) -> Option<(usize, u32)> {
        let first = bytes[at];
        let (lo, hi) = self.by_first_byte[first as usize];
        if lo == hi {
            return None;
        }
        let mut best = (self.patterns.get(lo as usize).len() == 1).then_some((at + 1, lo));
        let Some(&second) = bytes.get(at + 1) else {
            return best;
        };
        let (lo, hi) = self.by_first_pair[(first as usize) << 8 | second as usize];
        let (mut lo, mut hi) = (lo as usize, hi as usize);
        let mut k = 2;
        while lo < hi {
            // Every pattern in lo..hi starts with bytes[at..at + k].
            if self.patterns.get(lo).len() == k {
                best = Some((at + k, lo as u32));
            }
            let Some(&next) = bytes.get(at + k) else {
                break;
            };
            let get = |i| self.patterns.get(i);
            let first = partition(lo, hi, |i| get(i).len() <= k || get(i)[k] < next);
            hi = partition(first, hi, |i| get(i).len() <= k || get(i)[k] <= next);
            lo = first;
            k += 1;
        }
        best
    }
}

/// The first index in `lo..hi` for which `before` is false (it must be true for a
/// prefix of the range and false for the rest).
fn partition(mut lo: usize, mut hi: usize, before: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Finds the terms of every enabled rule in a text.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// For a tree of files: one pass over the bytes, whatever the number of patterns.
    /// Set by a builder thread when it is done (see [`Workload::Bulk`]).
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
                rule_entries(index, rule, &mut entries);
            }
        }
        allow_entries(allow, &mut entries);
        patterns::sort(&mut entries);
        let stored = precompiled
            .into_iter()
            .flat_map(|p| p.iter())
            .filter(|e| rules.get(e.owner as usize).is_some_and(|r| r.enabled));
        let patterns = patterns::collapse(
            patterns::merge(stored, entries.iter().map(Entry::as_ref)),
            rules,
            term_error,
        )?;

        let automaton = if patterns.is_empty() || workload == Workload::Small {
            None
        } else {
            let lazy = Arc::new(LazyAutomaton::default());
            let (target, spellings) = (lazy.clone(), patterns.clone());
            let spawned = std::thread::Builder::new()
                .name("ally-automaton".to_owned())
                .spawn(move || target.built.set(build_automaton(&spellings)));
            if spawned.is_err() {
                // No thread to spare: build it here.
                let _ = lazy.built.set(build_automaton(&patterns));
            }
            Some(lazy)
        };
        Ok(Matcher {
            automaton,
            sorted: SortedPatterns::new(patterns),
        })
    }

    /// Waits until the automaton of a [`Workload::Bulk`] matcher is built, so that
    /// every search from now on uses it (for tests and benchmarks of one strategy).
    /// False when there is none: a small workload, or no patterns.
    pub fn wait_for_automaton(&self) -> bool {
        self.automaton
            .as_ref()
            .is_some_and(|lazy| lazy.built.wait().is_some())
    }

    /// Appends every term found in `text[range]` to `hits`, in order of position.
    pub fn find(&self, text: &str, range: Range<usize>, hits: &mut Vec<Hit>) {
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
        self.find_in_windows(text, range, automaton, WINDOW, hits);
    }

    /// [`Matcher::find`] with the text folded `window` bytes at a time (more when a
    /// window folds to too little to hold a pattern), so that folding needs memory
    /// for one window, not for the whole text. A match that starts in a window's last
    /// `longest` bytes is left to the next window, which starts there: every match
    /// is searched in a window that holds all of it, so the hits are exactly those of
    /// one pass over the whole text.
    fn find_in_windows(
        &self,
        text: &str,
        range: Range<usize>,
        automaton: Option<&AhoCorasick>,
        window: usize,
        hits: &mut Vec<Hit>,
    ) {
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
                    folded.fold(text, start..end);
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
                let resume = self.find_folded(text, &folded, automaton, cutoff, hits);
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
        text: &str,
        folded: &Folded,
        automaton: Option<&AhoCorasick>,
        cutoff: usize,
        hits: &mut Vec<Hit>,
    ) -> usize {
        let bytes = &folded.bytes;
        let mut at = 0;
        while at < bytes.len() {
            let Some((start, stop, pattern)) = self.next_match(text, folded, automaton, at) else {
                break;
            };
            if start >= cutoff {
                break;
            }
            let original_start = folded.original(start);
            if is_boundary(text, original_start) {
                let kind = self.sorted.patterns.kinds[pattern];
                let original_end = folded.original(stop);
                if is_boundary(text, original_end) {
                    if plausible(text, original_start, original_end, kind) {
                        self.push(hits, kind, original_start, original_end);
                        at = stop;
                        continue;
                    }
                } else if let Some((kind, shorter_end)) = self.shorter_at(text, folded, start, stop)
                {
                    // The longest pattern ran past a boundary; a shorter one ends on one.
                    let original_end = folded.original(shorter_end);
                    if plausible(text, original_start, original_end, kind) {
                        self.push(hits, kind, original_start, original_end);
                        at = shorter_end;
                        continue;
                    }
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
                rule: rule as usize,
                term: term as usize,
            });
        }
    }

    /// The longest pattern that starts at folded `start` and ends before `stop` on a
    /// word boundary.
    fn shorter_at(
        &self,
        text: &str,
        folded: &Folded,
        start: usize,
        stop: usize,
    ) -> Option<(PatternKind, usize)> {
        let mut lower: Vec<u8> = folded.bytes[start..stop].to_vec();
        for end in (start + 1..stop).rev() {
            lower.truncate(end - start);
            if is_continuation(folded.bytes[end]) || !is_boundary(text, folded.original(end)) {
                continue;
            }
            if let Some(index) = self.sorted.position(&lower) {
                return Some((self.sorted.patterns.kinds[index], end));
            }
        }
        None
    }
}

/// An automaton a builder thread is making (see [`Workload::Bulk`]).
#[derive(Debug, Default)]
struct LazyAutomaton {
    /// Set when the build is done: None if it failed (the sorted patterns serve).
    built: OnceLock<Option<AhoCorasick>>,
    /// Bytes searched without it so far.
    searched_without: AtomicUsize,
}

impl LazyAutomaton {
    /// The automaton to search a text of `len` bytes with: None while it is being
    /// built, unless enough text has gone without it (then this waits).
    fn get(&self, len: usize) -> Option<&AhoCorasick> {
        if let Some(built) = self.built.get() {
            return built.as_ref();
        }
        let before = self.searched_without.fetch_add(len, Ordering::Relaxed);
        if before + len >= WAIT_FOR_AUTOMATON {
            self.built.wait().as_ref()
        } else {
            None
        }
    }
}

/// The leftmost-longest automaton over `patterns`, or None if none can be built (the
/// sorted patterns then do all the work, with the same results). It never panics, so
/// a text waiting for it never waits forever.
fn build_automaton(patterns: &Patterns) -> Option<AhoCorasick> {
    std::panic::catch_unwind(|| {
        // The text is lowercased while it is folded, so the automaton can be
        // case-sensitive: half the transitions, and faster to build.
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter())
            .or_else(|_| {
                // Too large for a DFA: the contiguous NFA is smaller and still fast.
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.iter())
            })
            .ok()
    })
    .ok()
    .flatten()
}

thread_local! {
    /// Each thread's folding buffer, reused from file to file.
    static FOLDED: RefCell<Folded> = RefCell::new(Folded::default());
}

/// A text as the automaton sees it: ASCII letters lowercased, every run of joiners
/// (white space, `-`, `_`, no-break space, Unicode hyphens) folded to one space and
/// `’` to `'`, with the
/// offsets where folding shifted positions, to map matches back to the original.
#[derive(Debug, Default)]
pub struct Folded {
    /// The folded bytes (valid UTF-8 whenever the input was).
    pub bytes: Vec<u8>,
    /// `(folded offset, original offset)` from which positions map linearly.
    breaks: Vec<(usize, usize)>,
}

/// What folding does with each byte: lowercase ASCII letters, turn ASCII joiners into
/// a space, mark the lead bytes of the multi-byte joiners and `’` (0), copy the rest.
static FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'_' => b' ',
            0xC2 | 0xE2 => 0,
            byte => byte.to_ascii_lowercase(),
        };
        b += 1;
    }
    table
};

/// How many bytes [`fold_block`] folds at once.
const BLOCK: usize = 32;

/// Folds `block[..BLOCK]` one byte to one byte into `folded`, and returns how many of
/// those bytes, from the start, fold on their own: the first that does not begins a
/// run of two joiners (the byte after the block is looked at too), a multi-byte joiner
/// or `’`. Simple loops without branches or look-ups, which compile to vector
/// instructions.
fn fold_block(block: &[u8; BLOCK + 1], folded: &mut [u8; BLOCK]) -> usize {
    let mut joiner = [0u8; BLOCK + 1];
    for (mask, &byte) in joiner.iter_mut().zip(block) {
        let is_joiner =
            (byte == b' ') | (byte.wrapping_sub(b'\t') < 5) | (byte == b'-') | (byte == b'_');
        *mask = u8::from(is_joiner).wrapping_neg();
    }
    for k in 0..BLOCK {
        let byte = block[k];
        let upper = u8::from(byte.wrapping_sub(b'A') < 26).wrapping_neg() & 0x20;
        folded[k] = ((byte | upper) & !joiner[k]) | (b' ' & joiner[k]);
    }
    let irregular = |k: usize| {
        let lead = u8::from((block[k] == 0xC2) | (block[k] == 0xE2)).wrapping_neg();
        (joiner[k] & joiner[k + 1]) | lead
    };
    let mut any = 0u8;
    for k in 0..BLOCK {
        any |= irregular(k);
    }
    if any == 0 {
        return BLOCK;
    }
    (0..BLOCK).position(|k| irregular(k) != 0).unwrap_or(BLOCK)
}

/// The length of the joiner character at `i`, or 0.
fn joiner_len(src: &[u8], i: usize) -> usize {
    match src[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'_' => 1,
        0xC2 if src.get(i + 1) == Some(&0xA0) => 2,
        0xE2 if src.get(i + 1) == Some(&0x80) && matches!(src.get(i + 2), Some(0x90 | 0x91)) => 3,
        _ => 0,
    }
}

impl Folded {
    /// Folds `text[range]` into this buffer.
    pub fn fold(&mut self, text: &str, range: Range<usize>) {
        let src = &text.as_bytes()[range.clone()];
        let base = range.start;
        self.bytes.clear();
        self.bytes.resize(src.len(), 0);
        self.breaks.clear();
        self.breaks.push((0, base));
        let out = &mut self.bytes;
        // `delta` is original minus folded offset; where it changes, a break records
        // the new mapping. Most text is folded a block at a time (the common case:
        // no joiner runs, no multi-byte joiner), byte by byte only around the rest.
        let (mut i, mut o, mut delta, mut in_gap) = (0, 0, base, false);
        while i < src.len() {
            if !in_gap {
                if let Some(block) = src.get(i..i + BLOCK + 1) {
                    let block: &[u8; BLOCK + 1] = block.try_into().expect("BLOCK + 1 bytes");
                    // `o <= i`, so the block fits; bytes past `regular` are overwritten.
                    let folded: &mut [u8; BLOCK] =
                        (&mut out[o..o + BLOCK]).try_into().expect("BLOCK bytes");
                    let regular = fold_block(block, folded);
                    if regular > 0 {
                        in_gap = folded[regular - 1] == b' ';
                        if base + i - o != delta {
                            delta = base + i - o;
                            self.breaks.push((o, base + i));
                        }
                        i += regular;
                        o += regular;
                        continue;
                    }
                }
            }
            let mut byte = FOLD[src[i] as usize];
            let mut width = 1;
            if byte == 0 {
                width = joiner_len(src, i);
                if width > 0 {
                    byte = b' ';
                } else if src[i..].starts_with("’".as_bytes()) {
                    byte = b'\'';
                    width = 3;
                } else {
                    byte = src[i];
                    width = 1;
                }
            }
            if byte == b' ' {
                if in_gap {
                    i += width;
                    continue;
                }
                in_gap = true;
            } else {
                in_gap = false;
            }
            if base + i - o != delta {
                delta = base + i - o;
                self.breaks.push((o, base + i));
            }
            out[o] = byte;
            o += 1;
            i += width;
        }
        if base + i - o != delta {
            self.breaks.push((o, base + i));
        }
        out.truncate(o);
    }

    /// Maps folded offsets from `at` on, in increasing order, to original ones: each in
    /// constant time, where [`Folded::original`] searches.
    fn mapper(&self, at: usize) -> Mapper<'_> {
        let next = self.breaks.partition_point(|&(folded, _)| folded <= at);
        Mapper {
            breaks: &self.breaks,
            next,
        }
    }

    /// The original offset of folded offset `at`.
    pub fn original(&self, at: usize) -> usize {
        let k = self.breaks.partition_point(|&(folded, _)| folded <= at);
        let (folded, original) = self.breaks[k.saturating_sub(1)];
        original + (at - folded)
    }
}

/// See [`Folded::mapper`].
struct Mapper<'a> {
    breaks: &'a [(usize, usize)],
    /// The first break after the last offset mapped.
    next: usize,
}

impl Mapper<'_> {
    /// The original offset of folded offset `at`, which is not below the last one.
    fn map(&mut self, at: usize) -> usize {
        while self
            .breaks
            .get(self.next)
            .is_some_and(|&(folded, _)| folded <= at)
        {
            self.next += 1;
        }
        let (folded, original) = self.breaks[self.next - 1];
        original + (at - folded)
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// The offset of the character after the one starting at `at`.
fn next_char_start(bytes: &[u8], at: usize) -> usize {
    let mut next = at + 1;
    while next < bytes.len() && is_continuation(bytes[next]) {
        next += 1;
    }
    next
}

/// Whether the letters of `text[start..end]` are cased like a word: `whitelist`,
/// `Whitelist`, `WHITELIST`, or camelCase at the joins of a multi-word term
/// (`whiteList`). Random case such as `fAg` or `FAg` in encoded data is not a word.
fn plausible(text: &str, start: usize, end: usize, kind: PatternKind) -> bool {
    let PatternKind::Term { multi_word, .. } = kind else {
        return true;
    };
    if multi_word {
        // Each word may be cased on its own (`OK boomer`, `I2C master`, `whiteList`).
        return true;
    }
    let letters: Vec<char> = text[start..end]
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    for window in letters.windows(2) {
        if window[0].is_lowercase() && window[1].is_uppercase() {
            return false;
        }
    }
    for window in letters.windows(3) {
        if window[0].is_uppercase() && window[1].is_uppercase() && window[2].is_lowercase() {
            return false;
        }
    }
    true
}

/// Whether a word may start or end at byte offset `at`: the edge of the text, a
/// character that is not a letter or digit, a letter/digit change, a camelCase change
/// (`isWhite|listed`), or the end of an acronym before a capitalised word (`XML|White`).
pub fn is_boundary(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return true;
    }
    let bytes = text.as_bytes();
    let (before, after) = (bytes[at - 1], bytes[at]);
    if before.is_ascii() && after.is_ascii() {
        // The rules below, for bytes: most text is ASCII, and decoding characters
        // here cost 7% of a single-document run (callgrind).
        if !before.is_ascii_alphanumeric() || !after.is_ascii_alphanumeric() {
            return true;
        }
        if before.is_ascii_alphabetic() != after.is_ascii_alphabetic() {
            return true;
        }
        if before.is_ascii_lowercase() && after.is_ascii_uppercase() {
            return true;
        }
        return before.is_ascii_uppercase()
            && after.is_ascii_uppercase()
            && text[at + 1..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
    }
    boundary_between_chars(text, at)
}

/// [`is_boundary`] for any characters, `at` inside the text.
fn boundary_between_chars(text: &str, at: usize) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Repeatable pseudo-random numbers below `n` (xorshift).
    fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// Folding one character at a time: the definition the block path must agree with.
    fn fold_reference(text: &str, range: Range<usize>) -> (Vec<u8>, Vec<usize>) {
        let mut bytes = Vec::new();
        let mut origins = Vec::new();
        let mut in_gap = false;
        let mut i = range.start;
        while i < range.end {
            let c = text[i..].chars().next().expect("a character");
            let (byte, joiner) = match c {
                ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' | '-' | '_' | '\u{A0}' | '\u{2010}'
                | '\u{2011}' => (b' ', true),
                '’' => (b'\'', false),
                _ => (0, false),
            };
            if joiner {
                if !in_gap {
                    bytes.push(b' ');
                    origins.push(i);
                }
            } else if byte != 0 {
                bytes.push(byte);
                origins.push(i);
            } else {
                for (k, b) in c.to_string().bytes().enumerate() {
                    bytes.push(b.to_ascii_lowercase());
                    origins.push(i + k);
                }
            }
            in_gap = joiner;
            i += c.len_utf8();
        }
        origins.push(range.end);
        (bytes, origins)
    }

    /// The byte-level rules for ASCII agree with the character rules everywhere.
    #[test]
    fn ascii_boundaries_agree_with_the_character_rules() {
        let mut next = numbers(0x1234_5678_9ABC_DEF1);
        let alphabet = b"aAbZz09 _-.'(";
        for _ in 0..500 {
            let text: String = (0..12)
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            for at in 1..text.len() {
                assert_eq!(
                    is_boundary(&text, at),
                    boundary_between_chars(&text, at),
                    "{text:?} at {at}"
                );
            }
        }
    }

    /// While the automaton is built, small texts go without it; once enough text has,
    /// or a large text comes, searches wait for it.
    #[test]
    fn searches_wait_for_the_automaton_only_after_enough_text() {
        let lazy = Arc::new(LazyAutomaton::default());
        assert!(lazy.get(WAIT_FOR_AUTOMATON / 2).is_none());
        assert!(lazy.get(WAIT_FOR_AUTOMATON / 4).is_none());
        let builder = {
            let lazy = lazy.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(50));
                let mut patterns = Patterns::default();
                patterns.push(b"whitelist", PatternKind::Silence);
                lazy.built.set(build_automaton(&patterns)).unwrap();
            })
        };
        // This text takes the total past the limit: it waits, and gets the automaton.
        assert!(lazy.get(WAIT_FOR_AUTOMATON / 4).is_some());
        builder.join().unwrap();
        assert!(lazy.get(1).is_some());
    }

    /// The sorted search, with its byte and pair indexes, finds the longest pattern at
    /// each offset exactly as trying every pattern does, one- and two-byte ones too.
    #[test]
    fn longest_at_agrees_with_trying_every_pattern() {
        let mut next = numbers(0x9E37_79B9_7F4A_7C15);
        let alphabet = b"ab c";
        for _ in 0..200 {
            let mut spellings: Vec<Vec<u8>> = (0..next(30) + 1)
                .map(|_| (0..next(5) + 1).map(|_| alphabet[next(4)]).collect())
                .collect();
            spellings.sort();
            spellings.dedup();
            let mut patterns = Patterns::default();
            for spelling in &spellings {
                patterns.push(spelling, PatternKind::Silence);
            }
            let sorted = SortedPatterns::new(patterns);
            let text: Vec<u8> = (0..40).map(|_| alphabet[next(4)]).collect();
            for at in 0..text.len() {
                let want = spellings
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| text[at..].starts_with(p))
                    .max_by_key(|(_, p)| p.len())
                    .map(|(i, p)| (at + p.len(), i as u32));
                assert_eq!(sorted.longest_at(&text, at), want, "{spellings:?} at {at}");
            }
        }
    }

    /// Folding a text in small windows finds exactly what one pass over it finds, with
    /// matches across window edges, joiner runs longer than a window and multi-byte
    /// characters at the edges.
    #[test]
    fn windows_find_what_one_pass_finds() {
        let set = crate::builtin::rule_set();
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
            matcher.find_in_windows(&text, 0..text.len(), None, usize::MAX, &mut whole);
            found += whole.len();
            for window in [1, 7, 16, 33, 64] {
                let mut windowed = Vec::new();
                matcher.find_in_windows(&text, 0..text.len(), None, window, &mut windowed);
                assert_eq!(windowed, whole, "window {window} over {text:?}");
            }
        }
        assert!(found > 300, "the texts hold terms ({found} found)");
    }

    #[test]
    fn block_folding_agrees_with_the_definition() {
        let pieces = [
            "White",
            "list",
            " ",
            "  ",
            "-",
            "_",
            "\n",
            "\r\n",
            "\t",
            "\u{A0}",
            "\u{2010}",
            "’",
            "é",
            "MASTER",
            "x",
            "Ab",
            "--",
            " \u{A0} ",
            "日本",
            "a b c d e f g h ",
            "0123456789",
        ];
        let mut next = numbers(0x2545_F491_4F6C_DD1D);
        let mut folded = Folded::default();
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(60) {
                text.push_str(pieces[next(pieces.len())]);
            }
            let start = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(next(3))
                .unwrap_or(0);
            let range = start..text.len();
            folded.fold(&text, range.clone());
            let (bytes, origins) = fold_reference(&text, range);
            assert_eq!(folded.bytes, bytes, "{text:?}");
            for (at, &origin) in origins.iter().enumerate() {
                assert_eq!(folded.original(at), origin, "offset {at} of {text:?}");
            }
        }
    }
}
