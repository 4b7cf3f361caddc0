//! The HTML report: one self-contained page to open in a browser or attach to a CI
//! run. A header with the totals and small bar charts (by severity, by pack, by rule),
//! then the findings grouped by file, each with its line and the term marked, and the
//! explanation, the words to try and the sources one click away (`<details>`).
//!
//! The page loads nothing: its style is inline, it has no script, font or image, and
//! its charts are drawn with CSS. It holds no timestamp, so the same report is the
//! same page. Every piece of text from a file, a path, a configuration or a pack goes
//! through [`escape`].

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::io::{self, Write};

use ally_core::{Applicability, ExcerptLine, Finding, Severity};

use super::{PathMessage, Report, Reporter};

/// Severities as the page lists them: the gravest first.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// How many rules the chart of rules shows before the rest go behind a click.
const TOP_RULES: usize = 8;

/// Past this many bytes the page written so far is handed to the writer.
const FLUSH_AT: usize = 64 * 1024;

/// `text` safe to stand in HTML text or in a quoted attribute: `& < > " '` as
/// character references, and control characters and bidirectional overrides (which
/// would hide or reorder what the reader sees) as visible escapes such as `\u{1b}`,
/// as the terminal formats show them. Tabs and line breaks are kept.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(Escaped(text).to_string())
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'')
        || (crate::terminal::is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r'))
}

/// Displays its text escaped (see [`escape`]), without a copy.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(needs_escape) {
            out.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            match c {
                '&' => out.write_str("&amp;")?,
                '<' => out.write_str("&lt;")?,
                '>' => out.write_str("&gt;")?,
                '"' => out.write_str("&quot;")?,
                '\'' => out.write_str("&#39;")?,
                _ => write!(out, "{}", c.escape_default())?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        out.write_str(rest)
    }
}

/// Writes `text` with its backtick-quoted parts as `<code>` (a message's terms, an
/// explanation's commands), without the backticks. A part that touches other text
/// (`` `WHITELIST`) ``) is written as plain text instead: tools that read a page's
/// text put a space at each element's edge, and the message must read the same in
/// them as `finding.message()` without its backticks. A backtick left open is kept.
fn push_inline(page: &mut String, text: &str) -> fmt::Result {
    let parts: Vec<&str> = text.split('`').collect();
    let last = parts.len() - 1;
    // With an even number of parts, the last backtick opens a quote that never closes.
    let open = parts.len().is_multiple_of(2);
    let apart = |k: usize| {
        let before = (k == 1 && parts[0].is_empty()) || parts[k - 1].ends_with(char::is_whitespace);
        let after = (k + 1 == last && parts[last].is_empty())
            || parts[k + 1].starts_with(char::is_whitespace);
        before && after
    };
    for (k, part) in parts.iter().enumerate() {
        if open && k == last {
            write!(page, "`{}", Escaped(part))?;
        } else if k % 2 == 1 && apart(k) {
            write!(page, "<code>{}</code>", Escaped(part))?;
        } else {
            write!(page, "{}", Escaped(part))?;
        }
    }
    Ok(())
}

/// A count of findings of one severity: `1 error`, `2 warnings`, `3 info`.
fn severity_count(n: usize, severity: Severity) -> String {
    match severity {
        Severity::Error => counted(n as u64, "error", "errors"),
        Severity::Warning => counted(n as u64, "warning", "warnings"),
        Severity::Info => counted(n as u64, "info", "info"),
    }
}

/// `12,345`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, digit) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `one` for one, else `many`.
fn noun<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `1 finding`, `2 findings`.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), noun(n, one, many))
}

/// `512 B`, `12.3 KB`, `4.0 MB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `part` as a percentage of `whole`, for a bar's width.
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_owned();
    }
    let value = part as f64 * 100.0 / whole as f64;
    let text = format!("{value:.1}");
    format!("{}%", text.strip_suffix(".0").unwrap_or(&text))
}

/// Counts by severity, in the order of [`SEVERITIES`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts([usize; 3]);

impl Counts {
    fn add(&mut self, severity: Severity) {
        let k = SEVERITIES.iter().position(|s| *s == severity).unwrap_or(0);
        self.0[k] += 1;
    }

    fn total(&self) -> usize {
        self.0.iter().sum()
    }

    fn of(&self, severity: Severity) -> usize {
        SEVERITIES
            .iter()
            .position(|s| *s == severity)
            .map_or(0, |k| self.0[k])
    }
}

/// The findings of one file: a slice of the report's, which are sorted by path.
struct FileFindings<'a> {
    path: &'a str,
    findings: &'a [Finding],
    counts: Counts,
}

