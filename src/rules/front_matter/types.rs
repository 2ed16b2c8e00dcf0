use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Severity, Span};
use crate::document::{url_host, Value};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks the types of well-known front matter keys: `date` (and `lastmod`, `updated`) must be
    /// a date (`2026-02-14`, optionally with a time and offset); `tags` and `categories` must be
    /// lists; `canonical_url` must be an absolute http(s) URL; `slug` must be lowercase `a-z`,
    /// `0-9` and single hyphens (a `/`-separated path of such slugs is accepted); `title` and
    /// `description` must be text (a number is read as text).
    ///
    /// ## Why is this bad?
    /// Site generators silently drop or misread values of the wrong type: a date in another
    /// format sorts the article into the wrong place, a tag string becomes one tag, a relative
    /// canonical URL is ignored by search engines, a slug with spaces or capitals makes an ugly
    /// or broken URL.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// date: "14/02/2026"
    /// tags: ["coffee", "recipes"]
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    /// The date is written day first.
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// date: 2026-02-14
    /// tags: ["coffee", "recipes"]
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// ## Options
    /// - `date_keys` (default `["date", "lastmod", "updated"]`), `list_keys` (default `["tags",
    ///   "categories"]`), `url_keys` (default `["canonical_url"]`), `slug_keys` (default
    ///   `["slug"]`), `string_keys` (default `["title", "description"]`).
    pub static FRONT_MATTER_TYPE = {
        name: "front-matter-type",
        severity: Severity::Error,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub date_keys: Vec<String>,
    pub list_keys: Vec<String>,
    pub url_keys: Vec<String>,
    pub slug_keys: Vec<String>,
    pub string_keys: Vec<String>,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl Default for Options {
    fn default() -> Self {
        Options {
            date_keys: strings(&["date", "lastmod", "updated"]),
            list_keys: strings(&["tags", "categories"]),
            url_keys: strings(&["canonical_url"]),
            slug_keys: strings(&["slug"]),
            string_keys: strings(&["title", "description"]),
        }
    }
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)?[ \t]*(?:Z|z|[+-][0-9]{2}:?[0-9]{2})?$")
        .expect("constant regex")
});
/// A slug, or a path of slugs (`guide/part-two`), as some sites nest multi-part articles.
static SLUG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$").expect("constant regex"));

/// A calendar date with an optional time, as site generators read it.
pub fn is_date(s: &str) -> bool {
    let Some(c) = DATE.captures(s.trim()) else { return false };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let month_ok = num(2).is_some_and(|m| (1..=12).contains(&m));
    let day_ok = num(3).is_some_and(|d| (1..=31).contains(&d));
    let hour_ok = num(4).is_none_or(|h| h < 24);
    let min_ok = num(5).is_none_or(|m| m < 60);
    let sec_ok = num(6).is_none_or(|s| s < 61);
    month_ok && day_ok && hour_ok && min_ok && sec_ok
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let Some(fm) = doc.front_matter.as_ref() else { return };
    if fm.value.is_none() {
        return;
    }
    let span_of = |key: &str| -> Span { fm.entry(key).map_or(fm.span, |e| e.value_or_key_span()) };
    let mut found: Vec<(Span, String, &str)> = Vec::new();
    for key in &opts.date_keys {
        match fm.get(key) {
            None | Some(Value::Null) | Some(Value::Datetime(_)) => {}
            Some(Value::String(s)) if is_date(s) => {}
            Some(Value::String(s)) => found.push((
                span_of(key),
                format!(
                    "`{key}` is \"{}\", not a date; expected YYYY-MM-DD with an optional time",
                    crate::diagnostic::excerpt(s, 40)
                ),
                "write the date as YYYY-MM-DD, e.g. 2026-02-14",
            )),
            Some(other) => found.push((
                span_of(key),
                format!("`{key}` is {}, not a date; expected YYYY-MM-DD", other.type_name()),
                "write the date as YYYY-MM-DD, e.g. 2026-02-14",
            )),
        }
    }
    for key in &opts.list_keys {
        match fm.get(key) {
            None | Some(Value::Null) | Some(Value::List(_)) => {}
            Some(other) => found.push((
                span_of(key),
                format!("`{key}` is {}, not a list", other.type_name()),
                "write a list: [\"one\", \"two\"]",
            )),
        }
    }
    for key in &opts.url_keys {
        match fm.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if is_absolute_url(s) => {}
            Some(v) => {
                let shown = shown(v);
                found.push((
                    span_of(key),
                    format!("`{key}` is {shown}, not an absolute http(s) URL"),
                    "write the full URL, e.g. https://example.com/guides/serverless",
                ))
            }
        }
    }
    for key in &opts.slug_keys {
        match fm.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if SLUG.is_match(s) => {}
            Some(v) => {
                let shown = shown(v);
                found.push((
                    span_of(key),
                    format!("`{key}` is {shown}; a slug is lowercase a-z, 0-9 and single hyphens"),
                    "e.g. serverless-functions-explained",
                ))
            }
        }
    }
    for key in &opts.string_keys {
        match fm.get(key) {
            // a number reads as text to every site generator (`title: 2024`)
            None | Some(Value::Null) | Some(Value::String(_)) | Some(Value::Integer(_)) | Some(Value::Float(_)) => {}
            Some(other) => found.push((
                span_of(key),
                format!("`{key}` is {}, not a string", other.type_name()),
                "write it as text",
            )),
        }
    }
    for (span, message, help) in found {
        let d = ctx.diagnostic(span, message).with_help(help);
        ctx.push(d);
    }
}

/// A value as a message shows it: quoted text, or its type.
fn shown(v: &Value) -> String {
    v.as_str().map_or_else(
        || v.type_name().to_string(),
        |s| format!("\"{}\"", crate::diagnostic::excerpt(s, 60)),
    )
}

fn is_absolute_url(s: &str) -> bool {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !s.contains(char::is_whitespace)
        && url_host(s).is_some_and(|h| h.contains('.') || h == "localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in [
            "2026-02-14",
            "2012-05-08T17:00:34.000Z",
            "2021-01-01 10:00:00 +0100",
            "2024-03-01T09:30",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in ["14/02/2026", "2026-13-01", "2026-02-14T25:00", "yesterday", ""] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(is_absolute_url("https://example.com/a"));
        assert!(!is_absolute_url("/a/b"));
        assert!(!is_absolute_url("[YOUR_DOMAIN]/a"));
        assert!(!is_absolute_url("https://exa mple.com"));
    }
}
