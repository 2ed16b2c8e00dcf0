//! Front matter: split it off the body, parse it (YAML `---` or TOML `+++`), and find the span of
//! every key and value in the text itself, since neither parser reports positions of values.

use crate::diagnostic::Span;
use crate::document::line_index::{line_at, LineIndex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }
}

/// A parsed front matter value, the same shape for YAML and TOML.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    /// A TOML datetime literal, kept as written.
    Datetime(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Datetime(s) => Some(s),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// True for null, an empty or whitespace-only string, an empty list or map.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::List(l) => l.is_empty(),
            Value::Map(m) => m.is_empty(),
            _ => false,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Integer(_) | Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Datetime(_) => "a datetime",
            Value::List(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// One key of the front matter with where it and its value stand in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as written under its parent (`description` under `seo`); a TOML key keeps its
    /// table (`extra.team`). [`FrontMatter::entry`] takes the whole dotted path.
    pub key: String,
    /// The entry this key is nested in (an index into `entries`): a path is kept as links to its
    /// parents, since a copy of every parent's path for each child grows with the square of
    /// the depth.
    pub parent: Option<usize>,
    pub key_span: Span,
    /// The value as written, from after the separator to the end of the value (block values and
    /// quotes included).
    pub value_span: Span,
    /// The value without one pair of surrounding quotes: where a finding about its text points.
    pub text_span: Span,
    /// Nesting depth: 0 for top-level keys.
    pub depth: usize,
}

impl Entry {
    /// Where a finding about the key as a whole points: its value, or the key itself when the
    /// value is empty (`title:`).
    pub fn value_or_key_span(&self) -> Span {
        if self.value_span.is_empty() {
            self.key_span
        } else {
            self.value_span
        }
    }

    /// The values the entry holds, for a check of each: every item of a list (block `- x` or flow
    /// `[x, y]`), else the value itself (none for a value over lines that is no list).
    pub fn item_spans(&self, source: &str) -> Vec<Span> {
        let span = self.value_span;
        let text = source.get(span.start..span.end).unwrap_or("");
        let body = text.trim();
        let at = span.start + (text.len() - text.trim_start().len());
        if let Some(inner) = body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
            // a flow list: split at commas outside quotes
            let mut items = Vec::new();
            let (mut start, mut quote) = (at + 1, None);
            for (i, c) in inner.char_indices() {
                match (c, quote) {
                    ('"' | '\'', None) => quote = Some(c),
                    (c, Some(q)) if c == q => quote = None,
                    (',', None) => {
                        items.push(Span::new(start, at + 1 + i));
                        start = at + 2 + i;
                    }
                    _ => {}
                }
            }
            items.push(Span::new(start, at + 1 + inner.len()));
            return items;
        }
        let mut items = Vec::new();
        let mut pos = span.start;
        for line in text.split_inclusive(['\n', '\r']) {
            if let Some(item) = line.trim_start().strip_prefix("- ") {
                let start = pos + (line.len() - item.len());
                items.push(Span::new(start, start + item.trim_end().len()));
            }
            pos += line.len();
        }
        if items.is_empty() && !body.contains(['\n', '\r']) {
            items.push(span);
        }
        items
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// Where the error is: the line the parser names, else the opening fence.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub format: Format,
    /// The whole block, fences included.
    pub span: Span,
    /// The text between the fences.
    pub content_span: Span,
    /// `None` when the front matter does not parse (see `error`).
    pub value: Option<Value>,
    pub error: Option<SyntaxError>,
    pub entries: Vec<Entry>,
}

impl FrontMatter {
    /// The value at a dotted path (`title`, `seo.description`).
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut value = self.value.as_ref()?;
        if let Some(v) = value.get(path) {
            return Some(v);
        }
        if !path.contains('.') {
            return None; // a plain key, looked up above
        }
        for part in path.split('.') {
            value = value.get(part)?;
        }
        Some(value)
    }

    pub fn get_str(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(Value::as_str)
    }

    /// The entry at a dotted path (`title`, `seo.description`).
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| self.is_at(e, path))
    }

    /// The text span of the value at `path` (see [`Entry::text_span`]); the whole block when the
    /// key cannot be placed in the text (a flow mapping such as `seo: {description: x}`).
    pub fn text_span(&self, path: &str) -> Span {
        self.entry(path).map_or(self.span, |e| e.text_span)
    }

    /// True when `path` is `entry`'s key under its parents' keys, joined with dots.
    fn is_at(&self, entry: &Entry, path: &str) -> bool {
        let (mut entry, mut path) = (entry, path);
        loop {
            let Some(rest) = path.strip_suffix(entry.key.as_str()) else {
                return false;
            };
            let Some(parent) = entry.parent.and_then(|i| self.entries.get(i)) else {
                return rest.is_empty();
            };
            let Some(rest) = rest.strip_suffix('.') else {
                return false;
            };
            (entry, path) = (parent, rest);
        }
    }
}

