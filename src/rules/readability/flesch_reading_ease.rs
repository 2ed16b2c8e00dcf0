use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::requirements::Threshold;
use crate::rules::readability::{flesch, sentence_words, MIN_WORDS};
use crate::rules::{declare_rule, Context};
use crate::text::number;

declare_rule! {
    /// ## What it does
    /// Checks the article's Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 ×
    /// syllables per word, over every sentence of the visible prose. At most one finding, at the
    /// first heading (or the first prose), when the score is under 60 ("fairly difficult" and
    /// harder). English only: for an article in another language it says so once, as
    /// information, and measures nothing. Articles under 50 words are not judged.
    ///
    /// ## Why is this bad?
    /// A low score means long sentences of long words; most readers of the web take in text
    /// scoring 60 or more (plain English) without effort.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Organizational Considerations
    ///
    /// Comprehensive organizational documentation facilitates institutional knowledge preservation.
    /// Administrative responsibilities necessitate considerable interdepartmental communication.
    /// Operational efficiency improvements consistently require significant organizational commitment.
    /// Technological infrastructure modernization generates substantial implementation complexity.
    /// Management accountability mechanisms demonstrate measurable productivity improvements.
    /// Documentation standardization initiatives simplify institutional decision processes.
    /// Organizational communication frameworks necessitate comprehensive managerial evaluation.
    /// ```
    /// Long words in long sentences: a score far below zero.
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Keep Notes Your Team Can Use
    ///
    /// Write down how things work. When a person leaves, the notes stay. Good notes save time.
    /// They help new people learn fast. Keep each note short and plain. Put them where the whole
    /// team can find them. Read them once a month and fix what is out of date. Ask the team what
    /// is missing, then add it.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 60): the lowest score that passes.
    pub static FLESCH_READING_EASE = {
        name: "flesch-reading-ease",
        severity: Severity::Info,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    #[serde(default = "default_min")]
    pub min: f64,
}

pub(crate) fn default_min() -> f64 {
    60.0
}

impl Default for Options {
    fn default() -> Self {
        Options { min: default_min() }
    }
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some(first) = doc.blocks.first() else {
        return;
    };
    if !doc.language.is_english() {
        let (span, declared) = match doc.language.source {
            crate::document::LanguageSource::FrontMatter(span) => (span, "front matter".to_string()),
            ref other => (first.span, other.to_string()),
        };
        let d = ctx.diagnostic(
            span,
            format!(
                "the Flesch reading ease is defined for English; this article is in `{}` ({declared}), so it is not measured",
                doc.language.language.tag()
            ),
        );
        ctx.push(Diagnostic {
            severity: Severity::Info,
            ..d
        });
        return;
    }
    if sentence_words(doc) < MIN_WORDS {
        return;
    }
    let Some(score) = flesch(doc) else {
        return;
    };
    let Threshold { value: min, source, .. } = ctx.threshold_or("min", default_min());
    if score >= min {
        return;
    }
    let d = ctx
        .diagnostic(
            first.span,
            format!(
                "Flesch reading ease is {} ({}); aim for at least {} ({source})",
                number((score * 10.0).round() / 10.0),
                band(score),
                number(min)
            ),
        )
        .with_help("shorten the longest sentences and prefer short, common words; `seolint stats` shows the figures");
    ctx.push(d);
}

/// Flesch's own names for the score's bands.
pub fn band(score: f64) -> &'static str {
    match score {
        s if s >= 90.0 => "very easy",
        s if s >= 80.0 => "easy",
        s if s >= 70.0 => "fairly easy",
        s if s >= 60.0 => "plain English",
        s if s >= 50.0 => "fairly difficult",
        s if s >= 30.0 => "difficult",
        _ => "very difficult",
    }
}
