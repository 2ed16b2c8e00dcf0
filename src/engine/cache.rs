//! The result cache, as ruff's: what linting a file found (its findings, suppressions, site
//! summary and pillar reason), kept on disk and reused when nothing it depends on has changed.
//!
//! An entry is keyed by the file's path as the run names it, a hash of its bytes (xxh3, 128
//! bits), and a fingerprint of everything else its findings depend on: the resolved settings
//! (rules, severities, options and where they were set, fields, keyword, the packs' and the
//! template's contents), the heading-anchor style its site generator gives it, and the seolint
//! version and cache format (in the file's header: another version's file is read as empty).
//! The local images a file names are checked again on every hit (an image added or removed
//! re-lints the file), and so are the files it includes (found again, their bytes hashed). Site findings are never
//! cached: they are recomputed from the summaries every run.
//!
//! The cache of a project is one file, `<dir>/<hash of the working directory>.bin` (its layout
//! is [`super::cache_file`]'s): a run reads its index at the start and a payload when it uses
//! it, writes the entries it makes to a temporary file as it makes them, and at its end adds the
//! entries it kept and renames the file over the old one (a concurrent run sees the old file or
//! the new one, never half of one; the last to finish wins, and an entry it lacks is only a file
//! linted again). Nothing in it is trusted: a file that does not read as a cache of this version
//! is ignored and rewritten; an entry whose key does not match, whose payload does not match its
//! checksum (xxh3, 64 bits), or that does not decode, is a miss. Payloads are postcard (serde's
//! compact binary form), which a warm run, decoding every entry it uses, reads much faster than
//! JSON.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use super::cache_file::{CacheReader, CacheWriter};

use super::lint::{include_state, lint_bytes, lint_input, read_input};
use super::report::External;
use super::report::ReportText;
use super::Report;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Elsewhere, Fix, Label, Severity, Span};
use crate::input::{FileError, Input};
use crate::settings::Settings;
use crate::site::{PageLinks, PageSummary, PageValues};
use crate::suppress::Suppressions;

/// What the cache folder's `CACHEDIR.TAG` says (the standard tag, with seolint's note), and
/// what `seolint clean` looks for before it removes a folder.
pub const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by seolint.\n\
# For information about cache directory tags see https://bford.info/cachedir/\n";

/// The version written in a cache file's header: seolint's, unless a test sets
/// `SEOLINT_CACHE_TEST_VERSION` to stand for another release.
fn version() -> String {
    std::env::var("SEOLINT_CACHE_TEST_VERSION").unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_string())
}

/// The cache of one run: the index read at its start, the entries it makes.
pub struct Cache {
    dir: PathBuf,
    file: PathBuf,
    old: CacheReader,
    /// The file did not read as a cache of this version: it is rewritten.
    stale: bool,
    /// Each settings' fingerprint, by the address of the settings the run shares.
    fingerprints: HashMap<usize, u64>,
    /// The new cache file, made at the first entry linted afresh; the error that stopped it.
    fresh: Mutex<Option<std::io::Result<CacheWriter>>>,
    /// Files of this run taken from the cache.
    seen: Mutex<Vec<Box<str>>>,
    /// Files of this run that cannot be cached: their old entries go.
    uncacheable: Mutex<Vec<Box<str>>>,
}

impl Cache {
    /// The cache in folder `dir` for a run over `inputs` from the current directory. A file
    /// that cannot be read is an empty cache.
    pub fn open(dir: &Path, inputs: &[(Input, Arc<Settings>)]) -> Cache {
        let cwd = crate::input::working_dir().unwrap_or(Path::new("."));
        let name = format!(
            "{:016x}.bin",
            xxhash_rust::xxh3::xxh3_64(cwd.as_os_str().as_encoded_bytes())
        );
        let file = dir.join(name);
        let read = CacheReader::open(&file, &version());
        let stale = read.is_none();
        let old = read.unwrap_or_else(CacheReader::empty);
        let mut fingerprints = HashMap::new();
        for (_, settings) in inputs {
            let at = Arc::as_ptr(settings) as usize;
            fingerprints.entry(at).or_insert_with(|| fingerprint(settings));
        }
        Cache {
            dir: dir.to_path_buf(),
            file,
            old,
            stale,
            fingerprints,
            fresh: Mutex::new(None),
            seen: Mutex::new(Vec::new()),
            uncacheable: Mutex::new(Vec::new()),
        }
    }

