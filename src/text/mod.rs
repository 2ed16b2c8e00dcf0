//! Text measures shared by the rules, as DESIGN section 4 defines them: words and reading time
//! (`words`), keyphrase occurrences (`keyphrase`), numbers as messages write them (`format`), and
//! percent-decoding (`percent`).

mod format;
mod keyphrase;
mod percent;
mod words;

pub use format::{number, plural, range, thousands};
pub use keyphrase::Keyphrase;
pub use percent::percent_decode;
pub(crate) use words::load16;
pub use words::{fast_word_bounds, reading_minutes, word_indices, AsciiCopy, WORDS_PER_MINUTE};
