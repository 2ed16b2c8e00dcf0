//! The site model for checks across files. After the per-file pass each linted Document leaves a
//! small summary (no AST survives a file); the other Markdown files of the site get a cheap summary
//! from their front matter, and are parsed in full only when a link needs their anchors or links.
//!
//! How a URL finds its file, in one place:
//! - a relative URL resolves against the linking article's folder (`./other.md`, `../guide/`), and,
//!   for pretty URLs without an extension, also against the article's own URL (`a/b.md` is served
//!   at `a/b/`, so `../c/` from it means `a/c/`);
//! - a root-relative URL, or an absolute one on the site's host, resolves through
//!   `site.content_root`: `/guides/x/` is `content_root/guides/x.md`, `.../x/index.md`,
//!   `.../x/_index.md` or `.../x/README.md`; and through front matter `url`, `path`, `permalink`,
//!   `aliases` and `slug` (a slug stands for its folder's path plus the slug);
//! - Zola's `@/path.md` is relative to the content root;
//! - without a content root, root-relative and `@/` URLs are not resolved (and not reported).
//!
//! A path with an extension other than Markdown or HTML is an asset: it only has to exist.
//!
//! `summary` holds what each page contributes; `resolve` the site index and the rules above.

mod resolve;
mod summary;

pub(crate) use resolve::key;
use resolve::normalize_url;
pub use resolve::{Site, SiteFile, Target};
pub use summary::{summarize, Located, NameSet, PageLinks, PageSummary, PageValues, SiteLink, SiteLinks};
