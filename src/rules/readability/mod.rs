//! Readability: how the prose reads, measured on the Document's sentences and prose blocks
//! (`document::prose`) as Yoast SEO's readability analysis measures it, with Yoast's defaults
//! where they make sense (the `pillar` preset is stricter, as Yoast is for cornerstone content).

pub mod flesch_reading_ease;
pub mod paragraph_length;
pub mod passive_voice;
pub mod sentence_beginnings;
pub mod sentence_length;
mod share;
pub use share::long_enough;
pub mod subheading_distribution;
pub mod transition_words;

use crate::document::{BlockKind, Document};
use crate::text::WordClass;

/// Under this many words an article is too short to judge its readability by shares and
/// averages (Yoast's readability analysis needs 50 words too).
pub const MIN_WORDS: usize = 50;

/// The words of the article's sentences (headings and list items included).
pub fn sentence_words(doc: &Document) -> usize {
    doc.sentences.iter().map(|s| s.word_count()).sum()
}

/// The Flesch reading ease of the article's sentences (English formula), `None` without words.
/// A word whose text the parser could not pin down (its span is its whole text node's, with
/// white space in it), and a URL or e-mail address shown as text, are left out of the words and
/// the syllables alike: neither is read as syllables.
pub fn flesch(doc: &Document) -> Option<f64> {
    let sentences = doc.sentences.len();
    let (mut words, mut syllables) = (0u64, 0u64);
    for class in doc.sentences.iter().flat_map(|s| doc.sentence_classes(s)) {
        if !class.is(WordClass::SPACED) && !class.is(WordClass::URL) {
            words += 1;
            syllables += u64::from(class.syllables());
        }
    }
    if words == 0 || sentences == 0 {
        return None;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    Some(206.835 - 1.015 * (w / s) - 84.6 * (y / w))
}

/// The sentences over `max_words` words.
pub fn long_sentences(doc: &Document, max_words: usize) -> impl Iterator<Item = &crate::document::Sentence> {
    doc.sentences.iter().filter(move |s| s.word_count() > max_words)
}

/// The paragraphs (prose blocks that are not headings).
pub fn paragraphs(doc: &Document) -> impl Iterator<Item = &crate::document::ProseBlock> {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph { .. } | BlockKind::ListItem))
}

/// Percent with at most one decimal, as messages write it: `26.7%`, `25%`.
pub fn percent(share: f64) -> String {
    format!("{}%", crate::text::number((share * 10.0).round() / 10.0))
}
