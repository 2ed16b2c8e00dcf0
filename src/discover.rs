//! Turn the command line's paths into the list of files to lint: explicit files whatever their
//! extension, directories walked gitignore-aware for `*.md`, `*.markdown`, `*.mdx`.

use std::path::{Path, PathBuf};

use crate::input::FileError;

pub const EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

pub use crate::input::{absolute, working_dir};

/// A file to lint, and whether the user named it (config `exclude` applies to named files only
/// with `--force-exclude`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    pub explicit: bool,
}

/// Files to lint, sorted and without duplicates, plus the paths that could not be used.
pub fn discover_marked(paths: &[PathBuf]) -> (Vec<Found>, Vec<FileError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let (files, errs) = discover(std::slice::from_ref(path));
        let explicit = std::fs::metadata(path).is_ok_and(|m| !m.is_dir());
        out.extend(files.into_iter().map(|p| Found { path: p, explicit }));
        errors.extend(errs);
    }
    out.sort();
    out.dedup_by(|a, b| a.path == b.path);
    (out, errors)
}

/// Files to lint, sorted and without duplicates, plus the paths that could not be used.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(FileError::at(path, crate::input::io_reason(&e))),
            Ok(m) if m.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// Walk a folder on every core (`ignore`'s parallel walker: each thread reads directories and
/// matches ignore files).
/// The files come out sorted by the caller; the errors are sorted here, so that a run prints
/// them in the same order every time.
fn walk(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<FileError>) {
    let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
    ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let (file, error) = match entry {
                    Ok(e) => {
                        let is_file = e.file_type().is_some_and(|t| t.is_file()) && !crate::fix::is_temporary(e.path());
                        (
                            (is_file && has_markdown_extension(e.path())).then(|| e.into_path()),
                            None,
                        )
                    }
                    Err(err) => {
                        let path = err_path(&err).unwrap_or_else(|| root.to_path_buf());
                        (None, Some(FileError::at(&path, walk_error_message(&err))))
                    }
                };
                if file.is_some() || error.is_some() {
                    let mut found = found.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    found.0.extend(file);
                    found.1.extend(error);
                }
                ignore::WalkState::Continue
            })
        });
    let (walked, mut failed) = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    failed.sort_by(|a: &FileError, b: &FileError| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    // copied on this thread: the walker threads' heaps (glibc arenas, which the lint workers
    // take over) are left with nothing that lives for the whole run
    files.extend(walked.iter().map(|p| p.to_path_buf()));
    errors.append(&mut failed);
}

fn err_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => err_path(err),
        _ => None,
    }
}

/// What went wrong in a walk, without the path: the message is printed after it.
fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => walk_error_message(err),
        ignore::Error::WithLineNumber { line, err } => format!("line {line}: {}", walk_error_message(err)),
        ignore::Error::Io(e) => crate::input::io_reason(e),
        other => first_line(&other.to_string()),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

pub fn has_markdown_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_finds_every_markdown_file_its_ignore_files_allow() {
        let d = tempfile::tempdir().expect("tmp");
        let root = d.path();
        let mut expected = Vec::new();
        // enough folders that the parallel walk's threads share them
        for i in 0..40 {
            for (name, kept) in [
                (format!("s{i}/a.md"), true),
                (format!("s{i}/deep/er/b.MD"), true),
                (format!("s{i}/c.mdx"), true),
                (format!("s{i}/d.markdown"), true),
                (format!("s{i}/notes.txt"), false),
                (format!("s{i}/drafts/e.md"), false),
                (format!("s{i}/skip.md"), i % 2 == 1),
                (format!("s{i}/.hidden/f.md"), false),
            ] {
                let path = root.join(&name);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, "# T\n").expect("write");
                if kept {
                    expected.push(path);
                }
            }
            if i % 2 == 0 {
                std::fs::write(root.join(format!("s{i}/.ignore")), "skip.md\n").expect("write");
            }
        }
        std::fs::write(root.join(".gitignore"), "drafts/\n").expect("write");
        expected.sort();
        let (files, errors) = discover(&[root.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(files, expected);
    }

    #[test]
    fn a_folder_error_names_the_folder_once() {
        let err = ignore::Error::WithPath {
            path: PathBuf::from("content/locked"),
            err: Box::new(ignore::Error::Io(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            ))),
        };
        let err = ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(err),
        };
        assert_eq!(err_path(&err), Some(PathBuf::from("content/locked")));
        assert_eq!(walk_error_message(&err), "permission denied");
    }

    #[test]
    fn absolute_agrees_with_std() {
        for p in [
            ".",
            "./",
            "a",
            "./a",
            "a/./b",
            "a//b/",
            "a/b/",
            "../x",
            "a/..",
            "./../a/./b//",
            "/",
            "/a/./b/",
            "//a",
            "",
        ] {
            let p = Path::new(p);
            assert_eq!(absolute(p).ok(), std::path::absolute(p).ok(), "{p:?}");
        }
    }
}
