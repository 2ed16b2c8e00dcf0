use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Severity, Span};
use crate::document::Document;
use crate::rules::{declare_rule, excerpt, Context};

declare_rule! {
    /// ## What it does
    /// Reports template placeholders and writing instructions left in the article: bracketed
    /// ALL_CAPS tokens (`[AUTHOR_NAME]`, `[INTERNAL_LINK: ...]`), bracketed labels (`[HOOK: ...]`),
    /// bracketed instructions that start with a verb (`[Write 200-300 words ...]`),
    /// `[Key takeaway 1]`, `[X]`, `YOUR_ANSWER_HERE`, `REPLACE alt text`, TODO/TBD/FIXME and
    /// lorem ipsum. The patterns live in `rules/placeholders.yaml`.
    ///
    /// It searches visible text, headings, front matter values, image alt text, link text and
    /// URLs, and JSON-LD (also the FAQ schema the template keeps inside a comment). It never
    /// searches code, HTML comments (the template's guidance comments and SEO checklist), and
    /// never reports task-list boxes, footnotes, the `[text]` of a real link, or GitHub alerts
    /// such as `[!NOTE]`. A fenced code block that holds nothing but a placeholder (the
    /// template's `[CODE_BLOCK or EXAMPLE: ...]` slot) is an unfilled slot and is reported.
    ///
    /// ## Why is this bad?
    /// A published page that says "[HOOK: Open with a bold statement...]" or "Estimated Reading
    /// Time: [X] minutes" tells readers and search engines that nobody finished it.
    ///
    /// ## Example
    /// ```markdown
    /// **Estimated Reading Time:** [X] minutes
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Estimated Reading Time:** 12 minutes
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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub ignore: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct PackFile {
    patterns: Vec<PatternDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternDef {
    id: String,
    what: String,
    regex: String,
    #[serde(default)]
    allow: Vec<String>,
}

pub const PACK_SOURCE: &str = include_str!("../../../rules/placeholders.yaml");

/// The placeholder patterns, compiled once per run into one regex with a group per pattern.
pub struct Pack {
    defs: Vec<PatternDef>,
    /// `p0`, `p1`, ...: the capture group of each pattern.
    groups: Vec<String>,
    regex: Regex,
}

impl Pack {
    pub fn load(source: &str) -> Result<Pack, String> {
        let file: PackFile = serde_yaml::from_str(source).map_err(|e| format!("placeholder pack: {e}"))?;
        let mut alternation = String::new();
        for (i, def) in file.patterns.iter().enumerate() {
            // placeholders are ASCII tokens: an ASCII `\b` keeps the fast DFA engines usable on
            // text in any language (a Unicode `\b` makes the regex crate fall back to a backtracker)
            let pattern = def.regex.replace(r"\b", r"(?-u:\b)");
            if i > 0 {
                alternation.push('|');
            }
            alternation.push_str(&format!("(?P<p{i}>{pattern})"));
        }
        // one compile (it is most of a one-file run's start-up); on an error, name the pattern
        let regex = Regex::new(&alternation).map_err(|e| {
            let bad = file
                .patterns
                .iter()
                .find(|d| Regex::new(&d.regex.replace(r"\b", r"(?-u:\b)")).is_err());
            match bad {
                Some(d) => format!("placeholder pattern `{}`: {e}", d.id),
                None => format!("placeholder pack: {e}"),
            }
        })?;
        Ok(Pack {
            groups: (0..file.patterns.len()).map(|i| format!("p{i}")).collect(),
            defs: file.patterns,
            regex,
        })
    }

    /// Every match in `text` (which starts at `base` in the file): (span, pattern index).
    fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        // find without captures (the fast engines only); which pattern matched is asked only
        // for a match, from the same position (matches are rare: most text has none)
        for found in self.regex.find_iter(text) {
            let Some(caps) = self.regex.captures_at(text, found.start()) else {
                continue;
            };
            let Some(whole) = caps.get(0) else { continue };
            let Some(idx) = self.groups.iter().position(|g| caps.name(g).is_some()) else {
                continue;
            };
            let def = &self.defs[idx];
            if !def.allow.is_empty() {
                let label = whole
                    .as_str()
                    .trim_start_matches('[')
                    .split([':', ']'])
                    .next()
                    .unwrap_or("");
                if def.allow.iter().any(|a| a == label) {
                    continue;
                }
            }
            // `matrix[X]`, `\[X]`: an index or an escaped bracket, not a placeholder
            if whole.as_str().starts_with('[') {
                let before = text[..whole.start()].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '\\' || c == '_') {
                    continue;
                }
            }
            // a pattern anchored at a line start reports the marker, not the markup before it
            let lead = whole.as_str().len()
                - whole
                    .as_str()
                    .trim_start_matches(|c: char| c.is_whitespace() || "*+-|>.)".contains(c) || c.is_ascii_digit())
                    .len();
            out.push((Span::new(base + whole.start() + lead, base + whole.end()), idx));
        }
    }
}

static PACK: LazyLock<Result<Pack, String>> = LazyLock::new(|| Pack::load(PACK_SOURCE));

/// The built-in pack; its load is checked by a test, so an error here is a build defect.
pub fn pack() -> Result<&'static Pack, &'static str> {
    PACK.as_ref().map_err(String::as_str)
}

/// Does `text` hold a template placeholder? For other rules' "filled" checks.
pub fn is_placeholder(text: &str) -> bool {
    let Ok(pack) = pack() else { return false };
    let mut out = Vec::new();
    pack.matches(text, 0, &mut out);
    !out.is_empty()
}

/// Where a match was found, for the message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place<'a> {
    Text,
    FrontMatter(&'a str),
    JsonLd,
    Html,
    CodeSlot,
}

