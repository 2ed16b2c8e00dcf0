//! Configuration: `.seolint.yaml` discovery (the closest one walking up from each file, stopping
//! at the repository root), presets, per-path overrides, and where every value came from. Unknown
//! keys, rule names and options are errors with the file, the line and a "did you mean".

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_yaml::Value as Yaml;

use crate::diagnostic::Severity;
use crate::engine::{RuleSetting, Settings};
use crate::fields::Fields;
use crate::patterns::{self, Pack};
use crate::rules;
use crate::suggest::did_you_mean;
use crate::template::TemplateReqs;

pub const FILE_NAMES: &[&str] = &[".seolint.yaml", ".seolint.yml"];

/// A configuration problem: where, and what. Printed as `path:line: message` and exit 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    extends: Option<String>,
    site: Option<RawSite>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, Yaml>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    fields: Fields,
    #[serde(default)]
    packs: Vec<String>,
    template: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub url: Option<String>,
    pub content_root: Option<String>,
    /// Folders whose Markdown files are fragments included into pages, not articles.
    pub partials: Option<Vec<String>>,
    /// Whose heading anchors `#fragment` links must name; unset: detected, else lenient.
    pub slugs: Option<crate::document::slug::SlugStyle>,
}

/// Where generators keep Markdown that pages include: Jekyll's `_includes`, the `_partials` of
/// Docusaurus and Astro, Antora's `partials`, and the `includes` of Microsoft Docs and MkDocs
/// snippets. Hugo's own `layouts/partials` hold templates, not Markdown; Hugo sites that include
/// Markdown keep it in `_includes` (Docsy's convention).
pub const DEFAULT_PARTIALS: &[&str] = &["_includes", "_partials", "partials", "includes"];

