//! Text measures shared by the rules, as DESIGN section 4 defines them: keyphrase occurrences
//! over UAX #29 words, reading time, and number formatting for messages.

use unicode_segmentation::UnicodeSegmentation;

/// Words per minute for reading time.
pub const WORDS_PER_MINUTE: f64 = 238.0;

/// A keyphrase, lowercased and split into words. It occurs where its words stand as consecutive
/// words, case-insensitive; `'s`/`’s` and a plural `s`/`es` on the last word still match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyphrase {
    pub text: String,
    words: Vec<String>,
}

impl Keyphrase {
    pub fn new(text: &str) -> Option<Keyphrase> {
        let words: Vec<String> = words(text).map(|w| w.to_lowercase()).collect();
        (!words.is_empty()).then(|| Keyphrase {
            text: text.trim().to_string(),
            words,
        })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Start indices of the occurrences in a word sequence (non-overlapping).
    pub fn find_in(&self, seq: &[&str]) -> Vec<usize> {
        let n = self.words.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= seq.len() {
            let hit = (0..n).all(|k| {
                let last = k + 1 == n;
                word_matches(seq[i + k], &self.words[k], last)
            });
            if hit {
                out.push(i);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Does the phrase occur in free text (a title, a slug, an alt text)?
    pub fn occurs_in(&self, text: &str) -> bool {
        let seq: Vec<&str> = words(text).collect();
        !self.find_in(&seq).is_empty()
    }
}

fn word_matches(word: &str, key: &str, last: bool) -> bool {
    // ASCII (the common case): no allocation
    if word.is_ascii() && key.is_ascii() {
        if word.len() == key.len() {
            return word.eq_ignore_ascii_case(key);
        }
        if !last || word.len() < key.len() || !word[..key.len()].eq_ignore_ascii_case(key) {
            return false;
        }
        let rest = &word[key.len()..];
        return ["s", "es", "'s", "s'"].iter().any(|e| rest.eq_ignore_ascii_case(e));
    }
    if eq_lower(word, key) {
        return true;
    }
    let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().next());
    if !last || first(word) != first(key) {
        return false;
    }
    let lower = word.to_lowercase();
    lower
        .strip_prefix(key)
        .is_some_and(|rest| matches!(rest, "s" | "es" | "'s" | "’s" | "s'" | "s’"))
}

fn eq_lower(word: &str, lower: &str) -> bool {
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// UAX #29 words that hold a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    word_indices(text).map(|(_, w)| w)
}

/// UAX #29 words that hold a letter or digit, with their byte offsets. ASCII text (most prose in
/// Latin script, code-free) takes a fast path that applies the same rules; anything else goes
/// through unicode-segmentation.
pub fn word_indices(text: &str) -> Box<dyn Iterator<Item = (usize, &str)> + '_> {
    if text.is_ascii() {
        Box::new(AsciiWords { text, pos: 0 })
    } else {
        Box::new(
            text.unicode_word_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric)),
        )
    }
}

/// UAX #29 word boundaries restricted to ASCII: letters, digits and `_` join (WB5, WB8-WB10,
/// WB13a/b); `'` and `.` join letters to letters and digits to digits (WB6/7, WB11/12); `:` joins
/// letters (MidLetter); `,` and `;` join digits (MidNum).
struct AsciiWords<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.text.as_bytes();
        let n = b.len();
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        loop {
            while self.pos < n && !word(b[self.pos]) {
                self.pos += 1;
            }
            if self.pos >= n {
                return None;
            }
            let start = self.pos;
            let mut i = start;
            while i < n {
                let c = b[i];
                if word(c) {
                    i += 1;
                    continue;
                }
                let (prev, next) = (b[i - 1], b.get(i + 1).copied().unwrap_or(0));
                let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
                let digits = prev.is_ascii_digit() && next.is_ascii_digit();
                let joins = match c {
                    b'\'' | b'.' => letters || digits,
                    b':' => letters,
                    b',' | b';' => digits,
                    _ => false,
                };
                if !joins {
                    break;
                }
                i += 1;
            }
            self.pos = i;
            let w = &self.text[start..i];
            if w.bytes().any(|c| c.is_ascii_alphanumeric()) {
                return Some((start, w));
            }
        }
    }
}

pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// Reading time in whole minutes (at least 1 for any text).
pub fn reading_minutes(words: usize) -> u64 {
    if words == 0 {
        return 0;
    }
    ((words as f64 / WORDS_PER_MINUTE).round() as u64).max(1)
}

/// 4012 -> "4,012".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Decode `%XX` escapes (invalid sequences are kept as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// "1 question", "2 questions", "1,200 words".
pub fn plural(n: f64, word: &str) -> String {
    let s = if n == 1.0 { "" } else { "s" };
    format!("{} {word}{s}", number(n))
}

/// A threshold number as written: 4000 -> "4,000", 1.5 -> "1.5", 1 -> "1".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        thousands(n.abs() as usize)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// "1.0-1.5", "at least 4,000", "at most 3".
pub fn range(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{}-{}", number(a), number(b)),
        (Some(a), None) => format!("at least {}", number(a)),
        (None, Some(b)) => format!("at most {}", number(b)),
        (None, None) => "any".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyphrase_matching() {
        let k = Keyphrase::new("AWS Lambda").unwrap();
        let seq: Vec<&str> = words("Use aws lambda, then AWS Lambda's limits and two AWS Lambdas.").collect();
        assert_eq!(k.find_in(&seq).len(), 3);
        let s = Keyphrase::new("serverless").unwrap();
        assert!(s.occurs_in("ultimate-guide-serverless-architecture"));
        assert!(!s.occurs_in("serverlessness"));
        let box_ = Keyphrase::new("box").unwrap();
        assert!(box_.occurs_in("two boxes"));
        assert!(Keyphrase::new("Größe").unwrap().occurs_in("GRÖSSE größe"));
    }

    #[test]
    fn ascii_fast_path_agrees_with_unicode_segmentation() {
        let samples = [
            "Don't stop: it's 4,000.5 words (e.g. U.S.A.) in snake_case and a:b, 3;4 x.y. end.",
            "a__b _lead trail_ 1_000 x'y' 'quoted' 12'34 ..a.. ,1,2, http://example.com/a-b#c?d=e",
            "[AUTHOR_NAME] YOUR_ANSWER_HERE 3.14.15 v1.2.3-beta+build 0x1F -5 --flag a--b",
        ];
        for s in samples {
            let fast: Vec<(usize, &str)> = AsciiWords { text: s, pos: 0 }.collect();
            let slow: Vec<(usize, &str)> = s
                .unicode_word_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .collect();
            assert_eq!(fast, slow, "{s}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(4012), "4,012");
        assert_eq!(thousands(12), "12");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(4000.0), "4,000");
        assert_eq!(range(Some(1.0), Some(1.5)), "1-1.5");
        assert_eq!(reading_minutes(238 * 4 + 100), 4);
        assert_eq!(reading_minutes(10), 1);
    }
}
