//! The score of `seolint stats`: one number 0-100 per article, the sum of what each SEO and
//! readability check keeps of its weight, so a writer sees what to fix first. A check's state is
//! read from the findings the lint gives the article, so the score never disagrees with them;
//! README ("The score") says how it is computed.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::requirements::Requirements;
use crate::rules::{self, Context};
use crate::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Seo,
    Readability,
}

/// A check's traffic light: kept all its points, half of them, none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Good,
    Ok,
    Bad,
}

/// Where a measured figure stands against its limit: within it, in the band just past it (Yoast's
/// orange), or beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    Within,
    Near,
    Far,
}

/// The checks of the score: the rule, its group, its weight. The weights sum to 100; a check
/// that does not apply to an article is left out and the others share its weight.
pub const CHECKS: &[(&str, Group, u32)] = &[
    ("keyword-density", Group::Seo, 7),
    ("keyword-placement", Group::Seo, 6),
    ("description-length", Group::Seo, 6),
    ("title-length", Group::Seo, 5),
    ("word-count", Group::Seo, 5),
    ("internal-links", Group::Seo, 4),
    ("image-alt", Group::Seo, 4),
    ("keyword-in-subheadings", Group::Seo, 3),
    ("title-width", Group::Seo, 3),
    ("heading-h1", Group::Seo, 3),
    ("external-links", Group::Seo, 2),
    ("image-alt-keyword", Group::Seo, 2),
    ("secondary-keyword", Group::Seo, 2),
    ("section-word-count", Group::Seo, 2),
    ("keyword-length", Group::Seo, 1),
    ("competing-links", Group::Seo, 1),
    ("link-text", Group::Seo, 1),
    ("faq", Group::Seo, 1),
    ("toc-coverage", Group::Seo, 1),
    ("cluster-links", Group::Seo, 1),
    ("sentence-length", Group::Readability, 8),
    ("subheading-distribution", Group::Readability, 7),
    ("paragraph-length", Group::Readability, 6),
    ("passive-voice", Group::Readability, 5),
    ("transition-words", Group::Readability, 5),
    ("sentence-beginnings", Group::Readability, 5),
    // half of its formula is sentence length, which `sentence-length` weighs already
    ("flesch-reading-ease", Group::Readability, 4),
];

#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// The sum of the checks' points.
    pub value: u32,
    /// Biggest loss first: what to fix first.
    pub checks: Vec<CheckScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckScore {
    /// The rule's name.
    pub check: &'static str,
    pub group: Group,
    pub points: u32,
    pub max: u32,
    pub status: Status,
    /// The first finding that cost the points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// How many findings the rule gave (0 for a good check).
    #[serde(skip_serializing_if = "is_zero")]
    pub findings: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl CheckScore {
    pub fn lost(&self) -> u32 {
        self.max - self.points
    }
}

impl Score {
    /// The points kept and the most that could be kept in `group`.
    pub fn of_group(&self, group: Group) -> (u32, u32) {
        self.checks
            .iter()
            .filter(|c| c.group == group)
            .fold((0, 0), |(p, m), c| (p + c.points, m + c.max))
    }
}

/// The overall light of a score, in Yoast's bands for its overall rating: over 70 good, over 40
/// ok, else bad.
pub fn status_of(value: u32) -> Status {
    match value {
        71.. => Status::Good,
        41..=70 => Status::Ok,
        _ => Status::Bad,
    }
}

/// What the score reads: the article, what it asks of itself, its settings, the findings the lint
/// gave it, and the light of each measured readability figure (`None` for a check without one).
pub struct Inputs<'a> {
    pub doc: &'a Document,
    pub req: &'a Requirements,
    pub settings: &'a Settings,
    pub findings: &'a [Diagnostic],
    pub light: &'a dyn Fn(&str) -> Option<Light>,
    /// Whether the article's language has the lists of `passive-voice` and `transition-words`.
    pub passive_lists: bool,
    pub transition_lists: bool,
}

