//! What the article asks of itself, resolved once per document before the rules run: the primary
//! and secondary keywords, and the numbers its directives and SEO CHECKLIST items set for rules
//! (mapped through `rules/checklist.yaml`). Rules read it through their Context.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::Span;
use crate::document::{directives, Document, Value};
use crate::fields::Fields;
use crate::text::{Keyphrase, KeywordMatch};

/// Where a threshold came from, said in every message that uses one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    /// Config or preset, with where: `.seolint.yaml:7`, "preset `pillar`".
    Config(String),
    CommandLine,
    Document(String),
    /// Derived from `--template`: the template and line.
    Template(String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::Config(origin) => f.write_str(origin),
            Source::Template(origin) => write!(f, "template {origin}"),
            Source::CommandLine => f.write_str("command line"),
            Source::Document(what) => f.write_str(what),
        }
    }
}

/// A threshold and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub value: f64,
    pub source: Source,
    /// Where the document set it.
    pub span: Option<Span>,
}

/// A `min`/`max` pair and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeThreshold {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub source: Source,
    pub span: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct Keyword {
    pub phrase: Keyphrase,
    /// Where it was declared, when in the file.
    pub span: Option<Span>,
    pub source: Source,
}

/// A number the document sets for a rule option.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub rule: String,
    pub key: String,
    pub value: f64,
    pub source: Source,
    /// Where the document sets it; `None` for a number from elsewhere (the template).
    pub span: Option<Span>,
    /// Set by a checklist item that names no number ("FAQ section" asks for one, so 1): any
    /// count the template gives says more.
    pub implied: bool,
}

/// What one checklist item maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistMatch {
    pub rules: Vec<String>,
    /// keyword-placement: the places the item lists (lowercased).
    pub places: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Requirements {
    pub keyword: Option<Keyword>,
    pub secondary: Vec<(Keyphrase, Span)>,
    pub numbers: Vec<Number>,
    /// Parallel to `Document::checklist`: the mapping of each item, `None` when nothing matched.
    pub checklist: Vec<Option<ChecklistMatch>>,
    /// Local image paths (as written) that do not exist next to the article; filled by the engine,
    /// which does the file system look-ups, so rules never do I/O.
    pub missing_files: std::collections::HashSet<String>,
    /// Anchors of the pages this one includes, filled by the engine like `missing_files`.
    pub included: Included,
}

/// What the includes of a page (Hugo `include`/`readfile`, Jekyll `{% include %}`, MkDocs
/// snippets, DocFX `[!INCLUDE]`) give it: their anchors, and whether one could not be read (an
/// anchor not found may then come from it).
#[derive(Debug, Clone, Default)]
pub struct Included {
    pub anchors: std::collections::HashSet<String>,
    pub unresolved: bool,
}

/// A section of a template (`--template`, config `template:`): what an article written from it
/// must have there.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateSection {
    pub level: u8,
    pub text: String,
    pub line: usize,
    /// "Write N-M words": (min, max, line).
    pub words: Option<(f64, f64, usize)>,
    /// "Include keyword "X"": (keyword, line).
    pub keyword: Option<(String, usize)>,
    pub code_slot: bool,
}

/// What a template asks of the articles written from it; derived from the template
/// by `crate::template`.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateReqs {
    pub path: String,
    pub sections: Vec<TemplateSection>,
    pub key_takeaways: usize,
    pub faq_questions: usize,
    /// RECOMMENDED_WORD_COUNT: (min, max, line).
    pub word_count: Option<(Option<f64>, Option<f64>, usize)>,
    /// Numbers of the template that cannot all be met, said with their places.
    pub contradictions: Vec<String>,
}

