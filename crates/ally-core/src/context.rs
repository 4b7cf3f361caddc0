//! What a word is doing where it stands: the sentence around a match, the contexts a
//! pack writes for its rules and exceptions, git refs, identifiers a file defines or
//! only uses, and names.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};

use crate::rules::Context;

/// How far, at most, a sentence is read on each side of a match.
const REACH: usize = 400;

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "vs", "etc", "e.g", "i.e", "no", "fig",
];

/// The start of the sentence holding `at`: after the last `.`, `!` or `?` followed by
/// white space (not after `Mr.` and its kin), or a blank line, within reach.
pub(crate) fn sentence_start(text: &str, at: usize) -> usize {
    let floor = floor_boundary(text, at.saturating_sub(REACH));
    let bytes = text.as_bytes();
    // After the last blank line within reach.
    let mut lower = floor;
    let mut end = at;
    while let Some(k) = memchr::memrchr(b'\n', &bytes[floor..end]) {
        let i = floor + k;
        if i > floor && bytes[i - 1] == b'\n' {
            lower = i + 1;
            break;
        }
        end = i;
    }
    end = at;
    while let Some(k) = memchr::memrchr3(b'.', b'!', b'?', &bytes[lower..end]) {
        let i = lower + k;
        end = i;
        if i + 1 >= at || !bytes[i + 1].is_ascii_whitespace() {
            continue;
        }
        if bytes[i] == b'.' {
            let word_start =
                floor + after_last(&text[floor..i], |c| !(c.is_alphanumeric() || c == '.'));
            let word = text[word_start..i].to_ascii_lowercase();
            if ABBREVIATIONS.contains(&word.as_str()) || word.len() == 1 {
                continue;
            }
        }
        return i + 1;
    }
    lower
}

/// Whether the word at `at` opens its sentence, line, heading, list item, table cell,
/// comment or quotation: no letter stands between it and the sentence's start or the
/// line's.
pub(crate) fn opens_sentence(text: &str, at: usize) -> bool {
    let sentence = sentence_start(text, at);
    let line = text[..at].rfind('\n').map_or(0, |k| k + 1);
    let from = sentence.max(line);
    // Comment markers (`/*`, `//`, `#`, `--`), list bullets, quotes: no letters.
    !text[from..at].chars().any(char::is_alphabetic) || text[..at].trim_end().ends_with(':')
}

/// The end of the sentence holding `at` (see [`sentence_start`]).
pub(crate) fn sentence_end(text: &str, at: usize) -> usize {
    let ceiling = ceil_boundary(text, (at + REACH).min(text.len()));
    let bytes = text.as_bytes();
    // Before the first blank line within reach.
    let mut upper = ceiling;
    let mut start = at;
    while let Some(k) = memchr::memchr(b'\n', &bytes[start..ceiling]) {
        let i = start + k;
        if bytes.get(i + 1) == Some(&b'\n') {
            upper = i;
            break;
        }
        start = i + 1;
    }
    let mut from = at;
    while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[from..upper]) {
        let i = from + k;
        if bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) {
            return i + 1;
        }
        from = i + 1;
    }
    upper
}

/// Whether `at` starts a line: the text's start, or just after a line break (not a
/// place where [`line_around`]'s window cut a long line).
fn starts_line(text: &str, at: usize) -> bool {
    at == 0 || matches!(text.as_bytes()[at - 1], b'\n' | b'\r')
}

/// The byte offset just after the last character of `text` that `stop` accepts (0 if
/// none does): where the run of other characters at its end starts.
pub(crate) fn after_last(text: &str, stop: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(k, c)| k + c.len_utf8())
}

use crate::text::floor_char_boundary as floor_boundary;

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Words that a capitalised word is not a name for: the first word of a sentence is
/// skipped anyway; these are capitalised in code and prose without naming anyone.
const NOT_NAMES: &[&str] = &[
    "None",
    "True",
    "False",
    "Null",
    "Nil",
    "I",
    "OK",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "English",
    "Git",
    "GitHub",
    "Linux",
    "Windows",
    "API",
    "URL",
    "HTTP",
    "JSON",
    "SQL",
    "CLI",
    "UI",
    "Docker",
];

/// Words for men, whose pronouns are no generic `he`.
const MEN: &[&str] = &[
    "man",
    "men",
    "boy",
    "boys",
    "father",
    "fathers",
    "brother",
    "brothers",
    "son",
    "sons",
    "husband",
    "husbands",
    "boyfriend",
    "uncle",
    "nephew",
    "grandfather",
    "grandson",
    "king",
    "prince",
    "gentleman",
    "gentlemen",
    "dad",
    "sir",
    "monk",
    "priest",
    "guy",
    "lord",
];

/// Whether a sentence (up to a match) names a person: a capitalised name other than
/// its first word, a title such as `Mr.`, or a word for a man.
pub(crate) fn names_person(sentence: &str) -> bool {
    // A handle: `@octocat`, Sphinx's :user:`octocat`, GitHub's :github:`octocat`.
    if sentence.contains(":user:`")
        || sentence.contains(":github:`")
        || sentence.match_indices('@').any(|(at, _)| {
            sentence[at + 1..].starts_with(|c: char| c.is_ascii_alphanumeric())
                && !sentence[..at].ends_with(|c: char| c.is_alphanumeric())
        })
    {
        return true;
    }
    let mut words = sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.'))
        .filter(|w| !w.is_empty());
    let _first = words.next();
    for word in words {
        let bare = word.trim_end_matches('.').trim_end_matches("'s");
        let lower = bare.to_lowercase();
        if matches!(lower.as_str(), "mr" | "mrs" | "ms" | "dr" | "prof") && word.ends_with('.') {
            return true;
        }
        if MEN.contains(&lower.as_str()) {
            return true;
        }
        let mut chars = bare.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase)
            && bare.len() > 1
            && chars.all(char::is_lowercase);
        if capitalised && !NOT_NAMES.contains(&bare) {
            return true;
        }
    }
    false
}

/// A pack's context, its patterns compiled the first time a match needs them: most
/// rules never match in a given run, and compiling every pattern up front would cost
/// more than linting an editor's buffer.
#[derive(Debug)]
pub(crate) struct Compiled {
    context: Context,
    patterns: OnceLock<Patterns>,
}

#[derive(Debug)]
struct Patterns {
    before: Option<Regex>,
    not_before: Option<Regex>,
    after: Option<Regex>,
    not_after: Option<Regex>,
}

fn compile(pattern: &Option<String>) -> Option<Regex> {
    // Packs are checked when they load; a pattern that fails here never got this far.
    pattern
        .as_deref()
        .and_then(|p| RegexBuilder::new(p).size_limit(1 << 20).build().ok())
}

impl Compiled {
    pub(crate) fn new(context: &Context) -> Compiled {
        Compiled {
            context: context.clone(),
            patterns: OnceLock::new(),
        }
    }

    fn patterns(&self) -> &Patterns {
        self.patterns.get_or_init(|| Patterns {
            before: compile(&self.context.before),
            not_before: compile(&self.context.not_before),
            after: compile(&self.context.after),
            not_after: compile(&self.context.not_after),
        })
    }

