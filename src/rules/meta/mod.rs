//! Rules on the page's meta data: title and description.
pub mod description_length;
pub mod title_length;

use crate::diagnostic::Span;
use crate::document::Document;

/// A meta text and where it stands.
pub struct MetaText<'d> {
    pub text: &'d str,
    pub span: Span,
    /// Where it was taken from, for messages: "front matter `title`", "H1".
    pub origin: String,
}

/// The value of the first front matter key of `keys` that holds a string, with its value span
/// (quotes excluded).
pub fn front_matter_text<'d>(doc: &'d Document, keys: &[&str]) -> Option<MetaText<'d>> {
    let fm = doc.front_matter.as_ref()?;
    for key in keys {
        let Some(text) = fm.get_str(key) else { continue };
        let span = fm.entry(key).map_or(fm.span, |e| unquote(doc, e.value_span));
        return Some(MetaText {
            text,
            span,
            origin: format!("front matter `{key}`"),
        });
    }
    None
}

/// Drop surrounding quotes from a value span.
pub fn unquote(doc: &Document, span: Span) -> Span {
    let t = doc.text(span);
    let b = t.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}
