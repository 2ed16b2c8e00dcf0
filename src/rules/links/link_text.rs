use crate::diagnostic::{excerpt, Severity};
use crate::rules::links::visible_links;
use crate::rules::{declare_rule, Context};

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
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// The grind matters most; to choose one, [click here](/guides/grinding/).
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// The grind matters most: see [how coarse to grind for cold brew](/guides/grinding/).
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

#[derive(Debug, Clone, serde::Deserialize)]
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

/// The generic phrases, compared with a link's text ignoring case.
struct Phrases<'a> {
    all: &'a [String],
    /// The ASCII ones without an uppercase letter (one with an uppercase letter never equals a
    /// lowercased text).
    ascii: Vec<&'a str>,
}

impl<'a> Phrases<'a> {
    fn new(all: &'a [String]) -> Self {
        let ascii = all
            .iter()
            .map(String::as_str)
            .filter(|p| p.is_ascii() && !p.bytes().any(|b| b.is_ascii_uppercase()))
            .collect();
        Phrases { all, ascii }
    }

    /// Is the lowercased `text` a generic phrase, and does it start like a URL? ASCII text
    /// (nearly every link) is compared without making a lowercase copy.
    fn judge(&self, text: &str) -> (bool, bool) {
        const URL_STARTS: [&str; 3] = ["http://", "https://", "www."];
        if text.is_ascii() {
            let starts = |p: &&str| text.get(..p.len()).is_some_and(|t| t.eq_ignore_ascii_case(p));
            return (
                self.ascii.iter().any(|p| p.eq_ignore_ascii_case(text)),
                URL_STARTS.iter().any(starts),
            );
        }
        let text = text.to_lowercase();
        (self.all.contains(&text), URL_STARTS.iter().any(|p| text.starts_with(p)))
    }
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let mut found = Vec::new();
    let phrases = Phrases::new(&opts.phrases);
    for l in visible_links(doc) {
        let text = l.text.trim().trim_end_matches(['.', '!', ':', '…', '»', '→']).trim();
        let (generic, url) = phrases.judge(text);
        let raw = doc.text(l.span);
        // `<https://...>` and bare URLs: the address shown on purpose
        let autolink = !l.html && !raw.starts_with('[');
        if generic {
            found.push((
                l.text_span,
                format!(
                    "link text \"{}\" does not say where the link goes",
                    excerpt(&l.text, 40)
                ),
            ));
        } else if !autolink && url {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judging_without_a_copy_is_judging_the_lowercase_copy() {
        let all: Vec<String> = ["click here", "More", "caf\u{e9}", "\u{3c3}", "www", "http"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let phrases = Phrases::new(&all);
        let mut rng = crate::testing::Xorshift(0xd1b5_4a32_d192_ed03);
        let alphabet = "cliCKhEremoRw.:/tps \u{e9}\u{c9}\u{3a3}\u{3c3}";
        for len in 0..4000 {
            let text = rng.text(alphabet, len % 12);
            let lower = text.to_lowercase();
            let expected = (
                all.contains(&lower),
                lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."),
            );
            assert_eq!(phrases.judge(&text), expected, "{text:?}");
        }
        for text in [
            "Click Here",
            "CLICK HERE",
            "more",
            "HTTPS://x",
            "Www.x",
            "Caf\u{c9}",
            "\u{3a3}",
        ] {
            let lower = text.to_lowercase();
            assert_eq!(phrases.judge(text).0, all.contains(&lower), "{text:?}");
        }
    }
}
