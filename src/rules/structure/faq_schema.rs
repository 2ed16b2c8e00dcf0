use std::collections::{HashMap, HashSet};

use serde_json::Value as Json;

use crate::diagnostic::{excerpt, Applicability, Edit, Fix, Severity, Span};
use crate::document::{Document, Heading, JsonLd};
use crate::rules::content::placeholder;
use crate::rules::structure::{faq_section, text_key};
use crate::rules::{declare_rule, Context};

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
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## FAQ
    ///
    /// ### How long does cold brew keep?
    ///
    /// About two weeks in a closed jar in the fridge.
    ///
    /// <script type="application/ld+json">
    /// {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
    ///   {"@type": "Question", "name": "How long does cold brew keep?",
    ///    "acceptedAnswer": {"@type": "Answer", "text": "YOUR_ANSWER_HERE"}}]}
    /// </script>
    /// ```
    /// The Question matches the heading, but its answer was never written.
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## FAQ
    ///
    /// ### How long does cold brew keep?
    ///
    /// About two weeks in a closed jar in the fridge.
    ///
    /// <script type="application/ld+json">
    /// {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
    ///   {"@type": "Question", "name": "How long does cold brew keep?",
    ///    "acceptedAnswer": {"@type": "Answer", "text": "About two weeks in a closed jar in the fridge."}}]}
    /// </script>
    /// ```
    ///
    /// The fix regenerates the FAQPage JSON in place from the FAQ section: each H3 a Question,
    /// the text under it the answer. What the author wrote in the JSON stays: a Question whose
    /// name matches a heading keeps its name, its filled answer and any other properties, and
    /// the page keeps its own properties; only missing Questions and empty or placeholder
    /// answers are filled in. It is safe when nothing is dropped; a Question that matches no
    /// heading (the fix would drop it) or a block that does not parse (the fix replaces it
    /// whole) makes it unsafe. It is offered only when every answer it has to write is there
    /// and not a placeholder, so a block is never replaced by something worse.
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

/// Where the string literals of a JSON-LD block are, by their decoded value: a value's places in
/// order, each the span of its text inside the quotes.
fn string_places(doc: &Document, block: &JsonLd) -> HashMap<String, Vec<Span>> {
    let text = doc.text(block.span);
    let bytes = text.as_bytes();
    let mut places: HashMap<String, Vec<Span>> = HashMap::new();
    let mut i = 0;
    while let Some(open) = bytes.get(i..).and_then(|b| memchr::memchr(b'"', b)).map(|k| i + k) {
        let mut end = open + 1;
        while let Some(&b) = bytes.get(end) {
            match b {
                b'\\' => end += 2,
                b'"' => break,
                _ => end += 1,
            }
        }
        let Some(literal) = text.get(open..end + 1) else { break };
        if let Ok(value) = serde_json::from_str::<String>(literal) {
            let start = block.span.start + open + 1;
            places
                .entry(value)
                .or_default()
                .push(Span::new(start, start + end - open - 1));
        }
        i = end + 1;
    }
    places
}

