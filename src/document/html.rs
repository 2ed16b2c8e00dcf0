//! Just enough HTML for an article: tags with attributes (`<img>`, `<a>`, ids), comments and
//! `<script type="application/ld+json">` blocks, each with byte spans into the scanned text.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Span;

#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub value: String,
    /// Span of the value without its quotes.
    pub value_span: Span,
}

#[derive(Debug, Clone)]
pub struct Tag {
    /// Lowercased tag name.
    pub name: String,
    pub span: Span,
    pub attrs: Vec<Attr>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"#)
        .expect("constant regex")
});
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#).expect("constant regex")
});

/// The start tags in `text` an article's checks read: `<img>`, `<a>`, and any tag that may carry
/// an `id`; spans are offset by `base`. Other tags (`<br>`, `<div class>`) are skipped unparsed.
pub fn anchor_tags(text: &str, base: usize) -> Vec<Tag> {
    let mut out = Vec::new();
    // most inline HTML is `<br>`, `</span>`, `<kbd>`: none can be of interest without `<a`,
    // `<img` or an `id` somewhere (a cheap test before the tag regex)
    let has = |needle: &[u8]| {
        text.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    if !text.contains('<') || !(has(b"<a") || has(b"<img") || has(b"id")) {
        return out;
    }
    // find tags with the DFA (no groups) and ask for the groups only of a tag that can be wanted
    for found in TAG.find_iter(text) {
        let tag = found.as_str();
        let name_len = tag[1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let name = &tag[1..1 + name_len];
        let maybe = name.eq_ignore_ascii_case("img")
            || name.eq_ignore_ascii_case("a")
            || tag.as_bytes().windows(2).any(|w| w.eq_ignore_ascii_case(b"id"));
        if !maybe {
            continue;
        }
        let Some(caps) = TAG.captures_at(text, found.start()) else {
            continue;
        };
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let wanted = name.as_str().eq_ignore_ascii_case("img")
            || name.as_str().eq_ignore_ascii_case("a")
            || caps
                .get(2)
                .is_some_and(|a| a.as_str().as_bytes().windows(2).any(|w| w.eq_ignore_ascii_case(b"id")));
        if !wanted {
            continue;
        }
        let mut attrs = Vec::new();
        if let Some(a) = caps.get(2) {
            for ac in ATTR.captures_iter(a.as_str()) {
                let Some(n) = ac.get(1) else { continue };
                let v = ac.get(2).or_else(|| ac.get(3)).or_else(|| ac.get(4));
                let (value, value_span) = match v {
                    Some(v) => (
                        decode_entities(v.as_str()),
                        Span::new(base + a.start() + v.start(), base + a.start() + v.end()),
                    ),
                    None => (
                        String::new(),
                        Span::new(base + a.start() + n.end(), base + a.start() + n.end()),
                    ),
                };
                attrs.push(Attr {
                    name: n.as_str().to_ascii_lowercase(),
                    value,
                    value_span,
                });
            }
        }
        out.push(Tag {
            name: name.as_str().to_ascii_lowercase(),
            span: Span::new(base + whole.start(), base + whole.end()),
            attrs,
        });
    }
    out
}

/// `<!-- ... -->` comments in `text`: (whole span, inner span), offset by `base`. An unterminated
/// comment runs to the end of `text`.
pub fn comments(text: &str, base: usize) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = text[pos..].find("<!--") {
        let open = pos + i;
        let inner_start = open + 4;
        let (inner_end, end) = match text[inner_start..].find("-->") {
            Some(j) => (inner_start + j, inner_start + j + 3),
            None => (text.len(), text.len()),
        };
        out.push((
            Span::new(base + open, base + end),
            Span::new(base + inner_start, base + inner_end),
        ));
        pos = end;
    }
    out
}

static LD_JSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<script\b[^>]*\btype\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)(?:</script\s*>|\z)"#)
        .expect("constant regex")
});

/// The bodies of `<script type="application/ld+json">` elements, offset by `base`.
pub fn json_ld_bodies(text: &str, base: usize) -> Vec<Span> {
    if !text.contains("ld+json") {
        return Vec::new();
    }
    LD_JSON
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| Span::new(base + m.start(), base + m.end()))
        .collect()
}

/// Decode the few entities that turn up in attribute values.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Text of `html` with tags removed (for the text of an HTML `<a>`).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(out.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_attr_spans() {
        let html = r#"<p><img src="a.png" alt='A cat'><a href=x.html id="top">x</a></p>"#;
        let t = anchor_tags(html, 10);
        let img = t.iter().find(|t| t.name == "img").unwrap();
        let alt = img.attr("alt").unwrap();
        assert_eq!(alt.value, "A cat");
        assert_eq!(&html[alt.value_span.start - 10..alt.value_span.end - 10], "A cat");
        let a = t.iter().find(|t| t.name == "a").unwrap();
        assert_eq!(a.attr("href").unwrap().value, "x.html");
        assert_eq!(a.attr("id").unwrap().value, "top");
    }

    #[test]
    fn comments_and_json_ld() {
        let text = "a <!-- one --> b <!-- <script type=\"application/ld+json\">{\"x\":1}</script> -->";
        let c = comments(text, 0);
        assert_eq!(c.len(), 2);
        assert_eq!(&text[c[0].1.start..c[0].1.end], " one ");
        let j = json_ld_bodies(text, 0);
        assert_eq!(&text[j[0].start..j[0].end], "{\"x\":1}");
    }
}
