//! The site index: its files by path and URL, how a link's URL finds its file, and which
//! files are translations of one article.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::summarize;
use super::summary::{values_from, PageLinks, PageSummary, PageValues};
use crate::document::{front_matter, Document, LineIndex, ParseOptions};
use crate::fields::Fields;

const MARKDOWN_EXT: &[&str] = &["md", "mdx", "markdown"];
const INDEX_NAMES: &[&str] = &["index.md", "_index.md", "README.md", "index.mdx", "_index.mdx"];

/// A URL path as a lookup key: no scheme/host, query or fragment, no leading or trailing slash,
/// no `.html`, percent-decoded, lowercase.
pub fn normalize_url(url: &str) -> String {
    let mut u = url.trim();
    if let Some(rest) = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .or_else(|| u.strip_prefix("//"))
    {
        u = rest.find('/').map_or("", |i| &rest[i..]);
    }
    let u = u.split(['?', '#']).next().unwrap_or("");
    let u = u.trim_matches('/');
    let u = u.strip_suffix(".html").or_else(|| u.strip_suffix(".htm")).unwrap_or(u);
    let u = u.strip_suffix("/index").unwrap_or(u);
    crate::text::percent_decode(u).to_lowercase()
}

/// Lexically clean a path: drop `.`, fold `..`.
pub fn clean(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A lookup key for a path or URL: a fixed 64-bit hash.
pub(crate) fn key<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(value)
}

/// How to parse a site file on demand, shared by every file of the site.
#[derive(Debug)]
struct OnDemand {
    fields: Fields,
    /// The site's host decides which links are internal.
    parse: ParseOptions,
}

/// A file of the site. A site holds one per Markdown file, so it is kept small: the values
/// sit in the boxed summary.
#[derive(Debug)]
pub struct SiteFile {
    /// Absolute, cleaned.
    pub abs: Box<Path>,
    /// As shown in messages (a linted file shares its report's).
    pub display: Arc<str>,
    /// Index of its report when it was linted in this run.
    pub report: Option<usize>,
    /// Which site of the run it belongs to (an index into `Site::roots`).
    pub site: u32,
    summary: Box<PageSummary>,
    on_demand: Arc<OnDemand>,
}

impl SiteFile {
    /// Its front matter values.
    pub fn values(&self) -> &PageValues {
        &self.summary.values
    }

