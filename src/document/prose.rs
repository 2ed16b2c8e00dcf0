//! The visible prose as readers meet it: blocks (headings and paragraphs), each split into
//! sentences, with byte spans and word ranges into `Document::words`. Built once per file for the
//! readability rules and `seolint stats`.
//!
//! What is a unit: a heading and a paragraph (a list item's paragraph, a block quote's) each end
//! whatever sentence they hold, with or without end punctuation, so a heading or a list item
//! without a full stop is a sentence of its own. Tables, raw HTML blocks and code are not in
//! any block (cells and markup are not sentences; code is never prose). Inside a block a
//! sentence ends at `.`, `!`, `?` or `…` followed by white space, unless the next word starts
//! with a lowercase letter ("approx. five", "e.g. x"), or the stop follows an abbreviation of the
//! article's language ("Dr. Smith"), an initial ("J. Smith"), or a word with an inner stop
//! ("U.S. Army"). Decimals (`3.5`), versions and URLs have no white space after their stops.

use crate::diagnostic::Span;
use crate::text::{word_list, Lexicon, WordClass};

use super::Document;

/// What kind of block a piece of prose stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    /// A paragraph outside lists.
    Paragraph {
        in_blockquote: bool,
    },
    /// A paragraph in a list item.
    ListItem,
}

/// A heading or a paragraph with words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseBlock {
    pub kind: BlockKind,
    pub span: Span,
    /// Index range into `Document::words`.
    pub words: std::ops::Range<usize>,
    /// Index range into `Document::sentences`.
    pub sentences: std::ops::Range<usize>,
    /// Index into `Document::paragraphs` (`None` for a heading).
    pub paragraph: Option<usize>,
}

impl ProseBlock {
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// One sentence of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From its first word to its end punctuation (or last word).
    pub span: Span,
    /// Index range into `Document::words`.
    pub words: std::ops::Range<usize>,
    /// Index into `Document::blocks`.
    pub block: usize,
    /// Ends with `.`, `!`, `?` or `…` (a heading or list item often does not).
    pub terminated: bool,
}

impl Sentence {
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}

impl Document {
    /// The first word of `sentence`, as written.
    pub fn first_word(&self, sentence: &Sentence) -> &str {
        self.words.get(sentence.words.start).map_or("", |w| self.word_text(w))
    }

    /// The sentences of the blocks that are not headings (body prose).
    pub fn body_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences.iter().filter(|s| !self.blocks[s.block].is_heading())
    }

    /// What the article language's word lists say of each word (`word_classes()[i]` is
    /// `words[i]`'s), for the readability rules: read on first use, each distinct word once. Words
    /// outside `sentences` get the empty class; a language without lists gets no classes at all.
    pub fn word_classes(&self) -> &[WordClass] {
        self.classes.get_or_init(|| {
            let Some(lexicon) = Lexicon::for_language(&self.language.language) else {
                return Vec::new();
            };
            let mut classes = vec![WordClass::default(); self.words.len()];
            lexicon.remembering(|memory| {
                for s in &self.sentences {
                    for i in s.words.clone() {
                        let w = &self.words[i];
                        classes[i] = memory.classify(&self.source, w.start()..w.end());
                    }
                }
            });
            classes
        })
    }

    /// The classes of a sentence's words (empty for a language without lists).
    pub fn sentence_classes(&self, sentence: &Sentence) -> &[WordClass] {
        self.word_classes().get(sentence.words.clone()).unwrap_or_default()
    }

    /// Build `blocks` and `sentences` from the headings, paragraphs and words. Needs
    /// `language` set.
    pub(super) fn build_prose(&mut self) {
        let mut blocks: Vec<(Span, BlockKind, Option<usize>)> = self
            .headings
            .iter()
            .map(|h| (h.span, BlockKind::Heading { level: h.level }, None))
            .chain(self.paragraphs.iter().enumerate().map(|(i, p)| {
                let kind = if p.in_list {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph {
                        in_blockquote: p.in_blockquote,
                    }
                };
                (p.span, kind, Some(i))
            }))
            .collect();
        blocks.sort_by_key(|b| b.0.start);
        let opaque = self.opaque_spans();
        let abbreviations = word_list(&self.language.language, "abbreviations");
        let mut splitter = Splitter {
            doc: self,
            opaque: &opaque,
            next_opaque: 0,
            abbreviations,
        };
        let mut sentences = Vec::with_capacity(self.words.len() / 12);
        let mut out = Vec::with_capacity(blocks.len());
        // blocks and words are both in file order: one pass finds each block's words
        let mut from = 0;
        for (span, kind, paragraph) in blocks {
            while self.words.get(from).is_some_and(|w| w.start() < span.start) {
                from += 1;
            }
            let mut to = from;
            while self.words.get(to).is_some_and(|w| w.start() < span.end) {
                to += 1;
            }
            if from >= to {
                continue;
            }
            let block = out.len();
            let first = sentences.len();
            splitter.split(from..to, block, span, &mut sentences);
            out.push(ProseBlock {
                kind,
                span,
                words: from..to,
                sentences: first..sentences.len(),
                paragraph,
            });
        }
        self.blocks = out;
        self.sentences = sentences;
    }

    /// Spans whose text is not prose even between two prose words: inline code, inline HTML,
    /// images, comments, link destinations, shortcodes, footnote references. Sorted by start.
    fn opaque_spans(&self) -> Vec<Span> {
        let mut v: Vec<Span> = Vec::with_capacity(self.code_spans.len() + self.images.len() + self.links.len());
        v.extend(&self.code_spans);
        v.extend(&self.html_inlines);
        v.extend(self.images.iter().map(|i| i.span));
        v.extend(self.comments.iter().map(|c| c.span));
        v.extend(self.links.iter().filter_map(|l| l.url_span));
        v.extend(&self.shortcodes);
        v.extend(&self.footnote_references);
        v.sort_by_key(|s| s.start);
        v
    }
}