    /// Whether a match at `range` of `text` stands in this context.
    pub(crate) fn holds(&self, text: &str, range: Range<usize>) -> bool {
        let before = &text[sentence_start(text, range.start)..range.start];
        let after = &text[range.end..sentence_end(text, range.end)];
        let p = self.patterns();
        p.before.as_ref().is_none_or(|r| r.is_match(before))
            && !p.not_before.as_ref().is_some_and(|r| r.is_match(before))
            && p.after.as_ref().is_none_or(|r| r.is_match(after))
            && !p.not_after.as_ref().is_some_and(|r| r.is_match(after))
            && !(self.context.no_person_before && names_person(before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stems that let a sentence skip the cue patterns cover every cue: each of
    /// these matches a cue pattern, so each must hold a stem.
    #[test]
    fn every_cue_has_a_stem() {
        for text in [
            "instead of ",
            "rather than ",
            "in place of ",
            "Replace ",
            "replacing ",
            "renamed from ",
            "renames the ",
            "formerly known as ",
            "previously called ",
            "Deprecate the ",
            "don't use ",
            "do not say ",
            "never write ",
            "avoiding ",
            "removes ",
            "moving away from ",
            "examples include ",
            "the old name ",
            "legacy alias ",
            "former spelling ",
            "terms ",
            "words like ",
            "phrases ",
            "terminology ",
            "expressions ",
            "names like ",
            "language like ",
            "problematic terms such as ",
            "harmful language ",
            "the word ",
            "such terms ",
            "loaded words including ",
        ] {
            let listed = format!("{text}blacklist, ");
            assert!(
                CUE.is_match(text) || CUE_AS_WORD.is_match(text) || CUE_LISTED.is_match(&listed),
                "{text:?} is not a cue"
            );
            assert!(may_cue(text), "{text:?} has no stem in CUE_STEMS");
        }
        assert!(!may_cue("The team keeps a "));
    }

    /// Found by fuzzing: a table row or list item longer than the line window, cut
    /// inside a character of several bytes.
    #[test]
    fn long_rows_cut_by_the_window() {
        let text = format!(
            "| a | b |\n|---|---|\n| {} whitelist | x |\n- {}master\n",
            "\u{feff}".repeat(300),
            "é".repeat(400)
        );
        for term in ["whitelist", "master"] {
            let at = text.find(term).unwrap();
            let _ = is_mention(&text, at..at + term.len(), &[], &[]);
            let _ = is_git_ref(&text, at..at + term.len());
        }
    }

    /// Found by fuzzing: a character of several bytes before a word that ends in `.`.
    #[test]
    fn sentences_around_multibyte_characters() {
        let text = "x \u{feff}mr. Patel says he will. «Dr. No» left.";
        let he = text.find("he will").unwrap();
        assert_eq!(sentence_start(text, he), 0);
        assert!(is_qualified("é.whitelist", &(3..12)));
        assert!(is_qualified("x \u{feff}lib.whitelist", &(9..18)));
    }

    #[test]
    fn sentences_end_at_full_stops_but_not_after_titles() {
        let text = "First one. Mr. Patel says he will. Last";
        let he = text.find("he will").unwrap();
        assert_eq!(
            text[sentence_start(text, he)..he].trim_start(),
            "Mr. Patel says "
        );
        assert_eq!(&text[he..sentence_end(text, he)], "he will.");
        let last = text.find("Last").unwrap();
        assert_eq!(text[sentence_start(text, last)..last].trim(), "");
    }

    #[test]
    fn people_are_named_by_names_titles_and_words_for_men() {
        for yes in [
            "When Tom logs in, ",
            "Ask Raj whether ",
            "Mr. Patel says ",
            "A father should read to ",
            "Ask your brother whether ",
        ] {
            assert!(names_person(yes), "{yes}");
        }
        for no in [
            "When a user logs in, ",
            "Ask the reviewer whether ",
            "# When the caller passes None, ",
            "Each developer should rebase ",
        ] {
            assert!(!names_person(no), "{no}");
        }
    }
}

/// How far either side of a match the line-based judgements look. Context that
/// decides a sense sits within a few words; a longer line (minified code, a data
/// blob) is cut, so that thousands of matches on one line cost linear time.
const LINE_WINDOW: usize = 512;

/// The line holding `range`, cut to [`LINE_WINDOW`] bytes either side: (its start, its
/// end without the break).
fn line_around(text: &str, range: &Range<usize>) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut floor = range.start.saturating_sub(LINE_WINDOW);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let mut ceiling = (range.end + LINE_WINDOW).min(text.len());
    while !text.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    let start =
        memchr::memrchr2(b'\n', b'\r', &bytes[floor..range.start]).map_or(floor, |k| floor + k + 1);
    let end = memchr::memchr2(b'\n', b'\r', &bytes[range.end..ceiling])
        .map_or(ceiling, |k| range.end + k);
    (start, end)
}

/// Git's commands that take branch names.
const GIT_COMMANDS: &str = "clone|checkout|switch|merge|rebase|push|pull|fetch|branch|log|diff|reset|cherry-pick|show|rev-parse|rev-list|tag|worktree|merge-base|range-diff|format-patch|describe|bisect|restore|cherry|shortlog";

// Each pattern compiles the first time a text needs it: a run over one buffer
// reaches few of them, and compiling all would cost more than the scan.

// `git('checkout', 'master')`, `["git", "push", "origin", "master"]`
static GIT_COMMAND_ARGS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r#"\bgit\b["']?\s*[,(\[]\s*(?:["'][^"'\n]*["']\s*,\s*)*["'](?:{GIT_COMMANDS})["']\s*,\s*(?:["'][^"'\n]*["']\s*,\s*)*["']$"#
    ))
});
static GIT_REF_WORD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b(?:git|latest|upstream|tip\s+of|head\s+of)\s+$"));
static GIT_PREPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:to|against|into|onto|on|from|off|of|in|with|behind|ahead\s+of)\s+(?:the\s+)?(?:latest\s+|current\s+)?$",
    )
});
static GIT_REPOSITORY: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b[\w.-]+/[\w.-]+\s+$"));
static GIT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:push(?:es|ed|ing)?|pull\s+requests?|PRs?|merg(?:e|es|ed|ing)|rebas(?:e|es|ed|ing)|branch(?:es|ed)?|commit(?:s|ted)?|fork(?:s|ed)?|check(?:ed)?\s*out|land(?:s|ed|ing)?|fast[- ]forward\w*|cherry[- ]pick\w*|backport\w*|git|upstream)\b",
    )
});
static GIT_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"\bgit\s+(?:-\S+\s+)*(?:{GIT_COMMANDS})\b(?:[^.;|&!?]|\.\S)*$"
    ))
});
static GIT_SETTING: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"(?i)default[-_. ]?branch\s*[:=]\s*["']?$"#));
// `branch = "master"`, `?branch=master`, `Branch("master")`, `--branch master`,
// `branch_name: 'master'`: a value given as a branch.
static BRANCH_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r#"(?i)(?:\bbranch(?:[-_]?name)?\s*(?:[:=]|=>)\s*|\bbranch\s*\(\s*|--branch[= ]\s*)["'`]?$"#,
    )
});
static CI_KEY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r#"^\s*(?:-\s*)?["']?(?i:branch|branches|branches-ignore|base|head|ref|git[-_]?ref|revision|rev|version|commit|target[-_]branch|source[-_]branch|only|except)["']?\s*[:=]\s*[\[{"']?[\w\s,"'/.*-]*$"#,
    )
});
static CI_LIST_KEY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r#"^\s*(?:-\s*)?["']?(?:branch|branches|branches-ignore|only|except|refs)["']?\s*:\s*$"#,
    )
});

/// A pattern of ally's own, known to be valid.
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("a valid pattern")
}

