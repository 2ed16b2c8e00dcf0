//! Where a project's result cache is, and `seolint clean`.
//!
//! The cache folder is `--cache-dir`, else `SEOLINT_CACHE_DIR`, else `.seolint_cache` in the
//! project root: the folder of the config that applies to the current directory (`--config`,
//! or the closest `.seolint.yaml` above it, as a file there would find it), else the current
//! directory.

use std::path::{Path, PathBuf};

use super::Failure;
use crate::config::Resolver;

/// The cache folder's name in the project root.
pub const CACHE_DIR_NAME: &str = ".seolint_cache";

/// The cache folder for a run from the current directory: `flag` (`--cache-dir`), else
/// `SEOLINT_CACHE_DIR`, else `.seolint_cache` in the project root that `resolver` finds.
pub(super) fn cache_dir_with(resolver: &Resolver, flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("SEOLINT_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    // as a file in the current directory would find its config
    let root = resolver
        .config_for(Path::new("file.md"))
        .ok()
        .flatten()
        .map_or_else(|| PathBuf::from("."), |c| c.dir.clone());
    root.join(CACHE_DIR_NAME)
}

/// `seolint clean`: remove the cache folder of the project (see [`cache_dir_with`]). A folder
/// that is not a seolint cache (no `CACHEDIR.TAG` of seolint's) is left alone, with an error.
/// Returns what it did, for standard error.
pub fn clean(flag: Option<&Path>, config: Option<&Path>, no_config: bool) -> Result<String, Failure> {
    let resolver = Resolver::new(config, no_config).map_err(Failure::new)?;
    let dir = cache_dir_with(&resolver, flag);
    let shown = dir.display();
    if !dir.exists() {
        return Ok(format!("no cache at {shown}"));
    }
    let tag = std::fs::read_to_string(dir.join("CACHEDIR.TAG")).unwrap_or_default();
    if tag != crate::engine::CACHEDIR_TAG {
        return Err(Failure::new(format!(
            "{shown} is not a seolint cache (no CACHEDIR.TAG of seolint's); not removed"
        )));
    }
    std::fs::remove_dir_all(&dir).map_err(|e| Failure::new(format!("removing {shown}: {e}")))?;
    Ok(format!("removed {shown}"))
}
