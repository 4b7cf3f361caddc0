//! reStructuredText: paragraphs, titles, list items and directive bodies are prose;
//! ``inline literals``, roles' targets (``:doc:`admin/hosts` ``), `::` literal blocks,
//! doctest blocks and the bodies of code directives (`.. code-block::`, `.. code::`,
//! ...) are not. Comments (`.. text`) are comments.

use super::lines::{inline_gaps, lines, Line, Paragraph};
use super::{Gap, Region, TextKind};

/// Directives whose body is code or data.
const CODE_DIRECTIVES: &[&str] = &[
    "code-block",
    "code",
    "sourcecode",
    "literalinclude",
    "highlight",
    "math",
    "raw",
    "doctest",
    "testcode",
    "testoutput",
    "testsetup",
    "testcleanup",
    "productionlist",
    "graphviz",
    "digraph",
    "graph",
    "csv-table",
    "toctree",
    "autosummary",
    "automodule",
    "autoclass",
    "autofunction",
    "program-output",
    "command-output",
    "mermaid",
    "jupyter-execute",
    "ipython",
];

/// Field names of directive options whose value is prose.
const PROSE_OPTIONS: &[&str] = &["alt", "caption", "title"];

/// A section adornment line: one punctuation character, repeated.
fn is_adornment(line: &str) -> bool {
    let line = line.trim_end();
    let mut chars = line.chars();
    match chars.next() {
        Some(first) if first.is_ascii_punctuation() => line.len() >= 2 && chars.all(|c| c == first),
        _ => false,
    }
}

/// Grid-table borders and separators: `+---+`, `===  ===`.
fn is_table_rule(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '+' | '-' | '=' | '|' | ' ' | ':'))
}

/// The name of the directive on `line` (`.. name::`), if it is one.
fn directive(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(".. ")?;
    let end = rest.find("::")?;
    let name = &rest[..end];
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | ':' | '_')))
    .then_some(name)
}

/// The inline gaps of one line of prose.
fn prose_gaps(text: &str, line: &Line<'_>, from: usize) -> Vec<Gap> {
    let range = from..line.end();
    let mut gaps = inline_gaps(text, range.clone(), &[("``", "``")], b"");
    // Roles with their targets (`:doc:`x``, `:py:func:`f``), interpreted text
    // (`x`), and the address of a link (`text <url>`_) are left out; the text of a
    // link is prose. The emphasis markers do not split a phrase.
    let bytes = text.as_bytes();
    let mut at = range.start;
    while at < range.end {
        if gaps.iter().any(|g| g.range.contains(&at)) {
            at += 1;
            continue;
        }
        match bytes[at] {
            b':' => {
                // :role:`target`
                let rest = &text[at..range.end];
                if let Some(k) = rest[1..].find(":`") {
                    let name = &rest[1..1 + k];
                    if !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, '-' | ':' | '_' | '.'))
                    {
                        let body = at + 1 + k + 2;
                        if let Some(e) = text[body..range.end].find('`') {
                            let end = body + e + 1;
                            gaps.push(Gap {
                                range: at..end,
                                breaks: true,
                            });
                            at = end;
                            continue;
                        }
                    }
                }
            }
            b'`' => {
                let body = at + 1;
                if let Some(e) = text[body..range.end].find('`') {
                    let end = body + e + 1;
                    let inner = &text[body..body + e];
                    let trailing = &text[end..range.end];
                    if trailing.starts_with('_') {
                        // A reference: `text <url>`_ or `text`_ — the text is prose.
                        let url = inner.rfind(" <").filter(|_| inner.ends_with('>'));
                        gaps.push(Gap {
                            range: at..body,
                            breaks: false,
                        });
                        if let Some(u) = url {
                            gaps.push(Gap {
                                range: body + u..end + 1 + usize::from(trailing.starts_with("__")),
                                breaks: true,
                            });
                        } else {
                            let underscores = if trailing.starts_with("__") { 2 } else { 1 };
                            gaps.push(Gap {
                                range: end - 1..end + underscores,
                                breaks: false,
                            });
                        }
                    } else {
                        gaps.push(Gap {
                            range: at..end,
                            breaks: true,
                        });
                    }
                    at = end;
                    continue;
                }
            }
            b'*' => gaps.push(Gap {
                range: at..at + 1,
                breaks: false,
            }),
            _ => {}
        }
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    gaps.sort_by_key(|g| g.range.start);
    // Keep them disjoint.
    let mut out: Vec<Gap> = Vec::with_capacity(gaps.len());
    for gap in gaps {
        match out.last_mut() {
            Some(last) if gap.range.start < last.range.end => {
                last.range.end = last.range.end.max(gap.range.end);
                last.breaks |= gap.breaks;
            }
            _ => out.push(gap),
        }
    }
    out
}

