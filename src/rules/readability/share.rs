//! What `passive-voice` and `transition-words` share: the share of an article's sentences that a
//! language's word lists find something in, checked against a bound, and the one info finding
//! when the article's language has no such lists.

use crate::diagnostic::{Severity, Span};
use crate::document::{Document, LanguageSource, Sentence};
use crate::rules::Context;
use crate::text::{thousands, Lexicon, WordClass};

use super::MIN_WORDS;

/// The sentences (by index) that `hit` finds something in, given each sentence and its words'
/// classes (`Document::sentence_classes`).
pub fn matching(doc: &Document, hit: impl Fn(&Sentence, &[WordClass]) -> bool) -> Vec<usize> {
    (0..doc.sentences.len())
        .filter(|&i| hit(&doc.sentences[i], doc.sentence_classes(&doc.sentences[i])))
        .collect()
}

/// The lexicon of the article's language when it has the list `name`.
pub fn lexicon_with(doc: &Document, name: &str) -> Option<&'static Lexicon> {
    Lexicon::for_language(&doc.language.language).filter(|l| l.has(name))
}

/// Whether the article has enough words of sentences for a share (the rule's `min_words`).
pub fn long_enough(ctx: &Context) -> bool {
    super::sentence_words(ctx.doc) as f64 >= ctx.threshold_or("min_words", MIN_WORDS as f64).value
}

/// The one info finding of a rule whose lists the article's language lacks, at the front matter
/// value that declares the language (else the start of the file).
pub fn no_lists(ctx: &mut Context, what: &str) {
    let lang = &ctx.doc.language;
    let span = match lang.source {
        LanguageSource::FrontMatter(span) => span,
        _ => Span::new(0, 0),
    };
    let mut d = ctx.diagnostic(
        span,
        format!(
            "{} not measured: seolint has no {what} list for language `{}` ({})",
            ctx.rule.name,
            lang.language.tag(),
            lang.source
        ),
    );
    d.severity = Severity::Info;
    ctx.push(d.with_help("the rule measures English articles; set `lang: en` if this one is English"));
}

/// `n` of `total` as a percent with one decimal at most: `26.7%`, `25%`.
pub fn percent(n: usize, total: usize) -> String {
    let share = if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    };
    format!("{}%", crate::text::number((share * 10.0).round() / 10.0))
}

/// "12 of 46".
pub fn of(n: usize, total: usize) -> String {
    format!("{} of {}", thousands(n), thousands(total))
}

/// How many sentences to mark with a label beside the finding's own.
pub const LABELS: usize = 10;
