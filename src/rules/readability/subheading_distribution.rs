use serde::Deserialize;

use crate::diagnostic::{excerpt, Severity, Span};
use crate::requirements::Threshold;
use crate::rules::{declare_rule, Context};
use crate::text::{number, thousands};

declare_rule! {
    /// ## What it does
    /// Reports each stretch of text over 300 words without a heading (Yoast's default; 250 under
    /// the `pillar` preset), at the stretch's first paragraph. A stretch runs from a heading of
    /// any level (or the top of the article) to the next one; its words are the visible prose
    /// words in it (code is not counted).
    ///
    /// ## Why is this bad?
    /// Readers scan for subheadings to find their part of an article, and search engines read
    /// them to learn its structure; a long run of text without one hides what is in it.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Subheadings Help Readers
    ///
    /// <!-- seolint-disable paragraph-length -->
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// ```
    /// 312 words under the title without a subheading.
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Subheadings Help Readers
    ///
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    ///
    /// ## A Second Part
    ///
    /// Example text. Example text. Example text. Example text. Example text. Example text.
    /// ```
    ///
    /// ## Options
    /// - `max_words` (default 300, `pillar` 250): the most words a stretch without a heading may have.
    pub static SUBHEADING_DISTRIBUTION = {
        name: "subheading-distribution",
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
    pub max_words: f64,
}

fn default_max_words() -> f64 {
    300.0
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_words: default_max_words(),
        }
    }
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Threshold { value: max, source, .. } = ctx.threshold_or("max_words", default_max_words());
    // the stretches: top of the body to the first heading, then each heading's own text
    let top = Span::new(
        doc.body_start,
        doc.headings.first().map_or(doc.source.len(), |h| h.span.start),
    );
    let stretches =
        std::iter::once((None, top)).chain(doc.sections.iter().map(|s| (Some(&doc.headings[s.heading]), s.own)));
    let mut found = Vec::new();
    for (heading, stretch) in stretches {
        let words = doc.words_in(stretch).len();
        if words as f64 <= max {
            continue;
        }
        // at its first paragraph, else its first word
        let at = doc
            .blocks
            .iter()
            .find(|b| b.span.start >= stretch.start && b.span.start < stretch.end)
            .map(|b| b.span)
            .or_else(|| doc.words_in(stretch).first().map(|w| Span::new(w.start(), w.start())))
            .unwrap_or(stretch);
        let place = match heading {
            Some(h) => format!("under \"{}\"", excerpt(&h.text, 50)),
            None => "at the top of the article".to_string(),
        };
        found.push(
            ctx.diagnostic(
                at,
                format!(
                    "{} words without a subheading {place}; aim for at most {} ({source})",
                    thousands(words),
                    number(max)
                ),
            )
            .with_help("add a subheading where the topic turns"),
        );
    }
    for d in found {
        ctx.push(d);
    }
}
