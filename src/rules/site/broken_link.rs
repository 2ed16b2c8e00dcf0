use crate::diagnostic::{excerpt, Severity};
use crate::rules::{declare_rule, SiteContext};
use crate::site::Target;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Across a site, reports internal links that go nowhere: a relative link to a file that does
    /// not exist (pages and assets alike), a root-relative or same-host link that no page answers
    /// to (only with `site.content_root` configured; without it such links are not resolved), and
    /// a link to `other.md#anchor` where the other file has no such heading or id. The mapping of
    /// URLs to files is described in `src/site.rs` and the README.
    ///
    /// ## Why is this bad?
    /// Renaming a file or a heading silently breaks every link to it; readers hit a 404 and search
    /// engines stop following the link.
    ///
    /// ## Example
    /// ```markdown
    /// See [feeding](./feeding-schedule.md) and [hydration](./mixing.md#hydration-table).
    /// ```
    /// when `feeding-schedule.md` was renamed and `mixing.md` has no "Hydration Table" heading.
    ///
    /// Use instead: link to the file and heading as they are now.
    ///
    /// ## Options
    /// None.
    pub static BROKEN_LINK = {
        name: "broken-link",
        severity: Severity::Error,
        fixable: false,
        options: crate::rules::NoOptions,
        site_check: check,
    };
}

fn check(ctx: &mut SiteContext) {
    let site = ctx.site;
    for (i, file) in site.files.iter().enumerate() {
        if file.report.is_none() {
            continue;
        }
        let Some(full) = file.links() else { continue };
        for link in full.links.iter() {
            match site.resolve(i, link.url) {
                Target::Missing(looked) => ctx.report(
                    i,
                    link.span,
                    format!("link to `{}` goes nowhere: nothing at {looked}", excerpt(link.url, 80)),
                    "fix the path, or link to where the page is now",
                ),
                Target::Page(j, Some(fragment))
                    if j != i && !fragment.is_empty() && !fragment.eq_ignore_ascii_case("top") =>
                {
                    let target = &site.files[j];
                    let Some(anchors) = target.links().map(|f| &f.anchors) else {
                        continue;
                    };
                    if anchors.contains(&fragment) {
                        continue;
                    }
                    let hint = did_you_mean(&fragment, anchors.iter())
                        .map(|h| format!("did you mean `#{h}`?"))
                        .unwrap_or_else(|| "link to an existing heading of that page".to_string());
                    ctx.report(
                        i,
                        link.span,
                        format!(
                            "link to `{}`: {} has no heading or id `{fragment}`",
                            excerpt(link.url, 80),
                            target.display
                        ),
                        hint,
                    );
                }
                _ => {}
            }
        }
    }
}
