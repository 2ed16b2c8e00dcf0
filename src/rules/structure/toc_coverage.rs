use crate::diagnostic::{excerpt, Applicability, Edit, Fix, Severity, Span};
use std::collections::{HashMap, HashSet};

use crate::document::{Document, Link, LinkKind, List};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Checks that every H2 after the table of contents appears in it, in the page's order. The
    /// table of contents is the first list under a heading that names one ("Table of Contents",
    /// "Contents", "In this article", "In this guide", "In this post", "On this page"), as in the
    /// template; any other list of jump links is the author's own selection and is not checked.
    /// Structural sections the template leaves out of its TOC are skipped: key takeaways, FAQ,
    /// related articles, the closing call to action ("Ready to ...").
    ///
    /// ## Why is this bad?
    /// A section missing from the table of contents is a section skimmers never find; entries out
    /// of order make the TOC a poor map of the page.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Table of Contents
    /// 1. [Ratio](#ratio)
    ///
    /// ## Ratio
    ///
    /// One part coffee to eight parts water.
    ///
    /// ## Straining
    ///
    /// Pour it through a paper filter.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// ## Table of Contents
    /// 1. [Ratio](#ratio)
    /// 2. [Straining](#straining)
    ///
    /// ## Ratio
    ///
    /// One part coffee to eight parts water.
    ///
    /// ## Straining
    ///
    /// Pour it through a paper filter.
    /// ```
    ///
    /// The fix regenerates the list from the headings, keeping its style (numbered or bulleted,
    /// its markers) and its sub-levels (H3 sub-entries, or whichever level each nesting depth
    /// lists). The author's entries are kept as written, only reordered, and the missing ones are
    /// added. It is safe only when every item, nested ones too, is nothing but a link to a
    /// heading of the page and every entry keeps its place; a list whose entries would be dropped
    /// or moved to another parent gets an unsafe fix, and a list with any other words in it, or
    /// reference-style links, gets none.
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

/// The links inside `span` (the document keeps them sorted by start).
fn links_in(doc: &Document, span: Span) -> impl Iterator<Item = &Link> {
    let from = doc.links.partition_point(|l| l.span.start < span.start);
    doc.links[from..]
        .iter()
        .take_while(move |l| l.span.start < span.end)
        .filter(move |l| span.covers(l.span))
}

/// The lists inside `span`, itself included (the document keeps them in order of their start).
fn lists_in(doc: &Document, span: Span) -> impl Iterator<Item = &List> {
    let from = doc.lists.partition_point(|l| l.span.start < span.start);
    doc.lists[from..]
        .iter()
        .take_while(move |l| l.span.start < span.end)
        .filter(move |l| span.covers(l.span))
}

/// The table of contents list: the first list of a section whose heading names one ("Table of
/// Contents", "Contents", "In this article", "On this page", ...), as the template's is. A list
/// of jump links elsewhere is a list the author chose, often of some headings only (the Rust
/// blog's cycle posts leave out their closing "How you can help"): no table of contents.
pub fn toc_list(doc: &Document) -> Option<&List> {
    let section = doc.section_where(|h| h.is_toc())?;
    lists_in(doc, section.own).find(|l| l.depth == 0)
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some(toc) = toc_list(doc) else { return };
    // each target's first place in the list
    let mut targets: HashMap<&str, usize> = HashMap::new();
    for (pos, l) in links_in(doc, toc.span)
        .filter(|l| l.kind == LinkKind::Fragment)
        .enumerate()
    {
        targets.entry(l.url.trim().trim_start_matches('#')).or_insert(pos);
    }
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
        match targets.get(h.anchor()) {
            None => missing.push((h.text_span, h.text.clone())),
            Some(&pos) => {
                if let Some((prev_pos, prev_text)) = last_pos {
                    if pos < prev_pos {
                        out_of_order.push((h.text_span, h.text.clone(), prev_text.to_string()));
                    }
                }
                last_pos = Some((pos, &h.text));
            }
        }
    }
    if missing.is_empty() && out_of_order.is_empty() {
        return;
    }
    let mut fix = regenerate(doc, toc).map(|(content, applicability)| Fix {
        message: "regenerate the table of contents from the headings".to_string(),
        applicability,
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

/// The length of the list marker an item starts with: `-`, `*`, `+`, or a number and its `.`
/// or `)`; `None` when it does not start with one.
fn marker_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let len = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        _ => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
    };
    matches!(b.get(len), None | Some(b' ' | b'\n' | b'\r')).then_some(len)
}

/// The marker of a list item: numbered or not, and `-`, `*`, `+`, or the number's delimiter.
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

