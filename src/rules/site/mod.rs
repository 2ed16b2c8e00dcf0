//! Rules across the files of a site: links between them and values they must not share.
pub mod backlinks;
pub mod broken_link;
pub mod duplicate_description;
pub mod duplicate_keyword;
pub mod duplicate_slug;
pub mod duplicate_title;

use crate::rules::{excerpt, SiteContext};
use crate::site::{Light, Located};

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
    for (i, g) in group_of.into_iter().enumerate() {
        if let Some(g) = g {
            report_member(ctx, what, pick, &groups[g], i);
        }
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
fn report_member(
    ctx: &mut SiteContext,
    what: &str,
    pick: fn(&Light) -> Option<Located<'_>>,
    members: &[usize],
    i: usize,
) {
    let site = ctx.site;
    let own = site.translation_key(i);
    let others: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&j| j != i && site.translation_key(j) != own)
        .collect();
    let Some(&first) = others.first() else { return };
    let Some(v) = pick(site.files[i].light()) else { return };
    let other = &site.files[first];
    let line = pick(other.light()).map_or(1, |o| o.line);
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
