//! The word scanner: UAX #29 words that hold a letter or digit, with a SIMD fast path for the
//! common scripts, and the word measures built on it (word count, reading time).

use unicode_segmentation::UnicodeSegmentation;
use wide::u8x16;

/// Words per minute for reading time.
pub const WORDS_PER_MINUTE: f64 = 238.0;

/// UAX #29 words that hold a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    word_indices(text).map(|(_, w)| w)
}

/// UAX #29 words that hold a letter or digit, with their byte offsets. Stretches of ASCII and
/// common letters ([`fast_scannable`]: most prose in Latin and Cyrillic script, even beside a
/// curly quote or a dash) take a fast path that applies the same rules; the stretches around
/// other characters go through unicode-segmentation.
pub fn word_indices(text: &str) -> WordIndices<'_> {
    // most texts are fast throughout: one stretch, known without looking for where it ends
    if fast_scannable(text) {
        return WordIndices {
            text,
            pos: text.len(),
            base: 0,
            cur: Segment::Fast(FastWords::new(text)),
        };
    }
    WordIndices {
        text,
        pos: 0,
        base: 0,
        cur: Segment::Done,
    }
}

/// The words of a text (see [`word_indices`]); no allocation.
///
/// ASCII whitespace always separates words, so the text is cut there into stretches: a stretch
/// of ASCII and [`fast_letter`]s goes to the fast scanner, and a stretch holding another
/// character goes to unicode-segmentation together with the whitespace before it (a combining
/// mark after a space belongs to the space, as in the whole text).
pub struct WordIndices<'a> {
    text: &'a str,
    /// Start of the text not yet handed to a segment: 0 or an ASCII whitespace byte.
    pos: usize,
    /// Where the current segment starts in `text`.
    base: usize,
    cur: Segment<'a>,
}

enum Segment<'a> {
    Done,
    Fast(FastWords<'a>),
    Unicode(unicode_segmentation::UnicodeWordIndices<'a>),
}

impl<'a> Iterator for WordIndices<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        // the common case, kept small enough to inline: the next word of a fast stretch
        if let Segment::Fast(a) = &mut self.cur {
            if let Some((i, w)) = a.next() {
                return Some((self.base + i, w));
            }
        }
        self.next_segment()
    }
}

impl<'a> WordIndices<'a> {
    /// The next word from a Unicode stretch, or from the stretches after the current one.
    #[inline(never)]
    fn next_segment(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let found = match &mut self.cur {
                Segment::Fast(a) => a.next(),
                Segment::Unicode(u) => u.find(|(_, w)| w.chars().any(char::is_alphanumeric)),
                Segment::Done => None,
            };
            if let Some((i, w)) = found {
                return Some((self.base + i, w));
            }
            let b = self.text.as_bytes();
            let n = b.len();
            if self.pos >= n {
                self.cur = Segment::Done;
                return None;
            }
            let pos = self.pos;
            let ws = |c: &u8| c.is_ascii_whitespace();
            let Some(k) = first_slow(&b[pos..]).map(|k| pos + k) else {
                self.start_fast(pos, n);
                continue;
            };
            match b[pos..k].iter().rposition(ws).map(|w| pos + w) {
                Some(w) if w > pos => self.start_fast(pos, w),
                _ => {
                    let end = b[k..].iter().position(ws).map_or(n, |e| k + e);
                    self.base = pos;
                    self.pos = end;
                    self.cur = Segment::Unicode(self.text[pos..end].unicode_word_indices());
                }
            }
        }
    }
}

impl WordIndices<'_> {
    fn start_fast(&mut self, from: usize, to: usize) {
        self.base = from;
        self.pos = to;
        self.cur = Segment::Fast(FastWords::new(&self.text[from..to]));
    }
}

/// Where `b`'s first non-ASCII byte is: 16 bytes at a time (their high bits), not byte by byte.
fn first_non_ascii(b: &[u8]) -> Option<usize> {
    (0..b.len()).step_by(16).find_map(|k| {
        // past the end the load is padded with NUL, which is ASCII
        let high = load16(b, k).to_bitmask();
        (high != 0).then(|| k + high.trailing_zeros() as usize)
    })
}

