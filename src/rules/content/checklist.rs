use crate::diagnostic::{excerpt, Severity};
use crate::rules::{declare_rule, find, Check, Context};

declare_rule! {
    /// ## What it does
    /// Reports, as information, each SEO CHECKLIST item that seolint cannot verify on this file:
    /// an item that no entry of `rules/checklist.yaml` maps to a rule, or one whose rule runs only
    /// across a whole site (`backlinks`) when this run is not a site run. Items are never dropped silently: either a rule checks
    /// them, or this says so at the item's line.
    ///
    /// ## Why is this bad?
    /// It is not: it tells you which promises of the checklist still need a human (or a site run)
    /// to check.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- SEO CHECKLIST:
    ///   [ ] Shared on social media
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    /// ```
    /// No rule can tell whether the article was shared.
    ///
    /// Use instead: check the item by hand, or map its wording to a rule in
    /// `rules/checklist.yaml`; an item that maps to a rule is that rule's to check:
    /// ```markdown pass
    /// <!-- SEO CHECKLIST:
    ///   [ ] Internal links: minimum 1
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep [coarse coffee](/guides/grinding/) in cold water overnight, then strain it.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static CHECKLIST = {
        name: "checklist",
        severity: Severity::Info,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let mut found = Vec::new();
    for (item, mapping) in doc.checklist.iter().zip(&ctx.req.checklist) {
        match mapping {
            None => found.push((
                item.span,
                format!(
                    "SEO CHECKLIST item \"{}\" maps to no rule; check it by hand",
                    excerpt(&item.text, 60)
                ),
            )),
            Some(m) => {
                // a site rule verifies its item only when site checks run
                let site_only = |r: &str| find(r).is_some_and(|rule| matches!(rule.check, Check::Site(_)));
                let unavailable: Vec<&str> = m
                    .rules
                    .iter()
                    .map(String::as_str)
                    .filter(|r| find(r).is_none() || (site_only(r) && !ctx.settings.site_run))
                    .collect();
                if !unavailable.is_empty() {
                    found.push((
                        item.span,
                        format!(
                            "SEO CHECKLIST item \"{}\" needs `{}`, which checks links across a site: run seolint on the folder, or set `site.content_root`",
                            excerpt(&item.text, 60),
                            unavailable.join("`, `")
                        ),
                    ));
                }
            }
        }
    }
    for (span, message) in found {
        let d = ctx.diagnostic(span, message);
        ctx.push(d);
    }
}
