//! HTML (and the HTML inside Markdown): the text between tags is prose, and so are the
//! values of `alt` and `title`; tags and other attributes are not; `<code>`, `<pre>`,
//! `<script>`, `<style>` and their kin are skipped whole. Inline tags (`<em>`, `<a>`,
//! `<span>`, ...) do not split a phrase; block tags (`<p>`, `<li>`, `<br>`, ...) do.
//!
//! This is a scanner, not a parser: it finds tags with `memchr`, reads their names and
//! attributes, and never builds a tree, so a page costs one pass.

use std::ops::Range;

use memchr::{memchr, memchr2};

use super::{Gap, Region, TextKind};

/// Elements whose content is not prose: it is skipped to the closing tag.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "code",
    "pre",
    "kbd",
    "samp",
    "tt",
    "var",
    "textarea",
    "math",
    "svg",
    "template",
    "xmp",
    "listing",
    "plaintext",
];

/// Inline elements: their tags do not split a phrase.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins",
    "label", "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "u",
    "big",
];

/// Attributes whose values are prose.
const PROSE_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "placeholder", "summary"];

/// What a scan of HTML found: regions of prose, and the language `<html lang>` names.
#[derive(Debug, Default)]
pub(crate) struct Html {
    pub(crate) regions: Vec<Region>,
    pub(crate) lang: Option<String>,
}

/// A name read from the text, lowercased, if it is short enough to be one we know.
#[derive(Clone, Copy)]
struct Name {
    bytes: [u8; 16],
    len: usize,
}

impl Name {
    fn read(raw: &[u8]) -> Name {
        let mut bytes = [0u8; 16];
        let len = if raw.len() <= 16 { raw.len() } else { 0 };
        for (to, from) in bytes.iter_mut().zip(&raw[..len]) {
            *to = from.to_ascii_lowercase();
        }
        Name { bytes, len }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    fn is(&self, list: &[&str]) -> bool {
        let name = self.as_str();
        !name.is_empty() && list.contains(&name)
    }
}

/// A tag's name, and whether it closes (`</p>`) or closes itself (`<br/>`).
struct Tag {
    name: Name,
    closing: bool,
    self_closing: bool,
}

/// The region being built: text with gaps.
struct Building {
    start: Option<usize>,
    end: usize,
    gaps: Vec<Gap>,
}

impl Building {
    fn new() -> Building {
        Building {
            start: None,
            end: 0,
            gaps: Vec::new(),
        }
    }

    fn text(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if self.start.is_none() {
            self.start = Some(range.start);
        }
        self.end = range.end;
    }

    fn gap(&mut self, range: Range<usize>, breaks: bool) {
        if self.start.is_none() || range.is_empty() {
            return;
        }
        match self.gaps.last_mut() {
            // Touching gaps merge; the merged gap breaks if either does.
            Some(last) if last.range.end == range.start && last.range.start >= self.end => {
                last.range.end = range.end;
                last.breaks |= breaks;
            }
            _ => self.gaps.push(Gap { range, breaks }),
        }
    }

    fn finish(&mut self, out: &mut Vec<Region>) {
        if let Some(start) = self.start.take() {
            let end = self.end;
            let mut gaps = std::mem::take(&mut self.gaps);
            gaps.retain(|g| g.range.end <= end);
            out.push(Region {
                range: start..end,
                kind: TextKind::Prose,
                gaps,
            });
        }
        self.gaps.clear();
    }
}

/// The end of the tag starting at `at` (just past `>`), minding quoted values, and its
/// attributes' value ranges with their names.
fn tag_end(bytes: &[u8], at: usize, attributes: &mut Vec<(Name, Range<usize>)>) -> usize {
    attributes.clear();
    let mut i = at + 1;
    // The name.
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/'
    {
        i += 1;
    }
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return bytes.len();
        }
        if bytes[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = Name::read(&bytes[name_start..i]);
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = match bytes.get(i) {
                Some(&quote) if quote == b'"' || quote == b'\'' => {
                    let start = i + 1;
                    let end = memchr(quote, &bytes[start..]).map_or(bytes.len(), |k| start + k);
                    i = (end + 1).min(bytes.len());
                    start..end
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    start..i
                }
            };
            attributes.push((name, value));
        } else if i == name_start {
            // A stray character: step over it.
            i += 1;
        }
    }
}

/// Reads the tag at `at` (`bytes[at] == b'<'`), if it is one.
fn read_tag(bytes: &[u8], at: usize) -> Option<Tag> {
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b':')) {
        i += 1;
    }
    if i == start || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    let name = Name::read(&bytes[start..i]);
    Some(Tag {
        name,
        closing,
        self_closing: false,
    })
}

/// Where the element `name`, open at `from`, closes: the start of `</name`, or the
/// end of the text.
fn closing_tag(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(k) = memchr::memmem::find(&bytes[at..], b"</") {
        let start = at + k;
        let tail = &bytes[start + 2..];
        if tail.len() >= name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && tail
                .get(name.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            return start;
        }
        at = start + 2;
    }
    bytes.len()
}

