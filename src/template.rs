//! Requirements derived from a template in the shared template's format (`--template FILE`,
//! config `template:`): its H2/H3 sections in order, per-section word ranges from "Write N-M
//! words", the keyword each section must use from "Include keyword "X"", code slots, the number of
//! Key Takeaway callouts and FAQ questions, its directives. A template whose numbers contradict
//! each other is reported once, with both places.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{directives, Document, ParseOptions};
use crate::requirements::{TemplateReqs, TemplateSection};
use crate::text::{number, thousands};

static WRITE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bwrite\s+([\d,]+)\s*(?:-|–|—|to)\s*([\d,]+)\s+words").expect("constant regex"));
static INCLUDE_KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:include|weave in|use|mention)\s+(?:the\s+)?(?:primary\s+)?keyword\s+["“]([^"”]+)["”]"#)
        .expect("constant regex")
});

impl TemplateReqs {
    pub fn load(path: &std::path::Path) -> Result<TemplateReqs, String> {
        let shown = crate::input::display_path(path);
        let text =
            crate::input::read_text(path, "a template").map_err(|e| format!("cannot read template {shown}: {e}"))?;
        let reqs = Self::derive(&shown, text);
        // any text is Markdown: a file that gives nothing is not what the user meant to name
        if reqs.sections.is_empty() && reqs.key_takeaways == 0 && reqs.faq_questions == 0 && reqs.word_count.is_none() {
            return Err(format!(
                "{shown}: not an article template (expected Markdown with H2/H3 sections, Key Takeaway callouts, an FAQ or a RECOMMENDED_WORD_COUNT directive; found none)"
            ));
        }
        Ok(reqs)
    }

    pub fn derive(shown: &str, text: String) -> TemplateReqs {
        let doc = Document::parse(text, &ParseOptions::default());
        let line = |offset: usize| doc.line_col(offset).line;
        let mut sections = Vec::new();
        for s in doc.sections.iter().filter(|s| s.level == 2 || s.level == 3) {
            let h = &doc.headings[s.heading];
            let own = doc.text(s.own);
            let words = WRITE_WORDS.captures(own).and_then(|c| {
                let n = |i: usize| c.get(i)?.as_str().replace(',', "").parse::<f64>().ok();
                let at = c.get(0).map_or(s.own.start, |m| s.own.start + m.start());
                Some((n(1)?, n(2)?, line(at)))
            });
            let keyword = INCLUDE_KEYWORD.captures(own).and_then(|c| {
                let m = c.get(1)?;
                Some((m.as_str().to_string(), line(s.own.start + m.start())))
            });
            let code_slot = doc
                .code_blocks
                .iter()
                .any(|cb| s.own.covers(cb.span) && crate::rules::content::placeholder::is_placeholder(&cb.literal));
            sections.push(TemplateSection {
                level: s.level,
                text: h.text.clone(),
                line: line(h.span.start),
                words,
                keyword,
                code_slot,
            });
        }
        let key_takeaways = doc
            .blockquotes
            .iter()
            .filter_map(|q| q.first_paragraph.map(|i| &doc.paragraphs[i]))
            .filter(|p| {
                p.label
                    .as_deref()
                    .is_some_and(crate::rules::structure::key_takeaways::is_key_takeaway_label)
            })
            .count();
        let faq_questions = crate::rules::structure::faq_section(&doc).map_or(0, |(_, q)| q.len());
        let word_count = doc.directive("RECOMMENDED_WORD_COUNT").and_then(|d| {
            let r = directives::parse_range(&d.value)?;
            Some((r.min, r.max, line(d.span.start)))
        });
        let mut contradictions = Vec::new();
        let planned: Vec<&TemplateSection> = sections.iter().filter(|s| s.words.is_some()).collect();
        let min_total: f64 = planned.iter().filter_map(|s| s.words.map(|w| w.0)).sum();
        if let (Some((_, Some(max), wc_line)), false) = (word_count, planned.is_empty()) {
            if min_total > max {
                let first = planned.first().and_then(|s| s.words).map_or(0, |w| w.2);
                let last = planned.last().and_then(|s| s.words).map_or(0, |w| w.2);
                contradictions.push(format!(
                    "{shown}:{wc_line}: the template cannot be satisfied: its {} ask for at least {} words (\"Write N-M words\", lines {first}-{last}) but RECOMMENDED_WORD_COUNT allows at most {} (line {wc_line})",
                    crate::text::plural(planned.len() as f64, "section"),
                    thousands(min_total as usize),
                    number(max)
                ));
            }
        }
        TemplateReqs {
            path: shown.to_string(),
            sections,
            key_takeaways,
            faq_questions,
            word_count,
            contradictions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "# Guide to [TOPIC]\n\n<!-- RECOMMENDED_WORD_COUNT: 400-500 words -->\n\n## Basics\n\n[Write 300-400 words. Include keyword \"starter\" naturally.]\n\n### History\n\n[Write 250-300 words.]\n\n> **Key Takeaway:** [Summarize.]\n\n```\n[CODE_BLOCK: example]\n```\n\n## Frequently Asked Questions\n\n### Is it hard?\n\n[Answer.]\n";

    #[test]
    fn derives_sections_ranges_keywords_and_counts() {
        let t = TemplateReqs::derive("t.md", TEMPLATE.to_string());
        let names: Vec<_> = t.sections.iter().map(|s| (s.level, s.text.as_str())).collect();
        assert_eq!(
            names,
            [
                (2, "Basics"),
                (3, "History"),
                (2, "Frequently Asked Questions"),
                (3, "Is it hard?")
            ]
        );
        assert_eq!(t.sections[0].words.map(|w| (w.0, w.1)), Some((300.0, 400.0)));
        assert_eq!(t.sections[0].keyword.as_ref().map(|k| k.0.as_str()), Some("starter"));
        assert!(t.sections[1].code_slot);
        assert_eq!(t.key_takeaways, 1);
        assert_eq!(t.faq_questions, 1);
        assert_eq!(t.contradictions.len(), 1, "{:?}", t.contradictions);
        assert!(
            t.contradictions[0].contains("at least 550 words"),
            "{}",
            t.contradictions[0]
        );
        assert!(t.contradictions[0].contains("at most 500"), "{}", t.contradictions[0]);
    }
}
