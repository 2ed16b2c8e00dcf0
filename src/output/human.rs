//! Human output: miette's graphical report with the source snippet, the primary span and its
//! labels, then a summary line. The only place miette is used.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileReport;
use crate::output::{escape_path, sanitize, sanitize_keep_offsets, Options, Summary};

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    help: Option<String>,
    source: &'a Snippets,
}

/// A file's text as miette reads it for snippets, window by window. miette's own reader counts
/// lines from the top of the file for every finding (a quarter of a human run's time over the
/// corpus, and quadratic on a long file with many findings); this one hands it the text from a
/// few lines above the finding, found in an index of line starts, and adds the lines skipped.
/// miette counts a column in bytes (the `[file:line:col]` header reads it); this one counts
/// characters, as every other format does.
struct Snippets {
    name: String,
    text: String,
    /// Offset after each line break as miette counts them: `\n`, `\r\n`, a lone `\r`.
    starts: Vec<usize>,
}

impl Snippets {
    fn new(name: String, text: String) -> Snippets {
        let bytes = text.as_bytes();
        let starts = bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .map(|(i, _)| i + 1)
            .collect();
        Snippets { name, text, starts }
    }
}

impl SourceCode for Snippets {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // line breaks before the span, less the context lines and a margin: skipped whole
        let before = self.starts.partition_point(|&o| o <= span.offset());
        let skipped = before.saturating_sub(context_lines_before + 2);
        let window = if skipped == 0 { 0 } else { self.starts[skipped - 1] };
        let inner = self.text.as_bytes()[window..].read_span(
            &SourceSpan::new((span.offset() - window).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        // miette's column counts the bytes between the line start and the span (0 when the
        // contents start at a line start, as they do with context lines); ours, the characters
        let column = match inner.column() {
            0 => 0,
            bytes => {
                let line_start = if before == 0 { 0 } else { self.starts[before - 1] };
                self.text
                    .get(line_start..span.offset())
                    .map_or(bytes, |s| s.chars().count())
            }
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + window).into(), inner.span().len()),
            inner.line() + skipped,
            column,
            inner.line_count() + skipped,
        )))
    }
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
            LabeledSpan::new_with_span(
                Some(sanitize(&l.message).into_owned()),
                SourceSpan::from(l.span.start..l.span.end),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

/// The terminal width the report is laid out for (miette's default, set here so that
/// [`fits_unwrapped`] knows it); miette wraps a finding's message and help 2 columns short of it.
const WIDTH: usize = 200;

/// Renders findings with their snippets; one per run.
pub struct Writer {
    handler: GraphicalReportHandler,
    /// The same, without wrapping: for a finding whose message and help fit on their lines (see
    /// [`fits_unwrapped`]), where textwrap, a fifth of a human run, would change nothing.
    unwrapped: GraphicalReportHandler,
    quiet: bool,
}

/// Does miette's wrapping leave `text` as it is, after an indent of `indent` columns? One line,
/// no tab, no whitespace at either end, and narrower than the wrap width with a margin: textwrap
/// then returns the indent and the text, which is what the handler that does not wrap writes.
/// The width is counted from above: a character takes at most 2 columns (ASCII text, made
/// printable by `sanitize`, exactly 1).
fn fits_unwrapped(text: &str, indent: usize) -> bool {
    let columns = if text.is_ascii() {
        text.len()
    } else {
        2 * text.chars().count()
    };
    !text.is_empty() && !text.contains(['\n', '\r', '\t']) && text.trim() == text && indent + columns + 2 <= WIDTH - 2
}

impl Writer {
    pub fn new(options: &Options) -> Writer {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_context_lines(1)
            .with_width(WIDTH);
        Writer {
            unwrapped: handler.clone().with_wrap_lines(false),
            handler,
            quiet: options.quiet,
        }
    }

    /// A file's findings, each with the source around it (`r` must still hold its text).
    pub fn file(&self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.render(r).as_bytes())
    }

    /// What [`Writer::file`] writes, as text: a run renders in the worker that linted the file.
    pub fn render(&self, r: &FileReport) -> String {
        let mut text = String::new();
        if r.diagnostics.is_empty() {
            return text;
        }
        let source = Snippets::new(escape_path(&r.path).into_owned(), sanitize_keep_offsets(&r.source));
        for d in &r.diagnostics {
            // the snippet's header carries path:line:col
            let report = Report {
                diagnostic: d,
                message: sanitize(&d.message).into_owned(),
                help: d.help.as_deref().map(|h| sanitize(h).into_owned()),
                source: &source,
            };
            // the message follows a 4-column icon (`  ⚠ `), the help `  help: `
            let plain =
                fits_unwrapped(&report.message, 4) && report.help.as_deref().is_none_or(|h| fits_unwrapped(h, 8));
            let handler = if plain { &self.unwrapped } else { &self.handler };
            let mut buf = String::new();
            if handler.render_report(&mut buf, &report).is_err() {
                let lc = r.line_col(d.span.start);
                buf = format!(
                    "{}:{}:{}: {} [{}] {}\n",
                    source.name, lc.line, lc.column, d.severity, d.rule, report.message
                );
            }
            text.push_str(&buf);
            text.push('\n');
        }
        text
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use miette::NamedSource;

    /// What miette shows of a span, its column passed through `column` (from miette's bytes to
    /// characters for its own reader): the same from the windowed reader as from miette's.
    fn shown(
        source: &dyn SourceCode,
        span: SourceSpan,
        (before, after): (usize, usize),
        column: impl Fn(usize) -> usize,
    ) -> Option<String> {
        let c = source.read_span(&span, before, after).ok()?;
        Some(format!(
            "{:?} {:?} {} {} {} {:?}",
            String::from_utf8_lossy(c.data()),
            c.span(),
            c.line(),
            column(c.column()),
            c.line_count(),
            c.name()
        ))
    }

    /// Where a finding's message and help fit, the handler that does not wrap writes what the
    /// wrapping one writes: random messages and helps of every length around the wrap width,
    /// ASCII and wide characters, all three severities, with and without colour.
    #[test]
    fn unwrapped_rendering_is_the_same_where_the_text_fits() {
        let source = Snippets::new("a.md".to_string(), "# Title\n\nSome text here.\n".to_string());
        let mut rng = crate::text::tests::Xorshift(0x0bad_5eed_1234_5678);
        let (mut plain, mut wrapped) = (0, 0);
        for color in [false, true] {
            let w = Writer::new(&Options { color, quiet: false });
            for n in 0..600 {
                let len = 1 + (n * 7) % 260;
                let alphabet = if n % 3 == 0 {
                    "abc de fgh ijk lmn é日 "
                } else {
                    "abcd efgh ijkl mnop "
                };
                let message = rng.text(alphabet, len).trim().to_string();
                let help = rng.text(alphabet, 1 + (n * 13) % 240).trim().to_string();
                if message.is_empty() {
                    continue;
                }
                let severity = [Severity::Error, Severity::Warning, Severity::Info][n % 3];
                let d = Diagnostic::new("placeholder", severity, Span::new(2, 7), message.clone());
                let report = Report {
                    diagnostic: &d,
                    message: message.clone(),
                    help: (n % 4 != 0 && !help.is_empty()).then_some(help.clone()),
                    source: &source,
                };
                let fits =
                    fits_unwrapped(&report.message, 4) && report.help.as_deref().is_none_or(|h| fits_unwrapped(h, 8));
                if !fits {
                    wrapped += 1;
                    continue;
                }
                plain += 1;
                let (mut a, mut b) = (String::new(), String::new());
                w.handler.render_report(&mut a, &report).expect("render");
                w.unwrapped.render_report(&mut b, &report).expect("render");
                assert_eq!(a, b, "{message:?} / {help:?}");
            }
        }
        assert!(plain > 300 && wrapped > 300, "{plain} unwrapped, {wrapped} wrapped");
    }

    #[test]
    fn windowed_snippets_read_what_miette_reads() {
        let mut rng = crate::text::tests::Xorshift(0x5851_f42d_4c95_7f2d);
        let mut compared = 0;
        for len in 1..60 {
            for _ in 0..12 {
                let text = rng.text("ab c\n\r\n\r\n\ný", len);
                let ours = Snippets::new("a.md".into(), text.clone());
                let theirs = NamedSource::new("a.md", text.clone());
                for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    for end in [start, start + 1, start + 5, text.len()] {
                        if end < start || end > text.len() || !text.is_char_boundary(end) {
                            continue;
                        }
                        let span = SourceSpan::from(start..end);
                        // miette counts the bytes before the span on its line; ours, the
                        // characters since the line's start (after `\n` or a lone `\r`)
                        let line_start = text[..start]
                            .char_indices()
                            .rfind(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
                            .map_or(0, |(i, _)| i + 1);
                        let chars = |bytes: usize| match bytes {
                            0 => 0,
                            _ => text[line_start..start].chars().count(),
                        };
                        for context in [(0, 0), (1, 1), (2, 0), (0, 3)] {
                            assert_eq!(
                                shown(&ours, span, context, |c| c),
                                shown(&theirs, span, context, chars),
                                "{text:?} {start}..{end} context {context:?}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 20_000, "{compared}");
    }
}
