//! `seolint server` as an editor sees it: the time from a `didChange` to the
//! `publishDiagnostics` of that version, on a 6,000-word article, over 100 one-word edits (median
//! and p95); then the server's memory after opening every Markdown file of a corpus one at a time.
//!
//! `cargo bench --bench server [-- CORPUS]` (CORPUS: a folder of Markdown; default
//! `../shared/corpus` when it exists). The article is built from the prose of `fixtures/`.

#[path = "../tests/common/lsp.rs"]
mod lsp;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp::{uri_of, Client};
use serde_json::{json, Value};

const WORDS: usize = 6000;
const EDITS: usize = 100;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .or_else(|| Some(root.join("../shared/corpus")).filter(|p| p.is_dir()));
    let work = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(work.path().join(".git")).expect("mkdir");
    let article = build_article(root);
    let path = work.path().join("article.md");
    std::fs::write(&path, &article).expect("write");

    let mut c = Client::spawn(env!("CARGO_BIN_EXE_seolint"), work.path());
    c.initialize(work.path(), json!({}), Value::Null);
    let uri = uri_of(&path);
    c.open(&uri, &article);
    let first = c.diagnostics(&uri);
    let stats = c.request(
        "workspace/executeCommand",
        json!({ "command": "seolint.stats", "arguments": [uri] }),
    );
    println!(
        "article: {} words, {} bytes, {} findings",
        stats["result"]["words"],
        article.len(),
        first["diagnostics"].as_array().map_or(0, Vec::len)
    );

    // one word typed at a time into the middle of the article, as a writer types
    let lines: Vec<&str> = article.lines().collect();
    let target = lines
        .iter()
        .enumerate()
        .skip(lines.len() / 2)
        .find(|(_, l)| l.len() > 40 && !l.starts_with('#'))
        .map_or(0, |(i, _)| i);
    let mut times = Vec::with_capacity(EDITS);
    for k in 0..EDITS {
        let version = 2 + k as i64;
        let at = json!({ "line": target, "character": 0 });
        let sent = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": at, "end": at }, "text": "word " }] }),
        );
        c.wait_for(|m| {
            m["method"] == json!("textDocument/publishDiagnostics") && m["params"]["version"] == json!(version)
        });
        times.push(sent.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "didChange -> publishDiagnostics over {EDITS} edits: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(times[EDITS / 2]),
        ms(times[EDITS * 95 / 100 - 1]),
        ms(times[EDITS - 1])
    );
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));

    if let Some(corpus) = corpus {
        let mut files = Vec::new();
        markdown_files(&corpus, &mut files);
        files.sort();
        let rss_before = rss_kb(c.pid());
        let started = Instant::now();
        let (mut opened, mut findings, mut problems) = (0, 0, 0);
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let Ok(abs) = file.canonicalize() else { continue };
            let uri = uri_of(&abs);
            c.open(&uri, &text);
            let d = c.diagnostics(&uri);
            let d = d["diagnostics"].as_array().cloned().unwrap_or_default();
            findings += d.len();
            // a file the server could not lint (config error, a panic) says so in one diagnostic
            problems += d
                .iter()
                .filter(|x| x["code"] == json!("config") || x["code"] == json!("internal-error"))
                .count();
            c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
            c.diagnostics(&uri);
            opened += 1;
        }
        let (rss, peak) = (rss_kb(c.pid()), peak_kb(c.pid()));
        println!(
            "corpus {}: {opened} files opened one at a time in {:.1} s ({findings} findings, {problems} not lintable); server RSS {:.1} MB before, {:.1} MB after, peak {:.1} MB",
            corpus.display(),
            started.elapsed().as_secs_f64(),
            rss_before as f64 / 1024.0,
            rss as f64 / 1024.0,
            peak as f64 / 1024.0
        );
    }
    let status = c.shutdown();
    assert_eq!(status.code(), Some(0));
}

/// A 6,000-word article: an H1, then the paragraphs of the fixtures' articles under H2s.
fn build_article(root: &Path) -> String {
    let mut files = Vec::new();
    markdown_files(&root.join("fixtures"), &mut files);
    files.sort();
    let mut paragraphs: Vec<String> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for block in text.split("\n\n") {
            let b = block.trim();
            let prose = b.len() > 80
                && b.chars().next().is_some_and(char::is_alphabetic)
                && !b.contains('[')
                && !b.contains('<')
                && !b.contains('|')
                && !b.contains('`');
            if prose && !paragraphs.iter().any(|p| p == b) {
                paragraphs.push(b.to_string());
            }
        }
    }
    assert!(!paragraphs.is_empty(), "no prose in fixtures/");
    let mut out = String::from(
        "---\ntitle: \"Sourdough at Home: The Complete Guide for Beginners\"\n---\n\n# Sourdough at Home\n\n",
    );
    let mut words = 0;
    let mut section = 0;
    let mut i = 0;
    while words < WORDS {
        if i % 6 == 0 {
            section += 1;
            out.push_str(&format!("## Part {section}\n\n"));
        }
        let p = &paragraphs[i % paragraphs.len()];
        out.push_str(p);
        out.push_str("\n\n");
        words += p.split_whitespace().count();
        i += 1;
    }
    out
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "md" || x == "mdx" || x == "markdown")
        {
            out.push(p);
        }
    }
}

fn status_kb(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn rss_kb(pid: u32) -> u64 {
    status_kb(pid, "VmRSS:")
}

fn peak_kb(pid: u32) -> u64 {
    status_kb(pid, "VmHWM:")
}
