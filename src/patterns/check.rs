//! Running a user pack's rules over a document, each rule reporting under its own name.

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::patterns::brackets::BracketSet;
use crate::patterns::pack::{Kind, Pack, PackRule, Scope};
use crate::patterns::search::{settle, PatternSet};

/// The spans a scope covers.
fn regions(doc: &Document, scope: Scope) -> Vec<Span> {
    let headings = |level: Option<u8>| -> Vec<Span> {
        doc.headings
            .iter()
            .filter(|h| level.is_none_or(|l| h.level == l))
            .map(|h| h.text_span)
            .collect()
    };
    match scope {
        Scope::Text => {
            let mut v: Vec<Span> = doc.paragraphs.iter().map(|p| p.span).collect();
            v.extend(headings(None));
            v.extend(doc.tables.iter().copied());
            v.sort();
            v
        }
        Scope::Heading => headings(None),
        Scope::H1 => headings(Some(1)),
        Scope::H2 => headings(Some(2)),
        Scope::H3 => headings(Some(3)),
        Scope::Paragraph => doc.paragraphs.iter().map(|p| p.span).collect(),
        Scope::Alt => doc.images.iter().filter_map(|i| i.alt_span).collect(),
        Scope::LinkText => doc.links.iter().map(|l| l.text_span).collect(),
        Scope::FrontMatter => doc
            .front_matter
            .as_ref()
            .map(|f| {
                f.entries
                    .iter()
                    .filter(|e| e.depth == 0)
                    .map(|e| e.value_span)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Code and comments are never searched.
fn shown(doc: &Document, span: Span) -> bool {
    let hidden = doc.in_code(span) || doc.comments.iter().any(|c| c.span.overlaps(span));
    !hidden && !span.is_empty()
}

fn matches(doc: &Document, scope: Scope, set: &PatternSet) -> Vec<Span> {
    let search = set.file_search(&doc.source);
    let mut found = Vec::new();
    for region in regions(doc, scope) {
        search.matches(doc.text(region), region.start, &mut found);
    }
    found.into_iter().map(|(s, _)| s).filter(|&s| shown(doc, s)).collect()
}

fn bracket_matches(doc: &Document, scope: Scope, set: &BracketSet) -> Vec<Span> {
    let slots = set.slots(&doc.source, 0);
    let mut out = Vec::new();
    for region in regions(doc, scope) {
        let from = slots.partition_point(|(s, _)| s.start < region.start);
        let inside = slots[from..].iter().take_while(|(s, _)| s.end <= region.end);
        out.extend(inside.map(|&(s, _)| s).filter(|&s| shown(doc, s)));
    }
    out
}

/// A finding of a match: the rule's message with `{match}` filled in, or the default.
fn found_message(rule: &PackRule, found: &str) -> String {
    match (&rule.message, &rule.what) {
        (Some(m), _) => m.replace("{match}", found),
        (None, Some(what)) => format!("`{found}` is not allowed here: {what} ({})", rule.name),
        (None, None) => format!("`{found}` is not allowed here ({})", rule.name),
    }
}

pub fn check(pack: &Pack, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &pack.rules {
        let diag = |span: Span, message: String| Diagnostic::new(rule.name, rule.severity, span, message);
        let report_each = |spans: Vec<Span>, out: &mut Vec<Diagnostic>| {
            for span in spans {
                let found = crate::diagnostic::excerpt(doc.text(span), 60);
                out.push(diag(span, found_message(rule, &found)));
            }
        };
        match &rule.kind {
            Kind::Existence(set) => report_each(matches(doc, rule.scope, set), &mut out),
            Kind::Bracket(set) => report_each(bracket_matches(doc, rule.scope, set), &mut out),
            Kind::Value(set) => {
                let mut found = Vec::new();
                set.find_in(doc, &mut found);
                report_each(settle(found).into_iter().map(|(s, _, _)| s).collect(), &mut out);
            }
            Kind::Occurrence { set, shown, min, max } => {
                let found = matches(doc, rule.scope, set);
                let n = found.len();
                let low = min.is_some_and(|m| n < m);
                let high = max.is_some_and(|m| n > m);
                if low || high {
                    let want = crate::text::range(min.map(|m| m as f64), max.map(|m| m as f64));
                    let span = if high {
                        found[max.unwrap_or(0).min(n - 1)]
                    } else {
                        doc.lines.line_span(&doc.source, doc.lines.line_of(doc.body_start))
                    };
                    let message = match &rule.message {
                        Some(m) => m.replace("{count}", &n.to_string()),
                        None => format!(
                            "/{shown}/ occurs {}; expected {want} ({})",
                            crate::text::plural(n as f64, "time"),
                            rule.name
                        ),
                    };
                    out.push(diag(span, message));
                }
            }
            Kind::RequiredField(fields) => {
                let Some(fm) = doc.front_matter.as_ref().filter(|f| f.value.is_some()) else {
                    let span = doc.lines.line_span(&doc.source, 1);
                    out.push(diag(
                        span,
                        format!(
                            "no front matter; `{}` requires {}",
                            rule.name,
                            fields.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                    continue;
                };
                let fence = doc.lines.line_span(&doc.source, doc.lines.line_of(fm.span.start));
                for (key, pattern) in fields {
                    match (fm.get(key), pattern) {
                        (None, _) => out.push(diag(fence, format!("front matter has no `{key}` ({})", rule.name))),
                        (Some(v), Some(re)) => {
                            let text = match v {
                                crate::document::Value::String(s) | crate::document::Value::Datetime(s) => s.clone(),
                                crate::document::Value::Integer(i) => i.to_string(),
                                crate::document::Value::Float(f) => f.to_string(),
                                crate::document::Value::Bool(b) => b.to_string(),
                                _ => String::new(),
                            };
                            if !re.is_match(&text) {
                                let span = fm.entry(key).map_or(fence, |e| e.value_span);
                                let message = match &rule.message {
                                    Some(m) => m.replace("{match}", &text),
                                    None => format!(
                                        "front matter `{key}` is \"{}\", which does not match /{}/ ({})",
                                        crate::diagnostic::excerpt(&text, 40),
                                        re.as_str(),
                                        rule.name
                                    ),
                                };
                                out.push(diag(span, message));
                            }
                        }
                        (Some(_), None) => {}
                    }
                }
            }
        }
    }
    out
}
