//! "Did you mean" for misspelt names (rules, config keys).

/// The closest of `candidates` to `input`, if it is close enough to be a likely typo (the first
/// of equally close ones).
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let a: Vec<char> = input.chars().collect();
    let (mut b, mut prev, mut cur) = (Vec::new(), Vec::new(), Vec::new());
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let limit = (c.len().max(input.len()) / 3).max(2);
        b.clear();
        b.extend(c.chars());
        // the difference in length is a lower bound of the distance: most names are skipped
        // without filling the table
        let floor = a.len().abs_diff(b.len());
        if floor > limit || best.is_some_and(|(d, _)| floor >= d) {
            continue;
        }
        let d = levenshtein(&a, &b, &mut prev, &mut cur);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance between `a` and `b`, with two rows of scratch space reused across calls.
fn levenshtein(a: &[char], b: &[char], prev: &mut Vec<usize>, cur: &mut Vec<usize>) -> usize {
    prev.clear();
    prev.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let d = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(d);
        }
        std::mem::swap(prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_names() {
        let names = ["placeholder", "title-length", "description-length"];
        assert_eq!(super::did_you_mean("placeholdr", names), Some("placeholder"));
        assert_eq!(super::did_you_mean("title-lenght", names), Some("title-length"));
        assert_eq!(super::did_you_mean("zzz", names), None);
        // the first of equally close names; lengths far apart are never suggested
        assert_eq!(super::did_you_mean("ab", ["xb", "ay", "ab-long-name"]), Some("xb"));
        assert_eq!(super::did_you_mean("café", ["cafe", "caf"]), Some("cafe"));
        assert_eq!(super::did_you_mean("a", ["abcd"]), None);
        assert_eq!(super::did_you_mean("kitten", ["sitting"]), None); // 3 edits in 7 letters
        assert_eq!(super::did_you_mean("kitten", ["sitten", "kitchen"]), Some("sitten"));
    }
}
