use crate::diagnostic::Severity;
use crate::requirements::Threshold;
use crate::rules::readability::share::{self, of, percent, LABELS};
use crate::rules::{declare_rule, Context};
use crate::text::passive_at;

declare_rule! {
    /// ## What it does
    /// Checks the share of the article's sentences (headings and list items included) that are
    /// in the passive voice: a form of "be" followed, past at most three adverbs, by a past
    /// participle ("is written", "were not always tested", "has been built"). Reports once, at the
    /// first passive sentence, with the others marked. By default it reports over 15%, where
    /// Yoast SEO's light turns red; the `pillar` preset asks for Yoast's 10%.
    ///
    /// English only: the auxiliaries and the irregular participles are lists in
    /// `rules/lang/en/`. An article in another language (front matter `lang`, `language`,
    /// `locale`, or config `language:`) gets one info finding instead. Articles with fewer than
    /// 50 words of sentences are not measured.
    ///
    /// ## Why is this bad?
    /// The passive hides who does what and takes more words to say it; readers follow active
    /// sentences more easily, and a page full of passives reads as vague.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: Cold brew
    /// ---
    /// # Cold Brew
    ///
    /// Coarse coffee is stirred into cold water in a large jar. The jar is covered and left in
    /// the fridge overnight. After sixteen hours the coffee is strained through a paper filter.
    /// The concentrate is diluted with milk or water before serving. The rest is kept cold for
    /// up to two weeks.
    /// ```
    /// Five of the six sentences (the heading is one) are in the passive.
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: Cold brew
    /// ---
    /// # Cold Brew
    ///
    /// Stir coarse coffee into cold water in a large jar. Cover the jar and leave it in the
    /// fridge overnight. After sixteen hours, strain the coffee through a paper filter. Dilute
    /// the concentrate with milk or water before serving, and keep the rest cold for up to two
    /// weeks.
    /// ```
    ///
    /// ## Options
    /// - `max` (default 15; 10 in the `pillar` preset): the highest share of passive sentences, in percent.
    /// - `min_words` (default 50): articles with fewer words of sentences are not measured.
    pub static PASSIVE_VOICE = {
        name: "passive-voice",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

/// The default `max`, in percent: where Yoast SEO's light turns red.
pub const DEFAULT_MAX: f64 = 15.0;

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub max: Option<f64>,
    pub min_words: Option<f64>,
}

/// The indices of the article's sentences in the passive; `None` when its language has no lists.
pub fn passive_sentences(doc: &crate::document::Document) -> Option<Vec<usize>> {
    share::lexicon_with(doc, "passive_auxiliaries")?;
    Some(share::matching(doc, |_, words| passive_at(words).is_some()))
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    if doc.sentences.is_empty() {
        return;
    }
    let Some(hits) = passive_sentences(doc) else {
        share::no_lists(ctx, "passive-voice");
        return;
    };
    if !share::long_enough(ctx) {
        return;
    }
    let Threshold {
        value: max,
        source,
        span: setting,
    } = ctx.threshold_or("max", DEFAULT_MAX);
    let total = doc.sentences.len();
    if hits.len() as f64 * 100.0 <= max * total as f64 {
        return;
    }
    let first = &doc.sentences[hits[0]];
    let mut d = ctx
        .diagnostic(
            first.span,
            format!(
                "{} of sentences ({}) are in the passive voice; aim for at most {}% ({source})",
                percent(hits.len(), total),
                of(hits.len(), total),
                crate::text::number(max),
            ),
        )
        .with_help(format!(
            "rewrite some with the doer as the subject (\"the team tested it\", not \"it was tested\"){}",
            if hits.len() > LABELS + 1 {
                format!("; the first {} are marked", LABELS + 1)
            } else {
                String::new()
            }
        ));
    for &i in hits.iter().skip(1).take(LABELS) {
        d = d.with_label(doc.sentences[i].span, "passive");
    }
    if let Some(span) = setting {
        d = d.with_label(span, "maximum set here");
    }
    ctx.push(d);
}