/// Whether `file` is a partial: a folder of its path, below the config's folder (or the
/// working directory without a config), is named in `site.partials` (default
/// [`DEFAULT_PARTIALS`]). Partials are not linted and are not pages of the site.
pub fn is_partial(config: Option<&ConfigFile>, file: &Path) -> bool {
    let rel = match config {
        Some(c) => c.relative(file),
        None => {
            let abs = crate::discover::absolute(file).unwrap_or_else(|_| file.to_path_buf());
            crate::discover::working_dir()
                .and_then(|cwd| abs.strip_prefix(cwd).ok().map(Path::to_path_buf))
                .unwrap_or_else(|| file.to_path_buf())
        }
    };
    let Some(dir) = rel.parent() else { return false };
    let names = config.and_then(|c| c.site.partials.as_deref());
    dir.components().any(|c| {
        let c = c.as_os_str();
        match names {
            Some(names) => names.iter().any(|n| c == n.as_str()),
            None => DEFAULT_PARTIALS.iter().any(|n| c == *n),
        }
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<String>,
    extends: Option<String>,
    #[serde(default)]
    rules: BTreeMap<String, Yaml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetFile {
    #[allow(dead_code)]
    description: String,
    #[serde(default)]
    rules: BTreeMap<String, Yaml>,
}

/// The built-in presets, embedded in the binary.
pub const PRESETS: &[(&str, &str)] = &[
    ("pillar", include_str!("../rules/presets/pillar.yaml")),
    ("cluster", include_str!("../rules/presets/cluster.yaml")),
    ("blog", include_str!("../rules/presets/blog.yaml")),
];

/// One rule entry, checked, with where it was written.
#[derive(Debug, Clone)]
struct RuleEntry {
    rule: &'static str,
    /// `None`: leave the severity as it is; `Some(None)`: off.
    severity: Option<Option<Severity>>,
    options: serde_json::Map<String, serde_json::Value>,
    origin: String,
}

#[derive(Debug)]
struct Override {
    files: GlobSet,
    extends: Option<String>,
    preset: Option<Vec<RuleEntry>>,
    rules: Vec<RuleEntry>,
}

/// A loaded and checked config file.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub dir: PathBuf,
    pub extends: Option<String>,
    pub site: RawSite,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    preset: Vec<RuleEntry>,
    rules: Vec<RuleEntry>,
    overrides: Vec<Override>,
    pub fields: Fields,
    pub packs: Arc<Vec<Pack>>,
    pub template: Option<Arc<TemplateReqs>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of `key:` in `text` at or after `from`.
fn key_line(text: &str, key: &str, from: usize) -> Option<usize> {
    if key.is_empty() {
        return None; // `find("")` matches everywhere: nothing to point at
    }
    let mut pos = from.min(text.len());
    while let Some(i) = text[pos..].find(key) {
        let at = pos + i;
        let before_ok = at == 0
            || text[..at].ends_with(|c: char| c.is_whitespace() || c == '{' || c == ',' || c == '"' || c == '\'');
        let after = text[at + key.len()..].trim_start_matches(['"', '\'']);
        if before_ok && after.trim_start().starts_with(':') {
            return Some(line_of(text, at));
        }
        pos = at + key.len();
    }
    None
}

/// Turn serde's "unknown field `x`, expected one of `a`, `b`" into a message with a suggestion.
fn with_suggestion(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    let first = first.split(" at line ").next().unwrap_or(first).to_string();
    let Some(rest) = first.strip_prefix("unknown field `") else {
        return first;
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return first;
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, candidates) {
        Some(s) => format!("unknown key `{field}`; did you mean `{s}`?"),
        None => format!("unknown key `{field}`{expected}"),
    }
}

fn severity_of(name: &str) -> Option<Option<Severity>> {
    match name {
        "off" => Some(None),
        "error" => Some(Some(Severity::Error)),
        "warning" | "warn" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        _ => None,
    }
}

/// Check one `rules:` map: known rule names, severities, options.
fn rule_entries(
    map: &BTreeMap<String, Yaml>,
    text: &str,
    path: &str,
    from: usize,
    origin_prefix: &str,
) -> Result<Vec<RuleEntry>, ConfigError> {
    let mut out = Vec::new();
    for (name, value) in map {
        let line = key_line(text, name, from);
        let err = |message: String| ConfigError {
            path: path.to_string(),
            line,
            message,
        };
        let Some(rule) = rules::find(name) else {
            let hint = did_you_mean(name, rules::RULES.iter().map(|r| r.name))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(err(format!("unknown rule `{name}`{hint}")));
        };
        let origin = match line {
            Some(l) => format!("{origin_prefix}{path}:{l}"),
            None => format!("{origin_prefix}{path}"),
        };
        let mut entry = RuleEntry {
            rule: rule.name,
            severity: None,
            options: serde_json::Map::new(),
            origin,
        };
        match value {
            Yaml::String(s) => {
                entry.severity = Some(
                    severity_of(s)
                        .ok_or_else(|| err(format!("`{name}: {s}`: expected off, error, warning or info")))?,
                );
            }
            Yaml::Bool(false) => entry.severity = Some(None),
            Yaml::Mapping(_) => {
                let json = serde_json::to_value(value).map_err(|e| err(format!("`{name}`: {e}")))?;
                let serde_json::Value::Object(mut obj) = json else {
                    return Err(err(format!("`{name}`: expected a mapping of options")));
                };
                if let Some(sev) = obj.remove("severity") {
                    let s = sev.as_str().unwrap_or("");
                    entry.severity = Some(
                        severity_of(s)
                            .ok_or_else(|| err(format!("`{name}.severity`: expected off, error, warning or info")))?,
                    );
                }
                (rule.validate)(&serde_json::Value::Object(obj.clone()))
                    .map_err(|e| err(format!("`{name}` options: {}", with_suggestion(&e))))?;
                entry.options = obj;
            }
            _ => {
                return Err(err(format!(
                    "`{name}`: expected off, a severity, or a mapping of options"
                )))
            }
        }
        out.push(entry);
    }
    Ok(out)
}

fn load_preset(name: &str) -> Result<Vec<RuleEntry>, String> {
    let Some((_, text)) = PRESETS.iter().find(|(n, _)| *n == name) else {
        let hint = did_you_mean(name, PRESETS.iter().map(|(n, _)| *n))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(format!(
            "unknown preset `{name}`{hint} (presets: {})",
            PRESETS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
        ));
    };
    let file: PresetFile = serde_yaml::from_str(text).map_err(|e| format!("preset `{name}`: {e}"))?;
    rule_entries(&file.rules, text, &format!("preset {name}"), 0, "")
        .map_err(|e| e.to_string())
        .map(|mut v| {
            for e in &mut v {
                e.origin = format!("preset `{name}`");
            }
            v
        })
}

fn globset(patterns: &[String], path: &str, text: &str, key: &str) -> Result<Option<GlobSet>, ConfigError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| ConfigError {
            path: path.to_string(),
            line: key_line(text, key, 0),
            message: format!("`{key}`: bad glob `{p}`: {}", e.kind()),
        })?;
        b.add(glob);
    }
    b.build().map(Some).map_err(|e| ConfigError {
        path: path.to_string(),
        line: key_line(text, key, 0),
        message: format!("`{key}`: {e}"),
    })
}