fn by_file(findings: &[Finding]) -> Vec<FileFindings<'_>> {
    let mut files = Vec::new();
    for chunk in findings.chunk_by(|a, b| a.path == b.path) {
        let mut counts = Counts::default();
        for f in chunk {
            counts.add(f.severity);
        }
        files.push(FileFindings {
            path: &chunk[0].path,
            findings: chunk,
            counts,
        });
    }
    files
}

/// Counts by pack, most findings first (ties by name).
fn by_pack(findings: &[Finding]) -> Vec<(&str, Counts)> {
    let mut packs: BTreeMap<&str, Counts> = BTreeMap::new();
    for f in findings {
        packs
            .entry(f.rule.pack.as_str())
            .or_default()
            .add(f.severity);
    }
    let mut sorted: Vec<(&str, Counts)> = packs.into_iter().collect();
    sorted.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0)));
    sorted
}

/// The page.
pub struct Html;

impl Reporter for Html {
    fn needs_source(&self) -> bool {
        true
    }

    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut page = String::with_capacity(FLUSH_AT + 4096);
        let files = by_file(&report.findings);
        head(&mut page, report).map_err(io::Error::other)?;
        overview(&mut page, report, &files).map_err(io::Error::other)?;
        if !files.is_empty() {
            page.push_str("<main>\n");
        }
        let mut details = Details::default();
        let mut number = 0;
        for (k, file) in files.iter().enumerate() {
            file_section(&mut page, k + 1, file, &mut number, &mut details)
                .map_err(io::Error::other)?;
            if page.len() > FLUSH_AT {
                out.write_all(page.as_bytes())?;
                page.clear();
            }
        }
        if !files.is_empty() {
            page.push_str("</main>\n");
        }
        page.push_str(FOOT);
        out.write_all(page.as_bytes())
    }
}

fn head(page: &mut String, report: &Report) -> fmt::Result {
    let title = match report.findings.len() {
        0 => "no findings".to_owned(),
        n => counted(n as u64, "finding", "findings"),
    };
    writeln!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>ally report: {title}</title>\n<style>\n{STYLE}</style>\n</head>\n\
         <body>\n<div class=\"page\">"
    )
}

const FOOT: &str = "<footer>Written by <strong>ally</strong>, the inclusive-language linter. \
<code>ally explain &lt;rule&gt;</code> prints a rule&#39;s explanation in a terminal.</footer>\n\
</div>\n</body>\n</html>\n";

/// The header: the totals, then the charts and the list of files.
fn overview(page: &mut String, report: &Report, files: &[FileFindings<'_>]) -> fmt::Result {
    let (error, warning, info) = report.by_severity();
    let total = report.findings.len();
    page.push_str(
        "<header>\n<h1><span class=\"brand\">ally</span> inclusive-language report</h1>\n",
    );
    let scanned = counted(report.files_scanned, "file", "files");
    if total == 0 {
        writeln!(
            page,
            "<p class=\"lede\">No findings in {scanned} checked ({}).</p>",
            size(report.bytes_scanned)
        )?;
    } else {
        writeln!(
            page,
            "<p class=\"lede\"><strong>{}</strong> in {} of {scanned} checked ({}).</p>",
            counted(total as u64, "finding", "findings"),
            grouped(files.len() as u64),
            size(report.bytes_scanned)
        )?;
    }
    page.push_str("<div class=\"cards\">\n");
    let card = |page: &mut String, class: &str, value: usize, label: &str| {
        writeln!(
            page,
            "<div class=\"card {class}\"><span class=\"value\">{}</span><span class=\"label\">{label}</span></div>",
            grouped(value as u64)
        )
    };
    let findings = noun(total as u64, "finding", "findings");
    let in_files = match files.len() {
        0 => findings.to_owned(),
        n => format!("{findings} in {}", counted(n as u64, "file", "files")),
    };
    card(page, "total", total, &in_files)?;
    let checked = noun(report.files_scanned, "file checked", "files checked");
    card(page, "scope", report.files_scanned as usize, checked)?;
    card(page, "error", error, noun(error as u64, "error", "errors"))?;
    card(
        page,
        "warning",
        warning,
        noun(warning as u64, "warning", "warnings"),
    )?;
    card(page, "info", info, "info")?;
    if !report.errors.is_empty() {
        let unreadable = noun(
            report.errors.len() as u64,
            "path with an error",
            "paths with errors",
        );
        card(page, "failed", report.errors.len(), unreadable)?;
    }
    page.push_str("</div>\n");
    skipped(page, report)?;
    page.push_str("</header>\n");
    errors(page, &report.errors)?;
    if total == 0 {
        page.push_str(
            "<section class=\"clean\"><span class=\"check\" aria-hidden=\"true\">\u{2713}</span>\
             <div><h2>Nothing found</h2><p>No term from the enabled packs was found in the \
             files checked.</p></div></section>\n",
        );
        return Ok(());
    }
    page.push_str("<section class=\"charts\">\n<div class=\"column\">\n");
    severity_chart(page, report)?;
    pack_chart(page, &report.findings)?;
    page.push_str("</div>\n");
    rule_chart(page, report)?;
    file_list(page, files)?;
    page.push_str("</section>\n");
    Ok(())
}

/// "Not checked: 3 vendored, 1 binary."
fn skipped(page: &mut String, report: &Report) -> fmt::Result {
    let skipped: Vec<String> = report
        .skipped
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(reason, n)| format!("{} {}", grouped(*n), reason.replace('_', " ")))
        .collect();
    if skipped.is_empty() {
        return Ok(());
    }
    writeln!(
        page,
        "<p class=\"note\">Not checked: {} (<code>--verbose</code> lists them).</p>",
        skipped.join(", ")
    )
}

