use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Severity, Span};
use crate::document::Document;
use crate::rules::{declare_rule, excerpt, Context};

declare_rule! {
    /// ## What it does
    /// Reports template placeholders and writing instructions left in the article: bracketed
    /// ALL_CAPS tokens (`[AUTHOR_NAME]`, `[INTERNAL_LINK: ...]`), bracketed labels (`[HOOK: ...]`),
    /// bracketed instructions that start with a verb (`[Write 200-300 words ...]`),
    /// `[Key takeaway 1]`, `[X]`, `YOUR_ANSWER_HERE`, `REPLACE alt text`, TODO/TBD/FIXME and
    /// lorem ipsum. The patterns live in `rules/placeholders.yaml`.
    ///
    /// It searches visible text, headings, front matter values, image alt text, link text and
    /// URLs, and JSON-LD (also the FAQ schema the template keeps inside a comment). It never
    /// searches code, HTML comments (the template's guidance comments and SEO checklist), and
    /// never reports task-list boxes, footnotes, the `[text]` of a real link, or GitHub alerts
    /// such as `[!NOTE]`. A fenced code block that holds nothing but a placeholder (the
    /// template's `[CODE_BLOCK or EXAMPLE: ...]` slot) is an unfilled slot and is reported.
    ///
    /// ## Why is this bad?
    /// A published page that says "[HOOK: Open with a bold statement...]" or "Estimated Reading
    /// Time: [X] minutes" tells readers and search engines that nobody finished it.
    ///
    /// ## Example
    /// ```markdown
    /// **Estimated Reading Time:** [X] minutes
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Estimated Reading Time:** 12 minutes
    /// ```
    ///
    /// ## Options
    /// - `ignore` (list of strings, default empty): placeholder texts to accept as written, e.g.
    ///   `["[SIC]"]`.
    pub static PLACEHOLDER = {
        name: "placeholder",
        severity: Severity::Error,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub ignore: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct PackFile {
    patterns: Vec<PatternDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternDef {
    id: String,
    what: String,
    regex: String,
    #[serde(default)]
    allow: Vec<String>,
    /// A regex every match of `regex` contains a match of (see the pack's header).
    #[serde(default)]
    gate: Option<String>,
}

impl PatternDef {
    /// The pattern as it is compiled: placeholders are ASCII tokens, and an ASCII `\b` keeps the
    /// fast DFA engines usable on text in any language (a Unicode `\b` makes the regex crate fall
    /// back to a backtracker).
    fn compiled(&self) -> String {
        self.regex.replace(r"\b", r"(?-u:\b)")
    }
}

pub const PACK_SOURCE: &str = include_str!("../../../rules/placeholders.yaml");

/// The placeholder patterns, compiled once per run into alternations with a group per pattern.
pub struct Pack {
    defs: Vec<PatternDef>,
    /// `p0`, `p1`, ...: the capture group of each pattern.
    groups: Vec<String>,
    /// Every pattern. With gates it is compiled on first need (a file with a gate match: few
    /// have one), which keeps it out of a one-file run's start-up; the pack's test compiles it.
    all: OnceLock<Result<Regex, String>>,
    /// Where some patterns have a gate: the patterns without one, and the gates. A text without a
    /// gate match cannot match a gated pattern, and an alternation finds the same leftmost-first
    /// matches without alternatives that match nowhere in the text.
    gated: Option<Gated>,
    /// The patterns without a gate may be searched once over a whole file and the matches read
    /// off per text ([`Scope::read_off_file`]): none holds an anchor or can match empty.
    whole_file: bool,
}

struct Gated {
    /// None when every pattern has a gate.
    ungated: Option<Regex>,
    gates: Regex,
}

impl Pack {
    pub fn load(source: &str) -> Result<Pack, String> {
        let file: PackFile = serde_yaml::from_str(source).map_err(|e| format!("placeholder pack: {e}"))?;
        let all = OnceLock::new();
        let gated = if file.patterns.iter().any(|d| d.gate.is_some()) {
            let ungated = file
                .patterns
                .iter()
                .any(|d| d.gate.is_none())
                .then(|| alternation(&file.patterns, |d| d.gate.is_none()))
                .transpose()?;
            file.patterns.iter().try_for_each(check_gate)?;
            let gates: Vec<String> = file
                .patterns
                .iter()
                .filter_map(|d| d.gate.as_ref())
                .map(|g| format!("(?:{g})"))
                .collect();
            let gates = Regex::new(&gates.join("|")).map_err(|e| {
                match file
                    .patterns
                    .iter()
                    .find(|d| d.gate.as_ref().is_some_and(|g| Regex::new(g).is_err()))
                {
                    Some(d) => format!("placeholder pattern `{}`: gate: {e}", d.id),
                    None => format!("placeholder pack: gates: {e}"),
                }
            })?;
            Some(Gated { ungated, gates })
        } else {
            let _ = all.set(Ok(alternation(&file.patterns, |_| true)?));
            None
        };
        let whole_file = file.patterns.iter().filter(|d| d.gate.is_none()).all(|d| {
            let hir = regex_syntax::parse(&d.compiled());
            hir.is_ok_and(|h| !h.properties().look_set().contains_anchor() && h.properties().minimum_len() > Some(0))
        });
        Ok(Pack {
            whole_file,
            groups: (0..file.patterns.len()).map(|i| format!("p{i}")).collect(),
            defs: file.patterns,
            all,
            gated,
        })
    }

    /// Every match in `text` (which starts at `base` in the file): (span, pattern index).
    fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        self.scope(text).matches(text, base, out);
    }

    /// A search of texts that are all slices of `whole` (one file): where `whole` holds no gate
    /// match, none of its slices does (a gate has no anchor or word boundary that a slice's ends
    /// could satisfy), so no text of it is asked again.
    fn scope<'w>(&self, whole: &'w str) -> Scope<'_, 'w> {
        let ungated_only = self.gated.as_ref().is_some_and(|g| !g.gates.is_match(whole));
        Scope {
            pack: self,
            ungated_only,
            file: None,
        }
    }

    /// [`Pack::scope`], and where the texts would all be searched with one alternation (the
    /// file has no gate match, or the pack no gates), its matches over the whole file: one
    /// search instead of one per text (~140,000 over the corpus, each paying the regex's set-up).
    fn file_scope<'w>(&self, whole: &'w str) -> Scope<'_, 'w> {
        let mut scope = self.scope(whole);
        let regex = match &self.gated {
            Some(g) if scope.ungated_only => g.ungated.as_ref(),
            Some(_) => None,
            None => self.all().ok(),
        };
        if let Some(regex) = regex.filter(|_| self.whole_file) {
            let found = regex.find_iter(whole).map(|m| (m.start(), m.end())).collect();
            scope.file = Some(FileMatches { whole, regex, found });
        }
        scope
    }

    /// The alternation of every pattern.
    fn all(&self) -> Result<&Regex, &str> {
        let all = self.all.get_or_init(|| alternation(&self.defs, |_| true));
        all.as_ref().map_err(String::as_str)
    }

    /// [`Pack::matches`] with one of the pack's alternations.
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
        let Some(whole) = caps.get(0) else { return };
        let Some(idx) = self.groups.iter().position(|g| caps.name(g).is_some()) else {
            return;
        };
        let def = &self.defs[idx];
        if !def.allow.is_empty() {
            let label = whole
                .as_str()
                .trim_start_matches('[')
                .split([':', ']'])
                .next()
                .unwrap_or("");
            if def.allow.iter().any(|a| a == label) {
                return;
            }
        }
        // `matrix[X]`, `\[X]`: an index or an escaped bracket, not a placeholder
        if whole.as_str().starts_with('[') {
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '\\' || c == '_') {
                return;
            }
        }
        // a pattern anchored at a line start reports the marker, not the markup before it
        let lead = whole.as_str().len()
            - whole
                .as_str()
                .trim_start_matches(|c: char| c.is_whitespace() || "*+-|>.)".contains(c) || c.is_ascii_digit())
                .len();
        out.push((Span::new(base + whole.start() + lead, base + whole.end()), idx));
    }
}

