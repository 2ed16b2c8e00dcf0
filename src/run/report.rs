//! `seolint report`: lint the plan's files as a lint run does (site checks too), measure each
//! article as `seolint stats` does, and write the site report (HTML, or its table as CSV or JSON).

use std::io::{self, Write};
use std::path::Path;

use super::{error_line, open_output, Failure, Plan};
use crate::engine::{self, LintedFile, Report};
use crate::report::{Article, Finding, Loss, Row, SiteReport};
use crate::settings::Settings;
use crate::stats::score::{self, Status};

/// What `seolint report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page (default file: report.html)
    Html,
    /// The articles table as CSV (RFC 4180), to standard output unless -o
    Csv,
    /// The articles table as a JSON array, to standard output unless -o
    Json,
}

/// How many of the score's losses the details panel lists.
const LOSSES: usize = 5;

/// The figures of one article, measured on the worker that linted it.
struct Measured {
    title: Option<String>,
    words: usize,
    keyword: Option<(String, bool)>,
    density: Option<f64>,
    reading_minutes: u64,
    score: Option<u32>,
    losses: Vec<Loss>,
}

/// Lint and measure the plan's files and write the report to `output` (standard output for
/// `None`). Returns whether a file could not be linted (unreadable, binary, not UTF-8, too
/// large). A path that names nothing fails the run before anything is written: a report that
/// silently leaves part of the site out would mislead.
pub fn report(
    mut plan: Plan,
    format: ReportFormat,
    output: Option<&Path>,
    say: &mut dyn FnMut(String),
) -> Result<bool, Failure> {
    if let Some(last) = plan.errors.pop() {
        for e in &plan.errors {
            say(error_line(e));
        }
        return Err(Failure::new(error_line(&last)));
    }
    for w in plan.template_warnings() {
        say(w);
    }
    let mut reports: Vec<Report> = Vec::new();
    let mut measured: Vec<Option<Measured>> = Vec::new();
    let mut linted: Vec<LintedFile> = Vec::new();
    let mut unreadable: Vec<crate::input::FileError> = Vec::new();
    let mut failed = false;
    // on the worker that linted the file, while the report still has its text
    let prepare = |k: usize, result: Result<Report, crate::input::FileError>| {
        result.map(|mut r| {
            let figures = (!r.failed).then(|| measure(&r, &plan.inputs[k].1));
            r.drop_source();
            (r, figures)
        })
    };
    engine::lint_inputs_map(&plan.inputs, prepare, |k, result| match result {
        Ok((r, figures)) => {
            // binary or not UTF-8: its row says so, and the run exits 2 as a lint run does
            failed |= r.failed;
            let (input, settings) = &plan.inputs[k];
            linted.push(LintedFile {
                report: reports.len(),
                path: input.path(),
                settings,
            });
            reports.push(r);
            measured.push(figures);
        }
        Err(e) => {
            // unreadable, or over the size limit: a row of its own as well, first among the worst
            failed = true;
            say(error_line(&e));
            unreadable.push(e);
        }
    });
    let mut clusters = Vec::new();
    if plan.site_run {
        let others = super::site::site_others(&linted, &plan);
        engine::run_site_checks_then(
            &mut reports,
            &linted,
            others,
            |_, _| {},
            |site, pillars| clusters = crate::report::clusters(site, pillars),
        );
    }
    let articles = reports
        .iter()
        .zip(measured)
        .map(|(r, m)| article(r, m))
        .chain(unreadable.iter().map(unreadable_article))
        .collect();
    let report = SiteReport::new(articles, clusters);
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match format {
            ReportFormat::Html => {
                out.write_all(crate::report::html(&report, env!("CARGO_PKG_VERSION"), &status_of).as_bytes())
            }
            ReportFormat::Csv => crate::report::csv(&report, out),
            ReportFormat::Json => crate::report::json(&report, out),
        }
    };
    let written = match output {
        // the whole report, then one rename: an earlier report is never left half overwritten
        Some(path) => {
            let mut text = Vec::new();
            write(&mut text).and_then(|()| write_new(path, &text))
        }
        None => open_output(None).and_then(|mut out| {
            write(&mut *out)?;
            out.flush()
        }),
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::new(format!("writing the report: {e}"))),
        _ => Ok(failed),
    }
}

