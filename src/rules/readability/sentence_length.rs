use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::requirements::{Source, Threshold};
use crate::rules::readability::{long_sentences, percent, sentence_words, MIN_WORDS};
use crate::rules::{declare_rule, Context};
use crate::text::{number, thousands};

declare_rule! {
    /// ## What it does
    /// Checks the share of sentences over 20 words: at most 25% of them may be that long (Yoast's
    /// default; 20% under the `pillar` preset). One finding per article, at its first long
    /// sentence, with a label on every long sentence. Every sentence of the visible prose counts,
    /// headings and list items included; code does not. Articles under 50 words are not judged.
    ///
    /// ## Why is this bad?
    /// Long sentences are harder to follow, above all on a phone; an article where one sentence
    /// in three runs past 20 words reads as a wall.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Brewing Cold Coffee
    ///
    /// Cold coffee is made by steeping coarsely ground beans in cold water for a long time, usually
    /// overnight in the fridge, and then straining the grounds away through a paper filter. It
    /// tastes smoother than hot coffee poured over ice, because the cold water pulls out fewer of
    /// the bitter compounds that hot water draws from the same beans in a few minutes. Use one
    /// part coffee to eight parts water. Keep it cold.
    /// ```
    /// Two of the four sentences are over 20 words: 50%.
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Brewing Cold Coffee
    ///
    /// Cold coffee is made by steeping ground beans in cold water. Leave it overnight in the
    /// fridge. Then strain the grounds away through a paper filter. It tastes smoother than hot
    /// coffee poured over ice. Cold water pulls out fewer of the bitter compounds. Use one part
    /// coffee to eight parts water. Keep it cold, and drink it within a week or two.
    /// ```
    ///
    /// ## Options
    /// - `max_words` (default 20): a sentence over this many words is long.
    /// - `max_share` (default 25, `pillar` 20): the most long sentences may be, in percent.
    pub static SENTENCE_LENGTH = {
        name: "sentence-length",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    #[serde(default = "default_max_words")]
    pub max_words: usize,
    #[serde(default = "default_max_share")]
    pub max_share: f64,
}

fn default_max_words() -> usize {
    20
}

fn default_max_share() -> f64 {
    25.0
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_words: default_max_words(),
            max_share: default_max_share(),
        }
    }
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let total = doc.sentences.len();
    if total == 0 || sentence_words(doc) < MIN_WORDS {
        return;
    }
    let max_words = ctx.options::<Options>().max_words;
    let Threshold {
        value: max_share,
        source,
        ..
    } = ctx.threshold_or("max_share", default_max_share());
    let long: Vec<_> = long_sentences(doc, max_words).collect();
    let share = long.len() as f64 * 100.0 / total as f64;
    if share <= max_share {
        return;
    }
    let Some(first) = long.first() else {
        return;
    };
    let words_source = match ctx.option_source(&["max_words"]) {
        Source::Default => String::new(),
        other => format!(" ({other})"),
    };
    let mut d = ctx
        .diagnostic(
            first.span,
            format!(
                "{} of sentences ({} of {}) are over {max_words} words{words_source}; aim for at most {} ({source})",
                percent(share),
                thousands(long.len()),
                thousands(total),
                percent(max_share),
            ),
        )
        .with_help("split the labelled sentences, or cut the words they can do without");
    for s in &long {
        d = d.with_label(s.span, format!("{} words", number(s.word_count() as f64)));
    }
    ctx.push(d);
}
