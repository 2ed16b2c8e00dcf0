//! Inputs that once made a check quadratic: a large group of pages sharing a title, an FAQ of
//! many questions, a table of contents fixed over many headings. Each must finish in bounded
//! time (a loose limit that a quadratic blow-up overshoots many times, not a timing of speed).

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Debug builds are several times slower than release; this bounds blow-ups, not speed.
const LIMIT: Duration = Duration::from_secs(60);

fn seolint(dir: &Path, args: &[&str]) -> Output {
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run");
    let took = t.elapsed();
    assert!(took < LIMIT, "{args:?}: took {took:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    o
}

#[test]
fn ten_thousand_pages_sharing_a_title() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join(".seolint.yaml"), "site:\n  content_root: .\n").expect("write");
    let pages = d.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    for i in 0..10_000 {
        let page = format!("---\ntitle: \"Steeping Times for Cold Brew Coffee\"\n---\n# Page {i}\n\nText.\n");
        std::fs::write(pages.join(format!("p{i}.md")), page).expect("write");
    }
    let o = seolint(d.path(), &["--format", "concise", "pages/p0.md"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("[duplicate-title] title \"Steeping Times for Cold Brew Coffee\" is also the title of pages/p1.md:2 and 9998 more"),
        "{out}"
    );
}

#[test]
fn an_faq_of_ten_thousand_questions() {
    let d = tempfile::tempdir().expect("tmp");
    let n = 10_000;
    let mut text = String::from("# Roasting\n\n## Frequently Asked Questions\n\n");
    let mut entities = Vec::new();
    for i in 0..n {
        text.push_str(&format!("### Question {i}?\n\nAnswer {i}.\n\n"));
        // the last question is left out of the JSON-LD
        if i + 1 < n {
            entities.push(format!(
                r#"{{"@type": "Question", "name": "Question {i}?", "acceptedAnswer": {{"@type": "Answer", "text": "Answer {i}."}}}}"#
            ));
        }
    }
    text.push_str(&format!(
        "<script type=\"application/ld+json\">\n{{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\", \"mainEntity\": [{}]}}\n</script>\n",
        entities.join(",\n")
    ));
    std::fs::write(d.path().join("faq.md"), text).expect("write");
    let o = seolint(d.path(), &["--no-config", "--format", "concise", "faq.md"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let missing = format!(
        "FAQ question \"Question {}?\" has no Question in the FAQPage JSON-LD",
        n - 1
    );
    assert!(out.contains(&missing), "{out}");
    assert_eq!(out.matches("[faq-schema]").count(), 1, "{out}");
}

#[test]
fn a_table_of_contents_fixed_over_a_hundred_thousand_headings() {
    let d = tempfile::tempdir().expect("tmp");
    let mut text = String::from("# Guide\n\n## Table of Contents\n\n- [Last](#last)\n\n");
    for i in 0..60_000 {
        text.push_str(&format!("## Part {i}\n\n### Step {i}\n\n"));
    }
    text.push_str("## Last\n");
    std::fs::write(d.path().join("toc.md"), text).expect("write");
    seolint(d.path(), &["--no-config", "--format", "concise", "--fix", "toc.md"]);
    let fixed = std::fs::read_to_string(d.path().join("toc.md")).expect("read");
    assert!(
        fixed.contains("- [Part 0](#part-0)\n- [Part 1](#part-1)\n")
            && fixed.contains("- [Part 59999](#part-59999)\n- [Last](#last)\n\n## Part 0"),
        "the table of contents was not regenerated"
    );
}
