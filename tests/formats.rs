//! Machine formats are valid by their specs: SARIF against the official 2.1.0 schema, JUnit
//! through a real XML parser, GitHub annotations that no text can break out of.

mod common;

use std::path::Path;

use common::{seolint, stdout as out};

/// An article with findings of several rules, labels and a fix, plus a crafted pack whose
/// message holds `%`, CR, LF, `::` and commas, and a file name with `,` and `:`.
fn crafted() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tmp");
    let article = "---\ntitle: \"Cold Brew\"\nauthor: \"[AUTHOR_NAME]\"\n---\n# Cold Brew <tag> & \"quotes\"\n\n# Second H1\n\n**Estimated Reading Time:** 9 minutes\n\nA very \u{1}strange\u{1b}[31m drink.\n";
    std::fs::write(d.path().join("a.md"), article).expect("write");
    std::fs::write(d.path().join("odd,name:1%.md"), "# x\n\nA very odd file.\n").expect("write");
    std::fs::write(d.path().join(".seolint.yaml"), "packs: [p.yaml]\n").expect("write");
    std::fs::write(
        d.path().join("p.yaml"),
        "rules:\n  - name: inject\n    kind: existence\n    pattern: 'very'\n    message: \"50% done\\r\\n::error file=x,line=1::owned, really\"\n",
    )
    .expect("write");
    d
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let d = crafted();
    let o = seolint(d.path(), &["--format", "sarif", "a.md", "odd,name:1%.md"]);
    assert_eq!(o.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "placeholder"
        && r["help"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("## What it does"))));
    let results = run["results"].as_array().expect("results");
    let placeholder = results
        .iter()
        .find(|r| r["ruleId"] == "placeholder")
        .expect("a placeholder result");
    assert_eq!(placeholder["level"], "error");
    let region = &placeholder["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["startColumn"].as_u64(),
            region["endColumn"].as_u64()
        ),
        (Some(3), Some(10), Some(23))
    );
    let rt = results
        .iter()
        .find(|r| r["ruleId"] == "reading-time")
        .expect("reading-time");
    assert_eq!(
        rt["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "1"
    );
    let pack = results
        .iter()
        .find(|r| r["ruleId"] == "p/inject")
        .expect("pack rule result");
    let index = pack["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "p/inject");
    assert!(results
        .iter()
        .any(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "odd%2Cname%3A1%25.md"));
}

#[test]
fn junit_is_well_formed_xml_with_a_suite_per_file() {
    let d = crafted();
    std::fs::write(
        d.path().join("clean.md"),
        "---\ntitle: \"Cold Brew Coffee at Home: Ratios, Steeping and Storage\"\ndescription: \"Steep coarse grounds for fourteen hours, filter twice, and keep the concentrate cold for up to two weeks: the cold brew method, step by step.\"\n---\nText.\n",
    )
    .expect("write");
    let o = seolint(d.path(), &["--format", "junit", "a.md", "clean.md"]);
    let text = out(&o);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let suites: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), 2);
    let a = suites
        .iter()
        .find(|s| s.attribute("name") == Some("a.md"))
        .expect("suite for a.md");
    let failures = a.descendants().filter(|n| n.has_tag_name("failure")).count();
    assert_eq!(
        a.attribute("failures").and_then(|f| f.parse::<usize>().ok()),
        Some(failures)
    );
    assert!(failures >= 4);
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some("clean.md"))
        .expect("suite for clean.md");
    assert_eq!(clean.attribute("failures"), Some("0"));
    assert_eq!(clean.descendants().filter(|n| n.has_tag_name("testcase")).count(), 1);
    assert!(
        !text.contains('\u{1}') && !text.contains('\u{1b}'),
        "characters XML 1.0 forbids are dropped"
    );
}

#[test]
fn github_annotations_cannot_be_broken_out_of() {
    let d = crafted();
    let o = seolint(d.path(), &["--format", "github", "a.md", "odd,name:1%.md"]);
    let text = out(&o);
    for line in text.lines() {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning ") || line.starts_with("::notice "),
            "{line}"
        );
        // exactly one `::` separates the properties from the data; none inside the properties
        let props = line.split_once(' ').map_or("", |(_, rest)| rest);
        let (props, _data) = props.split_once("::").expect("command separator");
        assert_eq!(props.split(',').count(), 6, "six properties: {props}");
    }
    let inject = text
        .lines()
        .find(|l| l.contains("title=seolint p/inject"))
        .expect("pack finding");
    assert!(
        inject.ends_with("::50%25 done%0D%0A::error file=x,line=1::owned, really"),
        "{inject}"
    );
    assert!(text.contains("file=odd%2Cname%3A1%25.md,line=3,col=3"), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.contains("owned")).count(),
        2,
        "one line per finding, never more"
    );
}
