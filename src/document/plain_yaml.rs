//! A reader for the plain YAML front matter most articles have: top-level `key: value` lines
//! whose values are one-line scalars (plain, single- or double-quoted without escapes), plain
//! scalars over evenly indented lines, one-line flow lists of such scalars, block lists of them,
//! or simple literal and folded block scalars (`|`, `>-`: evenly indented lines, no blank line
//! inside); lines end in LF or CRLF. It reads that subset the way serde_yaml does and returns
//! `None` for anything else (nesting, anchors, tags, other block scalars, escapes, multi-line
//! quoted scalars, numbers other than plain integers, duplicate keys, tabs, unusual characters),
//! which serde_yaml then reads. It exists for speed: libyaml's event loader was ~5% of a lint
//! pass over the corpus.

use super::front_matter::Value;

/// The mapping of `content`, or `None` where it is not plain (see the module doc).
pub fn parse(content: &str) -> Option<Vec<(String, Value)>> {
    if content.contains('\r') {
        // YAML reads a CRLF line end as a line feed; a lone `\r` stays, and is refused
        return parse_lf(&content.replace("\r\n", "\n"));
    }
    parse_lf(content)
}

/// [`parse`] of a text whose lines end in LF.
fn parse_lf(content: &str) -> Option<Vec<(String, Value)>> {
    if !content.chars().all(plain_char) {
        return None;
    }
    let mut map: Vec<(String, Value)> = Vec::new();
    let mut lines = content.split('\n').peekable();
    while let Some(line) = lines.next() {
        if is_blank_or_comment(line) {
            continue;
        }
        // a top-level key at column 0 (an indented line here continues something: its key holds
        // a space and is refused), ending at the first `: ` or at a `:` that ends the line
        // (`og:title: x` is one key)
        let colon = line
            .find(": ")
            .or_else(|| line.len().checked_sub(1).filter(|_| line.ends_with(':')))?;
        let (key, rest) = (&line[..colon], &line[colon + 1..]);
        let key_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':');
        if !key.bytes().all(key_byte) || key.ends_with(':') {
            return None;
        }
        let key = match plain_scalar(key)? {
            Value::String(k) => k,
            _ => return None,
        };
        if !(rest.is_empty() || rest.starts_with(' ')) || map.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let rest = rest.trim_start_matches(' ');
        // the next line is indented text (no list item): it continues a plain scalar
        let continued = lines.peek().is_some_and(|l| {
            let body = l.trim_start_matches(' ');
            body.len() < l.len() && !body.is_empty() && !body.starts_with("- ") && body != "-"
        });
        let value = if rest.is_empty() && continued {
            plain_lines(None, &mut lines)?
        } else if rest.is_empty() || rest.starts_with('#') {
            block_list(&mut lines)?
        } else {
            let value = match rest.as_bytes()[0] {
                b'[' => flow_list(rest)?,
                b'|' | b'>' => block_text(rest, &mut lines)?,
                b'"' | b'\'' => block_scalar(rest)?,
                _ if continued => plain_lines(Some(rest), &mut lines)?,
                _ => block_scalar(rest)?,
            };
            // an indented line after a one-line value would continue it
            if lines
                .peek()
                .is_some_and(|l| !is_blank_or_comment(l) && l.starts_with(' '))
            {
                return None;
            }
            value
        };
        map.push((key, value));
    }
    Some(map)
}

/// Characters the subset takes: printable, no tab, no carriage return (a lone `\r` breaks a
/// line in YAML), no byte-order mark or other line breaks libyaml knows (NEL, LS, PS).
fn plain_char(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{2027}' | '\u{202A}'..='\u{D7FF}' | '\u{E000}'..='\u{FEFE}' | '\u{FF00}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

/// The rest of a line after a value: nothing, or a comment after a space.
fn end_of_line(after: &str) -> Option<()> {
    let t = after.trim_start_matches(' ');
    (t.is_empty() || (t.starts_with('#') && after.starts_with(' '))).then_some(())
}

/// A key with nothing after it: a block list on the following lines, or null.
fn block_list<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>) -> Option<Value> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(&line) = lines.peek() {
        if is_blank_or_comment(line) {
            lines.next();
            continue;
        }
        let body = line.trim_start_matches(' ');
        let depth = line.len() - body.len();
        if !body.starts_with("- ") {
            // the next key ends the list; anything else indented is nesting
            if depth > 0 {
                return None;
            }
            break;
        }
        if *indent.get_or_insert(depth) != depth {
            return None;
        }
        lines.next();
        items.push(block_scalar(body[2..].trim_start_matches(' '))?);
    }
    Some(if items.is_empty() {
        Value::Null
    } else {
        Value::List(items)
    })
}

