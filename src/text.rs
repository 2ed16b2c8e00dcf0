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
    text.unicode_words().filter(|w| w.chars().any(char::is_alphanumeric))
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