/// A value span without its surrounding quotes (`"x"` or `'x'`).
pub fn unquoted(source: &str, span: Span) -> Span {
    let t = source.get(span.start..span.end).unwrap_or("");
    let b = t.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// Where the front matter ends and the body starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub format: Format,
    pub span: Span,
    pub content_span: Span,
    /// False when no closing fence was found; then the body is parsed from after the BOM.
    pub closed: bool,
    pub body_start: usize,
}

/// Find a front matter block at `start` (just after an optional BOM).
pub fn split(source: &str, start: usize) -> Option<Split> {
    let rest = &source[start..];
    let (format, fence) = if fence_line(rest, "---").is_some() {
        (Format::Yaml, "---")
    } else if fence_line(rest, "+++").is_some() {
        (Format::Toml, "+++")
    } else {
        return None;
    };
    let first_len = fence_line(rest, fence)?;
    let content_start = start + first_len;
    let mut pos = content_start;
    while pos < source.len() {
        let (content_end, line_end) = line_at(source, pos);
        let trimmed = source[pos..content_end].trim_end();
        if trimmed == fence || (format == Format::Yaml && trimmed == "...") {
            return Some(Split {
                format,
                span: Span::new(start, line_end),
                content_span: Span::new(content_start, pos),
                closed: true,
                body_start: line_end,
            });
        }
        pos = line_end;
    }
    Some(Split {
        format,
        span: Span::new(start, source.len()),
        content_span: Span::new(content_start, source.len()),
        closed: false,
        body_start: start,
    })
}

/// Length of the first line when it is exactly `fence` (trailing spaces allowed).
fn fence_line(text: &str, fence: &str) -> Option<usize> {
    let (content_end, line_end) = line_at(text, 0);
    (text[..content_end].trim_end() == fence).then_some(line_end)
}

/// Parse the block found by `split`.
pub fn parse(source: &str, split: &Split, lines: &LineIndex) -> FrontMatter {
    let content = &source[split.content_span.start..split.content_span.end];
    let mut entries = match split.format {
        Format::Yaml => yaml_entries(content, split.content_span.start),
        Format::Toml => toml_entries(content, split.content_span.start),
    };
    // after the scan, which stretches a block value's span over its lines
    for e in &mut entries {
        e.text_span = unquoted(source, e.value_span);
    }
    let fence_span = lines.line_span(source, lines.line_of(split.span.start));
    let mut fm = FrontMatter {
        format: split.format,
        span: split.span,
        content_span: split.content_span,
        value: None,
        error: None,
        entries,
    };
    if !split.closed {
        fm.error = Some(SyntaxError {
            message: format!(
                "unterminated {} front matter: no closing `{}` line",
                split.format.name(),
                if split.format == Format::Yaml { "---" } else { "+++" }
            ),
            span: fence_span,
        });
        return fm;
    }
    let parsed = match split.format {
        Format::Yaml => parse_yaml(content),
        Format::Toml => parse_toml(content),
    };
    match parsed {
        Ok(value) => fm.value = Some(value),
        Err((message, offset)) => {
            let span = match offset {
                Some(off) => {
                    let abs = (split.content_span.start + off).min(split.content_span.end);
                    let line = lines.line_of(abs);
                    lines.line_span(source, line)
                }
                None => fence_span,
            };
            fm.error = Some(SyntaxError { message, span });
        }
    }
    fm
}

type ParseResult = Result<Value, (String, Option<usize>)>;

fn parse_yaml(content: &str) -> ParseResult {
    if content.trim().is_empty() {
        return Ok(Value::Map(Vec::new()));
    }
    match serde_yaml::from_str::<serde_yaml::Value>(content) {
        Ok(v) => {
            let value = from_yaml(v);
            match value {
                Value::Map(_) => Ok(value),
                Value::Null => Ok(Value::Map(Vec::new())),
                other => Err((
                    format!("front matter must be a mapping of keys, found {}", other.type_name()),
                    Some(0),
                )),
            }
        }
        Err(e) => {
            let offset = e.location().map(|l| l.index());
            Err((first_line(&e.to_string()), offset))
        }
    }
}

