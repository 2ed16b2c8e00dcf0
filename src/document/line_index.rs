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
        // one pass, 64 bytes at a time: a bit mask of the line ends and one of the non-ASCII
        // bytes (lines average 40-50 bytes: a newline search restarted per line, and a second
        // look at each line for its ASCII flag, cost more than the masks)
        let mut line_ascii = true;
        let mut at = 0;
        while at < bytes.len() {
            let (lf, cr, mut high) = masks(bytes, at);
            // CommonMark's line ends, as comrak counts them: `\n`, `\r\n` (ending at its `\n`) and
            // a lone `\r`; a `\r` that ends this block pairs with a `\n` that starts the next
            let lf_next = u64::from(bytes.get(at + 64) == Some(&b'\n')) << 63;
            let mut newlines = lf | (cr & !((lf >> 1) | lf_next));
            while newlines != 0 {
                // the flag of a line covers its bytes up to its line end
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
        // the last line: the text after the last line end (empty after a final line end or in an
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

    /// Byte offset where 1-based `line` ends, before its `\n`, `\r\n` or `\r`.
    pub fn line_end(&self, source: &str, line: usize) -> usize {
        let start = self.line_start(line);
        if line >= self.starts.len() {
            return self.len.max(start);
        }
        // the next line starts after this one's line end: its last byte is a `\n` or a `\r`
        let end = self.starts[line].saturating_sub(1);
        let bytes = source.as_bytes();
        if end > start && bytes.get(end) == Some(&b'\n') && bytes.get(end - 1) == Some(&b'\r') {
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

/// Bit k of the first mask: byte `at + k` is a `\n`; of the second: a `\r`; of the third: it is
/// not ASCII (0 past the end).
fn masks(b: &[u8], at: usize) -> (u64, u64, u64) {
    let (mut lf, mut cr, mut high) = (0u64, 0u64, 0u64);
    for c in 0..4 {
        let k = at + 16 * c;
        if k >= b.len() {
            break;
        }
        // the tail is padded with NUL: neither a line end nor a non-ASCII byte
        let x = crate::text::load16(b, k);
        lf |= u64::from(x.simd_eq(u8x16::splat(b'\n')).to_bitmask()) << (16 * c);
        cr |= u64::from(x.simd_eq(u8x16::splat(b'\r')).to_bitmask()) << (16 * c);
        // the top bit of each byte: set for every byte of a non-ASCII character
        high |= u64::from(x.to_bitmask()) << (16 * c);
    }
    (lf, cr, high)
}

/// The line of `text` that starts at `from`: where its content ends and where the next line
/// starts (after its `\n`, `\r\n` or lone `\r`; both `text.len()` on the last line).
pub fn line_at(text: &str, from: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    match memchr::memchr2(b'\n', b'\r', bytes.get(from..).unwrap_or_default()) {
        None => (text.len(), text.len()),
        Some(i) => {
            let end = from + i;
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            (end, end + 1 + usize::from(crlf))
        }
    }
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

    /// The index as CommonMark's line ends make it (`\n`, `\r\n`, a lone `\r`): a start and an
    /// ASCII flag per line, the empty line after a final line end (or of an empty text) included.
    /// Lengths up to 200 put `\r\n` across the 64-byte blocks' edges.
    #[test]
    fn the_index_holds_every_line_of_random_text() {
        let reference = |src: &str| {
            let b = src.as_bytes();
            let mut starts = vec![0];
            let mut ascii = Vec::new();
            let mut line_ascii = true;
            for (i, &c) in b.iter().enumerate() {
                line_ascii &= c.is_ascii();
                if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                    ascii.push(line_ascii);
                    line_ascii = true;
                }
            }
            ascii.push(line_ascii);
            (starts, ascii)
        };
        let mut rng = crate::testing::Xorshift(0x1656_67b1_9e37_79f9);
        for len in 0..200 {
            for _ in 0..20 {
                let src = rng.text("ab \n\n\r\r\né€", len);
                let idx = LineIndex::new(&src);
                assert_eq!((idx.starts, idx.ascii), reference(&src), "{src:?}");
            }
        }
        // a `\r\n` split by a block's edge is one line end; a `\r` ending the text is one
        for (src, starts) in [
            (format!("{}\r\nb", "a".repeat(63)), vec![0, 65]),
            (format!("{}\r\rb", "a".repeat(63)), vec![0, 64, 65]),
            (format!("{}\r", "a".repeat(64)), vec![0, 65]),
        ] {
            assert_eq!(LineIndex::new(&src).starts, starts, "{src:?}");
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let src = "x\r# Title\r\n\r[A]\rlast\r";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 6);
        let texts: Vec<&str> = (1..=6).map(|l| &src[idx.line_start(l)..idx.line_end(src, l)]).collect();
        assert_eq!(texts, ["x", "# Title", "", "[A]", "last", ""]);
        let a = src.find('[').unwrap();
        assert_eq!(idx.line_col(src, a), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_span(src, 2), Span::new(2, 9));
    }
}