/// The pack's search over the texts of one file (see [`Pack::scope`]).
struct Scope<'p, 'w> {
    pack: &'p Pack,
    /// The file holds no gate match: search without the gated patterns.
    ungated_only: bool,
    /// See [`Pack::file_scope`].
    file: Option<FileMatches<'p, 'w>>,
}

/// The matches of the alternation every text of a file would be searched with, over the file.
struct FileMatches<'p, 'w> {
    whole: &'w str,
    regex: &'p Regex,
    /// (start, end) in the file, in order.
    found: Vec<(usize, usize)>,
}

impl Scope<'_, '_> {
    /// Every match in `text` (which starts at `base` in the file): (span, pattern index).
    fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        if self
            .file
            .as_ref()
            .is_some_and(|f| self.read_off_file(f, text, base, out))
        {
            return;
        }
        let pack = self.pack;
        match &pack.gated {
            Some(g) if self.ungated_only || !g.gates.is_match(text) => {
                if let Some(ungated) = &g.ungated {
                    pack.matches_with(ungated, text, base, out);
                }
            }
            _ => {
                if let Ok(all) = pack.all() {
                    pack.matches_with(all, text, base, out);
                }
            }
        }
    }

    /// `text`'s matches read off the file's, when that is exact: `text` is the file's slice at
    /// `base`; the characters either side of it are ASCII non-word characters or the file's ends
    /// (so a word boundary at its ends holds as at a text's ends; anchors were ruled out at
    /// load); and no file match crosses its ends. Then a search of the text finds a match where
    /// and only where the file's search found one inside it, leftmost-first over the same bytes.
    /// Otherwise (`false`) the text is searched on its own.
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
            self.pack.accept(file.regex, text, s - base, base, out);
        }
        true
    }
}

