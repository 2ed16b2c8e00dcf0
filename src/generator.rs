//! Static site generators, known by the config file at a site's root. A folder with one (or with
//! its own `.seolint.yaml`, or a repository root) starts a site of its own for site checks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

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

/// What one listing of a folder tells of the site it belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Folder {
    /// The generator whose config file is in it.
    pub generator: Option<Generator>,
    /// It holds `.git`: a repository root, where config discovery stops too.
    pub repo_root: bool,
    /// The seolint config file it holds (the first of [`crate::input::CONFIG_FILE_NAMES`]).
    pub seolint_config: Option<&'static str>,
    /// Which of [`INCLUDE_DIRS`] it holds, by their index.
    include_dirs: [bool; INCLUDE_DIRS.len()],
}

/// The folders where a site keeps the snippets its pages include, as generators name them.
pub const INCLUDE_DIRS: [&str; 4] = ["_includes", "_partials", "includes", "partials"];

impl Folder {
    /// Whether the folder starts a site: it holds a seolint config, a generator's config, or is
    /// the root of a repository.
    pub fn is_site_root(&self) -> bool {
        self.repo_root || self.seolint_config.is_some() || self.generator.is_some()
    }

    /// Whether it holds the include folder `name` (one of [`INCLUDE_DIRS`]).
    pub fn has_include_dir(&self, name: &str) -> bool {
        INCLUDE_DIRS
            .iter()
            .position(|d| *d == name)
            .is_some_and(|i| self.include_dirs[i])
    }
}

/// Look at `dir` with one listing of it, not a look for each name: a run asks this of every
/// folder of the site (a folder that cannot be listed tells nothing). Only a config file the
/// listing shows is opened: `config.toml` and `config.yaml`, whose site URL key tells the
/// generator, and Hugo's `config/_default/` when there is a `config` folder.
fn look_at(dir: &Path) -> Folder {
    let mut folder = Folder::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return folder;
    };
    let mut files: Vec<String> = Vec::new();
    let mut config_dir = false;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name == ".git" {
            folder.repo_root = true;
            continue;
        }
        // a link is followed, as a look at its path would
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path().is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => false,
        };
        if is_dir {
            config_dir |= name == "config";
            if let Some(i) = INCLUDE_DIRS.iter().position(|d| *d == name) {
                folder.include_dirs[i] = true;
            }
        } else {
            files.push(name.to_string());
        }
    }
    folder.seolint_config = crate::input::CONFIG_FILE_NAMES
        .iter()
        .copied()
        .find(|c| files.iter().any(|f| f == c));
    let has = |name: &str| match name.split_once('/') {
        Some(_) => config_dir && dir.join(name).is_file(),
        None => files.iter().any(|f| f == name),
    };
    folder.generator = NAMED.iter().find(|(name, _)| has(name)).map(|(_, g)| *g);
    if folder.generator.is_none() {
        folder.generator = ["config.toml", "config.yaml", "config.yml"]
            .into_iter()
            .filter(|name| has(name))
            .find_map(|name| generator_by_site_url(&dir.join(name), name == "config.toml"));
    }
    folder
}

/// The generator a `config.toml` or `config.yaml` is for, by its site URL key.
fn generator_by_site_url(path: &Path, toml: bool) -> Option<Generator> {
    let text = crate::input::read_text(path, "a generator config").ok()?;
    if toml && ZOLA_BASE_URL.is_match(&text) {
        return Some(Generator::Zola);
    }
    HUGO_BASE_URL.is_match(&text).then_some(Generator::Hugo)
}

/// What each folder looked at so far holds: a run asks it of a folder once for the anchor style
/// of its files and once for the site they belong to.
static FOLDERS: LazyLock<Mutex<HashMap<PathBuf, Folder>>> = LazyLock::new(Default::default);

/// [`look_at`] `dir` (an absolute path), once in the life of the process; see [`forget_folders`].
pub fn folder(dir: &Path) -> Folder {
    if let Some(known) = FOLDERS.lock().ok().and_then(|f| f.get(dir).copied()) {
        return known;
    }
    let found = look_at(dir);
    if let Ok(mut folders) = FOLDERS.lock() {
        folders.insert(dir.to_path_buf(), found);
    }
    found
}

/// Look at every folder again: a server whose config files changed may find another site layout.
pub fn forget_folders() {
    if let Ok(mut folders) = FOLDERS.lock() {
        folders.clear();
    }
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
            assert_eq!(look_at(d.path()).generator, *expected, "{name}: {text}");
            assert_eq!(look_at(d.path()).is_site_root(), expected.is_some(), "{name}");
        }
        let d = tempfile::tempdir().expect("tmp");
        assert!(!look_at(d.path()).is_site_root());
        std::fs::write(d.path().join(".seolint.yaml"), "").expect("write");
        assert!(look_at(d.path()).is_site_root());
    }
}
