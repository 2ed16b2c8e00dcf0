//! The parsed article. Built once per file; the only code that calls comrak. Every index carries
//! byte spans into the original source (front matter and BOM included), so rules never re-parse.

pub mod directives;
pub mod front_matter;
pub mod html;
pub mod line_index;
mod plain_yaml;
pub mod slug;

use std::sync::LazyLock;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{LineColumn, NodeValue, Sourcepos};
use comrak::{Arena, Options};
use regex::Regex;

use crate::diagnostic::Span;
pub use directives::{ChecklistItem, Directive, Phrase, Range};
pub use front_matter::{FrontMatter, Value};
pub use line_index::{LineCol, LineIndex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// Plain text, without a trailing `{#id}`.
    pub text: String,
    /// The whole heading, `#` markers (or setext underline) included.
    pub span: Span,
    /// The heading's content in the source, without `#` markers or underline.
    pub text_span: Span,
    /// The anchor GitHub would give it (unique within the document).
    pub slug: String,
    /// An explicit `{#id}` at the end of the heading.
    pub explicit_id: Option<String>,
    /// The text generators slug when it is not `text`: whitespace as written (`✓  Develop`,
    /// the space before trailing HTML).
    pub slug_text: Option<String>,
    /// What its name marks it as (TOC, FAQ, ...).
    pub role: HeadingRole,
}

/// What a heading's fixed name marks it as, decided once at parse time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeadingRole {
    /// "Table of Contents", "Contents", "In this article", "On this page".
    Toc,
    /// "Frequently Asked Questions", "FAQ", "FAQs" (also followed by more words).
    Faq,
    /// "Related Articles" (Posts, Reading, Guides, Content).
    Related,
    /// Key takeaways, further reading, references, next steps, the closing call to action
    /// ("Ready to ..."), the introduction.
    OtherStructural,
    /// Everything else: content.
    #[default]
    Content,
}

impl HeadingRole {
    /// The role of a heading's text (compared lowercased, whitespace collapsed).
    pub fn of(text: &str) -> HeadingRole {
        const FAQ_START: [&str; 3] = ["faq", "faqs", "frequently asked questions"];
        const TOC: [&str; 6] = [
            "table of contents",
            "contents",
            "in this article",
            "in this guide",
            "in this post",
            "on this page",
        ];
        const RELATED: [&str; 5] = [
            "related articles",
            "related posts",
            "related reading",
            "related guides",
            "related content",
        ];
        const OTHER: [&str; 9] = [
            "key takeaway",
            "key takeaways",
            "further reading",
            "references",
            "see also",
            "next steps",
            "related links",
            "related resources",
            "introduction",
        ];
        const OTHER_START: &str = "ready to ";
        // a heading whose first character is ASCII and starts none of the names is content (most
        // are); a non-ASCII one may lowercase to one of them: the full comparison
        let first = text.trim_start().as_bytes().first();
        if first.is_some_and(|b| {
            b.is_ascii()
                && !FAQ_START
                    .iter()
                    .chain(&TOC)
                    .chain(&RELATED)
                    .chain(&OTHER)
                    .chain(&[OTHER_START])
                    .any(|n| n.as_bytes()[0] == b.to_ascii_lowercase())
        }) {
            return HeadingRole::Content;
        }
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let first = t.split([' ', ':', '-']).next().unwrap_or("");
        if FAQ_START[..2].contains(&first) || t.starts_with(FAQ_START[2]) {
            HeadingRole::Faq
        } else if TOC.contains(&t.as_str()) {
            HeadingRole::Toc
        } else if RELATED.contains(&t.as_str()) {
            HeadingRole::Related
        } else if OTHER.contains(&t.as_str()) || t.starts_with(OTHER_START) {
            HeadingRole::OtherStructural
        } else {
            HeadingRole::Content
        }
    }
}

impl Heading {
    /// "Frequently Asked Questions", "FAQ", "FAQs" (also followed by more words).
    pub fn is_faq(&self) -> bool {
        self.role == HeadingRole::Faq
    }

    /// "Table of Contents", "Contents", "In this article", "On this page".
    pub fn is_toc(&self) -> bool {
        self.role == HeadingRole::Toc
    }

    /// "Related Articles" (Posts, Reading, Guides, Content).
    pub fn is_related(&self) -> bool {
        self.role == HeadingRole::Related
    }

    /// Sections that are structure rather than content: TOC, key takeaways, FAQ, related and
    /// further reading, references, next steps, the closing call to action ("Ready to ..."),
    /// the introduction.
    pub fn is_structural(&self) -> bool {
        self.role != HeadingRole::Content
    }

    /// The id a `#fragment` must name to reach this heading.
    pub fn anchor(&self) -> &str {
        self.explicit_id.as_deref().unwrap_or(&self.slug)
    }
}

