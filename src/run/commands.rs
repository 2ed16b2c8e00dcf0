//! The commands that lint nothing: the rule list, a rule's documentation, the resolved config of
//! a file, and a starting config. Each returns the text to print.

use std::path::Path;

use super::Failure;
use crate::config::Resolver;
use crate::requirements::TemplateReqs;
use crate::rules::{self, RULES};
use crate::settings::Settings;

/// `seolint rules`: every rule with its default severity, whether it can fix, and its summary.
pub fn rules_table() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for r in RULES {
        let fix = if r.fixable { "fix" } else { "   " };
        text.push_str(&format!(
            "{:width$}  {:7}  {fix}  {}\n",
            r.name,
            r.default_severity.as_str(),
            r.summary()
        ));
    }
    text
}

/// `seolint explain RULE`: the rule's documentation under a heading.
pub fn explain(name: &str) -> Result<String, Failure> {
    let Some(rule) = rules::find(name) else {
        let hint = crate::suggest::did_you_mean(name, RULES.iter().map(|r| r.name))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(Failure::new(format!(
            "unknown rule `{name}`{hint} (`seolint rules` lists them)"
        )));
    };
    let fix = if rule.fixable { ", fixable" } else { "" };
    Ok(format!(
        "# {} ({} by default{fix})\n\n{}\n",
        rule.name,
        rule.default_severity,
        rule.documentation()
    ))
}

/// `seolint config PATH`: the settings for `path`, with where each value came from.
pub fn show_config(path: &Path, config: Option<&Path>, no_config: bool) -> Result<String, Failure> {
    let resolver = Resolver::new(config, no_config).map_err(Failure::new)?;
    let config = resolver.config_for(path).map_err(Failure::new)?;
    let settings = config.as_ref().map_or_else(Settings::default, |c| c.settings_for(path));
    let mut text = crate::config::describe(path, config.as_deref(), &settings);
    if let Some(t) = &settings.template {
        for c in &t.contradictions {
            text.push_str(&format!("warning: {c}\n"));
        }
    }
    // paths in it (the config's, a template's) are shown with their control characters escaped
    Ok(crate::output::sanitize(&text).into_owned())
}

/// `seolint init`: write a commented `.seolint.yaml` in the working directory, from a preset or
/// a template. `say` gets the template's contradictions.
pub fn init(
    preset: Option<&str>,
    template: Option<&Path>,
    force: bool,
    say: &mut dyn FnMut(String),
) -> Result<String, Failure> {
    let target = Path::new(".seolint.yaml");
    if target.exists() && !force {
        return Err(Failure::new(".seolint.yaml already exists (use --force to overwrite)"));
    }
    if let Some(p) = preset {
        if !crate::config::PRESETS.iter().any(|(n, _)| *n == p) {
            let names: Vec<&str> = crate::config::PRESETS.iter().map(|(n, _)| *n).collect();
            return Err(Failure::new(format!(
                "unknown preset `{p}` (presets: {})",
                names.join(", ")
            )));
        }
    }
    let derived = template.map(TemplateReqs::load).transpose().map_err(Failure::new)?;
    // config paths are read from the config's folder: the template's is written from there
    let written = template.map(relative_to_working_dir);
    let text = crate::config::init_text(preset, written.as_deref(), derived.as_ref());
    std::fs::write(target, text).map_err(|e| Failure::new(format!("writing .seolint.yaml: {e}")))?;
    if let Some(t) = &derived {
        for c in &t.contradictions {
            say(format!("warning: {c}"));
        }
    }
    Ok("wrote .seolint.yaml\n".to_string())
}

/// `path` as seen from the working directory, where `init` writes the config: a relative path
/// as given (without a leading `./`), an absolute one made relative when both resolve (else as
/// given).
fn relative_to_working_dir(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    if !path.is_absolute() {
        return path.components().filter(|c| *c != Component::CurDir).collect();
    }
    let (Ok(base), Ok(target)) = (
        std::env::current_dir().and_then(std::fs::canonicalize),
        std::fs::canonicalize(path),
    ) else {
        return path.to_path_buf();
    };
    let (base, target): (Vec<Component>, Vec<Component>) = (base.components().collect(), target.components().collect());
    let shared = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut relative = std::path::PathBuf::new();
    for _ in shared..base.len() {
        relative.push("..");
    }
    for c in &target[shared..] {
        relative.push(c);
    }
    relative
}
