//! What each page contributes to the site: its front matter values for every page, and its
//! links and anchors once it is parsed, in compact forms a site keeps for the whole run.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::normalize_url;
use crate::diagnostic::Span;
use crate::document::{front_matter, Document, LineIndex, LinkKind, Value};
use crate::fields::Fields;

/// A value of a file and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located<'a> {
    pub text: &'a str,
    pub span: Span,
    pub line: usize,
}

/// Which front matter value of a [`PageValues`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Title,
    Description,
    Slug,
    Keyword,
}

/// A span in the 32-bit places a site keeps for every file (a file is at most 16 MB).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Span32 {
    start: u32,
    end: u32,
}

impl Span32 {
    /// None past 32 bits.
    fn new(span: Span) -> Option<Span32> {
        Some(Span32 {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
        })
    }

    fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// Where one value of a [`PageValues`] is: its text ends at `end` in the shared string (it starts
/// where the one before ended), its span and line in the file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct ValuePlace {
    end: u32,
    span: Span32,
    line: u32,
}

/// What every site file contributes, from its front matter alone. A site keeps one for every
/// file for the whole run, so the four values share one string and their places are 32-bit
/// (a file is at most 16 MB; a value that would not fit is dropped).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PageValues {
    text: Box<str>,
    /// Title, description, slug, keyword; `None` where the file has none.
    slots: [Option<ValuePlace>; 4],
    /// Front matter `url`, `path`, `permalink`, `aliases`, normalised; the site takes them
    /// when it files the page under its URLs.
    pub urls: Vec<String>,
}

impl PageValues {
    pub fn title(&self) -> Option<Located<'_>> {
        self.get(ValueKind::Title)
    }

    pub fn description(&self) -> Option<Located<'_>> {
        self.get(ValueKind::Description)
    }

    pub fn slug(&self) -> Option<Located<'_>> {
        self.get(ValueKind::Slug)
    }

    pub fn keyword(&self) -> Option<Located<'_>> {
        self.get(ValueKind::Keyword)
    }

    fn get(&self, which: ValueKind) -> Option<Located<'_>> {
        let i = which as usize;
        let slot = self.slots[i]?;
        let start = self.slots[..i].iter().rev().find_map(|s| *s).map_or(0, |s| s.end);
        Some(Located {
            text: self.text.get(start as usize..slot.end as usize)?,
            span: slot.span.span(),
            line: slot.line as usize,
        })
    }
}

/// Builds a [`PageValues`], values in their order.
#[derive(Default)]
struct PageValuesBuilder {
    text: String,
    slots: [Option<ValuePlace>; 4],
}

impl PageValuesBuilder {
    fn set(&mut self, which: ValueKind, text: &str, span: Span, line: usize) {
        let i = which as usize;
        debug_assert!(self.slots[i..].iter().all(Option::is_none), "values in order");
        let fits = |n: usize| u32::try_from(n).ok();
        let (Some(end), Some(span), Some(line)) = (fits(self.text.len() + text.len()), Span32::new(span), fits(line))
        else {
            return;
        };
        self.text.push_str(text);
        self.slots[i] = Some(ValuePlace { end, span, line });
    }

    fn build(self, urls: Vec<String>) -> PageValues {
        PageValues {
            text: self.text.into_boxed_str(),
            slots: self.slots,
            urls,
        }
    }
}

/// An outgoing internal link of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteLink<'a> {
    pub url: &'a str,
    pub span: Span,
    /// Under the Related Articles heading.
    pub related: bool,
}

/// A file's outgoing internal links, kept for the whole run: their URLs in one string, their
/// places 32-bit (a file is at most 16 MB).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SiteLinks {
    urls: Box<str>,
    items: Box<[LinkPlace]>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct LinkPlace {
    /// End of the URL in `urls` (it starts where the one before ended).
    end: u32,
    span: Span32,
    related: bool,
}

impl SiteLinks {
    pub fn iter(&self) -> impl Iterator<Item = SiteLink<'_>> {
        let mut start = 0;
        self.items.iter().map(move |item| {
            let url = self.urls.get(start..item.end as usize).unwrap_or("");
            start = item.end as usize;
            SiteLink {
                url,
                span: item.span.span(),
                related: item.related,
            }
        })
    }
}

