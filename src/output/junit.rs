//! JUnit XML for CI systems that show test reports: one testsuite per file, one failing testcase
//! per finding (a clean file has one passing testcase). Text is escaped, and characters XML 1.0
//! forbids are dropped.

use std::io::{self, Write};

use crate::engine::Report;
use crate::input::FileError;
use crate::output::{Reporter, Summary};

/// Escape for XML text and attributes, dropping characters XML 1.0 does not allow.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The JUnit document. It starts with the run's totals, so it is written at
/// [`Reporter::finish`]: each file's findings are kept until then, as the lines they become.
#[derive(Default)]
pub struct Junit {
    suites: Vec<Suite>,
}

/// One file's testsuite.
struct Suite {
    /// The path, escaped for XML.
    path: String,
    cases: Vec<Case>,
}

/// One finding's testcase: its place in the file's order of findings, and its XML.
struct Case {
    order: (usize, usize, &'static str),
    xml: String,
}

impl Junit {
    fn cases(r: &Report, path: &str) -> Vec<Case> {
        r.diagnostics
            .iter()
            .map(|d| {
                let lc = r.line_col(d.span.start);
                let name = xml(&format!("{} at {}:{}", d.rule, lc.line, lc.column));
                let message = xml(&d.message);
                let mut body = format!(
                    "{}:{}:{}: {} [{}] {}",
                    r.path, lc.line, lc.column, d.severity, d.rule, d.message
                );
                if let Some(h) = &d.help {
                    body.push_str(&format!("\nhelp: {h}"));
                }
                let xml = format!(
                    "    <testcase name=\"{name}\" classname=\"{path}\">\n      <failure type=\"{}\" message=\"{message}\">{}</failure>\n    </testcase>\n",
                    xml(d.rule),
                    xml(&body)
                );
                Case {
                    order: (d.span.start, d.span.end, d.rule),
                    xml,
                }
            })
            .collect()
    }
}

impl Reporter for Junit {
    fn file(&mut self, r: &Report, _: Option<String>, _: &mut dyn Write) -> io::Result<()> {
        let path = xml(&r.path);
        let cases = Junit::cases(r, &path);
        self.suites.push(Suite { path, cases });
        Ok(())
    }

    /// Site findings join the file's own, in the file's order of findings (as
    /// [`crate::engine::sort`] orders them; the sort is stable).
    fn more(&mut self, index: usize, r: &Report, _: &mut dyn Write) -> io::Result<()> {
        if let Some(suite) = self.suites.get_mut(index) {
            let more = Junit::cases(r, &suite.path);
            suite.cases.extend(more);
            suite.cases.sort_by(|a, b| a.order.cmp(&b.order));
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary, _: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        let total: usize = self.suites.iter().map(|s| s.cases.len().max(1)).sum();
        let failures: usize = self.suites.iter().map(|s| s.cases.len()).sum();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="seolint" tests="{total}" failures="{failures}" errors="0">"#
        )?;
        for suite in &self.suites {
            let (path, n) = (&suite.path, suite.cases.len());
            writeln!(
                out,
                r#"  <testsuite name="{path}" tests="{}" failures="{n}" errors="0">"#,
                n.max(1)
            )?;
            if n == 0 {
                writeln!(out, r#"    <testcase name="seolint" classname="{path}"/>"#)?;
            }
            for case in &suite.cases {
                out.write_all(case.xml.as_bytes())?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(
            super::xml("a<b>&\"'\u{1}\u{1b}c\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;&apos;c"
        );
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Severity, Span};
    use crate::engine::lint_source;
    use crate::settings::Settings;

    /// Findings that come later (site checks) join the file's own in the order a whole report
    /// sorts them: the same document as when the report held them all from the start.
    #[test]
    fn later_findings_join_in_file_order() {
        let text = "# Title\n\nBy [AUTHOR_NAME] and [AUTHOR_NAME].\n";
        let own = lint_source("a.md".into(), text.into(), &Settings::default());
        let late = |start: usize| Diagnostic::new("broken-link", Severity::Error, Span::new(start, start + 1), "m");
        let mut later = own.clone();
        later.diagnostics = vec![late(0), late(12)];
        let mut whole = own.clone();
        whole.diagnostics.extend(later.diagnostics.clone());
        crate::engine::sort(&mut whole.diagnostics);
        let write = |reports: &[(&Report, bool)]| {
            let mut junit = Junit::default();
            let mut out = Vec::new();
            for (k, (r, more)) in reports.iter().enumerate() {
                if *more {
                    junit.more(0, r, &mut out).expect("more");
                } else {
                    assert_eq!(k, 0);
                    junit.file(r, None, &mut out).expect("file");
                }
            }
            junit.finish(&Summary::default(), &[], &mut out).expect("finish");
            String::from_utf8(out).expect("utf-8")
        };
        let streamed = write(&[(&own, false), (&later, true)]);
        assert_eq!(streamed, write(&[(&whole, false)]));
        assert!(streamed.contains("broken-link at 3:4"), "{streamed}");
    }
}
