//! A run of the command line: a [`Plan`] (the files, each with its settings, and the run's own
//! options kept apart from them), then one of the things a run does with it: lint and report
//! ([`check`]), fix ([`check`] with [`FixMode::Fix`] or [`FixMode::Diff`]), measure ([`stats`]),
//! report on the site ([`report()`]);
//! and the commands that lint nothing (`rules`, `explain`, `config`, `init`).
//!
//! A run writes its report to standard output or the output file; what it has to say besides
//! (a file that could not be read, a warning) goes to a `say` callback, one line each, so that
//! the caller decides how lines on standard error look.

mod cache;
mod check;
mod commands;
mod fix;
mod plan;
mod report;
mod site;
mod stats;

use std::io::{self, Write};
use std::path::PathBuf;

pub use cache::{clean, CACHE_DIR_NAME};
pub use check::{check, lint_all, Outcome};
pub use commands::{explain, init, rules_table, show_config};
pub use plan::{LintOptions, Plan};
pub use report::{report, ReportFormat};
pub use stats::stats;

use crate::input::FileError;
use crate::output::{self, Format};

/// What a run could not do, as one line (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Failure(pub String);

impl Failure {
    fn new(message: impl std::fmt::Display) -> Failure {
        Failure(message.to_string())
    }
}

/// Whether a run changes files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report findings, change nothing.
    #[default]
    Off,
    /// Apply fixes in place, then report what remains.
    Fix,
    /// Print the fixes as a unified diff, change nothing.
    Diff,
}

/// How a lint run treats its files and shows its report: the options of the run, apart from
/// each file's [`crate::settings::Settings`].
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub fix: FixMode,
    /// With a fix mode: apply unsafe fixes too (those that rewrite prose).
    pub unsafe_fixes: bool,
    pub format: Format,
    /// Write the report here instead of standard output.
    pub output_file: Option<PathBuf>,
    /// Colour the report.
    pub color: bool,
    /// Findings only: no summary line, no closing hint.
    pub quiet: bool,
    /// The terminal's width, when known: the human format fits its output to it.
    pub width: Option<usize>,
    /// When findings fail the run (`--fail-on`, `--max-warnings`).
    pub gate: output::Gate,
    /// Counts per rule instead of findings.
    pub statistics: bool,
    /// Use the result cache (`--no-cache` turns it off; fixes never use it).
    pub cache: bool,
    /// `--cache-dir`: the cache folder, over `SEOLINT_CACHE_DIR` and the project's.
    pub cache_dir: Option<PathBuf>,
}

impl RunOptions {
    /// Reports keep positions but not the text once written: only a fix needs the text after
    /// linting (the human format renders its snippets before the text goes).
    pub fn drops_sources(&self) -> bool {
        self.fix == FixMode::Off
    }

    fn output_options(&self) -> output::Options {
        output::Options {
            color: self.color,
            quiet: self.quiet,
            width: self.width,
            gate: self.gate,
            statistics: self.statistics,
            unsafe_fixes: self.unsafe_fixes,
        }
    }
}

/// Write `text` to standard output. A reader that has gone (`| head`, `| true`) ends the output
/// quietly and the run keeps the exit code it would have had; any other write error fails it.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::new(format!("writing to standard output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Where a report goes: the output file, or standard output.
fn open_output(file: Option<&std::path::Path>) -> io::Result<Box<dyn Write>> {
    Ok(match file {
        Some(path) => Box::new(io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    })
}

/// The line for a file that could not be used: `path: message`.
fn error_line(e: &FileError) -> String {
    format!("{}: {}", output::escape_path(&e.path), e.message)
}
