//! What ally reports: plain data, rendered by every output format alike.

use std::sync::Arc;

use serde::Serialize;

use crate::rules::{Rule, Severity};
use crate::spelling::{inflect, spelling_key, term_variants};
use crate::text::{Excerpt, Position};

/// Whether a fix can be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as a suggestion, never applied: it needs a person (a sentence to
    /// rewrite).
    DisplayOnly,
    /// Applied only when asked for unsafe fixes: it may change meaning or an API (an
    /// identifier renamed, one of several alternatives chosen).
    Unsafe,
    /// Applied by `--fix`: one replacement for the sense, in prose, that reads as
    /// correct English.
    Safe,
}

/// One change to a text: the bytes between `start` and `end` replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Where the replaced text starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
    /// The new text.
    pub replacement: String,
}

/// A finding's fix: one or more edits, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The edits, in order, not overlapping.
    pub edits: Vec<Edit>,
    /// Whether `--fix` applies it alone, only with `--unsafe-fixes`, or never.
    pub applicability: Applicability,
}

impl Fix {
    /// The edit that replaces the finding's own text (`start..end` in bytes): the one
    /// that overlaps it, else the first.
    pub fn main_edit(&self, start: usize, end: usize) -> Option<&Edit> {
        self.edits
            .iter()
            .find(|e| {
                e.start.offset < end.max(start + 1) && start < e.end.offset.max(e.start.offset + 1)
            })
            .or(self.edits.first())
    }

    /// Whether the fix changes exactly `start..end` and nothing else.
    pub fn is_simple(&self, start: usize, end: usize) -> bool {
        matches!(self.edits.as_slice(), [one] if one.start.offset == start && one.end.offset == end)
    }
}

/// One term found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The path as reported (relative as given on the command line).
    pub path: Arc<str>,
    /// The rule (with configuration applied).
    #[serde(serialize_with = "rule_id")]
    pub rule: Arc<Rule>,
    /// The severity (with configuration applied).
    pub severity: Severity,
    /// The text exactly as it stands between `start` and `end`.
    pub matched: String,
    /// Where the text starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
    /// The replacement a fix would apply, if any.
    pub fix: Option<Fix>,
    /// The lines around the finding, for reports that show them (cut while the text
    /// was at hand; see [`Excerpt`]).
    #[serde(skip)]
    pub excerpt: Option<Box<Excerpt>>,
    /// In code, the identifier the match is part of.
    #[serde(skip)]
    pub identifier: Option<Identifier>,
    /// Which of the rule's terms was found (an index into `rule.terms`).
    #[serde(skip)]
    pub term: usize,
}

/// The identifier a finding in code is part of, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    /// The identifier (`SlaveRegistry`).
    pub name: Arc<str>,
    /// Whether this file defines (declares or sets) it where the match stands.
    pub defined_here: bool,
    /// Whether this file imports it or reaches it through another name
    /// (`lib.slave_count`, `replication::SlaveLag`): surely someone else's, unless a
    /// checked file defines it.
    pub brought_in: bool,
    /// Whether no checked file defines it: someone else's name, used here.
    pub outside: bool,
}

fn rule_id<S: serde::Serializer>(rule: &Arc<Rule>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&rule.id)
}

impl Finding {
    /// The one-line message: what to consider instead.
    pub fn message(&self) -> String {
        let suggested = self.suggestions();
        let base = message_with(&self.rule, &self.matched, &suggested);
        match &self.identifier {
            Some(identifier) if identifier.outside => format!(
                "`{}` is defined outside this project (no checked file defines it): rename it where it is defined, or add it to `allow` ({base})",
                identifier.name,
            ),
            _ => base,
        }
    }

    /// The rule's alternatives in the case and form of the matched text (see
    /// [`suggestions`]).
    pub fn suggestions(&self) -> Vec<String> {
        match self.rule.terms.get(self.term) {
            Some(term) => suggestions(&self.rule, term, &self.matched),
            None => self.rule.alternatives.clone(),
        }
    }
}

