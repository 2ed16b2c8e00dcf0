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

/// A start tag: `<name attr attr=value attr="value" attr='value' ... /?>`, as the regex
/// `<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>`
/// matches it (the tests hold that regex and check the two agree), read by hand: names and values
/// cannot contain what ends them, so one greedy pass decides, with no backtracking.
struct RawTag {
    end: usize,
    name: std::ops::Range<usize>,
    /// From after the name to the end of the last attribute.
    attrs_text: std::ops::Range<usize>,
    /// (name, value without its quotes)
    attrs: Vec<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)>,
}

/// `c` may be in an attribute name.
fn attr_name_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '\'' | '>' | '/' | '=')
}

/// `c` may be in an unquoted attribute value.
fn unquoted_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')
}

/// The end of the run of `text[from..]` whose characters pass `keep`.
fn run_end(text: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    text[from..].find(|c: char| !keep(c)).map_or(text.len(), |k| from + k)
}

/// The start tag at `at` (a `<`), if there is one.
fn start_tag(text: &str, at: usize) -> Option<RawTag> {
    let b = text.as_bytes();
    let name_start = at + 1;
    if !b.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_start
        + b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
    let mut attrs = Vec::new();
    let mut pos = name_end; // the end of the last attribute (or of the name)
    loop {
        // another attribute: whitespace, then a name
        let name_from = run_end(text, pos, char::is_whitespace);
        let name_to = run_end(text, name_from, attr_name_char);
        if name_from == pos || name_to == name_from {
            break;
        }
        // an optional `= value`
        let mut value = None;
        let mut end = name_to;
        let eq = run_end(text, name_to, char::is_whitespace);
        if b.get(eq) == Some(&b'=') {
            let v = run_end(text, eq + 1, char::is_whitespace);
            match b.get(v) {
                Some(&q @ (b'"' | b'\'')) => {
                    if let Some(close) = text[v + 1..].find(q as char) {
                        value = Some(v + 1..v + 1 + close);
                        end = v + 1 + close + 1;
                    }
                }
                Some(_) => {
                    let to = run_end(text, v, unquoted_char);
                    if to > v {
                        value = Some(v..to);
                        end = to;
                    }
                }
                None => {}
            }
        }
        attrs.push((name_from..name_to, value));
        pos = end;
    }
    // the end: optional whitespace, an optional `/`, `>`
    let mut close = run_end(text, pos, char::is_whitespace);
    if b.get(close) == Some(&b'/') {
        close += 1;
    }
    (b.get(close) == Some(&b'>')).then(|| RawTag {
        end: close + 1,
        name: name_start..name_end,
        attrs_text: name_end..pos,
        attrs,
    })
}

/// Every start tag of `text` with its position, left to right, none overlapping (as the regex's
/// `find_iter` would give them).
fn start_tags(text: &str) -> impl Iterator<Item = (usize, RawTag)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while let Some(k) = text.get(pos..)?.find('<') {
            let at = pos + k;
            match start_tag(text, at) {
                Some(tag) => {
                    pos = tag.end;
                    return Some((at, tag));
                }
                None => pos = at + 1,
            }
        }
        None
    })
}

/// The start tags in `text` an article's checks read: `<img>`, `<a>`, and any tag that may carry
/// an `id`; spans are offset by `base`. Other tags (`<br>`, `<div class>`) are skipped.
pub fn anchor_tags(text: &str, base: usize) -> Vec<Tag> {
    let mut out = Vec::new();
    // most inline HTML is `<br>`, `</span>`, `<kbd>`: none can be of interest without `<a`,
    // `<img` or an `id` somewhere (a cheap test before reading tags)
    let has = |needle: &[u8]| contains_ignore_ascii_case(text.as_bytes(), needle);
    if !text.contains('<') || !(has(b"<a") || has(b"<img") || has(b"id")) {
        return out;
    }
    for (at, tag) in start_tags(text) {
        let name = &text[tag.name.clone()];
        let wanted = name.eq_ignore_ascii_case("img")
            || name.eq_ignore_ascii_case("a")
            || contains_ignore_ascii_case(text[tag.attrs_text.clone()].as_bytes(), b"id");
        if !wanted {
            continue;
        }
        let attrs = tag
            .attrs
            .iter()
            .map(|(n, v)| {
                let (value, value_span) = match v {
                    Some(v) => (
                        decode_entities(&text[v.clone()]),
                        Span::new(base + v.start, base + v.end),
                    ),
                    None => (String::new(), Span::new(base + n.end, base + n.end)),
                };
                Attr {
                    name: text[n.clone()].to_ascii_lowercase(),
                    value,
                    value_span,
                }
            })
            .collect();
        out.push(Tag {
            name: name.to_ascii_lowercase(),
            span: Span::new(base + at, base + tag.end),
            attrs,
        });
    }
    out
}

