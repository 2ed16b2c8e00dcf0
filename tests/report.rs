//! `seolint report`: the HTML page (rows, worst first, escaping, the clusters, nothing loaded
//! from the network), the same table as CSV and JSON, and bad input. The page's script is tested
//! in a real browser by tests/report-browser.sh.

mod common;

use std::path::{Path, PathBuf};

use common::{seolint, stderr, stdout, tmp, write};
use serde_json::Value;

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report-site")
}

/// The `data-file` of each table row, in order.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr data-file=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

const ARTICLES: [&str; 5] = [
    "brew-ratio.md",
    "cold-brew-guide.md",
    "grind-size.md",
    "note.md",
    "tips.md",
];

#[test]
fn the_page_has_a_row_per_article_worst_first_and_the_site_views() {
    let d = tmp();
    let site = site();
    let o = seolint(
        d.path(),
        &["report", site.to_str().expect("utf-8 path"), "-o", "out.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote out.html"), "{}", stderr(&o));
    let html = std::fs::read_to_string(d.path().join("out.html")).expect("report written");
    let files = rows(&html);
    let mut names: Vec<&str> = files.iter().map(|f| f.rsplit('/').next().unwrap_or("")).collect();
    assert_eq!(files.len(), 5, "{files:?}");
    assert!(
        files.iter().all(|f| f.starts_with(site.to_str().expect("utf-8"))),
        "{files:?}"
    );
    // worst first: the scores in table order rise, the unscored note last
    let scores: Vec<Option<u32>> = html
        .split("<span class=\"score ")
        .skip(1)
        .map(|s| {
            s.split('>')
                .nth(1)
                .and_then(|v| v.split('<').next())
                .and_then(|v| v.parse().ok())
        })
        .collect();
    assert_eq!(scores.len(), 5, "{scores:?}");
    assert!(scores.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a <= b,
        (_, None) => true,
        (None, Some(_)) => false,
    }));
    assert_eq!(names.last(), Some(&"note.md"));
    names.sort_unstable();
    assert_eq!(names, ARTICLES);
    // the cluster: the pillar, one page without a link back, one broken link
    let graph = html
        .split("<figure class=\"cluster\">")
        .nth(1)
        .expect("a cluster drawn");
    assert_eq!(graph.matches("class=\"edge no-backlink\"").count(), 1, "{graph}");
    assert_eq!(graph.matches("class=\"edge broken\"").count(), 1);
    assert_eq!(graph.matches("class=\"edge linked\"").count(), 1);
    assert!(html.contains("pillar per CONTENT_TYPE directive"));
    // the keyword two articles share, and the findings per rule
    assert!(
        html.contains("<td>cold brew ratio</td><td class=\"num\">2</td>"),
        "{html}"
    );
    assert!(html.contains("data-rule=\"broken-link\""));
    // the details data: findings with line and column
    assert!(html.contains("[30,25,\"error\",\"broken-link\","), "{html}");
    // self-contained: nothing fetched
    for outside in [
        "src=\"http",
        "href=\"http",
        "<link ",
        "<script src",
        "url(http",
        "@import",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn user_text_is_escaped_everywhere() {
    let d = tmp();
    write(
        d.path(),
        "site/x<y>&\"z\".md",
        "# 5 < 6 & \"seven\" </script><script>alert(1)</script>\n\nClick [here](./nowhere.md) for <b>more</b>.\n",
    );
    write(
        d.path(),
        "site/b.md",
        "---\ntitle: \"</script><script>alert(2)</script> O'Brien\"\nkeyword: \"<img src=x onerror=alert(3)>\"\n---\n\n# B\n\nText.\n",
    );
    let o = seolint(d.path(), &["report", "site", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    // the page's own two scripts end, and nothing the articles wrote does
    assert_eq!(html.matches("</script>").count(), 2, "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("data-file=\"site/x&lt;y&gt;&amp;&quot;z&quot;.md\""),
        "{html}"
    );
    assert!(html.contains("5 &lt; 6 &amp; &quot;seven&quot;"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(3)&gt;"), "{html}");
}

#[test]
fn csv_and_json_give_the_same_table() {
    let d = tmp();
    let site = site();
    let site = site.to_str().expect("utf-8 path");
    let csv_out = seolint(d.path(), &["report", site, "--format", "csv"]);
    assert_eq!(csv_out.status.code(), Some(0), "{}", stderr(&csv_out));
    let json_out = seolint(d.path(), &["report", site, "--format", "json"]);
    assert_eq!(json_out.status.code(), Some(0), "{}", stderr(&json_out));
    assert!(
        !d.path().join("report.html").exists(),
        "CSV and JSON go to standard output"
    );

    let text = stdout(&csv_out);
    assert!(
        text.starts_with("file,title,words,keyword,density,reading_minutes,errors,warnings,info,score\n"),
        "{text}"
    );
    // RFC 4180: a field with a quote or a comma is quoted, its quotes doubled
    assert!(text.contains(",\"Tips & Tricks \"\"Cold Brew\"\" Lovers\","), "{text}");
    assert!(
        text.contains(",\"Grind Size for Cold Brew: Coarse, Even, Consistent\","),
        "{text}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");

    let json: Value = serde_json::from_str(&stdout(&json_out)).expect("JSON");
    let array = json.as_array().expect("an array of rows");
    assert_eq!(records.len(), 5);
    assert_eq!(array.len(), 5);
    for (record, row) in records.iter().zip(array) {
        let keys: Vec<&str> = row.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 10, "{keys:?}");
        assert_eq!(record.get(0), row["file"].as_str());
        assert_eq!(record.get(2).map(str::to_string), Some(row["words"].to_string()));
        assert_eq!(record.get(6).map(str::to_string), Some(row["errors"].to_string()));
        // an empty cell is a null
        let score = record.get(9).unwrap_or("");
        assert_eq!(score.is_empty(), row["score"].is_null(), "{record:?} {row}");
    }
    let guide = array
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with("cold-brew-guide.md")))
        .expect("the pillar's row");
    assert_eq!(guide["keyword"], "cold brew coffee");
    assert_eq!(guide["title"], "The Complete Guide to Cold Brew Coffee at Home");
    assert!(guide["errors"].as_u64() >= Some(1), "the broken link: {guide}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let d = tmp();
    write(
        d.path(),
        "evil.md",
        "---\ntitle: '=HYPERLINK(\"https://evil.example\",\"Click\")'\nkeyword: '@SUM(A1)'\n---\n\n# Heading\n\nText.\n",
    );
    let o = seolint(d.path(), &["report", "evil.md", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let record = reader.records().next().expect("a row").expect("valid CSV");
    assert_eq!(
        record.get(1),
        Some("'=HYPERLINK(\"https://evil.example\",\"Click\")"),
        "{text}"
    );
    assert_eq!(record.get(3), Some("'@SUM(A1)"), "{text}");
    // JSON is data, not a sheet: as written
    let o = seolint(d.path(), &["report", "evil.md", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(json[0]["title"], "=HYPERLINK(\"https://evil.example\",\"Click\")");
}

#[test]
fn html_goes_to_report_html_by_default_and_takes_one_file() {
    let d = tmp();
    write(d.path(), "one.md", "# One article\n\nShort.\n");
    let o = seolint(d.path(), &["report", "one.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let html = std::fs::read_to_string(d.path().join("report.html")).expect("report.html");
    assert_eq!(rows(&html), ["one.md"]);
    // a single file is no site: no clusters, said so
    assert!(html.contains("No pillar pages found"));
}

#[test]
fn an_empty_folder_gives_an_empty_table() {
    let d = tmp();
    std::fs::create_dir(d.path().join("empty")).expect("mkdir");
    let o = seolint(d.path(), &["report", "empty", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(rows(&html).is_empty());
    assert!(html.contains("No articles") && html.contains("No findings."), "{html}");
    let o = seolint(d.path(), &["report", "empty", "--format", "csv"]);
    assert_eq!(
        stdout(&o),
        "file,title,words,keyword,density,reading_minutes,errors,warnings,info,score\n"
    );
    let o = seolint(d.path(), &["report", "empty", "--format", "json"]);
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn bad_input_exits_2_with_one_line_and_writes_nothing() {
    let d = tmp();
    write(d.path(), "good.md", "# Good\n");
    let o = seolint(d.path(), &["report", "missing.md", "good.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "seolint: missing.md: no such file or directory\n");
    assert!(!d.path().join("report.html").exists(), "nothing written");

    let o = seolint(d.path(), &["report", "good.md", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = seolint(d.path(), &["report", "good.md", "--fix"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let o = seolint(d.path(), &["report", "good.md", "-o", "no/such/folder/r.html"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("seolint: writing the report: ") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn a_file_that_cannot_be_linted_is_a_row_first_and_exits_2() {
    let d = tmp();
    write(d.path(), "site/good.md", "# Good\n\nA page.\n");
    std::fs::write(d.path().join("site/binary.md"), b"# X\n\0\x01").expect("write");
    let o = seolint(d.path(), &["report", "site", "-o", "r.html"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let html = std::fs::read_to_string(d.path().join("r.html")).expect("written all the same");
    assert_eq!(rows(&html), ["site/binary.md", "site/good.md"]);
    assert!(
        html.contains("class=\"failed\"") && html.contains("invalid-file"),
        "{html}"
    );
}

#[test]
fn a_file_too_large_to_read_is_a_row_too() {
    let d = tmp();
    write(d.path(), "site/good.md", "# Good\n\nA page.\n");
    // sparse: over the 16 MB limit without writing 17 MB
    let huge = std::fs::File::create(d.path().join("site/huge.md")).expect("create");
    huge.set_len(17 * 1024 * 1024).expect("size");
    let o = seolint(d.path(), &["report", "site", "-o", "r.html"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let html = std::fs::read_to_string(d.path().join("r.html")).expect("written all the same");
    assert_eq!(rows(&html), ["site/huge.md", "site/good.md"]);
    assert!(html.contains("16 MB"), "{html}");
}

#[cfg(unix)]
#[test]
fn a_report_replaces_the_old_one_whole_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    write(d.path(), "a.md", "# Good\n\nA page.\n");
    let old = d.path().join("r.html");
    std::fs::write(&old, "old report").expect("write");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = seolint(d.path(), &["report", "a.md", "-o", "r.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&old).expect("read");
    assert!(html.contains("data-file=\"a.md\""), "{html}");
    let mode = std::fs::metadata(&old).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let left: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".seolint-report"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn lint_options_apply_to_the_report() {
    let d = tmp();
    write(
        d.path(),
        "a.md",
        "# Sourdough starters\n\nA sourdough starter is flour and water.\n",
    );
    write(d.path(), ".seolint.yaml", "rules:\n  title-length: off\n");
    let o = seolint(
        d.path(),
        &["report", "a.md", "--keyword", "sourdough", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(json[0]["keyword"], "sourdough");
    let with_config = json[0]["warnings"].as_u64();
    let o = seolint(
        d.path(),
        &[
            "report",
            "a.md",
            "--keyword",
            "sourdough",
            "--no-config",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(
        json[0]["warnings"].as_u64() > with_config,
        "title-length is back on: {json}"
    );
}
