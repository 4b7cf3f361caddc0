//! Changelogs: the newest section is being written; the sections below it record
//! past releases in the words used then, which nobody rewrites.

use std::sync::OnceLock;

use regex::Regex;

/// Whether a file name is a changelog's: `CHANGELOG.md`, `CHANGES.rst`, `HISTORY`,
/// `NEWS`, `RELEASE-NOTES.md`, `changes.xml`, `changelog` (Debian).
pub fn is_changelog(path: &str) -> bool {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    // `ChangeLog-2.0`: a version after the name, not an extension.
    let versioned = name
        .rsplit_once('.')
        .is_some_and(|(_, e)| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()));
    let (stem, extension) = match name.split_once('.') {
        _ if versioned => (name.split('.').next().unwrap_or(&name), ""),
        Some((stem, rest)) => (stem, rest.rsplit('.').next().unwrap_or(rest)),
        None => (name.as_str(), ""),
    };
    let document = matches!(
        extension,
        "" | "md"
            | "markdown"
            | "rst"
            | "txt"
            | "adoc"
            | "asciidoc"
            | "html"
            | "htm"
            | "xml"
            | "org"
    );
    // `_changes.html`: a site's page, named with its generator's leading underscore.
    let stem = stem
        .trim_start_matches('_')
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_');
    document
        && matches!(
            stem,
            "changelog"
                | "changes"
                | "history"
                | "news"
                | "release-notes"
                | "release_notes"
                | "releasenotes"
                | "releases"
                | "version"
        )
}

/// Whether a document is one release's notes in a folder of them (`doc/changes/7.3.rst`,
/// `release-notes/2.1.0.md`): named for a version, it records the past.
pub fn is_release_note(path: &str) -> bool {
    let mut parts = path.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or(path).to_ascii_lowercase();

    let folder = parts.next().unwrap_or("").to_ascii_lowercase();
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(stem, _)| stem);
    let stem = stem.trim_start_matches('v');
    let versioned = stem.contains('.')
        && stem
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    versioned
        && matches!(
            folder.as_str(),
            "changes"
                | "changelog"
                | "changelogs"
                | "release"
                | "releases"
                | "release-notes"
                | "release_notes"
                | "releasenotes"
                | "news"
                | "history"
                | "whatsnew"
        )
}

struct Headings {
    atx: Regex,
    underline: Regex,
    titled: Regex,
    plain: Regex,
    xml: Regex,
}

fn headings() -> &'static Headings {
    static HEADINGS: OnceLock<Headings> = OnceLock::new();
    HEADINGS.get_or_init(|| Headings {
        atx: Regex::new(r"(?i)^#{1,3}\s+.*(?:\d+\.\d+|unreleased)").expect("a valid pattern"),
        underline: Regex::new(r"^(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,}|#{3,})\s*$").expect("a valid pattern"),
        titled: Regex::new(r"(?i)(?:\d+\.\d+|unreleased)").expect("a valid pattern"),
        plain: Regex::new(
            r"(?i)^(?:v?\d+\.\d+(?:\.\d+)*\b|\d{4}[/-]\d\d[/-]\d\d\s*[:-]?\s*(?:version\s+|v)?\d+\.\d+|(?:version|release)\s+v?\d+\.\d+|[\w.+-]+ \([^)\s]+\) [\w-]+;|\*\s+(?:release|version)\s+v?\d+\.\d+|[\w ]*changes (?:in|with|since|from) (?:release |version |[\w.+-]+ )?v?\d+\.\d+|\s*:version:\s*v?\d+\.\d+|[\w.+-]+ (?:version|release) v?\d+\.\d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day, [a-z]+ \d{1,2}, \d{4}|\w*\(\s*(?:--\s*)?fixed in v?\d+\.\d+)",
        )
        .expect("a valid pattern"),
        xml: Regex::new(r"^\s*<(?:changes|release)\s[^>]*\b(?:ver|version)\s*=").expect("a valid pattern"),
    })
}

/// In a changelog, where the record of past releases starts: the second release
/// heading (a Markdown or reStructuredText heading holding a version number or
/// "Unreleased", a `1.2.3` or `Version 1.2` line, a Debian entry, an XML `<changes
/// ver=...>`). Everything above it is the release being written and is checked; a
/// file with fewer than two releases is checked whole.
pub fn past_releases(path: &str, text: &str) -> Option<std::ops::Range<usize>> {
    if is_release_note(path) {
        return Some(0..text.len());
    }
    if !is_changelog(path) {
        return None;
    }
    let starts = release_headings(text);
    let [first, second, ..] = starts.as_slice() else {
        return None;
    };
    // Oldest first (Vim's version9.txt): the newest release is the last section. A
    // third heading must go on rising: a box naming an old release above a
    // newest-first list (curl's `_changes.html`) does not turn the list round.
    let (older, newer) = (version_of(&text[*first..]), version_of(&text[*second..]));
    let rising_on = starts
        .get(2)
        .is_none_or(|third| version_of(&text[*third..]) > newer);
    if older.is_some() && newer > older && rising_on {
        let last = *starts.last().unwrap_or(first);
        return Some(0..last);
    }
    Some(*second..text.len())
}

/// The version a heading line names: its first run of dotted numbers, compared part
/// by part (`9.1` > `9.0` > `8.2`). None for "Unreleased" and the like.
fn version_of(from: &str) -> Option<Vec<u64>> {
    let line = from.lines().next().unwrap_or("");
    let start = line.find(|c: char| c.is_ascii_digit())?;
    let run: String = line[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<u64> = run
        .split('.')
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap_or(u64::MAX))
        .collect();
    (parts.len() >= 2).then_some(parts)
}

