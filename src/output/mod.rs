//! Reporters: one file a format. Each writes every file's findings to one writer, in the order
//! the files were given, and the human one ends with a summary line.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::borrow::Cow;
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
    pub fn add_file(&mut self, r: &FileReport) {
        self.files += 1;
        self.failed += usize::from(r.failed);
    }

    /// Count a file's findings (more of them, for a file already counted).
    pub fn add_findings(&mut self, r: &FileReport) {
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
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

/// Does `format` print a file's findings without knowing the others' (so that a run can write
/// each file as it finishes and keep no findings)? JUnit starts with totals; human ends with them.
pub fn streams(format: Format) -> bool {
    matches!(
        format,
        Format::Human | Format::Concise | Format::Json | Format::Sarif | Format::Github
    )
}

/// A report written file by file, in a format that [`streams`]; keeps the totals. After a
/// write fails (a closed pipe) it keeps counting, so that the exit code still tells.
pub struct Stream<'w> {
    out: &'w mut dyn Write,
    kind: StreamKind,
    pub summary: Summary,
    error: Option<io::Error>,
}

enum StreamKind {
    Human(Box<human::Writer>),
    Concise,
    Github,
    Json(json::Writer),
    Sarif(sarif::Writer),
}

impl<'w> Stream<'w> {
    /// `None` for a format that does not stream.
    pub fn begin(format: Format, options: &Options, out: &'w mut dyn Write) -> io::Result<Option<Stream<'w>>> {
        let kind = match format {
            Format::Human => StreamKind::Human(Box::new(human::Writer::new(options))),
            Format::Concise => StreamKind::Concise,
            Format::Github => StreamKind::Github,
            Format::Json => StreamKind::Json(json::Writer::begin(out)?),
            Format::Sarif => StreamKind::Sarif(sarif::Writer::begin(out)?),
            Format::Junit => return Ok(None),
        };
        Ok(Some(Stream {
            out,
            kind,
            summary: Summary::default(),
            error: None,
        }))
    }

    /// A linted file's findings.
    pub fn file(&mut self, r: &FileReport) {
        self.summary.add_file(r);
        self.findings(r);
    }

    /// A linted file whose findings are already rendered (the human format's snippets, made by
    /// the worker that linted it with [`human::Writer::render`]).
    pub fn file_rendered(&mut self, r: &FileReport, text: &str) {
        self.summary.add_file(r);
        self.summary.add_findings(r);
        if self.error.is_none() {
            self.error = self.out.write_all(text.as_bytes()).err();
        }
    }

    /// More findings for a file already written (site checks come after every file).
    pub fn findings(&mut self, r: &FileReport) {
        self.summary.add_findings(r);
        if self.error.is_some() {
            return;
        }
        let written = match &mut self.kind {
            StreamKind::Human(w) => w.file(r, self.out),
            StreamKind::Concise => concise::write_file(r, self.out),
            StreamKind::Github => github::write_file(r, self.out),
            StreamKind::Json(w) => w.file(self.out, r),
            StreamKind::Sarif(w) => w.file(self.out, r),
        };
        self.error = written.err();
    }

    /// The end of the document, and flushed; the totals, counting `errors` (files that could
    /// not be read), and the first write error if any.
    pub fn finish(mut self, errors: &[FileError]) -> (Summary, io::Result<()>) {
        self.summary.failed += errors.len();
        if let Some(e) = self.error {
            return (self.summary, Err(e));
        }
        let written = match self.kind {
            StreamKind::Json(w) => w.finish(self.out, errors, &self.summary),
            StreamKind::Sarif(w) => w.finish(self.out),
            StreamKind::Human(w) => w.finish(&self.summary, self.out),
            StreamKind::Concise | StreamKind::Github => Ok(()),
        };
        (self.summary, written.and_then(|_| self.out.flush()))
    }
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
