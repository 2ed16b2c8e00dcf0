//! A pack whose rules report as one rule's patterns: the built-in placeholder catalogue. Its text
//! rules are searched as one set, its bracket rules in one scan, its value rules together, and
//! a finding names the rule (the pattern) that made it.

use crate::diagnostic::Span;
use crate::document::Document;
use crate::patterns::brackets::BracketSet;
use crate::patterns::pack::{read, KindDef, Origin};
use crate::patterns::search::{FileSearch, Pattern, PatternSet};
use crate::patterns::values::{ValueAt, ValueSet};

pub struct Catalogue {
    /// Per rule: its name and what it catches.
    rules: Vec<(String, String)>,
    texts: PatternSet,
    /// The rule of each pattern in `texts` (and likewise below).
    text_rules: Vec<usize>,
    brackets: BracketSet,
    bracket_rules: Vec<usize>,
    values: ValueSet,
    value_rules: Vec<usize>,
}

impl Catalogue {
    /// The catalogue in pack `source`, named `shown` in errors. Its regexes are checked by a test
    /// rather than one by one here: that would cost a one-file run most of its start-up.
    pub fn new(shown: &str, source: &str) -> Result<Catalogue, String> {
        let def = read(shown, "catalogue", source, Origin::BuiltIn).map_err(|e| match e.line {
            Some(line) => format!("{}:{line}: {}", e.path, e.message),
            None => format!("{}: {}", e.path, e.message),
        })?;
        let mut rules = Vec::new();
        let (mut texts, mut text_rules) = (Vec::<Pattern>::new(), Vec::new());
        let (mut brackets, mut bracket_rules) = (Vec::new(), Vec::new());
        let (mut values, mut value_rules) = (Vec::new(), Vec::new());
        for (i, r) in def.rules.into_iter().enumerate() {
            match r.kind {
                KindDef::Existence(p) => {
                    texts.push(p);
                    text_rules.push(i);
                }
                KindDef::Bracket(p) => {
                    brackets.push(p);
                    bracket_rules.push(i);
                }
                KindDef::Value(p, places) => {
                    values.push((p, places));
                    value_rules.push(i);
                }
                KindDef::Occurrence { .. } | KindDef::RequiredField(_) => {
                    return Err(format!(
                        "{shown}: rule `{}`: a catalogue holds `existence`, `bracket` and `value` rules",
                        r.name
                    ))
                }
            }
            rules.push((r.name, r.what.unwrap_or_default()));
        }
        let name = |rule: Option<&usize>| rule.and_then(|&i| rules.get(i)).map_or("", |r| r.0.as_str());
        let texts = PatternSet::new(&texts).map_err(|e| {
            format!(
                "{shown}: rule `{}`: {}",
                name(e.index.and_then(|i| text_rules.get(i))),
                e.message
            )
        })?;
        let values =
            ValueSet::new(&values).map_err(|(i, e)| format!("{shown}: rule `{}`: {e}", name(value_rules.get(i))))?;
        Ok(Catalogue {
            texts,
            text_rules,
            brackets: BracketSet::new(&brackets),
            bracket_rules,
            values,
            value_rules,
            rules,
        })
    }

    /// A rule's name and what it catches.
    pub fn rule(&self, idx: usize) -> (&str, &str) {
        self.rules.get(idx).map_or(("", ""), |(n, w)| (n.as_str(), w.as_str()))
    }

    /// A search of texts that are all slices of `whole` (one file).
    pub fn file_search<'w>(&self, whole: &'w str) -> CatalogueSearch<'_, 'w> {
        CatalogueSearch {
            catalogue: self,
            search: self.texts.file_search(whole),
        }
    }

    /// Every match of the text rules in `text` (which starts at `base` in the file): (span, rule).
    pub fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        let from = out.len();
        self.texts.matches(text, base, out);
        map(&mut out[from..], &self.text_rules);
    }

    /// The bracketed slots in `text` (which starts at `base` in the file), in order: (span, rule).
    pub fn brackets(&self, text: &str, base: usize) -> Vec<(Span, usize)> {
        let mut slots = self.brackets.slots(text, base);
        map(&mut slots, &self.bracket_rules);
        slots
    }

    /// The value rules over every value they apply to in `doc`: (span, rule, where).
    pub fn values<'d>(&self, doc: &'d Document, out: &mut Vec<(Span, usize, ValueAt<'d>)>) {
        let from = out.len();
        self.values.find_in(doc, out);
        for found in &mut out[from..] {
            found.1 = self.value_rules[found.1];
        }
    }

    #[cfg(test)]
    pub(super) fn parts(&self) -> (&PatternSet, &BracketSet, &ValueSet) {
        (&self.texts, &self.brackets, &self.values)
    }

    /// The first value rule for `place` that `value` matches whole.
    #[cfg(test)]
    pub(super) fn value_match(&self, place: crate::patterns::ValuePlace, value: &str) -> Option<usize> {
        self.values.find(place, value).map(|i| self.value_rules[i])
    }
}

fn map(found: &mut [(Span, usize)], rules: &[usize]) {
    for f in found {
        f.1 = rules[f.1];
    }
}

/// A catalogue's search over the texts of one file.
pub struct CatalogueSearch<'c, 'w> {
    catalogue: &'c Catalogue,
    search: FileSearch<'c, 'w>,
}

impl CatalogueSearch<'_, '_> {
    /// Every match of the text rules in `text` (which starts at `base` in the file): (span, rule).
    pub fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        let from = out.len();
        self.search.matches(text, base, out);
        map(&mut out[from..], &self.catalogue.text_rules);
    }
}
