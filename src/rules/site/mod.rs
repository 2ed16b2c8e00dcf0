//! Rules across the files of a site: links between them and values they must not share.
pub mod backlinks;
pub mod broken_link;
pub mod duplicate_description;
pub mod duplicate_keyword;
pub mod duplicate_slug;
pub mod duplicate_title;

use crate::rules::{excerpt, SiteContext};
use std::collections::HashMap;

use crate::site::{Light, Located, Site};

/// Report every linted file that shares a value with another file of the site (translations of
/// one article excepted), pointing at its own value and naming the other place.
pub fn report_duplicates(ctx: &mut SiteContext, what: &str, pick: fn(&Light) -> Option<Located<'_>>) {
    let site = ctx.site;
    let value = |i: usize| {
        let v = pick(site.files[i].light())?;
        let key = v.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        (!key.is_empty()).then_some(key)
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
    /// Each member's translation key, in member order.
    keys: Vec<String>,
    /// Members by translation key.
    count: HashMap<String, usize>,
    /// The first member, and the first member that is not a translation of it.
    first: (usize, Option<usize>),
    /// Position in the group of each member.
    position: HashMap<usize, usize>,
}

impl Peers {
    fn of(site: &Site, members: &[usize]) -> Peers {
        let keys: Vec<String> = members.iter().map(|&i| site.translation_key(i)).collect();
        let mut count = HashMap::new();
        for k in &keys {
            *count.entry(k.clone()).or_insert(0) += 1;
        }
        let second = keys.iter().position(|k| Some(k) != keys.first()).map(|p| members[p]);
        Peers {
            count,
            first: (members.first().copied().unwrap_or(0), second),
            position: members.iter().enumerate().map(|(p, &i)| (i, p)).collect(),
            keys,
        }
    }

    /// The members that are neither file `i` nor a translation of it: the first, and how many.
    fn others(&self, i: usize) -> Option<(usize, usize)> {
        let own = &self.keys[*self.position.get(&i)?];
        let n = self.keys.len() - self.count.get(own).copied().unwrap_or(0);
        let first = if Some(own) == self.keys.first() {
            self.first.1?
        } else {
            self.first.0
        };
        Some((first, n))
    }
}

/// The groups of two or more items (of `0..n`) with the same value, each in item order. Items
/// are sorted by a hash of their value (no copy of every value is kept); items whose hashes
/// agree are then grouped by the value itself, so a collision only costs a comparison.
fn shared(n: usize, value: impl Fn(usize) -> Option<String>, hash: fn(&str) -> u64) -> Vec<Vec<usize>> {
    let mut hashed: Vec<(u64, usize)> = (0..n).filter_map(|i| Some((hash(&value(i)?), i))).collect();
    hashed.sort_unstable();
    let mut out = Vec::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        for &(_, i) in run {
            let Some(v) = value(i) else { continue };
            match groups.iter_mut().find(|(g, _)| *g == v) {
                Some((_, members)) => members.push(i),
                None => groups.push((v, vec![i])),
            }
        }
        out.extend(groups.drain(..).map(|(_, m)| m).filter(|m| m.len() > 1));
    }
    out
}

/// Report file `i`, a member of a group of files that share a value (unless the others are
/// translations of it).
fn report_member(ctx: &mut SiteContext, what: &str, pick: fn(&Light) -> Option<Located<'_>>, peers: &Peers, i: usize) {
    let site = ctx.site;
    let Some((first, n)) = peers.others(i) else { return };
    let Some(v) = pick(site.files[i].light()) else { return };
    let other = &site.files[first];
    let line = pick(other.light()).map_or(1, |o| o.line);
    let more = if n > 1 {
        format!(" and {} more", n - 1)
    } else {
        String::new()
    };
    ctx.report(
        i,
        v.span,
        format!(
            "{what} \"{}\" is also the {what} of {}:{line}{more}",
            excerpt(v.text, 60),
            other.display
        ),
        "give each article its own; pages that share it compete with each other in search",
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
