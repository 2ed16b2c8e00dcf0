use crate::diagnostic::{excerpt, Severity};
use crate::rules::keyword::keyword_anchor;
use crate::rules::structure::same_text;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// With a template (`--template FILE` or config `template:`), checks that the article has the
    /// template's H2 and H3 sections, in the template's order. Headings are compared ignoring case
    /// and extra whitespace. Without a template the rule does nothing.
    ///
    /// ## Why is this bad?
    /// A team's template encodes the structure its articles promise readers and search engines; a
    /// section dropped or moved while filling it in is usually an accident.
    ///
    /// ## Example
    /// With `--template` naming this template:
    /// ```markdown template
    /// ## Ratio
    ///
    /// [How much coffee to how much water, by weight.]
    ///
    /// ## Straining
    ///
    /// [How to strain it without sludge.]
    /// ```
    /// An article without its Ratio section:
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Straining
    ///
    /// Pour it through a paper filter.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Ratio
    ///
    /// One part coffee to eight parts water.
    ///
    /// ## Straining
    ///
    /// Pour it through a paper filter.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static REQUIRED_SECTION = {
        name: "required-section",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(template) = ctx.settings.template.clone() else {
        return;
    };
    let doc = ctx.doc;
    let mut found = Vec::new();
    let mut last: Option<usize> = None;
    for t in &template.sections {
        let at = doc
            .headings
            .iter()
            .position(|h| h.level == t.level && same_text(&h.text, &t.text));
        match at {
            None => found.push((
                keyword_anchor(ctx),
                format!(
                    "H{} section \"{}\" of the template is missing (template {}:{})",
                    t.level,
                    excerpt(&t.text, 60),
                    template.path,
                    t.line
                ),
            )),
            Some(i) => {
                if last.is_some_and(|l| i < l) {
                    let h = &doc.headings[i];
                    found.push((
                        h.text_span,
                        format!(
                            "H{} \"{}\" is out of the template's order (template {}:{})",
                            t.level,
                            excerpt(&t.text, 60),
                            template.path,
                            t.line
                        ),
                    ));
                }
                last = Some(last.map_or(i, |l| l.max(i)));
            }
        }
    }
    for (span, message) in found {
        let d = ctx
            .diagnostic(span, message)
            .with_help("follow the template's sections and order");
        ctx.push(d);
    }
}
