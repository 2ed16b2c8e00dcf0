//! The report as one self-contained HTML page: minijinja templates embedded in the binary, HTML
//! auto-escaping on (titles, paths and messages are the user's text), the CSS and script inline,
//! the clusters drawn as inline SVG laid out here, deterministically.

use std::f64::consts::PI;

use minijinja::value::{Serde, Value};
use minijinja::{context, AutoEscape, Environment};
use serde::Serialize;

use super::{Cluster, SiteReport};

const PAGE: &str = include_str!("templates/report.html");
const STYLE: &str = include_str!("templates/report.css");
const SCRIPT: &str = include_str!("templates/report.js");

/// A row as the page shows it.
#[derive(Serialize)]
struct RowView<'a> {
    #[serde(flatten)]
    row: &'a super::Row,
    /// `good`, `ok`, `bad` or `none`: the score's band, for its colour.
    status: &'a str,
    /// The rules with findings in the article, space-separated, for the `rule:` filter.
    rules: String,
    failed: bool,
}

/// What the details panel shows of an article, in the page's JSON.
#[derive(Serialize)]
struct Details<'a> {
    file: &'a str,
    title: Option<&'a str>,
    score: Option<u32>,
    /// `[line, column, severity, rule, message]` each: compact for a site of thousands.
    findings: Vec<(usize, usize, &'a str, &'a str, &'a str)>,
    losses: &'a [super::Loss],
}

/// A cluster drawn: the SVG's size and what is in it.
#[derive(Serialize)]
struct ClusterView<'a> {
    pillar: &'a str,
    reason: &'a str,
    width: f64,
    height: f64,
    center: Node,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    missing_backlinks: usize,
    broken: usize,
}

#[derive(Serialize)]
struct Node {
    x: f64,
    y: f64,
    /// The label's place and anchor (`start` right of the circle, `end` left of it).
    lx: f64,
    ly: f64,
    anchor: &'static str,
    label: String,
    file: String,
    /// CSS classes: the score band, `outside` (not in this run), `broken`.
    class: String,
    /// The file's broken-link findings.
    broken_links: usize,
}

#[derive(Serialize)]
struct Edge {
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
    /// `linked` (both ways), `no-backlink` (red dashed), `broken` (to a missing page).
    class: &'static str,
}