impl ConfigFile {
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
        let shown = crate::engine::display_path(path);
        let text = crate::files::read_text(path, "a config").map_err(|e| ConfigError {
            path: shown.clone(),
            line: None,
            message: format!("cannot read config: {e}"),
        })?;
        Self::parse(path, &text)
    }

    /// A config from its text. Messages quote at most a short piece of one line of it.
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
        Self::parse_unquoted(path, text).map_err(|mut e| {
            e.message = crate::files::one_line_message(&e.message);
            e
        })
    }

    fn parse_unquoted(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
        let shown = crate::engine::display_path(path);
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            crate::files::from_yaml(
                text,
                "a seolint config",
                "a YAML mapping of settings such as `extends:` and `rules:`",
                None,
            )
            .map_err(|(line, message)| ConfigError {
                path: shown.clone(),
                line,
                message: with_suggestion(&message),
            })?
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let err_at = |key: &str, message: String| ConfigError {
            path: shown.clone(),
            line: key_line(text, key, 0),
            message,
        };
        let preset = match &raw.extends {
            Some(name) => load_preset(name).map_err(|m| err_at("extends", m))?,
            None => Vec::new(),
        };
        let rules_from = text.find("rules:").unwrap_or(0);
        let rules = rule_entries(&raw.rules, text, &shown, rules_from, "")?;
        let mut overrides = Vec::new();
        let mut search = text.find("overrides:").unwrap_or(0);
        for (i, o) in raw.overrides.iter().enumerate() {
            let start = text[search..].find("files").map_or(search, |j| search + j);
            search = start + 5;
            if o.files.is_empty() {
                return Err(err_at("overrides", format!("override #{} has no `files`", i + 1)));
            }
            let files = globset(&o.files, &shown, text, "files")?.unwrap_or_else(GlobSet::empty);
            let preset = match &o.extends {
                Some(name) => Some(load_preset(name).map_err(|m| err_at("extends", m))?),
                None => None,
            };
            let rules = rule_entries(&o.rules, text, &shown, start, &format!("override #{} in ", i + 1))?;
            overrides.push(Override {
                files,
                extends: o.extends.clone(),
                preset,
                rules,
            });
        }
        if let Some(url) = raw.site.as_ref().and_then(|s| s.url.as_deref()) {
            if crate::document::url_host(url).is_none() {
                return Err(err_at(
                    "url",
                    format!("`site.url` must be an absolute http(s) URL, not `{url}`"),
                ));
            }
        }
        let partials = raw
            .site
            .as_ref()
            .and_then(|s| s.partials.as_deref())
            .unwrap_or_default();
        if let Some(bad) = partials.iter().find(|p| p.is_empty() || p.contains(['/', '\\'])) {
            return Err(err_at(
                "partials",
                format!("`site.partials` lists folder names, not paths: `{bad}`"),
            ));
        }
        let mut loaded_packs = Vec::new();
        for p in &raw.packs {
            let pack_path = dir.join(p);
            loaded_packs.push(patterns::load(&pack_path).map_err(|e| ConfigError {
                path: e.path,
                line: e.line,
                message: e.message,
            })?);
        }
        let template = match &raw.template {
            Some(t) => Some(Arc::new(
                TemplateReqs::load(&dir.join(t)).map_err(|m| err_at("template", m))?,
            )),
            None => None,
        };
        Ok(ConfigFile {
            path: path.to_path_buf(),
            extends: raw.extends.clone(),
            site: raw.site.clone().unwrap_or_default(),
            include: globset(&raw.include, &shown, text, "include")?,
            exclude: globset(&raw.exclude, &shown, text, "exclude")?,
            dir,
            preset,
            rules,
            overrides,
            fields: raw.fields,
            packs: Arc::new(loaded_packs),
            template,
        })
    }

    /// `file` relative to this config's folder, for its globs (both made absolute first, so
    /// `./blog/a.md` and `blog/a.md` match alike).
    fn relative(&self, file: &Path) -> PathBuf {
        let abs = crate::discover::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = crate::discover::absolute(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let abs = normalize(&abs);
        abs.strip_prefix(normalize(&dir))
            .map_or_else(|_| file.to_path_buf(), Path::to_path_buf)
    }

    /// Is `file` excluded (or, with `include` set, not included)?
    pub fn excludes(&self, file: &Path) -> bool {
        // no globs, nothing to match: making the path relative is most of the cost per file
        if self.exclude.is_none() && self.include.is_none() {
            return false;
        }
        let rel = self.relative(file);
        if self.exclude.as_ref().is_some_and(|g| g.is_match(&rel)) {
            return true;
        }
        self.include.as_ref().is_some_and(|g| !g.is_match(&rel))
    }

    /// The overrides that apply to `file`, by position: files with the same list get the same
    /// settings, so a run can share them instead of building one per file.
    pub fn overrides_for(&self, file: &Path) -> Vec<usize> {
        if self.overrides.is_empty() {
            return Vec::new();
        }
        let rel = self.relative(file);
        (0..self.overrides.len())
            .filter(|&i| self.overrides[i].files.is_match(&rel))
            .collect()
    }

    /// The settings for one file: preset, then config rules, then each matching override.
    pub fn settings_for(&self, file: &Path) -> Settings {
        let mut settings = Settings {
            site_host: self
                .site
                .url
                .as_deref()
                .and_then(crate::document::url_host)
                .map(|h| h.trim_start_matches("www.").to_ascii_lowercase()),
            fields: self.fields.clone(),
            packs: self.packs.clone(),
            template: self.template.clone(),
            content_root: self.site.content_root.as_ref().map(|r| self.dir.join(r)),
            slugs: self.site.slugs,
            ..Settings::default()
        };
        let shown = crate::engine::display_path(&self.path);
        if let Some(name) = &self.extends {
            settings.presets.push((name.clone(), shown.clone()));
        }
        apply(&mut settings, &self.preset);
        apply(&mut settings, &self.rules);
        let rel = self.relative(file);
        for (i, o) in self
            .overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| o.files.is_match(&rel))
        {
            if let Some(p) = &o.preset {
                if let Some(name) = &o.extends {
                    settings
                        .presets
                        .push((name.clone(), format!("override #{} in {shown}", i + 1)));
                }
                apply(&mut settings, p);
            }
            apply(&mut settings, &o.rules);
        }
        settings
    }
}

