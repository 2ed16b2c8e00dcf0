//! The pack format and the built-in catalogue: every kind at exact spans, errors with lines.

use super::pack::parse;
use super::*;
use crate::document::{Document, ParseOptions};

const CATALOGUE: &str = include_str!("../../rules/placeholders.yaml");

/// The built-in catalogue, as the `placeholder` rule loads it.
pub(super) fn catalogue() -> &'static Catalogue {
    static LOADED: std::sync::LazyLock<Catalogue> = std::sync::LazyLock::new(|| {
        Catalogue::new("rules/placeholders.yaml", CATALOGUE).expect("the built-in catalogue loads")
    });
    &LOADED
}

#[test]
fn builtin_catalogue_compiles_and_validates_as_a_user_pack() {
    let catalogue = catalogue();
    let (texts, brackets, values) = catalogue.parts();
    texts.compile_all().expect("every text pattern compiles");
    assert!(brackets.compiles());
    values.compile_all().expect("every value pattern compiles");
    // every regex compiled on its own, as a user pack's are, with its line on an error
    let pack = parse("rules/placeholders.yaml", "placeholders", CATALOGUE).expect("validates");
    assert_eq!(pack.name, "placeholder");
    assert!(pack.rules.len() >= 20);
}

/// The bounds pass over what no value pattern could match whole, and keep every value one
/// does: unanchored patterns (a URL found inside a link target) bound nothing.
#[test]
fn value_bounds_skip_only_what_cannot_match() {
    let catalogue = catalogue();
    let values = catalogue.parts().2;
    for v in ["TBD", "TK", "XXX", "20XX", "MM/DD/YYYY", "???"] {
        assert!(values.admits(ValuePlace::TableCell, v), "{v}");
        assert!(catalogue.value_match(ValuePlace::TableCell, v).is_some(), "{v}");
    }
    assert!(!values.admits(ValuePlace::Heading, "Grinding the beans for a pour-over"));
    assert!(!values.admits(ValuePlace::ListItem, "wax"));
    let long_url = format!("https://yourdomain.com/{}", "a".repeat(150));
    assert!(catalogue.value_match(ValuePlace::LinkTarget, &long_url).is_some());
    assert!(catalogue.value_match(ValuePlace::LinkTarget, "#").is_some());
    assert!(catalogue.value_match(ValuePlace::AltText, "Alt text here").is_some());
}

fn ids(text: &str) -> Vec<String> {
    let catalogue = catalogue();
    let mut out = Vec::new();
    catalogue.matches(text, 0, &mut out);
    out.iter()
        .map(|(s, i)| format!("{}={}", catalogue.rule(*i).0, &text[s.start..s.end]))
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
    assert!(ids("[NOTED: this changed in 2024]").len() == 1);
    assert!(ids("matrix[X] and a[N]").is_empty());
    assert!(ids("Use [API] docs, replace alt text, todo list").is_empty());
    assert!(ids("- [ ] item and [x] done").is_empty());
    assert_eq!(ids("TODO"), ["todo=TODO"]);
    assert_eq!(ids("- TBD"), ["todo=TBD"]);
    assert_eq!(ids("| > 12. TBD"), ["todo=TBD"]);
    assert_eq!(ids("see TODO: fill in"), ["todo=TODO:"]);
    assert!(ids("my TODO list, exact path TBD, add TODO to tests").is_empty());
}

const PACK: &str = r#"
name: house
rules:
  - name: no-weasel
    kind: existence
    scope: text
    patterns: ['\bvery\b', '\bbasically\b']
    ignore_case: true
    message: 'cut "{match}"'
  - name: brand-twice
    kind: occurrence
    scope: text
    pattern: 'Acme Cloud'
    min: 2
  - name: author
    kind: required-field
    fields:
      author: '^[A-Z][a-z]+ [A-Z][a-z]+$'
      date: null
  - name: h2-no-colon
    kind: existence
    scope: h2
    pattern: ':'
"#;

fn found(pack: &Pack, src: &str) -> Vec<(String, String, String)> {
    let doc = Document::parse(src.to_string(), &ParseOptions::default());
    check(pack, &doc)
        .into_iter()
        .map(|d| (d.rule.to_string(), doc.text(d.span).to_string(), d.message))
        .collect()
}

