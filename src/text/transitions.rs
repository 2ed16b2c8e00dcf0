//! Transition words, one sentence at a time: whether a sentence holds one of the language's
//! transition words or phrases ("however", "as a result"). The words are read through the
//! language's [`Lexicon`]; the lists are data under `rules/lang/<code>/transition_words.txt`.

use super::lexicon::{same_word, Lexicon, WordClass};

/// Where a sentence holds its first transition word or phrase: the index of its first word, or
/// `None`. `words` are the sentence's words' classes; `text(i)` is word `i` as written, read only
/// to finish a phrase.
pub fn transition_at<'a>(lexicon: &Lexicon, words: &[WordClass], text: impl Fn(usize) -> &'a str) -> Option<usize> {
    (0..words.len()).find(|&i| {
        let w = words[i];
        w.is(WordClass::TRANSITION)
            || (i == 0 && w.is(WordClass::INITIAL_TRANSITION))
            || (w.is(WordClass::PHRASE_START)
                && words.get(i + 1).is_some_and(|next| next.is(WordClass::PHRASE_NEXT))
                && lexicon.phrases_after(text(i)).iter().any(|rest| {
                    words.len() > i + rest.len()
                        && rest
                            .iter()
                            .enumerate()
                            .all(|(k, part)| same_word(part, text(i + 1 + k)))
                }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Language;

    fn at(sentence: &str) -> Option<usize> {
        let en = Lexicon::for_language(&Language::english()).expect("english lists");
        let words: Vec<&str> = crate::text::word_indices(sentence).map(|(_, w)| w).collect();
        let classes: Vec<WordClass> = words.iter().map(|w| en.classify(w)).collect();
        transition_at(en, &classes, |i| words[i])
    }

    #[test]
    fn finds_words_and_phrases_in_any_case() {
        assert_eq!(at("However, the dough rose."), Some(0));
        assert_eq!(at("The dough rose; THEREFORE we baked it."), Some(3));
        assert_eq!(at("As a result, the crumb is open."), Some(0));
        assert_eq!(at("The crumb is open as a result"), Some(4));
        assert_eq!(at("It rose, on the other hand, slowly."), Some(2));
        assert_eq!(at("First, weigh the flour."), Some(0));
    }

    #[test]
    fn misses_sentences_without_one_and_partial_phrases() {
        assert_eq!(at("The dough rose overnight."), None);
        // "on the other" is not "on the other hand"; "as a" is not "as a result"
        assert_eq!(at("Put it on the other shelf as a test."), None);
        assert_eq!(at(""), None);
        // an ordinal inside the sentence is an adjective
        assert_eq!(at("The first loaf rose."), None);
    }
}
