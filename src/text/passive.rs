//! The passive voice, one sentence at a time: a form of "be" followed, past at most a few
//! adverbs ("is not always", "was being"), by a past participle (a regular -ed form or one of the
//! language's irregular participles). The words are read through the language's [`Lexicon`];
//! the lists are data under `rules/lang/<code>/`.

#[cfg(test)]
use super::lexicon::Lexicon;
use super::lexicon::WordClass;

/// At most this many words may stand between the auxiliary and the participle.
const MAX_BETWEEN: usize = 3;

/// Where a sentence, given as its words' classes, is in the passive: the index of the participle
/// of its first passive, or `None`.
pub fn passive_at(words: &[WordClass]) -> Option<usize> {
    for i in 0..words.len() {
        if !words[i].is(WordClass::AUXILIARY) {
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && j - i <= MAX_BETWEEN && words[j].is(WordClass::BETWEEN) {
            j += 1;
        }
        if words.get(j).is_some_and(|w| w.is(WordClass::PARTICIPLE)) {
            return Some(j);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Language;

    fn classes(words: &[&str]) -> Vec<WordClass> {
        let en = Lexicon::for_language(&Language::english()).expect("english lists");
        words.iter().map(|w| en.classify(w)).collect()
    }

    fn passive(sentence: &str) -> bool {
        let words: Vec<&str> = crate::text::word_indices(sentence).map(|(_, w)| w).collect();
        passive_at(&classes(&words)).is_some()
    }

    #[test]
    fn finds_the_be_passive() {
        for s in [
            "The starter was fed twice a day.",
            "The loaf is baked at 230 degrees.",
            "Mistakes were made.",
            "The bridge is being built by a local firm.",
            "The flour has been weighed already.",
            "The oven was fixed last week.",
            "The dough is not always kneaded by hand.",
            "It\u{2019}s written in Rust.",
            "Which flour was used?",
            "THE RECIPE WAS CHANGED.",
        ] {
            assert!(passive(s), "{s:?} is passive");
        }
    }

    #[test]
    fn leaves_the_active_voice_alone() {
        for s in [
            "The baker feeds the starter twice a day.",
            "The loaf is red and round.",
            "There were a hundred loaves.",
            "She was a talented baker.",
            "Get started with a simple loaf.",
            // the get-passive is left out: "get" mostly stands before an -ed adjective
            "You get detailed logs.",
            "We need more flour, indeed.",
            "It is gone.",
            "The dough was in the bowl when we baked it.",
            "",
        ] {
            assert!(!passive(s), "{s:?} is active");
        }
    }

    #[test]
    fn points_at_the_participle_past_at_most_three_words() {
        assert_eq!(
            passive_at(&classes(&["The", "cake", "was", "quickly", "eaten"])),
            Some(4)
        );
        assert_eq!(
            passive_at(&classes(&["It", "was", "not", "only", "now", "then", "baked"])),
            None
        );
    }
}
