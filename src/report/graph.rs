//! The topic clusters of a site, as the `backlinks` rule sees them: each linted pillar page, the
//! pages its Related Articles section links to, whether each links back, and the links there
//! that go nowhere.

use crate::site::{Site, Target};

/// A pillar page and its cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub pillar: String,
    /// Why it is a pillar (`CONTENT_TYPE directive`, ...).
    pub reason: String,
    pub members: Vec<Member>,
}

/// A page the pillar's Related Articles section links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The page's path as the run shows it, or the missing target of a broken link.
    pub file: String,
    /// It links back to the pillar.
    pub links_back: bool,
    /// The link goes to no page or file: a broken link.
    pub missing: bool,
    /// It was linted in this run (a page of the content root outside the run has no row).
    pub linted: bool,
}

/// The clusters of `site`, pillars in site order; `pillars` says why each report's file is a
/// pillar page (by report index).
pub fn clusters(site: &Site, pillars: &[Option<String>]) -> Vec<Cluster> {
    let mut out = Vec::new();
    for (i, file) in site.files.iter().enumerate() {
        let Some(reason) = file.report.and_then(|r| pillars.get(r)).and_then(Option::as_deref) else {
            continue;
        };
        let Some(links) = file.links() else { continue };
        let mut members: Vec<Member> = Vec::new();
        for link in links.links.iter().filter(|l| l.related) {
            let member = match site.resolve(i, link.url) {
                Target::Page(j, _) if j != i => {
                    let cluster = &site.files[j];
                    Member {
                        file: cluster.display.to_string(),
                        // a page whose links cannot be read is not said to lack one, as the
                        // `backlinks` rule does not say it
                        links_back: site.links_to(j, i) != Some(false),
                        missing: false,
                        linted: cluster.report.is_some(),
                    }
                }
                Target::Missing(shown) => Member {
                    file: shown,
                    links_back: false,
                    missing: true,
                    linted: false,
                },
                _ => continue,
            };
            if !members.iter().any(|m| m.file == member.file) {
                members.push(member);
            }
        }
        out.push(Cluster {
            pillar: file.display.to_string(),
            reason: reason.to_string(),
            members,
        });
    }
    out
}