/// Whether `text[range]` (a branch-like name such as `master`) stands as a git ref:
/// `origin/master`, `refs/heads/master`, `master..topic`, `master~2`, `master^`,
/// `master@{u}`, `HEAD -> master`, `On branch master`, an argument of a git command,
/// `owner/action@master`, a default-branch setting, or a branch in a CI file's
/// `branches:`.
pub(crate) fn is_git_ref(text: &str, range: Range<usize>) -> bool {
    let (line_start, line_end) = line_around(text, &range);
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    if let Some(rest) = before.strip_suffix('/') {
        if rest
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return true;
        }
    }
    if let Some(rest) = before.strip_suffix('@') {
        // `owner/action@master`, and `@master` alone, as a ref is written in a
        // workflow's `uses:`.
        if rest
            .chars()
            .next_back()
            .is_none_or(|c| name_char(c) || c.is_whitespace() || matches!(c, '`' | '"' | '\''))
        {
            return true;
        }
    }
    if after.starts_with("..")
        && after[2..]
            .trim_start_matches('.')
            .chars()
            .next()
            .is_some_and(name_char)
    {
        return true;
    }
    if (before.ends_with("..") || before.ends_with("..."))
        && before
            .trim_end_matches('.')
            .chars()
            .next_back()
            .is_some_and(name_char)
    {
        return true;
    }
    if after.starts_with('~') || after.starts_with('^') || after.starts_with("@{") {
        return true;
    }
    // The branch a pinned action came from, in the comment after its commit:
    // `uses: owner/action@a3d72946… # master`.
    if before.contains("uses:") && before.trim_end().ends_with('#') && before.contains('@') {
        return true;
    }
    // GitHub's page title for a file: `notes.md at master · owner/repo`.
    if before.ends_with(" at ") && after.starts_with(" \u{b7} ") {
        return true;
    }
    // An argument beside a repository's address: `checkout_library icons master
    // https://github.com/kde/icons.git`.
    if before.ends_with([' ', '\t', '"', '\''])
        && after.starts_with([' ', '\t', '"', '\''])
        && names_git_url(&text[line_start..line_end])
    {
        return true;
    }
    if before.ends_with("HEAD -> ")
        || before.ends_with("On branch ")
        || before.ends_with("on branch ")
    {
        return true;
    }
    let lower = before.to_ascii_lowercase();
    if before.contains("git") && (GIT_COMMAND.is_match(before) || GIT_COMMAND_ARGS.is_match(before))
        || lower.contains("branch")
            && (GIT_SETTING.is_match(before) || BRANCH_VALUE.is_match(before))
    {
        return true;
    }
    // Prose about branches: "pushes to master", "PRs against master", "rebased on
    // the latest master", "git master", "kubernetes/kubernetes master".
    if ["git", "latest", "upstream", "tip", "head"]
        .iter()
        .any(|word| lower.contains(word))
        && GIT_REF_WORD.is_match(before)
    {
        return true;
    }
    if GIT_PREPOSITION.is_match(before) || before.contains('/') && GIT_REPOSITORY.is_match(before) {
        let sentence = &text[sentence_start(text, range.start)..sentence_end(text, range.end)];
        if GIT_WORDS.is_match(sentence) {
            return true;
        }
    }
    // The value of a branch key, or an item of its flow list: `branches: [master, dev]`.
    let in_flow_list = before.contains('[') && {
        let rest = after.trim_end();
        rest.ends_with([']', '}'])
            && rest.chars().all(|c| {
                c.is_alphanumeric()
                    || c.is_whitespace()
                    || matches!(
                        c,
                        ',' | ']' | '}' | '"' | '\'' | '-' | '_' | '/' | '.' | '*'
                    )
            })
    };
    if before.contains([':', '='])
        && CI_KEY.is_match(before)
        && (in_flow_list
            || after
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '"' | '\'' | ' ')))
    {
        return true;
    }
    // A YAML list item under `branches:`.
    if before
        .trim_start()
        .trim_start_matches('-')
        .trim()
        .trim_matches(['"', '\''])
        .is_empty()
        && before.trim_start().starts_with('-')
        && after.trim().trim_matches(['"', '\'']).is_empty()
    {
        let indent = before.len() - before.trim_start().len();
        // Look up through the list's items, as far as a long CI file's list goes.
        if !starts_line(text, line_start) {
            return false;
        }
        let mut end = line_start;
        let mut lines_left = 200;
        while end > 0 && lines_left > 0 {
            lines_left -= 1;
            let previous_end = end - 1;
            let previous_start =
                memchr::memrchr(b'\n', &text.as_bytes()[..previous_end]).map_or(0, |k| k + 1);
            let line = &text[previous_start..previous_end];
            end = previous_start;
            if line.trim().is_empty()
                || line.trim_start().starts_with('-')
                    && line.len() - line.trim_start().len() == indent
            {
                continue;
            }
            return line.len() - line.trim_start().len() <= indent && CI_LIST_KEY.is_match(line);
        }
    }
    false
}

/// Whether a document talks about the word rather than using it: a migration table or
/// word list (the term in a column headed "old", "avoid", "deprecated", ..., in a table
/// with a column of replacements, or in a row that gives one of the rule's
/// `alternatives`), an arrow to its replacement (`whitelist → allowlist`), or the
/// word named as a word ("the terms master and slave"; "replace `whitelist` with
/// `allowlist`", quoted or beside an alternative).
pub(crate) fn is_mention(
    text: &str,
    range: Range<usize>,
    alternatives: &[String],
    sections: &[Range<usize>],
) -> bool {
    let (line_start, line_end) = line_around(text, &range);
    let line = &text[line_start..line_end];
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    if MENTION_ARROW.is_match(after) || MENTION_ARROW_BEFORE.is_match(before) {
        return true;
    }
    let sentence_before = &text[sentence_start(text, range.start)..range.start];
    let sentence = &text[sentence_start(text, range.start)..sentence_end(text, range.end)];
    // "from `master` to `main`": a rename.
    if MENTION_FROM.is_match(sentence_before)
        && MENTION_TO.is_match(after)
        && names_any(sentence, alternatives)
    {
        return true;
    }
    // A word in a list of quoted words: `"one"/"they"/"he"`, `'whitelist', 'blacklist'`.
    if quoted_in_list(before, after) {
        return true;
    }
    if sections
        .iter()
        .any(|section| section.contains(&range.start))
        || in_rst_word_list(text, line_start, line)
    {
        return true;
    }
    if !may_cue(sentence_before) {
        return line.contains('|')
            && in_word_list_table(text, line_start, before, line, alternatives);
    }
    if CUE_AS_WORD.is_match(sentence_before) {
        return true;
    }
    let quoted = before
        .trim_end_matches('*')
        .ends_with(['`', '"', '\'', '“', '‘', '«'])
        && after
            .trim_start_matches('*')
            .starts_with(['`', '"', '\'', '”', '’', '»']);
    // "Replace `whitelist`", "use allowlist instead of whitelist": the word set aside,
    // quoted or beside its replacement; "moving away from whitelist/blacklist": a list
    // of words set aside.
    if CUE.is_match(sentence_before) && (quoted || names_any(sentence, alternatives)) {
        return true;
    }
    if CUE_LISTED.is_match(sentence_before)
        || (CUE.is_match(sentence_before) && MENTION_LIST_NEXT.is_match(after))
    {
        return true;
    }
    line.contains('|') && in_word_list_table(text, line_start, before, line, alternatives)
}

/// Whether the word at the end of `before` (and the start of `after`) is quoted, with
/// another quoted word beside it across a `/` or a comma: a list of words named as
/// words.
fn quoted_in_list(before: &str, after: &str) -> bool {
    const OPEN: [char; 5] = ['"', '\'', '`', '“', '‘'];
    const CLOSE: [char; 5] = ['"', '\'', '`', '”', '’'];
    let Some(head) = before.strip_suffix(OPEN) else {
        return false;
    };
    let Some(tail) = after.strip_prefix(CLOSE) else {
        return false;
    };
    let joined_before = head.trim_end().strip_suffix(['/', ',']).map(str::trim_end);
    let joined_after = tail
        .trim_start()
        .strip_prefix(['/', ','])
        .map(str::trim_start);
    joined_before.is_some_and(|h| h.ends_with(CLOSE))
        || joined_after.is_some_and(|t| t.starts_with(OPEN))
}

static WORDS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:(?:inclusive|non-?inclusive|exclusionary|offensive|charged|biased|loaded|harmful)\s+(?:language|terms?|terminology|words?)|(?:terms?|words?|terminology|language)\s+to\s+avoid|words\s+matter)\b",
    )
});

