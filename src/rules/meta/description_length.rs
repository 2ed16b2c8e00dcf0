use serde::Deserialize;

use crate::diagnostic::{Severity, Span};
use crate::document::Document;
use crate::rules::meta::{check_length, front_matter_text, MetaText};
use crate::rules::{declare_rule, Context};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks that the meta description is 120-160 characters long. The description is the
    /// front matter `description` (or `meta_description`, `short_description`,
    /// `seo.description`); without one, the template's `**Meta Description:**` line is measured.
    ///
    /// A published page with none is reported at its front matter's first line, one with an empty
    /// value at the value. A page is published when it has front matter with at least one key and
    /// is not `draft: true`, `published: false`, a page Hugo does not render (`build.render:
    /// never` or `link`, `headless: true`) or a redirect (`redirect`, `redirect_to`). A file
    /// without front matter (a README) or with an empty `---` `---` block (a partial) is no page
    /// of its own and is not asked for one. When
    /// `front-matter-required` is on and requires a description key (the presets do), the missing
    /// description is left to it, so that it is reported once.
    ///
    /// ## Why is this bad?
    /// Search engines show about 155-160 characters of the description under the title and cut
    /// the rest mid-sentence; a short one is often replaced by a random excerpt of the page.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// description: "How to make cold brew."
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// description: "How to steep cold brew coffee overnight, strain it without sludge and keep it for two weeks, with the ratio that suits a home fridge."
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 120), `max` (default 160): the range, in characters of visible text.
    /// - `required` (default `true`): report a published page that has no description.
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
    pub required: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min: 120,
            max: 160,
            required: true,
        }
    }
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let Some(desc) = page_description(doc, ctx.settings) else {
        if opts.required {
            let keys = ctx.settings.fields.description.list();
            let written = front_matter_text(doc, &keys);
            report_missing(ctx, &keys, written.as_ref(), (opts.min, opts.max));
        }
        return;
    };
    check_length(
        ctx,
        "meta description",
        desc,
        (opts.min, opts.max),
        (
            // keyword advice only for an article that declares a keyword
            if ctx.req.keyword.is_some() {
                "say what the reader learns, with the primary keyword, in one or two sentences"
            } else {
                "say what the reader learns in one or two sentences"
            },
            "search engines cut descriptions at about 160 characters; keep the point in the first 150",
        ),
    );
}

/// A published page without a description: said at its front matter's opening fence.
/// A published page without a description, or with an empty one: said at the empty value, else
/// at the front matter's opening fence.
fn report_missing(ctx: &mut Context, keys: &[&str], empty: Option<&MetaText>, (min, max): (usize, usize)) {
    let doc = ctx.doc;
    let Some(fm) = doc.front_matter.as_ref() else { return };
    if !is_published(fm) || left_to_front_matter_required(ctx.settings, keys) {
        return;
    }
    let (span, message) = match empty {
        Some(e) => {
            let span = if e.span.is_empty() {
                doc.lines.line_span(&doc.source, doc.lines.line_of(e.span.start))
            } else {
                e.span
            };
            (span, format!("no meta description: {} is empty", e.origin))
        }
        None => {
            let named = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let source = if ctx.settings.fields.description == crate::fields::Fields::default().description {
                "default"
            } else {
                "config `fields.description`"
            };
            (
                doc.lines.line_span(&doc.source, doc.lines.line_of(fm.span.start)),
                format!("no meta description: the front matter has none of {named} ({source})"),
            )
        }
    };
    let d = ctx
        .diagnostic(span, message)
        .with_help(format!(
            "add `{}:` with {min}-{max} characters that say what the reader learns; without one, search engines show a passage of their choosing",
            keys.first().copied().unwrap_or("description"),
        ));
    ctx.push(d);
}

/// A page that is out and shown: front matter with at least one key (an empty block marks a
/// partial, as Hugo's includes use it), not `draft: true`, not `published: false`, not a page
/// the generator does not render (Hugo `build.render: never` or `link`, `headless: true`) or
/// that only redirects (`redirect`, `redirect_to`).
fn is_published(fm: &crate::document::FrontMatter) -> bool {
    use crate::document::Value;
    let Some(value) = fm.value.as_ref() else {
        return false; // front-matter-syntax reports it
    };
    let text = |key: &str| match fm.get(key) {
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(Value::String(s)) => Some(s.trim().to_ascii_lowercase()),
        _ => None,
    };
    let is = |key: &str, values: &[&str]| text(key).is_some_and(|v| values.contains(&v.as_str()));
    !value.is_empty()
        && !is("draft", &["true"])
        && !is("published", &["false"])
        && !is("headless", &["true"])
        && !is("build.render", &["never", "link", "false"])
        && !is("_build.render", &["never", "link", "false"])
        && fm.get("redirect").is_none()
        && fm.get("redirect_to").is_none()
}

/// `front-matter-required` is on and requires one of the description keys: it reports the
/// missing description already.
fn left_to_front_matter_required(settings: &Settings, keys: &[&str]) -> bool {
    let Some(rule) = crate::rules::find("front-matter-required") else {
        return false;
    };
    let (severity, setting) = rule.setting_in(settings);
    let required: Vec<String> = setting
        .and_then(|s| s.options.as_ref())
        .and_then(|o| o.get("keys"))
        .and_then(|k| serde_json::from_value(k.clone()).ok())
        .unwrap_or_else(|| crate::rules::front_matter::required::Options::default().keys);
    severity.is_some() && required.iter().any(|k| keys.contains(&k.as_str()))
}

/// The page's meta description: the first front matter key of config `fields.description` that
/// holds a non-empty string, else the text after a `**Meta Description:**` label in the body.
pub fn page_description<'d>(doc: &'d Document, settings: &Settings) -> Option<MetaText<'d>> {
    let keys = settings.fields.description.list();
    front_matter_text(doc, &keys)
        .filter(|d| !d.text.trim().is_empty())
        .or_else(|| meta_description_line(doc).filter(|d| !d.text.is_empty()))
}

/// The text after a `**Meta Description:**` label in the body.
fn meta_description_line(doc: &Document) -> Option<MetaText<'_>> {
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
