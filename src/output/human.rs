//! Human output: miette's graphical report with the source snippet, the primary span and its
//! labels, then a summary line. The only place miette is used.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;
use crate::input::FileError;
use crate::output::{escape_path, sanitize, sanitize_keep_offsets, Gate, Options, Render, Reporter, Summary};

struct Finding<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    help: Option<String>,
    /// How many of the diagnostic's labels are shown (the first ones).
    labels: usize,
    source: &'a View,
}

/// A file's text and where its lines start, counted as miette counts them (`\n`, `\r\n`, a lone
/// `\r`): made once per file, read by each finding's [`View`].
struct Snippets {
    name: String,
    text: String,
    /// Offset after each line break.
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

    /// 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&o| o <= offset)
    }

    /// Offsets where 0-based `line` starts and where its text ends (before its line break).
    fn line_bounds(&self, line: usize) -> (usize, usize) {
        let start = if line == 0 { 0 } else { self.starts[line - 1] };
        let mut end = self.starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let bytes = self.text.as_bytes();
        if end > start && bytes.get(end) == Some(&b'\n') && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end.max(start))
    }
}

/// A line longer than this many bytes is shown in windows around the spans' ends: miette lays out
/// every character of a line it shows (and panics past column 65,535), so one finding on a
/// minified line of megabytes would cost as much as the line, and many findings its square.
const LONG_LINE: usize = 1_000;
/// Characters kept on each side of a span's end on a long line.
const WINDOW: usize = 60;
/// Labels shown of one finding: a finding that labels every long sentence of an article shows
/// the first few and says how many more there are.
const MAX_LABELS: usize = 5;

/// How long a source line may be before it is shown in windows around the spans' ends, and the
/// characters each window keeps on each side: by default (width unknown) [`LONG_LINE`] bytes and
/// [`WINDOW`]; at a known terminal width, what fits beside the gutter, so no line of a snippet
/// overflows the terminal and has its words broken by it.
#[derive(Clone, Copy)]
struct Fit {
    /// Longest line shown whole, in characters (lines over [`LONG_LINE`] bytes are always cut).
    chars: usize,
    window: usize,
}

impl Fit {
    fn for_width(width: Option<usize>) -> Fit {
        match width {
            None => Fit {
                chars: LONG_LINE,
                window: WINDOW,
            },
            Some(w) => {
                // the gutter (line number, `│`, a multi-line span's arrows) takes about 16 columns
                let room = w.saturating_sub(16).max(24);
                Fit {
                    chars: room,
                    // a long span's two ends, each with a window either side, fill the room
                    window: room / 4,
                }
            }
        }
    }
}
/// A span over more lines than this (a label on a whole table of contents, a long paragraph) is
/// shown by its first [`HEAD_LINES`] lines and, as a snippet of its own, its last line, labelled
/// with how many lines are left out between: a finding shows a few lines, not a section.
const MAX_SPAN_LINES: usize = 6;
/// The lines shown of the start of a long span.
const HEAD_LINES: usize = 1;
/// What stands for the text left out of a long line.
const ELLIPSIS: &str = "…";

/// What miette is shown of a file for one finding: the lines around its spans (the span's own
/// and one of context on each side), long lines cut to windows around the spans' ends, and the
/// spans moved into that text. Its cost is that of the lines shown, not of the file or the line.
struct View {
    name: String,
    text: String,
    /// Runs of consecutive lines: where each starts in `text`, where it ends, and its first
    /// line's 0-based number in the file. Context never reaches across two runs.
    runs: Vec<(usize, usize, usize)>,
    /// The spans (the finding's, then its labels'), moved into `text`.
    spans: Vec<SourceSpan>,
    /// Character column (0-based) in the file of each span's start, for miette's header.
    columns: Vec<(usize, usize)>,
    /// For each long span cut to its head, the label of its tail ("… 40 lines …"): the tails'
    /// spans are the last of `spans`.
    tails: Vec<String>,
}

