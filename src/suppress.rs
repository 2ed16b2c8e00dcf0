//! Inline suppression comments: `<!-- seolint-disable RULE... -->` / `<!-- seolint-enable RULE... -->`
//! (a range), `<!-- seolint-disable-line RULE -->`, `<!-- seolint-disable-next-line RULE -->`,
//! `<!-- seolint-disable-file RULE -->`. No RULE means every rule. An unknown rule name is itself a
//! warning at its comment.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use crate::suggest::did_you_mean;

/// The finding for a suppression comment that names no known rule.
pub const UNKNOWN_RULE: &str = "unknown-rule";

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Suppressions {
    /// (rules, first line, last line); empty rules = all.
    ranges: Vec<(Vec<String>, usize, usize)>,
}

impl Suppressions {
    /// Read the suppression comments of `doc`. `known` tells whether a rule name exists.
    pub fn parse(doc: &Document, known: &dyn Fn(&str) -> bool, names: &[&str]) -> (Suppressions, Vec<Diagnostic>) {
        let mut s = Suppressions::default();
        let mut problems = Vec::new();
        let last_line = doc.lines.line_count();
        // open `disable` ranges: (rules, start line)
        let mut open: Vec<(Vec<String>, usize)> = Vec::new();
        for c in &doc.comments {
            let inner = doc.text(c.inner).trim();
            let Some(rest) = inner.strip_prefix("seolint-") else {
                continue;
            };
            let (directive, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let rules: Vec<String> = args
                .split([' ', ',', '\t', '\n', '\r'])
                .map(str::trim)
                .filter(|r| !r.is_empty() && *r != "--")
                .map(str::to_string)
                .collect();
            for r in &rules {
                if !known(r) {
                    let hint = did_you_mean(r, names.iter().copied())
                        .map(|h| format!("; did you mean `{h}`?"))
                        .unwrap_or_default();
                    let at = doc
                        .text(c.span)
                        .find(r.as_str())
                        .map_or(c.span, |i| Span::new(c.span.start + i, c.span.start + i + r.len()));
                    problems.push(
                        Diagnostic::new(
                            UNKNOWN_RULE,
                            Severity::Warning,
                            at,
                            format!("unknown rule `{r}` in seolint-{directive}{hint}"),
                        )
                        .with_help("`seolint rules` lists the rule names"),
                    );
                }
            }
            let start = doc.line_col(c.span.start).line;
            let end = doc.line_col(c.span.end.saturating_sub(1).max(c.span.start)).line;
            match directive {
                "disable" => open.push((rules, start)),
                "enable" => {
                    open.retain(|(rs, from)| {
                        let closes = rules.is_empty() || rs.iter().all(|r| rules.contains(r));
                        if closes {
                            s.ranges.push((rs.clone(), *from, end));
                        }
                        !closes
                    });
                }
                "disable-line" => s.ranges.push((rules, start, end)),
                "disable-next-line" => s.ranges.push((rules, end + 1, end + 1)),
                "disable-file" => s.ranges.push((rules, 1, last_line)),
                other => problems.push(
                    Diagnostic::new(
                        UNKNOWN_RULE,
                        Severity::Warning,
                        c.span,
                        format!("unknown suppression `seolint-{other}`"),
                    )
                    .with_help("use seolint-disable, -enable, -disable-line, -disable-next-line or -disable-file"),
                ),
            }
        }
        for (rules, from) in open {
            s.ranges.push((rules, from, last_line));
        }
        (s, problems)
    }

    pub fn suppresses(&self, rule: &str, line: usize) -> bool {
        self.ranges.iter().any(|(rules, from, to)| {
            (*from..=*to).contains(&line) && (rules.is_empty() || rules.iter().any(|r| r == rule))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    /// With each of CommonMark's line ends: `\n`, a lone `\r`, `\r\n`.
    #[test]
    fn every_form() {
        let src = "a <!-- seolint-disable-line x -->\n<!-- seolint-disable-next-line y -->\nb\n<!-- seolint-disable z w -->\nc\n<!-- seolint-enable z w -->\nd\n<!-- seolint-disable-file v -->\n<!-- seolint-disable -->\ne\n<!-- seolint-disable-line nope\nx -->\n";
        for eol in ["\n", "\r", "\r\n"] {
            let doc = Document::parse(src.replace('\n', eol), &ParseOptions::default());
            let known = |r: &str| ["x", "y", "z", "w", "v"].contains(&r);
            let (s, problems) = Suppressions::parse(&doc, &known, &["x", "y", "z", "w", "v"]);
            assert!(s.suppresses("x", 1) && !s.suppresses("x", 2), "{eol:?}");
            assert!(
                s.suppresses("y", 3) && !s.suppresses("y", 2) && !s.suppresses("y", 4),
                "{eol:?}"
            );
            assert!(
                s.suppresses("z", 5) && s.suppresses("w", 6) && !s.suppresses("z", 7),
                "{eol:?}"
            );
            assert!(s.suppresses("v", 1) && s.suppresses("v", 7), "{eol:?}");
            assert!(s.suppresses("anything", 10) && !s.suppresses("anything", 8), "{eol:?}");
            assert_eq!(problems.len(), 1, "{eol:?} {problems:?}");
            assert!(
                problems[0].message.contains("unknown rule `nope` in"),
                "{eol:?} {problems:?}"
            );
            assert_eq!(doc.text(problems[0].span), "nope");
        }
    }
}