/// The regions of a reStructuredText text.
pub(crate) fn regions(text: &str) -> Vec<Region> {
    let all = lines(text);
    let mut out = Vec::new();
    let mut paragraph = Paragraph::default();
    // The indentation a skipped block must exceed, while in one.
    let mut skipping: Option<usize> = None;
    // A paragraph ending in `::` makes the next indented block literal.
    let mut literal_next = false;
    let mut base_indent = 0;
    let mut i = 0;
    while i < all.len() {
        let line = all[i];
        i += 1;
        if line.is_blank() {
            paragraph.flush(&mut out);
            if literal_next {
                skipping = Some(base_indent);
                literal_next = false;
            }
            continue;
        }
        let indent = line.indent();
        if let Some(limit) = skipping {
            if indent > limit {
                continue;
            }
            skipping = None;
        }
        let trimmed = line.trimmed();
        if trimmed.starts_with(">>> ") || trimmed == ">>>" {
            paragraph.flush(&mut out);
            skipping = Some(indent.saturating_sub(1));
            continue;
        }
        if let Some(name) = directive(trimmed) {
            paragraph.flush(&mut out);
            let name = name.rsplit(':').next().unwrap_or(name);
            if CODE_DIRECTIVES.contains(&name) {
                skipping = Some(indent);
            } else {
                // The directive's argument (an admonition's title) is prose; a path
                // or address is not.
                let at = line.start + line.text.find("::").map_or(0, |k| k + 2);
                let argument = text[at..line.end()].trim();
                if !argument.is_empty() && argument.contains(' ') && !argument.contains('/') {
                    let start = at + text[at..line.end()].find(argument).unwrap_or(0);
                    out.push(Region::plain(
                        start..start + argument.len(),
                        TextKind::Prose,
                    ));
                }
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(".. ") {
            paragraph.flush(&mut out);
            if rest.starts_with('_') || rest.starts_with('|') {
                // A link target or a substitution definition.
                continue;
            }
            let start = line.content_start() + 3;
            let (start, kind) = match rest.strip_prefix('[') {
                // A footnote or citation: `.. [1] text`.
                Some(after) => match after.find(']') {
                    Some(k) => (start + 1 + k + 1, TextKind::Prose),
                    None => (start, TextKind::Comment),
                },
                None => (start, TextKind::Comment),
            };
            out.push(Region::plain(start..line.end(), kind));
            continue;
        }
        if let Some(field) = trimmed.strip_prefix(':') {
            // A field or a directive option: `:alt: text`, `:param x: text`.
            if let Some(k) = field
                .find(": ")
                .or_else(|| field.strip_suffix(':').map(str::len))
            {
                let name = &field[..k];
                let value_start = line.content_start() + 1 + k + 1;
                let option = !name.contains(' ');
                if option
                    && !PROSE_OPTIONS.contains(&name)
                    && !name.starts_with("param")
                    && !name.starts_with("return")
                    && !name.starts_with("raises")
                {
                    continue;
                }
                paragraph.flush(&mut out);
                let gaps = prose_gaps(text, &line, value_start);
                paragraph.add(value_start..line.end(), gaps, TextKind::Prose);
                continue;
            }
        }
        if is_adornment(trimmed) || is_table_rule(trimmed) {
            paragraph.flush(&mut out);
            continue;
        }
        let from = line.content_start();
        let gaps = prose_gaps(text, &line, from);
        paragraph.add(from..line.end(), gaps, TextKind::Prose);
        let ends_literal = trimmed.trim_end().ends_with("::");
        if ends_literal {
            literal_next = true;
            base_indent = indent;
        }
    }
    paragraph.flush(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each region with its gaps left out (breaking gaps as `|`).
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

    #[test]
    fn prose_is_kept_and_literals_are_not() {
        let text = "Hosts list\n==========\n\nThe hosts we *trust*.\n\nWrite ``x = on`` or read :doc:`admin/hosts` first.\n\nAdd these lines::\n\n    secret = 1\n    other = 2\n\nAfter the block.\n\n.. code-block:: bash\n\n   run --secret\n\n.. note:: Mind the gap\n\n   The note body.\n\nSee `the guide <https://example.org/guide>`_ now.\n\n>>> doctest_code()\n\n.. a comment\n";
        let got = shown(text);
        for want in [
            "Hosts list",
            "The hosts we trust.",
            "Write | or read | first.",
            "Add these lines::",
            "After the block.",
            "Mind the gap",
            "The note body.",
            "See the guide| now.",
            "a comment",
        ] {
            assert!(got.contains(want), "{want:?} in:\n{got}");
        }
        for not in [
            "secret",
            "other = 2",
            "run --",
            "====",
            "example.org",
            "doctest_code",
        ] {
            assert!(!got.contains(not), "{not:?} in:\n{got}");
        }
    }
}
