//! What `--fix` does to the files it writes: a symlink stays a link and its target is fixed; a
//! hard-linked file is refused, not split; owner, group and mode stay; temporaries are named as
//! ours, skipped by the walker, and those a killed run left are cleared.

mod common;

#[cfg(unix)]
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use common::{seolint, stderr, stdout};

/// An article whose stated reading time `--fix` rewrites.
const STALE: &str = "# Cold Brew\n\n**Estimated Reading Time:** 9 minutes\n\nText.\n";
const FIXED: &str = "# Cold Brew\n\n**Estimated Reading Time:** 1 minute\n\nText.\n";

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("read")
}

#[cfg(unix)]
#[test]
fn a_symlink_stays_a_link_and_its_target_is_fixed() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(d.path().join("real")).expect("mkdir");
    std::fs::write(d.path().join("real/article.md"), STALE).expect("write");
    std::os::unix::fs::symlink("real/article.md", d.path().join("link.md")).expect("symlink");
    // a killed run's temporary is beside the real file, and cleared from there
    let stale = d.path().join("real/.article.md.seolint-tmp-Old123");
    std::fs::write(&stale, STALE).expect("write");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let f = std::fs::File::options().write(true).open(&stale).expect("open");
    f.set_modified(hour_ago).expect("age the file");
    let o = seolint(d.path(), &["--no-config", "--fix", "link.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = std::fs::symlink_metadata(d.path().join("link.md")).expect("lstat");
    assert!(link.file_type().is_symlink(), "the link was replaced by a file");
    assert_eq!(read(&d.path().join("real/article.md")), FIXED);
    // this run's temporary and the stale one are gone
    let left: Vec<_> = std::fs::read_dir(d.path().join("real"))
        .expect("ls")
        .flatten()
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// A rename would give the fixed text to this name only and leave the other names with the old
/// text: the file is refused with the reason, and every name still shares one file.
#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_refused_not_split() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::write(d.path().join("a.md"), STALE).expect("write");
    std::fs::hard_link(d.path().join("a.md"), d.path().join("b.md")).expect("link");
    std::fs::write(d.path().join("single.md"), STALE).expect("write");
    let o = seolint(d.path(), &["--no-config", "--fix", "a.md", "single.md"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a.md: file has 2 hard links and a fix would replace it under this name only; not fixed"),
        "{err}"
    );
    let (a, b) = (
        std::fs::metadata(d.path().join("a.md")).expect("stat"),
        std::fs::metadata(d.path().join("b.md")).expect("stat"),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "the link was split");
    assert_eq!(read(&d.path().join("a.md")), STALE);
    assert_eq!(read(&d.path().join("single.md")), FIXED);
    // the refused file's findings are those of what it still holds, and not counted as fixed
    let out = stdout(&o);
    assert!(
        out.contains("a.md") && out.contains("1 fixed, 1 remaining fixable"),
        "{out}"
    );
}

/// Mode bits stay, setuid included; as root, a file owned by someone else keeps its owner and
/// group (a root `--fix` used to leave a root-owned setuid file).
#[cfg(unix)]
#[test]
fn owner_group_and_mode_are_kept() {
    let d = tempfile::tempdir().expect("tmp");
    let path = d.path().join("a.md");
    std::fs::write(&path, STALE).expect("write");
    let is_root = can_give_files_away(d.path());
    if is_root {
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).expect("chown");
    }
    let mode = if is_root { 0o4751 } else { 0o640 };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    let o = seolint(d.path(), &["--no-config", "--fix", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&path), FIXED);
    let m = std::fs::metadata(&path).expect("stat");
    assert_eq!(m.mode() & 0o7777, mode, "mode {:o}", m.mode() & 0o7777);
    if is_root {
        assert_eq!((m.uid(), m.gid()), (65534, 65534));
    }
}

/// Whether this process may give a file away (root): try it on a scratch file.
#[cfg(unix)]
fn can_give_files_away(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = std::fs::write(&probe, "").is_ok() && std::os::unix::fs::chown(&probe, Some(65534), None).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// A user who cannot give the fixed copy the file's owner is refused, and the file is left as it
/// was: before, `nobody` fixing a root-owned, world-writable setuid file in a world-writable
/// folder left a setuid file owned by `nobody`. Needs root to set up (skipped otherwise).
#[cfg(unix)]
#[test]
fn a_file_whose_owner_cannot_be_kept_is_refused() {
    let d = tempfile::tempdir().expect("tmp");
    if !can_give_files_away(d.path()) {
        eprintln!("skipped: needs root to run seolint as another user");
        return;
    }
    let path = d.path().join("a.md");
    std::fs::write(&path, STALE).expect("write");
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o4777)).expect("chmod");
    let o = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_seolint"))
        .args(["--no-config", "--fix", "a.md"])
        .current_dir(d.path())
        .output();
    let Ok(o) = o.map_err(|e| eprintln!("skipped: no setpriv: {e}")) else {
        return;
    };
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a.md: owned by uid 0 gid 0, which a fixed copy written by this user cannot keep; not fixed"),
        "{err}"
    );
    let m = std::fs::metadata(&path).expect("stat");
    assert_eq!((m.uid(), m.mode() & 0o7777), (0, 0o4777));
    assert_eq!(read(&path), STALE);
    let left: Vec<_> = std::fs::read_dir(d.path()).expect("ls").flatten().collect();
    assert_eq!(left.len(), 1, "a temporary was left: {left:?}");
}

/// A `kill -9` during `--fix` leaves `.<name>.seolint-tmp-XXXXXX` beside the article: the walker
/// does not lint it, and the next `--fix` of that article removes it once it is over a minute
/// old (a younger one may be a concurrent run's; other files' and other names are not ours).
#[test]
fn temporaries_a_killed_fix_left_are_skipped_and_cleared() {
    let d = tempfile::tempdir().expect("tmp");
    let dir = d.path();
    std::fs::write(dir.join("a.md"), STALE).expect("write");
    let placeholder = "# Left\n\nBy [AUTHOR_NAME].\n";
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in [
        ".a.md.seolint-tmp-Old123",
        ".a.md.seolint-tmp-New123",
        ".b.md.seolint-tmp-Old123",
        ".a.md.seolint-tmp-TooLong1",
        "a.md.seolint-tmp-Old123",
    ] {
        std::fs::write(dir.join(name), placeholder).expect("write");
        if name.contains("Old") || name.contains("TooLong") {
            let f = std::fs::File::options().write(true).open(dir.join(name)).expect("open");
            f.set_modified(hour_ago).expect("age the file");
        }
    }
    let o = seolint(dir, &["--no-config", "--no-cache", "--format", "concise", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("seolint-tmp"), "{}", stdout(&o));
    let o = seolint(dir, &["--no-config", "--fix", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("removed 1 temporary file(s)"), "{}", stderr(&o));
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".a.md.seolint-tmp-New123",
            ".a.md.seolint-tmp-TooLong1",
            ".b.md.seolint-tmp-Old123",
            "a.md",
            "a.md.seolint-tmp-Old123"
        ]
    );
    assert_eq!(read(&dir.join("a.md")), FIXED);
}
