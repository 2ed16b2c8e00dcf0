//! Text measures shared by the rules, as DESIGN section 4 defines them: words and reading time
//! (`words`), keyphrase occurrences (`keyphrase`), numbers as messages write them (`format`),
//! percent-decoding (`percent`), languages and their word lists (`lang`), and syllables
//! (`syllables`).

mod format;
mod keyphrase;
pub mod lang;
mod percent;
mod syllables;
mod words;

pub use format::{number, plural, range, thousands};
pub use keyphrase::Keyphrase;
pub use lang::{word_list, Language, WordList};
pub use percent::percent_decode;
pub use syllables::syllables;
pub(crate) use words::load16;
pub use words::{fast_word_bounds, reading_minutes, word_indices, AsciiCopy, WORDS_PER_MINUTE};
