//! Message catalogues: gettext `.po`/`.pot` files (the translated `msgstr` strings are
//! text; the `msgid` strings are copies of the source strings, checked where they are
//! written, so never here) and Java `.properties` files (the values are text, keys and
//! comments are not... comments are comments).

use super::lines::lines;
use super::{Region, TextKind};

/// What a catalogue holds: its regions, and the language its header names.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub(crate) regions: Vec<Region>,
    pub(crate) lang: Option<String>,
}

/// The inside of the quoted string on a `.po` line (`msgstr "..."` or `"..."`).
fn quoted(line: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let open = line.find('"')?;
    let close = line.rfind('"')?;
    (close > open).then(|| start + open + 1..start + close)
}

/// One entry being read: whether its msgid has text, or a context, so far.
#[derive(Default)]
struct Entry {
    id: String,
    had_context: bool,
}

/// A gettext catalogue.
pub(crate) fn po(text: &str) -> Catalog {
    let mut found = Catalog::default();
    // Whether the strings being read belong to a msgstr, or to the msgid.
    let mut in_msgstr = false;
    let mut in_msgid = false;
    // Whether the last keyword was a msgctxt (its msgid belongs to the same entry).
    let mut in_context = false;
    // Whether this entry is the header (msgid "").
    let mut header = false;
    let mut entry = Entry::default();
    for line in lines(text) {
        let trimmed = line.trimmed();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            in_msgstr = false;
            in_msgid = false;
            continue;
        }
        let keyword = trimmed.split([' ', '\t']).next().unwrap_or("");
        match keyword {
            "msgid" | "msgid_plural" | "msgctxt" => {
                // A new entry starts at its msgctxt, or at a msgid without one.
                if keyword == "msgctxt" || (keyword == "msgid" && !in_context) {
                    entry = Entry::default();
                }
                in_context = keyword == "msgctxt";
                in_msgstr = false;
                in_msgid = keyword == "msgid";
                entry.had_context |= in_context;
            }
            k if k.starts_with("msgstr") => {
                in_msgstr = true;
                in_msgid = false;
                in_context = false;
                // The header is the entry whose msgid is empty, over all its lines.
                header = entry.id.is_empty() && !entry.had_context;
            }
            _ if trimmed.starts_with('"') => {}
            _ => {
                in_msgstr = false;
                in_msgid = false;
                continue;
            }
        }
        let Some(range) = quoted(line.text, line.start) else {
            continue;
        };
        if in_msgid {
            entry.id.push_str(&text[range]);
            continue;
        }
        if !in_msgstr {
            continue;
        }
        if header {
            let value = &text[range.clone()];
            if let Some(lang) = value.strip_prefix("Language:") {
                let lang = lang.trim().trim_end_matches("\\n").trim();
                if !lang.is_empty() {
                    found.lang = Some(lang.to_owned());
                }
            }
            continue;
        }
        if !range.is_empty() {
            found.regions.push(Region::plain(range, TextKind::String));
        }
    }
    found
}

/// A Java `.properties` file.
pub(crate) fn properties(text: &str) -> Catalog {
    let mut found = Catalog::default();
    let mut continued = false;
    for line in lines(text) {
        let trimmed = line.trimmed();
        if continued {
            continued = trimmed.ends_with('\\');
            let start = line.content_start();
            found
                .regions
                .push(Region::plain(start..line.end(), TextKind::String));
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix(['#', '!']) {
            let start = line.end() - comment.len();
            found
                .regions
                .push(Region::plain(start..line.end(), TextKind::Comment));
            continue;
        }
        // key=value, key: value or key value; `\` escapes a separator in the key.
        let bytes = trimmed.as_bytes();
        let mut k = 0;
        while k < bytes.len() && !matches!(bytes[k], b'=' | b':' | b' ' | b'\t') {
            k += if bytes[k] == b'\\' { 2 } else { 1 };
        }
        let mut v = k;
        while v < bytes.len() && matches!(bytes[v], b' ' | b'\t') {
            v += 1;
        }
        if v < bytes.len() && matches!(bytes[v], b'=' | b':') {
            v += 1;
        }
        while v < bytes.len() && matches!(bytes[v], b' ' | b'\t') {
            v += 1;
        }
        let start = line.content_start() + v.min(bytes.len());
        continued = trimmed.ends_with('\\');
        if start < line.end() {
            found
                .regions
                .push(Region::plain(start..line.end(), TextKind::String));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, catalog: &Catalog) -> Vec<String> {
        catalog
            .regions
            .iter()
            .map(|r| text[r.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn po_msgstr_is_text_and_msgid_is_not() {
        let text = "# comment\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgid \"Add the host\"\nmsgstr \"Ajoutez l'hôte\"\n\nmsgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"un\"\nmsgstr[1] \"plusieurs\"\n\"suite\"\n";
        let found = po(text);
        assert_eq!(found.lang.as_deref(), Some("fr"));
        assert_eq!(
            texts(text, &found),
            ["Ajoutez l'hôte", "un", "plusieurs", "suite"]
        );
    }

    #[test]
    fn the_header_is_the_entry_whose_msgid_is_empty() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: en_GB\\n\"\n\nmsgid \"the master file\"\nmsgstr \"the master file\"\n\nmsgid \"\"\n\"the colour\"\nmsgstr \"\"\n\"the colour, in British spelling\"\n";
        let found = po(text);
        assert_eq!(found.lang.as_deref(), Some("en_GB"));
        // An English msgstr is text, even when it copies its msgid; a msgid that
        // starts with "" on its first line is no header.
        assert_eq!(
            texts(text, &found),
            ["the master file", "the colour, in British spelling"]
        );
    }

    #[test]
    fn properties_values_are_text() {
        let text = "# A comment\nhosts.title=Edit the list\nkey: value here\nlong = first \\\n  second\n! bang\n";
        let found = properties(text);
        assert_eq!(
            texts(text, &found),
            [
                " A comment",
                "Edit the list",
                "value here",
                "first \\",
                "second",
                " bang"
            ]
        );
    }
}
