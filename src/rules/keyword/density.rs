use crate::diagnostic::Severity;
use crate::requirements::{RangeThreshold, Source};
use crate::rules::keyword::{keyword_anchor, occurrences};
use crate::rules::{declare_rule, Context};
use crate::text::{number, range, thousands};

declare_rule! {
    /// ## What it does
    /// Checks that the primary keyword's density, occurrences per 100 words of visible prose, is in
    /// range. The range comes from the `KEYWORD_DENSITY` directive ("Aim for 1-1.5%"), else the
    /// config, else 0.5-2.5%. Runs when a primary keyword is declared: `--keyword`, front matter
    /// `keyword`/`focus_keyword`/`keywords`, the `TARGET_KEYWORD` directive, or the SEO CHECKLIST.
    ///
    /// An occurrence is the keyphrase's words as consecutive prose words, ignoring case; `'s` and a
    /// plural `s`/`es` on the last word still match, and in English articles each word's forms
    /// (brewing, brewed, coffees) unless config says `keyword: { match: exact }`. Prose excludes
    /// front matter, comments, code, raw HTML, link destinations and alt text.
    ///
    /// ## Why is this bad?
    /// Too few mentions and search engines cannot tell what the page is about; too many read as
    /// keyword stuffing, which readers dislike and search engines penalise.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// <!-- KEYWORD_DENSITY: Aim for 1-5% -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold brew is easy. Cold brew needs coarse coffee, cold brew needs cold water,
    /// and cold brew needs time. Make cold brew tonight and pour cold brew tomorrow.
    /// ```
    /// Seven mentions in under forty words is stuffing, far over the 5% the directive allows.
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// <!-- KEYWORD_DENSITY: Aim for 1-5% -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold brew asks for little: coarse coffee, cold water and a night in the fridge.
    /// Stir one part coffee into eight parts water, cover the jar and wait sixteen
    /// hours. Strain it through a paper filter the next morning, then dilute it with
    /// as much milk or water as you like and keep the rest cold for up to two weeks.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 0.5), `max` (default 2.5): the range, in percent.
    pub static KEYWORD_DENSITY = {
        name: "keyword-density",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinMax,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let Some(keyword) = ctx.req.keyword.as_ref() else {
        return;
    };
    let words = &ctx.doc.words;
    if words.is_empty() {
        return;
    }
    let hits = occurrences(ctx.doc, words, &keyword.phrase);
    let density = hits as f64 * 100.0 / words.len() as f64;
    let RangeThreshold {
        min,
        max,
        source,
        span: setting,
    } = ctx.range().unwrap_or(RangeThreshold {
        min: Some(0.5),
        max: Some(2.5),
        source: Source::Default,
        span: None,
    });
    let verdict = if min.is_some_and(|m| density < m) {
        "too low"
    } else if max.is_some_and(|m| density > m) {
        "too high"
    } else {
        return;
    };
    let mut d = ctx
        .diagnostic(
            keyword_anchor(ctx),
            format!(
                "keyword \"{}\" density {verdict}: {:.2}% ({} of {} words); aim for {}% ({source})",
                keyword.phrase.text,
                density,
                thousands(hits),
                thousands(words.len()),
                range(min, max),
            ),
        )
        .with_help(if verdict == "too low" {
            format!(
                "use \"{}\" about {} more times where it reads naturally",
                keyword.phrase.text,
                number(((min.unwrap_or(0.0) * words.len() as f64 / 100.0).ceil() - hits as f64).max(1.0))
            )
        } else {
            "replace some mentions with synonyms or pronouns".to_string()
        });
    if let Some(span) = setting {
        d = d.with_label(span, "range set here");
    }
    ctx.push(d);
}
