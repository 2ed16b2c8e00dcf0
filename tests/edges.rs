//! The command line's rough edges a new user met (issue 30): a failing run says why, per-rule
//! statistics, colour control, a mistyped subcommand, `stats` with the lint options, `init`'s
//! template path and its warning, nothing found, a bad config's every error, plurals, advice
//! that fits the article, and output that fits the terminal.

mod common;

use std::path::Path;
use std::process::Output;

use common::{run_with_env, seolint, stderr, stdout, tmp, write};
use serde_json::Value;

const PLACEHOLDER: &str =
    "---\ntitle: \"Cold Brew Concentrate: Ratios, Grinds and Steeping\"\ndescription: \"Which grind, how much coffee to water, and how long to steep it: the three choices that make a cold brew concentrate sweet rather than bitter.\"\n---\n# Cold Brew\nBy [AUTHOR_NAME].\n";
/// One warning: the title is too short.
const WARNING_ONLY: &str = "---\ntitle: \"Cold Brew\"\ndescription: \"Steep coarse grounds for fourteen hours, filter twice, and keep the concentrate cold for up to two weeks: the cold brew method, step by step.\"\n---\n# Cold Brew\n";

/// `seolint ARGS` in `dir` with these environment variables set (and the caller's colour and
/// width settings removed).
fn with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    run_with_env(dir, args, None, env)
}

fn last_line(o: &Output) -> String {
    stdout(o).lines().last().unwrap_or_default().to_string()
}

