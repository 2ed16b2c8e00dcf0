//! From config files to settings: the closest config for each file, include/exclude and
//! partials, and the preset, rules and overrides layered into one file's `Settings`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::file::{ConfigError, ConfigFile, RuleEntry};
use crate::diagnostic::Severity;
use crate::rules;
use crate::settings::{RuleSetting, Settings};

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
            let abs = crate::input::absolute(file).unwrap_or_else(|_| file.to_path_buf());
            crate::input::working_dir()
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

impl ConfigFile {
    /// `file` relative to this config's folder, for its globs (both made absolute first, so
    /// `./blog/a.md` and `blog/a.md` match alike).
    fn relative(&self, file: &Path) -> PathBuf {
        let abs = crate::input::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = crate::input::absolute(&self.dir).unwrap_or_else(|_| self.dir.clone());
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
            keyword_match: self.keyword_match,
            packs: self.packs.clone(),
            template: self.template.clone(),
            content_root: self.site.content_root.as_ref().map(|r| self.dir.join(r)),
            slugs: self.site.slugs,
            language: self.language.clone(),
            ..Settings::default()
        };
        let shown = crate::input::display_path(&self.path);
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
        let start = crate::input::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        self.lookup(&start)
    }

    fn lookup(&self, dir: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(dir).cloned()) {
            return Ok(hit);
        }
        let mut found = None;
        let folder = crate::generator::folder(dir);
        if let Some(name) = folder.seolint_config {
            found = Some(Arc::new(ConfigFile::load(&relative_to_cwd(&dir.join(name)))?));
        }
        if found.is_none() && !folder.repo_root {
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
    crate::input::working_dir()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(Path::new(".seolint.yaml"), text)
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
}
