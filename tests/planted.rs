//! The fully filled article in the template's format is clean; each planted defect yields exactly
//! its own findings, at the line of the defect, and all defects together yield exactly the union.

use std::path::Path;

use seolint::engine::lint_source;
use seolint::settings::Settings;

fn clean() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/filled.md")).expect("fixture")
}

/// (what, replace this, with this, expected findings as (rule, a text on the finding's line))
type Defect = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const DEFECTS: &[Defect] = &[
    ("unfilled author", "author: \"Marta Keller\"", "author: \"[AUTHOR_NAME]\"", &[("placeholder", "author:")]),
    ("short title", "title: \"The Ultimate Guide to Sourdough Baking at Home (2026)\"", "title: \"Sourdough Baking\"", &[("title-length", "title:")]),
    ("short description", "description: \"Learn sourdough baking from starter to crust: feeding schedules, hydration, shaping and baking, with the mistakes that flatten loaves and how to avoid them.\"", "description: \"Learn sourdough baking.\"", &[("description-length", "description:")]),
    ("bad date", "date: \"2026-03-02\"", "date: \"March 2nd\"", &[("front-matter-type", "date:")]),
    ("keyword missing from H1", "# The Ultimate Guide to Sourdough Baking at Home (2026)", "# The Ultimate Guide to Baking Bread at Home (2026)", &[("keyword-placement", "# The Ultimate Guide to Baking Bread")]),
    ("second H1", "Whether you have never fed a starter", "# A Second Headline\n\nWhether you have never fed a starter", &[("heading-h1", "# A Second Headline")]),
    ("skipped heading level", "### The Starter", "#### The Starter", &[("heading-increment", "#### The Starter")]),
    ("broken jump link", "(#the-starter)", "(#the-startr)", &[("toc-link", "#the-startr")]),
    ("section missing from the TOC", "3. [Shaping and Baking](#shaping-and-baking)\n", "", &[("toc-coverage", "## Shaping and Baking")]),
    ("generic alt text", "![Hands folding a wet dough in a bowl]", "![image]", &[("image-alt", "![image]")]),
    ("vague link text", "[starter troubleshooting notes]", "[click here]", &[("link-text", "[click here]")]),
    ("wrong reading time", "**Estimated Reading Time:** 4 minutes", "**Estimated Reading Time:** 9 minutes", &[("reading-time", "Estimated Reading Time")]),
    ("FAQ schema drifted from its heading", "\"name\": \"How long does a sourdough starter take?\"", "\"name\": \"How long until a starter is ready?\"", &[("faq-schema", "How long until a starter is ready?"), ("faq-schema", "### How long does a sourdough starter take?")]),
    ("unfilled key takeaway", "> **Key Takeaway:** A healthy starter doubles within six hours of a feed; until it does, do not bake with it.", "> **Key Takeaway:** [Summarize the most important point from this section in one sentence.]", &[("key-takeaways", "**Key Takeaway:** [Summarize"), ("placeholder", "**Key Takeaway:** [Summarize")]),
    ("too few cluster links", "- [Whole Wheat Sourdough Ratios](/guides/whole-wheat-sourdough/)\n", "", &[("cluster-links", "## Related Articles")]),
    ("word budget raised", "RECOMMENDED_WORD_COUNT: 600-1,200 words", "RECOMMENDED_WORD_COUNT: 1,500-2,000 words", &[("word-count", "RECOMMENDED_WORD_COUNT")]),
    ("unused secondary keyword", "\"levain\", \"hydration\"", "\"banneton\", \"hydration\"", &[("secondary-keyword", "SECONDARY")]),
    ("density range raised", "KEYWORD_DENSITY: Aim for 1-2.5%", "KEYWORD_DENSITY: Aim for 3-4%", &[("keyword-density", "TARGET_KEYWORD")]),
    ("missing image file", "(./images/mixing.jpg)", "(./images/mixing-photo.jpg)", &[("image-missing", "mixing-photo.jpg")]),
];

fn lint(text: &str) -> Vec<(String, usize)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/planted.md");
    let report = lint_source(
        path.to_string_lossy().to_string(),
        text.to_string(),
        &Settings::default(),
    );
    let mut out: Vec<(String, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), report.line_col(d.span.start).line))
        .collect();
    out.sort();
    out
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the planted article"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn the_filled_article_is_clean() {
    assert_eq!(lint(&clean()), Vec::<(String, usize)>::new());
}

#[test]
fn each_planted_defect_is_found_alone_at_its_line() {
    let base = clean();
    for (what, from, to, expected) in DEFECTS {
        assert!(base.contains(from), "{what}: `{from}` is not in the clean article");
        let planted = base.replacen(from, to, 1);
        let mut want: Vec<(String, usize)> = expected
            .iter()
            .map(|(r, at)| (r.to_string(), line_of(&planted, at)))
            .collect();
        want.sort();
        assert_eq!(lint(&planted), want, "{what}");
    }
}

#[test]
fn all_planted_defects_together_are_found_exactly() {
    let mut planted = clean();
    for (_, from, to, _) in DEFECTS {
        planted = planted.replacen(from, to, 1);
    }
    let mut want: Vec<(String, usize)> = DEFECTS
        .iter()
        .flat_map(|(_, _, _, expected)| expected.iter().map(|(r, at)| (r.to_string(), line_of(&planted, at))))
        .collect();
    want.sort();
    let got = lint(&planted);
    assert_eq!(got, want);
}
