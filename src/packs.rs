//! Custom rule packs: YAML files named in config `packs:`, each rule one of a small closed set of
//! kinds in the spirit of Vale: `existence` (patterns that must not appear in a scope),
//! `occurrence` (a pattern with a min/max count), `required-field` (front matter keys that must be
//! present and match a pattern). Validated at load with file:line errors; regexes compiled once.

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Text,
    Heading,
    H1,
    H2,
    H3,
    Paragraph,
    Alt,
    LinkText,
    FrontMatter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum KindName {
    Existence,
    Occurrence,
    RequiredField,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    name: Option<String>,
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    kind: KindName,
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    ignore_case: bool,
    #[serde(default)]
    min: Option<usize>,
    #[serde(default)]
    max: Option<usize>,
    #[serde(default)]
    fields: std::collections::BTreeMap<String, Option<String>>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Debug)]
enum Kind {
    Existence(Regex),
    Occurrence {
        regex: Regex,
        min: Option<usize>,
        max: Option<usize>,
    },
    RequiredField(Vec<(String, Option<Regex>)>),
}

#[derive(Debug)]
pub struct PackRule {
    /// `pack/rule`, the name findings and suppressions use.
    pub name: &'static str,
    pub severity: Severity,
    scope: Scope,
    kind: Kind,
    message: Option<String>,
}

#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub rules: Vec<PackRule>,
}

fn line_of_value(text: &str, value: &str) -> Option<usize> {
    text.find(value).map(|i| text[..i].matches('\n').count() + 1)
}

pub fn load(path: &Path) -> Result<Pack, PackError> {
    let shown = crate::input::display_path(path);
    let text = crate::input::read_text(path, "a pack").map_err(|e| PackError {
        path: shown.clone(),
        line: None,
        message: format!("cannot read pack: {e}"),
    })?;
    parse(
        &shown,
        path.file_stem().and_then(|s| s.to_str()).unwrap_or("pack"),
        &text,
    )
}

/// A regex error's own words, without the pattern it quotes (the pattern's line is given).
fn regex_problem(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    crate::input::excerpt(last.trim().trim_start_matches("error: "))
}

pub fn parse(shown: &str, stem: &str, text: &str) -> Result<Pack, PackError> {
    let err = |line: Option<usize>, message: String| PackError {
        path: shown.to_string(),
        line,
        message,
    };
    let raw: RawPack = crate::input::from_yaml(text, "a rule pack", "a YAML mapping with `rules:`", Some("rules"))
        .map_err(|(line, m)| err(line, m))?;
    let pack_name = raw.name.clone().unwrap_or_else(|| stem.to_string());
    let mut rules = Vec::new();
    for r in raw.rules {
        // a value from the file, quoted in messages as one short line
        let shown_name = crate::input::excerpt(&r.name);
        let line = line_of_value(text, &format!("name: {}", r.name)).or_else(|| line_of_value(text, &r.name));
        let compile = |p: &str| {
            RegexBuilder::new(p)
                .case_insensitive(r.ignore_case)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| {
                    err(
                        line_of_value(text, p).or(line),
                        format!("rule `{shown_name}`: bad pattern: {}", regex_problem(&e)),
                    )
                })
        };
        let severity = match r.severity.as_deref() {
            None | Some("warning") => Severity::Warning,
            Some("error") => Severity::Error,
            Some("info") => Severity::Info,
            Some(other) => {
                return Err(err(
                    line,
                    format!(
                        "rule `{shown_name}`: severity `{}`: expected error, warning or info",
                        crate::input::excerpt(other)
                    ),
                ))
            }
        };
        let patterns: Vec<String> = r.pattern.iter().cloned().chain(r.patterns.iter().cloned()).collect();
        let kind = match r.kind {
            KindName::Existence => {
                if patterns.is_empty() {
                    return Err(err(
                        line,
                        format!("rule `{shown_name}`: `existence` needs `pattern` or `patterns`"),
                    ));
                }
                for p in &patterns {
                    compile(p)?;
                }
                let joined = patterns
                    .iter()
                    .map(|p| format!("(?:{p})"))
                    .collect::<Vec<_>>()
                    .join("|");
                Kind::Existence(compile(&joined)?)
            }
            KindName::Occurrence => {
                let [p] = &patterns[..] else {
                    return Err(err(
                        line,
                        format!("rule `{shown_name}`: `occurrence` needs exactly one `pattern`"),
                    ));
                };
                if r.min.is_none() && r.max.is_none() {
                    return Err(err(
                        line,
                        format!("rule `{shown_name}`: `occurrence` needs `min` or `max`"),
                    ));
                }
                Kind::Occurrence {
                    regex: compile(p)?,
                    min: r.min,
                    max: r.max,
                }
            }
            KindName::RequiredField => {
                if r.fields.is_empty() {
                    return Err(err(
                        line,
                        format!("rule `{shown_name}`: `required-field` needs `fields`"),
                    ));
                }
                let mut fields = Vec::new();
                for (k, p) in &r.fields {
                    fields.push((k.clone(), p.as_deref().map(compile).transpose()?));
                }
                Kind::RequiredField(fields)
            }
        };
        // leaked once per pack rule per run, so findings can carry a &'static name
        let name: &'static str = Box::leak(format!("{pack_name}/{}", r.name).into_boxed_str());
        rules.push(PackRule {
            name,
            severity,
            scope: r.scope.unwrap_or(Scope::Text),
            kind,
            message: r.message,
        });
    }
    Ok(Pack { name: pack_name, rules })
}

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

