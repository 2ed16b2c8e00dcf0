//! Rules across the files of a site: links between them and values they must not share.
pub mod backlinks;
pub mod broken_link;
pub mod duplicate_description;
pub mod duplicate_keyword;
pub mod duplicate_slug;
pub mod duplicate_title;

use crate::diagnostic::{excerpt, Span};
use crate::rules::SiteContext;
use std::collections::HashMap;

use crate::site::{Located, PageValues, Site};

/// Report every linted file that shares a value with another file of its site (translations of
/// one article excepted), pointing at its own value and naming the other place. Files of
/// different sites in one run (see [`crate::generator::Folder::is_site_root`]) are never compared.
pub fn report_duplicates(ctx: &mut SiteContext, what: &str, pick: fn(&PageValues) -> Option<Located<'_>>) {
    let site = ctx.site;
    let value = |i: usize| {
        let v = pick(site.files[i].values())?;
        let key = v.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        (!key.is_empty()).then(|| format!("{}\u{0}{key}", site.files[i].site))
    };
    // file by file, in the site's order (findings are handed on as the rule moves to the next)
    let groups = shared(site.files.len(), value, crate::site::key);
    let mut group_of: Vec<Option<usize>> = vec![None; site.files.len()];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of[i] = Some(g);
        }
    }
    let mut peers: Vec<Option<Peers>> = groups.iter().map(|_| None).collect();
    for (i, g) in group_of.into_iter().enumerate() {
        if let Some(g) = g {
            let peers = peers[g].get_or_insert_with(|| Peers::of(site, &groups[g]));
            report_member(ctx, what, pick, peers, i);
        }
    }
}

/// A group of files that share a value, with what each member needs to know about the others
/// (found once for the group, not once a member: a group can be the whole site).
struct Peers {
    members: Vec<usize>,
    /// Each member's article and language (see [`Site::translation`]), in member order.
    versions: Vec<(String, Option<String>)>,
    /// Members by article.
    by_article: HashMap<String, usize>,
    /// Members by article and language.
    by_version: HashMap<(String, Option<String>), usize>,
    /// Position in the group of each member.
    position: HashMap<usize, usize>,
}

impl Peers {
    fn of(site: &Site, members: &[usize]) -> Peers {
        let versions: Vec<(String, Option<String>)> = members.iter().map(|&i| site.translation(i)).collect();
        let mut by_article = HashMap::new();
        let mut by_version = HashMap::new();
        for v in &versions {
            *by_article.entry(v.0.clone()).or_insert(0) += 1;
            *by_version.entry(v.clone()).or_insert(0) += 1;
        }
        Peers {
            members: members.to_vec(),
            position: members.iter().enumerate().map(|(p, &i)| (i, p)).collect(),
            versions,
            by_article,
            by_version,
        }
    }

    /// Whether the members at positions `a` and `b` are one article in two languages.
    fn translations(&self, a: usize, b: usize) -> bool {
        self.versions[a].0 == self.versions[b].0 && self.versions[a].1 != self.versions[b].1
    }

    /// The members that are neither file `i` nor a translation of it: the first, and how many.
    fn others(&self, i: usize) -> Option<(usize, usize)> {
        let own = *self.position.get(&i)?;
        let version = &self.versions[own];
        let translations =
            self.by_article.get(&version.0).copied().unwrap_or(0) - self.by_version.get(version).copied().unwrap_or(0);
        let n = self.members.len() - 1 - translations;
        // what is skipped is this file and its translations: a few at most
        let first = (0..self.members.len()).find(|&p| p != own && !self.translations(own, p))?;
        Some((self.members[first], n))
    }
}

/// The groups of two or more items (of `0..n`) with the same value, each in item order, in
/// O(n): items are counted by a hash of their value (no copy of every value is kept), those whose
/// hash is shared are gathered by it, and each such gathering is split by the value itself, so a
/// collision only costs a comparison.
fn shared(n: usize, value: impl Fn(usize) -> Option<String>, hash: fn(&str) -> u64) -> Vec<Vec<usize>> {
    let hashes: Vec<Option<u64>> = (0..n).map(|i| value(i).map(|v| hash(&v))).collect();
    let mut count: HashMap<u64, u32> = HashMap::new();
    for h in hashes.iter().flatten() {
        *count.entry(*h).or_insert(0) += 1;
    }
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, h) in hashes.iter().enumerate() {
        if let Some(h) = h.filter(|h| count.get(h).is_some_and(|&c| c > 1)) {
            by_hash.entry(h).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in by_hash.into_values() {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for i in members {
            let Some(v) = value(i) else { continue };
            match groups.iter_mut().find(|(g, _)| *g == v) {
                Some((_, members)) => members.push(i),
                None => groups.push((v, vec![i])),
            }
        }
        out.extend(groups.into_iter().map(|(_, m)| m).filter(|m| m.len() > 1));
    }
    out
}

/// Report file `i`, a member of a group of files that share a value (unless the others are
/// translations of it).
fn report_member(
    ctx: &mut SiteContext,
    what: &str,
    pick: fn(&PageValues) -> Option<Located<'_>>,
    peers: &Peers,
    i: usize,
) {
    let site = ctx.site;
    let Some((first, n)) = peers.others(i) else { return };
    let Some(v) = pick(site.files[i].values()) else { return };
    let other = &site.files[first];
    let other_value = pick(other.values());
    let line = other_value.as_ref().map_or(1, |o| o.line);
    let elsewhere = crate::diagnostic::Elsewhere {
        path: std::sync::Arc::from(&*other.abs),
        span: other_value.map_or_else(Span::default, |o| o.span),
        message: format!("the same {what} in {}", other.display),
    };
    let more = if n > 1 {
        format!(" and {} more", n - 1)
    } else {
        String::new()
    };
    ctx.report_elsewhere(
        i,
        v.span,
        format!(
            "{what} \"{}\" is also the {what} of {}:{line}{more}",
            excerpt(v.text, 60),
            other.display
        ),
        "give each article its own; pages that share it compete with each other in search",
        vec![elsewhere],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_values_group_even_when_hashes_collide() {
        let values = ["b", "a", "", "b", "c", "a", "b"];
        let value = |i: usize| Some(values[i].to_string()).filter(|v| !v.is_empty());
        let real = |v: &str| crate::site::key(v);
        let mut groups = shared(values.len(), value, real);
        groups.sort();
        assert_eq!(groups, [vec![0, 3, 6], vec![1, 5]]);
        // every value under one hash: still grouped by the value, not by the hash
        let mut groups = shared(values.len(), value, |_| 7);
        groups.sort();
        assert_eq!(groups, [vec![0, 3, 6], vec![1, 5]]);
    }
}
