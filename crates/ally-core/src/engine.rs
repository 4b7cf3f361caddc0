//! The engine: one text in, its findings out, sorted. No I/O: the command line,
//! stdin and an editor all call [`Engine::check`].
//!
//! Steps: which ranges to lint (Markdown prose, or the whole text) → the matcher →
//! drop matches inside URLs, encoded data and suppression markers → drop what
//! suppression comments or path overrides silence → positions and fixes, computed only
//! for what is left.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::context;
use crate::error::SourceError;
use crate::finding::{replacement, suggestions, Applicability, Edit, Finding, Fix, Identifier};
use crate::matcher::{AutomatonJob, Hit, Matcher, PatternKind, Workload};
use crate::rules::{Rule, RuleId, RuleMask, RuleSet, Severity, Source};
use crate::spelling::{spelling_key, term_variants};
use crate::suppress::Suppressions;
use crate::text::language::{self, PathLanguage};
use crate::text::markdown::CodePolicy;
use crate::text::tokens::TokenJudge;
use crate::text::{Excerpt, Format, LineIndex, Region, TextKind};

/// Id of the finding reported for a suppression marker that names an unknown rule.
pub const UNKNOWN_RULE_ID: &str = "ally/unknown-rule";
/// Id of the finding reported for a marker that silenced nothing.
pub const UNUSED_SUPPRESSION_ID: &str = "ally/unused-suppression";
/// The rule of findings for a word that looks like a misspelled marker.
pub const MISSPELLED_MARKER_ID: &str = "ally/misspelled-marker";

/// ally's own rules, about suppression comments: a name a marker does not know, a
/// marker that silenced nothing, a marker spelled wrong. `ally explain` knows them.
pub fn meta_rules() -> Vec<Rule> {
    vec![
        meta_rule(
            UNKNOWN_RULE_ID,
            Severity::Warning,
            "A suppression comment names a rule or term that ally does not know, so it silences nothing for that name. Check the spelling against `ally rules`, or remove the name.",
        ),
        meta_rule(
            UNUSED_SUPPRESSION_ID,
            Severity::Info,
            "This suppression comment silenced nothing: the text it covered no longer holds a term it names. Removing it keeps the file's markers meaningful.",
        ),
        meta_rule(
            MISSPELLED_MARKER_ID,
            Severity::Warning,
            "A comment holds a word that looks like one of ally's markers but is spelled differently (`ally-ignore-nextline` for `ally-ignore-next-line`), so it silences nothing. The markers are ally-ignore-line, ally-ignore-next-line, ally-disable, ally-enable and ally-disable-file.",
        ),
    ]
}

/// What the engine is asked to do besides finding terms.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Whether Markdown code is linted.
    pub markdown_code: CodePolicy,
    /// Report suppression markers that silenced nothing.
    pub report_unused_suppressions: bool,
    /// How much text will be checked (whether an automaton pays off).
    pub workload: Workload,
    /// Cut an [`Excerpt`] for each finding (for reports that show source lines).
    pub excerpts: bool,
}

/// One text to check.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// How findings name the text (a path, or the name given for stdin).
    pub path: &'a Arc<str>,
    /// The text.
    pub text: &'a str,
    /// How it is read (see [`Format::from_path`]).
    pub format: Format,
    /// Rules turned off for this text (path overrides); may be empty.
    pub disabled: &'a RuleMask,
    /// The language the host knows the text is in (from its configuration, or a path
    /// convention it could confirm); None to let the engine tell.
    pub language: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// A document read as its path says, with nothing turned off and no language
    /// given.
    pub fn new(path: &'a Arc<str>, text: &'a str, nothing_off: &'a RuleMask) -> Document<'a> {
        Document {
            path,
            text,
            format: Format::of(path, text),
            disabled: nothing_off,
            language: None,
        }
    }
}

