//! Rules on the article's content.
pub mod checklist;
pub mod placeholder;
