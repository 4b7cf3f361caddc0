//! `path:line:col: severity[rule] message`, one finding per line, for editors' error
//! formats and grep.

use std::io::{self, Write};

use super::{Report, Reporter};
use crate::terminal::escape;

/// One line per finding.
pub struct Concise;

impl Reporter for Concise {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for f in &report.findings {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                escape(&f.path),
                f.start.line,
                f.start.column,
                f.severity,
                escape(&f.rule.id),
                escape(&f.message())
            )?;
        }
        Ok(())
    }
}
