use serde_json::Value as Json;

use crate::diagnostic::{Applicability, Edit, Fix, Severity, Span};
use crate::document::{Document, JsonLd};
use crate::rules::content::placeholder;
use crate::rules::structure::{faq_section, same_text};
use crate::rules::{declare_rule, excerpt, Context};

declare_rule! {
    /// ## What it does
    /// Checks FAQPage structured data (JSON-LD in `<script type="application/ld+json">`, also the
    /// copy the template keeps inside a comment): the JSON must parse (the finding points at the
    /// error's position), each Question's `name` must equal a heading of the FAQ section, each FAQ
    /// heading must have a Question, and every `acceptedAnswer.text` must be filled and not a
    /// placeholder. Headings and names are compared ignoring case and extra whitespace.
    ///
    /// ## Why is this bad?
    /// Search engines show FAQ rich results only from valid FAQPage data that matches the visible
    /// questions; data that does not parse, or that drifted from the headings, is ignored or
    /// flagged as spam.
    ///
    /// ## Example
    /// ```markdown
    /// <script type="application/ld+json">
    /// {"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "Is it hard?",
    ///   "acceptedAnswer": {"@type": "Answer", "text": "YOUR_ANSWER_HERE"}}]}
    /// </script>
    /// ```
    ///
    /// Use instead: an answer that says what the FAQ section says, and a `name` equal to its H3.
    ///
    /// The fix (safe) regenerates the FAQPage JSON in place from the FAQ section: each H3 a
    /// Question, the text under it the answer. It is offered only when every question has an
    /// answer that is not a placeholder, so a block is never replaced by something worse.
    ///
    /// ## Options
    /// None.
    pub static FAQ_SCHEMA = {
        name: "faq-schema",
        severity: Severity::Error,
        fixable: true,
        options: crate::rules::NoOptions,
        check: check,
    };
}

