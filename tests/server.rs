//! `seolint server` driven over stdio as an editor drives it: the real binary, framed JSON-RPC.

#[path = "common/lsp.rs"]
mod lsp;

use std::path::Path;

use lsp::{apply_edits, uri_of, Client};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_seolint");

const ARTICLE: &str = "# Sourdough in Brief\n\n**Estimated Reading Time:** 12 minutes\n\nBy [AUTHOR_NAME]. Sourdough is bread raised by a culture of wild yeast and bacteria.\n";

/// A workspace of its own: a repository root, so no config above it is found.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    dir
}

fn start(dir: &Path, capabilities: Value, options: Value) -> Client {
    let mut client = Client::spawn(BIN, dir);
    client.initialize(dir, capabilities, options);
    client
}

fn by_rule<'a>(diagnostics: &'a Value, rule: &str) -> Vec<&'a Value> {
    diagnostics["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == json!(rule))
        .collect()
}

fn range(l1: u64, c1: u64, l2: u64, c2: u64) -> Value {
    json!({ "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 } })
}

#[test]
fn open_change_fix_hover_and_a_clean_exit() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    let uri = uri_of(&dir.path().join("sourdough.md"));
    c.open(&uri, ARTICLE);
    let first = c.diagnostics(&uri);
    assert_eq!(first["version"], json!(1));
    let placeholder = by_rule(&first, "placeholder");
    assert_eq!(placeholder.len(), 1, "{first:#}");
    assert_eq!(placeholder[0]["range"], range(4, 3, 4, 16));
    assert_eq!(placeholder[0]["severity"], json!(1));
    assert_eq!(placeholder[0]["source"], json!("seolint"));
    assert!(
        placeholder[0]["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("https://")),
        "{placeholder:?}"
    );
    let reading = by_rule(&first, "reading-time");
    assert_eq!(reading.len(), 1, "{first:#}");
    assert_eq!(reading[0]["range"], range(2, 28, 2, 30));
    assert_eq!(reading[0]["severity"], json!(2));
    assert!(reading[0]["data"]["fix"]["edits"].is_array(), "{reading:?}");

    // an incremental change: the placeholder filled in
    let mut text = ARTICLE.replace("[AUTHOR_NAME]", "Ana Silva");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": range(4, 3, 4, 16), "text": "Ana Silva" }] }),
    );
    let second = c.diagnostics(&uri);
    assert_eq!(second["version"], json!(2));
    assert!(by_rule(&second, "placeholder").is_empty(), "{second:#}");
    assert_eq!(by_rule(&second, "reading-time").len(), 1, "{second:#}");

    // the quick fix for the reading time, applied as the editor would
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(2, 29, 2, 29), "context": { "diagnostics": [] } }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == json!("quickfix") && a["isPreferred"] == json!(true))
        .unwrap_or_else(|| panic!("a preferred quick fix in {actions:#?}"));
    assert_eq!(fix["diagnostics"][0]["code"], json!("reading-time"));
    let edits = fix["edit"]["changes"][&uri].as_array().expect("edits");
    text = apply_edits(&text, edits);
    assert!(text.contains("**Estimated Reading Time:** 1 minute"), "{text}");
    assert!(
        actions
            .iter()
            .any(|a| a["title"] == json!("Disable reading-time for this line")),
        "{actions:#?}"
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": text }] }),
    );
    let third = c.diagnostics(&uri);
    assert!(by_rule(&third, "reading-time").is_empty(), "{third:#}");

    // hover on a finding: its rule's documentation
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": ARTICLE }] }),
    );
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 6 } }),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        value.contains("seolint `placeholder`") && value.contains("## What it does"),
        "{hover:#}"
    );
    assert_eq!(hover["result"]["range"], range(4, 3, 4, 16));
    let nothing = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 0 } }),
    );
    assert_eq!(nothing["result"], Value::Null, "{nothing:#}");

    // closing clears the document's diagnostics
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    let closed = c.wait_for(|m| {
        m["method"] == json!("textDocument/publishDiagnostics") && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(closed["params"]["uri"], json!(uri));
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn positions_after_emoji_and_cjk_in_utf16_and_utf8() {
    let text = "# Title\n\n😀 中文 [AUTHOR_NAME] done.\n";
    for (offered, encoding, start) in [
        (json!(["utf-16"]), "utf-16", 6),
        (json!(["utf-8", "utf-16"]), "utf-8", 12),
    ] {
        let dir = workspace();
        let mut c = Client::spawn(BIN, dir.path());
        let result = c.initialize(
            dir.path(),
            json!({ "general": { "positionEncodings": offered } }),
            Value::Null,
        );
        assert_eq!(result["capabilities"]["positionEncoding"], json!(encoding));
        let uri = uri_of(&dir.path().join("a.md"));
        c.open(&uri, text);
        let d = c.diagnostics(&uri);
        let p = by_rule(&d, "placeholder");
        assert_eq!(p.len(), 1, "{d:#}");
        assert_eq!(p[0]["range"], range(2, start, 2, start + 13), "{encoding}");
        // an edit after the emoji lands where the client means it
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 },
                    "contentChanges": [{ "range": range(2, start, 2, start + 13), "text": "Ana" }] }),
        );
        let d = c.diagnostics(&uri);
        assert!(by_rule(&d, "placeholder").is_empty(), "{d:#}");
        let stats = c.request(
            "workspace/executeCommand",
            json!({ "command": "seolint.stats", "arguments": [uri] }),
        );
        assert_eq!(stats["result"]["words"], json!(5), "{stats:#}");
        assert_eq!(c.shutdown().code(), Some(0));
    }
}