fn from_yaml(v: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Integer(i)
            } else {
                Value::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Y::Mapping(map) => Value::Map(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Bool(b) => b.to_string(),
                        Y::Number(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((key, from_yaml(v)))
                })
                .collect(),
        ),
        Y::Tagged(t) => from_yaml(t.value),
    }
}

fn parse_toml(content: &str) -> ParseResult {
    match toml::from_str::<toml::Table>(content) {
        Ok(table) => Ok(from_toml(toml::Value::Table(table))),
        Err(e) => Err((first_line(e.message()), e.span().map(|r| r.start))),
    }
}

fn from_toml(v: toml::Value) -> Value {
    use toml::Value as T;
    match v {
        T::String(s) => Value::String(s),
        T::Integer(i) => Value::Integer(i),
        T::Float(f) => Value::Float(f),
        T::Boolean(b) => Value::Bool(b),
        T::Datetime(d) => Value::Datetime(d.to_string()),
        T::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        T::Table(t) => Value::Map(t.into_iter().map(|(k, v)| (k, from_toml(v))).collect()),
    }
}

fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    // serde_yaml appends " at line N column M"; the span carries that.
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// Iterate lines of `content` as (start offset, line text without line ending).
fn lines_with_offsets(content: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= content.len() {
            return None;
        }
        let (end, next) = line_at(content, pos);
        let start = pos;
        pos = next;
        Some((start, &content[start..end]))
    })
}

