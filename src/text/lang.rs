//! Languages and their word lists. A language is data, not code: one folder per language under
//! `rules/lang/` (`rules/lang/en/abbreviations.txt`), embedded here by name; a rule asks for a
//! list by the article's language and says so once when that language has none.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// An article's language as a tag (`en`, `en-us`, `pt-br`): lowercased, `_` written `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    tag: String,
}

impl Default for Language {
    fn default() -> Self {
        Language::english()
    }
}

impl Language {
    pub fn english() -> Language {
        Language { tag: "en".to_string() }
    }

    /// The language a tag names (`en`, `en-US`, `en_GB`, `de`); `None` for an empty tag or one
    /// whose first part is not 2-3 letters.
    pub fn parse(tag: &str) -> Option<Language> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or("");
        let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        ok.then_some(Language { tag })
    }

    /// The whole tag, normalized: `en-gb`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The language without its region: `en` of `en-gb`.
    pub fn primary(&self) -> &str {
        self.tag.split('-').next().unwrap_or(&self.tag)
    }

    pub fn is_english(&self) -> bool {
        self.primary() == "en"
    }
}

/// Every embedded list: (language, list name, text).
const LISTS: &[(&str, &str, &str)] = &[
    (
        "en",
        "abbreviations",
        include_str!("../../rules/lang/en/abbreviations.txt"),
    ),
    (
        "en",
        "sentence_openers",
        include_str!("../../rules/lang/en/sentence_openers.txt"),
    ),
    (
        "en",
        "function_words",
        include_str!("../../rules/lang/en/function_words.txt"),
    ),
    (
        "en",
        "syllable_exceptions",
        include_str!("../../rules/lang/en/syllable_exceptions.txt"),
    ),
    (
        "en",
        "passive_auxiliaries",
        include_str!("../../rules/lang/en/passive_auxiliaries.txt"),
    ),
    (
        "en",
        "passive_between",
        include_str!("../../rules/lang/en/passive_between.txt"),
    ),
    (
        "en",
        "irregular_participles",
        include_str!("../../rules/lang/en/irregular_participles.txt"),
    ),
    (
        "en",
        "not_participles",
        include_str!("../../rules/lang/en/not_participles.txt"),
    ),
    (
        "en",
        "transition_words",
        include_str!("../../rules/lang/en/transition_words.txt"),
    ),
];

/// The languages that have lists, each once, in [`LISTS`] order.
pub(crate) fn languages() -> impl Iterator<Item = &'static str> {
    LISTS
        .iter()
        .enumerate()
        .filter(|&(i, (lang, _, _))| !LISTS[..i].iter().any(|(l, _, _)| l == lang))
        .map(|(_, (lang, _, _))| *lang)
}

/// A word list: its entries, lowercased, one a line, `#` comments and blank lines skipped.
#[derive(Debug, Default)]
pub struct WordList {
    entries: Vec<&'static str>,
    set: FxHashSet<&'static str>,
}

impl WordList {
    fn parse(text: &'static str) -> WordList {
        let entries: Vec<&'static str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let set = entries.iter().copied().collect();
        WordList { entries, set }
    }

    /// The entries in file order.
    pub fn entries(&self) -> &[&'static str] {
        &self.entries
    }

    /// Whether `entry` (already lowercased) is in the list.
    pub fn contains(&self, entry: &str) -> bool {
        self.set.contains(entry)
    }

    /// Whether a word as written is in the list: lowercased, a curly apostrophe read as `'`.
    pub fn contains_word(&self, word: &str) -> bool {
        self.set.contains(word.to_lowercase().replace('\u{2019}', "'").as_str())
    }
}

/// The list `name` of `language` (by its primary tag), parsed on first use; `None` when the
/// language has no such list.
pub fn word_list(language: &Language, name: &str) -> Option<&'static WordList> {
    static PARSED: OnceLock<Vec<OnceLock<WordList>>> = OnceLock::new();
    let cells = PARSED.get_or_init(|| LISTS.iter().map(|_| OnceLock::new()).collect());
    let i = LISTS
        .iter()
        .position(|&(lang, list, _)| lang == language.primary() && list == name)?;
    let (_, _, text) = LISTS[i];
    Some(cells.get(i)?.get_or_init(|| WordList::parse(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_normalize_and_name_their_language() {
        for (tag, want, english) in [
            ("en", Some("en"), true),
            ("en-US", Some("en-us"), true),
            (" en_GB ", Some("en-gb"), true),
            ("de", Some("de"), false),
            ("", None, false),
            ("english", None, false),
            ("e1", None, false),
        ] {
            let l = Language::parse(tag);
            assert_eq!(l.as_ref().map(Language::tag), want, "{tag:?}");
            assert_eq!(l.is_some_and(|l| l.is_english()), english, "{tag:?}");
        }
    }

    #[test]
    fn lists_load_by_primary_language() {
        let en_gb = Language::parse("en_GB").expect("tag");
        let abbr = word_list(&en_gb, "abbreviations").expect("english abbreviations");
        assert!(abbr.contains("dr") && abbr.contains("etc"));
        assert!(!abbr.contains("#"));
        assert!(word_list(&Language::parse("fr").expect("tag"), "abbreviations").is_none());
        assert!(word_list(&en_gb, "no-such-list").is_none());
    }
}
