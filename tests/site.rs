//! Checks across files, on fixtures/site: a pillar and five cluster articles, some linking back
//! (relative, root-relative and same-host links), one broken link, one broken cross-file anchor,
//! two articles sharing a keyword. Each site finding at its place, and nothing else.

use std::process::{Command, Output, Stdio};

const SITE_RULES: &[&str] = &[
    "broken-link",
    "backlinks",
    "duplicate-keyword",
    "duplicate-title",
    "duplicate-description",
    "duplicate-slug",
];

fn seolint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run seolint")
}

fn site_findings(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| SITE_RULES.iter().any(|r| l.contains(&format!("[{r}]"))))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_folder_run_finds_exactly_the_planted_site_defects() {
    let expected = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/site/expected.txt"))
        .expect("expected.txt");
    let o = seolint(&["fixtures/site", "--format", "concise"]);
    assert_eq!(site_findings(&o), expected);
}

#[test]
fn one_named_file_with_a_content_root_gets_site_checks() {
    let o = seolint(&["fixtures/site/pillar.md", "--format", "concise"]);
    let expected: String = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/site/expected.txt"))
        .expect("expected.txt")
        .lines()
        .filter(|l| l.starts_with("fixtures/site/pillar.md"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(site_findings(&o), expected);
}

#[test]
fn without_a_folder_or_content_root_site_rules_stay_off() {
    let o = seolint(&["fixtures/site/pillar.md", "--no-config", "--format", "concise"]);
    assert_eq!(site_findings(&o), "");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("[checklist]"), "{out}");
}

#[test]
fn site_findings_honour_suppressions_and_severity() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(
        d.path().join("a.md"),
        "# A\n\n[gone](./gone.md) <!-- seolint-disable-line broken-link -->\n\n[also gone](./gone2.md)\n",
    )
    .expect("write");
    std::fs::write(d.path().join(".seolint.yaml"), "rules:\n  broken-link: warning\n").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args([".", "--format", "concise"])
        .current_dir(d.path())
        .output()
        .expect("run");
    let text = site_findings(&o);
    assert_eq!(
        text,
        "a.md:5:13: warning [broken-link] link to `./gone2.md` goes nowhere: nothing at gone2.md\n"
    );
}

#[test]
fn duplicate_titles_descriptions_and_slugs_but_not_translations() {
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/site-duplicates/expected.txt"
    ))
    .expect("expected.txt");
    let o = seolint(&["fixtures/site-duplicates", "--format", "concise"]);
    assert_eq!(site_findings(&o), expected);
    assert!(
        !expected.contains("01.en.md") && !expected.contains("01.de.md"),
        "translations may share a slug"
    );
}