/// A bar `part / whole` of its track wide, coloured as `severity`; nothing for none.
fn bar(severity: Severity, part: usize, whole: usize) -> String {
    if part == 0 {
        return String::new();
    }
    format!(
        "<span class=\"bar {severity}\" style=\"width:{}\"></span>",
        percent(part, whole)
    )
}

/// One bar per severity, against the most common.
fn severity_chart(page: &mut String, report: &Report) -> fmt::Result {
    let (error, warning, info) = report.by_severity();
    let widest = error.max(warning).max(info);
    page.push_str("<div class=\"panel\">\n<h2>By severity</h2>\n<table class=\"bars\">\n");
    for (severity, n) in [
        (Severity::Error, error),
        (Severity::Warning, warning),
        (Severity::Info, info),
    ] {
        writeln!(
            page,
            "<tr><th scope=\"row\"><span class=\"badge {severity}\">{severity}</span></th>\
             <td class=\"track\">{}</td><td class=\"n\">{}</td></tr>",
            bar(severity, n, widest),
            grouped(n as u64)
        )?;
    }
    page.push_str("</table>\n</div>\n");
    Ok(())
}

/// One stacked bar per pack (its errors, warnings and info), against the largest.
fn pack_chart(page: &mut String, findings: &[Finding]) -> fmt::Result {
    let packs = by_pack(findings);
    let widest = packs.first().map_or(0, |(_, counts)| counts.total());
    page.push_str(
        "<div class=\"panel\">\n<h2>By pack</h2>\n<table class=\"bars\">\n\
         <thead><tr><th scope=\"col\">Pack</th><th scope=\"col\"></th>\
         <th scope=\"col\" class=\"n\" title=\"errors\">E</th>\
         <th scope=\"col\" class=\"n\" title=\"warnings\">W</th>\
         <th scope=\"col\" class=\"n\" title=\"info\">I</th></tr></thead>\n<tbody>\n",
    );
    for (pack, counts) in &packs {
        write!(
            page,
            "<tr><th scope=\"row\"><code>{}</code></th><td class=\"track\">\
             <span class=\"stack\" style=\"width:{}\">",
            Escaped(pack),
            percent(counts.total(), widest)
        )?;
        for severity in SEVERITIES {
            page.push_str(&bar(severity, counts.of(severity), counts.total()));
        }
        page.push_str("</span></td>");
        for severity in SEVERITIES {
            match counts.of(severity) {
                0 => page.push_str("<td class=\"n zero\">0</td>"),
                n => write!(page, "<td class=\"n\">{}</td>", grouped(n as u64))?,
            }
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
    Ok(())
}

/// The rules found most, the rest behind a click.
fn rule_chart(page: &mut String, report: &Report) -> fmt::Result {
    let rules = report.by_rule();
    let widest = rules.first().map_or(0, |(_, n)| *n);
    let severity: HashMap<&str, Severity> = report
        .findings
        .iter()
        .map(|f| (f.rule.id.as_str(), f.rule.severity))
        .collect();
    let row = |page: &mut String, (rule, n): &(&str, usize)| {
        let class = severity.get(rule).copied().unwrap_or(Severity::Info);
        writeln!(
            page,
            "<tr><th scope=\"row\"><code>{}</code></th><td class=\"track\">\
{}</td><td class=\"n\">{}</td></tr>",
            Escaped(rule),
            bar(class, *n, widest),
            grouped(*n as u64)
        )
    };
    page.push_str(
        "<div class=\"panel\">\n<h2>Most found rules</h2>\n<table class=\"bars rules\">\n",
    );
    for rule in rules.iter().take(TOP_RULES) {
        row(page, rule)?;
    }
    page.push_str("</table>\n");
    if rules.len() > TOP_RULES {
        writeln!(
            page,
            "<details><summary>{} more</summary>\n<table class=\"bars rules\">",
            counted((rules.len() - TOP_RULES) as u64, "rule", "rules")
        )?;
        for rule in &rules[TOP_RULES..] {
            row(page, rule)?;
        }
        page.push_str("</table>\n</details>\n");
    }
    page.push_str("</div>\n");
    Ok(())
}

/// The files with findings, each a link to its section.
fn file_list(page: &mut String, files: &[FileFindings<'_>]) -> fmt::Result {
    page.push_str("<nav class=\"panel files\" aria-label=\"Files\">\n<h2>Files</h2>\n<ul>\n");
    for (k, file) in files.iter().enumerate() {
        write!(
            page,
            "<li><a href=\"#file-{}\">{}</a><span class=\"dots\">",
            k + 1,
            Escaped(file.path)
        )?;
        for severity in SEVERITIES {
            let n = file.counts.of(severity);
            if n > 0 {
                write!(
                    page,
                    "<span class=\"count {severity}\" title=\"{}\">{}</span>",
                    severity_count(n, severity),
                    grouped(n as u64)
                )?;
            }
        }
        page.push_str("</span></li>\n");
    }
    page.push_str("</ul>\n</nav>\n");
    Ok(())
}

/// The paths that could not be checked.
fn errors(page: &mut String, errors: &[PathMessage]) -> fmt::Result {
    if errors.is_empty() {
        return Ok(());
    }
    writeln!(
        page,
        "<section class=\"errors\">\n<h2>{} could not be checked</h2>\n<ul>",
        counted(errors.len() as u64, "path", "paths")
    )?;
    for error in errors {
        write!(page, "<li><code class=\"path\">{}", Escaped(&error.path))?;
        if let Some(line) = error.line {
            write!(page, ":{line}")?;
        }
        writeln!(page, "</code>: {}</li>", Escaped(&error.message))?;
    }
    page.push_str("</ul>\n</section>\n");
    Ok(())
}

/// What findings of one rule and matched text share, as HTML: the message, and the
/// `<details>` around the finding's own fix.
struct Explained {
    message: String,
    /// The `<details>` up to the fix: the explanation, the words to try.
    reasons: String,
    /// The rest: the sources, the rule, the end of the `<details>`.
    sources: String,
}

/// The [`Explained`] of each rule and matched text, made once: a report repeats a few
/// terms many times.
#[derive(Default)]
struct Details<'a> {
    made: HashMap<(&'a str, &'a str, usize, &'a str), Explained>,
}

impl<'a> Details<'a> {
    fn of(&mut self, f: &'a Finding) -> Result<&Explained, fmt::Error> {
        let outside = f
            .identifier
            .as_ref()
            .filter(|identifier| identifier.outside)
            .map_or("", |identifier| &*identifier.name);
        let key = (f.rule.id.as_str(), f.matched.as_str(), f.term, outside);
        Ok(match self.made.entry(key) {
            Entry::Occupied(made) => made.into_mut(),
            Entry::Vacant(new) => new.insert(explained(f)?),
        })
    }
}

fn explained(f: &Finding) -> Result<Explained, fmt::Error> {
    let mut message = String::from("<p class=\"message\">");
    push_inline(&mut message, &f.message())?;
    message.push_str("</p>\n");
    let mut reasons = String::new();
    reasons.push_str(
        "<details>\n<summary>Why, and what to write instead</summary>\n<div class=\"more\">\n",
    );
    for paragraph in f.rule.explanation.split("\n\n").map(str::trim) {
        if !paragraph.is_empty() {
            reasons.push_str("<p>");
            push_inline(&mut reasons, paragraph)?;
            reasons.push_str("</p>\n");
        }
    }
    let suggestions = f.suggestions();
    if !suggestions.is_empty() {
        reasons.push_str("<p class=\"try\"><span class=\"key\">Try</span>");
        for suggestion in &suggestions {
            write!(reasons, " <code>{}</code>", Escaped(suggestion))?;
        }
        reasons.push_str("</p>\n");
    }
    let mut sources = String::new();
    if !f.rule.sources.is_empty() {
        sources.push_str("<p class=\"key\">Sources</p>\n<ul class=\"sources\">\n");
        for source in &f.rule.sources {
            sources.push_str("<li>");
            link(&mut sources, &source.title, &source.url)?;
            sources.push_str("</li>\n");
        }
        sources.push_str("</ul>\n");
    }
    writeln!(
        sources,
        "<p class=\"rule-note\">Rule <code>{}</code> from the <code>{}</code> pack; \
         <code>ally explain {}</code> prints this in a terminal.</p>\n</div>\n</details>",
        Escaped(&f.rule.id),
        Escaped(&f.rule.pack),
        Escaped(&f.rule.id)
    )?;
    Ok(Explained {
        message,
        reasons,
        sources,
    })
}

/// The fix a finding carries, if any: its replacement, and whether `--fix` writes it
/// (the same words can be fixed safely in prose and not in code).
fn fix_line(page: &mut String, f: &Finding) -> fmt::Result {
    let Some(fix) = &f.fix else {
        return Ok(());
    };
    let Some(edit) = fix.main_edit(f.start.offset, f.end.offset) else {
        return Ok(());
    };
    let how = match fix.applicability {
        Applicability::Safe => "written by <code>ally check --fix</code>",
        Applicability::Unsafe => "written by <code>ally check --fix --unsafe-fixes</code>",
        Applicability::DisplayOnly => "a suggestion: no fix writes it",
    };
    writeln!(
        page,
        "<p class=\"fix\"><span class=\"key\">Fix</span> <code>{}</code>, {how}</p>",
        Escaped(&edit.replacement)
    )
}

/// A link to a source, when its address is a web address: a pack is text from
/// anywhere, and a `javascript:` address would run when clicked.
fn link(page: &mut String, title: &str, url: &str) -> fmt::Result {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        write!(
            page,
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a> <span class=\"url\">{}</span>",
            Escaped(url.trim()),
            Escaped(title),
            Escaped(url.trim())
        )
    } else {
        write!(
            page,
            "{} <span class=\"url\">{}</span>",
            Escaped(title),
            Escaped(url)
        )
    }
}

/// One file's section: its path, its counts, and each finding.
fn file_section<'a>(
    page: &mut String,
    index: usize,
    file: &FileFindings<'a>,
    number: &mut usize,
    details: &mut Details<'a>,
) -> fmt::Result {
    let (folder, name) = match file.path.rfind(['/', '\\']) {
        Some(at) => file.path.split_at(at + 1),
        None => ("", file.path),
    };
    writeln!(
        page,
        "<section class=\"file\" id=\"file-{index}\">\n<h2><span class=\"path\">\
         <span class=\"folder\">{}</span>{}</span> <span class=\"total\">{}</span></h2>\n<ol>",
        Escaped(folder),
        Escaped(name),
        counted(file.findings.len() as u64, "finding", "findings")
    )?;
    for f in file.findings {
        *number += 1;
        finding(page, *number, f, details)?;
    }
    page.push_str("</ol>\n</section>\n");
    Ok(())
}

fn finding<'a>(
    page: &mut String,
    number: usize,
    f: &'a Finding,
    details: &mut Details<'a>,
) -> fmt::Result {
    let severity = f.severity;
    writeln!(
        page,
        "<li class=\"finding {severity}\" id=\"finding-{number}\">\n<div class=\"meta\">\
         <a class=\"loc\" href=\"#finding-{number}\">{}:{}</a> \
         <span class=\"badge {severity}\">{severity}</span> <code class=\"rule\">{}</code></div>",
        f.start.line,
        f.start.column,
        Escaped(&f.rule.id)
    )?;
    let explained = details.of(f)?;
    page.push_str(&explained.message);
    if let Some(excerpt) = &f.excerpt {
        page.push_str("<div class=\"excerpt\">\n");
        for line in &excerpt.lines {
            excerpt_line(page, line, severity)?;
        }
        page.push_str("</div>\n");
    }
    page.push_str(&explained.reasons);
    fix_line(page, f)?;
    page.push_str(&explained.sources);
    page.push_str("</li>\n");
    Ok(())
}

