//! Parsing a rule pack: the TOML format, strict (unknown keys are errors), with every
//! error naming the file, line and column through [`SourceError`].

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Context, Exception, Origin, Pack, PackFile, PackText, Rule, RuleSet, Severity, Source,
};
use crate::error::{did_you_mean, unknown_key_note, SourceError};
use crate::spelling::{spelling_key, term_key};

const PACK_KEYS: &[&str] = &["id", "name", "description", "language", "enabled"];
const SOURCE_KEYS: &[&str] = &["id", "title", "url"];
const RULE_KEYS: &[&str] = &[
    "id",
    "terms",
    "alternatives",
    "fix",
    "severity",
    "explanation",
    "sources",
    "exceptions",
    "inflections",
    "context",
    "git_refs",
    "message",
    "reads",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    pack: Spanned<RawPack>,
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_true")]
    enabled: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    title: String,
    url: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    terms: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    alternatives: Vec<Spanned<String>>,
    fix: Option<Spanned<String>>,
    #[serde(default = "default_severity")]
    severity: Spanned<String>,
    explanation: Spanned<String>,
    sources: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    exceptions: Vec<Spanned<RawException>>,
    inflections: Option<Vec<Spanned<String>>>,
    context: Option<Spanned<Context>>,
    #[serde(default)]
    git_refs: Vec<String>,
    message: Option<Spanned<String>>,
    #[serde(default)]
    reads: Vec<Spanned<String>>,
}

/// An exception as written: a phrase, or a table with a phrase and its context.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawException {
    Phrase(String),
    Sensed(RawSensedException),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSensedException {
    phrase: String,
    before: Option<String>,
    not_before: Option<String>,
    after: Option<String>,
    not_after: Option<String>,
    #[serde(default)]
    no_person_before: bool,
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_true() -> bool {
    true
}

fn default_severity() -> Spanned<String> {
    Spanned::new(0..0, "warning".to_owned())
}

/// True for ids made of lowercase ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// One pack file, parsed and validated on its own, ready to join a [`RuleSet`].
#[derive(Debug, Clone)]
pub struct ParsedPack {
    pack: Pack,
    rules: Vec<Rule>,
    file: PackFile,
    id_span: Range<usize>,
}

impl RuleSet {
    /// Parses one pack file and adds its pack and rules. Nothing is added on error.
    pub fn add_pack(
        &mut self,
        name: &str,
        text: &str,
        path: Option<std::path::PathBuf>,
    ) -> Result<(), SourceError> {
        self.insert(parse_pack(name, text, path)?)
    }

    /// Adds a parsed pack. A second pack with the same id is an error.
    pub fn insert(&mut self, parsed: ParsedPack) -> Result<(), SourceError> {
        if self.packs.iter().any(|p| p.id == parsed.pack.id) {
            return Err(SourceError::new(
                parsed.file.name.clone(),
                parsed.file.text.shared(),
                parsed.id_span,
                format!("a pack with id `{}` is already loaded", parsed.pack.id),
            ));
        }
        let file_index = self.files.len();
        self.files.push(parsed.file);
        self.packs.push(parsed.pack);
        self.rules.extend(parsed.rules.into_iter().map(|mut rule| {
            rule.origin.file = file_index;
            Arc::new(rule)
        }));
        Ok(())
    }
}

/// Whether a context's patterns are regular expressions that compile (and not too
/// large: a pattern runs on every candidate).
fn check_context(context: &Context) -> Result<(), String> {
    for (key, pattern) in context.patterns() {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| format!("`{key}` is not a valid regular expression: {e}"))?;
    }
    Ok(())
}

