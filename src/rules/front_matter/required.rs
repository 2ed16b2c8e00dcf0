use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Reports front matter keys that are required but missing or empty. By default only `title`
    /// is required, and only when the file has front matter with at least one key (an empty
    /// `---` `---` block marks a partial, as Hugo's includes use it); presets and config list
    /// more (`description`, `date`, `slug`, `canonical_url`, ...).
    ///
    /// ## Why is this bad?
    /// A page without a title or description gets one invented by the search engine, usually a
    /// poor one; a missing date or canonical URL breaks feeds and duplicate handling.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: ""
    /// date: 2026-02-14
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// date: 2026-02-14
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// ## Options
    /// - `keys` (list of strings, default `["title"]`): keys that must be present and non-empty;
    ///   dotted paths reach nested keys (`seo.description`).
    /// - `require_front_matter` (bool, default `false`): report a file that has no front matter.
    pub static FRONT_MATTER_REQUIRED = {
        name: "front-matter-required",
        severity: Severity::Error,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub keys: Vec<String>,
    pub require_front_matter: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keys: vec!["title".to_string()],
            require_front_matter: false,
        }
    }
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let source = ctx.option_source(&["keys"]);
    let doc = ctx.doc;
    let Some(fm) = doc.front_matter.as_ref() else {
        if opts.require_front_matter && !opts.keys.is_empty() {
            let start = doc.body_start;
            let span = doc.lines.line_span(&doc.source, doc.lines.line_of(start));
            let d = ctx
                .diagnostic(
                    span,
                    format!("no front matter; required keys: {} ({source})", opts.keys.join(", ")),
                )
                .with_help("add a front matter block between `---` lines at the top of the file");
            ctx.push(d);
        }
        return;
    };
    // front-matter-syntax reports a block that does not parse; an explicitly empty block
    // (`---` `---`) marks a partial or include, which is not a page
    let Some(value) = fm.value.as_ref() else { return };
    if value.is_empty() && !opts.require_front_matter {
        return;
    }
    let fence = doc.lines.line_span(&doc.source, doc.lines.line_of(fm.span.start));
    for key in &opts.keys {
        match fm.get(key) {
            None => {
                let d = ctx
                    .diagnostic(
                        fence,
                        format!(
                            "front matter has no `{key}`; required keys: {} ({source})",
                            opts.keys.join(", ")
                        ),
                    )
                    .with_help(format!("add `{key}:` with a value"));
                ctx.push(d);
            }
            Some(v) if v.is_empty() => {
                let span = fm.entry(key).map_or(fence, |e| e.value_or_key_span());
                let d = ctx
                    .diagnostic(
                        span,
                        format!("front matter `{key}` is empty; it is required ({source})"),
                    )
                    .with_help(format!("give `{key}` a value"));
                ctx.push(d);
            }
            Some(_) => {}
        }
    }
}
