//! `ally rules` and `ally explain`: the rules listing (a contract) and explanations.

use serde::Serialize;

use crate::terminal::escape_except;
use ally_core::{Pack, Rule, RuleSet, Source};

#[derive(Serialize)]
struct Listing<'a> {
    version: u32,
    packs: &'a [Pack],
    rules: Vec<ListedRule<'a>>,
}

#[derive(Serialize)]
struct ListedRule<'a> {
    id: &'a str,
    pack: &'a str,
    enabled: bool,
    severity: &'static str,
    terms: &'a [String],
    alternatives: &'a [String],
    fix: &'a Option<String>,
    exceptions: Vec<&'a str>,
    inflections: &'a [String],
    explanation: &'a str,
    sources: &'a [Source],
}

/// The JSON listing of every loaded pack and rule, enabled or not.
pub fn json(set: &RuleSet) -> Vec<u8> {
    let listing = Listing {
        version: 1,
        packs: &set.packs,
        rules: set
            .rules
            .iter()
            .map(|r| ListedRule {
                id: &r.id,
                pack: &r.pack,
                enabled: r.enabled,
                severity: r.severity.as_str(),
                terms: &r.terms,
                alternatives: &r.alternatives,
                fix: &r.fix,
                exceptions: r.exceptions.iter().map(|e| e.phrase.as_str()).collect(),
                inflections: &r.inflections,
                explanation: &r.explanation,
                sources: &r.sources,
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&listing).expect("a listing always serialises");
    out.push(b'\n');
    out
}

/// A table of packs and rules for people.
pub fn human(set: &RuleSet) -> String {
    let mut out = String::new();
    for pack in &set.packs {
        let rules: Vec<&Rule> = set
            .rules
            .iter()
            .filter(|r| r.pack == pack.id)
            .map(|r| &**r)
            .collect();
        let state = if pack.enabled { "on" } else { "off" };
        out.push_str(&format!(
            "{} ({state}, {} rules): {}\n",
            pack.id,
            rules.len(),
            pack.name
        ));
        for rule in rules {
            let state = if rule.enabled { "" } else { " (off)" };
            out.push_str(&format!(
                "  {:<40} {:<8} {}{state}\n",
                rule.id,
                rule.severity.as_str(),
                rule.terms.join(", ")
            ));
        }
        out.push('\n');
    }
    out.push_str("`ally explain RULE-ID` explains one rule.\n");
    escape_except(&out, &['\n']).into_owned()
}

/// The explanation of one rule: what it finds, what to say instead, why, and sources.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} ({}{})\n\n",
        rule.id,
        rule.severity,
        if rule.enabled { "" } else { ", off" }
    ));
    out.push_str(&format!("Finds: {}\n", rule.terms.join(", ")));
    if !rule.alternatives.is_empty() {
        out.push_str(&format!(
            "Instead, consider: {}\n",
            rule.alternatives.join(", ")
        ));
    }
    if let Some(fix) = &rule.fix {
        out.push_str(&format!("Fix: `{fix}` (applied in prose by --fix)\n"));
    }
    if !rule.exceptions.is_empty() {
        let phrases: Vec<String> = rule
            .exceptions
            .iter()
            .map(|e| match e.context {
                Some(_) => format!("{} (in some senses)", e.phrase),
                None => e.phrase.clone(),
            })
            .collect();
        out.push_str(&format!("Not flagged: {}\n", phrases.join(", ")));
    }
    out.push('\n');
    out.push_str(&super::human::wrap(&rule.explanation, 88));
    out.push_str("\n\nSources:\n");
    for source in &rule.sources {
        out.push_str(&format!("  - {} <{}>\n", source.title, source.url));
    }
    out.push_str(&format!(
        "\nYour team prefers other words? In ally.toml:\n  [rules.\"{}\"]\n  alternatives = [\"...\"]\n",
        rule.id
    ));
    // Packs are files like any other: nothing in them may drive the terminal.
    escape_except(&out, &['\n']).into_owned()
}
