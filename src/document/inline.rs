//! Helpers for the walker's inline work: a link's parts in the source, inline text, alt text,
//! visible text and the spans of heading text.

use super::*;

/// The bracketed text, the destination (inline links) and whether it is a reference link, from
/// the source of `[text](url)`, `![alt](src)`, `[text][ref]`, `<url>` or a bare URL.
pub(super) fn link_parts(source: &str, span: Span) -> (Span, Option<Span>, bool) {
    let bytes = source.as_bytes();
    let mut start = span.start;
    if bytes.get(start) == Some(&b'!') {
        start += 1;
    }
    match bytes.get(start) {
        Some(b'[') => {}
        Some(b'<') => {
            let inner = Span::new(start + 1, span.end.saturating_sub(1).max(start + 1));
            return (inner, Some(inner), false);
        }
        _ => return (span, Some(span), false),
    }
    // matching close bracket, honouring escapes and nesting (memchr jumps to the next backslash
    // or bracket; a link text is some 20-30 bytes)
    let mut depth = 0usize;
    let mut close = None;
    let limit = span.end.max(start).min(bytes.len());
    let mut escaped = None;
    for k in memchr::memchr3_iter(b'\\', b'[', b']', bytes.get(start..limit).unwrap_or_default()) {
        let i = start + k;
        if escaped == Some(i) {
            continue;
        }
        match bytes[i] {
            b'\\' => escaped = Some(i + 1),
            b'[' => depth += 1,
            _ => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
        }
    }
    let Some(close) = close else {
        return (Span::new(start + 1, span.end.max(start + 1)), None, false);
    };
    let text = Span::new(start + 1, close);
    match bytes.get(close + 1) {
        Some(b'(') => {
            let inner_start = close + 2;
            let inner_end = span.end.saturating_sub(1).max(inner_start);
            let inner = source.get(inner_start..inner_end).unwrap_or("");
            let lead = inner.len() - inner.trim_start().len();
            let dest = &inner[lead..];
            let (d_start, d_len) = if let Some(rest) = dest.strip_prefix('<') {
                (inner_start + lead + 1, rest.find('>').unwrap_or(rest.len()))
            } else {
                (inner_start + lead, find_whitespace(dest).unwrap_or(dest.len()))
            };
            (text, Some(Span::new(d_start, d_start + d_len)), false)
        }
        _ => (text, None, true),
    }
}

/// Where the first whitespace character (`char::is_whitespace`) is: bytes while they are ASCII,
/// characters only from a non-ASCII byte on (a URL's characters are nearly all ASCII).
pub(super) fn find_whitespace(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        // printable ASCII, the bulk, skipped 16 bytes at a time
        i = not_printable(b, i)?;
        let c = b[i];
        if c.is_ascii() {
            if c == b' ' || (b'\t'..=b'\r').contains(&c) {
                return Some(i);
            }
            i += 1;
        } else {
            let ch = s.get(i..).and_then(|r| r.chars().next())?;
            if ch.is_whitespace() {
                return Some(i);
            }
            i += ch.len_utf8();
        }
    }
}

/// The first byte from `from` on that is not printable ASCII (a space, a control character, DEL
/// or a byte of a non-ASCII character).
pub(super) fn not_printable(b: &[u8], from: usize) -> Option<usize> {
    use wide::u8x16;
    let mut at = from;
    while at < b.len() {
        // past the end the load is NUL, which stops the scan: a stop there is no stop
        let x = crate::text::load16(b, at);
        let low = x.min(u8x16::splat(b' ')).simd_eq(x);
        let high = x.max(u8x16::splat(0x7F)).simd_eq(x);
        let stops = (low | high).to_bitmask();
        if stops != 0 {
            let i = at + stops.trailing_zeros() as usize;
            return (i < b.len()).then_some(i);
        }
        at += 16;
    }
    None
}

/// A DocFX tab, `# [Linux](#tab/linux)`: rendered as a tab, not as a heading. Asked at the
/// heading's end, with the links walked so far: a link that is its only child is the last Markdown
/// link among them (the Document took its URL from the AST).
pub(super) fn is_docfx_tab<'a>(
    node: &'a comrak::arena_tree::Node<'a, std::cell::RefCell<comrak::nodes::Ast>>,
    links: &[Link],
) -> bool {
    let mut children = node.children();
    match (children.next(), children.next()) {
        (Some(only), None) if matches!(only.data().value, NodeValue::Link(_)) => links
            .iter()
            .rev()
            .find(|l| !l.html)
            .is_some_and(|l| l.url.starts_with("#tab/")),
        _ => false,
    }
}