/// FAQPage objects in a JSON-LD value: top level, in an array, or in `@graph`.
fn faq_pages(v: &Json) -> Vec<&Json> {
    match v {
        Json::Array(items) => items.iter().flat_map(faq_pages).collect(),
        Json::Object(map) => {
            let mut out = Vec::new();
            let is_faq = match map.get("@type") {
                Some(Json::String(t)) => t == "FAQPage",
                Some(Json::Array(ts)) => ts.iter().any(|t| t == "FAQPage"),
                _ => false,
            };
            if is_faq {
                out.push(v);
            }
            if let Some(g) = map.get("@graph") {
                out.extend(faq_pages(g));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The span of a JSON string value inside the block, searching from `from`.
fn string_span(doc: &Document, block: &JsonLd, text: &str, from: &mut usize) -> Span {
    let Ok(quoted) = serde_json::to_string(text) else {
        return block.span;
    };
    let hay = doc.text(block.span);
    let start = (*from).min(hay.len());
    match hay.get(start..).and_then(|h| h.find(&quoted)) {
        Some(i) => {
            let s = block.span.start + start + i + 1;
            *from = start + i + quoted.len();
            Span::new(s, s + quoted.len() - 2)
        }
        None => block.span,
    }
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let mut found: Vec<(Span, String, &'static str, Option<Span>)> = Vec::new();
    let faq = faq_section(doc);
    let mut named: Vec<String> = Vec::new();
    let mut any_faq_page = false;
    for block in &doc.json_ld {
        let value = match &block.value {
            Ok(v) => v,
            Err(e) => {
                let at = e.offset.min(block.span.end);
                let end = doc.source[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                found.push((
                    Span::new(at, end.min(block.span.end.max(at))),
                    format!("JSON-LD does not parse: {}", e.message),
                    "fix the JSON syntax",
                    None,
                ));
                continue;
            }
        };
        let mut cursor = 0;
        for page in faq_pages(value) {
            any_faq_page = true;
            let entities = match page.get("mainEntity") {
                Some(Json::Array(a)) => a.iter().collect::<Vec<_>>(),
                Some(obj @ Json::Object(_)) => vec![obj],
                _ => {
                    found.push((
                        block.span,
                        "FAQPage JSON-LD has no `mainEntity` questions".to_string(),
                        "list the questions in `mainEntity`",
                        None,
                    ));
                    continue;
                }
            };
            for q in entities {
                let name = q.get("name").and_then(Json::as_str).unwrap_or("");
                let name_span = string_span(doc, block, name, &mut cursor);
                named.push(name.to_string());
                if let Some((_, questions)) = &faq {
                    if !name.is_empty() && !questions.iter().any(|h| same_text(&h.text, name)) {
                        found.push((
                            name_span,
                            format!(
                                "FAQ schema question \"{}\" matches no heading of the FAQ section",
                                excerpt(name, 60)
                            ),
                            "make the name equal to its H3 question, word for word",
                            None,
                        ));
                    }
                }
                let answer = q
                    .get("acceptedAnswer")
                    .and_then(|a| a.get("text"))
                    .and_then(Json::as_str);
                match answer {
                    None => found.push((
                        name_span,
                        format!(
                            "FAQ schema question \"{}\" has no acceptedAnswer text",
                            excerpt(name, 60)
                        ),
                        "add \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": \"...\"}",
                        None,
                    )),
                    Some(a) if a.trim().is_empty() => {
                        let span = string_span(doc, block, a, &mut cursor);
                        found.push((
                            span,
                            format!("FAQ schema answer to \"{}\" is empty", excerpt(name, 60)),
                            "write the answer the FAQ section gives",
                            None,
                        ));
                    }
                    Some(a) if placeholder::is_placeholder(a) => {
                        let span = string_span(doc, block, a, &mut cursor);
                        found.push((
                            span,
                            format!(
                                "FAQ schema answer to \"{}\" is a placeholder: \"{}\"",
                                excerpt(name, 60),
                                excerpt(a, 40)
                            ),
                            "write the answer the FAQ section gives",
                            None,
                        ));
                    }
                    Some(a) => {
                        string_span(doc, block, a, &mut cursor);
                    }
                }
            }
        }
    }
    if any_faq_page {
        if let Some((_, questions)) = &faq {
            for h in questions {
                if !named.iter().any(|n| same_text(n, &h.text)) {
                    found.push((
                        h.text_span,
                        format!(
                            "FAQ question \"{}\" has no Question in the FAQPage JSON-LD",
                            excerpt(&h.text, 60)
                        ),
                        "add it to `mainEntity`",
                        None,
                    ));
                }
            }
        }
    }
    // the fix goes on the first finding about the block it rebuilds or about an FAQ question
    let mut fix = regenerate_fix(doc);
    let questions: Vec<Span> = faq
        .as_ref()
        .map(|(_, q)| q.iter().map(|h| h.text_span).collect())
        .unwrap_or_default();
    for (span, message, help, label) in found {
        let mut d = ctx.diagnostic(span, message).with_help(help);
        if let Some(l) = label {
            d = d.with_label(l, "");
        }
        let concerns_fix = fix
            .as_ref()
            .is_some_and(|(_, block)| block.covers(span) || questions.contains(&span));
        if concerns_fix {
            if let Some((f, _)) = fix.take() {
                d = d.with_fix(f);
            }
        }
        ctx.push(d);
    }
}

/// The FAQPage JSON rebuilt from a complete FAQ section, replacing the first block that is (or,
/// not parsing, looks like) a top-level FAQPage.
fn regenerate_fix(doc: &Document) -> Option<(Fix, Span)> {
    let (_, questions) = faq_section(doc)?;
    if questions.is_empty() {
        return None;
    }
    let mut entities = Vec::new();
    for h in &questions {
        let section = doc.sections.iter().find(|s| doc.headings[s.heading].span == h.span)?;
        let answer = doc
            .paragraphs
            .iter()
            .filter(|p| section.own.covers(p.span))
            .map(|p| p.text.as_deref().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ");
        if answer.trim().is_empty() || placeholder::is_placeholder(&answer) {
            return None;
        }
        entities.push(serde_json::json!({
            "@type": "Question",
            "name": h.text,
            "acceptedAnswer": { "@type": "Answer", "text": answer },
        }));
    }
    let block = doc.json_ld.iter().find(|b| match &b.value {
        Ok(v) => v.get("@type").and_then(Json::as_str) == Some("FAQPage"),
        Err(_) => doc.text(b.span).contains("FAQPage"),
    })?;
    let page = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": entities,
    });
    let mut json = serde_json::to_string_pretty(&page).ok()?;
    if doc.source.contains("\r\n") {
        json = json.replace('\n', "\r\n");
    }
    let text = doc.text(block.span);
    let start = block.span.start + text.find(['{', '['])?;
    let end = block.span.start + text.rfind(['}', ']'])? + 1;
    let fix = Fix {
        message: "regenerate the FAQPage JSON-LD from the FAQ section".to_string(),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span: Span::new(start, end.max(start)),
            content: json,
        }],
    };
    Some((fix, block.span))
}