impl TemplateReqs {
    /// The numbers the template sets for rules, to rank after the document's own.
    pub fn numbers(&self) -> Vec<Number> {
        let mut out = Vec::new();
        let src = |line: usize| Source::Template(format!("{}:{line}", self.path));
        let span = None;
        if let Some((min, max, line)) = self.word_count {
            for (key, v) in [("min", min), ("max", max)] {
                if let Some(value) = v {
                    out.push(Number {
                        rule: "word-count".into(),
                        key: key.into(),
                        value,
                        source: src(line),
                        span,
                        implied: false,
                    });
                }
            }
        }
        if self.key_takeaways > 0 {
            out.push(Number {
                rule: "key-takeaways".into(),
                key: "min".into(),
                value: self.key_takeaways as f64,
                source: Source::Template(self.path.clone()),
                span,
                implied: false,
            });
        }
        if self.faq_questions > 0 {
            out.push(Number {
                rule: "faq".into(),
                key: "min".into(),
                value: self.faq_questions as f64,
                source: Source::Template(self.path.clone()),
                span,
                implied: false,
            });
        }
        out
    }
}

impl Requirements {
    /// The document's own value for `rule`'s option `key`, most specific first.
    pub fn number(&self, rule: &str, key: &str) -> Option<&Number> {
        self.numbers.iter().find(|n| n.rule == rule && n.key == key)
    }

    /// Add a template's numbers: after the document's own, but before what a checklist item only
    /// implies (the template's four Key Takeaway callouts say more than "Key takeaway callouts").
    pub fn add_template(&mut self, numbers: Vec<Number>) {
        for n in numbers {
            let implied = self
                .numbers
                .iter()
                .position(|m| m.implied && m.rule == n.rule && m.key == n.key);
            match implied {
                Some(i) => self.numbers.insert(i, n),
                None => self.numbers.push(n),
            }
        }
    }

    /// The checklist item (index) that asks for `rule`, if any.
    pub fn checklist_item_for(&self, rule: &str) -> Option<usize> {
        self.checklist
            .iter()
            .position(|m| m.as_ref().is_some_and(|m| m.rules.iter().any(|r| r == rule)))
    }

