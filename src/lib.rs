//! seolint: lint Markdown articles and validate the SEO checklist of the template they were
//! written from.
//!
//! The API for an editor, a test or another program: [`lint_str`] lints one text in memory,
//! [`lint_paths`] lints files and folders as the `seolint` command does (config discovery,
//! exclusions, site checks). [`output::write`] writes reports in any of the command's formats.
//! The command line itself is a thin client of [`run`].

pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod engine;
pub mod fields;
pub mod fix;
pub mod generator;
pub mod input;
pub mod output;
pub mod patterns;
pub mod report;
pub mod requirements;
pub mod rules;
pub mod run;
pub mod server;
pub mod settings;
pub mod site;
pub mod stats;
pub mod suggest;
pub mod suppress;
pub mod template;
pub mod text;

use std::path::{Path, PathBuf};

pub use engine::Report;
pub use input::FileError;
pub use run::{Failure, LintOptions};
pub use settings::Settings;

/// Lint `text` as the article at `path` (which need not exist: it names the findings, and its
/// folder is where local images are looked for), under `settings`. Site checks, which need the
/// other pages, do not run.
///
/// ```
/// use std::path::Path;
/// use seolint::{lint_str, Settings};
///
/// let text = "# Cold brew at home\n\nBy [AUTHOR_NAME].\n";
/// let report = lint_str(text, Path::new("cold-brew.md"), &Settings::default());
/// let placeholder = report.diagnostics.iter().find(|d| d.rule == "placeholder").unwrap();
/// assert_eq!(&text[placeholder.span.start..placeholder.span.end], "[AUTHOR_NAME]");
/// assert_eq!(report.line_col(placeholder.span.start).line, 3);
/// ```
pub fn lint_str(text: &str, path: &Path, settings: &Settings) -> Report {
    engine::lint_source(crate::input::display_path(path), text.to_string(), settings)
}

/// Lint files and folders as the `seolint` command does: folders walked for Markdown
/// (honouring `.gitignore`), each file with the settings of its `.seolint.yaml` (or
/// `options.config`), config `exclude` and partials left out, and site checks for a folder or a
/// configured content root. `-` among the paths reads standard input. Reports come in input
/// order (standard input, then files sorted by path), each with its text and its site findings
/// among its own; errors name the files that could not be read. Fails, as the command does, on
/// a config or template that does not load.
///
/// ```
/// use seolint::{lint_paths, LintOptions};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.md"), "# Cold brew at home\n\nBy [AUTHOR_NAME].\n")?;
/// let options = LintOptions { no_config: true, ..LintOptions::default() };
/// let (reports, errors) = lint_paths(vec![dir.path().to_path_buf()], &options)?;
/// assert!(errors.is_empty());
/// assert_eq!(reports.len(), 1);
/// assert!(reports[0].diagnostics.iter().any(|d| d.rule == "placeholder"));
///
/// // written as `seolint --format concise` writes them
/// let mut out = Vec::new();
/// let shown = seolint::output::Options { quiet: true, ..Default::default() };
/// seolint::output::write(seolint::output::Format::Concise, &reports, &errors, &shown, &mut out)?;
/// assert!(String::from_utf8(out)?.contains("a.md:3:4: error [placeholder]"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn lint_paths(paths: Vec<PathBuf>, options: &LintOptions) -> Result<(Vec<Report>, Vec<FileError>), Failure> {
    let plan = run::Plan::for_lint(paths, options)?;
    Ok(run::lint_all(&plan))
}

#[cfg(test)]
mod testing;
