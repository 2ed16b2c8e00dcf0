use crate::diagnostic::{Applicability, Edit, Fix, Severity, Span};
use crate::document::{Document, LinkKind, List};
use crate::rules::{declare_rule, excerpt, Context};

declare_rule! {
    /// ## What it does
    /// Checks that every H2 after the table of contents appears in it, in the page's order. The
    /// table of contents is the first list under a "Table of Contents" / "Contents" / "In this
    /// article" heading, else a list of three or more `#fragment` links and nothing else before
    /// the first H2. Structural sections
    /// the template leaves out of its TOC are skipped: key takeaways, FAQ, related articles, the
    /// closing call to action ("Ready to ...").
    ///
    /// ## Why is this bad?
    /// A section missing from the table of contents is a section skimmers never find; entries out
    /// of order make the TOC a poor map of the page.
    ///
    /// ## Example
    /// ```markdown
    /// ## Table of Contents
    /// 1. [Starter](#starter)
    ///
    /// ## Starter
    /// ## Baking
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Table of Contents
    /// 1. [Starter](#starter)
    /// 2. [Baking](#baking)
    /// ```
    ///
    /// The fix (safe) regenerates the list from the headings, keeping its style: numbered or
    /// bulleted, its marker, and H3 sub-entries when it had them.
    ///
    /// ## Options
    /// None.
    pub static TOC_COVERAGE = {
        name: "toc-coverage",
        severity: Severity::Warning,
        fixable: true,
        options: crate::rules::NoOptions,
        check: check,
    };
}

/// The table of contents list.
pub fn toc_list(doc: &Document) -> Option<&List> {
    if let Some(section) = doc.section_where(|h| h.is_toc()) {
        if let Some(list) = doc.lists.iter().find(|l| l.depth == 0 && section.own.covers(l.span)) {
            return Some(list);
        }
    }
    // else a list of nothing but jump links, of three or more entries, before the first H2: a list
    // of links further down is a section's own list, not the page's table of contents
    let first_h2 = doc
        .headings
        .iter()
        .find(|h| h.level == 2)
        .map_or(usize::MAX, |h| h.span.start);
    doc.lists
        .iter()
        .filter(|l| l.depth == 0 && l.items.len() >= 3 && l.span.end <= first_h2)
        .find(|l| {
            let links: Vec<_> = doc.links.iter().filter(|k| l.span.covers(k.span)).collect();
            !links.is_empty() && links.iter().all(|k| k.kind == LinkKind::Fragment) && links.len() >= l.items.len()
        })
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some(toc) = toc_list(doc) else { return };
    let targets: Vec<String> = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Fragment && toc.span.covers(l.span))
        .map(|l| l.url.trim().trim_start_matches('#').to_string())
        .collect();
    let toc_line = doc.line_col(toc.span.start).line;
    let mut missing: Vec<(Span, String)> = Vec::new();
    let mut last_pos: Option<(usize, &str)> = None;
    let mut out_of_order: Vec<(Span, String, String)> = Vec::new();
    for h in doc
        .headings
        .iter()
        .filter(|h| h.level == 2 && h.span.start > toc.span.end)
    {
        if h.is_structural() {
            continue;
        }
        match targets.iter().position(|t| t == h.anchor()) {
            None => missing.push((h.text_span, h.text.clone())),
            Some(pos) => {
                if let Some((prev_pos, prev_text)) = last_pos {
                    if pos < prev_pos {
                        out_of_order.push((h.text_span, h.text.clone(), prev_text.to_string()));
                    }
                }
                last_pos = Some((pos, &h.text));
            }
        }
    }
    let fix = regenerate(doc, toc);
    let mut fix = fix.map(|content| Fix {
        message: "regenerate the table of contents from the headings".to_string(),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span: Span::new(toc.span.start, toc.span.end),
            content,
        }],
    });
    for (span, text) in missing {
        let d = ctx
            .diagnostic(
                span,
                format!(
                    "H2 \"{}\" is not in the table of contents (line {toc_line})",
                    excerpt(&text, 50)
                ),
            )
            .with_label(toc.span, "table of contents")
            .with_help("add an entry for it to the table of contents");
        let d = match fix.take() {
            Some(f) => d.with_fix(f),
            None => d,
        };
        ctx.push(d);
    }
    for (span, text, prev) in out_of_order {
        let d = ctx
            .diagnostic(
                span,
                format!(
                    "H2 \"{}\" comes after \"{}\" on the page but before it in the table of contents (line {toc_line})",
                    excerpt(&text, 40),
                    excerpt(&prev, 40)
                ),
            )
            .with_label(toc.span, "table of contents")
            .with_help("order the table of contents as the page");
        let d = match fix.take() {
            Some(f) => d.with_fix(f),
            None => d,
        };
        ctx.push(d);
    }
}

