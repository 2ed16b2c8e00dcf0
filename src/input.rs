//! What seolint is given and how it names it: inputs (files and standard input), reading them
//! (regular files of 16 MB at most, whatever their path points at), the paths it shows, and
//! quoting a file in an error message without echoing one that is not what it was expected to be.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use serde::de::DeserializeOwned;

/// Files larger than this are not read (an article is a few hundred KB at most; a config, pack
/// or template much less).
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The longest piece of a file an error message quotes, in characters.
const EXCERPT_CHARS: usize = 60;

/// The bytes of a regular file of at most [`MAX_FILE_SIZE`] bytes, or a short reason it was not
/// read. `what` is the file's role, for the size message ("an article", "a config").
pub fn read_limited(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    regular(&meta)?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "file is {:.1} MB, over the {} MB limit for {what}",
            meta.len() as f64 / 1_048_576.0,
            MAX_FILE_SIZE / 1_048_576
        ));
    }
    let file = open(path)?;
    // the path may point at something else by now: judge what was opened
    regular(&file.metadata().map_err(|e| io_reason(&e))?)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // a file that grows while it is read: never read past the limit
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!(
            "file is over the {} MB limit for {what}",
            MAX_FILE_SIZE / 1_048_576
        ));
    }
    Ok(bytes)
}

/// [`read_limited`], as UTF-8 text.
pub fn read_text(path: &Path, what: &str) -> Result<String, String> {
    String::from_utf8(read_limited(path, what)?).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("not UTF-8 text (line {line})")
    })
}

/// A FIFO would block the open until a writer comes, a device can be endless, a directory is
/// not a file: only regular files are read.
fn regular(meta: &std::fs::Metadata) -> Result<(), String> {
    let t = meta.file_type();
    if t.is_file() {
        Ok(())
    } else if t.is_dir() {
        Err("is a directory".to_string())
    } else {
        Err(format!("not a regular file ({})", kind(t)))
    }
}

#[cfg(unix)]
fn kind(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn kind(_: std::fs::FileType) -> &'static str {
    "a special file"
}

fn open(path: &Path) -> Result<std::fs::File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // a FIFO put in the file's place after the look above must not block the open
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path).map_err(|e| io_reason(&e))
}

/// An I/O error in a few lowercase words, without "(os error N)".
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}

/// A piece of a file for an error message: its first line, at most 60 characters, control
/// characters escaped.
pub fn excerpt(s: &str) -> String {
    let first = s.split(['\n', '\r']).next().unwrap_or("");
    let kept: String = first.chars().take(EXCERPT_CHARS).collect();
    let mut out = escape_controls(&kept);
    if first.len() < s.len() || first.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A YAML document read as `T`, or the line and message of why not. `what` names the file
/// ("a rule pack"), `shape` what it looks like ("a YAML mapping with `rules:`"). A text that is
/// not YAML, or not a mapping (with the key `needs`, if given), is said to be not `what`, without
/// a word of its content; in a mapping, a message quotes at most an [`excerpt`] of the offending
/// value.
pub fn from_yaml<T: DeserializeOwned>(
    text: &str,
    what: &str,
    shape: &str,
    needs: Option<&str>,
) -> Result<T, (Option<usize>, String)> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        (
            e.location().map(|l| l.line()),
            format!("{}; expected {what}", yaml_problem(&e)),
        )
    })?;
    // a mapping of settings has names for keys; `/etc/shadow`'s `root:$6$...:7::` line reads as
    // a key too
    let shaped = value.as_mapping().is_some_and(|m| {
        needs.is_none_or(|key| m.contains_key(key)) && m.keys().all(|k| k.as_str().is_some_and(is_setting_name))
    });
    if !shaped {
        return Err((None, format!("not {what} (expected {shape})")));
    }
    serde_yaml::from_str(text).map_err(|e| (e.location().map(|l| l.line()), one_line_message(&e.to_string())))
}

fn is_setting_name(key: &str) -> bool {
    key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The YAML parser's problem for a text that is not YAML. Its syntax messages name no content;
/// any other message might, so it is not repeated.
fn yaml_problem(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    let first = message.split(" at line ").next().unwrap_or("");
    if first.is_empty() || first.contains(['"', '`', '\'']) {
        "not valid YAML".to_string()
    } else {
        format!("not valid YAML ({})", excerpt(first))
    }
}

/// A message that may quote a file (serde's, or one of ours) as one line: without serde's
/// position, each quoted value (`"..."`, `` `...` ``) cut to an [`excerpt`], every other control
/// character escaped.
pub fn one_line_message(message: &str) -> String {
    let first = message.split(" at line ").next().unwrap_or("");
    let mut out = String::new();
    let mut rest = first;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&escape_controls(&rest[..open]));
        let body = &rest[open + 1..];
        // serde writes strings with Rust escapes: `\"` is inside the value
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if quote == '"' && !escaped => escaped = true,
                c if c == quote && !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else {
            out.push(quote);
            out.push_str(&excerpt(body));
            return out;
        };
        let value = &body[..end];
        // a value written with escapes ends at its first escaped line break
        let value = value.split("\\n").next().unwrap_or(value);
        out.push(quote);
        out.push_str(&excerpt(value));
        if value.len() < end && !out.ends_with('…') {
            out.push('…');
        }
        out.push(quote);
        rest = &body[end + quote.len_utf8()..];
    }
    out.push_str(&escape_controls(rest));
    out
}

