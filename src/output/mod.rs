//! Reporters: one file a format. Each writes every file's findings to one writer, in the order
//! the files were given, and the human one ends with a summary line.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::engine::{FileError, FileReport};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels (miette), and a summary line
    Human,
    /// One line a finding: `path:line:col: severity [rule] message`
    Concise,
    /// Our own documented JSON (see README)
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// JUnit XML, one testsuite per file
    Junit,
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be linted (read errors, not text).
    pub failed: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport], errors: &[FileError]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            failed: errors.len() + reports.iter().filter(|r| r.failed).count(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// "2 errors, 1 warning in 3 files".
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut line = format!("{}, {}", plural(self.errors, "error"), plural(self.warnings, "warning"));
        if self.infos > 0 {
            line.push_str(&format!(", {}", plural(self.infos, "info")));
        }
        line.push_str(&format!(" in {}", plural(self.files, "file")));
        if self.failed > 0 {
            line.push_str(&format!(" ({} could not be linted)", self.failed));
        }
        line
    }
}

pub struct Options {
    pub color: bool,
    pub quiet: bool,
}

pub fn write(
    format: Format,
    reports: &[FileReport],
    errors: &[FileError],
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let summary = Summary::of(reports, errors);
    match format {
        Format::Human => human::write(reports, &summary, options, out),
        Format::Concise => concise::write(reports, out),
        Format::Json => json::write(reports, errors, &summary, out),
        Format::Sarif => sarif::write(reports, out),
        Format::Github => github::write(reports, out),
        Format::Junit => junit::write(reports, out),
    }
}

/// A serde_json write error as an I/O error of the same kind (a closed pipe stays a closed pipe).
pub fn json_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

/// Text from an article, made safe for a terminal: control characters (ANSI escapes among them)
/// become visible escapes, so a crafted article cannot drive the terminal.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Like `sanitize`, but keeps every byte offset: each control character (other than line breaks
/// and tabs) becomes a visible character of the same UTF-8 length, so spans still point right.
pub fn sanitize_keep_offsets(text: &str) -> String {
    let keep = |c: char| c == '\n' || c == '\t' || c == '\r';
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            c if !c.is_control() || keep(c) => c,
            c if c.len_utf8() == 1 => '?',
            _ => '\u{bf}',
        })
        .collect()
}