/// The plain text of a node's inlines, as the walk gives a heading or link its text: text, code,
/// a space for a line break; the alt text of images only `with_alt`.
pub(super) fn inline_text<'a>(
    node: &'a comrak::arena_tree::Node<'a, std::cell::RefCell<comrak::nodes::Ast>>,
    with_alt: bool,
) -> String {
    let mut out = String::new();
    let mut in_image = 0usize;
    for edge in node.traverse() {
        match edge {
            NodeEdge::Start(n) => match &n.data().value {
                NodeValue::Image(_) if !with_alt => in_image += 1,
                NodeValue::Text(t) if in_image == 0 => out.push_str(t),
                NodeValue::Code(c) if in_image == 0 => out.push_str(&c.literal),
                NodeValue::SoftBreak | NodeValue::LineBreak if in_image == 0 => out.push(' '),
                _ => {}
            },
            NodeEdge::End(n) => {
                if !with_alt && matches!(n.data().value, NodeValue::Image(_)) {
                    in_image = in_image.saturating_sub(1);
                }
            }
        }
    }
    out
}

pub(super) fn push_alt(img: &mut Image, t: &str) {
    if let Some(alt) = img.alt.as_mut() {
        alt.push_str(t);
    }
}

/// A paragraph holding nothing but images, linked images and whitespace.
pub(super) fn only_images<'a>(node: &'a comrak::arena_tree::Node<'a, std::cell::RefCell<comrak::nodes::Ast>>) -> bool {
    let mut any = false;
    for child in node.children() {
        match &child.data().value {
            NodeValue::Image(_) => any = true,
            NodeValue::Link(_) => {
                let inner_images = child.children().all(|c| matches!(c.data().value, NodeValue::Image(_)));
                if !inner_images || child.first_child().is_none() {
                    return false;
                }
                any = true;
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => {}
            NodeValue::Text(t) if t.chars().all(char::is_whitespace) => {}
            NodeValue::HtmlInline(h) if h.trim_start().to_ascii_lowercase().starts_with("<img") => any = true,
            _ => return false,
        }
    }
    any
}

/// The text a reader sees of a one-line Markdown value (a title or description from front
/// matter): inline markup, HTML tags and images dropped, entities and escapes decoded, whitespace
/// collapsed. Generators render these values as inline Markdown (Hugo's `markdownify`), so the
/// characters of `<img ...>` or `_..._` never reach the reader.
pub fn visible_text(markup: &str) -> String {
    let needs_parse = markup
        .bytes()
        .any(|b| matches!(b, b'<' | b'&' | b'`' | b'*' | b'_' | b'[' | b'!' | b'\\' | b'~'));
    let mut out = markup.to_string();
    collapse_ws(&mut out);
    if !needs_parse {
        return out;
    }
    // a leading `.` keeps the value one paragraph ("2024. A year" is no list item, "# Title" no
    // heading) and, being punctuation, lets a first `_` still open emphasis
    let line = format!(".{out}");
    let arena = Arena::new();
    // a front matter value is no part of the body's parse: it gets its own, of one line
    #[allow(clippy::disallowed_methods)]
    let root = comrak::parse_document(&arena, &line, &comrak_options());
    let mut text = String::new();
    for block in root.children() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&inline_text(block, false));
    }
    let mut text = text.strip_prefix('.').map(str::to_string).unwrap_or(text);
    collapse_ws(&mut text);
    text
}

/// Collapse runs of whitespace to one space and trim, in place.
pub(super) fn collapse_ws(s: &mut String) {
    let b = s.as_bytes();
    // already collapsed (the common case): no ASCII control character (tab, newline, VT, FF, CR
    // among them), no leading, trailing or double space, and no Unicode whitespace (NBSP, em
    // space, ...; looked for only in text with a non-ASCII byte). One pass over byte pairs,
    // folded without early exit, so that the compiler tests many bytes at once.
    let odd = |c: u8| c < b' ' || c == 0x7F;
    let bad = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(false, |any, (&x, &y)| any | odd(x) | ((x == b' ') & (y == b' ')));
    let collapsed = !bad
        && b.first() != Some(&b' ')
        && b.last().is_none_or(|&c| c != b' ' && !odd(c))
        && (s.is_ascii() || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace()));
    if collapsed {
        return;
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    *s = out;
}

/// The content of a heading's source: after the `#` run of an ATX heading (before a closing `#`
/// run), or the lines above a setext underline.
pub(super) fn heading_text_span(source: &str, span: Span) -> Span {
    let text = &source[span.start..span.end];
    let trimmed = text.trim_start_matches([' ', '\t']);
    let indent = text.len() - trimmed.len();
    if trimmed.starts_with('#') {
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let rest = &trimmed[hashes..];
        let lead = rest.len() - rest.trim_start().len();
        let mut body = rest.trim();
        let without_closing = body.trim_end_matches('#');
        if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
            body = without_closing.trim_end();
        }
        let start = span.start + indent + hashes + lead;
        return Span::new(start, start + body.len());
    }
    // setext: everything before the underline line
    let end = text.trim_end().rfind(['\n', '\r']).map_or(text.len(), |i| i);
    let body = text[..end].trim_end_matches(['\r', '\n']);
    Span::new(
        span.start + indent,
        (span.start + body.trim_end().len()).max(span.start + indent),
    )
}

/// Pull an end offset back over a trailing line ending.
pub(super) fn trim_line_end(source: &str, start: usize, mut end: usize) -> usize {
    let b = source.as_bytes();
    while end > start && matches!(b.get(end - 1), Some(b'\n') | Some(b'\r')) {
        end -= 1;
    }
    end
}
