//! Rules on the primary and secondary keywords.
pub mod density;
pub mod placement;
pub mod secondary;

use crate::diagnostic::Span;
use crate::document::{Document, Word};
use crate::rules::Context;
use crate::text::Keyphrase;

/// Where to point a finding about the keyword as a whole: its declaration in the file, else the
/// H1, else the top of the body.
pub fn keyword_anchor(ctx: &Context) -> Span {
    let doc = ctx.doc;
    ctx.req
        .keyword
        .as_ref()
        .and_then(|k| k.span)
        .or_else(|| doc.h1s().next().map(|h| h.text_span))
        .unwrap_or_else(|| doc.lines.line_span(&doc.source, doc.lines.line_of(doc.body_start)))
}

/// The phrase's occurrences among `words` (the document's, or a section's).
pub fn occurrences(doc: &Document, words: &[Word], phrase: &Keyphrase) -> usize {
    let source = doc.source.as_bytes();
    phrase.count_by_first(
        words.len(),
        |i| source.get(words[i].span.start).copied(),
        |i| doc.word_text(&words[i]),
    )
}