/// A piece of a shown line: `len` bytes of the file from `from`, at `to` in the view.
#[derive(Clone, Copy)]
struct Kept {
    from: usize,
    to: usize,
    len: usize,
}

impl View {
    /// `column` gives the file's character column (1-based) of an offset.
    fn new(file: &Snippets, spans: &[(usize, usize)], fit: Fit, column: impl Fn(usize) -> usize) -> View {
        let len = file.text.len();
        let mut tails: Vec<((usize, usize), String)> = Vec::new();
        let mut spans: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(s, e)| {
                let s = crate::document::line_index::floor_char_boundary(&file.text, s.min(len));
                let e = crate::document::line_index::floor_char_boundary(&file.text, e.clamp(s, len));
                let first = file.line_of(s);
                // a span that ends with a line break ends on the line before
                let last = file.line_of(e.saturating_sub(1).max(s));
                if last >= first + MAX_SPAN_LINES {
                    let tail_start = file.line_bounds(last).0.max(s);
                    let left_out = last - first - HEAD_LINES;
                    let noun = if left_out == 1 { "line" } else { "lines" };
                    tails.push(((tail_start, e.max(tail_start)), format!("… {left_out} {noun} …")));
                    (s, file.line_bounds(first + HEAD_LINES - 1).1.max(s))
                } else {
                    (s, e)
                }
            })
            .collect();
        spans.extend(tails.iter().map(|(span, _)| *span));
        // the lines miette may show: each span's with its context line either side, and one
        // more (at an empty span miette takes a second line after), as runs
        let last_line = file.starts.len();
        let mut ranges: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(s, e)| (file.line_of(s).saturating_sub(2), (file.line_of(e) + 2).min(last_line)))
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let mut view = View {
            name: file.name.clone(),
            text: String::new(),
            runs: Vec::new(),
            spans: Vec::new(),
            columns: Vec::new(),
            tails: tails.into_iter().map(|(_, label)| label).collect(),
        };
        let mut kept: Vec<Kept> = Vec::new();
        for (a, b) in merged {
            let run_start = view.text.len();
            for line in a..=b {
                let (start, end) = file.line_bounds(line);
                let ends: Vec<usize> = spans
                    .iter()
                    .flat_map(|&(s, e)| [s, e])
                    .filter(|&o| start <= o && o <= end)
                    .collect();
                view.push_line(file, (start, end), &ends, fit, &mut kept);
                // the line break as the file has it (miette shows an empty last line only when a
                // break ends it); a lone `\r`, which miette reads two ways, as `\n`
                let rest = &file.text[end..];
                let (eol, same) = if rest.starts_with("\r\n") {
                    ("\r\n", true)
                } else if rest.starts_with('\n') {
                    ("\n", true)
                } else if rest.starts_with('\r') {
                    ("\n", false)
                } else {
                    ("", true)
                };
                kept.push(Kept {
                    from: end,
                    to: view.text.len(),
                    len: if same { eol.len() } else { 0 },
                });
                view.text.push_str(eol);
            }
            view.runs.push((run_start, view.text.len(), a));
        }
        let moved = |offset: usize| -> usize {
            let i = kept.partition_point(|k| k.from <= offset).saturating_sub(1);
            kept.get(i).map_or(0, |k| k.to + (offset - k.from).min(k.len))
        };
        for &(s, e) in &spans {
            let (vs, ve) = (moved(s), moved(e));
            view.spans.push(SourceSpan::new(vs.into(), ve.max(vs) - vs));
            view.columns.push((vs, column(s).saturating_sub(1)));
        }
        view
    }

    /// One line of the file into the view: whole, or when long, the windows around `ends` (the
    /// span ends on it) with an ellipsis for each cut. `kept` records where each piece went.
    fn push_line(
        &mut self,
        file: &Snippets,
        (start, end): (usize, usize),
        ends: &[usize],
        fit: Fit,
        kept: &mut Vec<Kept>,
    ) {
        let text = &file.text;
        let mut keep = |view: &mut View, from: usize, to: usize| {
            kept.push(Kept {
                from,
                to: view.text.len(),
                len: to - from,
            });
            view.text.push_str(&text[from..to]);
        };
        let line = &text[start..end];
        if line.len() <= fit.chars || (line.len() <= LONG_LINE && line.chars().count() <= fit.chars) {
            keep(self, start, end);
            return;
        }
        // windows of `fit.window` characters around each end (the line's start when none is on
        // it), merged where they meet; a cut inside a word moves to the word's edge, inside the
        // window, so the words shown are whole
        let back = |p: usize| {
            let mut o = p;
            for _ in 0..fit.window {
                match text[start..o].chars().next_back() {
                    Some(c) => o -= c.len_utf8(),
                    None => break,
                }
            }
            if o > start && !text[..o].ends_with(' ') {
                if let Some(space) = text[o..p].find(' ') {
                    o += space + 1;
                }
            }
            o
        };
        let ahead = |p: usize| {
            let mut o = p;
            for _ in 0..fit.window {
                match text[o..end].chars().next() {
                    Some(c) => o += c.len_utf8(),
                    None => break,
                }
            }
            if o < end && !text[o..].starts_with(' ') {
                if let Some(space) = text[p..o].rfind(' ') {
                    o = p + space;
                }
            }
            o
        };
        let mut points: Vec<usize> = if ends.is_empty() { vec![start] } else { ends.to_vec() };
        points.sort_unstable();
        points.dedup();
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for p in points {
            let (a, b) = (back(p), ahead(p));
            match windows.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => windows.push((a, b)),
            }
        }
        let mut at = start;
        for (a, b) in windows {
            if a > at {
                self.text.push_str(ELLIPSIS);
            }
            keep(self, a, b);
            at = b;
        }
        if at < end {
            self.text.push_str(ELLIPSIS);
        }
    }

    /// The file's character column (0-based) of a span start in the view.
    fn column_at(&self, offset: usize) -> Option<usize> {
        self.columns.iter().find(|&&(o, _)| o == offset).map(|&(_, c)| c)
    }
}

