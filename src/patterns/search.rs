//! The search of texts for a set of patterns: the patterns without a gate as one alternation,
//! the others each on its own, in a file that holds its gate, compiled on first use.

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::Span;

/// A pattern searched for in texts, as a pack defines it.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The regex as compiled (the pack's flags and word boundaries applied).
    pub regex: String,
    /// A regex that every match of `regex` contains a match of.
    pub gate: Option<String>,
    /// Regexes of matches that are not reported.
    pub allow: Vec<String>,
}

impl Pattern {
    /// A group of this name marks the part of a match that is reported.
    pub const FOUND: &'static str = "found";

    /// Searched on its own, not in the alternation: it has a gate, or a `found` group (whose name
    /// would clash with another pattern's there).
    fn alone(&self) -> bool {
        self.gate.is_some() || self.regex.contains(&format!("<{}>", Pattern::FOUND))
    }
}

/// Why a set of patterns does not compile: the pattern (by index) and what is wrong.
#[derive(Debug)]
pub struct SetError {
    pub index: Option<usize>,
    pub message: String,
}

/// The gates may not hold an assertion: a slice's ends could satisfy one that its whole text
/// does not (see [`PatternSet::file_search`]). `[^` is refused with them, to keep the check simple.
pub fn check_gate(gate: &str) -> Result<(), String> {
    const ASSERTIONS: [&str; 8] = ["^", "$", r"\b", r"\B", r"\A", r"\z", r"\<", r"\>"];
    if ASSERTIONS.iter().any(|a| gate.contains(a)) {
        return Err(format!(
            "a gate may not hold any of {}",
            ASSERTIONS.map(|a| format!("`{a}`")).join(", ")
        ));
    }
    Ok(())
}

/// A set of patterns compiled for search.
pub struct PatternSet {
    /// Per pattern, the regexes of matches it lets through.
    allow: Vec<Vec<Regex>>,
    /// `p0`, `p1`, ...: the capture group of each pattern.
    groups: Vec<String>,
    /// The patterns searched together, as one alternation (None when there are none).
    together: Option<Regex>,
    /// The other patterns. One alternation of every pattern, or of every gate, loses the literal
    /// prefilters that keep each search fast.
    alone: Vec<AlonePattern>,
    /// The patterns searched together may be searched once over a whole file and the matches
    /// read off per text ([`FileSearch::read_off_file`]): none holds an anchor or can match empty.
    whole_file: bool,
}

struct AlonePattern {
    gate: Option<Regex>,
    /// The pattern, with its capture group, compiled when a file first needs it.
    regex: LazyRegex,
}

