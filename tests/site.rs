//! Checks across files, on fixtures/site: a pillar and five cluster articles, some linking back
//! (relative, root-relative and same-host links), one broken link, one broken cross-file anchor,
//! two articles sharing a keyword. Each site finding at its place, and nothing else.

mod common;

use std::path::Path;
use std::process::Output;

const SITE_RULES: &[&str] = &[
    "broken-link",
    "backlinks",
    "duplicate-keyword",
    "duplicate-title",
    "duplicate-description",
    "duplicate-slug",
];

/// `seolint ARGS` in the repository (where `fixtures/` is).
fn seolint(args: &[&str]) -> Output {
    common::seolint(Path::new(env!("CARGO_MANIFEST_DIR")), args)
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
    let o = common::seolint(d.path(), &[".", "--format", "concise"]);
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
    for translated in ["guides/", "tutorial/", "en/pricing.md", "de/pricing.md"] {
        assert!(
            !expected.contains(translated),
            "translations may share a slug: {translated}"
        );
    }
    assert!(
        expected.contains("steps/01.en.md"),
        "one language, two pages: still reported"
    );
}

/// Fragments under `_includes/` and `partials/` (the default `site.partials`) are not articles:
/// no heading, front matter, anchor or link findings of their own, named or walked.
#[test]
fn partials_get_no_article_findings() {
    let o = seolint(&["fixtures/site-partials", "--format", "concise"]);
    assert_eq!(common::stdout(&o), "");
    let named = seolint(&[
        "fixtures/site-partials/_includes/flour-note.md",
        "fixtures/site-partials/docs/partials/shared-intro.md",
        "--format",
        "concise",
    ]);
    assert_eq!(common::stdout(&named), "");
    assert_eq!(named.status.code(), Some(0));
}

/// `site.partials` replaces the default list.
#[test]
fn the_partial_folders_are_configurable() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join(".seolint.yaml"), "site:\n  partials: [fragments]\n").expect("write");
    for dir in ["fragments", "_includes"] {
        std::fs::create_dir(d.path().join(dir)).expect("mkdir");
        std::fs::write(d.path().join(dir).join("note.md"), "A note without a headline.\n").expect("write");
    }
    let o = common::seolint(d.path(), &[".", "--format", "concise"]);
    let out = common::stdout(&o);
    assert!(out.contains("_includes/note.md:1:1: error [heading-h1]"), "{out}");
    assert!(!out.contains("fragments/"), "{out}");
    let shown = common::stdout(&common::seolint(d.path(), &["config", "fragments/note.md"]));
    assert!(shown.contains("partial: yes"), "{shown}");
}

/// A folder with its own `.seolint.yaml` or generator config (here `mkdocs.yml`) is a site of
/// its own: one run over two sites compares each site's pages with its own only.
#[test]
fn two_sites_in_one_run_are_compared_apart() {
    let expected = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/site-multi/expected.txt"))
        .expect("expected.txt");
    let o = seolint(&["fixtures/site-multi", "--format", "concise"]);
    assert_eq!(site_findings(&o), expected);
    assert!(
        !expected.contains("blog/"),
        "the blog shares a title with the docs only"
    );
}

/// Site findings are handed on file by file as a rule finds them: two groups of duplicates
/// whose files interleave (a and c share a title, b and d another) still come out in file order
/// within the rule, each file once.
#[test]
fn duplicates_of_interleaved_groups_come_out_in_file_order() {
    let d = tempfile::tempdir().expect("tmp");
    for (name, title) in [("a", "Proofing"), ("b", "Shaping"), ("c", "Proofing"), ("d", "Shaping")] {
        std::fs::write(
            d.path().join(format!("{name}.md")),
            format!("---\ntitle: {title} Dough\n---\n\n# {title}\n"),
        )
        .expect("write");
    }
    let o = common::seolint(d.path(), &[".", "--no-config", "--format", "concise"]);
    let titles: Vec<String> = site_findings(&o)
        .lines()
        .filter(|l| l.contains("[duplicate-title]"))
        .map(|l| l.split_once(": ").map_or(l, |(place, _)| place).to_string())
        .collect();
    assert_eq!(
        titles,
        ["a.md:2:8", "b.md:2:8", "c.md:2:8", "d.md:2:8"],
        "{}",
        common::stdout(&o)
    );
}

