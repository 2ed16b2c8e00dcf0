//! Keyphrase occurrences over UAX #29 words: case-insensitive, with a plural or possessive on
//! the last word.

use super::words::words;

/// A keyphrase, lowercased and split into words. It occurs where its words stand as consecutive
/// words, case-insensitive; `'s`/`’s` and a plural `s`/`es` on the last word still match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyphrase {
    pub text: String,
    words: Vec<String>,
    /// By word: may it also stand inflected (see [`inflected`])? English word forms, for the
    /// words that are not function words ("the" would match "thing").
    forms: Vec<bool>,
}

/// How a keyphrase's words match the text's (config `keyword.match`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeywordMatch {
    /// The words as written; a plural or possessive on the last word.
    Exact,
    /// Also each word's English inflections, for English articles.
    #[default]
    Forms,
}

impl Keyphrase {
    pub fn new(text: &str) -> Option<Keyphrase> {
        let words: Vec<String> = words(text).map(|w| w.to_lowercase()).collect();
        (!words.is_empty()).then(|| Keyphrase {
            text: text.trim().to_string(),
            forms: vec![false; words.len()],
            words,
        })
    }

    /// The phrase, matching its words' English inflections too when `forms` is set.
    pub fn with_forms(mut self, forms: bool) -> Keyphrase {
        let function_words = super::lang::word_list(&super::lang::Language::english(), "function_words");
        self.forms = self
            .words
            .iter()
            .map(|w| forms && !function_words.is_some_and(|list| list.contains_word(w)))
            .collect();
        self
    }

    /// Does the phrase match English word forms?
    pub fn forms(&self) -> bool {
        self.forms.iter().any(|f| *f)
    }

    /// The phrase's words, lowercased.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Are `text`'s words the phrase and nothing else (a link text that is the keyphrase)?
    pub fn is_whole(&self, text: &str) -> bool {
        let seq: Vec<&str> = words(text).collect();
        seq.len() == self.words.len() && self.starts_at(|k| seq[k])
    }

    /// Does the phrase stand at the start of `seq`?
    pub fn starts(&self, seq: &[&str]) -> bool {
        seq.len() >= self.words.len() && self.starts_at(|k| seq[k])
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Occurrences in a word sequence (non-overlapping).
    pub fn count_in(&self, seq: &[&str]) -> usize {
        self.count_by(seq.len(), |i| seq[i])
    }

    /// Occurrences in a sequence of `len` words, word `i` being `word(i)` (non-overlapping). For
    /// word lists kept as spans, without collecting the texts.
    pub fn count_by<'s>(&self, len: usize, word: impl Fn(usize) -> &'s str) -> usize {
        self.count_by_first(len, |i| word(i).as_bytes().first().copied(), &word)
    }

