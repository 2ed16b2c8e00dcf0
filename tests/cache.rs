//! The result cache (`.seolint_cache`): a warm run prints what a cold one does, in every format;
//! what changes a file's findings (its text, config, presets, packs, template, seolint's
//! version, its images) makes it a miss; site findings come from this run's files only; a
//! corrupt cache is ignored and rewritten; `--no-cache` writes nothing; `seolint clean` removes it.
//!
//! Whether a run took a file from the cache is seen by tampering with the cache: a message
//! rewritten inside it shows in the next run's output exactly when the entry was used.

mod common;

use std::path::{Path, PathBuf};

use common::{run, stderr, stdout};

const A: &str = "---\ntitle: Short\n---\n# Sourdough bread\n\nSome text about [bread](b.md) and ![](img/x.png).\n\nRead the [guide](c.md) too.\n";
const B: &str = "---\ntitle: Short\n---\n# Other page\n\nText with a [link back](a.md).\n";
const C: &str = "---\ntitle: A guide long enough to pass the title length rule\n---\n# Guide\n\nText.\n";

/// A project: `.git` (config discovery stops here), a config, three linked articles.
fn project() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tmp");
    let root = d.path();
    std::fs::create_dir_all(root.join(".git")).expect("mkdir");
    std::fs::write(root.join(".seolint.yaml"), "rules:\n  reading-time: off\n").expect("write");
    for (name, text) in [("a.md", A), ("b.md", B), ("c.md", C)] {
        std::fs::write(root.join(name), text).expect("write");
    }
    d
}

fn seolint(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args, None);
    assert!(o.status.code().is_some_and(|c| c < 2), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join(".seolint_cache")) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    out.sort();
    out
}

/// Rewrite `from` (every occurrence) as `to`, of the same length, in the project's cache file.
fn tamper(dir: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let files = cache_files(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let bytes = std::fs::read(&files[0]).expect("read cache");
    let mut text = bytes.clone();
    let mut found = false;
    let mut at = 0;
    while let Some(i) = find(&text[at..], from.as_bytes()) {
        text[at + i..at + i + from.len()].copy_from_slice(to.as_bytes());
        at += i + from.len();
        found = true;
    }
    assert!(found, "`{from}` not in the cache");
    reseal(&mut text);
    std::fs::write(&files[0], text).expect("write cache");
}

/// Write each entry's payload checksum anew, as a cache that seolint wrote this way would have
/// it (the layout is [`entries`]').
fn reseal(bytes: &mut [u8]) {
    for (checksum_at, payload) in entries(bytes) {
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[payload]);
        bytes[checksum_at..checksum_at + 8].copy_from_slice(&sum.to_le_bytes());
    }
}

