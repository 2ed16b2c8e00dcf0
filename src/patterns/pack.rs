//! The pack format: a YAML file of rules, each of a small closed set of kinds, read and validated
//! with file:line errors. User packs and the built-in placeholder catalogue are both in it.

use std::collections::BTreeMap;
use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::patterns::brackets::BracketSet;
use crate::patterns::search::{ascii_word_boundaries, check_gate, Pattern, PatternSet};
use crate::patterns::values::{ValuePlace, ValueSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Where a pack rule searches.
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
    Bracket,
    Value,
}

/// What `\b` means in a pack's patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum WordBoundary {
    #[default]
    Unicode,
    Ascii,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    name: Option<String>,
    #[serde(default)]
    word_boundary: WordBoundary,
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    kind: KindName,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    ignore_case: bool,
    #[serde(default)]
    gate: Option<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default, rename = "in")]
    places: Vec<ValuePlace>,
    #[serde(default)]
    min: Option<usize>,
    #[serde(default)]
    max: Option<usize>,
    #[serde(default)]
    fields: BTreeMap<String, Option<String>>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// A rule as read from a pack, its regexes not yet compiled for search.
pub(super) struct RuleDef {
    pub name: String,
    pub what: Option<String>,
    pub severity: Severity,
    pub scope: Scope,
    pub message: Option<String>,
    pub line: Option<usize>,
    pub kind: KindDef,
}

pub(super) enum KindDef {
    Existence(Pattern),
    Occurrence {
        pattern: Pattern,
        /// The pattern as written, for messages.
        shown: String,
        min: Option<usize>,
        max: Option<usize>,
    },
    RequiredField(Vec<(String, Option<Regex>)>),
    Bracket(String),
    Value(String, Vec<ValuePlace>),
}

/// A pack as read, before its rules are compiled for search.
pub(super) struct PackDef {
    pub name: String,
    pub rules: Vec<RuleDef>,
}

/// A user pack, compiled.
pub struct Pack {
    pub name: String,
    pub rules: Vec<PackRule>,
    /// A hash of the pack's text and name: what the result cache keys a pack by (its contents,
    /// not its path).
    pub digest: u64,
}

pub struct PackRule {
    /// `pack/rule`, the name findings and suppressions use.
    pub name: &'static str,
    pub severity: Severity,
    pub(super) scope: Scope,
    pub(super) what: Option<String>,
    pub(super) message: Option<String>,
    pub(super) kind: Kind,
}

pub(super) enum Kind {
    Existence(PatternSet),
    Occurrence {
        set: PatternSet,
        shown: String,
        min: Option<usize>,
        max: Option<usize>,
    },
    RequiredField(Vec<(String, Option<Regex>)>),
    Bracket(BracketSet),
    Value(ValueSet),
}

impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.rules.iter().map(|r| r.name).collect();
        f.debug_struct("Pack")
            .field("name", &self.name)
            .field("rules", &names)
            .finish()
    }
}

fn line_of_value(text: &str, value: &str) -> Option<usize> {
    text.find(value).map(|i| text[..i].matches('\n').count() + 1)
}

/// Read and compile the pack at `path`.
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

