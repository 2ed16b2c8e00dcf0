use crate::diagnostic::Severity;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that at least one image's alt text holds the primary keyword, when the article has
    /// images and declares a keyword.
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
    /// None.
    pub static IMAGE_ALT_KEYWORD = {
        name: "image-alt-keyword",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(keyword) = ctx.req.keyword.as_ref() else {
        return;
    };
    let doc = ctx.doc;
    let images: Vec<_> = doc.images.iter().filter(|i| !i.hidden).collect();
    let Some(first) = images.first() else { return };
    if images
        .iter()
        .any(|i| i.alt.as_deref().is_some_and(|a| keyword.phrase.occurs_in(a)))
    {
        return;
    }
    let d = ctx
        .diagnostic(
            first.alt_span.filter(|s| !s.is_empty()).unwrap_or(first.span),
            format!(
                "none of the {} images has the primary keyword \"{}\" ({}) in its alt text",
                images.len(),
                keyword.phrase.text,
                keyword.source
            ),
        )
        .with_help("describe one image, usually the first, with the keyword where it is accurate");
    ctx.push(d);
}
