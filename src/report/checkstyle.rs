//! Checkstyle XML, which Jenkins, reviewdog and many CI tools read: a `<file>` per
//! file with findings, an `<error>` per finding. A clean run is an empty
//! `<checkstyle>` element.

use std::io::{self, Write};

use ally_core::Severity;

use super::{Report, Reporter};

/// The Checkstyle report.
pub struct Checkstyle;

/// Text for an XML attribute: markup characters as entities, and the characters XML
/// 1.0 cannot hold at all (most control characters) as U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

impl Reporter for Checkstyle {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(out, r#"<checkstyle version="4.3">"#)?;
        let mut current: Option<&str> = None;
        for f in &report.findings {
            if current != Some(&*f.path) {
                if current.is_some() {
                    writeln!(out, "  </file>")?;
                }
                writeln!(out, r#"  <file name="{}">"#, escape(&f.path))?;
                current = Some(&f.path);
            }
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="ally.{}"/>"#,
                f.start.line,
                f.start.column,
                severity(f.severity),
                escape(&f.message()),
                escape(&f.rule.id),
            )?;
        }
        if current.is_some() {
            writeln!(out, "  </file>")?;
        }
        for e in &report.errors {
            writeln!(out, r#"  <file name="{}">"#, escape(&e.path))?;
            writeln!(
                out,
                r#"    <error line="{}" severity="error" message="{}" source="ally.error"/>"#,
                e.line.unwrap_or(0),
                escape(&e.message),
            )?;
            writeln!(out, "  </file>")?;
        }
        writeln!(out, "</checkstyle>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(
            escape("Tom & Jerry <keep> \"a\" 'b'\u{1b}[0m"),
            "Tom &amp; Jerry &lt;keep&gt; &quot;a&quot; &apos;b&apos;\u{fffd}[0m"
        );
    }
}
