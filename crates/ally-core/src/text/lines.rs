//! Helpers for the line-based markup formats (reStructuredText, AsciiDoc): lines with
//! their offsets, and paragraphs built into regions.

use std::ops::Range;

use super::{Gap, Region, TextKind};

/// One line of a text: its range without the line break, and its indentation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The line's text, without its break.
    pub(crate) text: &'a str,
    /// Where it starts.
    pub(crate) start: usize,
}

impl<'a> Line<'a> {
    pub(crate) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end()
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The indentation in columns (a tab counts as eight).
    pub(crate) fn indent(&self) -> usize {
        let mut width = 0;
        for c in self.text.chars() {
            match c {
                ' ' => width += 1,
                '\t' => width += 8 - width % 8,
                _ => break,
            }
        }
        width
    }

    /// The line without its leading white space.
    pub(crate) fn trimmed(&self) -> &'a str {
        self.text.trim_start()
    }

    /// Where the trimmed text starts.
    pub(crate) fn content_start(&self) -> usize {
        self.start + (self.text.len() - self.text.trim_start().len())
    }
}

/// The lines of `text` (ending at `\n`, `\r\n` or a lone `\r`).
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                out.push(Line {
                    text: &text[start..at],
                    start,
                });
                at += 1;
                start = at;
            }
            b'\r' => {
                out.push(Line {
                    text: &text[start..at],
                    start,
                });
                at += if bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = at;
            }
            _ => at += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line {
            text: &text[start..],
            start,
        });
    }
    out
}

/// A paragraph being gathered: its lines' text ranges and the gaps inside them.
#[derive(Debug, Default)]
pub(crate) struct Paragraph {
    range: Option<Range<usize>>,
    gaps: Vec<Gap>,
    kind: Option<TextKind>,
}

impl Paragraph {
    /// Adds a stretch of text (the content of one line), with its inline gaps.
    pub(crate) fn add(&mut self, range: Range<usize>, gaps: Vec<Gap>, kind: TextKind) {
        if range.is_empty() {
            return;
        }
        if self.kind.is_some_and(|k| k != kind) {
            // A change of kind ends the paragraph; the caller flushes first.
            debug_assert!(false, "flush before changing kind");
        }
        self.kind = Some(kind);
        match &mut self.range {
            Some(current) => current.end = range.end,
            None => self.range = Some(range),
        }
        self.gaps.extend(gaps);
    }

    /// Whether no text has been added since the last flush.
    pub(crate) fn is_empty(&self) -> bool {
        self.range.is_none()
    }

    /// Ends the paragraph: its region, if it has text.
    pub(crate) fn flush(&mut self, out: &mut Vec<Region>) {
        if let (Some(range), Some(kind)) = (self.range.take(), self.kind.take()) {
            out.push(Region {
                range,
                kind,
                gaps: std::mem::take(&mut self.gaps),
            });
        }
        self.gaps.clear();
    }
}

/// Inline spans `open … close` in `text[range]` that are left out (code, roles), as
/// breaking gaps; and single-character markers (`*`, `_`) as transparent ones, when
/// `markers` holds them.
pub(crate) fn inline_gaps(
    text: &str,
    range: Range<usize>,
    spans: &[(&str, &str)],
    markers: &[u8],
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut at = range.start;
    let bytes = text.as_bytes();
    while at < range.end {
        let rest = &text[at..range.end];
        if let Some((open, close)) = spans.iter().find(|(open, _)| rest.starts_with(open)) {
            let body = at + open.len();
            if let Some(k) = text[body..range.end].find(close) {
                let end = body + k + close.len();
                gaps.push(Gap {
                    range: at..end,
                    breaks: true,
                });
                at = end;
                continue;
            }
        }
        if markers.contains(&bytes[at]) {
            gaps.push(Gap {
                range: at..at + 1,
                breaks: false,
            });
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_every_kind_of_break() {
        let text = "a\r\nb\rc\n\nd";
        let got: Vec<(&str, usize)> = lines(text).iter().map(|l| (l.text, l.start)).collect();
        assert_eq!(got, [("a", 0), ("b", 3), ("c", 5), ("", 7), ("d", 8)]);
    }

    #[test]
    fn inline_spans_break_and_markers_do_not() {
        let text = "a ``code`` and *em* :doc:`x`";
        let gaps = inline_gaps(text, 0..text.len(), &[("``", "``")], b"*");
        let shown: Vec<(&str, bool)> = gaps
            .iter()
            .map(|g| (&text[g.range.clone()], g.breaks))
            .collect();
        assert_eq!(shown, [("``code``", true), ("*", false), ("*", false)]);
    }
}