    /// [`Keyphrase::count_by`], with `first(i)` the first byte of word `i`: a cheap look (no
    /// text made) that rejects most words.
    pub fn count_by_first<'s>(
        &self,
        len: usize,
        first: impl Fn(usize) -> Option<u8>,
        word: impl Fn(usize) -> &'s str,
    ) -> usize {
        let n = self.words.len();
        let key_first = self.first_byte();
        let mut count = 0;
        let mut i = 0;
        while i + n <= len {
            if rejects_first(key_first, first(i)) {
                i += 1;
                continue;
            }
            if self.starts_at(|k| word(i + k)) {
                count += 1;
                i += n;
            } else {
                i += 1;
            }
        }
        count
    }

    /// [`Keyphrase::count_by_first`] for a phrase of one word, over words given in order as their
    /// first byte and a closure for their text: a plain loop, without the index look-ups and the
    /// n-word logic (most keywords are one word, and every word of a document passes through
    /// here). `None` for a longer phrase.
    pub fn count_one_word<'s, F: FnOnce() -> &'s str>(&self, words: impl Iterator<Item = (u8, F)>) -> Option<usize> {
        let [key] = self.words.as_slice() else {
            return None;
        };
        let mut count = 0;
        let ascii = key.is_ascii();
        let forms = self.forms[0];
        let matches = |word: &str| word_matches_ascii_known(word, key, ascii, true, forms);
        match self.first_byte() {
            // [`rejects_first`] without its lowercasing: a word that matches has a non-ASCII first
            // byte, or one whose lowercase is the key's, and ORing 0x20 maps both cases of a letter
            // to the lowercase one. The test lets through a few bytes [`rejects_first`] rejects
            // (`@` for a key that starts with a backtick); the comparison turns them down.
            Some(key_first) => {
                let key_first = key_first | 0x20;
                for (first, word) in words {
                    if (first | 0x20 == key_first || first >= 0x80) && matches(word()) {
                        count += 1;
                    }
                }
            }
            None => {
                for (_, word) in words {
                    if matches(word()) {
                        count += 1;
                    }
                }
            }
        }
        Some(count)
    }

    /// The phrase's first byte when it is ASCII (see [`rejects_first`]).
    fn first_byte(&self) -> Option<u8> {
        self.words[0].as_bytes().first().copied().filter(u8::is_ascii)
    }

    /// Does the phrase occur in free text (a title, a slug, an alt text)?
    pub fn occurs_in(&self, text: &str) -> bool {
        if let [key] = self.words.as_slice() {
            // one word (most keywords): no window
            let key_first = self.first_byte();
            return words(text).any(|w| {
                !rejects_first(key_first, w.as_bytes().first().copied()) && word_matches(w, key, true, self.forms[0])
            });
        }
        // a window of the phrase's length slides over the words (no list of them all)
        let n = self.words.len();
        let mut window: std::collections::VecDeque<&str> = std::collections::VecDeque::with_capacity(n);
        words(text).any(|w| {
            if window.len() == n {
                window.pop_front();
            }
            window.push_back(w);
            window.len() == n && self.starts_at(|k| window[k])
        })
    }

    /// Do the phrase's words stand as words `word(0)`, `word(1)`, ...?
    fn starts_at<'s>(&self, word: impl Fn(usize) -> &'s str) -> bool {
        let n = self.words.len();
        self.words
            .iter()
            .enumerate()
            .all(|(k, key)| word_matches(word(k), key, k + 1 == n, self.forms[k]))
    }
}

/// Most words fail on their first byte: an ASCII first byte that differs from the phrase's ASCII
/// first letter (`key_first`) rejects a word without the full comparison (a non-ASCII first byte
/// may still lowercase to it).
#[inline(always)]
fn rejects_first(key_first: Option<u8>, first: Option<u8>) -> bool {
    matches!((key_first, first), (Some(f), Some(b)) if b.is_ascii() && b.to_ascii_lowercase() != f)
}

/// Is `word` the lowercase word `key`, ignoring case, or `key` with a plural or possessive (or,
/// with `forms`, an English inflection)?
pub fn word_matches_key(word: &str, key: &str, forms: bool) -> bool {
    word_matches(word, key, true, forms)
}

fn word_matches(word: &str, key: &str, last: bool, forms: bool) -> bool {
    word_matches_ascii_known(word, key, key.is_ascii(), last, forms)
}

/// Is `word` (lowercase) an English inflection of `key` (lowercase): `-s`/`-es`, `-ed`, `-ing`,
/// `-er`/`-est`, with the spelling rules (a final `e` dropped: bake, baking; a consonant doubled:
/// stop, stopped; `y` to `i`: copy, copies, easier) and a possessive? Keys under three letters
/// have none ("us" would match "used", "be" "bed").
pub fn inflected(word: &str, key: &str) -> bool {
    const ENDINGS: [&str; 4] = ["ed", "ing", "er", "est"];
    if key.chars().count() < 3 {
        return false;
    }
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word);
    if let Some(rest) = word.strip_prefix(key) {
        if matches!(rest, "s" | "es") || ENDINGS.contains(&rest) {
            return true;
        }
        if rest == "d" && key.ends_with('e') {
            return true;
        }
        // a doubled final consonant: stop, stopped, stopping
        let last = key.chars().last().unwrap_or(' ');
        let mut r = rest.chars();
        if r.next() == Some(last) && !"aeiouwxy".contains(last) && ENDINGS.contains(&r.as_str()) {
            return true;
        }
    }
    if let Some(stem) = key.strip_suffix('e') {
        // bake: baking, baked, baker, bakest
        return word
            .strip_prefix(stem)
            .is_some_and(|rest| ["ing", "ed", "er", "est"].contains(&rest));
    }
    if let Some(stem) = key.strip_suffix('y') {
        let consonant = stem.chars().last().is_some_and(|c| !"aeiou".contains(c));
        return consonant
            && word
                .strip_prefix(stem)
                .is_some_and(|rest| ["ies", "ied", "ier", "iest"].contains(&rest));
    }
    false
}

