//! Read each file, parse it once, run every enabled rule over the Document, sort the findings.
//! Files are linted in parallel; a file that cannot be read or is not text becomes a finding or
//! an error of that file, never a panic, and the other files are still linted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Document, LineCol, LineIndex, ParseOptions};
use crate::fields::Fields;
use crate::patterns;
use crate::requirements::Requirements;
use crate::rules::{self, Context, RULES};
use crate::site::PageSummary;
use crate::suppress::Suppressions;

// Temporary re-exports while branches written against the old paths are merged.
pub use crate::input::{display_path, path_bytes, FileError, Input, Piped, MAX_FILE_SIZE, STDIN_NAME};
pub use crate::settings::{RuleSetting, Settings};

/// The outcome for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user named it (or `--stdin-filename`); shared with the site pass.
    pub path: Arc<str>,
    /// The path's bytes when they are not UTF-8 (`path` then shows them as `\xNN`): JSON and
    /// SARIF percent-encode them so that the name can be recovered.
    pub path_bytes: Option<Arc<[u8]>>,
    /// The text the spans point into (lossy for a file that is not UTF-8).
    pub source: String,
    pub lines: LineIndex,
    /// After [`FileReport::drop_source`]: the position of every offset the findings name, in
    /// place of the source and its line index.
    positions: Option<Vec<(usize, LineCol)>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be linted: read error, not UTF-8, binary, too large.
    pub failed: bool,
    /// What the file contributes to site checks (when they run).
    pub summary: Option<Box<PageSummary>>,
    /// Its suppression comments, for findings of site rules that come later.
    pub suppressions: Suppressions,
    /// Its text cannot be read again (standard input): [`FileReport::drop_source`] keeps it.
    pub keeps_source: bool,
    /// Why it is a pillar page, when it is one (see [`pillar_reason`]): for `backlinks`.
    pub pillar: Option<String>,
}

impl FileReport {
    /// 1-based line and character column of a byte offset in the file. After
    /// [`FileReport::drop_source`], known for the offsets the findings name (line 1, column 1
    /// for any other).
    pub fn line_col(&self, offset: usize) -> LineCol {
        match &self.positions {
            None => self.lines.line_col(&self.source, offset),
            Some(known) => known
                .binary_search_by_key(&offset, |(o, _)| *o)
                .map_or(LineCol { line: 1, column: 1 }, |i| known[i].1),
        }
    }

