//! One config file read and checked: unknown keys, rule names, options and presets are errors
//! with the file, the line and a "did you mean".

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_yaml::Value as Yaml;

use crate::diagnostic::Severity;
use crate::fields::Fields;
use crate::patterns::{self, Pack};
use crate::requirements::TemplateReqs;
use crate::rules;
use crate::suggest::did_you_mean;

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
    /// The language of articles whose front matter declares none: `en`, `en-US`, `de`.
    language: Option<String>,
    #[serde(default)]
    keyword: RawKeyword,
}

/// `keyword:` in config: how keyphrases match.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyword {
    #[serde(rename = "match", default)]
    pub matching: Option<crate::text::KeywordMatch>,
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
    ("pillar", include_str!("../../rules/presets/pillar.yaml")),
    ("cluster", include_str!("../../rules/presets/cluster.yaml")),
    ("blog", include_str!("../../rules/presets/blog.yaml")),
];

/// One rule entry, checked, with where it was written.
#[derive(Debug, Clone)]
pub(super) struct RuleEntry {
    pub(super) rule: &'static str,
    /// `None`: leave the severity as it is; `Some(None)`: off.
    pub(super) severity: Option<Option<Severity>>,
    pub(super) options: serde_json::Map<String, serde_json::Value>,
    pub(super) origin: String,
}

#[derive(Debug)]
pub(super) struct Override {
    pub(super) files: GlobSet,
    pub(super) extends: Option<String>,
    pub(super) preset: Option<Vec<RuleEntry>>,
    pub(super) rules: Vec<RuleEntry>,
}

/// A loaded and checked config file.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub dir: PathBuf,
    pub extends: Option<String>,
    pub site: RawSite,
    pub(super) include: Option<GlobSet>,
    pub(super) exclude: Option<GlobSet>,
    pub(super) preset: Vec<RuleEntry>,
    pub(super) rules: Vec<RuleEntry>,
    pub(super) overrides: Vec<Override>,
    pub fields: Fields,
    pub packs: Arc<Vec<Pack>>,
    pub template: Option<Arc<TemplateReqs>>,
    pub language: Option<crate::text::Language>,
    pub keyword_match: crate::text::KeywordMatch,
    /// Where `keyword.match` was set (`.seolint.yaml:4`); `None`: the default.
    pub keyword_match_origin: Option<String>,
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
    // a nested key's message starts with where it is: `site: unknown field ...`
    let Some(at) = first.find("unknown field `") else {
        return first;
    };
    let (place, rest) = (&first[..at], &first[at + "unknown field `".len()..]);
    let Some((field, expected)) = rest.split_once('`') else {
        return first;
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, candidates) {
        Some(s) => format!("{place}unknown key `{field}`; did you mean `{s}`?"),
        None => format!("{place}unknown key `{field}`{expected}"),
    }
}

