//! Rules on links: how many, where, and what their text says.
pub mod cluster_links;
pub mod external_links;
pub mod internal_links;
pub mod link_text;

use crate::diagnostic::Span;
use crate::document::{Document, Link, LinkKind};
use crate::requirements::Threshold;
use crate::rules::keyword::keyword_anchor;
use crate::rules::Context;
use crate::text::{number, plural};

/// Links a reader can follow: not inside comments (HTML or Hugo comment shortcodes).
pub fn visible_links(doc: &Document) -> impl Iterator<Item = &Link> {
    doc.links.iter().filter(|l| !l.hidden)
}

/// Shared check of "at least N links of `kind`" with N from the document or config.
pub fn check_minimum(ctx: &mut Context, kind: LinkKind, what: &str, help: &str) {
    let Some(Threshold {
        value: min,
        source,
        span,
    }) = ctx.threshold("min")
    else {
        return;
    };
    let count = visible_links(ctx.doc).filter(|l| l.kind == kind).count();
    if count as f64 >= min {
        return;
    }
    let at: Span = span.unwrap_or_else(|| keyword_anchor(ctx));
    let d = ctx
        .diagnostic(
            at,
            format!(
                "{}; at least {} wanted ({source})",
                plural(count as f64, &format!("{what} link")),
                number(min)
            ),
        )
        .with_help(help.to_string());
    ctx.push(d);
}
