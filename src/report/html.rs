//! The report as one self-contained HTML page: minijinja templates embedded in the binary, HTML
//! auto-escaping on (titles, paths and messages are the user's text), the CSS and script inline,
//! the clusters drawn as inline SVG laid out here, deterministically.

use std::collections::HashMap;
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
    /// The path under the folder all rows share (the full one is `file`).
    shown: &'a str,
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
    /// The label's place and anchor (`start` right of the circle, `end` left of it), and its
    /// rotation in degrees around that place: along the radius, so labels never overlap.
    lx: f64,
    ly: f64,
    anchor: &'static str,
    rotate: f64,
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
    let prefix = common_folder(report.rows().map(|r| r.file.as_str()));
    let rows: Vec<RowView> = report
        .articles
        .iter()
        .map(|a| {
            let mut rules: Vec<&str> = a.findings.iter().map(|f| f.rule).collect();
            rules.sort_unstable();
            rules.dedup();
            RowView {
                row: &a.row,
                shown: a.row.file.get(prefix.len()..).unwrap_or(&a.row.file),
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
    let by_file: HashMap<&str, &super::Article> = report.articles.iter().map(|a| (a.row.file.as_str(), a)).collect();
    let score_of = |file: &str| by_file.get(file).map(|a| (status_of(a.row.score), broken_links(a)));
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
            prefix,
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

/// The folder every path is in, with its trailing `/` (empty when they share none): the table
/// shows the paths under it, so that a long common start does not fill the column.
fn common_folder<'a>(mut paths: impl Iterator<Item = &'a str>) -> &'a str {
    let Some(first) = paths.next() else { return "" };
    // `/` is ASCII: the byte after one is always a character boundary
    let folder_end = |bytes: &[u8]| bytes.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let mut len = folder_end(first.as_bytes());
    for p in paths {
        let same = first.as_bytes()[..len]
            .iter()
            .zip(p.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        len = folder_end(&first.as_bytes()[..same]);
    }
    first.get(..len).unwrap_or("")
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
    const LABEL_ROOM: f64 = 200.0;
    const RADIAL_FROM: usize = 12;
    let n = c.members.len();
    // a few labels read best level, beside their node; more would overlap above and below the
    // pillar, so they turn along the radius, 16 px of arc apart
    let radial = n > RADIAL_FROM;
    let radius = (n as f64 * 16.0 / (2.0 * PI)).max(110.0);
    let (cx, cy) = (radius + LABEL_ROOM, radius + if radial { LABEL_ROOM } else { 50.0 });
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
        let degrees = angle.to_degrees();
        nodes.push(Node {
            x: round(x),
            y: round(y),
            lx: round(if radial {
                x + 12.0 * angle.cos()
            } else if right {
                x + 12.0
            } else {
                x - 12.0
            }),
            ly: round(if radial { y + 12.0 * angle.sin() } else { y }),
            anchor: if right { "start" } else { "end" },
            // text reads left to right on both halves
            rotate: match radial {
                true => round(half_turn(if right { degrees } else { degrees + 180.0 })),
                false => 0.0,
            },
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
            rotate: 0.0,
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

/// An angle in degrees as -180..=180.
fn half_turn(degrees: f64) -> f64 {
    let d = degrees.rem_euclid(360.0);
    if d > 180.0 {
        d - 360.0
    } else {
        d
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Member;

    fn member(file: &str, links_back: bool, missing: bool) -> Member {
        Member {
            file: file.to_string(),
            links_back,
            missing,
            linted: !missing,
        }
    }

    /// The pillar in the centre, its pages clockwise from 12 o'clock, each edge saying whether
    /// the page links back; labels right of the circle's right half, left of its left half.
    #[test]
    fn a_cluster_is_laid_out_around_its_pillar() {
        let c = Cluster {
            pillar: "guide.md".to_string(),
            reason: "CONTENT_TYPE directive".to_string(),
            members: vec![
                member("a.md", true, false),
                member("b.md", false, false),
                member("gone.md", false, true),
                member("d/very-long-name-of-an-article-about-coffee.md", true, false),
            ],
        };
        let v = layout(&c, &|f| (f == "b.md").then_some(("bad", 2)));
        let (cx, cy) = (v.center.x, v.center.y);
        assert_eq!((v.width, v.height), (2.0 * cx, 2.0 * cy));
        let r = cy - v.nodes[0].y;
        assert!(r >= 110.0 && (v.nodes[0].x - cx).abs() < 0.1, "first at 12 o'clock");
        assert!(
            (v.nodes[1].x - (cx + r)).abs() < 0.1 && (v.nodes[1].y - cy).abs() < 0.1,
            "second at 3"
        );
        assert!((v.nodes[3].x - (cx - r)).abs() < 0.1, "fourth at 9");
        let anchors: Vec<&str> = v.nodes.iter().map(|n| n.anchor).collect();
        assert_eq!(anchors, ["start", "start", "start", "end"]);
        assert!(
            v.nodes.iter().all(|n| n.rotate == 0.0 && n.ly == n.y),
            "a few labels stay level"
        );
        // many turn along the radius, reading left to right on both sides
        let many = Cluster {
            members: (0..16).map(|i| member(&format!("p{i}.md"), true, false)).collect(),
            ..c.clone()
        };
        let w = layout(&many, &|_| None);
        let turns: Vec<f64> = w.nodes.iter().step_by(4).map(|n| n.rotate).collect();
        assert_eq!(turns, [-90.0, 0.0, 90.0, 0.0]);
        assert_eq!(w.height, w.width, "room for labels above and below");
        let edges: Vec<&str> = v.edges.iter().map(|e| e.class).collect();
        assert_eq!(edges, ["linked", "no-backlink", "broken", "linked"]);
        let classes: Vec<&str> = v.nodes.iter().map(|n| n.class.as_str()).collect();
        assert_eq!(classes, ["none", "bad", "broken", "none"]);
        assert_eq!(v.nodes[1].broken_links, 2);
        assert_eq!((v.missing_backlinks, v.broken), (1, 1));
        assert_eq!(v.nodes[3].label, "very-long-name-of-an-arti…");
        assert_eq!(v.center.label, "guide");
    }

    #[test]
    fn paths_are_shown_under_their_common_folder() {
        assert_eq!(common_folder(["a/b/c.md", "a/b/d/e.md", "a/bc.md"].into_iter()), "a/");
        assert_eq!(common_folder(["a/b/c.md", "a/b/d.md"].into_iter()), "a/b/");
        assert_eq!(common_folder(["x.md", "a/b.md"].into_iter()), "");
        assert_eq!(common_folder(["/s/é/a.md", "/s/é/b.md"].into_iter()), "/s/é/");
        // é and è share their first byte: the cut stays at the folder before them
        assert_eq!(common_folder(["/s/é/a.md", "/s/è/b.md"].into_iter()), "/s/");
        assert_eq!(common_folder(std::iter::empty()), "");
    }

    #[test]
    fn script_json_cannot_end_its_script() {
        let json = script_json(&["</script><!-- & >"]);
        assert_eq!(json, r#"["\u003c/script\u003e\u003c!-- \u0026 \u003e"]"#);
        let back: Vec<String> = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back, ["</script><!-- & >"]);
    }
}
