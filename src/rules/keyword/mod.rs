//! Rules on the primary and secondary keywords.
pub mod density;
pub mod placement;
pub mod secondary;

use crate::diagnostic::Span;
use crate::rules::Context;

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

/// The prose words of the document as text slices.
pub fn prose_words<'d>(ctx: &Context<'d>) -> Vec<&'d str> {
    let doc = ctx.doc;
    doc.words.iter().map(|w| doc.word_text(w)).collect()
}
