use crate::diagnostic::{excerpt, Severity};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that heading levels go down one at a time: an H2 may be followed by an H3, not an
    /// H4. Going back up any number of levels is fine. (markdownlint's MD001.)
    ///
    /// ## Why is this bad?
    /// A skipped level breaks the outline that screen readers, tables of contents and search
    /// engines build from the headings.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Equipment
    ///
    /// #### Filters
    ///
    /// Paper filters give the clearest cup.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Equipment
    ///
    /// ### Filters
    ///
    /// Paper filters give the clearest cup.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static HEADING_INCREMENT = {
        name: "heading-increment",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let mut found = Vec::new();
    for pair in doc.headings.windows(2) {
        let (prev, h) = (&pair[0], &pair[1]);
        if h.level > prev.level + 1 {
            found.push((h, prev));
        }
    }
    for (h, prev) in found {
        let d = ctx
            .diagnostic(
                h.text_span,
                format!(
                    "H{} \"{}\" follows H{} \"{}\"; heading levels go down one at a time",
                    h.level,
                    excerpt(&h.text, 40),
                    prev.level,
                    excerpt(&prev.text, 40)
                ),
            )
            .with_label(prev.text_span, "previous heading")
            .with_help(format!("make it an H{}", prev.level + 1));
        ctx.push(d);
    }
}
