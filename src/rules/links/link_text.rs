use crate::diagnostic::Severity;
use crate::rules::links::visible_links;
use crate::rules::{declare_rule, excerpt, Context};

declare_rule! {
    /// ## What it does
    /// Reports links whose text says nothing about where they go: "click here", "here", "read
    /// more", "learn more", "more", "this link", "link", "this", "this page", or a bare URL
    /// written as the link text (`[https://...](https://...)`). Autolinks (`<https://...>`) are
    /// left alone: they are a deliberate way to show an address.
    ///
    /// ## Why is this bad?
    /// Search engines read link text as a description of the target, and screen-reader users
    /// navigate by a list of links, where twenty "click here" are useless.
    ///
    /// ## Example
    /// ```markdown
    /// To revive a starter, [click here](/guides/revive-starter/).
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Read [how to revive a neglected starter](/guides/revive-starter/).
    /// ```
    ///
    /// ## Options
    /// - `phrases` (list, default the phrases above): link texts to report.
    pub static LINK_TEXT = {
        name: "link-text",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub phrases: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            phrases: [
                "click here",
                "here",
                "read more",
                "learn more",
                "more",
                "this link",
                "link",
                "this",
                "this page",
                "click",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        }
    }
}

fn check(ctx: &mut Context) {
    let opts: Options = ctx.options();
    let doc = ctx.doc;
    let mut found = Vec::new();
    for l in visible_links(doc) {
        let text = l
            .text
            .trim()
            .trim_end_matches(['.', '!', ':', '…', '»', '→'])
            .trim()
            .to_lowercase();
        let raw = doc.text(l.span);
        // `<https://...>` and bare URLs: the address shown on purpose
        let autolink = !l.html && !raw.starts_with('[');
        if opts.phrases.contains(&text) {
            found.push((
                l.text_span,
                format!(
                    "link text \"{}\" does not say where the link goes",
                    excerpt(&l.text, 40)
                ),
            ));
        } else if !autolink && (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www."))
        {
            found.push((
                l.text_span,
                format!("link text is a bare URL (\"{}\")", excerpt(&l.text, 50)),
            ));
        }
    }
    for (span, message) in found {
        let d = ctx
            .diagnostic(span, message)
            .with_help("describe the target: \"the sourdough hydration table\", not \"here\"");
        ctx.push(d);
    }
}
