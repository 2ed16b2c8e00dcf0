//! Rules on the article's structure: headings, table of contents, FAQ, key takeaways.
pub mod faq;
pub mod faq_schema;
pub mod heading_h1;
pub mod heading_increment;
pub mod key_takeaways;
pub mod required_section;
pub mod toc_coverage;
pub mod toc_link;

use crate::document::{Document, Heading, Section};

/// The FAQ section (an H2 "Frequently Asked Questions" or "FAQ") and its H3 questions.
pub fn faq_section(doc: &Document) -> Option<(&Section, Vec<&Heading>)> {
    let section = doc.section_where(|h| h.level == 2 && h.is_faq())?;
    let questions = doc
        .headings
        .iter()
        .filter(|h| h.level == 3 && section.total.covers(h.span))
        .collect();
    Some((section, questions))
}

/// Compare FAQ texts loosely: whitespace collapsed, case ignored.
pub fn same_text(a: &str, b: &str) -> bool {
    text_key(a) == text_key(b)
}

/// A FAQ text as `same_text` compares it, to look texts up by.
pub fn text_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