/// One line of an excerpt: its number, and its text with the matched part marked.
fn excerpt_line(page: &mut String, line: &ExcerptLine, severity: Severity) -> fmt::Result {
    let Some(number) = line.number else {
        page.push_str(
            "<span class=\"ln\">\u{22ee}</span><code class=\"src elided\">\u{2026}</code>\n",
        );
        return Ok(());
    };
    write!(
        page,
        "<span class=\"ln\">{number}</span><code class=\"src\">"
    )?;
    if line.clipped_left {
        page.push_str("<span class=\"clip\">\u{2026}</span>");
    }
    write!(
        page,
        "{}<mark class=\"{severity}\">{}</mark>{}",
        Escaped(&line.before),
        Escaped(&line.marked),
        Escaped(&line.after)
    )?;
    if line.clipped_right {
        page.push_str("<span class=\"clip\">\u{2026}</span>");
    }
    page.push_str("</code>\n");
    Ok(())
}

/// The page's style: light, and dark where the reader's system is.
const STYLE: &str = r#":root {
  color-scheme: light dark;
  --bg: #f6f8fa; --panel: #ffffff; --text: #1f2328; --muted: #59636e;
  --line: #d1d9e0; --soft: #f0f3f6; --code: #eff1f3; --link: #0969da;
  --error: #cf222e; --error-soft: #ffebe9; --error-mark: #ffcecb;
  --warning: #bf8700; --warning-soft: #fff8c5; --warning-mark: #fae17d;
  --info: #0969da; --info-soft: #ddf4ff; --info-mark: #b6e3ff;
  --ok: #1a7f37; --ok-soft: #dafbe1;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --panel: #151b23; --text: #e6edf3; --muted: #9198a1;
    --line: #3d444d; --soft: #1c232c; --code: #262c36; --link: #4493f8;
    --error: #f85149; --error-soft: #3c1618; --error-mark: #7d1a1f;
    --warning: #d29922; --warning-soft: #3a2d0b; --warning-mark: #6e5200;
    --info: #4493f8; --info-soft: #0d2847; --info-mark: #1f4c8f;
    --ok: #3fb950; --ok-soft: #12261e;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0; color: var(--text); background: var(--bg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page { max-width: 1120px; margin: 0 auto; padding: 32px 28px 40px; }
