//! The site pass: the site rules over what every linted file left (its summary), plus the rest
//! of the content root, their findings added to the files' reports.

use std::path::{Path, PathBuf};

use super::{sort, Report};
use crate::diagnostic::Diagnostic;
use crate::rules::{self, RULES};
use crate::settings::Settings;

/// A linted file for the site pass, borrowed from the run's inputs.
#[derive(Debug, Clone, Copy)]
pub struct LintedFile<'a> {
    /// Its report's index in the reports given to [`run_site_checks`].
    pub report: usize,
    /// Its path on disk, or the name standard input stands for.
    pub path: &'a Path,
    pub settings: &'a Settings,
}

/// The site pass: build the site from the reports' summaries (each with the path on disk it stands
/// for and its settings) plus `others` (the rest of the content root), run the site rules, and add
/// their findings to the reports, honouring each file's severity settings and suppressions.
/// `done` gets a report (and its index) each time a rule hands on its findings for that file
/// (rule by rule, in report order within a rule), with its text: a streaming run writes and
/// forgets them there, so the run holds one file's findings of one rule at a time.
pub fn run_site_checks(
    reports: &mut [Report],
    linted: &[LintedFile],
    others: Vec<PathBuf>,
    done: impl FnMut(usize, &mut Report),
) {
    run_site_checks_then(reports, linted, others, done, |_, _| {});
}

/// [`run_site_checks`], then `after` reads the site they ran over, with why each report's file
/// is a pillar page (by report index; `None`: not one): `seolint report` draws its topic
/// clusters from them.
pub fn run_site_checks_then(
    reports: &mut [Report],
    linted: &[LintedFile],
    others: Vec<PathBuf>,
    mut done: impl FnMut(usize, &mut Report),
    after: impl FnOnce(&crate::site::Site, &[Option<String>]),
) {
    let Some(first) = linted.first() else { return };
    let content_root = linted.iter().find_map(|f| f.settings.content_root.clone());
    let host = linted.iter().find_map(|f| f.settings.site_host.clone());
    // each summary moves from its report into the site, one at a time
    let entries = linted.iter().filter_map(|f| {
        let r = &mut reports[f.report];
        let summary = r.summary.take()?;
        Some((f.path, r.path.clone(), f.report, summary))
    });
    let slugs = linted.iter().find_map(|f| f.settings.slugs);
    let site = crate::site::Site::build(entries, others, content_root, host, &first.settings.fields, slugs);
    let mut by_report: Vec<Option<&LintedFile>> = vec![None; reports.len()];
    for f in linted {
        if let Some(slot) = by_report.get_mut(f.report) {
            *slot = Some(f);
        }
    }
    let by_report = |report: usize| by_report.get(report).copied().flatten();
    let pillars: Vec<Option<String>> = reports.iter_mut().map(|r| r.pillar.take()).collect();
    // rule by rule, and within a rule file by file as the rule hands them on: a report that kept
    // no text reads it again for the lines of suppressions and the positions of the new
    // findings, hands them on and lets them go before the next, so the run holds one file's
    // findings at a time
    let mut place = |report: usize, found: Vec<Diagnostic>| {
        let Some(r) = reports.get_mut(report) else { return };
        let restored = by_report(report).is_some_and(|f| r.restore_source(f.path));
        for d in found {
            let line = r.line_col(d.span.start).line;
            if !r.suppressions.suppresses(d.rule, line) {
                r.diagnostics.push(d);
            }
        }
        sort(&mut r.diagnostics);
        done(report, r);
        // a report read again is left as it was found: without its text
        if restored {
            r.drop_source();
        }
    };
    for rule in RULES {
        let rules::Check::Site(check) = rule.check else {
            continue;
        };
        let severity_of = |report: usize| by_report(report).and_then(|f| rule.setting_in(f.settings).0);
        let mut ctx = rules::SiteContext::new(&site, rule, &severity_of, &pillars, &mut place);
        check(&mut ctx);
        ctx.finish();
    }
    after(&site, &pillars);
}
