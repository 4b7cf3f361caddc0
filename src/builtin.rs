//! The rule packs built into the binary (every `rules/*.toml` at build time).

use crate::rules::RuleSet;
use crate::source_error::SourceError;

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Loads every built-in pack. An error here is a bug in a shipped pack, and the tests
/// catch it; it is still returned, not a panic.
pub fn rule_set() -> Result<RuleSet, SourceError> {
    let mut set = RuleSet::default();
    for (name, text) in PACKS {
        set.add_pack(&format!("rules/{name}"), text, None)?;
    }
    Ok(set)
}
