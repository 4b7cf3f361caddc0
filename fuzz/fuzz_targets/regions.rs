//! Arbitrary UTF-8 through every region finder (Markdown, skipping and checking code;
//! HTML; reStructuredText; AsciiDoc; gettext and properties catalogues; source code).
//! Each region and gap must lie in the text, on char boundaries, gaps in order inside
//! their region, and no byte may be searched by two regions (it would be reported
//! twice).
#![no_main]

use ally_core::{scan, CodePolicy, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let formats = [
        "f.md", "f.html", "f.rst", "f.adoc", "f.po", "f.properties", "f.py", "f.rs", "f.c",
        "f.js", "f.go", "f.sql", "f.txt",
    ]
    .map(Format::from_path);
    for format in formats {
        for policy in [CodePolicy::Skip, CodePolicy::Lint] {
            let scanned = scan(text, format, policy);
            let mut searched = vec![false; text.len()];
            for region in &scanned.regions {
                let r = &region.range;
                assert!(r.start <= r.end && r.end <= text.len(), "{format:?}: region {r:?} out of the text");
                assert!(
                    text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                    "{format:?}: region {r:?} not on char boundaries"
                );
                let mut at = r.start;
                for gap in &region.gaps {
                    let g = &gap.range;
                    assert!(g.start >= at && g.end >= g.start && g.end <= r.end.max(g.start), "{format:?}: gap {g:?} out of order in {r:?}");
                    assert!(
                        text.is_char_boundary(g.start) && text.is_char_boundary(g.end),
                        "{format:?}: gap {g:?} not on char boundaries"
                    );
                    for byte in &mut searched[at..g.start] {
                        assert!(!*byte, "{format:?}: a byte searched twice, before {g:?}");
                        *byte = true;
                    }
                    at = g.end;
                }
                for byte in &mut searched[at.min(r.end)..r.end] {
                    assert!(!*byte, "{format:?}: a byte searched twice in {r:?}");
                    *byte = true;
                }
            }
        }
    }
});
