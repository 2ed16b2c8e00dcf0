//! The score of `seolint stats`: the sum of the checks' points, biggest loss first, read from the
//! findings the lint gives the same article (README, "The score").

mod common;

use std::path::Path;

use common::{seolint, stderr, stdout};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `stats --format json` of one file, its one object.
fn stats_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["stats", "--format", "json"];
    all.extend_from_slice(args);
    let o = seolint(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    v[0].clone()
}

/// (check, points, max, status) of each check, in the order given.
fn rows(score: &Value) -> Vec<(String, u64, u64, String)> {
    score["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["check"].as_str().unwrap_or_default().to_string(),
                c["points"].as_u64().unwrap_or(999),
                c["max"].as_u64().unwrap_or(999),
                c["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The rules the lint reports on `file` (site checks aside), each with its first message.
fn findings(file: &str) -> Vec<(String, String)> {
    let o = seolint(root(), &["--no-config", "--format", "json", file]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let mut out: Vec<(String, String)> = Vec::new();
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        let rule = d["rule"].as_str().unwrap_or_default().to_string();
        if !out.iter().any(|(r, _)| *r == rule) {
            out.push((rule, d["message"].as_str().unwrap_or_default().to_string()));
        }
    }
    out
}

/// The planted defects of `score-defects.md` (its `.expected` lists the findings): a long-sentence
/// share far over the limit (bad by its figure), no description at all (bad: nothing to keep), an
/// image without alt text (an error), and warnings that cost half. The points sum to the value,
/// the shares of the checks that apply to 100, the biggest loss comes first, and a check lost
/// points exactly when the lint reports its rule, with the lint's message.
#[test]
fn the_score_sums_its_checks_and_puts_the_biggest_loss_first() {
    let file = "fixtures/articles/score-defects.md";
    let s = stats_json(root(), &["--no-config", file]);
    let score = &s["score"];
    let checks = rows(score);
    let row = |c: &str, p: u64, m: u64, st: &str| (c.to_string(), p, m, st.to_string());
    assert_eq!(
        checks,
        [
            row("sentence-length", 0, 10, "bad"),
            row("description-length", 0, 7, "bad"),
            row("image-alt", 0, 5, "bad"),
            row("title-length", 3, 6, "ok"),
            row("keyword-in-subheadings", 2, 4, "ok"),
            row("image-alt-keyword", 1, 3, "ok"),
            row("keyword-density", 9, 9, "good"),
            row("subheading-distribution", 9, 9, "good"),
            row("keyword-placement", 7, 7, "good"),
            row("paragraph-length", 7, 7, "good"),
            row("passive-voice", 6, 6, "good"),
            row("transition-words", 6, 6, "good"),
            row("sentence-beginnings", 6, 6, "good"),
            row("flesch-reading-ease", 5, 5, "good"),
            row("title-width", 4, 4, "good"),
            row("heading-h1", 4, 4, "good"),
            row("keyword-length", 1, 1, "good"),
            row("competing-links", 1, 1, "good"),
        ],
        "{score:#}"
    );
    assert_eq!(score["value"], 71);
    assert_eq!(checks.iter().map(|c| c.1).sum::<u64>(), 71);
    assert_eq!(checks.iter().map(|c| c.2).sum::<u64>(), 100);
    let losses: Vec<u64> = checks.iter().map(|c| c.2 - c.1).collect();
    assert!(losses.windows(2).all(|w| w[0] >= w[1]), "{losses:?}");

    // the findings decide: a check lost points exactly when its rule fired, and says why
    let found = findings(file);
    for c in score["checks"].as_array().expect("checks") {
        let name = c["check"].as_str().unwrap_or_default();
        let finding = found.iter().find(|(r, _)| r == name);
        assert_eq!(c["status"] != "good", finding.is_some(), "{name}: {c} / {found:?}");
        assert_eq!(c["message"].as_str(), finding.map(|(_, m)| m.as_str()), "{name}");
    }
    // a figure in the orange band costs half: 11.5% transition words, 20% wanted
    let half = stats_json(root(), &["--no-config", "fixtures/articles/half-filled.md"]);
    let transition = rows(&half["score"]).into_iter().find(|c| c.0 == "transition-words");
    assert_eq!(transition, Some(row("transition-words", 3, 6, "ok")), "{half:#}");
    // outside the score: image-missing is a file look-up, not SEO or readability
    assert!(found.iter().any(|(r, _)| r == "image-missing"));
    // what stats had before is still there
    for key in [
        "file",
        "words",
        "keyword",
        "secondary",
        "sections",
        "internal_links",
        "external_links",
        "images",
        "images_with_alt",
        "reading_time_computed",
        "pillar",
        "thresholds",
        "readability",
    ] {
        assert!(s.get(key).is_some(), "{key}: {s}");
    }
}

/// The filled article of the template's format, clean under the lint, keeps every point.
#[test]
fn a_clean_article_scores_full_marks() {
    let s = stats_json(root(), &["--no-config", "fixtures/articles/filled.md"]);
    let score = &s["score"];
    assert_eq!(score["value"], 100, "{score:#}");
    let checks = rows(score);
    assert!(checks.iter().all(|c| c.3 == "good" && c.1 == c.2), "{checks:?}");
    // its directives ask for a word count and cluster links, so those count; a template's FAQ
    // minimum is not set, so `faq` does not
    let names: Vec<&str> = checks.iter().map(|c| c.0.as_str()).collect();
    for wanted in ["word-count", "cluster-links", "keyword-density", "secondary-keyword"] {
        assert!(names.contains(&wanted), "{wanted}: {names:?}");
    }
    assert!(!names.contains(&"faq"), "{names:?}");
}

/// A rule turned off leaves the score, and the others share its weight; an article under 50 words
/// of prose is not scored.
#[test]
fn an_off_rule_leaves_the_score_and_a_short_article_has_none() {
    let d = tempfile::tempdir().expect("tmp");
    let article = std::fs::read_to_string(root().join("fixtures/articles/score-defects.md")).expect("fixture");
    std::fs::write(d.path().join("press.md"), article).expect("write");
    std::fs::write(d.path().join(".seolint.yaml"), "rules:\n  sentence-length: off\n").expect("write");
    let s = stats_json(d.path(), &["press.md"]);
    let checks = rows(&s["score"]);
    assert!(checks.iter().all(|c| c.0 != "sentence-length"), "{checks:?}");
    assert_eq!(checks.iter().map(|c| c.2).sum::<u64>(), 100);
    assert_eq!(s["score"]["value"], checks.iter().map(|c| c.1).sum::<u64>());
    assert_eq!(checks[0], ("description-length".to_string(), 0, 8, "bad".to_string()));

    // in a language without the lists, the rules that say "not measured" (info) leave the score
    let german = std::fs::read_to_string(root().join("fixtures/articles/score-defects.md"))
        .expect("fixture")
        .replace("keyword: \"french press\"", "keyword: \"french press\"\nlang: de");
    std::fs::write(d.path().join("de.md"), german).expect("write");
    let o = seolint(d.path(), &["--no-config", "--format", "concise", "de.md"]);
    let said = stdout(&o);
    let s = stats_json(d.path(), &["--no-config", "de.md"]);
    let checks = rows(&s["score"]);
    for rule in [
        "flesch-reading-ease",
        "passive-voice",
        "transition-words",
        "keyword-length",
    ] {
        assert!(said.contains(&format!("info [{rule}]")), "{rule}: {said}");
        assert!(checks.iter().all(|c| c.0 != rule), "{rule}: {checks:?}");
    }
    assert_eq!(checks.iter().map(|c| c.2).sum::<u64>(), 100);

    std::fs::write(
        d.path().join("short.md"),
        "---\ntitle: \"A Short Note on Cold Brew Coffee at Home\"\n---\n# A short note\n\nCold brew keeps for a week.\n",
    )
    .expect("write");
    let s = stats_json(d.path(), &["short.md"]);
    assert_eq!(s["score"], Value::Null, "{s}");
    let o = seolint(d.path(), &["stats", "short.md"]);
    assert!(
        stdout(&o).contains("  score                - not scored (under 50 words of prose, or every check off)\n"),
        "{}",
        stdout(&o)
    );
}

/// Human `stats`: the score with its light and the three biggest losses, each with its light and
/// the finding's message.
#[test]
fn human_stats_show_the_score_and_what_to_fix_first() {
    let o = seolint(root(), &["stats", "--no-config", "fixtures/articles/score-defects.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let head: Vec<&str> = text.lines().take(6).collect();
    assert_eq!(
        head,
        [
            "fixtures/articles/score-defects.md",
            "  score                ✓ 71 of 100 (SEO 32 of 51, readability 39 of 49)",
            "  fix first            ✗ sentence-length -10: 50% of sentences (8 of 16) are over 20 words; aim for at most 25% (default)",
            "                       ✗ description-length -7: no meta description: the front matter has none of `description`, `meta_description`, `sho…",
            "                       ✗ image-alt -5: image has empty alt text",
            "  words                324",
        ],
        "{text}"
    );
    let o = seolint(root(), &["stats", "--no-config", "fixtures/articles/filled.md"]);
    let text = stdout(&o);
    assert!(
        text.contains(
            "  score                ✓ 100 of 100 (SEO 56 of 56, readability 44 of 44)\n  fix first            nothing: every check keeps its points\n"
        ),
        "{text}"
    );
}

/// README's "The score" names every check with its weight, as the code has them.
#[test]
fn the_readme_gives_the_weights_the_code_uses() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let section = readme
        .split("### The score")
        .nth(1)
        .and_then(|s| s.split("2. **Which checks count.**").next())
        .expect("README has \"The score\"");
    let mut written: Vec<(String, u32)> = Vec::new();
    // text, `name`, text, `name`, ...: each name with the weight written after it
    let pieces: Vec<&str> = section.split('`').collect();
    for pair in pieces.windows(2).skip(1).step_by(2) {
        let (name, after) = (pair[0], pair[1]);
        let weight: String = after.trim_start().chars().take_while(char::is_ascii_digit).collect();
        if let Ok(w) = weight.parse() {
            written.push((name.to_string(), w));
        }
    }
    let code: Vec<(String, u32)> = seolint::stats::score::CHECKS
        .iter()
        .map(|(name, _, w)| (name.to_string(), *w))
        .collect();
    assert_eq!(written, code);
}