    /// Keep the positions the findings need and free the text and its line index: for the
    /// formats that print no snippet, so that a run over many files holds findings, not files.
    pub fn drop_source(&mut self) {
        if self.positions.is_some() || self.keeps_source {
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
        let known = offsets
            .into_iter()
            .map(|o| (o, self.lines.line_col(&self.source, o)))
            .collect();
        self.positions = Some(known);
        self.source = String::new();
        self.lines = LineIndex::default();
        self.diagnostics.shrink_to_fit();
    }

    /// Forget the findings once written (a streaming run), keeping what site checks need: the
    /// summary, the suppressions, and no positions (site findings read the text again).
    pub fn forget_findings(&mut self) {
        self.diagnostics = Vec::new();
        if self.positions.is_some() {
            self.positions = Some(Vec::new());
        }
    }

    /// The text back from disk, for findings that arrive after the source was dropped (site
    /// checks). A file that cannot be read again (deleted since) keeps no positions: its site
    /// findings are placed at 1:1.
    /// Whether it read it (the report had dropped its text and the file is still there).
    fn restore_source(&mut self, path: &Path) -> bool {
        if self.positions.is_none() {
            return false;
        }
        let Ok(bytes) = read_file(path) else { return false };
        self.source = String::from_utf8_lossy(&bytes).into_owned();
        self.lines = LineIndex::new(&self.source);
        self.positions = None;
        true
    }

    fn failure(path: String, source: String, diagnostic: Option<Diagnostic>) -> FileReport {
        FileReport {
            lines: LineIndex::new(&source),
            positions: None,
            path: path.into(),
            path_bytes: None,
            source,
            diagnostics: diagnostic.into_iter().collect(),
            failed: true,
            summary: None,
            suppressions: Suppressions::default(),
            keeps_source: false,
            pillar: None,
        }
    }
}

/// Lint every input in parallel, each with its own settings; reports come back in input order.
pub fn lint_inputs(inputs: &[(Input, Arc<Settings>)]) -> Vec<Result<FileReport, FileError>> {
    let mut reports = Vec::with_capacity(inputs.len());
    lint_inputs_each(inputs, |_, report| reports.push(report));
    reports
}

/// How many results a worker hands to the writer at once (see [`lint_inputs_map`]).
const BATCH: usize = 8;

/// Files at least this large are linted first, by one worker (see [`lint_inputs_each`]).
const BIG_FILE: u64 = 128 * 1024;

/// Lint every input and hand each result to `each` in input order once it and those before it
/// have reached the writer (workers hand them on [`BATCH`] at a time), so that a caller can write
/// and drop it: the run holds a few reports per worker at a time, not all of them. Workers take
/// the next input in order (not rayon's split halves), so results arrive nearly in order and the
/// reorder buffer stays small.
///
/// Files of [`BIG_FILE`] or more go first, one at a time on one worker while the others take
/// the rest: parsing takes about 20 times a file's size while it lasts (comrak's tree), so two
/// of them at once, or one late in a run on top of the summaries kept for site checks, would set
/// the peak of the whole run; and a long file started last would leave the other workers idle at
/// the end. Their reports wait in the reorder buffer (findings only, in the streaming formats)
/// until their turn.
pub fn lint_inputs_each(inputs: &[(Input, Arc<Settings>)], each: impl FnMut(usize, Result<FileReport, FileError>)) {
    lint_inputs_map(inputs, |_, result| result, each);
}

/// Like [`lint_inputs_each`], with `map` applied to each result in the worker that linted it
/// (the human format renders its snippets there): `each` gets what `map` made, in input order.
pub fn lint_inputs_map<T: Send>(
    inputs: &[(Input, Arc<Settings>)],
    map: impl Fn(usize, Result<FileReport, FileError>) -> T + Sync,
    mut each: impl FnMut(usize, T),
) {
    // one file (an editor on save, a pre-commit run on one file): no threads to start
    let workers = if inputs.len() <= 1 {
        1
    } else {
        rayon::current_num_threads().clamp(1, inputs.len())
    };
    if workers == 1 {
        for (k, (input, settings)) in inputs.iter().enumerate() {
            each(k, map(k, lint_input_guarded(input, settings)));
        }
        return;
    }
    let big: Vec<bool> = inputs
        .iter()
        .map(|(input, _)| match input {
            Input::File(p) => std::fs::metadata(p).is_ok_and(|m| m.len() >= BIG_FILE),
            Input::Stdin(piped) => piped.text.len() as u64 >= BIG_FILE,
        })
        .collect();
    let big_order: Vec<usize> = (0..inputs.len()).filter(|&k| big[k]).collect();
    let (next, next_big) = (AtomicUsize::new(0), AtomicUsize::new(0));
    // bounded (two batches a worker): when writing is the slower side (the human format renders
    // snippets), workers wait instead of piling up finished reports; the receiving loop never
    // stops draining, so a full channel cannot deadlock
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(usize, T)>>(workers * 2);
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let send = send.clone();
            let (next, next_big, big, big_order, map) = (&next, &next_big, &big, &big_order, &map);
            scope.spawn(move || {
                // results go to the writer a few at a time: a send wakes the writer thread, and a
                // wake-up per file was most of a run's context switches
                let mut batch = Vec::with_capacity(BATCH);
                let mut lint = |k: usize| {
                    let (input, settings) = &inputs[k];
                    batch.push((k, map(k, lint_input_guarded(input, settings))));
                    batch.len() < BATCH
                        || send
                            .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                            .is_ok()
                };
                let take_big = || big_order.get(next_big.fetch_add(1, Ordering::Relaxed)).copied();
                // worker 0 starts with the big files; the others take the rest in order and, when
                // it is done, help with any big file still waiting (a site of long files only)
                if worker == 0 {
                    while let Some(k) = take_big() {
                        if !lint(k) {
                            return;
                        }
                    }
                }
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= inputs.len() {
                        break;
                    }
                    if !big[k] && !lint(k) {
                        return;
                    }
                }
                while let Some(k) = take_big() {
                    if !lint(k) {
                        return;
                    }
                }
                if !batch.is_empty() {
                    let _ = send.send(batch);
                }
            });
        }
        drop(send);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for batch in receive {
            for (k, result) in batch {
                waiting.insert(k, result);
            }
            while let Some(result) = waiting.remove(&due) {
                each(due, result);
                due += 1;
            }
        }
    });
}

