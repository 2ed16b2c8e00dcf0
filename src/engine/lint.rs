//! Lint one file: decode its bytes, parse it once, run every enabled rule and pattern pack over
//! the Document, apply suppressions, sort the findings.

use std::collections::HashSet;
use std::path::Path;

use super::report::{External, ReportText};
use super::Report;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Document, ParseOptions};
use crate::fields::Fields;
use crate::input::{FileError, Input, MAX_FILE_SIZE, STDIN_NAME};
use crate::patterns;
use crate::requirements::Requirements;
use crate::rules::{self, Context, RULES};
use crate::settings::Settings;
use crate::suppress::Suppressions;

/// Lint one input: a file from disk, or what standard input gave.
pub fn lint_input(input: &Input, settings: &Settings) -> Result<Report, FileError> {
    let bytes = read_input(input)?;
    let mut report = lint_bytes(input.display(), bytes, settings);
    report.path_bytes = input.path_bytes();
    // standard input cannot be read again for site findings: it keeps its text
    report.keeps_source = matches!(input, Input::Stdin(_));
    Ok(report)
}

pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    crate::input::read_limited(path, "an article")
}

/// Lint a file's bytes: reject binary and non-UTF-8 input with a located finding, else parse and
/// run the rules.
pub fn lint_bytes(path: String, bytes: Vec<u8>, settings: &Settings) -> Report {
    match decode(path, bytes) {
        Ok((path, source)) => lint_source(path, source, settings),
        Err(report) => *report,
    }
}

/// The text of a file, or the report of why it is not text (binary, not UTF-8, too large).
pub fn decode(path: String, bytes: Vec<u8>) -> Result<(String, String), Box<Report>> {
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
        return Err(Box::new(Report::failure(path, String::new(), Some(d))));
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
        return Err(Box::new(Report::failure(path, source, Some(d))));
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
            Err(Box::new(Report::failure(path, source, Some(d))))
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
// (`valgrind --toggle-collect='seolint::engine::lint::lint_source*'`, README), and one call per file
// costs nothing
#[inline(never)]
pub fn lint_source(path: String, source: String, settings: &Settings) -> Report {
    lint_source_landmarks(path, source, settings).0
}

/// Where a document's landmarks are, as the parser that linted it saw them (for an editor: the
/// code lens over the H1, a suppression comment after the front matter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Landmarks {
    /// The first H1 (ATX or setext), marker included.
    pub h1: Option<Span>,
    /// The front matter block, fences included.
    pub front_matter: Option<Span>,
}

/// [`lint_source`], with the landmarks of the Document it parsed (parsed once for both).
pub fn lint_source_landmarks(path: String, source: String, settings: &Settings) -> (Report, Landmarks) {
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
    let external = dir
        .as_deref()
        .and_then(|dir| external_inputs(&doc, dir, &settings.fields));
    let landmarks = Landmarks {
        h1: doc.h1s().next().map(|h| h.span),
        front_matter: doc.front_matter.as_ref().map(|f| f.span),
    };
    let report = Report {
        path: path.into(),
        path_bytes: None,
        text: ReportText::Full {
            source: doc.source,
            lines: doc.lines,
        },
        diagnostics,
        failed: false,
        summary,
        suppressions,
        keeps_source: false,
        pillar,
        external,
    };
    (report, landmarks)
}

/// What linting `doc` read besides its text: each local image it names (relative to `dir`) and
/// whether it was there, each file it includes and a hash of that file's bytes.
fn external_inputs(doc: &Document, dir: &Path, fields: &Fields) -> Option<External> {
    let includes = doc
        .includes()
        .into_iter()
        .map(|inc| (inc.to_string(), include_state(inc, dir)))
        .collect();
    let featured = doc
        .front_matter
        .as_ref()
        .and_then(|f| fields.image.list().into_iter().find_map(|k| f.get_str(k)));
    let srcs = doc.images.iter().map(|i| i.src.as_str()).chain(featured);
    let mut out: Vec<(String, bool)> = srcs
        .filter_map(local_relative_path)
        .map(|rel| {
            let there = dir.join(&rel).exists();
            (rel, there)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    Some(External { images: out, includes })
}

/// The file `include` names from `dir`, and a hash of its bytes; `None`: none found or readable.
pub(super) fn include_state(include: &str, dir: &Path) -> Option<(String, u64)> {
    let path = find_include(include, dir)?;
    let bytes = crate::input::read_limited(&path, "an include").ok()?;
    Some((path.to_string_lossy().into_owned(), xxhash_rust::xxh3::xxh3_64(&bytes)))
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
        && Requirements::resolve(doc, None, &settings.fields, settings.keyword_match)
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
    let mut req = Requirements::resolve(
        doc,
        settings.keyword.as_deref(),
        &settings.fields,
        settings.keyword_match,
    );
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
        let found = dir.and_then(|dir| find_include(inc, dir));
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

/// The file an include names, as [`included_anchors`] looks for it from the article's folder.
pub(super) fn find_include(include: &str, dir: &Path) -> Option<std::path::PathBuf> {
    let rel = include.trim_start_matches('/');
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let dir = crate::input::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors().take(12).find_map(|a| {
        // only the include folders that are there (each folder is listed once in a run)
        let folder = crate::generator::folder(a);
        std::iter::once(a.join(rel))
            .chain(
                crate::generator::INCLUDE_DIRS
                    .iter()
                    .filter(|sub| folder.has_include_dir(sub))
                    .map(|sub| a.join(sub).join(rel)),
            )
            .find(|p| p.is_file())
    })
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
