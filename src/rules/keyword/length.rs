//! keyword-length: a primary keyphrase short enough to rank for, and not made of function words only.

use crate::diagnostic::Severity;
use crate::requirements::Threshold;
use crate::rules::keyword::{article_language, keyword_anchor};
use crate::rules::{declare_rule, Context};
use crate::text::{number, plural};

declare_rule! {
    /// ## What it does
    /// Checks the primary keyphrase's length: 1-4 content words by default, content words being
    /// the words that are not function words ("the", "to", "how", "with", ...). A keyphrase of
    /// function words only ("how to") is reported too. The finding points at where the keyword is
    /// declared (front matter, the `TARGET_KEYWORD` directive, the SEO CHECKLIST).
    ///
    /// The function words come from the article's language (front matter `lang`, `language` or
    /// `locale`; English when it says none). For a language seolint has no list for, the rule
    /// says so once (info) and checks nothing.
    ///
    /// ## Why is this bad?
    /// A long keyphrase is a sentence few people type, and an article rarely uses it word for
    /// word; a keyphrase of function words says nothing about the topic.
    ///
    /// ## Example
    /// ```markdown fail
    /// <!-- TARGET_KEYWORD: "best cold brew coffee ratio for glass jars" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold brew takes a night and no skill.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// <!-- TARGET_KEYWORD: "cold brew ratio" -->
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// Cold brew takes a night and no skill.
    /// ```
    ///
    /// ## Options
    /// - `max` (default 4, `pillar` 3): the most content words a keyphrase may have (Yoast's
    ///   default; a pillar page targets the broad head term of its cluster, long-tail phrases
    ///   belong to its cluster articles).
    pub static KEYWORD_LENGTH = {
        name: "keyword-length",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub max: Option<f64>,
}

fn check(ctx: &mut Context) {
    let Some(keyword) = ctx.req.keyword.as_ref() else {
        return;
    };
    let language = match article_language(ctx.doc) {
        Ok(l) => l,
        Err((tag, span)) => {
            let mut d = ctx.diagnostic(
                span,
                format!("no function-word list for language \"{tag}\": keyphrase length not checked"),
            );
            d.severity = Severity::Info;
            ctx.push(d);
            return;
        }
    };
    let words = keyword.phrase.words();
    let content = words.iter().filter(|w| !language.contains_word(w)).count();
    let anchor = keyword_anchor(ctx);
    if content == 0 {
        let d = ctx
            .diagnostic(
                anchor,
                format!(
                    "keyphrase \"{}\" ({}) is only function words ({}, none about the topic)",
                    keyword.phrase.text,
                    keyword.source,
                    plural(words.len() as f64, "word"),
                ),
            )
            .with_help("name the topic: \"how to\" becomes \"how to brew cold coffee\"");
        ctx.push(d);
        return;
    }
    let Threshold { value: max, source, .. } = ctx.threshold_or("max", 4.0);
    if content as f64 <= max {
        return;
    }
    let d = ctx
        .diagnostic(
            anchor,
            format!(
                "keyphrase \"{}\" ({}) is too long: {content} content words; aim for 1-{} ({source})",
                keyword.phrase.text,
                keyword.source,
                number(max),
            ),
        )
        .with_help("keep the words people search for and drop the rest");
    ctx.push(d);
}
