//! Arbitrary bytes, decoded as ally decodes a file, then scanned as Markdown, prose and
//! code with every built-in pack on. Checks the positions of every finding.
#![no_main]

use std::sync::{Arc, OnceLock};

use ally::decode::{decode, Decoded};
use ally::finding::Finding;
use ally::scan::{FileKind, ScanSettings, Scanner};
use libfuzzer_sys::fuzz_target;

fn scanner() -> &'static Scanner {
    static SCANNER: OnceLock<Scanner> = OnceLock::new();
    SCANNER.get_or_init(|| {
        let mut rules = ally::builtin::rule_set();
        let ids: Vec<String> = rules.packs.iter().map(|p| p.id.clone()).collect();
        for id in &ids {
            rules.set_pack_enabled(id, true);
        }
        Scanner::new(
            &rules,
            &[],
            ScanSettings {
                report_unused_suppressions: true,
                ..Default::default()
            },
        )
        .expect("the built-in packs compile")
    })
}

fn check(text: &str, kind: FileKind, findings: &[Finding]) {
    let mut previous = 0;
    for f in findings {
        let (start, end) = (f.start.offset, f.end.offset);
        assert!(
            start <= end && end <= text.len(),
            "{kind:?}: {}: bad range {start}..{end} in a text of {} bytes",
            f.rule.id,
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{kind:?}: {}: range {start}..{end} is not on char boundaries",
            f.rule.id
        );
        assert_eq!(
            f.matched,
            &text[start..end],
            "{kind:?}: {}: `matched` differs from the text at {start}..{end}",
            f.rule.id
        );
        assert!(
            start >= previous,
            "{kind:?}: {}: findings out of order ({start} after {previous})",
            f.rule.id
        );
        previous = start;
        for p in [&f.start, &f.end] {
            assert!(
                p.line >= 1 && p.column >= 1,
                "{kind:?}: {}: line/column not 1-based: {p:?}",
                f.rule.id
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Decoded::Text(text, _) = decode(data) else {
        return;
    };
    let scanner = scanner();
    let path: Arc<str> = Arc::from("f.md");
    for kind in [FileKind::Markdown, FileKind::Prose, FileKind::Code] {
        let findings = scanner.scan(&path, &text, kind, &[]);
        check(&text, kind, &findings);
    }
});