/// Is the two-byte UTF-8 character `lead cont` a letter the fast scanner knows: the Latin-1
/// Supplement and Latin Extended-A/B letters (U+00C0-U+024F but `×` and `÷`), and the Cyrillic
/// letters (U+0400-U+04FF but U+0482-U+0489)? UAX #29 gives each the class ALetter, as it does
/// ASCII letters (a test checks every one against unicode-segmentation).
#[inline(always)]
const fn fast_letter(lead: u8, cont: u8) -> bool {
    match lead {
        0xC3 => cont != 0x97 && cont != 0xB7,
        0xC4..=0xC8 | 0xD0 | 0xD1 | 0xD3 => true,
        0xC9 => cont <= 0x8F,
        0xD2 => !matches!(cont, 0x82..=0x89),
        _ => false,
    }
}

/// Where `b`'s first byte is that starts a character the fast scanner does not know (neither
/// ASCII nor a [`fast_letter`]); `b` holds whole UTF-8 characters.
fn first_slow(b: &[u8]) -> Option<usize> {
    let mut i = first_non_ascii(b)?;
    while let Some(&lead) = b.get(i) {
        if lead.is_ascii() {
            // ASCII again: on to the next non-ASCII byte, 16 bytes at a time
            i += first_non_ascii(&b[i..])?;
        } else if b.get(i + 1).is_some_and(|&cont| fast_letter(lead, cont)) {
            // the letters of a word follow each other: no search between them
            i += 2;
        } else {
            return Some(i);
        }
    }
    None
}

/// Can the fast scanner take all of `text`: is every character ASCII or a [`fast_letter`]?
pub(crate) fn fast_scannable(text: &str) -> bool {
    // most texts are ASCII: std's check reads them a word at a time
    text.is_ascii() || first_slow(text.as_bytes()).is_none()
}

/// Byte classes for the fast word scanner. A byte from 0x80 up is part of a letter: the scanner
/// only sees text whose non-ASCII characters are all [`fast_letter`]s.
const WORD: u8 = 1; // letter, digit, `_`: joins
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || !b.is_ascii() {
            t[c] = WORD | ALPHA;
        } else if b.is_ascii_digit() {
            t[c] = WORD | DIGIT;
        } else if b == b'_' {
            t[c] = WORD;
        }
        c += 1;
    }
    t
};
/// What a punctuation byte joins when both its neighbours have the class: `'` and `.` join
/// letters to letters and digits to digits, `:` letters, `,` and `;` digits.
static JOIN: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\'' as usize] = ALPHA | DIGIT;
    t[b'.' as usize] = ALPHA | DIGIT;
    t[b':' as usize] = ALPHA;
    t[b',' as usize] = DIGIT;
    t[b';' as usize] = DIGIT;
    t
};

/// UAX #29 word boundaries restricted to ASCII and the [`fast_letter`]s: letters, digits and `_`
/// join (WB5, WB8-WB10, WB13a/b); `'` and `.` join letters to letters and digits to digits
/// (WB6/7, WB11/12); `:` joins letters (MidLetter); `,` and `;` join digits (MidNum).
pub struct FastWords<'a> {
    text: &'a str,
    scanner: WordScanner<'a>,
}

impl<'a> FastWords<'a> {
    fn new(text: &'a str) -> Self {
        debug_assert!(fast_scannable(text));
        FastWords {
            text,
            scanner: WordScanner::new(text.as_bytes()),
        }
    }
}

impl<'a> Iterator for FastWords<'a> {
    type Item = (usize, &'a str);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let (start, end) = self.scanner.next()?;
        // a word starts and ends at character boundaries: every byte of a letter is a word byte
        Some((start, self.text.get(start..end)?))
    }
}