/// A format that streams (concise: each file written as it is done, its text dropped, site
/// findings located by reading the file again), one that collects every report first (JUnit:
/// positions kept at lint time, site findings placed into the collected reports) and the default
/// human format (snippets rendered in the workers) name the same findings at the same lines and
/// columns, non-ASCII lines included.
#[test]
fn streamed_and_collected_reports_agree_on_every_position() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(
        d.path().join("a.md"),
        "# Ünïcödé — a title\n\nA naïve café line with [a broken link](./nowhere.md) and [an anchor](b.md#nope).\n",
    )
    .expect("write");
    std::fs::write(
        d.path().join("b.md"),
        "# B “quoted” — heading\n\n“Curly” words, then [back](a.md#not-there) and ![](x.png).\n",
    )
    .expect("write");
    let run = |format: &str| common::stdout(&common::seolint(d.path(), &[".", "--no-config", "--format", format]));
    let mut streamed: Vec<(String, String, String)> = run("concise")
        .lines()
        .filter_map(|l| {
            let (place, rest) = l.split_once(": ")?;
            let rule = rest.split_once('[')?.1.split_once(']')?.0;
            let (file, line_col) = place.split_once(':')?;
            Some((file.to_string(), rule.to_string(), line_col.to_string()))
        })
        .collect();
    let mut collected: Vec<(String, String, String)> = run("junit")
        .lines()
        .filter_map(|l| {
            let name = l.split_once(r#"<testcase name=""#)?.1.split_once('"')?.0;
            let class = l.split_once(r#"classname=""#)?.1.split_once('"')?.0;
            let (rule, line_col) = name.split_once(" at ")?;
            Some((class.to_string(), rule.to_string(), line_col.to_string()))
        })
        .collect();
    // the default format, whose snippets are rendered by the linting worker, and whose site
    // findings are rendered after the file is read again: each block's rule code, then its header
    let human = run("human");
    let codes = human.lines().filter(|l| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    let headers = human
        .lines()
        .filter_map(|l| l.split_once("╭─[")?.1.split_once(']').map(|(h, _)| h));
    let mut rendered: Vec<(String, String, String)> = codes
        .zip(headers)
        .filter_map(|(rule, header)| {
            let (file, line_col) = header.split_once(':')?;
            Some((file.to_string(), rule.to_string(), line_col.to_string()))
        })
        .collect();
    streamed.sort();
    collected.sort();
    rendered.sort();
    assert_eq!(streamed, collected);
    assert_eq!(rendered, streamed, "{human}");
    let broken: Vec<_> = streamed.iter().filter(|(_, r, _)| r == "broken-link").collect();
    assert_eq!(broken.len(), 3, "{streamed:?}");
    assert!(
        // the URL of `[a broken link](./nowhere.md)`: 40 characters in, 42 bytes
        streamed.contains(&("a.md".into(), "broken-link".into(), "3:40".into())),
        "{streamed:?}"
    );
}

/// An editor sends the buffer on stdin: with a content root, its site findings are placed in the
/// buffer's text (which cannot be read again from disk), in a streaming format too.
#[test]
fn stdin_with_a_content_root_places_site_findings() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join(".seolint.yaml"), "site:\n  content_root: .\n").expect("write");
    std::fs::write(d.path().join("b.md"), "# B\n").expect("write");
    let o = common::run(
        d.path(),
        &["-", "--stdin-filename", "a.md", "--format", "concise"],
        Some("# A\n\nSee the [missing page](./gone.md) and [b](b.md).\n".as_bytes()),
    );
    let text = site_findings(&o);
    assert!(text.starts_with("a.md:3:24: error [broken-link]"), "{text}");
}

/// The editor's buffer differs from the file on disk under the same name: findings of every site
/// rule (here broken-link, then duplicate-title) are placed in the buffer's text, in both the
/// streaming and the snippet format (each rule's findings come separately; the text is never
/// re-read from disk).
#[test]
fn stdin_site_findings_of_several_rules_stay_in_the_buffer() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join(".seolint.yaml"), "site:\n  content_root: .\n").expect("write");
    std::fs::write(d.path().join("a.md"), "---\ntitle: Old\n---\n# Old\n").expect("write");
    std::fs::write(d.path().join("b.md"), "---\ntitle: Same Title Here\n---\n# B\n").expect("write");
    let buffer = "---\n# comment\n# comment\ntitle: Same Title Here\n---\n# A\n\nSee [gone](./gone.md).\n";
    let o = common::run(
        d.path(),
        &["-", "--stdin-filename", "a.md", "--format", "concise"],
        Some(buffer.as_bytes()),
    );
    let text = site_findings(&o);
    assert!(text.contains("a.md:8:12: error [broken-link]"), "{text}");
    assert!(text.contains("a.md:4:8: warning [duplicate-title]"), "{text}");
    let o = common::run(d.path(), &["-", "--stdin-filename", "a.md"], Some(buffer.as_bytes()));
    let out = common::stdout(&o);
    assert!(out.contains("[a.md:8:12]") && out.contains("[a.md:4:8]"), "{out}");
}

/// A pillar is marked the way users mark it: an `overrides` entry that `extends: pillar`
/// (guides/espresso.md) or front matter `layout: pillar` (filter.md), not only a CONTENT_TYPE
/// directive; a roundup with a Related Articles list is no pillar.
#[test]
fn pillars_by_preset_override_and_front_matter_get_backlinks() {
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/site-pillars/expected.txt"
    ))
    .expect("expected.txt");
    let o = seolint(&["fixtures/site-pillars", "--format", "concise"]);
    let backlinks: String = site_findings(&o)
        .lines()
        .filter(|l| l.contains("[backlinks]"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(backlinks, expected);
}
