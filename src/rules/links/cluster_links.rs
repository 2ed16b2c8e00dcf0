use crate::diagnostic::Severity;
use crate::document::LinkKind;
use crate::rules::keyword::keyword_anchor;
use crate::rules::links::visible_links;
use crate::rules::{declare_rule, Context};
use crate::text::{number, plural};
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Checks that the Related Articles section (an H2 "Related Articles", "Related Posts",
    /// "Related Reading" or "Related Guides") links to at least N different internal pages, the
    /// cluster articles of a pillar page. N comes from the SEO CHECKLIST ("This pillar page links to
    /// 5+ cluster articles") or the config; without either the rule stays quiet.
    ///
    /// ## Why is this bad?
    /// A pillar page is the hub of its topic cluster; without links to its cluster articles it
    /// passes no authority to them and readers cannot go deeper.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- SEO CHECKLIST:
    ///   [ ] This pillar page links to 2+ cluster articles
    /// -->
    /// # Coffee at Home, from Kettle to Fridge
    ///
    /// Every way to brew coffee in a kitchen, from the kettle to the fridge.
    ///
    /// ## Related Articles
    ///
    /// - [Cold brew at home](/guides/cold-brew/)
    /// ```
    /// The checklist asks for two cluster articles; Related Articles links to one.
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- SEO CHECKLIST:
    ///   [ ] This pillar page links to 2+ cluster articles
    /// -->
    /// # Coffee at Home, from Kettle to Fridge
    ///
    /// Every way to brew coffee in a kitchen, from the kettle to the fridge.
    ///
    /// ## Related Articles
    ///
    /// - [Cold brew at home](/guides/cold-brew/)
    /// - [Pour-over without a scale](/guides/pour-over/)
    /// ```
    ///
    /// ## Options
    /// - `min` (no default): distinct cluster articles to link.
    pub static CLUSTER_LINKS = {
        name: "cluster-links",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinOnly,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(min) = ctx.threshold("min") else { return };
    let doc = ctx.doc;
    let d = match doc.section_where(|h| h.level == 2 && h.is_related()) {
        None => ctx
            .diagnostic(
                min.span.unwrap_or_else(|| keyword_anchor(ctx)),
                format!(
                    "no Related Articles section; links to at least {} wanted ({})",
                    plural(min.value, "cluster article"),
                    min.source
                ),
            )
            .with_help("add an H2 \"Related Articles\" listing links to the cluster articles"),
        Some(section) => {
            let urls: BTreeSet<&str> = visible_links(doc)
                .filter(|l| l.kind == LinkKind::Internal && section.total.covers(l.span))
                .map(|l| l.url.trim_end_matches('/'))
                .collect();
            if urls.len() as f64 >= min.value {
                return;
            }
            let h = &doc.headings[section.heading];
            ctx.diagnostic(
                h.text_span,
                format!(
                    "Related Articles links to {}; at least {} wanted ({})",
                    plural(urls.len() as f64, "cluster article"),
                    number(min.value),
                    min.source
                ),
            )
            .with_help("link each cluster article of this topic here")
        }
    };
    ctx.push(d);
}