/// The page. Fails only if a template does not render, which the tests rule out.
pub fn html(report: &SiteReport, version: &str, status_of: &dyn Fn(Option<u32>) -> &'static str) -> String {
    let mut env = Environment::new();
    // HTML escaping of `& < > " '` only: minijinja's also writes `/` as `&#x2f;`, which a browser
    // reads back the same but makes `data-file="docs&#x2f;a.md"` unreadable to grep and scripts
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::Html && !value.is_safe() && !value.is_undefined() {
            out.write_str(&escape(&value.to_string()))
                .map_err(minijinja::Error::from)
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    // one template set, embedded: parsing it cannot fail on the user's input
    let loaded = env
        .add_template("report.html", PAGE)
        .and_then(|_| env.add_template("report.css", STYLE))
        .and_then(|_| env.add_template("report.js", SCRIPT));
    let rows: Vec<RowView> = report
        .articles
        .iter()
        .map(|a| {
            let mut rules: Vec<&str> = a.findings.iter().map(|f| f.rule).collect();
            rules.sort_unstable();
            rules.dedup();
            RowView {
                row: &a.row,
                status: status_of(a.row.score),
                rules: rules.join(" "),
                failed: a.failed,
            }
        })
        .collect();
    let details: Vec<Details> = report
        .articles
        .iter()
        .map(|a| Details {
            file: &a.row.file,
            title: a.row.title.as_deref(),
            score: a.row.score,
            findings: a
                .findings
                .iter()
                .map(|f| (f.line, f.column, f.severity, f.rule, f.message.as_str()))
                .collect(),
            losses: &a.losses,
        })
        .collect();
    let score_of = |file: &str| {
        report
            .articles
            .iter()
            .find(|a| a.row.file == file)
            .map(|a| (status_of(a.row.score), broken_links(a)))
    };
    let clusters: Vec<ClusterView> = report.clusters.iter().map(|c| layout(c, &score_of)).collect();
    let totals = context! {
        articles => report.articles.len(),
        errors => report.articles.iter().map(|a| a.row.errors).sum::<usize>(),
        warnings => report.articles.iter().map(|a| a.row.warnings).sum::<usize>(),
        info => report.articles.iter().map(|a| a.row.info).sum::<usize>(),
        average_score => average(report.articles.iter().filter_map(|a| a.row.score)),
    };
    let rendered = loaded.and_then(|_| env.get_template("report.html")).and_then(|t| {
        t.render(context! {
            version,
            totals,
            rows => Value::from(Serde(&rows)),
            details => Value::from_safe_string(script_json(&details)),
            rules => Value::from(Serde(report.by_rule())),
            keywords => Value::from(Serde(report.shared_keywords())),
            clusters => Value::from(Serde(&clusters)),
        })
    });
    rendered.unwrap_or_else(|e| {
        format!(
            "<!doctype html><title>seolint report</title><p>report template error: {}</p>",
            escape(&e.to_string())
        )
    })
}

/// Compact JSON for a `<script type="application/json">`: `<`, `>` and `&` written as `\u003c`,
/// `\u003e`, `\u0026`, so that no text in it (`</script>`, `<!--`) can end the script.
fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

fn broken_links(a: &super::Article) -> usize {
    a.findings.iter().filter(|f| f.rule == "broken-link").count()
}

fn average(scores: impl Iterator<Item = u32>) -> Option<u32> {
    let (sum, n) = scores.fold((0u64, 0u64), |(s, n), v| (s + u64::from(v), n + 1));
    (n > 0).then(|| ((sum as f64 / n as f64).round()) as u32)
}

/// Text for HTML content or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Place a cluster: the pillar in the centre, its pages on a circle from 12 o'clock clockwise in
/// the order the pillar links them, the circle large enough that labels do not overlap.
fn layout<'a>(c: &'a Cluster, score_of: &dyn Fn(&str) -> Option<(&'static str, usize)>) -> ClusterView<'a> {
    const LABEL_ROOM: f64 = 190.0;
    let n = c.members.len();
    let radius = (n as f64 * 22.0 / (2.0 * PI)).max(110.0);
    let (cx, cy) = (radius + LABEL_ROOM, radius + 50.0);
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for (k, m) in c.members.iter().enumerate() {
        let angle = -PI / 2.0 + 2.0 * PI * k as f64 / n.max(1) as f64;
        let (x, y) = (cx + radius * angle.cos(), cy + radius * angle.sin());
        let right = angle.cos() >= -1e-9;
        let (band, broken_links) = score_of(&m.file).unwrap_or(("none", 0));
        let class = if m.missing {
            "broken".to_string()
        } else if m.linted {
            band.to_string()
        } else {
            "outside".to_string()
        };
        edges.push(Edge {
            x1: round(cx),
            y1: round(cy),
            x2: round(x),
            y2: round(y),
            class: if m.missing {
                "broken"
            } else if m.links_back {
                "linked"
            } else {
                "no-backlink"
            },
        });
        nodes.push(Node {
            x: round(x),
            y: round(y),
            lx: round(x + if right { 12.0 } else { -12.0 }),
            ly: round(y + 4.0),
            anchor: if right { "start" } else { "end" },
            label: short(&m.file),
            file: m.file.clone(),
            class,
            broken_links,
        });
    }
    let (band, broken_links) = score_of(&c.pillar).unwrap_or(("none", 0));
    ClusterView {
        pillar: &c.pillar,
        reason: &c.reason,
        width: round(2.0 * cx),
        height: round(2.0 * cy),
        center: Node {
            x: round(cx),
            y: round(cy),
            lx: round(cx),
            ly: round(cy + 34.0),
            anchor: "middle",
            label: short(&c.pillar),
            file: c.pillar.clone(),
            class: format!("pillar {band}"),
            broken_links,
        },
        nodes,
        edges,
        missing_backlinks: c.members.iter().filter(|m| !m.missing && !m.links_back).count(),
        broken: c.members.iter().filter(|m| m.missing).count(),
    }
}

/// A node's label: the file name without its folder and Markdown extension, at most 26
/// characters (the full path is the node's tooltip).
fn short(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = [".md", ".markdown", ".mdx"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    if name.chars().count() > 26 {
        let mut s: String = name.chars().take(25).collect();
        s.push('…');
        s
    } else {
        name.to_string()
    }
}
