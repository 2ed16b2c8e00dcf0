use crate::diagnostic::Severity;
use crate::rules::keyword::keyword_anchor;
use crate::rules::structure::faq_section;
use crate::rules::{declare_rule, Context};
use crate::text::{number, plural};

declare_rule! {
    /// ## What it does
    /// Checks that the article has an FAQ section, an H2 "Frequently Asked Questions" or "FAQ",
    /// with at least N questions as H3 headings under it. N comes from the SEO CHECKLIST ("FAQ
    /// section ..." asks for at least one) or the config; without either the rule stays quiet.
    ///
    /// ## Why is this bad?
    /// Question-shaped headings with short answers are what search engines lift into featured
    /// snippets and "People also ask"; a planned FAQ that is missing loses that.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- SEO CHECKLIST:
    ///   [ ] FAQ section for featured snippet potential
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    /// ```
    /// The checklist asks for an FAQ section; the article has none.
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- SEO CHECKLIST:
    ///   [ ] FAQ section for featured snippet potential
    /// -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    ///
    /// ## Frequently Asked Questions
    ///
    /// ### How long does cold brew keep?
    ///
    /// About two weeks in a closed jar in the fridge.
    /// ```
    ///
    /// ## Options
    /// - `min` (no default): questions the FAQ needs.
    pub static FAQ = {
        name: "faq",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinOnly,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(min) = ctx.threshold("min") else { return };
    let doc = ctx.doc;
    let d = match faq_section(doc) {
        None => ctx
            .diagnostic(
                min.span.unwrap_or_else(|| keyword_anchor(ctx)),
                format!(
                    "no FAQ section; at least {} wanted ({})",
                    plural(min.value, "question"),
                    min.source
                ),
            )
            .with_help("add an H2 \"Frequently Asked Questions\" with questions as H3 headings"),
        Some((section, questions)) if (questions.len() as f64) < min.value => {
            let h = &doc.headings[section.heading];
            ctx.diagnostic(
                h.text_span,
                format!(
                    "FAQ has {} (H3 headings); at least {} wanted ({})",
                    plural(questions.len() as f64, "question"),
                    number(min.value),
                    min.source
                ),
            )
            .with_help("add questions as H3 headings under the FAQ heading")
        }
        Some(_) => return,
    };
    ctx.push(d);
}