/// The words of a text as byte ranges `(start, end)`, handed to `f` in order: the same words as
/// [`word_indices`], without the iterator's stretches and text slicing (the walker's path for
/// most prose). A [`fast_scannable`] text is scanned as it is; a text whose other characters
/// are all typographic punctuation ([`stand_in`]) is scanned as a copy in `scratch` with an
/// ASCII stand-in for each, the offsets mapped back. Any other character: `false`, and `f` is
/// not called (the caller takes [`word_indices`]).
pub fn fast_word_bounds(text: &str, scratch: &mut AsciiCopy, mut f: impl FnMut(usize, usize)) -> bool {
    let b = text.as_bytes();
    // most texts are ASCII: std's check reads them a word at a time
    let Some(slow) = (!text.is_ascii()).then(|| first_slow(b)).flatten() else {
        for (start, end) in WordScanner::new(b) {
            f(start, end);
        }
        return true;
    };
    if !scratch.fill(b, slow) {
        return false;
    }
    // a word neither starts nor ends with a stand-in (a joiner is inside a word, a separator
    // outside every word), so each end moves by the stand-ins before it
    let shifts = &scratch.shifts;
    let mut passed = 0;
    let mut original = |at: usize| {
        while shifts.get(passed).is_some_and(|&(q, _)| q < at) {
            passed += 1;
        }
        at + passed.checked_sub(1).map_or(0, |k| shifts[k].1)
    };
    for (start, end) in WordScanner::new(&scratch.bytes) {
        let start = original(start);
        f(start, original(end));
    }
    true
}

/// The ASCII stand-in for the typographic punctuation at `b[i..]`, and its length: the curly
/// single quotes become `'` (UAX #29 gives both MidNumLet: they join letters to letters and
/// digits to digits); the curly double quotes, the en and em dashes, the ellipsis, the no-break
/// space and the guillemets become `!` (all of class Other: they separate words).
fn stand_in(b: &[u8], i: usize) -> Option<(usize, u8)> {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(0xE2), Some(0x80), Some(0x98 | 0x99)) => Some((3, b'\'')),
        (Some(0xE2), Some(0x80), Some(0x93 | 0x94 | 0x9C | 0x9D | 0xA6)) => Some((3, b'!')),
        (Some(0xC2), Some(0xA0 | 0xAB | 0xBB), _) => Some((2, b'!')),
        _ => None,
    }
}

/// A text's copy with an ASCII [`stand_in`] for each typographic punctuation character, for
/// [`fast_word_bounds`]; kept by its caller so that the buffers are reused from text to text.
#[derive(Debug, Default)]
pub struct AsciiCopy {
    bytes: Vec<u8>,
    /// Each stand-in's offset in `bytes`, and the bytes all stand-ins up to it saved.
    shifts: Vec<(usize, usize)>,
}

impl AsciiCopy {
    /// Copy `b` (whose first [`first_slow`] character is at `slow`) with stand-ins; `false` when
    /// it holds a character that has none.
    fn fill(&mut self, b: &[u8], slow: usize) -> bool {
        self.bytes.clear();
        self.shifts.clear();
        self.bytes.extend_from_slice(&b[..slow]);
        let mut i = slow;
        let mut saved = 0;
        while let Some(&lead) = b.get(i) {
            let len = if lead.is_ascii() {
                first_non_ascii(&b[i..]).unwrap_or(b.len() - i)
            } else if b.get(i + 1).is_some_and(|&cont| fast_letter(lead, cont)) {
                2
            } else {
                let Some((len, ascii)) = stand_in(b, i) else {
                    return false;
                };
                saved += len - 1;
                self.shifts.push((self.bytes.len(), saved));
                self.bytes.push(ascii);
                i += len;
                continue;
            };
            self.bytes.extend_from_slice(&b[i..i + len]);
            i += len;
        }
        true
    }
}

