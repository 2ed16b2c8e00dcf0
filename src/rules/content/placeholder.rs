use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Severity, Span};
use crate::document::Document;
use crate::rules::{declare_rule, excerpt, Context};

declare_rule! {
    /// ## What it does
    /// Reports template placeholders and writing instructions left in the article, by kind (the
    /// patterns live in `rules/placeholders.yaml`):
    /// - bracketed tokens, labels and instructions: `[AUTHOR_NAME]`, `[HOOK: ...]`,
    ///   `[Write 200-300 words ...]`, `[Key takeaway 1]`, `[X]`;
    /// - bracketed fill-ins in any case: `[Your Name]`, `[INSERT STATISTIC]`, `[Client Name]`,
    ///   `[date of launch]`, `[Source]`, `[LINK]`, and notes such as `[Image: ...]` or
    ///   `[Screenshot of ...]` (an editorial bracket such as "[the shop]" is prose);
    /// - markers: TODO/TBD/TBC/FIXME opening a line, list item, heading or table cell, and
    ///   TBD/TBC/TK/XXX/20XX as a whole front matter value or list item, cell, heading or list item;
    /// - fill-in numbers and dates: `XX%`, `$X,XXX`, `X,XXX`, `(c) 20XX`, `MM/DD/YYYY` as a value;
    /// - slots: `{{first_name}}`, `<insert phone number>`, "(link)", `YOUR_EMAIL_HERE`, `INSERT_URL`;
    /// - instructions: "... goes here", "Insert your bio here", "Replace this text", lorem ipsum;
    /// - link targets left empty (`[text](#)`, `[text]()`) or pointing at a placeholder URL
    ///   (`yourdomain.com`, `example.com/your-...`), and stock alt texts ("Alt text here").
    ///
    /// It searches visible text, headings, table cells, front matter values (list items too),
    /// image alt text, link text and targets, HTML, and JSON-LD (also the FAQ schema the template
    /// keeps inside a comment). It never searches code, HTML comments (the template's guidance
    /// comments and SEO checklist), shortcodes, and never reports task-list boxes, footnotes,
    /// citations (`[1]`, `[RFC 9110]`, `[sic]`), the `[text]` of a real link, or GitHub alerts
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
#[serde(deny_unknown_fields)]
struct PackFile {
    patterns: Vec<PatternDef>,
    #[serde(default)]
    values: Vec<ValueDef>,
    #[serde(default)]
    brackets: Vec<BracketDef>,
}

/// A pattern for the text between a pair of brackets (see the pack's `brackets`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BracketDef {
    id: String,
    what: String,
    regex: String,
}

/// A pattern for a whole value (see the pack's `values`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueDef {
    id: String,
    what: String,
    regex: String,
    #[serde(rename = "in")]
    places: Vec<ValuePlace>,
}

/// Where a whole-value pattern applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ValuePlace {
    FrontMatter,
    TableCell,
    Heading,
    ListItem,
    AltText,
    LinkTarget,
}

impl ValuePlace {
    /// The longest value asked about here, in bytes: a placeholder value is a marker, a stock
    /// phrase or a URL, never a sentence (most list items, cells and headings are passed over).
    fn longest(self) -> usize {
        match self {
            ValuePlace::LinkTarget => 200,
            _ => 40,
        }
    }
}

/// What a value pattern can match: at most `longest` bytes, starting with one of `first` (when
/// its matches have known first bytes). Worked out from the pattern at load, so that a sentence
/// or a number is passed over without compiling or running the pattern.
struct ValueBounds {
    longest: usize,
    first: Option<Vec<u8>>,
}

impl ValueBounds {
    fn of(values: &[ValueDef]) -> Result<Vec<ValueBounds>, String> {
        let mut out = Vec::new();
        for v in values {
            let hir =
                regex_syntax::parse(&v.regex).map_err(|e| format!("placeholder value pattern `{}`: {e}", v.id))?;
            // a bound on the match is one on the value only where the match is the whole value
            let props = hir.properties();
            let anchored = props.look_set_prefix().contains(regex_syntax::hir::Look::Start)
                && props.look_set_suffix().contains(regex_syntax::hir::Look::End);
            let longest = props.maximum_len().filter(|_| anchored).unwrap_or(usize::MAX);
            let mut seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
            seq.make_inexact();
            let first = seq.literals().filter(|_| anchored).and_then(|lits| {
                lits.iter()
                    .map(|l| l.as_bytes().first().copied())
                    .collect::<Option<Vec<u8>>>()
            });
            out.push(ValueBounds { longest, first });
        }
        Ok(out)
    }

