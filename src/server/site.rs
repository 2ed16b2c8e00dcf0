//! Site checks in the workspace (broken links, backlinks, duplicates): the open documents, as
//! their buffers hold them, and the other Markdown files of the site from disk, run through the
//! engine's site pass. They run when a document is opened or saved and when a file of the site
//! changes on disk, not on every keystroke; between runs each finding follows its text through
//! the edits.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::engine::{LintedFile, Report};
use crate::settings::Settings;

/// A site finding and the text its span covered when it was found, to find it again after edits.
#[derive(Debug, Clone)]
pub struct Anchored {
    pub diagnostic: Diagnostic,
    text: String,
    /// Its places in other files, as LSP locations (positions as they were when it was found).
    pub related: Vec<lsp_types::DiagnosticRelatedInformation>,
}

impl Anchored {
    /// Move the finding to where its text is now: the same place if the text is still there,
    /// else the nearest place that holds it; `false` when the text is gone.
    pub fn follow(&mut self, source: &str) -> bool {
        let span = self.diagnostic.span;
        if source.get(span.start..span.end) == Some(self.text.as_str()) {
            return true;
        }
        if self.text.is_empty() {
            let at = span.start.min(source.len());
            self.diagnostic.span = Span::new(at, at);
            return source.is_char_boundary(at);
        }
        let nearest = source
            .match_indices(self.text.as_str())
            .map(|(i, _)| i)
            .min_by_key(|&i| i.abs_diff(span.start));
        match nearest {
            Some(at) => {
                let moved = at as isize - span.start as isize;
                self.diagnostic.span = Span::new(at, at + self.text.len());
                for label in &mut self.diagnostic.labels {
                    let shift = |o: usize| (o as isize + moved).clamp(0, source.len() as isize) as usize;
                    label.span = Span::new(shift(label.span.start), shift(label.span.end));
                }
                true
            }
            None => false,
        }
    }
}

/// An open document taking part in a site pass.
pub struct Member<'a> {
    pub path: &'a Path,
    pub report: &'a Report,
    pub settings: &'a Settings,
}

/// The site folder of a document's settings: the configured content root, else the workspace.
pub fn root_of(settings: &Settings, workspace: Option<&Path>) -> Option<PathBuf> {
    settings
        .content_root
        .clone()
        .or_else(|| workspace.map(Path::to_path_buf))
}

/// Run the site rules over `members` (open documents of one site) and `others` (the site's
/// other files on disk); each member's site findings, in order.
pub fn check(members: &[Member], others: Vec<PathBuf>) -> Vec<Vec<Anchored>> {
    let mut reports: Vec<Report> = members
        .iter()
        .map(|m| {
            let mut r = m.report.clone();
            r.forget_findings();
            r
        })
        .collect();
    let linted: Vec<LintedFile> = members
        .iter()
        .enumerate()
        .map(|(i, m)| LintedFile {
            report: i,
            path: m.path,
            settings: m.settings,
        })
        .collect();
    crate::engine::run_site_checks(&mut reports, &linted, others, |_, _| {});
    reports
        .into_iter()
        .zip(members)
        .map(|(r, m)| {
            let source = m.report.source();
            r.diagnostics
                .into_iter()
                .map(|d| Anchored {
                    text: source.get(d.span.start..d.span.end).unwrap_or_default().to_string(),
                    diagnostic: d,
                    related: Vec::new(),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn anchored(source: &str, at: &str) -> Anchored {
        let start = source.find(at).expect("in source");
        Anchored {
            diagnostic: Diagnostic::new("broken-link", Severity::Error, Span::new(start, start + at.len()), "m"),
            text: at.to_string(),
            related: Vec::new(),
        }
    }

    #[test]
    fn a_finding_follows_its_text_through_edits() {
        let mut a = anchored("See [x](gone.md).\n", "gone.md");
        let edited = "Intro.\n\nSee [x](gone.md).\n";
        assert!(a.follow(edited));
        assert_eq!(&edited[a.diagnostic.span.start..a.diagnostic.span.end], "gone.md");
        assert!(!a.follow("See [x](here.md).\n"));
    }
}