/// Where each release heading starts.
fn release_headings(text: &str) -> Vec<usize> {
    let headings = headings();
    let mut found = Vec::new();
    let mut offset = 0;
    let mut previous: Option<(usize, &str)> = None;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let heading_at = if headings.atx.is_match(bare)
            || headings.plain.is_match(bare)
            || headings.xml.is_match(bare)
        {
            Some(offset)
        } else if headings.underline.is_match(bare) {
            // The line above, if it holds a version, is a heading.
            previous
                .filter(|(_, title)| {
                    !title.trim().is_empty()
                        && title.len() <= 120
                        && headings.titled.is_match(title)
                })
                .map(|(start, _)| start)
        } else {
            None
        };
        // `1.2.0` underlined is seen twice, as a line and as a title: one heading.
        if let Some(at) = heading_at {
            if found.last() != Some(&at) {
                found.push(at);
            }
        }
        previous = Some((offset, bare));
        offset += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changelogs_are_known_by_name() {
        for path in [
            "CHANGELOG.md",
            "docs/changelog.rst",
            "CHANGES",
            "HISTORY.rst",
            "NEWS",
            "docs/xml/nginx/changes.xml",
            "RELEASE-NOTES.md",
            "debian/changelog",
            "CHANGELOG-2.x.md",
            "_changes.html",
            "ChangeLog-2.0",
        ] {
            assert!(is_changelog(path), "{path}");
        }
        for path in [
            "history.py",
            "src/changes.rs",
            "newsletter.md",
            "changelog/123.bugfix.rst",
            "README.md",
        ] {
            assert!(!is_changelog(path), "{path}");
        }
    }

    #[test]
    fn only_the_newest_section_is_checked() {
        let cases = [
            ("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n- new\n\n## 1.2.0\n\n- old\n", "## 1.2.0"),
            ("CHANGELOG.md", "# Changelog\n\n## [2.0.0] - 2024-01-01\n- new\n## [1.0.0]\n- old\n", "## [1.0.0]"),
            ("changelog.rst", "Changelog\n=========\n\npytest 8.1.0 (2024-03-03)\n=========================\n\nnew\n\npytest 8.0.0 (2024-01-27)\n=========================\n\nold\n", "pytest 8.0.0"),
            ("NEWS", "Noteworthy changes in release 1.5 (2024)\n* new\n\nNoteworthy changes in release 1.4 (2023)\n* old\n", "Noteworthy changes in release 1.4"),
            ("changes.xml", "<change_log>\n<changes ver=\"1.27.2\" date=\"2024-10-02\">\nnew\n</changes>\n<changes ver=\"1.27.1\">\nold\n</changes>\n", "<changes ver=\"1.27.1\""),
            ("CHANGES", "Changes with njs 1.0.0          23 Jun 2026\n    *) new\n\nChanges with njs 0.7.10         7 Feb 2023\n    *) old\n", "Changes with njs 0.7.10"),
            ("changelog.rst", ".. changelog::\n    :version: 1.14.0\n\n    new\n\n.. changelog::\n    :version: 1.13.2\n\n    old\n", "    :version: 1.13.2"),
            ("NEWS", "0MQ version 4.3.6 stable, released on 2024/01/01\n\nnew\n\n0MQ version 4.3.5 stable, released on 2023/10/09\n\nold\n", "0MQ version 4.3.5"),
            ("CHANGES", "Tuesday, December 30, 2025 / The Tcpdump Group\n  new\n\nFriday, August 30, 2024 / The Tcpdump Group\n  old\n", "Friday, August 30, 2024"),
            ("_changes.html", "<a name=\"x\"></a>\nSUBTITLE(-- Fixed in 7.20.0 - February 9 2011)\nbox\n<a name=\"8_21_0\"></a>\nSUBTITLE(Fixed in 8.21.0 - June 24 2026)\nnew\nSUBTITLE(Fixed in 8.20.0 - April 29 2026)\nold\n", "SUBTITLE(Fixed in 8.21.0"),
            ("debian/changelog", "ally (1.1-1) unstable; urgency=low\n\n  * new\n\nally (1.0-1) unstable; urgency=low\n\n  * old\n", "ally (1.0-1)"),
        ];
        for (path, text, second) in cases {
            let from = text.find(second).unwrap();
            assert_eq!(
                past_releases(path, text),
                Some(from..text.len()),
                "{path}: {text}"
            );
        }
        // Oldest first: everything before the last release is past.
        let vim =
            "*version9.txt*\n\nVERSION 9.0\nold\n\nVERSION 9.1\nnewer\n\nVERSION 9.2\nnewest\n";
        let newest = vim.find("VERSION 9.2").unwrap();
        assert_eq!(
            past_releases("runtime/doc/version9.txt", vim),
            Some(0..newest)
        );
        // One release's notes in a folder of them.
        assert_eq!(past_releases("doc/changes/7.3.rst", "anything"), Some(0..8));

        assert_eq!(past_releases("changelog/123.bugfix.rst", "x"), None);
        assert_eq!(
            past_releases("CHANGELOG.md", "Add the host to the whitelist.\n"),
            None
        );
        assert_eq!(
            past_releases("CHANGELOG.md", "## 1.0.0\n- only one\n"),
            None
        );
        assert_eq!(past_releases("README.md", "## 1.0\n## 0.9\n"), None);
    }
}
