//! SARIF 2.1.0 for code-scanning services: the tool driver with every rule (id, descriptions,
//! help, default level), and results with level, message, region and fixes. Columns count
//! Unicode code points (`columnKind: unicodeCodePoints`), as everywhere in seolint.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::{Severity, Span};
use crate::engine::Report;
use crate::input::FileError;
use crate::output::{json, Reporter, Summary};
use crate::rules::RULES;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path's bytes as a relative URI reference: forward slashes, every other byte but the
/// unreserved ones percent-encoded, so that any name (one that is not UTF-8 too) comes back whole.
pub fn uri(path: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The URI of a report's file, from its bytes on disk.
pub fn file_uri(r: &Report) -> String {
    uri(r.path_bytes.as_deref().unwrap_or(r.path.as_bytes()))
}

fn region(r: &Report, span: Span) -> Value {
    let s = r.line_col(span.start);
    let e = r.line_col(span.end);
    json!({ "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column })
}

/// The SARIF log, written one result at a time (a run over thousands of files never holds the
/// whole log in memory); the layout is serde_json's pretty printing, keys sorted. The tool's rule
/// list comes after the results (keys are sorted), so rules first met in them (packs, file-level
/// findings) join it.
pub struct Sarif {
    rules: Vec<Value>,
    ids: Vec<&'static str>,
    /// A result has been written: the next one follows a comma.
    any: bool,
}

impl Sarif {
    pub fn new() -> Sarif {
        let rules = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.name,
                    "shortDescription": { "text": r.summary() },
                    "fullDescription": { "text": r.summary() },
                    "help": { "text": r.documentation(), "markdown": r.documentation() },
                    "defaultConfiguration": { "level": level(r.default_severity) },
                    "properties": { "fixable": r.fixable },
                })
            })
            .collect();
        Sarif {
            rules,
            ids: RULES.iter().map(|r| r.name).collect(),
            any: false,
        }
    }
}

impl Default for Sarif {
    fn default() -> Sarif {
        Sarif::new()
    }
}

impl Reporter for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": "
        )
    }

    fn file(&mut self, r: &Report, _: Option<String>, out: &mut dyn Write) -> io::Result<()> {
        for d in &r.diagnostics {
            let index = match self.ids.iter().position(|id| *id == d.rule) {
                Some(i) => i,
                None => {
                    // pack rules and file-level findings are rules too, for this run
                    self.ids.push(d.rule);
                    self.rules
                        .push(json!({ "id": d.rule, "shortDescription": { "text": d.rule } }));
                    self.ids.len() - 1
                }
            };
            json::write_item(out, &result(r, d, index), 6, !self.any)?;
            self.any = true;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary, _: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        json::end_array(out, 6, self.any)?;
        out.write_all(b",\n      \"tool\": ")?;
        let tool = json!({ "driver": {
            "name": "seolint",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://github.com/seolint/seolint",
            "rules": std::mem::take(&mut self.rules),
        }});
        json::write_indented(out, &tool, 6)?;
        writeln!(out, "\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}")
    }
}

/// One finding as a SARIF result.
fn result(r: &Report, d: &crate::diagnostic::Diagnostic, index: usize) -> Value {
    let location = json!({
        "physicalLocation": { "artifactLocation": { "uri": file_uri(r) }, "region": region(r, d.span) }
    });
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": i,
                "message": { "text": if l.message.is_empty() { "related".to_string() } else { l.message.clone() } },
                "physicalLocation": { "artifactLocation": { "uri": file_uri(r) }, "region": region(r, l.span) }
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!(" (help: {h})"));
    }
    let mut result = json!({
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [location],
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    if let Some(f) = &d.fix {
        let replacements: Vec<Value> = f
            .edits
            .iter()
            .map(|e| json!({ "deletedRegion": region(r, e.span), "insertedContent": { "text": e.content } }))
            .collect();
        result["fixes"] = json!([{
            "description": { "text": format!("{} ({})", f.message, f.applicability.as_str()) },
            "artifactChanges": [{ "artifactLocation": { "uri": file_uri(r) }, "replacements": replacements }]
        }]);
    }
    result
}