/// Does `hay` hold `needle` (ASCII, any case)? Candidates are found by the needle's first byte in
/// either case with memchr's SIMD search, not by comparing every window.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay).any(|i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// `<!-- ... -->` comments in `text`: (whole span, inner span), offset by `base`. An unterminated
/// comment runs to the end of `text`.
pub fn comments(text: &str, base: usize) -> Vec<(Span, Span)> {
    // the searchers are built once (`str::find` sets one up per call)
    static OPEN: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("<!--"));
    static CLOSE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("-->"));
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = OPEN.find(&text.as_bytes()[pos..]) {
        let open = pos + i;
        let inner_start = open + 4;
        let (inner_end, end) = match CLOSE.find(&text.as_bytes()[inner_start..]) {
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

/// `<script>` and `<style>` elements in `text` (matched ASCII case-insensitively): each from its
/// opening tag to the start of its closing tag, offset by `base`, or to the end of `text` when it
/// is not closed. Script elements first, then style elements.
pub fn script_style_elements(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    // most HTML holds neither element: asked without making a lowercase copy
    let has = |tag: &[u8]| contains_ignore_ascii_case(text.as_bytes(), tag);
    if !has(b"<script") && !has(b"<style") {
        return out;
    }
    let lower = text.to_ascii_lowercase();
    for (open, close) in [("<script", "</script"), ("<style", "</style")] {
        let mut pos = 0;
        while let Some(i) = lower[pos..].find(open) {
            let start = pos + i;
            let end = lower[start..].find(close).map_or(text.len(), |j| start + j);
            out.push(Span::new(base + start, base + end));
            pos = end.max(start + 1);
        }
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

/// Decode the character references of an attribute value or HTML text: named (`&eacute;`, the
/// HTML5 list) and numeric (`&#8217;`, `&#x2019;`), each ended by `;`. What is not a reference
/// stays as written (`Q&A`, `&nosuch;`).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match reference_at(tail) {
            Some((decoded, len)) => {
                out.push_str(decoded.as_ref());
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML5 named references, by their written form with `;` (`&amp;`).
static NAMED_REFERENCES: LazyLock<std::collections::HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    entities::ENTITIES
        .iter()
        .filter(|e| e.entity.ends_with(';'))
        .map(|e| (e.entity, e.characters))
        .collect()
});

/// The reference `s` starts with (at its `&`): what it stands for and its length.
fn reference_at(s: &str) -> Option<(std::borrow::Cow<'static, str>, usize)> {
    // the longest HTML5 name is 31 characters, a numeric reference at most 10
    let end = s.bytes().take(40).position(|b| b == b';')?;
    let name = s.get(1..end)?;
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => number.parse().ok()?,
            _ => return None,
        };
        // as browsers do: a NUL, a surrogate or a code past Unicode is U+FFFD
        let c = char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}');
        return Some((c.to_string().into(), end + 1));
    }
    let written = s.get(..=end)?;
    NAMED_REFERENCES.get(written).map(|c| ((*c).into(), end + 1))
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
    fn decode_entities_knows_named_and_numeric_references() {
        let cases = [
            ("Caf&eacute; &amp; bar", "Café & bar"),
            ("it&#8217;s &#x2019; &#X2019;", "it’s ’ ’"),
            ("&quot;Install&quot; &lt;b&gt; &apos;", "\"Install\" <b> '"),
            ("Q&A, &nosuch; &#; &#x; &#12a; &", "Q&A, &nosuch; &#; &#x; &#12a; &"),
            ("&#0; &#xD800; &#x110000;", "\u{fffd} \u{fffd} \u{fffd}"),
            ("&amp;amp; &eacute", "&amp; &eacute"),
        ];
        for (text, decoded) in cases {
            assert_eq!(decode_entities(text), decoded, "{text:?}");
        }
    }

    #[test]
    fn contains_ignore_ascii_case_is_a_window_search() {
        let mut rng = crate::testing::Xorshift(0x51_7cc1_b727_220a);
        for len in 0..3000 {
            let hay = rng.text("<aAiIdDmgG \u{e9}>", len % 20);
            for needle in [&b"<a"[..], b"<img", b"id", b"a", b""] {
                let windows = needle.is_empty()
                    || hay
                        .as_bytes()
                        .windows(needle.len())
                        .any(|w| w.eq_ignore_ascii_case(needle));
                assert_eq!(
                    contains_ignore_ascii_case(hay.as_bytes(), needle),
                    windows,
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    /// A tag as the comparison sees it: name, span, and each attribute's name, value and span.
    type Seen = (String, Span, Vec<(String, String, Span)>);

    /// The tag grammar as a regex, read with the regex crate: the reference `start_tag` must agree
    /// with.
    fn reference_tags(text: &str) -> Vec<Seen> {
        static TAG: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r#"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"#,
            )
            .expect("regex")
        });
        static ATTR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#).expect("regex")
        });
        let (tag, attr) = (&*TAG, &*ATTR);
        let mut out = Vec::new();
        for caps in tag.captures_iter(text) {
            let (whole, name, a) = (caps.get(0).unwrap(), caps.get(1).unwrap(), caps.get(2).unwrap());
            let attrs = attr
                .captures_iter(a.as_str())
                .map(|ac| {
                    let n = ac.get(1).unwrap();
                    match ac.get(2).or_else(|| ac.get(3)).or_else(|| ac.get(4)) {
                        Some(v) => (
                            n.as_str().to_string(),
                            v.as_str().to_string(),
                            Span::new(a.start() + v.start(), a.start() + v.end()),
                        ),
                        None => (
                            n.as_str().to_string(),
                            String::new(),
                            Span::new(a.start() + n.end(), a.start() + n.end()),
                        ),
                    }
                })
                .collect();
            out.push((name.as_str().to_string(), Span::new(whole.start(), whole.end()), attrs));
        }
        out
    }

    fn scanned_tags(text: &str) -> Vec<Seen> {
        start_tags(text)
            .map(|(at, t)| {
                let attrs = t
                    .attrs
                    .iter()
                    .map(|(n, v)| match v {
                        Some(v) => (
                            text[n.clone()].to_string(),
                            text[v.clone()].to_string(),
                            Span::new(v.start, v.end),
                        ),
                        None => (text[n.clone()].to_string(), String::new(), Span::new(n.end, n.end)),
                    })
                    .collect();
                (text[t.name.clone()].to_string(), Span::new(at, t.end), attrs)
            })
            .collect()
    }

    #[test]
    fn script_and_style_elements() {
        let text = "<p>a</p><SCRIPT type=x>b</Script><p>c</p><style>d</style><script>open";
        let found: Vec<&str> = script_style_elements(text, 0)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["<SCRIPT type=x>b", "<script>open", "<style>d"]);
        assert_eq!(script_style_elements(text, 10)[0], Span::new(18, 34));
        assert!(script_style_elements("no tags here", 0).is_empty());
        assert!(script_style_elements("<p>only <b>other</b> tags</p><scr", 0).is_empty());
        assert_eq!(script_style_elements("<p>x</p><STYLE>a</STYLE>", 0), [Span::new(8, 16)]);
    }

    #[test]
    fn the_tag_scanner_agrees_with_the_tag_regex() {
        let samples = [
            r#"<p><img src="a.png" alt='A cat'><a href=x.html id="top">x</a></p>"#,
            "<a b=c/> <a b= > <a b = \"c\" d> <a b=\"c\"d> <br/> <br /> <x-y z> <1a> <a\u{a0}id=x>",
            "<a href='x' <img src=y> <a b=\"unclosed> <a =x> <a b==c> <a b=`c`> <a b=c`d>",
            "<A HREF=/x/>t</A> <img\nsrc=\"a.png\"\nalt=\"\"\n/> <div id=top class=\"valid\">",
            "< a> <a\t\tb\t=\t'c'\t> <a b='c'/ > <a b='c' /> <é id=x> <a é=ü> <<a>>",
        ];
        for text in samples {
            assert_eq!(scanned_tags(text), reference_tags(text), "{text:?}");
        }
        // random text over the characters that matter to the grammar
        let mut rng = crate::testing::Xorshift(0x9e37_79b9_7f4a_7c15);
        for len in (1..120).step_by(3) {
            for _ in 0..200 {
                let text = rng.text("<>/=\"'` \t\nabid-1_\u{a0}é", len);
                assert_eq!(scanned_tags(&text), reference_tags(&text), "{text:?}");
            }
        }
    }

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
