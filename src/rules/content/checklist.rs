use crate::diagnostic::Severity;
use crate::rules::{declare_rule, excerpt, find, Context};

declare_rule! {
    /// ## What it does
    /// Reports, as information, each SEO CHECKLIST item that seolint cannot verify on this file:
    /// an item that no entry of `rules/checklist.yaml` maps to a rule, or one whose rule runs only
    /// across a whole site (`backlinks`). Items are never dropped silently: either a rule checks
    /// them, or this says so at the item's line.
    ///
    /// ## Why is this bad?
    /// It is not: it tells you which promises of the checklist still need a human (or a site run)
    /// to check.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- SEO CHECKLIST:
    ///   [ ] Shared on social media
    /// -->
    /// ```
    ///
    /// Use instead: check the item by hand, or map its wording to a rule in `rules/checklist.yaml`.
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
                let unavailable: Vec<&str> = m
                    .rules
                    .iter()
                    .map(String::as_str)
                    .filter(|r| find(r).is_none())
                    .collect();
                if !unavailable.is_empty() {
                    found.push((
                        item.span,
                        format!(
                            "SEO CHECKLIST item \"{}\" needs `{}`, which checks links across a site and does not run on single files",
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
