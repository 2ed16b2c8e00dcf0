use std::collections::HashSet;

use crate::diagnostic::Severity;
use crate::document::LinkKind;
use crate::rules::{declare_rule, excerpt, Context};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Checks that every same-page `#fragment` link, in Markdown or an HTML `<a href>`, reaches an
    /// anchor: a heading's slug (GitHub's algorithm: lowercase, punctuation dropped, spaces to
    /// `-`, repeats `-1`, `-2`), an explicit `{#id}` on a heading, or an HTML `id`/`name`. `#` and
    /// `#top` always resolve.
    ///
    /// ## Why is this bad?
    /// A table of contents entry that goes nowhere is the first thing a reader clicks and the first
    /// sign the page is unmaintained; headings renamed after the TOC was written are the usual cause.
    ///
    /// ## Example
    /// ```markdown
    /// - [Feeding](#feeding-your-starter)
    ///
    /// ## Feeding the Starter
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - [Feeding](#feeding-the-starter)
    /// ```
    ///
    /// ## Options
    /// None.
    pub static TOC_LINK = {
        name: "toc-link",
        severity: Severity::Error,
        fixable: false,
        options: crate::rules::NoOptions,
        check: check,
    };
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let anchors: HashSet<&str> = doc.anchors.iter().map(|a| a.id.as_str()).collect();
    let mut found = Vec::new();
    for link in doc.links.iter().filter(|l| l.kind == LinkKind::Fragment) {
        if link.hidden {
            continue;
        }
        let id = crate::text::percent_decode(link.url.trim().trim_start_matches('#'));
        if id.is_empty() || id.eq_ignore_ascii_case("top") || anchors.contains(id.as_str()) {
            continue;
        }
        // a suggestion compares against every anchor: bounded, so a page of thousands of broken
        // links stays linear
        let hint = (found.len() < 100)
            .then(|| did_you_mean(&id, doc.anchors.iter().map(|a| a.id.as_str())).map(str::to_string))
            .flatten();
        found.push((link.url_span.unwrap_or(link.span), link.text.clone(), id, hint));
    }
    for (span, text, id, hint) in found {
        let mut d = ctx.diagnostic(
            span,
            format!(
                "link \"{}\" points to #{id}, which is no heading or id on this page",
                excerpt(&text, 40)
            ),
        );
        d = match hint {
            Some(h) => d.with_help(format!("did you mean `#{h}`?")),
            None => d.with_help("link to an existing heading's anchor, or add the heading"),
        };
        ctx.push(d);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_fragments() {
        assert_eq!(crate::text::percent_decode("caf%C3%A9"), "café");
        assert_eq!(crate::text::percent_decode("a%2"), "a%2");
        assert_eq!(crate::text::percent_decode("100%"), "100%");
    }
}
