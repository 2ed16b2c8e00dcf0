use crate::diagnostic::Severity;
use crate::rules::keyword::occurrences;
use crate::rules::{declare_rule, Context};
use crate::text::{plural, thousands};

declare_rule! {
    /// ## What it does
    /// Checks that each secondary keyword of the `SECONDARY` directive (`TARGET_KEYWORD: "x" |
    /// SECONDARY: "y", "z"`) is used at least once in the visible prose; the finding points at the
    /// keyword in the directive. With a template, each section whose template instruction says
    /// `Include keyword "X"` must use X in that section.
    ///
    /// ## Why is this bad?
    /// Secondary keywords were chosen to catch related searches; one that never appears catches
    /// none of them.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- TARGET_KEYWORD: "cold brew" | SECONDARY: "concentrate" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water for sixteen hours, then strain it.
    /// ```
    /// The article never says "concentrate".
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- TARGET_KEYWORD: "cold brew" | SECONDARY: "concentrate" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water for sixteen hours, then strain it. What you
    /// get is a concentrate: dilute it one to one.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 1): occurrences each secondary keyword needs.
    pub static SECONDARY_KEYWORD = {
        name: "secondary-keyword",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinOnly,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    check_template_sections(ctx);
    if ctx.req.secondary.is_empty() {
        return;
    }
    let words = &ctx.doc.words;
    let min = ctx.threshold("min");
    let (need, source) = min.map_or((1.0, "default".to_string()), |t| (t.value, t.source.to_string()));
    let mut found = Vec::new();
    for (phrase, span) in &ctx.req.secondary {
        let hits = occurrences(ctx.doc, words, phrase);
        if (hits as f64) < need {
            found.push((*span, phrase.text.clone(), hits));
        }
    }
    for (span, text, hits) in found {
        let d = ctx
            .diagnostic(
                span,
                format!(
                    "secondary keyword \"{text}\" used {} in {}; needs at least {need} ({source})",
                    plural(hits as f64, "time"),
                    plural(words.len() as f64, "word")
                ),
            )
            .with_help(format!(
                "use \"{text}\" where it fits, or drop it from the SECONDARY directive"
            ));
        ctx.push(d);
    }
}

/// With a template: each section whose template says "Include keyword "X"" must use X within the
/// article's section of the same heading.
fn check_template_sections(ctx: &mut Context) {
    let Some(template) = ctx.settings.template.clone() else {
        return;
    };
    let doc = ctx.doc;
    let mut found = Vec::new();
    for ts in &template.sections {
        let Some((keyword, line)) = &ts.keyword else { continue };
        let Some(phrase) = crate::text::Keyphrase::new(keyword) else {
            continue;
        };
        let Some(section) = doc.sections.iter().find(|s| {
            let h = &doc.headings[s.heading];
            h.level == ts.level && crate::rules::structure::same_text(&h.text, &ts.text)
        }) else {
            continue; // required-section reports a missing section
        };
        let words = doc.words_in(section.total);
        if occurrences(doc, words, &phrase) == 0 {
            let h = &doc.headings[section.heading];
            found.push((
                h.text_span,
                format!(
                    "section \"{}\" does not use its keyword \"{keyword}\" (0 of {} words; template {}:{line})",
                    crate::diagnostic::excerpt(&h.text, 50),
                    thousands(words.len()),
                    template.path
                ),
            ));
        }
    }
    for (span, message) in found {
        let d = ctx
            .diagnostic(span, message)
            .with_help("use the keyword the template assigns to this section");
        ctx.push(d);
    }
}
