//! `seolint report`: the site at a glance. One row per article (its figures, its findings by
//! severity, its score), worst first; the findings per rule across the site; the topic clusters;
//! the keywords articles share. Written as one self-contained HTML page (`html`), or the table
//! alone as CSV or JSON (`table`). `graph` draws the clusters from the site index.

mod graph;
mod html;
mod table;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

pub use graph::{clusters, Cluster, Member};
pub use html::html;
pub use table::{csv, json};

/// One article's line of the table: the same columns in HTML, CSV and JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The path as the run names it.
    pub file: String,
    /// The page title (front matter, else the H1), as a reader sees it.
    pub title: Option<String>,
    pub words: usize,
    /// The primary keyword, wherever it came from (front matter, directive, `--keyword`).
    pub keyword: Option<String>,
    /// Keyword density in percent, two decimals; `None` without a keyword.
    pub density: Option<f64>,
    pub reading_minutes: u64,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    /// 0-100 (`seolint stats`'s score); `None` for an article too short to score, or one that
    /// could not be linted.
    pub score: Option<u32>,
}

/// One finding of an article, placed.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub severity: &'static str,
    pub rule: &'static str,
    pub message: String,
}

/// A check of the score that lost points: what to fix first.
#[derive(Debug, Clone, Serialize)]
pub struct Loss {
    pub check: &'static str,
    pub lost: u32,
    pub message: Option<String>,
}

/// An article of the report: its row, and what the details panel shows.
#[derive(Debug, Clone)]
pub struct Article {
    pub row: Row,
    pub findings: Vec<Finding>,
    /// The score's biggest losses, biggest first.
    pub losses: Vec<Loss>,
    /// The article names its keyword itself (not `--keyword`, which every article shares by
    /// the user's choice): only these count as articles sharing a keyword.
    pub declared_keyword: bool,
    /// The file could not be linted (binary, not UTF-8, too large).
    pub failed: bool,
}

/// The report of a site: its articles worst first, and its topic clusters.
#[derive(Debug, Clone)]
pub struct SiteReport {
    pub articles: Vec<Article>,
    pub clusters: Vec<Cluster>,
}

/// How many findings one rule gave across the site.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    /// The highest severity among them.
    pub severity: &'static str,
    pub findings: usize,
    pub files: usize,
}

/// A keyword that more than one article targets, and those articles.
#[derive(Debug, Clone, Serialize)]
pub struct SharedKeyword {
    pub keyword: String,
    pub files: Vec<String>,
}

impl SiteReport {
    /// The report, its articles sorted worst first: files that could not be linted, then by
    /// score (lowest first; unscored after the scored), then most errors, most warnings, path.
    pub fn new(mut articles: Vec<Article>, clusters: Vec<Cluster>) -> SiteReport {
        articles.sort_by(worst_first);
        SiteReport { articles, clusters }
    }

    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.articles.iter().map(|a| &a.row)
    }

    /// Findings per rule across the site, most first (then by name).
    pub fn by_rule(&self) -> Vec<RuleCount> {
        let mut counts: BTreeMap<&'static str, (u8, &'static str, usize, usize)> = BTreeMap::new();
        for a in &self.articles {
            let mut seen: Vec<&str> = Vec::new();
            for f in &a.findings {
                let rank = severity_rank(f.severity);
                let entry = counts.entry(f.rule).or_insert((rank, f.severity, 0, 0));
                if rank > entry.0 {
                    (entry.0, entry.1) = (rank, f.severity);
                }
                entry.2 += 1;
                if !seen.contains(&f.rule) {
                    seen.push(f.rule);
                    entry.3 += 1;
                }
            }
        }
        let mut out: Vec<RuleCount> = counts
            .into_iter()
            .map(|(rule, (_, severity, findings, files))| RuleCount {
                rule,
                severity,
                findings,
                files,
            })
            .collect();
        out.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.rule.cmp(b.rule)));
        out
    }

    /// Keywords that two or more articles declare (compared case- and space-insensitively, as
    /// `duplicate-keyword` does), the most shared first; files in table order.
    pub fn shared_keywords(&self) -> Vec<SharedKeyword> {
        let mut groups: BTreeMap<String, SharedKeyword> = BTreeMap::new();
        for a in self.articles.iter().filter(|a| a.declared_keyword) {
            let Some(keyword) = &a.row.keyword else { continue };
            let key = keyword.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            if key.is_empty() {
                continue;
            }
            groups
                .entry(key)
                .or_insert_with(|| SharedKeyword {
                    keyword: keyword.clone(),
                    files: Vec::new(),
                })
                .files
                .push(a.row.file.clone());
        }
        let mut out: Vec<SharedKeyword> = groups.into_values().filter(|g| g.files.len() > 1).collect();
        out.sort_by_key(|g| std::cmp::Reverse(g.files.len()));
        out
    }
}

fn severity_rank(severity: &str) -> u8 {
    match severity {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}

fn worst_first(a: &Article, b: &Article) -> Ordering {
    let score = |x: &Article| x.row.score.map_or(u64::from(u32::MAX), u64::from);
    b.failed
        .cmp(&a.failed)
        .then(score(a).cmp(&score(b)))
        .then(b.row.errors.cmp(&a.row.errors))
        .then(b.row.warnings.cmp(&a.row.warnings))
        .then(a.row.file.cmp(&b.row.file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(file: &str, score: Option<u32>, errors: usize, keyword: Option<&str>) -> Article {
        Article {
            row: Row {
                file: file.to_string(),
                title: None,
                words: 100,
                keyword: keyword.map(str::to_string),
                density: None,
                reading_minutes: 1,
                errors,
                warnings: 0,
                info: 0,
                score,
            },
            findings: (0..errors)
                .map(|i| Finding {
                    line: i + 1,
                    column: 1,
                    severity: "error",
                    rule: if i % 2 == 0 { "heading-h1" } else { "placeholder" },
                    message: String::new(),
                })
                .collect(),
            losses: Vec::new(),
            declared_keyword: true,
            failed: false,
        }
    }

    #[test]
    fn worst_pages_come_first() {
        let r = SiteReport::new(
            vec![
                article("a.md", Some(90), 0, None),
                article("b.md", None, 3, None),
                article("c.md", Some(40), 1, None),
                article("d.md", Some(40), 2, None),
            ],
            Vec::new(),
        );
        let order: Vec<&str> = r.rows().map(|r| r.file.as_str()).collect();
        assert_eq!(order, ["d.md", "c.md", "a.md", "b.md"]);
    }

    #[test]
    fn rules_and_keywords_are_counted_across_the_site() {
        let r = SiteReport::new(
            vec![
                article("a.md", Some(90), 3, Some("Cold  Brew")),
                article("b.md", Some(80), 1, Some("cold brew")),
                article("c.md", Some(70), 0, Some("espresso")),
            ],
            Vec::new(),
        );
        let rules: Vec<(&str, usize, usize)> = r.by_rule().iter().map(|c| (c.rule, c.findings, c.files)).collect();
        assert_eq!(rules, [("heading-h1", 3, 2), ("placeholder", 1, 1)]);
        let shared = r.shared_keywords();
        assert_eq!(shared.len(), 1);
        assert_eq!(shared[0].files, ["b.md", "a.md"]);
    }
}
