//! The search's gates and its reading off of a file's matches, against plain searches, with the
//! built-in catalogue's text patterns.

use super::*;
use crate::patterns::tests::catalogue;

/// Matches as a rule reports them.
fn settled(found: Vec<(Span, usize)>) -> Vec<(Span, usize)> {
    settle(found.into_iter().map(|(s, i)| (s, i, ())).collect())
        .into_iter()
        .map(|(s, i, ())| (s, i))
        .collect()
}

fn texts() -> &'static PatternSet {
    catalogue().parts().0
}

/// Matches through the gates (per file and per text) and read off the whole file's search,
/// against every pattern searched without gates over each part (the ones searched together as
/// one alternation, each other one on its own): a gate that missed a match would hide a
/// placeholder, a file match read off wrongly would add or move one. `parts` are slices of
/// `whole`.
fn assert_gates_agree(set: &PatternSet, whole: &str, parts: &[&str]) -> usize {
    let search = set.search(whole);
    let file_search = set.file_search(whole);
    let mut read_off = 0;
    for part in parts {
        let base = part.as_ptr() as usize - whole.as_ptr() as usize;
        let mut expected = Vec::new();
        if let Some(together) = &set.together {
            set.matches_with(together, part, base, &mut expected);
        }
        for p in &set.alone {
            set.matches_with(p.regex.get().expect("compiles"), part, base, &mut expected);
        }
        let expected = settled(expected);
        let (mut per_text, mut per_file, mut from_file) = (Vec::new(), Vec::new(), Vec::new());
        set.matches(part, base, &mut per_text);
        search.matches(part, base, &mut per_file);
        file_search.matches(part, base, &mut from_file);
        let (per_text, per_file, from_file) = (settled(per_text), settled(per_file), settled(from_file));
        assert_eq!(per_text, expected, "gated per text: {part:?}");
        assert_eq!(per_file, expected, "gated per file: {part:?} in {whole:?}");
        assert_eq!(from_file, expected, "read off the file: {part:?} in {whole:?}");
        let mut ignored = Vec::new();
        if file_search
            .file
            .as_ref()
            .is_some_and(|f| file_search.read_off_file(f, part, base, &mut ignored))
        {
            read_off += 1;
        }
    }
    read_off
}

#[test]
fn gates_hide_no_match() {
    let set = texts();
    assert!(
        set.alone.iter().any(|p| p.gate.is_some()),
        "the catalogue has gated patterns"
    );
    // every fixture, whole and paragraph by paragraph
    let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    let (mut files, mut read_off) = (0, 0);
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).expect("fixture");
                let parts: Vec<&str> = std::iter::once(text.as_str()).chain(text.split("\n\n")).collect();
                read_off += assert_gates_agree(set, &text, &parts);
                files += 1;
            }
        }
    }
    assert!(files > 30);
    assert!(
        read_off > 300,
        "fixture paragraphs read off the file's search: {read_off}"
    );
    let mut read_off = 0;
    // random texts of placeholder pieces, prose, markup and look-alikes, also as slices
    let pieces = [
        "TODO",
        "TODO:",
        "TBD",
        "FIXME:",
        "TKTK",
        "todo",
        "lorem",
        "ipsum",
        "Lorem Ipsum",
        "LOREM ipsum",
        "lorem ipſum",
        "[X]",
        "[AUTHOR_NAME]",
        "[NOTE: a",
        "]",
        "YOUR_NAME_HERE",
        "REPLACE",
        "alt text",
        "[Key takeaway 2]",
        "[Write",
        "more words here",
        "matrix[X]",
        "goes here",
        "Image",
        "go here",
        "replace me",
        "Replace this text",
        "insert your",
        "$X,XXX",
        "20XX",
        "XX%",
        "(c) 20XX",
        "(link)",
        "{{first_name}}",
        "{{ end }}",
        "<insert",
        "phone>",
        "é",
        "\\[",
        "word",
        "1.",
        ")",
        "_",
    ];
    let seps = [" ", " ", "\n", "\n- ", "\n1. ", "\n> ", " | ", "", "\t"];
    let mut rng = crate::testing::Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut pick = |n: usize| rng.below(n);
    for _ in 0..4000 {
        let mut text = String::new();
        for _ in 0..pick(12) + 1 {
            text.push_str(seps[pick(seps.len())]);
            text.push_str(pieces[pick(pieces.len())]);
        }
        let cut = pick(text.len() + 1);
        let cut = (0..=cut).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
        read_off += assert_gates_agree(set, &text, &[&text, &text[cut..], &text[..cut]]);
    }
    assert!(read_off > 1000, "random texts read off the file's search: {read_off}");
}

#[test]
fn a_text_between_word_characters_is_searched_on_its_own() {
    // the file's search sees the neighbours, a text's search its own ends: `\b` differs
    let set = texts();
    for (whole, from, to) in [
        ("xYOUR_NAME_HERE y", 1, 15),
        ("a YOUR_NAME_HEREx", 2, 16),
        ("_REPLACE: it", 1, 12),
        ("\u{e9}YOUR_NAME_HERE", 2, 16),
    ] {
        let part = &whole[from..to];
        let mut found = Vec::new();
        set.matches(part, 0, &mut found);
        assert_eq!(found.len(), 1, "{part:?}");
        assert_gates_agree(set, whole, &[part]);
    }
}

#[test]
fn gates_refuse_assertions() {
    let set = |gate: &str| {
        PatternSet::new(&[Pattern {
            regex: "TODO".into(),
            gate: Some(gate.into()),
            allow: vec![],
        }])
    };
    assert!(set("TODO").is_ok());
    for bad in [r"\bTODO", "^TODO", "TODO$", "[^x]TODO"] {
        let err = set(bad).err().map(|e| e.message).unwrap_or_default();
        assert!(err.contains("a gate may not hold"), "{bad}: {err}");
    }
}

/// ASCII word boundaries replace `\b` outside classes only, and leave every other escape alone.
#[test]
fn ascii_word_boundaries_touch_only_word_boundaries() {
    for (pattern, want) in [
        (r"\bTODO\b", r"(?-u:\b)TODO(?-u:\b)"),
        (r"\\b", r"\\b"),
        (r"[\b]\b", r"[\b](?-u:\b)"),
        (r"[]\b]\b", r"[]\b](?-u:\b)"),
        (r"[^]a]\B\d", r"[^]a]\B\d"),
        (r"[[:alpha:]]\b", r"[[:alpha:]](?-u:\b)"),
        (r"(?i-u)\byour", r"(?i-u)(?-u:\b)your"),
    ] {
        assert_eq!(ascii_word_boundaries(pattern), want, "{pattern}");
    }
}
