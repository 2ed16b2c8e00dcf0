//! The `placeholder` rule: the built-in catalogue (`rules/placeholders.yaml`) run by the pattern
//! engine over the places a placeholder can hide, reported as one rule.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::diagnostic::{excerpt, Severity, Span};
use crate::document::Document;
use crate::patterns::{settle, Catalogue, CatalogueSearch, ValueAt};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Reports template placeholders and writing instructions left in the article, by kind (the
    /// patterns live in `rules/placeholders.yaml`):
    /// - bracketed tokens, labels and instructions: `[AUTHOR_NAME]`, `[HOOK: ...]`,
    ///   `[Write 200-300 words ...]`, `[Key takeaway 1]`, `[X]`;
    /// - bracketed fill-ins in any case: `[Your Name]`, `[INSERT STATISTIC]`, `[Client Name]`,
    ///   `[date of launch]`, `[Source]`, `[LINK]`, and notes such as `[Image: ...]` or
    ///   `[Screenshot of ...]` (an editorial bracket such as "[the shop]" is prose);
    /// - markers: TODO/TBD/TBC/FIXME opening a line, list item, heading or table cell, and
    ///   TBD/TBC/TK/XXX/20XX as a whole front matter value or list item, cell, heading or list item;
    /// - fill-in numbers and dates: `XX%`, `$X,XXX`, `X,XXX`, `(c) 20XX`, `MM/DD/YYYY` as a value;
    /// - slots: `{{first_name}}`, `<insert phone number>`, "(link)", `YOUR_EMAIL_HERE`, `INSERT_URL`;
    /// - instructions: "... goes here", "Insert your bio here", "Replace this text", lorem ipsum;
    /// - link targets left empty (`[text](#)`, `[text]()`) or pointing at a placeholder URL
    ///   (`yourdomain.com`, `example.com/your-...`), and stock alt texts ("Alt text here").
    ///
    /// It searches visible text, headings, table cells, front matter values (list items too),
    /// image alt text, link text and targets, HTML, and JSON-LD (also the FAQ schema the template
    /// keeps inside a comment). It never searches code, HTML comments (the template's guidance
    /// comments and SEO checklist), shortcodes, and never reports task-list boxes, footnotes,
    /// citations (`[1]`, `[RFC 9110]`, `[sic]`), the `[text]` of a real link, or GitHub alerts
    /// such as `[!NOTE]`. A fenced code block that holds nothing but a placeholder (the
    /// template's `[CODE_BLOCK or EXAMPLE: ...]` slot) is an unfilled slot and is reported.
    ///
    /// ## Why is this bad?
    /// A published page that says `[HOOK: Open with a bold statement...]` or `Estimated Reading
    /// Time: [X] minutes` tells readers and search engines that nobody finished it.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// **Estimated Reading Time:** [X] minutes
    ///
    /// Cold brew is coffee steeped in cold water for most of a day.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// **Estimated Reading Time:** 1 minute
    ///
    /// Cold brew is coffee steeped in cold water for most of a day.
    /// ```
    ///
    /// ## Options
    /// - `ignore` (list of strings, default empty): placeholder texts to accept as written, e.g.
    ///   `["[SIC]"]`.
    pub static PLACEHOLDER = {
        name: "placeholder",
        severity: Severity::Error,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub ignore: Vec<String>,
}

const CATALOGUE_SOURCE: &str = include_str!("../../../rules/placeholders.yaml");

static CATALOGUE: LazyLock<Result<Catalogue, String>> =
    LazyLock::new(|| Catalogue::new("rules/placeholders.yaml", CATALOGUE_SOURCE));

/// The built-in catalogue; its load is checked by a test, so an error here is a build defect.
pub fn catalogue() -> Result<&'static Catalogue, &'static str> {
    CATALOGUE.as_ref().map_err(String::as_str)
}

/// Does `text` hold a template placeholder? For other rules' "filled" checks.
pub fn is_placeholder(text: &str) -> bool {
    let Ok(catalogue) = catalogue() else { return false };
    let mut out = Vec::new();
    catalogue.matches(text, 0, &mut out);
    !out.is_empty() || !catalogue.brackets(text, 0).is_empty()
}

/// Where a match was found, for the message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place<'a> {
    Text,
    FrontMatter(&'a str),
    JsonLd,
    Html,
    CodeSlot,
    /// A link's target: the link's text, and whether the target is empty.
    LinkTarget(&'a str, bool),
}

fn check(ctx: &mut Context) {
    let Ok(catalogue) = catalogue() else { return };
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let search = catalogue.file_search(&doc.source);
    let brackets = catalogue.brackets(&doc.source, 0);
    // the bracketed slots inside a span of the file
    let brackets_in = |span: Span| {
        let from = brackets.partition_point(|(s, _)| s.start < span.start);
        brackets[from..]
            .iter()
            .take_while(move |(s, _)| s.end <= span.end)
            .copied()
    };
    let mut found: Vec<(Span, usize, Place)> = Vec::new();
    let mut buf = Vec::new();

    // front matter values
    if let Some(fm) = doc.front_matter.as_ref() {
        for e in fm.entries.iter().filter(|e| e.depth == 0) {
            scan_lines(doc, &search, e.value_span, &mut buf);
            buf.extend(brackets_in(e.value_span));
            found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::FrontMatter(e.key.as_str()))));
        }
    }

    // visible text: paragraphs, headings, tables (link text, URLs and alt text are inside them)
    let text_blocks = doc
        .paragraphs
        .iter()
        .map(|p| p.span)
        .chain(doc.headings.iter().map(|h| h.span))
        .chain(doc.tables.iter().copied());
    for span in text_blocks {
        search.matches(doc.text(span), span.start, &mut buf);
        buf.extend(brackets_in(span));
        found.extend(
            buf.drain(..)
                .filter(|(s, _)| visible(doc, *s))
                .map(|(s, i)| (s, i, Place::Text)),
        );
    }

    // HTML blocks, outside comments and script/style elements
    for &span in &doc.html_blocks {
        for part in html_text_parts(doc, span) {
            search.matches(doc.text(part), part.start, &mut buf);
            buf.extend(brackets_in(part));
            found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::Html)));
        }
    }

    // JSON-LD, also inside comments
    for j in &doc.json_ld {
        search.matches(doc.text(j.span), j.span.start, &mut buf);
        found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::JsonLd)));
    }

    // a fenced code block that is nothing but a placeholder: an unfilled slot
    for cb in doc.code_blocks.iter().filter(|c| c.fenced) {
        let content = doc.text(cb.content_span);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        search.matches(trimmed, cb.content_span.start + lead, &mut buf);
        if let [(s, i)] = buf[..] {
            if s.len() == trimmed.len() {
                found.push((s, i, Place::CodeSlot));
            }
        }
        buf.clear();
    }

    let mut values = Vec::new();
    catalogue.values(doc, &mut values);
    found.extend(values.into_iter().map(|(s, i, at)| {
        let place = match at {
            ValueAt::FrontMatter(key) => Place::FrontMatter(key),
            ValueAt::LinkTarget(text, empty) => Place::LinkTarget(text, empty),
            ValueAt::TableCell | ValueAt::Heading | ValueAt::ListItem | ValueAt::AltText => Place::Text,
        };
        (s, i, place)
    }));

    for (span, idx, place) in settle(found) {
        let text = doc.text(span);
        if opts.ignore.iter().any(|i| i == text) {
            continue;
        }
        let (id, what) = catalogue.rule(idx);
        let shown = excerpt(text, 60);
        let message = match place {
            Place::Text => format!("unfilled placeholder `{shown}` ({what})"),
            Place::Html => format!("unfilled placeholder `{shown}` in HTML ({what})"),
            Place::FrontMatter(key) => format!("unfilled placeholder `{shown}` in front matter `{key}` ({what})"),
            Place::JsonLd => format!("unfilled placeholder `{shown}` in JSON-LD ({what})"),
            Place::CodeSlot => format!("code block holds only the placeholder `{shown}` ({what})"),
            Place::LinkTarget(_, true) => format!("link `{shown}` has no target ({what})"),
            Place::LinkTarget(link, false) => format!(
                "link \"{}\" points to the placeholder `{shown}` ({what})",
                excerpt(link, 40)
            ),
        };
        let help = match place {
            Place::CodeSlot => "replace the block with a real, working example".to_string(),
            Place::LinkTarget(..) => format!("link to the real page (pattern `{id}` in rules/placeholders.yaml)"),
            _ => format!("replace it with the real content (pattern `{id}` in rules/placeholders.yaml)"),
        };
        let d = ctx.diagnostic(span, message).with_help(help);
        ctx.push(d);
    }
}

