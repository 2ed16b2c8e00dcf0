use std::collections::HashSet;

use crate::diagnostic::{excerpt, Severity};
use crate::document::LinkKind;
use crate::rules::{declare_rule, Context};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Checks that every same-page `#fragment` link, in Markdown or an HTML `<a href>`, reaches an
    /// anchor: a heading's slug, an explicit `{#id}` (on a heading, or a `{: #id}` line closing a
    /// paragraph), an HTML `id`/`name` (alert lines included), or one of those in a page it
    /// includes. Slugs follow `site.slugs` (or the generator whose config file is found above the
    /// page); with neither, GitHub's slugs and every `{#id}` count. `#` and `#top` always resolve.
    /// A page with an include that cannot be read is not checked: the anchor may be in it.
    ///
    /// ## Why is this bad?
    /// A table of contents entry that goes nowhere is the first thing a reader clicks and the first
    /// sign the page is unmaintained; headings renamed after the TOC was written are the usual cause.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// - [The ratio](#coffee-ratio)
    ///
    /// ## Ratio
    ///
    /// One part coffee to eight parts water.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// - [The ratio](#ratio)
    ///
    /// ## Ratio
    ///
    /// One part coffee to eight parts water.
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
    if ctx.req.included.unresolved {
        return;
    }
    let mut anchors: HashSet<&str> = doc.anchors.iter().map(|a| a.id.as_str()).collect();
    anchors.extend(ctx.req.included.anchors.iter().map(String::as_str));
    // no style set: the other generators' anchors, made only for a page with a link the
    // GitHub ones miss (most pages have none)
    let mut lenient: Option<HashSet<String>> = None;
    let mut found = Vec::new();
    for link in doc.links.iter().filter(|l| l.kind == LinkKind::Fragment) {
        if link.hidden {
            continue;
        }
        let id = crate::text::percent_decode(link.url.trim().trim_start_matches('#'));
        if id.is_empty() || id.eq_ignore_ascii_case("top") || anchors.contains(id.as_str()) {
            continue;
        }
        if doc.slugs.is_none() && lenient.get_or_insert_with(|| any_style(doc)).contains(&id) {
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
                "link \"{}\" points to #{id}, which is no heading or id on this page{}",
                excerpt(&text, 40),
                // which slugs it was held to: the anchor may be right for another generator
                doc.slugs
                    .map(|s| format!(" ({} anchors)", s.name()))
                    .unwrap_or_default()
            ),
        );
        d = match hint {
            Some(h) => d.with_help(format!("did you mean `#{h}`?")),
            None => d.with_help("link to an existing heading's anchor, or add the heading"),
        };
        ctx.push(d);
    }
}

/// Every heading's anchor in each style but GitHub's (which the document has).
fn any_style(doc: &crate::document::Document) -> HashSet<String> {
    use crate::document::slug::{SlugStyle, Slugger};
    let mut out = HashSet::new();
    for style in &SlugStyle::ALL[1..] {
        let mut s = Slugger::new(*style);
        out.extend(
            doc.headings
                .iter()
                .map(|h| s.slug(h.slug_text.as_deref().unwrap_or(&h.text))),
        );
    }
    out
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
