//! The figures the rules measure, per article, for `seolint stats`: editors want the numbers, not
//! only the verdicts. `score`: the article's score, from the findings and these figures.

pub mod score;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, LinkKind};
use crate::requirements::Requirements;
use crate::rules::keyword::occurrences;
use crate::rules::links::visible_links;
use crate::settings::Settings;
use crate::text::{plural, reading_minutes};
use score::{Light, Score, Status};

#[derive(Debug, Serialize)]
pub struct SectionStats {
    pub level: u8,
    pub heading: String,
    pub line: usize,
    pub words: usize,
}

#[derive(Debug, Serialize)]
pub struct KeywordStats {
    pub keyword: String,
    pub source: String,
    pub occurrences: usize,
    pub density: f64,
}

#[derive(Debug, Serialize)]
pub struct ThresholdStats {
    pub rule: String,
    pub option: String,
    pub value: f64,
    pub source: String,
    /// The line of the article that sets it; `None` for a number from the template.
    pub line: Option<usize>,
    /// `false` when a more specific source sets the same rule option (listed before it).
    pub applies: bool,
}

/// How the prose reads: the readability rules' figures, with the thresholds they are judged by
/// (the rules' options under these settings, a preset's included). Each figure is one field; a
/// new one adds its field, a limit and a line to `render`.
#[derive(Debug, Serialize)]
pub struct ReadabilityStats {
    pub language: String,
    pub sentences: usize,
    /// Sentences over `sentence-length`'s `max_words`.
    pub long_sentences: usize,
    /// English only: `None` in JSON (`null`) for other languages and articles without words.
    pub flesch_reading_ease: Option<f64>,
    pub paragraphs: usize,
    /// Paragraphs over `paragraph-length`'s `max_words`.
    pub long_paragraphs: usize,
    /// Sentences in the passive voice (`passive-voice`); `null` for a language without lists.
    pub passive_sentences: Option<usize>,
    /// Sentences with a transition word (`transition-words`); `null` for a language without lists.
    pub transition_sentences: Option<usize>,
    #[serde(skip)]
    pub limits: ReadabilityLimits,
}

/// The thresholds `render` marks the figures by.
#[derive(Debug, Default)]
pub struct ReadabilityLimits {
    pub sentence_words: usize,
    pub long_sentence_share: f64,
    pub flesch_min: f64,
    pub paragraph_words: f64,
    pub longest_paragraph: usize,
    pub passive_max: f64,
    pub transition_min: f64,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub file: String,
    pub words: usize,
    pub keyword: Option<KeywordStats>,
    pub secondary: Vec<KeywordStats>,
    pub sections: Vec<SectionStats>,
    pub internal_links: usize,
    pub external_links: usize,
    pub images: usize,
    pub images_with_alt: usize,
    pub reading_time_computed: u64,
    /// Why the article is a pillar page (for `backlinks`), when it is one.
    pub pillar: Option<String>,
    pub thresholds: Vec<ThresholdStats>,
    pub readability: ReadabilityStats,
    /// 0-100 from the SEO and readability checks (`score`); `None` (`null`) for an article under
    /// 50 words of prose or when no check applies.
    pub score: Option<Score>,
}

pub fn compute(file: &str, source: String, settings: &Settings) -> Stats {
    compute_parsed(file, &parse(file, source, settings), settings)
}

/// `file`'s text parsed as a lint run parses it, for [`compute_parsed`] and whatever else a
/// caller reads of the same Document (`seolint report`: the title).
pub fn parse(file: &str, source: String, settings: &Settings) -> Document {
    Document::parse(
        source,
        &settings.parse_options_for((file != crate::input::STDIN_NAME).then(|| std::path::Path::new(file))),
    )
}

/// The figures of an already parsed article.
pub fn compute_parsed(file: &str, doc: &Document, settings: &Settings) -> Stats {
    // the findings a lint run gives this file (site checks aside), as `lint_source` gets them
    let dir = (file != crate::input::STDIN_NAME).then(|| {
        std::path::Path::new(file)
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf()
    });
    let (findings, _) = crate::engine::check_document(doc, settings, dir.as_deref());
    compute_linted(file, doc, settings, &findings)
}