/// How a config's own path is shown in its errors.
fn errors_path(path: &Path) -> String {
    crate::input::display_path(path)
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

/// Check one `rules:` map: known rule names, severities, options. Each bad entry is an error in
/// `errors` (all of them, not the first), and is left out.
fn rule_entries(
    map: &BTreeMap<String, Yaml>,
    text: &str,
    path: &str,
    from: usize,
    origin_prefix: &str,
    errors: &mut Vec<ConfigError>,
) -> Vec<RuleEntry> {
    let mut out = Vec::new();
    for (name, value) in map {
        match rule_entry(name, value, text, path, from, origin_prefix) {
            Ok(entry) => out.push(entry),
            Err(e) => errors.push(e),
        }
    }
    out
}

/// One entry of a `rules:` map.
fn rule_entry(
    name: &str,
    value: &Yaml,
    text: &str,
    path: &str,
    from: usize,
    origin_prefix: &str,
) -> Result<RuleEntry, ConfigError> {
    {
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
        Ok(entry)
    }
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
    let mut errors = Vec::new();
    let mut entries = rule_entries(&file.rules, text, &format!("preset {name}"), 0, "", &mut errors);
    if let Some(e) = errors.first() {
        return Err(e.to_string());
    }
    for e in &mut entries {
        e.origin = format!("preset `{name}`");
    }
    Ok(entries)
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
        let shown = crate::input::display_path(path);
        let text = crate::input::read_text(path, "a config").map_err(|e| ConfigError {
            path: shown.clone(),
            line: None,
            message: format!("cannot read config: {e}"),
        })?;
        Self::parse(path, &text)
    }

    /// A config from its text. Messages quote at most a short piece of one line of it. A config
    /// with several problems is one error that lists them all, a line each.
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
        Self::parse_unquoted(path, text).map_err(|mut errors| {
            // by line; the config's own lines first, then a pack's
            errors.sort_by_key(|e| (e.path != errors_path(path), e.line));
            let mut lines = errors.into_iter().map(|mut e| {
                e.message = crate::input::one_line_message(&e.message);
                e
            });
            let Some(mut first) = lines.next() else {
                return ConfigError {
                    path: crate::input::display_path(path),
                    line: None,
                    message: "not a seolint config".to_string(),
                };
            };
            for e in lines {
                first.message.push_str(&format!("\n{e}"));
            }
            first
        })
    }

    /// The settings of a config text, or every problem found in it. Problems of shape (an
    /// unknown key, a wrong type) come from serde one at a time: each is recorded and its line
    /// blanked out, and the text read again, so that one run lists them all.
    fn read_raw(text: &str, shown: &str, errors: &mut Vec<ConfigError>) -> Option<RawConfig> {
        if text.trim().is_empty() {
            return Some(RawConfig::default());
        }
        let mut text = std::borrow::Cow::Borrowed(text);
        // a config has a few dozen keys: the cap only stops a pathological text
        for _ in 0..100 {
            if text.trim().is_empty() {
                return Some(RawConfig::default());
            }
            match crate::input::from_yaml(
                &text,
                "a seolint config",
                "a YAML mapping of settings such as `extends:` and `rules:`",
                None,
            ) {
                Ok(raw) => return Some(raw),
                Err((line, message)) => {
                    let repeated = line.is_some() && errors.iter().any(|e| e.line == line);
                    if !repeated {
                        errors.push(ConfigError {
                            path: shown.to_string(),
                            line,
                            message: with_suggestion(&message),
                        });
                    }
                    match line.and_then(|l| without_key_at(&text, l)) {
                        Some(rest) if !repeated => text = std::borrow::Cow::Owned(rest),
                        _ => return None,
                    }
                }
            }
        }
        None
    }

    fn parse_unquoted(path: &Path, text: &str) -> Result<ConfigFile, Vec<ConfigError>> {
        let shown = crate::input::display_path(path);
        let mut errors = Vec::new();
        let raw = Self::read_raw(text, &shown, &mut errors);
        let raw = match raw {
            Some(raw) => raw,
            None => return Err(errors),
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
            Some(name) => load_preset(name).unwrap_or_else(|m| {
                errors.push(err_at("extends", m));
                Vec::new()
            }),
            None => Vec::new(),
        };
        let rules_from = text.find("rules:").unwrap_or(0);
        let rules = rule_entries(&raw.rules, text, &shown, rules_from, "", &mut errors);
        let mut overrides = Vec::new();
        let mut search = text.find("overrides:").unwrap_or(0);
        for (i, o) in raw.overrides.iter().enumerate() {
            let start = text[search..].find("files").map_or(search, |j| search + j);
            search = start + 5;
            if o.files.is_empty() {
                errors.push(err_at("overrides", format!("override #{} has no `files`", i + 1)));
            }
            let files = globset(&o.files, &shown, text, "files")
                .unwrap_or_else(|e| {
                    errors.push(e);
                    None
                })
                .unwrap_or_else(GlobSet::empty);
            let preset = match &o.extends {
                Some(name) => load_preset(name).map_or_else(
                    |m| {
                        errors.push(err_at("extends", m));
                        None
                    },
                    Some,
                ),
                None => None,
            };
            let prefix = format!("override #{} in ", i + 1);
            let rules = rule_entries(&o.rules, text, &shown, start, &prefix, &mut errors);
            overrides.push(Override {
                files,
                extends: o.extends.clone(),
                preset,
                rules,
            });
        }
        if let Some(url) = raw.site.as_ref().and_then(|s| s.url.as_deref()) {
            if crate::document::url_host(url).is_none() {
                errors.push(err_at(
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
            errors.push(err_at(
                "partials",
                format!("`site.partials` lists folder names, not paths: `{bad}`"),
            ));
        }
        let mut loaded_packs = Vec::new();
        for p in &raw.packs {
            let pack_path = dir.join(p);
            match patterns::load(&pack_path) {
                Ok(pack) => loaded_packs.push(pack),
                Err(e) => errors.push(ConfigError {
                    path: e.path,
                    line: e.line,
                    message: e.message,
                }),
            }
        }
        let template = match &raw.template {
            Some(t) => match TemplateReqs::load(&dir.join(t)) {
                Ok(t) => Some(Arc::new(t)),
                Err(m) => {
                    errors.push(err_at("template", m));
                    None
                }
            },
            None => None,
        };
        let language = raw.language.as_deref().and_then(|tag| {
            let parsed = crate::text::Language::parse(tag);
            if parsed.is_none() {
                errors.push(err_at(
                    "language",
                    format!("`language` must be a language tag such as `en`, `en-US` or `de`, not `{tag}`"),
                ));
            }
            parsed
        });
        let mut globs = |patterns: &[String], key: &str| {
            globset(patterns, &shown, text, key).unwrap_or_else(|e| {
                errors.push(e);
                None
            })
        };
        let include = globs(&raw.include, "include");
        let exclude = globs(&raw.exclude, "exclude");
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ConfigFile {
            language,
            path: path.to_path_buf(),
            extends: raw.extends.clone(),
            site: raw.site.clone().unwrap_or_default(),
            include,
            exclude,
            dir,
            preset,
            rules,
            overrides,
            fields: raw.fields,
            keyword_match: raw.keyword.matching.unwrap_or_default(),
            keyword_match_origin: raw.keyword.matching.map(|_| match key_line(text, "match", 0) {
                Some(l) => format!("{shown}:{l}"),
                None => shown.clone(),
            }),
            packs: Arc::new(loaded_packs),
            template,
        })
    }
}

/// `text` with the key on 1-based `line` taken out: that line and the more indented lines under
/// it (its value) made empty, so that every other line keeps its number. `None` when there is
/// nothing to take out.
fn without_key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = line.checked_sub(1).filter(|&i| i < lines.len())?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let own = indent(lines[at]);
    let mut end = at + 1;
    while end < lines.len() {
        let l = lines[end].trim_end_matches(['\n', '\r']);
        if !l.trim().is_empty() && !l.trim_start().starts_with('#') && indent(l) <= own {
            break;
        }
        end += 1;
    }
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        if (at..end).contains(&i) {
            // keep the line break: the lines after keep their numbers
            out.push_str(&l[l.trim_end_matches(['\n', '\r']).len()..]);
        } else {
            out.push_str(l);
        }
    }
    (out != text).then_some(out)
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
    fn language_is_a_tag() {
        let c = parse("language: en_GB\n").expect("valid");
        assert_eq!(c.language.as_ref().map(|l| l.tag()), Some("en-gb"));
        let e = parse("site:\n  url: https://a.org\nlanguage: English!\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("language tag"), "{e}");
    }

    /// Found by fuzzing (config target): an empty rule name made the key search loop forever.
    #[test]
    fn an_empty_rule_name_is_an_error_not_a_hang() {
        let e = parse("rules:\n  \"\": off\n").unwrap_err();
        assert!(e.message.contains("unknown rule ``"), "{e}");
        assert_eq!(key_line("a: b", "", 0), None);
    }

    #[test]
    fn presets_load() {
        for (name, _) in PRESETS {
            load_preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