/// The sections of a text that are about the words themselves: from a heading
/// (Markdown `#`, or a line underlined with `=`, `-` or `~`) that says "Inclusive
/// language", "Terms to avoid", "Charged terminology", ... to the next heading. Found
/// once per text, in one pass.
pub(crate) fn word_sections(text: &str) -> Vec<Range<usize>> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?m)^(?:#{1,6}[ \t]+(.*)|([^\n]*\S[^\n]*)\r?\n[ \t]*(?:={3,}|-{3,}|~{3,})[ \t]*\r?$)",
        )
    });
    let mut sections = Vec::new();
    // Most texts have no such heading anywhere: a search for the stems says so
    // without compiling the patterns.
    let lower = text.to_ascii_lowercase();
    let stems = [
        "inclusive",
        "exclusionary",
        "offensive",
        "charged",
        "biased",
        "loaded",
        "harmful",
        "to avoid",
        "matter",
    ];
    if !stems
        .iter()
        .any(|stem| memchr::memmem::find(lower.as_bytes(), stem.as_bytes()).is_some())
    {
        return sections;
    }
    let mut open: Option<usize> = None;
    for found in HEADING.captures_iter(text) {
        let whole = found.get(0).map_or(0..0, |m| m.range());
        if let Some(start) = open.take() {
            sections.push(start..whole.start);
        }
        let title = found
            .get(1)
            .or_else(|| found.get(2))
            .map_or("", |m| m.as_str());
        if WORDS_HEADING.is_match(title) {
            open = Some(whole.end);
        }
    }
    if let Some(start) = open {
        sections.push(start..text.len());
    }
    sections
}

/// Whether the line is a cell of a reStructuredText `list-table` whose header row
/// has a cell headed "Avoid", "Old", "Deprecated", ...
fn in_rst_word_list(text: &str, line_start: usize, line: &str) -> bool {
    // A list-table's cells are indented under the directive: `   * - old` and
    // `     - new` (a Markdown bullet stands at the margin or two spaces in).
    let cell = line.trim_start();
    let indent = line.len() - cell.len();
    if !(cell.starts_with("* - ") || cell.starts_with("- ") && indent >= 3) {
        return false;
    }
    let start = floor_boundary(text, line_start.saturating_sub(8_000));
    let above = &text[start..line_start];
    let Some(table) = above.rfind(".. list-table::") else {
        return false;
    };
    // The header row: the first row of the table, its cells up to the next `* -`.
    let body = &above[table..];
    let mut rows = body
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("* - "));
    let Some(first) = rows.next() else {
        return false;
    };
    let header = std::iter::once(first)
        .chain(rows.take_while(|l| !l.trim_start().starts_with("* - ")))
        .collect::<Vec<_>>()
        .join(" ");
    TABLE_OLD_HEADER.is_match(&header)
}

/// Whether `text` (a sentence or a table row) holds one of `alternatives` as words,
/// in any of their spellings (`allow list`, `allowlist`, `allow-list`).
fn names_any(text: &str, alternatives: &[String]) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    alternatives.iter().any(|alternative| {
        let parts: Vec<String> = alternative
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if parts.is_empty() {
            return false;
        }
        let joined = parts.concat();
        words
            .windows(parts.len())
            .any(|window| window == parts.as_slice())
            || words.contains(&joined)
    })
}

/// A Markdown pipe table's word list: the term's column is headed as the old word,
/// another column as the new one, or the row names an alternative.
fn in_word_list_table(
    text: &str,
    line_start: usize,
    before: &str,
    line: &str,
    alternatives: &[String],
) -> bool {
    let cells_before = |row: &str, upto: usize| {
        let row = &row[..upto];
        let pipes = row.matches('|').count();
        if row.trim_start().starts_with('|') {
            pipes.saturating_sub(1)
        } else {
            pipes
        }
    };
    let column = cells_before(line, before.len());
    let split = |row: &str| -> Vec<String> {
        let row = row.trim();
        let row = row.strip_prefix('|').unwrap_or(row);
        let row = row.strip_suffix('|').unwrap_or(row);
        row.split('|').map(|cell| cell.trim().to_owned()).collect()
    };
    // A line cut by the window is no table row worth reading up from.
    if !starts_line(text, line_start) {
        return false;
    }
    // Up to the delimiter row (`|---|:--:|`); the header is the line above it.
    let mut end = line_start;
    let mut lines_left = 300;
    let mut header = None;
    while end > 0 && lines_left > 0 {
        lines_left -= 1;
        let previous_end = end - 1;
        let previous_start =
            memchr::memrchr(b'\n', &text.as_bytes()[..previous_end]).map_or(0, |k| k + 1);
        let row = text[previous_start..previous_end].trim_end_matches('\r');
        if !row.contains('|') {
            break;
        }
        if TABLE_DELIMITER_ROW.is_match(row) {
            if previous_start > 0 {
                let header_end = previous_start - 1;
                let header_start =
                    memchr::memrchr(b'\n', &text.as_bytes()[..header_end]).map_or(0, |k| k + 1);
                header = Some(split(text[header_start..header_end].trim_end_matches('\r')));
            }
            break;
        }
        end = previous_start;
    }
    let Some(header) = header else {
        return false;
    };
    if header
        .get(column)
        .is_some_and(|cell| TABLE_OLD_HEADER.is_match(cell))
    {
        return true;
    }
    if header
        .iter()
        .enumerate()
        .any(|(k, cell)| k != column && TABLE_NEW_HEADER.is_match(cell))
    {
        return true;
    }
    let row = split(line);
    row.iter()
        .enumerate()
        .any(|(k, cell)| k != column && names_any(cell, alternatives))
}

/// Words that name what follows as a word: "the terms", "words such as".
const AS_WORD: &str = r"(?:problematic|offensive|exclusionary|non-?inclusive|harmful|loaded)\s+(?:terms?|words?|language|terminology)(?:\s+(?:like|such\s+as|including))?|terms?|words?|phrases?|terminology|expressions?|names?\s+like|language\s+like|words?\s+like|terms?\s+like|terms?\s+such\s+as|words?\s+such\s+as";
/// Words that put what follows aside: "instead of", "rename", "formerly", "avoid".
const CUES: &str = r"instead\s+of|rather\s+than|in\s+place\s+of|replac(?:e|es|ed|ing)|renam(?:e|es|ed|ing)(?:\s+(?:from|the))?|formerly(?:\s+(?:known\s+as|called|named))?|previously(?:\s+(?:known\s+as|called|named))?|deprecat(?:e|es|ed|ing)(?:\s+the)?|(?:don'?t|do\s+not|never)\s+(?:use|say|write)|avoid(?:ing)?(?:\s+using)?|remov(?:e|es|ed|ing)|mov(?:e|es|ed|ing)\s+away\s+from|examples?\s+(?:include|are)|(?:old|legacy|former)\s+(?:name|term|spelling|alias)";
/// White space and opening quotes or marks between a cue and a word.
const OPEN: &str = r#"\s*[:"'`“‘*(@]*\s*"#;
/// One earlier word of a list and its separator: `master, `, `whitelist/`, `"a" and `.
/// A word is a run of anything but spaces, punctuation and quotes: a negated class
/// compiles to a small automaton, where Unicode's `\w` repeated here took most of the
/// time a 100 KB buffer needs.
const LIST: &str = r#"(?:[^\s,/;:.!?"`“”‘*()\[\]<>|]+[`"'”’*)]*\s*(?:,\s*(?:and\b|or\b)?|\band\b|\bor\b|/)\s*[`"'“‘*(]*)"#;