/// Judges identifiers across files: one that no checked file defines (`defined`
/// holds the names some file defines) is someone else's, so its findings drop to
/// `info`, saying so. One a file imports or qualifies is reported once in that file:
/// the import is where the name comes in. A bare name that nothing defines or imports
/// (a global, a builtin, a name from a file not checked) is shown at each use, so
/// that whoever does own it sees every place. The command line calls this once every
/// file is checked; with a single file or a buffer, the checked files are that one.
pub fn resolve_ownership(
    findings: &mut Vec<Finding>,
    defined: &std::collections::HashSet<Arc<str>>,
) {
    let mut seen: std::collections::HashSet<(Arc<str>, Arc<str>)> =
        std::collections::HashSet::new();
    findings.retain_mut(|finding| {
        let Some(identifier) = &mut finding.identifier else {
            return true;
        };
        if defined.contains(&identifier.name) {
            return true;
        }
        identifier.outside = true;
        finding.severity = Severity::Info;
        finding.fix = None;
        !identifier.brought_in || seen.insert((finding.path.clone(), identifier.name.clone()))
    });
}

/// The identifiers that the findings' files define.
pub fn defined_identifiers<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
) -> std::collections::HashSet<Arc<str>> {
    findings
        .into_iter()
        .filter_map(|f| f.identifier.as_ref())
        .filter(|i| i.defined_here)
        .map(|i| i.name.clone())
        .collect()
}

/// "Consider `allowlist` instead of `whitelist`", or a gentler line without alternatives.
/// The matched text is shown with each run of white space as one space.
pub fn message(rule: &Rule, matched: &str) -> String {
    message_with(rule, matched, &rule.alternatives)
}

/// [`message`], naming `suggested` (the alternatives in the matched text's form).
pub fn message_with(rule: &Rule, matched: &str, suggested: &[String]) -> String {
    let shown = matched.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(template) = &rule.message {
        return template.replace("{matched}", &shown);
    }
    match rule.id.as_str() {
        crate::engine::UNKNOWN_RULE_ID => {
            return format!(
                "`{shown}` is not a rule id or term ally knows: this marker silences nothing for it"
            )
        }
        crate::engine::UNUSED_SUPPRESSION_ID => {
            return "This suppression comment silenced nothing".to_owned()
        }
        crate::engine::MISSPELLED_MARKER_ID => {
            return match crate::suppress::nearest_marker(&shown) {
                Some(marker) => format!(
                    "`{shown}` is not a marker ally knows, and silences nothing: did you mean `{marker}`?"
                ),
                None => format!("`{shown}` is not a marker ally knows, and silences nothing"),
            }
        }
        _ => {}
    }
    match suggested {
        [] => format!(
            "`{shown}` may exclude some readers: see `ally explain {}`",
            rule.id
        ),
        [one] => format!("Consider `{one}` instead of `{shown}`"),
        [first, second, ..] => format!("Consider `{first}` or `{second}` instead of `{shown}`"),
    }
}

/// The replacement for `matched`, found as spelling `term` of `rule`: the rule's fix
/// word, inflected as `matched` is and written in its case and word style
/// (`WHITELIST`→`ALLOWLIST`, `whiteList`→`allowList`, `white_list`→`allow_list`).
pub fn replacement(rule: &Rule, term: &str, matched: &str) -> Option<String> {
    let fix = rule.fix.as_deref()?;
    // The fix as words, from the alternative that spells it with spaces if there is one.
    let fix_key = spelling_key(fix);
    let spaced = rule
        .alternatives
        .iter()
        .filter(|a| spelling_key(a) == fix_key)
        .max_by_key(|a| a.split_whitespace().count())
        .map_or(fix, String::as_str);
    shaped(rule, fix, spaced, term, matched)
}

/// Every alternative of `rule` in the case and form of `matched` (found as spelling
/// `term`), one per alternative, the fix's replacement first when the rule has one:
/// `man-hours` → `person-hours`, `WHITELIST` → `ALLOWLIST`, `ALLOW LIST`.
pub fn suggestions(rule: &Rule, term: &str, matched: &str) -> Vec<String> {
    let mut out: Vec<String> = rule
        .alternatives
        .iter()
        .map(|alternative| {
            shaped(rule, alternative, alternative, term, matched)
                .unwrap_or_else(|| alternative.clone())
        })
        .collect();
    if let Some(first) = replacement(rule, term, matched) {
        let fix_key = rule.fix.as_deref().map(spelling_key);
        // The fix stands in for the alternative it spells, at the front.
        let at = rule
            .alternatives
            .iter()
            .position(|a| Some(spelling_key(a)) == fix_key)
            .unwrap_or(out.len().saturating_sub(1));
        if !out.is_empty() {
            out.remove(at);
        }
        out.insert(0, first);
    }
    out
}

