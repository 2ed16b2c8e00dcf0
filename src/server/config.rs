//! Settings of the documents: the client's keyword and template over each file's config,
//! resolved as the command line resolves them, cached by config and overrides, and reloaded
//! when a config, preset, pack or template changes.

use super::*;

impl Server {
    pub(super) fn set_client(&mut self, client: ClientSettings) {
        if client != self.client {
            self.client = client;
            self.reload();
        }
    }

    /// Config, presets, packs or a template may have changed: read them again and lint every
    /// open document anew.
    pub(super) fn reload(&mut self) {
        self.site_due = true;
        self.generation += 1;
        self.reloaded = self.generation;
        self.resolver = Arc::new(fresh_resolver());
        crate::document::slug::forget_styles();
        self.settings.clear();
        self.template = None;
        self.templates.clear();
        for doc in self.docs.values_mut() {
            doc.linted = None;
            // found with the old settings: the next pass says what the new ones find
            doc.site.clear();
        }
    }

    /// Files changed on disk: config, presets and packs (YAML) or a template in use reload the
    /// settings, and so does any change while a document's settings do not load (a broken
    /// config's template, a pack it names); any other file may change what the site checks find.
    pub(super) fn files_changed(&mut self, changes: &[lsp_types::FileEvent]) {
        let mut templates: Vec<PathBuf> = self
            .settings
            .values()
            .filter_map(|s| s.as_ref().ok()?.template.as_ref().map(|t| absolute(Path::new(&t.path))))
            .collect();
        templates.extend(self.templates.iter().cloned());
        let broken = self
            .docs
            .values()
            .any(|d| matches!(d.linted, Some(Linted::Problem("config", _))));
        let settings_changed = broken
            || changes.iter().any(|c| {
                let Some(path) = text::path_of(c.uri.as_str()) else {
                    return false;
                };
                path.extension().is_some_and(|e| e == "yaml" || e == "yml") || templates.contains(&path)
            });
        if settings_changed {
            self.reload();
        } else {
            self.site_due = true;
        }
    }

    /// The settings a file gets, as `seolint FILE` would give them (its `.seolint.yaml`, the
    /// overrides that match it), with the client's keyword and template over them; `Ok(None)`
    /// for a file the config excludes or a partial.
    pub(super) fn settings_for(&mut self, path: Option<&Path>) -> Result<Option<Arc<Settings>>, String> {
        let config = match path {
            Some(p) => self.resolver.config_for(p).map_err(|e| e.to_string())?,
            None => None,
        };
        if let Some(p) = path {
            if config.as_ref().is_some_and(|c| c.excludes(p)) || crate::config::is_partial(config.as_deref(), p) {
                return Ok(None);
            }
        }
        // the site checks run for a saved file inside the site's folder (the configured content
        // root, else the workspace), as `seolint FOLDER` would; an unsaved buffer or a file
        // outside gets what `seolint FILE` gives: no site checks
        let content_root = config
            .as_ref()
            .and_then(|c| c.site.content_root.as_ref().map(|r| c.dir.join(r)));
        let site_run = match (path, content_root.or_else(|| self.root.clone())) {
            (Some(p), Some(root)) => absolute(p).starts_with(absolute(&root)),
            _ => false,
        };
        // files with the same config and matching overrides share one copy, as in a CLI run
        let key = SettingsKey {
            config: config.as_ref().map(|c| c.path.clone()),
            overrides: match (&config, path) {
                (Some(c), Some(p)) => c.overrides_for(p),
                _ => Vec::new(),
            },
            site_run,
        };
        if let Some(known) = self.settings.get(&key) {
            return known.clone().map(Some);
        }
        let mut s = match (&config, path) {
            (Some(c), Some(p)) => c.settings_for(p),
            _ => Settings::default(),
        };
        if let Some(k) = &self.client.keyword {
            s.keyword = Some(k.clone());
        }
        // files leave what the site checks need, and the checklist rule knows they run
        s.site_run = site_run;
        let made = match self.client_template() {
            Some(Err(e)) => Err(e),
            Some(Ok(t)) => {
                s.template = Some(t);
                Ok(Arc::new(s))
            }
            None => Ok(Arc::new(s)),
        };
        self.settings.insert(key, made.clone());
        made.map(Some)
    }

    /// The client's template, loaded once per reload.
    pub(super) fn client_template(&mut self) -> Option<Result<Arc<TemplateReqs>, String>> {
        let path = self.client.template.clone()?;
        let path = match (&self.root, path.is_relative()) {
            (Some(root), true) => root.join(path),
            _ => path,
        };
        let tried = absolute(&path);
        if !self.templates.contains(&tried) {
            self.templates.push(tried);
        }
        Some(
            self.template
                .get_or_insert_with(|| TemplateReqs::load(&path).map(Arc::new))
                .clone(),
        )
    }
}

/// What the client set for every document: the keyword and the template, over what config says.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct ClientSettings {
    pub(super) keyword: Option<String>,
    pub(super) template: Option<PathBuf>,
}

impl ClientSettings {
    /// `{ "keyword": "...", "template": "..." }`, also under a `seolint` key (how editors nest
    /// a server's section), over these settings: a key given replaces its value (an empty string
    /// or null clears it), a key not given keeps it, so an editor's empty settings object does
    /// not undo the initialization options.
    pub(super) fn updated(&self, value: &Value) -> ClientSettings {
        let v = value.get("seolint").unwrap_or(value);
        let read = |key: &str, now: Option<String>| match v.get(key) {
            None => now,
            Some(x) => x.as_str().filter(|s| !s.is_empty()).map(str::to_string),
        };
        ClientSettings {
            keyword: read("keyword", self.keyword.clone()),
            template: read(
                "template",
                self.template.as_ref().map(|t| t.to_string_lossy().into_owned()),
            )
            .map(PathBuf::from),
        }
    }
}

/// What decides a file's settings besides the client's: its config file and the overrides of
/// it that match the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct SettingsKey {
    pub(super) config: Option<PathBuf>,
    pub(super) overrides: Vec<usize>,
    /// The file takes part in the site checks (saved, inside the site's folder).
    pub(super) site_run: bool,
}

pub(super) fn fresh_resolver() -> Resolver {
    // discovery only: `new` fails only for an explicit config file, which the server has not
    Resolver::new(None, false).unwrap_or_else(|_| unreachable_resolver())
}

#[cold]
pub(super) fn unreachable_resolver() -> Resolver {
    // no explicit file and not disabled cannot fail; this keeps the server up if it ever did
    match Resolver::new(None, true) {
        Ok(r) => r,
        Err(_) => std::process::abort(),
    }
}
