use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Applicability, Edit, Fix, Severity, Span};
use crate::document::{Document, Value};
use crate::rules::{declare_rule, Context};
use crate::text::{reading_minutes, thousands, WORDS_PER_MINUTE};

declare_rule! {
    /// ## What it does
    /// Checks that a stated reading time matches the article: the `**Estimated Reading Time:** N
    /// minutes` line, or front matter `reading_time` (`readingTime`, `read_time`). The computed
    /// time is words of visible prose / 238 per minute, rounded; a stated time within one minute of
    /// it passes. The fix rewrites the number.
    ///
    /// ## Why is this bad?
    /// Readers decide whether to start by the stated time; one that is far off breaks that promise.
    ///
    /// ## Example
    /// ```markdown
    /// **Estimated Reading Time:** 25 minutes
    /// ```
    /// on an article of 1,000 words.
    ///
    /// Use instead:
    /// ```markdown
    /// **Estimated Reading Time:** 4 minutes
    /// ```
    ///
    /// ## Options
    /// - `tolerance` (default 1): minutes the stated time may differ by.
    pub static READING_TIME = {
        name: "reading-time",
        severity: Severity::Warning,
        fixable: true,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub tolerance: Option<f64>,
}

static FIRST_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+(?:\.[0-9]+)?").expect("constant regex"));

/// The stated reading time: its number's span, value, and where it is.
fn stated(doc: &Document) -> Option<(Span, f64, &'static str)> {
    for p in &doc.paragraphs {
        let Some(label) = p.label.as_deref() else { continue };
        let l = label.to_lowercase();
        if !(l.contains("reading time") || l == "read time") {
            continue;
        }
        let src = doc.text(p.span);
        let after = src.find(':').map_or(0, |i| i + 1);
        let m = FIRST_NUMBER.find(&src[after..])?;
        let value = m.as_str().parse().ok()?;
        let start = p.span.start + after + m.start();
        return Some((Span::new(start, start + m.len()), value, "the reading time line"));
    }
    let fm = doc.front_matter.as_ref()?;
    for key in ["reading_time", "readingTime", "read_time"] {
        let (Some(v), Some(e)) = (fm.get(key), fm.entry(key)) else {
            continue;
        };
        let value = match v {
            Value::Integer(i) => *i as f64,
            Value::Float(f) => *f,
            Value::String(s) => FIRST_NUMBER.find(s).and_then(|m| m.as_str().parse().ok())?,
            _ => continue,
        };
        let text = doc.text(e.value_span);
        let m = FIRST_NUMBER.find(text)?;
        let start = e.value_span.start + m.start();
        return Some((Span::new(start, start + m.len()), value, "front matter `reading_time`"));
    }
    None
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some((span, value, origin)) = stated(doc) else {
        return;
    };
    let words = doc.words.len();
    let computed = reading_minutes(words);
    let tolerance = ctx.threshold("tolerance").map_or(1.0, |t| t.value);
    if (value - computed as f64).abs() <= tolerance {
        return;
    }
    let d = ctx
        .diagnostic(
            span,
            format!(
                "stated reading time {value} minutes in {origin}, but {} words at {WORDS_PER_MINUTE} per minute take {computed} (within ±{tolerance} passes)",
                thousands(words)
            ),
        )
        .with_help(format!("state {computed} minutes"))
        .with_fix(Fix {
            message: format!("set the reading time to {computed}"),
            applicability: Applicability::Safe,
            edits: vec![Edit { span, content: computed.to_string() }],
        });
    ctx.push(d);
}