/// What checking one text found.
#[derive(Debug, Default)]
pub struct Checked {
    /// The findings, sorted by offset.
    pub findings: Vec<Finding>,
    /// The language the text is in, where known (given, declared, by its path, or
    /// told from its words).
    pub language: Option<String>,
    /// Whether the text was left out because no enabled pack is written for its
    /// language.
    pub left_out_for_language: bool,
}

/// The compiled rules: built once, shared by every thread.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    matcher: Matcher,
    options: EngineOptions,
    /// Spelling keys and rule ids to rules, for suppression markers; built the first
    /// time a text has a marker.
    names: OnceLock<HashMap<String, Vec<RuleId>>>,
    unknown_rule: Arc<Rule>,
    unused_suppression: Arc<Rule>,
    misspelled_marker: Arc<Rule>,
    /// The language of each rule's pack.
    rule_languages: Vec<String>,
    /// Each rule's context, compiled, where it has one.
    rule_contexts: Vec<Option<context::Compiled>>,
    /// The contexts of exceptions that have one, by rule and index.
    exception_contexts: HashMap<(RuleId, u32), context::Compiled>,
    /// Words claimed where they stand as git refs, and the rule that claims them.
    git_refs: HashMap<String, RuleId>,
}

impl Engine {
    /// Compiles the enabled rules of `rules`, plus the team's allowed phrases. Two
    /// enabled rules that claim one spelling are an error naming both.
    pub fn new(
        rules: &RuleSet,
        allow: &[String],
        options: EngineOptions,
    ) -> Result<Engine, SourceError> {
        let matcher = Matcher::new(
            &rules.rules,
            rules.precompiled.as_ref(),
            allow,
            options.workload,
            |rule, term, message| rules.term_error(rule, term, message),
        )?;
        let rule_languages = rules
            .rules
            .iter()
            .map(|rule| {
                rules
                    .pack(&rule.pack)
                    .map_or_else(|| "en".to_owned(), |pack| pack.language.clone())
            })
            .collect();
        let rule_contexts = rules
            .rules
            .iter()
            .map(|rule| rule.context.as_ref().map(context::Compiled::new))
            .collect();
        let mut exception_contexts = HashMap::new();
        for (index, rule) in rules.rules.iter().enumerate() {
            for (k, exception) in rule.exceptions.iter().enumerate() {
                if let Some(context) = &exception.context {
                    exception_contexts.insert(
                        (RuleId::new(index), k as u32),
                        context::Compiled::new(context),
                    );
                }
            }
        }
        let git_refs = rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.enabled)
            .flat_map(|(index, rule)| {
                rule.git_refs
                    .iter()
                    .map(move |word| (word.clone(), RuleId::new(index)))
            })
            .collect();
        let meta = meta_rules();
        Ok(Engine {
            git_refs,
            rule_contexts,
            exception_contexts,
            rule_languages,
            rules: rules.rules.clone(),
            matcher,
            options,
            names: OnceLock::new(),
            unknown_rule: Arc::new(meta[0].clone()),
            unused_suppression: Arc::new(meta[1].clone()),
            misspelled_marker: Arc::new(meta[2].clone()),
        })
    }

    /// The work of building the automaton for a [`Workload::Bulk`] engine, for the
    /// host to run on a thread of its own (see [`AutomatonJob`]); None for a small
    /// workload.
    pub fn automaton_job(&self) -> Option<AutomatonJob> {
        self.matcher.automaton_job()
    }

    /// Builds the automaton of a [`Workload::Bulk`] engine now, so that every check
    /// from now on uses it (for tests and benchmarks of one search strategy).
    pub fn build_automaton(&self) -> bool {
        self.matcher.build_automaton()
    }

    /// Every rule, enabled or not, in load order.
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// The rule with this id.
    pub fn rule_id(&self, id: &str) -> Option<RuleId> {
        self.rules.iter().position(|r| r.id == id).map(RuleId::new)
    }

    /// The rules a name in a suppression marker means: a rule id or a term.
    pub fn resolve_name(&self, name: &str) -> Vec<RuleId> {
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

    /// Whether a rule applies to text in `language` (its pack is written for it).
    fn speaks(&self, rule: RuleId, language: Option<&str>) -> bool {
        language.is_none_or(|l| language::same_language(l, &self.rule_languages[rule.index()]))
    }

    /// Whether some enabled rule, not turned off, applies to text in `language`.
    fn any_rule_for(&self, language: Option<&str>, disabled: &RuleMask) -> bool {
        self.rules.iter().enumerate().any(|(i, rule)| {
            let id = RuleId::new(i);
            rule.enabled && !disabled.contains(id) && self.speaks(id, language)
        })
    }

    /// The findings in one text.
    pub fn check(&self, document: &Document<'_>) -> Checked {
        let Document {
            path,
            text,
            format,
            disabled,
            language: given,
        } = *document;
        let scanned = crate::text::scan(text, format, self.options.markdown_code);
        // The language, by the most certain word first: the host's, the text's own
        // declaration, its path's conventions (for documents: code in a `docs/fr/`
        // folder is not French), then its words, when there is anything to report.
        let declared = given
            .map(str::to_owned)
            .or(scanned.declared_language.clone());
        let by_path = match language::from_path(path) {
            PathLanguage::Named(lang) if is_document(format) => Some(lang),
            _ => None,
        };
        let mut language = declared.clone().or(by_path.clone());
        if !self.any_rule_for(language.as_deref(), disabled) && by_path.is_none() {
            return Checked {
                findings: Vec::new(),
                language,
                left_out_for_language: true,
            };
        }
        let mut hits: Vec<(Hit, TextKind)> = Vec::new();
        let mut found = Vec::new();
        let judge = |kind: PatternKind, start: usize, end: usize| match kind {
            PatternKind::Term { rule, .. } => self.rule_contexts[rule.index()]
                .as_ref()
                .is_none_or(|context| context.holds(text, start..end)),
            PatternKind::Silence {
                exception: Some(exception),
            } => self
                .exception_contexts
                .get(&exception)
                .is_none_or(|context| context.holds(text, start..end)),
            PatternKind::Silence { exception: None } => true,
        };
        for region in &scanned.regions {
            found.clear();
            let code = region.kind == TextKind::Code;
            self.matcher.find_in_region(
                text,
                region.range.clone(),
                &region.gaps,
                code,
                &judge,
                &mut found,
            );
            hits.extend(found.iter().map(|&hit| (hit, region.kind)));
        }
        // A changelog's past releases are a record, in the words used then.
        if let Some(past) = crate::text::changelog::past_releases(path, text) {
            hits.retain(|(hit, _)| !past.contains(&hit.start));
        }
        hits.sort_by_key(|(hit, _)| (hit.start, hit.end));
        hits.dedup_by_key(|(hit, _)| (hit.start, hit.end, hit.rule));
        if declared.is_none() && !hits.is_empty() && is_document(format) {
            // The words outweigh the path: an untranslated page in `docs/fr/` is
            // English. Too few words leave the path's word standing.
            if let Some(detected) = language::detect(prose(text, &scanned.regions)) {
                language = Some(detected);
            }
        }
        if !self.any_rule_for(language.as_deref(), disabled) {
            return Checked {
                findings: Vec::new(),
                language,
                left_out_for_language: true,
            };
        }
        let mut suppressions = Suppressions::parse(text, &|name| self.resolve_name(name));
        let mut lines = LineIndex::new(text);
        let mut findings = Vec::with_capacity(hits.len());
        let mut replacements: HashMap<(RuleId, usize, &str), Option<String>> = HashMap::new();
        let mut tokens = TokenJudge::new(text);
        let names = project_names(text, &hits, &scanned.links);
        let subject = is_document(format)
            .then(|| document_subject(path))
            .flatten();
        let mut imported: Option<std::collections::HashSet<&str>> = None;
        let mut aliases: HashMap<(RuleId, &str), bool> = HashMap::new();
        let mut word_sections: Option<Vec<std::ops::Range<usize>>> = None;
        let syntax_name = match format {
            Format::Source(syntax) => syntax.name,
            _ => "",
        };
        let in_program = matches!(
            syntax_name,
            "Rust" | "C family" | "JavaScript" | "Go" | "Swift" | "PHP" | "Python" | "Ruby"
        );
        // One sense per discourse: a test that names git branches (a fixture
        // repository's `refs/heads/master`) means that branch by every `master` in it
        // (`master_commit`, `ADDED_IN_MASTER_INDEX_ENTRY`, `"master2"`).
        let fixture_branches = !self.git_refs.is_empty()
            && is_test_path(path)
            && hits.iter().any(|(hit, kind)| {
                let range = hit.start..hit.end;
                self.git_refs
                    .contains_key(&text[range.clone()].to_lowercase())
                    && (*kind == TextKind::String && context::is_whole_string(text, range.clone())
                        || context::is_git_ref(text, range))
            });
        for (mut hit, region_kind) in hits {
            let range = hit.start..hit.end;
            if fixture_branches {
                let lower = text[range.clone()].to_lowercase();
                // ...but a name for a copy or a node is the hierarchy sense still:
                // `rw_master = repo.clone(...)`, `"master_repo"`, `master_node`.
                let name = text[context::name_around(text, &range)].to_ascii_lowercase();
                let hierarchy = [
                    "repo", "clone", "node", "server", "slave", "replica", "worker",
                ]
                .iter()
                .any(|word| name.contains(word))
                    || context::line_of(text, &range).contains(".clone(");
                if !hierarchy
                    && self
                        .git_refs
                        .keys()
                        .any(|name| lower.contains(name.as_str()))
                {
                    continue;
                }
            }
            let matched = &text[range.clone()];
            // `master` in `origin/master` names a branch: the branch rule's finding.
            let mut git_ref = false;
            let found_by = hit.rule;
            if !self.git_refs.is_empty() {
                if let Some(&branch_rule) = self.git_refs.get(&matched.to_lowercase()) {
                    // In code, a string that is the word alone (`"master"`,
                    // `base="master"`) names a branch far more often than anything
                    // else; in a test, it is a fixture's branch: test data.
                    let whole_string = region_kind == TextKind::String
                        && context::is_whole_string(text, range.clone())
                        && !context::pairs_with_slave(text, range.clone());
                    if whole_string || context::is_git_ref(text, range.clone()) {
                        // Whose branch is it? A workflow written for either default
                        // branch, another repository's branch (`owner/action@master`,
                        // a clone of another project's URL), or a test's fixture
                        // repository is not this project's to rename: no finding.
                        if context::lists_main_too(text, range.clone())
                            || context::names_another_repository(text, range.clone())
                        {
                            continue;
                        }
                        hit.rule = branch_rule;
                        hit.term = 0;
                        git_ref = true;
                    }
                }
            }
            // A branch in a test is a fixture repository's; in a program (not a
            // script or a CI file) it is data the program handles: a user's branch,
            // a default it falls back to. Judged in nine fresh samples, such notes
            // were true 3 times in 56; in CI files, 72 in 111.
            if (git_ref || self.git_refs.values().any(|&rule| rule == hit.rule))
                && (is_test_path(path) || in_program)
            {
                continue;
            }
            if is_capitalised(matched) && names.contains(&word_key(matched))
                || links_to_its_name(matched, &range, &scanned.links)
                || subject.as_deref() == Some(word_key(matched).as_str())
            {
                continue;
            }
            if disabled.contains(hit.rule)
                || !self.speaks(hit.rule, language.as_deref())
                || tokens.in_url_like_token(hit.start, hit.end)
                || tokens.in_encoded_data(hit.start, hit.end)
                || tokens.in_repository_name(hit.start, hit.end)
                || context::in_emoji_shortcode(text, range.clone())
                || context::in_revision_keyword(text, range.clone())
                || ((region_kind != TextKind::Code || format == Format::Code)
                    && tokens.in_data_line(hit.start))
                || suppressions.in_marker(&range)
                || suppressions.silences(hit.rule, &range)
            {
                continue;
            }
            let rule = &self.rules[hit.rule.index()];
            // Words for people and conditions used as names: `'waitress'` alone in a
            // string (a package, a key, a value), and a capitalised word inside a
            // sentence ("served by Waitress", "the Foreman tool"). Computing's own
            // terms are written capitalised inside sentences as ordinary words (the
            // Master node), so the tech pack is left out; slurs are always reported.
            if rule.pack != "tech" && rule.severity < Severity::Error && !matched.contains(' ') {
                let whole_string = region_kind == TextKind::String
                    && context::is_whole_string(text, range.clone());
                // A word of its own: the `Whitelisted` of `isWhitelisted` is no name.
                let alone = !text[..hit.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !text[hit.end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_');
                // Only a common noun's capital is a name's: words for peoples, faiths
                // and identities (`Eskimo`, `Moslem`) are capitalised as themselves.
                let common = !matches!(
                    rule.pack.as_str(),
                    "race-ethnicity" | "religion" | "lgbtqia"
                );
                let capitalised_inside = matches!(region_kind, TextKind::Prose | TextKind::Comment)
                    && common
                    && alone
                    && is_capitalised(matched)
                    && !context::opens_sentence(text, hit.start);
                if whole_string || capitalised_inside {
                    continue;
                }
            }
            if !rule.reads.is_empty() && !rule.reads.iter().any(|kind| kind == region_kind.name()) {
                continue;
            }
            let in_code = region_kind == TextKind::Code;
            if region_kind == TextKind::Prose
                && format == Format::Markdown
                && !git_ref
                && rule.severity < Severity::Error
                && context::introduces_code_with(text, range.clone())
            {
                continue;
            }
            // A word list or a migration table talks about the word: no finding. A
            // slur (an `error`) is reported even when named as a word: the reader
            // reads it all the same, and "a slur" or a description can stand for it.
            // Word lists live in documents and comments; in a string, `"whitelist" =>
            // []` is Ruby's hash, not an arrow to a replacement.
            if matches!(region_kind, TextKind::Prose | TextKind::Comment)
                && rule.severity < Severity::Error
                && context::is_mention(
                    text,
                    range.clone(),
                    // A branch named as a word ("avoid `@master` or `@main`") is
                    // beside the words of the rule that found it.
                    &self.rules[found_by.index()].alternatives,
                    word_sections.get_or_insert_with(|| {
                        // Headings as Markdown, reStructuredText and plain text write
                        // them; HTML and code have none of that kind.
                        if matches!(
                            format,
                            Format::Markdown | Format::Rst | Format::AsciiDoc | Format::Text
                        ) {
                            context::word_sections(text)
                        } else {
                            Vec::new()
                        }
                    }),
                )
            {
                continue;
            }
            // A name kept beside its replacement (`id-blacklist` in a file that has
            // `id-denylist`) is a deprecated alias, kept so that old configurations
            // still work: the renaming is done.
            if !git_ref && rule.severity < Severity::Error {
                let token = context::name_around(text, &range);
                // Only a longer name is specific enough to tell: a bare word beside
                // one of its replacements (`master` and `primary`) is a leftover,
                // or the two are unrelated.
                if token != range {
                    let key = (hit.rule, &text[token.clone()]);
                    let kept = *aliases.entry(key).or_insert_with(|| {
                        let name = &text[token.clone()];
                        let (head, tail) = (
                            &name[..range.start - token.start],
                            &name[range.end - token.start..],
                        );
                        // `blacklist` → `denylist`, and the shorter `deny` that
                        // settings keys use (`security.syscalls.deny`).
                        let list =
                            |w: &str| w.len() > 4 && w[w.len() - 4..].eq_ignore_ascii_case("list");
                        suggestions(rule, &rule.terms[hit.term], matched)
                            .iter()
                            .filter(|s| !s.contains(' '))
                            .flat_map(|s| {
                                let stem =
                                    (list(s) && list(matched)).then(|| s[..s.len() - 4].to_owned());
                                std::iter::once(s.clone()).chain(stem)
                            })
                            .any(|s| context::has_name(text, &format!("{head}{s}{tail}")))
                    });
                    if kept {
                        continue;
                    }
                }
            }
            // A document repeats its few terms many times: derive each fix once.
            let replacement = replacements
                .entry((hit.rule, hit.term, matched))
                .or_insert_with(|| replacement(rule, &rule.terms[hit.term], matched))
                .clone();
            let start = lines.position(hit.start);
            let end = lines.position(hit.end);
            let fix = replacement.map(|replacement| {
                let mut edits = Vec::with_capacity(2);
                // In prose, `a whitelist` becomes `an allowlist`: the article agrees.
                if !in_code {
                    if let Some((a, b, article)) =
                        crate::fix::article_edit(text, hit.start, &replacement)
                    {
                        edits.push(Edit {
                            start: lines.position(a),
                            end: lines.position(b),
                            replacement: article,
                        });
                    }
                }
                edits.push(Edit {
                    start,
                    end,
                    replacement,
                });
                Fix {
                    edits,
                    applicability: if in_code {
                        Applicability::Unsafe
                    } else {
                        Applicability::Safe
                    },
                }
            });
            // In a program's code, a match is part of an identifier: the project's
            // own if it is defined here (or in another checked file: see
            // `resolve_ownership`). A branch name, or a key or value in a settings
            // file, is no identifier.
            let names_identifier =
                in_code && !git_ref && !matches!(format, Format::Source(syntax) if syntax.data);
            let identifier = names_identifier.then(|| {
                let span = context::identifier_around(text, &range);
                let name = &text[span.clone()];
                let imported = imported.get_or_insert_with(|| context::imported_names(text));
                Identifier {
                    name: Arc::from(name),
                    defined_here: context::is_definition(text, &span, syntax_name),
                    brought_in: imported.contains(name) || context::is_qualified(text, &span),
                    outside: false,
                }
            });
            // Certainty decides severity: a word in an identifier is never an error.
            let severity = if in_code {
                rule.severity.min(Severity::Warning)
            } else {
                rule.severity
            };
            findings.push(Finding {
                path: path.clone(),
                rule: rule.clone(),
                severity,
                matched: matched.to_owned(),
                start,
                end,
                fix,
                excerpt: None,
                identifier,
                term: hit.term,
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
        for range in &suppressions.misspelled {
            extra.push((range.clone(), self.misspelled_marker.clone()));
        }
        if self.options.report_unused_suppressions {
            for marker in suppressions.unused() {
                extra.push((marker.span.clone(), self.unused_suppression.clone()));
            }
        }
        if !extra.is_empty() {
            extra.sort_by_key(|(range, _)| range.start);
            for (range, rule) in extra {
                let end = text[range.clone()].trim_end().len() + range.start;
                findings.push(Finding {
                    path: path.clone(),
                    severity: rule.severity,
                    rule,
                    matched: text[range.start..end].to_owned(),
                    start: lines.position(range.start),
                    end: lines.position(end),
                    fix: None,
                    excerpt: None,
                    identifier: None,
                    term: 0,
                });
            }
            findings.sort_by_key(|f| f.start.offset);
        }
        if self.options.excerpts {
            for finding in &mut findings {
                finding.excerpt = Some(Box::new(Excerpt::new(
                    text,
                    finding.start.offset,
                    finding.end.offset,
                    finding.start.line,
                )));
            }
        }
        Checked {
            findings,
            language,
            left_out_for_language: false,
        }
    }
}

/// Whether a match starts with a capital and goes on in lowercase (`Middleman`).
fn is_capitalised(matched: &str) -> bool {
    let mut chars = matched.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// A word as names are compared: lowercase letters and digits only.
fn word_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a path is a test's: under `test/`, `tests/`, `__tests__/`, `spec/`, or
/// named `test_*`, `*_test.*`, `*.test.*`, `*.spec.*`.
fn is_test_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase().replace('\\', "/");
    let name = lower.rsplit('/').next().unwrap_or("");
    lower
        .split('/')
        .rev()
        .skip(1)
        .any(|folder| matches!(folder, "test" | "tests" | "__tests__" | "spec" | "specs"))
        || name.starts_with("test_")
        || name.contains("_test.")
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// Whether `matched` is the text of a link to another site whose address holds it:
/// `[blackbox](https://github.com/prometheus/blackbox_exporter)` names that project,
/// in any case. (A link to the project's own pages, a relative one, does not count:
/// `[whitelist](docs/whitelist.md)` is the project's own word.)
fn links_to_its_name(
    matched: &str,
    range: &std::ops::Range<usize>,
    links: &[(std::ops::Range<usize>, String)],
) -> bool {
    let key = word_key(matched);
    links.iter().any(|(link, dest)| {
        link.start <= range.start
            && range.end <= link.end
            && (dest.starts_with("https://") || dest.starts_with("http://"))
            && word_key(dest).contains(&key)
    })
}

/// What a document is about when its file is named for one word: `lame.md`,
/// `middleman.md`, `waitress-serve.md` (a page about a tool of that name). That word
/// names the subject there, as a heading or a command does.
fn document_subject(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next()?;
    let stem = name.split('.').next()?;
    let first = stem.split(['-', '_']).next()?;
    let key = word_key(first);
    (key.len() >= 3 && key.chars().all(|c| c.is_alphabetic())).then_some(key)
}

/// The words a text uses as names of projects: a capitalised term that is the text of
/// a link whose destination holds it (`[Middleman](https://middlemanapp.com/)`).
fn project_names(
    text: &str,
    hits: &[(Hit, TextKind)],
    links: &[(std::ops::Range<usize>, String)],
) -> std::collections::HashSet<String> {
    let mut names = std::collections::HashSet::new();
    if links.is_empty() {
        return names;
    }
    for (hit, _) in hits {
        let matched = &text[hit.start..hit.end];
        if !is_capitalised(matched) {
            continue;
        }
        let key = word_key(matched);
        let named = links.iter().any(|(range, dest)| {
            range.start <= hit.start && hit.end <= range.end && word_key(dest).contains(&key)
        });
        if named {
            names.insert(key);
        }
    }
    names
}

/// Whether a format holds prose enough to tell its language from its words.
fn is_document(format: Format) -> bool {
    matches!(
        format,
        Format::Markdown
            | Format::Html
            | Format::Rst
            | Format::AsciiDoc
            | Format::Text
            | Format::Po
            | Format::Properties
    )
}

/// The text of the prose regions, for telling a language (gaps left in: a few tags do
/// not hide a language).
fn prose<'t>(text: &'t str, regions: &'t [Region]) -> impl Iterator<Item = &'t str> + 't {
    regions
        .iter()
        .filter(|r| matches!(r.kind, TextKind::Prose | TextKind::String))
        .map(move |r| &text[r.range.clone()])
}

/// Rule ids and every spelling of every term, to the rules they name.
fn names(rules: &[Arc<Rule>]) -> HashMap<String, Vec<RuleId>> {
    let mut names: HashMap<String, Vec<RuleId>> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        let index = RuleId::new(index);
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
        if indices.iter().any(|&i| rules[i.index()].enabled) {
            indices.retain(|&i| rules[i.index()].enabled);
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
        context: None,
        git_refs: Vec::new(),
        message: None,
        reads: Vec::new(),
    }
}
