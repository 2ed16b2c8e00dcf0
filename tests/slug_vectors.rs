//! Each `site.slugs` style against anchors its generator's real implementation made for the same
//! headings, in page order (repeats numbered): tests/data/slug_vectors.json, written by
//! tests/data/gen_slug_vectors.py (github-slugger, the `slug` crate, kramdown, Python-Markdown).

use seolint::document::slug::{SlugStyle, Slugger};

#[test]
fn styles_match_the_real_implementations() {
    let heads: Vec<String> = serde_json::from_str(include_str!("data/slug_headings.json")).expect("valid test data");
    let vectors: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_str(include_str!("data/slug_vectors.json")).expect("valid test data");
    assert!(heads.len() >= 500, "{} headings", heads.len());
    let mut failures = Vec::new();
    for (name, expected) in &vectors {
        let style: SlugStyle = serde_json::from_value(serde_json::Value::String(name.clone())).expect("a style name");
        let mut s = Slugger::new(style);
        assert_eq!(expected.len(), heads.len(), "{name}");
        for (h, want) in heads.iter().zip(expected) {
            let got = s.slug(h);
            if &got != want {
                failures.push(format!("{name}: {h:?} -> {got:?}, expected {want:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Hugo does not install here: vectors from its documented rules (letters, digits and `_` kept
/// and lowercased, space and `-` to `-`, marks and punctuation dropped, trimmed) and its tests.
#[test]
fn hugo_style() {
    let mut s = Slugger::new(SlugStyle::Hugo);
    for (text, want) in [
        ("A simple title", "a-simple-title"),
        ("A.B", "ab"),
        ("Hugo Rocks!", "hugo-rocks"),
        ("Трям-трям", "трям-трям"),
        ("  Trimmed  ", "trimmed"),
        ("✓  Develop", "--develop"),
        ("Step 1 — Install", "step-1--install"),
        ("snake_case", "snake_case"),
        ("Café", "café"),
        ("e\u{301}", "e"),
        ("⚠\u{fe0f} Warning", "-warning"),
        ("A simple title", "a-simple-title-1"),
        ("A simple title", "a-simple-title-2"),
    ] {
        assert_eq!(s.slug(text), want, "{text:?}");
    }
}

/// GitLab does not install here: from its table of contents filter's documented rules.
#[test]
fn gitlab_style() {
    let mut s = Slugger::new(SlugStyle::Gitlab);
    for (text, want) in [
        ("This is a heading", "this-is-a-heading"),
        ("✓  Develop", "-develop"),
        ("A -- B", "a-b"),
        ("2024", "anchor-2024"),
        ("Über Größe", "über-größe"),
        ("This is a heading", "this-is-a-heading-1"),
    ] {
        assert_eq!(s.slug(text), want, "{text:?}");
    }
}
