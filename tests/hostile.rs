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
    let broken: String = (0..200_000).map(|i| format!("[l{i}](#h{i}) ")).collect();
    check("broken-links.md", broken.as_bytes(), &[1]);
    let million = format!("# b\n\n{}\n", "[a](#b) ".repeat(1_000_000));
    check("million-links.md", million.as_bytes(), &[1]);
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

/// Front matter of `depth` mappings, each nested in the one before.
fn nested_front_matter(depth: usize) -> String {
    let mut s = String::from("---\n");
    for i in 0..depth {
        s.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
    }
    s + &format!("{}v: x\n---\n# x\n", "  ".repeat(depth))
}

#[cfg(unix)]
#[test]
fn deeply_nested_front_matter_in_bounded_memory() {
    // 35 levels once took 24 GB (each key's path held every parent's path); the address space
    // is capped so that a regression fails here instead of exhausting the machine
    let d = tempfile::tempdir().expect("tmp");
    for depth in [35, 200] {
        std::fs::write(d.path().join(format!("n{depth}.md")), nested_front_matter(depth)).expect("write");
    }
    let t = Instant::now();
    let o = Command::new("sh")
        .args([
            "-c",
            "ulimit -v 2000000 && exec \"$0\" --no-config --format concise n35.md n200.md",
        ])
        .arg(env!("CARGO_BIN_EXE_seolint"))
        // few threads and heaps, so that the cap does not depend on the machine's core count
        .env("RAYON_NUM_THREADS", "2")
        .env("MALLOC_ARENA_MAX", "2")
        .current_dir(d.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert!(t.elapsed() < LIMIT, "took {:?}", t.elapsed());
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    // 35 levels parse; 200 are past the YAML reader's recursion limit, a syntax finding
    assert!(out.contains("n35.md:1:1: error [front-matter-required]"), "{out}{err}");
    assert!(!out.contains("n35.md:1:1: error [front-matter-syntax]"), "{out}{err}");
    assert!(
        out.contains(
            "n200.md:130:1: error [front-matter-syntax] YAML front matter does not parse: recursion limit exceeded"
        ),
        "{out}{err}"
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

/// seolint never opens a connection: an article full of links (and images, and a canonical URL)
/// pointing at a local listener is linted, and the listener sees nobody.
#[test]
fn never_fetches_a_link() {
    use std::net::TcpListener;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopping = stop.clone();
    let watcher = std::thread::spawn(move || {
        while !stopping.load(Ordering::SeqCst) {
            if listener.accept().is_ok() {
                counter.fetch_add(1, Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    let base = format!("http://127.0.0.1:{port}");
    let article = format!(
        "---\ntitle: \"Cold Brew Concentrate: Ratios, Grinds and Steeping\"\ncanonical_url: \"{base}/post\"\nfeatured_image: \"{base}/hero.jpg\"\n---\n# Cold Brew\n\n[a]({base}/a) [b]({base}/b#x) ![img]({base}/i.png) <a href=\"{base}/c\">c</a> <img src=\"{base}/d.png\" alt=\"d\">\n\n<script type=\"application/ld+json\">{{\"@context\": \"{base}/ctx\", \"@type\": \"FAQPage\", \"mainEntity\": []}}</script>\n"
    );
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join("a.md"), article).expect("write");
    std::fs::write(
        d.path().join(".seolint.yaml"),
        format!("site:\n  url: {base}\n  content_root: .\n"),
    )
    .expect("write");
    for format in ["human", "json", "sarif"] {
        let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
            .args([".", "--format", format])
            .current_dir(d.path())
            .output()
            .expect("run");
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    std::thread::sleep(Duration::from_millis(50));
    stop.store(true, Ordering::SeqCst);
    let _ = watcher.join();
    assert_eq!(hits.load(Ordering::SeqCst), 0, "seolint connected to a link target");
}

/// A file that disappears between discovery and reading is one file's error; the rest are linted.
#[test]
fn file_deleted_between_discovery_and_read() {
    use seolint::engine::{lint_inputs, Input, Settings};
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join("a.md"), GOOD).expect("write");
    std::fs::write(d.path().join("b.md"), GOOD).expect("write");
    let (files, errors) = seolint::discover::discover(&[d.path().to_path_buf()]);
    assert!(errors.is_empty());
    assert_eq!(files.len(), 2);
    std::fs::remove_file(&files[0]).expect("delete after discovery");
    let settings = std::sync::Arc::new(Settings::default());
    let inputs: Vec<_> = files.into_iter().map(|p| (Input::File(p), settings.clone())).collect();
    let results = lint_inputs(&inputs);
    let gone = results[0].as_ref().expect_err("the deleted file is an error");
    assert_eq!(gone.message, "no such file or directory");
    let other = results[1].as_ref().expect("the other file is linted");
    assert!(other.diagnostics.iter().any(|d| d.rule == "placeholder"));
}

/// `--fix` on a read-only file: reported, exit 2, the file untouched; the writable one is fixed.
#[cfg(unix)]
#[test]
fn fix_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().expect("tmp");
    let text = "# Cold Brew\n\n**Estimated Reading Time:** 9 minutes\n\nText.\n";
    std::fs::write(d.path().join("locked.md"), text).expect("write");
    std::fs::write(d.path().join("open.md"), text).expect("write");
    std::fs::set_permissions(d.path().join("locked.md"), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(["--no-config", "--fix", "--format", "concise", "locked.md", "open.md"])
        .current_dir(d.path())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("locked.md: file is read-only; not fixed"), "{err}");
    assert_eq!(std::fs::read_to_string(d.path().join("locked.md")).expect("read"), text);
    let fixed = std::fs::read_to_string(d.path().join("open.md")).expect("read");
    assert!(fixed.contains("**Estimated Reading Time:** 1 minutes"), "{fixed}");
}
