//! competing-links: links whose text is the page's own keyphrase.

use crate::diagnostic::Severity;
use crate::document::LinkKind;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Reports each link whose visible text is the primary keyphrase (its words and nothing else,
    /// ignoring case; a plural or possessive on the last word still matches). Links to the same
    /// page (`#fragment`), `mailto:` and `tel:` links and links inside comments are left out.
    ///
    /// ## Why is this bad?
    /// Link text tells search engines what the target page is about: a link labelled with this
    /// page's keyphrase asks them to rank the other page for it, so the two compete.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold brew takes a night and no skill; see our notes on [cold brew](/blog/notes/).
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold brew takes a night and no skill; see our [notes on grinding](/blog/notes/).
    /// ```
    ///
    /// ## Options
    /// None: every competing link is reported, under every preset.
    pub static COMPETING_LINKS = {
        name: "competing-links",
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
    for link in &doc.links {
        if link.hidden || !matches!(link.kind, LinkKind::Internal | LinkKind::External) {
            continue;
        }
        if !keyword.phrase.is_whole(&link.text) {
            continue;
        }
        let d = ctx
            .diagnostic(
                link.span,
                format!(
                    "link text \"{}\" is the primary keyphrase \"{}\" ({}): it competes with this page for it ({})",
                    link.text.trim(),
                    keyword.phrase.text,
                    keyword.source,
                    link.url
                ),
            )
            .with_help("describe the target page in its own words, or link from a phrase around the keyphrase");
        ctx.push(d);
    }
}
