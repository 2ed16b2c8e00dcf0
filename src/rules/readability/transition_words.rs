use crate::diagnostic::Severity;
use crate::requirements::Threshold;
use crate::rules::readability::share::{self, of, percent};
use crate::rules::{declare_rule, Context};
use crate::text::transition_at;

declare_rule! {
    /// ## What it does
    /// Checks the share of the article's sentences (headings and list items included) that hold
    /// a transition word or phrase: "however", "therefore", "for example", "as a result", "when",
    /// "first" at a sentence's start. Reports once, at the longest run of sentences without one
    /// inside a paragraph. By default it reports under 20%, where Yoast SEO's light turns
    /// red; the `pillar` preset asks for Yoast's 30%.
    ///
    /// English only: the words and phrases are a list in `rules/lang/en/transition_words.txt`.
    /// An article in another language (front matter `lang`, `language`, `locale`, or config
    /// `language:`) gets one info finding instead. Articles with fewer than 50 words of
    /// sentences are not measured.
    ///
    /// ## Why is this bad?
    /// Transition words tell the reader how a sentence follows from the one before: a cause, a
    /// contrast, the next step. Without them a text reads as a list of loose claims.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: Cold brew
    /// ---
    /// # Cold Brew
    ///
    /// Stir coarse coffee into cold water in a large glass jar. Cover the jar with its lid.
    /// Leave it in the fridge for sixteen hours. Strain the coffee through a paper filter into
    /// a jug. Dilute it with milk or water to taste. Keep the rest cold for up to two weeks.
    /// ```
    /// None of the seven sentences (the heading is one) says how it follows from the last.
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: Cold brew
    /// ---
    /// # Cold Brew
    ///
    /// First, stir coarse coffee into cold water in a large glass jar. Cover the jar and leave
    /// it in the fridge for sixteen hours. Then strain the coffee through a paper filter into a
    /// jug. Finally, dilute it with milk or water, because the concentrate is strong. Keep the
    /// rest cold for up to two weeks.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 20; 30 in the `pillar` preset): the lowest share of sentences with a transition word, in percent.
    /// - `min_words` (default 50): articles with fewer words of sentences are not measured.
    pub static TRANSITION_WORDS = {
        name: "transition-words",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

/// The default `min`, in percent: where Yoast SEO's light turns red.
pub const DEFAULT_MIN: f64 = 20.0;

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub min: Option<f64>,
    pub min_words: Option<f64>,
}

/// The indices of the article's sentences that hold a transition word; `None` when its language
/// has no list.
pub fn transition_sentences(doc: &crate::document::Document) -> Option<Vec<usize>> {
    let lexicon = share::lexicon_with(doc, "transition_words")?;
    Some(share::matching(doc, |s, words| {
        transition_at(lexicon, words, |i| doc.word_text(&doc.words[s.words.start + i])).is_some()
    }))
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    if doc.sentences.is_empty() {
        return;
    }
    let Some(found) = transition_sentences(doc) else {
        share::no_lists(ctx, "transition-words");
        return;
    };
    if !share::long_enough(ctx) {
        return;
    }
    let Threshold {
        value: min,
        source,
        span: setting,
    } = ctx.threshold_or("min", DEFAULT_MIN);
    let total = doc.sentences.len();
    let mut hit = vec![false; total];
    for &i in &found {
        hit[i] = true;
    }
    let hits = found.len();
    if hits as f64 * 100.0 >= min * total as f64 {
        return;
    }
    // the longest run of sentences without one inside a paragraph: where adding one helps most
    let (mut best, mut best_len) = (None, 0);
    for b in doc.blocks.iter().filter(|b| !b.is_heading()) {
        let mut start = b.sentences.start;
        for i in b.sentences.clone() {
            if hit.get(i).copied().unwrap_or(true) {
                start = i + 1;
            } else if i + 1 - start > best_len {
                best_len = i + 1 - start;
                best = Some(start);
            }
        }
    }
    let Some(best) = best else { return };
    let (first, last) = (&doc.sentences[best], &doc.sentences[best + best_len - 1]);
    let span = crate::diagnostic::Span::new(first.span.start, last.span.end);
    let help = format!(
        "link sentences with words like \"however\", \"therefore\", \"for example\"; {} none",
        match best_len {
            1 => "this sentence has".to_string(),
            n => format!("these {n} sentences in a row have"),
        }
    );
    let mut d = ctx
        .diagnostic(
            span,
            format!(
                "{} of sentences ({}) hold a transition word; aim for at least {}% ({source})",
                percent(hits, total),
                of(hits, total),
                crate::text::number(min),
            ),
        )
        .with_help(help);
    if let Some(span) = setting {
        d = d.with_label(span, "minimum set here");
    }
    ctx.push(d);
}