/// The score of one article; `None` for an article under 50 words of prose (its readability is
/// not judged, and the one or two SEO checks left would make the whole score) or when no check
/// applies.
pub fn score(inputs: &Inputs) -> Option<Score> {
    if crate::rules::readability::sentence_words(inputs.doc) < crate::rules::readability::MIN_WORDS {
        return None;
    }
    let mut judged: Vec<(usize, Status, Option<String>, usize)> = Vec::new();
    for (slot, &(name, _, _)) in CHECKS.iter().enumerate() {
        let Some(rule) = rules::find(name) else { continue };
        let (Some(severity), setting) = rule.setting_in(inputs.settings) else {
            continue; // off: not part of the score
        };
        let found: Vec<&Diagnostic> = inputs.findings.iter().filter(|d| d.rule == name).collect();
        let ctx = Context::new(
            inputs.doc,
            inputs.req,
            inputs.settings,
            rule,
            severity,
            setting,
            Vec::new(),
        );
        let measured = applies(name, &ctx, inputs);
        // a rule that cannot measure says so at most as information ("not measured"); anything
        // stronger is a finding, and the check counts whatever the reason
        let fired = if measured {
            !found.is_empty()
        } else {
            found.iter().any(|d| d.severity > Severity::Info)
        };
        if !fired {
            if measured {
                judged.push((slot, Status::Good, None, 0));
            } else if let Some(d) = reported_elsewhere(name, inputs) {
                judged.push((slot, Status::Bad, Some(d.message.clone()), 1));
            }
            continue;
        }
        let status = match (inputs.light)(name) {
            Some(Light::Far) => Status::Bad,
            // a limit the article sets itself may be stricter than the figures' own
            Some(Light::Near | Light::Within) => Status::Ok,
            None if found.len() > 1 || found.iter().any(|d| d.severity == Severity::Error) => Status::Bad,
            // nothing to keep: no description at all, not one of the wrong length
            None if name == "description-length" && !has_description(inputs.doc, inputs.settings) => Status::Bad,
            None => Status::Ok,
        };
        let message = found.first().map(|d| d.message.clone());
        judged.push((slot, status, message, found.len()));
    }
    if judged.is_empty() {
        return None;
    }
    let weights: Vec<u32> = judged.iter().map(|(slot, ..)| CHECKS[*slot].2).collect();
    let maxes = shares_of_100(&weights);
    let mut checks: Vec<CheckScore> = judged
        .into_iter()
        .zip(maxes)
        .map(|((slot, status, message, findings), max)| CheckScore {
            check: CHECKS[slot].0,
            group: CHECKS[slot].1,
            points: match status {
                Status::Good => max,
                Status::Ok => max / 2,
                Status::Bad => 0,
            },
            max,
            status,
            message,
            findings,
        })
        .collect();
    // stable: among equal losses the heavier check, then the table's order
    checks.sort_by(|a, b| b.lost().cmp(&a.lost()).then(b.max.cmp(&a.max)));
    Some(Score {
        value: checks.iter().map(|c| c.points).sum(),
        checks,
    })
}

/// Split 100 points in proportion to `weights`, in whole points that sum to exactly 100: each
/// gets the whole part of its share, and the points left go to the largest remainders (the
/// earlier check on a tie).
fn shares_of_100(weights: &[u32]) -> Vec<u32> {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let mut out: Vec<u32> = weights.iter().map(|w| w * 100 / total).collect();
    let left = 100 - out.iter().sum::<u32>();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(weights[i] * 100 % total));
    for &i in by_remainder.iter().take(left as usize) {
        out[i] += 1;
    }
    out
}

