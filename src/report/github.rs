//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`) with
//! GitHub's escaping, and a Markdown step summary (see [`step_summary`]), which the
//! binary appends to `$GITHUB_STEP_SUMMARY`.

use std::io::{self, Write};

use ally_core::Severity;

use super::{Report, Reporter};

/// The workflow commands.
pub struct Github;

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A command's message: `%`, `\r` and `\n` escaped.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as [`escape_data`], and `:` and `,` too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for f in &report.findings {
            let message = format!("{}\n\n{}", f.message(), f.rule.explanation);
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                escape_property(&super::relative_path(&f.path)),
                f.start.line,
                f.start.column,
                f.end.line,
                f.end.column,
                escape_property(&format!("ally: {}", f.rule.id)),
                escape_data(&message),
            )?;
        }
        for e in &report.errors {
            writeln!(
                out,
                "::error file={},title=ally could not check this file::{}",
                escape_property(&super::relative_path(&e.path)),
                escape_data(&e.message),
            )?;
        }
        Ok(())
    }
}

/// The totals as one notice (GitHub shows only the first annotations of a step, so
/// the totals go where they are always seen: the binary writes this on stderr).
pub fn totals_notice(report: &Report) -> String {
    let (error, warning, info) = report.by_severity();
    format!(
        "::notice title=ally::{}\n",
        escape_data(&format!(
            "{} findings ({error} errors, {warning} warnings, {info} info) in {} files checked",
            report.findings.len(),
            report.files_scanned
        ))
    )
}

/// A Markdown summary for the run's page: the totals, and a table of rules with
/// their counts.
pub fn step_summary(report: &Report) -> String {
    let (error, warning, info) = report.by_severity();
    let total = report.findings.len();
    let mut text = String::from("### ally\n\n");
    if total == 0 {
        text.push_str(&format!(
            "No findings in {} files checked.\n\n",
            report.files_scanned
        ));
        return text;
    }
    text.push_str(&format!(
        "**{total} {}** ({error} error, {warning} warning, {info} info) in {} files checked.\n\n",
        if total == 1 { "finding" } else { "findings" },
        report.files_scanned
    ));
    text.push_str("| Rule | Severity | Findings |\n|---|---|---:|\n");
    for (rule, count) in report.by_rule() {
        let severity = report
            .findings
            .iter()
            .find(|f| f.rule.id == rule)
            .map_or("", |f| f.severity.as_str());
        text.push_str(&format!(
            "| `{}` | {severity} | {count} |\n",
            rule.replace('|', "\\|")
        ));
    }
    text.push_str("\n`ally explain RULE` tells why each one matters and what to say instead.\n\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_github() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("we,ird:name%.md"), "we%2Cird%3Aname%25.md");
    }
}
