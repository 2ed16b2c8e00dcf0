//! The plan of a run: which files, each with its settings, from the command line's paths and
//! config flags.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::Failure;
use crate::config::{ConfigFile, Resolver};
use crate::input::{FileError, Input};
use crate::requirements::TemplateReqs;
use crate::settings::Settings;

/// What decides which files a run takes and their settings, beside the paths.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// The path standard input (`-` among the paths) stands for.
    pub stdin_filename: Option<String>,
    /// The primary keyword, over what the articles declare.
    pub keyword: Option<String>,
    /// Derive requirements from this template.
    pub template: Option<PathBuf>,
    /// Use this config file for every file instead of discovering one.
    pub config: Option<PathBuf>,
    /// Ignore config files: built-in defaults only.
    pub no_config: bool,
    /// Apply config `exclude` to files named on the command line too.
    pub force_exclude: bool,
}

/// The files of a run, each with its settings, in the order reports are written (standard
/// input first, then files sorted by path).
pub struct Plan {
    pub inputs: Vec<(Input, Arc<Settings>)>,
    /// Paths named that could not be used (missing, or a folder that could not be read).
    pub errors: Vec<FileError>,
    /// Site checks run: a folder was named, or a file's config sets `site.content_root`.
    pub site_run: bool,
    /// The template `--template` named, if any (a config's `template:` is the config's).
    pub flag_template: Option<Arc<TemplateReqs>>,
    resolver: Resolver,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Lint,
    Stats,
}

/// What decides a file's settings: its config file (`None`: no config) and the overrides of it
/// that match the file. Files with the same key share one copy of their settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SettingsKey {
    config: Option<PathBuf>,
    overrides: Vec<usize>,
}

/// A file the run takes: the key of its settings and its config.
type Taken = (SettingsKey, Option<Arc<ConfigFile>>);

/// The settings a plan makes, one for each key met, in the order first met.
struct Shared {
    index: HashMap<SettingsKey, usize>,
    /// Each key's config and the first file met with it (files with the key get the same
    /// settings, so that file's stand for all).
    made_from: Vec<(Option<Arc<ConfigFile>>, PathBuf)>,
}

impl Plan {
    /// The plan of a lint run: partials (fragments that pages include) are not linted.
    pub fn for_lint(paths: Vec<PathBuf>, options: &LintOptions) -> Result<Plan, Failure> {
        Plan::new(paths, options, Purpose::Lint)
    }

    /// The plan of `seolint stats`: the files a lint run would take, partials too; no site checks.
    pub fn for_stats(paths: Vec<PathBuf>, options: &LintOptions) -> Result<Plan, Failure> {
        Plan::new(paths, options, Purpose::Stats)
    }

    fn new(mut paths: Vec<PathBuf>, options: &LintOptions, purpose: Purpose) -> Result<Plan, Failure> {
        let resolver = Resolver::new(options.config.as_deref(), options.no_config).map_err(Failure::new)?;
        let template = match &options.template {
            Some(path) => Some(Arc::new(TemplateReqs::load(path).map_err(Failure::new)?)),
            None => None,
        };
        if paths.is_empty() {
            paths.push(PathBuf::from("."));
        }
        let stdin_count = paths.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_count > 1 {
            return Err(Failure::new("`-` (standard input) can be given once"));
        }
        if options.stdin_filename.is_some() && stdin_count == 0 {
            return Err(Failure::new("--stdin-filename needs `-` among the paths"));
        }
        let mut shared = Shared {
            index: HashMap::new(),
            made_from: Vec::new(),
        };
        // each input with the index of its settings in `shared`, until the run's own options
        // (site checks or not) are known
        let mut keyed: Vec<(Input, usize)> = Vec::new();
        // a file's config and the key of its settings, or `None` when the run does not take it
        let classify = |file: &Path, explicit: bool| -> Result<Option<Taken>, Failure> {
            let config = resolver.config_for(file).map_err(Failure::new)?;
            let excluded = config.as_ref().is_some_and(|c| c.excludes(file));
            // a partial is a fragment of the pages that include it, named or not: no article rules
            let partial = purpose == Purpose::Lint && crate::config::is_partial(config.as_deref(), file);
            if (excluded && (!explicit || options.force_exclude)) || partial {
                return Ok(None);
            }
            let key = SettingsKey {
                config: config.as_ref().map(|c| c.path.clone()),
                overrides: config.as_ref().map(|c| c.overrides_for(file)).unwrap_or_default(),
            };
            Ok(Some((key, config)))
        };
        // the index of a key's settings in `shared`, the file standing for them if it is new
        let mut index_of = |key: SettingsKey, config: Option<Arc<ConfigFile>>, file: &Path| {
            let next = shared.made_from.len();
            let index = *shared.index.entry(key).or_insert(next);
            if index == next {
                shared.made_from.push((config, file.to_path_buf()));
            }
            index
        };
        if stdin_count == 1 {
            let (name, text) = read_stdin(options.stdin_filename.as_deref())?;
            // standard input is named: config `exclude` applies to it only with --force-exclude
            if let Some((key, config)) = classify(Path::new(&name), true)? {
                let index = index_of(key, config, Path::new(&name));
                keyed.push((Input::Stdin(Box::new(crate::input::Piped { name, text })), index));
            }
        }
        let disk: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
        let folder_run = disk.iter().any(|p| p.is_dir());
        let (files, errors) = crate::discover::discover_marked(&disk);
        // the walk has the paths now (a run may name thousands)
        drop(disk);
        keyed.reserve_exact(files.len());
        // each file's config looked up on every core (a look at each folder on the way up),
        // then the settings shared out in order: the first error met in file order fails the run
        let classified: Vec<_> = files.par_iter().map(|f| classify(&f.path, f.explicit)).collect();
        for (found, class) in files.into_iter().zip(classified) {
            if let Some((key, config)) = class? {
                let index = index_of(key, config, &found.path);
                keyed.push((Input::File(found.path), index));
            }
        }
        // site checks run for a folder, or when a content root is configured
        let site_run = purpose == Purpose::Lint
            && (folder_run
                || shared
                    .made_from
                    .iter()
                    .any(|(c, _)| c.as_ref().is_some_and(|c| c.site.content_root.is_some())));
        let settings: Vec<Arc<Settings>> = shared
            .made_from
            .iter()
            .map(|(config, file)| {
                let mut s = config.as_ref().map_or_else(Settings::default, |c| c.settings_for(file));
                if let Some(k) = &options.keyword {
                    s.keyword = Some(k.clone());
                }
                if let Some(t) = &template {
                    s.template = Some(t.clone());
                }
                s.site_run = site_run;
                Arc::new(s)
            })
            .collect();
        let inputs = keyed
            .into_iter()
            .map(|(input, index)| (input, settings[index].clone()))
            .collect();
        Ok(Plan {
            inputs,
            errors,
            site_run,
            flag_template: template,
            resolver,
        })
    }