/// A literal (`|`) or folded (`>`) block scalar whose header is `text`, its lines taken from
/// `lines`: only with clip or strip chomping (`|`, `|-`, `>`, `>-`), lines indented alike, no
/// blank line before, between or (with spaces) after them. Its lines joined by line breaks
/// (literal) or spaces (folded), a line break after them unless stripped.
fn block_text<'a>(text: &str, lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>) -> Option<Value> {
    let folded = text.starts_with('>');
    let header = &text[1..];
    let (strip, after) = match header.strip_prefix('-') {
        Some(after) => (true, after),
        None => (false, header),
    };
    end_of_line(after)?;
    let mut value = String::new();
    let mut indent = None;
    let mut ended = false;
    while let Some(&line) = lines.peek() {
        if line.is_empty() {
            // an empty line ends the text; another text line after it is not simple
            ended = true;
            lines.next();
            continue;
        }
        let body = line.trim_start_matches(' ');
        let depth = line.len() - body.len();
        if depth == 0 {
            break; // the next key
        }
        if ended || body.is_empty() || *indent.get_or_insert(depth) != depth {
            return None;
        }
        if !value.is_empty() {
            value.push(if folded { ' ' } else { '\n' });
        }
        value.push_str(body);
        lines.next();
    }
    if value.is_empty() {
        return None;
    }
    if !strip {
        value.push('\n');
    }
    Some(Value::String(value))
}

/// A one-line scalar in block context (a value, a list item) and nothing after it but a comment.
fn block_scalar(text: &str) -> Option<Value> {
    match text.as_bytes().first()? {
        b'"' | b'\'' => {
            let (value, after) = quoted(text)?;
            end_of_line(after)?;
            Some(Value::String(value))
        }
        _ => plain_scalar(block_plain(text)?),
    }
}

/// A plain scalar over lines: `first` (the text after the key, if any) and the indented lines
/// after it, which YAML folds into one line, joined by spaces. Only lines indented alike, each
/// plain text without a comment (no indicator first, no `: ` or ` #` inside, no `:` at its end),
/// and no blank or comment line among them.
fn plain_lines<'a>(
    first: Option<&str>,
    lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Option<Value> {
    let mut value = String::new();
    if let Some(first) = first {
        value.push_str(plain_line(first)?);
    }
    let mut indent = None;
    while let Some(&line) = lines.peek() {
        let body = line.trim_start_matches(' ');
        let depth = line.len() - body.len();
        if depth == 0 {
            break; // the next key, or a blank line (an indented line after it is refused)
        }
        if *indent.get_or_insert(depth) != depth {
            return None;
        }
        if !value.is_empty() {
            value.push(' ');
        }
        value.push_str(plain_line(body)?);
        lines.next();
    }
    plain_scalar(&value)
}

/// A line of a plain scalar over lines: [`block_plain`], but `None` where the line holds a
/// comment (which would end the scalar).
fn plain_line(text: &str) -> Option<&str> {
    if text.contains(" #") {
        return None;
    }
    block_plain(text)
}

/// A one-line flow list `[a, "b", 'c']` and nothing after it but a comment.
fn flow_list(text: &str) -> Option<Value> {
    let mut items = Vec::new();
    let mut rest = text.strip_prefix('[')?.trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix(']') {
        end_of_line(after)?;
        return Some(Value::List(items));
    }
    loop {
        let after = match rest.as_bytes().first()? {
            b'"' | b'\'' => {
                let (value, after) = quoted(rest)?;
                items.push(Value::String(value));
                after
            }
            _ => {
                let end = rest.find([',', ']'])?;
                let item = rest[..end].trim_end_matches(' ');
                let plain = item
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b" _./+-".contains(&b));
                if item.is_empty() || !plain || !starts_plain(item) {
                    return None;
                }
                items.push(plain_scalar(item)?);
                &rest[end..]
            }
        };
        let after = after.trim_start_matches(' ');
        if let Some(next) = after.strip_prefix(',') {
            rest = next.trim_start_matches(' ');
            // a trailing comma or an empty item: leave it to serde_yaml
            if rest.is_empty() || rest.starts_with([',', ']']) {
                return None;
            }
        } else {
            end_of_line(after.strip_prefix(']')?)?;
            return Some(Value::List(items));
        }
    }
}

