//! The settings a file is linted with: which rules run at what severity with which options, the
//! front matter fields, packs, the template's requirements and the site. Made by `config`, read
//! by the engine and the rules.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diagnostic::Severity;
use crate::document::ParseOptions;
use crate::fields::Fields;
use crate::patterns::Pack;
use crate::requirements::TemplateReqs;

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
    /// leave a summary for them, and the checklist rule knows site items are checked. Set by the
    /// run's plan when it makes the settings.
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
    /// The config's top-level `language:`: the language of articles whose front matter names
    /// none (else English). A rule asks the Document (`doc.language`), which has both.
    pub language: Option<crate::text::Language>,
    /// `--keyword`: the primary keyword, over anything the document declares.
    pub keyword: Option<String>,
    /// Config `keyword.match`: English word forms (the default) or the words as written.
    pub keyword_match: crate::text::KeywordMatch,
    /// The rules' options, parsed once per run from `rules` (a change to `rules` after linting
    /// has started would not be seen: settings are made, then used).
    pub options_cache: OptionsCache,
}

impl Settings {
    /// How to parse a file under these settings: the site's host and the canonical URL keys.
    pub fn parse_options(&self) -> ParseOptions {
        let mut o = ParseOptions::new(self.site_host.clone(), &self.fields);
        o.language = self.language.clone();
        o
    }

    /// [`Settings::parse_options`] for the file at `path` (`None`: standard input), with the
    /// anchor style configured or else detected from its site generator's config.
    pub fn parse_options_for(&self, path: Option<&Path>) -> ParseOptions {
        let mut o = self.parse_options();
        o.slugs = self.slugs.or_else(|| path.and_then(crate::document::slug::detect));
        o
    }

    /// The severity the rule `name` runs at (`None` when it is off; `default` when config does
    /// not name it) and its setting in config, if any: one look-up for both.
    pub fn rule_setting(&self, name: &str, default: Severity) -> (Option<Severity>, Option<&RuleSetting>) {
        match self.rules.get(name) {
            Some(s) => (s.severity, Some(s)),
            None => (Some(default), None),
        }
    }
}

/// Each rule's options as its check reads them, made once per run: deserializing them (or
/// building their defaults, lists of words for some) for every file cost more than some rules'
/// checks. One cell per rule of the rule table, in its order (the caller says which slot of how
/// many), each holding the type the rule asks for.
#[derive(Default)]
pub struct OptionsCache(OnceLock<Box<[OnceLock<AnyOptions>]>>);

/// One rule's options, of the type its check asks for.
type AnyOptions = Box<dyn Any + Send + Sync>;

impl OptionsCache {
    /// The options in `slot` of `slots`, made by `make` the first time; `None` for a slot out of
    /// range or a type other than the one it was first asked for.
    pub fn get<T: Send + Sync + 'static>(&self, slot: usize, slots: usize, make: impl FnOnce() -> T) -> Option<&T> {
        let cells = self.0.get_or_init(|| (0..slots).map(|_| OnceLock::new()).collect());
        cells.get(slot)?.get_or_init(|| Box::new(make())).downcast_ref()
    }
}

/// A copy of settings may be changed before it is used: it makes its options afresh.
impl Clone for OptionsCache {
    fn clone(&self) -> Self {
        OptionsCache::default()
    }
}

impl std::fmt::Debug for OptionsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OptionsCache")
    }
}
