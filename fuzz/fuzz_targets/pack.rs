//! Arbitrary UTF-8 as a rule pack: parsing, inserting and compiling may fail with an
//! error but must not panic, and neither may rendering the error or scanning with it.
#![no_main]

use std::sync::Arc;

use ally::diagnostics::render_source_error;
use ally_core::{parse_pack, Document, Engine, EngineOptions, Format, RuleMask, RuleSet, SourceError};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "A whitelist, a master/slave pair and a sanity check.\n\n\
<!-- ally-ignore-next-line whitelist -->\nSee the [blacklist](x \"whitelisted\") and `dummy`.\n";

fn render(err: &SourceError) {
    let _ = render_source_error(err, false);
    let _ = render_source_error(&err.clone().redacted("rule pack"), false);
    let _ = err.to_string();
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = match parse_pack("p.toml", text, None) {
        Ok(parsed) => parsed,
        Err(err) => return render(&err),
    };
    let mut rules = RuleSet::default();
    if let Err(err) = rules.insert(parsed) {
        return render(&err);
    }
    let engine = match Engine::new(&rules, &[], EngineOptions::default()) {
        Ok(engine) => engine,
        Err(err) => return render(&err),
    };
    let path: Arc<str> = Arc::from("f.md");
    let nothing_off = RuleMask::new();
    for format in ["f.md", "f.txt", "f.py"].map(Format::from_path) {
        // The fixed text, and the pack's own text, which holds its terms.
        for checked in [TEXT, text] {
            let findings = engine
                .check(&Document {
                    path: &path,
                    text: checked,
                    format,
                    disabled: &nothing_off,
                    language: None,
                })
                .findings;
            for finding in findings {
                let _ = finding.message();
                assert_eq!(finding.matched, checked[finding.start.offset..finding.end.offset]);
            }
        }
    }
});
