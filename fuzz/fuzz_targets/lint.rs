//! Lint arbitrary bytes as a Markdown file, bare and behind YAML and TOML front matter; every
//! finding's span must lie on character boundaries inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use seolint::engine::lint_bytes;
use seolint::settings::Settings;

fn check(bytes: Vec<u8>) {
    let report = lint_bytes("fuzz.md".to_string(), bytes, &Settings::default());
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= report.source().len(), "{d:?}");
        assert!(report.source().is_char_boundary(d.span.start) && report.source().is_char_boundary(d.span.end), "{d:?}");
        let _ = report.line_col(d.span.end);
    }
}

fuzz_target!(|data: &[u8]| {
    check(data.to_vec());
    for prefix in [&b"---\ntitle: \"x\"\n---\n"[..], &b"+++\ntitle = \"x\"\n+++\n"[..], &b"\xef\xbb\xbf---\n"[..]] {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(data);
        check(bytes);
    }
});
