//! Heading anchors as GitHub makes them (github-slugger): lowercase, drop punctuation except `-`
//! and `_`, spaces to `-`, repeats get `-1`, `-2`.

use std::collections::HashMap;

pub fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
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
        use std::collections::hash_map::Entry;
        let (base, count) = match self.seen.entry(github_slug(text)) {
            // a slug not seen before (most): one look-up
            Entry::Vacant(e) => {
                let slug = e.key().clone();
                e.insert(1);
                return slug;
            }
            Entry::Occupied(e) => (e.key().clone(), *e.get()),
        };
        let mut n = count;
        let slug = loop {
            let slug = format!("{base}-{n}");
            n += 1;
            if !self.seen.contains_key(&slug) {
                break slug;
            }
        };
        self.seen.insert(base, n);
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
        assert_eq!(github_slug("\u{212a}elvin \u{130}stanbul"), "kelvin-i\u{307}stanbul");
        let mut s = Slugger::default();
        assert_eq!(s.slug("FAQ"), "faq");
        assert_eq!(s.slug("FAQ"), "faq-1");
        assert_eq!(s.slug("FAQ"), "faq-2");
        assert_eq!(s.slug("faq 1"), "faq-1-1");
    }
}
