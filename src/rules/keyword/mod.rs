//! Rules on the primary and secondary keywords.
pub mod competing_links;
pub mod density;
pub mod in_subheadings;
pub mod length;
pub mod placement;
pub mod secondary;

use crate::diagnostic::Span;
use crate::document::LanguageSource;
use crate::document::{Document, Word};
use crate::rules::Context;
use crate::text::Keyphrase;
use crate::text::{word_list, WordList};

/// The function words of the article's language (`Document::language`); `Err` with the
/// language's tag and where it was declared (the top of the file for config's `language:`) when
/// seolint has no list for it.
pub fn article_language(doc: &Document) -> Result<&'static WordList, (&str, Span)> {
    let language = &doc.language;
    word_list(&language.language, "function_words").ok_or_else(|| {
        match language.source {
            // as the author wrote it
            LanguageSource::FrontMatter(span) => (doc.text(span), span),
            LanguageSource::Config | LanguageSource::Default => (language.language.tag(), Span::new(0, 0)),
        }
    })
}

/// Where to point a finding about the keyword as a whole: its declaration in the file, else the
/// H1, else the top of the body.
pub fn keyword_anchor(ctx: &Context) -> Span {
    let doc = ctx.doc;
    ctx.req
        .keyword
        .as_ref()
        .and_then(|k| k.span)
        .or_else(|| doc.h1s().next().map(|h| h.text_span))
        .unwrap_or_else(|| doc.lines.line_span(&doc.source, doc.lines.line_of(doc.body_start)))
}

/// The phrase's occurrences among `words` (the document's, or a section's).
pub fn occurrences(doc: &Document, words: &[Word], phrase: &Keyphrase) -> usize {
    let one_word = words.iter().map(|w| (w.first(), || doc.word_text(w)));
    if let Some(count) = phrase.count_one_word(one_word) {
        return count;
    }
    phrase.count_by_first(words.len(), |i| Some(words[i].first()), |i| doc.word_text(&words[i]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    #[test]
    fn one_word_loop_counts_as_the_general_one() {
        let mut rng = crate::testing::Xorshift(0x6a09_e667_f3bc_c908);
        let pieces = [
            "the",
            "The",
            "THE",
            "thes",
            "the's",
            "them",
            "\u{212a}ey",
            "key",
            "keys",
            "th\u{e9}",
            "\u{130}t",
            "it",
            "a",
            "–",
            "\n\n",
            "`the`",
        ];
        for round in 0..300 {
            let text: Vec<&str> = (0..round % 40).map(|_| pieces[rng.below(pieces.len())]).collect();
            let doc = Document::parse(text.join(" "), &ParseOptions::default());
            let source = doc.source.as_bytes();
            for key in ["the", "key", "it", "th\u{e9}", "i\u{307}t"] {
                let Some(phrase) = Keyphrase::new(key) else { continue };
                let general = phrase.count_by_first(
                    doc.words.len(),
                    |i| source.get(doc.words[i].start()).copied(),
                    |i| doc.word_text(&doc.words[i]),
                );
                assert_eq!(
                    occurrences(&doc, &doc.words, &phrase),
                    general,
                    "{key:?} in {:?}",
                    doc.source
                );
            }
        }
        // the first-byte shortcut both share never drops a word a non-ASCII letter starts
        let doc = Document::parse("\u{212a}ey, key and \u{130}t".to_string(), &ParseOptions::default());
        for (key, n) in [("key", 2), ("i\u{307}t", 1)] {
            let phrase = Keyphrase::new(key).expect("a keyphrase");
            assert_eq!(occurrences(&doc, &doc.words, &phrase), n, "{key:?}");
        }
    }
}