    fn admits(&self, value: &str) -> bool {
        value.len() <= self.longest
            && self
                .first
                .as_ref()
                .is_none_or(|f| value.as_bytes().first().is_some_and(|b| f.contains(b)))
    }
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
    /// The whole-value patterns, compiled; a finding's index past `defs` points here.
    values: Vec<ValueDef>,
    /// Each value pattern, compiled when a value first fits its bounds (few files have one).
    value_each: Vec<LazyRegex>,
    /// What a value must be like for each value pattern to be asked at all.
    value_bounds: Vec<ValueBounds>,
    /// The bracket patterns, and their alternation anchored at both ends with a group `b{index}`
    /// each; a finding's index past `defs` and `values` points here.
    brackets: Vec<BracketDef>,
    bracket_regex: Option<LazyRegex>,
    /// `p0`, `p1`, ...: the capture group of each pattern.
    groups: Vec<String>,
    /// The patterns without a gate, as one alternation (None when every pattern has a gate).
    ungated: Option<Regex>,
    /// The patterns with a gate, each on its own: a file is searched with those whose gate it
    /// holds (few files hold any). One alternation of every pattern, or of every gate, loses the
    /// literal prefilters that keep each search fast (measured: each scan several times slower).
    gated: Vec<GatedPattern>,
    /// The patterns without a gate may be searched once over a whole file and the matches read
    /// off per text ([`Scope::read_off_file`]): none holds an anchor or can match empty.
    whole_file: bool,
}

struct GatedPattern {
    gate: Regex,
    /// The pattern, with its capture group, compiled when a file first holds its gate.
    regex: LazyRegex,
}

/// A regex compiled on first use: the word lists of some patterns take most of a one-file run's
/// start-up to compile, and most files never need them. The pack's test compiles every one.
struct LazyRegex {
    source: String,
    regex: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(source: String) -> LazyRegex {
        LazyRegex {
            source,
            regex: OnceLock::new(),
        }
    }

    /// The regex (`None` only if a pattern that parses does not compile: a size limit).
    fn get(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| Regex::new(&self.source).ok()).as_ref()
    }
}

impl Pack {
    pub fn load(source: &str) -> Result<Pack, String> {
        let file: PackFile = serde_yaml::from_str(source).map_err(|e| format!("placeholder pack: {e}"))?;
        file.patterns.iter().try_for_each(check_gate)?;
        let ungated = file
            .patterns
            .iter()
            .any(|d| d.gate.is_none())
            .then(|| alternation(&file.patterns, |_, d| d.gate.is_none()))
            .transpose()?;
        let mut gated = Vec::new();
        for (i, d) in file.patterns.iter().enumerate() {
            let Some(gate) = &d.gate else { continue };
            let gate = Regex::new(gate).map_err(|e| format!("placeholder pattern `{}`: gate: {e}", d.id))?;
            let regex = LazyRegex::new(alternation_source(&file.patterns, |j, _| j == i));
            gated.push(GatedPattern { gate, regex });
        }
        let values = file.values;
        let value_bounds = ValueBounds::of(&values)?;
        let value_each = values.iter().map(|v| LazyRegex::new(v.regex.clone())).collect();
        let bracket_regex = if file.brackets.is_empty() {
            None
        } else {
            let groups: Vec<String> = (file.brackets.iter().enumerate())
                .map(|(i, b)| format!("(?P<b{i}>{})", b.regex))
                .collect();
            Some(LazyRegex::new(format!("^(?:{})$", groups.join("|"))))
        };
        let whole_file = file.patterns.iter().filter(|d| d.gate.is_none()).all(|d| {
            let hir = regex_syntax::parse(&d.compiled());
            hir.is_ok_and(|h| !h.properties().look_set().contains_anchor() && h.properties().minimum_len() > Some(0))
        });
        Ok(Pack {
            whole_file,
            groups: (0..file.patterns.len()).map(|i| format!("p{i}")).collect(),
            defs: file.patterns,
            values,
            value_each,
            value_bounds,
            brackets: file.brackets,
            bracket_regex,
            ungated,
            gated,
        })
    }

