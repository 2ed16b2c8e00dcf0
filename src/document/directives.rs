//! Directives the template keeps in HTML comments (`TARGET_KEYWORD: "x" | SECONDARY: "y", "z"`,
//! `RECOMMENDED_WORD_COUNT: 4,000-6,000 words`, `KEYWORD_DENSITY: Aim for 1-1.5%`, ...) and the
//! items of the `SEO CHECKLIST` comment. Numbers are read leniently: thousands separators, `%`,
//! en dashes, "to", "+", "at least", "up to".

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// Upper-case name, e.g. `TARGET_KEYWORD`.
    pub name: String,
    pub value: String,
    /// From the name to the end of the value.
    pub span: Span,
    pub value_span: Span,
}

/// A text quoted or listed in a directive, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    pub span: Span,
}

/// A lenient numeric range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistItem {
    pub text: String,
    /// Span of the item's text (after the `[ ]` box).
    pub span: Span,
    pub checked: bool,
}

static DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)[ \t]*:[ \t]*").expect("constant regex"));
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""([^"\r\n]+)"|“([^”\r\n]+)”|'([^'\r\n]+)'"#).expect("constant regex"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9][0-9,]*(?:\.[0-9]+)?").expect("constant regex"));
static CHECK_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?mR)^[ \t]*(?:[-*+][ \t]+)?\[([ xX])\][ \t]*(\S[^\r\n]*)").expect("constant regex"));

/// Directives in one comment's inner text (`inner` starts at `base` in the file). Segments are
/// separated by `|`; each starts with an upper-case NAME and a colon. The checklist comment yields
/// none: its items are read by `checklist_items`.
pub fn parse_directives(inner: &str, base: usize) -> Vec<Directive> {
    let mut out = Vec::new();
    if is_checklist(inner) {
        return out;
    }
    let mut seg_start = 0;
    for seg in inner.split('|') {
        let start = seg_start;
        seg_start += seg.len() + 1;
        let lead = seg.len() - seg.trim_start().len();
        let Some(caps) = DIRECTIVE.captures(seg) else { continue };
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // the name must open the segment
        if whole.start() != lead {
            continue;
        }
        let value = seg[whole.end()..].trim_end();
        let v_start = base + start + whole.end();
        out.push(Directive {
            name: name.as_str().to_string(),
            value: value.to_string(),
            span: Span::new(base + start + whole.start(), v_start + value.len()),
            value_span: Span::new(v_start, v_start + value.len()),
        });
    }
    out
}

pub fn is_checklist(inner: &str) -> bool {
    let t = inner.trim_start().as_bytes();
    t.len() >= 13 && t[..13].eq_ignore_ascii_case(b"seo checklist")
}

/// The `[ ]` items of an SEO CHECKLIST comment.
pub fn checklist_items(inner: &str, base: usize) -> Vec<ChecklistItem> {
    CHECK_ITEM
        .captures_iter(inner)
        .filter_map(|c| {
            let mark = c.get(1)?;
            let text = c.get(2)?;
            let t = text.as_str().trim_end();
            Some(ChecklistItem {
                text: t.to_string(),
                span: Span::new(base + text.start(), base + text.start() + t.len()),
                checked: mark.as_str() != " ",
            })
        })
        .collect()
}

/// Quoted phrases in a directive value (`"AWS Lambda", "FaaS"`); unquoted values are split on
/// commas.
pub fn phrases(value: &str, base: usize) -> Vec<Phrase> {
    let quoted: Vec<Phrase> = QUOTED
        .captures_iter(value)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)))
        .map(|m| Phrase {
            text: m.as_str().trim().to_string(),
            span: Span::new(base + m.start(), base + m.end()),
        })
        .filter(|p| !p.text.is_empty())
        .collect();
    if !quoted.is_empty() {
        return quoted;
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for part in value.split(',') {
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        if !t.is_empty() {
            out.push(Phrase {
                text: t.to_string(),
                span: Span::new(base + pos + lead, base + pos + lead + t.len()),
            });
        }
        pos += part.len() + 1;
    }
    out
}

/// Read a range from free text: "4,000-6,000 words", "1–1.5%", "300 to 500", "4,000+ words",
/// "at least 8", "minimum 5", "up to 3", "max 2". A lone number is a minimum.
pub fn parse_range(text: &str) -> Option<Range> {
    let nums: Vec<(f64, usize, usize)> = NUMBER
        .find_iter(text)
        .filter_map(|m| {
            let n: f64 = m.as_str().replace(',', "").parse().ok()?;
            Some((n, m.start(), m.end()))
        })
        .collect();
    let &(first, _, first_end) = nums.first()?;
    let lower = text.to_lowercase();
    if let Some(&(second, second_start, _)) = nums.get(1) {
        let between = lower[first_end..second_start].trim();
        let between = between.trim_start_matches('%').trim();
        if matches!(between, "-" | "–" | "—" | "to" | "and" | "−") {
            return Some(Range {
                min: Some(first.min(second)),
                max: Some(first.max(second)),
            });
        }
    }
    let before = &lower[..nums[0].1];
    if before.contains("up to")
        || before.contains("max")
        || before.contains("at most")
        || before.contains("no more than")
    {
        return Some(Range {
            min: None,
            max: Some(first),
        });
    }
    Some(Range {
        min: Some(first),
        max: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_directives() {
        let inner = r#" TARGET_KEYWORD: "serverless" | SECONDARY: "AWS Lambda", "cloud functions", "FaaS" "#;
        let d = parse_directives(inner, 100);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].name, "TARGET_KEYWORD");
        assert_eq!(
            &inner[d[0].value_span.start - 100..d[0].value_span.end - 100],
            "\"serverless\""
        );
        let p = phrases(&d[1].value, d[1].value_span.start);
        let texts: Vec<_> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["AWS Lambda", "cloud functions", "FaaS"]);
        assert_eq!(&inner[p[0].span.start - 100..p[0].span.end - 100], "AWS Lambda");
    }

    #[test]
    fn lenient_ranges() {
        let r = |s: &str| parse_range(s).map(|r| (r.min, r.max));
        assert_eq!(r("4,000-6,000 words"), Some((Some(4000.0), Some(6000.0))));
        assert_eq!(r("Aim for 1-1.5% for primary keyword"), Some((Some(1.0), Some(1.5))));
        assert_eq!(r("1% – 1.5%"), Some((Some(1.0), Some(1.5))));
        assert_eq!(r("300 to 500"), Some((Some(300.0), Some(500.0))));
        assert_eq!(r("Content is 4,000+ words"), Some((Some(4000.0), None)));
        assert_eq!(r("up to 3"), Some((None, Some(3.0))));
        assert_eq!(r("no numbers"), None);
    }

    #[test]
    fn checklist() {
        let inner = "SEO CHECKLIST:\n  [ ] Primary keyword in title\n  [x] Done item\n";
        assert!(is_checklist(inner));
        assert!(parse_directives(inner, 0).is_empty());
        let items = checklist_items(inner, 0);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "Primary keyword in title");
        assert!(items[1].checked);
        assert_eq!(
            &inner[items[0].span.start..items[0].span.end],
            "Primary keyword in title"
        );
    }
}