fn matches(doc: &Document, scope: Scope, regex: &Regex) -> Vec<Span> {
    let mut out = Vec::new();
    for region in regions(doc, scope) {
        for m in regex.find_iter(doc.text(region)) {
            let span = Span::new(region.start + m.start(), region.start + m.end());
            let hidden = doc.in_code(span) || doc.comments.iter().any(|c| c.span.overlaps(span));
            if !hidden && !span.is_empty() {
                out.push(span);
            }
        }
    }
    out
}

pub fn check(pack: &Pack, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &pack.rules {
        let diag = |span: Span, message: String| Diagnostic::new(rule.name, rule.severity, span, message);
        match &rule.kind {
            Kind::Existence(regex) => {
                for span in matches(doc, rule.scope, regex) {
                    let found = crate::diagnostic::excerpt(doc.text(span), 60);
                    let message = match &rule.message {
                        Some(m) => m.replace("{match}", &found),
                        None => format!("`{found}` is not allowed here ({})", rule.name),
                    };
                    out.push(diag(span, message));
                }
            }
            Kind::Occurrence { regex, min, max } => {
                let found = matches(doc, rule.scope, regex);
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
                        None => format!("/{}/ occurs {n} times; expected {want} ({})", regex.as_str(), rule.name),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    const PACK: &str = r#"
name: house
rules:
  - name: no-weasel
    kind: existence
    scope: text
    patterns: ['\bvery\b', '\bbasically\b']
    ignore_case: true
    message: 'cut "{match}"'
  - name: brand-twice
    kind: occurrence
    scope: text
    pattern: 'Acme Cloud'
    min: 2
  - name: author
    kind: required-field
    fields:
      author: '^[A-Z][a-z]+ [A-Z][a-z]+$'
      date: null
  - name: h2-no-colon
    kind: existence
    scope: h2
    pattern: ':'
"#;

    #[test]
    fn every_kind_finds_at_exact_spans() {
        let pack = parse("house.yaml", "house", PACK).expect("pack loads");
        let src = "---\nauthor: jane\n---\n# Title\n\nIt is Very good, `very` in code.\n\n## Setup: first\n\nAcme Cloud once.\n";
        let doc = Document::parse(src.to_string(), &ParseOptions::default());
        let found: Vec<(String, String, String)> = check(&pack, &doc)
            .into_iter()
            .map(|d| (d.rule.to_string(), doc.text(d.span).to_string(), d.message))
            .collect();
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found.contains(&("house/no-weasel".into(), "Very".into(), "cut \"Very\"".into())));
        assert!(found.iter().any(|(r, t, _)| r == "house/h2-no-colon" && t == ":"));
        assert!(found
            .iter()
            .any(|(r, _, m)| r == "house/brand-twice" && m.contains("occurs 1 times; expected at least 2")));
        assert!(found.iter().any(|(r, t, _)| r == "house/author" && t == "jane"));
        assert!(found
            .iter()
            .any(|(r, _, m)| r == "house/author" && m.contains("no `date`")));
    }

    #[test]
    fn bad_packs_fail_with_lines() {
        let e = parse(
            "p.yaml",
            "p",
            "rules:\n  - name: x\n    kind: existence\n    pattern: '(unclosed'\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e:?}");
        let e = parse("p.yaml", "p", "rules:\n  - name: x\n    kind: existance\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e:?}");
        let e = parse(
            "p.yaml",
            "p",
            "rules:\n  - name: x\n    kind: occurrence\n    pattern: a\n",
        )
        .unwrap_err();
        assert!(e.message.contains("needs `min` or `max`"), "{e:?}");
    }
}
