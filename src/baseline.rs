//! What identifies a finding across commits: the file, the rule, the matched text and
//! the words around it on its line, never the line number. SARIF's partial
//! fingerprints and the baseline file (`--write-baseline`, `--baseline`) both use it,
//! so a finding keeps its identity when lines are inserted above it.

use std::collections::HashMap;
use std::path::Path;

use ally_core::Finding;
use serde::{Deserialize, Serialize};

/// A finding's identity. Two findings with the same key on one file (the same phrase
/// twice) are told apart by [`Keyed::occurrence`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The path as reported, `/`-separated, without a leading `./`.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The matched text, as it stands.
    pub matched: String,
    /// The words around the match on its line (the excerpt's window), white space
    /// collapsed.
    pub context: String,
}

/// The key of each finding, in order, with its occurrence among findings of that key
/// (0 for the first).
pub struct Keyed<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Its key.
    pub key: Key,
    /// How many findings before it in the list have the same key.
    pub occurrence: usize,
}

/// The key of one finding. Its context comes from the excerpt the engine cut (so the
/// run must ask for excerpts); without one, the matched text alone stands for it.
pub fn key(finding: &Finding) -> Key {
    let context = finding
        .excerpt
        .as_ref()
        .and_then(|excerpt| {
            excerpt
                .lines
                .iter()
                .find(|line| line.number == Some(finding.start.line))
        })
        .map(|line| format!("{}{}{}", line.before, line.marked, line.after))
        .unwrap_or_default();
    Key {
        path: crate::report::relative_path(&finding.path),
        rule: finding.rule.id.clone(),
        matched: finding.matched.clone(),
        context: context.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Every finding with its key and occurrence.
pub fn keyed(findings: &[Finding]) -> Vec<Keyed<'_>> {
    let mut seen: HashMap<Key, usize> = HashMap::new();
    findings
        .iter()
        .map(|finding| {
            let key = key(finding);
            let count = seen.entry(key.clone()).or_default();
            let occurrence = *count;
            *count += 1;
            Keyed {
                finding,
                key,
                occurrence,
            }
        })
        .collect()
}

/// A stable 64-bit hash (FNV-1a) of a key and its occurrence, as hex: the same in
/// every run and every version of ally that keeps this scheme.
pub fn fingerprint(key: &Key, occurrence: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        key.path.as_str(),
        key.rule.as_str(),
        key.matched.as_str(),
        key.context.as_str(),
        &occurrence.to_string(),
    ] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The baseline file: the findings a team has accepted for now.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format's version.
    pub version: u32,
    /// The recorded findings, each with how many times its key occurs.
    pub findings: Vec<Entry>,
}

/// One recorded finding (with `count` occurrences of its key).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The path as reported.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The matched text.
    pub matched: String,
    /// The words around it on its line.
    pub context: String,
    /// The line it was on when recorded (for people reading the file; not matched).
    pub line: usize,
    /// How many findings have this key.
    pub count: usize,
}

impl Baseline {
    /// The baseline of `findings`, sorted by path, then line.
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = Vec::new();
        let mut index: HashMap<Key, usize> = HashMap::new();
        for keyed in keyed(findings) {
            match index.get(&keyed.key) {
                Some(&k) => entries[k].count += 1,
                None => {
                    index.insert(keyed.key.clone(), entries.len());
                    let Key {
                        path,
                        rule,
                        matched,
                        context,
                    } = keyed.key;
                    entries.push(Entry {
                        path,
                        rule,
                        matched,
                        context,
                        line: keyed.finding.start.line,
                        count: 1,
                    });
                }
            }
        }
        Baseline {
            version: 1,
            findings: entries,
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            format!(
                "line {}: not an ally baseline ({e}); write one with --write-baseline",
                e.line()
            )
        })?;
        if baseline.version != 1 {
            return Err(format!(
                "baseline version {} is not one this ally reads (1)",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON, one entry per recorded finding.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Drops from `findings` those the baseline records (each recorded key as many
    /// times as its count), and says how many recorded findings were not seen: gone
    /// from the files, so the baseline can shrink.
    pub fn filter(&self, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
        let mut left: HashMap<Key, usize> = HashMap::new();
        for entry in &self.findings {
            let key = Key {
                path: entry.path.clone(),
                rule: entry.rule.clone(),
                matched: entry.matched.clone(),
                context: entry.context.clone(),
            };
            *left.entry(key).or_default() += entry.count;
        }
        let keep: Vec<bool> = keyed(&findings)
            .into_iter()
            .map(|keyed| match left.get_mut(&keyed.key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect();
        let gone = left.values().sum();
        let kept = findings
            .into_iter()
            .zip(keep)
            .filter_map(|(finding, keep)| keep.then_some(finding))
            .collect();
        (kept, gone)
    }
}