fn apply(settings: &mut Settings, entries: &[RuleEntry]) {
    for e in entries {
        let default = rules::find(e.rule).map_or(Severity::Warning, |r| r.default_severity);
        let s = settings.rules.entry(e.rule.to_string()).or_insert_with(|| RuleSetting {
            severity: Some(default),
            options: None,
            origins: HashMap::new(),
        });
        if let Some(sev) = e.severity {
            s.severity = sev;
            s.origins.insert("severity".to_string(), e.origin.clone());
        }
        if !e.options.is_empty() {
            let obj = s
                .options
                .get_or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let serde_json::Value::Object(map) = obj {
                for (k, v) in &e.options {
                    map.insert(k.clone(), v.clone());
                    s.origins.insert(k.clone(), e.origin.clone());
                }
            }
        }
    }
}

/// How config is found for each file.
pub struct Resolver {
    explicit: Option<Arc<ConfigFile>>,
    disabled: bool,
    cache: Mutex<HashMap<PathBuf, Option<Arc<ConfigFile>>>>,
}

impl Resolver {
    /// `--config FILE` wins for every file; `--no-config` ignores config files.
    pub fn new(explicit: Option<&Path>, disabled: bool) -> Result<Resolver, ConfigError> {
        let explicit = match explicit {
            Some(p) => Some(Arc::new(ConfigFile::load(p)?)),
            None => None,
        };
        Ok(Resolver {
            explicit,
            disabled,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The config that applies to `file`: the closest `.seolint.yaml` walking up from its folder,
    /// stopping at the repository root (a folder with `.git`).
    pub fn config_for(&self, file: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        if self.disabled {
            return Ok(None);
        }
        if let Some(c) = &self.explicit {
            return Ok(Some(c.clone()));
        }
        let start = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let start = crate::discover::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        self.lookup(&start)
    }

    fn lookup(&self, dir: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(dir).cloned()) {
            return Ok(hit);
        }
        let mut found = None;
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                found = Some(Arc::new(ConfigFile::load(&relative_to_cwd(&candidate))?));
                break;
            }
        }
        if found.is_none() && !dir.join(".git").exists() {
            if let Some(parent) = dir.parent() {
                found = self.lookup(parent)?;
            }
        }
        if let Ok(mut c) = self.cache.lock() {
            c.insert(dir.to_path_buf(), found.clone());
        }
        Ok(found)
    }
}

