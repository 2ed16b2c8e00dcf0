use crate::diagnostic::Severity;
use crate::rules::keyword::prose_words;
use crate::rules::{declare_rule, Context};
use crate::text::thousands;

declare_rule! {
    /// ## What it does
    /// Checks that each secondary keyword of the `SECONDARY` directive (`TARGET_KEYWORD: "x" |
    /// SECONDARY: "y", "z"`) is used at least once in the visible prose. The finding points at the
    /// keyword in the directive.
    ///
    /// ## Why is this bad?
    /// Secondary keywords were chosen to catch related searches; one that never appears catches
    /// none of them.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- TARGET_KEYWORD: "sourdough" | SECONDARY: "levain" -->
    /// An article that never says levain.
    /// ```
    ///
    /// Use instead: use each secondary keyword where it fits, at least once.
    ///
    /// ## Options
    /// - `min` (default 1): occurrences each secondary keyword needs.
    pub static SECONDARY_KEYWORD = {
        name: "secondary-keyword",
        severity: Severity::Warning,
        fixable: false,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    if ctx.req.secondary.is_empty() {
        return;
    }
    let words = prose_words(ctx);
    let min = ctx.threshold("min");
    let (need, source) = min.map_or((1.0, "default".to_string()), |t| (t.value, t.source.to_string()));
    let mut found = Vec::new();
    for (phrase, span) in &ctx.req.secondary {
        let hits = phrase.find_in(&words).len();
        if (hits as f64) < need {
            found.push((*span, phrase.text.clone(), hits));
        }
    }
    for (span, text, hits) in found {
        let d = ctx
            .diagnostic(
                span,
                format!(
                    "secondary keyword \"{text}\" used {hits} times in {} words; needs at least {need} ({source})",
                    thousands(words.len())
                ),
            )
            .with_help(format!(
                "use \"{text}\" where it fits, or drop it from the SECONDARY directive"
            ));
        ctx.push(d);
    }
}