/// A bug in a rule must not take the other files down: a panic becomes this file's error.
fn lint_input_guarded(input: &Input, settings: &Settings) -> Result<FileReport, FileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_input(input, settings))).unwrap_or_else(|_| {
        Err(FileError::of(
            input,
            "internal error: seolint crashed on this file; please report it with the file",
        ))
    })
}

pub fn lint_input(input: &Input, settings: &Settings) -> Result<FileReport, FileError> {
    let bytes = read_input(input)?;
    let mut report = lint_bytes(input.display(), bytes, settings);
    report.path_bytes = input.path_bytes();
    // standard input cannot be read again for site findings: it keeps its text
    report.keeps_source = matches!(input, Input::Stdin(_));
    if settings.drop_sources {
        report.drop_source();
    }
    Ok(report)
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    crate::input::read_limited(path, "an article")
}

/// Lint a file's bytes: reject binary and non-UTF-8 input with a located finding, else parse and
/// run the rules.
pub fn lint_bytes(path: String, bytes: Vec<u8>, settings: &Settings) -> FileReport {
    match decode(path, bytes) {
        Ok((path, source)) => lint_source(path, source, settings),
        Err(report) => *report,
    }
}

/// The text of a file, or the report of why it is not text (binary, not UTF-8, too large).
pub fn decode(path: String, bytes: Vec<u8>) -> Result<(String, String), Box<FileReport>> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        let d = Diagnostic::new(
            rules::INVALID_FILE,
            Severity::Error,
            Span::new(0, 0),
            format!(
                "input is over the {} MB limit for an article; not linted",
                MAX_FILE_SIZE / 1_048_576
            ),
        );
        return Err(Box::new(FileReport::failure(path, String::new(), Some(d))));
    }
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let source = String::from_utf8_lossy(&bytes[..nul]).into_owned();
        let at = source.len();
        let d = Diagnostic::new(
            rules::INVALID_FILE,
            Severity::Error,
            Span::new(at, at),
            "binary file (NUL byte); not linted",
        )
        .with_help("seolint reads Markdown text; exclude this file or pass only articles");
        return Err(Box::new(FileReport::failure(path, source, Some(d))));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((path, s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let source = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::new(
                rules::INVALID_FILE,
                Severity::Error,
                Span::new(at, at),
                format!(
                    "not valid UTF-8 (invalid byte 0x{:02X}); not linted",
                    e.as_bytes().get(at).copied().unwrap_or(0)
                ),
            )
            .with_help("save the file as UTF-8");
            Err(Box::new(FileReport::failure(path, source, Some(d))))
        }
    }
}

/// Read an input's bytes (a file from disk, or what stdin gave).
pub fn read_input(input: &Input) -> Result<Vec<u8>, FileError> {
    match input {
        Input::Stdin(piped) => Ok(piped.text.clone()),
        Input::File(p) => read_file(p).map_err(|message| FileError::at(p, message)),
    }
}