/// Scan a front matter value line by line, skipping YAML/TOML comment lines.
fn scan_lines(doc: &Document, search: &CatalogueSearch, span: Span, out: &mut Vec<(Span, usize)>) {
    let text = doc.text(span);
    let mut pos = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        if !line.trim_start().starts_with('#') {
            search.matches(line, span.start + pos, out);
        }
        pos += line.len();
    }
}

/// A match in a paragraph, heading or table is reported unless it is code, a comment, a
/// task-list box, a footnote reference, or the `[text]` of a real link.
fn visible(doc: &Document, span: Span) -> bool {
    if doc.in_code(span) {
        return false;
    }
    let overlaps = |spans: &[Span]| spans.iter().any(|s| s.overlaps(span));
    if overlaps(&doc.task_markers) || overlaps(&doc.footnote_references) || overlaps(&doc.shortcodes) {
        return false;
    }
    if doc.comments.iter().any(|c| c.span.overlaps(span)) {
        return false;
    }
    let brackets = |inner: Span| inner.start == span.start + 1 && inner.end + 1 == span.end;
    let is_link_text = doc.links.iter().any(|l| !l.html && brackets(l.text_span));
    let is_alt = doc.images.iter().any(|i| !i.html && i.alt_span.is_some_and(brackets));
    !is_link_text && !is_alt
}

/// The parts of an HTML block outside comments and `<script>`/`<style>` elements.
fn html_text_parts(doc: &Document, span: Span) -> Vec<Span> {
    let mut holes: Vec<Span> = doc
        .comments
        .iter()
        .map(|c| c.span)
        .filter(|c| span.overlaps(*c))
        .collect();
    let scripts = &doc.html_scripts;
    let from = scripts.partition_point(|s| s.end <= span.start);
    holes.extend(scripts[from..].iter().take_while(|s| s.start < span.end));
    holes.sort_by_key(|h| h.start);
    let mut parts = Vec::new();
    let mut pos = span.start;
    for h in holes {
        if h.start > pos {
            parts.push(Span::new(pos, h.start.min(span.end)));
        }
        pos = pos.max(h.end);
    }
    if pos < span.end {
        parts.push(Span::new(pos, span.end));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The engine's tests cover the catalogue's patterns; this one, that the rule loads it.
    #[test]
    fn the_rule_loads_its_catalogue() {
        assert!(catalogue().is_ok(), "{:?}", catalogue().err());
        assert!(is_placeholder("by [AUTHOR_NAME]"));
        assert!(is_placeholder("for [Client Name]"));
        assert!(!is_placeholder("by Jane Doe, for the shop"));
    }
}
