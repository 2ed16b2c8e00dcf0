use crate::diagnostic::{excerpt, Severity};
use crate::rules::content::placeholder;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks each image's alt text (Markdown `![alt](src)` and HTML `<img alt>`): reported when it
    /// is missing (an `<img>` without `alt`), empty, a template placeholder, a file name
    /// (`hero-image.jpg`, or the image's own file name), generic ("image", "photo", "picture",
    /// "screenshot", ...), or over 125 characters. Lengths count the text a screen reader says:
    /// character references decoded (`&eacute;` is one character), runs of whitespace one space.
    ///
    /// ## Why is this bad?
    /// Alt text is what screen readers say and what image search indexes. Screen readers cut
    /// alt text at about 125 characters.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ![image](./images/mixing.jpg)
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ![Coffee grounds stirred into a jar of cold water](./images/mixing.jpg)
    /// ```
    ///
    /// ## Options
    /// - `max` (default 125): longest alt text, in characters.
    pub static IMAGE_ALT = {
        name: "image-alt",
        severity: Severity::Error,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub max: Option<f64>,
}

const GENERIC: &[&str] = &[
    "image",
    "img",
    "photo",
    "picture",
    "pic",
    "screenshot",
    "screen shot",
    "graphic",
    "icon",
    "figure",
    "diagram",
    "banner",
    "thumbnail",
    "untitled",
    "alt",
    "alt text",
    "placeholder",
    "photograph",
];
const IMAGE_EXT: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff",
];

fn file_name(src: &str) -> &str {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.rsplit('/').next().unwrap_or(path)
}

fn check(ctx: &mut Context) {
    let (max, max_source) = ctx
        .threshold("max")
        .map_or((125, crate::requirements::Source::Default), |t| {
            (t.value as usize, t.source)
        });
    let doc = ctx.doc;
    let mut found = Vec::new();
    for img in &doc.images {
        if img.hidden {
            continue;
        }
        let span = img.alt_span.filter(|s| !s.is_empty()).unwrap_or(img.span);
        let Some(alt) = img.alt.as_deref() else {
            found.push((span, "image has no alt attribute".to_string()));
            continue;
        };
        // measured as read out: an HTML `alt` spread over lines is one line of text (its
        // character references were decoded when the tag was read)
        let collapsed = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let alt = collapsed.as_str();
        let lower = alt.to_lowercase();
        let name = file_name(&img.src).to_lowercase();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let message = if alt.is_empty() {
            "image has empty alt text".to_string()
        } else if placeholder::is_placeholder(alt) {
            format!("image alt text is a template placeholder (\"{}\")", excerpt(alt, 60))
        } else if IMAGE_EXT.iter().any(|e| lower.ends_with(e)) && !lower.contains(' ')
            || (!stem.is_empty() && lower == stem && (stem.contains('-') || stem.contains('_')))
        {
            format!("image alt text is a file name (\"{}\")", excerpt(alt, 60))
        } else if GENERIC.contains(&lower.trim_end_matches('.')) {
            format!("image alt text \"{alt}\" is generic")
        } else if alt.chars().count() > max {
            format!(
                "image alt text is {} characters; at most {max} ({max_source})",
                alt.chars().count()
            )
        } else {
            continue;
        };
        found.push((span, message));
    }
    for (span, message) in found {
        let d = ctx
            .diagnostic(span, message)
            .with_help("describe what the image shows, in a short sentence");
        ctx.push(d);
    }
}