    /// Its links and anchors: given for linted files, parsed on first use for the others.
    pub fn links(&self) -> Option<&PageLinks> {
        self.summary
            .links
            .get_or_init(|| {
                let bytes = crate::input::read_limited(&self.abs, "an article").ok()?;
                let text = String::from_utf8(bytes).ok()?;
                if text.len() as u64 > crate::input::MAX_FILE_SIZE || memchr::memchr(0, text.as_bytes()).is_some() {
                    return None;
                }
                let mut parse = self.on_demand.parse.clone();
                parse.slugs = parse.slugs.or_else(|| crate::document::slug::detect(&self.abs));
                let doc = Document::parse(text, &parse);
                summarize(&doc, &self.on_demand.fields).links.into_inner().flatten()
            })
            .as_ref()
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A Markdown file of the site (index into `Site::files`), with the fragment if any.
    Page(usize, Option<String>),
    /// An existing file or folder that is not a site page.
    Exists,
    /// Nothing there: what was looked for.
    Missing(String),
    /// Not resolvable without more configuration (root-relative without a content root), or not
    /// ours to check.
    Unknown,
}

#[derive(Debug, Default)]
pub struct Site {
    pub files: Vec<SiteFile>,
    /// Files by [`key`] of their absolute path (checked against the path on lookup).
    by_path: HashMap<u64, usize>,
    /// Files by [`key`] of each normalised URL they answer to. A site of 100,000 URLs has a
    /// chance of about 3 in 10^10 that two of them share a key (then the first file wins both);
    /// the keys save a copy of every URL and path for the whole run.
    by_url: HashMap<u64, usize>,
    pub content_root: Option<PathBuf>,
    pub host: Option<String>,
    /// The root folder of each site in the run (see [`crate::generator::Folder::is_site_root`]); `None`
    /// for files with no site root above them, which form one site together.
    pub roots: Vec<Option<PathBuf>>,
    /// The site root of each folder looked at, as an index into `roots`.
    root_of_dir: HashMap<PathBuf, u32>,
}

impl Site {
    /// Build the site from the linted files' summaries plus every other Markdown file under the
    /// content root (or the walked folders), summarised from front matter only.
    pub fn build<'a>(
        linted: impl Iterator<Item = (&'a Path, Arc<str>, usize, Box<PageSummary>)>,
        others: Vec<PathBuf>,
        content_root: Option<PathBuf>,
        host: Option<String>,
        fields: &Fields,
        slugs: Option<crate::document::slug::SlugStyle>,
    ) -> Site {
        let mut site = Site {
            content_root: content_root.map(|r| clean(&crate::input::absolute(&r).unwrap_or(r))),
            host,
            ..Site::default()
        };
        site.files
            .reserve_exact(linted.size_hint().1.unwrap_or(0) + others.len());
        let on_demand = Arc::new(OnDemand {
            fields: fields.clone(),
            parse: ParseOptions {
                slugs,
                ..ParseOptions::new(site.host.clone(), fields)
            },
        });
        for (path, display, report, summary) in linted {
            let abs = clean(&crate::input::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
            site.add(SiteFile {
                abs: abs.into_boxed_path(),
                display,
                report: Some(report),
                site: 0,
                summary,
                on_demand: on_demand.clone(),
            });
        }
        for path in others {
            let abs = clean(&crate::input::absolute(&path).unwrap_or(path.clone()));
            if site.file_at(&abs).is_some() {
                continue;
            }
            let Some(text) = crate::input::read_limited(&abs, "an article")
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            else {
                continue;
            };
            let lines = LineIndex::new(&text);
            let start = usize::from(text.starts_with('\u{feff}')) * 3;
            let fm = front_matter::split(&text, start)
                .filter(|s| s.closed)
                .map(|s| front_matter::parse(&text, &s, &lines));
            let values = values_from(&text, &lines, fm.as_ref(), fields);
            site.add(SiteFile {
                abs: abs.into_boxed_path(),
                display: crate::input::display_path(&clean(&path)).into(),
                report: None,
                site: 0,
                summary: Box::new(PageSummary {
                    values,
                    links: OnceLock::new(),
                }),
                on_demand: on_demand.clone(),
            });
        }
        site
    }

    fn add(&mut self, mut file: SiteFile) {
        let idx = self.files.len();
        file.site = file.abs.parent().map_or(0, |dir| self.site_of_dir(dir));
        self.by_path.entry(key(&file.abs)).or_insert(idx);
        // the URLs are needed only here, as keys
        let mut keys = std::mem::take(&mut file.summary.values.urls);
        let values = file.values();
        if let Some(root) = &self.content_root {
            if let Ok(rel) = file.abs.strip_prefix(root) {
                let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let page = if INDEX_NAMES.contains(&name) {
                    rel.parent().map(Path::to_path_buf).unwrap_or_default()
                } else {
                    rel.with_extension("")
                };
                keys.push(normalize_url(&page.to_string_lossy()));
                if let Some(slug) = values.slug() {
                    let dir = if INDEX_NAMES.contains(&name) {
                        rel.parent().and_then(Path::parent)
                    } else {
                        rel.parent()
                    };
                    let dir = dir.map(|d| d.to_string_lossy().to_string()).unwrap_or_default();
                    keys.push(normalize_url(&format!("{dir}/{}", slug.text)));
                }
            }
        }
        if let Some(slug) = values.slug() {
            keys.push(normalize_url(slug.text));
        }
        for k in keys {
            self.by_url.entry(key(k.as_str())).or_insert(idx);
        }
        self.files.push(file);
    }

    /// The site a folder belongs to: the closest folder at or above it that is a site root.
    fn site_of_dir(&mut self, dir: &Path) -> u32 {
        if let Some(&site) = self.root_of_dir.get(dir) {
            return site;
        }
        let site = if crate::generator::folder(dir).is_site_root() {
            self.site_index(Some(dir.to_path_buf()))
        } else {
            match dir.parent() {
                Some(parent) => self.site_of_dir(parent),
                None => self.site_index(None),
            }
        };
        self.root_of_dir.insert(dir.to_path_buf(), site);
        site
    }

    fn site_index(&mut self, root: Option<PathBuf>) -> u32 {
        match self.roots.iter().position(|r| *r == root) {
            Some(i) => i as u32,
            None => {
                self.roots.push(root);
                (self.roots.len() - 1) as u32
            }
        }
    }

    /// The site file at an absolute, cleaned path.
    fn file_at(&self, p: &Path) -> Option<usize> {
        self.by_path.get(&key(p)).copied().filter(|&i| *self.files[i].abs == *p)
    }

    /// The page a path on disk is, if it is one; else whether anything exists there.
    fn page_at(&self, p: &Path) -> Option<Target> {
        let p = clean(p);
        if let Some(i) = self.file_at(&p) {
            return Some(Target::Page(i, None));
        }
        let mut candidates = vec![p.clone()];
        if p.extension().is_none() || p.extension().is_some_and(|e| e == "html" || e == "htm") {
            let stem = p.with_extension("");
            for ext in MARKDOWN_EXT {
                candidates.push(stem.with_extension(ext));
            }
            for name in INDEX_NAMES {
                candidates.push(stem.join(name));
            }
        }
        for c in &candidates {
            if let Some(i) = self.file_at(c) {
                return Some(Target::Page(i, None));
            }
        }
        // not a page of the site, but there on disk (one look at each; `p` is the first)
        candidates.iter().any(|c| c.exists()).then_some(Target::Exists)
    }

    /// Whether page `from` links to page `to`; `None` when `from`'s links cannot be read (not
    /// text): the `backlinks` rule and the report's cluster graph then say nothing of it.
    pub fn links_to(&self, from: usize, to: usize) -> Option<bool> {
        let links = self.files.get(from)?.links()?;
        Some(
            links
                .links
                .iter()
                .any(|l| matches!(self.resolve(from, l.url), Target::Page(k, _) if k == to)),
        )
    }

    /// Resolve `url` as linked from file `from`.
    pub fn resolve(&self, from: usize, url: &str) -> Target {
        let url = url.trim();
        let (path_part, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(crate::text::percent_decode(f))),
            None => (url, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        let with_fragment = |t: Target| match t {
            Target::Page(i, _) => Target::Page(i, fragment.clone()),
            other => other,
        };
        // templated by the site generator (`{{% param url %}}`): not ours to resolve
        if path_part.is_empty() || url.contains("{{") || url.contains("{%") {
            return Target::Unknown;
        }
        // Zola's `@/path.md`: relative to the content folder
        if let Some(rest) = path_part.strip_prefix("@/") {
            let Some(root) = &self.content_root else {
                return Target::Unknown;
            };
            return match self.page_at(&root.join(crate::text::percent_decode(rest))) {
                Some(t) => with_fragment(t),
                None => Target::Missing(format!("@/{rest} (under the content root)")),
            };
        }
        let absolute =
            path_part.starts_with("http://") || path_part.starts_with("https://") || path_part.starts_with("//");
        if absolute || path_part.starts_with('/') {
            let url_key = normalize_url(path_part);
            if let Some(&i) = self.by_url.get(&key(url_key.as_str())) {
                return with_fragment(Target::Page(i, None));
            }
            let Some(root) = &self.content_root else {
                return Target::Unknown;
            };
            let rel = url_key.trim_start_matches('/');
            // an asset under the site's static folder, not a content page
            let ext = Path::new(rel).extension().and_then(|e| e.to_str()).unwrap_or("");
            if !ext.is_empty() && !MARKDOWN_EXT.contains(&ext) {
                return Target::Unknown;
            }
            return match self.page_at(&root.join(rel)) {
                Some(t) => with_fragment(t),
                None => Target::Missing(format!(
                    "{} (under the content root)",
                    if rel.is_empty() { "/" } else { rel }
                )),
            };
        }
        if path_part.contains(':') {
            return Target::Unknown;
        }
        let decoded = crate::text::percent_decode(path_part);
        let file = &self.files[from];
        let dir = file.abs.parent().unwrap_or(Path::new("/"));
        let by_folder = self.page_at(&dir.join(&decoded)).map(&with_fragment);
        // pretty URLs: a page `a/b.md` is served at `a/b/`, so resolve against that too
        let by_url = if Path::new(&decoded).extension().is_none() {
            let name = file.abs.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let page_dir = if INDEX_NAMES.contains(&name) {
                dir.to_path_buf()
            } else {
                file.abs.with_extension("")
            };
            self.page_at(&page_dir.join(&decoded)).map(&with_fragment)
        } else {
            None
        };
        // both readings may name a page: prefer the one that has the anchor asked for
        let has_anchor = |t: &Target| match t {
            Target::Page(i, Some(f)) => self.files[*i].links().is_some_and(|links| links.anchors.contains(f)),
            _ => true,
        };
        match (by_folder, by_url) {
            (Some(a), Some(b)) if !has_anchor(&a) && has_anchor(&b) => return b,
            (Some(a), _) => return a,
            (None, Some(b)) => return b,
            (None, None) => {}
        }
        let shown = clean(&dir.join(&decoded));
        let shown = crate::input::working_dir()
            .and_then(|cwd| shown.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or(shown);
        Target::Missing(shown.to_string_lossy().to_string())
    }

    /// Which article file `i` is a version of, and in which language: translations of one
    /// article share the key and differ in language. The language is a part of the name
    /// (`about.de.md`; `01.de.md`, whose number only orders a folder's files, so the folder is
    /// the article) or else a folder under the site root (`en/docs/x.md`, `de/docs/x.md`).
    /// A name without one is in the site's default language (`None`), as Hugo reads it.
    pub fn translation(&self, i: usize) -> (String, Option<String>) {
        let file = &self.files[i];
        let root = self.roots.get(file.site as usize).cloned().flatten();
        let base = root.as_deref().or_else(|| crate::input::working_dir());
        let rel = base.and_then(|b| file.abs.strip_prefix(b).ok()).unwrap_or(&file.abs);
        let mut dirs: Vec<&str> = rel
            .parent()
            .map(|p| p.components().filter_map(|c| c.as_os_str().to_str()).collect())
            .unwrap_or_default();
        let stem = rel.file_stem().and_then(|n| n.to_str()).unwrap_or("");
        let (name, lang) = match stem.rsplit_once('.') {
            Some((name, lang)) if is_language_code(lang) => {
                let name = name.trim_end_matches('.');
                // `NN.LANG`: the number orders the folder's files, it names no article
                let name = if name.bytes().all(|b| b.is_ascii_digit()) {
                    ""
                } else {
                    name
                };
                (name, Some(lang.to_ascii_lowercase()))
            }
            _ => match dirs.iter().position(|d| is_language_code(d)) {
                Some(at) => (stem, Some(dirs.remove(at).to_ascii_lowercase())),
                None => (stem, None),
            },
        };
        (format!("{}/{name}", dirs.join("/")), lang)
    }
}

/// ISO 639-1 language codes: a name part or folder that is one of them (with a region or script
/// after `-` or `_`: `pt-br`, `zh_Hans`) is a language, any other two letters are not.
const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn",
    "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en",
    "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he",
    "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv",
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li",
    "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne",
    "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm",
    "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st",
    "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk",
    "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// `de`, `pt-BR`, `zh_hans`: a language code, as generators name translations.
fn is_language_code(s: &str) -> bool {
    let (lang, region) = match s.split_once(['-', '_']) {
        Some((lang, region)) => (lang, Some(region)),
        None => (s, None),
    };
    let region_ok = region.is_none_or(|r| (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    region_ok && LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_share_an_article_and_differ_in_language() {
        let d = tempfile::tempdir().expect("tmp");
        std::fs::write(d.path().join(".seolint.yaml"), "").expect("write");
        let names = [
            "t/01.de.md",
            "t/02.en.md",
            "m/01..de.md",
            "about.md",
            "about.fr.md",
            "about.pt-BR.md",
            "en/docs/x.md",
            "de/docs/x.md",
            "notes.old.md",
            "v1.2.md",
        ];
        let paths: Vec<PathBuf> = names.iter().map(|n| d.path().join(n)).collect();
        for p in &paths {
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "# x\n").expect("write");
        }
        let site = Site::build(std::iter::empty(), paths, None, None, &Fields::default(), None);
        let got: Vec<(String, Option<String>)> = (0..names.len()).map(|i| site.translation(i)).collect();
        let v = |key: &str, lang: Option<&str>| (key.to_string(), lang.map(str::to_string));
        assert_eq!(
            got,
            [
                v("t/", Some("de")),
                v("t/", Some("en")),
                v("m/", Some("de")),
                v("/about", None),
                v("/about", Some("fr")),
                v("/about", Some("pt-br")),
                v("docs/x", Some("en")),
                v("docs/x", Some("de")),
                v("/notes.old", None),
                v("/v1.2", None),
            ]
        );
        assert_eq!(
            site.roots,
            [Some(clean(&crate::input::absolute(d.path()).expect("abs")))]
        );
    }

    #[test]
    fn urls_normalise() {
        assert_eq!(normalize_url("https://example.com/Guides/X/?a=1#top"), "guides/x");
        assert_eq!(normalize_url("/guides/x.html"), "guides/x");
        assert_eq!(normalize_url("/guides/x/index.html"), "guides/x");
        assert_eq!(normalize_url("caf%C3%A9"), "café");
        assert_eq!(clean(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
