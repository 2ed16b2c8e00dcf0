//! "Did you mean" for misspelt names (rules, config keys, anchors).

/// The closest of `candidates` to `input`, if it is close enough to be a likely typo (the first
/// of equally close ones).
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_chars = input.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let limit = (c.len().max(input.len()) / 3).max(2);
            // the difference in length is a lower bound of the distance: a page's many anchors
            // are mostly skipped without the edit table
            if input_chars.abs_diff(c.chars().count()) > limit {
                return None;
            }
            let d = strsim::levenshtein(input, c);
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
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
    fn picks_what_the_full_table_picks() {
        // small alphabets make near misses, ties and length cut-offs common
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
