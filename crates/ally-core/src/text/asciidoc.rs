//! AsciiDoc: titles, paragraphs, list items, tables and the text of quote, example and
//! sidebar blocks are prose; `literal` and +literal+ monospace, `----` listing and
//! `....` literal blocks, `++++` passthroughs, indented literal paragraphs and what a
//! `[source]` (or `[listing]`, `[literal]`) attribute marks are not. `//` lines and
//! `////` blocks are comments.

use super::lines::{lines, Line, Paragraph};
use super::{Gap, Region, TextKind};

/// A delimiter line: four or more of one character (`----`, `....`, `////`).
fn delimiter(line: &str) -> Option<char> {
    let t = line.trim_end();
    let first = t.chars().next()?;
    (t.len() >= 4
        && matches!(first, '-' | '.' | '/' | '+' | '=' | '*' | '_' | '`')
        && t.chars().all(|c| c == first))
    .then_some(first)
}

/// The inline gaps of one line of prose: `monospace` and +passthrough+ spans are left
/// out; the address of a link macro is; emphasis markers do not split a phrase.
fn prose_gaps(text: &str, line: &Line<'_>, from: usize) -> Vec<Gap> {
    let end = line.end();
    let bytes = text.as_bytes();
    let mut gaps = Vec::new();
    let mut at = from;
    // The `]` that closes a link macro's text, when the scan reaches it.
    let mut closing: Option<usize> = None;
    while at < end {
        if closing == Some(at) {
            closing = None;
            gaps.push(Gap {
                range: at..at + 1,
                breaks: false,
            });
            at += 1;
            continue;
        }
        let rest = &text[at..end];
        let byte = bytes[at];
        let word_start = at == from || !bytes[at - 1].is_ascii_alphanumeric();
        if (byte == b'`' || byte == b'+') && word_start {
            let quote = byte as char;
            let body = at + 1;
            if let Some(k) = text[body..end].find(quote) {
                let close = body + k + 1;
                gaps.push(Gap {
                    range: at..close,
                    breaks: true,
                });
                at = close;
                continue;
            }
        }
        if rest.starts_with("pass:[") || rest.starts_with("kbd:[") {
            if let Some(k) = rest.find(']') {
                gaps.push(Gap {
                    range: at..at + k + 1,
                    breaks: true,
                });
                at += k + 1;
                continue;
            }
        }
        if word_start {
            // link:target[text], https://host/path[text], image:file[alt], xref:id[text]
            let scheme = [
                "link:",
                "image:",
                "xref:",
                "https://",
                "http://",
                "mailto:",
                "include::",
            ]
            .iter()
            .find(|s| rest.starts_with(**s));
            if let Some(scheme) = scheme {
                let target_end = rest
                    .find(|c: char| c == '[' || c.is_whitespace())
                    .unwrap_or(rest.len());
                if rest[target_end..].starts_with('[') {
                    gaps.push(Gap {
                        range: at..at + target_end + 1,
                        breaks: false,
                    });
                    if let Some(k) = rest[target_end..].find(']') {
                        closing = Some(at + target_end + k);
                    }
                    at += target_end + 1;
                    continue;
                } else if !scheme.ends_with(':') || scheme.starts_with("http") {
                    gaps.push(Gap {
                        range: at..at + target_end,
                        breaks: true,
                    });
                }
                at += target_end.max(1);
                continue;
            }
        }
        if byte == b'{' {
            if let Some(k) = rest.find('}') {
                gaps.push(Gap {
                    range: at..at + k + 1,
                    breaks: true,
                });
                at += k + 1;
                continue;
            }
        }
        if matches!(byte, b'*' | b'_' | b'#') {
            gaps.push(Gap {
                range: at..at + 1,
                breaks: false,
            });
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    // A span that runs over the link's `]` (`kbd:[x]` inside link text) took it in.
    gaps.sort_by_key(|gap| gap.range.start);
    let mut merged: Vec<Gap> = Vec::with_capacity(gaps.len());
    for gap in gaps {
        match merged.last_mut() {
            Some(last) if gap.range.start < last.range.end => {
                last.range.end = last.range.end.max(gap.range.end);
                last.breaks |= gap.breaks;
            }
            _ => merged.push(gap),
        }
    }
    merged
}

/// The regions of an AsciiDoc text.
pub(crate) fn regions(text: &str) -> Vec<Region> {
    let all = lines(text);
    let mut out = Vec::new();
    let mut paragraph = Paragraph::default();
    // Inside a delimited block: its delimiter, and whether its content is skipped
    // (listing, literal, passthrough) or a comment.
    let mut block: Option<(String, Option<TextKind>)> = None;
    // A `[source]`-like attribute line marks the next block or paragraph as code.
    let mut code_next = false;
    // Inside a paragraph that is code.
    let mut code_paragraph = false;
    // The lines of the paragraph being gathered, and the width of its last line: a
    // one-line paragraph followed by a line of `=`, `-`, `~`, `^` or `+` about as
    // wide is a two-line section title, not a block's fence.
    let mut paragraph_lines = 0usize;
    let mut last_width = 0usize;
    for line in all {
        let trimmed_end = line.text.trim_end();
        if let Some((delim, kind)) = &block {
            if trimmed_end == delim {
                block = None;
                continue;
            }
            if let Some(kind) = kind {
                out.push(Region::plain(line.range(), *kind));
            }
            continue;
        }
        if line.is_blank() {
            paragraph.flush(&mut out);
            code_paragraph = false;
            paragraph_lines = 0;
            continue;
        }
        if code_paragraph {
            continue;
        }
        let underline = trimmed_end
            .chars()
            .next()
            .is_some_and(|c| "=-~^+".contains(c))
            && trimmed_end
                .chars()
                .all(|c| c == trimmed_end.chars().next().unwrap_or(' '))
            && paragraph_lines == 1
            && trimmed_end.chars().count().abs_diff(last_width) <= 2;
        if underline {
            paragraph.flush(&mut out);
            paragraph_lines = 0;
            continue;
        }
        if let Some(c) = delimiter(trimmed_end) {
            paragraph.flush(&mut out);
            paragraph_lines = 0;
            let kind = match c {
                '-' | '.' | '+' | '`' => None,
                '/' => Some(TextKind::Comment),
                _ => {
                    // Quote, example, sidebar, open blocks: their content is prose,
                    // unless an attribute marked it as code.
                    if code_next {
                        code_next = false;
                        block = Some((trimmed_end.to_owned(), None));
                    }
                    continue;
                }
            };
            code_next = false;
            block = Some((trimmed_end.to_owned(), kind));
            continue;
        }
        let trimmed = line.trimmed();
        if trimmed.starts_with("//") {
            paragraph.flush(&mut out);
            out.push(Region::plain(
                line.content_start() + 2..line.end(),
                TextKind::Comment,
            ));
            continue;
        }
        if trimmed.starts_with('[') && trimmed_end.ends_with(']') {
            paragraph.flush(&mut out);
            let inner = &trimmed[1..];
            let style = inner.split([',', ']']).next().unwrap_or("").trim();
            code_next = matches!(
                style,
                "source" | "listing" | "literal" | "pass" | "stem" | "latexmath" | "asciimath"
            ) || style.starts_with("source");
            continue;
        }
        if code_next {
            // The paragraph an attribute line marked as code.
            paragraph.flush(&mut out);
            code_next = false;
            code_paragraph = true;
            continue;
        }
        if trimmed.starts_with(':') && trimmed[1..].contains(": ")
            || (trimmed.starts_with(':') && trimmed_end.ends_with(':'))
        {
            // An attribute entry.
            paragraph.flush(&mut out);
            continue;
        }
        if line.indent() > 0 && paragraph.is_empty() && !trimmed.starts_with(['*', '-', '.']) {
            // A literal paragraph: indented, not a list item.
            code_paragraph = true;
            continue;
        }
        if trimmed.starts_with("image::")
            || trimmed.starts_with("include::")
            || trimmed.starts_with("ifdef::")
            || trimmed.starts_with("endif::")
            || trimmed.starts_with("ifndef::")
            || trimmed.starts_with("toc::")
        {
            paragraph.flush(&mut out);
            if let (Some(open), true) = (trimmed.find('['), trimmed.starts_with("image::")) {
                let start = line.content_start() + open + 1;
                let end = line.content_start() + trimmed.rfind(']').unwrap_or(trimmed.len());
                if start < end {
                    out.push(Region::plain(start..end, TextKind::Prose));
                }
            }
            continue;
        }
        // Title markers, list markers and table cells' bars are not words.
        let mut from = line.content_start();
        let marker = trimmed
            .find(|c: char| !matches!(c, '=' | '#' | '*' | '-' | '.' | '|'))
            .unwrap_or(trimmed.len());
        if marker > 0 && trimmed[marker..].starts_with(' ') {
            from += marker;
        }
        let gaps = prose_gaps(text, &line, from);
        paragraph.add(from..line.end(), gaps, TextKind::Prose);
        paragraph_lines += 1;
        last_width = line.text.trim().chars().count();
    }
    paragraph.flush(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        regions(text)
            .iter()
            .map(|region| {
                let mut out = String::new();
                let mut at = region.range.start;
                for gap in &region.gaps {
                    out.push_str(&text[at..gap.range.start.max(at)]);
                    if gap.breaks {
                        out.push('|');
                    }
                    at = gap.range.end.max(at);
                }
                out.push_str(&text[at.min(region.range.end)..region.range.end]);
                out
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Found by fuzzing: a `kbd:[...]` inside a link's text made gaps out of order.
    #[test]
    fn gaps_stay_in_order_inside_link_text() {
        let text = "See https://example.org/docs[the kbd:[Ctrl] keys] and link:x[y].\n";
        for region in regions(text) {
            let mut at = region.range.start;
            for gap in &region.gaps {
                assert!(
                    gap.range.start >= at && gap.range.end <= region.range.end,
                    "{region:?}"
                );
                at = gap.range.end;
            }
        }
        assert!(shown(text).contains("the | keys"), "{}", shown(text));
    }

    #[test]
    fn two_line_titles_are_not_fences() {
        let text = "NAME\n----\ngit-push - Update remote refs\n\nSYNOPSIS\n--------\nThe master branch moves.\n\n----\ngit push origin master\n----\n\nAfter the block.\n";
        let got = shown(text);
        for want in [
            "NAME",
            "git-push - Update remote refs",
            "SYNOPSIS",
            "The master branch moves.",
            "After the block.",
        ] {
            assert!(got.contains(want), "{want:?} in:\n{got}");
        }
        assert!(!got.contains("git push origin"), "{got}");
    }

    #[test]
    fn prose_is_kept_and_literals_are_not() {
        let text = "= Hosts list\n:toc: left\n\nThe hosts we *trust*.\n\nWrite `x = on` or pass +--secret+ to it.\n\n----\nsecret = 1\n----\n\n....\nliteral = 2\n....\n\n[source,sh]\n----\nrun --secret\n----\n\n[source,python]\nhosts = load_secret()\n\n// a comment line\n\nSee link:https://example.org[the guide] now.\n\n  indented literal\n\n* A list item.\n\nAfter the blocks.\n";
        let got = shown(text);
        for want in [
            "Hosts list",
            "The hosts we trust.",
            "Write | or pass | to it.",
            "a comment line",
            "See the guide now.",
            "A list item.",
            "After the blocks.",
        ] {
            assert!(got.contains(want), "{want:?} in:\n{got}");
        }
        for not in [
            "secret",
            "literal = 2",
            "load_",
            "toc",
            "indented",
            "example.org",
        ] {
            assert!(!got.contains(not), "{not:?} in:\n{got}");
        }
    }
}
