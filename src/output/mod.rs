//! Reporters: one file a format, each a [`Reporter`]. Each writes every file's findings to one
//! writer, in the order the files were given, and the human one ends with a summary line.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::input::FileError;

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

/// The lowest severity that fails a run (`--fail-on`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Never,
}

/// When findings fail a run: `--fail-on` and `--max-warnings`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gate {
    pub fail_on: FailOn,
    pub max_warnings: Option<usize>,
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
    /// Findings whose fix `--fix` applies (with `--unsafe-fixes` when the run has it).
    pub fixable: usize,
    /// Findings whose fix only `--unsafe-fixes` applies.
    pub unsafe_fixable: usize,
    /// With `--fix`: the findings it fixed.
    pub fixed: Option<usize>,
}

impl Summary {
    pub fn of(reports: &[Report], errors: &[FileError]) -> Summary {
        let mut s = Summary {
            failed: errors.len(),
            ..Summary::default()
        };
        for r in reports {
            s.add_file(r);
            s.add_findings(r);
        }
        s
    }

    /// Count a file (and whether it could be linted).
    pub fn add_file(&mut self, r: &Report) {
        self.files += 1;
        self.failed += usize::from(r.failed);
    }

    /// Count a file's findings (more of them, for a file already counted).
    pub fn add_findings(&mut self, r: &Report) {
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Count the fixes of a file's findings.
    pub fn add_fixable(&mut self, r: &Report, unsafe_fixes: bool) {
        for d in &r.diagnostics {
            if d.fixable(unsafe_fixes) {
                self.fixable += 1;
            } else if d.fix.is_some() {
                self.unsafe_fixable += 1;
            }
        }
    }

    /// The exit code under `gate`: 2 when a file could not be linted, 1 when findings fail the
    /// run, else 0.
    pub fn exit_code(&self, gate: &Gate) -> u8 {
        if self.failed > 0 {
            2
        } else {
            u8::from(self.failure(gate).is_some())
        }
    }

    /// Why findings fail the run under `gate`, or `None` when they do not: "warnings present
    /// (--fail-on warning)", "26 warnings exceed --max-warnings 10".
    pub fn failure(&self, gate: &Gate) -> Option<String> {
        // files that could not be linted (exit 2) are said by the summary line itself
        let mut reasons = Vec::new();
        let present = match gate.fail_on {
            FailOn::Error => (self.errors > 0).then_some("errors"),
            FailOn::Warning => match (self.errors > 0, self.warnings > 0) {
                (true, true) => Some("errors and warnings"),
                (true, false) => Some("errors"),
                (false, true) => Some("warnings"),
                (false, false) => None,
            },
            FailOn::Never => None,
        };
        if let Some(what) = present {
            let level = if gate.fail_on == FailOn::Error {
                "error"
            } else {
                "warning"
            };
            reasons.push(format!("{what} present (--fail-on {level})"));
        }
        if let Some(max) = gate.max_warnings.filter(|&max| self.warnings > max) {
            let (n, verb) = if self.warnings == 1 {
                ("warning", "exceeds")
            } else {
                ("warnings", "exceed")
            };
            reasons.push(format!("{} {n} {verb} --max-warnings {max}", self.warnings));
        }
        (!reasons.is_empty()).then(|| reasons.join(", and "))
    }

    /// The summary line under `gate`, with the reason when the run fails: "0 errors, 26 warnings
    /// in 30 files; failed: 26 warnings exceed --max-warnings 10".
    pub fn verdict_line(&self, gate: &Gate) -> String {
        self.verdict_lines(gate, usize::MAX)
    }

    /// [`Summary::verdict_line`] for a terminal `width` columns wide: when it does not fit, the
    /// reason goes on a line of its own ("failed: ..."), still the last.
    pub fn verdict_lines(&self, gate: &Gate, width: usize) -> String {
        let line = self.line();
        match self.failure(gate) {
            Some(reason) if line.len() + reason.len() + "; failed: ".len() > width => {
                format!("{line};\nfailed: {reason}")
            }
            Some(reason) => format!("{line}; failed: {reason}"),
            None => line,
        }
    }

    /// "3 fixable with --fix (1 more with --unsafe-fixes)", or "1 fixable with --unsafe-fixes",
    /// when there is any fix; after `--fix`, "2 fixed, 1 remaining fixable".
    pub fn fixable_line(&self) -> Option<String> {
        if let Some(fixed) = self.fixed {
            return Some(format!("{fixed} fixed, {} remaining fixable", self.fixable));
        }
        if self.fixable + self.unsafe_fixable == 0 {
            return None;
        }
        if self.fixable == 0 {
            return Some(format!("{} fixable with --unsafe-fixes", self.unsafe_fixable));
        }
        let more = if self.unsafe_fixable > 0 {
            format!(" ({} more with --unsafe-fixes)", self.unsafe_fixable)
        } else {
            String::new()
        };
        Some(format!("{} fixable with --fix{more}", self.fixable))
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

/// How a report is shown: colour (a terminal), whether the human format ends with its summary
/// line, the width it wraps to, and what the summary says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub color: bool,
    pub quiet: bool,
    /// The terminal's width, when known: the human format wraps messages to it and cuts long
    /// source lines to fit it. Unknown (a file, a pipe): wrapped at [`DEFAULT_WIDTH`].
    pub width: Option<usize>,
    /// When findings fail the run: the summary line says why.
    pub gate: Gate,
    /// Counts per rule instead of findings (`--statistics`).
    pub statistics: bool,
    /// Fixes that rewrite prose count as fixable (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

/// The width the human format wraps messages to when no terminal width is known.
pub const DEFAULT_WIDTH: usize = 200;

/// One output format. A run calls [`Reporter::begin`], then [`Reporter::file`] for each linted
/// file in input order (and [`Reporter::more`] for findings the site checks add after every
/// file's own), then [`Reporter::finish`] once. Formats that can, write as files come, so a run
/// keeps no findings; JUnit, which starts with totals, keeps them until `finish`.
pub trait Reporter {
    /// Write the start of the document.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// What makes the text [`Reporter::file`] will write, for the threads that lint the files to
    /// run ahead, or `None`. The human format renders its snippets so: rendering costs more than
    /// linting, and a file's text can go once it is rendered.
    fn renderer(&self) -> Option<Render> {
        None
    }

    /// A linted file's findings; `rendered` is what the [`Reporter::renderer`] made of it.
    fn file(&mut self, report: &Report, rendered: Option<String>, out: &mut dyn Write) -> io::Result<()>;

    /// More findings for the file given `index`-th (from 0) to [`Reporter::file`]: those the site
    /// checks found, which come after every file's own; `report` holds only those.
    fn more(&mut self, index: usize, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let _ = index;
        self.file(report, None, out)
    }

    /// Write the end of the document, with the totals and the files that could not be linted.
    fn finish(&mut self, summary: &Summary, errors: &[FileError], out: &mut dyn Write) -> io::Result<()>;
}

/// Renders a file's findings ahead, on the thread that linted it (see [`Reporter::renderer`]).
pub type Render = Box<dyn Fn(&Report) -> String + Send + Sync>;

/// The reporter of `format`.
pub fn reporter(format: Format, options: &Options) -> Box<dyn Reporter> {
    if options.statistics {
        return Box::new(statistics::Statistics::new(format, options));
    }
    match format {
        Format::Human => Box::new(human::Human::new(options)),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::new()),
        Format::Github => Box::new(github::Github),
        Format::Junit => Box::new(junit::Junit::default()),
    }
}

/// Write `reports` (and the files that could not be linted) in `format`: the whole run at once,
/// for a caller that holds it (see [`crate::lint_paths`]).
pub fn write(
    format: Format,
    reports: &[Report],
    errors: &[FileError],
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut reporter = reporter(format, options);
    reporter.begin(out)?;
    for r in reports {
        reporter.file(r, None, out)?;
    }
    let mut summary = Summary::of(reports, errors);
    for r in reports {
        summary.add_fixable(r, options.unsafe_fixes);
    }
    reporter.finish(&summary, errors, out)
}

/// A serde_json write error as an I/O error of the same kind (a closed pipe stays a closed pipe).
pub fn json_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

/// Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): they
/// reorder the text after them on screen, so a name or message could show other words than it
/// holds ("Trojan Source"). Escaped like control characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Could `text` hold a control character other than those `keep` allows, or a bidi control?
/// Control characters (Unicode's Cc) are the bytes below 0x20, 0x7F, and U+0080-U+009F, which
/// UTF-8 writes as 0xC2 then 0x80-0x9F; the bidi controls start with 0xE2. A text without such
/// bytes has none, and most text is checked byte by byte without decoding it.
fn may_hold_control(text: &str, keep: &[u8]) -> bool {
    text.as_bytes()
        .iter()
        .any(|&b| (b < 0x20 && !keep.contains(&b)) || b == 0x7F || b == 0xC2 || b == 0xE2)
}

/// Is `c` shown as an escape, with `keep` the control characters left as they are?
fn escaped(c: char, keep: &[char]) -> bool {
    (c.is_control() && !keep.contains(&c)) || is_bidi_control(c)
}

fn escape_chars<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let keep_bytes: Vec<u8> = keep.iter().map(|&c| c as u8).collect();
    if !may_hold_control(text, &keep_bytes) || !text.chars().any(|c| escaped(c, keep)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c, keep) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text from an article, made safe for a terminal: control characters (ANSI escapes among them)
/// and bidi controls become visible escapes, so a crafted article cannot drive the terminal or
/// reorder what it shows. Line breaks and tabs stay. Borrowed when there is none (nearly always).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    escape_chars(text, &['\n', '\t'])
}

/// A path (or any text that must stay on one line) made safe for a terminal: like [`sanitize`],
/// and line breaks and tabs are escaped too, so a file name cannot split a line of output.
pub fn escape_path(text: &str) -> Cow<'_, str> {
    escape_chars(text, &[])
}