    /// Every match in `text` (which starts at `base` in the file): (span, pattern index).
    fn matches(&self, text: &str, base: usize, out: &mut Vec<(Span, usize)>) {
        self.scope(text).matches(text, base, out);
    }

    /// The first whole-value pattern for `place` that `value` (trimmed) matches, as a finding's
    /// pattern index.
    fn value_match(&self, place: ValuePlace, value: &str) -> Option<usize> {
        let value = value.trim();
        if value.len() > place.longest() {
            return None;
        }
        (0..self.values.len())
            .find(|&i| {
                self.values[i].places.contains(&place)
                    && self.value_bounds[i].admits(value)
                    && self.value_each[i].get().is_some_and(|r| r.is_match(value))
            })
            .map(|i| self.defs.len() + i)
    }

    /// A finding's pattern: (id, what it catches).
    fn describe(&self, idx: usize) -> (&str, &str) {
        if let Some(d) = self.defs.get(idx) {
            return (&d.id, &d.what);
        }
        let idx = idx - self.defs.len();
        if let Some(v) = self.values.get(idx) {
            return (&v.id, &v.what);
        }
        self.brackets
            .get(idx - self.values.len())
            .map_or(("", ""), |b| (&b.id, &b.what))
    }

    /// The bracketed slots in `text` (which starts at `base` in the file), in order: each `[...]`
    /// on one line whose text starts with a letter and a bracket pattern matches whole, that is
    /// no index (`a[i]`), escape, image, link or reference. One scan for `[` over a whole file;
    /// the texts the rule searches take theirs from it.
    fn bracket_slots(&self, text: &str, base: usize) -> Vec<(Span, usize)> {
        let mut out = Vec::new();
        let Some(lazy) = &self.bracket_regex else { return out };
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
            if let Some(i) = (0..self.brackets.len()).find(|i| caps.name(&format!("b{i}")).is_some()) {
                out.push((
                    Span::new(base + open, base + close + 1),
                    self.defs.len() + self.values.len() + i,
                ));
            }
        }
        out
    }

    /// A search of texts that are all slices of `whole` (one file), with the gated patterns whose
    /// gate `whole` holds: a gate has no anchor or word boundary that a slice's ends could
    /// satisfy, so a slice holds no match of the others.
    fn scope<'w>(&self, whole: &'w str) -> Scope<'_, 'w> {
        let live = self.gated.iter().filter(|g| g.gate.is_match(whole)).collect();
        Scope {
            pack: self,
            live,
            file: None,
        }
    }

    /// [`Pack::scope`], and the ungated patterns' matches over the whole file: one search
    /// instead of one per text (~140,000 over the corpus, each paying the regex's set-up).
    fn file_scope<'w>(&self, whole: &'w str) -> Scope<'_, 'w> {
        let mut scope = self.scope(whole);
        if let Some(regex) = self.ungated.as_ref().filter(|_| self.whole_file) {
            let found = regex.find_iter(whole).map(|m| (m.start(), m.end())).collect();
            scope.file = Some(FileMatches { whole, regex, found });
        }
        scope
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
        // a pattern anchored at a line start reports the marker, not the markup before it (a
        // list number's digits with it, but not the digits of a number: `20XX`)
        let rest = whole
            .as_str()
            .trim_start_matches(|c: char| c.is_whitespace() || "*+-|>.)#".contains(c) || c.is_ascii_digit());
        let markup = &whole.as_str()[..whole.as_str().len() - rest.len()];
        let lead = if markup.ends_with(|c: char| c.is_ascii_digit()) {
            0
        } else {
            markup.len()
        };
        out.push((Span::new(base + whole.start() + lead, base + whole.end()), idx));
    }
}