/// The figures of an article already linted: `findings` are what the lint gave it (site checks
/// aside), which the score reads. `seolint report` has them from its lint run and does not lint
/// twice.
pub fn compute_linted(file: &str, doc: &Document, settings: &Settings, findings: &[Diagnostic]) -> Stats {
    let mut req = Requirements::resolve(
        doc,
        settings.keyword.as_deref(),
        &settings.fields,
        settings.keyword_match,
    );
    if let Some(t) = &settings.template {
        req.add_template(t.numbers());
    }
    let words = &doc.words;
    let density = |n: usize| {
        if words.is_empty() {
            0.0
        } else {
            n as f64 * 100.0 / words.len() as f64
        }
    };
    let keyword = req.keyword.as_ref().map(|k| {
        let n = occurrences(doc, words, &k.phrase);
        KeywordStats {
            keyword: k.phrase.text.clone(),
            source: k.source.to_string(),
            occurrences: n,
            density: density(n),
        }
    });
    let secondary = req
        .secondary
        .iter()
        .map(|(p, _)| {
            let n = occurrences(doc, words, p);
            KeywordStats {
                keyword: p.text.clone(),
                source: "SECONDARY directive".to_string(),
                occurrences: n,
                density: density(n),
            }
        })
        .collect();
    let sections = doc
        .sections
        .iter()
        .filter(|s| s.level <= 3)
        .map(|s| {
            let h = &doc.headings[s.heading];
            SectionStats {
                level: s.level,
                heading: h.text.clone(),
                line: doc.line_col(h.span.start).line,
                words: doc.words_in(s.own).len(),
            }
        })
        .collect();
    let links: Vec<_> = visible_links(doc).collect();
    let images: Vec<_> = doc.images.iter().filter(|i| !i.hidden).collect();
    let thresholds = req
        .numbers
        .iter()
        .enumerate()
        .map(|(i, n)| ThresholdStats {
            rule: n.rule.clone(),
            option: n.key.clone(),
            value: n.value,
            source: n.source.to_string(),
            line: n.span.map(|s| doc.line_col(s.start).line),
            applies: !req.numbers[..i].iter().any(|m| m.rule == n.rule && m.key == n.key),
        })
        .collect();
    let pillar = crate::engine::pillar_reason(doc, settings);
    let readability = readability(doc, settings);
    let score = score::score(&score::Inputs {
        doc,
        req: &req,
        settings,
        findings,
        light: &|rule| readability.light(rule),
        passive_lists: readability.passive_sentences.is_some(),
        transition_lists: readability.transition_sentences.is_some(),
    });
    Stats {
        readability,
        score,
        file: file.to_string(),
        words: words.len(),
        keyword,
        secondary,
        sections,
        internal_links: links.iter().filter(|l| l.kind == LinkKind::Internal).count(),
        external_links: links.iter().filter(|l| l.kind == LinkKind::External).count(),
        images_with_alt: images
            .iter()
            .filter(|i| i.alt.as_deref().is_some_and(|a| !a.trim().is_empty()))
            .count(),
        images: images.len(),
        reading_time_computed: reading_minutes(words.len()),
        pillar,
        thresholds,
    }
}

fn readability(doc: &Document, settings: &Settings) -> ReadabilityStats {
    use crate::rules::readability::{
        self as r, flesch_reading_ease, paragraph_length, passive_voice, sentence_length, transition_words,
    };
    let passive = passive_voice::PASSIVE_VOICE.options_in::<passive_voice::Options>(settings);
    let transition = transition_words::TRANSITION_WORDS.options_in::<transition_words::Options>(settings);
    let sentence = sentence_length::SENTENCE_LENGTH.options_in::<sentence_length::Options>(settings);
    let paragraph = paragraph_length::PARAGRAPH_LENGTH.options_in::<paragraph_length::Options>(settings);
    let flesch = flesch_reading_ease::FLESCH_READING_EASE.options_in::<flesch_reading_ease::Options>(settings);
    let paragraphs: Vec<_> = r::paragraphs(doc).collect();
    ReadabilityStats {
        language: doc.language.language.tag().to_string(),
        sentences: doc.sentences.len(),
        long_sentences: r::long_sentences(doc, sentence.max_words).count(),
        flesch_reading_ease: doc
            .language
            .is_english()
            .then(|| r::flesch(doc))
            .flatten()
            .map(|f| (f * 10.0).round() / 10.0),
        paragraphs: paragraphs.len(),
        long_paragraphs: paragraphs
            .iter()
            .filter(|p| p.word_count() as f64 > paragraph.max_words)
            .count(),
        passive_sentences: passive_voice::passive_sentences(doc).map(|v| v.len()),
        transition_sentences: transition_words::transition_sentences(doc).map(|v| v.len()),
        limits: ReadabilityLimits {
            passive_max: passive.max.unwrap_or(passive_voice::DEFAULT_MAX),
            transition_min: transition.min.unwrap_or(transition_words::DEFAULT_MIN),
            sentence_words: sentence.max_words,
            long_sentence_share: sentence.max_share,
            flesch_min: flesch.min,
            paragraph_words: paragraph.max_words,
            longest_paragraph: paragraphs.iter().map(|p| p.word_count()).max().unwrap_or(0),
        },
    }
}

