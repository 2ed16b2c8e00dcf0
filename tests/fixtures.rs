//! Fixture runner. `fixtures/<rule>/{pass,fail}-*.md` hold the cases of one rule; the findings of
//! that rule in `fail-NAME.md` are listed in `fail-NAME.expected`, one a line as
//! `line:col-line:col severity [rule] message`; `pass-*.md` must give none of that rule.
//! `fixtures/articles/*.md` are whole articles with every rule's findings in their `.expected`.
//! `SEOLINT_BLESS=1 cargo test --test fixtures` rewrites the expectation files (review the diff).

use std::path::{Path, PathBuf};

use seolint::diagnostic::Applicability;
use seolint::engine::{lint_bytes, Report};
use seolint::requirements::TemplateReqs;
use seolint::rules;
use seolint::settings::{RuleSetting, Settings};

/// Relative to the package root, where cargo runs integration tests, so paths in messages are
/// the same on every machine.
fn fixtures_dir() -> PathBuf {
    PathBuf::from("fixtures")
}

fn fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(fixtures_dir()) else {
        return out;
    };
    for dir in dirs.flatten() {
        // fixtures/site*/ are whole small sites, checked by tests/site.rs
        if dir.file_name().to_string_lossy().starts_with("site") {
            continue;
        }
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            let is_template = p.to_string_lossy().ends_with(".template.md");
            if p.extension().is_some_and(|e| e == "md") && !is_template {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Lint a fixture the way the CLI would, with `NAME.options.json` (if any) as the options of the
/// rule the fixture's folder is named after.
fn lint(path: &Path) -> Report {
    let bytes = std::fs::read(path).expect("fixture readable");
    let mut settings = Settings::default();
    let options_path = path.with_extension("options.json");
    if let Ok(text) = std::fs::read_to_string(&options_path) {
        let options: serde_json::Value = serde_json::from_str(&text).expect("options file is JSON");
        let rule = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("");
        let default = rules::find(rule)
            .expect("options next to a rule's fixture")
            .default_severity;
        settings.rules.insert(
            rule.to_string(),
            RuleSetting {
                severity: Some(default),
                options: Some(options),
                origins: Default::default(),
            },
        );
    }
    let template_path = path.with_extension("template.md");
    if template_path.exists() {
        let t = TemplateReqs::load(&template_path).expect("fixture template loads");
        settings.template = Some(std::sync::Arc::new(t));
    }
    // the full path, so relative image paths resolve next to the fixture
    lint_bytes(path.to_string_lossy().to_string(), bytes, &settings)
}

fn render(report: &Report, only: Option<&str>) -> String {
    let mut out = String::new();
    for d in report.diagnostics.iter().filter(|d| only.is_none_or(|r| d.rule == r)) {
        let s = report.line_col(d.span.start);
        let e = report.line_col(d.span.end);
        out.push_str(&format!(
            "{}:{}-{}:{} {} [{}] {}\n",
            s.line, s.column, e.line, e.column, d.severity, d.rule, d.message
        ));
    }
    out
}

#[test]
fn fixtures_match_their_expectations() {
    let bless = std::env::var_os("SEOLINT_BLESS").is_some();
    let files = fixture_files();
    assert!(files.len() >= 20, "fixtures missing: found {}", files.len());
    let mut failures = Vec::new();
    for path in files {
        let dir = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("");
        let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
        let only = if dir == "articles" {
            None
        } else {
            assert!(rules::find(dir).is_some(), "fixtures/{dir} is not a rule name");
            Some(dir)
        };
        if name.starts_with("fix-") {
            continue; // see fixes_give_their_expected_result
        }
        let actual = render(&lint(&path), only);
        let expected_path = path.with_extension("expected");
        if name.starts_with("pass") && only.is_some() {
            if !actual.is_empty() {
                failures.push(format!(
                    "{}: expected no `{dir}` findings, got:\n{actual}",
                    path.display()
                ));
            }
            continue;
        }
        assert!(
            name.starts_with("fail") || only.is_none(),
            "{}: fixture names start with pass- or fail-",
            path.display()
        );
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if name.starts_with("fail") && expected.trim().is_empty() {
            failures.push(format!(
                "{}: a fail fixture needs findings in its .expected",
                path.display()
            ));
        }
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let files = fixture_files();
    let site_expected: String = ["fixtures/site/expected.txt", "fixtures/site-duplicates/expected.txt"]
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("site expectations"))
        .collect();
    for rule in rules::RULES {
        if matches!(rule.check, rules::Check::Site(_)) {
            assert!(
                site_expected.contains(&format!("[{}]", rule.name)),
                "site rule {} fires in no site fixture",
                rule.name
            );
            continue;
        }
        let in_dir: Vec<_> = files
            .iter()
            .filter(|p| p.parent().and_then(|d| d.file_name()).is_some_and(|d| d == rule.name))
            .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
            .collect();
        assert!(
            in_dir.iter().any(|n| n.starts_with("fail-")),
            "{} has no fail fixture",
            rule.name
        );
        assert!(
            in_dir.iter().any(|n| n.starts_with("pass-")),
            "{} has no pass fixture",
            rule.name
        );
    }
}

/// Every span is on character boundaries inside the file, and where a message quotes the found
/// text in backticks (uncut), the span slices back to exactly that text.
#[test]
fn spans_slice_back_to_the_text_they_claim() {
    for path in fixture_files() {
        let report = lint(&path);
        for d in &report.diagnostics {
            let src = report.source();
            assert!(
                d.span.start <= d.span.end && d.span.end <= src.len(),
                "{}: {d:?}",
                path.display()
            );
            assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
            if d.rule == "placeholder" {
                let quoted = d
                    .message
                    .split('`')
                    .nth(1)
                    .expect("placeholder message quotes the text");
                if !quoted.ends_with('…') {
                    let slice: String = src[d.span.start..d.span.end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    assert_eq!(slice, quoted, "{}: {}", path.display(), d.message);
                }
            }
            let measured = !d.message.starts_with("no meta description");
            if (d.rule == "title-length" || d.rule == "description-length") && measured {
                let quoted = d.message.split('"').nth(1).expect("quotes the text");
                let slice = &src[d.span.start..d.span.end];
                let head = quoted.trim_end_matches('…');
                // a value with markup or references (`&eacute;`) is quoted as read
                let found = slice.starts_with(head) || seolint::document::visible_text(slice).contains(head);
                assert!(found, "{}: {slice:?} vs {quoted:?}", path.display());
            }
        }
    }
}

fn with_crlf_and_bom(s: &str) -> String {
    format!("\u{feff}{}", s.replace('\n', "\r\n"))
}

/// `fixtures/<rule>/fix-NAME.md` fixed by `--fix` gives `fix-NAME.fixed`; fixing that again
/// changes nothing; and the same holds with CRLF line endings and a BOM.
#[test]
fn fixes_give_their_expected_result_idempotently_with_crlf_and_bom() {
    let fixes: Vec<PathBuf> = fixture_files()
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fix-"))
        })
        .collect();
    assert!(fixes.len() >= 3, "fix fixtures missing");
    for rule in rules::RULES.iter().filter(|r| r.fixable) {
        assert!(
            fixes
                .iter()
                .any(|p| p.parent().and_then(|d| d.file_name()).is_some_and(|d| d == rule.name)),
            "fixable rule {} has no fix- fixture",
            rule.name
        );
    }
    for path in fixes {
        let before = std::fs::read_to_string(&path).expect("fixture");
        let expected =
            std::fs::read_to_string(path.with_extension("fixed")).expect("a .fixed file next to the fix fixture");
        let name = path.to_string_lossy().to_string();
        let settings = Settings::default();
        for (variant, input, want) in [
            ("LF", before.clone(), expected.clone()),
            ("CRLF+BOM", with_crlf_and_bom(&before), with_crlf_and_bom(&expected)),
        ] {
            let once = seolint::fix::fix_source(&name, input, &settings, false);
            assert_eq!(once.source, want, "{name} ({variant})");
            let twice = seolint::fix::fix_source(&name, once.source.clone(), &settings, false);
            assert_eq!(
                twice.source, once.source,
                "{name} ({variant}): a second fix changed the file"
            );
            assert_eq!(twice.fixed, 0, "{name} ({variant})");
        }
    }
}

/// The words of Markdown text as a reader sees them (link destinations left out), counted.
fn word_counts(text: &str) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    let mut rest = text;
    let mut visible = String::new();
    // drop `](destination)` and `<tags>`: not words the reader sees
    while let Some(i) = rest.find("](") {
        visible.push_str(&rest[..i]);
        rest = rest[i..].find(')').map_or("", |j| &rest[i + j + 1..]);
    }
    visible.push_str(rest);
    for w in visible.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// Every string in a JSON value.
fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                // an empty or placeholder answer is what the fix is there to fill
                let unfilled = k == "text"
                    && x.as_str().is_some_and(|t| {
                        t.trim().is_empty() || seolint::rules::content::placeholder::is_placeholder(t)
                    });
                if !unfilled {
                    json_strings(x, out);
                }
            }
        }
        _ => {}
    }
}

