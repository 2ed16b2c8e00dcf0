//! The binary as users run it: exit codes, output formats, stdin, and bad input of every kind.
//! Each bad input gives a located finding or a one-line error and exit 2, never a panic, and
//! the other files are still linted.

mod common;

use std::process::Output;

use common::{run, seolint, stderr, stdout, tmp, write};
use serde_json::Value;

const CLEAN: &str = "---\ntitle: \"Cold Brew Coffee at Home: Ratios, Steeping and Storage\"\ndescription: \"Steep coarse grounds for fourteen hours, filter twice, and keep the concentrate cold for up to two weeks: the cold brew method, step by step.\"\n---\n# Cold Brew\n\nText.\n";
const PLACEHOLDER: &str =
    "---\ntitle: \"Cold Brew Concentrate: Ratios, Grinds and Steeping\"\ndescription: \"Which grind, how much coffee to water, and how long to steep it: the three choices that make a cold brew concentrate sweet rather than bitter.\"\n---\n# Cold Brew\nBy [AUTHOR_NAME].\n";
const WARNING_ONLY: &str = "---\ntitle: \"Cold Brew\"\ndescription: \"Steep coarse grounds for fourteen hours, filter twice, and keep the concentrate cold for up to two weeks: the cold brew method, step by step.\"\n---\n# Cold Brew\n";

fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{err}");
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("JSON output: {e}\n{}", stdout(o)))
}

