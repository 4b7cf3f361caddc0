//! `path:line:col: severity[rule] message`, one finding per line, for editors' error
//! formats and grep.

use std::io::Write;

use crate::check::Outcome;
use crate::terminal::escape;

/// Renders one line per finding.
pub fn render(outcome: &Outcome) -> Vec<u8> {
    let mut out = Vec::with_capacity(outcome.findings.len() * 96);
    for f in &outcome.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            escape(&f.path),
            f.start.line,
            f.start.column,
            f.severity,
            escape(&f.rule.id),
            escape(&f.message())
        );
    }
    out
}