/// Item 2: the last line of a failing run says which gate failed it; a passing run's does not
/// say "failed"; machine formats keep standard output clean and say it on standard error.
#[test]
fn a_failing_run_names_its_reason_on_the_last_line() {
    let d = tmp();
    write(d.path(), "warn.md", WARNING_ONLY);
    write(d.path(), "error.md", PLACEHOLDER);
    let o = seolint(d.path(), &["warn.md", "--max-warnings", "0"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        last_line(&o),
        "0 errors, 1 warning in 1 file; failed: 1 warning exceeds --max-warnings 0"
    );
    let o = seolint(d.path(), &["warn.md", "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        last_line(&o),
        "0 errors, 1 warning in 1 file; failed: warnings present (--fail-on warning)"
    );
    let o = seolint(
        d.path(),
        &["warn.md", "error.md", "--fail-on", "warning", "--max-warnings", "0"],
    );
    assert_eq!(
        last_line(&o),
        "1 error, 1 warning in 2 files; failed: errors and warnings present (--fail-on warning), and 1 warning exceeds --max-warnings 0"
    );
    let o = seolint(d.path(), &["error.md"]);
    assert_eq!(
        last_line(&o),
        "1 error, 0 warnings in 1 file; failed: errors present (--fail-on error)"
    );
    // passing: the plain summary
    let o = seolint(d.path(), &["warn.md", "--max-warnings", "1"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(last_line(&o), "0 errors, 1 warning in 1 file");
    // machine formats: the document alone on stdout, the reason on stderr for a gate the user set
    for format in ["json", "sarif", "junit", "concise", "github"] {
        let o = seolint(d.path(), &["warn.md", "--format", format, "--max-warnings", "0"]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert!(!stdout(&o).contains("failed:"), "{format}: {}", stdout(&o));
        assert_eq!(
            stderr(&o),
            "seolint: failed: 1 warning exceeds --max-warnings 0\n",
            "{format}"
        );
    }
    let o = seolint(d.path(), &["warn.md", "--format", "json", "--max-warnings", "0"]);
    serde_json::from_slice::<Value>(&o.stdout).expect("JSON stays valid");
    // the default gate failing on errors needs no line: the findings say it
    let o = seolint(d.path(), &["error.md", "--format", "concise"]);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(1), ""));
    // --quiet: findings only
    let o = seolint(d.path(), &["warn.md", "--quiet", "--max-warnings", "0"]);
    assert!(!stdout(&o).contains("failed:"), "{}", stdout(&o));
}

/// Item 3: `--statistics` prints a count per rule, most first, with `[*]` for a rule `--fix`
/// can fix, then the summary; JSON gives an array; the exit code is the run's.
#[test]
fn statistics_count_findings_per_rule() {
    let d = tmp();
    write(d.path(), "warn.md", WARNING_ONLY);
    write(d.path(), "a.md", PLACEHOLDER);
    write(d.path(), "b.md", PLACEHOLDER.replace("By", "By [AUTHOR_NAME] and"));
    // a stale reading time: a fixable finding
    write(
        d.path(),
        "stale.md",
        "---\ntitle: \"Cold Brew Concentrate: Ratios, Grinds and Steeping\"\ndescription: \"Which grind, how much coffee to water, and how long to steep it: the three choices that make a cold brew concentrate sweet rather than bitter.\"\n---\n# Cold Brew\n\n**Estimated Reading Time:** 9 minutes\n\nText.\n",
    );
    let files = ["warn.md", "a.md", "b.md", "stale.md"];
    let args = |extra: &[&'static str]| -> Vec<&str> { files.iter().copied().chain(extra.iter().copied()).collect() };
    let o = seolint(d.path(), &args(&["--statistics"]));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "3      placeholder\n1  [*] reading-time\n1      title-length\n1 fixable with --fix\n3 errors, 2 warnings in 4 files; failed: errors present (--fail-on error)\n"
    );
    let o = seolint(d.path(), &args(&["--statistics", "--format", "json"]));
    assert_eq!(o.status.code(), Some(1));
    let rows: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        rows,
        serde_json::json!([
            { "rule": "placeholder", "count": 3, "fixable": false },
            { "rule": "reading-time", "count": 1, "fixable": true },
            { "rule": "title-length", "count": 1, "fixable": false },
        ])
    );
    // concise: the table alone
    let o = seolint(d.path(), &args(&["--statistics", "--format", "concise"]));
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    // the same counts as the findings themselves
    let all = seolint(d.path(), &args(&["--format", "json"]));
    let findings: Value = serde_json::from_slice(&all.stdout).expect("JSON");
    let placeholders = findings["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["rule"] == "placeholder")
        .count();
    assert_eq!(placeholders, 3);
    // nothing found: an empty table, the summary
    let o = seolint(
        d.path(),
        &[
            "--statistics",
            "--format",
            "json",
            "--no-config",
            "warn.md",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!((o.status.code(), stdout(&o).contains("title-length")), (Some(0), true));
    for format in ["sarif", "github", "junit"] {
        let o = seolint(d.path(), &["--statistics", "--format", format, "warn.md"]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        assert!(stderr(&o).contains("--statistics prints a table"), "{}", stderr(&o));
    }
    let o = seolint(d.path(), &["--statistics", "--fix", "warn.md"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Item 4: `--color` first, then NO_COLOR (off) over FORCE_COLOR / CLICOLOR_FORCE (on), then
/// whether standard output is a terminal (here a pipe: off).
#[test]
fn colour_follows_the_flag_then_the_environment_then_the_terminal() {
    let d = tmp();
    write(d.path(), "error.md", PLACEHOLDER);
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["error.md"];
        all.extend_from_slice(args);
        let o = with_env(d.path(), &all, env);
        assert_eq!(o.status.code(), Some(1), "{args:?} {env:?}: {}", stderr(&o));
        stdout(&o).contains('\u{1b}')
    };
    /// Flags, environment, whether the output is coloured.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);
    let cases: &[Case] = &[
        (&[], &[], false),
        (&["--color", "auto"], &[], false),
        (&["--color", "always"], &[], true),
        (&["--color", "never"], &[], false),
        (&[], &[("FORCE_COLOR", "1")], true),
        (&[], &[("FORCE_COLOR", "0")], false),
        (&[], &[("FORCE_COLOR", "")], false),
        (&[], &[("CLICOLOR_FORCE", "1")], true),
        (&[], &[("CLICOLOR_FORCE", "0")], false),
        (&[], &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], false),
        (&[], &[("NO_COLOR", ""), ("FORCE_COLOR", "1")], true),
        (&["--color", "always"], &[("NO_COLOR", "1")], true),
        (&["--color", "never"], &[("FORCE_COLOR", "1")], false),
        (&["--no-color"], &[("CLICOLOR_FORCE", "1")], false),
    ];
    for (args, env, expected) in cases {
        assert_eq!(coloured(args, env), *expected, "{args:?} {env:?}");
    }
    // the machine formats are never coloured
    let o = with_env(d.path(), &["error.md", "--format", "json", "--color", "always"], &[]);
    assert!(!stdout(&o).contains('\u{1b}'));
    let o = seolint(d.path(), &["error.md", "--color", "sometimes"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Item 5: a path that does not exist and is one or two edits from a subcommand gets a hint;
/// other missing paths and existing folders do not.
#[test]
fn a_mistyped_subcommand_gets_did_you_mean() {
    let d = tmp();
    let o = seolint(d.path(), &["rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "seolint: rule: no such file or directory\n  did you mean `seolint rules`?\n"
    );
    let o = seolint(d.path(), &["stat"]);
    assert!(stderr(&o).contains("did you mean `seolint stats`?"), "{}", stderr(&o));
    let o = seolint(d.path(), &["explian"]);
    assert!(stderr(&o).contains("did you mean `seolint explain`?"), "{}", stderr(&o));
    let o = seolint(d.path(), &["xyzzy"]);
    assert_eq!(stderr(&o), "seolint: xyzzy: no such file or directory\n");
    let o = seolint(d.path(), &["drafts/rule"]);
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
    // a folder that is there is linted, hint or not
    write(d.path(), "rule/a.md", PLACEHOLDER);
    let o = seolint(d.path(), &["rule"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

/// Item 6: `stats` takes the options that change a lint run's results: --template, --keyword,
/// --config, --no-config.
#[test]
fn stats_takes_the_lint_options() {
    let d = tmp();
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ultimate-guide-template.md");
    let template = template.to_string_lossy();
    write(
        d.path(),
        "a.md",
        "# Cold Brew at Home\n\n## Introduction\n\nCold brew is coffee steeped cold.\n",
    );
    write(d.path(), "german.yaml", "language: de\n");
    let figures = |args: &[&str]| -> Value {
        let mut all = vec!["stats", "--format", "json", "a.md"];
        all.extend_from_slice(args);
        let o = seolint(d.path(), &all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        serde_json::from_slice(&o.stdout).expect("JSON")
    };
    let text = |v: &Value| v.to_string();
    let plain = figures(&[]);
    assert!(!text(&plain).contains("ultimate-guide-template.md"), "{plain}");
    let templated = figures(&["--template", &template]);
    assert!(text(&templated).contains("ultimate-guide-template.md"), "{templated}");
    let keyword = figures(&["--keyword", "cold brew"]);
    assert!(text(&keyword).contains("\"cold brew\""), "{keyword}");
    assert_eq!(plain[0]["readability"]["language"], "en", "{plain}");
    let configured = figures(&["--config", "german.yaml"]);
    assert_eq!(configured[0]["readability"]["language"], "de", "{configured}");
    let o = seolint(d.path(), &["stats", "--statistics", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Item 7: `init --from-template` writes the template's path relative to the config, and says
/// a template that cannot be satisfied once; later runs say nothing, `seolint config` says it.
#[test]
fn init_writes_the_template_relative_and_warns_once() {
    let d = tmp();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ultimate-guide-template.md");
    std::fs::create_dir_all(d.path().join("templates")).expect("mkdir");
    std::fs::copy(&shared, d.path().join("templates/guide.md")).expect("copy");
    write(
        d.path(),
        "site/a.md",
        "# The Ultimate Guide to Serverless\n\n## Introduction\n\nText.\n",
    );
    let site = d.path().join("site");
    let absolute = d.path().join("templates/guide.md");
    let o = seolint(&site, &["init", "--from-template", &absolute.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot be satisfied"),
        "init says it: {}",
        stderr(&o)
    );
    let written = std::fs::read_to_string(site.join(".seolint.yaml")).expect("written");
    assert!(written.contains("\ntemplate: \"../templates/guide.md\"\n"), "{written}");
    // the config works from elsewhere: the path is read from the config's folder
    let o = seolint(d.path(), &["--format", "concise", "site/a.md"]);
    assert!(stdout(&o).contains("[required-section]"), "{}", stdout(&o));
    assert!(
        !stderr(&o).contains("cannot be satisfied"),
        "not on every run: {}",
        stderr(&o)
    );
    let o = seolint(&site, &["a.md"]);
    assert!(!stderr(&o).contains("cannot be satisfied"), "{}", stderr(&o));
    let o = seolint(&site, &["config", "a.md"]);
    assert!(stdout(&o).contains("cannot be satisfied"), "{}", stdout(&o));
    // a relative path is written as given, from the working folder
    let o = seolint(
        &site,
        &["init", "--force", "--from-template", "./../templates/guide.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(site.join(".seolint.yaml")).expect("written");
    assert!(written.contains("\ntemplate: \"../templates/guide.md\"\n"), "{written}");
}

/// Item 10: a folder with nothing to lint exits 0 with a warning; a named file does not warn.
#[test]
fn an_empty_folder_warns_that_nothing_was_linted() {
    let d = tmp();
    std::fs::create_dir_all(d.path().join("content")).expect("mkdir");
    write(d.path(), "content/notes.txt", "not markdown");
    let o = seolint(d.path(), &["content"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "seolint: warning: no Markdown files found in content; nothing was linted\n"
    );
    let o = seolint(&d.path().join("content"), &[]);
    assert!(stderr(&o).contains("no Markdown files found in .;"), "{}", stderr(&o));
    let o = seolint(d.path(), &["stats", "content"]);
    assert!(stderr(&o).contains("nothing was linted"), "{}", stderr(&o));
    write(d.path(), "content/a.md", WARNING_ONLY);
    let o = seolint(d.path(), &["content"]);
    assert_eq!(stderr(&o), "");
}

/// Item 10: a config with several problems lists them all, in line order, and exits 2.
#[test]
fn a_bad_config_lists_every_error() {
    let d = tmp();
    write(d.path(), "a.md", WARNING_ONLY);
    write(
        d.path(),
        ".seolint.yaml",
        "extendz: pillar\nrules:\n  title-lenght: warning\n  link-text: sometimes\nsite:\n  urll: https://example.com\nexclude: [\"a[b\"]\noverrides:\n  - files: [\"x/**\"]\n    rules:\n      heading-h2: off\n",
    );
    let o = seolint(d.path(), &["a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "seolint: .seolint.yaml:1: unknown key `extendz`; did you mean `extends`?\n\
         .seolint.yaml:3: unknown rule `title-lenght`; did you mean `title-length`?\n\
         .seolint.yaml:4: `link-text: sometimes`: expected off, error, warning or info\n\
         .seolint.yaml:6: site: unknown key `urll`; did you mean `url`?\n\
         .seolint.yaml:7: `exclude`: bad glob `a[b`: unclosed character class; missing ']'\n\
         .seolint.yaml:11: unknown rule `heading-h2`; did you mean `heading-h1`?\n"
    );
    // type errors too, each on its line
    write(d.path(), ".seolint.yaml", "rules: [1, 2]\ninclude: 3\n");
    let o = seolint(d.path(), &["a.md"]);
    assert_eq!(
        stderr(&o),
        "seolint: .seolint.yaml:1: rules: invalid type: sequence, expected a map\n\
         .seolint.yaml:2: include: invalid type: integer `3`, expected a sequence\n"
    );
    // `seolint config` says the same
    let o = seolint(d.path(), &["config", "a.md"]);
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
}

/// Item 10: one of a thing is said in the singular.
#[test]
fn counts_of_one_are_singular() {
    let d = tmp();
    write(
        d.path(),
        "a.md",
        "---\ntitle: \"Cold Brew Concentrate: Ratios, Grinds and Steeping\"\nkeyword: grinds\n---\n# Cold Brew\n\nPick the grinds with care.\n\n![A jar](jar.png)\n",
    );
    let o = seolint(d.path(), &["stats", "a.md"]);
    assert!(
        stdout(&o).contains("(front matter `keyword`): 1 occurrence,"),
        "{}",
        stdout(&o)
    );
    let o = seolint(d.path(), &["--format", "concise", "a.md"]);
    let out = stdout(&o);
    assert!(
        out.contains("the one image's alt text does not have the primary keyword"),
        "{out}"
    );
    let plural_of_one =
        regex::Regex::new(r"(^|[^\d.,])1 (occurrences|images|times|words|minutes|sections)\b").expect("regex");
    assert!(!plural_of_one.is_match(&out), "{out}");
}

/// Item 10: title and description help speak of the primary keyword only when the article
/// declares one.
#[test]
fn keyword_advice_only_with_a_keyword() {
    let d = tmp();
    write(
        d.path(),
        "none.md",
        "---\ntitle: \"Cold Brew\"\ndescription: \"Short.\"\n---\n# Cold Brew\n",
    );
    write(
        d.path(),
        "kw.md",
        "---\ntitle: \"Cold Brew\"\ndescription: \"Short.\"\nkeyword: cold brew\n---\n# Cold Brew\n",
    );
    let helps = |file: &str| -> Vec<String> {
        let o = seolint(d.path(), &["--format", "json", file]);
        let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
        v["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .filter(|f| f["rule"] == "title-length" || f["rule"] == "description-length")
            .map(|f| f["help"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let none = helps("none.md");
    assert_eq!(none.len(), 2, "{none:?}");
    assert!(none.iter().all(|h| !h.contains("keyword")), "{none:?}");
    let kw = helps("kw.md");
    assert_eq!(kw.len(), 2, "{kw:?}");
    assert!(kw.iter().all(|h| h.contains("primary keyword")), "{kw:?}");
}

/// Item 8: with COLUMNS=80 a finding's message and help wrap at 80 columns between words (none
/// broken, at a hyphen either); without a width (a pipe) they stay on one line.
#[test]
fn human_output_wraps_to_the_terminal_width() {
    let d = tmp();
    // no description: a long help; a long title: a long message
    write(
        d.path(),
        "post.md",
        format!(
            "---\ntitle: \"Cold Brew Concentrate at Home: Ratios, Grinds, Steeping Times, Filtering and Storage for a Smooth Cup\"\n---\n# Cold Brew\n\nText. {}.\n",
            "Steep the coarse grounds in cold water overnight and then filter them twice".repeat(5)
        ),
    );
    let o = with_env(d.path(), &["post.md"], &[("COLUMNS", "80")]);
    let out = stdout(&o);
    assert!(
        out.contains("[sentence-length]") || out.contains("sentence-length"),
        "{out}"
    );
    // every line fits, the snippets' too (a long source line is cut around the spans, at word
    // edges); only the header naming the file may be longer
    let too_wide: Vec<&str> = out
        .lines()
        .filter(|l| !l.contains("╭─[") && l.chars().count() > 80)
        .collect();
    assert!(too_wide.is_empty(), "{too_wide:#?}\n{out}");
    let plain = with_env(d.path(), &["post.md", "--format", "json"], &[]);
    let v: Value = serde_json::from_slice(&plain.stdout).expect("JSON");
    let mut words_needed = Vec::new();
    for f in v["diagnostics"].as_array().expect("array") {
        for key in ["message", "help"] {
            if let Some(text) = f[key].as_str() {
                words_needed.extend(text.split_whitespace().map(str::to_string));
            }
        }
    }
    let wrapped = out.lines().filter(|l| l.len() > 60).count();
    assert!(wrapped > 0 && words_needed.len() > 20, "{out}");
    // every word of every message and help is whole on some line
    let shown: std::collections::HashSet<&str> = out.split_whitespace().collect();
    for w in &words_needed {
        assert!(shown.contains(w.as_str()), "`{w}` broken:\n{out}");
    }
    // no width: one line a help, as before
    let o = with_env(d.path(), &["post.md"], &[]);
    assert!(stdout(&o).lines().any(|l| l.chars().count() > 100), "{}", stdout(&o));
}

/// Item 8: a finding whose label covers a long table of contents (44 lines, as on a real site)
/// shows the label's first line and its last, with the lines between counted, not printed.
#[test]
fn a_long_span_is_shown_by_its_ends() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = with_env(
        root,
        &[
            "--no-config",
            "--color",
            "never",
            "fixtures/toc-coverage/fail-long-toc.md",
        ],
        &[],
    );
    let out = stdout(&o);
    let finding: Vec<&str> = out
        .split("\n\n")
        .skip_while(|block| !block.starts_with("toc-coverage"))
        .nth(1)
        .expect("the toc-coverage finding")
        .lines()
        .collect();
    let text = finding.join("\n");
    assert!(finding.len() < 25, "{text}");
    assert!(text.contains(" 9 │ - [Goal 1](#goal-1)"), "{text}");
    assert!(
        text.contains(" 52 │   - [Plan for Goal 22](#plan-for-goal-22)"),
        "{text}"
    );
    assert!(text.contains("╰── … 42 lines …"), "{text}");
    assert!(!text.contains(" 30 │"), "{text}");
}

/// Item 11: README's Quick start quotes the last line its example prints, and says it exits 1.
#[test]
fn the_quick_start_says_what_its_example_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let o = with_env(root, &["fixtures/articles/half-filled.md"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let last = last_line(&o);
    assert!(
        readme.contains(&format!("`{last}`")),
        "README's Quick start should quote `{last}`"
    );
    assert!(readme.contains("exits 1"), "README says the example exits 1");
}

/// Item 8: a finding that labels many places (every long sentence) shows the first five and
/// says how many more there are; JSON keeps them all.
#[test]
fn a_finding_shows_five_labels_and_counts_the_rest() {
    let d = tmp();
    let long = "Steep the coarse grounds in cold water overnight and then filter them twice before you pour the concentrate over ice and milk.";
    let body: Vec<String> = (0..8).map(|i| format!("Paragraph {i}. {long}")).collect();
    write(d.path(), "post.md", format!("# Cold Brew\n\n{}\n", body.join("\n\n")));
    let o = with_env(d.path(), &["--no-config", "post.md", "--format", "json"], &[]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let finding = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "sentence-length")
        .expect("sentence-length")
        .clone();
    assert_eq!(finding["labels"].as_array().map(Vec::len), Some(8), "{finding}");
    let o = with_env(d.path(), &["--no-config", "post.md"], &[]);
    let out = stdout(&o);
    let block = out.split("sentence-length\n").nth(1).expect("block");
    let block = block.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n");
    assert_eq!(block.matches("╰── 22 words").count(), 5, "{block}");
    assert!(
        block.contains("3 more labelled places not shown (`--format json` lists them all)"),
        "{block}"
    );
}
