//! The rule packs built into the binary (every `rules/*.toml` at build time).

use crate::rules::{parse_pack, ParsedPack, RuleSet};
use crate::source_error::SourceError;

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Loads every built-in pack. An error here is a bug in a shipped pack, and the tests
/// catch it; it is still returned, not a panic.
pub fn rule_set() -> Result<RuleSet, SourceError> {
    // Parsing is most of start-up; the packs are independent, so use every core.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(PACKS.len().max(1));
    let chunk = PACKS.len().div_ceil(threads).max(1);
    let parsed: Vec<Result<ParsedPack, SourceError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = PACKS
            .chunks(chunk)
            .map(|packs| {
                scope.spawn(move || {
                    packs
                        .iter()
                        .map(|(name, text)| parse_pack(&format!("rules/{name}"), text, None))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("pack parsing does not panic"))
            .collect()
    });
    let mut set = RuleSet::default();
    for pack in parsed {
        set.insert(pack?)?;
    }
    Ok(set)
}
