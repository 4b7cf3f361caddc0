//! The rule packs built into ally: every `rules/*.toml` of the repository, compiled
//! when this crate is built (see `build.rs` and `ally_core::compiled`), so that
//! start-up only reads tables.

#![warn(missing_docs)]

use ally_core::RuleSet;

/// The compiled packs.
static PACKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/packs.bin"));

/// Every built-in pack and rule, with their precomputed matcher entries.
pub fn rule_set() -> RuleSet {
    // Made from these packs by this engine's own code when the crate was built.
    ally_core::compiled::load(PACKS).expect("the built-in packs were compiled by this engine")
}

/// The built-in pack files, by name (`tech.toml`) and text.
pub fn pack_files() -> Vec<(String, &'static str)> {
    rule_set()
        .files
        .into_iter()
        .filter_map(|file| {
            let name = file.name.strip_prefix("rules/")?.to_owned();
            match file.text {
                ally_core::PackText::Static(text) => Some((name, text)),
                ally_core::PackText::Shared(_) => None,
            }
        })
        .collect()
}
