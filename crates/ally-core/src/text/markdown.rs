//! Markdown: which parts of a Markdown file are prose, block by block.
//!
//! A CommonMark parser (pulldown-cmark) with source offsets decides: paragraphs,
//! headings, list items, table cells, block quotes, link text, link titles, image alt
//! text, front-matter values and the text of HTML (by [`super::html`]) are prose. Code
//! blocks and inline code are code (checked only when asked). Link destinations,
//! autolinks, reference definitions, HTML tags and most attributes never are.
//!
//! Each block is one region, and the markup inside it (emphasis, a link's brackets and
//! address, inline HTML tags) is a transparent gap: `*wheelchair*-*bound*` and
//! `[master's](…) degree` read as the phrases they are. Inline code breaks a phrase.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::html;
use super::{Gap, Region, TextKind};

/// Whether Markdown code (fenced, indented and inline) is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodePolicy {
    /// Code is skipped (the default).
    #[default]
    Skip,
    /// Code is checked, as code.
    Lint,
}

/// What a Markdown file holds besides its regions.
#[derive(Debug, Default)]
pub(crate) struct Markdown {
    pub(crate) regions: Vec<Region>,
    /// The language the front matter names (`lang:` or `language:`).
    pub(crate) lang: Option<String>,
    /// The text of each link and image, with its destination.
    pub(crate) links: Vec<(Range<usize>, String)>,
}

/// The block being gathered: its text pieces, with the gaps between them.
#[derive(Default)]
struct Block {
    range: Option<Range<usize>>,
    gaps: Vec<Gap>,
    /// Something that breaks a phrase came since the last piece.
    break_pending: bool,
}

impl Block {
    fn text(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        match &mut self.range {
            None => self.range = Some(range),
            Some(current) => {
                if current.end < range.start {
                    self.gaps.push(Gap {
                        range: current.end..range.start,
                        breaks: self.break_pending,
                    });
                } else if self.break_pending {
                    self.gaps.push(Gap {
                        range: range.start..range.start,
                        breaks: true,
                    });
                }
                current.end = current.end.max(range.end);
            }
        }
        self.break_pending = false;
    }

    fn flush(&mut self, out: &mut Vec<Region>) {
        if let Some(range) = self.range.take() {
            let mut gaps = std::mem::take(&mut self.gaps);
            gaps.retain(|g| !g.range.is_empty() || g.breaks);
            out.push(Region {
                range,
                kind: TextKind::Prose,
                gaps,
            });
        }
        self.break_pending = false;
    }
}

/// The name of the HTML tag at the start of `chunk` (`<code ...>` → `code`), and
/// whether it closes (`</code>`).
fn tag_name(chunk: &str) -> Option<(String, bool)> {
    let rest = chunk.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| (rest[..end].to_ascii_lowercase(), closing))
}

/// Elements whose content inside a paragraph is not prose.
const SKIPPED_INLINE: &[&str] = &["code", "kbd", "samp", "tt", "var", "script", "style", "pre"];
/// Inline elements whose tags do not split a phrase.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "cite", "del", "dfn", "em", "i", "ins", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "u",
];