/// The text under a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Index into `Document::headings`.
    pub heading: usize,
    pub level: u8,
    /// From the end of the heading to the next heading of any level.
    pub own: Span,
    /// From the end of the heading to the next heading of the same or a higher level.
    pub total: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Plain text (alt text of images excluded), whitespace collapsed. Kept only for the
    /// paragraphs rules read (`Document::paragraphs_read`): the first paragraph, a labelled
    /// paragraph that opens a block quote, and the paragraphs of an FAQ section; `None` for the
    /// rest (rendering every paragraph was ~3% of a lint pass, for the few any rule reads).
    pub text: Option<String>,
    /// Nothing but images (or linked images) and whitespace.
    pub only_image: bool,
    /// The bold label that opens a metadata line, without its colon: `**Meta Description:** ...`.
    pub label: Option<String>,
    pub in_blockquote: bool,
    pub in_list: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockQuote {
    pub span: Span,
    /// Index into `Document::paragraphs` of its first paragraph.
    pub first_paragraph: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub span: Span,
    pub ordered: bool,
    /// 0 for a top-level list.
    pub depth: usize,
    pub items: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Relative, root-relative, or absolute on the site's own host.
    Internal,
    /// Any other http(s) URL.
    External,
    /// A same-page `#fragment`.
    Fragment,
    /// `mailto:`, `tel:`, other schemes, empty.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
    pub kind: LinkKind,
    /// The whole link, `[text](url)` or `<a ...>...</a>`.
    pub span: Span,
    /// The link text inside the brackets (or between the `<a>` tags).
    pub text_span: Span,
    /// The destination as written, when it is in the source (not for reference links).
    pub url_span: Option<Span>,
    /// From an HTML `<a href>`.
    pub html: bool,
    /// `[text][ref]`, `[text][]` or `[text]` resolved by a definition.
    pub reference: bool,
    /// Inside a comment (a Hugo `{{< comment >}}`): not shown to readers.
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    /// `None` for an HTML `<img>` without an `alt` attribute.
    pub alt: Option<String>,
    pub alt_span: Option<Span>,
    pub src_span: Option<Span>,
    pub span: Span,
    pub html: bool,
    /// Inside a comment (a Hugo `{{< comment >}}`): not shown to readers.
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// Fences included.
    pub span: Span,
    /// The lines between the fences.
    pub content_span: Span,
    pub info: String,
    pub fenced: bool,
    pub literal: String,
}

/// An HTML comment, or a Hugo `{{< comment >}}` shortcode: text that readers do not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    /// `<!--` to `-->`.
    pub span: Span,
    /// Between the markers.
    pub inner: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonLd {
    /// The JSON text inside the script element.
    pub span: Span,
    pub in_comment: bool,
    pub value: Result<serde_json::Value, JsonError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    /// Byte offset of the error in the file.
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    Heading,
    /// `{#id}` on a heading.
    Explicit,
    /// HTML `id` or `name`.
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub span: Span,
    pub kind: AnchorKind,
}

/// A word of visible prose (UAX #29 word containing a letter or digit). Kept compact (12 bytes:
/// a document has a word per 6-8 bytes of prose): byte offsets as `u32` (the engine refuses files
/// over 16 MiB; a document past 4 GiB keeps no words beyond it), and the word's first byte, which
/// the keyword rules test before they look at a word's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    start: u32,
    end: u32,
    first: u8,
}

// the size the comment above gives (a word list is a document's largest index)
const _: () = assert!(std::mem::size_of::<Word>() == 12);

impl Word {
    /// The word at `start..end` of a source whose byte at `start` is `first`; `None` past 4 GiB.
    fn new(start: usize, end: usize, first: u8) -> Option<Word> {
        Some(Word {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            first,
        })
    }

    /// Where the word starts in the file.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The word's first byte (a lead byte when its first character is not ASCII).
    pub fn first(&self) -> u8 {
        self.first
    }
}

/// What the parse needs to know from outside the file.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The site's host (`site.url` in config); else the host of the canonical URL is used.
    pub site_host: Option<String>,
    /// Front matter keys that hold the canonical URL (config `fields.canonical_url`); empty means
    /// `canonical_url`, `canonical`.
    pub canonical_keys: Vec<String>,
    /// Whose heading anchors (`site.slugs`, or detected); `None`: GitHub's plus every `{#id}`.
    pub slugs: Option<slug::SlugStyle>,
}

impl ParseOptions {
    /// The options for a site at `site_host`, with the canonical URL keys of `fields`.
    pub fn new(site_host: Option<String>, fields: &crate::fields::Fields) -> ParseOptions {
        ParseOptions {
            site_host,
            canonical_keys: fields.canonical_url.list().into_iter().map(str::to_string).collect(),
            slugs: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub source: String,
    pub lines: LineIndex,
    pub bom: bool,
    /// Where the Markdown body starts (after the front matter).
    pub body_start: usize,
    pub front_matter: Option<FrontMatter>,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub blockquotes: Vec<BlockQuote>,
    pub lists: Vec<List>,
    pub tables: Vec<Span>,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
    pub code_blocks: Vec<CodeBlock>,
    pub code_spans: Vec<Span>,
    pub html_blocks: Vec<Span>,
    /// `<script>` and `<style>` elements inside HTML blocks, in order: their text is not prose.
    pub html_scripts: Vec<Span>,
    pub html_inlines: Vec<Span>,
    pub comments: Vec<Comment>,
    pub directives: Vec<Directive>,
    pub checklist: Vec<ChecklistItem>,
    /// Span of the SEO CHECKLIST comment.
    pub checklist_span: Option<Span>,
    pub json_ld: Vec<JsonLd>,
    pub anchors: Vec<Anchor>,
    /// The anchor style the headings were given (see [`ParseOptions::slugs`]).
    pub slugs: Option<slug::SlugStyle>,
    pub words: Vec<Word>,
    /// `[ ]` / `[x]` boxes of task list items.
    pub task_markers: Vec<Span>,
    /// Hugo shortcodes, `{{< name ... >}}` and `{{% name ... %}}`: markup, not prose.
    pub shortcodes: Vec<Span>,
    pub footnote_references: Vec<Span>,
}

/// The comrak options seolint parses with (public for the benchmark's bare-parse baseline).
pub fn comrak_options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.alerts = true;
    o
}

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

impl Document {
    /// Parse `source` (already checked to be text). Never fails: what cannot be parsed is recorded
    /// (front matter errors, unparseable JSON-LD) for the rules to report.
    pub fn parse(source: String, options: &ParseOptions) -> Document {
        let lines = LineIndex::new(&source);
        let bom = source.starts_with('\u{feff}');
        let content_start = if bom { 3 } else { 0 };
        let mut doc = Document {
            lines,
            bom,
            body_start: content_start,
            ..Document::default()
        };
        if let Some(split) = front_matter::split(&source, content_start) {
            doc.body_start = split.body_start;
            doc.front_matter = Some(front_matter::parse(&source, &split, &doc.lines));
        }
        doc.source = source;
        doc.slugs = options.slugs;
        let site_host = options
            .site_host
            .clone()
            .or_else(|| doc.canonical_host(&options.canonical_keys))
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase());
        Walker::new(&mut doc, site_host.as_deref()).run();
        doc
    }