#[test]
fn a_changed_config_relints_with_the_new_settings() {
    let dir = workspace();
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut c = start(dir.path(), capabilities, Value::Null);
    let register = c.wait_for(|m| m["method"] == json!("client/registerCapability"));
    let globs = register["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(globs.contains(".seolint.{yaml,yml}"), "{register:#}");
    // every extension the server lints, so a site's .markdown or .mdx file is watched too
    assert!(globs.contains("**/*.{md,markdown,mdx}"), "{register:#}");
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, "# Title\n\nRead [here](https://example.com/x).\n");
    let before = c.diagnostics(&uri);
    assert_eq!(by_rule(&before, "link-text").len(), 1, "{before:#}");
    std::fs::write(dir.path().join(".seolint.yaml"), "rules:\n  link-text: off\n").expect("write");
    let config_uri = uri_of(&dir.path().join(".seolint.yaml"));
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 1 }] }),
    );
    let after = c.diagnostics(&uri);
    assert!(by_rule(&after, "link-text").is_empty(), "{after:#}");
    // a config that does not load is said on the document
    std::fs::write(dir.path().join(".seolint.yaml"), "rules:\n  no-such-rule: off\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let broken = c.diagnostics(&uri);
    let all = broken["diagnostics"].as_array().expect("array");
    assert_eq!(all.len(), 1, "{broken:#}");
    assert!(
        all[0]["message"].as_str().is_some_and(|m| m.contains("no-such-rule")),
        "{broken:#}"
    );
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn client_settings_give_the_keyword_and_the_figures() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), json!({ "keyword": "wild yeast" }));
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, ARTICLE);
    c.diagnostics(&uri);
    let stats = c.request(
        "workspace/executeCommand",
        json!({ "command": "seolint.stats", "arguments": [uri] }),
    );
    assert_eq!(stats["result"]["keyword"]["keyword"], json!("wild yeast"), "{stats:#}");
    assert_eq!(stats["result"]["keyword"]["occurrences"], json!(1), "{stats:#}");
    let lens = c.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } }));
    let lens = &lens["result"][0];
    assert_eq!(lens["range"]["start"], json!({ "line": 0, "character": 0 }), "{lens:#}");
    let title = lens["command"]["title"].as_str().unwrap_or_default();
    assert_eq!(title, "22 words · “wild yeast” 4.5% · 1 min read · no score");
    // the client's settings change: no keyword any more
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "seolint": { "keyword": null } } }),
    );
    c.diagnostics(&uri);
    let stats = c.request(
        "workspace/executeCommand",
        json!({ "command": "seolint.stats", "arguments": [{ "uri": uri }] }),
    );
    assert_eq!(stats["result"]["keyword"], Value::Null, "{stats:#}");
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn fix_all_and_disable_for_this_line() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, ARTICLE);
    c.diagnostics(&uri);
    let all = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0, 0),
                "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = all["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{all:#}");
    assert_eq!(actions[0]["kind"], json!("source.fixAll.seolint"));
    let fixed = apply_edits(ARTICLE, actions[0]["edit"]["changes"][&uri].as_array().expect("edits"));
    assert_eq!(fixed, ARTICLE.replace("12 minutes", "1 minute"));
    // suppress the placeholder on its line, then it is gone
    let here = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(4, 5, 4, 5), "context": { "diagnostics": [] } }),
    );
    let disable = here["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == json!("Disable placeholder for this line"))
        .cloned()
        .unwrap_or_else(|| panic!("{here:#}"));
    let text = apply_edits(ARTICLE, disable["edit"]["changes"][&uri].as_array().expect("edits"));
    assert!(
        text.contains("bacteria. <!-- seolint-disable-line placeholder -->\n"),
        "{text}"
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(by_rule(&d, "placeholder").is_empty(), "{d:#}");
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn only_the_newest_text_is_published_when_changes_queue_up() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, ARTICLE);
    c.diagnostics(&uri);
    for version in 2..=30 {
        let text = if version == 30 {
            ARTICLE.replace("[AUTHOR_NAME]", "Ana")
        } else {
            format!("{ARTICLE}\nEdit {version}.\n")
        };
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }
    let last = c.wait_for(|m| m["params"]["version"] == json!(30));
    assert!(by_rule(&last["params"], "placeholder").is_empty(), "{last:#}");
    // versions published on the way only rise
    let stats = c.request(
        "workspace/executeCommand",
        json!({ "command": "seolint.stats", "arguments": [uri] }),
    );
    assert!(stats["result"].is_object());
    let mut seen = 1;
    for m in c.drain() {
        if let Some(v) = m["params"]["version"].as_i64() {
            assert!(v >= seen, "version {v} after {seen}");
            seen = v;
        }
    }
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn bad_messages_get_errors_and_the_server_keeps_going() {
    let dir = workspace();
    let mut c = Client::spawn(BIN, dir.path());
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], json!(-32002), "{early:#}");
    c.initialize(dir.path(), json!({}), Value::Null);
    c.send_raw(b"{ this is not json");
    let parse = c.wait_for(|m| m["error"]["code"] == json!(-32700));
    assert_eq!(parse["id"], Value::Null);
    let unknown = c.request("seolint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], json!(-32601), "{unknown:#}");
    let bad = c.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(bad["error"]["code"], json!(-32602), "{bad:#}");
    let closed = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere.md" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(closed["result"], Value::Null, "{closed:#}");
    let stats = c.request(
        "workspace/executeCommand",
        json!({ "command": "seolint.stats", "arguments": ["file:///nowhere.md"] }),
    );
    assert_eq!(stats["error"]["code"], json!(-32602), "{stats:#}");
    let command = c.request(
        "workspace/executeCommand",
        json!({ "command": "rm -rf", "arguments": [] }),
    );
    assert_eq!(command["error"]["code"], json!(-32602), "{command:#}");
    // a notification that does not parse is dropped; a position past the end is clamped
    c.notify("textDocument/didOpen", json!({ "textDocument": null }));
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, "# T\n\n[AUTHOR_NAME]\n");
    c.diagnostics(&uri);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": range(99, 5, 120, 0), "text": "\u{0}\u{feff}<!--" }] }),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], json!(2));
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait().code(), Some(1));
}