/// The span of the first string literal with value `text` at or after `from` (advanced past
/// it), else the whole block.
fn string_span(places: &HashMap<String, Vec<Span>>, block: &JsonLd, text: &str, from: &mut usize) -> Span {
    let Some(spans) = places.get(text) else {
        return block.span;
    };
    match spans.get(spans.partition_point(|s| s.start < *from)) {
        Some(&s) => {
            *from = s.end + 1;
            s
        }
        None => block.span,
    }
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let mut found: Vec<(Span, String, &'static str, Option<Span>)> = Vec::new();
    let faq = faq_section(doc);
    let headings: HashSet<String> = faq
        .iter()
        .flat_map(|(_, questions)| questions.iter().map(|h| text_key(&h.text)))
        .collect();
    let mut named: HashSet<String> = HashSet::new();
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
        let places = string_places(doc, block);
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
                let name_span = string_span(&places, block, name, &mut cursor);
                named.insert(text_key(name));
                if faq.is_some() && !name.is_empty() && !headings.contains(&text_key(name)) {
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
                        let span = string_span(&places, block, a, &mut cursor);
                        found.push((
                            span,
                            format!("FAQ schema answer to \"{}\" is empty", excerpt(name, 60)),
                            "write the answer the FAQ section gives",
                            None,
                        ));
                    }
                    Some(a) if placeholder::is_placeholder(a) => {
                        let span = string_span(&places, block, a, &mut cursor);
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
                        string_span(&places, block, a, &mut cursor);
                    }
                }
            }
        }
    }
    if any_faq_page {
        if let Some((_, questions)) = &faq {
            for h in questions {
                if !named.contains(&text_key(&h.text)) {
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
    let questions: HashSet<Span> = faq
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

/// The text under FAQ question `h` (an H3 of the FAQ section): its paragraphs, joined.
fn answer_of(doc: &Document, h: &Heading) -> String {
    // sections are one a heading, in the headings' order
    let i = doc.headings.partition_point(|x| x.span.start < h.span.start);
    let Some(section) = doc.sections.get(i).filter(|s| s.heading == i) else {
        return String::new();
    };
    let from = doc.paragraphs.partition_point(|p| p.span.start < section.own.start);
    doc.paragraphs[from..]
        .iter()
        .take_while(|p| p.span.start < section.own.end)
        .filter(|p| section.own.covers(p.span))
        .map(|p| p.text.as_deref().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A filled answer: there, not blank, not a placeholder.
fn filled(answer: &str) -> bool {
    !answer.trim().is_empty() && !placeholder::is_placeholder(answer)
}

/// The FAQPage JSON rebuilt from the FAQ section, replacing the first block that is (or, not
/// parsing, looks like) a top-level FAQPage. What the author wrote there is kept (see the docs);
/// the fix is unsafe when it would drop a Question or replace a block that does not parse.
fn regenerate_fix(doc: &Document) -> Option<(Fix, Span)> {
    let (_, questions) = faq_section(doc)?;
    if questions.is_empty() {
        return None;
    }
    let block = doc.json_ld.iter().find(|b| match &b.value {
        Ok(v) => v.get("@type").and_then(Json::as_str) == Some("FAQPage"),
        Err(_) => doc.text(b.span).contains("FAQPage"),
    })?;
    let mut page = match &block.value {
        Ok(Json::Object(map)) => map.clone(),
        _ => serde_json::Map::new(),
    };
    let mut dropped = block.value.is_err();
    // the author's Questions by their name, each to be used once
    let mut existing: HashMap<String, Vec<serde_json::Map<String, Json>>> = HashMap::new();
    let authored: Vec<Json> = match page.remove("mainEntity") {
        Some(Json::Array(a)) => a,
        Some(one @ Json::Object(_)) => vec![one],
        Some(_) => {
            dropped = true;
            Vec::new()
        }
        None => Vec::new(),
    };
    let wanted: HashSet<String> = questions.iter().map(|h| text_key(&h.text)).collect();
    for q in authored.into_iter().rev() {
        let name = q.get("name").and_then(Json::as_str).map(text_key);
        match (name, q) {
            (Some(name), Json::Object(map)) if wanted.contains(&name) => existing.entry(name).or_default().push(map),
            _ => dropped = true,
        }
    }
    let mut entities = Vec::new();
    for h in &questions {
        let mut q = existing
            .get_mut(&text_key(&h.text))
            .and_then(Vec::pop)
            .unwrap_or_else(|| {
                let mut q = serde_json::Map::new();
                q.insert("@type".into(), Json::from("Question"));
                q.insert("name".into(), Json::from(h.text.as_str()));
                q
            });
        let answer = q
            .get("acceptedAnswer")
            .and_then(|a| a.get("text"))
            .and_then(Json::as_str);
        if !answer.is_some_and(filled) {
            let text = answer_of(doc, h);
            if !filled(&text) {
                return None;
            }
            match q.get_mut("acceptedAnswer") {
                Some(Json::Object(a)) => {
                    a.insert("text".into(), Json::from(text));
                }
                other => {
                    dropped |= other.is_some();
                    q.insert(
                        "acceptedAnswer".into(),
                        serde_json::json!({ "@type": "Answer", "text": text }),
                    );
                }
            }
        }
        entities.push(Json::Object(q));
    }
    // the same name twice in the JSON, once under the headings: the other is dropped
    dropped |= existing.values().any(|v| !v.is_empty());
    page.entry("@context")
        .or_insert_with(|| Json::from("https://schema.org"));
    page.entry("@type").or_insert_with(|| Json::from("FAQPage"));
    page.insert("mainEntity".into(), Json::Array(entities));
    let mut json = serde_json::to_string_pretty(&Json::Object(page)).ok()?;
    // the block sits in a `<script>`, often inside a comment: a string holding `-->`, `<!--` or
    // `</script` would end either early, so those are written with JSON escapes (same strings)
    json = json
        .replace("-->", "--\\u003e")
        .replace("<!--", "\\u003c!--")
        .replace("</", "<\\/");
    if doc.source.contains("\r\n") {
        json = json.replace('\n', "\r\n");
    }
    let text = doc.text(block.span);
    let start = block.span.start + text.find(['{', '['])?;
    let end = block.span.start + text.rfind(['}', ']'])? + 1;
    let fix = Fix {
        message: "regenerate the FAQPage JSON-LD from the FAQ section".to_string(),
        applicability: if dropped {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        },
        edits: vec![Edit {
            span: Span::new(start, end.max(start)),
            content: json,
        }],
    };
    Some((fix, block.span))
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::engine::lint_source;
    use crate::settings::Settings;

    const FAQ: &str = "# G\n\n## FAQ\n\n### Is rye quicker?\n\nYes, much quicker.\n\n";

    fn report(json: &str) -> crate::engine::Report {
        let text = format!("{FAQ}<script type=\"application/ld+json\">\n{json}\n</script>\n");
        lint_source("a.md".into(), text, &Settings::default())
    }

    fn applicability(json: &str) -> Option<Applicability> {
        report(json)
            .diagnostics
            .iter()
            .filter(|d| d.rule == "faq-schema")
            .find_map(|d| d.fix.as_ref().map(|f| f.applicability))
    }

    #[test]
    fn a_fix_that_would_drop_what_the_author_wrote_is_unsafe() {
        let q =
            r#"{"@type": "Question", "name": "Is rye quicker?", "acceptedAnswer": {"@type": "Answer", "text": ""}}"#;
        let stale =
            r#"{"@type": "Question", "name": "Old question", "acceptedAnswer": {"@type": "Answer", "text": "Kept?"}}"#;
        let page = |entities: &str| format!(r#"{{"@type": "FAQPage", "mainEntity": [{entities}]}}"#);
        assert_eq!(applicability(&page(q)), Some(Applicability::Safe));
        assert_eq!(
            applicability(&page(&format!("{q}, {stale}"))),
            Some(Applicability::Unsafe)
        );
        assert_eq!(applicability(&page(&format!("{q}, {q}"))), Some(Applicability::Unsafe));
        assert_eq!(applicability(&format!("{},", page(q))), Some(Applicability::Unsafe));
    }

    #[test]
    fn names_written_with_other_escapes_are_still_found() {
        let r = report(
            r#"{"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "Is \u0072ye quicker?", "acceptedAnswer": {"@type": "Answer", "text": "YOUR_ANSWER_HERE"}}, {"@type": "Question", "name": "Fl\u006fur?", "acceptedAnswer": {"@type": "Answer", "text": "Any."}}]}"#,
        );
        let spans: Vec<&str> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "faq-schema")
            .map(|d| &r.source()[d.span.start..d.span.end])
            .collect();
        assert_eq!(spans, ["YOUR_ANSWER_HERE", r"Fl\u006fur?"]);
    }
}