    /// What the page includes from other files, as written: Hugo `include`/`readfile`
    /// shortcodes, Jekyll `{% include %}`/`{% include_relative %}`, MkDocs snippets (`--8<--`),
    /// DocFX `[!INCLUDE[..](path)]`, Hugo `{{% folder/name %}}`; those in code are examples.
    pub fn includes(&self) -> Vec<&str> {
        static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(concat!(
                r#"\{\{[<%]-?\s*(?:include|readfile|readFile)\s+(?:file=)?"?([^"\s%>]+)"#,
                r#"|\{%-?\s*include(?:_relative)?\s+"?([^"\s%]+)"#,
                r#"|(?m:^[ \t]*;?--8<--[ \t]+["']?([^"'\s]+))"#,
                r#"|\[!(?i:include)\s*\[[^\]]*\]\(([^)\s]+)\)"#,
                // a Markdown shortcode in a folder of shortcodes: site content under a name
                r#"|\{\{%-?\s*([A-Za-z][\w.-]*/[\w./-]+)[^%]*%\}\}"#,
            ))
            .expect("constant regex")
        });
        let body = self.source.get(self.body_start..).unwrap_or_default();
        // most pages have none of the markers: one pass of memchr each, no regex
        let has = |m: &str| memchr::memmem::find(body.as_bytes(), m.as_bytes()).is_some();
        if !(has("{{") || has("{%") || has("--8<--") || has("[!")) {
            return Vec::new();
        }
        let in_code = |at: usize| {
            self.code_blocks.iter().any(|c| c.span.start <= at && at < c.span.end)
                || self.code_spans.iter().any(|c| c.start <= at && at < c.end)
        };
        INCLUDE
            .captures_iter(body)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let path = (1..=5).find_map(|i| c.get(i))?;
                (!in_code(self.body_start + whole.start())).then_some(path.as_str())
            })
            .collect()
    }

    pub fn text(&self, span: Span) -> &str {
        let s = line_index::floor_char_boundary(&self.source, span.start);
        let e = line_index::floor_char_boundary(&self.source, span.end.max(s));
        &self.source[s..e]
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.source, offset)
    }

    pub fn word_text(&self, word: &Word) -> &str {
        // word spans are cut at char boundaries; `get` keeps a bad one from panicking
        self.source.get(word.start()..word.end as usize).unwrap_or("")
    }

    /// The prose words inside `span`.
    pub fn words_in(&self, span: Span) -> &[Word] {
        let from = self.words.partition_point(|w| w.start() < span.start);
        let to = self.words.partition_point(|w| w.start() < span.end);
        &self.words[from..to.max(from)]
    }

    /// The first prose paragraph after the H1 (or from the top without one): not only an image, not
    /// a `**Label:**` metadata line, not in a list or block quote.
    pub fn first_paragraph(&self) -> Option<&Paragraph> {
        self.first_paragraph_index().map(|i| &self.paragraphs[i])
    }

    fn first_paragraph_index(&self) -> Option<usize> {
        let after = self.headings.iter().find(|h| h.level == 1).map_or(0, |h| h.span.end);
        self.paragraphs.iter().position(|p| {
            p.span.start >= after
                && !p.only_image
                && p.label.is_none()
                && !p.in_list
                && !p.in_blockquote
                && !self.comments.iter().any(|c| c.span.covers(p.span))
        })
    }

    /// The paragraphs whose text a rule reads, in order: the first paragraph (keyword
    /// placement), a labelled paragraph that opens a block quote (Key Takeaways), the paragraphs
    /// of an H2 FAQ section (the FAQ schema's answers). Needs headings, sections and comments.
    fn paragraphs_read(&self) -> Vec<usize> {
        let mut read: Vec<usize> = self
            .blockquotes
            .iter()
            .filter_map(|q| q.first_paragraph)
            .filter(|&i| self.paragraphs.get(i).is_some_and(|p| p.label.is_some()))
            .collect();
        read.extend(self.first_paragraph_index());
        // paragraphs are in file order
        let faq = self
            .sections
            .iter()
            .filter(|s| s.level == 2 && self.headings[s.heading].is_faq());
        for s in faq {
            let from = self.paragraphs.partition_point(|p| p.span.start < s.total.start);
            let to = self.paragraphs.partition_point(|p| p.span.start < s.total.end);
            read.extend((from..to).filter(|&i| s.total.covers(self.paragraphs[i].span)));
        }
        read.sort_unstable();
        read.dedup();
        read
    }

    /// The H1 headings.
    pub fn h1s(&self) -> impl Iterator<Item = &Heading> {
        self.headings.iter().filter(|h| h.level == 1)
    }

    /// The section of the first heading whose text matches `pred`.
    pub fn section_where(&self, pred: impl Fn(&Heading) -> bool) -> Option<&Section> {
        self.sections.iter().find(|s| pred(&self.headings[s.heading]))
    }

    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// The TARGET_KEYWORD directive's phrase.
    pub fn target_keyword(&self) -> Option<Phrase> {
        let d = self.directive("TARGET_KEYWORD")?;
        directives::phrases(&d.value, d.value_span.start).into_iter().next()
    }

    /// The SECONDARY keywords, wherever the directive stands.
    pub fn secondary_keywords(&self) -> Vec<Phrase> {
        self.directives
            .iter()
            .filter(|d| d.name == "SECONDARY" || d.name == "SECONDARY_KEYWORDS")
            .flat_map(|d| directives::phrases(&d.value, d.value_span.start))
            .collect()
    }

    /// True when `span` overlaps code (fenced, indented or inline).
    pub fn in_code(&self, span: Span) -> bool {
        self.code_blocks.iter().any(|c| c.span.overlaps(span)) || self.code_spans.iter().any(|c| c.overlaps(span))
    }

    fn canonical_host(&self, keys: &[String]) -> Option<String> {
        let fm = self.front_matter.as_ref()?;
        let url = if keys.is_empty() {
            fm.get_str("canonical_url").or_else(|| fm.get_str("canonical"))?
        } else {
            keys.iter().find_map(|k| fm.get_str(k))?
        };
        url_host(url).map(str::to_string)
    }

    fn build_sections(&mut self) {
        self.sections.reserve_exact(self.headings.len());
        let starts: Vec<usize> = self.headings.iter().map(|h| h.span.start).collect();
        let end = self.source.len();
        for (i, h) in self.headings.iter().enumerate() {
            let own_end = starts.get(i + 1).copied().unwrap_or(end);
            let total_end = self.headings[i + 1..]
                .iter()
                .find(|n| n.level <= h.level)
                .map_or(end, |n| n.span.start);
            self.sections.push(Section {
                heading: i,
                level: h.level,
                own: Span::new(h.span.end.min(own_end), own_end),
                total: Span::new(h.span.end.min(total_end), total_end),
            });
        }
    }
}