/// A gate must not hold an anchor or a word boundary: a slice's ends could satisfy one that its
/// whole text does not (see [`Pack::scope`]). `[^` is refused with them, to keep the check simple.
fn check_gate(def: &PatternDef) -> Result<(), String> {
    const ASSERTIONS: [&str; 8] = ["^", "$", r"\b", r"\B", r"\A", r"\z", r"\<", r"\>"];
    match &def.gate {
        Some(g) if ASSERTIONS.iter().any(|a| g.contains(a)) => Err(format!(
            "placeholder pattern `{}`: a gate may not hold any of {}",
            def.id,
            ASSERTIONS.map(|a| format!("`{a}`")).join(", ")
        )),
        _ => Ok(()),
    }
}

/// The patterns `keep` picks, as one alternation with a group `p{index}` per pattern.
fn alternation(defs: &[PatternDef], keep: impl Fn(&PatternDef) -> bool) -> Result<Regex, String> {
    let mut alternation = String::new();
    for (i, def) in defs.iter().enumerate().filter(|(_, d)| keep(d)) {
        let pattern = def.compiled();
        if !alternation.is_empty() {
            alternation.push('|');
        }
        alternation.push_str(&format!("(?P<p{i}>{pattern})"));
    }
    // one compile (it is most of a one-file run's start-up); on an error, name the pattern
    Regex::new(&alternation).map_err(|e| {
        let bad = defs.iter().find(|d| Regex::new(&d.compiled()).is_err());
        match bad {
            Some(d) => format!("placeholder pattern `{}`: {e}", d.id),
            None => format!("placeholder pack: {e}"),
        }
    })
}

static PACK: LazyLock<Result<Pack, String>> = LazyLock::new(|| Pack::load(PACK_SOURCE));

/// The built-in pack; its load is checked by a test, so an error here is a build defect.
pub fn pack() -> Result<&'static Pack, &'static str> {
    PACK.as_ref().map_err(String::as_str)
}

/// Does `text` hold a template placeholder? For other rules' "filled" checks.
pub fn is_placeholder(text: &str) -> bool {
    let Ok(pack) = pack() else { return false };
    let mut out = Vec::new();
    pack.matches(text, 0, &mut out);
    !out.is_empty()
}

/// Where a match was found, for the message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place<'a> {
    Text,
    FrontMatter(&'a str),
    JsonLd,
    Html,
    CodeSlot,
}

