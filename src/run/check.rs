//! A lint run: every file linted and written as it is done, then the site checks, then the
//! report's end. With a fix mode, the fix loop ([`super::fix`]) instead.

use std::io::{self, Write};

use super::{error_line, open_output, Failure, FixMode, Plan, RunOptions};
use crate::engine::{self, LintedFile, Report};
use crate::input::FileError;
use crate::output::{self, Format, Reporter, Summary};

/// What a run did, for its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A report was written; its totals.
    Report(Summary),
    /// `--diff` printed the fixes: whether any file would change, whether any could not be read.
    Diff { changed: bool, failed: bool },
    /// `--fix` on standard input printed the fixed text: whether it could not be fixed.
    FixedText { failed: bool },
}

/// Lint (or fix) the plan's files and write the report. `say` gets the lines for standard
/// error: warnings, and the files that could not be linted.
pub fn check(mut plan: Plan, options: &RunOptions, say: &mut dyn FnMut(String)) -> Result<Outcome, Failure> {
    for w in plan.template_warnings() {
        say(w);
    }
    if options.fix != FixMode::Off {
        return super::fix::fix(plan, options, say);
    }
    let mut out =
        open_output(options.output_file.as_deref()).map_err(|e| Failure::new(format!("writing the report: {e}")))?;
    let mut written = ReportWriter::begin(options.format, &options.output_options(), &mut *out);
    let mut errors = std::mem::take(&mut plan.errors);
    // what site checks keep of every file; grown as files finish, not sized up front, so the
    // first files (the long ones, whose parse sets the peak) run beside small vectors
    let mut kept: Vec<Report> = Vec::new();
    let mut linted: Vec<LintedFile> = Vec::new();
    // the worker that linted a file renders what the format can render ahead (the human
    // format's snippets), then lets the text go: the run holds findings, not files
    let render = written.reporter.renderer();
    let prepare = |_: usize, result: Result<Report, FileError>| {
        result.map(|mut r| {
            let text = render.as_ref().map(|render| render(&r));
            if options.drops_sources() {
                r.drop_source();
            }
            (r, text)
        })
    };
    // the cache, when on: each file is looked up there before it is linted
    let cache = options
        .cache
        .then(|| engine::Cache::open(&plan.cache_dir(options.cache_dir.as_deref()), &plan.inputs));
    let lint = |input: &crate::input::Input, settings: &crate::settings::Settings| match &cache {
        Some(cache) => cache.lint(input, settings),
        None => engine::lint_input(input, settings),
    };
    engine::lint_inputs_with(&plan.inputs, lint, prepare, |k, result| match result {
        Ok((mut r, text)) => {
            written.file(&r, text);
            if plan.site_run {
                r.forget_findings();
                let (input, settings) = &plan.inputs[k];
                linted.push(LintedFile {
                    report: kept.len(),
                    path: input.path(),
                    settings,
                });
                kept.push(r);
            }
        }
        Err(e) => errors.push(e),
    });
    if let Some(cache) = cache {
        // a folder the run may not write to (a read-only checkout) costs speed, not results:
        // said only for other failures
        match cache.save() {
            Err(e)
                if !matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                say(format!("warning: cannot write the cache: {e}"));
            }
            _ => {}
        }
    }
    if plan.site_run {
        kept.shrink_to_fit();
        linted.shrink_to_fit();
        let others = super::site::site_others(&linted, &plan);
        engine::run_site_checks(&mut kept, &linted, others, |index, r| {
            if !r.diagnostics.is_empty() {
                written.more(index, r);
            }
            r.forget_findings();
        });
    }
    let (summary, result) = written.finish(&errors);
    drop(out);
    for e in &errors {
        say(error_line(e));
    }
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::new(format!("writing the report: {e}"))),
        _ => Ok(Outcome::Report(summary)),
    }
}

/// A report being written: the reporter, where it writes, the totals so far. After a write
/// fails (a closed pipe) it keeps counting, so that the exit code still tells.
pub(super) struct ReportWriter<'w> {
    reporter: Box<dyn Reporter>,
    out: &'w mut dyn Write,
    summary: Summary,
    error: Option<io::Error>,
    unsafe_fixes: bool,
}

impl<'w> ReportWriter<'w> {
    pub(super) fn begin(format: Format, options: &output::Options, out: &'w mut dyn Write) -> ReportWriter<'w> {
        let mut reporter = output::reporter(format, options);
        let error = reporter.begin(out).err();
        ReportWriter {
            reporter,
            out,
            summary: Summary::default(),
            error,
            unsafe_fixes: options.unsafe_fixes,
        }
    }

    /// A linted file's findings (`rendered`: what the reporter rendered of it ahead).
    pub(super) fn file(&mut self, r: &Report, rendered: Option<String>) {
        self.summary.add_file(r);
        self.summary.add_findings(r);
        self.summary.add_fixable(r, self.unsafe_fixes);
        if self.error.is_none() {
            self.error = self.reporter.file(r, rendered, self.out).err();
        }
    }

    /// After `--fix`: how many findings it fixed, for the summary.
    pub(super) fn fixed(&mut self, fixed: usize) {
        self.summary.fixed = Some(fixed);
    }

    /// More findings of the `index`-th file written (site checks come after every file).
    fn more(&mut self, index: usize, r: &Report) {
        self.summary.add_findings(r);
        self.summary.add_fixable(r, self.unsafe_fixes);
        if self.error.is_none() {
            self.error = self.reporter.more(index, r, self.out).err();
        }
    }

    /// The end of the document, and flushed; the totals, counting `errors` (files that could
    /// not be read), and the first write error if any.
    pub(super) fn finish(mut self, errors: &[FileError]) -> (Summary, io::Result<()>) {
        self.summary.failed += errors.len();
        if let Some(e) = self.error {
            return (self.summary, Err(e));
        }
        let result = self.reporter.finish(&self.summary, errors, self.out);
        (self.summary, result.and_then(|_| self.out.flush()))
    }
}

/// Lint the plan's files and run the site checks, keeping every report whole (with its text):
/// for a caller that holds the run (see [`crate::lint_paths`]).
pub fn lint_all(plan: &Plan) -> (Vec<Report>, Vec<FileError>) {
    let mut reports = Vec::with_capacity(plan.inputs.len());
    let mut errors = plan.errors.clone();
    let mut linted = Vec::new();
    engine::lint_inputs_each(&plan.inputs, |k, result| match result {
        Ok(r) => {
            let (input, settings) = &plan.inputs[k];
            linted.push(LintedFile {
                report: reports.len(),
                path: input.path(),
                settings,
            });
            reports.push(r);
        }
        Err(e) => errors.push(e),
    });
    if plan.site_run {
        let others = super::site::site_others(&linted, plan);
        engine::run_site_checks(&mut reports, &linted, others, |_, _| {});
    }
    (reports, errors)
}