/// The host of an absolute http(s) or protocol-relative URL.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = after_scheme(url)?;
    // one byte pass (ASCII bytes never occur inside a multi-byte character): the authority ends
    // at `/`, `?` or `#`; the host follows its last `@` and ends at the first `:` after that
    let (mut start, mut colon, mut end) = (0, None, rest.len());
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                end = i;
                break;
            }
            b'@' => (start, colon) = (i + 1, None),
            b':' if colon.is_none() => colon = Some(i),
            _ => {}
        }
    }
    let host = rest.get(start..colon.unwrap_or(end)).unwrap_or_default();
    (!host.is_empty()).then_some(host)
}

/// What follows `http://`, `https://` (either in lower or upper case) or a scheme-relative `//`.
fn after_scheme(url: &str) -> Option<&str> {
    url.strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("HTTPS://"))
        .or_else(|| url.strip_prefix("HTTP://"))
        .or_else(|| url.strip_prefix("//"))
}

/// Internal, external, fragment or other, as DESIGN section 4 defines them. `site_host` is
/// lowercase, without `www.`.
pub fn classify_url(url: &str, site_host: Option<&str>) -> LinkKind {
    let url = url.trim();
    if url.is_empty() {
        return LinkKind::Other;
    }
    // DocFX tab headings, `# [Linux](#tab/linux)`, switch tabs; they name no anchor
    if url.starts_with("#tab/") {
        return LinkKind::Other;
    }
    if url.starts_with('#') {
        return LinkKind::Fragment;
    }
    let scheme = |s: &str| url.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
    if scheme("http://") || scheme("https://") || url.starts_with("//") {
        // the site's host is lowercase: compared without making a lowercase copy of this one
        // `strip_prefix` in a loop is `trim_start_matches("www.")` without its substring
        // searcher's set-up, once per link
        let host = url_host(url).map(|mut h| {
            while let Some(rest) = h.strip_prefix("www.") {
                h = rest;
            }
            h
        });
        return match (host, site_host) {
            (Some(h), Some(site)) if h.eq_ignore_ascii_case(site) => LinkKind::Internal,
            _ => LinkKind::External,
        };
    }
    let scheme_end = url.find(':');
    let has_scheme = scheme_end.is_some_and(|i| {
        i > 0
            && url.as_bytes()[..i]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
    });
    if has_scheme {
        LinkKind::Other
    } else {
        LinkKind::Internal
    }
}

/// A bare comrak parse with seolint's options, and nothing else: the benchmark's baseline.
pub fn bare_parse(markdown: &str) -> usize {
    let arena = Arena::new();
    #[allow(clippy::disallowed_methods)] // the baseline is exactly a parse
    let root = comrak::parse_document(&arena, markdown, &comrak_options());
    root.children().count()
}

/// One pass over comrak's AST, filling the Document's indices.
struct Walker<'d> {
    doc: &'d mut Document,
    site_host: Option<&'d str>,
    /// Line of the file where the body's line 1 is.
    first_line: usize,
    /// The word scanner's copy of a text with typographic punctuation, reused.
    stand_ins: crate::text::StandIns,
}

struct HeadingAcc {
    level: u8,
    span: Span,
    text: String,
}

