use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{excerpt, Severity};
use crate::requirements::Source;
use crate::requirements::TemplateReqs;
use crate::rules::structure::same_text;
use crate::rules::{declare_rule, Context};
use crate::text::{plural, range};

declare_rule! {
    /// ## What it does
    /// Checks the words of each H2 and H3 section's own text (from its heading to the next heading
    /// of any level) against its range: the template's "Write N-M words" for that section (with
    /// `--template`), else the per-level ranges from the config or a preset. Structural
    /// sections are skipped: table of contents, key takeaways, FAQ, related articles, calls to
    /// action. Without ranges the rule stays quiet.
    ///
    /// ## Why is this bad?
    /// A subsection of two sentences under a heading promises more than it gives; one of two
    /// thousand words hides its point. Templates plan words per section for that reason.
    ///
    /// ## Example
    /// With `--template` naming a template that plans the section:
    /// ```markdown template
    /// ## Why Cold Brew
    ///
    /// [Write 20-80 words.]
    /// ```
    /// An article whose section is three words long:
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Why Cold Brew
    ///
    /// It is smooth.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Why Cold Brew
    ///
    /// Cold water pulls less acid and bitterness out of the grounds than hot water
    /// does, so the cup tastes smooth and sweet even from cheap beans. It also keeps:
    /// a jar made on Sunday still tastes fresh on Friday.
    /// ```
    ///
    /// ## Options
    /// - `h2_min`, `h2_max`, `h3_min`, `h3_max` (no default): ranges in words.
    /// - `ignore` (list of regexes, case-insensitive): headings to skip, default the structural
    ///   sections above.
    pub static SECTION_WORD_COUNT = {
        name: "section-word-count",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub h2_min: Option<f64>,
    pub h2_max: Option<f64>,
    pub h3_min: Option<f64>,
    pub h3_max: Option<f64>,
    pub ignore: Option<Vec<String>>,
    /// `ignore` compiled on first use: the options are made once per run, and so are these.
    #[serde(skip)]
    ignore_compiled: OnceLock<Vec<Regex>>,
}

impl Options {
    fn ignore(&self) -> &[Regex] {
        self.ignore_compiled.get_or_init(|| {
            self.ignore
                .as_deref()
                .unwrap_or_default()
                .iter()
                .filter_map(|p| Regex::new(&format!("(?i){p}")).ok())
                .collect()
        })
    }
}

/// Where a section's range comes from, written out only for a finding.
enum Origin<'a> {
    /// Config, or the rule's defaults.
    Setting(&'a Source),
    /// The template's "Write N-M words" for the section, at this line of it.
    Template(&'a TemplateReqs, usize),
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let limits = [
        (2u8, ctx.threshold("h2_min"), ctx.threshold("h2_max")),
        (3u8, ctx.threshold("h3_min"), ctx.threshold("h3_max")),
    ];
    let template = ctx.settings.template.clone();
    let planned = template
        .as_ref()
        .is_some_and(|t| t.sections.iter().any(|s| s.words.is_some()));
    if limits.iter().all(|(_, a, b)| a.is_none() && b.is_none()) && !planned {
        return;
    }
    let ignore = opts.ignore();
    let doc = ctx.doc;
    for s in doc.sections.iter().filter(|s| s.level == 2 || s.level == 3) {
        let h = &doc.headings[s.heading];
        if h.is_structural() || ignore.iter().any(|r| r.is_match(&h.text)) {
            continue;
        }
        // the template's "Write N-M words" for this very section, else the per-level range
        // where the range comes from is written out only for a finding (most sections have none)
        let planned = template.as_ref().and_then(|t| {
            let ts = t
                .sections
                .iter()
                .find(|ts| ts.level == h.level && same_text(&ts.text, &h.text))?;
            let (lo, hi, line) = ts.words?;
            Some((Some(lo), Some(hi), Origin::Template(t, line)))
        });
        let (lo, hi, source) = match planned {
            Some(p) => p,
            None => {
                let Some((_, min, max)) = limits.iter().find(|(l, _, _)| *l == s.level) else {
                    continue;
                };
                let Some(src) = min.as_ref().or(max.as_ref()).map(|t| &t.source) else {
                    continue;
                };
                (
                    min.as_ref().map(|t| t.value),
                    max.as_ref().map(|t| t.value),
                    Origin::Setting(src),
                )
            }
        };
        let words = doc.words_in(s.own).len();
        let n = words as f64;
        if lo.is_some_and(|m| n < m) || hi.is_some_and(|m| n > m) {
            let source = match source {
                Origin::Setting(src) => Cow::Borrowed(src),
                Origin::Template(t, line) => Cow::Owned(Source::Template(format!("{}:{line}", t.path))),
            };
            let d = ctx
                .diagnostic(
                    h.text_span,
                    format!(
                        "H{} section \"{}\" has {} of its own; aim for {} ({source})",
                        h.level,
                        excerpt(&h.text, 50),
                        plural(words as f64, "word"),
                        range(lo, hi)
                    ),
                )
                .with_help("write the section out, or merge it with its neighbour");
            ctx.push(d);
        }
    }
}