static MENTION_ARROW: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"^[`"'’”*_)\]]*\s*(?:->|-->|=>|→|⇒|⟶|⟹|➔|➜)"#));
static MENTION_ARROW_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"(?:<-|<--|←|⇐|⟵)\s*[`"'‘“*_(\[]*$"#));
static MENTION_FROM: LazyLock<Regex> = LazyLock::new(|| pattern(r#"(?i)\bfrom\s*[`"'“‘*]*$"#));
static MENTION_TO: LazyLock<Regex> = LazyLock::new(|| pattern(r#"(?i)^[`"'”’*]*\s+(?:to|into)\s"#));
static MENTION_LIST_NEXT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"(?i)^[`"'”’*)]*\s*(?:/|,|\band\b|\bor\b)\s*[`"'“‘*(]*\w"#));
static TABLE_DELIMITER_ROW: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$"));
static TABLE_OLD_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:old|avoid|deprecated|don'?t\s+use|do\s+not\s+use|not\s+recommended|non-?inclusive|exclusionary|offensive|problematic|legacy|former|previous|replaced|before|outdated|instead\s+of|harmful)\b",
    )
});
static TABLE_NEW_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:new\s+(?:term|name|word)s?|use\s+instead|preferred|recommended|alternatives?|replacements?|suggested|suggestions?|inclusive|after)\b",
    )
});
// A cue before the word ("instead of", "replace", "terms like"): the largest
// patterns, so they wait until a sentence holds a cue's stem.
static CUE_AS_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)\b(?:the\s+|such\s+)?(?:{AS_WORD}){OPEN}{LIST}*$"
    ))
});
static CUE: LazyLock<Regex> = LazyLock::new(|| pattern(&format!(r"(?i)\b(?:{CUES}){OPEN}$")));
static CUE_LISTED: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"(?i)\b(?:{CUES}){OPEN}{LIST}+$")));

/// A stem of every alternative in [`CUES`] and [`AS_WORD`]: a text without any of them
/// holds no cue, and the cue patterns need not run (or be compiled).
const CUE_STEMS: [&str; 23] = [
    "instead",
    "rather",
    "place",
    "replac",
    "renam",
    "formerly",
    "previously",
    "deprecat",
    "use",
    "say",
    "write",
    "avoid",
    "remov",
    "away",
    "example",
    "name",
    "term",
    "spelling",
    "alias",
    "word",
    "phrase",
    "expression",
    "language",
];

fn may_cue(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    CUE_STEMS.iter().any(|stem| lower.contains(stem))
}

/// Whether `text[range]` is a whole string literal: quoted right before and after
/// (`"master"`, `'master'`).
pub(crate) fn is_whole_string(text: &str, range: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let (Some(&open), Some(&close)) = (
        range.start.checked_sub(1).and_then(|k| bytes.get(k)),
        bytes.get(range.end),
    ) else {
        return false;
    };
    matches!(open, b'"' | b'\'' | b'`') && open == close
}

/// Whether `text[range]` is (part of) an emoji shortcode: `:policeman:`.
pub(crate) fn in_emoji_shortcode(text: &str, range: Range<usize>) -> bool {
    // A shortcode is short: look back over its own few characters only.
    let before = &text[floor_boundary(text, range.start.saturating_sub(48))..range.start];
    let Some(open) = before.rfind(':') else {
        return false;
    };
    let name_char =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-');
    let head = &before[open + 1..];
    if !head.chars().all(name_char)
        || before[..open]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
    {
        return false;
    }
    let after = &text[range.end..];
    let tail_len = after.find(|c: char| !name_char(c)).unwrap_or(after.len());
    after[tail_len..].starts_with(':') && text[range].chars().all(name_char)
}

/// Whether the ref at `range` is another repository's branch: `owner/action@master`
/// (a workflow's `uses:`), GitHub's page title `… at master · owner/repo`, or a line
/// that clones or checks out another project's URL (`git clone -b master
/// https://github.com/kde/breeze-icons.git`). Its owners name their branches.
pub(crate) fn names_another_repository(text: &str, range: Range<usize>) -> bool {
    let (line_start, line_end) = line_around(text, &range);
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    if let Some(rest) = before.strip_suffix('@') {
        let token = &rest[after_last(rest, |c| c.is_whitespace() || "`\"'(=".contains(c))..];
        if token.contains('/') && !token.starts_with('.') {
            return true;
        }
    }
    if before.ends_with(" at ") && after.starts_with(" \u{b7} ") {
        return true;
    }
    // `uses: owner/action@a3d72946… # master`
    if let Some((_, used)) = before.split_once("uses:") {
        let used = used.trim_start();
        if used.contains('/') && used.contains('@') && !used.starts_with('.') {
            return true;
        }
    }
    names_git_url(&text[line_start..line_end])
}

/// Whether a line holds a repository's address.
fn names_git_url(line: &str) -> bool {
    [
        "://github.com/",
        "://gitlab.com/",
        "://bitbucket.org/",
        "git@github.com:",
        "git@gitlab.com:",
        "://git.",
        ".git ",
        ".git\"",
        ".git'",
    ]
    .iter()
    .any(|host| line.contains(host))
        || line.trim_end().ends_with(".git")
}

/// `range` widened over the ASCII bytes around it that `part` accepts.
fn run_around(bytes: &[u8], range: &Range<usize>, part: impl Fn(u8) -> bool) -> Range<usize> {
    let mut start = range.start;
    while start > 0 && part(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = range.end;
    while end < bytes.len() && part(bytes[end]) {
        end += 1;
    }
    start..end
}

/// Whether `text` holds `name` as a whole name, not inside a longer one.
pub(crate) fn has_name(text: &str, name: &str) -> bool {
    let part = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$');
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
        let end = at + name.len();
        let joined_before = at > 0 && part(bytes[at - 1]);
        let joined_after = end < bytes.len() && part(bytes[end]);
        !joined_before && !joined_after
    })
}

/// The name around `range`: the run of letters, digits, `_`, `-`, `.` and `$` holding
/// it (`id-blacklist`, `inputTypesWhitelist`, `security.syscalls.blacklist`).
pub(crate) fn name_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let Range { mut start, mut end } = run_around(bytes, range, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'$' | b'.')
    });
    // A dash or a full stop at either end is punctuation (`-- whitelist --`, "the
    // whitelist."), not part of the name.
    while start < range.start && matches!(bytes[start], b'-' | b'.') {
        start += 1;
    }
    while end > range.end && matches!(bytes[end - 1], b'-' | b'.') {
        end -= 1;
    }
    start..end
}

/// The line that holds `range`.
pub(crate) fn line_of<'t>(text: &'t str, range: &Range<usize>) -> &'t str {
    let (start, end) = line_around(text, range);
    &text[start..end]
}

/// Whether the line of `range` pairs it with "slave" (`{0: "Master", 1: "Slave"}`): the
/// hierarchy sense, not a branch.
pub(crate) fn pairs_with_slave(text: &str, range: Range<usize>) -> bool {
    line_of(text, &range).to_ascii_lowercase().contains("slave")
}

/// Whether `range` lies in a revision-control keyword (`$OpenBSD: sk-dummy.c,v 1.16
/// ... $`, `$Id: ... $`): the tool wrote it, with the file's name in it.
pub(crate) fn in_revision_keyword(text: &str, range: Range<usize>) -> bool {
    let (line_start, line_end) = line_around(text, &range);
    let before = &text[line_start..range.start];
    let Some(open) = before.rfind('$') else {
        return false;
    };
    let keyword = &before[open + 1..];
    let name_len = keyword.find(':').unwrap_or(0);
    name_len > 0
        && keyword[..name_len].chars().all(|c| c.is_ascii_alphabetic())
        && matches!(
            &keyword[..name_len],
            "Id" | "Header" | "OpenBSD" | "NetBSD" | "FreeBSD" | "DragonFly" | "Source" | "RCSfile"
        )
        && text[range.end..line_end].contains('$')
}

/// Whether a CI file's branch list that names `master` (the ref at `range`) names
/// `main` too: a workflow written for either default branch (a template's), whose
/// `master` is there for repositories that still use it.
pub(crate) fn lists_main_too(text: &str, range: Range<usize>) -> bool {
    let (line_start, line_end) = line_around(text, &range);
    let line = &text[line_start..line_end];
    let is_main = |item: &str| {
        item.trim()
            .trim_matches(['"', '\'', ',', '[', ']', '-', ' '])
            == "main"
    };
    if line.contains('[') {
        return line.split([',', '[', ']']).any(is_main);
    }
    if !line.trim_start().starts_with('-') {
        return false;
    }
    // The list's other items: the lines around that are list items too.
    let start = floor_boundary(text, line_start.saturating_sub(300));
    let end = ceil_boundary(text, (line_end + 300).min(text.len()));
    let before = text[start..line_start]
        .lines()
        .rev()
        .take_while(|l| l.trim_start().starts_with('-'));
    let after = text[line_end..end]
        .lines()
        .skip(1)
        .take_while(|l| l.trim_start().starts_with('-'));
    before.chain(after).any(is_main)
}

