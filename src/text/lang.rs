//! Word lists by language: one folder a language under `rules/lang/`, embedded at build time, so a
//! second language is a data file and a line in [`LISTS`], not code in the rules.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The lists of one language.
pub struct Language {
    /// The code the lists are filed under (`en`).
    pub code: &'static str,
    /// Closed-class words (articles, pronouns, prepositions, auxiliaries...): what a keyphrase
    /// holds beside its content words.
    pub function_words: HashSet<&'static str>,
}

impl Language {
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words
            .contains(word.to_lowercase().replace('\u{2019}', "'").as_str())
    }
}

/// Every language with lists: its code and its files' text.
const LISTS: &[(&str, &str)] = &[("en", include_str!("../../rules/lang/en/function_words.txt"))];

static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    LISTS
        .iter()
        .map(|(code, function_words)| Language {
            code,
            function_words: entries(function_words).collect(),
        })
        .collect()
});

/// The entries of a list file: one a line, `#` comments and blank lines skipped.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The primary language subtag of a language tag or name, lowercased: `en-US`, `en_GB`, `EN`,
/// `English` give `en`.
pub fn language_code(tag: &str) -> String {
    let tag = tag.trim().to_lowercase();
    let primary = tag.split(['-', '_', '.']).next().unwrap_or_default();
    match primary {
        "english" => "en".to_string(),
        _ => primary.to_string(),
    }
}

/// The lists of the language `tag` names (a tag or a name, see [`language_code`]); `None` when
/// seolint has none for it.
pub fn language(tag: &str) -> Option<&'static Language> {
    let code = language_code(tag);
    LANGUAGES.iter().find(|l| l.code == code)
}

/// English: the language of an article that does not say.
pub fn english() -> &'static Language {
    // LISTS starts with English; a test keeps it so
    &LANGUAGES[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_names_find_the_lists() {
        for tag in ["en", "en-US", "en_GB", "EN", "English", " en-gb "] {
            assert_eq!(language(tag).map(|l| l.code), Some("en"), "{tag:?}");
        }
        assert!(language("de-DE").is_none());
        assert!(language("").is_none());
        assert_eq!(english().code, "en");
    }

    #[test]
    fn function_words_are_lowercase_single_words() {
        let en = english();
        assert!(en.function_words.len() > 150);
        for w in &en.function_words {
            assert_eq!(*w, w.to_lowercase(), "{w:?}");
            assert!(!w.contains(char::is_whitespace), "{w:?}");
        }
        assert!(en.is_function_word("The"));
        assert!(en.is_function_word("Don\u{2019}t"));
        assert!(!en.is_function_word("coffee"));
    }
}
