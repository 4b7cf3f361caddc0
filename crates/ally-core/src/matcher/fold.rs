//! Folding a text the way the patterns are folded (see [`crate::spelling`]): every
//! run of joiners to one space, letters lowercased, `’` to `'`, with a map from folded
//! offsets back to the original ones.
//!
//! ASCII text, the common case, is folded 32 bytes at a time by loops without branches
//! or look-ups, which the compiler turns into vector instructions; runs of joiners and
//! other characters go one character at a time, by the definitions in `spelling`. A
//! test holds the two paths together.

use std::ops::Range;

use crate::spelling::{fold_char, is_joiner, FoldedChar};
use crate::text::Gap;

/// The byte an opaque gap folds to: it stands in no pattern (a term needs a letter or
/// digit and holds no control character), so no match spans it.
pub(crate) const SEPARATOR: u8 = 0x01;

/// A text as the matcher sees it, with the offsets where folding shifted positions.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// The folded bytes (valid UTF-8, as the text is).
    pub(crate) bytes: Vec<u8>,
    /// `(folded offset, original offset)` from which positions map linearly.
    breaks: Vec<(usize, usize)>,
}

/// What folding does with each ASCII byte: joiners become a space, capitals are
/// lowercased; bytes of other characters (0x80 and up) are marked 0.
static FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'_' => b' ',
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
/// run of two joiners (the byte after the block is looked at too) or a character
/// beyond ASCII.
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
        let beyond_ascii = (block[k] >> 7).wrapping_neg();
        (joiner[k] & joiner[k + 1]) | beyond_ascii
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

impl Folded {
    /// Folds `text[range]` into this buffer. The range must start and end on
    /// character boundaries.
    #[cfg(test)]
    pub(crate) fn fold(&mut self, text: &str, range: Range<usize>) {
        self.fold_with_gaps(text, range, &[]);
    }

    /// Folds `text[range]`, leaving out the `gaps` in it (sorted, not overlapping,
    /// on character boundaries): a transparent gap folds to nothing, so `*wheel*chair`
    /// reads `wheelchair`; an opaque one folds to [`SEPARATOR`], which no match spans.
    pub(crate) fn fold_with_gaps(&mut self, text: &str, range: Range<usize>, gaps: &[Gap]) {
        let src = &text.as_bytes()[range.clone()];
        let base = range.start;
        // Gaps as offsets into `src`, clipped to it.
        let mut gaps = gaps
            .iter()
            .filter(|g| g.range.end > range.start && g.range.start < range.end)
            .map(|g| {
                let start = g.range.start.max(range.start) - base;
                let end = g.range.end.min(range.end) - base;
                (start, end, g.breaks)
            })
            .peekable();
        self.bytes.clear();
        // Folding keeps or shrinks most text; the rare character whose lowercase is
        // longer grows the buffer where it is written.
        self.bytes.resize(src.len(), 0);
        self.breaks.clear();
        self.breaks.push((0, base));
        let out = &mut self.bytes;
        // `delta` is original minus folded offset; where it changes, a break records
        // the new mapping.
        let delta_at = |i: usize, o: usize| (base + i) as isize - o as isize;
        let (mut i, mut o, mut delta, mut in_gap) = (0, 0, base as isize, false);
        let mut encoded = [0u8; 4];
        let mut next_gap = gaps.peek().map_or(usize::MAX, |g| g.0);
        while i < src.len() {
            if i >= next_gap {
                let (_, end, breaks) = gaps.next().expect("a gap starts here");
                if breaks {
                    if delta_at(i, o) != delta {
                        delta = delta_at(i, o);
                        self.breaks.push((o, base + i));
                    }
                    if out.len() <= o {
                        out.resize(o + 1, 0);
                    }
                    out[o] = SEPARATOR;
                    o += 1;
                    in_gap = false;
                }
                i = end.max(i);
                next_gap = gaps.peek().map_or(usize::MAX, |g| g.0.max(i));
                continue;
            }
            if !in_gap && i + BLOCK < next_gap {
                if let Some(block) = src.get(i..i + BLOCK + 1) {
                    let block: &[u8; BLOCK + 1] = block.try_into().expect("BLOCK + 1 bytes");
                    if out.len() < o + BLOCK {
                        out.resize(o + BLOCK, 0);
                    }
                    // Bytes past `regular` are overwritten later.
                    let folded: &mut [u8; BLOCK] =
                        (&mut out[o..o + BLOCK]).try_into().expect("BLOCK bytes");
                    let regular = fold_block(block, folded);
                    if regular > 0 {
                        in_gap = folded[regular - 1] == b' ';
                        if delta_at(i, o) != delta {
                            delta = delta_at(i, o);
                            self.breaks.push((o, base + i));
                        }
                        i += regular;
                        o += regular;
                        continue;
                    }
                }
            }
            // One character: an ASCII byte by the table, anything else by its
            // definition in `spelling`.
            let byte = src[i];
            let (piece, width): (&[u8], usize) = if byte < 0x80 {
                let folded = FOLD[byte as usize];
                encoded[0] = folded;
                (&encoded[..1], 1)
            } else {
                let c = text[base + i..].chars().next().expect("a character");
                let width = c.len_utf8();
                if is_joiner(c) {
                    encoded[0] = b' ';
                    (&encoded[..1], width)
                } else {
                    match fold_char(c) {
                        FoldedChar::Same => (&src[i..i + width], width),
                        FoldedChar::One(lower) => {
                            let len = lower.encode_utf8(&mut encoded).len();
                            (&encoded[..len], width)
                        }
                        FoldedChar::Many(many) => {
                            // Rare (`İ`): written here, then the loop goes on.
                            in_gap = false;
                            if delta_at(i, o) != delta {
                                delta = delta_at(i, o);
                                self.breaks.push((o, base + i));
                            }
                            let end = o + many.len();
                            if out.len() < end {
                                out.resize(end, 0);
                            }
                            out[o..end].copy_from_slice(many.as_bytes());
                            o = end;
                            i += width;
                            continue;
                        }
                    }
                }
            };
            if piece == b" " {
                if in_gap {
                    i += width;
                    continue;
                }
                in_gap = true;
            } else {
                in_gap = false;
            }
            if delta_at(i, o) != delta {
                delta = delta_at(i, o);
                self.breaks.push((o, base + i));
            }
            let end = o + piece.len();
            if out.len() < end {
                out.resize(end, 0);
            }
            out[o..end].copy_from_slice(piece);
            o = end;
            i += width;
        }
        if delta_at(i, o) != delta {
            self.breaks.push((o, base + i));
        }
        out.truncate(o);
    }

