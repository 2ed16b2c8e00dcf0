//! An open document's text and the conversion between seolint's byte offsets and LSP positions,
//! whose character counts are in the encoding the client negotiated (UTF-16 unless it offers
//! UTF-8). Lines end as CommonMark and LSP both say: `\n`, `\r\n` or a lone `\r`.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::diagnostic::Span;
use crate::document::LineIndex;

/// How an LSP position counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no counting needed: a column is a byte offset), else
    /// UTF-16, which every client must support.
    pub fn negotiate(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Encoding {
        let utf8 = offered.is_some_and(|kinds| kinds.contains(&lsp_types::PositionEncodingKind::UTF8));
        if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A document's text with its line index, kept in step with each change.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    lines: LineIndex,
}

impl Text {
    pub fn new(text: String) -> Text {
        let lines = LineIndex::new(&text);
        Text { text, lines }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The LSP position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(saturate(line - 1), saturate(character))
    }

    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        Range::new(self.position(span.start, encoding), self.position(span.end, encoding))
    }

    /// The byte offset of an LSP position. A line past the end is the end of the text; a
    /// character past the end of its line is the line's end (as the spec says); a position
    /// inside a character (half a surrogate pair, a byte inside UTF-8) is that character's start.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize + 1;
        if line > self.lines.line_count() {
            return self.text.len();
        }
        let start = self.lines.line_start(line);
        let end = self.lines.line_end(&self.text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            let next = units + encoding.units(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    pub fn span(&self, range: Range, encoding: Encoding) -> Span {
        let start = self.offset(range.start, encoding);
        let end = self.offset(range.end, encoding).max(start);
        Span::new(start, end)
    }

    /// Apply one change of `textDocument/didChange`: a range replaced, or the whole text.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            Some(range) => {
                let span = self.span(range, encoding);
                self.text.replace_range(span.start..span.end, &change.text);
            }
            None => self.text = change.text,
        }
        self.lines = LineIndex::new(&self.text);
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset.min(self.text.len())) - 1
    }

    /// The span of a 0-based line without its line end.
    pub fn line_span(&self, line: usize) -> Span {
        self.lines.line_span(&self.text, line + 1)
    }

    /// The line end the document uses (its first one), for inserted lines.
    pub fn line_ending(&self) -> &'static str {
        match self.text.find(['\n', '\r']) {
            Some(i) if self.text[i..].starts_with("\r\n") => "\r\n",
            Some(i) if self.text.as_bytes()[i] == b'\r' => "\r",
            _ => "\n",
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The file path of a `file:` URI, percent-decoded; `None` for other schemes (`untitled:`).
pub fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = crate::text::percent_decode_bytes(rest);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/dir/a.md`: the drive letter follows the slash
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let text = match text.as_bytes() {
            [b'/', _, b':', ..] => text[1..].to_string(),
            _ => text,
        };
        Some(PathBuf::from(text))
    }
}

/// The `file:` URI of an absolute path, percent-encoding all but unreserved characters and `/`.
pub fn uri_of(path: &Path) -> Option<lsp_types::Uri> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let s = path.to_string_lossy().replace('\\', "/");
        if s.starts_with('/') { s } else { format!("/{s}") }.into_bytes()
    };
    let mut uri = String::from("file://");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_in_the_negotiated_encoding_and_round_trip() {
        let text = Text::new("a😀b\r\n中文 x\rlast".to_string());
        let x = text.as_str().find('x').expect("x");
        assert_eq!(text.position(x, Encoding::Utf16), Position::new(1, 3));
        assert_eq!(text.position(x, Encoding::Utf8), Position::new(1, 7));
        let b = text.as_str().find('b').expect("b");
        assert_eq!(text.position(b, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(text.position(b, Encoding::Utf8), Position::new(0, 5));
        // every offset but the `\n` inside a `\r\n`, which no position names
        let inside_crlf = |i: usize| text.as_str()[..i].ends_with('\r') && text.as_str()[i..].starts_with('\n');
        for offset in text
            .as_str()
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| !inside_crlf(i))
        {
            for e in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(text.offset(text.position(offset, e), e), offset, "{offset} {e:?}");
            }
        }
        // half a surrogate pair is the emoji's start; past the line's end is the line's end
        assert_eq!(text.offset(Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(text.offset(Position::new(0, 99), Encoding::Utf16), b + 1);
        assert_eq!(text.offset(Position::new(2, 4), Encoding::Utf16), text.as_str().len());
        assert_eq!(text.offset(Position::new(9, 0), Encoding::Utf16), text.as_str().len());
    }

    #[test]
    fn incremental_changes_edit_the_range() {
        let mut text = Text::new("# Title\n\nOne 😀 two\n".to_string());
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(2, 7), Position::new(2, 10))),
            range_length: None,
            text: "three".to_string(),
        };
        text.apply(change, Encoding::Utf16);
        assert_eq!(text.as_str(), "# Title\n\nOne 😀 three\n");
        assert_eq!(text.line_ending(), "\n");
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(path_of("file:///tmp/a%20b.md"), Some(PathBuf::from("/tmp/a b.md")));
        assert_eq!(
            path_of("file://localhost/x/%E4%B8%AD.md"),
            Some(PathBuf::from("/x/中.md"))
        );
        assert_eq!(path_of("untitled:Untitled-1"), None);
        assert_eq!(path_of("file:///a%2"), Some(PathBuf::from("/a%2")));
        let uri = uri_of(Path::new("/tmp/a b/中.md")).expect("a URI");
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%E4%B8%AD.md");
        assert_eq!(path_of(uri.as_str()), Some(PathBuf::from("/tmp/a b/中.md")));
    }
}