    /// Lint one input, or take its report from the cache: for
    /// [`super::lint_inputs_with`]. Standard input is never cached.
    pub fn lint(&self, input: &Input, settings: &Settings) -> Result<Report, FileError> {
        let Input::File(path) = input else {
            return lint_input(input, settings);
        };
        let Some(&fingerprint) = self.fingerprints.get(&(settings as *const Settings as usize)) else {
            return lint_input(input, settings);
        };
        let mut bytes = read_input(input)?;
        let name = input.display();
        let content = xxh3_128(&bytes);
        let key = file_key(fingerprint, settings, path);
        if let Some(slot) = self.old.index.get(name.as_str()) {
            let payload = (slot.content == content && slot.settings == key)
                .then(|| self.old.payload(slot))
                .flatten();
            if let Some(payload) = payload {
                if let Some(entry) = decode_entry(&payload).filter(|e| e.externals_unchanged(path)) {
                    match String::from_utf8(bytes) {
                        Ok(source) => {
                            if let Some(mut report) = entry.into_report(name.clone(), source, settings) {
                                report.path_bytes = input.path_bytes();
                                self.seen(name);
                                return Ok(report);
                            }
                            bytes = read_input(input)?;
                        }
                        Err(e) => bytes = e.into_bytes(),
                    }
                }
            }
        }
        let mut report = lint_bytes(name.clone(), bytes, settings);
        report.path_bytes = input.path_bytes();
        match encode_entry(&report) {
            Some(payload) => self.write(&name, content, key, &payload),
            None => self.uncacheable(name),
        }
        Ok(report)
    }

    /// Add an entry to the new cache file, making it at the first; after an error, nothing more
    /// is written (the error is [`Cache::save`]'s).
    fn write(&self, name: &str, content: u128, settings: u64, payload: &[u8]) {
        let Ok(mut fresh) = self.fresh.lock() else { return };
        let writer = fresh.get_or_insert_with(|| {
            prepare_dir(&self.dir)?;
            CacheWriter::create(&self.dir, &version())
        });
        if let Ok(w) = writer {
            if let Err(e) = w.add(name, content, settings, payload) {
                *writer = Err(e);
            }
        }
    }

    fn seen(&self, name: String) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.push(name.into());
        }
    }

    fn uncacheable(&self, name: String) {
        if let Ok(mut names) = self.uncacheable.lock() {
            names.push(name.into());
        }
    }

    /// Write the cache back: the entries made in this run, and those read at its start that it
    /// did not replace (a run over part of a project keeps the rest), less those of files that
    /// are gone or can no longer be cached, and those whose payload went bad. Nothing is written
    /// when nothing changed.
    pub fn save(self) -> std::io::Result<()> {
        use std::collections::HashSet;
        let fresh = self.fresh.into_inner().unwrap_or_default();
        let hits: HashSet<Box<str>> = self.seen.into_inner().unwrap_or_default().into_iter().collect();
        let uncacheable: HashSet<Box<str>> = self.uncacheable.into_inner().unwrap_or_default().into_iter().collect();
        let replaced = |name: &str| matches!(&fresh, Some(Ok(w)) if w.has(name));
        let mut kept = Vec::new();
        let mut dropped = false;
        for (name, slot) in &self.old.index {
            if replaced(name) {
                continue;
            }
            if !uncacheable.contains(name) && (hits.contains(name) || Path::new(&**name).is_file()) {
                kept.push((&**name, *slot));
            } else {
                dropped = true;
            }
        }
        let mut writer = match fresh {
            Some(writer) => writer?,
            None if dropped || self.stale => {
                prepare_dir(&self.dir)?;
                CacheWriter::create(&self.dir, &version())?
            }
            None => return Ok(()),
        };
        let mut failed = None;
        self.old.payloads(kept, |name, slot, payload| {
            if failed.is_none() {
                failed = writer.add(name, slot.content, slot.settings, payload).err();
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        writer.finish(&self.file)
    }
}

/// Make the cache folder, with a `.gitignore` that ignores it whole and a `CACHEDIR.TAG`
/// (backup tools skip it; `seolint clean` looks for it).
fn prepare_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(ignore, "# Automatically created by seolint.\n*\n")?;
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        std::fs::write(tag, CACHEDIR_TAG)?;
    }
    Ok(())
}

