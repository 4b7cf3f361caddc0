//! The engine with the built-in packs: its two search strategies agree, and the
//! entries compiled ahead find what deriving them at run time finds.

use std::sync::Arc;

use ally_core::{Document, Engine, EngineOptions, Format, RuleMask, Workload};

/// The sorted-pattern search (small inputs) and the automaton (trees of files) find
/// exactly the same things, on the regression corpus, the examples and noisy text.
#[test]
fn both_search_strategies_agree() {
    let rules = ally_packs::rule_set();
    let engine = |workload| {
        let options = EngineOptions {
            workload,
            ..EngineOptions::default()
        };
        Engine::new(&rules, &[], options).unwrap()
    };
    let (small, bulk) = (engine(Workload::Small), engine(Workload::Bulk));
    assert!(bulk.build_automaton(), "the bulk engine has its automaton");
    assert!(!small.build_automaton(), "the small engine has none");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in [
        "tests/corpus",
        "../../examples/docs",
        "../../examples/src",
        "../../rules",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    // Noisy text: pieces of terms glued with random joiners and case.
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let pieces = [
        "white",
        "list",
        "Master",
        "slave",
        "-",
        "_",
        " ",
        "\n",
        "ed",
        "s",
        "crazy",
        "man",
        "hours",
        "guys",
        "’",
        "'s degree",
        "é",
        "2",
        "the elderly",
    ];
    for _ in 0..200 {
        let text: String = (0..40).map(|_| pieces[next() % pieces.len()]).collect();
        texts.push(text);
    }
    let path: Arc<str> = Arc::from("x.txt");
    for text in &texts {
        let spans = |s: &Engine| -> Vec<(usize, usize, String)> {
            s.check(&Document {
                path: &path,
                text,
                format: Format::Text,
                language: None,
                disabled: &RuleMask::new(),
            })
            .findings
            .into_iter()
            .map(|f| (f.start.offset, f.end.offset, f.rule.id.clone()))
            .collect()
        };
        assert_eq!(spans(&small), spans(&bulk), "in {text:?}");
    }
}

/// Starting from the entries compiled into the binary finds exactly what deriving
/// every entry at run time finds, whichever packs and rules are on, with a team's
/// own pack and allowed phrases merged in.
#[test]
fn compiled_entries_find_what_derived_entries_find() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in ["tests/corpus", "../../examples/docs", "../../examples/src"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    let own_pack = std::fs::read_to_string(root.join("../../examples/our-terms.toml")).unwrap();
    let mut configurations = Vec::new();
    let defaults = ally_packs::rule_set();
    configurations.push((defaults.clone(), vec![]));
    let mut all_on = defaults.clone();
    for id in ["profanity", "condescending", "violence"] {
        all_on.set_pack_enabled(id, true);
    }
    configurations.push((all_on, vec!["crazy".to_owned(), "master key".to_owned()]));
    let mut some_off = defaults.clone();
    some_off.set_pack_enabled("gender", false);
    for rule in some_off
        .rules
        .iter_mut()
        .filter(|r| r.id.contains("master"))
    {
        Arc::make_mut(rule).enabled = false;
    }
    configurations.push((some_off, vec![]));
    let mut with_own = defaults;
    with_own
        .add_pack("our-terms.toml", &own_pack, None)
        .unwrap_or_else(|e| panic!("{e}"));
    configurations.push((with_own, vec!["blacklist".to_owned()]));

    let path: Arc<str> = Arc::from("x.md");
    for (compiled, allow) in configurations {
        let mut derived = compiled.clone();
        derived.precompiled = None;
        let compiled = Engine::new(&compiled, &allow, EngineOptions::default()).unwrap();
        let derived = Engine::new(&derived, &allow, EngineOptions::default()).unwrap();
        for text in &texts {
            let spans = |s: &Engine| -> Vec<(usize, usize, String)> {
                s.check(&Document {
                    path: &path,
                    text,
                    format: Format::Markdown,
                    language: None,
                    disabled: &RuleMask::new(),
                })
                .findings
                .into_iter()
                .map(|f| (f.start.offset, f.end.offset, f.rule.id.clone()))
                .collect()
            };
            let found = spans(&compiled);
            assert_eq!(found, spans(&derived), "in {text:?}");
        }
    }
}
