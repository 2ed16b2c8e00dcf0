//! Configuration as users meet it: discovery (closest file wins, stops at the repository root),
//! --config, --no-config, overrides by path, include/exclude and --force-exclude, every
//! suppression form, custom packs, unknown keys, and rules derived from a template.

mod common;

use std::path::Path;
use std::process::Output;

use common::{seolint, stdout as out, write};

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A short title (title-length warning) and an unfilled author (placeholder error).
const ARTICLE: &str = "---\ntitle: \"Cold Brew\"\nauthor: \"[AUTHOR_NAME]\"\n---\n# Cold Brew\n\nText.\n";

fn rules_found(o: &Output) -> Vec<String> {
    let mut v: Vec<String> = out(o)
        .lines()
        .filter_map(|l| {
            l.split_once(" [")
                .and_then(|(_, r)| r.split_once(']'))
                .map(|(r, _)| r.to_string())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn closest_config_wins_and_discovery_stops_at_the_repo_root() {
    let d = tempfile::tempdir().expect("tmp");
    let root = d.path().join("repo");
    // above the repository root: must not be read
    write(d.path(), ".seolint.yaml", "rules:\n  placeholder: off\n");
    std::fs::create_dir_all(root.join(".git")).expect("mkdir .git");
    write(&root, ".seolint.yaml", "rules:\n  title-length: off\n");
    write(&root, "docs/.seolint.yaml", "rules:\n  title-length: error\n");
    write(&root, "a.md", ARTICLE);
    write(&root, "docs/b.md", ARTICLE);
    write(&root, "docs/deep/c.md", ARTICLE);
    let o = seolint(&root, &["--format", "concise", "a.md", "docs/b.md", "docs/deep/c.md"]);
    let text = out(&o);
    assert!(text.contains("a.md:3:10: error [placeholder]"), "{text}");
    assert!(!text.contains("a.md:2:9"), "root config turns title-length off: {text}");
    assert!(text.contains("docs/b.md:2:9: error [title-length]"), "{text}");
    assert!(
        text.contains("docs/deep/c.md:2:9: error [title-length]"),
        "closest wins: {text}"
    );
    // --no-config: built-in defaults everywhere
    let o = seolint(&root, &["--format", "concise", "--no-config", "a.md"]);
    assert!(out(&o).contains("a.md:2:9: warning [title-length]"), "{}", out(&o));
    // --config: one file for all
    write(
        d.path(),
        "other.yaml",
        "rules:\n  placeholder: warning\n  title-length: off\n",
    );
    let o = seolint(
        &root,
        &["--format", "concise", "--config", "../other.yaml", "docs/b.md"],
    );
    assert_eq!(out(&o), "docs/b.md:1:1: warning [description-length] no meta description: the front matter has none of `description`, `meta_description`, `short_description`, `seo.description` (default)\ndocs/b.md:3:10: warning [placeholder] unfilled placeholder `[AUTHOR_NAME]` in front matter `author` (bracketed ALL_CAPS placeholder)\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn overrides_presets_and_threshold_sources() {
    let d = tempfile::tempdir().expect("tmp");
    write(
        d.path(),
        ".seolint.yaml",
        "rules:\n  title-length: { min: 5, max: 8 }\noverrides:\n  - files: [\"blog/**\"]\n    extends: blog\n    rules:\n      title-length: { severity: error, min: 10, max: 70 }\n",
    );
    write(d.path(), "guide.md", ARTICLE);
    write(d.path(), "blog/post.md", ARTICLE);
    let o = seolint(d.path(), &["--format", "concise", "."]);
    let text = out(&o);
    assert!(text.contains("guide.md:2:9: warning [title-length] title is too long: 9 characters (\"Cold Brew\" in front matter `title`); aim for 5-8 (.seolint.yaml:2)"), "{text}");
    assert!(text.contains("blog/post.md:2:9: error [title-length] title is too short: 9 characters (\"Cold Brew\" in front matter `title`); aim for 10-70 (override #1 in .seolint.yaml:7)"), "{text}");
    // the blog preset asks for a description and an internal link
    assert!(
        text.contains("blog/post.md:1:1: error [front-matter-required] front matter has no `description`"),
        "{text}"
    );
    assert!(
        text.contains("blog/post.md:5:3: warning [internal-links] 0 internal links; at least 1 wanted (preset `blog`)"),
        "{text}"
    );
    let o = seolint(d.path(), &["config", "blog/post.md"]);
    let cfg = out(&o);
    assert!(cfg.contains("title-length: error (override #1 in .seolint.yaml:7); max = 70 (override #1 in .seolint.yaml:7); min = 10 (override #1 in .seolint.yaml:7)"), "{cfg}");
    assert!(
        cfg.contains("internal-links: warning (default); min = 1 (preset `blog`)"),
        "{cfg}"
    );
}

#[test]
fn include_exclude_and_force_exclude() {
    let d = tempfile::tempdir().expect("tmp");
    write(
        d.path(),
        ".seolint.yaml",
        "include: [\"content/**\"]\nexclude: [\"content/drafts/**\"]\n",
    );
    write(d.path(), "content/a.md", ARTICLE);
    write(d.path(), "content/drafts/b.md", ARTICLE);
    write(d.path(), "README.md", ARTICLE);
    let o = seolint(d.path(), &["--format", "concise"]);
    let files: std::collections::BTreeSet<String> = out(&o)
        .lines()
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["content/a.md"]);
    // a named file is linted unless --force-exclude
    let o = seolint(d.path(), &["--format", "concise", "content/drafts/b.md"]);
    assert!(out(&o).contains("content/drafts/b.md"), "{}", out(&o));
    let o = seolint(
        d.path(),
        &["--format", "concise", "--force-exclude", "content/drafts/b.md"],
    );
    assert!(out(&o).is_empty(), "{}", out(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn unknown_keys_rules_and_options_exit_2_with_file_line_and_hint() {
    let cases = [
        (
            "rulez:\n  placeholder: off\n",
            ".seolint.yaml:1: unknown key `rulez`; did you mean `rules`?",
        ),
        (
            "rules:\n  placeholdr: off\n",
            ".seolint.yaml:2: unknown rule `placeholdr`; did you mean `placeholder`?",
        ),
        (
            "rules:\n  keyword-density: { mni: 1 }\n",
            ".seolint.yaml:2: `keyword-density` options: unknown key `mni`; did you mean `min`?",
        ),
        (
            "extends: pilar\n",
            ".seolint.yaml:1: unknown preset `pilar`; did you mean `pillar`?",
        ),
        (
            "site:\n  url: example\n",
            ".seolint.yaml:2: `site.url` must be an absolute http(s) URL",
        ),
    ];
    for (config, expected) in cases {
        let d = tempfile::tempdir().expect("tmp");
        write(d.path(), ".seolint.yaml", config);
        write(d.path(), "a.md", ARTICLE);
        let o = seolint(d.path(), &["a.md"]);
        assert_eq!(o.status.code(), Some(2), "{config}");
        assert!(err(&o).contains(expected), "{config}: {}", err(&o));
        assert_eq!(err(&o).lines().count(), 1, "one line: {}", err(&o));
    }
}

#[test]
fn every_suppression_form() {
    let d = tempfile::tempdir().expect("tmp");
    let article = "---\ntitle: \"Cold Brew Coffee at Home: Ratios, Steeping and Storage\"\n---\n# Cold Brew\n\n[X] one <!-- seolint-disable-line placeholder -->\n\n<!-- seolint-disable-next-line placeholder -->\n[X] two\n\n[X] three\n\n<!-- seolint-disable placeholder -->\n[X] four\n<!-- seolint-enable placeholder -->\n\n[X] five\n\n<!-- seolint-disable-line placeholdr -->\n";
    write(d.path(), "a.md", article);
    let o = seolint(d.path(), &["--format", "concise", "a.md"]);
    assert_eq!(
        out(&o),
        "a.md:1:1: warning [description-length] no meta description: the front matter has none of `description`, `meta_description`, `short_description`, `seo.description` (default)\na.md:11:1: error [placeholder] unfilled placeholder `[X]` (number placeholder)\na.md:17:1: error [placeholder] unfilled placeholder `[X]` (number placeholder)\na.md:19:27: warning [unknown-rule] unknown rule `placeholdr` in seolint-disable-line; did you mean `placeholder`?\n"
    );
    write(
        d.path(),
        "b.md",
        format!("<!-- seolint-disable-file placeholder title-length -->\n{article}"),
    );
    let o = seolint(d.path(), &["--format", "concise", "b.md"]);
    assert_eq!(rules_found(&o), ["unknown-rule"], "{}", out(&o));
}

#[test]
fn packs_from_config() {
    let d = tempfile::tempdir().expect("tmp");
    write(d.path(), ".seolint.yaml", "packs: [house.yaml]\n");
    write(
        d.path(),
        "house.yaml",
        "rules:\n  - name: no-very\n    kind: existence\n    pattern: '\\bvery\\b'\n    severity: error\n",
    );
    write(d.path(), "a.md", "---\ntitle: \"Cold Brew Coffee at Home: Ratios, Steeping and Storage\"\n---\n# Cold Brew\n\nA very good drink.\n");
    let o = seolint(d.path(), &["--format", "concise", "a.md"]);
    assert_eq!(
        out(&o),
        "a.md:1:1: warning [description-length] no meta description: the front matter has none of `description`, `meta_description`, `short_description`, `seo.description` (default)\na.md:6:3: error [house/no-very] `very` is not allowed here (house/no-very)\n"
    );
    assert_eq!(o.status.code(), Some(1));
    write(
        d.path(),
        "house.yaml",
        "rules:\n  - name: broken\n    kind: existence\n    pattern: '(oops'\n",
    );
    let o = seolint(d.path(), &["a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("house.yaml:4: rule `broken`: bad pattern"),
        "{}",
        err(&o)
    );
}

#[test]
fn template_derivation_and_the_shared_templates_contradiction() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ultimate-guide-template.md");
    let d = tempfile::tempdir().expect("tmp");
    write(
        d.path(),
        "a.md",
        "# The Ultimate Guide to Serverless Architecture (2026)\n\n## Introduction\n\nServerless text.\n",
    );
    let tpl = data.to_string_lossy().to_string();
    let o = seolint(d.path(), &["--format", "concise", "--template", &tpl, "a.md"]);
    let e = err(&o);
    assert!(
        e.contains("ultimate-guide-template.md:18: the template cannot be satisfied: its 32 sections ask for at least 7,200 words (\"Write N-M words\", lines 81-291) but RECOMMENDED_WORD_COUNT allows at most 6,000 (line 18)"),
        "{e}"
    );
    let text = out(&o);
    assert!(
        text.contains("[required-section] H2 section \"What is Serverless Architecture?\" of the template is missing"),
        "{text}"
    );
    assert!(text.contains("[word-count] article is too short"), "{text}");
    // init writes a config that names the template
    let o = seolint(d.path(), &["init", "--preset", "pillar", "--from-template", &tpl]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let written = std::fs::read_to_string(d.path().join(".seolint.yaml")).expect("written");
    assert!(
        written.contains("extends: pillar") && written.contains("template: "),
        "{written}"
    );
    let o = seolint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2), "refuses to overwrite");
    let o = seolint(d.path(), &["config", "a.md"]);
    assert!(out(&o).contains("extends: pillar"), "{}", out(&o));
}

#[test]
fn stdin_filename_drives_config_discovery_and_relative_paths() {
    let d = tempfile::tempdir().expect("tmp");
    write(d.path(), "content/.seolint.yaml", "rules:\n  title-length: error\n");
    write(d.path(), "content/img/present.png", "png");
    let text = "---\ntitle: \"Cold Brew\"\n---\n# Cold Brew\n\n![A jar of cold brew](img/present.png)\n\n![A glass of cold brew](img/absent.png)\n";
    let o = common::run(
        d.path(),
        &["-", "--stdin-filename", "content/post.md", "--format", "concise"],
        Some(text.as_bytes()),
    );
    assert_eq!(
        out(&o),
        "content/post.md:1:1: warning [description-length] no meta description: the front matter has none of `description`, `meta_description`, `short_description`, `seo.description` (default)\ncontent/post.md:2:9: error [title-length] title is too short: 9 characters (\"Cold Brew\" in front matter `title`); aim for 30-60 (default)\ncontent/post.md:8:25: warning [image-missing] image `img/absent.png` not found on disk (relative to the article)\n"
    );
}

#[test]
fn a_field_two_levels_deep_is_reported_at_its_value() {
    let d = tempfile::tempdir().expect("tmp");
    write(
        d.path(),
        ".seolint.yaml",
        "fields:\n  title: page.meta.title\n  description: page.meta.description\n",
    );
    write(
        d.path(),
        "a.md",
        "---\npage:\n  meta:\n    title: \"Proofing\"\n    description: \"Short.\"\n---\n# Proofing Dough in a Cold Kitchen\n\nText.\n",
    );
    let o = seolint(d.path(), &["--format", "concise", "a.md"]);
    let text = out(&o);
    assert!(
        text.contains("a.md:4:13: warning [title-length] title is too short: 8 characters"),
        "{text}"
    );
    assert!(
        text.contains("a.md:5:19: warning [description-length] meta description is too short: 6 characters"),
        "{text}"
    );
}

/// A missing description is a warning by default, and said once: where a preset requires the key,
/// `front-matter-required` says it and `description-length` does not.
#[test]
fn a_missing_description_is_said_once() {
    let d = tempfile::tempdir().expect("tmp");
    write(
        d.path(),
        ".seolint.yaml",
        "overrides:\n  - files: [\"blog/**\"]\n    extends: blog\n",
    );
    write(d.path(), "guide.md", ARTICLE);
    write(d.path(), "blog/post.md", ARTICLE);
    let o = seolint(d.path(), &["--format", "concise", "."]);
    let text = out(&o);
    let missing = text
        .lines()
        .filter(|l| l.contains("front matter has no `description`") || l.contains("no meta description"))
        .collect::<Vec<_>>();
    assert_eq!(
        missing,
        [
            "blog/post.md:1:1: error [front-matter-required] front matter has no `description`; required keys: title, description, date (preset `blog`)",
            "guide.md:1:1: warning [description-length] no meta description: the front matter has none of `description`, `meta_description`, `short_description`, `seo.description` (default)",
        ],
        "{text}"
    );
    write(
        d.path(),
        ".seolint.yaml",
        "rules:\n  description-length: { required: false }\n",
    );
    let o = seolint(d.path(), &["--format", "concise", "guide.md"]);
    assert!(!out(&o).contains("description-length"), "{}", out(&o));
}

/// `stats` resolves settings as a lint run does: config overrides (a pillar by preset), the
/// template's minimums over the checklist's, `--keyword`, `-o`; and says why it refuses what it
/// cannot do.
#[test]
fn stats_takes_a_lint_runs_options() {
    let d = tempfile::tempdir().expect("tmp");
    write(
        d.path(),
        ".seolint.yaml",
        "overrides:\n  - files: [\"guides/**\"]\n    extends: pillar\n",
    );
    write(
        d.path(),
        "template.md",
        "# [TITLE]\n\n## One\n\n> **Key Takeaway:** [x]\n\n## Two\n\n> **Key Takeaway:** [x]\n\n## Three\n\n> **Key Takeaway:** [x]\n",
    );
    write(
        d.path(),
        "guides/kettle.md",
        "---\ntitle: \"Choosing a Kettle for Pour-Over Coffee\"\n---\n# Choosing a kettle\n\n<!-- SEO CHECKLIST:\n  [ ] Key takeaway callouts\n-->\n",
    );
    let o = seolint(
        d.path(),
        &[
            "stats",
            "--template",
            "template.md",
            "--keyword",
            "kettle",
            "--format",
            "json",
            "guides/kettle.md",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let s = &v[0];
    assert_eq!(s["pillar"], "preset `pillar`, override #1 in .seolint.yaml", "{s}");
    assert_eq!(s["keyword"]["source"], "command line", "{s}");
    let kt: Vec<_> = s["thresholds"]
        .as_array()
        .expect("thresholds")
        .iter()
        .filter(|t| t["rule"] == "key-takeaways")
        .map(|t| {
            (
                t["value"].as_f64(),
                t["source"].as_str(),
                t["line"].as_u64(),
                t["applies"].as_bool(),
            )
        })
        .collect();
    assert_eq!(
        kt,
        [
            (Some(3.0), Some("template template.md"), None, Some(true)),
            (Some(1.0), Some("SEO CHECKLIST"), Some(7), Some(false)),
        ],
        "{s}"
    );
    let o = seolint(
        d.path(),
        &["stats", "--no-config", "-o", "figures.txt", "guides/kettle.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = std::fs::read_to_string(d.path().join("figures.txt")).expect("written");
    assert!(text.contains("key-takeaways.min = 1 (SEO CHECKLIST, line 7)"), "{text}");
    assert!(!text.contains("pillar "), "--no-config: no preset, no pillar\n{text}");
    for (flag, said) in [
        (&["--fix"][..], "`stats` changes nothing: --fix does not apply"),
        (
            &["--format", "sarif"][..],
            "`stats` prints `human` or `json`, not `sarif`",
        ),
    ] {
        let mut args = vec!["stats"];
        args.extend_from_slice(flag);
        args.push("guides/kettle.md");
        let o = seolint(d.path(), &args);
        assert_eq!(o.status.code(), Some(2));
        assert!(err(&o).contains(said), "{}", err(&o));
    }
}

/// One problem, one finding: a title too long in characters and too wide is title-length's;
/// title-width says it when title-length is off, or when title-length's range lets the title pass.
#[test]
fn title_width_gives_way_to_title_length_only_while_that_reports() {
    let d = tempfile::tempdir().expect("tmp");
    let article = "---\ntitle: \"Sourdough at Home: Starter, Feeding Schedule, Shaping, Scoring, Baking and Storing\"\n---\n# Sourdough\n\nText.\n";
    write(d.path(), "a.md", article);
    let rules_of = |config: &str| {
        write(d.path(), ".seolint.yaml", config);
        let o = seolint(d.path(), &["--format", "concise", "a.md"]);
        let found = rules_found(&o);
        found
            .into_iter()
            .filter(|r| r.starts_with("title-"))
            .collect::<Vec<_>>()
    };
    assert_eq!(rules_of("rules: {}\n"), ["title-length"]);
    assert_eq!(rules_of("rules:\n  title-length: off\n"), ["title-width"]);
    assert_eq!(rules_of("rules:\n  title-length: { max: 90 }\n"), ["title-width"]);
    assert_eq!(rules_of("rules:\n  title-width: off\n"), ["title-length"]);
}

/// `seolint config` shows how keyphrases match and where that came from; `init` offers the key.
#[test]
fn config_shows_keyword_match_with_its_source() {
    let d = tempfile::tempdir().expect("tmp");
    write(d.path(), "a.md", ARTICLE);
    let shown = |d: &Path| out(&seolint(d, &["config", "a.md"]));
    let text = shown(d.path());
    assert!(text.contains("\nkeyword.match: forms (default)\n"), "{text}");
    write(d.path(), ".seolint.yaml", "rules: {}\nkeyword:\n  match: exact\n");
    let text = shown(d.path());
    assert!(text.contains("\nkeyword.match: exact (.seolint.yaml:3)\n"), "{text}");
    write(d.path(), ".seolint.yaml", "keyword: { match: forms }\n");
    let text = shown(d.path());
    assert!(text.contains("\nkeyword.match: forms (.seolint.yaml:1)\n"), "{text}");
    // init's commented lines, uncommented, are a config that sets it
    std::fs::remove_file(d.path().join(".seolint.yaml")).expect("rm");
    let o = seolint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let written = std::fs::read_to_string(d.path().join(".seolint.yaml")).expect("written");
    let uncommented = written
        .replace("# keyword:\n", "keyword:\n")
        .replace("#   match: exact", "  match: exact");
    assert_ne!(uncommented, written, "init mentions keyword.match: {written}");
    write(d.path(), ".seolint.yaml", &uncommented);
    let text = shown(d.path());
    assert!(text.contains("\nkeyword.match: exact (.seolint.yaml:"), "{text}");
}

/// The `pillar` preset's thresholds for the keyphrase checks: what passes under the defaults is
/// reported under `extends: pillar`, each message naming the preset.
#[test]
fn pillar_preset_is_stricter_on_keyphrase_length_title_width_and_alt_share() {
    let d = tempfile::tempdir().expect("tmp");
    // 30 characters (title-length passes) but ~265 px; 4 content words; the keyword in 4 of 4 alts
    let images: String = (1..=4)
        .map(|i| format!("![Rye sourdough starter jar {i}](rye-{i}.png)\n\n"))
        .collect();
    let article = format!(
        "---\ntitle: \"Rye sourdough starter jar, fed\"\nkeyword: \"rye sourdough starter jar\"\n---\n# Rye sourdough starter jar\n\n## Rye sourdough starter jar care\n\nText about the rye sourdough starter jar.\n\n{images}"
    );
    write(d.path(), "a.md", &article);
    let findings = |config: &str| {
        write(d.path(), ".seolint.yaml", config);
        let o = seolint(d.path(), &["--format", "concise", "a.md"]);
        out(&o)
            .lines()
            .filter(|l| {
                [
                    "[keyword-length]",
                    "[title-width]",
                    "[image-alt-keyword]",
                    "[keyword-in-subheadings]",
                ]
                .iter()
                .any(|r| l.contains(r))
            })
            .map(|l| l.split_once(": ").map_or(l, |(_, rest)| rest).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(findings("rules: {}\n"), Vec::<String>::new());
    let pillar = findings("extends: pillar\n");
    assert_eq!(pillar.len(), 3, "{pillar:#?}");
    assert!(
        pillar
            .iter()
            .any(|l| l.contains("[keyword-length]") && l.contains("preset `pillar`")),
        "{pillar:#?}"
    );
    assert!(
        pillar
            .iter()
            .any(|l| l.contains("[title-width] title is too narrow: ~265 px")
                && l.contains("aim for at least 400 px (preset `pillar`)")),
        "{pillar:#?}"
    );
    assert!(
        pillar
            .iter()
            .any(|l| l.contains("[image-alt-keyword]") && l.contains("100% (4 of 4 images)")),
        "{pillar:#?}"
    );
    // `seolint config` shows the preset's values and where they came from
    let shown = out(&seolint(d.path(), &["config", "a.md"]));
    for line in [
        "keyword-length: warning (default); max = 3 (preset `pillar`)",
        "title-width: warning (default); min = 400 (preset `pillar`)",
        "keyword-in-subheadings: warning (default); max = 75 (preset `pillar`); min = 30 (preset `pillar`)",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }
    assert!(
        shown.contains("image-alt-keyword: warning (default); share = true (preset `pillar`)"),
        "{shown}"
    );
}