/// The words of a [`fast_scannable`] text's bytes as byte ranges. The bytes are classified 64 at
/// a time, 16 at once by SIMD compares, into a bit mask of the bytes that belong to words (word
/// bytes, and joiners between two bytes of the kind they join); a word is a run of set bits,
/// found with two bit scans. Words average about five bytes, so a byte-by-byte loop spent most
/// of its time on the tests at each word's ends.
struct WordScanner<'a> {
    b: &'a [u8],
    /// Start of the 64-byte block whose mask `member` holds.
    at: usize,
    /// Bit k: byte `at + k` belongs to a word and is not handed out yet (0 past the end).
    member: u64,
    /// The start of a word that runs past the block.
    open: Option<usize>,
}

impl<'a> WordScanner<'a> {
    fn new(b: &'a [u8]) -> Self {
        WordScanner {
            b,
            at: 0,
            member: word_mask(b, 0),
            open: None,
        }
    }
}

impl Iterator for WordScanner<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            let (start, end) = if self.member == 0 {
                // the next block; a word that ran to the end of this one goes on into it
                self.at += 64;
                if self.at >= self.b.len() {
                    let start = self.open.take()?;
                    (start, self.b.len())
                } else {
                    self.member = word_mask(self.b, self.at);
                    let Some(start) = self.open else { continue };
                    let ones = self.member.trailing_ones();
                    if ones == 64 {
                        self.member = 0;
                        continue;
                    }
                    self.open = None;
                    self.member &= u64::MAX << ones;
                    (start, self.at + ones as usize)
                }
            } else {
                let from = self.member.trailing_zeros();
                let run = (self.member >> from).trailing_ones();
                if from + run == 64 {
                    self.open = Some(self.at + from as usize);
                    self.member = 0;
                    continue;
                }
                self.member &= u64::MAX << (from + run);
                (self.at + from as usize, self.at + (from + run) as usize)
            };
            if holds_alnum(self.b, start, end) {
                return Some((start, end));
            }
        }
    }
}

/// Bit k: byte `at + k` of `b` belongs to a word (0 past the end).
#[inline(never)]
fn word_mask(b: &[u8], at: usize) -> u64 {
    let n = b.len();
    let mut word = 0u64;
    let mut joiners = 0u64;
    for c in 0..4 {
        let k = at + 16 * c;
        if k >= n {
            break;
        }
        // the text's tail is padded with NUL: not a word byte nor a joiner
        let (w, j) = classify(load16(b, k));
        word |= u64::from(w) << (16 * c);
        joiners |= u64::from(j) << (16 * c);
    }
    // a joiner belongs to the word when both its neighbours have the class it joins (they
    // may lie in the blocks either side)
    let class = |i: usize| b.get(i).map_or(0, |&c| CLASS[c as usize]);
    while joiners != 0 {
        let bit = joiners.trailing_zeros() as usize;
        joiners &= joiners - 1;
        let i = at + bit;
        if i > 0 && class(i - 1) & class(i + 1) & JOIN[b[i] as usize] != 0 {
            word |= 1 << bit;
        }
    }
    word
}

/// Does the run `start..end` of word bytes hold a letter or digit? A run of `_` alone is not a
/// word. Joiners join letters or digits only, so only a run that starts with `_` may lack one.
#[inline(always)]
fn holds_alnum(b: &[u8], start: usize, end: usize) -> bool {
    b.get(start) != Some(&b'_') || b[start..end].iter().any(|&c| CLASS[c as usize] & (ALPHA | DIGIT) != 0)
}

/// The 16 bytes of `b` from `k` (`k < b.len()`), padded with NUL past its end: the SIMD scans'
/// load.
#[inline(always)]
pub(crate) fn load16(b: &[u8], k: usize) -> u8x16 {
    match b.get(k..k + 16).and_then(|s| <[u8; 16]>::try_from(s).ok()) {
        Some(chunk) => u8x16::from(chunk),
        None => {
            let mut chunk = [0u8; 16];
            let tail = b.get(k..).unwrap_or_default();
            chunk[..tail.len()].copy_from_slice(tail);
            u8x16::from(chunk)
        }
    }
}

