//! Our own JSON format (documented in README.md); miette's JSON is not a stable format.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::Span;
use crate::engine::Report;
use crate::input::FileError;
use crate::output::{Reporter, Summary};

/// Version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

fn position(r: &Report, offset: usize) -> Value {
    let lc = r.line_col(offset);
    json!({ "line": lc.line, "column": lc.column, "offset": offset })
}

fn range(r: &Report, span: Span) -> (Value, Value) {
    (position(r, span.start), position(r, span.end))
}

/// One finding as a JSON object.
fn diagnostic_value(r: &Report, d: &crate::diagnostic::Diagnostic) -> Value {
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
    let mut value = json!({
        "file": &*r.path,
        "rule": d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "start": start,
        "end": end,
        "labels": labels,
        "fix": fix,
    });
    // a name that is not UTF-8 shows its bytes as `\xNN` in `file`; this gives them back
    if r.path_bytes.is_some() {
        value["file_uri"] = Value::String(crate::output::sarif::file_uri(r));
    }
    value
}

/// The JSON report, written one finding at a time (a run over thousands of files never holds
/// the whole document in memory); the layout is serde_json's pretty printing, keys sorted. The
/// summary comes after the findings in the document, keys being sorted.
#[derive(Default)]
pub struct Json {
    /// A finding has been written: the next one follows a comma.
    any: bool,
}

impl Reporter for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"diagnostics\": ")
    }

    fn file(&mut self, r: &Report, _: Option<String>, out: &mut dyn Write) -> io::Result<()> {
        for d in &r.diagnostics {
            write_item(out, &diagnostic_value(r, d), 2, !self.any)?;
            self.any = true;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, errors: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        end_array(out, 2, self.any)?;
        out.write_all(b",\n  \"errors\": ")?;
        let errors = errors.iter().map(|e| {
            let mut value = json!({ "file": e.path, "message": e.message });
            if let Some(bytes) = &e.path_bytes {
                value["file_uri"] = Value::String(crate::output::sarif::uri(bytes));
            }
            value
        });
        write_array(out, errors, 2)?;
        out.write_all(b",\n  \"summary\": ")?;
        let summary = json!({
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "failed": summary.failed,
        });
        write_indented(out, &summary, 2)?;
        writeln!(out, ",\n  \"version\": {SCHEMA_VERSION}\n}}")
    }
}

/// One item of a pretty-printed array at `indent` spaces (`first`: opens the array).
pub fn write_item(out: &mut dyn Write, item: &Value, indent: usize, first: bool) -> io::Result<()> {
    out.write_all(if first { b"[\n" } else { b",\n" })?;
    write!(out, "{:width$}", "", width = indent + 2)?;
    write_indented(out, item, indent + 2)
}

/// Close an array written with [`write_item`] (`any`: it has items).
pub fn end_array(out: &mut dyn Write, indent: usize, any: bool) -> io::Result<()> {
    if any {
        write!(out, "\n{:width$}]", "", width = indent)
    } else {
        out.write_all(b"[]")
    }
}

/// A pretty-printed array whose items are produced one by one, at `indent` spaces.
pub fn write_array(out: &mut dyn Write, items: impl Iterator<Item = Value>, indent: usize) -> io::Result<()> {
    let mut any = false;
    for item in items {
        write_item(out, &item, indent, !any)?;
        any = true;
    }
    end_array(out, indent, any)
}

/// `value` pretty-printed with every line after the first indented by `indent` spaces (JSON
/// strings hold no raw newline, so every newline is layout).
pub fn write_indented(out: &mut dyn Write, value: &Value, indent: usize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value).map_err(crate::output::json_io)?;
    let pad = vec![b' '; indent];
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(&pad)?;
        }
        out.write_all(line)?;
    }
    Ok(())
}