impl PatternSet {
    pub fn new(patterns: &[Pattern]) -> Result<PatternSet, SetError> {
        let at = |index: usize| {
            move |message: String| SetError {
                index: Some(index),
                message,
            }
        };
        let mut allow = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let regexes = p.allow.iter().map(|a| Regex::new(a).map_err(|e| e.to_string()));
            allow.push(regexes.collect::<Result<Vec<Regex>, String>>().map_err(at(i))?);
        }
        let together_source = alternation(patterns, |_, p| !p.alone());
        let together = if together_source.is_empty() {
            None
        } else {
            // one compile (it is most of a one-file run's start-up); on an error, name the pattern
            Some(Regex::new(&together_source).map_err(|e| {
                let bad = patterns
                    .iter()
                    .position(|p| !p.alone() && Regex::new(&p.regex).is_err());
                SetError {
                    index: bad,
                    message: e.to_string(),
                }
            })?)
        };
        let mut alone = Vec::new();
        for (i, p) in patterns.iter().enumerate().filter(|(_, p)| p.alone()) {
            let gate = match &p.gate {
                Some(g) => {
                    check_gate(g).map_err(at(i))?;
                    Some(Regex::new(g).map_err(|e| at(i)(format!("gate: {e}")))?)
                }
                None => None,
            };
            let regex = LazyRegex::new(alternation(patterns, |j, _| j == i));
            alone.push(AlonePattern { gate, regex });
        }
        let whole_file = patterns.iter().filter(|p| !p.alone()).all(|p| {
            let hir = regex_syntax::parse(&p.regex);
            hir.is_ok_and(|h| !h.properties().look_set().contains_anchor() && h.properties().minimum_len() > Some(0))
        });
        Ok(PatternSet {
            allow,
            groups: (0..patterns.len()).map(|i| format!("p{i}")).collect(),
            together,
            alone,
            whole_file,
        })
    }

    /// Every match in `text` (which starts at `base` in the file): (span, pattern index).
    pub fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        self.search(text).matches(text, base, out);
    }

    /// A search of texts that are all slices of `whole` (one file), with the gated patterns whose
    /// gate `whole` holds: a gate has no anchor or word boundary that a slice's ends could
    /// satisfy, so a slice holds no match of the others.
    fn search<'w>(&self, whole: &'w str) -> FileSearch<'_, 'w> {
        let live = self
            .alone
            .iter()
            .filter(|p| p.gate.as_ref().is_none_or(|g| g.is_match(whole)))
            .collect();
        FileSearch {
            set: self,
            live,
            file: None,
        }
    }

    /// [`PatternSet::search`], and the matches of the patterns searched together over the whole
    /// file: one search instead of one per text, each paying the regex's set-up.
    pub fn file_search<'w>(&self, whole: &'w str) -> FileSearch<'_, 'w> {
        let mut search = self.search(whole);
        if let Some(regex) = self.together.as_ref().filter(|_| self.whole_file) {
            let found = regex.find_iter(whole).map(|m| (m.start(), m.end())).collect();
            search.file = Some(FileMatches { whole, regex, found });
        }
        search
    }

    /// [`PatternSet::matches`] with one of the set's regexes.
    fn matches_with(&self, regex: &Regex, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        // find without captures (the fast engines only); which pattern matched is asked only
        // for a match, from the same position (matches are rare: most text has none)
        for found in regex.find_iter(text) {
            self.accept(regex, text, found.start(), base, out);
        }
    }

    /// The match of `regex` at `start` in `text`, unless its pattern allows it or it is an index.
    fn accept(&self, regex: &Regex, text: &str, start: usize, base: usize, out: &mut Vec<(Span, usize)>) {
        let Some(caps) = regex.captures_at(text, start) else {
            return;
        };
        let Some(idx) = self.groups.iter().position(|g| caps.name(g).is_some()) else {
            return;
        };
        let Some(found) = caps.name(Pattern::FOUND).or_else(|| caps.get(0)) else {
            return;
        };
        if self.allow[idx].iter().any(|a| a.is_match(found.as_str())) {
            return;
        }
        // `matrix[X]`, `\[X]`: an index or an escaped bracket, not a bracket of the text
        if found.as_str().starts_with('[') {
            let before = text[..found.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '\\' || c == '_') {
                return;
            }
        }
        out.push((Span::new(base + found.start(), base + found.end()), idx));
    }

    #[cfg(test)]
    pub(super) fn compile_all(&self) -> Result<(), String> {
        for p in &self.alone {
            if p.regex.get().is_none() {
                return Err(p.regex.source.clone());
            }
        }
        Ok(())
    }
}

/// A set's search over the texts of one file (see [`PatternSet::file_search`]).
pub struct FileSearch<'s, 'w> {
    set: &'s PatternSet,
    /// The patterns searched alone that the file may hold.
    live: Vec<&'s AlonePattern>,
    file: Option<FileMatches<'s, 'w>>,
}

/// The matches of the alternation every text of a file would be searched with, over the file.
struct FileMatches<'s, 'w> {
    whole: &'w str,
    regex: &'s Regex,
    /// (start, end) in the file, in order.
    found: Vec<(usize, usize)>,
}

