//! Keyphrase occurrences over UAX #29 words: case-insensitive, with a plural or possessive on
//! the last word.

use super::words::words;

/// A keyphrase, lowercased and split into words. It occurs where its words stand as consecutive
/// words, case-insensitive; `'s`/`’s` and a plural `s`/`es` on the last word still match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyphrase {
    pub text: String,
    words: Vec<String>,
}

impl Keyphrase {
    pub fn new(text: &str) -> Option<Keyphrase> {
        let words: Vec<String> = words(text).map(|w| w.to_lowercase()).collect();
        (!words.is_empty()).then(|| Keyphrase {
            text: text.trim().to_string(),
            words,
        })
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
        let matches = |word: &str| word_matches_ascii_known(word, key, ascii, true);
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
            return words(text)
                .any(|w| !rejects_first(key_first, w.as_bytes().first().copied()) && word_matches(w, key, true));
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
            .all(|(k, key)| word_matches(word(k), key, k + 1 == n))
    }
}

/// Most words fail on their first byte: an ASCII first byte that differs from the phrase's ASCII
/// first letter (`key_first`) rejects a word without the full comparison (a non-ASCII first byte
/// may still lowercase to it).
#[inline(always)]
fn rejects_first(key_first: Option<u8>, first: Option<u8>) -> bool {
    matches!((key_first, first), (Some(f), Some(b)) if b.is_ascii() && b.to_ascii_lowercase() != f)
}

/// Is `word` the lowercase word `key`, ignoring case, or `key` with a plural or possessive?
pub fn word_matches_key(word: &str, key: &str) -> bool {
    word_matches(word, key, true)
}

fn word_matches(word: &str, key: &str, last: bool) -> bool {
    word_matches_ascii_known(word, key, key.is_ascii(), last)
}

/// [`word_matches`], told whether `key` is ASCII (a loop over many words asks once).
#[inline(always)]
fn word_matches_ascii_known(word: &str, key: &str, key_ascii: bool, last: bool) -> bool {
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
                return false;
            }
            i += 1;
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
    if !last || first(word) != first(key) {
        return false;
    }
    let lower = word.to_lowercase();
    lower
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
            "k", "K", "\u{212a}", "e", "E", "y", "s", "es", "'", "\u{2019}", "\u{130}", "i", "\u{307}", "t", "\u{e9}",
        ];
        let mut rng = Xorshift(0x510e_527f_ade6_82d1);
        for _ in 0..20_000 {
            let word: String = (0..1 + rng.below(5)).map(|_| pieces[rng.below(pieces.len())]).collect();
            for key in ["key", "k", "keys", "i", "it", "t\u{e9}", "e"] {
                for last in [false, true] {
                    assert_eq!(
                        word_matches(&word, key, last),
                        reference(&word, key, last),
                        "{word:?} against {key:?} (last: {last})"
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
