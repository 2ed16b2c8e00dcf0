//! `path:line:col: severity [rule] message` — one line a finding, for editors and grep.

use std::io::{self, Write};

use crate::engine::FileReport;
use crate::output::{escape_path, sanitize};

pub fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    reports.iter().try_for_each(|r| write_file(r, out))
}

/// One file's findings.
pub fn write_file(r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
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
