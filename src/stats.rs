//! The figures the rules measure, per article, for `seolint stats`: editors want the numbers, not
//! only the verdicts.

use serde::Serialize;

use crate::document::{Document, LinkKind};
use crate::requirements::Requirements;
use crate::rules::keyword::occurrences;
use crate::rules::links::visible_links;
use crate::settings::Settings;
use crate::text::reading_minutes;

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
}

pub fn compute(file: &str, source: String, settings: &Settings) -> Stats {
    let doc = Document::parse(
        source,
        &settings.parse_options_for((file != crate::input::STDIN_NAME).then(|| std::path::Path::new(file))),
    );
    let mut req = Requirements::resolve(
        &doc,
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
        let n = occurrences(&doc, words, &k.phrase);
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
            let n = occurrences(&doc, words, p);
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
    let links: Vec<_> = visible_links(&doc).collect();
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
    let pillar = crate::engine::pillar_reason(&doc, settings);
    let readability = readability(&doc, settings);
    Stats {
        readability,
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
    let passive: passive_voice::Options = r::options_in(settings, "passive-voice");
    let transition: transition_words::Options = r::options_in(settings, "transition-words");
    let sentence: sentence_length::Options = r::options_in(settings, "sentence-length");
    let paragraph: paragraph_length::Options = r::options_in(settings, "paragraph-length");
    let flesch: flesch_reading_ease::Options = r::options_in(settings, "flesch-reading-ease");
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
fn mark(ok: bool, near: bool) -> char {
    if ok {
        '✓'
    } else if near {
        '!'
    } else {
        '✗'
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
    let share = if r.sentences == 0 {
        0.0
    } else {
        r.long_sentences as f64 * 100.0 / r.sentences as f64
    };
    // Yoast's orange bands: 5 points over the share, 10 under the score, a third over the length
    out.push_str(&format!(
        "    {} sentences           {} ({} over {} words: {}; aim for at most {}%)\n",
        mark(share <= l.long_sentence_share, share <= l.long_sentence_share + 5.0),
        thousands(r.sentences),
        thousands(r.long_sentences),
        l.sentence_words,
        crate::rules::readability::percent(share),
        number(l.long_sentence_share),
    ));
    match r.flesch_reading_ease {
        Some(f) => out.push_str(&format!(
            "    {} flesch reading ease {} ({}; aim for at least {})\n",
            mark(f >= l.flesch_min, f >= l.flesch_min - 10.0),
            number(f),
            crate::rules::readability::flesch_reading_ease::band(f),
            number(l.flesch_min),
        )),
        None => out.push_str("    - flesch reading ease not measured (English only)\n"),
    }
    let longest = l.longest_paragraph as f64;
    out.push_str(&format!(
        "    {} paragraphs          {} ({} over {} words)\n",
        mark(r.long_paragraphs == 0, longest <= l.paragraph_words * 4.0 / 3.0),
        thousands(r.paragraphs),
        thousands(r.long_paragraphs),
        number(l.paragraph_words),
    ));
    let of = |n: usize| {
        if r.sentences == 0 {
            0.0
        } else {
            n as f64 * 100.0 / r.sentences as f64
        }
    };
    match r.passive_sentences {
        Some(n) => out.push_str(&format!(
            "    {} passive voice       {} ({} of sentences; aim for at most {}%)\n",
            mark(of(n) <= l.passive_max, of(n) <= l.passive_max + 5.0),
            thousands(n),
            crate::rules::readability::percent(of(n)),
            number(l.passive_max),
        )),
        None => out.push_str("    - passive voice       not measured (English only)\n"),
    }
    match r.transition_sentences {
        Some(n) => out.push_str(&format!(
            "    {} transition words    {} ({} of sentences; aim for at least {}%)\n",
            mark(of(n) >= l.transition_min, of(n) >= l.transition_min - 10.0),
            thousands(n),
            crate::rules::readability::percent(of(n)),
            number(l.transition_min),
        )),
        None => out.push_str("    - transition words    not measured (English only)\n"),
    }
}

/// The human table for one article.
pub fn render(s: &Stats) -> String {
    use crate::text::thousands;
    let mut out = format!("{}\n", crate::output::escape_path(&s.file));
    out.push_str(&format!("  words                {}\n", thousands(s.words)));
    out.push_str(&format!(
        "  reading time         {} min (words / 238)\n",
        s.reading_time_computed
    ));
    match &s.keyword {
        Some(k) => out.push_str(&format!(
            "  keyword              \"{}\" ({}): {} occurrences, {:.2}%\n",
            k.keyword, k.source, k.occurrences, k.density
        )),
        None => out.push_str("  keyword              none declared\n"),
    }
    for k in &s.secondary {
        out.push_str(&format!(
            "  secondary            \"{}\": {} occurrences, {:.2}%\n",
            k.keyword, k.occurrences, k.density
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
