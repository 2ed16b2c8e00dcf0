//! Split and parse front matter from arbitrary text; every key and value span must slice the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use seolint::document::front_matter;
use seolint::document::LineIndex;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = LineIndex::new(text);
    let Some(split) = front_matter::split(text, 0) else { return };
    let fm = front_matter::parse(text, &split, &lines);
    for e in &fm.entries {
        for span in [e.key_span, e.value_span] {
            assert!(text.get(span.start..span.end).is_some(), "{e:?}");
        }
    }
    if let Some(err) = &fm.error {
        assert!(text.get(err.span.start..err.span.end).is_some(), "{err:?}");
    }
});
