use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::requirements::Source;
use crate::rules::{declare_rule, Context};
use crate::text::{plural, range};

declare_rule! {
    /// ## What it does
    /// Checks that at least one image's alt text holds the primary keyword, when the article has
    /// images and declares a keyword.
    ///
    /// With `share: true`, an article with at least `min_images` images (default 4) is held to
    /// Yoast's measure instead: the keyword in 30-70% of the alt texts, neither in too few nor in
    /// nearly all of them. It is off by default: documentation with many screenshots would be
    /// told to put the keyword into alt texts that describe other things.
    ///
    /// ## Why is this bad?
    /// Image search is a source of traffic, and an alt text with the keyword ties the images to
    /// the topic of the page.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ![Coffee grounds stirred into a jar of water](./images/mixing.jpg)
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ![Grounds stirred into cold water for a jar of cold brew](./images/mixing.jpg)
    /// ```
    ///
    /// ## Options
    /// - `share` (default `false`; `true` under `pillar`): check the share of alt texts with the
    ///   keyword (a pillar page has an image per section, enough for a share to mean something).
    /// - `min` (default 30), `max` (default 70): the share's range, in percent of images.
    /// - `min_images` (default 4): the fewest images for the share to apply; below it, one
    ///   alt text with the keyword is enough.
    pub static IMAGE_ALT_KEYWORD = {
        name: "image-alt-keyword",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub share: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub min_images: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            share: false,
            min: None,
            max: None,
            min_images: 4,
        }
    }
}

fn check(ctx: &mut Context) {
    let Some(keyword) = ctx.req.keyword.as_ref() else {
        return;
    };
    let doc = ctx.doc;
    let images: Vec<_> = doc.images.iter().filter(|i| !i.hidden).collect();
    let Some(first) = images.first() else { return };
    let with_keyword = images
        .iter()
        .filter(|i| i.alt.as_deref().is_some_and(|a| keyword.phrase.occurs_in(a)))
        .count();
    let opts = ctx.options::<Options>();
    if opts.share && images.len() >= opts.min_images {
        let share = with_keyword as f64 * 100.0 / images.len() as f64;
        let min = ctx.threshold("min").map_or(30.0, |t| t.value);
        let max = ctx.threshold("max").map_or(70.0, |t| t.value);
        let source = match ctx.threshold("min").or_else(|| ctx.threshold("max")) {
            Some(t) => t.source,
            None => Source::Default,
        };
        let (verdict, help) = if share < min {
            (
                "too few",
                "describe more of the images with the keyword where it is accurate",
            )
        } else if share > max {
            (
                "too many",
                "describe some images by what they show, without the keyword",
            )
        } else {
            return;
        };
        let d = ctx
            .diagnostic(
                first.alt_span.filter(|s| !s.is_empty()).unwrap_or(first.span),
                format!(
                    "{verdict} image alt texts have the primary keyword \"{}\" ({}): {:.0}% ({} of {}); aim for {}% ({source})",
                    keyword.phrase.text,
                    keyword.source,
                    share,
                    with_keyword,
                    plural(images.len() as f64, "image"),
                    range(Some(min), Some(max)),
                ),
            )
            .with_help(help);
        ctx.push(d);
        return;
    }
    if with_keyword > 0 {
        return;
    }
    let d = ctx
        .diagnostic(
            first.alt_span.filter(|s| !s.is_empty()).unwrap_or(first.span),
            match images.len() {
                1 => format!(
                    "the one image's alt text does not have the primary keyword \"{}\" ({})",
                    keyword.phrase.text, keyword.source
                ),
                n => format!(
                    "none of the {n} images has the primary keyword \"{}\" ({}) in its alt text",
                    keyword.phrase.text, keyword.source
                ),
            },
        )
        .with_help("describe one image, usually the first, with the keyword where it is accurate");
    ctx.push(d);
}
