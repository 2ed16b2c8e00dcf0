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
    Stats {
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