/// `word` (spelled with spaces as `spaced`) in the case and form of `matched`.
fn shaped(rule: &Rule, word: &str, spaced: &str, term: &str, matched: &str) -> Option<String> {
    let fix = word;
    // Which ending does the matched spelling carry?
    let matched_key = spelling_key(matched);
    let term_key = spelling_key(term);
    let ending = if matched_key == term_key {
        None
    } else {
        rule.inflections.iter().find(|ending| {
            term_variants(term, std::slice::from_ref(ending))
                .iter()
                .any(|v| spelling_key(v) == matched_key)
        })
    };
    let mut words: Vec<String> = spaced.split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return None;
    }
    // `allowed list` takes no `ed`: its verb is already the first word's.
    let verb_first = words.len() > 1
        && words[..words.len() - 1]
            .iter()
            .any(|w| w.ends_with("ed") || w.ends_with("ing"));
    let ending = ending.filter(|e| !(verb_first && matches!(e.as_str(), "ed" | "ing")));
    // A plural takes no `s` where the alternative is not a noun to count: an
    // adjective or participle ("fully supported", "built-in") or a phrase with its
    // own article ("an afterthought").
    let last_word = words.last().map(String::as_str).unwrap_or("");
    let uncountable = last_word.ends_with("ed")
        || last_word.ends_with("ing")
        || last_word.ends_with("-in")
        || words.len() > 1 && matches!(words[0].to_lowercase().as_str(), "a" | "an" | "the");
    let ending = ending.filter(|e| !(uncountable && matches!(e.as_str(), "s" | "es")));
    if let Some(ending) = ending {
        let last = words.len() - 1;
        words[last] = inflect(&words[last], ending);
    }
    let style = WordStyle::of(matched);
    let joined = match style {
        WordStyle::Snake if words.len() > 1 => words.join("_"),
        WordStyle::Kebab if words.len() > 1 => words.join("-"),
        WordStyle::Camel if words.len() > 1 => {
            let mut out = words[0].clone();
            for word in &words[1..] {
                out.push_str(&capitalise(word));
            }
            out
        }
        _ => match ending {
            Some(ending) => inflect(fix, ending),
            None => fix.to_owned(),
        },
    };
    Some(apply_case(matched, &joined))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordStyle {
    Snake,
    Kebab,
    Camel,
    Plain,
}

impl WordStyle {
    fn of(matched: &str) -> WordStyle {
        // A phrase with spaces is words, whatever joins some of them ("first-class
        // citizens").
        if matched.contains(char::is_whitespace) {
            WordStyle::Plain
        } else if matched.contains('_') {
            WordStyle::Snake
        } else if matched.contains('-') {
            WordStyle::Kebab
        } else if matched
            .chars()
            .zip(matched.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
        {
            WordStyle::Camel
        } else {
            WordStyle::Plain
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `replacement` in the case of `matched`: all capitals, capitalised, or as written.
fn apply_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        return capitalise(replacement);
    }
    replacement.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn rule() -> Rule {
        let mut set = RuleSet::default();
        set.add_pack(
            "t.toml",
            r#"
[pack]
id = "tech"
name = "T"
[[source]]
id = "s"
title = "S"
url = "https://example.org"
[[rule]]
id = "whitelist"
terms = ["white list"]
alternatives = ["allowlist", "allow list"]
fix = "allowlist"
explanation = "e"
sources = ["s"]
inflections = ["s", "ed", "ing"]
"#,
            None,
        )
        .unwrap();
        std::sync::Arc::unwrap_or_clone(set.rules.remove(0))
    }

    #[test]
    fn case_and_style_are_preserved() {
        let rule = rule();
        let table = [
            ("whitelist", "allowlist"),
            ("Whitelist", "Allowlist"),
            ("WHITELIST", "ALLOWLIST"),
            ("whiteList", "allowList"),
            ("WhiteList", "AllowList"),
            ("white_list", "allow_list"),
            ("WHITE_LIST", "ALLOW_LIST"),
            ("white-list", "allow-list"),
            ("whitelisted", "allowlisted"),
            ("Whitelisting", "Allowlisting"),
            ("whitelists", "allowlists"),
            ("white list", "allowlist"),
        ];
        for (matched, want) in table {
            assert_eq!(
                replacement(&rule, "white list", matched).as_deref(),
                Some(want),
                "{matched}"
            );
        }
    }

    #[test]
    fn messages_suggest() {
        let rule = rule();
        assert_eq!(
            message(&rule, "whitelist"),
            "Consider `allowlist` or `allow list` instead of `whitelist`"
        );
    }
}