fn check(ctx: &mut Context) {
    let Ok(pack) = pack() else { return };
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let search = pack.file_scope(&doc.source);
    let mut found: Vec<(Span, usize, Place)> = Vec::new();
    let mut buf = Vec::new();

    // front matter values
    if let Some(fm) = doc.front_matter.as_ref() {
        for e in fm.entries.iter().filter(|e| e.depth == 0) {
            scan_lines(doc, &search, e.value_span, &mut buf);
            found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::FrontMatter(e.key.as_str()))));
        }
    }

    // visible text: paragraphs, headings, tables (link text, URLs and alt text are inside them)
    let text_blocks = doc
        .paragraphs
        .iter()
        .map(|p| p.span)
        .chain(doc.headings.iter().map(|h| h.span))
        .chain(doc.tables.iter().copied());
    for span in text_blocks {
        search.matches(doc.text(span), span.start, &mut buf);
        found.extend(
            buf.drain(..)
                .filter(|(s, _)| visible(doc, *s))
                .map(|(s, i)| (s, i, Place::Text)),
        );
    }

    // HTML blocks, outside comments and script/style elements
    for &span in &doc.html_blocks {
        for part in html_text_parts(doc, span) {
            search.matches(doc.text(part), part.start, &mut buf);
            found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::Html)));
        }
    }

    // JSON-LD, also inside comments
    for j in &doc.json_ld {
        search.matches(doc.text(j.span), j.span.start, &mut buf);
        found.extend(buf.drain(..).map(|(s, i)| (s, i, Place::JsonLd)));
    }

    // a fenced code block that is nothing but a placeholder: an unfilled slot
    for cb in doc.code_blocks.iter().filter(|c| c.fenced) {
        let content = doc.text(cb.content_span);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        search.matches(trimmed, cb.content_span.start + lead, &mut buf);
        if let [(s, i)] = buf[..] {
            if s.len() == trimmed.len() {
                found.push((s, i, Place::CodeSlot));
            }
        }
        buf.clear();
    }

    found.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut last_end = 0;
    for (span, idx, place) in found {
        if span.start < last_end {
            continue; // inside a placeholder already reported
        }
        last_end = span.end;
        let text = doc.text(span);
        if opts.ignore.iter().any(|i| i == text) {
            continue;
        }
        let def = &pack.defs[idx];
        let shown = excerpt(text, 60);
        let message = match place {
            Place::Text => format!("unfilled placeholder `{shown}` ({})", def.what),
            Place::Html => format!("unfilled placeholder `{shown}` in HTML ({})", def.what),
            Place::FrontMatter(key) => format!("unfilled placeholder `{shown}` in front matter `{key}` ({})", def.what),
            Place::JsonLd => format!("unfilled placeholder `{shown}` in JSON-LD ({})", def.what),
            Place::CodeSlot => format!("code block holds only the placeholder `{shown}` ({})", def.what),
        };
        let help = match place {
            Place::CodeSlot => "replace the block with a real, working example".to_string(),
            _ => format!(
                "replace it with the real content (pattern `{}` in rules/placeholders.yaml)",
                def.id
            ),
        };
        let d = ctx.diagnostic(span, message).with_help(help);
        ctx.push(d);
    }
}

/// Scan a front matter value line by line, skipping YAML/TOML comment lines.
fn scan_lines(doc: &Document, pack: &Scope, span: Span, out: &mut Vec<(Span, usize)>) {
    let text = doc.text(span);
    let mut pos = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        if !line.trim_start().starts_with('#') {
            pack.matches(line, span.start + pos, out);
        }
        pos += line.len();
    }
}

/// A match in a paragraph, heading or table is reported unless it is code, a comment, a
/// task-list box, a footnote reference, or the `[text]` of a real link.
fn visible(doc: &Document, span: Span) -> bool {
    if doc.in_code(span) {
        return false;
    }
    let overlaps = |spans: &[Span]| spans.iter().any(|s| s.overlaps(span));
    if overlaps(&doc.task_markers) || overlaps(&doc.footnote_references) {
        return false;
    }
    if doc.comments.iter().any(|c| c.span.overlaps(span)) {
        return false;
    }
    let brackets = |inner: Span| inner.start == span.start + 1 && inner.end + 1 == span.end;
    let is_link_text = doc.links.iter().any(|l| !l.html && brackets(l.text_span));
    let is_alt = doc.images.iter().any(|i| !i.html && i.alt_span.is_some_and(brackets));
    !is_link_text && !is_alt
}

