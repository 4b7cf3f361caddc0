//! `--statistics`: how many findings each rule has, most first, like ruff's.

use std::collections::HashMap;
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
        // One pass: each rule's first finding, and whether any of its fixes is safe.
        let mut seen: HashMap<&str, (&ally_core::Finding, bool)> = HashMap::new();
        for f in &report.findings {
            let safe = f
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == ally_core::Applicability::Safe);
            seen.entry(f.rule.id.as_str())
                .and_modify(|(_, fixable)| *fixable |= safe)
                .or_insert((f, safe));
        }
        for (rule, count) in &counts {
            let Some(&(f, fixable)) = seen.get(rule) else {
                continue;
            };
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