/// A traffic light: `✓` within the limit, `!` near it (Yoast's orange), `✗` past it.
fn mark(light: Light) -> char {
    match light {
        Light::Within => '✓',
        Light::Near => '!',
        Light::Far => '✗',
    }
}

/// The light of a check's status: `✓` good, `!` ok, `✗` bad.
fn status_mark(status: Status) -> char {
    mark(match status {
        Status::Good => Light::Within,
        Status::Ok => Light::Near,
        Status::Bad => Light::Far,
    })
}

fn light(ok: bool, near: bool) -> Light {
    if ok {
        Light::Within
    } else if near {
        Light::Near
    } else {
        Light::Far
    }
}

impl ReadabilityStats {
    /// `n` sentences as a percent of the article's.
    fn of_sentences(&self, n: usize) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            n as f64 * 100.0 / self.sentences as f64
        }
    }

    /// Where the figure of readability rule `rule` stands against its limit, `None` for a rule
    /// without a figure here or a figure not measured. Yoast's orange bands: 5 points over a
    /// share's limit, 10 under a minimum, a third over a paragraph's length.
    pub fn light(&self, rule: &str) -> Option<Light> {
        let l = &self.limits;
        match rule {
            "sentence-length" => {
                let share = self.of_sentences(self.long_sentences);
                Some(light(
                    share <= l.long_sentence_share,
                    share <= l.long_sentence_share + 5.0,
                ))
            }
            "flesch-reading-ease" => self
                .flesch_reading_ease
                .map(|f| light(f >= l.flesch_min, f >= l.flesch_min - 10.0)),
            "paragraph-length" => Some(light(
                self.long_paragraphs == 0,
                l.longest_paragraph as f64 <= l.paragraph_words * 4.0 / 3.0,
            )),
            "passive-voice" => self.passive_sentences.map(|n| {
                let share = self.of_sentences(n);
                light(share <= l.passive_max, share <= l.passive_max + 5.0)
            }),
            "transition-words" => self.transition_sentences.map(|n| {
                let share = self.of_sentences(n);
                light(share >= l.transition_min, share >= l.transition_min - 10.0)
            }),
            _ => None,
        }
    }
}

fn render_readability(r: &ReadabilityStats, out: &mut String) {
    use crate::text::{number, thousands};
    let l = &r.limits;
    out.push_str(&format!(
        "  readability ({})
",
        r.language
    ));
    let share = r.of_sentences(r.long_sentences);
    let lit = |rule: &str| mark(r.light(rule).unwrap_or(Light::Within));
    out.push_str(&format!(
        "    {} sentences           {} ({} over {} words: {}; aim for at most {}%)\n",
        lit("sentence-length"),
        thousands(r.sentences),
        thousands(r.long_sentences),
        l.sentence_words,
        crate::rules::readability::percent(share),
        number(l.long_sentence_share),
    ));
    match r.flesch_reading_ease {
        Some(f) => out.push_str(&format!(
            "    {} flesch reading ease {} ({}; aim for at least {})\n",
            lit("flesch-reading-ease"),
            number(f),
            crate::rules::readability::flesch_reading_ease::band(f),
            number(l.flesch_min),
        )),
        None => out.push_str("    - flesch reading ease not measured (English only)\n"),
    }
    out.push_str(&format!(
        "    {} paragraphs          {} ({} over {} words)\n",
        lit("paragraph-length"),
        thousands(r.paragraphs),
        thousands(r.long_paragraphs),
        number(l.paragraph_words),
    ));
    let of = |n: usize| r.of_sentences(n);
    match r.passive_sentences {
        Some(n) => out.push_str(&format!(
            "    {} passive voice       {} ({} of sentences; aim for at most {}%)\n",
            lit("passive-voice"),
            thousands(n),
            crate::rules::readability::percent(of(n)),
            number(l.passive_max),
        )),
        None => out.push_str("    - passive voice       not measured (English only)\n"),
    }
    match r.transition_sentences {
        Some(n) => out.push_str(&format!(
            "    {} transition words    {} ({} of sentences; aim for at least {}%)\n",
            lit("transition-words"),
            thousands(n),
            crate::rules::readability::percent(of(n)),
            number(l.transition_min),
        )),
        None => out.push_str("    - transition words    not measured (English only)\n"),
    }
}

