//! The site wiring of a run: which other pages the site checks may read.

use std::path::PathBuf;

use super::Plan;
use crate::engine::LintedFile;

/// The Markdown files under the configured content roots: the rest of the site, which site
/// checks read on demand (links into it, duplicates with it). Partials are not pages of the site.
pub(super) fn site_others(linted: &[LintedFile], plan: &Plan) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = linted.iter().filter_map(|f| f.settings.content_root.clone()).collect();
    roots.sort();
    roots.dedup();
    let mut others = crate::discover::discover(&roots).0;
    others.retain(|p| !plan.is_partial(p));
    others
}
