//! The human format on shapes that took it down or made it crawl: a finding past column 65,535
//! (miette panicked there, and every file's output was lost), and thousands of findings on one
//! long line (each finding laid out the whole line). Time limits are loose: they catch a hang or
//! a quadratic blow-up, not a slow machine.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);

fn human(files: &[(&str, &str)]) -> (i32, String, String) {
    let d = tempfile::tempdir().expect("tmp");
    for (name, text) in files {
        std::fs::write(d.path().join(name), text).expect("write");
    }
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(["--no-config", "--format", "human"])
        .args(files.iter().map(|(name, _)| name))
        .current_dir(d.path())
        // the caller's colour and width settings stay out of the test
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert!(t.elapsed() < LIMIT, "took {:?}", t.elapsed());
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A minified FAQPage JSON-LD line of about 100 KB whose last question matches no heading.
fn minified_faq() -> String {
    let mut questions: Vec<String> = (0..500)
        .map(|i| {
            format!(
                r#"{{"@type":"Question","name":"How long does batch {i} steep?","acceptedAnswer":{{"@type":"Answer","text":"{}"}}}}"#,
                "Twelve to eighteen hours in the fridge. ".repeat(3)
            )
        })
        .collect();
    questions.push(
        r#"{"@type":"Question","name":"Can I use espresso beans?","acceptedAnswer":{"@type":"Answer","text":"Yes."}}"#
            .to_string(),
    );
    let headings: String = (0..500)
        .map(|i| format!("### How long does batch {i} steep?\n\nA while.\n\n"))
        .collect();
    format!(
        "# Cold Brew Concentrate at Home\n\n## FAQ\n\n{headings}<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"FAQPage\",\"mainEntity\":[{}]}}</script>\n",
        questions.join(",")
    )
}

#[test]
fn a_finding_past_column_65535_is_shown_in_a_window() {
    let faq = minified_faq();
    let line = faq.lines().last().expect("line");
    let column = line.find("Can I use espresso").expect("question") + 1;
    assert!(column > 65_535, "{column}");
    let (code, out, err) = human(&[("faq.md", &faq), ("other.md", "# Title\n\nBy [AUTHOR_NAME].\n")]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.contains("FAQ schema question \"Can I use espresso beans?\" matches no heading of the FAQ section"),
        "{out}"
    );
    let header = format!("[faq.md:{}:", faq.lines().count());
    assert!(out.contains(&header), "{header} in {out}");
    // the window: the question and some text either side, not the line's 100 KB
    assert!(out.contains("…") && out.len() < 20_000, "{} bytes", out.len());
    assert!(
        out.contains("other.md:3:4"),
        "the other file's findings were lost: {out}"
    );
}

#[test]
fn many_findings_on_one_long_line_take_linear_time() {
    let line: Vec<&str> = std::iter::repeat_n("[AUTHOR_NAME]", 20_000).collect();
    let text = format!("# Title\n\n{}\n", line.join(" "));
    let (code, out, err) = human(&[("many.md", &text)]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.matches("unfilled placeholder").count(), 20_000);
    assert!(out.contains("[many.md:3:279987]"), "the last finding's column");
}
