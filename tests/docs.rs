//! The rules' documentation is tested like code (biome runs its rule docs' examples, oxc fails a
//! rule without docs). Every rule's doc comment has the skeleton `## What it does`,
//! `## Why is this bad?`, `## Example`, `## Options`. In `## Example`, fenced blocks are marked by
//! their info string:
//! - ` ```markdown fail `: an article that gives exactly one finding of the rule;
//! - ` ```markdown pass `: an article that gives none of it;
//! - ` ```markdown template `: a template (as `--template` names one) for the blocks after it.
//!
//! Each article is linted with default settings (and the template, if any), as if it were
//! `fixtures/articles/example.md`, so that a local image resolves against
//! `fixtures/articles/images/`. Thresholds come from the article itself (directives, SEO
//! CHECKLIST) or the template, never from hidden options. Site rules compare files: their
//! examples are prose and are not run (`tests/site.rs` runs their fixtures).
//!
//! README's rule table is checked against the same docs: `SEOLINT_BLESS=1 cargo test --test docs`
//! rewrites it.

use std::sync::Arc;

use seolint::engine::{lint_source, Report};
use seolint::requirements::TemplateReqs;
use seolint::rules::{Check, Rule, RULES};
use seolint::settings::Settings;

/// Where examples are linted as if they were, relative to the package root (where cargo runs
/// integration tests).
const EXAMPLE_PATH: &str = "fixtures/articles/example.md";

const SKELETON: [&str; 4] = ["## What it does", "## Why is this bad?", "## Example", "## Options"];

/// What an example block asks of its rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    Fail,
    Pass,
    Template,
}

impl Marker {
    fn name(self) -> &'static str {
        match self {
            Marker::Fail => "markdown fail",
            Marker::Pass => "markdown pass",
            Marker::Template => "markdown template",
        }
    }
}

/// A fenced block of a rule's `## Example` section.
struct Block {
    marker: Marker,
    text: String,
    /// 1-based line of its opening fence in the rule's documentation.
    line: usize,
}

/// The `## ` sections of a rule's documentation, in order, each with its lines; headings inside
/// fenced blocks (an example's `## Feeding`) are not sections.
fn sections(docs: &str) -> Vec<(String, Vec<(usize, &str)>)> {
    let mut out: Vec<(String, Vec<(usize, &str)>)> = Vec::new();
    let mut fence: Option<usize> = None;
    for (i, line) in docs.lines().enumerate() {
        let ticks = line.len() - line.trim_start_matches('`').len();
        match fence {
            None if ticks >= 3 => fence = Some(ticks),
            Some(open) if ticks >= open && line[ticks..].trim().is_empty() => fence = None,
            None if line.starts_with("## ") => {
                out.push((line.to_string(), Vec::new()));
                continue;
            }
            _ => {}
        }
        if let Some((_, lines)) = out.last_mut() {
            lines.push((i + 1, line));
        }
    }
    out
}

/// The marked blocks of a rule's `## Example` section; an error names a block whose marker is
/// missing or unknown.
fn example_blocks(rule: &Rule) -> Result<Vec<Block>, String> {
    let docs = rule.documentation();
    let lines = sections(&docs)
        .into_iter()
        .find(|(heading, _)| heading == "## Example")
        .map(|(_, lines)| lines)
        .unwrap_or_default();
    let mut blocks = Vec::new();
    let mut open: Option<(usize, Option<Marker>, usize, Vec<&str>)> = None;
    for (line_no, line) in lines {
        let ticks = line.len() - line.trim_start_matches('`').len();
        match &mut open {
            None if ticks >= 3 => {
                let info: Vec<&str> = line[ticks..].split_whitespace().collect();
                let marker = match info.as_slice() {
                    ["markdown", "fail"] => Some(Marker::Fail),
                    ["markdown", "pass"] => Some(Marker::Pass),
                    ["markdown", "template"] => Some(Marker::Template),
                    _ => None,
                };
                if marker.is_none() && !matches!(rule.check, Check::Site(_)) {
                    return Err(format!(
                        "{}: the block at line {line_no} of its docs is marked `{}`; mark it `markdown fail`, `markdown pass` or `markdown template`",
                        rule.name,
                        line.trim()
                    ));
                }
                open = Some((ticks, marker, line_no, Vec::new()));
            }
            Some((fence, marker, start, body)) => {
                if ticks >= *fence && line[ticks..].trim().is_empty() {
                    if let Some(marker) = *marker {
                        let mut text = body.join("\n");
                        text.push('\n');
                        blocks.push(Block {
                            marker,
                            text,
                            line: *start,
                        });
                    }
                    open = None;
                } else {
                    body.push(line);
                }
            }
            None => {}
        }
    }
    match open {
        Some((_, _, start, _)) => Err(format!(
            "{}: the block at line {start} of its docs is not closed",
            rule.name
        )),
        None => Ok(blocks),
    }
}

/// Every finding of `report`, one a line, to show when an example does not do what it says.
fn listing(report: &Report) -> String {
    let mut listed = String::new();
    for d in &report.diagnostics {
        let at = report.line_col(d.span.start);
        listed.push_str(&format!("  {}:{} [{}] {}\n", at.line, at.column, d.rule, d.message));
    }
    listed
}

