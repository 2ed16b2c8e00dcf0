//! The library API gives what the command line prints: the command is a thin client of it.

mod common;

use std::path::PathBuf;

use seolint::output::{self, Format};
use seolint::{lint_paths, LintOptions};

/// A small site: a page with findings of its own, a page with a broken link into the site (a
/// site finding, which comes after every file's own), and a file that is not text.
fn site() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(d.path().join("guides")).expect("mkdir");
    std::fs::write(
        d.path().join("guides/brew.md"),
        "---\ntitle: Cold brew\n---\n# Cold brew\n\nBy [AUTHOR_NAME]. See [grind](grind.md) and [beans](beans.md#roast).\n",
    )
    .expect("write");
    std::fs::write(
        d.path().join("guides/grind.md"),
        "# Grind\n\n## Coarse\n\nRead [brew](brew.md#missing) first.\n\n**Estimated Reading Time:** 9 minutes\n",
    )
    .expect("write");
    std::fs::write(d.path().join("binary.md"), b"# x\0y\n").expect("write");
    d
}

/// JUnit, written at the end, is the same document; the formats that stream write the site
/// findings after every file's own, where a held run has them in each file's report: the same
/// lines, in another order.
#[test]
fn lint_paths_writes_what_the_command_prints() {
    let d = site();
    // the command runs elsewhere, so that both show the site's paths whole
    let elsewhere = tempfile::tempdir().expect("tmp");
    let root = d.path().to_str().expect("a UTF-8 temporary folder").to_string();
    let options = LintOptions {
        no_config: true,
        ..LintOptions::default()
    };
    let (reports, errors) = lint_paths(vec![PathBuf::from(&root)], &options).expect("lint");
    assert_eq!(reports.len(), 3);
    for (format, name) in [
        (Format::Junit, "junit"),
        (Format::Concise, "concise"),
        (Format::Github, "github"),
    ] {
        let mut written = Vec::new();
        let shown = output::Options::default();
        output::write(format, &reports, &errors, &shown, &mut written).expect("write");
        let written = String::from_utf8(written).expect("UTF-8");
        let o = common::seolint(elsewhere.path(), &["--no-config", "--format", name, &root]);
        let printed = common::stdout(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", common::stderr(&o));
        // the site checks ran, and their findings are in the report
        assert!(written.contains("broken-link"), "{name}: {written}");
        if format == Format::Junit {
            assert_eq!(printed, written);
        } else {
            let lines = |text: &str| {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                lines.sort();
                lines
            };
            assert_eq!(lines(&printed), lines(&written), "{name}");
        }
    }
}
