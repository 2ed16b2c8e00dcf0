//! Text measures shared by the rules, as DESIGN section 4 defines them: words and reading time
//! (`words`), keyphrase occurrences (`keyphrase`), word lists by language (`lang`), numbers as messages write them (`format`), and
//! percent-decoding (`percent`).

mod format;
mod keyphrase;
pub mod lang;
mod percent;
mod words;

pub use format::{number, plural, range, thousands};
pub use keyphrase::{inflected, word_matches_key, Keyphrase, KeywordMatch};
pub use percent::percent_decode;
pub(crate) use words::load16;
pub use words::{fast_word_bounds, reading_minutes, word_indices, words, AsciiCopy, WORDS_PER_MINUTE};