    /// Maps folded offsets from `at` on, in increasing order, to original ones: each in
    /// constant time, where [`Folded::original`] searches.
    pub(crate) fn mapper(&self, at: usize) -> Mapper<'_> {
        let next = self.breaks.partition_point(|&(folded, _)| folded <= at);
        Mapper {
            breaks: &self.breaks,
            next,
        }
    }

    /// The original offset just past the character that folded to the bytes before
    /// folded offset `at`: where a match ending at `at` ends in the text. Unlike
    /// [`Folded::original`], it does not run on over markup left out after the match
    /// (`` `Waitress`_ `` ends after `Waitress`).
    pub(crate) fn original_end(&self, text: &str, at: usize) -> usize {
        if at == 0 {
            return self.original(0);
        }
        let mut k = at - 1;
        while k > 0 && is_continuation(self.bytes[k]) {
            k -= 1;
        }
        let mut start = self.original(k).min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        start + text[start..].chars().next().map_or(0, char::len_utf8)
    }

    /// The original offset of folded offset `at`.
    pub(crate) fn original(&self, at: usize) -> usize {
        let k = self.breaks.partition_point(|&(folded, _)| folded <= at);
        let (folded, original) = self.breaks[k.saturating_sub(1)];
        original + (at - folded)
    }
}

/// See [`Folded::mapper`].
pub(crate) struct Mapper<'a> {
    breaks: &'a [(usize, usize)],
    /// The first break after the last offset mapped.
    next: usize,
}

impl Mapper<'_> {
    /// The original offset of folded offset `at`, which is not below the last one.
    pub(crate) fn map(&mut self, at: usize) -> usize {
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

/// Whether a byte continues a UTF-8 character.
pub(crate) fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// The offset of the character after the one starting at `at`.
pub(crate) fn next_char_start(bytes: &[u8], at: usize) -> usize {
    let mut next = at + 1;
    while next < bytes.len() && is_continuation(bytes[next]) {
        next += 1;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spelling::push_folded;
    use crate::test_support::numbers;

    /// Folding one character at a time, by the definitions in `spelling`: what the
    /// block path must agree with. Returns the folded bytes and, for each folded char
    /// start (and the end), the original offset.
    fn fold_reference(text: &str, range: Range<usize>) -> (Vec<u8>, Vec<(usize, usize)>) {
        let mut bytes = String::new();
        let mut origins = Vec::new();
        let mut in_gap = false;
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            if is_joiner(c) {
                if !in_gap {
                    origins.push((bytes.len(), at));
                    bytes.push(' ');
                }
                in_gap = true;
            } else {
                origins.push((bytes.len(), at));
                push_folded(&mut bytes, c);
                in_gap = false;
            }
        }
        origins.push((bytes.len(), range.end));
        (bytes.into_bytes(), origins)
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
            "\u{3000}",
            "’",
            "é",
            "Überweiß",
            "ÉLAN",
            "İ",
            "Ⱥ",
            "ΣΟΦΊΑ",
            "MASTER",
            "x",
            "Ab",
            "--",
            " \u{A0} ",
            "日本",
            "a b c d e f g h ",
            "0123456789",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
        ];
        let mut next = numbers(0x2545_F491_4F6C_DD1D);
        let mut folded = Folded::default();
        for _ in 0..3000 {
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
            assert_eq!(
                String::from_utf8_lossy(&folded.bytes),
                String::from_utf8_lossy(&bytes),
                "{text:?}"
            );
            for (at, origin) in origins {
                assert_eq!(folded.original(at), origin, "offset {at} of {text:?}");
            }
        }
    }
}
