//! Parse arbitrary text as a .seolint.yaml: an error or a config, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use seolint::config::ConfigFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // packs and templates named in the text are looked up in an empty folder
    let dir = std::env::temp_dir().join("seolint-fuzz-config");
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(config) = ConfigFile::parse(&dir.join(".seolint.yaml"), text) {
        let _ = config.settings_for(std::path::Path::new("content/a.md"));
        let _ = config.excludes(std::path::Path::new("content/a.md"));
    }
});
