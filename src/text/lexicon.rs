//! A language's word lists as one lookup, so each word of an article is read once: what it is to
//! the readability rules (a passive auxiliary, a participle, a transition, a sentence opener) and
//! how many syllables it has. The lists stay data under `rules/lang/<code>/` (see `lang`); this
//! only merges them.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::lang::{languages, word_list, Language, WordList};
use super::syllables::syllables;

/// What the lists say of one word, and its syllables (English only; 0 elsewhere).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass {
    flags: u16,
    syllables: u8,
}

impl WordClass {
    /// A form of the passive's auxiliary ("is", "were").
    pub const AUXILIARY: u16 = 1;
    /// A word that may stand between the auxiliary and its participle ("not", "always").
    pub const BETWEEN: u16 = 1 << 1;
    /// A past participle: an irregular one, or a word in -ed that is not on the list of -ed words
    /// that are none ("hundred").
    pub const PARTICIPLE: u16 = 1 << 2;
    /// A transition word wherever it stands ("however").
    pub const TRANSITION: u16 = 1 << 3;
    /// A transition word only as a sentence's first word ("first").
    pub const INITIAL_TRANSITION: u16 = 1 << 4;
    /// The first word of a transition phrase ("as" of "as a result").
    pub const PHRASE_START: u16 = 1 << 5;
    /// The second word of a transition phrase ("a" of "as a result"): a phrase is only looked
    /// for where one follows a [`WordClass::PHRASE_START`].
    pub const PHRASE_NEXT: u16 = 1 << 8;
    /// A word that opens a sentence without saying what it is about ("the", "this").
    pub const OPENER: u16 = 1 << 6;
    /// Written with white space inside (a word the tokenizer joined): the Flesch score skips it.
    pub const SPACED: u16 = 1 << 7;
    /// A URL or an e-mail address shown as text (one word, see DESIGN's words): it has no
    /// syllables to count, so the Flesch score skips it too.
    pub const URL: u16 = 1 << 9;

    pub fn is(self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    pub fn syllables(self) -> u32 {
        u32::from(self.syllables)
    }
}

/// An -ed word that is no participle ("hundred"): only the lexicon sees this mark.
const NOT_PARTICIPLE: u16 = 1 << 15;

/// One language's lists, merged. [`Lexicon::has`] says which lists the language has, so a rule
/// can say once that it cannot measure an article instead of guessing.
#[derive(Debug)]
pub struct Lexicon {
    code: &'static str,
    words: FxHashMap<&'static str, u16>,
    /// Transition phrases by their first word: the words that must follow it.
    phrases: FxHashMap<&'static str, Vec<Vec<&'static str>>>,
    english_syllables: bool,
}

impl Lexicon {
    /// The lexicon of `language` (by its primary tag); `None` when it has no lists at all.
    pub fn for_language(language: &Language) -> Option<&'static Lexicon> {
        static ALL: OnceLock<Vec<Lexicon>> = OnceLock::new();
        ALL.get_or_init(|| languages().map(Lexicon::build).collect())
            .iter()
            .find(|l| l.code == language.primary())
    }

    fn build(code: &'static str) -> Lexicon {
        let language = Language::parse(code).unwrap_or_default();
        let list = |name: &str| word_list(&language, name).map_or(&[][..], WordList::entries);
        let mut words: FxHashMap<&'static str, u16> = FxHashMap::default();
        let mut mark = |entries: &[&'static str], flag: u16| {
            for &e in entries {
                *words.entry(e).or_default() |= flag;
            }
        };
        mark(list("passive_auxiliaries"), WordClass::AUXILIARY);
        mark(list("passive_between"), WordClass::BETWEEN);
        mark(list("irregular_participles"), WordClass::PARTICIPLE);
        mark(list("sentence_openers"), WordClass::OPENER);
        let mut phrases: FxHashMap<&'static str, Vec<Vec<&'static str>>> = FxHashMap::default();
        for &entry in list("transition_words") {
            let mut parts = entry.split_whitespace();
            let Some(first) = parts.next() else { continue };
            let rest: Vec<&str> = parts.collect();
            if let Some(word) = first.strip_prefix('^') {
                mark(&[word], WordClass::INITIAL_TRANSITION);
            } else if rest.is_empty() {
                mark(&[first], WordClass::TRANSITION);
            } else {
                mark(&[first], WordClass::PHRASE_START);
                mark(&rest[..1], WordClass::PHRASE_NEXT);
                phrases.entry(first).or_default().push(rest);
            }
        }
        mark(list("not_participles"), NOT_PARTICIPLE);
        Lexicon {
            code,
            words,
            phrases,
            english_syllables: code == "en",
        }
    }

