//! Which front matter keys mean title, description, image, canonical URL, keyword and slug. Real
//! sites use their own names (`short_description`, `seo.description`, `cover_image`, `header_img`,
//! `canonical`); the defaults cover the common ones and config `fields:` replaces them.

use serde::Deserialize;

/// A key or a list of keys, first match wins; dotted paths reach nested keys.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Keys {
    One(String),
    Many(Vec<String>),
}

impl Keys {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Keys::One(k) => vec![k.as_str()],
            Keys::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }

    fn of(keys: &[&str]) -> Keys {
        Keys::Many(keys.iter().map(|k| k.to_string()).collect())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Fields {
    pub title: Keys,
    pub description: Keys,
    pub image: Keys,
    pub canonical_url: Keys,
    pub keyword: Keys,
    pub slug: Keys,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            title: Keys::of(&["title"]),
            description: Keys::of(&[
                "description",
                "meta_description",
                "short_description",
                "seo.description",
            ]),
            image: Keys::of(&["featured_image", "image", "cover_image", "header_img"]),
            canonical_url: Keys::of(&["canonical_url", "canonical"]),
            keyword: Keys::of(&["keyword", "focus_keyword", "focus_keyphrase", "keyphrase", "keywords"]),
            slug: Keys::of(&["slug"]),
        }
    }
}

impl Fields {
    pub fn describe(&self) -> String {
        [
            ("title", &self.title),
            ("description", &self.description),
            ("image", &self.image),
            ("canonical_url", &self.canonical_url),
            ("keyword", &self.keyword),
            ("slug", &self.slug),
        ]
        .iter()
        .map(|(n, k)| format!("{n}=[{}]", k.list().join(", ")))
        .collect::<Vec<_>>()
        .join(" ")
    }
}
