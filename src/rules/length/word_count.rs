use crate::diagnostic::Severity;
use crate::requirements::RangeThreshold;
use crate::rules::keyword::keyword_anchor;
use crate::rules::{declare_rule, Context};
use crate::text::{plural, range};

declare_rule! {
    /// ## What it does
    /// Checks that the article's word count, words of visible prose, is in range. The range comes
    /// from the `RECOMMENDED_WORD_COUNT` directive ("4,000-6,000 words"), else an SEO CHECKLIST item
    /// ("Content is 4,000+ words"), else the config. Without any of them the rule stays quiet.
    ///
    /// ## Why is this bad?
    /// A pillar page far under its planned length does not cover the topic it promises; one far
    /// over it loses readers and should be split into cluster articles.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- RECOMMENDED_WORD_COUNT: 40-400 words -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    /// ```
    /// The directive plans at least 40 words; the article has fewer.
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- RECOMMENDED_WORD_COUNT: 40-400 words -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Steep coarse coffee in cold water overnight, then strain it. Use one part
    /// coffee to eight parts water, by weight, and a jar with a lid. Sixteen hours in
    /// the fridge is enough; longer turns it woody. Strain it through a paper filter
    /// and keep it cold for up to two weeks.
    /// ```
    ///
    /// ## Options
    /// - `min`, `max` (no default): the range, in words.
    pub static WORD_COUNT = {
        name: "word-count",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinMax,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(RangeThreshold {
        min,
        max,
        source,
        span: setting,
    }) = ctx.range()
    else {
        return;
    };
    let words = ctx.doc.words.len();
    let n = words as f64;
    let verdict = if min.is_some_and(|m| n < m) {
        "too short"
    } else if max.is_some_and(|m| n > m) {
        "too long"
    } else {
        return;
    };
    let span = setting.unwrap_or_else(|| keyword_anchor(ctx));
    let d = ctx
        .diagnostic(
            span,
            format!(
                "article is {verdict}: {}; aim for {} ({source})",
                plural(words as f64, "word"),
                range(min, max)
            ),
        )
        .with_help(if verdict == "too short" {
            "expand the thinnest sections; `seolint stats` shows words per section"
        } else {
            "split the article, or move detail into cluster articles"
        });
    ctx.push(d);
}