impl SourceCode for View {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // the run the span is in: context stays inside it
        let end = span.offset() + span.len();
        let Some(&(from, to, first_line)) = self
            .runs
            .iter()
            .find(|&&(from, to, _)| from <= span.offset() && end <= to)
        else {
            return Err(MietteError::OutOfBounds);
        };
        let inner = self.text.as_bytes()[from..to].read_span(
            &SourceSpan::new((span.offset() - from).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        // miette's column counts the bytes between the line start and the span (0 when the
        // contents start at a line start, as they do with context lines); ours, the characters
        // in the file
        let column = match inner.column() {
            0 => 0,
            bytes => self.column_at(span.offset()).unwrap_or(bytes),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first_line,
            column,
            inner.line_count() + first_line,
        )))
    }
}

impl fmt::Debug for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding<'_> {}

impl miette::Diagnostic for Finding<'_> {
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
        // the view holds the finding's span, then its labels', then the tails of long ones,
        // moved into the text it shows
        let spans = &self.source.spans;
        let primary = LabeledSpan::new_primary_with_span(None, *spans.first()?);
        let labels = self.labels;
        let others = self.diagnostic.labels[..labels]
            .iter()
            .zip(&spans[1..])
            .map(|(l, span)| LabeledSpan::new_with_span(Some(sanitize(&l.message).into_owned()), *span));
        let tails = self
            .source
            .tails
            .iter()
            .zip(spans.get(1 + labels..).unwrap_or_default())
            .map(|(label, span)| LabeledSpan::new_with_span(Some(label.clone()), *span));
        Some(Box::new(std::iter::once(primary).chain(others).chain(tails)))
    }
}