/// Whether the check's rule measures something in this article: it has the input the rule needs
/// (a keyword, images, links, a title, the language's word lists) and, for what a
/// template or config must ask for (a word count, a number of links, an FAQ), it was asked for.
/// A rule that stays silent without measuring is no reason to give its points.
fn applies(name: &str, ctx: &Context, inputs: &Inputs) -> bool {
    let doc = ctx.doc;
    let keyword = ctx.req.keyword.is_some();
    let images = doc.images.iter().any(|i| !i.hidden);
    let function_words = rules::keyword::article_language(doc).is_ok();
    match name {
        "keyword-density" => keyword && !doc.words.is_empty(),
        "keyword-placement" | "competing-links" => keyword,
        "keyword-in-subheadings" => {
            keyword
                && function_words
                && doc
                    .headings
                    .iter()
                    .any(|h| matches!(h.level, 2 | 3) && !h.is_structural())
        }
        "keyword-length" => keyword && function_words,
        "secondary-keyword" => !ctx.req.secondary.is_empty(),
        "image-alt-keyword" => keyword && images,
        "image-alt" => images,
        "link-text" => rules::links::visible_links(doc).next().is_some(),
        "title-length" | "title-width" => {
            rules::meta::page_title(doc, ctx.settings).is_some_and(|t| !rules::meta::visible(&t).is_empty())
        }
        "description-length" => has_description(doc, ctx.settings),
        "heading-h1" => true,
        "word-count" => ctx.range().is_some(),
        "internal-links" | "external-links" | "faq" | "cluster-links" => ctx.threshold("min").is_some(),
        "toc-coverage" => rules::structure::toc_coverage::toc_list(doc).is_some(),
        "section-word-count" => {
            ["h2_min", "h2_max", "h3_min", "h3_max"]
                .iter()
                .any(|k| ctx.threshold(k).is_some())
                || ctx
                    .settings
                    .template
                    .as_ref()
                    .is_some_and(|t| t.sections.iter().any(|s| s.words.is_some()))
        }
        "flesch-reading-ease" => doc.language.is_english(),
        "passive-voice" => inputs.passive_lists && rules::readability::long_enough(ctx),
        "transition-words" => inputs.transition_lists && rules::readability::long_enough(ctx),
        // the article has the 50 words of prose the score asks for
        _ => true,
    }
}

/// A description in the front matter (any of the description fields) or a `**Meta
/// Description:**` line in the body, not empty.
fn has_description(doc: &Document, settings: &Settings) -> bool {
    rules::meta::description_length::page_description(doc, settings).is_some()
}

/// A check that cannot measure because what it measures is missing, where another rule (outside
/// the score) reports the gap: a missing meta description is `front-matter-required`'s finding
/// when that rule requires one, and `description-length` then stays silent.
fn reported_elsewhere<'a>(name: &str, inputs: &Inputs<'a>) -> Option<&'a Diagnostic> {
    if name != "description-length" {
        return None;
    }
    let keys = inputs.settings.fields.description.list();
    inputs
        .findings
        .iter()
        .find(|d| d.rule == "front-matter-required" && keys.iter().any(|k| d.message.contains(&format!("`{k}`"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_sum_to_100_and_name_rules() {
        assert_eq!(CHECKS.iter().map(|c| c.2).sum::<u32>(), 100);
        for (name, ..) in CHECKS {
            assert!(rules::find(name).is_some(), "{name}");
        }
    }

    #[test]
    fn shares_are_whole_points_that_sum_to_100() {
        assert_eq!(shares_of_100(&[1, 1, 1]), [34, 33, 33]);
        assert_eq!(shares_of_100(&[7, 5, 8]), [35, 25, 40]);
        assert_eq!(shares_of_100(&[3, 4]), [43, 57]);
        assert_eq!(shares_of_100(&[5]), [100]);
        let weights: Vec<u32> = CHECKS.iter().map(|c| c.2).collect();
        assert_eq!(shares_of_100(&weights), weights);
    }

    #[test]
    fn the_overall_light_follows_yoasts_bands() {
        assert_eq!(
            [0, 40, 41, 70, 71, 100].map(status_of),
            [
                Status::Bad,
                Status::Bad,
                Status::Ok,
                Status::Ok,
                Status::Good,
                Status::Good
            ]
        );
    }
}
