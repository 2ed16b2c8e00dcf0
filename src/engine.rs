//! Lint files: read each one, parse it once, run every enabled rule over the Document, sort the
//! findings; then the site pass over what the files left for it. Files are linted in parallel; a
//! file that cannot be read or is not text becomes a finding or an error of that file, never a
//! panic, and the other files are still linted.
//!
//! - [`lint`]: one file, from its bytes or its text, to a [`Report`]
//! - [`schedule`]: many files over the worker threads, results in input order
//! - [`site`]: the site rules over the summaries the files left
//! - [`report`]: what linting one file found, and how it gives up its text

mod lint;
mod report;
mod schedule;
mod site;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Severity;
use crate::document::ParseOptions;
use crate::fields::Fields;
use crate::packs::Pack;
use crate::rules;
use crate::template::TemplateReqs;

pub use lint::{check_document, decode, lint_bytes, lint_input, lint_source, pillar_reason, read_input, sort};
pub use report::Report;
pub use schedule::{lint_inputs, lint_inputs_each, lint_inputs_map};
pub use site::{run_site_checks, LintedFile};

pub use crate::files::MAX_FILE_SIZE;

/// How one rule runs: off, or at a severity with options.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSetting {
    pub severity: Option<Severity>,
    pub options: Option<serde_json::Value>,
    /// Where each option (and `severity`) was set: `.seolint.yaml:7`, "preset `pillar`".
    pub origins: HashMap<String, String>,
}

/// What the engine needs to know beyond the file: per-rule settings and the site.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Which front matter keys mean title, description, image, ...
    pub fields: Fields,
    /// Custom rule packs from config.
    pub packs: Arc<Vec<Pack>>,
    /// Requirements derived from `--template` / config `template:`.
    pub template: Option<Arc<TemplateReqs>>,
    /// `site.content_root`, resolved against the config's folder.
    pub content_root: Option<PathBuf>,
    /// Site rules run in this run (a folder was linted, or a content root is configured): files
    /// leave a summary for them.
    pub site_run: bool,
    /// Rules not named here run at their default severity with default options. Ordered: every
    /// file looks each rule up, and a few string comparisons cost less than hashing the name.
    pub rules: BTreeMap<String, RuleSetting>,
    pub site_host: Option<String>,
    /// The presets that apply, in order, each with where it was named: ("pillar", "override #1
    /// in .seolint.yaml").
    pub presets: Vec<(String, String)>,
    /// `site.slugs`: whose heading anchors; `None`: detected per file from the generator's config.
    pub slugs: Option<crate::document::slug::SlugStyle>,
    /// `--keyword`: the primary keyword, over anything the document declares.
    pub keyword: Option<String>,
    /// The rules' options, parsed once per run from `rules` (a change to `rules` after linting
    /// has started would not be seen: settings are made, then used).
    pub options_cache: rules::OptionsCache,
}

impl Settings {
    /// How to parse a file under these settings: the site's host and the canonical URL keys.
    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions::new(self.site_host.clone(), &self.fields)
    }

    /// [`Settings::parse_options`] for the file at `path` (`None`: standard input), with the
    /// anchor style configured or else detected from its site generator's config.
    pub fn parse_options_for(&self, path: Option<&Path>) -> ParseOptions {
        let mut o = self.parse_options();
        o.slugs = self.slugs.or_else(|| path.and_then(crate::document::slug::detect));
        o
    }

    /// The severity `rule` runs at, `None` when it is off.
    pub fn severity(&self, rule: &rules::Rule) -> Option<Severity> {
        self.rule_setting(rule).0
    }

    /// The severity `rule` runs at (`None` when it is off) and its setting in config, if any:
    /// one look-up for both.
    pub fn rule_setting(&self, rule: &rules::Rule) -> (Option<Severity>, Option<&RuleSetting>) {
        match self.rules.get(rule.name) {
            Some(s) => (s.severity, Some(s)),
            None => (Some(rule.default_severity), None),
        }
    }
}

/// An input: a file on disk or standard input. A run holds one per file named or found (a
/// pre-commit hook can name thousands), so it is the size of a path: stdin's text is boxed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin(Box<Piped>),
}

const _: () = assert!(std::mem::size_of::<Input>() == std::mem::size_of::<PathBuf>());

/// Text read from stdin, reported under `name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Piped {
    pub name: String,
    pub text: Vec<u8>,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => display_path(p),
            Input::Stdin(piped) => piped.name.clone(),
        }
    }

    /// The path's bytes when they are not UTF-8 (see [`path_bytes`]).
    pub fn path_bytes(&self) -> Option<Arc<[u8]>> {
        match self {
            Input::File(p) => path_bytes(p),
            Input::Stdin(_) => None,
        }
    }

    /// The path on disk, or the name stdin stands for.
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) => p,
            Input::Stdin(piped) => Path::new(&piped.name),
        }
    }
}

/// A path as text: as it is when it is UTF-8, else with each byte that is not shown as `\xNN`
/// (not U+FFFD, which would make two names look alike). Terminal formats still escape its
/// control characters (`output::escape_path`).
pub fn display_path(p: &Path) -> String {
    let s = match p.to_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(escape_invalid_utf8(path_as_bytes(p).as_ref())),
    };
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// The bytes of a path that is not UTF-8, `None` for one that is (nearly all).
pub fn path_bytes(p: &Path) -> Option<Arc<[u8]>> {
    if p.to_str().is_some() {
        return None;
    }
    let bytes = path_as_bytes(p);
    Some(bytes.strip_prefix(b"./").unwrap_or(&bytes).into())
}

#[cfg(unix)]
fn path_as_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(p.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_as_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(p.to_string_lossy().into_owned().into_bytes())
}

fn escape_invalid_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A one-line reason a file could not be linted (missing, unreadable, a directory, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    /// The path's bytes when they are not UTF-8 (as [`Report::path_bytes`]).
    pub path_bytes: Option<Arc<[u8]>>,
    pub message: String,
}

impl FileError {
    /// The error of a path on disk.
    pub fn at(path: &Path, message: impl Into<String>) -> FileError {
        FileError {
            path: display_path(path),
            path_bytes: path_bytes(path),
            message: message.into(),
        }
    }

    /// The error of an input: a file, or standard input.
    pub fn of(input: &Input, message: impl Into<String>) -> FileError {
        FileError {
            path: input.display(),
            path_bytes: input.path_bytes(),
            message: message.into(),
        }
    }
}

/// The name stdin is reported under when no `--stdin-filename` is given.
pub const STDIN_NAME: &str = "<stdin>";
