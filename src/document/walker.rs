//! The one pass over comrak's AST that fills the Document's indices.

use super::inline::*;
use super::*;

static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)\{\{[<%].*?[%>]\}\}").expect("constant regex"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});").expect("constant regex")
});
/// A heading's trailing attribute block: `{#id}`, `{.class}`, `{#id .class key=value}` (Pandoc,
/// Hugo, kramdown). Not part of the heading's text; its `#id` is an anchor.
static HEADING_ATTRS: LazyLock<Regex> = LazyLock::new(|| {
    let attr = r#"(?:[#.][^ \t{}]+|[A-Za-z_][A-Za-z0-9_-]*=(?:"[^"]*"|[^ \t{}]*))"#;
    Regex::new(&format!(r"[ \t]*\{{:?[ \t]*({attr}(?:[ \t]+{attr})*)[ \t]*\}}[ \t]*$")).expect("constant regex")
});

static HUGO_COMMENT_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{[<%]\s*comment\s*[>%]\}\}").expect("constant regex"));
static HUGO_COMMENT_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{[<%]\s*/comment\s*[>%]\}\}").expect("constant regex"));

/// One pass over comrak's AST, filling the Document's indices.
pub(super) struct Walker<'d> {
    pub(super) doc: &'d mut Document,
    site_host: Option<&'d str>,
    /// Line of the file where the body's line 1 is.
    first_line: usize,
    /// The word scanner's copy of a text with typographic punctuation, reused.
    ascii_copy: crate::text::AsciiCopy,
}

struct HeadingAcc {
    level: u8,
    span: Span,
    text: String,
}

impl<'d> Walker<'d> {
    pub(super) fn new(doc: &'d mut Document, site_host: Option<&'d str>) -> Self {
        let first_line = doc.lines.line_of(doc.body_start);
        Walker {
            doc,
            site_host,
            first_line,
            ascii_copy: crate::text::AsciiCopy::default(),
        }
    }

    /// File offset of a comrak position (1-based line, 1-based byte column) in the body.
    fn offset(&self, lc: LineColumn) -> usize {
        let src = &self.doc.source;
        line_index::floor_char_boundary(src, self.raw_offset(lc).min(src.len()))
    }

    /// [`Walker::offset`] before it is made a character boundary within the file.
    fn raw_offset(&self, lc: LineColumn) -> usize {
        if lc.line <= 1 {
            self.doc.body_start + lc.column.saturating_sub(1)
        } else {
            self.doc.lines.line_start(self.first_line + lc.line - 1) + lc.column.saturating_sub(1)
        }
    }

    /// File span of a node's sourcepos (comrak's end column is inclusive).
    pub(super) fn span(&self, sp: Sourcepos) -> Span {
        let start = self.offset(sp.start);
        let end = if sp.end.column == 0 {
            self.offset(LineColumn {
                line: sp.end.line,
                column: 1,
            })
        } else {
            let e = self.offset(sp.end);
            let src = &self.doc.source;
            // include the whole last character (`e` is a character boundary: its length is its
            // lead byte's)
            let next = match src.as_bytes().get(e) {
                None => 0,
                Some(0..=0x7F) => 1,
                Some(0xE0..=0xEF) => 3,
                Some(0xF0..) => 4,
                Some(_) => 2,
            };
            (e + next).min(src.len())
        };
        let end = trim_line_end(&self.doc.source, start, end);
        Span::new(start, end.max(start))
    }