/// One entry of the author's table of contents: a list item that is one link and nothing else.
struct Entry {
    /// 0 for the list's own items, 1 for their sub-entries, ...
    depth: usize,
    /// The heading its link reaches, if any.
    heading: Option<usize>,
    /// The link as written: kept verbatim in the regenerated list.
    link: Span,
    /// Index into the entries of the one it is nested under.
    parent: Option<usize>,
}

/// The entries of the table of contents when every item, nested ones too, is exactly one inline
/// `[text](#anchor)` link after its marker, and the list holds nothing else but spaces and line
/// breaks (no prose, no reference-style links whose definitions regenerating would orphan, no
/// HTML, no tabs or block quote markers that the regenerated indentation could not keep).
/// `None` otherwise: then regenerating would lose words the author wrote.
fn read_entries(doc: &Document, toc: &List, heading_of: &HashMap<&str, usize>) -> Option<Vec<Entry>> {
    let src = doc.source.as_bytes();
    let line_start = doc.lines.line_start(doc.lines.line_of(toc.span.start));
    if !doc
        .text(Span::new(line_start, toc.span.start))
        .bytes()
        .all(|b| b == b' ')
    {
        return None;
    }
    // items and links in order of their start (an item before a link starting with it)
    enum Event {
        Item(Span, usize),
        Link(usize),
    }
    let links: Vec<&Link> = links_in(doc, toc.span).collect();
    let mut events: Vec<(usize, u8, Event)> = Vec::new();
    for list in lists_in(doc, toc.span) {
        let depth = list.depth.checked_sub(toc.depth)?;
        events.extend(list.items.iter().map(|&item| (item.start, 0, Event::Item(item, depth))));
    }
    events.extend(links.iter().enumerate().map(|(i, l)| (l.span.start, 1, Event::Link(i))));
    events.sort_by_key(|(start, order, _)| (*start, *order));
    // what the entries' markers and links leave of the list must be blank
    let mut taken: Vec<Span> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut items = 0;
    // the open items, innermost last: their span and entry (once their link is seen)
    let mut open: Vec<(Span, Option<usize>)> = Vec::new();
    for (_, _, event) in events {
        match event {
            Event::Item(item, depth) => {
                while open.last().is_some_and(|(s, _)| !s.covers(item)) {
                    open.pop();
                }
                if open.len() != depth {
                    return None;
                }
                let len = marker_len(doc.text(item))?;
                taken.push(Span::new(item.start, item.start + len));
                open.push((item, None));
                items += 1;
            }
            Event::Link(i) => {
                let link = links[i];
                while open.last().is_some_and(|(s, _)| !s.covers(link.span)) {
                    open.pop();
                }
                let text = doc.text(link.span);
                let plain = link.kind == LinkKind::Fragment
                    && !link.html
                    && !link.reference
                    && !link.hidden
                    && text.starts_with('[')
                    && text.ends_with(')');
                let depth = open.len().checked_sub(1)?;
                let parent = match depth.checked_sub(1) {
                    None => None,
                    Some(up) => Some(open[up].1?),
                };
                let (_, own) = open.last_mut()?;
                if !plain || own.is_some() {
                    return None;
                }
                let anchor = link.url.trim().trim_start_matches('#');
                *own = Some(entries.len());
                entries.push(Entry {
                    depth,
                    heading: heading_of.get(anchor).copied(),
                    link: link.span,
                    parent,
                });
                taken.push(link.span);
            }
        }
    }
    // every item has its link: as many entries as items
    if entries.is_empty() || entries.len() != items {
        return None;
    }
    taken.sort_by_key(|s| s.start);
    let mut pos = toc.span.start;
    for t in taken.iter().chain([&Span::new(toc.span.end, toc.span.end)]) {
        let gap = src.get(pos..t.start.max(pos))?;
        if !gap.iter().all(|b| matches!(b, b' ' | b'\n' | b'\r')) {
            return None;
        }
        pos = pos.max(t.end);
    }
    Some(entries)
}

/// The range of heading levels each depth of the list reaches: the top level from H2, and each
/// depth below the one above (the cargo posts list H4s in one section and H5s in another).
fn depth_levels(doc: &Document, entries: &[Entry]) -> Option<Vec<(u8, u8)>> {
    let mut levels: Vec<Option<(u8, u8)>> = Vec::new();
    for e in entries {
        let Some(h) = e.heading else { continue };
        if levels.len() <= e.depth {
            levels.resize(e.depth + 1, None);
        }
        let level = doc.headings[h].level;
        let range = levels[e.depth].get_or_insert((level, level));
        *range = (range.0.min(level), range.1.max(level));
    }
    let levels: Vec<(u8, u8)> = levels.into_iter().collect::<Option<_>>()?;
    let layered = levels.windows(2).all(|w| w[0].1 < w[1].0);
    (levels.first().is_some_and(|l| l.0 == 2) && layered).then_some(levels)
}