/// Scans `text[range]` as HTML.
pub(crate) fn scan(text: &str, range: Range<usize>) -> Html {
    let mut found = Html::default();
    let bytes = &text.as_bytes()[..range.end];
    let mut building = Building::new();
    let mut attributes: Vec<(Name, Range<usize>)> = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let Some(k) = memchr(b'<', &bytes[at..]) else {
            building.text(at..range.end);
            break;
        };
        let lt = at + k;
        building.text(at..lt);
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            let end =
                memchr::memmem::find(&rest[4..], b"-->").map_or(range.end, |e| lt + 4 + e + 3);
            building.gap(lt..end, true);
            at = end;
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            let end = memchr::memmem::find(rest, b"]]>").map_or(range.end, |e| lt + e + 3);
            building.gap(lt..end, true);
            at = end;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr(b'>', rest).map_or(range.end, |e| lt + e + 1);
            building.gap(lt..end, true);
            at = end;
            continue;
        }
        let Some(mut tag) = read_tag(bytes, lt) else {
            // A `<` that starts no tag (`a < b`) is text.
            building.text(lt..lt + 1);
            at = lt + 1;
            continue;
        };
        let end = tag_end(bytes, lt, &mut attributes).min(range.end);
        tag.self_closing = end >= 2 && bytes[end - 2] == b'/';
        // `<html lang>`, and a Qt Linguist catalogue's `<TS language>`.
        if tag.name.is(&["html", "ts"]) && !tag.closing {
            if let Some((_, value)) = attributes
                .iter()
                .find(|(n, _)| n.is(&["lang", "xml:lang", "language"]))
            {
                found.lang = Some(text[value.clone()].trim().to_owned());
            }
        }
        for (name, value) in &attributes {
            if name.is(PROSE_ATTRIBUTES) && !value.is_empty() {
                found
                    .regions
                    .push(Region::plain(value.clone(), TextKind::Prose));
            }
        }
        let inline = tag.name.is(INLINE);
        if !tag.closing && !tag.self_closing && tag.name.is(SKIPPED) {
            let close = closing_tag(bytes, end, tag.name.as_str()).min(range.end);
            let close_end = memchr2(b'>', b'<', &bytes[(close + 2).min(bytes.len())..])
                .map_or(range.end, |e| (close + 2 + e + 1).min(range.end));
            building.gap(lt..close_end, true);
            at = close_end;
            continue;
        }
        building.gap(lt..end, !inline);
        at = end;
    }
    building.finish(&mut found.regions);
    found.regions.sort_by_key(|r| r.range.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each region with its gaps left out (breaking gaps as `|`).
    fn shown(text: &str) -> Vec<String> {
        scan(text, 0..text.len())
            .regions
            .iter()
            .map(|region| {
                let mut out = String::new();
                let mut at = region.range.start;
                for gap in &region.gaps {
                    out.push_str(&text[at..gap.range.start]);
                    if gap.breaks {
                        out.push('|');
                    }
                    at = gap.range.end;
                }
                out.push_str(&text[at..region.range.end]);
                out
            })
            .collect()
    }

    #[test]
    fn text_alt_and_title_are_prose_code_and_attributes_are_not() {
        let page = r#"<html lang="en"><head><title>Hosts list</title>
<style>.whitelist { x: 1 }</style><script>var whitelist = 1;</script></head>
<body><p>The <em>white</em>list holds <a href="x" class="whitelist">hosts</a>.</p>
<p>Run <code>whitelist --add</code> now.</p><pre>whitelist = on</pre>
<img src="a.png" alt="Diagram of the list"><a title="Edit it">Edit</a>
<!-- a comment --><p>a &lt; b</p></body></html>"#;
        let found = scan(page, 0..page.len());
        assert_eq!(found.lang.as_deref(), Some("en"));
        let joined = shown(page).join("\n");
        for want in [
            "Hosts list",
            "The whitelist holds hosts.",
            "Diagram of the list",
            "Edit it",
            "a &lt; b",
        ] {
            assert!(joined.contains(want), "{want:?} in {joined}");
        }
        for not in [
            "x: 1",
            "var whitelist",
            "whitelist --add",
            "whitelist = on",
            "class",
            "a.png",
            "a comment",
        ] {
            assert!(!joined.contains(not), "{not:?} in {joined}");
        }
        assert!(
            joined.contains("Run | now."),
            "inline code breaks the phrase: {joined}"
        );
    }

    #[test]
    fn unfinished_markup_does_not_panic() {
        for text in [
            "<",
            "<a",
            "<a href=\"x",
            "<code>never closed",
            "<!-- open",
            "a <b> c </",
            "<p title='t",
        ] {
            let _ = shown(text);
        }
    }
}