    /// Whether the language has the list `name` (`"transition_words"`).
    pub fn has(&self, name: &str) -> bool {
        Language::parse(self.code).is_some_and(|l| word_list(&l, name).is_some())
    }

    /// What the lists say of `word` as written.
    pub fn classify(&self, word: &str) -> WordClass {
        // one look at each byte for what a plain word lacks
        if word
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b == b':' || b == b'@' || b == b'.')
        {
            if word.bytes().any(|b| b.is_ascii_whitespace()) {
                return WordClass {
                    flags: WordClass::SPACED,
                    syllables: 0,
                };
            }
            if word.contains("://") || word.contains('@') || word.starts_with("www.") {
                return WordClass {
                    flags: WordClass::URL,
                    syllables: 0,
                };
            }
        }
        let key = normalize(word);
        let key = key.as_ref();
        let listed = self.words.get(key).copied().unwrap_or(0);
        let mut flags = listed & !NOT_PARTICIPLE;
        let regular_participle = key.len() >= 4
            && key.ends_with("ed")
            && key.bytes().all(|b| b.is_ascii_alphabetic())
            && listed & NOT_PARTICIPLE == 0;
        if regular_participle {
            flags |= WordClass::PARTICIPLE;
        }
        if key.len() > 4 && key.ends_with("ly") {
            flags |= WordClass::BETWEEN;
        }
        let syllables = if self.english_syllables {
            u8::try_from(syllables(word)).unwrap_or(u8::MAX)
        } else {
            0
        };
        WordClass { flags, syllables }
    }

    /// Runs `f` with a [`Memory`] of this lexicon's classes on this thread, so the words an
    /// article repeats, and the common words of earlier articles, are not read again.
    pub fn remembering<R>(&self, f: impl FnOnce(&mut Memory) -> R) -> R {
        thread_local! {
            static SEEN: RefCell<FxHashMap<&'static str, Seen>> = RefCell::new(FxHashMap::default());
        }
        SEEN.with_borrow_mut(|all| {
            let seen = all.entry(self.code).or_insert_with(Seen::new);
            f(&mut Memory { lexicon: self, seen })
        })
    }

    /// The words that must follow `first` (as written) to make a transition phrase.
    pub fn phrases_after(&self, first: &str) -> &[Vec<&'static str>] {
        self.phrases.get(normalize(first).as_ref()).map_or(&[], Vec::as_slice)
    }
}

/// Whether `written` is the list entry `entry` (lowercase) in any case, as [`normalize`] reads it,
/// without copying an ASCII word.
pub(crate) fn same_word(entry: &str, written: &str) -> bool {
    if written.is_ascii() {
        written.eq_ignore_ascii_case(entry)
    } else {
        normalize(written) == entry
    }
}

/// The classes of the words a thread has classified (see [`Lexicon::remembering`]).
pub struct Memory<'a> {
    lexicon: &'a Lexicon,
    seen: &'a mut Seen,
}

/// Recently classified words up to 15 bytes (nearly all), each its own key, in a table small
/// enough to stay in the processor's cache: a word's slot is fixed by its key, and a newer word
/// takes it over. A longer word is rare enough to read again.
struct Seen {
    slots: Vec<(u128, WordClass)>,
}

/// Slots of a [`Seen`] table (a power of two): 256 KB.
const SLOTS: usize = 1 << 13;

impl Seen {
    fn new() -> Seen {
        // key 0 is no word's: a key holds its word's length, at least 1
        Seen {
            slots: vec![(0, WordClass::default()); SLOTS],
        }
    }
}

