//! File names are data too: a name with terminal escapes, line breaks or a bidi override must not
//! reach the terminal as such, and a name that is not UTF-8 must come back whole from the
//! machine-readable formats.
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Stdio};

const ARTICLE: &str = "# Cold Brew\n\nBy [AUTHOR_NAME].\n";

/// ESC starting an OSC title sequence ended by BEL, a line break, a backspace and U+202E.
const HOSTILE: &[u8] = b"a\x1b]0;pwned\x07b\nc\x08\xe2\x80\xaed.md";
/// Latin-1 `café.md`: not UTF-8.
const LATIN1: &[u8] = b"caf\xe9.md";

fn run(dir: &Path, format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args(["--no-config", "--format", format, "."])
        .current_dir(dir)
        // the caller's colour and width settings stay out of the test
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("output is UTF-8")
}

fn site(name: &[u8]) -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join(OsStr::from_bytes(name)), ARTICLE).expect("write");
    d
}

#[test]
fn terminal_formats_escape_control_and_bidi_characters_in_names() {
    let d = site(HOSTILE);
    let shown = r"a\u{1b}]0;pwned\u{7}b\nc\u{8}\u{202e}d.md";
    for format in ["human", "concise", "github"] {
        let out = run(d.path(), format);
        for raw in ['\u{1b}', '\u{7}', '\u{8}', '\u{202e}'] {
            assert!(!out.contains(raw), "{format}: {raw:?} reached the output: {out:?}");
        }
        assert!(out.contains(shown), "{format}: {out}");
    }
    // one finding, one line: the name's line break does not split it
    let concise = run(d.path(), "concise");
    assert_eq!(concise.lines().count(), 2, "{concise}");
    assert!(concise.lines().all(|l| l.starts_with(shown)), "{concise}");
}

#[test]
fn a_name_that_is_not_utf8_is_shown_by_its_bytes_and_recoverable() {
    let d = site(LATIN1);
    let concise = run(d.path(), "concise");
    assert!(concise.contains("\ncaf\\xE9.md:3:4: error [placeholder]"), "{concise}");
    assert!(!concise.contains('\u{FFFD}'), "{concise}");

    let json: serde_json::Value = serde_json::from_str(&run(d.path(), "json")).expect("json");
    let first = &json["diagnostics"][0];
    assert_eq!(first["file"], r"caf\xE9.md");
    assert_eq!(first["file_uri"], "caf%E9.md");

    let sarif: serde_json::Value = serde_json::from_str(&run(d.path(), "sarif")).expect("sarif");
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "caf%E9.md");
    // the URI decodes back to the name on disk
    let decoded = decode_percent(uri.as_str().expect("uri"));
    assert!(d.path().join(OsStr::from_bytes(&decoded)).is_file());
}

#[test]
fn utf8_names_have_no_file_uri_in_json() {
    let d = site("café.md".as_bytes());
    let json: serde_json::Value = serde_json::from_str(&run(d.path(), "json")).expect("json");
    assert_eq!(json["diagnostics"][0]["file"], "café.md");
    assert!(json["diagnostics"][0].get("file_uri").is_none());
}

fn decode_percent(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// A file that cannot be read is named on standard error with its name escaped, and in JSON's
/// `errors` with its bytes recoverable.
#[test]
fn errors_name_a_file_safely() {
    let d = tempfile::tempdir().expect("tmp");
    let missing = OsStr::from_bytes(b"gone\x1b[2J\xe9.md");
    let o = Command::new(env!("CARGO_BIN_EXE_seolint"))
        .args([
            OsStr::new("--no-config"),
            OsStr::new("--format"),
            OsStr::new("json"),
            missing,
        ])
        .current_dir(d.path())
        // the caller's colour and width settings stay out of the test
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).expect("stderr is UTF-8");
    assert_eq!(err, "seolint: gone\\u{1b}[2J\\xE9.md: no such file or directory\n");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["errors"][0]["file"], "gone\u{1b}[2J\\xE9.md");
    assert_eq!(json["errors"][0]["file_uri"], "gone%1B%5B2J%E9.md");
}