/// Lint text that is already known to be UTF-8.
// never inlined: a profiler counts a lint pass as what runs inside this function
// (`valgrind --toggle-collect='seolint::engine::lint_source*'`, README), and one call per file
// costs nothing
#[inline(never)]
pub fn lint_source(path: String, source: String, settings: &Settings) -> FileReport {
    let doc = Document::parse(
        source,
        &settings.parse_options_for((path != STDIN_NAME).then(|| Path::new(&path))),
    );
    let dir = (path != STDIN_NAME).then(|| Path::new(&path).parent().unwrap_or(Path::new(".")).to_path_buf());
    let (diagnostics, suppressions) = check_document(&doc, settings, dir.as_deref());
    let summary = settings
        .site_run
        .then(|| Box::new(crate::site::summarize(&doc, &settings.fields)));
    let pillar = settings.site_run.then(|| pillar_reason(&doc, settings)).flatten();
    FileReport {
        path: path.into(),
        path_bytes: None,
        lines: doc.lines,
        positions: None,
        source: doc.source,
        diagnostics,
        failed: false,
        summary,
        suppressions,
        keeps_source: false,
        pillar,
    }
}

/// Why `doc` is a pillar page, or `None`: its `CONTENT_TYPE` directive says so, its SEO CHECKLIST
/// asks that cluster articles link back, the `pillar` preset applies to it (the config's
/// `extends` or an override's), or its front matter `type`, `content_type` or `layout` says so.
pub fn pillar_reason(doc: &Document, settings: &Settings) -> Option<String> {
    let says_pillar = |text: &str| text.to_lowercase().contains("pillar");
    if doc.directive("CONTENT_TYPE").is_some_and(|d| says_pillar(&d.value)) {
        return Some("CONTENT_TYPE directive".to_string());
    }
    // the checklist's items are mapped only for a document that has one
    let asks_backlinks = !doc.checklist.is_empty()
        && Requirements::resolve(doc, None, &settings.fields)
            .checklist_item_for("backlinks")
            .is_some();
    if asks_backlinks {
        return Some("SEO CHECKLIST item on links back".to_string());
    }
    if let Some((_, origin)) = settings.presets.iter().rev().find(|(name, _)| name == "pillar") {
        return Some(format!("preset `pillar`, {origin}"));
    }
    let fm = doc.front_matter.as_ref()?;
    ["type", "content_type", "layout"].into_iter().find_map(|key| {
        let value = fm.get_str(key)?;
        says_pillar(value).then(|| format!("front matter `{key}: {value}`"))
    })
}

/// Run every enabled rule over one Document; findings sorted by position then rule.
/// `dir` is the article's folder, for the file look-ups of local images; `None` skips them.
pub fn check_document(doc: &Document, settings: &Settings, dir: Option<&Path>) -> (Vec<Diagnostic>, Suppressions) {
    let mut req = Requirements::resolve(doc, settings.keyword.as_deref(), &settings.fields);
    if let Some(t) = &settings.template {
        // the template ranks after the document's own numbers, before config
        req.add_template(t.numbers());
    }
    if let Some(dir) = dir {
        req.missing_files = missing_local_files(doc, dir, &settings.fields);
    }
    let includes = doc.includes();
    if !includes.is_empty() {
        req.included = included_anchors(doc, &includes, dir);
    }
    let mut out = Vec::new();
    for rule in RULES {
        let (Some(severity), setting) = rule.setting_in(settings) else {
            continue;
        };
        let rules::Check::File(check) = rule.check else {
            continue;
        };
        let mut ctx = Context::new(doc, &req, settings, rule, severity, setting, out);
        check(&mut ctx);
        out = ctx.into_diagnostics();
    }
    for pack in settings.packs.iter() {
        out.extend(patterns::check(pack, doc));
    }
    let pack_names: Vec<&str> = settings
        .packs
        .iter()
        .flat_map(|p| p.rules.iter().map(|r| r.name))
        .collect();
    let names: Vec<&str> = RULES.iter().map(|r| r.name).chain(pack_names.iter().copied()).collect();
    let known = |r: &str| names.contains(&r);
    let (suppressions, problems) = Suppressions::parse(doc, &known, &names);
    out.retain(|d| !suppressions.suppresses(d.rule, doc.lines.line_of(d.span.start)));
    out.extend(problems);
    let len = doc.source.len();
    for d in &mut out {
        d.span = clamp(d.span, len);
        for l in &mut d.labels {
            l.span = clamp(l.span, len);
        }
    }
    sort(&mut out);
    (out, suppressions)
}