/// The next diagnostics of `uri` that `done` accepts (a site pass publishes after the lint).
fn diagnostics_until(c: &mut Client, uri: &str, done: impl Fn(&Value) -> bool) -> Value {
    loop {
        let d = c.diagnostics(uri);
        if done(&d) {
            return d;
        }
    }
}

#[test]
fn site_checks_read_the_workspace_and_refresh_on_save() {
    let dir = workspace();
    let title = "---\ntitle: \"Cold brew coffee at home: the complete guide\"\n---\n";
    std::fs::write(
        dir.path().join("ratio.md"),
        format!("{title}# Ratio\n\nBack to [the guide](a.md).\n"),
    )
    .expect("write");
    let mut c = start(dir.path(), json!({}), Value::Null);
    let uri = uri_of(&dir.path().join("a.md"));
    // a.md exists only in the editor's buffer
    let body = "# Cold brew\n\nSee [the ratio](ratio.md) and [grinding](grind.md).\n";
    let text = format!("---\ntitle: \"Cold brew at home: a short guide for beginners\"\n---\n{body}");
    c.open(&uri, &text);
    let d = diagnostics_until(&mut c, &uri, |d| !by_rule(d, "broken-link").is_empty());
    let broken = by_rule(&d, "broken-link");
    assert_eq!(broken.len(), 1, "{d:#}");
    assert_eq!(broken[0]["range"], range(5, 41, 5, 49));
    assert!(by_rule(&d, "duplicate-title").is_empty(), "{d:#}");

    // an edit moves the site finding along with its text; the site is checked again on save
    let text = format!("{title}{body}");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(by_rule(&d, "broken-link")[0]["range"], range(5, 41, 5, 49), "{d:#}");
    assert!(by_rule(&d, "duplicate-title").is_empty(), "{d:#}");
    c.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri } }));
    let d = diagnostics_until(&mut c, &uri, |d| !by_rule(d, "duplicate-title").is_empty());
    let duplicate = by_rule(&d, "duplicate-title");
    assert!(
        duplicate[0]["message"].as_str().is_some_and(|m| m.contains("ratio.md")),
        "{d:#}"
    );
    // the other page's title, as a related location in it
    let related = &duplicate[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], json!(uri_of(&dir.path().join("ratio.md"))), "{d:#}");
    assert_eq!(related["range"]["start"]["line"], json!(1), "{d:#}");
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 5, "character": 44 } }),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("seolint `broken-link`"), "{hover:#}");

    // the missing page is written: the link resolves
    std::fs::write(
        dir.path().join("grind.md"),
        "# Grinding\n\nBack to [the guide](a.md).\n",
    )
    .expect("write");
    let grind = uri_of(&dir.path().join("grind.md"));
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": grind, "type": 1 }] }),
    );
    let d = diagnostics_until(&mut c, &uri, |d| by_rule(d, "broken-link").is_empty());
    assert_eq!(by_rule(&d, "duplicate-title").len(), 1, "{d:#}");
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn the_input_ending_without_exit_is_code_1() {
    let dir = workspace();
    let c = start(dir.path(), json!({}), Value::Null);
    assert_eq!(c.wait().code(), Some(1));
}

