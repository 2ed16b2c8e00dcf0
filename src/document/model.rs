//! The Document's index types: headings and sections, blocks, links and images, code, comments,
//! JSON-LD, anchors and words, each with byte spans into the source.

use super::*;

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
    /// rest (no rule reads them, and rendering every paragraph is a real share of a lint pass).
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

/// A word of visible prose (UAX #29 word containing a letter or digit; a URL a link shows, such
/// as an autolink, is one word whole). Kept compact (12 bytes:
/// a document has a word per 6-8 bytes of prose): byte offsets as `u32` (the engine refuses files
/// over 16 MiB; a document past 4 GiB keeps no words beyond it), and the word's first byte, which
/// the keyword rules test before they look at a word's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) first: u8,
}

// the size the comment above gives (a word list is a document's largest index)
const _: () = assert!(std::mem::size_of::<Word>() == 12);

impl Word {
    /// The word at `start..end` of a source whose byte at `start` is `first`; `None` past 4 GiB.
    pub(super) fn new(start: usize, end: usize, first: u8) -> Option<Word> {
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

    /// Where the word ends in the file.
    pub fn end(&self) -> usize {
        self.end as usize
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
    /// The config's `language:`, for articles whose front matter declares none.
    pub language: Option<crate::text::Language>,
}

impl ParseOptions {
    /// The options for a site at `site_host`, with the canonical URL keys of `fields`.
    pub fn new(site_host: Option<String>, fields: &crate::fields::Fields) -> ParseOptions {
        ParseOptions {
            site_host,
            canonical_keys: fields.canonical_url.list().into_iter().map(str::to_string).collect(),
            slugs: None,
            language: None,
        }
    }
}