/// A safe fix changes no word the author wrote outside what it regenerates: over every fixture
/// (among them the shapes that lost prose on a real corpus: links inside prose, reference-style
/// links, nested TOC entries, a reading time range), a safe TOC rebuild keeps every word of the
/// old list, a safe FAQPage rebuild keeps every string of the old JSON but unfilled answers, and
/// a safe reading-time fix swaps one number for another (and "minutes" for "minute" to agree).
#[test]
fn safe_fixes_keep_every_word_the_author_wrote() {
    let mut checked = 0;
    for path in fixture_files() {
        let report = lint(&path);
        for d in &report.diagnostics {
            let Some(fix) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) else {
                continue;
            };
            for e in &fix.edits {
                let old = &report.source()[e.span.start..e.span.end];
                let new = e.content.as_str();
                let at = format!("{} [{}] {old:?} -> {new:?}", path.display(), d.rule);
                match d.rule {
                    "toc-coverage" => {
                        let after = word_counts(new);
                        for (w, n) in word_counts(old) {
                            assert!(after.get(&w).copied().unwrap_or(0) >= n, "{at}: lost {w:?}");
                        }
                    }
                    "faq-schema" => {
                        let old: serde_json::Value = serde_json::from_str(old).unwrap_or_else(|e| panic!("{at}: {e}"));
                        let new: serde_json::Value = serde_json::from_str(new).unwrap_or_else(|e| panic!("{at}: {e}"));
                        let (mut before, mut after) = (Vec::new(), Vec::new());
                        json_strings(&old, &mut before);
                        json_strings(&new, &mut after);
                        for s in before {
                            assert!(after.contains(&s), "{at}: lost {s:?}");
                        }
                    }
                    "reading-time" => {
                        let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
                        // or the noun after it, to agree with the new number
                        let noun = |s: &str| matches!(s.to_lowercase().as_str(), "minute" | "minutes");
                        let same_noun = noun(old)
                            && noun(new)
                            && old.trim_end_matches(['s', 'S']) == new.trim_end_matches(['s', 'S']);
                        assert!((number(old) && number(new)) || same_noun, "{at}");
                    }
                    other => panic!("{at}: a safe fix of {other}, which no test here audits"),
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} safe fixes over the fixtures");
}
