//! Scanning one text: the compiled rules find terms, and the findings come back. No I/O:
//! the command line, stdin and an editor all call [`Scanner::scan`].
//!
//! Steps: which ranges to lint (Markdown prose, or the whole text) → the matcher →
//! drop matches inside URLs and suppression markers → drop what suppression comments
//! or path overrides silence → positions, computed only for what is left.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::finding::{replacement, Applicability, Finding, Fix};
use crate::markdown::{self, CodePolicy};
use crate::matcher::{Hit, Matcher, Workload};
use crate::position::LineCounter;
use crate::rules::{Rule, RuleSet, Severity, Source};
use crate::source_error::SourceError;
use crate::suppress::Suppressions;
use crate::url::TokenJudge;
use crate::variants::{spelling_key, term_variants};

/// Id of the finding reported for a suppression marker that names an unknown rule.
pub const UNKNOWN_RULE_ID: &str = "ally/unknown-rule";
/// Id of the finding reported for a marker that silenced nothing.
pub const UNUSED_SUPPRESSION_ID: &str = "ally/unused-suppression";

/// What kind of text a file holds, which decides what is linted and how safe fixes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Markdown: prose is linted, code is skipped unless asked.
    Markdown,
    /// Prose in another format (plain text, reStructuredText, HTML, ...): fixes are safe.
    Prose,
    /// Source code: identifiers, comments and strings are linted; fixes are unsafe.
    Code,
}

impl FileKind {
    /// Guesses the kind from a file name.
    pub fn from_path(path: &str) -> FileKind {
        if markdown::is_markdown(path) {
            return FileKind::Markdown;
        }
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let Some((_, extension)) = name.rsplit_once('.') else {
            return FileKind::Prose;
        };
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" | "rst" | "adoc" | "asciidoc" | "org" | "tex" | "html" | "htm"
            | "xhtml" | "textile" | "wiki" | "mediawiki" | "pod" | "rdoc" | "1" | "2" | "3"
            | "4" | "5" | "6" | "7" | "8" | "man" => FileKind::Prose,
            _ => FileKind::Code,
        }
    }
}

/// Settings that apply to every file.
#[derive(Debug, Clone, Default)]
pub struct ScanSettings {
    /// Whether Markdown code is linted.
    pub markdown_code: CodePolicy,
    /// Report suppression markers that silenced nothing.
    pub report_unused_suppressions: bool,
    /// How much text will be scanned (which automaton to build).
    pub workload: Workload,
}

/// The compiled rules: built once, shared by every thread.
#[derive(Debug)]
pub struct Scanner {
    rules: Vec<Arc<Rule>>,
    matcher: Matcher,
    settings: ScanSettings,
    /// Spelling keys and rule ids to rule indices, for suppression markers; built the
    /// first time a file has a marker.
    names: OnceLock<HashMap<String, Vec<usize>>>,
    unknown_rule: Arc<Rule>,
    unused_suppression: Arc<Rule>,
}

impl Scanner {
    /// Compiles the enabled rules of `rules`, plus the team's allowed phrases.
    pub fn new(
        rules: &RuleSet,
        allow: &[String],
        settings: ScanSettings,
    ) -> Result<Scanner, SourceError> {
        let matcher = Matcher::new(
            &rules.rules,
            rules.precompiled.as_ref(),
            allow,
            settings.workload,
            |rule, term, message| rules.term_error(rule, term, message),
        )?;
        Ok(Scanner {
            rules: rules.rules.clone(),
            matcher,
            settings,
            names: OnceLock::new(),
            unknown_rule: Arc::new(meta_rule(
                UNKNOWN_RULE_ID,
                Severity::Warning,
                "A suppression comment names a rule or term that ally does not know, so it silences nothing for that name. Check the spelling against `ally rules`, or remove the name.",
            )),
            unused_suppression: Arc::new(meta_rule(
                UNUSED_SUPPRESSION_ID,
                Severity::Info,
                "This suppression comment silenced nothing: the text it covered no longer holds a term it names. Removing it keeps the file's markers meaningful.",
            )),
        })
    }

    /// Waits until a [`Workload::Bulk`] scanner's automaton is built (see
    /// [`Matcher::wait_for_automaton`]).
    pub fn wait_for_automaton(&self) -> bool {
        self.matcher.wait_for_automaton()
    }

    /// Every rule, enabled or not, in load order.
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// The index of the rule with this id.
    pub fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// The rules a name in a suppression marker means: a rule id or a term.
    pub fn resolve_name(&self, name: &str) -> Vec<usize> {
        let names = self.names.get_or_init(|| names(&self.rules));
        let lower = name.trim().to_lowercase();
        if let Some(found) = names.get(&lower) {
            return found.clone();
        }
        names
            .get(&spelling_key(&lower))
            .cloned()
            .unwrap_or_default()
    }

