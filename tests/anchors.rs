//! `#fragment` links held to the anchors of the site's generator: `site.slugs` in config, else
//! the generator detected from its config file, else lenient (any generator's anchor, `{#id}`).
//! Includes the page makes count with their headings; one that cannot be read silences the rule.

mod common;

use std::path::Path;

use common::{seolint, stdout as out, write};

/// Headings whose anchors differ between generators, and a link to each variant.
const ARTICLE: &str = "# Anchors

- [a](#i-unsound-issues-)
- [b](#i-unsound-issues)
- [c](#café--crème)
- [d](#cafe-creme)
- [e](#caf--crme)
- [f](#café-crème)
- [g](#faq_1)
- [h](#faq-1)
- [y](#i-unsound-issues-crab)
- [z](#step-2-the-old-name)

## I-unsound issues (🦀)

Text.

## Café & Crème

Text.

## FAQ

Text.

## FAQ

Text.
";

/// The texts of the links `toc-link` reports in `dir`'s `a.md`.
fn reported(dir: &Path) -> String {
    let o = seolint(dir, &["--format", "concise", "a.md"]);
    let text = out(&o);
    let mut links: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[toc-link]"))
        .filter_map(|l| {
            l.split_once("link \"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(n, _)| n)
        })
        .collect();
    links.sort_unstable();
    links.join("")
}

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(d.path().join(".git")).expect("mkdir .git");
    write(d.path(), "a.md", ARTICLE);
    for (name, content) in files {
        write(d.path(), name, content);
    }
    d
}

#[test]
fn a_configured_style_is_strict() {
    for (style, want) in [
        ("github", "bdefgyz"),
        ("gitlab", "bcdegyz"),
        ("hugo", "bdefgyz"),
        ("zola", "abcefgz"),
        ("jekyll", "bdefgyz"),
        ("kramdown", "bcdfgyz"),
        ("mkdocs", "acefhyz"),
    ] {
        let d = site(&[(".seolint.yaml", &format!("site:\n  slugs: {style}\n"))]);
        assert_eq!(reported(d.path()), want, "{style}");
    }
    let d = site(&[(".seolint.yaml", "site:\n  slugs: zola\n")]);
    let o = seolint(d.path(), &["config", "a.md"]);
    assert!(out(&o).contains("site.slugs: zola\n"), "{}", out(&o));
    let o = seolint(d.path(), &["--format", "concise", "a.md"]);
    assert!(
        out(&o).contains("points to #i-unsound-issues-, which is no heading or id on this page (zola anchors)"),
        "{}",
        out(&o)
    );
}

#[test]
fn without_a_style_any_generators_anchor_counts() {
    let d = site(&[]);
    assert_eq!(reported(d.path()), "z");
}

#[test]
fn the_style_is_detected_from_the_generators_config() {
    for (file, content, want) in [
        (
            "config.toml",
            "base_url = \"https://blog.example.org\"\ntitle = \"x\"\n",
            "abcefgz",
        ),
        ("config.toml", "baseURL = 'https://example.org/'\n", "bdefgyz"),
        ("hugo.yaml", "title: x\n", "bdefgyz"),
        ("mkdocs.yml", "site_name: x\n", "acefhyz"),
        ("_config.yml", "title: x\n", "bdefgyz"),
        ("docusaurus.config.js", "module.exports = {};\n", "bdefgyz"),
    ] {
        let d = site(&[(file, content)]);
        assert_eq!(reported(d.path()), want, "{file}: {content}");
    }
    // in a folder above the page, up to the repository root; config wins over detection
    let d = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(d.path().join(".git")).expect("mkdir .git");
    write(d.path(), "mkdocs.yml", "site_name: x\n");
    write(d.path(), "docs/guide/a.md", ARTICLE);
    assert_eq!(reported(&d.path().join("docs/guide")), "acefhyz");
    write(d.path(), ".seolint.yaml", "site:\n  slugs: zola\n");
    assert_eq!(reported(&d.path().join("docs/guide")), "abcefgz");
}

#[test]
fn an_unknown_style_is_a_config_error() {
    let d = site(&[(".seolint.yaml", "site:\n  slugs: wordpress\n")]);
    let o = seolint(d.path(), &["a.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(err.contains("wordpress") && err.contains("mkdocs"), "{err}");
}

#[test]
fn included_pages_give_their_anchors() {
    let page = "# Setup\n\n- [Install](#install)\n- [Old](#step-9-gone)\n\n{{% include \"setup/install.md\" %}}\n";
    let d = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(d.path().join(".git")).expect("mkdir .git");
    write(d.path(), "docs/a.md", page);
    write(d.path(), "_includes/setup/install.md", "## Install\n\nRun it.\n");
    assert_eq!(reported(&d.path().join("docs")), "Old");
    // the include cannot be read: any anchor may be in it
    std::fs::remove_file(d.path().join("_includes/setup/install.md")).expect("rm");
    assert_eq!(reported(&d.path().join("docs")), "");
    // an include shown in code is an example, not an include
    write(
        d.path(),
        "docs/a.md",
        page.replace("{{% include", "`{{% include").replace("%}}\n", "%}}`\n"),
    );
    assert_eq!(reported(&d.path().join("docs")), "InstallOld");
    // Jekyll's and MkDocs' forms
    for inc in [
        "{% include missing.md %}",
        "--8<-- \"missing.md\"",
        "{{< readfile file=\"x.md\" >}}",
    ] {
        write(
            d.path(),
            "docs/a.md",
            format!("# Setup\n\n- [Old](#step-9-gone)\n\n{inc}\n"),
        );
        assert_eq!(reported(&d.path().join("docs")), "", "{inc}");
    }
}