#[test]
fn exit_codes_follow_fail_on_and_max_warnings() {
    let d = tmp();
    write(d.path(), "clean.md", CLEAN);
    write(d.path(), "error.md", PLACEHOLDER);
    write(d.path(), "warn.md", WARNING_ONLY);
    assert_eq!(seolint(d.path(), &["clean.md"]).status.code(), Some(0));
    assert_eq!(seolint(d.path(), &["error.md"]).status.code(), Some(1));
    assert_eq!(seolint(d.path(), &["warn.md"]).status.code(), Some(0));
    assert_eq!(
        seolint(d.path(), &["warn.md", "--fail-on", "warning"]).status.code(),
        Some(1)
    );
    assert_eq!(
        seolint(d.path(), &["error.md", "--fail-on", "never"]).status.code(),
        Some(0)
    );
    assert_eq!(
        seolint(d.path(), &["warn.md", "--max-warnings", "0"]).status.code(),
        Some(1)
    );
    assert_eq!(
        seolint(d.path(), &["warn.md", "--max-warnings", "1"]).status.code(),
        Some(0)
    );
    // usage errors
    assert_eq!(seolint(d.path(), &["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(
        seolint(d.path(), &["--format", "xml", "clean.md"]).status.code(),
        Some(2)
    );
    assert_eq!(
        seolint(d.path(), &["--stdin-filename", "a.md", "clean.md"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn concise_format_and_summary() {
    let d = tmp();
    write(d.path(), "error.md", PLACEHOLDER);
    let o = seolint(d.path(), &["--format", "concise", "error.md"]);
    assert_eq!(
        stdout(&o),
        "error.md:6:4: error [placeholder] unfilled placeholder `[AUTHOR_NAME]` (bracketed ALL_CAPS placeholder)\n"
    );
    let o = seolint(d.path(), &["--no-color", "error.md"]);
    let out = stdout(&o);
    assert!(out.contains("placeholder"), "{out}");
    assert!(out.contains("error.md:6:4"), "{out}");
    assert!(out.contains("[AUTHOR_NAME]"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("1 error, 0 warnings in 1 file; failed: errors present (--fail-on error)"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal: {out:?}");
    let quiet = seolint(d.path(), &["--quiet", "error.md"]);
    assert!(!stdout(&quiet).contains("in 1 file"));
}

#[test]
fn json_format_has_the_documented_schema() {
    let d = tmp();
    write(d.path(), "error.md", PLACEHOLDER);
    write(d.path(), "clean.md", CLEAN);
    let o = seolint(d.path(), &["--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 0);
    assert_eq!(v["summary"]["failed"], 0);
    let diags = v["diagnostics"].as_array().expect("diagnostics array");
    assert_eq!(diags.len(), 1);
    let d0 = &diags[0];
    assert_eq!(d0["file"], "error.md");
    assert_eq!(d0["rule"], "placeholder");
    assert_eq!(d0["severity"], "error");
    assert!(d0["message"].as_str().unwrap_or("").contains("[AUTHOR_NAME]"));
    assert!(d0["help"].is_string());
    assert_eq!(d0["start"]["line"], 6);
    assert_eq!(d0["start"]["column"], 4);
    assert_eq!(d0["end"]["line"], 6);
    assert_eq!(d0["end"]["column"], 17);
    let start = d0["start"]["offset"].as_u64().unwrap_or(0) as usize;
    let end = d0["end"]["offset"].as_u64().unwrap_or(0) as usize;
    assert_eq!(&PLACEHOLDER[start..end], "[AUTHOR_NAME]");
    assert!(d0["labels"].is_array());
    assert!(d0["fix"].is_null());
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn output_file_receives_the_report() {
    let d = tmp();
    write(d.path(), "error.md", PLACEHOLDER);
    let o = seolint(d.path(), &["--format", "json", "-o", "report.json", "error.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let text = std::fs::read_to_string(d.path().join("report.json")).expect("report written");
    let v: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn stdin_uses_the_given_filename() {
    let d = tmp();
    let o = run(
        d.path(),
        &["-", "--stdin-filename", "content/post.md", "--format", "concise"],
        Some(PLACEHOLDER.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("content/post.md:6:4: error [placeholder]"),
        "{}",
        stdout(&o)
    );
    let o = run(d.path(), &["-", "--format", "concise"], Some(CLEAN.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn directories_are_walked_for_markdown_honouring_gitignore() {
    let d = tmp();
    write(d.path(), "content/a.md", PLACEHOLDER);
    write(d.path(), "content/b.markdown", PLACEHOLDER);
    write(d.path(), "content/c.mdx", PLACEHOLDER);
    write(d.path(), "content/notes.txt", PLACEHOLDER);
    write(d.path(), "content/drafts/d.md", PLACEHOLDER);
    write(d.path(), ".gitignore", "content/drafts/\n");
    let o = seolint(d.path(), &["--format", "json"]);
    let v = json(&o);
    let mut files: Vec<String> = v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["rule"] == "placeholder")
                .filter_map(|d| d["file"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert_eq!(files, ["content/a.md", "content/b.markdown", "content/c.mdx"]);
    // an explicitly named file is linted whatever its extension
    let o = seolint(d.path(), &["--format", "concise", "content/notes.txt"]);
    assert!(stdout(&o).starts_with("content/notes.txt:6:4"), "{}", stdout(&o));
}

/// Each bad input: a located finding or a one-line error, exit 2 where the file could not be
/// linted, no panic, and the good file next to it still linted.
fn bad_input_case(name: &str, content: &[u8]) -> (Output, Value) {
    let d = tmp();
    write(d.path(), name, content);
    write(d.path(), "good.md", PLACEHOLDER);
    let o = seolint(d.path(), &["--format", "json", name, "good.md"]);
    assert_no_panic(&o);
    let v = json(&o);
    let good_linted = v["diagnostics"]
        .as_array()
        .is_some_and(|a| a.iter().any(|d| d["file"] == "good.md" && d["rule"] == "placeholder"));
    assert!(good_linted, "{name}: the other file was not linted: {}", stdout(&o));
    (o, v)
}

fn findings_of<'a>(v: &'a Value, file: &str) -> Vec<&'a Value> {
    v["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["file"] == file).collect())
        .unwrap_or_default()
}

#[test]
fn not_utf8_is_located_and_exits_2() {
    let (o, v) = bad_input_case("latin1.md", b"# Caf\xe9\n\nok\n");
    assert_eq!(o.status.code(), Some(2));
    let f = findings_of(&v, "latin1.md");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["rule"], "invalid-file");
    assert!(f[0]["message"].as_str().unwrap_or("").contains("not valid UTF-8"));
    assert_eq!(f[0]["start"]["line"], 1);
    assert_eq!(f[0]["start"]["column"], 6);
}

#[test]
fn binary_file_exits_2() {
    let (o, v) = bad_input_case("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(o.status.code(), Some(2));
    let f = findings_of(&v, "image.md");
    assert_eq!(f[0]["rule"], "invalid-file");
    assert!(f[0]["message"].as_str().unwrap_or("").contains("binary"));
}

#[test]
fn empty_and_front_matter_only_files_are_fine() {
    let (o, v) = bad_input_case("empty.md", b"");
    assert_eq!(o.status.code(), Some(1)); // good.md's placeholder
    assert!(findings_of(&v, "empty.md").is_empty());
    let (_, v) = bad_input_case(
        "fm-only.md",
        b"---\ntitle: \"Cold Brew Coffee at Home: Ratios, Steeping and Storage\"\ndescription: \"Steep coarse grounds for fourteen hours, filter twice, and keep the concentrate cold for up to two weeks: the cold brew method, step by step.\"\n---\n",
    );
    assert!(findings_of(&v, "fm-only.md").is_empty(), "{v}");
}

#[test]
fn broken_front_matter_is_a_located_finding() {
    let cases: [(&str, &[u8], u64); 3] = [
        ("unterminated.md", b"---\ntitle: x\n\n# Body\n", 1),
        ("bad-yaml.md", b"---\ntitle: [unclosed\nauthor: x\n---\n# Body\n", 3),
        ("bad-toml.md", b"+++\ntitle = \n+++\n# Body\n", 2),
    ];
    for (name, content, line) in cases {
        let (o, v) = bad_input_case(name, content);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let f: Vec<_> = findings_of(&v, name)
            .into_iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(f.len(), 1, "{name}: {f:?}");
        assert_eq!(f[0]["rule"], "front-matter-syntax", "{name}");
        assert_eq!(f[0]["start"]["line"], line, "{name}: {}", f[0]);
    }
}

#[test]
fn missing_path_and_directory_named_like_a_file() {
    let d = tmp();
    write(d.path(), "good.md", PLACEHOLDER);
    std::fs::create_dir_all(d.path().join("folder.md")).expect("mkdir");
    let o = seolint(d.path(), &["--format", "concise", "missing.md", "folder.md", "good.md"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("seolint: missing.md: no such file or directory"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line per error: {err}");
    assert!(stdout(&o).contains("good.md:6:4"), "other files still linted");
}

#[test]
fn huge_file_is_refused_with_one_line() {
    let d = tmp();
    write(d.path(), "good.md", PLACEHOLDER);
    let big = vec![b'a'; 50 * 1024 * 1024];
    write(d.path(), "huge.md", &big);
    let o = seolint(d.path(), &["--format", "concise", "huge.md", "good.md"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("huge.md: file is 50.0 MB, over the 16 MB limit"), "{err}");
    assert!(stdout(&o).contains("good.md:6:4"));
}

#[test]
fn crlf_and_bom_keep_positions() {
    let crlf = PLACEHOLDER.replace('\n', "\r\n");
    let (_, v) = bad_input_case("crlf.md", crlf.as_bytes());
    let f = findings_of(&v, "crlf.md");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0]["start"]["line"].as_u64(), f[0]["start"]["column"].as_u64()),
        (Some(6), Some(4))
    );
    let bom = format!("\u{feff}{PLACEHOLDER}");
    let (_, v) = bad_input_case("bom.md", bom.as_bytes());
    let f = findings_of(&v, "bom.md");
    assert_eq!(f.len(), 1, "front matter after a BOM still parses: {f:?}");
    assert_eq!(
        (f[0]["start"]["line"].as_u64(), f[0]["start"]["column"].as_u64()),
        (Some(6), Some(4))
    );
}

#[test]
fn rules_and_explain() {
    let d = tmp();
    let o = seolint(d.path(), &["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for name in [
        "placeholder",
        "front-matter-syntax",
        "front-matter-required",
        "front-matter-type",
        "title-length",
        "description-length",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} missing from `seolint rules`"
        );
    }
    let o = seolint(d.path(), &["explain", "placeholder"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("## What it does"));
    let o = seolint(d.path(), &["explain", "placeholdr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `placeholder`"), "{}", stderr(&o));
}

#[test]
fn article_text_cannot_drive_the_terminal() {
    let d = tmp();
    write(
        d.path(),
        "evil.md",
        "---\ntitle: \"\u{1b}[31mRed\u{1b}[0m title\"\n---\n# x\n",
    );
    for format in ["human", "concise"] {
        let o = seolint(d.path(), &["--format", format, "evil.md"]);
        assert!(!stdout(&o).contains('\u{1b}'), "{format}: {:?}", stdout(&o));
    }
}

/// Long files are linted first (one at a time, while other workers take the rest), yet the
/// report lists every file in path order, long ones and a site of long files alike.
#[test]
fn long_files_first_still_report_in_path_order() {
    let d = tmp();
    let long_body = "A sentence of plain prose that goes on for a while.\n\n".repeat(3_000); // ~160 KB
    let names = ["z.md", "a.md", "m.md", "b.md", "y.md", "c.md"];
    for (i, name) in names.iter().enumerate() {
        let body = if i % 2 == 0 { long_body.as_str() } else { "Short.\n" };
        write(d.path(), name, format!("# Title {i}\n\nBy [AUTHOR_NAME].\n\n{body}"));
    }
    for threads in ["1", "2", "4"] {
        for set in [&names[..], &["z.md", "m.md", "y.md"][..]] {
            let mut args = vec!["--no-config", "--format", "concise"];
            args.extend(set.iter().copied());
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_seolint"))
                .args(&args)
                .current_dir(d.path())
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .expect("run seolint");
            assert_no_panic(&o);
            let files: Vec<String> = stdout(&o)
                .lines()
                .filter(|l| l.contains("[placeholder]"))
                .map(|l| l.split(':').next().unwrap_or("").to_string())
                .collect();
            let mut sorted = set.to_vec();
            sorted.sort_unstable();
            assert_eq!(files, sorted, "{threads} threads");
        }
    }
}

/// CommonMark ends a line at `\n`, `\r\n` or a lone `\r` (issue 25): a lone `\r` once hid every
/// finding after it (they landed at the end of the file, with empty spans).
#[test]
fn a_lone_carriage_return_ends_a_line() {
    let d = tmp();
    write(d.path(), "cr.md", "x\r# Title\n\n[AUTHOR_NAME]\n");
    let o = seolint(d.path(), &["--no-config", "--format", "concise", "cr.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "cr.md:2:3: warning [title-length] title is too short: 5 characters (\"Title\" in H1); aim for 30-60 (default)\n\
         cr.md:4:1: error [placeholder] unfilled placeholder `[AUTHOR_NAME]` (bracketed ALL_CAPS placeholder)\n"
    );
    let human = stdout(&seolint(d.path(), &["--no-config", "cr.md"]));
    assert!(
        human.contains("[cr.md:2:3]") && human.contains("[cr.md:4:1]"),
        "{human}"
    );
}

#[test]
fn a_file_of_lone_carriage_returns_is_located_and_fixed_in_place() {
    let src = "---\rtitle: \"Keeping a Sourdough Starter Alive Through a Hot Summer\"\rseo:\r  description: \"[SEO_DESCRIPTION]\"\r---\r\
        # Keeping a Sourdough Starter Alive\r\r**Estimated Reading Time:** 12 minutes\r\r\
        A starter that sits in a warm kitchen eats its flour by noon, so it needs more care in July.\r\r\
        ## Feeding\r\rFeed it twice a day with [FLOUR_TYPE] and water.\r\r```\rTODO\r```\r";
    let d = tmp();
    write(d.path(), "a.md", src);
    let o = seolint(d.path(), &["--no-config", "--format", "json", "a.md"]);
    let found: Vec<(String, u64, u64, u64, u64, &str)> = json(&o)["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|f| {
            let n = |k: &str, p: &str| f[k][p].as_u64().expect("position");
            let (s, e) = (n("start", "offset") as usize, n("end", "offset") as usize);
            let at = |k: &str| (n(k, "line"), n(k, "column"));
            let rule = f["rule"].as_str().expect("rule").to_string();
            (rule, at("start").0, at("start").1, at("end").0, at("end").1, &src[s..e])
        })
        .collect();
    let expected = [
        ("description-length", 4, 17, 4, 34, "[SEO_DESCRIPTION]"),
        ("placeholder", 4, 17, 4, 34, "[SEO_DESCRIPTION]"),
        ("reading-time", 8, 29, 8, 31, "12"),
        ("placeholder", 14, 26, 14, 38, "[FLOUR_TYPE]"),
        ("placeholder", 17, 1, 17, 5, "TODO"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|&(r, a, b, c, e, t)| (r.to_string(), a, b, c, e, t))
        .collect();
    assert_eq!(found, expected);
    // the other formats name the same lines
    let concise = stdout(&seolint(d.path(), &["--no-config", "--format", "concise", "a.md"]));
    let human = stdout(&seolint(d.path(), &["--no-config", "a.md"]));
    for (_, line, col, ..) in &expected {
        assert!(concise.contains(&format!("a.md:{line}:{col}: ")), "{concise}");
        assert!(human.contains(&format!("[a.md:{line}:{col}]")), "{human}");
    }
    let o = seolint(d.path(), &["--no-config", "--fix", "--format", "concise", "a.md"]);
    assert_no_panic(&o);
    let fixed = std::fs::read_to_string(d.path().join("a.md")).expect("read");
    assert_eq!(fixed, src.replace("Time:** 12 minutes", "Time:** 1 minute"));
}

/// A reader that goes away (`| head`, `| true`) ends every subcommand quietly: no panic, nothing
/// on standard error, and the exit code the run would have had with its output read.
#[test]
fn a_closed_stdout_ends_every_subcommand_quietly() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let d = tmp();
    // enough output that writing it needs a reader
    for i in 0..200 {
        write(d.path(), &format!("content/a{i:03}.md"), PLACEHOLDER);
    }
    write(
        d.path(),
        "stale.md",
        "# Cold Brew\n\n**Estimated Reading Time:** 9 minutes\n\nText.\n",
    );
    std::fs::create_dir(d.path().join("init")).expect("mkdir");
    let cases: &[(&[&str], Option<&str>, i32)] = &[
        (&["rules"], None, 0),
        (&["explain", "placeholder"], None, 0),
        (&["config", "content/a000.md"], None, 0),
        (&["stats", "content"], None, 0),
        (&["--no-config", "content"], None, 1),
        (&["--no-config", "--format", "json", "content"], None, 1),
        (&["--no-config", "--format", "concise", "content"], None, 1),
        (&["--no-config", "--diff", "stale.md"], None, 1),
        (&["--no-config", "--fix", "-"], Some(PLACEHOLDER), 0),
        (&["init", "--force"], None, 0),
        (&["--help"], None, 0),
    ];
    for (args, stdin, expected) in cases {
        let dir = if args[0] == "init" {
            d.path().join("init")
        } else {
            d.path().to_path_buf()
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_seolint"))
            .args(*args)
            .current_dir(dir)
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run");
        // the reader goes before the first byte is written
        drop(child.stdout.take());
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(text.as_bytes()).expect("stdin");
        }
        let o = child.wait_with_output().expect("wait");
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(*expected), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}