/// [`word_matches`], told whether `key` is ASCII (a loop over many words asks once).
#[inline(always)]
fn word_matches_ascii_known(word: &str, key: &str, key_ascii: bool, last: bool, forms: bool) -> bool {
    // an ASCII key (the common case), without allocation: each of its bytes comes from at least
    // one byte of a matching word (an ASCII letter, or the Kelvin sign's three for `k`), and a
    // suffix from one more, so a word no longer than the key matches only byte for byte
    if key_ascii {
        let (w, k) = (word.as_bytes(), key.as_bytes());
        let n = k.len();
        if w.len() < n {
            return false;
        }
        // the word's first bytes against the key's while they are ASCII: the word's lowercase
        // starts with theirs, so an ASCII byte that differs rules the word out whatever follows
        // (most words with the key's first letter: "that", "this" for "the")
        let mut i = 0;
        while i < n && w[i].is_ascii() {
            if !w[i].eq_ignore_ascii_case(&k[i]) {
                // a form may change the key's last letter (bake, baking; copy, copies)
                return forms && i + 1 == n && matches!(k[i], b'e' | b'y') && inflected(&word.to_lowercase(), key);
            }
            i += 1;
        }
        if i == n && forms && w.len() > n {
            let lower = word.to_lowercase();
            if inflected(&lower, key) {
                return true;
            }
        }
        if i == n {
            match w[n..] {
                [] => return true,
                [s] if s.is_ascii() => return last && s.eq_ignore_ascii_case(&b's'),
                [a, b] if a.is_ascii() && b.is_ascii() => {
                    return last
                        && matches!(
                            [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
                            [b'e', b's'] | [b'\'', b's'] | [b's', b'\'']
                        )
                }
                // a longer ASCII rest is no suffix; a non-ASCII one may be `’s`
                ref rest if rest.is_ascii() => return false,
                _ => {}
            }
        } else if w.len() == n || !(k[i] == b'k' && w[i..].starts_with(KELVIN.as_bytes())) {
            // a non-ASCII character where the key has an ASCII byte: with no byte to spare for
            // it, or when it is not the one that lowercases to that byte. Of the characters
            // whose lowercase starts with an ASCII one, only the Kelvin sign's is ASCII (`k`);
            // `İ`'s, `i` and U+0307, would put U+0307 where the key has an ASCII byte or a
            // suffix starts (test `only_the_kelvin_sign_lowercases_into_ascii`)
            return false;
        }
    }
    if eq_lower(word, key) {
        return true;
    }
    let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().next());
    if first(word) != first(key) {
        return false;
    }
    let lower = word.to_lowercase();
    if forms && inflected(&lower, key) {
        return true;
    }
    last && lower
        .strip_prefix(key)
        .is_some_and(|rest| matches!(rest, "s" | "es" | "'s" | "’s" | "s'" | "s’"))
}

/// KELVIN SIGN: the one non-ASCII character whose lowercase is ASCII (`k`).
const KELVIN: &str = "\u{212a}";