/// Findings in file order: by position, then rule.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
}

/// A linted file for the site pass: its report's index, its path on disk (or the name stdin
/// stands for) and its settings, borrowed from the run's inputs.
pub type Linted<'a> = (usize, &'a Path, &'a Arc<Settings>);

/// The site pass: build the site from the reports' summaries (each with the path on disk it stands
/// for and its settings) plus `others` (the rest of the content root), run the site rules, and add
/// their findings to the reports, honouring each file's severity settings and suppressions.
/// `done` gets a report each time a rule hands on its findings for that file (rule by rule, in
/// report order within a rule), with its text: a streaming run writes and forgets them there, so
/// the run holds one file's findings of one rule at a time.
pub fn run_site_checks(
    reports: &mut [FileReport],
    linted: &[Linted],
    others: Vec<PathBuf>,
    mut done: impl FnMut(&mut FileReport),
) {
    let Some((_, _, first)) = linted.first() else { return };
    let content_root = linted.iter().find_map(|(_, _, s)| s.content_root.clone());
    let host = linted.iter().find_map(|(_, _, s)| s.site_host.clone());
    // each summary moves from its report into the site, one at a time
    let entries = linted.iter().filter_map(|(report, path, _)| {
        let r = &mut reports[*report];
        let summary = r.summary.take()?;
        Some((*path, r.path.clone(), *report, summary))
    });
    let slugs = linted.iter().find_map(|(_, _, s)| s.slugs);
    let site = crate::site::Site::build(entries, others, content_root, host, &first.fields, slugs);
    let mut by_report: Vec<Option<(&Path, &Arc<Settings>)>> = vec![None; reports.len()];
    for &(r, p, s) in linted {
        if let Some(slot) = by_report.get_mut(r) {
            *slot = Some((p, s));
        }
    }
    let by_report = |report: usize| by_report.get(report).copied().flatten();
    let pillars: Vec<Option<String>> = reports.iter_mut().map(|r| r.pillar.take()).collect();
    let settings_of = |report: usize| by_report(report).map(|(_, s)| Arc::clone(s));
    // rule by rule, and within a rule file by file as the rule hands them on: a report that kept
    // no text reads it again for the lines of suppressions and the positions of the new
    // findings, hands them on and lets them go before the next, so the run holds one file's
    // findings at a time
    let mut place = |report: usize, found: Vec<Diagnostic>| {
        let Some(r) = reports.get_mut(report) else { return };
        let restored = by_report(report).is_some_and(|(path, _)| r.restore_source(path));
        for d in found {
            let line = r.line_col(d.span.start).line;
            if !r.suppressions.suppresses(d.rule, line) {
                r.diagnostics.push(d);
            }
        }
        sort(&mut r.diagnostics);
        done(r);
        // a report read again is left as it was found: without its text
        if restored {
            r.drop_source();
        }
    };
    for rule in RULES {
        let rules::Check::Site(check) = rule.check else {
            continue;
        };
        let severity_of = |report: usize| settings_of(report).and_then(|s| rule.setting_in(&s).0);
        let mut ctx = rules::SiteContext::new(&site, rule, &severity_of, &pillars, &mut place);
        check(&mut ctx);
        ctx.finish();
    }
}

