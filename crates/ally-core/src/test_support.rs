//! Helpers for the unit tests.

use crate::rules::RuleSet;

/// Repeatable pseudo-random numbers below `n` (xorshift).
pub(crate) fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    }
}

/// A small pack with the shapes the built-in ones have: phrases, inflections,
/// exceptions, a disabled pack.
pub(crate) const SMALL_PACK: &str = r#"
[pack]
id = "t"
name = "Test pack"

[[source]]
id = "s"
title = "Test source"
url = "https://example.org/guide"

[[rule]]
id = "whitelist"
terms = ["white list"]
alternatives = ["allowlist", "allow list"]
fix = "allowlist"
explanation = "e"
sources = ["s"]
inflections = ["s", "ed", "ing"]

[[rule]]
id = "master"
terms = ["master"]
alternatives = ["main"]
explanation = "e"
sources = ["s"]
exceptions = ["master's degree", "Master of Science", "master key"]

[[rule]]
id = "slave"
terms = ["slave"]
alternatives = ["replica"]
explanation = "e"
sources = ["s"]

[[rule]]
id = "man-hours"
terms = ["man hours", "manpower"]
alternatives = ["person-hours"]
fix = "person-hours"
explanation = "e"
sources = ["s"]

[[rule]]
id = "wheelchair-bound"
terms = ["wheelchair bound"]
alternatives = ["wheelchair user"]
explanation = "e"
sources = ["s"]

[[rule]]
id = "crazy"
terms = ["crazy", "Überweiß"]
alternatives = ["wild"]
explanation = "e"
sources = ["s"]
inflections = []
"#;

/// The small pack, loaded.
pub(crate) fn small_rule_set() -> RuleSet {
    let mut set = RuleSet::default();
    set.add_pack("t.toml", SMALL_PACK, None)
        .expect("the test pack loads");
    set
}
