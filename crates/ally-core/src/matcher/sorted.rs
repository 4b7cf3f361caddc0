//! The sorted search: every pattern in byte order, searched by narrowing at each word
//! start. It costs almost nothing to build, so an editor buffer or one document is
//! checked in milliseconds, and it answers exact look-ups for the boundary fallback.

use crate::patterns::Patterns;

/// Every pattern in byte order (its index is its position), with the range of those
/// starting with each byte. Searched by narrowing at each word start, it costs almost
/// nothing to build, so an editor buffer or one document is checked in milliseconds;
/// it also answers exact look-ups for the boundary fallback.
#[derive(Debug, Clone, Default)]
pub(crate) struct SortedPatterns {
    pub(crate) patterns: Patterns,
    /// The range of patterns starting with each byte.
    pub(crate) by_first_byte: Vec<(u32, u32)>,
    /// The range of patterns of two bytes or more starting with each pair of bytes
    /// (`first << 8 | second`), so a search starts two bytes in.
    by_first_pair: Vec<(u32, u32)>,
    /// The length of the longest pattern.
    pub(crate) longest: usize,
}

impl SortedPatterns {
    pub(crate) fn new(patterns: Patterns) -> SortedPatterns {
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
    pub(crate) fn position(&self, bytes: &[u8]) -> Option<usize> {
        let at = partition(0, self.patterns.len(), |i| self.patterns.get(i) < bytes);
        (at < self.patterns.len() && self.patterns.get(at) == bytes).then_some(at)
    }

    /// The longest pattern that is a prefix of `bytes[at..]`: (its end, its index).
    pub(crate) fn longest_at(&self, bytes: &[u8], at: usize) -> Option<(usize, u32)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::PatternKind;
    use crate::test_support::numbers;

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
                patterns.push(spelling, PatternKind::Silence { exception: None });
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
}
