//! "Did you mean" for misspelt names (rules, config keys).

/// The closest of `candidates` to `input`, if it is close enough to be a likely typo (the first
/// of equally close ones).
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let a: Vec<char> = input.chars().collect();
    let (mut b, mut prev, mut cur) = (Vec::new(), Vec::new(), Vec::new());
    let mut bag = Bag::of(&a);
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
        // only a distance within the limit and below the best so far can win
        let Some(cap) = best.map_or(Some(limit), |(d, _)| d.checked_sub(1).map(|c| c.min(limit))) else {
            continue;
        };
        // a second lower bound from the characters alone, before the table
        if bag.distance(&b) > cap {
            continue;
        }
        if let Some(d) = levenshtein(&a, &b, cap, &mut prev, &mut cur) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The input's characters counted in 128 buckets (ASCII each in its own), for a lower bound of
/// the edit distance to a candidate: an edit adds at most one character to a bucket and takes at
/// most one from another, so after `k` edits no more than `k` characters are missing from the
/// buckets and no more than `k` are extra.
struct Bag {
    /// The input's count in each bucket, less the candidate's while one is measured.
    left: [i32; 128],
    len: usize,
}

impl Bag {
    fn of(chars: &[char]) -> Bag {
        let mut left = [0; 128];
        for &c in chars {
            left[c as usize % 128] += 1;
        }
        Bag { left, len: chars.len() }
    }

    /// max(characters of the input the candidate lacks, characters it has beyond the input).
    fn distance(&mut self, candidate: &[char]) -> usize {
        let (mut missing, mut extra) = (self.len, 0);
        for &c in candidate {
            let k = &mut self.left[c as usize % 128];
            if *k > 0 {
                missing -= 1;
            } else {
                extra += 1;
            }
            *k -= 1;
        }
        for &c in candidate {
            self.left[c as usize % 128] += 1;
        }
        missing.max(extra)
    }
}

/// Edit distance between `a` and `b` when it is at most `cap`, with two rows of scratch space
/// reused across calls. A row's smallest cell never shrinks in the rows below it, so the table
/// stops at the first row whose every cell exceeds `cap`.
fn levenshtein(a: &[char], b: &[char], cap: usize, prev: &mut Vec<usize>, cur: &mut Vec<usize>) -> Option<usize> {
    prev.clear();
    prev.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let d = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(d);
            cur.push(d);
        }
        if row_min > cap {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= cap)
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

    /// The full table, for comparison.
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn the_character_bound_never_exceeds_the_distance() {
        // `\u{e1}` (225) shares a bucket with `a` (97): a bucket may hold different characters
        let mut rng = crate::testing::Xorshift(0x6c62_272e_07bb_0142);
        let mut below = 0;
        for _ in 0..5000 {
            let (la, lb) = (rng.below(10), rng.below(10));
            let (a, b) = (rng.text("ab-\u{e1}\u{103}", la), rng.text("ab-\u{e1}\u{103}", lb));
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let mut bag = super::Bag::of(&ca);
            let bound = bag.distance(&cb);
            let d = distance(&a, &b);
            assert!(bound <= d, "{a:?} {b:?}: bound {bound}, distance {d}");
            below += usize::from(bound < d);
            assert_eq!(bag.distance(&cb), bound, "the bag is restored after each candidate");
        }
        assert!(below > 100, "a bound that is always the distance tests nothing");
    }

    #[test]
    fn the_cut_off_table_picks_what_the_full_one_picks() {
        // small alphabets make near misses, ties and cut-offs common
        let mut rng = crate::testing::Xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let len = rng.below(12);
            let input = rng.text("abc-\u{e9}", len);
            let candidates: Vec<String> = (0..rng.below(8))
                .map(|_| {
                    let len = rng.below(14);
                    rng.text("abc-\u{e9}", len)
                })
                .collect();
            let expected = candidates
                .iter()
                .map(|c| (distance(&input, c), c))
                .filter(|(d, c)| *d <= (c.len().max(input.len()) / 3).max(2))
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| c.as_str());
            let got = super::did_you_mean(&input, candidates.iter().map(String::as_str));
            assert_eq!(got, expected, "{input:?} among {candidates:?}");
        }
    }
}