/// A hash of everything in `settings` that can change what linting a file finds. Packs count by
/// their contents, the template by what was derived from it (its path is in its messages).
pub fn fingerprint(settings: &Settings) -> u64 {
    let Settings {
        fields,
        packs,
        template,
        content_root,
        site_run,
        rules,
        site_host,
        presets,
        slugs,
        language,
        keyword,
        keyword_match,
        options_cache: _,
    } = settings;
    let mut h = Xxh3::new();
    let mut put = |text: &str| {
        h.update(text.as_bytes());
        h.update(&[0xff]);
    };
    put(env!("CARGO_PKG_VERSION"));
    put(&format!("{fields:?}"));
    for pack in packs.iter() {
        put(&format!("{} {:x}", pack.name, pack.digest));
    }
    put(&format!("{template:?}"));
    put(&format!(
        "{content_root:?} {site_run} {site_host:?} {presets:?} {slugs:?}"
    ));
    put(&format!("{language:?} {keyword:?} {keyword_match:?}"));
    for (name, rule) in rules {
        let mut origins: Vec<_> = rule.origins.iter().collect();
        origins.sort();
        put(&format!("{name} {:?} {:?} {origins:?}", rule.severity, rule.options));
    }
    h.digest()
}

/// The settings part of a file's key: its settings' fingerprint and the anchor style its site
/// generator gives it (found by walking up from the file, not in the settings).
fn file_key(fingerprint: u64, settings: &Settings, path: &Path) -> u64 {
    let slugs = settings.slugs.or_else(|| crate::document::slug::detect(path));
    let mut h = Xxh3::new();
    h.update(&fingerprint.to_le_bytes());
    h.update(format!("{slugs:?}").as_bytes());
    h.digest()
}

/// What an entry keeps of a report.
#[derive(Serialize, Deserialize)]
struct Entry {
    diagnostics: Vec<CachedDiagnostic>,
    suppressions: Suppressions,
    summary: Option<(PageValues, PageLinks)>,
    pillar: Option<String>,
    /// The images and includes the file names, as they were when it was linted.
    external: External,
}

#[derive(Serialize, Deserialize)]
struct CachedDiagnostic {
    rule: String,
    severity: u8,
    message: String,
    span: (usize, usize),
    labels: Vec<(usize, usize, String)>,
    help: Option<String>,
    fix: Option<CachedFix>,
    elsewhere: Vec<(PathBuf, usize, usize, String)>,
}

#[derive(Serialize, Deserialize)]
struct CachedFix {
    message: String,
    safe: bool,
    edits: Vec<(usize, usize, String)>,
}

