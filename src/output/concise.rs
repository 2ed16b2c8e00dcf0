//! `path:line:col: severity [rule] message` — one line a finding, for editors and grep.

use std::io::{self, Write};

use crate::engine::Report;
use crate::input::FileError;
use crate::output::{escape_path, sanitize, Reporter, Summary};

/// Writes each file's findings as they come.
pub struct Concise;

impl Reporter for Concise {
    fn file(&mut self, report: &Report, _: Option<String>, out: &mut dyn Write) -> io::Result<()> {
        write_file(report, out)
    }

    fn finish(&mut self, _: &Summary, _: &[FileError], _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// One file's findings.
pub fn write_file(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &r.diagnostics {
        let lc = r.line_col(d.span.start);
        let mut message = sanitize(&d.message);
        if message.contains('\n') {
            message = message.replace('\n', " ").into();
        }
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            escape_path(&r.path),
            lc.line,
            lc.column,
            d.severity,
            d.rule,
            message
        )?;
    }
    Ok(())
}