/// One entry of the regenerated list.
struct Outline {
    heading: usize,
    depth: usize,
    /// The heading of the entry it is nested under.
    parent: Option<usize>,
}

/// The headings after the list that the regenerated list holds, depth `d` listing the headings
/// whose level is in `levels[d]` under the entry above. Structural top-level headings are left
/// out unless the author listed them.
fn outline(doc: &Document, toc: &List, levels: &[(u8, u8)], listed: &HashSet<usize>) -> Vec<Outline> {
    let mut out = Vec::new();
    let mut open: Vec<Option<usize>> = vec![None; levels.len()];
    for (i, h) in doc.headings.iter().enumerate() {
        if h.span.start <= toc.span.end {
            continue;
        }
        // a heading at or above a depth's levels ends that depth's open entry
        for (d, &(min, _)) in levels.iter().enumerate() {
            if min >= h.level {
                open[d] = None;
            }
        }
        let Some(depth) = levels.iter().position(|&(min, max)| (min..=max).contains(&h.level)) else {
            continue;
        };
        let parent = match depth.checked_sub(1) {
            None => None,
            Some(up) => match open[up] {
                Some(p) => Some(p),
                None => continue,
            },
        };
        if depth == 0 && h.is_structural() && !listed.contains(&i) {
            continue;
        }
        out.push(Outline {
            heading: i,
            depth,
            parent,
        });
        open[depth] = Some(i);
    }
    out
}

