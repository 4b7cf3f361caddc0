//! `path:line:col: severity[rule] message`, one finding per line, for editors' error
//! formats and grep.

use std::collections::HashMap;
use std::io::{self, Write};

use super::{Report, Reporter};
use crate::terminal::escape;

/// One line per finding.
pub struct Concise;

impl Reporter for Concise {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        // A report repeats a few terms many times: each message is made once.
        let mut messages: HashMap<(&str, &str, &str), String> = HashMap::new();
        for f in &report.findings {
            let outside = f
                .identifier
                .as_ref()
                .filter(|identifier| identifier.outside)
                .map_or("", |identifier| &*identifier.name);
            let message = messages
                .entry((f.rule.id.as_str(), f.matched.as_str(), outside))
                .or_insert_with(|| escape(&f.message()).into_owned());
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                escape(&f.path),
                f.start.line,
                f.start.column,
                f.severity,
                escape(&f.rule.id),
                message
            )?;
        }
        Ok(())
    }
}