    /// The findings in one text. `path` is how they are reported; `disabled[i]` turns
    /// rule `i` off for this file (path overrides), and may be empty.
    pub fn scan(
        &self,
        path: &Arc<str>,
        text: &str,
        kind: FileKind,
        disabled: &[bool],
    ) -> Vec<Finding> {
        let mut hits: Vec<Hit> = Vec::new();
        let mut code_ranges: Vec<Range<usize>> = Vec::new();
        if kind == FileKind::Markdown {
            for region in markdown::regions(text, self.settings.markdown_code) {
                if region.code {
                    code_ranges.push(region.range.clone());
                }
                self.matcher.find(text, region.range, &mut hits);
            }
        } else {
            self.matcher.find(text, 0..text.len(), &mut hits);
        }
        let mut suppressions = Suppressions::parse(text, &|name| self.resolve_name(name));
        let mut counter = LineCounter::new(text);
        let mut findings = Vec::with_capacity(hits.len());
        let mut replacements: HashMap<(usize, usize, &str), Option<String>> = HashMap::new();
        let mut tokens = TokenJudge::new(text);
        // Hits come in order of position, and so do code ranges: walk both together.
        let mut next_code = 0;
        for hit in hits {
            let range = hit.start..hit.end;
            if disabled.get(hit.rule).copied().unwrap_or(false)
                || tokens.in_url_like_token(hit.start, hit.end)
                || tokens.in_encoded_data(hit.start, hit.end)
                || suppressions.in_marker(&range)
                || suppressions.silences(hit.rule, &range)
            {
                continue;
            }
            let rule = &self.rules[hit.rule];
            let matched = &text[range.clone()];
            while code_ranges
                .get(next_code)
                .is_some_and(|r| r.end <= hit.start)
            {
                next_code += 1;
            }
            let in_code = kind == FileKind::Code
                || code_ranges
                    .get(next_code)
                    .is_some_and(|r| r.contains(&hit.start));
            // A document repeats its few terms many times: derive each fix once.
            let fix = replacements
                .entry((hit.rule, hit.term, matched))
                .or_insert_with(|| replacement(rule, &rule.terms[hit.term], matched))
                .clone()
                .map(|replacement| Fix {
                    replacement,
                    applicability: if in_code {
                        Applicability::Unsafe
                    } else {
                        Applicability::Safe
                    },
                });
            findings.push(Finding {
                path: path.clone(),
                rule: rule.clone(),
                severity: rule.severity,
                matched: matched.to_owned(),
                start: counter.position(hit.start),
                end: counter.position(hit.end),
                fix,
                excerpt: None,
            });
        }
        let mut extra = Vec::new();
        for marker in &suppressions.markers {
            for name in &marker.unknown {
                let at = text[marker.span.clone()]
                    .find(name.as_str())
                    .map_or(marker.span.start, |i| marker.span.start + i);
                extra.push((at..at + name.len(), self.unknown_rule.clone()));
            }
        }
        if self.settings.report_unused_suppressions {
            for marker in suppressions.unused() {
                extra.push((marker.span.clone(), self.unused_suppression.clone()));
            }
        }
        if !extra.is_empty() {
            let mut counter = LineCounter::new(text);
            extra.sort_by_key(|(range, _)| range.start);
            for (range, rule) in extra {
                let end = text[range.clone()].trim_end().len() + range.start;
                findings.push(Finding {
                    path: path.clone(),
                    severity: rule.severity,
                    rule,
                    matched: text[range.start..end].to_owned(),
                    start: counter.position(range.start),
                    end: counter.position(end),
                    fix: None,
                    excerpt: None,
                });
            }
            findings.sort_by_key(|f| f.start.offset);
        }
        findings
    }
}

/// Rule ids and every spelling of every term, to the rules they name.
fn names(rules: &[Arc<Rule>]) -> HashMap<String, Vec<usize>> {
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        names.entry(rule.id.to_lowercase()).or_default().push(index);
        for term in &rule.terms {
            for variant in term_variants(term, &rule.inflections) {
                let entry = names.entry(spelling_key(&variant)).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
    }
    // An enabled rule wins over a disabled one that spells the same term.
    for indices in names.values_mut() {
        if indices.iter().any(|&i| rules[i].enabled) {
            indices.retain(|&i| rules[i].enabled);
        }
    }
    names
}

/// A rule of ally's own (about markers, not words).
fn meta_rule(id: &str, severity: Severity, explanation: &str) -> Rule {
    Rule {
        id: id.to_owned(),
        pack: "ally".to_owned(),
        terms: Vec::new(),
        alternatives: Vec::new(),
        fix: None,
        severity,
        explanation: explanation.to_owned(),
        sources: vec![Source {
            id: "design".to_owned(),
            title: "ally: suppression comments".to_owned(),
            url: "https://crates.io/crates/ally".to_owned(),
        }],
        exceptions: Vec::new(),
        inflections: Vec::new(),
        enabled: true,
        origin: Default::default(),
    }
}
