//! Applying fixes: non-overlapping byte-range edits, re-lint, repeat until stable (capped), then
//! an atomic write (temp file in the same folder, then rename; permissions kept). Edits only touch
//! their own bytes, so line endings and a BOM stay as they were. A file whose front matter does
//! not parse is never touched.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::engine::{lint_source, FileReport, Settings};

/// Rounds of fix-and-re-lint before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 10;

#[derive(Debug)]
pub struct FixOutcome {
    /// The source after all rounds.
    pub source: String,
    /// Findings fixed.
    pub fixed: usize,
    /// The report of the fixed source.
    pub report: FileReport,
    /// Why the file was left alone, if it was.
    pub refused: Option<String>,
}

fn allowed(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::Safe || unsafe_fixes)
}

/// Fixes still open in a report: (applicable now, needing --unsafe-fixes).
pub fn fixable(report: &FileReport, unsafe_fixes: bool) -> (usize, usize) {
    let applicable = report.diagnostics.iter().filter(|d| allowed(d, unsafe_fixes)).count();
    let unsafe_only = report
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some() && !allowed(d, unsafe_fixes))
        .count();
    (applicable, unsafe_only)
}

/// Apply the edits that do not overlap an earlier one; returns the new text and how many
/// findings' fixes went in whole.
pub fn apply(source: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for d in diagnostics.iter().filter(|d| allowed(d, unsafe_fixes)) {
        let Some(fix) = &d.fix else { continue };
        let clashes = fix.edits.iter().any(|e| {
            e.span.end > source.len()
                || !source.is_char_boundary(e.span.start)
                || !source.is_char_boundary(e.span.end)
                || chosen.iter().any(|c| {
                    c.span.overlaps(e.span) || (c.span.start == e.span.start && c.span.is_empty() && e.span.is_empty())
                })
        });
        if clashes {
            continue;
        }
        chosen.extend(fix.edits.iter());
        count += 1;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut pos = 0;
    for e in chosen {
        out.push_str(&source[pos..e.span.start]);
        out.push_str(&e.content);
        pos = e.span.end;
    }
    out.push_str(&source[pos..]);
    (out, count)
}

/// Fix one file's text to a fixed point.
pub fn fix_source(path: &str, source: String, settings: &Settings, unsafe_fixes: bool) -> FixOutcome {
    let mut current = source;
    let mut fixed = 0;
    for _ in 0..MAX_ROUNDS {
        let report = lint_source(path.to_string(), current.clone(), settings);
        if report.diagnostics.iter().any(|d| d.rule == "front-matter-syntax") {
            return FixOutcome {
                source: current,
                fixed,
                report,
                refused: Some("front matter does not parse; not fixed".to_string()),
            };
        }
        let (next, n) = apply(&current, &report.diagnostics, unsafe_fixes);
        if n == 0 || next == current {
            return FixOutcome {
                source: current,
                fixed,
                report,
                refused: None,
            };
        }
        fixed += n;
        current = next;
    }
    let report = lint_source(path.to_string(), current.clone(), settings);
    FixOutcome {
        source: current,
        fixed,
        report,
        refused: None,
    }
}

/// Replace `path` with `content` atomically, keeping its permissions. A read-only file is an
/// error, not a half-written file.
pub fn write_atomic(path: &Path, content: &str) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.permissions().readonly() {
        return Err("file is read-only; not fixed".to_string());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("cannot create a temp file: {e}"))?;
    tmp.write_all(content.as_bytes()).map_err(|e| e.to_string())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| e.to_string())?;
    tmp.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// A unified diff of the fix, for `--diff`.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity, Span};

    fn d(span: Span, content: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new("x", Severity::Warning, span, "m").with_fix(Fix {
            message: "f".into(),
            applicability,
            edits: vec![Edit {
                span,
                content: content.into(),
            }],
        })
    }

    #[test]
    fn applies_non_overlapping_safe_edits() {
        let src = "abcdef";
        let diags = [
            d(Span::new(0, 1), "A", Applicability::Safe),
            d(Span::new(0, 2), "Z", Applicability::Safe),
            d(Span::new(3, 4), "D", Applicability::Safe),
            d(Span::new(5, 6), "F", Applicability::Unsafe),
        ];
        assert_eq!(apply(src, &diags, false), ("AbcDef".to_string(), 2));
        assert_eq!(apply(src, &diags, true), ("AbcDeF".to_string(), 3));
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    /// Found by fuzzing (fix target): NUL bytes shifted comrak's positions, so fixes landed in the
    /// wrong place and a second fix changed the text again.
    #[test]
    fn nul_bytes_keep_fixes_in_place_and_idempotent() {
        let text = "# Guide\u{0}\u{0}\n\n**Estimated Reading Time:** 9 minutes\n\n## Table of Contents\n\n1. [B](#b)\n\n## A\u{0}\n\n## B\n";
        let once = fix_source("a.md", text.to_string(), &Settings::default(), true);
        assert!(once.fixed >= 1, "{once:?}");
        assert!(
            once.source.contains("**Estimated Reading Time:** 1 minutes"),
            "{}",
            once.source
        );
        let twice = fix_source("a.md", once.source.clone(), &Settings::default(), true);
        assert_eq!(twice.source, once.source);
        for d in &once.report.diagnostics {
            assert!(once.source.is_char_boundary(d.span.start) && once.source.is_char_boundary(d.span.end));
        }
    }
}
