//! The passive voice, one sentence at a time: a form of "be" followed, past at most a few
//! adverbs ("is not always", "was being"), by a past participle (a regular -ed form or one of the
//! language's irregular participles). The language's lists are data under `rules/lang/<code>/`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The lists that find the passive in one language.
#[derive(Debug)]
pub struct PassiveLists {
    /// Forms of the auxiliaries ("is", "were", "got").
    auxiliaries: HashSet<&'static str>,
    /// Past participles that do not end in -ed ("written").
    irregular: HashSet<&'static str>,
    /// Words in -ed that are no participle ("hundred").
    not_participles: HashSet<&'static str>,
}

/// Every language with passive lists: (code, auxiliaries, irregular participles, -ed words that are
/// no participle).
const LISTS: &[(&str, &str, &str, &str)] = &[(
    "en",
    include_str!("../../rules/lang/en/passive_auxiliaries.txt"),
    include_str!("../../rules/lang/en/irregular_participles.txt"),
    include_str!("../../rules/lang/en/not_participles.txt"),
)];

static PARSED: LazyLock<Vec<(&'static str, PassiveLists)>> = LazyLock::new(|| {
    LISTS
        .iter()
        .map(|&(code, aux, irregular, not)| {
            let lists = PassiveLists {
                auxiliaries: entries(aux).collect(),
                irregular: entries(irregular).collect(),
                not_participles: entries(not).collect(),
            };
            (code, lists)
        })
        .collect()
});

/// The entries of a list file: one a line, `#` comments and blank lines skipped.
pub(crate) fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A word as the lists hold it: lowercased, a typographic apostrophe written `'`; borrowed when
/// it is already so (most words), so the scan allocates nothing for them.
pub(crate) fn normalize(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(word);
    }
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => s.push('\''),
            c => s.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(s)
}

/// Words that may stand between the auxiliary and the participle ("is not always used").
fn is_between(word: &str) -> bool {
    const BETWEEN: &[&str] = &[
        "not",
        "never",
        "also",
        "still",
        "already",
        "just",
        "often",
        "always",
        "now",
        "then",
        "even",
        "all",
        "both",
        "each",
        "further",
        "being",
        "been",
        "be",
        "rarely",
        "seldom",
        "sometimes",
        "usually",
        "mostly",
        "only",
        "generally",
        "then",
        "thus",
        "therefore",
    ];
    BETWEEN.contains(&word) || (word.len() > 4 && word.ends_with("ly"))
}

/// How many words may stand between the auxiliary and the participle.
const MAX_BETWEEN: usize = 3;

impl PassiveLists {
    /// The lists of a language by its primary code (`en`); `None` when it has none.
    pub fn for_language(code: &str) -> Option<&'static PassiveLists> {
        PARSED.iter().find(|(c, _)| *c == code).map(|(_, l)| l)
    }

    fn is_participle(&self, word: &str) -> bool {
        self.irregular.contains(word)
            || (word.len() >= 4
                && word.ends_with("ed")
                && word.bytes().all(|b| b.is_ascii_alphabetic())
                && !self.not_participles.contains(word))
    }

    /// Where the sentence of `words` (as the word scanner gives them, any case) is in the passive:
    /// the index of the participle of its first passive, or `None`.
    pub fn passive_at(&self, words: &[&str]) -> Option<usize> {
        for i in 0..words.len() {
            if !self.auxiliaries.contains(normalize(words[i]).as_ref()) {
                continue;
            }
            let mut j = i + 1;
            while j < words.len() && j - i <= MAX_BETWEEN && is_between(&normalize(words[j])) {
                j += 1;
            }
            if words.get(j).is_some_and(|w| self.is_participle(&normalize(w))) {
                return Some(j);
            }
        }
        None
    }

    /// Whether the sentence of `words` holds a passive.
    pub fn is_passive(&self, words: &[&str]) -> bool {
        self.passive_at(words).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passive(sentence: &str) -> bool {
        let en = PassiveLists::for_language("en").expect("english lists");
        let words: Vec<&str> = crate::text::word_indices(sentence).map(|(_, w)| w).collect();
        en.is_passive(&words)
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
    fn points_at_the_participle_and_knows_its_languages() {
        let en = PassiveLists::for_language("en").expect("english lists");
        assert_eq!(en.passive_at(&["The", "cake", "was", "quickly", "eaten"]), Some(4));
        assert!(PassiveLists::for_language("de").is_none());
    }
}
