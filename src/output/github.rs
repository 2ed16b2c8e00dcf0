//! GitHub Actions workflow commands, one annotation a finding:
//! `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message`. Data is escaped as
//! GitHub specifies (`%`, CR, LF) and properties also escape `:` and `,`, so no text from an
//! article can end the command or start a new one.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::input::FileError;
use crate::output::{escape_path, Reporter, Summary};

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes each file's findings as they come.
pub struct Github;

impl Reporter for Github {
    fn file(&mut self, report: &Report, _: Option<String>, out: &mut dyn Write) -> io::Result<()> {
        write_file(report, out)
    }

    fn finish(&mut self, _: &Summary, _: &[FileError], _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// One file's findings.
pub fn write_file(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &r.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let s = r.line_col(d.span.start);
        let e = r.line_col(d.span.end);
        // the log shows the command as it is: no terminal escapes in it, as in the other formats
        // (line breaks stay: GitHub's own escapes carry them)
        let shown = |t: &str| super::escape_chars(t, &['\n', '\r', '\t']).into_owned();
        let mut message = shown(&d.message);
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {}", shown(h)));
        }
        writeln!(
            out,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&escape_path(&r.path)),
            s.line,
            s.column,
            e.line,
            e.column,
            escape_property(&format!("seolint {}", d.rule)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_breaks_out() {
        assert_eq!(escape_data("50% done\r\n::error::x"), "50%25 done%0D%0A::error::x");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    /// A finding's message quotes the article: its terminal escapes reach the log as text.
    #[test]
    fn control_characters_in_a_message_are_escaped() {
        let text = "# Title\n\nBy [AUTHOR_NAME: \u{1b}[2J\u{7} \u{8}].\n";
        let report = crate::engine::lint_source("a.md".into(), text.into(), &crate::settings::Settings::default());
        let mut out = Vec::new();
        write_file(&report, &mut out).expect("write");
        let out = String::from_utf8(out).expect("utf-8");
        assert!(out.contains("placeholder"), "{out}");
        for c in ['\u{1b}', '\u{7}', '\u{8}'] {
            assert!(!out.contains(c), "{c:?} in {out:?}");
        }
        assert!(out.contains("\\u{1b}[2J\\u{7} \\u{8}]"), "{out}");
    }
}