    pub(super) fn run(mut self) {
        let body_start = self.doc.body_start;
        // comrak turns a NUL into U+FFFD (3 bytes), which would shift every later position; a
        // space keeps them aligned (the engine refuses NUL files, the library need not)
        let body = &self.doc.source[body_start..];
        // whole-file searches go through memchr's SIMD searchers (`str::contains` walks byte by byte)
        let body: std::borrow::Cow<str> = if memchr::memchr(0, body.as_bytes()).is_some() {
            body.replace('\0', " ").into()
        } else {
            body.into()
        };
        if memchr::memmem::find(body.as_bytes(), b"{{").is_some() {
            self.doc.shortcodes = SHORTCODE
                .find_iter(&body)
                .map(|m| Span::new(body_start + m.start(), body_start + m.end()))
                .collect();
        }
        // prose is roughly one word per 6-8 bytes: one allocation instead of regrowths
        self.doc.words.reserve(body.len() / 6);
        // the other lists from the corpus's averages (a paragraph per 4 lines, a link per 600
        // bytes, a heading per 20 lines), so that most files fill them without regrowing
        let lines = self.doc.lines.line_count();
        self.doc.paragraphs.reserve(lines / 4);
        self.doc.links.reserve(body.len() / 600);
        self.doc.headings.reserve(lines / 20);
        self.doc.anchors.reserve(lines / 20);
        let arena = Arena::new();
        let options = comrak_options();
        #[allow(clippy::disallowed_methods)] // the one place that parses
        let root = comrak::parse_document(&arena, &body, &options);

        let mut heading: Option<HeadingAcc> = None;
        let mut para: Option<usize> = None;
        let mut links: Vec<usize> = Vec::new();
        let mut images: Vec<usize> = Vec::new();
        let mut blockquotes: Vec<usize> = Vec::new();
        let mut lists: Vec<usize> = Vec::new();
        let mut slugger = slug::Slugger::new(self.doc.slugs.unwrap_or(slug::SlugStyle::Github));
        let mut text_cursor = 0usize;
        // each paragraph's node, to render the text of those rules read once the walk is done
        let mut para_nodes = Vec::with_capacity(lines / 4);

        for edge in root.traverse() {
            match edge {
                NodeEdge::Start(node) => {
                    // mutable: strings the Document keeps are taken out of the AST, not copied
                    // (nothing reads them there after this)
                    let mut data = node.data_mut();
                    let sp = data.sourcepos;
                    match &data.value {
                        // line breaks and the markup around text need no span
                        NodeValue::SoftBreak | NodeValue::LineBreak => {
                            if let Some(&i) = images.last() {
                                push_alt(&mut self.doc.images[i], " ");
                            } else {
                                self.push_text(" ", &mut heading, &links);
                            }
                            continue;
                        }
                        NodeValue::Document
                        | NodeValue::Emph
                        | NodeValue::Strong
                        | NodeValue::Strikethrough
                        | NodeValue::TableRow(_)
                        | NodeValue::TableCell => continue,
                        // the most common node, handled here: its span is found its own way,
                        // and alt text needs none
                        NodeValue::Text(t) => {
                            let t: &str = t;
                            if let Some(&i) = images.last() {
                                push_alt(&mut self.doc.images[i], t);
                            } else {
                                let (span, exact) = self.text_span(sp, t, text_cursor);
                                text_cursor = span.end;
                                self.push_text(t, &mut heading, &links);
                                let before = self.doc.words.len();
                                self.push_words(t, span, exact);
                                // a URL a link shows (autolink, bare URL) reads as one word
                                if let Some(&l) = links.last() {
                                    if self.doc.words.len() > before + 1 && shows_url(t, &self.doc.links[l].url) {
                                        let first = self.doc.words[before];
                                        let last = self.doc.words[self.doc.words.len() - 1];
                                        self.doc.words.truncate(before);
                                        self.doc.words.push(Word {
                                            start: first.start,
                                            end: last.end,
                                            first: first.first,
                                        });
                                    }
                                }
                            }
                            continue;
                        }
                        _ => {}
                    }
                    let span = self.span(sp);
                    match &mut data.value {
                        NodeValue::Heading(h) => {
                            heading = Some(HeadingAcc {
                                level: h.level,
                                span,
                                // the text is at most the source (one allocation, no regrowth)
                                text: String::with_capacity(span.len()),
                            });
                            text_cursor = span.start;
                        }
                        NodeValue::Paragraph => {
                            let label = node.first_child().and_then(|c| {
                                matches!(c.data().value, NodeValue::Strong).then(|| inline_text(c, true))
                            });
                            let label = label
                                .map(|l| l.trim().to_string())
                                .filter(|l| l.ends_with(':') && l.len() > 1)
                                .map(|l| l.trim_end_matches(':').trim().to_string());
                            let idx = self.doc.paragraphs.len();
                            para_nodes.push(node);
                            self.doc.paragraphs.push(Paragraph {
                                span,
                                text: None,
                                only_image: only_images(node),
                                label,
                                in_blockquote: !blockquotes.is_empty(),
                                in_list: !lists.is_empty(),
                            });
                            if let Some(&bq) = blockquotes.last() {
                                let q = &mut self.doc.blockquotes[bq];
                                if q.first_paragraph.is_none() {
                                    q.first_paragraph = Some(idx);
                                }
                            }
                            para = Some(idx);
                            text_cursor = span.start;
                        }
                        NodeValue::BlockQuote | NodeValue::Alert(_) | NodeValue::MultilineBlockQuote(_) => {
                            if matches!(data.value, NodeValue::Alert(_)) {
                                self.alert_title_html(span);
                            }
                            blockquotes.push(self.doc.blockquotes.len());
                            self.doc.blockquotes.push(BlockQuote {
                                span,
                                first_paragraph: None,
                            });
                        }
                        NodeValue::List(l) => {
                            lists.push(self.doc.lists.len());
                            self.doc.lists.push(List {
                                span,
                                ordered: matches!(l.list_type, comrak::nodes::ListType::Ordered),
                                depth: lists.len() - 1,
                                items: Vec::new(),
                            });
                        }
                        NodeValue::Item(_) => {
                            if let Some(&l) = lists.last() {
                                self.doc.lists[l].items.push(span);
                            }
                        }
                        NodeValue::TaskItem(t) => {
                            if let Some(&l) = lists.last() {
                                self.doc.lists[l].items.push(span);
                            }
                            let sym = self.offset(t.symbol_sourcepos.start);
                            let src = self.doc.source.as_bytes();
                            let open = src[..sym.min(src.len())].iter().rposition(|&b| b == b'[');
                            if let Some(open) = open.filter(|&o| o >= span.start) {
                                let close = src[open..].iter().position(|&b| b == b']').map(|c| open + c + 1);
                                if let Some(close) = close {
                                    self.doc.task_markers.push(Span::new(open, close));
                                }
                            }
                        }
                        NodeValue::Table(_) => self.doc.tables.push(span),
                        NodeValue::CodeBlock(cb) => {
                            let content_span = self.code_content_span(sp, cb.fenced, cb.closed);
                            self.doc.code_blocks.push(CodeBlock {
                                span,
                                content_span,
                                info: std::mem::take(&mut cb.info),
                                fenced: cb.fenced,
                                literal: std::mem::take(&mut cb.literal),
                            });
                        }
                        NodeValue::HtmlBlock(_) => {
                            self.doc.html_blocks.push(span);
                            self.scan_html(span, None);
                            self.html_block_words(span);
                        }
                        NodeValue::HtmlInline(lit) => {
                            let (span, _) = self.locate(span, lit, text_cursor);
                            text_cursor = span.end;
                            self.doc.html_inlines.push(span);
                            self.scan_html(span, para.map(|p| self.doc.paragraphs[p].span));
                        }
                        NodeValue::Code(c) => {
                            let span = self.locate_code(span, text_cursor);
                            text_cursor = span.end;
                            self.doc.code_spans.push(span);
                            if images.is_empty() {
                                self.push_text(&c.literal, &mut heading, &links);
                            } else if let Some(&i) = images.last() {
                                push_alt(&mut self.doc.images[i], &c.literal);
                            }
                        }
                        NodeValue::Link(l) => {
                            let (text_span, url_span, reference) = link_parts(&self.doc.source, span);
                            links.push(self.doc.links.len());
                            let kind = classify_url(&l.url, self.site_host);
                            self.doc.links.push(Link {
                                text: String::with_capacity(text_span.len()),
                                url: std::mem::take(&mut l.url),
                                kind,
                                span,
                                text_span,
                                url_span,
                                html: false,
                                reference,
                                hidden: false,
                            });
                        }
                        NodeValue::Image(l) => {
                            let (alt_span, src_span, _) = link_parts(&self.doc.source, span);
                            images.push(self.doc.images.len());
                            self.doc.images.push(Image {
                                src: std::mem::take(&mut l.url),
                                alt: Some(String::new()),
                                alt_span: Some(alt_span),
                                src_span,
                                span,
                                html: false,
                                hidden: false,
                            });
                        }
                        NodeValue::FootnoteReference(_) => self.doc.footnote_references.push(span),
                        _ => {}
                    }
                }
                NodeEdge::End(node) => {
                    let data = node.data();
                    match &data.value {
                        NodeValue::Heading(_) => {
                            if let Some(acc) = heading.take() {
                                if !is_docfx_tab(node, &self.doc.links) {
                                    self.finish_heading(acc, &mut slugger);
                                }
                            }
                        }
                        NodeValue::Paragraph => {
                            para = None;
                            let span = self.span(data.sourcepos);
                            self.block_attribute_ids(span);
                        }
                        NodeValue::BlockQuote | NodeValue::Alert(_) | NodeValue::MultilineBlockQuote(_) => {
                            blockquotes.pop();
                        }
                        NodeValue::List(_) => {
                            lists.pop();
                        }
                        NodeValue::Link(_) => {
                            if let Some(i) = links.pop() {
                                collapse_ws(&mut self.doc.links[i].text);
                            }
                        }
                        NodeValue::Image(_) => {
                            if let Some(i) = images.pop() {
                                if let Some(alt) = self.doc.images[i].alt.as_mut() {
                                    collapse_ws(alt);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        self.doc.links.sort_by_key(|l| l.span.start);
        self.doc.images.sort_by_key(|i| i.span.start);
        self.hidden_shortcodes();
        self.doc.comments.sort_by_key(|c| c.span.start);
        self.doc.comments.dedup();
        // once, for every rule: links and images a comment hides
        if !self.doc.comments.is_empty() {
            // a span is covered when some comment starting at or before it ends at or after it:
            // the furthest end among the comments that start first decides
            let starts: Vec<usize> = self.doc.comments.iter().map(|c| c.span.start).collect();
            let furthest_end: Vec<usize> = self
                .doc
                .comments
                .iter()
                .scan(0, |end, c| {
                    *end = (*end).max(c.span.end);
                    Some(*end)
                })
                .collect();
            let hidden = |span: Span| {
                let i = starts.partition_point(|&s| s <= span.start);
                i > 0 && furthest_end[i - 1] >= span.end
            };
            for l in &mut self.doc.links {
                l.hidden = hidden(l.span);
            }
            for img in &mut self.doc.images {
                img.hidden = hidden(img.span);
            }
        }
        self.doc.json_ld.sort_by_key(|j| j.span.start);
        self.doc.json_ld.dedup_by_key(|j| j.span);
        self.doc.anchors.sort_by_key(|a| a.span.start);
        self.collect_directives();
        self.doc.build_sections();
        for i in self.doc.paragraphs_read() {
            if let (Some(node), Some(p)) = (para_nodes.get(i), self.doc.paragraphs.get_mut(i)) {
                let mut text = inline_text(node, false);
                collapse_ws(&mut text);
                p.text = Some(text);
            }
        }
    }

    fn push_text(&mut self, t: &str, heading: &mut Option<HeadingAcc>, links: &[usize]) {
        if let Some(h) = heading.as_mut() {
            h.text.push_str(t);
        }
        for &l in links {
            self.doc.links[l].text.push_str(t);
        }
    }

    /// Words of the text an HTML block shows: between tags, outside comments, `<script>` and
    /// `<style>`, with character references (`&amp;`) not taken for words.
    fn html_block_words(&mut self, span: Span) {
        let text = self.doc.text(span);
        let mut scripts = html::script_style_elements(text, 0);
        scripts.sort_unstable_by_key(|s| s.start);
        let mut hidden: Vec<(usize, usize)> = html::comments(text, 0)
            .into_iter()
            .map(|(w, _)| w)
            .chain(scripts.iter().copied())
            .map(|w| (w.start, w.end))
            .collect();
        hidden.sort_unstable();
        let in_file = scripts
            .iter()
            .map(|s| Span::new(span.start + s.start, span.start + s.end));
        self.doc.html_scripts.extend(in_file);
        // the text again (the Document was borrowed mutably to keep the elements)
        let text = self.doc.text(span);
        // blank what is hidden and every tag, byte by byte: the text keeps its byte offsets, a
        // blanked character becomes as many spaces as it has bytes (holes start and end at
        // character boundaries, and `<`, `>` are never part of a multi-byte character)
        let mut visible = text.as_bytes().to_vec();
        let mut in_tag = false;
        let mut hole = 0;
        for (i, b) in visible.iter_mut().enumerate() {
            while hidden.get(hole).is_some_and(|h| h.1 <= i) {
                hole += 1;
            }
            let hidden_here = hidden.get(hole).is_some_and(|h| h.0 <= i);
            let c = *b;
            if hidden_here || in_tag || c == b'<' {
                if !hidden_here {
                    in_tag = c != b'>';
                }
                *b = b' ';
            }
        }
        let Ok(visible) = String::from_utf8(visible) else {
            return;
        };
        let visible = ENTITY.replace_all(&visible, |c: &regex::Captures| " ".repeat(c[0].len()));
        // a text of blanks holds no word
        self.push_words(&visible, span, true);
    }

    /// Words of a prose text node. Where the node's text is the source text at `span` (`exact`),
    /// or has its byte offsets (blanked HTML), each word's span is exact; where it is not
    /// (escapes, entities), each word is looked up in the source in order.
    fn push_words(&mut self, text: &str, span: Span, exact: bool) {
        let src = &self.doc.source;
        if exact {
            // most prose: spans straight from the scanner's offsets
            let words = &mut self.doc.words;
            let sc = &self.doc.shortcodes;
            let scratch = &mut self.ascii_copy;
            let b = text.as_bytes();
            // a word's first byte is the text's byte at its start (a word is never empty)
            let lead = |start: usize| b.get(start).copied().unwrap_or(0);
            // the text's words fit in `u32` offsets when its end does (the common case: a
            // conversion per text, not per word)
            let base = u32::try_from(span.start)
                .ok()
                .filter(|_| u32::try_from(span.end).is_ok());
            let scanned = if let (true, Some(base)) = (sc.is_empty(), base) {
                crate::text::fast_word_bounds(text, scratch, |start, end| {
                    words.push(Word {
                        start: base + start as u32,
                        end: base + end as u32,
                        first: lead(start),
                    })
                })
            } else {
                // words come in order: the first shortcode that ends after a word moves forward
                let mut next = sc.partition_point(|s| s.end <= span.start);
                crate::text::fast_word_bounds(text, scratch, |start, end| {
                    let word = Span::new(span.start + start, span.start + end);
                    while sc.get(next).is_some_and(|s| s.end <= word.start) {
                        next += 1;
                    }
                    if !sc.get(next).is_some_and(|s| s.overlaps(word)) {
                        words.extend(Word::new(word.start, word.end, lead(start)));
                    }
                })
            };
            if scanned {
                return;
            }
        }
        let mut cursor = span.start;
        for (i, w) in crate::text::word_indices(text) {
            let word_span = if exact {
                Span::new(span.start + i, span.start + i + w.len())
            } else {
                let window_end = (span.end + 16).min(src.len());
                let window_end = line_index::floor_char_boundary(src, window_end);
                match src.get(cursor..window_end).and_then(|s| s.find(w)) {
                    Some(j) => Span::new(cursor + j, cursor + j + w.len()),
                    None => span,
                }
            };
            cursor = word_span.end.max(cursor);
            let sc = &self.doc.shortcodes;
            if !sc.is_empty() {
                let next = sc.partition_point(|s| s.end <= word_span.start);
                if sc.get(next).is_some_and(|s| s.overlaps(word_span)) {
                    continue;
                }
            }
            let lead = src.as_bytes().get(word_span.start).copied().unwrap_or(0);
            self.doc.words.extend(Word::new(word_span.start, word_span.end, lead));
        }
    }

    /// A text node's span and whether it slices back to the text: [`Walker::locate`] of
    /// [`Walker::span`], with the common case taken from the start position alone. When the node
    /// is on one line, its columns span as many bytes as its text, the file holds the text there
    /// (so both ends are character boundaries) and the text does not end in a line end, `span`
    /// gives exactly those bytes (its end column falls in the text's last character, which it
    /// takes whole, and there is no line end to trim) and `locate` keeps them.
    pub(super) fn text_span(&self, sp: Sourcepos, t: &str, cursor: usize) -> (Span, bool) {
        let one_line = sp.start.line == sp.end.line && sp.start.column >= 1;
        let no_line_end = t.as_bytes().last().is_some_and(|&b| b != b'\n' && b != b'\r');
        if one_line && no_line_end && sp.end.column + 1 == sp.start.column + t.len() {
            let start = self.raw_offset(sp.start);
            if self.doc.source.get(start..start + t.len()) == Some(t) {
                return (Span::new(start, start + t.len()), true);
            }
        }
        self.locate(self.span(sp), t, cursor)
    }

    /// comrak's inline positions have had bugs; trust them when they slice back to `literal`, else
    /// look for `literal` from `cursor` within the node's line. With it: does the span slice back
    /// to `literal`?
    pub(super) fn locate(&self, span: Span, literal: &str, cursor: usize) -> (Span, bool) {
        let src = &self.doc.source;
        let here = src.get(span.start..span.end) == Some(literal);
        if here || literal.is_empty() {
            return (span, here);
        }
        let from = cursor.min(span.start);
        let to = line_index::floor_char_boundary(src, (span.end + literal.len() + 8).min(src.len()));
        if let Some(i) = src.get(from..to).and_then(|s| s.find(literal)) {
            return (Span::new(from + i, from + i + literal.len()), true);
        }
        (span, false)
    }

    /// A code span's source, backticks included (the literal is stripped of them and normalised).
    fn locate_code(&self, span: Span, cursor: usize) -> Span {
        let src = self.doc.source.as_bytes();
        if src.get(span.start) == Some(&b'`') && span.end > span.start && src.get(span.end - 1) == Some(&b'`') {
            return span;
        }
        let from = cursor.min(span.start);
        if let Some(i) = self.doc.source.get(from..span.end.max(from)).and_then(|s| s.find('`')) {
            let open = from + i;
            let ticks = src[open..].iter().take_while(|&&b| b == b'`').count();
            let fence = "`".repeat(ticks);
            let body_from = open + ticks;
            if let Some(j) = self.doc.source.get(body_from..).and_then(|s| s.find(&fence)) {
                return Span::new(open, body_from + j + ticks);
            }
        }
        span
    }

    fn code_content_span(&self, sp: Sourcepos, fenced: bool, closed: bool) -> Span {
        let span = self.span(sp);
        if !fenced {
            return span;
        }
        let lines = &self.doc.lines;
        let open_line = lines.line_of(span.start);
        let close_line = lines.line_of(span.end.saturating_sub(1).max(span.start));
        let start = lines.line_start(open_line + 1).min(span.end);
        let last = if closed {
            close_line.saturating_sub(1)
        } else {
            close_line
        };
        if last <= open_line {
            return Span::new(start, start);
        }
        let end = lines.line_end(&self.doc.source, last).max(start);
        Span::new(start, end)
    }

    fn finish_heading(&mut self, acc: HeadingAcc, slugger: &mut slug::Slugger) {
        // generators slug the text as rendered: two spaces make two `-` on GitHub
        let mut raw = acc.text;
        let mut text = raw.clone();
        collapse_ws(&mut text);
        let mut explicit_id = None;
        // an attribute block closes the (collapsed, so trimmed) text: most headings have none
        let attrs = if text.ends_with('}') {
            HEADING_ATTRS.captures(&text)
        } else {
            None
        };
        if let Some(c) = attrs {
            if let (Some(whole), Some(attrs)) = (c.get(0), c.get(1)) {
                explicit_id = attrs
                    .as_str()
                    .split_whitespace()
                    .find_map(|a| a.strip_prefix('#'))
                    .map(str::to_string);
                text.truncate(whole.start());
            }
        }
        // GitHub and GitLab show a `{#id}` as text, and slug it with the rest
        if self.doc.slugs.is_some_and(|s| !s.explicit_ids()) {
            explicit_id = None;
        } else if let Some(m) = HEADING_ATTRS.find(&raw) {
            raw.truncate(m.start());
        }
        let slug = slugger.slug(&raw);
        if let Some(id) = &explicit_id {
            self.doc.anchors.push(Anchor {
                id: id.clone(),
                span: acc.span,
                kind: AnchorKind::Explicit,
            });
        }
        self.doc.anchors.push(Anchor {
            id: slug.clone(),
            span: acc.span,
            kind: AnchorKind::Heading,
        });
        let text_span = heading_text_span(&self.doc.source, acc.span);
        let slug_text = (raw != text).then_some(raw);
        // no style set: the collapsed text's anchor too (seolint's before; links from other
        // pages see only these anchors)
        if slug_text.is_some() && self.doc.slugs.is_none() {
            let id = slug::github_slug(&text);
            if !id.is_empty() && id != slug {
                self.doc.anchors.push(Anchor {
                    id,
                    span: acc.span,
                    kind: AnchorKind::Heading,
                });
            }
        }
        self.doc.headings.push(Heading {
            level: acc.level,
            role: HeadingRole::of(&text),
            text,
            span: acc.span,
            text_span,
            slug,
            explicit_id,
            slug_text,
        });
    }

    /// HTML in a block or inline: comments, JSON-LD, and outside comments `<img>`, `<a href>` and
    /// `id`/`name` anchors. `para` bounds the search for an inline `<a>`'s closing tag.
    fn scan_html(&mut self, span: Span, para: Option<Span>) {
        let text = self.doc.text(span);
        let base = span.start;
        let comments = html::comments(text, base);
        let mut json_ld = Vec::new();
        for body in html::json_ld_bodies(text, base) {
            let in_comment = comments.iter().any(|(c, _)| c.covers(body));
            let json = self.doc.text(body);
            let value = serde_json::from_str::<serde_json::Value>(json).map_err(|e| {
                let line_start = json
                    .split_inclusive('\n')
                    .take(e.line().saturating_sub(1))
                    .map(str::len)
                    .sum::<usize>();
                JsonError {
                    message: e.to_string(),
                    offset: (body.start + line_start + e.column().saturating_sub(1)).min(body.end),
                }
            });
            json_ld.push(JsonLd {
                span: body,
                in_comment,
                value,
            });
        }
        // tags outside comments
        let mut tags = Vec::new();
        let mut pos = 0;
        for (whole, _) in &comments {
            if let Some(part) = text.get(pos..whole.start - base) {
                tags.extend(html::anchor_tags(part, base + pos));
            }
            pos = whole.end - base;
        }
        if let Some(part) = text.get(pos..) {
            tags.extend(html::anchor_tags(part, base + pos));
        }
        self.doc.json_ld.extend(json_ld);
        self.doc
            .comments
            .extend(comments.into_iter().map(|(span, inner)| Comment { span, inner }));
        for tag in &tags {
            self.html_tag(tag, para.unwrap_or(span));
        }
    }

    /// An alert's first line (`> [!NOTE] <a id="x"></a>`): comrak keeps no node for what follows
    /// the marker, so its HTML is read from the source.
    fn alert_title_html(&mut self, span: Span) {
        let line = self.doc.lines.line_of(span.start);
        let end = self
            .doc
            .lines
            .line_end(&self.doc.source, line)
            .clamp(span.start, span.end);
        let text = self.doc.text(Span::new(span.start, end));
        let Some(after) = text.find(']').map(|i| i + 1) else {
            return;
        };
        let base = span.start + after;
        let tags = html::anchor_tags(&text[after..], base);
        for tag in &tags {
            self.html_tag(tag, Span::new(base, end));
        }
    }

    /// A block attribute line closing a paragraph (`{: #id}` kramdown, `{#id}` Hugo, MkDocs'
    /// attr_list): its `#id` is an anchor where the generator honours `{#id}` (and when no style
    /// is set).
    fn block_attribute_ids(&mut self, span: Span) {
        if self.doc.slugs.is_some_and(|s| !s.explicit_ids()) || !self.doc.text(span).ends_with('}') {
            return;
        }
        let text = self.doc.text(span);
        let last = text.rfind('\n').map_or(0, |i| i + 1);
        let line = &text[last..];
        if !line.trim_start().starts_with('{') {
            return;
        }
        if let Some(c) = HEADING_ATTRS.captures(line.trim_start()) {
            let ids: Vec<String> = c
                .get(1)
                .map(|a| {
                    a.as_str()
                        .split_whitespace()
                        .filter_map(|a| a.strip_prefix('#'))
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            for id in ids {
                self.doc.anchors.push(Anchor {
                    id,
                    span: Span::new(span.start + last, span.end),
                    kind: AnchorKind::Explicit,
                });
            }
        }
    }

    fn html_tag(&mut self, tag: &html::Tag, bound: Span) {
        for key in ["id", "name"] {
            if key == "name" && tag.name != "a" {
                continue;
            }
            if let Some(a) = tag.attr(key).filter(|a| !a.value.is_empty()) {
                self.doc.anchors.push(Anchor {
                    id: a.value.clone(),
                    span: tag.span,
                    kind: AnchorKind::Html,
                });
            }
        }
        match tag.name.as_str() {
            "img" => {
                let src = tag.attr("src");
                let alt = tag.attr("alt");
                self.doc.images.push(Image {
                    src: src.map(|a| a.value.clone()).unwrap_or_default(),
                    alt: alt.map(|a| a.value.clone()),
                    alt_span: alt.map(|a| a.value_span),
                    src_span: src.map(|a| a.value_span),
                    span: tag.span,
                    html: true,
                    hidden: false,
                });
            }
            "a" => {
                let Some(href) = tag.attr("href") else { return };
                let src = &self.doc.source;
                let search_end = bound.end.max(tag.span.end).min(src.len());
                let close = src
                    .get(tag.span.end..search_end)
                    .and_then(|s| s.to_ascii_lowercase().find("</a"))
                    .map(|i| tag.span.end + i);
                let text_span = Span::new(tag.span.end, close.unwrap_or(tag.span.end));
                let end = close
                    .and_then(|c| src[c..].find('>').map(|j| c + j + 1))
                    .unwrap_or(tag.span.end);
                self.doc.links.push(Link {
                    text: html::strip_tags(self.doc.text(text_span)),
                    url: href.value.clone(),
                    kind: classify_url(&href.value, self.site_host),
                    span: Span::new(tag.span.start, end),
                    text_span,
                    url_span: Some(href.value_span),
                    html: true,
                    reference: false,
                    hidden: false,
                });
            }
            _ => {}
        }
    }

    /// Hugo's `{{< comment >}} ... {{< /comment >}}` (or `{{% %}}`) hides what it encloses: record
    /// it as a comment so nothing inside counts as visible.
    fn hidden_shortcodes(&mut self) {
        let src = &self.doc.source;
        if memchr::memmem::find(src.as_bytes(), b"comment").is_none() {
            return;
        }
        let mut found = Vec::new();
        let mut pos = self.doc.body_start;
        while let Some(m) = HUGO_COMMENT_OPEN.find_at(src, pos) {
            let open = Span::new(m.start(), m.end());
            pos = m.end();
            if self.doc.in_code(open) {
                continue;
            }
            let Some(close) = HUGO_COMMENT_CLOSE.find_at(src, m.end()) else {
                break;
            };
            found.push(Comment {
                span: Span::new(m.start(), close.end()),
                inner: Span::new(m.end(), close.start()),
            });
            pos = close.end();
        }
        self.doc.comments.extend(found);
    }

    fn collect_directives(&mut self) {
        for c in &self.doc.comments {
            let inner = &self.doc.source[c.inner.start..c.inner.end];
            if directives::is_checklist(inner) {
                if self.doc.checklist_span.is_none() {
                    self.doc.checklist = directives::checklist_items(inner, c.inner.start);
                    self.doc.checklist_span = Some(c.span);
                }
                continue;
            }
            self.doc
                .directives
                .extend(directives::parse_directives(inner, c.inner.start));
        }
    }
}

/// Whether a link's text is a URL as written: an autolink (`<https://…>`, a bare URL or e-mail
/// address), or link text that spells its destination (`[example.com/docs](https://example.com/docs)`).
/// A reader sees one token there, as a word processor counts it: one word, not one per part.
fn shows_url(text: &str, url: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    let scheme = t.find("://").is_some_and(|i| {
        let s = &t.as_bytes()[..i];
        s.first().is_some_and(u8::is_ascii_alphabetic)
            && s.iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    let www = t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
    scheme || www || (url.ends_with(t) && t.contains(['.', '/', '@']))
}