impl<'a> FromIterator<SiteLink<'a>> for SiteLinks {
    fn from_iter<I: IntoIterator<Item = SiteLink<'a>>>(links: I) -> Self {
        let mut urls = String::new();
        let mut items = Vec::new();
        for link in links {
            let (Ok(end), Some(span)) = (u32::try_from(urls.len() + link.url.len()), Span32::new(link.span)) else {
                break;
            };
            urls.push_str(link.url);
            items.push(LinkPlace {
                end,
                span,
                related: link.related,
            });
        }
        SiteLinks {
            urls: urls.into_boxed_str(),
            items: items.into_boxed_slice(),
        }
    }
}

/// A set of names (a file's anchors) in one string, sorted for lookup.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameSet {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl NameSet {
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize).unwrap_or("")
    }

    pub fn contains(&self, name: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The names in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

impl<'a> FromIterator<&'a str> for NameSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(names: I) -> Self {
        let mut names: Vec<&str> = names.into_iter().collect();
        names.sort_unstable();
        names.dedup();
        let mut text = String::with_capacity(names.iter().map(|n| n.len()).sum());
        let mut ends = Vec::with_capacity(names.len());
        for name in names {
            let Ok(end) = u32::try_from(text.len() + name.len()) else {
                break;
            };
            text.push_str(name);
            ends.push(end);
        }
        NameSet {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }
}

/// What a parsed file contributes: its outgoing links and its anchors.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PageLinks {
    pub links: SiteLinks,
    pub anchors: NameSet,
    /// CONTENT_TYPE pillar, or a checklist item asking for backlinks.
    pub pillar: bool,
}

/// What a file of the site contributes: its front matter values, and, once the file is parsed
/// (by the per-file pass, or on demand for a file not linted), its links and anchors. The
/// per-file pass leaves it boxed and the site keeps that box: nothing is copied at site build.
#[derive(Debug, Clone, Default)]
pub struct PageSummary {
    pub values: PageValues,
    pub(super) links: OnceLock<Option<PageLinks>>,
}

impl PageSummary {
    /// The summary of a parsed file.
    pub fn parsed(values: PageValues, links: PageLinks) -> PageSummary {
        PageSummary {
            values,
            links: OnceLock::from(Some(links)),
        }
    }

    /// Its links and anchors, when the file has been parsed.
    pub fn links_if_parsed(&self) -> Option<&PageLinks> {
        self.links.get().and_then(Option::as_ref)
    }
}

static TARGET_KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<!--[ \t]*TARGET_KEYWORD:[ \t]*["“]?([^"”|\n]+?)["”]?[ \t]*(?:\||-->)"#).expect("constant regex")
});

/// The front matter part of a summary, from an already split and parsed front matter.
pub(super) fn values_from(
    source: &str,
    lines: &LineIndex,
    fm: Option<&front_matter::FrontMatter>,
    fields: &Fields,
) -> PageValues {
    let mut builder = PageValuesBuilder::default();
    let mut urls = Vec::new();
    let set = |builder: &mut PageValuesBuilder, which: ValueKind, text: &str, span: Span| {
        builder.set(which, text, span, lines.line_of(span.start));
    };
    if let Some(fm) = fm {
        let keys = [
            (ValueKind::Title, &fields.title),
            (ValueKind::Description, &fields.description),
            (ValueKind::Slug, &fields.slug),
            (ValueKind::Keyword, &fields.keyword),
        ];
        for (which, field) in keys {
            let found = field.list().into_iter().find_map(|k| {
                let text = match fm.get(k)? {
                    Value::String(s) => s.as_str(),
                    Value::List(items) => items.first()?.as_str()?,
                    _ => return None,
                };
                (!text.trim().is_empty()).then_some((text, fm.text_span(k)))
            });
            if let Some((text, span)) = found {
                set(&mut builder, which, text, span);
            }
        }
        for key in ["url", "path", "permalink", "aliases"] {
            match fm.get(key) {
                Some(Value::String(s)) => urls.push(normalize_url(s)),
                Some(Value::List(items)) => urls.extend(items.iter().filter_map(Value::as_str).map(normalize_url)),
                _ => {}
            }
        }
    }
    if builder.slots[ValueKind::Keyword as usize].is_none() {
        if let Some(m) = TARGET_KEYWORD.captures(source).and_then(|c| c.get(1)) {
            set(
                &mut builder,
                ValueKind::Keyword,
                m.as_str().trim(),
                Span::new(m.start(), m.end()),
            );
        }
    }
    builder.build(urls)
}