/// Read and compile a pack's text (`shown` names it in errors, `stem` is its default name).
pub fn parse(shown: &str, stem: &str, text: &str) -> Result<Pack, PackError> {
    let def = read(shown, stem, text, Origin::User)?;
    let err = |line: Option<usize>, message: String| PackError {
        path: shown.to_string(),
        line,
        message,
    };
    let mut rules = Vec::new();
    for r in def.rules {
        let shown_name = crate::input::excerpt(&r.name);
        let set_error = |e: crate::patterns::search::SetError| {
            err(r.line, format!("rule `{shown_name}`: bad pattern: {}", e.message))
        };
        let kind = match r.kind {
            KindDef::Existence(p) => Kind::Existence(PatternSet::new(&[p]).map_err(set_error)?),
            KindDef::Occurrence {
                pattern,
                shown,
                min,
                max,
            } => Kind::Occurrence {
                set: PatternSet::new(&[pattern]).map_err(set_error)?,
                shown,
                min,
                max,
            },
            KindDef::RequiredField(fields) => Kind::RequiredField(fields),
            KindDef::Bracket(p) => Kind::Bracket(BracketSet::new(&[p])),
            KindDef::Value(p, places) => Kind::Value(
                ValueSet::new(&[(p, places)])
                    .map_err(|(_, e)| err(r.line, format!("rule `{shown_name}`: bad pattern: {e}")))?,
            ),
        };
        // leaked once per pack rule per run, so findings can carry a &'static name
        let name: &'static str = Box::leak(format!("{}/{}", def.name, r.name).into_boxed_str());
        rules.push(PackRule {
            name,
            severity: r.severity,
            scope: r.scope,
            what: r.what,
            message: r.message,
            kind,
        });
    }
    let digest = xxhash_rust::xxh3::xxh3_64(format!("{stem}\0{text}").as_bytes());
    Ok(Pack {
        name: def.name,
        rules,
        digest,
    })
}

/// Where a pack comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// A file named in config: its shape is checked first, and every regex is compiled on its
    /// own, so that an error names its line.
    User,
    /// Built in: a test checks both, which would cost a one-file run much of its start-up.
    BuiltIn,
}

