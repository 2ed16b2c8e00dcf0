//! Rules on how long the article and its sections are.
pub mod reading_time;
pub mod section_word_count;
pub mod word_count;
