//! Readability: how the prose reads, measured on the Document's sentences (`document::prose`).

pub mod passive_voice;
mod share;
pub mod transition_words;
