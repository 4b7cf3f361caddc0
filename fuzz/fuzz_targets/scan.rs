//! Arbitrary bytes, decoded as ally decodes a file, then checked as Markdown, prose and
//! code with every built-in pack on. Checks the positions of every finding against a
//! fresh count, and the fixes: applied, they change only the bytes they cover, and a
//! second pass over the fixed text finds nothing more to fix.
#![no_main]

use std::sync::{Arc, OnceLock};

use ally_core::{
    apply_fixes, decode, Applicability, Decoded, Document, Engine, EngineOptions, Finding,
    Format, LineIndex, RuleMask,
};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut rules = ally_packs::rule_set();
        let ids: Vec<String> = rules.packs.iter().map(|p| p.id.clone()).collect();
        for id in &ids {
            rules.set_pack_enabled(id, true);
        }
        Engine::new(
            &rules,
            &[],
            EngineOptions {
                report_unused_suppressions: true,
                excerpts: true,
                ..Default::default()
            },
        )
        .expect("the built-in packs compile")
    })
}

fn check(text: &str, kind: Format, findings: &[Finding]) {
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
            assert_eq!(
                *p,
                LineIndex::new(text).position(p.offset),
                "{kind:?}: {}: a position differs from a fresh count",
                f.rule.id
            );
        }
        assert!(f.excerpt.is_some(), "{kind:?}: {}: no excerpt", f.rule.id);
    }
}

fn check_document(text: &str, format: Format) -> Vec<Finding> {
    let path: Arc<str> = Arc::from("f");
    engine()
        .check(&Document {
            path: &path,
            text,
            format,
            disabled: &RuleMask::new(),
            language: None,
        })
        .findings
}

fuzz_target!(|data: &[u8]| {
    let Decoded::Text(text, _) = decode(data) else {
        return;
    };
    let formats = [
        "f.md", "f.txt", "f.html", "f.rst", "f.adoc", "f.po", "f.properties", "f.py", "f.rs",
        "f.c", "f.go", "f.js", "f.sql", "f.bin",
    ]
    .map(Format::from_path);
    for kind in formats {
        let findings = check_document(&text, kind);
        check(&text, kind, &findings);
        let fixes: Vec<_> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
        let applied = apply_fixes(&text, fixes.iter().copied(), Applicability::Unsafe);
        // Outside the edits applied, nothing changed: the text before the first edit
        // and after the last is the same.
        let edits: Vec<_> = fixes.iter().flat_map(|f| &f.edits).collect();
        if let (Some(first), Some(last)) = (edits.iter().map(|e| e.start.offset).min(), edits.iter().map(|e| e.end.offset).max()) {
            assert!(applied.text.starts_with(&text[..first]), "{kind:?}: the text before the fixes changed");
            assert!(applied.text.ends_with(&text[last..]), "{kind:?}: the text after the fixes changed");
        } else {
            assert_eq!(applied.text, *text);
        }
        // Safe fixes, applied twice: the second pass changes nothing.
        let safe = apply_fixes(&text, fixes.iter().copied(), Applicability::Safe);
        let again = check_document(&safe.text, kind);
        let second = apply_fixes(
            &safe.text,
            again.iter().filter_map(|f| f.fix.as_ref()),
            Applicability::Safe,
        );
        assert_eq!(second.fixes, 0, "{kind:?}: a second --fix pass changed {:?}", safe.text);
    }
});
