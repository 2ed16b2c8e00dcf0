use crate::diagnostic::{excerpt, Severity, Span};
use crate::rules::{declare_rule, SiteContext};
use crate::site::{Site, Target};
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

/// Files resolved at once, on every worker, before their findings are handed on in order.
const CHUNK: usize = 256;

fn check(ctx: &mut SiteContext) {
    use rayon::prelude::*;
    let site = ctx.site;
    let linted: Vec<usize> = (0..site.files.len())
        .filter(|&i| site.files[i].report.is_some_and(|r| (ctx.severity_of)(r).is_some()))
        .collect();
    for chunk in linted.chunks(CHUNK) {
        let found: Vec<Vec<Broken>> = chunk.par_iter().map(|&i| broken_links(site, i)).collect();
        for (&i, found) in chunk.iter().zip(found) {
            for b in found {
                ctx.report(i, b.span, b.message, b.help);
            }
        }
    }
}

/// A link of a file that goes nowhere.
struct Broken {
    span: Span,
    message: String,
    help: String,
}

/// The broken links of site file `i`, in its order.
fn broken_links(site: &Site, i: usize) -> Vec<Broken> {
    let mut out = Vec::new();
    let Some(full) = site.files[i].links() else {
        return out;
    };
    for link in full.links.iter() {
        match site.resolve(i, link.url) {
            Target::Missing(looked) => out.push(Broken {
                span: link.span,
                message: format!("link to `{}` goes nowhere: nothing at {looked}", excerpt(link.url, 80)),
                help: "fix the path, or link to where the page is now".to_string(),
            }),
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
                let help = did_you_mean(&fragment, anchors.iter())
                    .map(|h| format!("did you mean `#{h}`?"))
                    .unwrap_or_else(|| "link to an existing heading of that page".to_string());
                out.push(Broken {
                    span: link.span,
                    message: format!(
                        "link to `{}`: {} has no heading or id `{fragment}`",
                        excerpt(link.url, 80),
                        target.display
                    ),
                    help,
                });
            }
            _ => {}
        }
    }
    out
}