/// Whether a line of prose introduces a code example that uses the word itself: "Start
/// Locust in master mode:" above `` `locust --master` ``. The prose names the
/// command's own option or mode, which is the command's to rename (the example is
/// code, and code in a document is not checked); a careful editor leaves the
/// description matching it.
pub(crate) fn introduces_code_with(text: &str, range: Range<usize>) -> bool {
    let (_, line_end) = line_around(text, &range);
    let line_rest = text[range.end..line_end].trim_end();
    if !line_rest.ends_with(':') {
        return false;
    }
    // The word that carries the term (`master` of "master mode", for `--master`).
    let matched = text[range.clone()].to_lowercase();
    let word = matched
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_owned();
    if word.len() < 3 {
        return false;
    }
    // The example: the next line that is not blank, within a few.
    let after = &text[line_end..];
    let Some(example) = after
        .lines()
        .skip(1)
        .take(4)
        .map(str::trim)
        .find(|line| !line.is_empty())
    else {
        return false;
    };
    let code = if let Some(fenced) = example.strip_prefix("```") {
        // A fenced block: its first line of code.
        let _ = fenced;
        after
            .lines()
            .skip(1)
            .map(str::trim)
            .skip_while(|line| line.is_empty())
            .nth(1)
            .unwrap_or("")
            .to_owned()
    } else if example.starts_with('`') {
        example.trim_matches('`').to_owned()
    } else {
        return false;
    };
    code.to_lowercase().contains(&word)
}

/// Whether the identifier at `ident` is reached through another name: `lib.name`,
/// `pkg::Name`, `ptr->name`, `Ns\Name`; not through `self`, `this` or `cls`, whose
/// members the class being written defines.
pub(crate) fn is_qualified(text: &str, ident: &Range<usize>) -> bool {
    let before = &text[floor_boundary(text, ident.start.saturating_sub(64))..ident.start];
    let Some(rest) = ["::", "->", ".", "\\"]
        .iter()
        .find_map(|separator| before.strip_suffix(separator))
    else {
        return false;
    };
    let owner_start = after_last(rest, |c| !(c.is_alphanumeric() || c == '_' || c == '$'));
    let owner = &rest[owner_start..];
    if matches!(owner, "self" | "this" | "cls" | "Self" | "super" | "crate") {
        return false;
    }
    !owner.is_empty() && !owner.bytes().all(|b| b.is_ascii_digit()) || rest.ends_with([')', ']'])
}

/// The names a file's import statements bring in: Python's `import` and
/// `from ... import`, JavaScript's `import ... from` and `require`, Java's and Go's
/// `import`, Rust's and PHP's `use`, C#'s `using`, statements that run over several
/// lines included. Every word in such a statement counts, which is enough to tell
/// whether an identifier came in through one.
pub(crate) fn imported_names(text: &str) -> std::collections::HashSet<&str> {
    static START: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let start = START.get_or_init(|| {
        Regex::new(
            r"(?m)^[ \t]*(?:export[ \t]+)?(?:(?:import|from[ \t]+\S+[ \t]+import|use|using)\b|(?:const|let|var)[ \t]+[^=\n]*=[ \t]*require[ \t]*\()",
        )
        .expect("a valid pattern")
    });
    let mut names = std::collections::HashSet::new();
    for found in start.find_iter(text) {
        // The statement runs to the end of its line, or on while a bracket is open.
        let mut depth = 0i32;
        let mut end = found.start();
        for (at, c) in text[found.start()..].char_indices().take(10_000) {
            match c {
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' => depth -= 1,
                '\n' if depth <= 0 => {
                    end = found.start() + at;
                    break;
                }
                _ => {}
            }
            end = found.start() + at + c.len_utf8();
        }
        names.extend(
            text[found.start()..end]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .filter(|word| !word.is_empty()),
        );
    }
    names
}

/// The identifier holding `range` in code: the run of letters, digits, `_` and `$`
/// around it.
pub(crate) fn identifier_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let Range { mut start, end } = run_around(bytes, range, |b| {
        b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
    });
    // A sigil is not part of the name: Tcl's and shell's `$master` use `set master`,
    // Perl's `$slave` uses `my $slave`.
    while start < range.start && bytes[start] == b'$' {
        start += 1;
    }
    start..end
}

struct DefinitionPatterns {
    body_follows: Regex,
    c_define: Regex,
    c_pointer: Regex,
    c_typed: Regex,
    c_type_line: Regex,
    c_enum_open: Regex,
    keyword: Regex,
    go_method: Regex,
    c_declaration: Regex,
    statement_start: Regex,
    function_line: Regex,
    key: Regex,
}

fn definition_patterns() -> &'static DefinitionPatterns {
    static PATTERNS: std::sync::OnceLock<DefinitionPatterns> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| DefinitionPatterns {
        body_follows: Regex::new(r"^\s*\([^()]*\)\s*(?::\s*[\w<>\[\],.| ]+)?\{").expect("a valid pattern"),
        c_define: Regex::new(r"^\s*#\s*define\s+$").expect("a valid pattern"),
        c_pointer: Regex::new(r"^\s*[\w\s*]*\(\s*\*\s*$").expect("a valid pattern"),
        c_typed: Regex::new(
            r"^\s*(?:(?:static|extern|const|volatile|register|inline|unsigned|signed|struct|enum|union)\s+)*([A-Za-z_]\w*)(?:\s*\*+\s*|\s+)(?:[A-Za-z_]\w*(?:\s*\*+\s*|\s+))*$",
        )
        .expect("a valid pattern"),
        c_type_line: Regex::new(r"^(?:(?:static|extern|inline|const|unsigned|signed|struct|enum)\s+)*[A-Za-z_]\w*[\s*]*$")
            .expect("a valid pattern"),
        c_enum_open: Regex::new(r"\benum\b[^;{}()]*$").expect("a valid pattern"),
        keyword: Regex::new(
            r"(?:^|[^\w.])(?:class|struct|enum|interface|trait|type|def|fn|func|function|sub|proc|const|let|var|val|typedef|union|module|object|record|namespace|macro_rules!|local|my|our|alias|defmodule|defn|defun|defmacro|syn(?:tax)?\s+(?:keyword|match|region|cluster)|hi(?:ghlight)?\s+(?:def(?:ault)?\s+)?link)\s+(?:mut\s+|ref\s+)?[*&@%]*$",
        )
        .expect("a valid pattern"),
        go_method: Regex::new(r"\bfunc\s+\([^)]*\)\s+$").expect("a valid pattern"),
        c_declaration: Regex::new(
            r"^\s*(?:(?:static|extern|const|volatile|unsigned|signed|long|short|inline|register|final|private|public|protected|internal|readonly|transient|struct\s+\w+|enum\s+\w+|union\s+\w+|int|char|bool|float|double|void|size_t|ssize_t|u?int\d+_t|uint|auto|[\w:.<>]+_t|String|string|boolean|byte|Integer|Long|Object|var)\s+[*&]*\s*)+$",
        )
        .expect("a valid pattern"),
        statement_start: Regex::new(r"^\s*(?:(?:self|this)\.)?$").expect("a valid pattern"),
        function_line: Regex::new(r"\b(?:def|fn|func|function|sub|proc)\b[^(]*\(").expect("a valid pattern"),
        key: Regex::new(r#"^\s*["']?$"#).expect("a valid pattern"),
    })
}

