//! Rules on the article's content.
pub mod placeholder;
