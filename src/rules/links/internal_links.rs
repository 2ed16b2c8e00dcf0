use crate::diagnostic::Severity;
use crate::document::LinkKind;
use crate::rules::links::check_minimum;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that the article has at least N internal links: relative or root-relative URLs, or
    /// absolute URLs on the site's own host (`site.url` in config, else the host of
    /// `canonical_url`). Markdown links and HTML `<a href>` count; links inside comments and
    /// same-page `#fragment` links do not. N comes from the SEO CHECKLIST ("Internal links:
    /// minimum 8") or the config; without either the rule stays quiet.
    ///
    /// ## Why is this bad?
    /// Internal links spread ranking between your pages and keep readers on the site; a pillar
    /// page that links to little of the site does neither.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- SEO CHECKLIST:
    ///   [ ] Internal links: minimum 2
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Start from a [coarse grind](/guides/grinding/) and cold water.
    /// ```
    /// The checklist asks for two internal links; the article has one.
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- SEO CHECKLIST:
    ///   [ ] Internal links: minimum 2
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Start from a [coarse grind](/guides/grinding/) and cold water, and pour the
    /// result over ice as you would [iced coffee](/guides/iced-coffee/).
    /// ```
    ///
    /// ## Options
    /// - `min` (no default): internal links needed.
    pub static INTERNAL_LINKS = {
        name: "internal-links",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinOnly,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    check_minimum(
        ctx,
        LinkKind::Internal,
        "internal",
        "link to related articles on your site where the text mentions them",
    );
}