/// Where each entry's checksum is in a cache file, and its payload: the index runs from the
/// offset in the file's last 16 bytes to them; an index entry is the name's length and the
/// name, the content hash (16 bytes), the settings key (8), the checksum (8), the payload's
/// offset (8) and length (4).
fn entries(bytes: &[u8]) -> Vec<(usize, std::ops::Range<usize>)> {
    let int = |at: usize, n: usize| {
        bytes[at..at + n]
            .iter()
            .rev()
            .fold(0usize, |v, b| v << 8 | usize::from(*b))
    };
    let end = bytes.len() - 16;
    let mut at = int(end, 8);
    let mut out = Vec::new();
    while at < end {
        let checksum_at = at + 4 + int(at, 4) + 16 + 8;
        let offset = int(checksum_at + 8, 8);
        let len = int(checksum_at + 16, 4);
        out.push((checksum_at, offset..offset + len));
        at = checksum_at + 8 + 8 + 4;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A message of the title rule that every run here reports for a.md and b.md.
const MESSAGE: &str = "title is too short";
const TAMPERED: &str = "TAMPERED title-msg";

/// Fill the cache, tamper with it, and check the next run uses it.
fn warm_and_tampered(dir: &Path) {
    seolint(dir, &["--format", "concise", "."]);
    tamper(dir, MESSAGE, TAMPERED);
    let warm = seolint(dir, &["--format", "concise", "."]);
    assert!(warm.contains(TAMPERED), "the cache was not used:\n{warm}");
}

/// After a change, the run must lint again (nothing tampered shows) and print what a run
/// without the cache prints.
fn assert_relinted(dir: &Path, what: &str) {
    let warm = seolint(dir, &["--format", "concise", "."]);
    assert!(!warm.contains(TAMPERED), "{what}: a stale entry was used:\n{warm}");
    let cold = seolint(dir, &["--format", "concise", "--no-cache", "."]);
    assert_eq!(warm, cold, "{what}");
}

#[test]
fn a_warm_run_prints_what_a_cold_run_prints_in_every_format() {
    let d = project();
    let dir = d.path();
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        let cold = seolint(dir, &["--format", format, "--no-cache", "."]);
        let first = seolint(dir, &["--format", format, "."]);
        let warm = seolint(dir, &["--format", format, "."]);
        assert_eq!(cold, first, "{format}: first cached run");
        assert_eq!(cold, warm, "{format}: warm run");
        if matches!(format, "human" | "concise" | "json") {
            let stats = seolint(dir, &["--format", format, "--statistics", "."]);
            assert_eq!(
                stats,
                seolint(dir, &["--format", format, "--statistics", "--no-cache", "."])
            );
        }
    }
    // the folder is ignored by git on its own, and tagged for backup tools
    let ignore = std::fs::read_to_string(dir.join(".seolint_cache/.gitignore")).expect("gitignore");
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    assert!(dir.join(".seolint_cache/CACHEDIR.TAG").is_file());
    assert_eq!(cache_files(dir).len(), 1);
}

#[test]
fn the_cache_is_used_and_an_edited_file_is_linted_again() {
    let d = project();
    let dir = d.path();
    warm_and_tampered(dir);
    // a.md's entry is a miss, b.md's is still used
    lengthen_a_title(dir);
    assert_only_b_from_the_cache(&seolint(dir, &["--format", "concise", "."]));
}

/// a.md gets a long title: its cached entry no longer matches.
fn lengthen_a_title(dir: &Path) {
    std::fs::write(
        dir.join("a.md"),
        A.replace("title: Short", "title: A title long enough for the title length rule"),
    )
    .expect("write");
}

/// After [`warm_and_tampered`] and [`lengthen_a_title`]: b.md's findings came from the cache,
/// a.md's were linted again.
fn assert_only_b_from_the_cache(out: &str) {
    let tampered = |name: &str| out.lines().any(|l| l.starts_with(name) && l.contains(TAMPERED));
    assert!(tampered("b.md"), "b.md's entry was not used:\n{out}");
    assert!(!tampered("a.md"), "a.md's stale entry was used:\n{out}");
}

#[test]
fn a_run_over_one_file_keeps_the_other_entries() {
    let d = project();
    let dir = d.path();
    warm_and_tampered(dir);
    // a.md edited and linted alone: the new cache file has its new entry and b.md's old one
    lengthen_a_title(dir);
    let alone = seolint(dir, &["--format", "concise", "a.md"]);
    assert!(!alone.contains(TAMPERED), "{alone}");
    assert_only_b_from_the_cache(&seolint(dir, &["--format", "concise", "."]));
}

#[test]
fn a_changed_config_invalidates() {
    let d = project();
    let dir = d.path();
    warm_and_tampered(dir);
    std::fs::write(
        dir.join(".seolint.yaml"),
        "rules:\n  reading-time: off\n  image-alt: off\n",
    )
    .expect("write");
    assert_relinted(dir, "config");
}

#[test]
fn a_changed_preset_invalidates() {
    let d = project();
    let dir = d.path();
    warm_and_tampered(dir);
    std::fs::write(
        dir.join(".seolint.yaml"),
        "extends: pillar\nrules:\n  reading-time: off\n",
    )
    .expect("write");
    assert_relinted(dir, "preset");
}

#[test]
fn a_changed_pack_invalidates() {
    let d = project();
    let dir = d.path();
    let pack = |word: &str| {
        format!("rules:\n  - name: no-word\n    kind: existence\n    pattern: '\\b{word}\\b'\n    severity: error\n")
    };
    std::fs::write(dir.join("house.yaml"), pack("bread")).expect("write");
    std::fs::write(
        dir.join(".seolint.yaml"),
        "packs: [house.yaml]\nrules:\n  reading-time: off\n",
    )
    .expect("write");
    let first = seolint(dir, &["--format", "concise", "--no-cache", "."]);
    assert!(first.contains("house/no-word"), "the pack does not run:\n{first}");
    warm_and_tampered(dir);
    // same path, other contents
    std::fs::write(dir.join("house.yaml"), pack("text")).expect("write");
    assert_relinted(dir, "pack");
}

#[test]
fn a_changed_template_invalidates() {
    let d = project();
    let dir = d.path();
    let template = |section: &str| format!("# Title\n\n## {section}\n\nText.\n\n## Conclusion\n\nText.\n");
    std::fs::write(dir.join("template.md"), template("Introduction")).expect("write");
    std::fs::write(
        dir.join(".seolint.yaml"),
        "template: template.md\nrules:\n  reading-time: off\n",
    )
    .expect("write");
    let first = seolint(dir, &["--format", "concise", "--no-cache", "a.md"]);
    warm_and_tampered(dir);
    std::fs::write(dir.join("template.md"), template("Ingredients")).expect("write");
    assert_relinted(dir, "template");
    let after = seolint(dir, &["--format", "concise", "--no-cache", "a.md"]);
    assert_ne!(first, after, "the template's change shows in the findings");
}

#[test]
fn another_seolint_version_invalidates() {
    let d = project();
    let dir = d.path();
    warm_and_tampered(dir);
    // the same run as another release: the file's header names another version
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(["--format", "concise", "."])
        .current_dir(dir)
        .env("SEOLINT_CACHE_TEST_VERSION", "9.9.9")
        .output()
        .expect("run");
    assert!(!stdout(&o).contains(TAMPERED), "{}", stdout(&o));
    // and back: the file was rewritten by "9.9.9", so this version lints again too
    tamper_version_check(dir);
}

fn tamper_version_check(dir: &Path) {
    let bytes = std::fs::read(&cache_files(dir)[0]).expect("read");
    assert!(find(&bytes, b"9.9.9").is_some(), "the other version rewrote the cache");
    assert_relinted(dir, "version");
}

#[test]
fn a_hand_edited_version_in_the_cache_invalidates() {
    let d = project();
    let dir = d.path();
    warm_and_tampered(dir);
    tamper(
        dir,
        env!("CARGO_PKG_VERSION"),
        &"9".repeat(env!("CARGO_PKG_VERSION").len()),
    );
    assert_relinted(dir, "version in the header");
}

#[test]
fn an_added_image_invalidates() {
    let d = project();
    let dir = d.path();
    let before = seolint(dir, &["--format", "concise", "a.md"]);
    assert!(before.contains("image-missing"), "{before}");
    std::fs::create_dir_all(dir.join("img")).expect("mkdir");
    std::fs::write(dir.join("img/x.png"), b"png").expect("write");
    let after = seolint(dir, &["--format", "concise", "a.md"]);
    assert!(!after.contains("image-missing"), "{after}");
}

#[test]
fn a_deleted_file_no_longer_feeds_site_checks() {
    let d = project();
    let dir = d.path();
    let before = seolint(dir, &["--format", "concise", "."]);
    assert!(before.contains("duplicate-title"), "{before}");
    std::fs::remove_file(dir.join("b.md")).expect("rm");
    let warm = seolint(dir, &["--format", "concise", "."]);
    assert!(!warm.contains("duplicate-title"), "{warm}");
    assert!(!warm.lines().any(|l| l.starts_with("b.md")), "{warm}");
    // a.md links to b.md, which is gone: the broken link shows from a.md's cached summary
    assert!(warm.contains("[broken-link] link to `b.md`"), "{warm}");
    assert_eq!(warm, seolint(dir, &["--format", "concise", "--no-cache", "."]));
    // and it comes back
    std::fs::write(dir.join("b.md"), B).expect("write");
    assert_eq!(seolint(dir, &["--format", "concise", "."]), before);
}

/// Where the first entry's payload is in a cache file.
fn first_payload(bytes: &[u8]) -> std::ops::Range<usize> {
    entries(bytes).remove(0).1
}

#[test]
fn a_corrupt_cache_is_ignored_and_rewritten() {
    let d = project();
    let dir = d.path();
    let cold = seolint(dir, &["--format", "json", "--no-cache", "."]);
    seolint(dir, &["--format", "json", "."]);
    let file = cache_files(dir).remove(0);
    for garbage in [
        &b""[..],
        b"SEOLINTC\x01\x00",
        b"\xff\xfe garbage \x00\x01",
        &[0u8; 4096],
    ] {
        std::fs::write(&file, garbage).expect("write");
        assert_eq!(seolint(dir, &["--format", "json", "."]), cold);
        let rewritten = std::fs::read(&file).expect("read");
        assert!(rewritten.starts_with(b"SEOLINTC"), "not rewritten");
        assert_eq!(seolint(dir, &["--format", "json", "."]), cold);
    }
    // an entry with a byte of its payload changed, or one that is not an entry at all, or the
    // file cut short: a miss, not a crash and not a wrong finding
    let mut bytes = std::fs::read(&file).expect("read");
    let payload = first_payload(&bytes);
    bytes[payload.start + payload.len() / 2] ^= 0x20;
    std::fs::write(&file, &bytes).expect("write");
    assert_eq!(seolint(dir, &["--format", "json", "."]), cold);
    let mut bytes = std::fs::read(&file).expect("read");
    let payload = first_payload(&bytes);
    bytes[payload].fill(0xff);
    std::fs::write(&file, &bytes).expect("write");
    assert_eq!(seolint(dir, &["--format", "json", "."]), cold);
    let mut bytes = std::fs::read(&file).expect("read");
    bytes.truncate(bytes.len() - 7);
    std::fs::write(&file, &bytes).expect("write");
    assert_eq!(seolint(dir, &["--format", "json", "."]), cold);
}

#[test]
fn no_cache_writes_nothing_and_fixes_and_stdin_do_not_use_it() {
    let d = project();
    let dir = d.path();
    seolint(dir, &["--no-cache", "."]);
    assert!(!dir.join(".seolint_cache").exists());
    let o = run(dir, &["--diff", "."], None);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let o = run(
        dir,
        &["--format", "concise", "-", "--stdin-filename", "a.md"],
        Some(A.as_bytes()),
    );
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert!(!dir.join(".seolint_cache").exists(), "--diff or stdin wrote a cache");
}

#[test]
fn cache_dir_flag_and_env_and_clean() {
    let d = project();
    let dir = d.path();
    seolint(dir, &["--cache-dir", "elsewhere", "."]);
    assert!(dir.join("elsewhere/CACHEDIR.TAG").is_file());
    assert!(!dir.join(".seolint_cache").exists());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_seolint"))
        .arg(".")
        .current_dir(dir)
        .env("SEOLINT_CACHE_DIR", "from-env")
        .output()
        .expect("run");
    assert!(o.status.code().is_some_and(|c| c < 2));
    assert!(dir.join("from-env/CACHEDIR.TAG").is_file());
    // the project's cache is found from a subfolder too: the folder of the config
    seolint(dir, &["."]);
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    let o = run(&dir.join("sub"), &["clean"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.join(".seolint_cache").exists());
    let o = run(dir, &["clean", "--cache-dir", "elsewhere"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.join("elsewhere").exists());
    // a folder that is not a seolint cache is left alone
    std::fs::create_dir_all(dir.join("precious")).expect("mkdir");
    std::fs::write(dir.join("precious/keep.txt"), "x").expect("write");
    let o = run(dir, &["clean", "--cache-dir", "precious"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(dir.join("precious/keep.txt").is_file());
    // nothing to clean is fine
    let o = run(dir, &["clean"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn concurrent_runs_leave_a_cache_that_reads() {
    let d = project();
    let dir = d.path().to_path_buf();
    let cold = seolint(&dir, &["--format", "json", "--no-cache", "."]);
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let dir = dir.clone();
            std::thread::spawn(move || seolint(&dir, &["--format", "json", "."]))
        })
        .collect();
    for r in runs {
        assert_eq!(r.join().expect("thread"), cold);
    }
    assert_eq!(seolint(&dir, &["--format", "json", "."]), cold);
    // no temporary file left behind
    let names: Vec<String> = std::fs::read_dir(dir.join(".seolint_cache"))
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn a_changed_include_invalidates() {
    let d = project();
    let dir = d.path();
    std::fs::create_dir_all(dir.join("_includes")).expect("mkdir");
    std::fs::write(
        dir.join("_includes/storage.md"),
        "## Storing the jars\n\nCool and dark.\n",
    )
    .expect("write");
    let page = "# Fermenting\n\n- [Storage](#storing-the-jars) is included.\n\n## Step one\n\nText.\n\n{{% include \"storage.md\" %}}\n";
    std::fs::write(dir.join("page.md"), page).expect("write");
    let before = seolint(dir, &["--format", "concise", "page.md"]);
    assert!(!before.contains("toc-link"), "{before}");
    // the included page's heading is renamed: the link no longer resolves
    std::fs::write(
        dir.join("_includes/storage.md"),
        "## Keeping the jars\n\nCool and dark.\n",
    )
    .expect("write");
    let after = seolint(dir, &["--format", "concise", "page.md"]);
    assert!(after.contains("[toc-link]"), "{after}");
    assert_eq!(after, seolint(dir, &["--format", "concise", "--no-cache", "page.md"]));
    // and the include gone
    std::fs::remove_file(dir.join("_includes/storage.md")).expect("rm");
    assert_eq!(
        seolint(dir, &["--format", "concise", "page.md"]),
        seolint(dir, &["--format", "concise", "--no-cache", "page.md"])
    );
}