/// Bit k of the first mask: byte k is a letter, digit or `_` (a byte from 0x80 up is part of a
/// [`fast_letter`]); of the second: a joiner.
#[inline(always)]
fn classify(x: u8x16) -> (u32, u32) {
    let splat = u8x16::splat;
    // `x` is within `lo..=hi` when max(x, lo) and min(x, hi) both leave it unchanged
    let within = |x: u8x16, lo: u8, hi: u8| x.max(splat(lo)).simd_eq(x) & x.min(splat(hi)).simd_eq(x);
    let lower = x | splat(0x20);
    let word = within(lower, b'a', b'z') | within(x, b'0', b'9') | x.simd_eq(splat(b'_'));
    let joiner = x.simd_eq(splat(b'\''))
        | x.simd_eq(splat(b'.'))
        | x.simd_eq(splat(b':'))
        | x.simd_eq(splat(b','))
        | x.simd_eq(splat(b';'));
    (word.to_bitmask() | x.to_bitmask(), joiner.to_bitmask())
}

/// Reading time in whole minutes (at least 1 for any text).
pub fn reading_minutes(words: usize) -> u64 {
    if words == 0 {
        return 0;
    }
    ((words as f64 / WORDS_PER_MINUTE).round() as u64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Xorshift;

    /// The words unicode-segmentation finds (those with a letter or digit): what the scanners
    /// must give.
    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .collect()
    }

    /// The walker's scanner's words, `None` where it leaves the text to `word_indices` (and then
    /// it has handed out none).
    fn scanned<'t>(text: &'t str, scratch: &mut AsciiCopy) -> Option<Vec<(usize, &'t str)>> {
        let mut walked = Vec::new();
        let taken = fast_word_bounds(text, scratch, |a, b| walked.push((a, &text[a..b])));
        assert!(taken || walked.is_empty(), "{text:?}");
        taken.then_some(walked)
    }

    #[test]
    fn ascii_fast_path_agrees_with_unicode_segmentation() {
        let samples = [
            "Don't stop: it's 4,000.5 words (e.g. U.S.A.) in snake_case and a:b, 3;4 x.y. end.",
            "a__b _lead trail_ 1_000 x'y' 'quoted' 12'34 ..a.. ,1,2, http://example.com/a-b#c?d=e",
            "[AUTHOR_NAME] YOUR_ANSWER_HERE 3.14.15 v1.2.3-beta+build 0x1F -5 --flag a--b",
        ];
        for s in samples {
            let fast: Vec<(usize, &str)> = FastWords::new(s).collect();
            let slow = reference(s);
            assert_eq!(fast, slow, "{s}");
        }
    }

    #[test]
    fn ascii_scanner_agrees_with_unicode_segmentation_on_random_text() {
        // joiners next to letters, digits, `_`, each other, the ends of the text and the scanner's
        // 64-byte blocks; and words longer than a block
        let mut rng = Xorshift(0x2545_f491_4f6c_dd1d);
        for alphabet in ["ab Z09_'.:,;-  \n\tx1", "abcdefghijklmnopqrstuvwxyz_0.' "] {
            for len in (0..300).step_by(3) {
                for _ in 0..20 {
                    let text = rng.text(alphabet, len);
                    let slow = reference(&text);
                    let fast: Vec<(usize, &str)> = FastWords::new(&text).collect();
                    assert_eq!(fast, slow, "{text:?}");
                    assert_eq!(scanned(&text, &mut AsciiCopy::default()), Some(slow), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn fast_letters_segment_as_unicode_segmentation_does() {
        // every two-byte character in every place a letter, digit, `_`, joiner or quote can put
        // it: the fast scanner's letters must be what UAX #29 calls ALetter, and the rest must
        // keep their texts off the fast path
        let templates = [
            "x", "axa", "xx", "x.x", "x'x", "x:x", "x,x", "x;x", "1x", "x1", "1.x", "x.1", "_x", "x_", "x x", "a.x",
            "x.a", "a:x", "x:a", "x'", "'x", "x\"x", "x\"", "x-x", "x...x", "x'a'x", "1,x,1",
        ];
        let mut fast = 0;
        let mut scratch = AsciiCopy::default();
        for c in (0x80..0x800).filter_map(char::from_u32) {
            let c = c.to_string();
            let b = c.as_bytes();
            let letter = fast_letter(b[0], b[1]);
            assert_eq!(fast_scannable(&c), letter, "{c:?}");
            fast += usize::from(letter);
            let typographic = stand_in(b, 0).is_some_and(|(len, _)| len == b.len());
            for t in templates {
                let text = t.replace('x', &c);
                let slow = reference(&text);
                assert_eq!(word_indices(&text).collect::<Vec<_>>(), slow, "{text:?}");
                // the scanner takes the text, or leaves it whole to `word_indices`
                let expected = (letter || typographic).then_some(slow);
                assert_eq!(scanned(&text, &mut scratch), expected, "{text:?}");
            }
        }
        // U+00C0-U+024F less two, U+0400-U+04FF less eight
        assert_eq!(fast, (0x250 - 0xC0 - 2) + (0x500 - 0x400 - 8));
    }

    #[test]
    fn typographic_punctuation_scans_as_its_stand_in() {
        // curly quotes, dashes, ellipses, no-break spaces and guillemets beside letters, digits,
        // joiners and each other, across the scanner's 64-byte blocks; a stranger character
        // leaves the text to `word_indices`
        let mut rng = Xorshift(0x1F83_D9AB_FB41_BD6B);
        let mut scratch = AsciiCopy::default();
        let mut taken = 0;
        for len in 0..200 {
            for _ in 0..20 {
                let text = rng.text("ab Z09_'.:,;’‘“”—–…\u{a0}«»éж \n", len);
                let text = if len % 7 == 3 { format!("{text}\u{301}x") } else { text };
                match scanned(&text, &mut scratch) {
                    Some(walked) => {
                        assert_eq!(walked, reference(&text), "{text:?}");
                        taken += 1;
                    }
                    None => assert!(text.contains('\u{301}'), "{text:?}"),
                }
            }
        }
        assert!(taken > 3000, "{taken}");
        for (text, words) in [
            (
                "don’t ‘stop’ — it’s 4’000… «fine»",
                vec!["don’t", "stop", "it’s", "4’000", "fine"],
            ),
            ("a\u{a0}b“c”d–e", vec!["a", "b", "c", "d", "e"]),
        ] {
            let walked = scanned(text, &mut scratch).map(|w| w.into_iter().map(|(_, w)| w).collect::<Vec<_>>());
            assert_eq!(walked, Some(words));
        }
    }

    #[test]
    fn mixed_text_agrees_with_unicode_segmentation() {
        let samples = [
            "It’s “quoted” — and naïve café-goers’ 4,000.5 words, e.g. U.S.A. ok",
            "Größe über 12 Äpfel; 東京 is Tokyo, 東京タワー and ไทย text",
            " \u{0301}abc x \u{093E}def \u{200d}g\u{00a0}h\ti\nj  k",
            "ascii only then é",
            "é",
            "",
            "a\u{2019}s don’t won't ’tis",
            "Это тест: 4,5 слова, т.е. «цитата» — и Straße's Größe; Ärger_über ñandú",
            "ÿ×Ā÷ž ɏɐ ЀҁҊ҂ӿԀ",
        ];
        // and random text: ASCII stretches between non-ASCII ones, across the 64-byte blocks
        let mut rng = Xorshift(0x94D0_49BB_1331_11EB);
        let random: Vec<String> = (0..3000)
            .map(|i| rng.text("ab Z09_'.:,é’ —\u{301}東 \n\u{a0}xжҊ×ɏ", i % 150))
            .collect();
        let mut scratch = AsciiCopy::default();
        for s in samples.into_iter().chain(random.iter().map(String::as_str)) {
            let fast: Vec<(usize, &str)> = word_indices(s).collect();
            let slow = reference(s);
            // the walker's scanner too, where it takes the text
            if let Some(walked) = scanned(s, &mut scratch) {
                assert_eq!(walked, slow, "{s:?}");
            }
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(238 * 4 + 100), 4);
        assert_eq!(reading_minutes(10), 1);
    }
}
