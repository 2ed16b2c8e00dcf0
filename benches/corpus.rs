//! `cargo bench --bench corpus [-- CORPUS_DIR]`: seolint against a bare comrak parse over a corpus
//! of real articles, in one run, side by side. Prints medians, MB/s, files/s, peak memory and the
//! ratio of a full lint to the bare parse. Without the corpus (a fresh clone) it says so and exits 0.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use seolint::document::Document;
use seolint::engine::lint_source;
use seolint::settings::{RuleSetting, Settings};

const RUNS: usize = 7;

/// A config that turns on every rule that waits for a threshold.
fn every_rule_on() -> Settings {
    let mut s = Settings::default();
    let opts: &[(&str, &str)] = &[
        ("word-count", r#"{"min": 300}"#),
        (
            "section-word-count",
            r#"{"h2_min": 50, "h2_max": 2000, "h3_min": 20, "h3_max": 1000}"#,
        ),
        ("internal-links", r#"{"min": 3}"#),
        ("external-links", r#"{"min": 2}"#),
        ("cluster-links", r#"{"min": 2}"#),
        ("faq", r#"{"min": 1}"#),
        ("key-takeaways", r#"{"min": 1}"#),
    ];
    for (rule, json) in opts {
        let default = seolint::rules::find(rule).map(|r| r.default_severity);
        s.rules.insert(
            rule.to_string(),
            RuleSetting {
                severity: default,
                options: serde_json::from_str(json).ok(),
                origins: Default::default(),
            },
        );
    }
    s.keyword = Some("the".to_string()); // every article has a keyword, so keyword rules run too
    s
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(mut f: F) -> Duration {
    time_with(|| (), |()| f())
}

/// Median of [`RUNS`] runs of `f`, each given what `setup` made before the clock started: a pass
/// that takes the files' texts as owned `String`s (as `lint_source` does, from the file it read)
/// gets its copies there, so it is charged no more than the bare parse, which borrows them.
fn time_with<S>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S)) -> Duration {
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        let input = setup();
        let t = Instant::now();
        f(input);
        runs.push(t.elapsed());
    }
    median(runs)
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn child_peak_kb(bin: &Path, args: &[&str]) -> Option<u64> {
    // GNU time reads the peak of the process alone (wait4); python's resource module is the
    // fallback, with a floor of python's own size (a vfork child starts from its parent's peak)
    let time = Path::new("/usr/bin/time");
    if time.exists() {
        let out = Command::new(time)
            .args(["-f", "%M"])
            .arg(bin)
            .args(args)
            .stdout(std::process::Stdio::null())
            .output()
            .ok()?;
        let err = String::from_utf8_lossy(&out.stderr);
        if let Some(kb) = err.lines().last().and_then(|l| l.trim().parse().ok()) {
            return Some(kb);
        }
    }
    let out = Command::new("python3")
        .args(["-c", "import resource,subprocess,sys; subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"])
        .arg(bin)
        .args(args)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    if !dir.is_dir() {
        println!("corpus not found at {}; nothing to measure", dir.display());
        return;
    }
    let (paths, _) = seolint::discover::discover(std::slice::from_ref(&dir));
    let files: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| Some((p.to_string_lossy().to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} files, {:.1} MB ({})", files.len(), mb, dir.display());

    let settings = Arc::new(every_rule_on());
    // one file through the whole pass: its findings counted, so the work cannot be optimised away
    let lint_one = |(path, text): (String, String)| lint_source(path, text, &settings).diagnostics.len();
    // the Document alone (every index the rules read, no rule run): where the pass's time splits
    let parse_options = settings.parse_options();
    let doc_one = |(_, text): (String, String)| Document::parse(text, &parse_options).words.len();
    // `SEOLINT_BENCH_PROFILE=lint|doc|parse`: only that phase, 1 thread, repeated (for perf/callgrind)
    if let Ok(phase) = std::env::var("SEOLINT_BENCH_PROFILE") {
        let reps: usize = std::env::var("SEOLINT_BENCH_REPS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(3);
        let mut spent = Duration::ZERO;
        for _ in 0..reps {
            let owned = if phase == "parse" { Vec::new() } else { files.clone() };
            let t = Instant::now();
            let n: usize = match phase.as_str() {
                "parse" => files.iter().map(|(_, s)| seolint::document::bare_parse(s)).sum(),
                "doc" => owned.into_iter().map(doc_one).sum(),
                _ => owned.into_iter().map(lint_one).sum(),
            };
            spent += t.elapsed();
            std::hint::black_box(n);
        }
        println!("{phase}: {:.3} s per pass", spent.as_secs_f64() / reps as f64);
        return;
    }
    let bare = time(|| {
        let n: usize = files.iter().map(|(_, s)| seolint::document::bare_parse(s)).sum();
        std::hint::black_box(n);
    });
    let bare_par = time(|| {
        let n: usize = files.par_iter().map(|(_, s)| seolint::document::bare_parse(s)).sum();
        std::hint::black_box(n);
    });
    let lint_1 = time_with(
        || files.clone(),
        |owned: Vec<(String, String)>| {
            std::hint::black_box(owned.into_iter().map(lint_one).sum::<usize>());
        },
    );
    let doc_1 = time_with(
        || files.clone(),
        |owned: Vec<(String, String)>| {
            std::hint::black_box(owned.into_iter().map(doc_one).sum::<usize>());
        },
    );
    let lint_par = time_with(
        || files.clone(),
        |owned: Vec<(String, String)>| {
            std::hint::black_box(owned.into_par_iter().map(lint_one).sum::<usize>());
        },
    );
    let row = |name: &str, d: Duration| {
        let s = d.as_secs_f64();
        println!(
            "{name:<46} {:>8.3} s  {:>6.1} MB/s  {:>6.0} files/s",
            s,
            mb / s,
            files.len() as f64 / s
        );
    };
    row("(a) bare comrak parse, 1 thread", bare);
    row("(a') bare comrak parse, all cores", bare_par);
    row("(b) seolint, every rule on, 1 thread", lint_1);
    row("(b') seolint, every rule on, all cores", lint_par);
    row("(b0) its Document alone (no rules), 1 thread", doc_1);
    println!(
        "ratio (b)/(a), 1 thread each: {:.2}x",
        lint_1.as_secs_f64() / bare.as_secs_f64()
    );
    println!(
        "ratio (b0)/(a), 1 thread each: {:.2}x (the rules add {:.2}x)",
        doc_1.as_secs_f64() / bare.as_secs_f64(),
        (lint_1.as_secs_f64() - doc_1.as_secs_f64()) / bare.as_secs_f64()
    );
    println!(
        "ratio (b')/(a'), all cores each: {:.2}x",
        lint_par.as_secs_f64() / bare_par.as_secs_f64()
    );
    println!(
        "peak memory of this process (corpus held in memory): {} KB",
        peak_rss_kb().unwrap_or(0)
    );

    // the binary as users run it: `cargo bench` builds target/release/seolint with the
    // dev-dependencies' features of shared crates switched on (the regex crates then build full
    // DFAs: ~8% more instructions for one article), so the process figures use a binary built
    // the way `cargo build --release` and `cargo install` build it, in a target folder of its own
    // (this run holds the lock on target/)
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let own_target = manifest.join("target/bench-bin");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let built = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "--bin", "seolint", "--target-dir"])
        .arg(&own_target)
        .current_dir(manifest)
        .status()
        .is_ok_and(|s| s.success());
    let bin = if built {
        own_target.join("release/seolint")
    } else {
        println!("(could not build the release binary on its own; using the one cargo bench built)");
        manifest.join("target/release/seolint")
    };
    if !bin.exists() {
        println!("(build the release binary for process figures: cargo build --release)");
        return;
    }
    let cfg = std::env::temp_dir().join("seolint-bench.yaml");
    let _ = std::fs::write(
        &cfg,
        "rules:\n  word-count: { min: 300 }\n  section-word-count: { h2_min: 50, h2_max: 2000, h3_min: 20, h3_max: 1000 }\n  internal-links: { min: 3 }\n  external-links: { min: 2 }\n  cluster-links: { min: 2 }\n  faq: { min: 1 }\n  key-takeaways: { min: 1 }\n",
    );
    let cfg_s = cfg.to_string_lossy().to_string();
    let dir_s = dir.to_string_lossy().to_string();
    let args = [
        "--config",
        &cfg_s,
        "--keyword",
        "the",
        "--format",
        "concise",
        "--fail-on",
        "never",
        &dir_s,
    ];
    let whole = time(|| {
        let _ = Command::new(&bin).args(args).output();
    });
    row("(c) seolint process over the corpus (+ site)", whole);
    println!(
        "peak memory of that process: {} KB",
        child_peak_kb(&bin, &args).unwrap_or(0)
    );

    // rumdl, the fastest Markdown linter we know, on the same folder when it is installed
    // (`pip install rumdl`; `RUMDL=/path/to/rumdl` or on PATH)
    let rumdl = std::env::var("RUMDL").unwrap_or_else(|_| "rumdl".to_string());
    let rumdl_args = ["check", "--no-cache", "--no-config", dir_s.as_str()];
    if Command::new(&rumdl)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let theirs = time(|| {
            let _ = Command::new(&rumdl).args(rumdl_args).output();
        });
        row("(e) rumdl check over the corpus (for comparison)", theirs);
        println!(
            "seolint (c) is {:.1}x faster than rumdl (e); rumdl peak memory {} KB",
            theirs.as_secs_f64() / whole.as_secs_f64(),
            child_peak_kb(Path::new(&rumdl), &rumdl_args).unwrap_or(0)
        );
    } else {
        println!("(rumdl not found: `pip install rumdl`, or RUMDL=/path/to/rumdl, to compare)");
    }

    // one long article, whole process, repeated
    let words = |s: &str| s.split_whitespace().count();
    let long = files
        .iter()
        .filter(|(_, s)| (5000..9000).contains(&words(s)))
        .min_by_key(|(_, s)| words(s).abs_diff(6000));
    if let Some((path, text)) = long {
        let mut runs = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let _ = Command::new(&bin)
                .args(["--config", &cfg_s, "--format", "concise", path.as_str()])
                .output();
            runs.push(t.elapsed());
        }
        println!(
            "(d) one article as a whole process ({} words, {}): median of 20 {:.1} ms",
            words(text),
            path,
            median(runs).as_secs_f64() * 1e3
        );
    }
}
