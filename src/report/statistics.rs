//! `--statistics`: how many findings each rule has, most first, like ruff's.

use std::io::{self, Write};

use super::{Report, Reporter};
use crate::terminal::escape;

/// A count per rule.
pub struct Statistics;

impl Reporter for Statistics {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let counts = report.by_rule();
        let width = counts.iter().map(|(rule, _)| rule.len()).max().unwrap_or(0);
        let count_width = counts.first().map_or(1, |(_, n)| n.to_string().len());
        for (rule, count) in &counts {
            let Some(f) = report.findings.iter().find(|f| f.rule.id == *rule) else {
                continue;
            };
            let fixable = report
                .findings
                .iter()
                .filter(|f| f.rule.id == *rule)
                .any(|f| {
                    f.fix
                        .as_ref()
                        .is_some_and(|fix| fix.applicability == ally_core::Applicability::Safe)
                });
            let terms = f
                .rule
                .terms
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(
                out,
                "{count:>count_width$}  {:<width$}  {:<7}  {} {}",
                escape(rule),
                f.severity.as_str(),
                if fixable { "[*]" } else { "[ ]" },
                escape(&terms),
            )?;
        }
        Ok(())
    }
}