/// Parses and validates one pack file on its own (no I/O; safe to run in parallel).
pub fn parse_pack(
    name: &str,
    text: &str,
    path: Option<std::path::PathBuf>,
) -> Result<ParsedPack, SourceError> {
    let shared: Arc<str> = Arc::from(text);
    let error =
        |span: Range<usize>, message: String| SourceError::new(name, shared.clone(), span, message);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_owned();
        let mut err = error(span, format!("invalid rule pack: {message}"));
        if let Some(note) = unknown_key_note(&message, &[PACK_KEYS, SOURCE_KEYS, RULE_KEYS]) {
            err = err.with_note(note);
        }
        err
    })?;
    let pack_span = raw.pack.span();
    let raw_pack = raw.pack.into_inner();
    let pack_id = raw_pack.id.get_ref().clone();
    if !is_valid_id(&pack_id) {
        return Err(error(
            raw_pack.id.span(),
            format!("pack id `{pack_id}` must be lowercase letters, digits and `-`"),
        ));
    }
    let id_span = raw_pack.id.span();
    if raw_pack.name.trim().is_empty() {
        return Err(error(pack_span, "the pack needs a `name`".to_owned()));
    }

    let mut sources: HashMap<String, Source> = HashMap::new();
    for raw_source in &raw.source {
        let source = raw_source.get_ref();
        let id = source.id.get_ref();
        if sources.contains_key(id) {
            return Err(error(
                source.id.span(),
                format!("source id `{id}` is used twice in this pack"),
            ));
        }
        let url = source.url.get_ref();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(error(
                source.url.span(),
                format!("source `{id}` needs a web address starting with https:// (got `{url}`)"),
            ));
        }
        sources.insert(
            id.clone(),
            Source {
                id: id.clone(),
                title: source.title.clone(),
                url: url.clone(),
            },
        );
    }

    let mut rules = Vec::with_capacity(raw.rule.len());
    let mut rule_ids: HashMap<String, ()> = HashMap::new();
    let mut term_owner: HashMap<String, String> = HashMap::new();
    for raw_rule in raw.rule {
        let rule_span = raw_rule.span();
        let raw_rule = raw_rule.into_inner();
        let short_id = raw_rule.id.get_ref().clone();
        if !is_valid_id(&short_id) {
            return Err(error(
                raw_rule.id.span(),
                format!("rule id `{short_id}` must be lowercase letters, digits and `-`"),
            ));
        }
        if rule_ids.insert(short_id.clone(), ()).is_some() {
            return Err(error(
                raw_rule.id.span(),
                format!("rule id `{short_id}` is used twice in this pack"),
            ));
        }
        let id = format!("{pack_id}/{short_id}");

        let severity_name = raw_rule.severity.get_ref();
        let severity = Severity::parse(severity_name).ok_or_else(|| {
            let span = if raw_rule.severity.span().is_empty() {
                rule_span.clone()
            } else {
                raw_rule.severity.span()
            };
            error(
                span,
                format!("unknown severity `{severity_name}` in rule `{id}`"),
            )
            .with_note("severity is one of: error, warning, info")
        })?;

        let terms_span = raw_rule.terms.span();
        let raw_terms = raw_rule.terms.into_inner();
        if raw_terms.is_empty() {
            return Err(error(
                terms_span,
                format!("rule `{id}` has no terms: give at least one"),
            ));
        }
        let mut terms = Vec::with_capacity(raw_terms.len());
        let mut term_spans = Vec::with_capacity(raw_terms.len());
        for term in raw_terms {
            if term_key(term.get_ref()).is_empty() {
                return Err(error(term.span(), format!("rule `{id}` has an empty term")));
            }
            if !term.get_ref().chars().any(char::is_alphanumeric) {
                return Err(error(
                    term.span(),
                    format!(
                        "the term `{}` in rule `{id}` has no letter or digit: it would match \
                         punctuation anywhere",
                        term.get_ref()
                    ),
                ));
            }
            let key = spelling_key(term.get_ref());
            if let Some(owner) = term_owner.get(&key) {
                if *owner == id {
                    return Err(error(
                            term.span(),
                            format!("rule `{id}` lists the term `{}` twice", term.get_ref()),
                        )
                        .with_note("spellings joined with spaces, `-`, `_` or nothing are derived: write the term once"));
                }
                return Err(error(
                    term.span(),
                    format!(
                        "the term `{}` is already claimed by rule `{owner}`",
                        term.get_ref()
                    ),
                )
                .with_note("a term belongs to one rule; merge the rules or drop one term"));
            }
            term_owner.insert(key, id.clone());
            term_spans.push(term.span());
            terms.push(term.into_inner());
        }

        let explanation = raw_rule.explanation.get_ref().trim().to_owned();
        if explanation.is_empty() {
            return Err(error(
                raw_rule.explanation.span(),
                format!("rule `{id}` needs an explanation"),
            ));
        }

        let sources_span = raw_rule.sources.span();
        let cited = raw_rule.sources.into_inner();
        if cited.is_empty() {
            return Err(error(
                sources_span,
                format!("rule `{id}` must cite at least one source"),
            ));
        }
        let mut rule_sources = Vec::with_capacity(cited.len());
        for source_id in cited {
            match sources.get(source_id.get_ref()) {
                Some(source) => rule_sources.push(source.clone()),
                None => {
                    let known: Vec<&str> = sources.keys().map(String::as_str).collect();
                    let mut err = error(
                        source_id.span(),
                        format!(
                            "rule `{id}` cites source `{}`, which this pack does not define",
                            source_id.get_ref()
                        ),
                    );
                    if let Some(name) = did_you_mean(source_id.get_ref(), known) {
                        err = err.with_note(format!("did you mean `{name}`?"));
                    }
                    return Err(err);
                }
            }
        }

        let mut inflections = Vec::new();
        for ending in raw_rule
            .inflections
            .unwrap_or_else(|| vec![Spanned::new(0..0, "s".to_owned())])
        {
            let text = ending.get_ref();
            if text.is_empty() || !text.chars().all(|c| c.is_alphabetic() || c == '\'') {
                return Err(error(
                    ending.span(),
                    format!(
                        "inflection `{text}` in rule `{id}` must be letters, like \"s\" or \"ed\""
                    ),
                ));
            }
            inflections.push(text.to_lowercase());
        }

        let mut exceptions = Vec::with_capacity(raw_rule.exceptions.len());
        for raw in raw_rule.exceptions {
            let span = raw.span();
            let exception = match raw.into_inner() {
                RawException::Phrase(phrase) => Exception::phrase(phrase),
                RawException::Sensed(sensed) => Exception {
                    phrase: sensed.phrase,
                    context: Some(Context {
                        before: sensed.before,
                        not_before: sensed.not_before,
                        after: sensed.after,
                        not_after: sensed.not_after,
                        no_person_before: sensed.no_person_before,
                    }),
                },
            };
            if term_key(&exception.phrase).is_empty() {
                return Err(error(span, format!("rule `{id}` has an empty exception")));
            }
            if let Some(context) = &exception.context {
                check_context(context).map_err(|message| {
                    error(
                        span.clone(),
                        format!("an exception of rule `{id}`: {message}"),
                    )
                })?;
            }
            exceptions.push(exception);
        }
        let context = match raw_rule.context {
            Some(context) => {
                let span = context.span();
                let context = context.into_inner();
                check_context(&context).map_err(|message| {
                    error(span, format!("the context of rule `{id}`: {message}"))
                })?;
                Some(context)
            }
            None => None,
        };
        let message = match raw_rule.message {
            Some(message) if message.get_ref().trim().is_empty() => {
                return Err(error(
                    message.span(),
                    format!("rule `{id}` has an empty message"),
                ));
            }
            Some(message) => Some(message.into_inner()),
            None => None,
        };

        let mut reads = Vec::new();
        for kind in raw_rule.reads {
            if !crate::text::TextKind::NAMES.contains(&kind.get_ref().as_str()) {
                return Err(error(
                    kind.span(),
                    format!(
                        "rule `{id}` reads `{}`: the kinds of text are {}",
                        kind.get_ref(),
                        crate::text::TextKind::NAMES.join(", ")
                    ),
                ));
            }
            reads.push(kind.into_inner());
        }

        let fix = raw_rule
            .fix
            .map(Spanned::into_inner)
            .filter(|f| !f.trim().is_empty());
        rules.push(Rule {
            id,
            pack: pack_id.clone(),
            terms,
            alternatives: raw_rule
                .alternatives
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            fix,
            severity,
            explanation,
            sources: rule_sources,
            exceptions,
            inflections,
            context,
            git_refs: raw_rule.git_refs.iter().map(|r| r.to_lowercase()).collect(),
            message,
            reads,
            enabled: raw_pack.enabled,
            origin: Origin {
                file: 0,
                term_spans,
            },
        });
    }

    Ok(ParsedPack {
        pack: Pack {
            id: pack_id,
            name: raw_pack.name,
            description: raw_pack.description,
            language: raw_pack.language,
            enabled: raw_pack.enabled,
        },
        rules,
        file: PackFile {
            name: name.to_owned(),
            text: PackText::Shared(shared),
            path,
        },
        id_span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[pack]
id = "ours"
name = "Our words"

[[source]]
id = "team"
title = "Team guide"
url = "https://example.org/guide"

[[rule]]
id = "frob"
terms = ["frobnicate"]
alternatives = ["process"]
severity = "info"
explanation = "Say process."
sources = ["team"]
"#;

    fn load(text: &str) -> Result<RuleSet, SourceError> {
        let mut set = RuleSet::default();
        set.add_pack("p.toml", text, None)?;
        Ok(set)
    }

    #[test]
    fn a_good_pack_loads() {
        let set = load(GOOD).unwrap();
        let rule = set.rule("ours/frob").unwrap();
        assert_eq!(rule.severity, Severity::Info);
        assert_eq!(rule.inflections, vec!["s"]);
        assert_eq!(rule.sources[0].url, "https://example.org/guide");
        assert!(set.pack("ours").unwrap().enabled);
    }

    /// Each broken pack: the replacement, the expected message fragment, the expected line.
    #[test]
    fn bad_packs_name_the_problem_and_the_line() {
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "terms = [\"frobnicate\"]",
                "terms = [\"frobnicate\"",
                "invalid rule pack",
                14,
            ),
            (
                "severity = \"info\"",
                "severity = \"urgent\"",
                "unknown severity `urgent`",
                15,
            ),
            ("terms = [\"frobnicate\"]", "terms = []", "has no terms", 13),
            (
                "severity = \"info\"",
                "severity = \"info\"\nreads = [\"prose\", \"docs\"]",
                "reads `docs`: the kinds of text are prose, comment, string, code",
                16,
            ),
            (
                "sources = [\"team\"]",
                "sources = [\"teem\"]",
                "does not define",
                17,
            ),
            (
                "severity = \"info\"",
                "severty = \"info\"",
                "unknown field `severty`",
                15,
            ),
            ("id = \"frob\"", "", "missing field `id`", 11),
            (
                "terms = [\"frobnicate\"]",
                "terms = [\"frobnicate\", \"?!\"]",
                "has no letter or digit",
                13,
            ),
            (
                "terms = [\"frobnicate\"]",
                "terms = [\"frobnicate\", \"Frob-Nicate\"]",
                "lists the term `Frob-Nicate` twice",
                13,
            ),
        ];
        for (from, to, message, line) in cases {
            let text = GOOD.replacen(from, to, 1);
            let err = load(&text).expect_err(to);
            assert!(err.message.contains(message), "{to}: {}", err.message);
            assert_eq!(err.line_column().0, *line, "{to}: {err}");
        }
    }

    #[test]
    fn a_duplicate_rule_id_is_an_error() {
        let text = format!("{GOOD}\n[[rule]]\nid = \"frob\"\nterms = [\"x\"]\nalternatives = [\"y\"]\nexplanation = \"e\"\nsources = [\"team\"]\n");
        let err = load(&text).unwrap_err();
        assert!(err.message.contains("used twice"), "{}", err.message);
        assert_eq!(err.line_column().0, 20);
    }

    #[test]
    fn a_second_pack_with_the_same_id_is_an_error() {
        let mut set = load(GOOD).unwrap();
        let err = set.add_pack("q.toml", GOOD, None).unwrap_err();
        assert!(err.message.contains("already loaded"));
        assert_eq!(set.packs.len(), 1);
    }
}
