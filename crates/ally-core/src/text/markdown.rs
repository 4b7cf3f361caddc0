//! Markdown awareness: which byte ranges of a Markdown file are prose.
//!
//! A real CommonMark parser (pulldown-cmark) with source offsets decides: paragraphs,
//! headings, list items, table cells, block quotes, link text, link titles, image alt
//! text, front-matter values and the text between HTML tags are prose. Code blocks and
//! inline code are code (linted only when asked). Link destinations, autolinks,
//! reference definitions, HTML tags and attributes are never linted.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Whether Markdown code (fenced, indented and inline) is linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodePolicy {
    /// Code is skipped (the default).
    #[default]
    Skip,
    /// Code is linted like prose.
    Lint,
}

/// A range of a Markdown file to lint, and whether it is code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Byte range in the file.
    pub range: Range<usize>,
    /// True for code blocks and inline code.
    pub code: bool,
}

/// The ranges of `text` to lint, in order, with touching prose ranges merged (so a
/// phrase wrapped across lines is one range).
pub fn regions(text: &str, code: CodePolicy) -> Vec<Region> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST;
    let lint_code = code == CodePolicy::Lint;
    let mut found: Vec<Region> = Vec::new();
    let mut push = |range: Range<usize>, is_code: bool| {
        if !range.is_empty() {
            found.push(Region {
                range,
                code: is_code,
            });
        }
    };
    let mut in_code_block = false;
    let mut in_metadata = false;
    let mut in_autolink = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Start(
                Tag::Link {
                    link_type, title, ..
                }
                | Tag::Image {
                    link_type, title, ..
                },
            ) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    in_autolink += 1;
                } else if !title.is_empty() {
                    // The title is prose, but the parser gives no offset for it: find it
                    // at the end of the link's source.
                    if let Some(at) = text[range.clone()].rfind(&*title) {
                        push(range.start + at..range.start + at + title.len(), false);
                    }
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => in_autolink = in_autolink.saturating_sub(1),
            Event::Text(_) if in_autolink > 0 => {}
            Event::Text(_) if in_metadata => {
                for value in front_matter_values(text, range) {
                    push(value, false);
                }
            }
            Event::Text(_) if in_code_block => push_code(&mut push, range, lint_code),
            Event::Text(_) => push(range, false),
            Event::Code(_) => push_code(&mut push, range, lint_code),
            Event::Html(_) | Event::InlineHtml(_) => {
                for between in text_between_tags(text, range) {
                    push(between, false);
                }
            }
            _ => {}
        }
    }
    // A link's title is found before its text: put the ranges in order, then merge.
    found.sort_by_key(|region| region.range.start);
    let mut out: Vec<Region> = Vec::with_capacity(found.len());
    for region in found {
        if let Some(last) = out.last_mut() {
            if region.range.start < last.range.end {
                // Overlapping ranges (never expected): keep what is not covered yet.
                if region.range.end <= last.range.end {
                    continue;
                }
                if last.code == region.code {
                    last.range.end = region.range.end;
                    continue;
                }
                let rest = last.range.end..region.range.end;
                out.push(Region {
                    range: rest,
                    code: region.code,
                });
                continue;
            }
            if last.code == region.code
                && text[last.range.end..region.range.start]
                    .chars()
                    .all(char::is_whitespace)
            {
                last.range.end = region.range.end;
                continue;
            }
        }
        out.push(region);
    }
    out
}

/// Adds a code range when code is linted.
fn push_code(push: &mut impl FnMut(Range<usize>, bool), range: Range<usize>, lint_code: bool) {
    if lint_code {
        push(range, true);
    }
}

/// The value part (after `key:`) of each front-matter line in `range`.
fn front_matter_values(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let value_start = match line.find(": ") {
            Some(i) => i + 2,
            None if line.trim_start().starts_with("- ") => line.find("- ").unwrap_or(0) + 2,
            None => continue,
        };
        out.push(start + value_start..start + line.trim_end().len().max(value_start));
    }
    out
}

/// The text of an HTML chunk outside tags and comments.
fn text_between_tags(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let chunk = &text[range.clone()];
    let mut out = Vec::new();
    let mut at = 0;
    while at < chunk.len() {
        let Some(open) = chunk[at..].find('<') else {
            out.push(range.start + at..range.end);
            break;
        };
        if open > 0 {
            out.push(range.start + at..range.start + at + open);
        }
        let tag_start = at + open;
        let close = if chunk[tag_start..].starts_with("<!--") {
            chunk[tag_start..].find("-->").map(|i| tag_start + i + 3)
        } else {
            chunk[tag_start..].find('>').map(|i| tag_start + i + 1)
        };
        match close {
            Some(end) => at = end,
            None => break,
        }
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linted(text: &str, code: CodePolicy) -> Vec<&str> {
        regions(text, code)
            .into_iter()
            .map(|r| &text[r.range])
            .collect()
    }

    #[test]
    fn prose_is_linted_code_and_destinations_are_not() {
        let text = "# Title word\n\nSee [link text](dest/url.md \"a title\") and `code`.\n\n```\nblock\n```\n\n<https://auto.link/x>\n\n<p>html text</p>\n\n[ref]: ref/dest.md\n";
        let got = linted(text, CodePolicy::Skip).join("|");
        for want in ["Title word", "link text", "a title", "html text"] {
            assert!(got.contains(want), "{want} in {got}");
        }
        for not in ["dest/url", "code", "block", "auto.link", "<p>", "ref/dest"] {
            assert!(!got.contains(not), "{not} in {got}");
        }
        let got = linted(text, CodePolicy::Lint).join("|");
        assert!(got.contains("`code`") && got.contains("block"), "{got}");
    }

    #[test]
    fn wrapped_lines_are_one_region() {
        let text = "a white\nlist here\n";
        assert_eq!(linted(text, CodePolicy::Skip), vec!["a white\nlist here"]);
    }

    #[test]
    fn front_matter_values_are_prose() {
        let text = "---\ntitle: The whitelist\nwhitelist_key: x\n---\n\nBody.\n";
        let got = linted(text, CodePolicy::Skip);
        assert!(got.contains(&"The whitelist"), "{got:?}");
        assert!(!got.iter().any(|r| r.contains("whitelist_key")), "{got:?}");
    }
}
