//! Text measures shared by the rules, as DESIGN section 4 defines them: words and reading time
//! (`words`), keyphrase occurrences (`keyphrase`), numbers as messages write them (`format`),
//! percent-decoding (`percent`), languages and their word lists (`lang`), those lists merged into
//! one lookup a word (`lexicon`), syllables (`syllables`), the passive voice (`passive`) and
//! transition words (`transitions`).

mod format;
mod keyphrase;
pub mod lang;
mod lexicon;
mod passive;
mod percent;
mod syllables;
mod transitions;
mod words;

pub use format::{number, plural, range, thousands};
pub use keyphrase::{inflected, word_matches_key, Keyphrase, KeywordMatch};
pub use lang::{word_list, Language, WordList};
pub use lexicon::{Lexicon, WordClass};
pub use passive::passive_at;
pub use percent::{percent_decode, percent_decode_bytes};
pub use syllables::syllables;
pub use transitions::transition_at;
pub(crate) use words::load16;
pub use words::{fast_word_bounds, reading_minutes, word_indices, words, AsciiCopy, WORDS_PER_MINUTE};