/// The length of the sentence stop `bytes` start with: 1 for `.`, `!` and `?`, 3 for `…`, else 0.
fn stop_len(bytes: &[u8]) -> usize {
    match bytes {
        [b'.' | b'!' | b'?', ..] => 1,
        [0xE2, 0x80, 0xA6, ..] => 3,
        _ => 0,
    }
}

/// Where the first byte that may start a stop is in `bytes`: `.`, `!`, `?` or the lead byte of `…`.
fn next_stop_byte(bytes: &[u8]) -> Option<usize> {
    let ascii = memchr::memchr3(b'.', b'!', b'?', bytes);
    let ellipsis = memchr::memchr(0xE2, bytes.get(..ascii.unwrap_or(bytes.len())).unwrap_or_default());
    ellipsis.or(ascii)
}

struct Splitter<'a> {
    doc: &'a Document,
    opaque: &'a [Span],
    /// The first opaque span that may still cover an offset (offsets only grow).
    next_opaque: usize,
    abbreviations: Option<&'static crate::text::WordList>,
}

impl Splitter<'_> {
    /// Splits the block's `words` into sentences. Only the gaps between words that hold a byte
    /// that may start a stop are looked at closely: the candidates are found with memchr, and a
    /// cursor walks the words to the gap each candidate is in.
    fn split(&mut self, words: std::ops::Range<usize>, block: usize, span: Span, out: &mut Vec<Sentence>) {
        let ws = &self.doc.words;
        let src = self.doc.source.as_bytes();
        let Some(last) = words.end.checked_sub(1).filter(|&l| l >= words.start) else {
            return;
        };
        let mut start = words.start;
        let mut limit = span.start;
        let mut push = |from_word: usize, to_word: usize, stop: Option<usize>, out: &mut Vec<Sentence>| {
            let span_end = stop.unwrap_or(ws[to_word].end as usize);
            // the opening markup and quotes right before the first word: `[link`, `**Bold`
            let mut from = ws[from_word].start();
            while from > limit && matches!(src.get(from - 1), Some(b'[' | b'*' | b'_' | b'"' | b'\'' | b'(')) {
                from -= 1;
            }
            limit = span_end;
            out.push(Sentence {
                span: Span::new(from, span_end),
                words: from_word..to_word + 1,
                block,
                terminated: stop.is_some(),
            });
        };
        // the gap after the last word is the block's end, looked at below
        let body = src
            .get(ws[words.start].end as usize..ws[last].start())
            .unwrap_or_default();
        let offset = ws[words.start].end as usize;
        let (mut i, mut k) = (words.start, 0);
        while let Some(found) = next_stop_byte(&body[k..]) {
            let at = offset + k + found;
            // the word whose gap may hold `at`: the last one starting at or before it (words are
            // sorted by start; one the parser could not pin down may overlap the next)
            while i < last && ws[i + 1].start() <= at {
                i += 1;
            }
            if i >= last {
                break;
            }
            if at < ws[i].end as usize {
                // inside word `i` ("3.5", "U.S")
                k = at + 1 - offset;
                continue;
            }
            // `stop_after` reads the whole gap: the next candidate is past the next word
            k = ws[i + 1].start() - offset;
            if let Some(stop) = self.stop_after(i, Some(i + 1)) {
                push(start, i, Some(stop), out);
                start = i + 1;
            }
        }
        let stop = self.stop_after(last, None);
        push(start, last, stop, out);
    }

    fn in_opaque(&mut self, at: usize) -> bool {
        while self.opaque.get(self.next_opaque).is_some_and(|s| s.end <= at) {
            self.next_opaque += 1;
        }
        // spans may nest (a code span in a link's text does not, but a comment may hold anything):
        // look at the few that start before `at`
        self.opaque[self.next_opaque..]
            .iter()
            .take_while(|s| s.start <= at)
            .any(|s| s.contains(at))
    }

    /// Where the sentence that ends with word `i` ends (after its stop), when the gap between it
    /// and word `next` (the block's end when `None`) ends a sentence.
    fn stop_after(&mut self, i: usize, next: Option<usize>) -> Option<usize> {
        let doc = self.doc;
        let ws = &doc.words;
        let gap_start = ws[i].end as usize;
        let gap_end = match next {
            Some(n) => ws[n].start(),
            None => {
                // to the end of the line the last word is on: closing markup and the stop
                let rest = doc.source.as_bytes().get(gap_start..).unwrap_or_default();
                gap_start + memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len())
            }
        };
        let bytes = doc.source.as_bytes().get(gap_start..gap_end)?;
        let mut k = 0;
        while let Some(found) = next_stop_byte(&bytes[k..]) {
            k += found;
            let stop = stop_len(&bytes[k..]);
            if stop == 0 || self.in_opaque(gap_start + k) {
                k += 1;
                continue;
            }
            // the stop and any stops after it ("?!", "...")
            let mut e = k + stop;
            while e < bytes.len() && stop_len(&bytes[e..]) > 0 {
                e += stop_len(&bytes[e..]);
            }
            let Some(n) = next else {
                return Some(gap_start + e);
            };
            // then closing quotes, brackets and emphasis, then white space
            let after = doc.source.get(gap_start + e..gap_end).unwrap_or("");
            let closed = after.trim_start_matches(['"', '\'', ')', ']', '*', '_', '~', '”', '’', '»']);
            if !closed.starts_with(char::is_whitespace) {
                k = e;
                continue;
            }
            if self.continues(i, n, k == 0 && bytes[0] == b'.') {
                return None;
            }
            return Some(gap_start + e);
        }
        None
    }

    /// Whether the sentence goes on past a stop after word `i`: the next word starts lowercase,
    /// or the full stop (`dot_on_word`: right after the word) marks an abbreviation or initial.
    fn continues(&self, i: usize, next: usize, dot_on_word: bool) -> bool {
        let doc = self.doc;
        let next_word = doc.word_text(&doc.words[next]);
        if next_word.chars().next().is_some_and(char::is_lowercase) {
            return true;
        }
        if !dot_on_word {
            return false;
        }
        let word = doc.word_text(&doc.words[i]);
        let mut chars = word.chars();
        // an initial stands alone: "J. Smith", not the unit of "27 °C."
        let alone = doc.words[i].start() == 0
            || matches!(
                doc.source.as_bytes()[doc.words[i].start() - 1],
                b' ' | b'\t' | b'\n' | b'(' | b'"' | b'[' | b'*' | b'_'
            );
        let initial = alone && chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
        // "U.S", "e.g", "Ph.D": letters in short groups between stops (not "0.6.17", "example.com")
        let dotted = word.contains('.')
            && word
                .split('.')
                .all(|g| !g.is_empty() && g.len() <= 3 && g.chars().all(char::is_alphabetic));
        if initial || dotted {
            return true;
        }
        self.abbreviations.is_some_and(|list| {
            word.len() <= 8
                && word.bytes().all(|b| b.is_ascii_alphabetic())
                && list.contains(&word.to_ascii_lowercase())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{LanguageSource, ParseOptions};
    use super::*;

    fn sentences(src: &str) -> Vec<String> {
        let d = Document::parse(src.to_string(), &ParseOptions::default());
        for s in &d.sentences {
            // every span starts at its first word (or the markup opening it) and ends at its last
            // word or its stop
            let opening = d.text(Span::new(s.span.start, d.words[s.words.start].start()));
            assert!(opening.bytes().all(|b| b"[*_\"'(".contains(&b)), "{opening:?}");
            assert!(s.span.end >= d.words[s.words.end - 1].end as usize);
        }
        d.sentences.iter().map(|s| d.text(s.span).to_string()).collect()
    }

    #[test]
    fn splits_at_stops_followed_by_space_and_a_capital() {
        assert_eq!(
            sentences("One two. Three four! Five six? Seven… Eight.\n"),
            ["One two.", "Three four!", "Five six?", "Seven…", "Eight."]
        );
        assert_eq!(
            sentences("It works.\" Then \"it stops!\" Fine. **Bold** start. [Linked](u) start.\n"),
            [
                "It works.",
                "Then \"it stops!",
                "Fine.",
                "**Bold** start.",
                "[Linked](u) start."
            ]
        );
        assert_eq!(
            sentences("Wait... what? Yes?! No.\n"),
            ["Wait... what?", "Yes?!", "No."]
        );
    }

    #[test]
    fn abbreviations_initials_decimals_and_urls_do_not_split() {
        assert_eq!(
            sentences("Ask Dr. Smith about the U.S. Army, e.g. Fort Knox. Pay $3.50 at https://example.com/a.b now. J. R. Tolkien wrote it.\n"),
            [
                "Ask Dr. Smith about the U.S. Army, e.g. Fort Knox.",
                "Pay $3.50 at https://example.com/a.b now.",
                "J. R. Tolkien wrote it."
            ]
        );
        assert_eq!(
            sentences("It peaks at 27 °C. Then it falls.\n"),
            ["It peaks at 27 °C.", "Then it falls."]
        );
        assert_eq!(
            sentences("It costs approx. five dollars. Done.\n"),
            ["It costs approx. five dollars.", "Done."]
        );
        assert_eq!(
            sentences("Version 1.2.3 is out. See v2.\n"),
            ["Version 1.2.3 is out.", "See v2."]
        );
    }

    #[test]
    fn headings_and_list_items_are_units_and_code_is_not_prose() {
        let src = "# A Title Without a Stop\n\nFirst line\n\n- item one\n- item two. With more\n\n```\nCode. Here.\n```\n\nUse `x. Y` now. Then [a link. Here](https://x.io/a.html). End ![Fig. One](a.png) here.\n\n| a. B | c |\n|---|---|\n| d. E | f |\n";
        assert_eq!(
            sentences(src),
            [
                "A Title Without a Stop",
                "First line",
                "item one",
                "item two.",
                "With more",
                "Use `x. Y` now.",
                "Then [a link.",
                "Here](https://x.io/a.html).",
                "End ![Fig. One](a.png) here."
            ]
        );
        let d = Document::parse(src.to_string(), &ParseOptions::default());
        let kinds: Vec<_> = d
            .blocks
            .iter()
            .map(|b| (b.kind, b.word_count(), b.sentences.len()))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading { level: 1 }, 5, 1),
                (BlockKind::Paragraph { in_blockquote: false }, 2, 1),
                (BlockKind::ListItem, 2, 1),
                (BlockKind::ListItem, 4, 2),
                (BlockKind::Paragraph { in_blockquote: false }, 8, 4),
            ]
        );
        assert_eq!(d.first_word(&d.sentences[5]), "Use");
    }

    #[test]
    fn language_comes_from_front_matter_then_options_then_english() {
        let d = Document::parse("---\nlocale: de_DE\n---\nText.\n".to_string(), &ParseOptions::default());
        assert_eq!(d.language.language.tag(), "de-de");
        assert!(matches!(d.language.source, LanguageSource::FrontMatter(_)));
        let o = ParseOptions {
            language: crate::text::Language::parse("fr"),
            ..ParseOptions::default()
        };
        let d = Document::parse("Text.\n".to_string(), &o);
        assert_eq!(
            (d.language.language.tag(), &d.language.source),
            ("fr", &LanguageSource::Config)
        );
        let d = Document::parse("---\nlang: en-US\n---\nText.\n".to_string(), &o);
        assert!(d.language.language.is_english());
        let d = Document::parse("---\nlang: 42\n---\nText.\n".to_string(), &ParseOptions::default());
        assert_eq!(
            (d.language.language.tag(), &d.language.source),
            ("en", &LanguageSource::Default)
        );
    }
}
