//! Byte offsets to lines and columns, computed only where there are findings.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. Columns count Unicode scalar values; the
//! UTF-16 column (for editors) counts UTF-16 code units.

use serde::Serialize;

/// A place in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// 0-based byte offset into the UTF-8 text.
    pub offset: usize,
    /// 0-based column in UTF-16 code units, as editors count.
    #[serde(skip)]
    pub utf16_column: usize,
}

/// Converts increasing offsets to positions, counting line breaks only between them.
#[derive(Debug)]
pub struct LineCounter<'a> {
    text: &'a str,
    /// Offset up to which lines have been counted.
    counted_to: usize,
    /// Line number at `counted_to`.
    line: usize,
    /// Offset where that line starts.
    line_start: usize,
    /// The last offset whose column was counted, on the current line, and its column
    /// in characters and in UTF-16 units (0-based), so that several findings on one
    /// long line do not count it from the start each time.
    column_at: (usize, usize, usize),
}

impl<'a> LineCounter<'a> {
    /// A counter at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            counted_to: 0,
            line: 1,
            line_start: 0,
            column_at: (0, 0, 0),
        }
    }

    /// The position of byte `offset`. Offsets are expected to increase between calls;
    /// one that goes back on the same line is counted back from the last one, and one
    /// that goes back to an earlier line restarts counting from the top.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.line_start {
            *self = Self::new(self.text);
        }
        if offset > self.counted_to {
            self.count_lines_to(offset);
        }
        // `offset` is now on the line that starts at `line_start`.
        let (from, column, utf16) = self.column_at;
        let (column, utf16) = if from < self.line_start {
            let (chars, units) = widths(&self.text[self.line_start..offset]);
            (chars, units)
        } else if from <= offset {
            let (chars, units) = widths(&self.text[from..offset]);
            (column + chars, utf16 + units)
        } else {
            let (chars, units) = widths(&self.text[offset..from]);
            (column - chars, utf16 - units)
        };
        self.column_at = (offset, column, utf16);
        Position {
            line: self.line,
            column: column + 1,
            offset,
            utf16_column: utf16,
        }
    }

    /// Counts the line breaks between `counted_to` and `offset`.
    fn count_lines_to(&mut self, offset: usize) {
        let bytes = self.text.as_bytes();
        let mut at = self.counted_to;
        while let Some(i) = memchr::memchr2(b'\n', b'\r', &bytes[at..offset]) {
            let i = at + i;
            let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                if i + 1 >= offset {
                    // The \r of a \r\n pair right before the offset: the line ends after
                    // the \n, which is at or past the offset; the offset is on this line.
                    break;
                }
                i + 2
            } else {
                i + 1
            };
            self.line += 1;
            self.line_start = next;
            at = next;
        }
        self.counted_to = offset;
    }
}

/// The width of a piece of text in characters and in UTF-16 code units.
fn widths(piece: &str) -> (usize, usize) {
    if piece.is_ascii() {
        (piece.len(), piece.len())
    } else {
        (
            piece.chars().count(),
            piece.chars().map(char::len_utf16).sum::<usize>(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rdé x";
        let mut counter = LineCounter::new(text);
        let lines: Vec<(usize, usize)> = ["a", "b", "c", "x"]
            .iter()
            .map(|s| {
                let p = counter.position(text.rfind(s).unwrap());
                (p.line, p.column)
            })
            .collect();
        assert_eq!(lines, vec![(1, 1), (2, 1), (3, 1), (4, 4)]);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "🎉 x";
        let p = LineCounter::new(text).position(text.find('x').unwrap());
        assert_eq!((p.column, p.utf16_column), (3, 3));
    }

    #[test]
    fn columns_count_on_from_the_last_position_on_a_line() {
        let text = "é a é b\n😀 c\r\nd";
        let mut counter = LineCounter::new(text);
        let got: Vec<(usize, usize, usize)> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| {
                let p = counter.position(text.find(s).unwrap());
                (p.line, p.column, p.utf16_column)
            })
            .collect();
        assert_eq!(got, vec![(1, 3, 2), (1, 7, 6), (2, 3, 3), (3, 1, 0)]);
    }

    /// Any order of offsets gives the positions counting from the top gives.
    #[test]
    fn any_order_of_offsets_agrees_with_counting_from_the_top() {
        let text = "ab é\r\ncd\r😀 x\n\nyz é";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let fresh = |at| LineCounter::new(text).position(at);
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut counter = LineCounter::new(text);
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = offsets[(seed % offsets.len() as u64) as usize];
            assert_eq!(counter.position(at), fresh(at), "offset {at}");
        }
    }

    #[test]
    fn going_back_restarts() {
        let text = "a\nb\nc";
        let mut counter = LineCounter::new(text);
        assert_eq!(counter.position(4).line, 3);
        assert_eq!(counter.position(2).line, 2);
    }
}
