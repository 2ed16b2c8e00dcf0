use crate::diagnostic::Severity;
use crate::rules::site::report_duplicates;
use crate::rules::{declare_rule, SiteContext};
use crate::site::PageValues;

declare_rule! {
    /// ## What it does
    /// Across a site (a folder run, or named files with `site.content_root` configured), reports
    /// two articles that share the same title, ignoring case and extra whitespace. Each finding
    /// points at the article's own title and names the other file and line. Translations of one
    /// article (`about.md` and `about.fr.md`, `01.de.md` and `02.en.md` in one folder, `en/x.md`
    /// and `de/x.md` under the site root) may share it. Pages of another site in the same run (a
    /// folder with its own `.seolint.yaml`, generator config or `.git`) are not compared.
    ///
    /// ## Why is this bad?
    /// Two pages with the same title compete for the same searches, and search engines may show
    /// the wrong one or neither.
    ///
    /// ## Example
    /// Two articles, `starter.md` and `starter-care.md`, with the same title.
    ///
    /// Use instead: give each article its own title, or merge the two.
    ///
    /// ## Options
    /// None.
    pub static DUPLICATE_TITLE = {
        name: "duplicate-title",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::NoOptions,
        site_check: check,
    };
}

fn check(ctx: &mut SiteContext) {
    report_duplicates(ctx, "title", PageValues::title);
}
