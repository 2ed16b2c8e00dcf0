use crate::diagnostic::Severity;
use crate::rules::{declare_rule, SiteContext};
use crate::site::Target;

declare_rule! {
    /// ## What it does
    /// Across a site, for each pillar article, checks that every internal link under its Related
    /// Articles heading that reaches a page of the site is answered by a link from that page back
    /// to the pillar. The finding points at the pillar's link, names the cluster file and says
    /// what made the page a pillar.
    ///
    /// An article is a pillar when its `CONTENT_TYPE` directive says pillar, its SEO CHECKLIST
    /// asks that cluster articles link back, the `pillar` preset applies to it (config `extends:
    /// pillar`, or an `overrides` entry that matches it and `extends: pillar`), or its front
    /// matter `type`, `content_type` or `layout` says pillar (`layout: pillar`).
    ///
    /// ## Why is this bad?
    /// A topic cluster works when the hub links to its spokes and every spoke links back; a cluster
    /// article that does not send readers and ranking back to the pillar weakens the whole cluster.
    ///
    /// ## Example
    /// The pillar lists `- [Reviving a starter](./revive.md)`, and `revive.md` never links to the
    /// pillar.
    ///
    /// Use instead: link from `revive.md` to the pillar, e.g. in its introduction.
    ///
    /// ## Options
    /// None.
    pub static BACKLINKS = {
        name: "backlinks",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::NoOptions,
        site_check: check,
    };
}

fn check(ctx: &mut SiteContext) {
    let site = ctx.site;
    for (i, pillar) in site.files.iter().enumerate() {
        if pillar.report.is_none() {
            continue;
        }
        let Some(reason) = ctx.pillar(i) else { continue };
        let Some(full) = pillar.links() else { continue };
        for link in full.links.iter().filter(|l| l.related) {
            let Target::Page(j, _) = site.resolve(i, link.url) else {
                continue;
            };
            if j == i {
                continue;
            }
            let cluster = &site.files[j];
            if site.links_to(j, i) == Some(false) {
                let elsewhere = crate::diagnostic::Elsewhere {
                    path: std::sync::Arc::from(&*cluster.abs),
                    span: crate::diagnostic::Span::default(),
                    message: format!("the cluster article {}", cluster.display),
                };
                ctx.report_elsewhere(
                    i,
                    link.span,
                    format!(
                        "cluster article {} does not link back to this pillar page (pillar per {reason})",
                        cluster.display
                    ),
                    "add a link to the pillar from the cluster article",
                    vec![elsewhere],
                );
            }
        }
    }
}
