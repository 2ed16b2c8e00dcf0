//! The parsed article. Built once per file; the only code that calls comrak. Every index carries
//! byte spans into the original source (front matter and BOM included), so rules never re-parse.

pub mod directives;
pub mod front_matter;
pub mod html;
mod inline;
pub mod line_index;
mod model;
mod prose;
pub mod slug;
mod url;
mod walker;

use std::sync::LazyLock;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{LineColumn, NodeValue, Sourcepos};
use comrak::{Arena, Options};
use regex::Regex;

use crate::diagnostic::Span;
use crate::text::Language;
pub use directives::{ChecklistItem, Directive, Phrase, Range};
pub use front_matter::{FrontMatter, Value};
pub use inline::visible_text;
pub use line_index::{LineCol, LineIndex};
pub use model::*;
pub use prose::{BlockKind, ProseBlock, Sentence};
pub use url::{classify_url, url_host};
use walker::Walker;

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
    /// The article's language, and where it was declared.
    pub language: ArticleLanguage,
    /// Headings and paragraphs with words, in order (see `prose` for what a unit is).
    pub blocks: Vec<ProseBlock>,
    /// The sentences of `blocks`, in order.
    pub sentences: Vec<Sentence>,
    /// What the language's lists say of each word of `sentences` (see [`Document::word_classes`]).
    classes: std::sync::OnceLock<Vec<crate::text::WordClass>>,
}

/// The language an article is written in: front matter `lang`, `language` or `locale`, else the
/// config's `language:`, else English.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLanguage {
    pub language: Language,
    pub source: LanguageSource,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LanguageSource {
    /// The front matter value's span.
    FrontMatter(Span),
    /// The config's top-level `language:`.
    Config,
    #[default]
    Default,
}

impl ArticleLanguage {
    pub fn is_english(&self) -> bool {
        self.language.is_english()
    }
}

impl std::fmt::Display for LanguageSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LanguageSource::FrontMatter(_) => "front matter",
            LanguageSource::Config => "config",
            LanguageSource::Default => "default",
        })
    }
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
        // comrak moves footnote definitions to the end of the tree, so their words came last:
        // in file order, `words_in` and the sentences find them where they are
        if !doc.words.is_sorted_by_key(Word::start) {
            doc.words.sort_by_key(Word::start);
        }
        doc.language = doc.declared_language().unwrap_or_else(|| match &options.language {
            Some(language) => ArticleLanguage {
                language: language.clone(),
                source: LanguageSource::Config,
            },
            None => ArticleLanguage::default(),
        });
        doc.build_prose();
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

    /// The language the front matter declares (`lang`, `language`, `locale`), when it names one.
    fn declared_language(&self) -> Option<ArticleLanguage> {
        let fm = self.front_matter.as_ref()?;
        ["lang", "language", "locale"].iter().find_map(|key| {
            let entry = fm.entry(key).filter(|e| e.depth == 0)?;
            let language = Language::parse(fm.get_str(key)?)?;
            Some(ArticleLanguage {
                language,
                source: LanguageSource::FrontMatter(entry.value_span),
            })
        })
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

/// A bare comrak parse with seolint's options, and nothing else: the benchmark's baseline.
pub fn bare_parse(markdown: &str) -> usize {
    let arena = Arena::new();
    #[allow(clippy::disallowed_methods)] // the baseline is exactly a parse
    let root = comrak::parse_document(&arena, markdown, &comrak_options());
    root.children().count()
}

#[cfg(test)]
mod tests {
    use super::inline::*;
    use super::url::*;
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

    /// A URL a link shows is one word; a link's own text stays words, its destination none.
    #[test]
    fn a_url_shown_as_link_text_is_one_word() {
        let src = "See https://example.com/a/b and <https://x.org/p?q=1> or me@example.com, [example.com/docs](https://example.com/docs) but [the docs](https://example.com/docs/a/b). Or ftp://host/x/y example.com/x/y\n";
        let d = Document::parse(src.to_string(), &ParseOptions::default());
        let words: Vec<&str> = d.words.iter().map(|w| d.word_text(w)).collect();
        assert_eq!(
            words,
            [
                "See",
                "https://example.com/a/b",
                "and",
                "https://x.org/p?q=1",
                "or",
                "me@example.com",
                "example.com/docs",
                "but",
                "the",
                "docs",
                "Or",
                "ftp://host/x/y",
                // not a link (no scheme, no `www.`): words as the text splits
                "example.com",
                "x",
                "y",
            ]
        );
        // the stops inside URLs end no sentence
        assert_eq!(d.sentences.len(), 2, "{:?}", d.sentences);
    }

    fn parse(src: &str) -> Document {
        Document::parse(src.to_string(), &ParseOptions::default())
    }

    #[test]
    fn whitespace_collapses_like_split_whitespace() {
        let mut rng = crate::testing::Xorshift(0x27d4_eb2f_1656_67c5);
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
                spans.extend([
                    ("key", e.key_span),
                    ("value", e.value_span),
                    ("value text", e.text_span),
                ]);
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
        let mut rng = crate::testing::Xorshift(0x510e_527f_ade6_82d1);
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
        let mut rng = crate::testing::Xorshift(0x8cb9_2ba7_2f3d_8dd7);
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
        let mut rng = crate::testing::Xorshift(0x2f8a_9c51_b3d7_e604);
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
        let mut rng = crate::testing::Xorshift(0x9e37_79b9_7f4a_7c15);
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