/// Drop `.` components (`/a/./b` -> `/a/b`).
fn normalize(p: &Path) -> PathBuf {
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Show config paths relative to the working directory where possible.
fn relative_to_cwd(p: &Path) -> PathBuf {
    crate::discover::working_dir()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

/// `seolint config PATH`: every rule's severity and options, with where each came from.
pub fn describe(file: &Path, config: Option<&ConfigFile>, settings: &Settings) -> String {
    let mut out = String::new();
    match config {
        Some(c) => {
            out.push_str(&format!("config: {}\n", crate::engine::display_path(&c.path)));
            if let Some(p) = &c.extends {
                out.push_str(&format!("extends: {p}\n"));
            }
            if let Some(u) = &c.site.url {
                out.push_str(&format!("site.url: {u}\n"));
            }
            if let Some(r) = &c.site.content_root {
                out.push_str(&format!("site.content_root: {r}\n"));
            }
            if let Some(p) = &c.site.partials {
                out.push_str(&format!("site.partials: {}\n", p.join(", ")));
            }
            if let Some(s) = &c.site.slugs {
                out.push_str(&format!("site.slugs: {}\n", s.name()));
            }
            if c.excludes(file) {
                out.push_str("excluded: yes (include/exclude)\n");
            }
            if !c.packs.is_empty() {
                out.push_str(&format!(
                    "packs: {}\n",
                    c.packs.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
            if let Some(t) = &c.template {
                out.push_str(&format!("template: {}\n", t.path));
            }
        }
        None => out.push_str("config: none (built-in defaults)\n"),
    }
    if is_partial(config, file) {
        out.push_str("partial: yes (site.partials): not linted, not a page of the site\n");
    }
    out.push_str(&format!("fields: {}\n", settings.fields.describe()));
    out.push_str("rules:\n");
    for rule in rules::RULES {
        let s = settings.rules.get(rule.name);
        let (sev, sev_origin) = match s {
            Some(s) => (
                s.severity.map_or("off", Severity::as_str),
                s.origins.get("severity").map_or("default", String::as_str),
            ),
            None => (rule.default_severity.as_str(), "default"),
        };
        out.push_str(&format!("  {}: {sev} ({sev_origin})", rule.name));
        if let Some(serde_json::Value::Object(opts)) = s.and_then(|s| s.options.as_ref()) {
            for (k, v) in opts {
                let origin = s.and_then(|s| s.origins.get(k)).map_or("config", String::as_str);
                out.push_str(&format!("; {k} = {v} ({origin})"));
            }
        }
        out.push('\n');
    }
    out
}

/// The text `seolint init` writes: a commented config, from a preset and/or a template.
pub fn init_text(preset: Option<&str>, template: Option<&Path>, derived: Option<&TemplateReqs>) -> String {
    let mut out = String::from(
        "# seolint configuration. `seolint config FILE` shows what applies to a file and why;\n# `seolint explain RULE` documents each rule and its options.\n",
    );
    match preset {
        Some(p) => out.push_str(&format!("extends: {p}             # preset: pillar, cluster or blog\n")),
        None => out.push_str("# extends: pillar          # preset: pillar, cluster or blog\n"),
    }
    out.push_str(
        "\n# site:\n#   url: https://example.com      # links to this host count as internal\n#   content_root: content\n#   partials: [_includes, _partials, partials, includes]   # fragments, not articles\n#   slugs: hugo                   # whose heading anchors; unset: from the generator's config\n\n# include: [\"content/**/*.md\"]\n# exclude: [\"content/drafts/**\"]\n",
    );
    if let Some(t) = template {
        out.push_str(&format!("\ntemplate: {}\n", t.display()));
    }
    if let Some(d) = derived {
        out.push_str(&format!(
            "# derived from the template: {} sections ({} with word ranges, {} with a keyword), {} key takeaways, {} FAQ questions\n",
            d.sections.len(),
            d.sections.iter().filter(|s| s.words.is_some()).count(),
            d.sections.iter().filter(|s| s.keyword.is_some()).count(),
            d.key_takeaways,
            d.faq_questions
        ));
        for c in &d.contradictions {
            out.push_str(&format!("# WARNING: {c}\n"));
        }
    }
    out.push_str(
        "\nrules:\n  # keyword-density: { severity: error, min: 1.0, max: 1.5 }\n  # title-length: off\n  # internal-links: { min: 8 }\n\n# overrides:\n#   - files: [\"content/blog/**\"]\n#     extends: blog\n\n# fields:                       # which front matter keys mean what\n#   description: [description, short_description]\n#   image: [featured_image, cover_image]\n\n# packs: [seolint-pack.yaml]    # custom rules: existence, occurrence, required-field\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(Path::new(".seolint.yaml"), text)
    }

    #[test]
    fn unknown_keys_rules_and_options_fail_with_a_hint() {
        let e = parse("extends: pillar\nrulez:\n  placeholder: off\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("did you mean `rules`"), "{e}");
        let e = parse("rules:\n  title-lenght: off\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("did you mean `title-length`"), "{e}");
        let e = parse("rules:\n  keyword-density: { severity: error, mn: 1 }\n").unwrap_err();
        assert!(e.message.contains("did you mean `min`"), "{e}");
        let e = parse("rules:\n  title-length: loud\n").unwrap_err();
        assert!(e.message.contains("expected off, error, warning or info"), "{e}");
        let e = parse("extends: piller\n").unwrap_err();
        assert!(e.message.contains("did you mean `pillar`"), "{e}");
    }

    #[test]
    fn layers_preset_config_and_overrides_with_origins() {
        let c = parse(
            "extends: pillar\nrules:\n  internal-links: { min: 10 }\n  title-length: off\noverrides:\n  - files: [\"blog/**\"]\n    extends: blog\n    rules:\n      link-text: error\n",
        )
        .expect("valid config");
        let s = c.settings_for(Path::new("guides/a.md"));
        let il = &s.rules["internal-links"];
        assert_eq!(il.options.as_ref().and_then(|o| o["min"].as_f64()), Some(10.0));
        assert_eq!(il.origins["min"], ".seolint.yaml:3");
        assert_eq!(s.rules["external-links"].origins["min"], "preset `pillar`");
        assert_eq!(s.rules["title-length"].severity, None);
        assert!(!s.rules.contains_key("link-text"));
        let b = c.settings_for(Path::new("blog/post.md"));
        assert_eq!(b.rules["link-text"].severity, Some(Severity::Error));
        assert_eq!(
            b.rules["internal-links"]
                .options
                .as_ref()
                .and_then(|o| o["min"].as_f64()),
            Some(1.0)
        );
        assert_eq!(b.rules["internal-links"].origins["min"], "preset `blog`");
    }

    /// Found by fuzzing (config target): an empty rule name made the key search loop forever.
    #[test]
    fn an_empty_rule_name_is_an_error_not_a_hang() {
        let e = parse("rules:\n  \"\": off\n").unwrap_err();
        assert!(e.message.contains("unknown rule ``"), "{e}");
        assert_eq!(key_line("a: b", "", 0), None);
    }

    #[test]
    fn partial_folders_are_names() {
        let c = parse("site:\n  partials: [snippets]\n").expect("valid");
        assert!(is_partial(Some(&c), Path::new("docs/snippets/a.md")));
        assert!(!is_partial(Some(&c), Path::new("docs/_includes/a.md")));
        assert!(!is_partial(Some(&c), Path::new("snippets.md")));
        assert!(is_partial(None, Path::new("docs/_includes/a.md")));
        let e = parse("site:\n  partials: [docs/snippets]\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("folder names, not paths"), "{e}");
    }

    #[test]
    fn include_and_exclude() {
        let c = parse("include: [\"content/**/*.md\"]\nexclude: [\"content/drafts/**\"]\n").expect("valid");
        assert!(!c.excludes(Path::new("content/a/b.md")));
        assert!(c.excludes(Path::new("content/drafts/b.md")));
        assert!(c.excludes(Path::new("README.md")));
    }

    #[test]
    fn presets_load() {
        for (name, _) in PRESETS {
            load_preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
