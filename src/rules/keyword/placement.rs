use serde::Deserialize;

use crate::diagnostic::{excerpt, Severity, Span};
use crate::document::Document;
use crate::fields::Fields;
use crate::requirements::Source;
use crate::rules::keyword::article_language;
use crate::rules::meta::front_matter_text;
use crate::rules::{declare_rule, Context};
use crate::text::{words, Keyphrase};

declare_rule! {
    /// ## What it does
    /// Checks that the primary keyword appears in each place the SEO CHECKLIST names ("Primary
    /// keyword "X" in: title, H1, first paragraph, meta description, URL"), else the places in
    /// the config, else all five. The first paragraph is the first prose paragraph after the H1
    /// that is not only an image and not a `**Label:**` metadata line. The URL is the front matter
    /// `slug`, else the path of `canonical_url`. A place the article does not have (no
    /// description, no slug) is left to other rules.
    ///
    /// One more place is off unless asked for: `title start` (also `title_start`, or a checklist
    /// place such as "title (at the start)"), the keyword as the title's first words, after any
    /// leading function words ("How to", "The"); for a language without a function-word list,
    /// none are skipped.
    ///
    /// ## Why is this bad?
    /// Search engines and readers weigh the title, the H1, the opening and the URL most; a page
    /// whose keyword is missing there ranks and converts worse.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// ---
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    ///
    /// Steeping coffee in cold water takes a night and no skill.
    /// ```
    /// The title has the keyword; the first paragraph does not.
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// ---
    /// <!-- TARGET_KEYWORD: "cold brew" -->
    ///
    /// Cold brew takes a night and no skill.
    /// ```
    ///
    /// ## Options
    /// - `places` (list, default `["title", "h1", "first paragraph", "meta description", "url"]`);
    ///   `title start` may be added.
    pub static KEYWORD_PLACEMENT = {
        name: "keyword-placement",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub places: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            places: ["title", "h1", "first paragraph", "meta description", "url"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

/// A place the keyword should be: its text and span.
struct Place<'d> {
    name: &'static str,
    /// The keyword must open the text, not just occur in it.
    at_start: bool,
    text: &'d str,
    span: Span,
}

fn place<'d>(doc: &'d Document, fields: &Fields, wanted: &str) -> Option<Place<'d>> {
    let w = wanted.to_lowercase();
    if w.contains("title") && !w.contains("meta") {
        let t = front_matter_text(doc, &fields.title.list())?;
        let at_start = w.contains("start") || w.contains("begin");
        return Some(Place {
            name: if at_start { "start of the title" } else { "title" },
            at_start,
            text: t.text,
            span: t.span,
        });
    }
    if w == "h1" || w.contains("heading") {
        let h = doc.h1s().next()?;
        return Some(Place {
            name: "H1",
            at_start: false,
            text: &h.text,
            span: h.text_span,
        });
    }
    if w.contains("first paragraph") || w.contains("introduction") || w.contains("intro") {
        let p = doc.first_paragraph()?;
        return Some(Place {
            name: "first paragraph",
            at_start: false,
            text: p.text.as_deref().unwrap_or_default(),
            span: p.span,
        });
    }
    if w.contains("description") {
        let t = front_matter_text(
            doc,
            &[
                "description",
                "meta_description",
                "short_description",
                "seo.description",
            ],
        )?;
        return Some(Place {
            name: "meta description",
            at_start: false,
            text: t.text,
            span: t.span,
        });
    }
    if w.contains("url") || w.contains("slug") {
        let fm = doc.front_matter.as_ref()?;
        if let (Some(slug), Some(e)) = (fm.get_str("slug"), fm.entry("slug")) {
            return Some(Place {
                name: "URL slug",
                at_start: false,
                text: slug,
                span: e.text_span,
            });
        }
        let url = fm.get_str("canonical_url")?;
        let e = fm.entry("canonical_url")?;
        return Some(Place {
            name: "canonical URL",
            at_start: false,
            text: url,
            span: e.text_span,
        });
    }
    None
}

fn check(ctx: &mut Context) {
    let Some(keyword) = ctx.req.keyword.as_ref() else {
        return;
    };
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let from_checklist = ctx
        .req
        .checklist
        .iter()
        .flatten()
        .find(|m| m.rules.iter().any(|r| r == "keyword-placement") && !m.places.is_empty());
    let (places, source) = match from_checklist {
        Some(m) => (m.places.as_slice(), Source::Document("SEO CHECKLIST".to_string())),
        None => (opts.places.as_slice(), ctx.option_source(&["places"])),
    };
    let mut found = Vec::new();
    for wanted in places {
        let Some(p) = place(doc, &ctx.settings.fields, wanted) else {
            continue;
        };
        let present = if p.at_start {
            starts_with_keyword(doc, &keyword.phrase, p.text)
        } else {
            keyword.phrase.occurs_in(p.text)
        };
        if !present {
            found.push(p);
        }
    }
    for p in found {
        let d = ctx
            .diagnostic(
                p.span,
                format!(
                    "primary keyword \"{}\" ({}) is not {} the {} (\"{}\"); required there by {source}",
                    keyword.phrase.text,
                    keyword.source,
                    if p.at_start { "at" } else { "in" },
                    p.name,
                    excerpt(p.text, 50)
                ),
            )
            .with_help(if p.at_start {
                format!("open the title with \"{}\"", keyword.phrase.text)
            } else {
                format!("work \"{}\" into the {}", keyword.phrase.text, p.name)
            });
        ctx.push(d);
    }
}

/// Does `text` open with the phrase, after any function words of the article's language?
fn starts_with_keyword(doc: &Document, phrase: &Keyphrase, text: &str) -> bool {
    let visible = crate::document::visible_text(text);
    let seq: Vec<&str> = words(&visible).collect();
    let skip = match article_language(doc) {
        // the phrase may itself start with a function word ("the ...")
        Ok(language) => (0..seq.len())
            .take_while(|&i| !phrase.starts(&seq[i..]) && language.contains_word(seq[i]))
            .count(),
        Err(_) => 0,
    };
    phrase.starts(&seq[skip..])
}
