//! JUnit XML for CI systems that show test reports: one testsuite per file, one failing testcase
//! per finding (a clean file has one passing testcase). Text is escaped, and characters XML 1.0
//! forbids are dropped.

use std::io::{self, Write};

use crate::engine::FileReport;

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

pub fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="seolint" tests="{total}" failures="{failures}" errors="0">"#
    )?;
    for r in reports {
        let path = xml(&r.path);
        let n = r.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{n}" errors="0">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(out, r#"    <testcase name="seolint" classname="{path}"/>"#)?;
        }
        for d in &r.diagnostics {
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
            writeln!(out, r#"    <testcase name="{name}" classname="{path}">"#)?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{message}">{}</failure>"#,
                xml(d.rule),
                xml(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
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