/// A quoted scalar on one line without escapes: its value and the text after the closing quote.
fn quoted(text: &str) -> Option<(String, &str)> {
    if let Some(body) = text.strip_prefix('"') {
        let end = body.find(['"', '\\'])?;
        return (body.as_bytes()[end] == b'"').then(|| (body[..end].to_string(), &body[end + 1..]));
    }
    let mut body = text.strip_prefix('\'')?;
    let mut value = String::new();
    loop {
        let end = body.find('\'')?;
        value.push_str(&body[..end]);
        match body[end + 1..].strip_prefix('\'') {
            Some(more) => {
                value.push('\'');
                body = more;
            }
            None => return Some((value, &body[end + 1..])),
        }
    }
}

/// A plain scalar in block context, its comment cut off: `None` where it would be something
/// else (an indicator first, `: ` inside, a `:` at its end).
fn block_plain(text: &str) -> Option<&str> {
    if !starts_plain(text) {
        return None;
    }
    let value = match text.find(" #") {
        Some(i) => &text[..i],
        None => text,
    };
    let value = value.trim_end_matches(' ');
    (!value.contains(": ") && !value.ends_with(':')).then_some(value)
}

/// A plain scalar's first character is no indicator (`-` before anything but a digit, `?` and
/// `:` are refused even where YAML would take them, e.g. `-x`).
fn starts_plain(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b'-') {
        return b.get(1).is_some_and(u8::is_ascii_digit);
    }
    text.chars().next().is_some_and(|c| !"-?:,[]{}#&*!|>'\"%@`".contains(c))
}

