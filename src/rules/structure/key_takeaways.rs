use crate::diagnostic::{Severity, Span};
use crate::rules::content::placeholder;
use crate::rules::keyword::keyword_anchor;
use crate::rules::{declare_rule, Context};
use crate::text::{number, plural};

declare_rule! {
    /// ## What it does
    /// Checks the Key Takeaway callouts, block quotes that open with a bold "Key Takeaway:" label
    /// (`> **Key Takeaway:** ...`): each must be filled (text after the label, not a template
    /// placeholder), and there must be at least N filled ones, N from the SEO CHECKLIST ("Key
    /// takeaway callouts" asks for one) or the config.
    ///
    /// ## Why is this bad?
    /// Skimmers read the callouts and little else; an empty or unfilled one tells them the page
    /// was never finished.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    ///
    /// > **Key Takeaway:** [Summarize the most important point from this section.]
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    ///
    /// > **Key Takeaway:** Sixteen hours in the fridge is enough; longer turns it woody.
    /// ```
    ///
    /// ## Options
    /// - `min` (no default): filled callouts the article needs.
    pub static KEY_TAKEAWAYS = {
        name: "key-takeaways",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinOnly,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let mut filled = 0usize;
    let mut unfilled: Vec<Span> = Vec::new();
    for q in &doc.blockquotes {
        let Some(p) = q.first_paragraph.map(|i| &doc.paragraphs[i]) else {
            continue;
        };
        let Some(label) = p.label.as_deref() else { continue };
        if !is_key_takeaway_label(label) {
            continue;
        }
        let text = p.text.as_deref().unwrap_or_default();
        let rest = text.split_once(':').map_or("", |(_, r)| r).trim();
        if rest.is_empty() || placeholder::is_placeholder(rest) {
            unfilled.push(p.span);
        } else {
            filled += 1;
        }
    }
    for span in unfilled {
        let d = ctx
            .diagnostic(span, "Key Takeaway callout is not filled in")
            .with_help("write the section's main point in one sentence after the label");
        ctx.push(d);
    }
    let Some(min) = ctx.threshold("min") else { return };
    if (filled as f64) < min.value {
        let d = ctx
            .diagnostic(
                min.span.unwrap_or_else(|| keyword_anchor(ctx)),
                format!(
                    "{}; at least {} wanted ({})",
                    plural(filled as f64, "filled Key Takeaway callout"),
                    number(min.value),
                    min.source
                ),
            )
            .with_help("add `> **Key Takeaway:** ...` after the main sections");
        ctx.push(d);
    }
}

/// "Key Takeaway" or "Key Takeaways", any case.
pub fn is_key_takeaway_label(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    l == "key takeaway" || l == "key takeaways"
}
