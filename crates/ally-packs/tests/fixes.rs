//! Properties of fixes over generated texts, with the built-in packs: applying the
//! fixes changes only the bytes their edits cover, and fixing twice is fixing once.

use std::sync::{Arc, OnceLock};

use ally_core::{
    apply_fixes, Applicability, Document, Engine, EngineOptions, Finding, Format, RuleMask,
};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(&ally_packs::rule_set(), &[], EngineOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn check(text: &str, format: Format) -> Vec<Finding> {
    let path: Arc<str> = Arc::from("case.md");
    engine()
        .check(&Document {
            path: &path,
            text,
            format,
            disabled: &RuleMask::new(),
            language: Some("en"),
        })
        .findings
}

/// Words and separators texts are made of: terms with fixes in several cases and
/// forms, articles, innocent words, punctuation, line breaks, non-ASCII text.
const PIECES: &[&str] = &[
    "whitelist",
    "Whitelist",
    "WHITELIST",
    "whitelisted",
    "blacklisting",
    "Blacklist",
    "white-list",
    "man-hours",
    "sanity check",
    "master",
    "a",
    "an",
    "A",
    "An",
    "the",
    "host",
    "hosts",
    "allowlist",
    "to",
    "and",
    "café",
    "日本",
    "🎉",
    "https://example.org/whitelist",
    "`whitelist`",
    ",",
    ".",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\t",
    "-",
    "_",
    "'",
    "\"",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
}

/// The byte ranges a text's safe fixes edit.
fn edited(findings: &[Finding]) -> Vec<(usize, usize)> {
    findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability >= Applicability::Safe)
        .flat_map(|fix| fix.edits.iter().map(|e| (e.start.offset, e.end.offset)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fixes_change_only_their_bytes_and_settle(text in text(), code in any::<bool>()) {
        let format = if code { Format::from_path("a.py") } else { Format::Markdown };
        let findings = check(&text, format);
        let applied = apply_fixes(&text, findings.iter().filter_map(|f| f.fix.as_ref()), Applicability::Safe);
        // Outside the edits, the text is as it was: walk both texts edit by edit.
        let mut edits = edited(&findings);
        edits.sort_unstable();
        edits.dedup();
        let mut before = 0;
        let mut after = 0;
        for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
            if fix.applicability < Applicability::Safe {
                continue;
            }
            for edit in &fix.edits {
                let kept = &text[before..edit.start.offset];
                prop_assert_eq!(&applied.text[after..after + kept.len()], kept);
                after += kept.len() + edit.replacement.len();
                before = edit.end.offset;
            }
        }
        prop_assert_eq!(&applied.text[after..], &text[before..]);
        // A second pass has nothing left to fix.
        let again = check(&applied.text, format);
        let twice = apply_fixes(&applied.text, again.iter().filter_map(|f| f.fix.as_ref()), Applicability::Safe);
        prop_assert_eq!(twice.fixes, 0, "fixed again: {:?} -> {:?}", applied.text, twice.text);
        prop_assert_eq!(twice.text, applied.text);
    }
}
