//! What a rule reports: a finding with a byte span into the source, optional labels, help and fix.

use std::borrow::Cow;
use std::fmt;

/// A byte range into a file's source. Line and column are derived at the edge (see `LineIndex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when `other` lies entirely inside this span.
    pub fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Shift a span that is relative to `base`.
    pub fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location shown next to the primary span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A place in another file that a finding refers to: the other page of a duplicate, the cluster
/// article that does not link back. Reporters that show one file at a time may leave it out; the
/// message names the file too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    /// The other file, absolute.
    pub path: std::sync::Arc<std::path::Path>,
    /// A byte range of the other file's text.
    pub span: Span,
    pub message: String,
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    Safe,
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` with `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable kebab-case name.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    /// Most rules give a fixed text: no allocation per finding for it.
    pub help: Option<Cow<'static, str>>,
    /// Boxed: few findings have one, and a run may hold many findings.
    pub fix: Option<Box<Fix>>,
    /// Places in other files this finding refers to (site rules).
    pub elsewhere: Vec<Elsewhere>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
            elsewhere: Vec::new(),
        }
    }

    /// Whether `--fix` applies this finding's fix: a safe one, or any with `--unsafe-fixes`.
    pub fn fixable(&self, unsafe_fixes: bool) -> bool {
        self.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe || unsafe_fixes)
    }

    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }
}

/// Show a found text in a message: whitespace collapsed, cut to `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    // the text with its whitespace collapsed, built only as far as `max` needs (one allocation:
    // `max` characters are at most 4 bytes each, the word that crosses `max` is pushed whole,
    // and the ellipsis takes 3)
    let mut collapsed = String::with_capacity(text.len().min(4 * max + 4) + 3);
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > 0 {
            collapsed.push(' ');
            chars += 1;
        }
        collapsed.push_str(word);
        chars += word.chars().count();
        if chars > max {
            // cut in place after `max - 1` characters, trailing whitespace dropped
            let cut = collapsed
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(collapsed.len(), |(i, _)| i);
            collapsed.truncate(cut);
            collapsed.truncate(collapsed.trim_end().len());
            collapsed.push('…');
            return collapsed;
        }
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_collapsed_text_cut_at_max() {
        let reference = |text: &str, max: usize| {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if collapsed.chars().count() <= max {
                collapsed
            } else {
                let cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
                format!("{}…", cut.trim_end())
            }
        };
        let mut rng = crate::testing::Xorshift(0x5DEE_CE66_D1CE_4E5B);
        for len in 0..90 {
            for max in [0, 1, 2, 5, 10, 30, 60] {
                let text = rng.text("ab c  \n\té ü\u{3000}x", len);
                assert_eq!(excerpt(&text, max), reference(&text, max), "{text:?} at {max}");
            }
        }
    }
}