/// The parts of an HTML block outside comments and `<script>`/`<style>` elements.
fn html_text_parts(doc: &Document, span: Span) -> Vec<Span> {
    let mut holes: Vec<Span> = doc
        .comments
        .iter()
        .map(|c| c.span)
        .filter(|c| span.overlaps(*c))
        .collect();
    let scripts = &doc.html_scripts;
    let from = scripts.partition_point(|s| s.end <= span.start);
    holes.extend(scripts[from..].iter().take_while(|s| s.start < span.end));
    holes.sort_by_key(|h| h.start);
    let mut parts = Vec::new();
    let mut pos = span.start;
    for h in holes {
        if h.start > pos {
            parts.push(Span::new(pos, h.start.min(span.end)));
        }
        pos = pos.max(h.end);
    }
    if pos < span.end {
        parts.push(Span::new(pos, span.end));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_compiles() {
        let pack = pack().expect("built-in pack loads");
        assert!(pack.defs.len() >= 8);
        assert_eq!(pack.all().err(), None, "the alternation of every pattern compiles");
        assert!(
            pack.whole_file,
            "the ungated patterns can be searched over a whole file"
        );
    }

    fn ids(text: &str) -> Vec<String> {
        let pack = pack().expect("pack");
        let mut out = Vec::new();
        pack.matches(text, 0, &mut out);
        out.iter()
            .map(|(s, i)| format!("{}={}", pack.defs[*i].id, &text[s.start..s.end]))
            .collect()
    }

    /// Matches through the gates (per file and per text) and read off the whole file's search,
    /// against the one alternation of every pattern over each part: a gate that missed a match
    /// would hide a placeholder, a file match read off wrongly would add or move one.
    /// `parts` are slices of `whole`.
    fn assert_gates_agree(pack: &Pack, whole: &str, parts: &[&str]) -> usize {
        let all = pack.all().expect("alternation");
        let scope = pack.scope(whole);
        let file_scope = pack.file_scope(whole);
        let mut read_off = 0;
        for part in parts {
            let base = part.as_ptr() as usize - whole.as_ptr() as usize;
            let mut expected = Vec::new();
            pack.matches_with(all, part, base, &mut expected);
            let (mut per_text, mut per_file, mut from_file) = (Vec::new(), Vec::new(), Vec::new());
            pack.matches(part, base, &mut per_text);
            scope.matches(part, base, &mut per_file);
            file_scope.matches(part, base, &mut from_file);
            assert_eq!(per_text, expected, "gated per text: {part:?}");
            assert_eq!(per_file, expected, "gated per file: {part:?} in {whole:?}");
            assert_eq!(from_file, expected, "read off the file: {part:?} in {whole:?}");
            let mut ignored = Vec::new();
            if file_scope
                .file
                .as_ref()
                .is_some_and(|f| file_scope.read_off_file(f, part, base, &mut ignored))
            {
                read_off += 1;
            }
        }
        read_off
    }

    #[test]
    fn gates_hide_no_match() {
        let pack = pack().expect("pack");
        assert!(pack.gated.is_some(), "the built-in pack has gated patterns");
        // every fixture, whole and paragraph by paragraph
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        let (mut files, mut read_off) = (0, 0);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&path).expect("fixture");
                    let parts: Vec<&str> = std::iter::once(text.as_str()).chain(text.split("\n\n")).collect();
                    read_off += assert_gates_agree(pack, &text, &parts);
                    files += 1;
                }
            }
        }
        assert!(files > 30);
        assert!(
            read_off > 300,
            "fixture paragraphs read off the file's search: {read_off}"
        );
        let mut read_off = 0;
        // random texts of placeholder pieces, prose, markup and look-alikes, also as slices
        let pieces = [
            "TODO",
            "TODO:",
            "TBD",
            "FIXME:",
            "TKTK",
            "todo",
            "lorem",
            "ipsum",
            "Lorem Ipsum",
            "LOREM ipsum",
            "lorem ipſum",
            "[X]",
            "[AUTHOR_NAME]",
            "[NOTE: a",
            "]",
            "YOUR_NAME_HERE",
            "REPLACE",
            "alt text",
            "[Key takeaway 2]",
            "[Write",
            "more words here",
            "matrix[X]",
            "é",
            "\\[",
            "word",
            "1.",
            ")",
            "_",
        ];
        let seps = [" ", " ", "\n", "\n- ", "\n1. ", "\n> ", " | ", "", "\t"];
        let mut rng = crate::text::tests::Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut pick = |n: usize| rng.below(n);
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..pick(12) + 1 {
                text.push_str(seps[pick(seps.len())]);
                text.push_str(pieces[pick(pieces.len())]);
            }
            let cut = pick(text.len() + 1);
            let cut = (0..=cut).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
            read_off += assert_gates_agree(pack, &text, &[&text, &text[cut..], &text[..cut]]);
        }
        assert!(read_off > 1000, "random texts read off the file's search: {read_off}");
    }

    #[test]
    fn a_text_between_word_characters_is_searched_on_its_own() {
        // the file's search sees the neighbours, a text's search its own ends: `\b` differs
        let pack = pack().expect("pack");
        for (whole, from, to) in [
            ("xYOUR_NAME_HERE y", 1, 15),
            ("a YOUR_NAME_HEREx", 2, 16),
            ("_REPLACE: it", 1, 12),
            ("\u{e9}YOUR_NAME_HERE", 2, 16),
        ] {
            let part = &whole[from..to];
            assert_eq!(ids(part).len(), 1, "{part:?}");
            assert_gates_agree(pack, whole, &[part]);
        }
    }

    #[test]
    fn gates_refuse_assertions() {
        let pack = |gate: &str| {
            Pack::load(&format!(
                "patterns:\n  - {{id: t, what: t, regex: 'TODO', gate: '{gate}'}}\n"
            ))
        };
        assert!(pack("TODO").is_ok());
        for bad in [r"\bTODO", "^TODO", "TODO$", "[^x]TODO"] {
            let err = pack(bad).err().unwrap_or_default();
            assert!(err.contains("a gate may not hold"), "{bad}: {err}");
        }
    }

    #[test]
    fn patterns_catch_the_template_and_spare_prose() {
        assert_eq!(ids("by [AUTHOR_NAME]"), ["bracketed-token=[AUTHOR_NAME]"]);
        assert_eq!(
            ids("[HOOK: Open with a bold statement]"),
            ["bracketed-label=[HOOK: Open with a bold statement]"]
        );
        assert_eq!(
            ids("[Write 200-300 words. Use a mix.]"),
            ["bracketed-instruction=[Write 200-300 words. Use a mix.]"]
        );
        assert_eq!(ids("Time: [X] minutes"), ["bare-variable=[X]"]);
        assert_eq!(ids("\"text\": \"YOUR_ANSWER_HERE\""), ["your-here=YOUR_ANSWER_HERE"]);
        assert_eq!(ids("Hero -- REPLACE alt text"), ["replace-marker=REPLACE alt text"]);
        assert_eq!(ids("1. [Key takeaway 3]"), ["key-takeaway=[Key takeaway 3]"]);
        assert_eq!(
            ids("[CODE_BLOCK or EXAMPLE: Provide a practical example here]").len(),
            1
        );
        assert!(ids("[NOTE: this changed in 2024]").is_empty());
        assert!(ids("matrix[X] and a[N]").is_empty());
        assert!(ids("Use [API] docs, replace alt text, todo list").is_empty());
        assert!(ids("- [ ] item and [x] done").is_empty());
        assert_eq!(ids("TODO"), ["todo=TODO"]);
        assert_eq!(ids("- TBD"), ["todo=TBD"]);
        assert_eq!(ids("see TODO: fill in"), ["todo=TODO:"]);
        assert!(ids("my TODO list, exact path TBD, add TODO to tests").is_empty());
    }
}