/// The table of contents rebuilt from the headings after it, in the list's own style, with how
/// safe that is (see the rule's docs). `None` when there is nothing to list or it cannot be
/// rebuilt without losing the author's words.
fn regenerate(doc: &Document, toc: &List) -> Option<(String, Applicability)> {
    // the list must end a line and be followed by a blank line or the end, or the new list could
    // run into what follows
    let after = doc.source.get(toc.span.end..).unwrap_or("");
    let rest = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n'));
    let cleanly_ended =
        after.is_empty() || rest.is_some_and(|r| r.is_empty() || r.starts_with('\n') || r.starts_with("\r\n"));
    if !cleanly_ended {
        return None;
    }
    let mut heading_of: HashMap<&str, usize> = HashMap::new();
    for (i, h) in doc.headings.iter().enumerate() {
        heading_of.entry(h.anchor()).or_insert(i);
    }
    let entries = read_entries(doc, toc, &heading_of)?;
    let consistent = depth_levels(doc, &entries);
    let levels = consistent.clone().unwrap_or_else(|| {
        if entries.iter().any(|e| e.depth > 0) {
            vec![(2, 2), (3, 3)]
        } else {
            vec![(2, 2)]
        }
    });
    let listed: HashSet<usize> = entries.iter().filter_map(|e| e.heading).collect();
    let outline = outline(doc, toc, &levels, &listed);
    if outline.iter().all(|o| o.depth > 0) {
        return None;
    }
    // safe when every entry the author wrote comes back at its depth, under the same parent
    let placed: HashMap<usize, (usize, Option<usize>)> =
        outline.iter().map(|o| (o.heading, (o.depth, o.parent))).collect();
    let kept = consistent.is_some()
        && listed.len() == entries.len()
        && entries.iter().all(|e| {
            let parent = e.parent.and_then(|p| entries[p].heading);
            e.heading.is_some_and(|h| placed.get(&h) == Some(&(e.depth, parent)))
        });
    let applicability = if kept {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let verbatim: HashMap<usize, Span> = entries.iter().filter_map(|e| Some((e.heading?, e.link))).collect();
    // each depth's style: the first list of that depth in the TOC gives its indentation and marker
    let line_pad = |at: usize| {
        let start = doc.lines.line_start(doc.lines.line_of(at));
        doc.text(Span::new(start, at)).len()
    };
    let first = *toc.items.first()?;
    let mut styles = vec![(line_pad(toc.span.start), marker(doc, first))];
    for d in 1..levels.len() {
        let list = lists_in(doc, toc.span).find(|l| l.depth == toc.depth + d)?;
        let item = *list.items.first()?;
        styles.push((line_pad(item.start), marker(doc, item)));
    }
    let plain = |a: &str| !a.is_empty() && a.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    let eol = if doc.source.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::new();
    let mut numbers = vec![0usize; levels.len()];
    // the content column of the last entry of each depth: a sub-list must start at or after it
    // ("10. " needs 4 spaces) and less than 4 past it (or it is code)
    let mut content_col = vec![0usize; levels.len()];
    for o in &outline {
        let (author_pad, (ordered, mark)) = styles[o.depth];
        let pad = match o.depth.checked_sub(1) {
            None => author_pad,
            Some(up) => author_pad.clamp(content_col[up], content_col[up] + 3),
        };
        numbers[o.depth] += 1;
        for n in &mut numbers[o.depth + 1..] {
            *n = 0;
        }
        let m = if ordered {
            format!("{}{mark}", numbers[o.depth])
        } else {
            mark.to_string()
        };
        content_col[o.depth] = pad + m.len() + 1;
        let text = match verbatim.get(&o.heading) {
            Some(&link) => doc.text(link).to_string(),
            None => {
                let h = &doc.headings[o.heading];
                if !plain(h.anchor()) {
                    return None;
                }
                entry(h)
            }
        };
        if out.is_empty() {
            out.push_str(&format!("{m} {text}"));
        } else {
            out.push_str(&format!("{eol}{}{m} {text}", " ".repeat(pad)));
        }
    }
    Some((out, applicability))
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Applicability, Fix};
    use crate::engine::lint_source;
    use crate::settings::Settings;

    /// The toc-coverage fix offered for `text`, if any; the page must have a finding.
    fn fix_of(text: &str) -> Option<Fix> {
        let report = lint_source("a.md".into(), text.into(), &Settings::default());
        let findings: Vec<_> = report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == "toc-coverage")
            .collect();
        assert!(!findings.is_empty(), "no finding in {text}");
        findings.into_iter().find_map(|d| d.fix.map(|f| *f))
    }

    const PAGE: &str = "\n\n## Feeding\n\n### Flour\n\n## Baking\n\n## Cooling\n";

    #[test]
    fn a_list_of_plain_links_to_headings_gets_a_safe_fix_that_keeps_the_authors_link_text() {
        let fix = fix_of(&format!(
            "# G\n\n## Contents\n\n- [Feed it](#feeding)\n- [Bake](#baking){PAGE}"
        ));
        let fix = fix.expect("a fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(
            fix.edits[0].content,
            "- [Feed it](#feeding)\n- [Bake](#baking)\n- [Cooling](#cooling)"
        );
    }

    #[test]
    fn words_besides_the_links_mean_no_fix() {
        for list in [
            "- [Feeding](#feeding): how often\n- [Baking](#baking)",
            "- Start with [feeding](#feeding)\n- [Baking](#baking)",
            "- **[Feeding](#feeding)**\n- [Baking](#baking)",
            "- [Feeding][f]\n- [Baking](#baking)\n\n[f]: #feeding",
            "- <a href=\"#feeding\">Feeding</a>\n- [Baking](#baking)",
            "- [Feeding](#feeding) <!-- note -->\n- [Baking](#baking)",
            "- [Feeding](#feeding)\n  - [Flour](#flour) and water\n- [Baking](#baking)",
            "- [ ] [Feeding](#feeding)\n- [Baking](#baking)",
            "> - [Feeding](#feeding)\n> - [Baking](#baking)",
        ] {
            let fix = fix_of(&format!("# G\n\n## Contents\n\n{list}{PAGE}"));
            assert!(fix.is_none(), "{list}: {fix:?}");
        }
    }

    #[test]
    fn entries_the_regenerated_list_would_drop_or_move_make_the_fix_unsafe() {
        for list in [
            // a stale entry
            "- [Feeding](#feeding)\n- [Old](#gone)\n- [Baking](#baking)",
            // an entry for a heading before the list
            "- [Guide](#g)\n- [Feeding](#feeding)\n- [Baking](#baking)",
            // the same heading twice
            "- [Feeding](#feeding)\n- [Baking](#baking)\n- [Feeding](#feeding)",
            // a sub-entry under the wrong parent
            "- [Feeding](#feeding)\n- [Baking](#baking)\n  - [Flour](#flour)",
            // a sub-entry reaching a level above its parent's
            "- [Flour](#flour)\n  - [Baking](#baking)",
        ] {
            let fix = fix_of(&format!("# G\n\n## Contents\n\n{list}{PAGE}"));
            let fix = fix.unwrap_or_else(|| panic!("{list}: no fix"));
            assert_eq!(fix.applicability, Applicability::Unsafe, "{list}");
        }
    }

    #[test]
    fn nested_entries_keep_their_level_and_new_ones_follow_their_style() {
        let text = "# G\n\n## Contents\n\n1. [Feeding](#feeding)\n    * [Flour](#flour)\n\n## Feeding\n\n### Flour\n\n## Baking\n\n### Oven\n\n#### Steam\n";
        let fix = fix_of(text).expect("a fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(
            fix.edits[0].content,
            "1. [Feeding](#feeding)\n    * [Flour](#flour)\n2. [Baking](#baking)\n    * [Oven](#oven)"
        );
    }
}
