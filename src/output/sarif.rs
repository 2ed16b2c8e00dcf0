//! SARIF 2.1.0 for code-scanning services: the tool driver with every rule (id, descriptions,
//! help, default level), and results with level, message, region and fixes. Columns count
//! Unicode code points (`columnKind: unicodeCodePoints`), as everywhere in seolint.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::{Severity, Span};
use crate::engine::FileReport;
use crate::rules::RULES;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: forward slashes, unsafe bytes percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(r: &FileReport, span: Span) -> Value {
    let s = r.lines.line_col(&r.source, span.start);
    let e = r.lines.line_col(&r.source, span.end);
    json!({ "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column })
}

pub fn to_value(reports: &[FileReport]) -> Value {
    let mut rules: Vec<Value> = RULES
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
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    let mut results = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let index = match ids.iter().position(|id| *id == d.rule) {
                Some(i) => i,
                None => {
                    // pack rules and file-level findings are rules too, for this run
                    ids.push(d.rule);
                    rules.push(json!({ "id": d.rule, "shortDescription": { "text": d.rule } }));
                    ids.len() - 1
                }
            };
            let location = json!({
                "physicalLocation": { "artifactLocation": { "uri": uri(&r.path) }, "region": region(r, d.span) }
            });
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": { "text": if l.message.is_empty() { "related".to_string() } else { l.message.clone() } },
                        "physicalLocation": { "artifactLocation": { "uri": uri(&r.path) }, "region": region(r, l.span) }
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
                    "artifactChanges": [{ "artifactLocation": { "uri": uri(&r.path) }, "replacements": replacements }]
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "seolint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/seolint/seolint",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(reports)).map_err(crate::output::json_io)?;
    writeln!(out)
}
