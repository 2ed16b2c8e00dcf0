//! What `seolint config` and `seolint init` print.

use std::path::Path;

use super::file::ConfigFile;
use super::resolve::is_partial;
use crate::diagnostic::Severity;
use crate::requirements::TemplateReqs;
use crate::rules;
use crate::settings::Settings;
use crate::text::{plural, KeywordMatch};

/// `seolint config PATH`: every rule's severity and options, with where each came from.
pub fn describe(file: &Path, config: Option<&ConfigFile>, settings: &Settings) -> String {
    let mut out = String::new();
    match config {
        Some(c) => {
            out.push_str(&format!("config: {}\n", crate::input::display_path(&c.path)));
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
            if let Some(l) = &c.language {
                out.push_str(&format!("language: {}\n", l.tag()));
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
    let matching = match settings.keyword_match {
        KeywordMatch::Forms => "forms",
        KeywordMatch::Exact => "exact",
    };
    let origin = config
        .and_then(|c| c.keyword_match_origin.as_deref())
        .unwrap_or("default");
    out.push_str(&format!("keyword.match: {matching} ({origin})\n"));
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
        "\n# site:\n#   url: https://example.com      # links to this host count as internal\n#   content_root: content\n#   partials: [_includes, _partials, partials, includes]   # fragments, not articles\n#   slugs: hugo                   # whose heading anchors; unset: from the generator's config\n\n# language: en                   # of articles whose front matter has no lang/language/locale\n# keyword:\n#   match: exact                  # keyphrase words as written; default forms: bake matches baking, baked\n\n# include: [\"content/**/*.md\"]\n# exclude: [\"content/drafts/**\"]\n",
    );
    if let Some(t) = template {
        // quoted: a path may hold `: ` or `#`, which YAML reads otherwise
        let quoted = serde_json::to_string(&t.to_string_lossy()).unwrap_or_default();
        out.push_str(&format!("\ntemplate: {quoted}\n"));
    }
    if let Some(d) = derived {
        out.push_str(&format!(
            "# derived from the template: {} ({} with word ranges, {} with a keyword), {}, {}\n",
            plural(d.sections.len() as f64, "section"),
            d.sections.iter().filter(|s| s.words.is_some()).count(),
            d.sections.iter().filter(|s| s.keyword.is_some()).count(),
            plural(d.key_takeaways as f64, "key takeaway"),
            plural(d.faq_questions as f64, "FAQ question")
        ));
        for c in &d.contradictions {
            out.push_str(&format!("# WARNING: {c}\n"));
        }
    }
    out.push_str(
        "\nrules:\n  # keyword-density: { severity: error, min: 1.0, max: 1.5 }\n  # title-length: off\n  # internal-links: { min: 8 }\n\n# overrides:\n#   - files: [\"content/blog/**\"]\n#     extends: blog\n\n# fields:                       # which front matter keys mean what\n#   description: [description, short_description]\n#   image: [featured_image, cover_image]\n\n# packs: [seolint-pack.yaml]    # custom rules: existence, occurrence, required-field, bracket, value\n",
    );
    out
}
