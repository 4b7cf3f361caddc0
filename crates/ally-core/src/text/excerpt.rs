//! The lines a report shows around a finding: the matched text with a window of
//! context on each side, clipped at a few dozen characters, so that a finding in a
//! megabyte-long line (a minified file) shows a line's worth of text, not the megabyte.
//! Excerpts are cut while the file's text is at hand; the text itself is not kept.
//! Lines end where [`LineIndex`](super::LineIndex) says they do.

use std::ops::Range;

use super::is_line_break;

/// Characters of context shown on each side of the matched text.
pub const CONTEXT: usize = 60;
/// The matched text of one line is shortened in the middle past this many characters.
const MARKED_LIMIT: usize = 120;
/// A match over more lines than this shows its first and last lines only.
const LINE_LIMIT: usize = 4;

/// One line of an excerpt: the text before the match, the matched part and the text
/// after it. Only the first line has text before; only the last has text after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcerptLine {
    /// The 1-based line number; None for the line that stands for elided ones.
    pub number: Option<usize>,
    /// Context before the match.
    pub before: String,
    /// The matched text on this line.
    pub marked: String,
    /// Context after the match.
    pub after: String,
    /// Whether the line goes on before `before` (shown as `…`).
    pub clipped_left: bool,
    /// Whether the line goes on after `after` (shown as `…`).
    pub clipped_right: bool,
}

/// The lines around one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The lines, in order.
    pub lines: Vec<ExcerptLine>,
}

/// Up to `limit` characters ending at `end`, stopping at a line break: (start, clipped).
fn context_before(text: &str, end: usize, limit: usize) -> (usize, bool) {
    let mut start = end;
    for (taken, (i, c)) in text[..end].char_indices().rev().enumerate() {
        if is_line_break(c) {
            return (start, false);
        }
        if taken == limit {
            return (start, true);
        }
        start = i;
    }
    (start, false)
}

/// Up to `limit` characters starting at `start`, stopping at a line break: (end, clipped).
fn context_after(text: &str, start: usize, limit: usize) -> (usize, bool) {
    let mut end = start;
    for (taken, (i, c)) in text[start..].char_indices().enumerate() {
        if is_line_break(c) {
            return (end, false);
        }
        if taken == limit {
            return (end, true);
        }
        end = start + i + c.len_utf8();
    }
    (end, false)
}

/// `piece` shortened in the middle when it is longer than the limit.
fn shortened(piece: &str) -> String {
    let count = piece.chars().count();
    if count <= MARKED_LIMIT {
        return piece.to_owned();
    }
    let half = MARKED_LIMIT / 2;
    let head: String = piece.chars().take(half).collect();
    let tail: String = piece.chars().skip(count - half).collect();
    format!("{head}…{tail}")
}

/// The pieces of `text[range]` between line breaks (`\n`, `\r\n`, `\r`).
fn line_pieces(text: &str, range: Range<usize>) -> Vec<&str> {
    let piece = &text[range];
    let mut out = Vec::new();
    let mut rest = piece;
    while let Some(i) = rest.find(is_line_break) {
        out.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    out.push(rest);
    out
}

impl Excerpt {
    /// The excerpt for `text[start..end]`, which starts on line `line` (1-based).
    pub fn new(text: &str, start: usize, end: usize, line: usize) -> Excerpt {
        let (before_start, clipped_left) = context_before(text, start, CONTEXT);
        let (after_end, clipped_right) = context_after(text, end, CONTEXT);
        let pieces = line_pieces(text, start..end);
        let last = pieces.len() - 1;
        let mut lines: Vec<ExcerptLine> = pieces
            .iter()
            .enumerate()
            .map(|(k, piece)| ExcerptLine {
                number: Some(line + k),
                before: if k == 0 {
                    text[before_start..start].to_owned()
                } else {
                    String::new()
                },
                marked: shortened(piece),
                after: if k == last {
                    text[end..after_end].to_owned()
                } else {
                    String::new()
                },
                clipped_left: k == 0 && clipped_left,
                clipped_right: k == last && clipped_right,
            })
            .collect();
        if lines.len() > LINE_LIMIT {
            let tail = lines.split_off(lines.len() - 1);
            lines.truncate(1);
            lines.push(ExcerptLine {
                number: None,
                before: String::new(),
                marked: String::new(),
                after: String::new(),
                clipped_left: false,
                clipped_right: false,
            });
            lines.extend(tail);
        }
        Excerpt { lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(text: &str, term: &str) -> ExcerptLine {
        let start = text.find(term).unwrap();
        let excerpt = Excerpt::new(text, start, start + term.len(), 1);
        assert_eq!(excerpt.lines.len(), 1);
        excerpt.lines.into_iter().next().unwrap()
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = one_line("first\nthe whitelist; the rest\r\nnext", "whitelist");
        assert_eq!(
            (
                line.before.as_str(),
                line.marked.as_str(),
                line.after.as_str()
            ),
            ("the ", "whitelist", "; the rest")
        );
        assert!(!line.clipped_left && !line.clipped_right);
    }

    #[test]
    fn a_long_line_is_clipped_to_a_window() {
        let text = format!("{}whitelist{}", "é".repeat(5000), "x".repeat(5000));
        let line = one_line(&text, "whitelist");
        assert_eq!(line.before.chars().count(), CONTEXT);
        assert_eq!(line.after.chars().count(), CONTEXT);
        assert!(line.clipped_left && line.clipped_right);
    }

    #[test]
    fn a_wrapped_match_shows_each_line() {
        let text = "a white\r\nlist b\rc";
        let start = text.find("white").unwrap();
        let end = text.find(" b").unwrap();
        let excerpt = Excerpt::new(text, start, end, 3);
        let shown: Vec<(Option<usize>, &str, &str, &str)> = excerpt
            .lines
            .iter()
            .map(|l| (l.number, &*l.before, &*l.marked, &*l.after))
            .collect();
        assert_eq!(
            shown,
            vec![(Some(3), "a ", "white", ""), (Some(4), "", "list", " b")]
        );
    }

    #[test]
    fn a_match_over_many_lines_is_elided() {
        let text = format!("white{}list", "\n".repeat(100));
        let excerpt = Excerpt::new(&text, 0, text.len(), 1);
        let numbers: Vec<Option<usize>> = excerpt.lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![Some(1), None, Some(101)]);
        let long = format!("white{}list", "-".repeat(10_000));
        let excerpt = Excerpt::new(&long, 0, long.len(), 1);
        assert!(excerpt.lines[0].marked.chars().count() <= MARKED_LIMIT + 1);
    }
}
