//! Lines and columns: the one definition of where lines end (`\n`, `\r\n` or a lone
//! `\r`) and how columns count (characters, UTF-16 code units, bytes), used for
//! findings, suppression markers, excerpts and error messages alike.

use serde::Serialize;

/// A place in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters (Unicode scalar values).
    pub column: usize,
    /// 0-based byte offset into the UTF-8 text.
    pub offset: usize,
    /// 1-based column in UTF-16 code units, as editors count.
    pub column_utf16: usize,
}

impl Position {
    /// 1-based column in bytes.
    pub fn column_bytes(&self, line_start: usize) -> usize {
        self.offset - line_start + 1
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

/// The lines of a text, found as far as they are asked for: a file with no finding
/// costs nothing, and one with findings near its top is not read to its end.
///
/// Columns are counted from the last position asked for when it is on the same line,
/// so many findings on one long line (a minified file) cost the line's length once.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// The offset where each line found so far starts.
    starts: Vec<usize>,
    /// Line breaks are known up to here.
    scanned_to: usize,
    /// The last position asked for: (offset, 0-based line, column, UTF-16 column),
    /// columns 0-based.
    cursor: Option<(usize, usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// The index of `text`'s lines (none found yet).
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: vec![0],
            scanned_to: 0,
            cursor: None,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Finds line breaks until the line holding `offset` is known to be complete.
    fn scan_to(&mut self, offset: usize) {
        let bytes = self.text.as_bytes();
        while self.scanned_to <= offset && self.scanned_to < bytes.len() {
            match memchr::memchr2(b'\n', b'\r', &bytes[self.scanned_to..]) {
                None => self.scanned_to = bytes.len(),
                Some(i) => {
                    let at = self.scanned_to + i;
                    let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                        at + 2
                    } else {
                        at + 1
                    };
                    self.starts.push(next);
                    self.scanned_to = next;
                }
            }
        }
    }

    /// The 0-based line of `offset`.
    fn line_index(&mut self, offset: usize) -> usize {
        self.scan_to(offset);
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&mut self, offset: usize) -> usize {
        self.line_index(offset.min(self.text.len())) + 1
    }

    /// The byte range of 1-based `line`, its line break included; an empty range at
    /// the end of the text past the last line.
    pub fn line_span(&mut self, line: usize) -> std::ops::Range<usize> {
        let len = self.text.len();
        // Find breaks until the line after `line` starts, or the text ends.
        while self.starts.len() <= line && self.scanned_to < len {
            self.scan_to(self.scanned_to);
        }
        match self.starts.get(line - 1) {
            Some(&start) if start <= len => {
                let end = self.starts.get(line).copied().unwrap_or(len);
                start..end
            }
            _ => len..len,
        }
    }

    /// The offset where the line holding `offset` starts.
    pub fn line_start(&mut self, offset: usize) -> usize {
        let line = self.line_index(offset.min(self.text.len()));
        self.starts[line]
    }

    /// The position of byte `offset` (clamped to the text, and to a character
    /// boundary at or before it).
    pub fn position(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index(offset);
        let line_start = self.starts[line];
        let (column, utf16) = match self.cursor {
            Some((at, on, column, utf16)) if on == line && at <= offset => {
                let (chars, units) = widths(&self.text[at..offset]);
                (column + chars, utf16 + units)
            }
            Some((at, on, column, utf16)) if on == line && offset - line_start > at - offset => {
                let (chars, units) = widths(&self.text[offset..at]);
                (column - chars, utf16 - units)
            }
            _ => widths(&self.text[line_start..offset]),
        };
        self.cursor = Some((offset, line, column, utf16));
        Position {
            line: line + 1,
            column: column + 1,
            offset,
            column_utf16: utf16 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::numbers;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rdé x";
        let mut index = LineIndex::new(text);
        let lines: Vec<(usize, usize)> = ["a", "b", "c", "x"]
            .iter()
            .map(|s| {
                let p = index.position(text.rfind(s).unwrap());
                (p.line, p.column)
            })
            .collect();
        assert_eq!(lines, vec![(1, 1), (2, 1), (3, 1), (4, 4)]);
        // The \n of a \r\n pair is on the line the pair ends.
        assert_eq!(index.position(text.find("\r\n").unwrap() + 1).line, 2);
    }

    #[test]
    fn columns_in_characters_utf16_units_and_bytes() {
        let text = "🎉 é x";
        let mut index = LineIndex::new(text);
        let p = index.position(text.find('x').unwrap());
        assert_eq!((p.column, p.column_utf16), (5, 6));
        assert_eq!(p.column_bytes(index.line_start(p.offset)), 9);
    }

    #[test]
    fn line_spans_include_their_break() {
        let text = "one\r\ntwo\rthree\nfour";
        let mut index = LineIndex::new(text);
        let spans: Vec<&str> = (1..=5).map(|l| &text[index.line_span(l)]).collect();
        assert_eq!(spans, ["one\r\n", "two\r", "three\n", "four", ""]);
        assert_eq!(index.line_of(text.len()), 4);
    }

    /// Any order of offsets gives the positions counting from the top gives.
    #[test]
    fn any_order_of_offsets_agrees_with_counting_from_the_top() {
        let text = "ab é\r\ncd\r😀 x\n\nyz é\r";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let fresh = |at| LineIndex::new(text).position(at);
        let mut next = numbers(0x2545_F491_4F6C_DD1D);
        let mut index = LineIndex::new(text);
        for _ in 0..3000 {
            let at = offsets[next(offsets.len())];
            assert_eq!(index.position(at), fresh(at), "offset {at}");
        }
        // Counted from the top, the old way.
        for &at in &offsets {
            let head = &text[..at];
            let mut line = 1;
            let mut line_start = 0;
            let bytes = head.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'\n'
                    || (bytes[i] == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
                {
                    line += 1;
                    line_start = i + 1;
                }
                i += 1;
            }
            let p = fresh(at);
            assert_eq!(
                (p.line, p.column),
                (line, head[line_start..].chars().count() + 1),
                "offset {at}"
            );
        }
    }
}