/// What serde_yaml makes of a plain scalar: null, a boolean, an integer or a string; `None` for
/// anything that could be a float or an integer out of the plain decimal form.
fn plain_scalar(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let b = s.as_bytes();
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    if !digits.is_empty() && digits.len() <= 18 && digits.iter().all(u8::is_ascii_digit) {
        // `0` and digits without a leading zero are integers; `007` is a string
        if digits == b"0" || digits[0] != b'0' {
            return s.parse().ok().map(Value::Integer);
        }
        return Some(Value::String(s.to_string()));
    }
    // a number is ASCII and starts with a digit, a sign or a dot; past the first character it
    // holds a `-` or `+` only right after an exponent's `e`
    let number_like = match b[0] {
        b'0'..=b'9' | b'+' | b'-' | b'.' => {
            let signs_in_exponent = b
                .windows(2)
                .all(|w| !matches!(w[1], b'-' | b'+') || matches!(w[0], b'e' | b'E'));
            signs_in_exponent
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.' | b'_'))
        }
        _ => false,
    };
    (!number_like).then(|| Value::String(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Xorshift;

    /// serde_yaml's reading of a YAML text, as the front matter parser converts it.
    fn by_serde_yaml(content: &str) -> Result<Value, String> {
        serde_yaml::from_str::<serde_yaml::Value>(content)
            .map(super::super::front_matter::from_yaml)
            .map_err(|e| e.to_string())
    }

    fn agree(content: &str) -> bool {
        let Some(map) = parse(content) else { return false };
        let expected = by_serde_yaml(content);
        let got = Value::Map(map);
        let same = match &expected {
            Ok(Value::Null) => got == Value::Map(Vec::new()),
            Ok(v) => *v == got,
            Err(_) => false,
        };
        assert!(same, "{content:?}: plain reader {got:?}, serde_yaml {expected:?}");
        true
    }

    #[test]
    fn reads_the_template_front_matter() {
        let fm = "title: \"The Ultimate Guide (2026)\"\ndescription: Everything you need: and more\n";
        assert!(parse(fm).is_none(), "`: ` inside a plain value is not plain");
        let fm = "title: \"The Ultimate Guide (2026)\"\ndate: \"2026-02-14\"\ntags: [\"serverless\", \"AWS Lambda\", faas]\nslug: 'it''s'\nweight: 10\ndraft: false\nupdated: 2024-01-05\nproducts:\n  - azure-blob-storage\n  - \"x\" # note\nempty:\n";
        assert!(agree(fm));
        let fm = "summary: >-\n  one line\n  two # not a comment\nnext: |\n  a: b\n  - c\n\nlast: >\n   x\n";
        assert!(agree(fm));
        assert_eq!(
            parse(fm).map(|m| m.into_iter().map(|(_, v)| v).collect::<Vec<_>>()),
            Some(vec![
                Value::String("one line two # not a comment".into()),
                Value::String("a: b\n- c\n".into()),
                Value::String("x\n".into()),
            ])
        );
    }

    #[test]
    fn declines_what_is_not_plain() {
        for fm in [
            "a: 1.5\n",
            "a: -5.5\n",
            "a: -x\n",
            "a: 0x1F\n",
            "a:\n  b: c\n",
            "a: b\n  c: d\n",
            "a: b\n  c\n   d\n",
            "a: b\n  c\n\n  d\n",
            "a: b # c\n  d\n",
            "a:\n  b\n  # c\n",
            "a:\n  b #c\n",
            "a: \"b\"\n  c\n",
            "a: \"x\\ty\"\n",
            "a: &x b\n",
            "a: !!str 5\n",
            "a: |+\n  text\n",
            "a: >2\n  text\n",
            "a: >-\n\n  text\n",
            "a: >-\n  one\n\n  two\n",
            "a: >-\n  one\n    more\n",
            "a: |\n  one\n   \nb: c\n",
            "a: >-\nb: c\n",
            "a: >-x\n  text\n",
            "a: b\nA: c\na: d\n",
            "a: [b, ]\n",
            "a:\tb\n",
            "a: b\r\n\r",
            "a: b\rc: d\n",
            "- a\n",
            "a: b: c\n",
            "a: 'open\n",
        ] {
            assert!(parse(fm).is_none(), "{fm:?}");
        }
    }

    /// Random front matter from plain and unplain pieces: wherever the plain reader answers, it
    /// answers as serde_yaml does (and it answers for a good share of them).
    #[test]
    fn agrees_with_serde_yaml() {
        let keys = [
            "title", "date", "ms.date", "tags", "a-b", "x_1", "null", "true", "10", "e",
        ];
        let values = [
            "",
            " ",
            "hello world",
            "\"quoted: yes\"",
            "'single ''q'''",
            "2024-01-05",
            "12:30",
            "10",
            "007",
            "-3",
            "0",
            "1e5",
            "1_000",
            ".5",
            "inf",
            ".inf",
            "NaN",
            "~",
            "null",
            "True",
            "yes",
            "no",
            "a #b",
            "a#b",
            "[a, b]",
            "[]",
            "[\"x, y\", 'z']",
            "[1, 2.5]",
            "[a b, c/d]",
            "v1.2.3",
            "+1",
            "ü ber",
            "x:y",
            "/path/to",
            "a, b",
            "0o17",
            "1-2",
            "9223372036854775807",
            "123456789012345678",
            "1.",
            "|",
            "|-",
            ">",
            ">-",
            ">- # c",
            "|+",
            "|2",
            "-2026",
            "-0",
            "-007",
            "-1.5",
            "-1e3",
            "-x",
            "- x",
            "words then  ",
        ];
        let extras = [
            "",
            "  line of text\n  - and: more # here\n",
            "  - item\n",
            "- item\n  - deeper\n",
            "  nested: 1\n",
            "# comment\n",
            "\n",
            "  more words\n",
            "  more words\n  and more  \n",
            "  true\n",
            "  -12\n",
            "  12\n  13\n",
            "  ~\n",
            "  a #b\n",
            "  a#b\n",
            "  x:y\n",
            "  [a]\n",
            "  'q'\n",
            "  one\n   two\n",
            "  one\n\n  two\n",
            "  one\n  # c\n",
            "  ü ber\n",
        ];
        let mut rng = Xorshift(0x1234_5678_9ABC_DEF1);
        let mut pick = |n: usize| rng.below(n);
        let mut answered = 0;
        for _ in 0..20_000 {
            let mut fm = String::new();
            for _ in 0..pick(4) + 1 {
                fm.push_str(&format!("{}: {}\n", keys[pick(keys.len())], values[pick(values.len())]));
                fm.push_str(extras[pick(extras.len())]);
            }
            // CRLF line ends in some
            if pick(4) == 0 {
                fm = fm.replace('\n', "\r\n");
            }
            if agree(&fm) {
                answered += 1;
            }
        }
        for v in values {
            if agree(&format!("k: {v}\n")) {
                answered += 1;
            }
        }
        assert!(answered > 1_000, "the plain reader answered {answered} of 20,040");
    }
}
