use serde::Deserialize;

use crate::diagnostic::{excerpt, Severity, Span};
use crate::document::{BlockKind, Document, Sentence, Word};
use crate::requirements::Threshold;
use crate::rules::{declare_rule, Context};
use crate::text::{number, WordClass};

declare_rule! {
    /// ## What it does
    /// Reports each run of 3 or more consecutive sentences that start with the same word
    /// (compared without case), at the run. A sentence that opens with an article, demonstrative
    /// or possessive ("The", "This", "Our") is compared by its first two words, from the
    /// article's language's list (`rules/lang/en/sentence_openers.txt`). Runs are sentences of
    /// paragraphs: anything between two paragraphs (a heading, a list, code, a table) ends one, and list items are not checked (parallel items
    /// are good style).
    ///
    /// ## Why is this bad?
    /// Sentence after sentence with the same opening reads as a drone; varying the first words
    /// keeps readers moving.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Caring for a Sourdough Starter
    ///
    /// Feed the starter every day. Feed it equal weights of flour and water. Feed it at the same
    /// hour, so it keeps a rhythm.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Caring for a Sourdough Starter
    ///
    /// Feed the starter every day. Give it equal weights of flour and water. A fixed hour keeps
    /// it on a rhythm.
    /// ```
    ///
    /// ## Options
    /// - `max_consecutive` (default 2): the most sentences in a row that may start alike.
    pub static SENTENCE_BEGINNINGS = {
        name: "sentence-beginnings",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    #[serde(default = "default_max")]
    pub max_consecutive: f64,
}

fn default_max() -> f64 {
    2.0
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_consecutive: default_max(),
        }
    }
}

/// The words a sentence's beginning is told by: its first, and the second too after an opener
/// ("The oven", "The dough" differ).
fn beginning<'d>(doc: &'d Document, s: &Sentence) -> &'d [Word] {
    let words = doc.words.get(s.words.clone()).unwrap_or_default();
    let opener = doc.sentence_classes(s).first().is_some_and(|c| c.is(WordClass::OPENER));
    &words[..words.len().min(if opener { 2 } else { 1 })]
}

/// Whether two beginnings are the same words in any case.
fn same(doc: &Document, a: &[Word], b: &[Word]) -> bool {
    let lower = |w: &Word| doc.word_text(w).chars().flat_map(char::to_lowercase);
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| lower(x).eq(lower(y)))
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Threshold { value: max, source, .. } = ctx.threshold_or("max_consecutive", default_max());
    let mut found = Vec::new();
    // (beginning, first sentence, last sentence, count) of the run so far
    let mut run: Option<(&[Word], usize, usize, usize)> = None;
    let mut close = |run: &mut Option<(&[Word], usize, usize, usize)>| {
        if let Some((begin, from, to, n)) = run.take() {
            if n as f64 > max {
                let span = Span::new(doc.sentences[from].span.start, doc.sentences[to].span.end);
                let end = begin.last().map_or(doc.sentences[from].span.start, Word::end);
                let shown = doc.text(Span::new(doc.sentences[from].span.start, end));
                found.push((span, n, excerpt(shown, 40)));
            }
        }
    };
    let mut last_block: Option<usize> = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        let block = &doc.blocks[s.block];
        if !matches!(block.kind, BlockKind::Paragraph { .. }) {
            close(&mut run);
            continue;
        }
        // anything between two paragraphs (a heading, a list, code, a table) ends the run
        let apart = last_block.is_some_and(|b: usize| {
            b != s.block && doc.text(Span::new(doc.blocks[b].span.end, block.span.start)).trim() != ""
        });
        if apart {
            close(&mut run);
        }
        last_block = Some(s.block);
        let begin = beginning(doc, s);
        match &mut run {
            Some((b, _, to, n)) if !begin.is_empty() && same(doc, b, begin) => {
                *to = i;
                *n += 1;
            }
            _ => {
                close(&mut run);
                run = Some((begin, i, i, 1));
            }
        }
    }
    close(&mut run);
    for (span, n, shown) in found {
        let d = ctx
            .diagnostic(
                span,
                format!(
                    "{n} sentences in a row start with \"{shown}\"; aim for at most {} ({source})",
                    number(max)
                ),
            )
            .with_help("vary how these sentences open, or join two of them");
        ctx.push(d);
    }
}
