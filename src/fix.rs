//! Applying fixes: non-overlapping byte-range edits, re-lint, repeat until stable (capped), then
//! an atomic write (temp file beside the real file, then rename; owner, group and mode kept).
//! Edits only touch their own bytes, so line endings and a BOM stay as they were. A file whose
//! front matter does not parse is never touched.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::diagnostic::{Diagnostic, Edit};
use crate::engine::{lint_source, Report};
use crate::settings::Settings;

/// Rounds of fix-and-re-lint before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 10;

#[derive(Debug)]
pub struct FixOutcome {
    /// The source after all rounds.
    pub source: String,
    /// Findings fixed.
    pub fixed: usize,
    /// The report of the fixed source.
    pub report: Report,
    /// Why the file was left alone, if it was.
    pub refused: Option<String>,
}

fn allowed(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fixable(unsafe_fixes)
}

/// Fixes still open in a report: (applicable now, needing --unsafe-fixes).
pub fn fixable(report: &Report, unsafe_fixes: bool) -> (usize, usize) {
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

/// Temporaries are named `.<file>.seolint-tmp-XXXXXX`: hidden, not Markdown, and ours by name,
/// so that the walker skips them and a later `--fix` can clear one that a killed run left.
const TEMP_MARK: &str = ".seolint-tmp-";
const TEMP_RANDOM: usize = 6;

/// A temporary older than this was left by a run that was killed: a running fix keeps its
/// temporary for the time of one write of at most 16 MB.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Whether `path` is named like a temporary of `--fix`.
pub fn is_temporary(path: &Path) -> bool {
    temporary_of(path).is_some()
}

/// The name of the file a temporary was made for: `.a.md.seolint-tmp-Ab12Cd` is `a.md`'s.
fn temporary_of(path: &Path) -> Option<&str> {
    let rest = path.file_name()?.to_str()?.strip_prefix('.')?;
    let at = rest.rfind(TEMP_MARK)?;
    let random = &rest[at + TEMP_MARK.len()..];
    (at > 0 && random.len() == TEMP_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| &rest[..at])
}

/// Replace the file at `path` with `content` atomically. A symlink stays a link (the file it
/// points at is written); owner, group and mode stay the file's. A file that cannot keep them,
/// a hard-linked file (the rename would split it from its other names) and a read-only file are
/// errors, and the file is left as it was.
pub fn write_atomic(path: &Path, content: &str) -> Result<(), String> {
    let reason = |e: std::io::Error| crate::input::io_reason(&e);
    let real = std::fs::canonicalize(path).map_err(reason)?;
    let meta = std::fs::metadata(&real).map_err(reason)?;
    if meta.permissions().readonly() {
        return Err("file is read-only; not fixed".to_string());
    }
    only_link(&meta)?;
    let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
        return Err("not a file; not fixed".to_string());
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}{TEMP_MARK}", name.to_string_lossy()))
        .rand_bytes(TEMP_RANDOM)
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file beside it: {}; not fixed", reason(e)))?;
    tmp.write_all(content.as_bytes()).map_err(reason)?;
    keep_owner_and_mode(tmp.as_file(), &meta)?;
    tmp.as_file().sync_all().map_err(reason)?;
    tmp.persist(&real).map_err(|e| reason(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn only_link(meta: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    match meta.nlink() {
        0 | 1 => Ok(()),
        n => Err(format!(
            "file has {n} hard links and a fix would replace it under this name only; not fixed (--diff shows the fix)"
        )),
    }
}

#[cfg(not(unix))]
fn only_link(_: &std::fs::Metadata) -> Result<(), String> {
    Ok(())
}

/// The new file gets the old one's owner and group (root can give them; anyone else, only their
/// own), then its mode: set after the owner, which clears setuid and setgid bits.
#[cfg(unix)]
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let new = file.metadata().map_err(|e| crate::input::io_reason(&e))?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
        std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).map_err(|_| {
            format!(
                "owned by uid {} gid {}, which a fixed copy written by this user cannot keep; not fixed",
                old.uid(),
                old.gid()
            )
        })?;
    }
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
        .map_err(|e| crate::input::io_reason(&e))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) -> Result<(), String> {
    file.set_permissions(old.permissions())
        .map_err(|e| crate::input::io_reason(&e))
}

/// Remove the temporaries that a killed `--fix` left beside `files`: named as ours for one of
/// them, a regular file, older than a minute (a concurrent run's is younger). Each folder is read
/// once. Returns how many were removed.
pub fn remove_stale_temporaries<'a>(files: impl IntoIterator<Item = &'a Path>) -> usize {
    let mut names_by_dir: HashMap<PathBuf, HashSet<OsString>> = HashMap::new();
    for file in files {
        // a link's temporaries are beside the file it points at; resolving only links spares a
        // run over many files a readlink per path component of each
        let real = match std::fs::symlink_metadata(file) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(file) {
                Ok(real) => real,
                Err(_) => continue,
            },
            Ok(_) => file.to_path_buf(),
            Err(_) => continue,
        };
        let dir = real
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some(name) = real.file_name() {
            names_by_dir
                .entry(dir.to_path_buf())
                .or_default()
                .insert(name.to_os_string());
        }
    }
    let now = SystemTime::now();
    let mut removed = 0;
    for (dir, names) in names_by_dir {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if !temporary_of(&path).is_some_and(|of| names.contains(std::ffi::OsStr::new(of))) {
                continue;
            }
            // the entry's own metadata: a symlink with our name is not ours
            let Ok(meta) = entry.metadata() else { continue };
            let stale = meta
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|age| age > STALE_AFTER);
            if meta.is_file() && stale && std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
    }
    removed
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
    use crate::diagnostic::{Applicability, Fix, Severity, Span};

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
    fn temporaries_are_known_by_their_exact_name() {
        assert_eq!(temporary_of(Path::new("d/.a.md.seolint-tmp-Ab12Cd")), Some("a.md"));
        for other in [
            "a.md",
            ".a.md.seolint-tmp-Ab12C",
            ".a.md.seolint-tmp-Ab12Cd7",
            ".a.md.seolint-tmp-Ab-2Cd",
            "a.md.seolint-tmp-Ab12Cd",
            "..seolint-tmp-Ab12Cd",
            ".tmpAb12Cd",
        ] {
            assert_eq!(temporary_of(Path::new(other)), None, "{other}");
        }
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
            once.source.contains("**Estimated Reading Time:** 1 minute"),
            "{}",
            once.source
        );
        let twice = fix_source("a.md", once.source.clone(), &Settings::default(), true);
        assert_eq!(twice.source, once.source);
        for d in &once.report.diagnostics {
            assert!(once.source.is_char_boundary(d.span.start) && once.source.is_char_boundary(d.span.end));
        }
    }

    /// Found by fuzzing (fix target, in CI): an FAQ answer holding `-->`, written into a JSON-LD
    /// block inside a comment, ended the comment early; each `--fix` then wrote the block again.
    #[test]
    fn an_faq_answer_holding_a_comment_end_is_fixed_once() {
        for text in [
            "\n## Frequently Asked Questions\n<!-- <script type=\"application/ld+json\">\ne \"FAQPage [ ] -->\n###\n  [] -->\n",
            "#\n## Frequently Asked Questions\n\n### \n<!--\n<script type=\"application/ld+json\">\n{grFAQPage}</js-->\n]-->\n",
        ] {
            let once = fix_source("a.md", text.to_string(), &Settings::default(), true);
            let twice = fix_source("a.md", once.source.clone(), &Settings::default(), true);
            assert_eq!(twice.source, once.source, "{text:?}");
        }
    }
}
