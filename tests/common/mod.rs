//! Running the built binary, shared by the integration tests.
#![allow(dead_code)] // each test file uses its own subset

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `seolint ARGS` in `dir`, with nothing on stdin.
pub fn seolint(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, None)
}

/// `seolint ARGS` in `dir`, with `stdin` written to its standard input when given.
pub fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_with_env(dir, args, stdin, &[])
}

/// [`run`] with these environment variables set.
pub fn run_with_env(dir: &Path, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_seolint"));
    // the caller's colour and width settings stay out of the tests
    cmd.args(args).current_dir(dir);
    for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS"] {
        cmd.env_remove(name);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run seolint");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        pipe.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("seolint output")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary folder for one test.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Write `content` to `name` under `dir`, making its folders.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(p, content).expect("write file");
}
