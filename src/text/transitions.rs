//! Transition words, one sentence at a time: whether a sentence holds one of the language's
//! transition words or phrases ("however", "as a result"). The lists are data under
//! `rules/lang/<code>/transition_words.txt`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::passive::{entries, normalize};

/// The transition words and phrases of one language.
#[derive(Debug)]
pub struct TransitionLists {
    words: HashSet<&'static str>,
    /// Words that are a transition only as the sentence's first word (`^first` in the list).
    initial: HashSet<&'static str>,
    /// The phrases by their first word: the words after it.
    phrases: HashMap<&'static str, Vec<Vec<&'static str>>>,
}

/// Every language with a transition list: (code, list).
const LISTS: &[(&str, &str)] = &[("en", include_str!("../../rules/lang/en/transition_words.txt"))];

static PARSED: LazyLock<Vec<(&'static str, TransitionLists)>> = LazyLock::new(|| {
    LISTS
        .iter()
        .map(|&(code, text)| {
            let mut words = HashSet::new();
            let mut initial = HashSet::new();
            let mut phrases: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
            for entry in entries(text) {
                let mut parts = entry.split_whitespace();
                let Some(first) = parts.next() else { continue };
                let rest: Vec<&str> = parts.collect();
                if let Some(word) = first.strip_prefix('^') {
                    initial.insert(word);
                } else if rest.is_empty() {
                    words.insert(first);
                } else {
                    phrases.entry(first).or_default().push(rest);
                }
            }
            (
                code,
                TransitionLists {
                    words,
                    initial,
                    phrases,
                },
            )
        })
        .collect()
});

impl TransitionLists {
    /// The lists of a language by its primary code (`en`); `None` when it has none.
    pub fn for_language(code: &str) -> Option<&'static TransitionLists> {
        PARSED.iter().find(|(c, _)| *c == code).map(|(_, l)| l)
    }

    /// Where the sentence of `words` (as the word scanner gives them, any case) holds its first
    /// transition word or phrase: the index of its first word, or `None`.
    pub fn transition_at(&self, words: &[&str]) -> Option<usize> {
        (0..words.len()).find(|&i| {
            let w = normalize(words[i]);
            self.words.contains(w.as_ref())
                || (i == 0 && self.initial.contains(w.as_ref()))
                || self.phrases.get(w.as_ref()).is_some_and(|rests| {
                    rests.iter().any(|rest| {
                        words.len() > i + rest.len()
                            && rest.iter().zip(&words[i + 1..]).all(|(a, b)| *a == normalize(b))
                    })
                })
        })
    }

    /// Whether the sentence of `words` holds a transition word or phrase.
    pub fn has_transition(&self, words: &[&str]) -> bool {
        self.transition_at(words).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(sentence: &str) -> Option<usize> {
        let en = TransitionLists::for_language("en").expect("english lists");
        let words: Vec<&str> = crate::text::word_indices(sentence).map(|(_, w)| w).collect();
        en.transition_at(&words)
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

    #[test]
    fn knows_its_languages() {
        assert!(TransitionLists::for_language("en").is_some());
        assert!(TransitionLists::for_language("ru").is_none());
    }
}