/// Renders findings with their snippets, and ends with the summary line; one per run.
#[derive(Clone)]
pub struct Human {
    handler: GraphicalReportHandler,
    /// The same, without wrapping: for a finding whose message and help fit on their lines (see
    /// [`fits_unwrapped`]), where textwrap, a fifth of a human run, would change nothing.
    unwrapped: GraphicalReportHandler,
    /// The terminal width the report is laid out for; miette wraps a finding's message and help
    /// 2 columns short of it.
    width: usize,
    /// How long source lines are cut to fit it.
    fit: Fit,
    quiet: bool,
    gate: Gate,
}

/// Does miette's wrapping leave `text` as it is, after an indent of `indent` columns? One line,
/// no tab, no whitespace at either end, and narrower than the wrap width with a margin: textwrap
/// then returns the indent and the text, which is what the handler that does not wrap writes.
/// The width is counted from above: a character takes at most 2 columns (ASCII text, made
/// printable by `sanitize`, exactly 1).
fn fits_unwrapped(text: &str, indent: usize, width: usize) -> bool {
    let columns = if text.is_ascii() {
        text.len()
    } else {
        2 * text.chars().count()
    };
    !text.is_empty()
        && !text.contains(['\n', '\r', '\t'])
        && text.trim() == text
        && indent + columns + 2 <= width.saturating_sub(2)
}

impl Human {
    pub fn new(options: &Options) -> Human {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // words are never broken, at a hyphen either (`keyword-density`): a word wider than the
        // line overflows it
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_context_lines(1)
            .with_width(options.width.unwrap_or(super::DEFAULT_WIDTH))
            .with_break_words(false)
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
        Human {
            unwrapped: handler.clone().with_wrap_lines(false),
            handler,
            width: options.width.unwrap_or(super::DEFAULT_WIDTH),
            fit: Fit::for_width(options.width),
            quiet: options.quiet,
            gate: options.gate,
        }
    }

    /// A file's findings, each with the source around it (`r` must still hold its text).
    pub fn render_file(&self, r: &Report) -> String {
        let mut text = String::new();
        if r.diagnostics.is_empty() {
            return text;
        }
        let source = Snippets::new(escape_path(&r.path).into_owned(), sanitize_keep_offsets(r.source()));
        for d in &r.diagnostics {
            // the snippet's header carries path:line:col
            let labels = d.labels.len().min(MAX_LABELS);
            let spans: Vec<(usize, usize)> = std::iter::once(d.span)
                .chain(d.labels[..labels].iter().map(|l| l.span))
                .map(|s| (s.start, s.end))
                .collect();
            let view = View::new(&source, &spans, self.fit, |o| r.line_col(o).column);
            let mut help = d.help.as_deref().map(|h| sanitize(h).into_owned());
            let left_out = d.labels.len() - labels;
            if left_out > 0 {
                let note = format!(
                    "{left_out} more labelled {} not shown (`--format json` lists them all)",
                    if left_out == 1 { "place" } else { "places" }
                );
                help = Some(match help {
                    Some(h) => format!("{h}; {note}"),
                    None => note,
                });
            }
            let report = Finding {
                diagnostic: d,
                message: sanitize(&d.message).into_owned(),
                help,
                labels,
                source: &view,
            };
            // the message follows a 4-column icon (`  ⚠ `), the help `  help: `
            let plain = fits_unwrapped(&report.message, 4, self.width)
                && report.help.as_deref().is_none_or(|h| fits_unwrapped(h, 8, self.width));
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
}

impl Reporter for Human {
    fn renderer(&self) -> Option<Render> {
        let human = self.clone();
        Some(Box::new(move |report| human.render_file(report)))
    }

    fn file(&mut self, report: &Report, rendered: Option<String>, out: &mut dyn Write) -> io::Result<()> {
        let text = rendered.unwrap_or_else(|| self.render_file(report));
        out.write_all(text.as_bytes())
    }

    /// What `--fix` can do, then the summary line with why the run fails, if it does (unless
    /// quiet): the last line says the verdict.
    fn finish(&mut self, summary: &Summary, _: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        if !self.quiet {
            if let Some(line) = summary.fixable_line() {
                writeln!(out, "{line}")?;
            }
            writeln!(out, "{}", summary.verdict_lines(&self.gate, self.width))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Label, Span};
    use miette::NamedSource;

    /// A finding at `span` with `labels`, rendered through a [`View`] of `text`.
    fn render_view(text: &str, span: Span, labels: &[Span]) -> String {
        let file = Snippets::new("a.md".to_string(), text.to_string());
        let mut d = Diagnostic::new("placeholder", Severity::Error, span, "m");
        for &l in labels {
            d.labels.push(Label {
                span: l,
                message: "here".to_string(),
            });
        }
        let spans: Vec<(usize, usize)> = std::iter::once(span)
            .chain(labels.iter().copied())
            .map(|s| (s.start, s.end))
            .collect();
        let lines = crate::document::LineIndex::new(text);
        let view = View::new(&file, &spans, Fit::for_width(None), |o| lines.line_col(text, o).column);
        let report = Finding {
            diagnostic: &d,
            message: "m".to_string(),
            help: None,
            labels: labels.len(),
            source: &view,
        };
        let mut out = String::new();
        Human::new(&Options::default())
            .handler
            .render_report(&mut out, &report)
            .expect("render");
        out
    }

    /// miette's own rendering of the same finding, reading the whole text.
    struct Whole<'a> {
        d: &'a Diagnostic,
        text: NamedSource<String>,
    }

    impl fmt::Debug for Whole<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("m")
        }
    }