/// Write `content` to `path` through a temporary file beside it, renamed over `path`.
fn write_new(path: &Path, content: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".seolint-report").tempfile_in(dir)?;
    // the temporary file is private to its owner; the report is as readable as the one it
    // replaces, or as a file made by hand
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The row of a file that could not be read (or is over the size limit): one error, what it was.
fn unreadable_article(e: &crate::input::FileError) -> Article {
    Article {
        row: Row {
            file: e.path.clone(),
            title: None,
            words: 0,
            keyword: None,
            density: None,
            reading_minutes: 0,
            errors: 1,
            warnings: 0,
            info: 0,
            score: None,
        },
        findings: vec![Finding {
            line: 1,
            column: 1,
            severity: crate::diagnostic::Severity::Error.as_str(),
            rule: crate::rules::INVALID_FILE,
            message: e.message.clone(),
        }],
        losses: Vec::new(),
        declared_keyword: false,
        failed: true,
    }
}

/// The score's band as the page colours it.
fn status_of(score: Option<u32>) -> &'static str {
    match score.map(score::status_of) {
        Some(Status::Good) => "good",
        Some(Status::Ok) => "ok",
        Some(Status::Bad) => "bad",
        None => "none",
    }
}

/// Parse the report's text once more for the figures `seolint stats` gives (the score from the
/// report's findings, which are the lint's before site checks), and the title.
fn measure(r: &Report, settings: &Settings) -> Measured {
    let doc = crate::stats::parse(&r.path, r.source().to_string(), settings);
    let stats = crate::stats::compute_linted(&r.path, &doc, settings, &r.diagnostics);
    let title = crate::rules::meta::page_title(&doc, settings)
        .map(|t| crate::rules::meta::visible(&t))
        .filter(|t| !t.is_empty());
    let losses = stats
        .score
        .as_ref()
        .map(|s| {
            s.checks
                .iter()
                .filter(|c| c.lost() > 0)
                .take(LOSSES)
                .map(|c| Loss {
                    check: c.check,
                    lost: c.lost(),
                    message: c.message.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Measured {
        title,
        words: stats.words,
        density: stats.keyword.as_ref().map(|k| (k.density * 100.0).round() / 100.0),
        keyword: stats.keyword.map(|k| {
            (
                k.keyword,
                k.source != crate::requirements::Source::CommandLine.to_string(),
            )
        }),
        reading_minutes: stats.reading_time_computed,
        score: stats.score.map(|s| s.value),
        losses,
    }
}

fn article(r: &Report, m: Option<Measured>) -> Article {
    let count = |s: crate::diagnostic::Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
    let findings = r
        .diagnostics
        .iter()
        .map(|d| {
            let at = r.line_col(d.span.start);
            Finding {
                line: at.line,
                column: at.column,
                severity: d.severity.as_str(),
                rule: d.rule,
                message: d.message.clone(),
            }
        })
        .collect();
    let (keyword, declared_keyword) = match m.as_ref().and_then(|m| m.keyword.clone()) {
        Some((k, declared)) => (Some(k), declared),
        None => (None, false),
    };
    Article {
        row: Row {
            file: r.path.to_string(),
            title: m.as_ref().and_then(|m| m.title.clone()),
            words: m.as_ref().map_or(0, |m| m.words),
            keyword,
            density: m.as_ref().and_then(|m| m.density),
            reading_minutes: m.as_ref().map_or(0, |m| m.reading_minutes),
            errors: count(crate::diagnostic::Severity::Error),
            warnings: count(crate::diagnostic::Severity::Warning),
            info: count(crate::diagnostic::Severity::Info),
            score: m.as_ref().and_then(|m| m.score),
        },
        findings,
        losses: m.map(|m| m.losses).unwrap_or_default(),
        declared_keyword,
        failed: r.failed,
    }
}
