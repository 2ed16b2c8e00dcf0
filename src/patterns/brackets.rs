//! Bracketed slots: each `[...]` on one line whose text a pattern matches whole, found by one scan
//! for `[` rather than in a text alternation (word lists would slow its literal scan).

use crate::diagnostic::Span;
use crate::patterns::search::LazyRegex;

/// Patterns for the text between a pair of brackets.
pub struct BracketSet {
    count: usize,
    /// The patterns' alternation anchored at both ends, with a group `b{index}` each.
    regex: Option<LazyRegex>,
}

impl BracketSet {
    pub fn new(patterns: &[String]) -> BracketSet {
        let regex = (!patterns.is_empty()).then(|| {
            let groups: Vec<String> = (patterns.iter().enumerate())
                .map(|(i, p)| format!("(?P<b{i}>{p})"))
                .collect();
            LazyRegex::new(format!("^(?:{})$", groups.join("|")))
        });
        BracketSet {
            count: patterns.len(),
            regex,
        }
    }

    /// The bracketed slots in `text` (which starts at `base` in the file), in order, with the
    /// index of the pattern: each `[...]` on one line whose text starts with a letter and a
    /// pattern matches whole, that is no index (`a[i]`), escape, image, link or reference.
    pub fn slots(&self, text: &str, base: usize) -> Vec<(Span, usize)> {
        let mut out = Vec::new();
        let Some(lazy) = &self.regex else { return out };
        let bytes = text.as_bytes();
        for open in memchr::memchr_iter(b'[', bytes) {
            let after = |b: u8| b.is_ascii_alphanumeric() || b"\\_!".contains(&b);
            if open > 0 && after(bytes[open - 1]) || !bytes.get(open + 1).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            let Some(len) = bytes[open + 1..].iter().take(120).position(|b| b"[]\n\r".contains(b)) else {
                continue;
            };
            let close = open + 1 + len;
            if len < 3 || bytes[close] != b']' || matches!(bytes.get(close + 1), Some(b'(' | b'[' | b':')) {
                continue;
            }
            let Some(regex) = lazy.get() else { return out };
            let Some(inner) = text.get(open + 1..close).filter(|t| regex.is_match(t)) else {
                continue;
            };
            let Some(caps) = regex.captures(inner) else { continue };
            if let Some(i) = (0..self.count).find(|i| caps.name(&format!("b{i}")).is_some()) {
                out.push((Span::new(base + open, base + close + 1), i));
            }
        }
        out
    }

    #[cfg(test)]
    pub(super) fn compiles(&self) -> bool {
        self.regex.as_ref().is_none_or(|r| r.get().is_some())
    }
}