/// Whether the identifier at `ident` is defined (declared, or set) where it stands: a
/// declaration keyword before it (`class`, `def`, `fn`, `const`, `let`, ...), a
/// C-like declaration (`static int x =`), an assignment at the start of a statement
/// (`x = `, `x := `), a parameter of a function being defined, or a key being set.
pub(crate) fn is_definition(text: &str, ident: &Range<usize>, syntax: &str) -> bool {
    let c_like = syntax == "C family";
    let (line_start, line_end) = line_around(text, ident);
    let before = &text[line_start..ident.start];
    let after = &text[ident.end..line_end];
    let after_trimmed = after.trim_start();
    let patterns = definition_patterns();
    if c_like && is_c_definition(text, line_start, before, after_trimmed, patterns) {
        return true;
    }
    if patterns.keyword.is_match(before) || patterns.go_method.is_match(before) {
        return true;
    }
    // A shell function or a method written `name() {` / `name(a, b) {` at the start
    // of its line.
    if before.trim().is_empty() && patterns.body_follows.is_match(after) {
        return true;
    }
    // A shell function whose body opens on the next line: `wait_ready()`.
    if syntax == "hash comments"
        && before.trim().is_empty()
        && after_trimmed.replace(' ', "").trim_end() == "()"
    {
        return true;
    }
    // A Go struct's field: `SlaveKind string`, `Master *Link `json:"master"``.
    if syntax == "Go" && before.trim().is_empty() {
        static FIELD: LazyLock<Regex> =
            LazyLock::new(|| pattern(r"^\s+[*\[\]\w.]+(?:\s+`[^`]*`)?\s*(?://.*)?$"));
        if FIELD.is_match(after) {
            return true;
        }
    }
    let sets = |a: &str| {
        (a.starts_with('=') && !a.starts_with("=="))
            || a.starts_with(":=")
            || a.starts_with("+=")
            || a.starts_with("-=")
            || a.starts_with("|=")
    };
    if patterns.c_declaration.is_match(before)
        && !before.trim().is_empty()
        && (after_trimmed.is_empty()
            || after_trimmed.starts_with(['=', ';', '[', '(', ',', ')', '{', ':']))
    {
        return true;
    }
    if patterns.statement_start.is_match(before) && sets(after_trimmed) {
        return true;
    }
    // The last of several names set at once: `master, slave = pty.openpty()`.
    if sets(after_trimmed) {
        let head = before.trim();
        if let Some(names) = head.strip_suffix(',') {
            if names.split(',').all(|name| {
                let name = name.trim();
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            }) {
                return true;
            }
        }
    }
    // Tcl's `set name value`.
    if syntax == "hash comments" && before.trim() == "set" {
        return true;
    }
    // Several names set at once: `ptmx, slave, err := pty.Open()`, `a, b = f()`.
    if let Some(rest) = after_trimmed.strip_prefix(',') {
        let names_only = |part: &str| {
            part.split(',').all(|name| {
                let name = name.trim();
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
        };
        let head = before.trim();
        let (tail, operator) = match rest.find(":=") {
            Some(k) => (&rest[..k], ":="),
            None => (rest.split('=').next().unwrap_or(""), "="),
        };
        let sets_after = &rest[tail.len()..];
        if (head.is_empty() || head.ends_with(',') && names_only(head.trim_end_matches(',')))
            && names_only(tail)
            && sets_after.starts_with(operator)
            && !sets_after.starts_with("==")
        {
            return true;
        }
    }
    // One of several names a C declaration declares: `int master_fd, slave_fd, r;`,
    // `uv_tty_t master_tty, slave_tty;`.
    if c_like && after_trimmed.starts_with([',', ';', '[', '=', ')']) {
        static LIST: LazyLock<Regex> = LazyLock::new(|| {
            pattern(
                r"^\s*(?:(?:static|extern|const|volatile|register|unsigned|signed|struct|enum|union)\s+)*[A-Za-z_]\w*\s+\**\s*[A-Za-z_]\w*(?:\s*\[[^\]]*\])?(?:\s*=\s*[^,;()]+)?(?:\s*,\s*\**\s*[A-Za-z_]\w*(?:\s*\[[^\]]*\])?(?:\s*=\s*[^,;()]+)?)*\s*,\s*\**\s*$",
            )
        });
        let head = before.trim_start();
        let first = head.split_whitespace().next().unwrap_or("");
        if !NOT_TYPES.contains(&first) && LIST.is_match(before) {
            return true;
        }
    }
    // The name of a struct's or union's member or variable after its closing brace:
    // `} slaves;`.
    if c_like && before.trim() == "}" && after_trimmed.starts_with([';', ',', '[']) {
        return true;
    }
    if patterns.key.is_match(before)
        && (after_trimmed
            .trim_start_matches(['"', '\''])
            .starts_with(':')
            && !after_trimmed.starts_with("::"))
    {
        return true;
    }
    // A parameter: inside the parentheses of a function being defined.
    if let Some(found) = patterns.function_line.find(before) {
        let inside = &before[found.end()..];
        let depth = inside.matches('(').count() + 1;
        let closed = inside.matches(')').count();
        if closed < depth
            && (after_trimmed.starts_with([',', ')', ':', '=']) || after.starts_with(' '))
        {
            return true;
        }
    }
    false
}

/// Words that start a statement, not a declaration's type (`return master;`).
const NOT_TYPES: &[&str] = &[
    "return",
    "else",
    "case",
    "goto",
    "sizeof",
    "typeof",
    "throw",
    "new",
    "delete",
    "yield",
    "await",
    "if",
    "while",
    "for",
    "switch",
    "do",
    "not",
    "and",
    "or",
    "in",
    "is",
    "import",
    "package",
    "assert",
    "default",
    "echo",
    "print",
    "using",
    "namespace",
    "break",
    "continue",
    "defined",
    "elif",
    "ifdef",
    "ifndef",
    "undef",
    "include",
    "pragma",
];

/// C's own ways of defining a name: `#define NAME`, a declaration with any type
/// (`static fd_set master_set;`, `ngx_int_t (*init_master)(...)`), a function whose
/// name starts its line under its return type, and an enum's members.
fn is_c_definition(
    text: &str,
    line_start: usize,
    before: &str,
    after: &str,
    patterns: &DefinitionPatterns,
) -> bool {
    if patterns.c_define.is_match(before) {
        return true;
    }
    if patterns.c_pointer.is_match(before) && after.starts_with(')') {
        return true;
    }
    if let Some(found) = patterns.c_typed.captures(before) {
        let first = found.get(1).map_or("", |m| m.as_str());
        if !NOT_TYPES.contains(&first)
            && (after.is_empty() || after.starts_with([';', '=', '[', ',', '(', ')', ':']))
            && !after.starts_with("==")
            && !after.starts_with("::")
        {
            return true;
        }
    }
    // `ngx_int_t\nngx_master_process_cycle(ngx_cycle_t *cycle)`
    if before.is_empty() && after.starts_with('(') && line_start > 0 {
        let previous_end = line_start - 1;
        let previous_start =
            memchr::memrchr(b'\n', &text.as_bytes()[..previous_end]).map_or(0, |k| k + 1);
        let previous = text[previous_start..previous_end].trim_end();
        if patterns.c_type_line.is_match(previous)
            && !NOT_TYPES.contains(&previous.split_whitespace().next().unwrap_or(""))
        {
            return true;
        }
    }
    // An enum member: alone at the start of its line, inside `enum ... {`.
    if before.trim().is_empty()
        && (after.is_empty()
            || after.starts_with([',', '='])
            || after.starts_with("/*")
            || after.starts_with("//"))
    {
        let floor = floor_boundary(text, line_start.saturating_sub(4096));
        let mut depth = 0usize;
        for (at, byte) in text.as_bytes()[floor..line_start].iter().enumerate().rev() {
            match byte {
                b'}' => depth += 1,
                b'{' if depth > 0 => depth -= 1,
                b'{' => {
                    let open = floor + at;
                    let head = &text[floor_boundary(text, open.saturating_sub(200))..open];
                    return patterns.c_enum_open.is_match(head);
                }
                _ => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod ref_tests {
    use super::*;

    fn at(text: &str, word: &str) -> Range<usize> {
        let start = text.find(word).unwrap();
        start..start + word.len()
    }

    #[test]
    fn git_refs_are_recognised() {
        for text in [
            "run git checkout master and pull",
            "compare with origin/master first",
            "refs/heads/master is protected",
            "git log master..feature",
            "git diff master...topic",
            "git reset --hard master~3",
            "use master^ for the parent",
            "master@{u} names the upstream",
            "HEAD -> master",
            "On branch master",
            "git push origin master after the review",
            "git branch -m master main",
            "uses: owner/release-tag@master",
            "init.defaultBranch=master",
            "    branches: [master]",
            "  branch: master",
            "git('checkout', 'master')",
            "run([\"git\", \"push\", \"origin\", \"master\"])",
            "dep = { git = '{}', branch = 'master' }",
            "git+https://example.org/dep?branch=master#1.0.0",
            "let r = GitReference::Branch(\"master\".to_string());",
            "git clone --branch master https://example.org/x.git",
            "git clone -b master",
        ] {
            assert!(is_git_ref(text, at(text, "master")), "{text}");
        }
        // Another repository's branch, and this one's.
        for (text, other) in [
            ("uses: dtolnay/rust-toolchain@master", true),
            ("uses: ./.github/actions/setup@master", false),
            ("notes/fix.md at master \u{b7} ChALkeR/notes", true),
            (
                "git_checkout_library icons master https://github.com/kde/icons.git",
                true,
            ),
            ("git clone -b master git@github.com:owner/repo", true),
            ("git push origin master", false),
        ] {
            assert_eq!(
                names_another_repository(text, at(text, "master")),
                other,
                "{text}"
            );
        }
        let yaml = "on:\n  pull_request:\n    branches:\n      - master\n";
        assert!(is_git_ref(yaml, at(yaml, "master")));
        for text in [
            "The master replicates writes to each replica.",
            "If the master fails, a replica is promoted.",
            "master/slave replication",
            "Run git push. The master node answers.",
            "steps:\n  - master\n",
        ] {
            assert!(!is_git_ref(text, at(text, "master")), "{text}");
        }
    }

    #[test]
    fn tcl_and_shell_definitions() {
        let tcl = "set master_ip [lindex $pair 0]";
        assert!(is_definition(tcl, &at(tcl, "master_ip"), "hash comments"));
        assert!(!is_definition(tcl, &at(tcl, "master_ip"), "Python"));
        let shell = "wait_for_master_ready()\n{";
        assert!(is_definition(
            shell,
            &at(shell, "wait_for_master_ready"),
            "hash comments"
        ));
    }

    #[test]
    fn definitions_are_told_from_uses() {
        let table = [
            ("public class SlaveNode {", "SlaveNode", true),
            ("import org.example.SlaveRegistry;", "SlaveRegistry", false),
            (
                "    private final SlaveRegistry registry = SlaveRegistry.create();",
                "SlaveRegistry",
                false,
            ),
            ("def whitelist_ip(address):", "whitelist_ip", true),
            ("    master, slave = pty.openpty()", "slave", true),
            ("    master, slave == pair", "slave", false),
            ("from app.hosts import whitelist_ip", "whitelist_ip", false),
            ("    lag = lib.slave_count()", "slave_count", false),
            ("const blacklistTTL = 300", "blacklistTTL", true),
            ("func Drain(slaveID string) int {", "slaveID", true),
            (
                "\treturn blacklistTTL + len(slaveID) + replication.SlaveLag()",
                "SlaveLag",
                false,
            ),
            (
                "export function whitelistDomain(name: string): string {",
                "whitelistDomain",
                true,
            ),
            (
                "import { isBlacklisted } from \"x\";",
                "isBlacklisted",
                false,
            ),
            ("static int master_count = 0;", "master_count", true),
            ("    master_count += 1;", "master_count", true),
            (
                "    return master_count + redisSlaveCount();",
                "redisSlaveCount",
                false,
            ),
            ("whitelist: [a, b]", "whitelist", true),
            ("assert_joined_sane() {", "assert_joined_sane", true),
            (
                "  whitelistHost(name: string): void {",
                "whitelistHost",
                true,
            ),
            ("  whitelistHost(name);", "whitelistHost", false),
            ("x = whitelist", "whitelist", false),
        ];
        for (line, ident, want) in table {
            assert_eq!(
                is_definition(line, &at(line, ident), "C family"),
                want,
                "{line}"
            );
        }
    }

    #[test]
    fn qualified_names_are_reached_through_another() {
        let table = [
            ("lag = lib.slave_count()", "slave_count", true),
            ("replication::SlaveLag()", "SlaveLag", true),
            ("node->slave_count", "slave_count", true),
            ("new Acme\\Whitelist()", "Whitelist", true),
            ("make().whitelist", "whitelist", true),
            ("self.whitelist = []", "whitelist", false),
            ("this.whitelist.add(x)", "whitelist", false),
            ("hosts = whitelist()", "whitelist", false),
            ("x = 1.whitelist", "whitelist", false),
        ];
        for (line, ident, want) in table {
            assert_eq!(is_qualified(line, &at(line, ident)), want, "{line}");
        }
    }

    #[test]
    fn import_statements_bring_names_in() {
        let text = "from vendorlib import blacklist\nfrom pkg import (\n    Master,\n    slave_of,\n)\nimport org.example.SlaveRegistry;\nuse crate::{\n    whitelist::Entry,\n};\nconst { isBlacklisted } = require(\"filter\");\nimport { masterKey } from \"keys\";\n\nhosts = whitelist()\n";
        let names = imported_names(text);
        for name in [
            "blacklist",
            "Master",
            "slave_of",
            "SlaveRegistry",
            "whitelist",
            "Entry",
            "isBlacklisted",
            "masterKey",
        ] {
            assert!(names.contains(name), "{name}");
        }
        assert!(!names.contains("hosts"));
        assert!(imported_names("hosts = whitelist()\n# import nothing\n").is_empty());
    }

    #[test]
    fn c_definitions_are_recognised() {
        let yes = [
            ("#define NGX_PROCESS_MASTER 1", "NGX_PROCESS_MASTER"),
            ("static fd_set master_read_fd_set;", "master_read_fd_set"),
            (
                "static u_char master_process[] = \"master process\";",
                "master_process",
            ),
            (
                "    ngx_int_t (*init_master)(ngx_log_t *log);",
                "init_master",
            ),
            ("    ngx_uint_t  master;", "master"),
            ("const char *master_name = NULL;", "master_name"),
            (
                "void\nngx_master_process_cycle(ngx_cycle_t *cycle)\n{",
                "ngx_master_process_cycle",
            ),
            ("static ngx_int_t\nngx_master_init(void)", "ngx_master_init"),
            (
                "enum filter {\n    FILTER_WHITELIST,\n    FILTER_NONE\n};",
                "FILTER_WHITELIST",
            ),
            (
                "typedef enum {\n  MASTER = 1, /* the first */\n} role;",
                "MASTER",
            ),
        ];
        for (text, ident) in yes {
            assert!(is_definition(text, &at(text, ident), "C family"), "{text}");
        }
        let no = [
            ("    return master_count;", "master_count"),
            ("    foo(master_a);", "master_a"),
            ("    x = master_b;", "master_b"),
            ("    if (master_a == 1)", "master_a"),
            ("int f(void) {\n    master_a,\n}", "master_a"),
            ("call(\n    master_a,\n    b);", "master_a"),
            (
                "x;\nngx_master_process_cycle(cycle);",
                "ngx_master_process_cycle",
            ),
        ];
        for (text, ident) in no {
            assert!(!is_definition(text, &at(text, ident), "C family"), "{text}");
        }
    }
}