/// How many losses `render` lists under "fix first".
const FIX_FIRST: usize = 3;

fn render_score(score: Option<&Score>, out: &mut String) {
    let Some(score) = score else {
        out.push_str("  score                - not scored (under 50 words of prose, or every check off)\n");
        return;
    };
    let (seo, seo_max) = score.of_group(score::Group::Seo);
    let (read, read_max) = score.of_group(score::Group::Readability);
    out.push_str(&format!(
        "  score                {} {} of 100 (SEO {seo} of {seo_max}, readability {read} of {read_max})\n",
        status_mark(score::status_of(score.value)),
        score.value,
    ));
    let losses: Vec<_> = score.checks.iter().filter(|c| c.lost() > 0).take(FIX_FIRST).collect();
    if losses.is_empty() {
        out.push_str("  fix first            nothing: every check keeps its points\n");
    }
    for (i, c) in losses.iter().enumerate() {
        let label = if i == 0 { "fix first" } else { "" };
        let why = c
            .message
            .as_deref()
            .map(|m| format!(": {}", crate::diagnostic::excerpt(m, 90)))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {label:<19}  {} {} -{}{why}\n",
            status_mark(c.status),
            c.check,
            c.lost()
        ));
    }
}

/// The human table for one article.
pub fn render(s: &Stats) -> String {
    use crate::text::thousands;
    let mut out = format!("{}\n", crate::output::escape_path(&s.file));
    render_score(s.score.as_ref(), &mut out);
    out.push_str(&format!("  words                {}\n", thousands(s.words)));
    out.push_str(&format!(
        "  reading time         {} min (words / 238)\n",
        s.reading_time_computed
    ));
    match &s.keyword {
        Some(k) => out.push_str(&format!(
            "  keyword              \"{}\" ({}): {}, {:.2}%\n",
            k.keyword,
            k.source,
            plural(k.occurrences as f64, "occurrence"),
            k.density
        )),
        None => out.push_str("  keyword              none declared\n"),
    }
    for k in &s.secondary {
        out.push_str(&format!(
            "  secondary            \"{}\": {}, {:.2}%\n",
            k.keyword,
            plural(k.occurrences as f64, "occurrence"),
            k.density
        ));
    }
    out.push_str(&format!(
        "  links                {} internal, {} external\n",
        s.internal_links, s.external_links
    ));
    out.push_str(&format!(
        "  images               {} ({} with alt text)\n",
        s.images, s.images_with_alt
    ));
    if let Some(why) = &s.pillar {
        out.push_str(&format!("  pillar               yes ({why})\n"));
    }
    render_readability(&s.readability, &mut out);
    if !s.thresholds.is_empty() {
        out.push_str("  thresholds\n");
        for t in &s.thresholds {
            let line = t.line.map(|l| format!(", line {l}")).unwrap_or_default();
            let overridden = if t.applies { "" } else { "; overridden by the one above" };
            out.push_str(&format!(
                "    {}.{} = {} ({}{line}{overridden})\n",
                t.rule,
                t.option,
                crate::text::number(t.value),
                t.source,
            ));
        }
    }
    if !s.sections.is_empty() {
        out.push_str("  words per section\n");
        for sec in &s.sections {
            let indent = "  ".repeat(usize::from(sec.level.saturating_sub(1)));
            out.push_str(&format!(
                "    {:>6}  {indent}{} (line {})\n",
                thousands(sec.words),
                sec.heading,
                sec.line
            ));
        }
    }
    out
}