    impl fmt::Display for Whole<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("m")
        }
    }

    impl std::error::Error for Whole<'_> {}

    impl miette::Diagnostic for Whole<'_> {
        fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
            Some(Box::new(self.d.rule))
        }
        fn severity(&self) -> Option<miette::Severity> {
            Some(miette::Severity::Error)
        }
        fn source_code(&self) -> Option<&dyn SourceCode> {
            Some(&self.text)
        }
        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            let s = self.d.span;
            Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(
                None,
                SourceSpan::from(s.start..s.end),
            ))))
        }
    }

    /// On a file of short lines, a finding shows what miette shows reading the whole file:
    /// random ASCII texts with `\n` and `\r\n` line ends, spans of every length and place
    /// (columns are bytes there, so miette's header agrees with ours).
    #[test]
    fn a_view_renders_a_finding_as_miette_renders_the_whole_file() {
        let mut rng = crate::testing::Xorshift(0x5851_f42d_4c95_7f2d);
        let handler = Human::new(&Options::default()).handler;
        let mut compared = 0;
        for len in 1..80 {
            for _ in 0..6 {
                let text = rng.text("ab c\n\r\nd\n", len).replace("\r\r", "\r");
                let text = text.replace('\r', "\r\n").replace("\r\n\n", "\r\n");
                for start in 0..=text.len() {
                    for end in [start, start + 1, start + 4, text.len()] {
                        if end > text.len() || text[start..].starts_with('\n') || text[..start].ends_with('\r') {
                            continue;
                        }
                        // a span that ends with a line break ends on the line before
                        let lines = text[start..end.saturating_sub(1).max(start)].matches('\n').count();
                        if lines >= MAX_SPAN_LINES {
                            continue;
                        }
                        let span = Span::new(start, end);
                        let d = Diagnostic::new("placeholder", Severity::Error, span, "m");
                        let mut theirs = String::new();
                        handler
                            .render_report(
                                &mut theirs,
                                &Whole {
                                    d: &d,
                                    text: NamedSource::new("a.md", text.clone()),
                                },
                            )
                            .expect("render");
                        assert_eq!(render_view(&text, span, &[]), theirs, "{text:?} {start}..{end}");
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 5_000, "{compared}");
    }

    /// A finding on a line of 200,000 characters (past miette's 65,535 columns) shows a window
    /// around its span, with its real column, in a few hundred characters.
    #[test]
    fn a_long_line_is_shown_in_a_window_around_the_span() {
        let text = format!(
            "# Title\n\n{}[AUTHOR_NAME]{}\nlast\n",
            "é".repeat(100_000),
            "x".repeat(100_000)
        );
        let start = text.find('[').expect("span");
        let out = render_view(&text, Span::new(start, start + 13), &[]);
        assert!(out.contains("[a.md:3:100001]"), "{out}");
        assert!(
            out.contains(&format!("…{}[AUTHOR_NAME]{}…", "é".repeat(60), "x".repeat(60))),
            "{out}"
        );
        assert!(out.chars().count() < 1_000, "{out}");
        // the underline starts under the span: after the gutter, the ellipsis and 60 characters
        let underline: Vec<char> = out
            .lines()
            .find(|l| l.contains('·'))
            .expect("underline")
            .chars()
            .collect();
        let gutter = underline.iter().position(|&c| c == '·').expect("gutter");
        assert_eq!(underline.iter().position(|&c| c == '─'), Some(gutter + 2 + 61));
    }

    /// A label far from the finding is shown as a snippet of its own, at its own line: the lines
    /// between are not shown (a label on a table of contents 10,000 lines up costs 3 lines).
    #[test]
    fn far_labels_get_their_own_snippet() {
        let mut text = String::from("# Title\n\n## Table of Contents\n\n- [A](#a)\n");
        text.push_str(&"filler\n".repeat(10_000));
        let at = text.len();
        text.push_str("## Missing\n");
        let toc = text.find("- [A]").expect("toc");
        let out = render_view(&text, Span::new(at + 3, at + 10), &[Span::new(toc, toc + 9)]);
        assert!(out.contains("[a.md:10006:4]") && out.contains("[a.md:5:1]"), "{out}");
        assert!(out.lines().count() < 20, "{out}");
    }

    /// A span over many lines is shown by its first line and its last, the lines between left
    /// out and counted.
    #[test]
    fn a_span_over_many_lines_shows_its_ends() {
        let text = format!("# Title\n\n{}after\n", "- [x](#x)\n".repeat(500));
        let end = text.find("after").expect("end") - 1;
        let out = render_view(&text, Span::new(9, end), &[]);
        assert!(out.contains("[a.md:3:1]") && out.contains(" 3 │ - [x](#x)"), "{out}");
        assert!(out.contains("[a.md:502:1]"), "{out}");
        assert!(
            out.contains(" 502 │ - [x](#x)") && out.contains("… 498 lines …"),
            "{out}"
        );
        assert!(!out.contains(" 5 │") && !out.contains(" 500 │"), "{out}");
        assert!(out.lines().count() < 20, "{out}");
        // a span of six lines is shown whole
        let six = "- [x](#x)\n".len() * 6;
        let out = render_view(&text, Span::new(9, 9 + six - 1), &[]);
        assert!(out.contains(" 8 │") && !out.contains("lines …"), "{out}");
    }

    /// Where a finding's message and help fit, the handler that does not wrap writes what the
    /// wrapping one writes: random messages and helps of every length around the wrap width,
    /// ASCII and wide characters, all three severities, with and without colour.
    #[test]
    fn unwrapped_rendering_is_the_same_where_the_text_fits() {
        let file = Snippets::new("a.md".to_string(), "# Title\n\nSome text here.\n".to_string());
        let source = View::new(&file, &[(2, 7)], Fit::for_width(None), |o| o + 1);
        let mut rng = crate::testing::Xorshift(0x0bad_5eed_1234_5678);
        let (mut plain, mut wrapped) = (0, 0);
        for color in [false, true] {
            let w = Human::new(&Options {
                color,
                ..Options::default()
            });
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
                let report = Finding {
                    diagnostic: &d,
                    message: message.clone(),
                    help: (n % 4 != 0 && !help.is_empty()).then_some(help.clone()),
                    labels: 0,
                    source: &source,
                };
                let fits = fits_unwrapped(&report.message, 4, w.width)
                    && report.help.as_deref().is_none_or(|h| fits_unwrapped(h, 8, w.width));
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
}
