use crate::diagnostic::{excerpt, Severity};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that the article has exactly one H1. More than one is reported at each extra H1. None
    /// is fine when the front matter has a title (the site's layout renders it as the H1), or
    /// when the front matter block is empty (a partial or include).
    ///
    /// ## Why is this bad?
    /// The H1 tells readers and search engines what the page is; two compete, none leaves the
    /// page without a headline.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight.
    ///
    /// # Straining
    ///
    /// Pour it through a paper filter.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight.
    ///
    /// ## Straining
    ///
    /// Pour it through a paper filter.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static HEADING_H1 = {
        name: "heading-h1",
        severity: Severity::Error,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let h1s: Vec<_> = doc.h1s().collect();
    if let Some((first, rest)) = h1s.split_first() {
        let first_line = doc.line_col(first.span.start).line;
        for h in rest {
            let d = ctx
                .diagnostic(
                    h.text_span,
                    format!(
                        "{} H1 headings; a page has one (first: \"{}\" on line {first_line})",
                        h1s.len(),
                        excerpt(&first.text, 40)
                    ),
                )
                .with_label(first.text_span, "first H1")
                .with_help("make this an H2, or split the page");
            ctx.push(d);
        }
        return;
    }
    let fm = doc.front_matter.as_ref();
    let has_title = fm.and_then(|f| f.get("title")).is_some_and(|v| !v.is_empty());
    let is_partial = fm.and_then(|f| f.value.as_ref()).is_some_and(|v| v.is_empty());
    let unparsed = fm.is_some_and(|f| f.value.is_none());
    if has_title || is_partial || unparsed || doc.source[doc.body_start..].trim().is_empty() {
        return;
    }
    let span = doc.lines.line_span(&doc.source, doc.lines.line_of(doc.body_start));
    let d = ctx
        .diagnostic(span, "no H1 and no front matter `title`: the page has no headline")
        .with_help("start the article with `# Title`, or set `title:` in the front matter");
    ctx.push(d);
}
