//! `--statistics`: how many findings each rule has, most first, instead of the findings (as ruff's
//! and rumdl's `--statistics`). A table in `human` and `concise`, an array in `json`.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::engine::Report;
use crate::input::FileError;
use crate::output::{Format, Options, Reporter, Summary};

/// One rule's line: its findings, and whether `--fix` can fix any of them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub count: usize,
    pub fixable: bool,
}

/// Counts findings per rule as files come, writes the table at the end.
pub struct Statistics {
    json: bool,
    /// The human format ends with the summary line (unless quiet).
    summary: bool,
    options: Options,
    counts: HashMap<&'static str, (usize, bool)>,
}

impl Statistics {
    /// `format` is `human`, `concise` or `json` (the command line refuses the others).
    pub fn new(format: Format, options: &Options) -> Statistics {
        Statistics {
            json: format == Format::Json,
            summary: format == Format::Human && !options.quiet,
            options: *options,
            counts: HashMap::new(),
        }
    }

    /// The rules with findings, most findings first, then by name.
    pub fn rows(&self) -> Vec<RuleCount> {
        let mut rows: Vec<RuleCount> = self
            .counts
            .iter()
            .map(|(&rule, &(count, fixable))| RuleCount { rule, count, fixable })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        rows
    }
}

impl Reporter for Statistics {
    fn file(&mut self, report: &Report, _: Option<String>, _: &mut dyn Write) -> io::Result<()> {
        for d in &report.diagnostics {
            let entry = self.counts.entry(d.rule).or_insert((0, false));
            entry.0 += 1;
            entry.1 |= d.fixable(self.options.unsafe_fixes);
        }
        Ok(())
    }

    /// The table (`[*]` marks a rule with a fix `--fix` applies), then the fixable hint and the
    /// summary line in `human`; the array in `json`.
    fn finish(&mut self, summary: &Summary, _: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(super::json_io)?;
            return writeln!(out);
        }
        let width = rows.iter().map(|r| r.count.to_string().len()).max().unwrap_or(1);
        for r in &rows {
            let mark = if r.fixable { "[*]" } else { "   " };
            writeln!(out, "{:>width$}  {mark} {}", r.count, r.rule)?;
        }
        if self.summary {
            if let Some(line) = summary.fixable_line() {
                writeln!(out, "{line}")?;
            }
            writeln!(out, "{}", summary.verdict_line(&self.options.gate))?;
        }
        Ok(())
    }
}