impl<'d> Walker<'d> {
    fn new(doc: &'d mut Document, site_host: Option<&'d str>) -> Self {
        let first_line = doc.lines.line_of(doc.body_start);
        Walker {
            doc,
            site_host,
            first_line,
            stand_ins: crate::text::StandIns::default(),
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
    fn span(&self, sp: Sourcepos) -> Span {
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

    fn run(mut self) {
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
        // prose is roughly one word per 6-8 bytes: one allocation instead of regrowths (a tenth
        // of the body left 1,437 regrowths over the corpus, each a copy of the list so far)
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
                        // line breaks and the markup around text need no span (one node in
                        // seven over the corpus)
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
                                self.push_words(t, span, exact);
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
            let scratch = &mut self.stand_ins;
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
    fn text_span(&self, sp: Sourcepos, t: &str, cursor: usize) -> (Span, bool) {
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
    fn locate(&self, span: Span, literal: &str, cursor: usize) -> (Span, bool) {
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

/// The bracketed text, the destination (inline links) and whether it is a reference link, from
/// the source of `[text](url)`, `![alt](src)`, `[text][ref]`, `<url>` or a bare URL.
fn link_parts(source: &str, span: Span) -> (Span, Option<Span>, bool) {
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
fn find_whitespace(s: &str) -> Option<usize> {
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
fn not_printable(b: &[u8], from: usize) -> Option<usize> {
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
fn is_docfx_tab<'a>(
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
fn inline_text<'a>(
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

fn push_alt(img: &mut Image, t: &str) {
    if let Some(alt) = img.alt.as_mut() {
        alt.push_str(t);
    }
}

/// A paragraph holding nothing but images, linked images and whitespace.
fn only_images<'a>(node: &'a comrak::arena_tree::Node<'a, std::cell::RefCell<comrak::nodes::Ast>>) -> bool {
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
fn collapse_ws(s: &mut String) {
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
fn heading_text_span(source: &str, span: Span) -> Span {
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
fn trim_line_end(source: &str, start: usize, mut end: usize) -> usize {
    let b = source.as_bytes();
    while end > start && matches!(b.get(end - 1), Some(b'\n') | Some(b'\r')) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_drops_markup_tags_and_images_and_decodes_references() {
        let cases = [
            ("Plain  text\n over lines ", "Plain text over lines"),
            (
                r#"<img width="35" src="/a.svg" alt="Erlang"> A language-specific SDK"#,
                "A language-specific SDK",
            ),
            (
                "_OTel in Practice_ is a *series* of **talks**",
                "OTel in Practice is a series of talks",
            ),
            ("Announcing `async fn` in traits", "Announcing async fn in traits"),
            ("Q&A &amp; caf&eacute; &#8217;s", "Q&A & café ’s"),
            (
                "Read [the guide](https://example.com/g) ![logo](l.png)",
                "Read the guide",
            ),
            ("2024. A year in review", "2024. A year in review"),
            ("# Not a heading", "# Not a heading"),
            ("Node_exporter and Benutzer*innen", "Node_exporter and Benutzer*innen"),
            (r"An escaped \*star\*", "An escaped *star*"),
        ];
        for (markup, visible) in cases {
            assert_eq!(visible_text(markup), visible, "{markup:?}");
        }
    }

    fn parse(src: &str) -> Document {
        Document::parse(src.to_string(), &ParseOptions::default())
    }

    #[test]
    fn whitespace_collapses_like_split_whitespace() {
        let mut rng = crate::text::tests::Xorshift(0x27d4_eb2f_1656_67c5);
        let alphabet = "ab \t\n\u{b}\u{c}\r\u{1c}\u{1f}\u{7f}.\u{e9}\u{a0}\u{85}\u{2003}\u{2019}\u{202f}\u{3000}";
        let random: Vec<String> = (0..3000).map(|i| rng.text(alphabet, i % 40)).collect();
        for t in random.iter().map(String::as_str).chain([
            "plain words here",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "vt\u{b}ff\u{c}cr\r",
            "nbsp\u{a0}here",
            "",
            " ",
            "x",
            "\n",
            "\u{e9}",
        ]) {
            let mut s = t.to_string();
            collapse_ws(&mut s);
            assert_eq!(s, t.split_whitespace().collect::<Vec<_>>().join(" "), "{t:?}");
        }
    }

    #[test]
    fn heading_text_spans() {
        let d = parse("# Title #\n\n## Second\n\nSetext *one*\n===\n");
        let texts: Vec<_> = d.headings.iter().map(|h| d.text(h.text_span)).collect();
        assert_eq!(texts, ["Title", "Second", "Setext *one*"]);
        assert_eq!(d.headings[2].text, "Setext one");
    }

    #[test]
    fn spans_account_for_front_matter_bom_and_crlf() {
        let src = "\u{feff}---\r\ntitle: x\r\n---\r\n# Héllo wörld\r\n\r\nSee [the *docs*](https://example.com/a \"t\") and ![alt text](i.png).\r\n";
        let d = parse(src);
        let h = &d.headings[0];
        assert_eq!(d.text(h.text_span), "Héllo wörld");
        assert_eq!(d.line_col(h.span.start), LineCol { line: 4, column: 1 });
        let l = &d.links[0];
        assert_eq!(d.text(l.text_span), "the *docs*");
        assert_eq!(l.text, "the docs");
        assert_eq!(l.url_span.map(|s| d.text(s)), Some("https://example.com/a"));
        assert_eq!(l.kind, LinkKind::External);
        let i = &d.images[0];
        assert_eq!(i.alt_span.map(|s| d.text(s)), Some("alt text"));
        for w in &d.words {
            let t = d.word_text(w);
            assert!(t.chars().all(char::is_alphanumeric), "{t:?}");
        }
        let words: Vec<_> = d.words.iter().map(|w| d.word_text(w)).collect();
        assert_eq!(words, ["Héllo", "wörld", "See", "the", "docs", "and"]);
    }

    /// Every span the Document keeps, as (what, start, end, text with line ends made `\n`).
    fn located(d: &Document) -> Vec<(&'static str, LineCol, LineCol, String)> {
        let mut spans: Vec<(&'static str, Span)> = Vec::new();
        if let Some(fm) = &d.front_matter {
            spans.push(("front matter", fm.span));
            for e in &fm.entries {
                spans.extend([("key", e.key_span), ("value", e.value_span)]);
            }
        }
        for h in &d.headings {
            spans.extend([("heading", h.span), ("heading text", h.text_span)]);
        }
        for s in &d.sections {
            spans.extend([("section", s.own), ("section total", s.total)]);
        }
        spans.extend(d.paragraphs.iter().map(|p| ("paragraph", p.span)));
        spans.extend(d.blockquotes.iter().map(|b| ("blockquote", b.span)));
        for l in &d.lists {
            spans.push(("list", l.span));
            spans.extend(l.items.iter().map(|&i| ("item", i)));
        }
        for l in &d.links {
            spans.extend([("link", l.span), ("link text", l.text_span)]);
            spans.extend(l.url_span.map(|u| ("url", u)));
        }
        for i in &d.images {
            spans.push(("image", i.span));
            spans.extend(i.alt_span.map(|a| ("alt", a)));
        }
        for c in &d.code_blocks {
            spans.extend([("code block", c.span), ("code", c.content_span)]);
        }
        spans.extend(d.comments.iter().map(|c| ("comment", c.span)));
        for x in &d.directives {
            spans.extend([("directive", x.span), ("directive value", x.value_span)]);
        }
        spans.extend(d.checklist.iter().map(|c| ("checklist item", c.span)));
        spans.extend(d.tables.iter().map(|&t| ("table", t)));
        spans.extend(d.task_markers.iter().map(|&t| ("task", t)));
        spans.extend(d.words.iter().map(|w| ("word", Span::new(w.start(), w.end as usize))));
        spans
            .into_iter()
            .map(|(what, s)| {
                let text = d.text(s).replace("\r\n", "\n").replace('\r', "\n");
                (what, d.line_col(s.start), d.line_col(s.end), text)
            })
            .collect()
    }

    /// CommonMark's three line ends (comrak's too): a file with lone `\r`s or `\r\n`s has every
    /// span on the line and column it has with `\n`s, over the same text.
    #[test]
    fn lone_carriage_returns_and_crlf_end_lines_as_newlines_do() {
        let lf = "---\ntitle: \"Proofing Dough\"\nseo:\n  description: \"Slow and cold\"\n---\n\
            # Proofing Dough\n\n<!-- TARGET_KEYWORD: \"cold proof\" -->\n\n\
            A cold proof takes [a night](/night \"t\") and ![a bowl](bowl.png).\n\n\
            Second Look\n-----------\n\n> quoted\n> lines\n\n- [ ] shape\n- [x] rest\n\n\
            | a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nbake --slow\n```\n\n\
            <!-- SEO CHECKLIST:\n[ ] Keyword in title\n[x] Alt text -->\n";
        let want = located(&parse(lf));
        assert!(want.len() > 40, "{want:?}");
        for (name, src) in [("CR", lf.replace('\n', "\r")), ("CRLF", lf.replace('\n', "\r\n"))] {
            let d = parse(&src);
            assert!(d.front_matter.as_ref().is_some_and(|f| f.error.is_none()), "{name}");
            assert_eq!(located(&d), want, "{name}");
        }
    }

    #[test]
    fn text_spans_are_what_span_and_locate_give() {
        // random Markdown from pieces that move comrak's text positions about: escapes,
        // entities, multi-byte characters, CRLF, hard breaks, emphasis, links, code spans
        let pieces = [
            "word",
            " ",
            " ",
            "\n",
            "\r\n",
            "\r",
            "  \n",
            "\\*",
            "&amp;",
            "&#233;",
            "é",
            "—",
            "’s",
            "*",
            "_",
            "**",
            "[link](u)",
            "`c`",
            "<b>",
            "# ",
            "> ",
            "- ",
            "1. ",
            "|",
            "x|y",
            "\t",
            "\u{2028}",
            "ü",
            "a.b",
            "![i](p)",
        ];
        let mut rng = crate::text::tests::Xorshift(0x510e_527f_ade6_82d1);
        for round in 0..3_000 {
            let mut src = String::new();
            if round % 3 == 0 {
                src.push_str("---\ntitle: t\n---\n");
            }
            for _ in 0..rng.below(40) {
                src.push_str(pieces[rng.below(pieces.len())]);
            }
            let mut doc = parse(&src);
            let w = Walker::new(&mut doc, None);
            let arena = Arena::new();
            #[allow(clippy::disallowed_methods)] // the walker's parse, to compare with
            let root = comrak::parse_document(&arena, &w.doc.source[w.doc.body_start..], &comrak_options());
            let mut cursor = 0;
            for node in root.descendants() {
                let data = node.data();
                if let NodeValue::Text(t) = &data.value {
                    let slow = w.locate(w.span(data.sourcepos), t, cursor);
                    assert_eq!(w.text_span(data.sourcepos, t, cursor), slow, "{src:?} {t:?}");
                    cursor = slow.0.end;
                }
            }
        }
    }

    #[test]
    fn words_skip_code_comments_html_and_alt() {
        let d = parse(
            "Two words `code span` <!-- hidden words --> <b>x</b>\n\n```\nfenced code\n```\n\n![alt words](a.png)\n",
        );
        let words: Vec<_> = d.words.iter().map(|w| d.word_text(w)).collect();
        assert_eq!(words, ["Two", "words", "x"]);
    }

    #[test]
    fn link_kinds() {
        let site = Some("example.com");
        assert_eq!(classify_url("/guides/a", site), LinkKind::Internal);
        assert_eq!(classify_url("../a.md", site), LinkKind::Internal);
        assert_eq!(classify_url("https://www.example.com/a", site), LinkKind::Internal);
        assert_eq!(classify_url("https://other.org/a", site), LinkKind::External);
        assert_eq!(classify_url("HTTP://Example.COM", site), LinkKind::Internal);
        assert_eq!(classify_url("//www.example.com/a", site), LinkKind::Internal);
        assert_eq!(classify_url("httpx://example.com", site), LinkKind::Other);
        assert_eq!(classify_url("#top", site), LinkKind::Fragment);
        assert_eq!(classify_url("mailto:a@b.c", site), LinkKind::Other);
        assert_eq!(classify_url("tel:+123", site), LinkKind::Other);
        // user, port, a repeated `www.`, a scheme with a digit or a non-ASCII letter
        assert_eq!(
            classify_url("https://me@www.www.example.com:8080/a", site),
            LinkKind::Internal
        );
        assert_eq!(classify_url("https://wwwexample.com", site), LinkKind::External);
        assert_eq!(classify_url("ms-settings2:display", site), LinkKind::Other);
        assert_eq!(classify_url("caf\u{e9}:menu", site), LinkKind::Internal);
        assert_eq!(classify_url("a/b:c", site), LinkKind::Internal);
    }

    #[test]
    fn html_links_images_anchors_and_json_ld() {
        let src = "<a id=\"top\"></a>\n\n<p><img src=\"x.png\" alt=\"A cat\"> <a href=\"https://a.org\">out</a></p>\n\n<!-- <a href=\"/hidden\">no</a> -->\n\n<script type=\"application/ld+json\">{\"@type\": \"FAQPage\"}</script>\n\nInline <a href=\"/in\">inside</a> text.\n";
        let d = parse(src);
        let urls: Vec<_> = d
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.text.as_str(), l.kind))
            .collect();
        assert_eq!(
            urls,
            [
                ("https://a.org", "out", LinkKind::External),
                ("/in", "inside", LinkKind::Internal)
            ]
        );
        assert_eq!(d.images[0].alt.as_deref(), Some("A cat"));
        assert!(d.anchors.iter().any(|a| a.id == "top" && a.kind == AnchorKind::Html));
        assert_eq!(d.json_ld.len(), 1);
        assert!(d.json_ld[0].value.is_ok());
    }

    #[test]
    fn paragraph_text_is_kept_for_the_paragraphs_rules_read() {
        let d = parse(concat!(
            "Before the title.\n\n# Title\n\n![hero](a.png)\n\n**Label:** not prose\n\n",
            "The `first` *prose*\nparagraph ![alt words](b.png) [link](/x).\n\nSecond.\n\n",
            "> **Key Takeaway:** keep it\n>\n> more\n\n> plain quote\n\n",
            "## FAQ\n\n### Why?\n\nBecause.\n\n## Next\n\nAfter.\n",
        ));
        let kept: Vec<(&str, Option<&str>)> = d
            .paragraphs
            .iter()
            .map(|p| (d.text(p.span), p.text.as_deref()))
            .filter(|(_, t)| t.is_some())
            .collect();
        assert_eq!(
            kept,
            [
                (
                    "The `first` *prose*\nparagraph ![alt words](b.png) [link](/x).",
                    Some("The first prose paragraph link.")
                ),
                ("**Key Takeaway:** keep it", Some("Key Takeaway: keep it")),
                ("Because.", Some("Because.")),
            ]
        );
        assert_eq!(
            d.first_paragraph().and_then(|p| p.text.as_deref()),
            Some("The first prose paragraph link.")
        );
    }

    /// The one-pass host against cutting the authority, then at its last `@`, then at a `:`.
    #[test]
    fn url_host_is_the_authority_cut_at_at_and_colon() {
        fn reference(url: &str) -> Option<&str> {
            let rest = after_scheme(url)?;
            let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
            let host = host.rfind('@').map_or(host, |at| &host[at + 1..]);
            let host = host.find(':').map_or(host, |colon| &host[..colon]);
            (!host.is_empty()).then_some(host)
        }
        let mut rng = crate::text::tests::Xorshift(0x8cb9_2ba7_2f3d_8dd7);
        for len in 0..3000 {
            let tail = rng.text("ab.:@/?#\u{e9}", len % 16);
            let url = format!(
                "{}{tail}",
                ["https://", "http://", "//", "HTTP://", "ftp://", ""][rng.below(6)]
            );
            assert_eq!(url_host(&url), reference(&url), "{url:?}");
        }
    }

    /// The close bracket that memchr finds is the one a byte-by-byte walk finds (escapes skip the
    /// next byte, brackets nest).
    #[test]
    fn link_text_ends_at_its_matching_bracket() {
        let walk = |b: &[u8], end: usize| {
            let (mut depth, mut i) = (0usize, 0);
            while i < end {
                match b[i] {
                    b'\\' => i += 1,
                    b'[' => depth += 1,
                    b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        };
        let mut rng = crate::text::tests::Xorshift(0x2f8a_9c51_b3d7_e604);
        for len in 0..3000 {
            let t = format!("[{}", rng.text("[]\\\\a(", len % 20));
            let end = rng.below(t.len() + 1);
            let (text, _, _) = link_parts(&t, Span::new(0, end));
            let expected = walk(t.as_bytes(), end.max(1).min(t.len()));
            match expected {
                Some(close) => assert_eq!(text, Span::new(1, close), "{t:?} to {end}"),
                None => assert_eq!(text, Span::new(1, end.max(1)), "{t:?} to {end}"),
            }
        }
    }

    #[test]
    fn find_whitespace_is_str_find_is_whitespace() {
        let mut rng = crate::text::tests::Xorshift(0x9e37_79b9_7f4a_7c15);
        let alphabet = "a/:.%\t\n\u{b}\u{c}\r \u{1c}\u{85}\u{a0}\u{e9}\u{2003}\u{2028}\u{3000}\u{1f600}";
        for len in 0..2000 {
            let t = rng.text(alphabet, len % 24);
            assert_eq!(find_whitespace(&t), t.find(char::is_whitespace), "{t:?}");
        }
        // long printable runs across the scan's 16-byte blocks, with a rare stop
        for len in 0..2000 {
            let t = rng.text("abcdefghijklmnopqrstuvwxyz/.:%-_~ABC012\u{7f}\u{a0} \u{e9}", len % 90);
            assert_eq!(find_whitespace(&t), t.find(char::is_whitespace), "{t:?}");
        }
    }

    #[test]
    fn heading_roles_by_first_letter_or_in_full() {
        for (text, role) in [
            ("  Table of  Contents", HeadingRole::Toc),
            ("Contents", HeadingRole::Toc),
            ("FAQs: billing", HeadingRole::Faq),
            ("Frequently asked questions about X", HeadingRole::Faq),
            ("Key takeaways", HeadingRole::OtherStructural),
            ("\u{212a}ey Takeaways", HeadingRole::OtherStructural),
            ("Ready to start?", HeadingRole::OtherStructural),
            ("See also", HeadingRole::OtherStructural),
            ("Next steps", HeadingRole::OtherStructural),
            ("On this page", HeadingRole::Toc),
            ("In this article", HeadingRole::Toc),
            ("Related posts", HeadingRole::Related),
            ("Why serverless", HeadingRole::Content),
            ("", HeadingRole::Content),
            ("1. Contents", HeadingRole::Content),
        ] {
            assert_eq!(HeadingRole::of(text), role, "{text:?}");
        }
    }

    #[test]
    fn sections_own_and_total() {
        let d = parse("# T\n\nintro\n\n## A\n\none two\n\n### A1\n\nthree\n\n## B\n\nfour\n");
        let a = d.sections[1];
        assert_eq!(d.words_in(a.own).len(), 2);
        assert_eq!(d.words_in(a.total).len(), 4); // "one two", "A1", "three"
        assert_eq!(d.headings[1].slug, "a");
    }

    #[test]
    fn bad_json_ld_points_into_the_file() {
        let src = "<script type=\"application/ld+json\">\n{\"a\": }\n</script>\n";
        let d = parse(src);
        let err = d.json_ld[0].value.as_ref().expect_err("invalid JSON");
        assert_eq!(d.line_col(err.offset).line, 2);
    }
}

#[cfg(test)]
mod html_word_tests {
    use super::*;

    #[test]
    fn html_block_text_counts_but_not_tags_scripts_entities_or_shortcodes() {
        let src = "<div class=\"note\">\n<p>Visible caf&eacute; words</p>\n<!-- hidden -->\n<script>var x;</script>\n</div>\n\nText {{< figure src=\"a.png\" caption=\"Cap\" >}} here.\n\nOne {{< a x >}} two {{% b y %}} three {{< c >}}\n\nFour {{< d z >}}.\n";
        let d = Document::parse(src.to_string(), &ParseOptions::default());
        let words: Vec<_> = d.words.iter().map(|w| d.word_text(w)).collect();
        assert_eq!(
            words,
            ["Visible", "caf", "words", "Text", "here", "One", "two", "three", "Four"]
        );
    }
}

#[cfg(test)]
mod heading_attr_tests {
    use super::*;

    #[test]
    fn attribute_blocks_are_not_text_and_give_ids() {
        let d = Document::parse(
            "## GitHub PR checks {#checks}\n\n## `Easy CLA` {.notranslate lang=en}\n\n## Setup {#setup .wide data-x=\"1\"}\n\n## Sets {1, 2}\n".to_string(),
            &ParseOptions::default(),
        );
        let h: Vec<_> = d.headings.iter().map(|h| (h.text.as_str(), h.anchor())).collect();
        assert_eq!(
            h,
            [
                ("GitHub PR checks", "checks"),
                ("Easy CLA", "easy-cla"),
                ("Setup", "setup"),
                ("Sets {1, 2}", "sets-1-2")
            ]
        );
    }
}

#[cfg(test)]
mod hidden_tests {
    use super::*;

    #[test]
    fn links_and_images_inside_a_hugo_comment_are_hidden() {
        let src = "[shown](/a) ![shown](a.png)\n\n{{< comment >}}\n\n[gone](/b) <!-- x --> ![gone](b.png)\n\n{{< /comment >}}\n\n[shown](/c)\n";
        let d = Document::parse(src.to_string(), &ParseOptions::default());
        let links: Vec<_> = d.links.iter().map(|l| (l.url.as_str(), l.hidden)).collect();
        assert_eq!(links, [("/a", false), ("/b", true), ("/c", false)]);
        let images: Vec<_> = d.images.iter().map(|i| (i.src.as_str(), i.hidden)).collect();
        assert_eq!(images, [("a.png", false), ("b.png", true)]);
    }
}
