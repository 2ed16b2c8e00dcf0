use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::meta::{check_length, front_matter_text, MetaText};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that the page title is 30-60 characters long. The title is the front matter
    /// `title`; a file without one is measured by its H1.
    ///
    /// ## Why is this bad?
    /// Search results show about 60 characters of a title and cut the rest; a title under 30
    /// characters wastes the most visible line of the result and rarely holds the keyword and a
    /// reason to click.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "Cold Brew"
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 30), `max` (default 60): the range, in characters.
    ///
    /// The front matter keys that hold the title are config `fields.title` (default `title`).
    pub static TITLE_LENGTH = {
        name: "title-length",
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
        Options { min: 30, max: 60 }
    }
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let keys = ctx.settings.fields.title.list();
    let title = front_matter_text(doc, &keys).or_else(|| {
        let h1 = doc.headings.iter().find(|h| h.level == 1)?;
        Some(MetaText {
            text: &h1.text,
            span: h1.text_span,
            origin: "H1".to_string(),
            markup: false,
        })
    });
    let Some(title) = title else { return };
    check_length(
        ctx,
        "title",
        title,
        (opts.min, opts.max),
        (
            "say what the reader gets and include the primary keyword",
            "search results cut titles at about 60 characters; put the keyword first and trim the rest",
        ),
    );
}
