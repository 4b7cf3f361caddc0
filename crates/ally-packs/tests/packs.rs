//! The built-in rule packs: each loads, every rule is complete, and together they
//! cover every community the project serves.

use std::collections::{HashMap, HashSet};

use ally_core::{Engine, EngineOptions, RuleSet, Severity};

const DEFAULT_PACKS: [&str; 8] = [
    "tech",
    "disability",
    "gender",
    "race-ethnicity",
    "lgbtqia",
    "age",
    "socioeconomic",
    "religion",
];

#[test]
fn every_built_in_pack_loads_on_its_own() {
    let mut problems = Vec::new();
    for (name, text) in ally_packs::pack_files() {
        let mut set = RuleSet::default();
        if let Err(err) = set.add_pack(&format!("rules/{name}"), text, None) {
            problems.push(err.to_string());
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn all() -> RuleSet {
    ally_packs::rule_set()
}

#[test]
fn the_default_packs_compile_into_one_matcher() {
    let set = all();
    Engine::new(&set, &[], EngineOptions::default()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_community_has_an_enabled_pack_with_enough_rules() {
    let set = all();
    for id in DEFAULT_PACKS {
        let pack = set
            .pack(id)
            .unwrap_or_else(|| panic!("pack {id} is missing"));
        assert!(pack.enabled, "{id} is on by default");
        let count = set
            .rules
            .iter()
            .filter(|r| r.pack == id && r.enabled)
            .count();
        assert!(count >= 15, "{id} has {count} rules");
    }
    assert!(
        !set.pack("profanity").expect("profanity pack").enabled,
        "profanity is opt-in"
    );
    let enabled: Vec<_> = set.rules.iter().filter(|r| r.enabled).collect();
    let terms: usize = enabled.iter().map(|r| r.terms.len()).sum();
    assert!(enabled.len() >= 300, "{} rules enabled", enabled.len());
    assert!(terms >= 900, "{terms} terms enabled");
}

#[test]
fn every_rule_is_complete_and_written_for_itself() {
    let set = all();
    let mut explanations: HashMap<&str, &str> = HashMap::new();
    let mut problems = Vec::new();
    for rule in &set.rules {
        if rule.explanation.len() < 100 {
            problems.push(format!("{}: explanation under 100 characters", rule.id));
        }
        if rule.alternatives.is_empty() {
            problems.push(format!("{}: no alternatives", rule.id));
        }
        if !rule.sources.iter().any(|s| s.url.starts_with("https://")) {
            problems.push(format!("{}: no https source", rule.id));
        }
        if let Some(other) = explanations.insert(&rule.explanation, &rule.id) {
            problems.push(format!("{}: same explanation as {other}", rule.id));
        }
        if let Some(fix) = &rule.fix {
            if !rule.alternatives.contains(fix) {
                problems.push(format!(
                    "{}: fix `{fix}` is not one of its alternatives",
                    rule.id
                ));
            }
        }
        let lower = rule.explanation.to_lowercase();
        for shaming in [
            "insensitive!",
            "offensive!",
            "you should be ashamed",
            "don't be",
        ] {
            if lower.contains(shaming) {
                problems.push(format!("{}: explanation says `{shaming}`", rule.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn severities_are_used_with_judgement() {
    let set = all();
    let used: HashSet<Severity> = set
        .rules
        .iter()
        .filter(|r| r.enabled)
        .map(|r| r.severity)
        .collect();
    assert_eq!(used.len(), 3, "error, warning and info are all used");
}

/// The tables `build.rs` compiles into the binary hold exactly what loading the pack
/// files at run time gives: packs, rules, files and matcher entries.
#[test]
fn the_compiled_tables_match_the_pack_files() {
    let built = ally_packs::rule_set();
    let mut loaded = RuleSet::default();
    for (name, text) in ally_packs::pack_files() {
        loaded
            .add_pack(&format!("rules/{name}"), text, None)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(built.packs, loaded.packs);
    assert_eq!(built.rules, loaded.rules);
    let files = |set: &RuleSet| -> Vec<(String, String)> {
        set.files
            .iter()
            .map(|f| (f.name.clone(), f.text.to_string()))
            .collect()
    };
    assert_eq!(files(&built), files(&loaded));
    assert_eq!(
        built.precompiled.expect("built-in entries").rules,
        loaded.rules.len()
    );
}