code, .ln, .loc, .card .value {
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
code { font-size: 0.88em; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 26px; margin: 0 0 4px; font-weight: 600; letter-spacing: -0.01em; }
h1 .brand {
  display: inline-block; padding: 0 10px; margin-right: 6px; border-radius: 6px;
  background: var(--text); color: var(--bg); font-weight: 700;
}
h2 { font-size: 15px; margin: 0 0 12px; font-weight: 600; }
.lede { margin: 6px 0 20px; color: var(--muted); font-size: 16px; }
.lede strong { color: var(--text); }
.note { color: var(--muted); margin: 12px 0 0; font-size: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; }
.card {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 16px; border-top: 3px solid var(--line);
}
.card .value { display: block; font-size: 26px; font-weight: 600; line-height: 1.2; }
.card .label { color: var(--muted); font-size: 13px; }
.card.total { border-top-color: var(--text); }
.card.error { border-top-color: var(--error); }
.card.warning { border-top-color: var(--warning); }
.card.info { border-top-color: var(--info); }
.card.failed { border-top-color: var(--error); background: var(--error-soft); }
header { margin-bottom: 24px; }
.panel, .file, .errors, .clean {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
}
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-bottom: 28px; align-items: start; }
.charts .column { display: grid; gap: 16px; min-width: 0; }
.panel { padding: 16px 20px; min-width: 0; }
table.bars { width: 100%; border-collapse: collapse; font-size: 14px; }
table.bars th, table.bars td { padding: 4px 0; vertical-align: middle; }
table.bars th { text-align: left; font-weight: normal; white-space: nowrap; padding-right: 12px; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
table.rules th { width: 40%; }
table.bars thead th { color: var(--muted); font-size: 12px; }
table.bars .n { width: 3em; padding-left: 10px; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.bars .zero { color: var(--muted); opacity: 0.6; }
.track { width: 100%; }
.track > span { display: flex; height: 12px; border-radius: 3px; overflow: hidden; min-width: 2px; }
.track > .bar { background: var(--muted); }
.stack > .bar { height: 100%; }
.bar.error { background: var(--error); }
.bar.warning { background: var(--warning); }
.bar.info { background: var(--info); }
details > summary { cursor: pointer; color: var(--link); font-size: 14px; }
.panel details { margin-top: 8px; }
.files { grid-column: 1 / -1; }
.files ul { list-style: none; margin: 0; padding: 0; columns: 2; column-gap: 32px; }
.files li {
  display: flex; justify-content: space-between; gap: 12px; padding: 3px 0;
  border-bottom: 1px solid var(--soft); break-inside: avoid; font-size: 14px;
}
.files li a { overflow-wrap: anywhere; }
.dots { display: flex; gap: 4px; flex: none; }
.count {
  min-width: 24px; padding: 0 6px; border-radius: 10px; text-align: center; line-height: 20px;
  font-size: 12px; font-weight: 600; font-variant-numeric: tabular-nums;
}
.count.error, .badge.error { color: var(--error); background: var(--error-soft); }
.count.warning, .badge.warning { color: var(--warning); background: var(--warning-soft); }
.count.info, .badge.info { color: var(--info); background: var(--info-soft); }
.badge {
  display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; line-height: 20px; text-transform: uppercase; letter-spacing: 0.03em;
}
.errors { padding: 16px 20px; margin-bottom: 28px; border-left: 4px solid var(--error); }
.errors ul { margin: 0; padding-left: 20px; }
.errors li { margin: 4px 0; }
.clean { display: flex; gap: 16px; align-items: center; padding: 20px 24px; border-left: 4px solid var(--ok); }
.clean h2 { margin: 0; font-size: 18px; }
.clean p { margin: 2px 0 0; color: var(--muted); }
.clean .check {
  display: flex; align-items: center; justify-content: center; flex: none;
  width: 40px; height: 40px; border-radius: 50%; background: var(--ok-soft); color: var(--ok);
  font-size: 22px; font-weight: 700;
}
.file { margin-bottom: 20px; overflow: hidden; }
.file h2 {
  display: flex; justify-content: space-between; align-items: baseline; gap: 16px;
  margin: 0; padding: 12px 20px; background: var(--soft); border-bottom: 1px solid var(--line);
  font-size: 15px;
}
.file h2 .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.file h2 .folder { color: var(--muted); font-weight: normal; }
.file h2 .total { color: var(--muted); font-weight: normal; font-size: 13px; white-space: nowrap; }
.file ol { list-style: none; margin: 0; padding: 0; }
.finding { padding: 14px 20px 14px 17px; border-left: 3px solid transparent; }
.finding + .finding { border-top: 1px solid var(--line); }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); }
.meta { display: flex; align-items: center; gap: 10px; font-size: 13px; }
.loc { color: var(--muted); font-size: 13px; }
.rule { color: var(--muted); }
.message { margin: 6px 0 8px; font-size: 15px; font-weight: 500; }
.message code, .more code, .note code, footer code {
  background: var(--code); padding: 1px 5px; border-radius: 4px;
}
.excerpt {
  display: grid; grid-template-columns: auto 1fr; margin: 0 0 8px; border: 1px solid var(--line);
  border-radius: 6px; background: var(--soft); font-size: 13px; line-height: 20px; overflow: hidden;
}
.excerpt .ln {
  padding: 4px 10px; text-align: right; color: var(--muted); border-right: 1px solid var(--line);
  user-select: none;
}
.excerpt .src { padding: 4px 12px; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
.excerpt code { font-size: 13px; }
.excerpt .clip, .excerpt .elided { color: var(--muted); }
mark { color: inherit; border-radius: 3px; padding: 1px 0; }
mark.error { background: var(--error-mark); box-shadow: inset 0 -2px var(--error); }
mark.warning { background: var(--warning-mark); box-shadow: inset 0 -2px var(--warning); }
mark.info { background: var(--info-mark); box-shadow: inset 0 -2px var(--info); }
.finding details > summary { font-size: 13px; }
.more {
  margin-top: 8px; padding: 4px 16px; border-left: 2px solid var(--line); font-size: 14px;
  max-width: 80ch;
}
.more p { margin: 8px 0; }
.key { font-weight: 600; margin-right: 4px; }
.sources { margin: 0 0 8px; padding-left: 20px; }
.sources li { margin: 2px 0; }
.url { display: block; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.rule-note { color: var(--muted); font-size: 13px; }
footer { margin-top: 32px; color: var(--muted); font-size: 13px; text-align: center; }
@media (max-width: 800px) {
  .charts { grid-template-columns: 1fr; }
  .files ul { columns: 1; }
}
"#;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ally_core::{Edit, Excerpt, Fix, Position, Rule, Source};

    use super::*;

    #[test]
    fn escape_writes_markup_and_hidden_characters_as_text() {
        let table = [
            ("plain text", "plain text"),
            ("Tom & Jerry <keep>", "Tom &amp; Jerry &lt;keep&gt;"),
            ("amp&<lt>.md", "amp&amp;&lt;lt&gt;.md"),
            (r#"say "hi" it's"#, "say &quot;hi&quot; it&#39;s"),
            ("&amp;", "&amp;amp;"),
            ("tab\tand\nline", "tab\tand\nline"),
            ("esc\u{1b}[31m", "esc\\u{1b}[31m"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("café ✓", "café ✓"),
            ("", ""),
        ];
        for (text, expected) in table {
            assert_eq!(escape(text), expected, "{text:?}");
        }
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn inline_code_comes_from_backticks() {
        let table = [
            (
                "Consider `allowlist` instead of `whitelist`",
                "Consider <code>allowlist</code> instead of <code>whitelist</code>",
            ),
            ("no code", "no code"),
            ("`a<b`", "<code>a&lt;b</code>"),
            ("open `quote", "open `quote"),
            ("`one` and `open", "<code>one</code> and `open"),
            // Touching other text: plain, so that its text reads the same.
            (
                "add it (Consider `ALLOWLIST`)",
                "add it (Consider ALLOWLIST)",
            ),
            ("did you mean `ally-ignore`?", "did you mean ally-ignore?"),
            ("`a``b` c", "ab c"),
            ("tab\t`a`\nline", "tab\t<code>a</code>\nline"),
        ];
        for (text, expected) in table {
            let mut page = String::new();
            push_inline(&mut page, text).unwrap();
            assert_eq!(page, expected, "{text:?}");
        }
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(size(512), "512 B");
        assert_eq!(size(12_595), "12.3 KB");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(3, 3), "100%");
        assert_eq!(percent(0, 0), "0%");
    }

    fn written(report: &Report) -> String {
        let mut out = Vec::new();
        Html.write(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Asserts the page is one HTML document.
    fn assert_one_document(page: &str) {
        assert!(page.starts_with("<!DOCTYPE html>\n"), "{page}");
        assert_eq!(page.matches("<html").count(), 1);
        assert_eq!(page.matches("</html>").count(), 1);
        assert!(page.trim_end().ends_with("</html>"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn a_clean_report_is_one_document_that_says_so() {
        let report = Report {
            files_scanned: 3,
            bytes_scanned: 2048,
            ..Default::default()
        };
        let page = written(&report);
        assert_one_document(&page);
        assert!(page.contains("<title>ally report: no findings</title>"));
        assert!(page.contains("No findings in 3 files checked (2.0 KB)."));
        assert!(page.contains("Nothing found"));
        assert!(!page.contains("<main>"));
    }

    fn finding(path: &str, source: &str, matched: &str, url: &str) -> Finding {
        let rule = Arc::new(Rule {
            id: "p&q/whitelist".to_owned(),
            pack: "p&q".to_owned(),
            terms: vec!["whitelist".to_owned()],
            alternatives: vec!["allowlist".to_owned()],
            fix: None,
            severity: Severity::Warning,
            explanation: "Says `why` <b>here</b>.\n\nA second paragraph.".to_owned(),
            sources: vec![Source {
                id: "s".to_owned(),
                title: "Guide \"one\"".to_owned(),
                url: url.to_owned(),
            }],
            exceptions: Vec::new(),
            inflections: Vec::new(),
            enabled: true,
            origin: Default::default(),
            context: None,
            git_refs: Vec::new(),
            reads: Vec::new(),
            message: None,
        });
        let start = source.find(matched).unwrap();
        let end = start + matched.len();
        let position = |offset: usize| Position {
            line: 1,
            column: offset + 1,
            offset,
            column_utf16: offset + 1,
        };
        Finding {
            path: Arc::from(path),
            rule,
            severity: Severity::Warning,
            matched: matched.to_owned(),
            start: position(start),
            end: position(end),
            fix: None,
            excerpt: Some(Box::new(Excerpt::new(source, start, end, 1))),
            identifier: None,
            term: 0,
        }
    }

    #[test]
    fn findings_are_escaped_marked_and_explained() {
        let mut report = Report {
            files_scanned: 2,
            ..Default::default()
        };
        report.findings = vec![
            finding(
                "amp&<lt>.md",
                "Tom & Jerry <keep> the whitelist.",
                "whitelist",
                "https://example.org/?a=1&b=2",
            ),
            finding("b.md", "whitelist", "whitelist", "javascript:alert(1)"),
        ];
        report.errors = vec![PathMessage {
            path: "gone<.md".to_owned(),
            message: "no such file".to_owned(),
            line: None,
        }];
        let page = written(&report);
        assert_one_document(&page);
        assert!(page.contains("amp&amp;&lt;lt&gt;.md"));
        assert!(!page.contains("amp&<lt>"));
        assert!(page.contains(
            "Tom &amp; Jerry &lt;keep&gt; the <mark class=\"warning\">whitelist</mark>."
        ));
        assert!(page.contains(
            "<p class=\"message\">Consider <code>allowlist</code> instead of <code>whitelist</code></p>"
        ));
        assert!(page.contains("Says <code>why</code> &lt;b&gt;here&lt;/b&gt;."));
        assert!(page.contains("<a href=\"https://example.org/?a=1&amp;b=2\" rel=\"noopener noreferrer\">Guide &quot;one&quot;</a>"));
        assert!(
            !page.contains("href=\"javascript"),
            "only web addresses are links"
        );
        assert!(page.contains("<code class=\"path\">gone&lt;.md</code>: no such file"));
        assert!(page.contains("<code>p&amp;q</code>"));
        assert_eq!(page.matches("<section class=\"file\"").count(), 2);
    }

    #[test]
    fn each_finding_shows_its_own_fix() {
        let fixed = |applicability| {
            let mut f = finding("a.md", "the whitelist", "whitelist", "https://example.org");
            f.fix = Some(Fix {
                edits: vec![Edit {
                    start: f.start,
                    end: f.end,
                    replacement: "allowlist".to_owned(),
                }],
                applicability,
            });
            f
        };
        let report = Report {
            findings: vec![
                fixed(Applicability::Safe),
                fixed(Applicability::Unsafe),
                finding("a.md", "the whitelist", "whitelist", "https://example.org"),
            ],
            ..Default::default()
        };
        let page = written(&report);
        let fixes: Vec<&str> = page
            .lines()
            .filter(|line| line.starts_with("<p class=\"fix\">"))
            .collect();
        assert_eq!(
            fixes,
            [
                "<p class=\"fix\"><span class=\"key\">Fix</span> <code>allowlist</code>, written by <code>ally check --fix</code></p>",
                "<p class=\"fix\"><span class=\"key\">Fix</span> <code>allowlist</code>, written by <code>ally check --fix --unsafe-fixes</code></p>",
            ]
        );
    }
}
