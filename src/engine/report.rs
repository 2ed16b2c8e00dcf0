//! What linting one file found: its findings, and what site checks need of it later. A report
//! starts with its text; a run that prints no snippets lets the text go once positions are known.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::document::{LineCol, LineIndex};
use crate::site::PageSummary;
use crate::suppress::Suppressions;

/// What linting one file found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The path as the user named it (or `--stdin-filename`); shared with the site pass.
    pub path: Arc<str>,
    /// The path's bytes when they are not UTF-8 (`path` then shows them as `\xNN`): JSON and
    /// SARIF percent-encode them so that the name can be recovered.
    pub path_bytes: Option<Arc<[u8]>>,
    /// The text the spans point into, or only the positions the findings need.
    pub(super) text: ReportText,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be linted: read error, not UTF-8, binary, too large.
    pub failed: bool,
    /// What the file contributes to site checks (when they run).
    pub summary: Option<Box<PageSummary>>,
    /// Its suppression comments, for findings of site rules that come later.
    pub suppressions: Suppressions,
    /// Its text cannot be read again (standard input): [`Report::drop_source`] keeps it.
    pub keeps_source: bool,
    /// Why it is a pillar page, when it is one (see [`super::pillar_reason`]): for `backlinks`.
    pub pillar: Option<String>,
    /// What its findings depend on besides its text and settings, for the result cache: the
    /// local images it names and the files it includes. `None`: not known (standard input, a
    /// file that could not be linted).
    pub external: Option<External>,
}

/// The files a report's findings depend on besides its own (see [`Report::external`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct External {
    /// Each local image the file names, relative to its folder, and whether it was there.
    pub images: Vec<(String, bool)>,
    /// Each include as written, with the file found for it and a hash of its bytes.
    pub includes: Vec<(String, Option<(String, u64)>)>,
}

/// What a report keeps of its file's text.
#[derive(Debug, Clone)]
pub(super) enum ReportText {
    /// The text the spans point into (lossy for a file that is not UTF-8) and its line index.
    Full { source: String, lines: LineIndex },
    /// After [`Report::drop_source`]: the position of every offset the findings name, sorted.
    Positions(Vec<(usize, LineCol)>),
}

impl ReportText {
    pub(super) fn new(source: String) -> ReportText {
        let lines = LineIndex::new(&source);
        ReportText::Full { source, lines }
    }
}

impl Report {
    /// The text the spans point into; empty after [`Report::drop_source`].
    pub fn source(&self) -> &str {
        match &self.text {
            ReportText::Full { source, .. } => source,
            ReportText::Positions(_) => "",
        }
    }

    /// 1-based line and character column of a byte offset in the file. After
    /// [`Report::drop_source`], known for the offsets the findings name (line 1, column 1
    /// for any other).
    pub fn line_col(&self, offset: usize) -> LineCol {
        match &self.text {
            ReportText::Full { source, lines } => lines.line_col(source, offset),
            ReportText::Positions(known) => known
                .binary_search_by_key(&offset, |(o, _)| *o)
                .map_or(LineCol { line: 1, column: 1 }, |i| known[i].1),
        }
    }

    /// Keep the positions the findings need and free the text and its line index: for the
    /// formats that print no snippet, so that a run over many files holds findings, not files.
    pub fn drop_source(&mut self) {
        let ReportText::Full { source, lines } = &self.text else {
            return;
        };
        if self.keeps_source {
            return;
        }
        let mut offsets: Vec<usize> = Vec::new();
        for d in &self.diagnostics {
            offsets.extend([d.span.start, d.span.end]);
            offsets.extend(d.labels.iter().flat_map(|l| [l.span.start, l.span.end]));
            if let Some(fix) = &d.fix {
                offsets.extend(fix.edits.iter().flat_map(|e| [e.span.start, e.span.end]));
            }
        }
        offsets.sort_unstable();
        offsets.dedup();
        let known = offsets.into_iter().map(|o| (o, lines.line_col(source, o))).collect();
        self.text = ReportText::Positions(known);
        self.diagnostics.shrink_to_fit();
    }

    /// Forget the findings once written (a streaming run), keeping what site checks need: the
    /// summary, the suppressions, and no positions (site findings read the text again).
    pub fn forget_findings(&mut self) {
        self.diagnostics = Vec::new();
        if let ReportText::Positions(known) = &mut self.text {
            *known = Vec::new();
        }
    }

    /// The text back from disk, for findings that arrive after the source was dropped (site
    /// checks). A file that cannot be read again (deleted since) keeps no positions: its site
    /// findings are placed at 1:1.
    /// Whether it read it (the report had dropped its text and the file is still there).
    pub(super) fn restore_source(&mut self, path: &Path) -> bool {
        if matches!(self.text, ReportText::Full { .. }) {
            return false;
        }
        let Ok(bytes) = super::lint::read_file(path) else {
            return false;
        };
        self.text = ReportText::new(String::from_utf8_lossy(&bytes).into_owned());
        true
    }

    pub(super) fn failure(path: String, source: String, diagnostic: Option<Diagnostic>) -> Report {
        Report {
            path: path.into(),
            path_bytes: None,
            text: ReportText::new(source),
            diagnostics: diagnostic.into_iter().collect(),
            failed: true,
            summary: None,
            suppressions: Suppressions::default(),
            keeps_source: false,
            pillar: None,
            external: None,
        }
    }
}
