//! Our own JSON format (documented in README.md); miette's JSON is not a stable format.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::Span;
use crate::engine::{FileError, FileReport};
use crate::output::Summary;

/// Version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

fn position(r: &FileReport, offset: usize) -> Value {
    let lc = r.lines.line_col(&r.source, offset);
    json!({ "line": lc.line, "column": lc.column, "offset": offset })
}

fn range(r: &FileReport, span: Span) -> (Value, Value) {
    (position(r, span.start), position(r, span.end))
}

pub fn to_value(reports: &[FileReport], errors: &[FileError], summary: &Summary) -> Value {
    let mut diagnostics = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let (start, end) = range(r, d.span);
            let labels: Vec<Value> = d
                .labels
                .iter()
                .map(|l| {
                    let (s, e) = range(r, l.span);
                    json!({ "message": l.message, "start": s, "end": e })
                })
                .collect();
            let fix = d.fix.as_ref().map(|f| {
                let edits: Vec<Value> = f
                    .edits
                    .iter()
                    .map(|e| {
                        let (s, en) = range(r, e.span);
                        json!({ "start": s, "end": en, "content": e.content })
                    })
                    .collect();
                json!({ "applicability": f.applicability.as_str(), "message": f.message, "edits": edits })
            });
            diagnostics.push(json!({
                "file": r.path,
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "message": d.message,
                "help": d.help,
                "start": start,
                "end": end,
                "labels": labels,
                "fix": fix,
            }));
        }
    }
    let errors: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "file": e.path, "message": e.message }))
        .collect();
    json!({
        "version": SCHEMA_VERSION,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "failed": summary.failed,
        },
        "diagnostics": diagnostics,
        "errors": errors,
    })
}

pub fn write(reports: &[FileReport], errors: &[FileError], summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    let value = to_value(reports, errors, summary);
    serde_json::to_writer_pretty(&mut *out, &value).map_err(crate::output::json_io)?;
    writeln!(out)
}
