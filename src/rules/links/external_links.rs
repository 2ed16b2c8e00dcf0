use crate::diagnostic::Severity;
use crate::document::LinkKind;
use crate::rules::links::check_minimum;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that the article has at least N external links: http(s) URLs on another host than
    /// the site's. Markdown links and HTML `<a href>` count; links inside comments do not. N comes
    /// from the SEO CHECKLIST ("External links: minimum 5") or the config; without either the
    /// rule stays quiet.
    ///
    /// ## Why is this bad?
    /// Citing authoritative sources supports the claims a guide makes, for readers and for search
    /// engines judging its trustworthiness.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- SEO CHECKLIST:
    ///   [ ] External links: minimum 1
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold water pulls less acid out of the grounds than hot water does.
    /// ```
    /// The checklist asks for an external link; the article has none.
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- SEO CHECKLIST:
    ///   [ ] External links: minimum 1
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold water pulls less acid out of the grounds than hot water does, as
    /// [a study of brew temperature](https://www.nature.com/articles/s41598-018-34392-w) measured.
    /// ```
    ///
    /// ## Options
    /// - `min` (no default): external links needed.
    pub static EXTERNAL_LINKS = {
        name: "external-links",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinOnly,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    check_minimum(
        ctx,
        LinkKind::External,
        "external",
        "cite authoritative sources with links",
    );
}
