//! Rules on the page's meta data: title and description.
pub mod description_length;
pub mod title_length;
pub mod title_width;

use crate::diagnostic::{excerpt, Span};
use crate::document::Document;
use crate::rules::Context;
use crate::settings::Settings;

/// A meta text and where it stands.
pub struct MetaText<'d> {
    pub text: &'d str,
    pub span: Span,
    /// Where it was taken from, for messages: "front matter `title`", "H1".
    pub origin: String,
    /// Markdown as written (front matter, a body line), not text already taken out of it (a
    /// heading's): measured by what a reader sees of it.
    pub markup: bool,
}

/// The value of the first front matter key of `keys` that holds a string, with its value span
/// (quotes excluded).
pub fn front_matter_text<'d>(doc: &'d Document, keys: &[&str]) -> Option<MetaText<'d>> {
    let fm = doc.front_matter.as_ref()?;
    for key in keys {
        let Some(text) = fm.get_str(key) else { continue };
        return Some(MetaText {
            text,
            span: fm.text_span(key),
            origin: format!("front matter `{key}`"),
            markup: true,
        });
    }
    None
}

/// The page title: the first front matter key of config `fields.title` that holds a string, else
/// the H1's text.
pub fn page_title<'d>(doc: &'d Document, settings: &Settings) -> Option<MetaText<'d>> {
    let keys = settings.fields.title.list();
    front_matter_text(doc, &keys).or_else(|| {
        let h1 = doc.headings.iter().find(|h| h.level == 1)?;
        Some(MetaText {
            text: &h1.text,
            span: h1.text_span,
            origin: "H1".to_string(),
            markup: false,
        })
    })
}

/// What a reader sees of `text`: markup, tags and entities taken out.
pub fn visible(text: &MetaText) -> String {
    if text.markup {
        crate::document::visible_text(text.text)
    } else {
        text.text.trim().to_string()
    }
}

/// Report `text` when its length in characters of visible text is outside `min..=max`: "title is
/// too short: 9 characters ("Cold Brew" in front matter `title`); aim for 30-60 (default)".
pub fn check_length(
    ctx: &mut Context,
    what: &str,
    text: MetaText,
    (min, max): (usize, usize),
    help: (&'static str, &'static str),
) {
    let visible = visible(&text);
    let len = visible.chars().count();
    if len == 0 {
        return; // an empty value is reported as missing or required, not as short
    }
    // said when tags, markup or entities were not counted, so the figure can be checked
    let written = text.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let counted = if text.markup && visible != written {
        " of visible text"
    } else {
        ""
    };
    let verdict = if len < min {
        "too short"
    } else if len > max {
        "too long"
    } else {
        return;
    };
    let source = ctx.option_source(&["min", "max"]);
    let shown = excerpt(&visible, if what == "title" { 70 } else { 50 });
    let d = ctx
        .diagnostic(
            text.span,
            format!(
                "{what} is {verdict}: {len} characters{counted} (\"{shown}\" in {}); aim for {min}-{max} ({source})",
                text.origin
            ),
        )
        .with_help(if len < min { help.0 } else { help.1 });
    ctx.push(d);
}
