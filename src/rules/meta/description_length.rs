use serde::Deserialize;

use crate::diagnostic::{Severity, Span};
use crate::rules::meta::{check_length, front_matter_text, MetaText};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that the meta description is 120-160 characters long. The description is the
    /// front matter `description` (or `meta_description`, `short_description`,
    /// `seo.description`); without one, the template's `**Meta Description:**` line is measured.
    /// A page with no description at all is left to `front-matter-required`.
    ///
    /// ## Why is this bad?
    /// Search engines show about 155-160 characters of the description under the title and cut
    /// the rest mid-sentence; a short one is often replaced by a random excerpt of the page.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// description: "A guide to serverless."
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// description: "Learn how serverless functions run, what they cost and when to avoid them, with one real project built step by step on AWS Lambda."
    /// ---
    /// ```
    ///
    /// ## Options
    /// - `min` (default 120), `max` (default 160): the range, in characters.
    ///
    /// The front matter keys that hold it are config `fields.description` (default
    /// `description`, `meta_description`, `short_description`, `seo.description`).
    pub static DESCRIPTION_LENGTH = {
        name: "description-length",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub min: usize,
    pub max: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { min: 120, max: 160 }
    }
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let keys = ctx.settings.fields.description.list();
    let Some(desc) = front_matter_text(doc, &keys).or_else(|| meta_description_line(doc)) else {
        return;
    };
    check_length(
        ctx,
        "meta description",
        desc,
        (opts.min, opts.max),
        (
            "say what the reader learns, with the primary keyword, in one or two sentences",
            "search engines cut descriptions at about 160 characters; keep the point in the first 150",
        ),
    );
}

/// The text after a `**Meta Description:**` label in the body.
fn meta_description_line(doc: &crate::document::Document) -> Option<MetaText<'_>> {
    let p = doc.paragraphs.iter().find(|p| {
        p.label
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case("meta description"))
    })?;
    let src = doc.text(p.span);
    let colon = src.find(':')?;
    let after_label = src[colon..].find("**").map_or(colon + 1, |i| colon + i + 2);
    let rest = &src[after_label..];
    let lead = rest.len() - rest.trim_start().len();
    let text = rest.trim();
    let start = p.span.start + after_label + lead;
    Some(MetaText {
        text,
        span: Span::new(start, start + text.len()),
        origin: "the **Meta Description:** line".to_string(),
        markup: true,
    })
}