fn severity_code(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// An entry for `report`, or `None` when it cannot be cached: a file that failed or was not
/// read from disk.
fn encode_entry(report: &Report) -> Option<Vec<u8>> {
    if report.failed || report.keeps_source {
        return None;
    }
    let external = report.external.clone()?;
    let summary = match &report.summary {
        Some(s) => Some((s.values.clone(), s.links_if_parsed()?.clone())),
        None => None,
    };
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| CachedDiagnostic {
            rule: d.rule.to_string(),
            severity: severity_code(d.severity),
            message: d.message.clone(),
            span: (d.span.start, d.span.end),
            labels: d
                .labels
                .iter()
                .map(|l| (l.span.start, l.span.end, l.message.clone()))
                .collect(),
            help: d.help.as_ref().map(|h| h.to_string()),
            fix: d.fix.as_ref().map(|f| CachedFix {
                message: f.message.clone(),
                safe: f.applicability == Applicability::Safe,
                edits: f
                    .edits
                    .iter()
                    .map(|e| (e.span.start, e.span.end, e.content.clone()))
                    .collect(),
            }),
            elsewhere: d
                .elsewhere
                .iter()
                .map(|e| (e.path.to_path_buf(), e.span.start, e.span.end, e.message.clone()))
                .collect(),
        })
        .collect();
    let entry = Entry {
        diagnostics,
        suppressions: report.suppressions.clone(),
        summary,
        pillar: report.pillar.clone(),
        external,
    };
    postcard::to_stdvec(&entry).ok()
}

fn decode_entry(payload: &[u8]) -> Option<Entry> {
    postcard::from_bytes(payload).ok()
}

impl Entry {
    /// Whether each local image the file names is there, or not, as when it was linted, and
    /// each file it includes is the same file with the same bytes.
    fn externals_unchanged(&self, path: &Path) -> bool {
        let dir = path.parent().unwrap_or(Path::new("."));
        let x = &self.external;
        x.images.iter().all(|(rel, was)| dir.join(rel).exists() == *was)
            && x.includes.iter().all(|(inc, was)| include_state(inc, dir) == *was)
    }

    /// The report, with `source` as its text; `None` when a finding names a rule this run does
    /// not know.
    fn into_report(self, path: String, source: String, settings: &Settings) -> Option<Report> {
        let mut diagnostics = Vec::with_capacity(self.diagnostics.len());
        for d in self.diagnostics {
            let severity = match d.severity {
                0 => Severity::Info,
                1 => Severity::Warning,
                2 => Severity::Error,
                _ => return None,
            };
            diagnostics.push(Diagnostic {
                rule: static_rule_name(&d.rule, settings)?,
                severity,
                message: d.message,
                span: Span::new(d.span.0, d.span.1),
                labels: d
                    .labels
                    .into_iter()
                    .map(|(start, end, message)| Label {
                        span: Span::new(start, end),
                        message,
                    })
                    .collect(),
                help: d.help.map(Into::into),
                fix: d.fix.map(|f| {
                    Box::new(Fix {
                        message: f.message,
                        applicability: if f.safe {
                            Applicability::Safe
                        } else {
                            Applicability::Unsafe
                        },
                        edits: f
                            .edits
                            .into_iter()
                            .map(|(start, end, content)| Edit {
                                span: Span::new(start, end),
                                content,
                            })
                            .collect(),
                    })
                }),
                elsewhere: d
                    .elsewhere
                    .into_iter()
                    .map(|(path, start, end, message)| Elsewhere {
                        path: path.into(),
                        span: Span::new(start, end),
                        message,
                    })
                    .collect(),
            });
        }
        Some(Report {
            path: path.into(),
            path_bytes: None,
            text: ReportText::new(source),
            diagnostics,
            failed: false,
            summary: self
                .summary
                .map(|(values, links)| Box::new(PageSummary::parsed(values, links))),
            suppressions: self.suppressions,
            keeps_source: false,
            pillar: self.pillar,
            external: Some(self.external),
        })
    }
}

/// The rule name a finding is reported under, as the rule table (or a pack of these settings)
/// has it.
fn static_rule_name(name: &str, settings: &Settings) -> Option<&'static str> {
    crate::rules::RULES
        .iter()
        .map(|r| r.name)
        .chain([crate::suppress::UNKNOWN_RULE, crate::rules::INVALID_FILE])
        .chain(settings.packs.iter().flat_map(|p| p.rules.iter().map(|r| r.name)))
        .find(|n| *n == name)
}