/// Local image paths (images and `featured_image`) that do not exist relative to `dir`.
/// The anchors of the pages `doc` includes. An include is looked for as written, then under
/// `_includes/`, `_partials/`, `includes/` and `partials/`, in the page's folder and each one
/// above it (Hugo sites look in the closest `_includes`, Jekyll at the site root); without a
/// folder (standard input) or a file, it is unresolved.
fn included_anchors(doc: &Document, includes: &[&str], dir: Option<&Path>) -> crate::requirements::Included {
    let mut out = crate::requirements::Included::default();
    let options = ParseOptions {
        slugs: doc.slugs,
        ..ParseOptions::default()
    };
    for inc in includes {
        let rel = inc.trim_start_matches('/');
        let found = dir.and_then(|dir| {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let dir = crate::input::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            dir.ancestors().take(12).find_map(|a| {
                ["", "_includes", "_partials", "includes", "partials"]
                    .iter()
                    .map(|sub| a.join(sub).join(rel))
                    .find(|p| p.is_file())
            })
        });
        let text = found
            .and_then(|p| crate::input::read_limited(&p, "an include").ok())
            .and_then(|b| String::from_utf8(b).ok());
        match text {
            Some(text) => {
                let inner = Document::parse(text, &options);
                out.unresolved |= !inner.includes().is_empty();
                out.anchors.extend(inner.anchors.into_iter().map(|a| a.id));
            }
            None => out.unresolved = true,
        }
    }
    out
}

fn missing_local_files(doc: &Document, dir: &Path, fields: &Fields) -> HashSet<String> {
    let featured = doc
        .front_matter
        .as_ref()
        .and_then(|f| fields.image.list().into_iter().find_map(|k| f.get_str(k)));
    let srcs = doc.images.iter().map(|i| i.src.as_str()).chain(featured);
    let mut missing = HashSet::new();
    for src in srcs {
        let Some(rel) = local_relative_path(src) else { continue };
        if !dir.join(&rel).exists() {
            missing.insert(src.to_string());
        }
    }
    missing
}

/// A relative file path from an image URL, or `None` for URLs, root-relative and templated paths.
fn local_relative_path(src: &str) -> Option<String> {
    let src = src.trim();
    if src.is_empty()
        || src.starts_with('/')
        || src.starts_with('#')
        || src.contains("{{")
        || src.contains("{%")
        || src.starts_with('[')
    {
        return None;
    }
    let scheme = src
        .find(':')
        .is_some_and(|i| src[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)));
    if scheme {
        return None;
    }
    let path = src.split(['?', '#']).next().unwrap_or(src);
    Some(path.replace("%20", " "))
}

fn clamp(span: Span, len: usize) -> Span {
    let start = span.start.min(len);
    Span::new(start, span.end.clamp(start, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pillar_is_marked_by_directive_checklist_preset_or_front_matter() {
        let reason = |src: &str, presets: &[(&str, &str)]| {
            let settings = Settings {
                presets: presets.iter().map(|(n, o)| (n.to_string(), o.to_string())).collect(),
                ..Settings::default()
            };
            pillar_reason(&Document::parse(src.to_string(), &ParseOptions::default()), &settings)
        };
        let plain = "---\ntitle: A guide\n---\n# A guide\n";
        assert_eq!(reason(plain, &[]), None);
        assert_eq!(reason(plain, &[("blog", ".seolint.yaml")]), None);
        assert_eq!(
            reason(plain, &[("pillar", "override #2 in .seolint.yaml")]).as_deref(),
            Some("preset `pillar`, override #2 in .seolint.yaml")
        );
        assert_eq!(
            reason("<!-- CONTENT_TYPE: Pillar Content -->\n# A guide\n", &[]).as_deref(),
            Some("CONTENT_TYPE directive")
        );
        assert_eq!(
            reason(
                "# A guide\n\n<!-- SEO CHECKLIST:\n  [ ] All cluster articles link back to this page\n-->\n",
                &[]
            )
            .as_deref(),
            Some("SEO CHECKLIST item on links back")
        );
        for (key, value) in [
            ("type", "pillar"),
            ("content_type", "Pillar Page"),
            ("layout", "pillar"),
        ] {
            let src = format!("---\ntitle: A guide\n{key}: {value}\n---\n# A guide\n");
            assert_eq!(
                reason(&src, &[]),
                Some(format!("front matter `{key}: {value}`")),
                "{key}"
            );
        }
        assert_eq!(reason("---\ntitle: A guide\nlayout: post\n---\n", &[]), None);
    }
}