impl Memory<'_> {
    /// [`Lexicon::classify`] of the word at `at` in `text`, remembered.
    pub fn classify(&mut self, text: &str, at: std::ops::Range<usize>) -> WordClass {
        let word = |at: std::ops::Range<usize>| text.get(at).unwrap_or_default();
        let Some(key) = short_key(text.as_bytes(), at.clone()) else {
            return self.lexicon.classify(word(at));
        };
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let slot = (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize;
        match self.seen.slots.get_mut(slot) {
            Some((k, class)) if *k == key => *class,
            Some(entry) => {
                let class = self.lexicon.classify(word(at));
                *entry = (key, class);
                class
            }
            None => self.lexicon.classify(word(at)),
        }
    }
}

/// The word at `at` in `text` as one number when it has at most 15 bytes: its bytes, then its
/// length in the last byte. Read in one load where the text goes on for 16 bytes.
fn short_key(text: &[u8], at: std::ops::Range<usize>) -> Option<u128> {
    let len = at.len();
    if len == 0 || len > 15 {
        return None;
    }
    let chunk: [u8; 16] = match text.get(at.start..at.start + 16) {
        Some(s) => s.try_into().ok()?,
        None => {
            let mut chunk = [0u8; 16];
            chunk.get_mut(..len)?.copy_from_slice(text.get(at)?);
            chunk
        }
    };
    let bytes = u128::from_le_bytes(chunk) & ((1u128 << (8 * len)) - 1);
    Some(bytes | (len as u128) << 120)
}

/// A word as the lists hold it: lowercased, a typographic apostrophe written `'`; borrowed when
/// it is already so (most words), so the scan allocates nothing for them.
pub(crate) fn normalize(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        return Cow::Owned(word.to_ascii_lowercase());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lookup_answers_every_list() {
        let en = Lexicon::for_language(&Language::english()).expect("english");
        let c = |w: &str| en.classify(w);
        assert!(c("Was").is(WordClass::AUXILIARY) && c("it\u{2019}s").is(WordClass::AUXILIARY));
        assert!(c("written").is(WordClass::PARTICIPLE) && c("baked").is(WordClass::PARTICIPLE));
        assert!(!c("hundred").is(WordClass::PARTICIPLE) && !c("red").is(WordClass::PARTICIPLE));
        assert!(c("always").is(WordClass::BETWEEN) && c("quickly").is(WordClass::BETWEEN));
        assert!(!c("fly").is(WordClass::BETWEEN));
        assert!(c("However").is(WordClass::TRANSITION));
        assert!(c("first").is(WordClass::INITIAL_TRANSITION) && !c("first").is(WordClass::TRANSITION));
        assert!(c("as").is(WordClass::PHRASE_START));
        assert!(en.phrases_after("As").iter().any(|r| r == &["a", "result"]));
        assert!(c("The").is(WordClass::OPENER));
        assert_eq!((c("reading").syllables(), c("e. g.").is(WordClass::SPACED)), (2, true));
        for url in ["https://example.com/a/b", "www.example.com", "team@example.com"] {
            assert_eq!((c(url).is(WordClass::URL), c(url).syllables()), (true, 0), "{url}");
        }
        assert!(en.has("transition_words") && !en.has("no_such_list"));
    }

    #[test]
    fn memory_answers_what_the_lexicon_does() {
        let en = Lexicon::for_language(&Language::english()).expect("english");
        // a long word, a word ending the text (its key cannot be read in one load), repeats
        let text = "The loaf was baked; however, internationalization is hard and the loaf was";
        let words: Vec<(usize, &str)> = crate::text::word_indices(text).collect();
        for _ in 0..2 {
            en.remembering(|memory| {
                for &(at, w) in &words {
                    assert_eq!(memory.classify(text, at..at + w.len()), en.classify(w), "{w}");
                }
            });
        }
        assert_eq!(short_key(b"was", 0..3), short_key(b"wasp", 0..3));
        assert_ne!(short_key(b"was", 0..3), short_key(b"wasp", 0..4));
        assert_eq!(short_key(b"internationalization", 0..20), None);
    }

    #[test]
    fn languages_without_lists_have_no_lexicon() {
        assert!(Lexicon::for_language(&Language::parse("de").expect("tag")).is_none());
        assert!(Lexicon::for_language(&Language::parse("en-GB").expect("tag")).is_some());
    }
}