/// Like `sanitize`, but keeps every byte offset: each control character (other than line breaks
/// and tabs) becomes a visible character of the same UTF-8 length, so spans still point right.
pub fn sanitize_keep_offsets(text: &str) -> String {
    let keep = ['\n', '\t', '\r'];
    if !may_hold_control(text, b"\n\t\r") || !text.chars().any(|c| escaped(c, &keep)) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            c if !escaped(c, &keep) => c,
            c if c.len_utf8() == 1 => '?',
            // the bidi controls take 3 bytes, as U+FFFD does
            c if c.len_utf8() == 3 => '\u{FFFD}',
            _ => '\u{bf}',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte check never lets a control character through: every Unicode scalar value that is
    /// one (but the kept line breaks and tabs) is caught, alone and inside other text.
    #[test]
    fn byte_check_sees_every_control_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            let inside = format!("ab{c}é");
            if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) {
                assert!(may_hold_control(&alone, b"\n\t"), "{c:?}");
                assert_eq!(sanitize(&inside), format!("ab{}é", c.escape_default()));
            } else {
                assert_eq!(sanitize(&inside), inside.as_str(), "{c:?}");
            }
        }
        assert_eq!(sanitize_keep_offsets("a\u{1b}[0m\u{85}b\r\n"), "a?[0m\u{bf}b\r\n");
        assert_eq!(sanitize_keep_offsets("a\u{202e}b"), "a\u{fffd}b");
    }

    /// A path never reaches a terminal with a character that moves the cursor, ends the line
    /// or reorders the text: ESC, OSC's BEL, CR, LF, backspace, U+202E.
    #[test]
    fn paths_are_one_visible_line() {
        assert_eq!(
            escape_path("a\u{1b}]0;x\u{7}b\r\nc\u{8}\u{202e}d\te.md"),
            "a\\u{1b}]0;x\\u{7}b\\r\\nc\\u{8}\\u{202e}d\\te.md"
        );
        assert_eq!(escape_path("plain/path é.md"), "plain/path é.md");
    }
}