#[test]
fn every_kind_finds_at_exact_spans() {
    let pack = parse("house.yaml", "house", PACK).expect("pack loads");
    let src =
        "---\nauthor: jane\n---\n# Title\n\nIt is Very good, `very` in code.\n\n## Setup: first\n\nAcme Cloud once.\n";
    let found = found(&pack, src);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found.contains(&("house/no-weasel".into(), "Very".into(), "cut \"Very\"".into())));
    assert!(found.iter().any(|(r, t, _)| r == "house/h2-no-colon" && t == ":"));
    assert!(found
        .iter()
        .any(|(r, _, m)| r == "house/brand-twice" && m.contains("occurs 1 time; expected at least 2")));
    assert!(found.iter().any(|(r, t, _)| r == "house/author" && t == "jane"));
    assert!(found
        .iter()
        .any(|(r, _, m)| r == "house/author" && m.contains("no `date`")));
}

/// The kinds the built-in catalogue uses are a user's too: gates, allowed matches, a `found`
/// group, bracketed slots and whole values, with ASCII word boundaries.
#[test]
fn user_packs_have_the_catalogues_kinds() {
    let pack = parse(
        "style.yaml",
        "style",
        r#"
word_boundary: ascii
rules:
  - name: tk
    kind: existence
    what: a to-come marker
    pattern: '(?m)^(?:- )?(?P<found>TK)\b'
    gate: 'TK'
  - name: label
    kind: existence
    pattern: '\[[A-Z]+:[^\]]*\]'
    allow: ['^\[NOTE:']
  - name: slot
    kind: bracket
    pattern: '(?i-u)client name|city'
  - name: marker
    kind: value
    pattern: '^(?:TBD|n/a)$'
    in: [table-cell, heading]
"#,
    )
    .expect("pack loads");
    let src = "# TBD\n\nTK opens this.\n\nFor [Client Name] in [city], a[city] and [NOTE: fine] but [HOOK: no].\n\n| a | b |\n|---|---|\n| TBD | x |\n";
    let found = found(&pack, src);
    let want: Vec<(String, String, String)> = [
        (
            "style/tk",
            "TK",
            "`TK` is not allowed here: a to-come marker (style/tk)",
        ),
        (
            "style/label",
            "[HOOK: no]",
            "`[HOOK: no]` is not allowed here (style/label)",
        ),
        (
            "style/slot",
            "[Client Name]",
            "`[Client Name]` is not allowed here (style/slot)",
        ),
        ("style/slot", "[city]", "`[city]` is not allowed here (style/slot)"),
        ("style/marker", "TBD", "`TBD` is not allowed here (style/marker)"),
        ("style/marker", "TBD", "`TBD` is not allowed here (style/marker)"),
    ]
    .iter()
    .map(|(r, t, m)| (r.to_string(), t.to_string(), m.to_string()))
    .collect();
    let mut found = found;
    found.sort();
    let mut want = want;
    want.sort();
    assert_eq!(found, want);
}

#[test]
fn bad_packs_fail_with_lines() {
    let e = parse(
        "p.yaml",
        "p",
        "rules:\n  - name: x\n    kind: existence\n    pattern: '(unclosed'\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(4), "{e:?}");
    let e = parse("p.yaml", "p", "rules:\n  - name: x\n    kind: existance\n").unwrap_err();
    assert_eq!(e.line, Some(3), "{e:?}");
    let e = parse(
        "p.yaml",
        "p",
        "rules:\n  - name: x\n    kind: occurrence\n    pattern: a\n",
    )
    .unwrap_err();
    assert!(e.message.contains("needs `min` or `max`"), "{e:?}");
    // the new keys: a gate with an assertion, a bad allow pattern, a value without places
    let e = parse(
        "p.yaml",
        "p",
        "rules:\n  - name: x\n    kind: existence\n    pattern: a\n    gate: '^a'\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(5), "{e:?}");
    assert!(e.message.contains("a gate may not hold"), "{e:?}");
    let e = parse(
        "p.yaml",
        "p",
        "rules:\n  - name: x\n    kind: existence\n    pattern: a\n    allow: ['(b']\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(5), "{e:?}");
    assert!(e.message.contains("bad allow pattern"), "{e:?}");
    let e = parse(
        "p.yaml",
        "p",
        "rules:\n  - name: x\n    kind: value\n    pattern: '^a$'\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(2), "{e:?}");
    assert!(e.message.contains("`value` needs `in`"), "{e:?}");
    let e = parse(
        "p.yaml",
        "p",
        "rules:\n  - name: x\n    kind: bracket\n    pattern: 'a'\n    in: [heading]\n",
    )
    .unwrap_err();
    assert!(e.message.contains("only `value` takes it"), "{e:?}");
}
