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

/// Renders findings with their snippets; one per run.
pub struct Writer {
    handler: GraphicalReportHandler,
    quiet: bool,
}

impl Writer {
    pub fn new(options: &Options) -> Writer {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Writer {
            handler: GraphicalReportHandler::new_themed(theme).with_context_lines(1),
            quiet: options.quiet,
        }
    }

    /// A file's findings, each with the source around it (`r` must still hold its text).
    pub fn file(&self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if r.diagnostics.is_empty() {
            return Ok(());
        }
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
            if self.handler.render_report(&mut buf, &report).is_err() {
                let lc = r.line_col(d.span.start);
                buf = format!(
                    "{}:{}:{}: {} [{}] {}\n",
                    r.path, lc.line, lc.column, d.severity, d.rule, report.message
                );
            }
            write!(out, "{buf}")?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// The summary line (unless quiet).
    pub fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if !self.quiet {
            writeln!(out, "{}", summary.line())?;
        }
        Ok(())
    }
}

pub fn write(reports: &[FileReport], summary: &Summary, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let w = Writer::new(options);
    for r in reports {
        w.file(r, out)?;
    }
    w.finish(summary, out)
}
