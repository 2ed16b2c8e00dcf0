use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::requirements::Threshold;
use crate::rules::readability::paragraphs;
use crate::rules::{declare_rule, Context};
use crate::text::thousands;

declare_rule! {
    /// ## What it does
    /// Reports each paragraph over 150 words (Yoast's default), at the paragraph. A list item's
    /// paragraph and a block quote's count as paragraphs; headings, tables and code do not.
    ///
    /// ## Why is this bad?
    /// A long paragraph is a wall of text: readers skim past it, and on a phone it fills the
    /// screen. One idea a paragraph keeps them reading.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Proofing Bread Dough
    ///
    /// Proofing is the last rise of a shaped dough before it goes into the oven, and it decides
    /// how open the crumb will be. Yeast eats the sugars in the flour and breathes out gas, which
    /// the gluten traps in small pockets that grow as the dough warms. A warm kitchen makes this
    /// quick, a cold one slow, and a fridge slower still, which many bakers prefer because the
    /// flavour deepens over a long cold night. Under-proofed dough is dense and tears open in the
    /// oven; over-proofed dough has used up its strength and spreads flat. The poke test tells
    /// them apart: press a floured finger into the dough, and if the dent springs back slowly
    /// and not all the way, the dough is ready. If it springs back at once, wait; if it stays,
    /// bake right away and expect a flatter loaf. Timing by the clock alone fails, because flour,
    /// starter and room all differ from day to day, so learn to read the dough itself instead.
    /// ```
    /// The paragraph has 175 words.
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Proofing Bread Dough
    ///
    /// Proofing is the last rise of a shaped dough before it goes into the oven. It decides how
    /// open the crumb will be.
    ///
    /// The poke test tells you when it is ready: press a floured finger into the dough. If the
    /// dent springs back slowly and not all the way, bake it.
    /// ```
    ///
    /// ## Options
    /// - `max_words` (default 150): a paragraph over this many words is long.
    pub static PARAGRAPH_LENGTH = {
        name: "paragraph-length",
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
    150.0
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_words: default_max_words(),
        }
    }
}

fn check(ctx: &mut Context) {
    let Threshold { value: max, source, .. } = ctx.threshold_or("max_words", default_max_words());
    let found: Vec<_> = paragraphs(ctx.doc)
        .filter(|p| p.word_count() as f64 > max)
        .map(|p| {
            ctx.diagnostic(
                p.span,
                format!(
                    "paragraph has {} words; aim for at most {} ({source})",
                    thousands(p.word_count()),
                    crate::text::number(max)
                ),
            )
            .with_help("split it where the topic turns, one idea a paragraph")
        })
        .collect();
    for d in found {
        ctx.push(d);
    }
}
