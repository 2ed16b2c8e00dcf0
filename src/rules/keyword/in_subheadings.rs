//! keyword-in-subheadings: the share of H2/H3 subheadings that reflect the primary keyphrase.

use crate::diagnostic::Severity;
use crate::requirements::{RangeThreshold, Source};
use crate::rules::keyword::article_language;
use crate::rules::{declare_rule, Context};
use crate::text::{range, word_matches_key, words};

declare_rule! {
    /// ## What it does
    /// Checks the share of H2 and H3 subheadings that reflect the primary keyphrase: 30-75% by
    /// default (Yoast's range). Subheadings with a fixed name are not counted: the table of
    /// contents, FAQ, Related Articles, Key Takeaways, Introduction, "Next steps", "References"
    /// and the closing call to action ("Ready to ..."); Yoast counts them. A subheading reflects the keyphrase when it holds more than half
    /// of the keyphrase's content words, in any order (function words such as "the", "to", "how"
    /// do not count; a plural or possessive still matches). One subheading that reflects it is
    /// enough for an article with only one. The finding points at the first subheading; an
    /// article without subheadings is left to `subheading-distribution`.
    ///
    /// The function words come from the article's language (front matter `lang`, `language` or
    /// `locale`; English when it says none); for a language without a list the rule is silent.
    ///
    /// ## Why is this bad?
    /// Subheadings tell readers and search engines what each part of the page covers: none that
    /// names the topic hides it, and the keyphrase in nearly all of them reads as stuffing.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Choosing the beans
    ///
    /// ## Grinding coarse
    ///
    /// ## Storing the jar
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Choosing beans for cold brew
    ///
    /// ## Grinding coarse
    ///
    /// ## Storing the jar
    /// ```
    ///
    /// ## Options
    /// - `min` (default 30), `max` (default 75): the range, in percent of H2/H3 subheadings. The
    ///   `pillar` preset keeps them: the reference pillar template has the keyphrase in 35% of
    ///   its content subheadings.
    pub static KEYWORD_IN_SUBHEADINGS = {
        name: "keyword-in-subheadings",
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
    let Ok(language) = article_language(ctx.doc) else {
        return; // keyword-length says once that the language has no lists
    };
    let doc = ctx.doc;
    // headings a template or convention fixes ("Table of Contents", "FAQ", "Next steps") cannot
    // carry the keyphrase naturally
    let subheadings: Vec<_> = doc
        .headings
        .iter()
        .filter(|h| matches!(h.level, 2 | 3) && !h.is_structural())
        .collect();
    let Some(first) = subheadings.first() else {
        return;
    };
    let all = keyword.phrase.words();
    let content: Vec<&String> = all.iter().filter(|w| !language.contains_word(w)).collect();
    let keys: Vec<&String> = if content.is_empty() {
        all.iter().collect()
    } else {
        content
    };
    let needed = keys.len() / 2 + 1;
    let reflecting = subheadings
        .iter()
        .filter(|h| {
            let heading: Vec<&str> = words(&h.text).collect();
            let found = keys
                .iter()
                .filter(|k| heading.iter().any(|w| word_matches_key(w, k, keyword.phrase.forms())))
                .count();
            found >= needed
        })
        .count();
    if subheadings.len() == 1 && reflecting == 1 {
        return;
    }
    let share = reflecting as f64 * 100.0 / subheadings.len() as f64;
    let RangeThreshold {
        min,
        max,
        source,
        span: setting,
    } = ctx.range().unwrap_or(RangeThreshold {
        min: Some(30.0),
        max: Some(75.0),
        source: Source::Default,
        span: None,
    });
    let (verdict, help) = if min.is_some_and(|m| share < m) {
        (
            "too few",
            format!(
                "name the topic in more subheadings, with the words of \"{}\"",
                keyword.phrase.text
            ),
        )
    } else if max.is_some_and(|m| share > m) {
        (
            "too many",
            "let some subheadings say what their section adds instead of repeating the keyphrase".to_string(),
        )
    } else {
        return;
    };
    let mut d = ctx
        .diagnostic(
            first.text_span,
            format!(
                "{verdict} subheadings reflect the keyphrase \"{}\": {:.0}% ({} of {} content H2/H3); aim for {}% ({source})",
                keyword.phrase.text,
                share,
                reflecting,
                subheadings.len(),
                range(min, max),
            ),
        )
        .with_help(help);
    if let Some(span) = setting {
        d = d.with_label(span, "range set here");
    }
    ctx.push(d);
}