/// A key at the start of a YAML line: `key:`, `"key":`, `'key':`. Returns the key text and its
/// byte range in the line, and the offset just past the colon.
fn yaml_key(line: &str) -> Option<(&str, usize, usize, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let first = rest.chars().next()?;
    if matches!(
        first,
        '#' | '-' | '[' | '{' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`'
    ) {
        return None;
    }
    let (key, key_len) = if first == '"' || first == '\'' {
        let close = rest[1..].find(first)? + 1;
        (&rest[1..close], close + 1)
    } else {
        let colon = find_yaml_colon(rest)?;
        (rest[..colon].trim_end(), colon)
    };
    let after = &rest[key_len..];
    let colon_rel = after.find(':')?;
    if !after[..colon_rel].trim().is_empty() {
        return None;
    }
    let past_colon = indent + key_len + colon_rel + 1;
    match line[past_colon..].chars().next() {
        None | Some(' ') | Some('\t') => Some((key, indent, indent + key.len(), past_colon)),
        _ => None,
    }
}

/// The first `:` followed by a space or the line end, outside quotes.
fn find_yaml_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && bytes[i - 1] == b' ' {
            return None;
        }
        if b == b':' && matches!(bytes.get(i + 1), None | Some(b' ') | Some(b'\t')) {
            return Some(i);
        }
    }
    None
}

fn yaml_entries(content: &str, base: usize) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    // Open keys: (indent, index into entries).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for (start, line) in lines_with_offsets(content) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let key = yaml_key(line);
        // A line at or left of an open key's indent closes it (a block list may sit at the key's
        // own indent: `tags:\n- a`).
        while let Some(&(open_indent, _)) = stack.last() {
            let list_item_at_same = indent == open_indent && trimmed.starts_with('-') && key.is_none();
            if indent > open_indent || list_item_at_same {
                break;
            }
            stack.pop();
        }
        let line_end = base + start + line.len();
        for &(_, idx) in &stack {
            entries[idx].value_span.end = line_end;
        }
        let Some((key, k_start, k_end, past_colon)) = key else {
            continue;
        };
        let value_text = &line[past_colon..];
        let lead = value_text.len() - value_text.trim_start().len();
        let v_start = base + start + past_colon + lead;
        let v_end = base + start + past_colon + strip_yaml_comment(value_text).trim_end().len();
        entries.push(Entry {
            key: key.to_string(),
            parent: stack.last().map(|&(_, i)| i),
            key_span: Span::new(base + start + k_start, base + start + k_end),
            value_span: Span::new(v_start, v_end.max(v_start)),
            // set by `parse`, once the value's end is known
            text_span: Span::default(),
            depth: stack.len(),
        });
        stack.push((indent, entries.len() - 1));
    }
    entries
}

/// Cut a ` # comment` off an unquoted YAML value.
fn strip_yaml_comment(value: &str) -> &str {
    let t = value.trim_start();
    if t.starts_with('"') || t.starts_with('\'') {
        return value;
    }
    match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    }
}

fn toml_entries(content: &str, base: usize) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut table = String::new();
    let mut open: Option<usize> = None;
    for (start, line) in lines_with_offsets(content) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let line_end = base + start + line.trim_end().len();
        if trimmed.starts_with('[') && !trimmed.starts_with("[[") && trimmed.ends_with(']') {
            let name = trimmed.trim_start_matches('[').trim_end_matches(']').trim();
            table = name.to_string();
            entries.push(Entry {
                key: table.clone(),
                parent: None,
                key_span: Span::new(base + start + lead, line_end),
                value_span: Span::new(line_end, line_end),
                text_span: Span::default(),
                depth: 0,
            });
            open = Some(entries.len() - 1);
            continue;
        }
        let eq = trimmed.find('=').filter(|&i| {
            let k = trimmed[..i].trim();
            !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.\"' ".contains(c))
        });
        match eq {
            Some(i) => {
                let raw_key = trimmed[..i].trim();
                let key = raw_key.trim_matches(['"', '\'']);
                let path = if table.is_empty() {
                    key.to_string()
                } else {
                    format!("{table}.{key}")
                };
                let k_start = base + start + lead;
                let after = &trimmed[i + 1..];
                let v_lead = after.len() - after.trim_start().len();
                let v_start = base + start + lead + i + 1 + v_lead;
                if let Some(t) = open.filter(|_| !table.is_empty()) {
                    entries[t].value_span.end = line_end;
                }
                entries.push(Entry {
                    key: path,
                    parent: None,
                    key_span: Span::new(k_start, k_start + raw_key.len()),
                    value_span: Span::new(v_start, line_end.max(v_start)),
                    text_span: Span::default(),
                    depth: usize::from(!table.is_empty()),
                });
                open = Some(entries.len() - 1);
            }
            _ => {
                // continuation of a multi-line value
                if let Some(idx) = open {
                    entries[idx].value_span.end = line_end;
                }
            }
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(src: &str) -> FrontMatter {
        let s = split(src, 0).expect("front matter");
        parse(src, &s, &LineIndex::new(src))
    }

    #[test]
    fn yaml_keys_and_values_have_spans() {
        let src = "---\ntitle: \"Hello world\"\ntags:\n  - a\n  - b\nseo:\n  description: x # c\n---\nbody";
        let f = fm(src);
        assert!(f.error.is_none(), "{:?}", f.error);
        let t = f.entry("title").unwrap();
        assert_eq!(&src[t.key_span.start..t.key_span.end], "title");
        assert_eq!(&src[t.value_span.start..t.value_span.end], "\"Hello world\"");
        let tags = f.entry("tags").unwrap();
        assert_eq!(&src[tags.value_span.start..tags.value_span.end], "\n  - a\n  - b");
        let d = f.entry("seo.description").unwrap();
        assert_eq!(&src[d.value_span.start..d.value_span.end], "x");
        assert_eq!(f.get_str("seo.description"), Some("x"));
        assert_eq!(f.get_str("title"), Some("Hello world"));
    }

    #[test]
    fn text_spans_leave_out_quotes_and_empty_values_point_at_their_key() {
        let src = "---\ntitle: \"Hello world\"\nslug: 'a-b'\ndraft:\nseo: {description: x}\n---\n";
        let f = fm(src);
        assert!(f.error.is_none(), "{:?}", f.error);
        let text = |path: &str| &src[f.text_span(path).start..f.text_span(path).end];
        assert_eq!(text("title"), "Hello world");
        assert_eq!(text("slug"), "a-b");
        assert_eq!(text("seo"), "{description: x}");
        // a key the text scan cannot place: the whole block
        assert_eq!(f.get_str("seo.description"), Some("x"));
        assert_eq!(f.text_span("seo.description"), f.span);
        let at = |span: Span| &src[span.start..span.end];
        let draft = f.entry("draft").expect("draft");
        assert_eq!(at(draft.value_or_key_span()), "draft");
        let title = f.entry("title").expect("title");
        assert_eq!(at(title.value_or_key_span()), "\"Hello world\"");

        let src = "+++\ntitle = \"T\"\nslug = 'a-b'\n+++\n";
        let f = fm(src);
        assert_eq!(&src[f.text_span("title").start..f.text_span("title").end], "T");
        assert_eq!(&src[f.text_span("slug").start..f.text_span("slug").end], "a-b");
    }

    #[test]
    fn item_spans_are_a_lists_items_or_the_value() {
        let src = "---\r\ntags:\r\n  - a\r\n  - \"b c\"\r\nflow: [x, \"y, z\", 'w']\r\ntitle: \"T\"\r\n\
            text: |\r\n  one\r\n  two\r\nempty:\r\n---\r\n";
        let f = fm(src);
        assert!(f.error.is_none(), "{:?}", f.error);
        let items = |key: &str| -> Vec<&str> {
            let e = f.entry(key).expect(key);
            e.item_spans(src).into_iter().map(|s| &src[s.start..s.end]).collect()
        };
        assert_eq!(items("tags"), ["a", "\"b c\""]);
        assert_eq!(items("flow"), ["x", " \"y, z\"", " 'w'"]);
        assert_eq!(items("title"), ["\"T\""]);
        assert!(items("text").is_empty());
        assert_eq!(items("empty"), [""]);
    }

    /// The front matter of the article template and block scalars, read as YAML reads them.
    #[test]
    fn yaml_values_are_read_as_yaml_reads_them() {
        let src = "---\ntitle: \"The Ultimate Guide (2026)\"\ndate: \"2026-02-14\"\n\
            tags: [\"serverless\", \"AWS Lambda\", faas]\nslug: 'it''s'\nweight: 10\ndraft: false\n\
            updated: 2024-01-05\nproducts:\n  - azure-blob-storage\n  - \"x\" # note\nempty:\n\
            summary: >-\n  one line\n  two # not a comment\nnext: |\n  a: b\n  - c\n\nlast: >\n   x\n\
            over: one\n  two\n---\n";
        let f = fm(src);
        assert!(f.error.is_none(), "{:?}", f.error);
        let s = |v: &str| Value::String(v.to_string());
        let want = [
            ("title", s("The Ultimate Guide (2026)")),
            ("date", s("2026-02-14")),
            ("tags", Value::List(vec![s("serverless"), s("AWS Lambda"), s("faas")])),
            ("slug", s("it's")),
            ("weight", Value::Integer(10)),
            ("draft", Value::Bool(false)),
            ("updated", s("2024-01-05")),
            ("products", Value::List(vec![s("azure-blob-storage"), s("x")])),
            ("empty", Value::Null),
            ("summary", s("one line two # not a comment")),
            ("next", s("a: b\n- c\n")),
            ("last", s("x\n")),
            ("over", s("one two")),
        ];
        let want: Vec<(String, Value)> = want.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(f.value, Some(Value::Map(want)));
    }

    /// Plain scalars resolve by YAML 1.2's core schema; keys that are not text keep their YAML
    /// spelling, and a key no text can stand for (null, a list) is left out.
    #[test]
    fn yaml_scalars_and_keys_resolve_by_the_core_schema() {
        let s = |v: &str| Value::String(v.to_string());
        for (written, want) in [
            ("hello world", s("hello world")),
            ("007", s("007")),
            ("-3", Value::Integer(-3)),
            ("0", Value::Integer(0)),
            ("9223372036854775807", Value::Integer(i64::MAX)),
            ("0x1F", Value::Integer(31)),
            ("0o17", Value::Integer(15)),
            ("1_000", s("1_000")),
            ("1e5", Value::Float(100000.0)),
            ("-1.5", Value::Float(-1.5)),
            (".inf", Value::Float(f64::INFINITY)),
            ("~", Value::Null),
            ("null", Value::Null),
            ("True", Value::Bool(true)),
            ("yes", s("yes")),
            ("12:30", s("12:30")),
            ("v1.2.3", s("v1.2.3")),
            ("a #b", s("a")),
            ("a#b", s("a#b")),
            ("\"x\\ty\"", s("x\ty")),
            ("!!str 5", s("5")),
        ] {
            let src = format!("---\nk: {written}\n---\n");
            let f = fm(&src);
            assert_eq!(f.get("k"), Some(&want), "{written:?}: {:?}", f.error);
        }
        let f = fm("---\n10: a\ntrue: b\n~: c\n[x]: d\nog:title: e\n---\n");
        let keys: Vec<&str> = match &f.value {
            Some(Value::Map(m)) => m.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(keys, ["10", "true", "og:title"]);
    }

    /// What YAML refuses is a syntax error on the line it names, with serde_yaml's message.
    #[test]
    fn yaml_errors_name_their_line() {
        for (src, message, line) in [
            (
                "---\ntitle: x\ndescription: Everything you need: and more\n---\n",
                "mapping values are not allowed in this context",
                3,
            ),
            // serde_yaml names the mapping's first line, not the second `a`
            ("---\na: b\nA: c\na: d\n---\n", "duplicate entry with key \"a\"", 2),
            (
                "---\n- a\n---\n",
                "front matter must be a mapping of keys, found a list",
                2,
            ),
            // the end of the text: the closing fence
            ("---\na: 'open\n---\n", "found unexpected end of stream", 3),
        ] {
            let f = fm(src);
            let e = f.error.unwrap_or_else(|| panic!("{src:?} parses"));
            assert!(e.message.starts_with(message), "{src:?}: {e:?}");
            assert_eq!(LineIndex::new(src).line_of(e.span.start), line, "{src:?}: {e:?}");
        }
    }

    #[test]
    fn nested_keys_are_found_by_their_path_at_any_depth() {
        let src = "---\npage:\n  seo:\n    description: deep\n  title: t\nseo: x\n---\n";
        let f = fm(src);
        assert!(f.error.is_none(), "{:?}", f.error);
        let d = f.entry("page.seo.description").expect("entry two levels deep");
        assert_eq!(&src[d.key_span.start..d.key_span.end], "description");
        assert_eq!(&src[d.value_span.start..d.value_span.end], "deep");
        assert_eq!(d.depth, 2);
        let t = f.entry("page.title").expect("entry one level deep");
        assert_eq!(&src[t.value_span.start..t.value_span.end], "t");
        let s = f.entry("seo").expect("top-level entry");
        assert_eq!(&src[s.value_span.start..s.value_span.end], "x");
        assert!(f.entry("seo.description").is_none());
        assert!(f.entry("description").is_none());
        assert!(f.entry("age.seo.description").is_none());
    }

    #[test]
    fn deep_nesting_keeps_key_memory_linear() {
        // each level once named every parent's whole path: 2^depth bytes
        let depth = 24;
        let mut src = String::from("---\n");
        for i in 0..depth {
            src.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
        }
        src.push_str(&format!("{}v: x\n---\n", "  ".repeat(depth)));
        let f = fm(&src);
        assert_eq!(f.entries.len(), depth + 1);
        let key_bytes: usize = f.entries.iter().map(|e| e.key.len()).sum();
        assert!(
            key_bytes < src.len(),
            "{key_bytes} bytes of keys for {} of text",
            src.len()
        );
        let path = (0..depth).map(|i| format!("k{i}.")).collect::<String>() + "v";
        let v = f.entry(&path).expect("deepest entry");
        assert_eq!(&src[v.value_span.start..v.value_span.end], "x");
    }

    #[test]
    fn toml_keys_and_tables() {
        let src = "+++\ntitle = \"T\"\nauthors = [\n  \"a\",\n]\n\n[extra]\nteam = \"x\"\n+++\n";
        let f = fm(src);
        assert!(f.error.is_none(), "{:?}", f.error);
        let t = f.entry("title").unwrap();
        assert_eq!(&src[t.value_span.start..t.value_span.end], "\"T\"");
        let a = f.entry("authors").unwrap();
        assert_eq!(&src[a.value_span.start..a.value_span.end], "[\n  \"a\",\n]");
        let team = f.entry("extra.team").unwrap();
        assert_eq!(&src[team.value_span.start..team.value_span.end], "\"x\"");
        assert_eq!(f.get_str("extra.team"), Some("x"));
    }

    #[test]
    fn yaml_error_points_at_its_line() {
        let src = "---\ntitle: ok\ndescription: \"unclosed\nauthor: x\n---\n";
        let f = fm(src);
        let e = f.error.expect("error");
        let lines = LineIndex::new(src);
        assert!(lines.line_of(e.span.start) >= 3, "{e:?}");
    }

    #[test]
    fn unterminated_is_an_error() {
        let src = "---\ntitle: x\n\n# Body\n";
        let s = split(src, 0).unwrap();
        assert!(!s.closed);
        let f = parse(src, &s, &LineIndex::new(src));
        assert!(f.error.unwrap().message.contains("unterminated"));
    }
}