#[test]
fn the_input_ending_after_shutdown_is_code_0() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r.get("result"), Some(&Value::Null), "{r}");
    assert_eq!(c.wait().code(), Some(0));
}

#[test]
fn a_template_that_did_not_load_is_read_again_when_it_changes() {
    let dir = workspace();
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut c = start(dir.path(), capabilities, json!({ "template": "tpl.md" }));
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, "# Title\n\nHello.\n");
    let broken = c.diagnostics(&uri);
    let all = broken["diagnostics"].as_array().expect("array");
    assert_eq!(all.len(), 1, "{broken:#}");
    assert!(
        all[0]["message"].as_str().is_some_and(|m| m.contains("tpl.md")),
        "{broken:#}"
    );
    // the template is written: the document is linted against it
    let tpl = dir.path().join("tpl.md");
    std::fs::write(&tpl, "# [TITLE]\n\n## Introduction\n\nWrite 100-200 words.\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&tpl), "type": 1 }] }),
    );
    let fixed = c.diagnostics(&uri);
    assert!(
        fixed["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .all(|d| !d["message"].as_str().unwrap_or_default().contains("cannot read")),
        "{fixed:#}"
    );
    assert_eq!(by_rule(&fixed, "required-section").len(), 1, "{fixed:#}");
    // and a change to the template that now loads is still followed
    std::fs::write(&tpl, "# [TITLE]\n\nWrite 100-200 words.\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&tpl), "type": 2 }] }),
    );
    let again = c.diagnostics(&uri);
    assert!(by_rule(&again, "required-section").is_empty(), "{again:#}");
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn files_outside_the_site_are_linted_as_single_files() {
    let dir = workspace();
    let outside = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    let text = "# Pillar\n\n<!-- SEO CHECKLIST:\n  [ ] All cluster articles link back to this page\n-->\n\nBody.\n";
    let needs = |d: &Value| {
        by_rule(d, "checklist")
            .iter()
            .any(|x| x["message"].as_str().is_some_and(|m| m.contains("needs `backlinks`")))
    };
    // inside the workspace: the site checks run, so the item is checked by them
    let inside = uri_of(&dir.path().join("pillar.md"));
    c.open(&inside, text);
    let d = c.diagnostics(&inside);
    assert!(!needs(&d), "{d:#}");
    // an unsaved buffer and a file outside the workspace get no site checks: said as the CLI
    // says it for one file
    for uri in [
        "untitled:Untitled-1".to_string(),
        uri_of(&outside.path().join("pillar.md")),
    ] {
        c.open(&uri, text);
        let d = c.diagnostics(&uri);
        assert!(needs(&d), "{uri}: {d:#}");
    }
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn a_rule_turned_off_drops_its_site_findings_at_once() {
    let dir = workspace();
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut c = start(dir.path(), capabilities, Value::Null);
    let uri = uri_of(&dir.path().join("a.md"));
    c.open(&uri, "# Cold brew\n\nSee [grinding](grind.md).\n");
    let d = diagnostics_until(&mut c, &uri, |d| !by_rule(d, "broken-link").is_empty());
    assert_eq!(by_rule(&d, "broken-link").len(), 1, "{d:#}");
    std::fs::write(dir.path().join(".seolint.yaml"), "rules:\n  broken-link: off\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&dir.path().join(".seolint.yaml")), "type": 1 }] }),
    );
    // the first diagnostics after the reload already lack it
    let d = c.diagnostics(&uri);
    assert!(by_rule(&d, "broken-link").is_empty(), "{d:#}");
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn the_lens_sits_on_the_h1_the_linter_finds() {
    let dir = workspace();
    let mut c = start(dir.path(), json!({}), Value::Null);
    for (name, text, line) in [
        // a setext H1 after indented code that looks like one
        (
            "setext.md",
            "Intro.\n\n    # not a heading\n\nCold Brew at Home\n=================\n\nBody.\n",
            4,
        ),
        // a thematic break is not front matter
        ("rule.md", "----\n\n# Cold Brew at Home\n\nBody.\n", 2),
        ("front.md", "---\ntitle: x\n---\n\n# Cold Brew at Home\n\nBody.\n", 4),
    ] {
        let uri = uri_of(&dir.path().join(name));
        c.open(&uri, text);
        let lens = c.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } }));
        assert_eq!(
            lens["result"][0]["range"]["start"],
            json!({ "line": line, "character": 0 }),
            "{name}: {lens:#}"
        );
    }
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn a_whole_file_place_is_its_start() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("ratio.md"),
        "# Ratio\n\nOne part coffee to four of water.\n",
    )
    .expect("write");
    let mut c = start(dir.path(), json!({}), Value::Null);
    let uri = uri_of(&dir.path().join("guide.md"));
    let text = "# Cold brew\n\n<!-- CONTENT_TYPE: Pillar Content -->\n\nBody.\n\n## Related Articles\n\n- [The ratio](./ratio.md)\n";
    c.open(&uri, text);
    let d = diagnostics_until(&mut c, &uri, |d| !by_rule(d, "backlinks").is_empty());
    let backlinks = by_rule(&d, "backlinks");
    assert_eq!(backlinks[0]["range"], range(8, 14, 8, 24), "{d:#}");
    // the cluster article as a whole: its start, nothing read for a position
    let related = &backlinks[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], json!(uri_of(&dir.path().join("ratio.md"))), "{d:#}");
    assert_eq!(related["range"], range(0, 0, 0, 0), "{d:#}");
    assert_eq!(c.shutdown().code(), Some(0));
}
