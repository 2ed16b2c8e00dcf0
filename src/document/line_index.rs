//! Byte offsets to 1-based line and column (columns count characters), and back from comrak's
//! 1-based byte columns.

use wide::u8x16;

use crate::diagnostic::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; line 1 starts at 0.
    starts: Vec<usize>,
    /// Lines holding only ASCII, where a column is a byte offset: keeps columns O(1) on long lines.
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = Vec::with_capacity(source.len() / 40 + 1);
        let mut ascii = Vec::with_capacity(source.len() / 40 + 1);
        starts.push(0);
        let bytes = source.as_bytes();
        // one pass, 64 bytes at a time: a bit mask of the newlines and one of the non-ASCII
        // bytes (lines average 40-50 bytes: a newline search restarted per line, and a second
        // look at each line for its ASCII flag, cost more than the masks)
        let mut line_ascii = true;
        let mut at = 0;
        while at < bytes.len() {
            let (mut newlines, mut high) = masks(bytes, at);
            while newlines != 0 {
                // every `\n` ends a line: its flag covers its bytes up to the newline
                let bit = newlines.trailing_zeros();
                let through = u64::MAX >> (63 - bit);
                ascii.push(line_ascii && high & through == 0);
                starts.push(at + bit as usize + 1);
                line_ascii = true;
                high &= !through;
                newlines &= newlines - 1;
            }
            line_ascii &= high == 0;
            at += 64;
        }
        // the last line: the text after the last newline (empty after a final newline or in an
        // empty source)
        ascii.push(line_ascii);
        LineIndex {
            starts,
            ascii,
            len: source.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts (clamped to the source).
    pub fn line_start(&self, line: usize) -> usize {
        match line {
            0 => 0,
            l if l > self.starts.len() => self.len,
            l => self.starts[l - 1],
        }
    }

    /// Byte offset where 1-based `line` ends, before its `\n` (and `\r`).
    pub fn line_end(&self, source: &str, line: usize) -> usize {
        let end = if line >= self.starts.len() {
            self.len
        } else {
            self.starts[line].saturating_sub(1)
        };
        let start = self.line_start(line);
        if end > start && source.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end.max(start)
        }
    }

    /// The span of 1-based `line` without its line ending.
    pub fn line_span(&self, source: &str, line: usize) -> Span {
        Span::new(self.line_start(line), self.line_end(source, line))
    }

    /// 1-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based line and character column of a byte offset (clamped to a char boundary).
    pub fn line_col(&self, source: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = if self.ascii.get(line - 1).copied().unwrap_or(false) {
            offset - start + 1
        } else {
            source[start..offset].chars().count() + 1
        };
        LineCol { line, column }
    }
}

/// Bit k of the first mask: byte `at + k` is a newline; of the second: it is not ASCII (0 past
/// the end).
fn masks(b: &[u8], at: usize) -> (u64, u64) {
    let (mut newlines, mut high) = (0u64, 0u64);
    for c in 0..4 {
        let k = at + 16 * c;
        if k >= b.len() {
            break;
        }
        // the tail is padded with NUL: neither a newline nor a non-ASCII byte
        let x = crate::text::load16(b, k);
        newlines |= u64::from(x.simd_eq(u8x16::splat(b'\n')).to_bitmask()) << (16 * c);
        // the top bit of each byte: set for every byte of a non-ASCII character
        high |= u64::from(x.to_bitmask()) << (16 * c);
    }
    (newlines, high)
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    if offset >= source.len() {
        return source.len();
    }
    while offset > 0 && !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary at or above `offset`.
pub fn ceil_char_boundary(source: &str, mut offset: usize) -> usize {
    if offset >= source.len() {
        return source.len();
    }
    while offset < source.len() && !source.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = "ab\nçé x\r\nlast";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, 3), LineCol { line: 2, column: 1 });
        let x = src.find('x').unwrap();
        assert_eq!(idx.line_col(src, x), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_span(src, 2), Span::new(3, x + 1));
        assert_eq!(idx.line_col(src, src.len()), LineCol { line: 3, column: 5 });
        // inside a multi-byte char: clamps down
        assert_eq!(idx.line_col(src, 4), LineCol { line: 2, column: 1 });
    }

    /// The index as lines split at `\n` make it: a start and an ASCII flag per line, the empty
    /// line after a final newline (or of an empty text) included.
    #[test]
    fn the_index_holds_every_line_of_random_text() {
        let reference = |src: &str| {
            let mut starts = vec![0];
            let mut ascii = Vec::new();
            let mut pos = 0;
            for line in src.split_inclusive('\n') {
                pos += line.len();
                ascii.push(line.is_ascii());
                if line.ends_with('\n') {
                    starts.push(pos);
                }
            }
            if ascii.len() < starts.len() {
                ascii.push(true);
            }
            (starts, ascii)
        };
        let mut rng = crate::text::tests::Xorshift(0x1656_67b1_9e37_79f9);
        for len in 0..200 {
            for _ in 0..20 {
                let src = rng.text("ab \n\n\ré€", len);
                let idx = LineIndex::new(&src);
                assert_eq!((idx.starts, idx.ascii), reference(&src), "{src:?}");
            }
        }
    }
}
