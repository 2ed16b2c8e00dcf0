//! Lint files: read each one, parse it once, run every enabled rule over the Document, sort the
//! findings; then the site pass over what the files left for it. Files are linted in parallel; a
//! file that cannot be read or is not text becomes a finding or an error of that file, never a
//! panic, and the other files are still linted.
//!
//! - `lint`: one file, from its bytes or its text, to a [`Report`]
//! - `schedule`: many files over the worker threads, results in input order
//! - `site`: the site rules over the summaries the files left
//! - `report`: what linting one file found, and how it gives up its text
//! - `cache`: the result cache, what linting each file found kept on disk for the next run

mod cache;
mod cache_file;
mod lint;
mod report;
mod schedule;
mod site;

pub use cache::{fingerprint, Cache, CACHEDIR_TAG};
pub use cache_file::CACHE_FORMAT;
pub use lint::{
    check_document, decode, lint_bytes, lint_input, lint_source, lint_source_landmarks, pillar_reason, read_input,
    sort, Landmarks,
};
pub use report::{External, Report};
pub use schedule::{lint_inputs, lint_inputs_each, lint_inputs_map, lint_inputs_with};
pub use site::{run_site_checks, run_site_checks_then, LintedFile};
