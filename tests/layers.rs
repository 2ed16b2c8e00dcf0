//! The layers of `src/` (ARCHITECTURE.md): each top-level module imports only modules of a lower
//! layer, so the code reads from the bottom up and has no import cycle. Test code is outside the
//! layers: it may drive the whole stack.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every top-level module of `src/` and its layer; a module may import only lower layers. A new
/// module must be placed here.
const LAYERS: &[(&str, u8)] = &[
    // foundations
    ("text", 0),
    ("diagnostic", 0),
    ("input", 0),
    ("fields", 0),
    ("suggest", 0),
    // helpers for unit tests only (`#[cfg(test)]`)
    ("testing", 0),
    ("generator", 1),
    // parse once
    ("document", 2),
    ("site", 3),
    ("requirements", 3),
    ("patterns", 3),
    ("settings", 4),
    // the checks
    ("rules", 5),
    ("suppress", 5),
    ("engine", 6),
    // what a run does with the engine's reports
    ("template", 7),
    ("fix", 7),
    ("output", 7),
    ("report", 7),
    ("discover", 8),
    ("stats", 8),
    ("config", 8),
    ("run", 9),
    ("server", 9),
    ("main", 10),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and without the items marked `#[cfg(test)]` at the
/// top level (a test module, a test-only helper).
fn code_outside_tests(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if line == "#[cfg(test)]" {
            // skip the item: one line, or up to its closing brace at column 0
            let Some(item) = lines.next() else { break };
            if item.trim_end().ends_with('{') {
                for l in lines.by_ref() {
                    if l == "}" {
                        break;
                    }
                }
            }
            continue;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules `code` names through `crate::` (or `seolint::`, in the binary).
fn imported_modules(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in ["crate::", "seolint::"] {
        for (at, _) in code.match_indices(prefix) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &code[at + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c}`: the first segment of each path
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for path in group.split(',') {
                    let name: String = path
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.push(name);
                    }
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        }
    }
    found
}

/// The top-level module a file of `src/` belongs to (`None` for the crate root).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first.to_string()),
    }
}

#[test]
fn every_module_imports_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(
        files.len() > 20,
        "found only {} files under {}",
        files.len(),
        src.display()
    );
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        let shown = file.strip_prefix(&src).unwrap_or(file).display().to_string();
        let Some(own) = layer(&module) else {
            wrong.entry(shown).or_default().push(format!(
                "module `{module}` has no layer: add it to LAYERS in tests/layers.rs"
            ));
            continue;
        };
        let code = code_outside_tests(&std::fs::read_to_string(file).unwrap_or_default());
        for imported in imported_modules(&code) {
            if imported == module {
                continue;
            }
            match layer(&imported) {
                Some(l) if l < own => {}
                Some(l) => wrong.entry(shown.clone()).or_default().push(format!(
                    "`{module}` (layer {own}) uses `{imported}` (layer {l}): import only lower layers"
                )),
                // a name from the crate root (`crate::lint_str`) or a macro: not a module
                None => {}
            }
        }
    }
    for problems in wrong.values_mut() {
        problems.sort();
        problems.dedup();
    }
    assert!(wrong.is_empty(), "layering broken (see ARCHITECTURE.md):\n{wrong:#?}");
}

#[test]
fn the_check_sees_imports_and_skips_tests_and_comments() {
    let code = code_outside_tests(
        "use crate::{document::Document, text};\n// crate::engine in a comment\nfn f() { crate::rules::find(\"x\"); }\n\
         #[cfg(test)]\nmod tests {\n    use crate::engine::lint_source;\n}\n#[cfg(test)]\nuse crate::run;\n",
    );
    let mut found = imported_modules(&code);
    found.sort();
    assert_eq!(found, ["document", "rules", "text"]);
    assert_eq!(
        imported_modules("$crate::rules::Rule and seolint::engine::x"),
        ["engine"]
    );
}
