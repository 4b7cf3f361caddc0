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

    /// The position of byte `offset`. Offsets should not decrease between calls; if one
    /// does, counting restarts from the top.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.counted_to {
            *self = Self::new(self.text);
        }
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
        let (mut from, mut column, mut utf16) = self.column_at;
        if from < self.line_start {
            (from, column, utf16) = (self.line_start, 0, 0);
        }
        let piece = &self.text[from..offset];
        if piece.is_ascii() {
            column += piece.len();
            utf16 += piece.len();
        } else {
            column += piece.chars().count();
            utf16 += piece.chars().map(char::len_utf16).sum::<usize>();
        }
        self.column_at = (offset, column, utf16);
        Position {
            line: self.line,
            column: column + 1,
            offset,
            utf16_column: utf16,
        }
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

    #[test]
    fn going_back_restarts() {
        let text = "a\nb\nc";
        let mut counter = LineCounter::new(text);
        assert_eq!(counter.position(4).line, 3);
        assert_eq!(counter.position(2).line, 2);
    }
}