fn check(ctx: &mut Context) {
    let Ok(pack) = pack() else { return };
    let opts: Options = ctx.options();
    let doc = ctx.doc;
    let mut found: Vec<(Span, usize, Place)> = Vec::new();
    let mut buf = Vec::new();

    // front matter values
    if let Some(fm) = doc.front_matter.as_ref() {
        for e in fm.entries.iter().filter(|e| e.depth == 0) {
            scan_lines(doc, pack, e.value_span, &mut buf);
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
        pack.matches(doc.text(span), span.start, &mut buf);
        found.extend(
            buf.drain(..)
                .filter(|(s, _)| visible(doc, *s))
                .map(|(s, i)| (s, i, Place::Text)),
        );
    }

    // HTML blocks, outside comments and script/style elements
    for &span in &doc.html_blocks {
        for part in html_text_parts(doc, span) {
            pack.matches(doc.text(part), part.start, &mut buf);
            found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::Html)));
        }
    }

    // JSON-LD, also inside comments
    for j in &doc.json_ld {
        pack.matches(doc.text(j.span), j.span.start, &mut buf);
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
        pack.matches(trimmed, cb.content_span.start + lead, &mut buf);
        if let [(s, i)] = buf[..] {
            if s.len() == trimmed.len() {
                found.push((s, i, Place::CodeSlot));
            }
        }
        buf.clear();
    }

    found.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut last_end = 0;
    for (span, idx, place) in found {
        if span.start < last_end {
            continue; // inside a placeholder already reported
        }
        last_end = span.end;
        let text = doc.text(span);
        if opts.ignore.iter().any(|i| i == text) {
            continue;
        }
        let def = &pack.defs[idx];
        let shown = excerpt(text, 60);
        let message = match place {
            Place::Text => format!("unfilled placeholder `{shown}` ({})", def.what),
            Place::Html => format!("unfilled placeholder `{shown}` in HTML ({})", def.what),
            Place::FrontMatter(key) => format!("unfilled placeholder `{shown}` in front matter `{key}` ({})", def.what),
            Place::JsonLd => format!("unfilled placeholder `{shown}` in JSON-LD ({})", def.what),
            Place::CodeSlot => format!("code block holds only the placeholder `{shown}` ({})", def.what),
        };
        let help = match place {
            Place::CodeSlot => "replace the block with a real, working example".to_string(),
            _ => format!(
                "replace it with the real content (pattern `{}` in rules/placeholders.yaml)",
                def.id
            ),
        };
        let d = ctx.diagnostic(span, message).with_help(help);
        ctx.push(d);
    }
}

/// Scan a front matter value line by line, skipping YAML/TOML comment lines.
fn scan_lines(doc: &Document, pack: &Pack, span: Span, out: &mut Vec<(Span, usize)>) {
    let text = doc.text(span);
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim_start().starts_with('#') {
            pack.matches(line, span.start + pos, out);
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
    if overlaps(&doc.task_markers) || overlaps(&doc.footnote_references) {
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
    let text = doc.text(span);
    let lower = text.to_ascii_lowercase();
    for tag in ["script", "style"] {
        let open = format!("<{tag}");
        let close = format!("</{tag}");
        let mut pos = 0;
        while let Some(i) = lower[pos..].find(&open) {
            let start = pos + i;
            let end = lower[start..].find(&close).map_or(text.len(), |j| start + j);
            holes.push(Span::new(span.start + start, span.start + end));
            pos = end.max(start + 1);
        }
    }
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

    #[test]
    fn builtin_pack_compiles() {
        let pack = pack().expect("built-in pack loads");
        assert!(pack.defs.len() >= 8);
    }

    fn ids(text: &str) -> Vec<String> {
        let pack = pack().expect("pack");
        let mut out = Vec::new();
        pack.matches(text, 0, &mut out);
        out.iter()
            .map(|(s, i)| format!("{}={}", pack.defs[*i].id, &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn patterns_catch_the_template_and_spare_prose() {
        assert_eq!(ids("by [AUTHOR_NAME]"), ["bracketed-token=[AUTHOR_NAME]"]);
        assert_eq!(
            ids("[HOOK: Open with a bold statement]"),
            ["bracketed-label=[HOOK: Open with a bold statement]"]
        );
        assert_eq!(
            ids("[Write 200-300 words. Use a mix.]"),
            ["bracketed-instruction=[Write 200-300 words. Use a mix.]"]
        );
        assert_eq!(ids("Time: [X] minutes"), ["bare-variable=[X]"]);
        assert_eq!(ids("\"text\": \"YOUR_ANSWER_HERE\""), ["your-here=YOUR_ANSWER_HERE"]);
        assert_eq!(ids("Hero -- REPLACE alt text"), ["replace-marker=REPLACE alt text"]);
        assert_eq!(ids("1. [Key takeaway 3]"), ["key-takeaway=[Key takeaway 3]"]);
        assert_eq!(
            ids("[CODE_BLOCK or EXAMPLE: Provide a practical example here]").len(),
            1
        );
        assert!(ids("[NOTE: this changed in 2024]").is_empty());
        assert!(ids("matrix[X] and a[N]").is_empty());
        assert!(ids("Use [API] docs, replace alt text, todo list").is_empty());
        assert!(ids("- [ ] item and [x] done").is_empty());
        assert_eq!(ids("TODO"), ["todo=TODO"]);
        assert_eq!(ids("- TBD"), ["todo=TBD"]);
        assert_eq!(ids("see TODO: fill in"), ["todo=TODO:"]);
        assert!(ids("my TODO list, exact path TBD, add TODO to tests").is_empty());
    }
}