    /// `matching`: config `keyword.match`; word forms apply to English articles only.
    pub fn resolve(doc: &Document, cli_keyword: Option<&str>, fields: &Fields, matching: KeywordMatch) -> Requirements {
        let mut req = Requirements::default();
        // the map is compiled on first need: most articles have no checklist
        let map = if doc.checklist.is_empty() {
            &[]
        } else {
            checklist_map().unwrap_or(&[])
        };
        let mut checklist_keyword = None;
        for item in &doc.checklist {
            let found = map
                .iter()
                .find_map(|entry| entry.regex.captures(&item.text).map(|c| (entry, c)));
            let Some((entry, caps)) = found else {
                req.checklist.push(None);
                continue;
            };
            for (target, value) in &entry.set {
                let Some((rule, key)) = target.split_once('.') else {
                    continue;
                };
                let implied = matches!(value, SetValue::Number(_));
                let number = match value {
                    SetValue::Number(n) => Some(*n),
                    SetValue::Text(t) => t
                        .strip_prefix('$')
                        .and_then(|g| g.parse::<usize>().ok())
                        .and_then(|g| caps.get(g))
                        .and_then(|m| m.as_str().replace(',', "").parse::<f64>().ok()),
                };
                if let Some(value) = number {
                    req.numbers.push(Number {
                        rule: rule.to_string(),
                        key: key.to_string(),
                        value,
                        source: Source::Document("SEO CHECKLIST".to_string()),
                        span: Some(item.span),
                        implied,
                    });
                }
            }
            let places = entry
                .places
                .and_then(|g| caps.get(g))
                .map(|m| {
                    m.as_str()
                        .split(',')
                        .map(|p| p.trim().to_lowercase())
                        .filter(|p| !p.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(k) = entry.keyword.and_then(|g| caps.get(g)) {
                let span = Span::new(item.span.start + k.start(), item.span.start + k.end());
                checklist_keyword.get_or_insert((k.as_str().to_string(), span));
            }
            req.checklist.push(Some(ChecklistMatch {
                rules: entry.rules.clone(),
                places,
            }));
        }
        // directives set numbers before the checklist does: they are the more specific
        let mut directive_numbers = Vec::new();
        for (name, rule) in [
            ("RECOMMENDED_WORD_COUNT", "word-count"),
            ("KEYWORD_DENSITY", "keyword-density"),
        ] {
            let Some(d) = doc.directive(name) else { continue };
            let Some(range) = directives::parse_range(&d.value) else {
                continue;
            };
            for (key, v) in [("min", range.min), ("max", range.max)] {
                if let Some(value) = v {
                    directive_numbers.push(Number {
                        rule: rule.to_string(),
                        key: key.to_string(),
                        value,
                        source: Source::Document(format!("{name} directive")),
                        span: Some(d.value_span),
                        implied: false,
                    });
                }
            }
        }
        directive_numbers.append(&mut req.numbers);
        req.numbers = directive_numbers;

        req.keyword = cli_keyword
            .and_then(|k| {
                Some(Keyword {
                    phrase: Keyphrase::new(k)?,
                    span: None,
                    source: Source::CommandLine,
                })
            })
            .or_else(|| front_matter_keyword(doc, fields))
            .or_else(|| {
                let p = doc.target_keyword()?;
                Some(Keyword {
                    phrase: Keyphrase::new(&p.text)?,
                    span: Some(p.span),
                    source: Source::Document("TARGET_KEYWORD directive".to_string()),
                })
            })
            .or_else(|| {
                let (text, span) = checklist_keyword?;
                Some(Keyword {
                    phrase: Keyphrase::new(&text)?,
                    span: Some(span),
                    source: Source::Document("SEO CHECKLIST".to_string()),
                })
            });
        req.secondary = doc
            .secondary_keywords()
            .into_iter()
            .filter_map(|p| Some((Keyphrase::new(&p.text)?, p.span)))
            .collect();
        let forms = matching == KeywordMatch::Forms && doc.language.is_english();
        if forms {
            if let Some(k) = req.keyword.as_mut() {
                k.phrase = k.phrase.clone().with_forms(true);
            }
            for (phrase, _) in &mut req.secondary {
                *phrase = phrase.clone().with_forms(true);
            }
        }
        req
    }
}

/// The primary keyword from the front matter keys `fields.keyword` names (a list or a comma list
/// gives its first entry).
fn front_matter_keyword(doc: &Document, fields: &Fields) -> Option<Keyword> {
    let fm = doc.front_matter.as_ref()?;
    for key in fields.keyword.list() {
        let Some(value) = fm.get(key) else { continue };
        let text = match value {
            Value::String(s) if s.contains(',') => s.split(',').next().unwrap_or("").to_string(),
            Value::String(s) => s.clone(),
            Value::List(items) => match items.first() {
                Some(Value::String(s)) => s.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let Some(phrase) = Keyphrase::new(&text) else { continue };
        let span = fm.entry(key).map(|e| e.value_span);
        return Some(Keyword {
            phrase,
            span,
            source: Source::Document(format!("front matter `{key}`")),
        });
    }
    None
}

#[derive(Debug, Deserialize)]
struct MapFile {
    items: Vec<MapDef>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SetValue {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapDef {
    pattern: String,
    rules: Vec<String>,
    #[serde(default)]
    set: std::collections::BTreeMap<String, SetValue>,
    #[serde(default)]
    places: Option<usize>,
    #[serde(default)]
    keyword: Option<usize>,
}

struct MapEntry {
    regex: Regex,
    rules: Vec<String>,
    set: Vec<(String, SetValue)>,
    places: Option<usize>,
    keyword: Option<usize>,
}

pub const CHECKLIST_MAP: &str = include_str!("../rules/checklist.yaml");

static MAP: LazyLock<Result<Vec<MapEntry>, String>> = LazyLock::new(|| load_map(CHECKLIST_MAP));

fn load_map(source: &str) -> Result<Vec<MapEntry>, String> {
    let file: MapFile = serde_yaml::from_str(source).map_err(|e| format!("checklist map: {e}"))?;
    file.items
        .into_iter()
        .map(|d| {
            let regex =
                Regex::new(&format!("(?i){}", d.pattern)).map_err(|e| format!("checklist map `{}`: {e}", d.pattern))?;
            Ok(MapEntry {
                regex,
                rules: d.rules,
                set: d.set.into_iter().collect(),
                places: d.places,
                keyword: d.keyword,
            })
        })
        .collect()
}

fn checklist_map() -> Result<&'static [MapEntry], &'static str> {
    MAP.as_ref().map(Vec::as_slice).map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    #[test]
    fn map_loads_and_names_known_or_site_rules() {
        let map = checklist_map().expect("checklist map loads");
        for e in map {
            for r in &e.rules {
                assert!(crate::rules::find(r).is_some() || r == "backlinks", "unknown rule {r}");
            }
        }
    }

    #[test]
    fn template_checklist_resolves() {
        let src = r#"<!-- TARGET_KEYWORD: "serverless" | SECONDARY: "AWS Lambda", "FaaS" -->
<!-- RECOMMENDED_WORD_COUNT: 4,000-6,000 words -->
<!-- KEYWORD_DENSITY: Aim for 1-1.5% for primary keyword -->

<!-- SEO CHECKLIST:
  [ ] Primary keyword "serverless" in: title, H1, first paragraph, meta description, URL
  [ ] This pillar page links to 5+ cluster articles
  [ ] All cluster articles link back to this page
  [ ] Content is 4,000+ words (pillar content standard)
  [ ] Internal links: minimum 8 links to related content
  [ ] External links: minimum 5 links to authoritative sources
  [ ] Something nobody can check
-->
"#;
        let doc = Document::parse(src.to_string(), &ParseOptions::default());
        let req = Requirements::resolve(&doc, None, &Fields::default(), KeywordMatch::Exact);
        let kw = req.keyword.as_ref().expect("keyword");
        assert_eq!(kw.phrase.text, "serverless");
        assert_eq!(kw.source, Source::Document("TARGET_KEYWORD directive".into()));
        assert_eq!(req.secondary.len(), 2);
        let n = |r: &str, k: &str| req.number(r, k).map(|n| n.value);
        assert_eq!(n("word-count", "min"), Some(4000.0));
        assert_eq!(n("word-count", "max"), Some(6000.0));
        assert_eq!(
            req.number("word-count", "min").map(|n| n.source.to_string()).as_deref(),
            Some("RECOMMENDED_WORD_COUNT directive")
        );
        assert_eq!(n("keyword-density", "min"), Some(1.0));
        assert_eq!(n("keyword-density", "max"), Some(1.5));
        assert_eq!(n("cluster-links", "min"), Some(5.0));
        assert_eq!(n("internal-links", "min"), Some(8.0));
        assert_eq!(n("external-links", "min"), Some(5.0));
        let places = &req.checklist[0].as_ref().expect("mapped").places;
        assert_eq!(places, &["title", "h1", "first paragraph", "meta description", "url"]);
        assert!(req.checklist[6].is_none());
        let cli = Requirements::resolve(&doc, Some("FaaS"), &Fields::default(), KeywordMatch::Exact);
        assert_eq!(cli.keyword.map(|k| k.source), Some(Source::CommandLine));
    }

    /// Word forms apply to English articles (and those that declare no language) unless config
    /// asks for exact matching.
    #[test]
    fn word_forms_follow_the_setting_and_the_language() {
        let forms = |text: &str, matching| {
            let doc = Document::parse(text.to_string(), &crate::document::ParseOptions::default());
            let req = Requirements::resolve(&doc, Some("brew"), &Fields::default(), matching);
            req.keyword.map(|k| k.phrase.forms())
        };
        assert_eq!(forms("Text.", KeywordMatch::Forms), Some(true));
        assert_eq!(forms("Text.", KeywordMatch::Exact), Some(false));
        assert_eq!(forms("---\nlang: en-GB\n---\nText.", KeywordMatch::Forms), Some(true));
        assert_eq!(
            forms("---\nlocale: de_DE\n---\nText.", KeywordMatch::Forms),
            Some(false)
        );
    }
}