/// The regions of `text`, in order of position.
pub(crate) fn scan(text: &str, code: CodePolicy) -> Markdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST;
    let lint_code = code == CodePolicy::Lint;
    let mut found = Markdown::default();
    let mut regions: Vec<Region> = Vec::new();
    let out = &mut regions;
    let mut block = Block::default();
    let mut in_code_block = false;
    let mut in_metadata = false;
    let mut in_html_block = 0usize;
    let mut in_autolink = 0usize;
    // Inside inline HTML whose content is skipped (`<code>…</code>`): its name.
    let mut skipped_inline: Option<String> = None;
    // The links and images open: their destination and the range of their text.
    let mut open_links: Vec<(String, Option<Range<usize>>)> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => {
                block.flush(out);
                skipped_inline = None;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                block.flush(out);
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Start(Tag::HtmlBlock) => {
                block.flush(out);
                in_html_block += 1;
                let scanned = html::scan(text, range);
                out.extend(scanned.regions);
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = in_html_block.saturating_sub(1),
            Event::Html(_) if in_html_block > 0 => {}
            Event::Start(
                Tag::Link {
                    link_type,
                    title,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    title,
                    dest_url,
                    ..
                },
            ) => {
                open_links.push((dest_url.to_string(), None));
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    in_autolink += 1;
                    block.break_pending = true;
                } else if !title.is_empty() {
                    // The title is prose, but the parser gives no offset for it: find it
                    // at the end of the link's source.
                    if let Some(at) = text[range.clone()].rfind(&*title) {
                        let start = range.start + at;
                        out.push(Region::plain(start..start + title.len(), TextKind::Prose));
                    }
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                in_autolink = in_autolink.saturating_sub(1);
                if let Some((dest, Some(text_range))) = open_links.pop() {
                    found.links.push((text_range, dest));
                }
            }
            Event::Text(_) if in_autolink > 0 => {}
            Event::Text(_) if in_metadata => {
                for (value, lang) in front_matter_values(text, range) {
                    if lang {
                        found.lang = Some(
                            text[value.clone()]
                                .trim()
                                .trim_matches(['"', '\''])
                                .to_owned(),
                        );
                    }
                    out.push(Region::plain(value, TextKind::Prose));
                }
            }
            Event::Text(_) if in_code_block && lint_code => {
                out.push(Region::plain(range, TextKind::Code));
            }
            Event::Text(_) if in_code_block => {}
            Event::Text(_) if skipped_inline.is_some() => block.break_pending = true,
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => {
                for (_, text_range) in &mut open_links {
                    match text_range {
                        Some(r) => r.end = range.end,
                        None => *text_range = Some(range.clone()),
                    }
                }
                block.text(range);
            }
            Event::Code(_) => {
                block.break_pending = true;
                if lint_code {
                    out.push(Region::plain(range, TextKind::Code));
                }
            }
            Event::InlineHtml(_) | Event::Html(_) => {
                let chunk = &text[range.clone()];
                // Attributes with prose (alt, title) are regions of their own.
                out.extend(
                    html::scan(text, range.clone())
                        .regions
                        .into_iter()
                        .filter(|r| {
                            r.range.end <= range.end && !chunk.trim_start().starts_with("<!--")
                        }),
                );
                match tag_name(chunk) {
                    Some((name, closing)) if SKIPPED_INLINE.contains(&name.as_str()) => {
                        if closing {
                            if skipped_inline.as_deref() == Some(name.as_str()) {
                                skipped_inline = None;
                            }
                        } else if !chunk.trim_end().ends_with("/>") {
                            skipped_inline = Some(name);
                        }
                        block.break_pending = true;
                    }
                    Some((name, _)) if INLINE.contains(&name.as_str()) => {}
                    _ => block.break_pending = true,
                }
            }
            _ => {}
        }
    }
    block.flush(out);
    found.regions = regions;
    found.regions.sort_by_key(|r| r.range.start);
    // Regions never overlap: an HTML attribute inside a block's gap is fine (the gap
    // is not searched), but two regions over the same text would report twice.
    let mut kept: Vec<Region> = Vec::with_capacity(found.regions.len());
    for region in std::mem::take(&mut found.regions) {
        let duplicate = kept.iter().rev().take(4).any(|k| k.range == region.range);
        if !duplicate {
            kept.push(region);
        }
    }
    found.regions = kept;
    found
}

/// The value part (after `key:`) of each front-matter line in `range`, and whether its
/// key names the language.
fn front_matter_values(text: &str, range: Range<usize>) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut at = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let (value_start, key) = match line.find(": ") {
            Some(i) => (i + 2, line[..i].trim()),
            None if line.trim_start().starts_with("- ") => (line.find("- ").unwrap_or(0) + 2, ""),
            None => continue,
        };
        let lang = matches!(key, "lang" | "language" | "locale");
        let end = start + line.trim_end().len().max(value_start);
        out.push((start + value_start..end, lang));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each region's text with its gaps left out (breaking gaps as `|`).
    fn linted(text: &str, code: CodePolicy) -> Vec<String> {
        scan(text, code)
            .regions
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
            .collect()
    }

    #[test]
    fn prose_is_linted_code_and_destinations_are_not() {
        let text = "# Title word\n\nSee [link text](dest/url.md \"a title\") and `code`.\n\n```\nblock\n```\n\n<https://auto.link/x>\n\n<p>html text</p>\n\n[ref]: ref/dest.md\n";
        let got = linted(text, CodePolicy::Skip).join("\n");
        for want in ["Title word", "See link text and |.", "a title", "html text"] {
            assert!(got.contains(want), "{want} in {got}");
        }
        for not in ["dest/url", "code", "block", "auto.link", "<p>", "ref/dest"] {
            assert!(!got.contains(not), "{not} in {got}");
        }
        let got = linted(text, CodePolicy::Lint).join("\n");
        assert!(got.contains("`code`") && got.contains("block"), "{got}");
    }

    #[test]
    fn inline_markup_does_not_split_a_phrase() {
        let text = "She holds a [master's](https://example.org/ms) degree.\n\nNever *wheelchair*-*bound*.\n\nRun <code>the list</code> and <em>white</em>list.\n";
        let got = linted(text, CodePolicy::Skip);
        assert_eq!(
            got,
            [
                "She holds a master's degree.",
                "Never wheelchair-bound.",
                "Run | and whitelist."
            ]
        );
    }

    #[test]
    fn wrapped_lines_are_one_region_and_paragraphs_are_not() {
        let text = "a white\nlist here\n\nlist there\n";
        assert_eq!(
            linted(text, CodePolicy::Skip),
            vec!["a white\nlist here", "list there"]
        );
    }

    #[test]
    fn front_matter_values_are_prose_and_name_the_language() {
        let text = "---\ntitle: The whitelist\nlang: fr\nwhitelist_key: x\n---\n\nBody.\n";
        let found = scan(text, CodePolicy::Skip);
        assert_eq!(found.lang.as_deref(), Some("fr"));
        let got = linted(text, CodePolicy::Skip);
        assert!(got.contains(&"The whitelist".to_owned()), "{got:?}");
        assert!(!got.iter().any(|r| r.contains("whitelist_key")), "{got:?}");
    }
}