    /// What the `--template` file cannot satisfy, as warnings: said where the template is chosen
    /// (a config's template is warned of at `init` and in `seolint config`, not on every run).
    pub fn template_warnings(&self) -> Vec<String> {
        self.flag_template
            .iter()
            .flat_map(|t| t.contradictions.iter().map(|c| format!("warning: {c}")))
            .collect()
    }

    /// The result cache's folder for this run (see [`super::cache`]).
    pub fn cache_dir(&self, flag: Option<&Path>) -> PathBuf {
        super::cache::cache_dir_with(&self.resolver, flag)
    }

    /// Whether `file` is a partial under its config's `site.partials` (a config that does not
    /// load has already failed the run before this is asked).
    pub(super) fn is_partial(&self, file: &Path) -> bool {
        let config = self.resolver.config_for(file).ok().flatten();
        crate::config::is_partial(config.as_deref(), file)
    }
}

/// Standard input's bytes (no more than an article may hold, and one more to tell), and the name
/// it is reported under.
fn read_stdin(stdin_filename: Option<&str>) -> Result<(String, Vec<u8>), Failure> {
    let mut text = Vec::new();
    if let Err(e) = std::io::stdin()
        .lock()
        .take(crate::input::MAX_FILE_SIZE + 1)
        .read_to_end(&mut text)
    {
        return Err(Failure::new(format!("reading standard input: {e}")));
    }
    let name = stdin_filename.map_or_else(|| crate::input::STDIN_NAME.to_string(), str::to_string);
    Ok((name, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files under one config with the same matching overrides share one copy of their settings;
    /// a file an override matches gets its own; every copy knows the run checks a site.
    #[test]
    fn files_share_settings_by_config_and_overrides() {
        let d = tempfile::tempdir().expect("tmp");
        let root = d.path();
        std::fs::create_dir_all(root.join(".git")).expect("mkdir");
        std::fs::create_dir_all(root.join("blog")).expect("mkdir");
        std::fs::write(
            root.join(".seolint.yaml"),
            "overrides:\n  - files: [\"blog/**\"]\n    rules:\n      link-text: error\n",
        )
        .expect("write");
        for name in ["a.md", "b.md", "blog/c.md", "blog/d.md"] {
            std::fs::write(root.join(name), "# T\n").expect("write");
        }
        let plan = Plan::for_lint(vec![root.to_path_buf()], &LintOptions::default()).expect("plan");
        let names: Vec<String> = plan.inputs.iter().map(|(i, _)| i.display()).collect();
        assert_eq!(names.len(), 4, "{names:?}");
        let settings: Vec<&Arc<Settings>> = plan.inputs.iter().map(|(_, s)| s).collect();
        assert!(Arc::ptr_eq(settings[0], settings[1]), "{names:?}");
        assert!(Arc::ptr_eq(settings[2], settings[3]), "{names:?}");
        assert!(!Arc::ptr_eq(settings[0], settings[2]), "{names:?}");
        assert!(settings[2].rules.contains_key("link-text") && !settings[0].rules.contains_key("link-text"));
        assert!(plan.site_run && settings.iter().all(|s| s.site_run));
    }
}
