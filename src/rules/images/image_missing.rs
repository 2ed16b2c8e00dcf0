use crate::diagnostic::Severity;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Reports local images that do not exist on disk: relative paths in `![alt](src)`, `<img
    /// src>` and front matter `featured_image`, resolved against the article's folder. URLs,
    /// root-relative paths (`/images/x.png`, which depend on the site's static folder) and
    /// templated paths are not checked. Standard input without `--stdin-filename` is not checked.
    ///
    /// ## Why is this bad?
    /// A broken image shows readers an empty box and its alt text, and wastes the image's search
    /// traffic.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ![A jar of cold brew over ice](./images/iced-jar.jpg)
    /// ```
    /// when `images/iced-jar.jpg` is not next to the article.
    ///
    /// Use instead: fix the path, or add the file:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ![Coffee grounds stirred into a jar of cold water](./images/mixing.jpg)
    /// ```
    ///
    /// ## Options
    /// None.
    pub static IMAGE_MISSING = {
        name: "image-missing",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let missing = &ctx.req.missing_files;
    if missing.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for img in &doc.images {
        if missing.contains(&img.src) && !img.hidden {
            found.push((img.src_span.unwrap_or(img.span), img.src.clone(), "image"));
        }
    }
    if let Some(fm) = doc.front_matter.as_ref() {
        for key in ctx.settings.fields.image.list() {
            if let (Some(src), Some(e)) = (fm.get_str(key), fm.entry(key)) {
                if missing.contains(src) {
                    found.push((e.text_span, src.to_string(), key));
                }
                break;
            }
        }
    }
    for (span, src, what) in found {
        let d = ctx
            .diagnostic(
                span,
                format!("{what} `{src}` not found on disk (relative to the article)"),
            )
            .with_help("fix the path or add the file");
        ctx.push(d);
    }
}
