//! Apply every fix (safe and unsafe) to arbitrary text: the result re-lints without a panic, and a
//! second fix changes nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;
use seolint::settings::Settings;
use seolint::fix::fix_source;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let settings = Settings::default();
    let once = fix_source("fuzz.md", text.to_string(), &settings, true);
    let twice = fix_source("fuzz.md", once.source.clone(), &settings, true);
    assert_eq!(twice.source, once.source, "a second fix changed the text");
});
