//! Whole values: patterns that must match the whole of a value (a front matter value or list
//! item, a table cell, a heading, a list item, an alt text, a link target), after trimming.

use serde::Deserialize;

use crate::diagnostic::Span;
use crate::document::Document;
use crate::patterns::search::LazyRegex;

/// Where a whole-value pattern applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValuePlace {
    FrontMatter,
    TableCell,
    Heading,
    ListItem,
    AltText,
    LinkTarget,
}

impl ValuePlace {
    /// The longest value asked about here, in bytes: a value a pattern is for is a marker, a
    /// stock phrase or a URL, never a sentence (most list items, cells and headings are passed
    /// over).
    fn longest(self) -> usize {
        match self {
            ValuePlace::LinkTarget => 200,
            _ => 40,
        }
    }
}

/// Where a value was found, for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueAt<'d> {
    /// A top-level front matter value or one of its list items, under this key.
    FrontMatter(&'d str),
    TableCell,
    Heading,
    ListItem,
    AltText,
    /// A link's target: the link's text, and whether the target is empty.
    LinkTarget(&'d str, bool),
}

/// What a value pattern can match: at most `longest` bytes, starting with one of `first` (when
/// its matches have known first bytes). Worked out from the pattern when the set is built, so
/// that a sentence or a number is passed over without compiling or running the pattern.
struct ValueBounds {
    longest: usize,
    first: Option<Vec<u8>>,
}

impl ValueBounds {
    fn of(regex: &str) -> Result<ValueBounds, String> {
        let hir = regex_syntax::parse(regex).map_err(|e| e.to_string())?;
        // a bound on the match is one on the value only where the match is the whole value
        let props = hir.properties();
        let anchored = props.look_set_prefix().contains(regex_syntax::hir::Look::Start)
            && props.look_set_suffix().contains(regex_syntax::hir::Look::End);
        let longest = props.maximum_len().filter(|_| anchored).unwrap_or(usize::MAX);
        // first bytes only: literals cut to one byte keep the extraction small (a finite set of
        // first bytes is sound: every match starts with one of them)
        let mut seq = regex_syntax::hir::literal::Extractor::new()
            .limit_literal_len(1)
            .extract(&hir);
        seq.make_inexact();
        let first = seq.literals().filter(|_| anchored).and_then(|lits| {
            lits.iter()
                .map(|l| l.as_bytes().first().copied())
                .collect::<Option<Vec<u8>>>()
        });
        Ok(ValueBounds { longest, first })
    }

    fn admits(&self, value: &str) -> bool {
        value.len() <= self.longest
            && self
                .first
                .as_ref()
                .is_none_or(|f| value.as_bytes().first().is_some_and(|b| f.contains(b)))
    }
}

/// Whole-value patterns, each for some places.
pub struct ValueSet {
    places: Vec<Vec<ValuePlace>>,
    /// Each pattern, compiled when a value first fits its bounds (few files have one).
    each: Vec<LazyRegex>,
    bounds: Vec<ValueBounds>,
}

impl ValueSet {
    /// The set of `(regex, places)`; an error names the pattern by index.
    pub fn new(patterns: &[(String, Vec<ValuePlace>)]) -> Result<ValueSet, (usize, String)> {
        let mut bounds = Vec::new();
        for (i, (regex, _)) in patterns.iter().enumerate() {
            bounds.push(ValueBounds::of(regex).map_err(|e| (i, e))?);
        }
        Ok(ValueSet {
            places: patterns.iter().map(|(_, p)| p.clone()).collect(),
            each: patterns.iter().map(|(r, _)| LazyRegex::new(r.clone())).collect(),
            bounds,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.each.is_empty()
    }

    /// The first pattern for `place` that `value` (trimmed) matches.
    pub fn find(&self, place: ValuePlace, value: &str) -> Option<usize> {
        let value = value.trim();
        if value.len() > place.longest() {
            return None;
        }
        (0..self.each.len()).find(|&i| {
            self.places[i].contains(&place)
                && self.bounds[i].admits(value)
                && self.each[i].get().is_some_and(|r| r.is_match(value))
        })
    }

    /// The patterns over every value they apply to, in `doc`: (span, pattern index, where).
    pub fn find_in<'d>(&self, doc: &'d Document, out: &mut Vec<(Span, usize, ValueAt<'d>)>) {
        if self.is_empty() {
            return;
        }
        let mut check = |place: ValuePlace, span: Span, at: ValueAt<'d>| {
            if span.len() > 2 * place.longest() {
                return;
            }
            let span = trimmed(doc, span);
            if let Some(idx) = self.find(place, doc.text(span)) {
                out.push((span, idx, at));
            }
        };
        if let Some(fm) = doc.front_matter.as_ref() {
            for e in fm.entries.iter().filter(|e| e.depth == 0) {
                for item in e.item_spans(&doc.source) {
                    check(ValuePlace::FrontMatter, item, ValueAt::FrontMatter(e.key.as_str()));
                }
            }
        }
        for &table in &doc.tables {
            for cell in table_cells(doc, table) {
                if !doc.in_code(cell) {
                    check(ValuePlace::TableCell, cell, ValueAt::TableCell);
                }
            }
        }
        for h in &doc.headings {
            check(ValuePlace::Heading, h.text_span, ValueAt::Heading);
        }
        for list in &doc.lists {
            for &item in &list.items {
                let text = doc.text(item);
                // a one-line item: its text after the marker (and a task box)
                if text.trim_end().contains('\n') {
                    continue;
                }
                let marker = text.len()
                    - text
                        .trim_start()
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .trim_start_matches(['-', '*', '+', '.', ')'])
                        .trim_start()
                        .len();
                check(
                    ValuePlace::ListItem,
                    Span::new(item.start + marker, item.end),
                    ValueAt::ListItem,
                );
            }
        }
        for img in doc.images.iter().filter(|i| !i.hidden) {
            if let Some(alt) = img.alt_span.filter(|s| !s.is_empty()) {
                check(ValuePlace::AltText, alt, ValueAt::AltText);
            }
        }
        for link in doc.links.iter().filter(|l| !l.html && !l.hidden && !l.reference) {
            let url = link.url_span.filter(|s| !s.is_empty());
            let target = match url {
                Some(span) => doc.text(span),
                None => link.url.as_str(),
            };
            if let Some(idx) = self.find(ValuePlace::LinkTarget, target) {
                let empty = target.trim().is_empty();
                out.push((
                    url.unwrap_or(link.span),
                    idx,
                    ValueAt::LinkTarget(link.text.as_str(), empty),
                ));
            }
        }
    }

    #[cfg(test)]
    pub(super) fn compile_all(&self) -> Result<(), String> {
        match self.each.iter().find(|r| r.get().is_none()) {
            Some(r) => Err(r.source.clone()),
            None => Ok(()),
        }
    }

    /// Does some pattern for `place` let `value` through its bounds?
    #[cfg(test)]
    pub(super) fn admits(&self, place: ValuePlace, value: &str) -> bool {
        (self.places.iter().zip(&self.bounds)).any(|(p, b)| p.contains(&place) && b.admits(value))
    }
}

/// `span` without the spaces and one pair of quotes around it.
fn trimmed(doc: &Document, span: Span) -> Span {
    let text = doc.text(span);
    let start = span.start + (text.len() - text.trim_start().len());
    let span = Span::new(start, start + text.trim().len());
    crate::document::front_matter::unquoted(&doc.source, span)
}

/// The cells of a table's rows (not its delimiter row): the text between unescaped pipes.
fn table_cells(doc: &Document, table: Span) -> Vec<Span> {
    let mut cells = Vec::new();
    let mut pos = table.start;
    for line in doc.text(table).split_inclusive(['\n', '\r']) {
        let row = line.trim_end();
        let delimiter = row.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        if !delimiter {
            let bytes = row.as_bytes();
            let mut start = 0;
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
                    if i > start || start > 0 {
                        cells.push(Span::new(pos + start, pos + i));
                    }
                    start = i + 1;
                }
            }
            if start < row.len() {
                cells.push(Span::new(pos + start, pos + row.len()));
            }
        }
        pos += line.len();
    }
    cells
}