fn escape_controls(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_debug().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// The names of seolint's config file, looked for in each folder.
pub const CONFIG_FILE_NAMES: &[&str] = &[".seolint.yaml", ".seolint.yml"];

/// The name stdin is reported under when no `--stdin-filename` is given.
pub const STDIN_NAME: &str = "<stdin>";

/// The working directory, asked of the system once per run (a `getcwd` syscall; a run needs it
/// several times per file, for config lookup, config globs, site links and the paths it shows).
/// seolint never changes its working directory.
pub fn working_dir() -> Option<&'static Path> {
    static CWD: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());
    CWD.as_deref()
}

/// `std::path::absolute`, with the working directory from [`working_dir`].
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    match working_dir() {
        // the same as std's: the working directory, then the path's components without `.`,
        // keeping a trailing slash
        Some(cwd) if path.is_relative() && !path.as_os_str().is_empty() => std::path::absolute(cwd.join(path)),
        _ => std::path::absolute(path),
    }
}

/// An input: a file on disk or standard input. A run holds one per file named or found (a
/// pre-commit hook can name thousands), so it is the size of a path: stdin's text is boxed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin(Box<Piped>),
}

const _: () = assert!(std::mem::size_of::<Input>() == std::mem::size_of::<PathBuf>());

/// Text read from stdin, reported under `name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Piped {
    pub name: String,
    pub text: Vec<u8>,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => display_path(p),
            Input::Stdin(piped) => piped.name.clone(),
        }
    }

    /// The path's bytes when they are not UTF-8 (see [`path_bytes`]).
    pub fn path_bytes(&self) -> Option<Arc<[u8]>> {
        match self {
            Input::File(p) => path_bytes(p),
            Input::Stdin(_) => None,
        }
    }

    /// The path on disk, or the name stdin stands for.
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) => p,
            Input::Stdin(piped) => Path::new(&piped.name),
        }
    }
}

/// A path as text: as it is when it is UTF-8, else with each byte that is not shown as `\xNN`
/// (not U+FFFD, which would make two names look alike). Terminal formats still escape its
/// control characters (`output::escape_path`).
pub fn display_path(p: &Path) -> String {
    let s = match p.to_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(escape_invalid_utf8(path_as_bytes(p).as_ref())),
    };
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// The bytes of a path that is not UTF-8, `None` for one that is (nearly all).
pub fn path_bytes(p: &Path) -> Option<Arc<[u8]>> {
    if p.to_str().is_some() {
        return None;
    }
    let bytes = path_as_bytes(p);
    Some(bytes.strip_prefix(b"./").unwrap_or(&bytes).into())
}

#[cfg(unix)]
fn path_as_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(p.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_as_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(p.to_string_lossy().into_owned().into_bytes())
}

fn escape_invalid_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A one-line reason a file could not be linted (missing, unreadable, a directory, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    /// The path's bytes when they are not UTF-8 (as a report's `path_bytes`).
    pub path_bytes: Option<Arc<[u8]>>,
    pub message: String,
}

impl FileError {
    /// The error of a path on disk.
    pub fn at(path: &Path, message: impl Into<String>) -> FileError {
        FileError {
            path: display_path(path),
            path_bytes: path_bytes(path),
            message: message.into(),
        }
    }

    /// The error of an input: a file, or standard input.
    pub fn of(input: &Input, message: impl Into<String>) -> FileError {
        FileError {
            path: input.display(),
            path_bytes: input.path_bytes(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_short_line_without_control_characters() {
        assert_eq!(excerpt("title: x"), "title: x");
        assert_eq!(excerpt("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(excerpt("first\nsecond secret"), "first…");
        let long = format!("{}SECRET", "x".repeat(80));
        assert_eq!(excerpt(&long), format!("{}…", "x".repeat(60)));
    }

    #[test]
    fn quoted_values_in_serde_messages_are_cut() {
        let long = format!(
            "invalid type: string \"root:x:0:0:{}SECRET\\nnext\", expected a sequence",
            "r".repeat(70)
        );
        let m = one_line_message(&long);
        assert!(!m.contains("SECRET"), "{m}");
        assert!(m.starts_with("invalid type: string \"root:x:0:0:rrr"), "{m}");
        assert!(m.ends_with("…\", expected a sequence"), "{m}");
        assert_eq!(
            one_line_message("unknown field `titel`, expected `title` at line 2 column 1"),
            "unknown field `titel`, expected `title`"
        );
        assert_eq!(one_line_message(r#"a "q\"uote" b"#), r#"a "q\"uote" b"#);
        assert_eq!(
            one_line_message("`rules: a\nSECRET`: expected off\nor on"),
            "`rules: a…`: expected off\\nor on"
        );
    }

    #[test]
    fn a_document_of_another_shape_is_named_not_quoted() {
        #[derive(Debug, serde::Deserialize)]
        struct Pack {
            #[allow(dead_code)]
            rules: Vec<String>,
        }
        let passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:SECRET:/usr/sbin:/usr/sbin/nologin\n";
        let read = |text: &str| from_yaml::<Pack>(text, "a rule pack", "a mapping with `rules:`", Some("rules"));
        let expected = (None, "not a rule pack (expected a mapping with `rules:`)".to_string());
        assert_eq!(read(passwd).unwrap_err(), expected);
        assert_eq!(read("password: SECRET\n").unwrap_err(), expected);
        assert_eq!(read("rules: []\nroot:$6$SECRET:7::\n").unwrap_err(), expected);
        let e = read("rules: [a\n  SECRET: 1\n").unwrap_err();
        assert!(e.1.starts_with("not valid YAML") && !e.1.contains("SECRET"), "{e:?}");
        assert!(e.1.ends_with("; expected a rule pack"), "{e:?}");
    }
}
