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
    let o = child.wait_with_output().expect("output");
    assert!(t.elapsed() < LIMIT);
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("loop.md:"), "{err}");
    if made {
        // refused, not opened: opening a FIFO waits for a writer
        assert!(err.contains("pipe.md: not a regular file (a FIFO)"), "{err}");
    }
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
    use seolint::engine::lint_inputs;
    use seolint::input::Input;
    use seolint::settings::Settings;
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
    assert!(fixed.contains("**Estimated Reading Time:** 1 minute"), "{fixed}");
}

/// `seolint ARGS` in `dir`, killed (and the test failed) if it has not finished within [`LIMIT`]:
/// a FIFO that is opened waits for a writer forever.
#[cfg(unix)]
fn run_bounded(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let t = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if t.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?}: still running after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    if let Some(mut o) = child.stdout.take() {
        o.read_to_string(&mut out).expect("stdout");
    }
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).expect("stderr");
    }
    (status.code(), out, err)
}

/// A FIFO or a device named as an article, `--template`, `--config`, a config's `template:` or
/// a pack is refused before it is opened (a FIFO would wait for a writer forever, `/dev/zero`
/// never ends), and so is a config, pack or template over the 16 MB limit: one line, exit 2.
/// Articles named beside a FIFO are still linted.
#[cfg(unix)]
#[test]
fn fifos_devices_and_huge_files_are_refused_wherever_named() {
    let d = tempfile::tempdir().expect("tmp");
    let dir = d.path();
    std::fs::write(dir.join("good.md"), GOOD).expect("write");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let huge = std::fs::File::create(dir.join("huge.yaml")).expect("create");
    huge.set_len(17 * 1024 * 1024).expect("sparse 17 MB file");
    for (name, text) in [
        ("pack-fifo.yaml", "packs: [pipe.md]\n"),
        ("template-fifo.yaml", "template: pipe.md\n"),
        ("template-zero.yaml", "template: /dev/zero\n"),
        ("pack-zero.yaml", "packs: [/dev/zero]\n"),
        ("pack-huge.yaml", "packs: [huge.yaml]\n"),
        ("template-huge.yaml", "template: huge.yaml\n"),
    ] {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let fifo = "not a regular file (a FIFO)";
    let device = "not a regular file (a character device)";
    let cases: &[(&[&str], &str)] = &[
        (
            &["--no-config", "--format", "concise", "pipe.md", "good.md"],
            "pipe.md: not a regular file (a FIFO)",
        ),
        (&["--template", "pipe.md", "good.md"], fifo),
        (&["--template", "/dev/zero", "good.md"], device),
        (&["--config", "pipe.md", "good.md"], fifo),
        (&["--config", "/dev/zero", "good.md"], device),
        (&["--config", "pack-fifo.yaml", "good.md"], fifo),
        (&["--config", "template-fifo.yaml", "good.md"], fifo),
        (&["--config", "template-zero.yaml", "good.md"], device),
        (&["--config", "pack-zero.yaml", "good.md"], device),
        (
            &["--config", "huge.yaml", "good.md"],
            "file is 17.0 MB, over the 16 MB limit for a config",
        ),
        (
            &["--config", "pack-huge.yaml", "good.md"],
            "file is 17.0 MB, over the 16 MB limit for a pack",
        ),
        (
            &["--config", "template-huge.yaml", "good.md"],
            "file is 17.0 MB, over the 16 MB limit for a template",
        ),
        (
            &["--template", "huge.yaml", "good.md"],
            "file is 17.0 MB, over the 16 MB limit for a template",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run_bounded(dir, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if args[0] == "--no-config" {
            assert!(
                out.contains("good.md:6:4"),
                "{args:?}: the other file was not linted: {out}"
            );
        } else {
            assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        }
    }
}

/// A file named as a config, pack or template that is not one is refused by what it is not,
/// and no word of it is printed; a config of the right shape with a wrong value quotes at most
/// the start of that value's line.
#[test]
fn a_file_of_another_kind_is_named_never_echoed() {
    let d = tempfile::tempdir().expect("tmp");
    let dir = d.path();
    std::fs::write(dir.join("good.md"), GOOD).expect("write");
    std::fs::write(
        dir.join("passwd"),
        "root:x:0:0:SECRET_ONE:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("shadow"),
        "root:$6$SECRET_TWO$Zm9vYmFy:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
    )
    .expect("write");
    std::fs::write(dir.join("env.yaml"), "password: SECRET_THREE\napi_key: SECRET_FOUR\n").expect("write");
    std::fs::write(dir.join("broken.yaml"), "key: [SECRET_SIX\n").expect("write");
    std::fs::write(
        dir.join("long-value.yaml"),
        format!("rules: \"{}SECRET_FIVE\"\n", "r".repeat(80)),
    )
    .expect("write");
    for secret in ["passwd", "shadow", "env.yaml"] {
        std::fs::write(dir.join(format!("pack-{secret}.yaml")), format!("packs: [{secret}]\n")).expect("write");
        std::fs::write(
            dir.join(format!("template-{secret}.yaml")),
            format!("template: {secret}\n"),
        )
        .expect("write");
    }
    let pack = "not a rule pack (expected a YAML mapping with `rules:`)";
    let template = "not an article template (expected Markdown with H2/H3 sections";
    let config = "not a seolint config (expected a YAML mapping";
    let cases: &[(&[&str], &str)] = &[
        (&["--config", "passwd", "good.md"], config),
        (&["--config", "shadow", "good.md"], config),
        (&["--config", "pack-passwd.yaml", "good.md"], pack),
        (&["--config", "pack-shadow.yaml", "good.md"], pack),
        (&["--config", "pack-env.yaml.yaml", "good.md"], pack),
        (&["--config", "template-passwd.yaml", "good.md"], template),
        (&["--config", "template-shadow.yaml", "good.md"], template),
        (&["--template", "passwd", "good.md"], template),
        (&["--template", "shadow", "good.md"], template),
        (
            &["--config", "env.yaml", "good.md"],
            "env.yaml:1: unknown key `password`",
        ),
        (
            &["--config", "long-value.yaml", "good.md"],
            "long-value.yaml:1: rules: invalid type: string \"rrrr",
        ),
    ];
    for (args, expected) in cases {
        let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
            .args(*args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        // a line a problem: env.yaml has two unknown keys, and both are listed
        let lines = if args.contains(&"env.yaml") { 2 } else { 1 };
        assert_eq!(err.lines().count(), lines, "{args:?}: a line a problem: {err}");
        assert!(!err.contains("SECRET") && !err.contains("root:"), "{args:?}: {err}");
    }
}

/// A folder that cannot be read is one error that names it once; the rest is linted. Root reads
/// any folder, so as root the run is made as `nobody` (skipped where that cannot be done).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_named_once() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().expect("tmp");
    let dir = d.path();
    std::fs::create_dir_all(dir.join("content/locked")).expect("mkdir");
    std::fs::write(dir.join("content/good.md"), GOOD).expect("write");
    std::fs::write(dir.join("content/locked/a.md"), GOOD).expect("write");
    for (p, mode) in [("", 0o755), ("content", 0o755), ("content/locked", 0o000)] {
        std::fs::set_permissions(dir.join(p), std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    let is_root = std::fs::read_dir(dir.join("content/locked")).is_ok();
    let bin = env!("CARGO_BIN_EXE_seolint");
    let args = ["--no-config", "--format", "concise", "content"];
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    let o = cmd.args(args).current_dir(dir).stdin(Stdio::null()).output();
    let Ok(o) = o.map_err(|e| eprintln!("skipped: cannot run as another user: {e}")) else {
        return;
    };
    let err = String::from_utf8_lossy(&o.stderr);
    if is_root && err.contains("setpriv:") {
        eprintln!("skipped: {err}");
        return;
    }
    assert_eq!(err, "seolint: content/locked: permission denied\n");
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("content/good.md:6:4"));
}
