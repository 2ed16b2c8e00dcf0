//! Configuration: `.seolint.yaml` discovery (the closest one walking up from each file, stopping
//! at the repository root), presets, per-path overrides, and where every value came from. Unknown
//! keys, rule names and options are errors with the file, the line and a "did you mean".
//!
//! `file` reads and checks one config file, `resolve` finds the config for a file and turns it
//! into `Settings`, `describe` writes what `seolint config` and `seolint init` print.

mod describe;
mod file;
mod resolve;

pub use describe::{describe, init_text};
pub use file::{ConfigError, ConfigFile, RawSite, PRESETS};
pub use resolve::{is_partial, Resolver};