impl FileSearch<'_, '_> {
    /// Every match in `text` (which starts at `base` in the file): (span, pattern index).
    pub fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        let read_off = self
            .file
            .as_ref()
            .is_some_and(|f| self.read_off_file(f, text, base, out));
        if !read_off {
            if let Some(together) = &self.set.together {
                self.set.matches_with(together, text, base, out);
            }
        }
        for p in &self.live {
            if let Some(regex) = p.regex.get() {
                self.set.matches_with(regex, text, base, out);
            }
        }
    }

    /// `text`'s matches read off the file's, when that is exact: `text` is the file's slice at
    /// `base`; the characters either side of it are ASCII non-word characters or the file's ends
    /// (so a word boundary at its ends holds as at a text's ends; anchors were ruled out when
    /// the set was built); and no file match crosses its ends. Then a search of the text finds a
    /// match where and only where the file's search found one inside it, leftmost-first over the
    /// same bytes. Otherwise (`false`) the text is searched on its own.
    fn read_off_file(&self, file: &FileMatches, text: &str, base: usize, out: &mut Vec<(Span, usize)>) -> bool {
        let end = base + text.len();
        if file.whole.get(base..end).is_none_or(|s| s.as_ptr() != text.as_ptr()) {
            return false;
        }
        let bytes = file.whole.as_bytes();
        let apart = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'_');
        if !apart(base.checked_sub(1).and_then(|i| bytes.get(i))) || !apart(bytes.get(end)) {
            return false;
        }
        let from = file.found.partition_point(|&(_, e)| e <= base);
        let to = from + file.found[from..].partition_point(|&(s, _)| s < end);
        let inside = &file.found[from..to];
        if inside.iter().any(|&(s, e)| s < base || e > end) {
            return false;
        }
        for &(s, _) in inside {
            self.set.accept(file.regex, text, s - base, base, out);
        }
        true
    }
}

/// The patterns `keep` picks (by index and definition), as one alternation with a group
/// `p{index}` per pattern.
fn alternation(patterns: &[Pattern], keep: impl Fn(usize, &Pattern) -> bool) -> String {
    let mut alternation = String::new();
    for (i, p) in patterns.iter().enumerate().filter(|(i, p)| keep(*i, p)) {
        if !alternation.is_empty() {
            alternation.push('|');
        }
        alternation.push_str(&format!("(?P<p{i}>{})", p.regex));
    }
    alternation
}

/// Matches in file order, each reported once: a match that starts inside an earlier one (the
/// longest of those starting together) is part of it.
pub fn settle<T>(mut found: Vec<(Span, usize, T)>) -> Vec<(Span, usize, T)> {
    found.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut last_end = 0;
    found.retain(|(span, _, _)| {
        let keep = span.start >= last_end;
        if keep {
            last_end = span.end;
        }
        keep
    });
    found
}

/// `pattern` with each `\b` outside a class matching at ASCII word boundaries only. Placeholders
/// are ASCII tokens, and an ASCII `\b` keeps the fast DFA engines usable on text in any language
/// (a Unicode `\b` makes the regex crate fall back to a backtracker).
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    // the depth of nested classes; a `]` first in a class (after `[` or `[^`) is a literal
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '\\' => match chars.next() {
                Some('b') if class == 0 => {
                    out.pop();
                    out.push_str(r"(?-u:\b)");
                }
                Some(next) => out.push(next),
                None => {}
            },
            '[' => {
                class += 1;
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push(']');
                }
            }
            ']' => class = class.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// A regex compiled on first use: the word lists of some patterns take most of a one-file run's
/// start-up to compile, and most files never need them.
pub struct LazyRegex {
    pub source: String,
    regex: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    pub fn new(source: String) -> LazyRegex {
        LazyRegex {
            source,
            regex: OnceLock::new(),
        }
    }

    /// The regex (`None` only if a pattern that parses does not compile: a size limit).
    pub fn get(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| Regex::new(&self.source).ok()).as_ref()
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