/// The pack's search over the texts of one file (see [`Pack::scope`]).
struct Scope<'p, 'w> {
    pack: &'p Pack,
    /// The gated patterns whose gate the file holds.
    live: Vec<&'p GatedPattern>,
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
        let read_off = self
            .file
            .as_ref()
            .is_some_and(|f| self.read_off_file(f, text, base, out));
        if !read_off {
            if let Some(ungated) = &self.pack.ungated {
                self.pack.matches_with(ungated, text, base, out);
            }
        }
        for g in &self.live {
            if let Some(regex) = g.regex.get() {
                self.pack.matches_with(regex, text, base, out);
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

/// The patterns `keep` picks (by index and definition), as one alternation with a group
/// `p{index}` per pattern.
fn alternation(defs: &[PatternDef], keep: impl Fn(usize, &PatternDef) -> bool) -> Result<Regex, String> {
    let alternation = alternation_source(defs, keep);
    // one compile (it is most of a one-file run's start-up); on an error, name the pattern
    Regex::new(&alternation).map_err(|e| {
        let bad = defs.iter().find(|d| Regex::new(&d.compiled()).is_err());
        match bad {
            Some(d) => format!("placeholder pattern `{}`: {e}", d.id),
            None => format!("placeholder pack: {e}"),
        }
    })
}

/// The source of [`alternation`].
fn alternation_source(defs: &[PatternDef], keep: impl Fn(usize, &PatternDef) -> bool) -> String {
    let mut alternation = String::new();
    for (i, def) in defs.iter().enumerate().filter(|(i, d)| keep(*i, d)) {
        let pattern = def.compiled();
        if !alternation.is_empty() {
            alternation.push('|');
        }
        alternation.push_str(&format!("(?P<p{i}>{pattern})"));
    }
    alternation
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
    !out.is_empty() || !pack.bracket_slots(text, 0).is_empty()
}

/// Where a match was found, for the message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place<'a> {
    Text,
    FrontMatter(&'a str),
    JsonLd,
    Html,
    CodeSlot,
    /// A link's target: the link's text, and whether the target is empty.
    LinkTarget(&'a str, bool),
}

fn check(ctx: &mut Context) {
    let Ok(pack) = pack() else { return };
    let opts = ctx.options::<Options>();
    let doc = ctx.doc;
    let search = pack.file_scope(&doc.source);
    let brackets = pack.bracket_slots(&doc.source, 0);
    // the bracketed slots inside a span of the file
    let brackets_in = |span: Span| {
        let from = brackets.partition_point(|(s, _)| s.start < span.start);
        brackets[from..]
            .iter()
            .take_while(move |(s, _)| s.end <= span.end)
            .copied()
    };
    let mut found: Vec<(Span, usize, Place)> = Vec::new();
    let mut buf = Vec::new();

    // front matter values
    if let Some(fm) = doc.front_matter.as_ref() {
        for e in fm.entries.iter().filter(|e| e.depth == 0) {
            scan_lines(doc, &search, e.value_span, &mut buf);
            buf.extend(brackets_in(e.value_span));
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
        buf.extend(brackets_in(span));
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
            buf.extend(brackets_in(part));
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

    whole_values(doc, pack, &mut found);

    for (span, idx, place) in settle(found) {
        let text = doc.text(span);
        if opts.ignore.iter().any(|i| i == text) {
            continue;
        }
        let (id, what) = pack.describe(idx);
        let shown = excerpt(text, 60);
        let message = match place {
            Place::Text => format!("unfilled placeholder `{shown}` ({what})"),
            Place::Html => format!("unfilled placeholder `{shown}` in HTML ({what})"),
            Place::FrontMatter(key) => format!("unfilled placeholder `{shown}` in front matter `{key}` ({what})"),
            Place::JsonLd => format!("unfilled placeholder `{shown}` in JSON-LD ({what})"),
            Place::CodeSlot => format!("code block holds only the placeholder `{shown}` ({what})"),
            Place::LinkTarget(_, true) => format!("link `{shown}` has no target ({what})"),
            Place::LinkTarget(link, false) => format!(
                "link \"{}\" points to the placeholder `{shown}` ({what})",
                excerpt(link, 40)
            ),
        };
        let help = match place {
            Place::CodeSlot => "replace the block with a real, working example".to_string(),
            Place::LinkTarget(..) => format!("link to the real page (pattern `{id}` in rules/placeholders.yaml)"),
            _ => format!("replace it with the real content (pattern `{id}` in rules/placeholders.yaml)"),
        };
        let d = ctx.diagnostic(span, message).with_help(help);
        ctx.push(d);
    }
}

/// Matches in file order, each reported once: a match that starts inside an earlier one (the
/// longest of those starting together) is part of it.
fn settle<T>(mut found: Vec<(Span, usize, T)>) -> Vec<(Span, usize, T)> {
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

/// The pack's whole-value patterns over every value they apply to: front matter values and list
/// items, table cells, headings, list items, alt texts and link targets.
fn whole_values<'d>(doc: &'d Document, pack: &Pack, found: &mut Vec<(Span, usize, Place<'d>)>) {
    if pack.values.is_empty() {
        return;
    }
    let mut check = |place: ValuePlace, span: Span, at: Place<'d>| {
        if span.len() > 2 * place.longest() {
            return;
        }
        let span = trimmed(doc, span);
        if let Some(idx) = pack.value_match(place, doc.text(span)) {
            found.push((span, idx, at));
        }
    };
    if let Some(fm) = doc.front_matter.as_ref() {
        for e in fm.entries.iter().filter(|e| e.depth == 0) {
            for item in e.item_spans(&doc.source) {
                check(ValuePlace::FrontMatter, item, Place::FrontMatter(e.key.as_str()));
            }
        }
    }
    for &table in &doc.tables {
        for cell in table_cells(doc, table) {
            if !doc.in_code(cell) {
                check(ValuePlace::TableCell, cell, Place::Text);
            }
        }
    }
    for h in &doc.headings {
        check(ValuePlace::Heading, h.text_span, Place::Text);
    }
    for list in &doc.lists {
        for &item in &list.items {
            let text = doc.text(item);
            // a one-line item: its text after the marker (and a task box)
            if text.trim_end().contains('\n') {
                continue;
            }
            let marker = text.len()
                - text
                    .trim_start()
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches(['-', '*', '+', '.', ')'])
                    .trim_start()
                    .len();
            check(
                ValuePlace::ListItem,
                Span::new(item.start + marker, item.end),
                Place::Text,
            );
        }
    }
    for img in doc.images.iter().filter(|i| !i.hidden) {
        if let Some(alt) = img.alt_span.filter(|s| !s.is_empty()) {
            check(ValuePlace::AltText, alt, Place::Text);
        }
    }
    for link in doc.links.iter().filter(|l| !l.html && !l.hidden && !l.reference) {
        let url = link.url_span.filter(|s| !s.is_empty());
        let target = match url {
            Some(span) => doc.text(span),
            None => link.url.as_str(),
        };
        if let Some(idx) = pack.value_match(ValuePlace::LinkTarget, target) {
            let empty = target.trim().is_empty();
            found.push((
                url.unwrap_or(link.span),
                idx,
                Place::LinkTarget(link.text.as_str(), empty),
            ));
        }
    }
}

/// `span` without the spaces and one pair of quotes around it.
fn trimmed(doc: &Document, span: Span) -> Span {
    let text = doc.text(span);
    let start = span.start + (text.len() - text.trim_start().len());
    let span = Span::new(start, start + text.trim().len());
    crate::document::front_matter::unquoted(&doc.source, span)
}

/// The cells of a table's rows (not its delimiter row): the text between unescaped pipes.
fn table_cells(doc: &Document, table: Span) -> Vec<Span> {
    let mut cells = Vec::new();
    let mut pos = table.start;
    for line in doc.text(table).split_inclusive(['\n', '\r']) {
        let row = line.trim_end();
        let delimiter = row.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        if !delimiter {
            let bytes = row.as_bytes();
            let mut start = 0;
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
                    if i > start || start > 0 {
                        cells.push(Span::new(pos + start, pos + i));
                    }
                    start = i + 1;
                }
            }
            if start < row.len() {
                cells.push(Span::new(pos + start, pos + row.len()));
            }
        }
        pos += line.len();
    }
    cells
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
    if overlaps(&doc.task_markers) || overlaps(&doc.footnote_references) || overlaps(&doc.shortcodes) {
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

    /// The bounds pass over what no value pattern could match whole, and keep every value one
    /// does: unanchored patterns (a URL found inside a link target) bound nothing.
    #[test]
    fn value_bounds_skip_only_what_cannot_match() {
        let pack = pack().expect("pack");
        let admits = |place: ValuePlace, v: &str| {
            (pack.values.iter().zip(&pack.value_bounds)).any(|(d, b)| d.places.contains(&place) && b.admits(v))
        };
        for v in ["TBD", "TK", "XXX", "20XX", "MM/DD/YYYY", "???"] {
            assert!(admits(ValuePlace::TableCell, v), "{v}");
            assert!(pack.value_match(ValuePlace::TableCell, v).is_some(), "{v}");
        }
        assert!(!admits(ValuePlace::Heading, "Grinding the beans for a pour-over"));
        assert!(!admits(ValuePlace::ListItem, "wax"));
        let long_url = format!("https://yourdomain.com/{}", "a".repeat(150));
        assert!(pack.value_match(ValuePlace::LinkTarget, &long_url).is_some());
        assert!(pack.value_match(ValuePlace::LinkTarget, "#").is_some());
        assert!(pack.value_match(ValuePlace::AltText, "Alt text here").is_some());
    }

    #[test]
    fn builtin_pack_compiles() {
        let pack = pack().expect("built-in pack loads");
        assert!(pack.defs.len() >= 8);
        for g in &pack.gated {
            assert!(g.regex.get().is_some(), "{}", g.regex.source);
        }
        assert!(pack.bracket_regex.as_ref().is_some_and(|b| b.get().is_some()));
        for v in &pack.value_each {
            assert!(v.get().is_some(), "{}", v.source);
        }
        assert!(
            pack.whole_file,
            "the ungated patterns can be searched over a whole file"
        );
    }

    /// Matches as the rule reports them.
    fn settled(found: Vec<(Span, usize)>) -> Vec<(Span, usize)> {
        settle(found.into_iter().map(|(s, i)| (s, i, ())).collect())
            .into_iter()
            .map(|(s, i, ())| (s, i))
            .collect()
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
    /// against every pattern searched without gates over each part (the ungated ones as one
    /// alternation, each gated one on its own): a gate that missed a match would hide a
    /// placeholder, a file match read off wrongly would add or move one. `parts` are slices of
    /// `whole`.
    fn assert_gates_agree(pack: &Pack, whole: &str, parts: &[&str]) -> usize {
        let scope = pack.scope(whole);
        let file_scope = pack.file_scope(whole);
        let mut read_off = 0;
        for part in parts {
            let base = part.as_ptr() as usize - whole.as_ptr() as usize;
            let mut expected = Vec::new();
            if let Some(ungated) = &pack.ungated {
                pack.matches_with(ungated, part, base, &mut expected);
            }
            for g in &pack.gated {
                pack.matches_with(g.regex.get().expect("compiles"), part, base, &mut expected);
            }
            let expected = settled(expected);
            let (mut per_text, mut per_file, mut from_file) = (Vec::new(), Vec::new(), Vec::new());
            pack.matches(part, base, &mut per_text);
            scope.matches(part, base, &mut per_file);
            file_scope.matches(part, base, &mut from_file);
            let (per_text, per_file, from_file) = (settled(per_text), settled(per_file), settled(from_file));
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
        assert!(!pack.gated.is_empty(), "the built-in pack has gated patterns");
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
            "goes here",
            "Image",
            "go here",
            "replace me",
            "Replace this text",
            "insert your",
            "$X,XXX",
            "20XX",
            "XX%",
            "(c) 20XX",
            "(link)",
            "{{first_name}}",
            "{{ end }}",
            "<insert",
            "phone>",
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