fn eq_lower(word: &str, lower: &str) -> bool {
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Xorshift;

    #[test]
    fn keyphrase_matching() {
        let k = Keyphrase::new("AWS Lambda").unwrap();
        let seq: Vec<&str> = words("Use aws lambda, then AWS Lambda's limits and two AWS Lambdas.").collect();
        assert_eq!(k.count_in(&seq), 3);
        let s = Keyphrase::new("serverless").unwrap();
        assert!(s.occurs_in("ultimate-guide-serverless-architecture"));
        assert!(!s.occurs_in("serverlessness"));
        let box_ = Keyphrase::new("box").unwrap();
        assert!(box_.occurs_in("two boxes"));
        assert!(Keyphrase::new("Größe").unwrap().occurs_in("GRÖSSE größe"));
    }

    #[test]
    fn word_forms() {
        let k = Keyphrase::new("brew cold coffee").unwrap().with_forms(true);
        let seq: Vec<&str> = words("Brewing cold coffees, brewed cold coffee's taste").collect();
        assert_eq!(k.count_in(&seq), 2);
        let exact = Keyphrase::new("brew cold coffee").unwrap();
        assert_eq!(exact.count_in(&seq), 0);
        for (key, word) in [
            ("bake", "baking"),
            ("bake", "baked"),
            ("bake", "baker"),
            ("stop", "stopped"),
            ("stop", "stopping"),
            ("copy", "copies"),
            ("copy", "copied"),
            ("easy", "easiest"),
            ("box", "boxes"),
            ("fast", "faster"),
            ("play", "played"),
            ("brew", "brewer's"),
        ] {
            assert!(inflected(word, key), "{word} of {key}");
            assert!(
                Keyphrase::new(key)
                    .unwrap()
                    .with_forms(true)
                    .occurs_in(&word.to_uppercase()),
                "{word}"
            );
        }
        let the = Keyphrase::new("the").unwrap().with_forms(true);
        assert!(!the.occurs_in("a thing"), "function words keep exact matching");
        for (key, word) in [
            ("us", "used"),
            ("be", "bed"),
            ("bake", "bakery"),
            ("play", "plaies"),
            ("stop", "stopsing"),
            ("brew", "brewery"),
            ("fix", "fixxed"),
        ] {
            assert!(!inflected(word, key), "{word} of {key}");
        }
        // the one-word loop agrees with the general one
        let one = Keyphrase::new("bake").unwrap().with_forms(true);
        let text: Vec<&str> = words("Bake, baking, BAKED, bakes, bakery, baker").collect();
        let first = |i: usize| text[i].as_bytes().first().copied();
        let general = one.count_by_first(text.len(), first, |i| text[i]);
        let fast = one.count_one_word(text.iter().map(|w| (w.as_bytes()[0], move || *w)));
        assert_eq!((general, fast), (5, Some(5)));
    }

    /// The byte-length shortcuts for an ASCII key against the plain definition: the word,
    /// lowercased, is the key, or (last word of a phrase) the key and a plural or possessive.
    #[test]
    fn word_matching_agrees_with_lowercasing() {
        let reference = |word: &str, key: &str, last: bool| {
            let lower = word.to_lowercase();
            lower == key
                || (last
                    && lower
                        .strip_prefix(key)
                        .is_some_and(|r| matches!(r, "s" | "es" | "'s" | "\u{2019}s" | "s'" | "s\u{2019}")))
        };
        let pieces = [
            "k", "K", "\u{212a}", "e", "E", "y", "s", "es", "ed", "ing", "ies", "er", "'", "\u{2019}", "\u{130}", "i",
            "\u{307}", "t", "\u{e9}",
        ];
        let mut rng = Xorshift(0x510e_527f_ade6_82d1);
        for _ in 0..20_000 {
            let word: String = (0..1 + rng.below(5)).map(|_| pieces[rng.below(pieces.len())]).collect();
            for key in ["key", "k", "keys", "i", "it", "t\u{e9}", "e", "kye", "eky", "tie"] {
                for last in [false, true] {
                    assert_eq!(
                        word_matches(&word, key, last, false),
                        reference(&word, key, last),
                        "{word:?} against {key:?} (last: {last})"
                    );
                    assert_eq!(
                        word_matches(&word, key, last, true),
                        reference(&word, key, last) || inflected(&word.to_lowercase(), key),
                        "{word:?} against {key:?} (last: {last}, forms)"
                    );
                }
            }
        }
    }

    /// `word_matches` turns down an ASCII key against a non-ASCII character other than the
    /// Kelvin sign without lowercasing: every character whose lowercase starts with an ASCII one.
    #[test]
    fn only_the_kelvin_sign_lowercases_into_ascii() {
        let into_ascii: Vec<(char, String)> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .map(|c| (c, c.to_lowercase().collect::<String>()))
            .filter(|(_, l)| l.as_bytes()[0].is_ascii())
            .collect();
        assert_eq!(
            into_ascii,
            [('\u{130}', "i\u{307}".to_string()), ('\u{212a}', "k".to_string())]
        );
    }

    #[test]
    fn occurs_in_agrees_with_counting_the_word_list() {
        let mut rng = Xorshift(0x3C6E_F372_FE94_F82B);
        let phrases = ["a", "ab", "a b", "b a b", "ab's", "Ä b"];
        for len in 0..60 {
            for _ in 0..10 {
                let text = rng.text("a b ab s's  äÄ,.", len);
                for p in phrases {
                    let k = Keyphrase::new(p).unwrap();
                    let seq: Vec<&str> = words(&text).collect();
                    assert_eq!(k.occurs_in(&text), k.count_in(&seq) > 0, "{p:?} in {text:?}");
                }
            }
        }
    }
}