/// The summary of a parsed Document.
pub fn summarize(doc: &Document, fields: &Fields) -> PageSummary {
    let values = values_from(&doc.source, &doc.lines, doc.front_matter.as_ref(), fields);
    let related = doc.section_where(|h| h.level == 2 && h.is_related()).map(|s| s.total);
    let links = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Internal && !l.hidden)
        .map(|l| SiteLink {
            url: &l.url,
            span: l.url_span.unwrap_or(l.span),
            related: related.is_some_and(|r| r.covers(l.span)),
        })
        .collect();
    let pillar = doc
        .directive("CONTENT_TYPE")
        .is_some_and(|d| d.value.to_lowercase().contains("pillar"))
        || doc
            .checklist
            .iter()
            .any(|i| i.text.to_lowercase().contains("link back"));
    PageSummary::parsed(
        values,
        PageLinks {
            links,
            anchors: doc.anchors.iter().map(|a| a.id.as_str()).collect(),
            pillar,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_tables_keep_what_they_are_given() {
        let names: NameSet = ["setup", "faq", "", "b-1", "faq", "ünïcode", "a"].into_iter().collect();
        assert_eq!(
            names.iter().collect::<Vec<_>>(),
            ["", "a", "b-1", "faq", "setup", "ünïcode"]
        );
        for n in ["", "a", "b-1", "faq", "setup", "ünïcode"] {
            assert!(names.contains(n), "{n}");
        }
        for n in ["b", "fa", "faqs", "zzz", "setup "] {
            assert!(!names.contains(n), "{n}");
        }
        assert!(NameSet::default().iter().next().is_none() && !NameSet::default().contains(""));

        let given = [("./a.md", 3, false), ("", 9, true), ("../b/#c", 20, true)];
        let links: SiteLinks = given
            .iter()
            .map(|&(url, at, related)| SiteLink {
                url,
                span: Span::new(at, at + 1),
                related,
            })
            .collect();
        let back: Vec<_> = links.iter().map(|l| (l.url, l.span.start, l.related)).collect();
        assert_eq!(back, given);
    }

    #[test]
    fn page_values_come_back_as_given() {
        let text =
            "---\ndescription: \"Stir, then wait\"\nslug: ''\ntags: [x]\n---\n<!-- TARGET_KEYWORD: sourdough -->\n";
        let lines = LineIndex::new(text);
        let split = front_matter::split(text, 0).unwrap();
        let fm = front_matter::parse(text, &split, &lines);
        let values = values_from(text, &lines, Some(&fm), &Fields::default());
        fn placed<'a>(text: &'a str, l: Option<Located<'a>>) -> Option<(&'a str, &'a str, usize)> {
            l.map(|l| (l.text, &text[l.span.start..l.span.end], l.line))
        }
        let at = |l| placed(text, l);
        assert_eq!(at(values.title()), None);
        assert_eq!(
            at(values.description()),
            Some(("Stir, then wait", "Stir, then wait", 2))
        );
        assert_eq!(at(values.slug()), None, "a blank value is no value");
        assert_eq!(at(values.keyword()), Some(("sourdough", "sourdough", 6)));

        // every value set, one of them at an offset past 32 bits (dropped)
        let mut b = PageValuesBuilder::default();
        b.set(ValueKind::Title, "Tïtle", Span::new(4, 10), 1);
        b.set(ValueKind::Description, "d", Span::new(1 << 33, (1 << 33) + 1), 2);
        b.set(ValueKind::Slug, "s-1", Span::new(20, 23), 3);
        b.set(ValueKind::Keyword, "k", Span::new(30, 31), 4);
        let values = b.build(Vec::new());
        fn got(l: Option<Located<'_>>) -> Option<(&str, usize, usize)> {
            l.map(|l| (l.text, l.span.start, l.line))
        }
        assert_eq!(got(values.title()), Some(("Tïtle", 4, 1)));
        assert_eq!(got(values.description()), None);
        assert_eq!(got(values.slug()), Some(("s-1", 20, 3)));
        assert_eq!(got(values.keyword()), Some(("k", 30, 4)));
    }
}
