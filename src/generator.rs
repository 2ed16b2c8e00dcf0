//! Static site generators, known by the config file at a site's root. A folder with one (or with
//! its own `.seolint.yaml`, or a repository root) starts a site of its own for site checks.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

/// A generator whose config file marks a site root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Hugo,
    Zola,
    Jekyll,
    MkDocs,
    Docusaurus,
}

impl Generator {
    pub fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "hugo",
            Generator::Zola => "zola",
            Generator::Jekyll => "jekyll",
            Generator::MkDocs => "mkdocs",
            Generator::Docusaurus => "docusaurus",
        }
    }
}

/// Config files that name their generator by their name alone.
const NAMED: &[(&str, Generator)] = &[
    ("hugo.toml", Generator::Hugo),
    ("hugo.yaml", Generator::Hugo),
    ("hugo.yml", Generator::Hugo),
    ("hugo.json", Generator::Hugo),
    // Hugo's configuration directory
    ("config/_default/hugo.toml", Generator::Hugo),
    ("config/_default/hugo.yaml", Generator::Hugo),
    ("config/_default/config.toml", Generator::Hugo),
    ("config/_default/config.yaml", Generator::Hugo),
    ("_config.yml", Generator::Jekyll),
    ("_config.yaml", Generator::Jekyll),
    ("mkdocs.yml", Generator::MkDocs),
    ("mkdocs.yaml", Generator::MkDocs),
    ("docusaurus.config.js", Generator::Docusaurus),
    ("docusaurus.config.ts", Generator::Docusaurus),
    ("docusaurus.config.mjs", Generator::Docusaurus),
    ("docusaurus.config.cjs", Generator::Docusaurus),
    ("docusaurus.config.mts", Generator::Docusaurus),
];

// `config.toml` is Zola's and older Hugo's (and many other tools'): the site URL key tells them
// apart, Zola's `base_url` against Hugo's `baseURL` (Hugo reads keys case-insensitively)
static ZOLA_BASE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?m)^[ \t]*"?base_url"?[ \t]*="#).expect("constant regex"));
static HUGO_BASE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?mi)^[ \t]*["']?baseurl["']?[ \t]*[=:]"#).expect("constant regex"));

/// The generator whose config file is in `dir`, if any.
pub fn detect(dir: &Path) -> Option<Generator> {
    if let Some((_, g)) = NAMED.iter().find(|(name, _)| dir.join(name).is_file()) {
        return Some(*g);
    }
    for name in ["config.toml", "config.yaml", "config.yml"] {
        let path = dir.join(name);
        if !path.is_file() {
            continue;
        }
        let Ok(text) = crate::input::read_text(&path, "a generator config") else {
            continue;
        };
        if name == "config.toml" && ZOLA_BASE_URL.is_match(&text) {
            return Some(Generator::Zola);
        }
        if HUGO_BASE_URL.is_match(&text) {
            return Some(Generator::Hugo);
        }
    }
    None
}

/// Whether `dir` starts a site: it holds a seolint config, a generator's config, or is the root
/// of a repository (where config discovery stops too). One listing of the folder, not a look for
/// each name: a run asks this of every folder of the site.
pub fn is_site_root(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut maybe = false;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name == ".git" || crate::input::CONFIG_FILE_NAMES.contains(&name) || NAMED.iter().any(|(n, _)| *n == name) {
            return true;
        }
        // a `config.toml` or `config/` is a site's only with a site URL or Hugo's layout
        maybe |= matches!(name, "config" | "config.toml" | "config.yaml" | "config.yml");
    }
    maybe && detect(dir).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_generator_is_known_by_its_config() {
        let cases: &[(&str, &str, Option<Generator>)] = &[
            ("hugo.toml", "title = 'x'\n", Some(Generator::Hugo)),
            ("config/_default/hugo.yaml", "title: x\n", Some(Generator::Hugo)),
            (
                "config.toml",
                "baseURL = 'https://example.org/'\n",
                Some(Generator::Hugo),
            ),
            ("config.yaml", "baseurl: https://example.org/\n", Some(Generator::Hugo)),
            (
                "config.toml",
                "base_url = \"https://blog.example\"\n",
                Some(Generator::Zola),
            ),
            ("config.toml", "[tool]\nname = 'not a site'\n", None),
            ("_config.yml", "title: x\n", Some(Generator::Jekyll)),
            ("mkdocs.yml", "site_name: x\n", Some(Generator::MkDocs)),
            (
                "docusaurus.config.ts",
                "export default {};\n",
                Some(Generator::Docusaurus),
            ),
            ("package.json", "{}\n", None),
        ];
        for (name, text, expected) in cases {
            let d = tempfile::tempdir().expect("tmp");
            let path = d.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
            assert_eq!(detect(d.path()), *expected, "{name}: {text}");
            assert_eq!(is_site_root(d.path()), expected.is_some(), "{name}");
        }
        let d = tempfile::tempdir().expect("tmp");
        assert!(!is_site_root(d.path()));
        std::fs::write(d.path().join(".seolint.yaml"), "").expect("write");
        assert!(is_site_root(d.path()));
    }
}
