//! Rules across the files of a site: links between them and values they must not share.
pub mod backlinks;
pub mod broken_link;
pub mod duplicate_description;
pub mod duplicate_keyword;
pub mod duplicate_slug;
pub mod duplicate_title;

use std::collections::BTreeMap;

use crate::rules::{excerpt, SiteContext};
use crate::site::{Light, Located};

/// Report every linted file that shares a value with another file of the site (translations of
/// one article excepted), pointing at its own value and naming the other place.
pub fn report_duplicates(ctx: &mut SiteContext, what: &str, pick: fn(&Light) -> Option<&Located>) {
    let site = ctx.site;
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in site.files.iter().enumerate() {
        if let Some(v) = pick(&f.light) {
            let key = v.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            if !key.is_empty() {
                groups.entry(key).or_default().push(i);
            }
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        for &i in members {
            let own = site.translation_key(i);
            let others: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| j != i && site.translation_key(j) != own)
                .collect();
            let Some(&first) = others.first() else { continue };
            let Some(v) = pick(&site.files[i].light) else { continue };
            let other = &site.files[first];
            let line = pick(&other.light).map_or(1, |o| o.line);
            let more = if others.len() > 1 {
                format!(" and {} more", others.len() - 1)
            } else {
                String::new()
            };
            ctx.report(
                i,
                v.span,
                format!(
                    "{what} \"{}\" is also the {what} of {}:{line}{more}",
                    excerpt(&v.text, 60),
                    other.display
                ),
                "give each article its own; pages that share it compete with each other in search",
            );
        }
    }
}