#[test]
fn every_rule_has_the_documentation_skeleton() {
    let mut problems = Vec::new();
    for rule in RULES {
        let docs = rule.documentation();
        let headings: Vec<String> = sections(&docs).into_iter().map(|(h, _)| h).collect();
        let found: Vec<&str> = headings
            .iter()
            .map(String::as_str)
            .filter(|h| SKELETON.contains(h))
            .collect();
        if found != SKELETON {
            problems.push(format!(
                "{}: sections {found:?}; expected {SKELETON:?} in that order",
                rule.name
            ));
        }
        if rule.summary().is_empty() {
            problems.push(format!("{}: no first sentence under `## What it does`", rule.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The options a `## Options` list names: in each `- ` item (with its indented continuation
/// lines), a code span of a plain name followed by ` (` or `,`, as in
/// "- `min` (default 30), `max` (default 60)" or "- `h2_min`, `h2_max` (no default)".
fn documented_options(lines: &[(usize, &str)]) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for (_, line) in lines {
        if let Some(item) = line.strip_prefix("- ") {
            items.push(item.to_string());
        } else if let (Some(item), true) = (items.last_mut(), line.starts_with("  ")) {
            item.push(' ');
            item.push_str(line.trim());
        } else {
            // a paragraph after the list (the keys of `fields`) names no option of the rule
            items.push(String::new());
        }
    }
    let mut names = Vec::new();
    for item in &items {
        // odd pieces are inside backticks
        let pieces: Vec<&str> = item.split('`').collect();
        for i in (1..pieces.len().saturating_sub(1)).step_by(2) {
            let name = pieces[i];
            let plain = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let after = pieces[i + 1];
            if plain && (after.starts_with(" (") || after.starts_with(',')) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// Each option the docs list is one the rule's options type knows.
#[test]
fn documented_options_exist() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for rule in RULES {
        let docs = rule.documentation();
        let options = sections(&docs)
            .into_iter()
            .find(|(heading, _)| heading == "## Options")
            .map(|(_, lines)| lines)
            .unwrap_or_default();
        for name in documented_options(&options) {
            checked += 1;
            let value = serde_json::json!({ name.as_str(): serde_json::Value::Null });
            if let Err(e) = (rule.validate)(&value) {
                if e.contains("unknown field") {
                    problems.push(format!(
                        "{}: documents option `{name}`, which it does not have: {e}",
                        rule.name
                    ));
                }
            }
        }
    }
    assert!(
        checked > 0,
        "no `## Options` list names an option: is the pattern stale?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_examples_give_what_they_say() {
    let mut problems = Vec::new();
    for rule in RULES {
        let blocks = match example_blocks(rule) {
            Ok(blocks) => blocks,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if matches!(rule.check, Check::Site(_)) {
            // a site rule compares files; one article cannot show it
            continue;
        }
        let has = |m: Marker| blocks.iter().any(|b| b.marker == m);
        if !has(Marker::Fail) || !has(Marker::Pass) {
            problems.push(format!(
                "{}: `## Example` needs a `markdown fail` block and a `markdown pass` block",
                rule.name
            ));
        }
        let mut settings = Settings::default();
        for block in &blocks {
            if block.marker == Marker::Template {
                let shown = format!("{} docs line {}", rule.name, block.line);
                settings.template = Some(Arc::new(TemplateReqs::derive(&shown, block.text.clone())));
                continue;
            }
            let report = lint_source(EXAMPLE_PATH.to_string(), block.text.clone(), &settings);
            let of_rule = report.diagnostics.iter().filter(|d| d.rule == rule.name).count();
            let want = if block.marker == Marker::Fail { 1 } else { 0 };
            if of_rule != want {
                problems.push(format!(
                    "{}: the `{}` block at line {} of its docs gives {of_rule} finding(s) of the rule, not {want}; all findings:\n{}",
                    rule.name,
                    block.marker.name(),
                    block.line,
                    listing(&report)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// README's rule table, between its two markers.
const TABLE_START: &str =
    "<!-- rule table: made from the rules' docs; SEOLINT_BLESS=1 cargo test --test docs rewrites it -->";
const TABLE_END: &str = "<!-- end of rule table -->";

/// The table README should hold: each rule's name, default severity, whether it has a fix, and
/// the first sentence of its `## What it does`, in the order `seolint rules` lists them.
fn expected_table() -> String {
    let mut table = String::from("| rule | default | fix | what it does |\n|---|---|---|---|\n");
    for rule in RULES {
        let severity = rule.default_severity.to_string();
        let fix = if rule.fixable { "fix" } else { "" };
        // a `|` would end the cell
        let summary = rule.summary().replace('|', "\\|");
        table.push_str(&format!("| `{}` | {severity} | {fix} | {summary} |\n", rule.name));
    }
    table
}

#[test]
fn readme_rule_table_matches_the_rules() {
    let readme = std::fs::read_to_string("README.md").expect("README.md at the package root");
    let (Some(start), Some(end)) = (readme.find(TABLE_START), readme.find(TABLE_END)) else {
        panic!("README.md lacks the rule table markers:\n{TABLE_START}\n...\n{TABLE_END}");
    };
    // the table starts on the line after the opening marker
    let body_start = start + TABLE_START.len() + 1;
    let (Some(head), Some(found), Some(tail)) =
        (readme.get(..body_start), readme.get(body_start..end), readme.get(end..))
    else {
        panic!("README.md's rule table markers are out of order: {TABLE_START} on its own line, then {TABLE_END}");
    };
    let expected = expected_table();
    if found == expected {
        return;
    }
    if std::env::var_os("SEOLINT_BLESS").is_some() {
        let updated = format!("{head}{expected}{tail}");
        std::fs::write("README.md", updated).expect("README.md writable");
        return;
    }
    panic!(
        "README.md's rule table differs from the rules' docs (name, default severity, fix, first sentence of `## What it does`).\n\
         Run `SEOLINT_BLESS=1 cargo test --test docs` to rewrite it, or put this between the markers:\n\n{expected}"
    );
}