/// Read a pack's rules.
pub(super) fn read(shown: &str, stem: &str, text: &str, origin: Origin) -> Result<PackDef, PackError> {
    let err = |line: Option<usize>, message: String| PackError {
        path: shown.to_string(),
        line,
        message,
    };
    let validate = origin == Origin::User;
    let raw: RawPack = match origin {
        Origin::User => crate::input::from_yaml(text, "a rule pack", "a YAML mapping with `rules:`", Some("rules"))
            .map_err(|(line, m)| err(line, m))?,
        Origin::BuiltIn => {
            serde_yaml::from_str(text).map_err(|e| err(e.location().map(|l| l.line()), e.to_string()))?
        }
    };
    let pack_name = raw.name.clone().unwrap_or_else(|| stem.to_string());
    let ascii = raw.word_boundary == WordBoundary::Ascii;
    let mut rules = Vec::new();
    for r in raw.rules {
        // a value from the file, quoted in messages as one short line
        let shown_name = crate::input::excerpt(&r.name);
        let line = line_of_value(text, &format!("name: {}", r.name)).or_else(|| line_of_value(text, &r.name));
        let fail = |message: String| Err(err(line, format!("rule `{shown_name}`: {message}")));
        // the pattern as compiled: the pack's word boundaries and the rule's case
        let source = |p: &str| {
            let p = if ascii { ascii_word_boundaries(p) } else { p.to_string() };
            if r.ignore_case {
                format!("(?i:{p})")
            } else {
                p
            }
        };
        // a field's pattern is quoted in messages as written
        let compile_field = |p: &str| {
            let p = if ascii { ascii_word_boundaries(p) } else { p.to_string() };
            RegexBuilder::new(&p)
                .case_insensitive(r.ignore_case)
                .size_limit(1 << 20)
                .build()
        };
        let compile = |p: &str, what: &str| {
            if !validate {
                return Ok(());
            }
            let p = if ascii { ascii_word_boundaries(p) } else { p.to_string() };
            RegexBuilder::new(&p)
                .case_insensitive(r.ignore_case)
                .size_limit(1 << 20)
                .build()
                .map(drop)
                .map_err(|e| {
                    err(
                        line_of_value(text, &p).or(line),
                        format!("rule `{shown_name}`: bad {what}: {}", regex_problem(&e)),
                    )
                })
        };
        let severity = match r.severity.as_deref() {
            None | Some("warning") => Severity::Warning,
            Some("error") => Severity::Error,
            Some("info") => Severity::Info,
            Some(other) => {
                return fail(format!(
                    "severity `{}`: expected error, warning or info",
                    crate::input::excerpt(other)
                ))
            }
        };
        let searches_text = matches!(r.kind, KindName::Existence | KindName::Occurrence);
        if !searches_text && (r.gate.is_some() || !r.allow.is_empty()) {
            return fail("`gate` and `allow` belong to `existence` and `occurrence`".to_string());
        }
        if (r.kind == KindName::Value) == r.places.is_empty() {
            return fail("`value` needs `in` (and only `value` takes it)".to_string());
        }
        if r.kind == KindName::Value && r.scope.is_some() {
            return fail("`value` searches the places named in `in`, not a `scope`".to_string());
        }
        let patterns: Vec<String> = r.pattern.iter().cloned().chain(r.patterns.iter().cloned()).collect();
        for p in &patterns {
            compile(p, "pattern")?;
        }
        // the patterns as one: leftmost-first, each match of the rule once
        let joined = match &patterns[..] {
            [p] => p.clone(),
            _ => patterns
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|"),
        };
        if let Some(gate) = &r.gate {
            check_gate(gate)
                .map_err(|m| err(line_of_value(text, gate).or(line), format!("rule `{shown_name}`: {m}")))?;
            if validate {
                Regex::new(gate).map_err(|e| {
                    err(
                        line_of_value(text, gate).or(line),
                        format!("rule `{shown_name}`: bad gate: {}", regex_problem(&e)),
                    )
                })?;
            }
        }
        for a in &r.allow {
            if validate {
                Regex::new(a).map_err(|e| {
                    err(
                        line_of_value(text, a).or(line),
                        format!("rule `{shown_name}`: bad allow pattern: {}", regex_problem(&e)),
                    )
                })?;
            }
        }
        let pattern = || Pattern {
            regex: source(&joined),
            gate: r.gate.clone(),
            allow: r.allow.clone(),
        };
        let kind = match r.kind {
            KindName::Existence | KindName::Bracket | KindName::Value if patterns.is_empty() => {
                return fail(format!("`{}` needs `pattern` or `patterns`", kind_name(r.kind)));
            }
            KindName::Existence => KindDef::Existence(pattern()),
            KindName::Occurrence => {
                let [p] = &patterns[..] else {
                    return fail("`occurrence` needs exactly one `pattern`".to_string());
                };
                if r.min.is_none() && r.max.is_none() {
                    return fail("`occurrence` needs `min` or `max`".to_string());
                }
                KindDef::Occurrence {
                    pattern: pattern(),
                    shown: p.clone(),
                    min: r.min,
                    max: r.max,
                }
            }
            KindName::RequiredField => {
                if r.fields.is_empty() {
                    return fail("`required-field` needs `fields`".to_string());
                }
                let mut fields = Vec::new();
                for (k, p) in &r.fields {
                    let regex = match p {
                        Some(p) => Some(compile_field(p).map_err(|e| {
                            err(
                                line_of_value(text, p).or(line),
                                format!("rule `{shown_name}`: bad pattern: {}", regex_problem(&e)),
                            )
                        })?),
                        None => None,
                    };
                    fields.push((k.clone(), regex));
                }
                KindDef::RequiredField(fields)
            }
            KindName::Bracket => KindDef::Bracket(source(&joined)),
            KindName::Value => KindDef::Value(source(&joined), r.places.clone()),
        };
        rules.push(RuleDef {
            name: r.name,
            what: r.what,
            severity,
            scope: r.scope.unwrap_or(Scope::Text),
            message: r.message,
            line,
            kind,
        });
    }
    Ok(PackDef { name: pack_name, rules })
}

fn kind_name(kind: KindName) -> &'static str {
    match kind {
        KindName::Existence => "existence",
        KindName::Occurrence => "occurrence",
        KindName::RequiredField => "required-field",
        KindName::Bracket => "bracket",
        KindName::Value => "value",
    }
}
