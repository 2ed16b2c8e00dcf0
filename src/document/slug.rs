//! Heading anchors as GitHub makes them (github-slugger): lowercase, drop punctuation except `-`
//! and `_`, spaces to `-`, repeats get `-1`, `-2`.

use std::collections::HashMap;

pub fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' {
            out.push('-');
        } else if c == '-' || c == '_' || c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if is_combining_mark(c) {
            out.push(c);
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Hands out unique slugs in document order, as GitHub does.
#[derive(Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    pub fn slug(&mut self, text: &str) -> String {
        let base = github_slug(text);
        let mut slug = base.clone();
        if let Some(count) = self.seen.get(&base).copied() {
            let mut n = count;
            loop {
                slug = format!("{base}-{n}");
                n += 1;
                if !self.seen.contains_key(&slug) {
                    break;
                }
            }
            self.seen.insert(base, n);
        } else {
            self.seen.insert(base, 1);
        }
        self.seen.entry(slug.clone()).or_insert(1);
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_rules() {
        assert_eq!(
            github_slug("What is Serverless Architecture?"),
            "what-is-serverless-architecture"
        );
        assert_eq!(github_slug("Step-by-Step Setup"), "step-by-step-setup");
        assert_eq!(github_slug("C++ & Rust: a_b"), "c--rust-a_b");
        assert_eq!(github_slug("Über Größe"), "über-größe");
        let mut s = Slugger::default();
        assert_eq!(s.slug("FAQ"), "faq");
        assert_eq!(s.slug("FAQ"), "faq-1");
        assert_eq!(s.slug("FAQ"), "faq-2");
        assert_eq!(s.slug("faq 1"), "faq-1-1");
    }
}
