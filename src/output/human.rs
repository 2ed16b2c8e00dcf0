//! Human output: miette's graphical report with the source snippet, the primary span and its
//! labels, then a summary line. The only place miette is used.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileReport;
use crate::output::{sanitize, sanitize_keep_offsets, Options, Summary};

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    help: Option<String>,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(None, SourceSpan::from(d.span.start..d.span.end));
        let others = d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(sanitize(&l.message)), SourceSpan::from(l.span.start..l.span.end))
        });
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

pub fn write(reports: &[FileReport], summary: &Summary, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    for r in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let source = NamedSource::new(r.path.clone(), sanitize_keep_offsets(&r.source));
        for d in &r.diagnostics {
            // the snippet's header carries path:line:col
            let report = Report {
                diagnostic: d,
                message: sanitize(&d.message),
                help: d.help.as_deref().map(sanitize),
                source: &source,
            };
            let mut buf = String::new();
            if handler.render_report(&mut buf, &report).is_err() {
                let lc = r.line_col(d.span.start);
                buf = format!(
                    "{}:{}:{}: {} [{}] {}\n",
                    r.path, lc.line, lc.column, d.severity, d.rule, report.message
                );
            }
            write!(out, "{buf}")?;
            writeln!(out)?;
        }
    }
    if !options.quiet {
        writeln!(out, "{}", summary.line())?;
    }
    Ok(())
}
