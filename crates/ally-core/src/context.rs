//! What a word is doing where it stands: the sentence around a match, the contexts a
//! pack writes for its rules and exceptions, git refs, identifiers a file defines or
//! only uses, and names.

use std::ops::Range;

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
    let mut i = at;
    while i > floor {
        i -= 1;
        match bytes[i] {
            b'\n' if i > floor && bytes[i - 1] == b'\n' => return i + 1,
            b'.' | b'!' | b'?'
                if bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace()) && i + 1 < at =>
            {
                if bytes[i] == b'.' {
                    let word_start = text[floor..i]
                        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
                        .map_or(floor, |k| floor + k + 1);
                    let word = text[word_start..i].to_ascii_lowercase();
                    if ABBREVIATIONS.contains(&word.as_str()) || word.len() == 1 {
                        continue;
                    }
                }
                return i + 1;
            }
            _ => {}
        }
    }
    floor
}

/// The end of the sentence holding `at` (see [`sentence_start`]).
pub(crate) fn sentence_end(text: &str, at: usize) -> usize {
    let ceiling = ceil_boundary(text, (at + REACH).min(text.len()));
    let bytes = text.as_bytes();
    let mut i = at;
    while i < ceiling {
        match bytes[i] {
            b'\n' if bytes.get(i + 1) == Some(&b'\n') => return i,
            b'.' | b'!' | b'?' if bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) => {
                return i + 1
            }
            _ => {}
        }
        i += 1;
    }
    ceiling
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

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

/// A pack's context, its patterns compiled.
#[derive(Debug)]
pub(crate) struct Compiled {
    before: Option<Regex>,
    not_before: Option<Regex>,
    after: Option<Regex>,
    not_after: Option<Regex>,
    no_person_before: bool,
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
            before: compile(&context.before),
            not_before: compile(&context.not_before),
            after: compile(&context.after),
            not_after: compile(&context.not_after),
            no_person_before: context.no_person_before,
        }
    }

    /// Whether a match at `range` of `text` stands in this context.
    pub(crate) fn holds(&self, text: &str, range: Range<usize>) -> bool {
        let before = &text[sentence_start(text, range.start)..range.start];
        let after = &text[range.end..sentence_end(text, range.end)];
        self.before.as_ref().is_none_or(|r| r.is_match(before))
            && !self.not_before.as_ref().is_some_and(|r| r.is_match(before))
            && self.after.as_ref().is_none_or(|r| r.is_match(after))
            && !self.not_after.as_ref().is_some_and(|r| r.is_match(after))
            && !(self.no_person_before && names_person(before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
const GIT_COMMANDS: &str = "checkout|switch|merge|rebase|push|pull|fetch|branch|log|diff|reset|cherry-pick|show|rev-parse|rev-list|tag|worktree|merge-base|range-diff|format-patch|describe|bisect|restore|cherry|shortlog";

struct GitRefPatterns {
    command: Regex,
    setting: Regex,
    ci_key: Regex,
    list_key: Regex,
}

fn git_ref_patterns() -> &'static GitRefPatterns {
    static PATTERNS: std::sync::OnceLock<GitRefPatterns> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| GitRefPatterns {
        command: Regex::new(&format!(r"\bgit\s+(?:-\S+\s+)*(?:{GIT_COMMANDS})\b[^.;|&!?]*$"))
            .expect("a valid pattern"),
        setting: Regex::new(r#"(?i)default[-_. ]?branch\s*[:=]\s*["']?$"#).expect("a valid pattern"),
        ci_key: Regex::new(
            r#"^\s*(?:-\s*)?["']?(?:branch|branches|branches-ignore|base|head|ref|target[-_]branch|source[-_]branch|only|except)["']?\s*[:=]\s*[\[{"']?[\w\s,"'/.*-]*$"#,
        )
        .expect("a valid pattern"),
        list_key: Regex::new(
            r#"^\s*(?:-\s*)?["']?(?:branch|branches|branches-ignore|only|except|refs)["']?\s*:\s*$"#,
        )
        .expect("a valid pattern"),
    })
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
        if rest.chars().next_back().is_some_and(name_char) {
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
    if before.ends_with("HEAD -> ")
        || before.ends_with("On branch ")
        || before.ends_with("on branch ")
    {
        return true;
    }
    let patterns = git_ref_patterns();
    if patterns.command.is_match(before) || patterns.setting.is_match(before) {
        return true;
    }
    if patterns.ci_key.is_match(before)
        && after
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '"' | '\'' | ' '))
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
            return line.len() - line.trim_start().len() <= indent
                && patterns.list_key.is_match(line);
        }
    }
    false
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
    let owner_start = rest
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .map_or(0, |k| k + 1);
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
    let part = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
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

struct DefinitionPatterns {
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
        keyword: Regex::new(
            r"(?:^|[^\w.])(?:class|struct|enum|interface|trait|type|def|fn|func|function|sub|proc|const|let|var|val|typedef|union|module|object|record|namespace|macro_rules!|local|my|our|alias|defmodule|defn|defun|defmacro)\s+(?:mut\s+|ref\s+)?[*&]*$",
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
pub(crate) fn is_definition(text: &str, ident: &Range<usize>) -> bool {
    let (line_start, line_end) = line_around(text, ident);
    let before = &text[line_start..ident.start];
    let after = &text[ident.end..line_end];
    let after_trimmed = after.trim_start();
    let patterns = definition_patterns();
    if patterns.keyword.is_match(before) || patterns.go_method.is_match(before) {
        return true;
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
        ] {
            assert!(is_git_ref(text, at(text, "master")), "{text}");
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
            ("x = whitelist", "whitelist", false),
        ];
        for (line, ident, want) in table {
            assert_eq!(is_definition(line, &at(line, ident)), want, "{line}");
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
}
