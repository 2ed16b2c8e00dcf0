use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Applicability, Edit, Fix, Severity, Span};
use crate::document::{Document, Value};
use crate::rules::{declare_rule, Context};
use crate::text::{plural, reading_minutes, WORDS_PER_MINUTE};

declare_rule! {
    /// ## What it does
    /// Checks that a stated reading time matches the article: the `**Estimated Reading Time:** N
    /// minutes` line, or front matter `reading_time` (`readingTime`, `read_time`). The computed
    /// time is words of visible prose / 238 per minute, rounded, and at least 1; a stated time
    /// within one minute of it passes. The fix (safe) rewrites the number, and `minute`/`minutes` after it to agree; it is offered only for a plain number of
    /// minutes (`9 minutes`, `9 min read`), not for a range (`5-7 minutes`) or another unit.
    ///
    /// ## Why is this bad?
    /// Readers decide whether to start by the stated time; one that is far off breaks that promise.
    ///
    /// ## Example
    /// ```markdown fail
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// **Estimated Reading Time:** 9 minutes
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
    /// ```
    /// An article this short takes about a minute to read, not nine.
    ///
    /// Use instead:
    /// ```markdown pass
    /// # Cold Brew at Home, from Grind to Glass
    ///
    /// **Estimated Reading Time:** 1 minute
    ///
    /// Steep coarse coffee in cold water overnight, then strain it.
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

/// Is the number that ends `before` and is followed by `after` a time in minutes and nothing
/// else: `9 minutes`, `9 min read`, `9-minute read`, `9m`, a bare `9`; not `5-7 minutes`, `5 to
/// 7 minutes`, `1 hour`. Only then can the fix rewrite it without changing what it says.
fn plain_minutes(after: &str) -> bool {
    let rest = after
        .strip_prefix('-')
        .unwrap_or(after.trim_start_matches([' ', '\u{a0}']));
    let unit: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    match unit.as_str() {
        "" => !rest
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | '—' | '/' | '.' | ',')),
        "m" | "min" | "mins" | "minute" | "minutes" => true,
        _ => false,
    }
}

/// The word "minute" or "minutes" (any case) after a blank that follows a number ending at
/// `at`: its span, for the fix to keep the noun's number right ("1 minute", "2 minutes"). Not
/// "9-minute read", where the word stays singular.
fn minutes_word(text: &str, at: usize) -> Option<Span> {
    let after = &text[at..];
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    if rest.len() == after.len() {
        return None;
    }
    let word_len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let word = &rest[..word_len];
    let start = at + after.len() - rest.len();
    matches!(word.to_lowercase().as_str(), "minute" | "minutes").then(|| Span::new(start, start + word_len))
}

/// A stated reading time: its number's span and value, where it is, whether it is a plain
/// number of minutes (see `plain_minutes`), and the span of its "minute(s)" word, if any.
struct Stated {
    span: Span,
    value: f64,
    origin: &'static str,
    plain: bool,
    unit: Option<Span>,
}

/// The stated reading time.
fn stated(doc: &Document) -> Option<Stated> {
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
        let plain = plain_minutes(&src[after + m.end()..]);
        let unit = minutes_word(&doc.source, start + m.len());
        return Some(Stated {
            span: Span::new(start, start + m.len()),
            value,
            origin: "the reading time line",
            plain,
            unit,
        });
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
        let plain = plain_minutes(&text[m.end()..]);
        let end = e.value_span.end.min(doc.source.len());
        let unit = minutes_word(&doc.source[..end], start + m.len());
        return Some(Stated {
            span: Span::new(start, start + m.len()),
            value,
            origin: "front matter `reading_time`",
            plain,
            unit,
        });
    }
    None
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some(Stated {
        span,
        value,
        origin,
        plain,
        unit,
    }) = stated(doc)
    else {
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
                "stated reading time {} in {origin}, but {} at {WORDS_PER_MINUTE} per minute take {computed} (within ±{tolerance} passes)",
                plural(value, "minute"),
                plural(words as f64, "word")
            ),
        )
        .with_help(format!("state {}", plural(computed as f64, "minute")));
    // a range or another unit would come out garbled ("9-7 minutes", "80 hour")
    let d = if plain {
        let mut edits = vec![Edit {
            span,
            content: computed.to_string(),
        }];
        // "1 minute", "2 minutes": the noun follows the new number
        if let Some(unit) = unit {
            let word = doc.text(unit);
            let fitting = match (computed == 1, word.strip_suffix(['s', 'S'])) {
                (true, Some(singular)) => Some(singular.to_string()),
                (false, None) => Some(format!("{word}{}", if word.ends_with('E') { "S" } else { "s" })),
                _ => None,
            };
            if let Some(content) = fitting {
                edits.push(Edit { span: unit, content });
            }
        }
        d.with_fix(Fix {
            message: format!("set the reading time to {computed}"),
            applicability: Applicability::Safe,
            edits,
        })
    } else {
        d
    };
    ctx.push(d);
}

#[cfg(test)]
mod tests {
    use crate::engine::lint_source;
    use crate::settings::Settings;

    /// Whether the reading-time finding on a 10-word article stating `line` carries a fix.
    fn fixable(line: &str) -> bool {
        let text = format!("# Kettles\n\n**Estimated Reading Time:** {line}\n\nOne two three four five six seven.\n");
        let report = lint_source("a.md".into(), text, &Settings::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "reading-time")
            .unwrap_or_else(|| panic!("{line}: no finding"));
        d.fix.is_some()
    }

    #[test]
    fn only_a_plain_number_of_minutes_is_rewritten() {
        for line in ["9 minutes", "9 min read", "about 9 minutes", "9-minute read", "9m", "9"] {
            assert!(fixable(line), "{line}");
        }
        for line in [
            "5-7 minutes",
            "5 – 7 minutes",
            "5 to 7 minutes",
            "3 hours",
            "9,5 minutes",
        ] {
            assert!(!fixable(line), "{line}");
        }
    }
}
