//! Hostile and broken input: each is linted in bounded time (loose limits, so the test is not
//! flaky on a slow machine), with a normal exit code (0/1, or 2 for a file that cannot be linted),
//! no panic, and the good file beside it still linted.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str =
    "---\ntitle: \"Cold Brew Concentrate: Ratios, Grinds and Steeping\"\n---\n# Cold Brew\n\nBy [AUTHOR_NAME].\n";
/// Debug builds are several times slower than release; this bounds hangs, not speed.
const LIMIT: Duration = Duration::from_secs(60);

fn check(name: &str, content: &[u8], expected_exit: &[i32]) {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join(name), content).expect("write");
    std::fs::write(d.path().join("good.md"), GOOD).expect("write");
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(["--no-config", "--format", "concise", name, "good.md"])
        .current_dir(d.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(took < LIMIT, "{name}: took {took:?}");
    assert!(
        !err.contains("panicked") && !err.contains("internal error") && !err.contains("overflow"),
        "{name}: {err}"
    );
    let code = o.status.code().unwrap_or(-1);
    assert!(expected_exit.contains(&code), "{name}: exit {code}, stderr {err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("good.md:6:4: error [placeholder]"),
        "{name}: the other file was not linted"
    );
}

fn repeat(s: &str, n: usize) -> String {
    s.repeat(n)
}

#[test]
fn deeply_nested_blocks_and_inlines() {
    check("quotes.md", repeat("> ", 10_000).as_bytes(), &[1]);
    let list: String = (0..2_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
    check("list.md", list.as_bytes(), &[1]);
    check(
        "brackets.md",
        format!("{}x{}\n", repeat("[", 50_000), repeat("]", 50_000)).as_bytes(),
        &[1],
    );
    check(
        "emphasis.md",
        format!("{}x{}\n", repeat("*", 50_000), repeat("*", 50_000)).as_bytes(),
        &[1],
    );
}

#[test]
fn huge_lines_many_headings_many_links() {
    check("line.md", repeat("word ", 2_000_000).as_bytes(), &[1]);
    let headings: String = (0..100_000).map(|i| format!("## Heading {i}\n\n")).collect();
    check("headings.md", headings.as_bytes(), &[1]);
    let links: String = (0..200_000).map(|i| format!("[l{i}](#h{i}) ")).collect();
    check("links.md", links.as_bytes(), &[1]);
}

#[test]
fn hostile_front_matter_and_json_ld() {
    let mut bomb =
        String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    bomb.push_str("---\n# x\n");
    check("bomb.md", bomb.as_bytes(), &[1]);
    check(
        "deep-yaml.md",
        format!("---\na: {}{}\n---\n# x\n", repeat("[", 1_000), repeat("]", 1_000)).as_bytes(),
        &[1],
    );
    check(
        "json-ld.md",
        format!(
            "<script type=\"application/ld+json\">\n{}{}\n</script>\n",
            repeat("[", 100_000),
            repeat("]", 100_000)
        )
        .as_bytes(),
        &[1],
    );
}

#[test]
fn bytes_that_are_not_an_article() {
    check("nul.md", b"# Title\n\nText \0 with a NUL.\n", &[2]);
    check("invalid.md", b"# Title\n\nmid-file \xff\xfe bytes\n", &[2]);
    check("empty.md", b"", &[1]);
}

#[cfg(unix)]
#[test]
fn special_files_fifo_symlink_loop_and_permissions() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join("good.md"), GOOD).expect("write");
    let fifo = d.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    std::os::unix::fs::symlink(d.path().join("loop.md"), d.path().join("loop.md")).expect("symlink");
    let locked = d.path().join("locked.md");
    std::fs::write(&locked, GOOD).expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let mut args = vec!["--no-config", "--format", "concise", "loop.md", "locked.md", "good.md"];
    if made {
        args.push("pipe.md");
    }
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(&args)
        .current_dir(d.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    if made {
        // a writer that sends a little and closes: the FIFO is read like a file, not waited on forever
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let _ = std::fs::write(Path::new(&fifo), "# From a pipe\n\nText.\n");
        });
    }
    let o = child.wait_with_output().expect("output");
    assert!(t.elapsed() < LIMIT);
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("loop.md:"), "{err}");
    assert!(out.contains("good.md:6:4"), "{out}");
    let is_root = std::fs::read(&locked).is_ok();
    if !is_root {
        assert!(err.contains("locked.md: permission denied"), "{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}
