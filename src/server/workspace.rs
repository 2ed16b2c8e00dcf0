//! The site checks over the workspace, on a thread of their own: which open documents take
//! part, the pass itself with its places in other files, and its findings published when they
//! are not stale.

use super::*;

impl Server {
    /// Start the site pass for every open document that belongs to a site (under the
    /// configured content root, else the workspace folder), with the site's other files from
    /// disk, on a thread of its own: reading the site takes longer than a keystroke. Its
    /// findings come back as [`Event::SiteChecked`]; one pass runs at a time, and a pass asked
    /// for meanwhile starts when it ends.
    pub(super) fn check_site(&mut self) {
        if self.site_running {
            self.site_due = true;
            return;
        }
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        let mut taking: Vec<Taking> = Vec::new();
        for uri in uris {
            let Some(doc) = self.docs.get(&uri) else { continue };
            let (Some(path), Some(Linted::Report(report))) = (doc.path.clone(), &doc.linted) else {
                continue;
            };
            let (report, generation) = (report.clone(), doc.generation);
            let Ok(Some(settings)) = self.settings_for(Some(&path)) else {
                continue;
            };
            if !settings.site_run {
                continue;
            }
            if let Some(root) = site::root_of(&settings, self.root.as_deref()).map(|r| absolute(&r)) {
                taking.push(Taking {
                    root,
                    uri,
                    generation,
                    path,
                    report,
                    settings,
                });
            }
        }
        let had_findings = self.docs.values().any(|d| !d.site.is_empty());
        if taking.is_empty() && !had_findings {
            return;
        }
        self.site_running = true;
        let resolver = self.resolver.clone();
        let events = self.events.clone();
        let (generation, encoding) = (self.generation, self.encoding);
        let spawned = std::thread::Builder::new()
            .name("seolint-site".to_string())
            .spawn(move || {
                let found = guarded(|| site_pass(&taking, &resolver, encoding)).unwrap_or_else(|why| {
                    log(&why);
                    HashMap::new()
                });
                let _ = events.send(Event::SiteChecked(Checked { generation, found }));
            });
        if let Err(e) = spawned {
            log(&format!("cannot start the site checks: {e}"));
            self.site_running = false;
        }
    }

    /// A site pass ended: each open document gets its findings (moved along with the edits made
    /// since the pass began) and its diagnostics are published again. A pass that began before
    /// the last reload checked with the old settings: its findings are dropped (the reload asked
    /// for a new pass).
    pub(super) fn site_checked(&mut self, checked: Checked, out: &mut impl Write) -> io::Result<()> {
        self.site_running = false;
        if checked.generation < self.reloaded {
            return Ok(());
        }
        let mut found = checked.found;
        for doc in self.docs.values_mut() {
            let (generation, mut now) = found.remove(doc.uri.as_str()).unwrap_or_default();
            if now.is_empty() && doc.site.is_empty() {
                continue;
            }
            if generation != doc.generation {
                let text = doc.text.as_str();
                now.retain_mut(|a| a.follow(text));
            }
            doc.site = now;
            if doc.linted.is_some() {
                publish_doc(doc, self.encoding, out)?;
            }
        }
        Ok(())
    }
}

/// A site pass's findings: the generation it started in, and per document the generation of
/// the text it checked with that text's findings.
pub(super) struct Checked {
    pub(super) generation: u64,
    pub(super) found: HashMap<String, (u64, Vec<site::Anchored>)>,
}

/// An open document taking part in a site pass, with the site's folder.
pub(super) struct Taking {
    pub(super) root: PathBuf,
    pub(super) uri: String,
    /// The generation of the document's text.
    pub(super) generation: u64,
    pub(super) path: PathBuf,
    pub(super) report: Arc<Report>,
    pub(super) settings: Arc<Settings>,
}

/// The site pass over the open documents taking part, per site folder: each document's site
/// findings with the generation of the text they were found in, and their places in other
/// files as LSP locations (in `encoding`).
pub(super) fn site_pass(
    taking: &[Taking],
    resolver: &Resolver,
    encoding: Encoding,
) -> HashMap<String, (u64, Vec<site::Anchored>)> {
    let mut roots: Vec<&PathBuf> = taking.iter().map(|t| &t.root).collect();
    roots.sort();
    roots.dedup();
    let mut found = HashMap::new();
    let mut texts = HashMap::new();
    for root in roots {
        let group: Vec<&Taking> = taking.iter().filter(|t| &t.root == root).collect();
        let open: Vec<&Path> = group.iter().map(|t| t.path.as_path()).collect();
        let mut others = crate::discover::discover(std::slice::from_ref(root)).0;
        others.retain(|p| {
            let config = resolver.config_for(p).ok().flatten();
            !open.contains(&p.as_path()) && !crate::config::is_partial(config.as_deref(), p)
        });
        let members: Vec<site::Member> = group
            .iter()
            .map(|t| site::Member {
                path: &t.path,
                report: &t.report,
                settings: &t.settings,
            })
            .collect();
        for (t, mut anchored) in group.iter().zip(site::check(&members, others)) {
            for a in &mut anchored {
                a.related = related(&a.diagnostic, taking, encoding, &mut texts);
            }
            found.insert(t.uri.clone(), (t.generation, anchored));
        }
    }
    found
}

/// A site finding's places in other files as LSP locations: in the text an open document had
/// for the pass, else in the file on disk (read once per pass, into `texts`); a place without a
/// span (a whole file) is its start, with nothing read.
pub(super) fn related(
    d: &crate::diagnostic::Diagnostic,
    taking: &[Taking],
    encoding: Encoding,
    texts: &mut HashMap<PathBuf, Option<Text>>,
) -> Vec<lsp_types::DiagnosticRelatedInformation> {
    d.elsewhere
        .iter()
        .filter_map(|e| {
            let uri = text::uri_of(&e.path)?;
            let range = if e.span.is_empty() && e.span.start == 0 {
                lsp_types::Range::default()
            } else {
                let text = texts.entry(e.path.to_path_buf()).or_insert_with(|| {
                    let source = match taking.iter().find(|t| t.path.as_path() == &*e.path) {
                        Some(t) => t.report.source().to_string(),
                        None => {
                            let bytes = crate::input::read_limited(&e.path, "an article").ok()?;
                            String::from_utf8_lossy(&bytes).into_owned()
                        }
                    };
                    Some(Text::new(source))
                });
                text.as_ref()?.range(e.span, encoding)
            };
            Some(lsp_types::DiagnosticRelatedInformation {
                location: lsp_types::Location::new(uri, range),
                message: e.message.clone(),
            })
        })
        .collect()
}