/// The marker of a list item in the source: `-`, `*`, `+`, or the delimiter of a number.
fn marker(doc: &Document, item: Span) -> (bool, char) {
    let text = doc.text(item).trim_start();
    match text.chars().next() {
        Some(c @ ('-' | '*' | '+')) => (false, c),
        _ => {
            let delim = text.trim_start_matches(|c: char| c.is_ascii_digit()).chars().next();
            (true, if delim == Some(')') { ')' } else { '.' })
        }
    }
}

fn entry(h: &crate::document::Heading) -> String {
    let mut text = String::with_capacity(h.text.len());
    for c in h.text.chars() {
        if matches!(c, '\\' | '[' | ']' | '`' | '*' | '_' | '<' | '>' | '!' | '&') {
            text.push('\\');
        }
        text.push(c);
    }
    format!("[{text}](#{})", h.anchor())
}

/// The fix is offered only where its result is certain to read back as one list: the list ends a
/// line and is followed by a blank line or the end, and every anchor is a plain slug.
fn safe_to_regenerate(doc: &Document, toc: &List, h2s: &[usize]) -> bool {
    let after = doc.source.get(toc.span.end..).unwrap_or("");
    let rest = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n'));
    let cleanly_ended =
        after.is_empty() || rest.is_some_and(|r| r.is_empty() || r.starts_with('\n') || r.starts_with("\r\n"));
    let plain = |a: &str| !a.is_empty() && a.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    cleanly_ended
        && h2s.iter().all(|&i| {
            plain(doc.headings[i].anchor())
                && doc.headings[i + 1..]
                    .iter()
                    .take_while(|s| s.level > 2)
                    .all(|s| s.level != 3 || plain(s.anchor()))
        })
}

/// The table of contents rebuilt from the H2s after it (and their H3s when it had sub-entries),
/// in the list's own style. `None` when there is nothing to list.
fn regenerate(doc: &Document, toc: &List) -> Option<String> {
    let first = *toc.items.first()?;
    let (ordered, mark) = marker(doc, first);
    let eol = if doc.source.contains("\r\n") { "\r\n" } else { "\n" };
    let line_start = doc.lines.line_start(doc.lines.line_of(toc.span.start));
    let indent = " ".repeat(doc.text(Span::new(line_start, toc.span.start)).chars().count());
    let nested = doc
        .lists
        .iter()
        .find(|l| l.depth == toc.depth + 1 && toc.span.covers(l.span));
    let nested_style = nested.and_then(|l| {
        let item = *l.items.first()?;
        let start = doc.lines.line_start(doc.lines.line_of(item.start));
        let pad = doc.text(Span::new(start, item.start)).chars().count();
        Some((" ".repeat(pad), marker(doc, item)))
    });
    let h2s: Vec<usize> = doc
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level == 2 && h.span.start > toc.span.end && !h.is_structural())
        .map(|(i, _)| i)
        .collect();
    if h2s.is_empty() || !safe_to_regenerate(doc, toc, &h2s) {
        return None;
    }
    let mut lines = Vec::new();
    for (n, &i) in h2s.iter().enumerate() {
        let h = &doc.headings[i];
        let m = if ordered {
            format!("{}{mark}", n + 1)
        } else {
            mark.to_string()
        };
        lines.push(format!(
            "{}{m} {}",
            if lines.is_empty() { "" } else { indent.as_str() },
            entry(h)
        ));
        let Some((pad, (sub_ordered, sub_mark))) = &nested_style else {
            continue;
        };
        // a sub-list must start at its parent's content column ("10. " needs 4 spaces), or it ends
        // the list instead of nesting in it
        let width = indent.len() + m.len() + 1;
        let pad = if pad.len() < width {
            " ".repeat(width)
        } else {
            pad.clone()
        };
        let mut k = 0;
        for sub in doc.headings[i + 1..].iter().take_while(|s| s.level > 2) {
            if sub.level != 3 {
                continue;
            }
            k += 1;
            let m = if *sub_ordered {
                format!("{k}{sub_mark}")
            } else {
                sub_mark.to_string()
            };
            lines.push(format!("{pad}{m} {}", entry(sub)));
        }
    }
    Some(lines.join(eol))
}
