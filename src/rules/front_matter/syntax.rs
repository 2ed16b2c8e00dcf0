use crate::diagnostic::Severity;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Reports front matter that does not parse: YAML between `---` lines or TOML between `+++`
    /// lines with a syntax error, front matter that is not a mapping of keys, or a block with no
    /// closing fence. The finding points at the line the parser names.
    ///
    /// ## Why is this bad?
    /// A site generator that cannot read the front matter either fails the build or publishes
    /// the page without its title, description and canonical URL. Every other front matter check
    /// is blind until it parses.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "Cold brew at home, from grind to glass
    /// description: Steep, strain, store.
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    /// The quote that opens the title is never closed.
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// description: Steep, strain, store.
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static FRONT_MATTER_SYNTAX = {
        name: "front-matter-syntax",
        severity: Severity::Error,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(fm) = ctx.doc.front_matter.as_ref() else {
        return;
    };
    let Some(err) = fm.error.as_ref() else { return };
    let d = ctx
        .diagnostic(
            err.span,
            if err.message.starts_with("unterminated") {
                err.message.clone()
            } else {
                format!("{} front matter does not parse: {}", fm.format.name(), err.message)
            },
        )
        .with_label(fm.span, "front matter block")
        .with_help("fix the syntax; the other front matter checks run once it parses");
    ctx.push(d);
}
