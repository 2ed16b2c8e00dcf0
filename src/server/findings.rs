//! A report's findings as LSP diagnostics, and the code actions on them: each fix as a quick
//! fix, all safe fixes at once, and a suppression comment for the finding's line.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::json;

use super::text::{Encoding, Text};
use crate::diagnostic::{Applicability, Diagnostic, Severity, Span};
use crate::engine::Report;

/// Where a rule's documentation is read on the web (`seolint explain RULE` prints the same).
pub const RULES_URL: &str = "https://github.com/seolint/seolint/blob/main/README.md#rules";

/// The kind of the "fix all safe fixes" action, under `source.fixAll` as ruff's is.
pub const FIX_ALL: &str = "source.fixAll.seolint";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as an LSP diagnostic: its rule as the code with a link to the rules' docs, its
/// labels as related information, its fix (with LSP ranges) as `data`.
pub fn diagnostic(uri: &Uri, text: &Text, d: &Diagnostic, encoding: Encoding) -> LspDiagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), text.range(l.span, encoding)),
            message: if l.message.is_empty() {
                "related".to_string()
            } else {
                l.message.clone()
            },
        })
        .collect();
    let data = d.fix.as_ref().map(|f| {
        json!({ "fix": {
            "title": f.message,
            "applicability": f.applicability.as_str(),
            "edits": f.edits.iter().map(|e| TextEdit::new(text.range(e.span, encoding), e.content.clone())).collect::<Vec<_>>(),
        }})
    });
    LspDiagnostic {
        range: text.range(d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: docs_url(d.rule).map(|href| CodeDescription { href }),
        source: Some("seolint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

fn docs_url(rule: &str) -> Option<Uri> {
    crate::rules::find(rule)?;
    RULES_URL.parse().ok()
}

/// A diagnostic for the whole document that says why it was not linted (its config does not
/// load, or linting it failed).
pub fn problem(code: &str, message: String) -> LspDiagnostic {
    LspDiagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some("seolint".to_string()),
        message,
        ..LspDiagnostic::default()
    }
}

/// Whether an action of `kind` is among the kinds a request asks for (`only`: a kind matches
/// its sub-kinds, `source` takes `source.fixAll.seolint`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
    })
}

/// Whether the client asked for fix-all by kind: `only` names it or a kind above it
/// (`source`, `source.fixAll`), as the LSP kind hierarchy reads, dot by dot.
fn asks_fix_all(only: Option<&[CodeActionKind]>) -> bool {
    only.is_some() && wanted(only, FIX_ALL)
}

/// An open document as code actions read it.
pub struct Open<'a> {
    pub uri: &'a Uri,
    pub text: &'a Text,
    /// Its findings for `text`.
    pub report: &'a Report,
    /// The front matter block the linter found (fences included).
    pub front_matter: Option<Span>,
    /// The client's position encoding.
    pub encoding: Encoding,
}

/// The code actions for the findings of `open` that touch `span`, and the fix-all action for
/// the file; `fixed_all` gives the text with every safe fix applied (to a fixed point), when
/// asked.
pub fn code_actions(
    open: &Open,
    span: Span,
    only: Option<&[CodeActionKind]>,
    fixed_all: &mut dyn FnMut() -> Option<String>,
) -> Vec<CodeAction> {
    let Open {
        uri,
        text,
        report,
        front_matter,
        encoding,
    } = *open;
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    let mut actions = Vec::new();
    let touching = report.diagnostics.iter().filter(|d| {
        d.span.overlaps(span) || d.span.start == span.start || (span.is_empty() && d.span.contains(span.start))
    });
    let mut disabled: Vec<(&str, usize)> = Vec::new();
    for d in touching {
        let lsp = diagnostic(uri, text, d, encoding);
        if let (Some(fix), true) = (&d.fix, wanted(only, "quickfix")) {
            let safe = fix.applicability == Applicability::Safe;
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(text.range(e.span, encoding), e.content.clone()))
                .collect();
            actions.push(CodeAction {
                title: if safe {
                    fix.message.clone()
                } else {
                    format!("{} (unsafe)", fix.message)
                },
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(edit(edits)),
                is_preferred: Some(safe),
                ..CodeAction::default()
            });
        }
        let line = text.line_of(d.span.start);
        if wanted(only, "quickfix") && !disabled.contains(&(d.rule, line)) && crate::rules::find(d.rule).is_some() {
            disabled.push((d.rule, line));
            let (title, insert) = suppression(text, d.rule, line, front_matter, encoding);
            actions.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp]),
                edit: Some(edit(vec![insert])),
                ..CodeAction::default()
            });
        }
    }
    let any_safe = report
        .diagnostics
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe));
    // fix-all only when asked for by kind (on save, from the source menu) or when the cursor is
    // on a finding with a safe fix, so the light bulb is not always on
    let asked = asks_fix_all(only);
    let near = actions.iter().any(|a| a.is_preferred == Some(true));
    if any_safe && wanted(only, FIX_ALL) && (asked || near) {
        if let Some(fixed) = fixed_all() {
            if let Some(change) = minimal_edit(text, &fixed, encoding) {
                actions.push(CodeAction {
                    title: "Fix all safe fixes (seolint)".to_string(),
                    kind: Some(CodeActionKind::from(FIX_ALL.to_string())),
                    edit: Some(edit(vec![change])),
                    ..CodeAction::default()
                });
            }
        }
    }
    actions
}

/// The comment that suppresses `rule` on `line`: `seolint-disable-line` at the line's end; in
/// the front matter (`front_matter`, fences included), where a comment cannot go,
/// `seolint-disable-file` after it.
fn suppression(
    text: &Text,
    rule: &str,
    line: usize,
    front_matter: Option<Span>,
    encoding: Encoding,
) -> (String, TextEdit) {
    // the closing fence's line: the block's last character is on it (its line end, if kept)
    let end = front_matter.filter(|f| !f.is_empty()).map(|f| text.line_of(f.end - 1));
    if let Some(end) = end.filter(|&end| line <= end) {
        let at = text.line_span(end).end;
        let eol = text.line_ending();
        let insert = format!("{eol}{eol}<!-- seolint-disable-file {rule} -->");
        let position = text.position(at, encoding);
        return (
            format!("Disable {rule} for this file"),
            TextEdit::new(lsp_types::Range::new(position, position), insert),
        );
    }
    let at = text.line_span(line).end;
    let position = text.position(at, encoding);
    (
        format!("Disable {rule} for this line"),
        TextEdit::new(
            lsp_types::Range::new(position, position),
            format!(" <!-- seolint-disable-line {rule} -->"),
        ),
    )
}

/// One edit that turns `text` into `new`: the differing middle, between the common start and
/// the common end (so the cursor and the rest of the buffer stay put).
fn minimal_edit(text: &Text, new: &str, encoding: Encoding) -> Option<TextEdit> {
    let old = text.as_str();
    if old == new {
        return None;
    }
    let mut start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_tail = (old.len() - start).min(new.len() - start);
    let mut tail = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_tail)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - tail) || !new.is_char_boundary(new.len() - tail) {
        tail -= 1;
    }
    let span = Span::new(start, old.len() - tail);
    Some(TextEdit::new(
        text.range(span, encoding),
        new[start..new.len() - tail].to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_all_is_asked_for_by_its_kind_or_a_kind_above_it() {
        let asks = |kinds: &[&str]| {
            let only: Vec<CodeActionKind> = kinds.iter().map(|k| CodeActionKind::from(k.to_string())).collect();
            asks_fix_all(Some(&only))
        };
        assert!(asks(&["source.fixAll.seolint"]));
        assert!(asks(&["source.fixAll"]));
        assert!(asks(&["source"]));
        assert!(asks(&["quickfix", "source.fixAll"]));
        assert!(!asks(&["source.fix"]));
        assert!(!asks(&[""]));
        assert!(!asks(&["source.fixAll.seo"]));
        assert!(!asks(&[]));
        assert!(!asks_fix_all(None));
    }

    #[test]
    fn the_minimal_edit_turns_the_old_text_into_the_new() {
        for (old, new) in [
            ("abc😀def", "abc😃def"),
            ("aaa", "aaaa"),
            ("x\ny\n", "x\nz\ny\n"),
            ("中文", ""),
            ("", "new"),
        ] {
            let text = Text::new(old.to_string());
            let edit = minimal_edit(&text, new, Encoding::Utf8).expect("a change");
            let span = text.span(edit.range, Encoding::Utf8);
            let mut applied = old.to_string();
            applied.replace_range(span.start..span.end, &edit.new_text);
            assert_eq!(applied, new);
        }
        assert!(minimal_edit(&Text::new("same".into()), "same", Encoding::Utf16).is_none());
    }

    #[test]
    fn safe_fixes_are_preferred_and_unsafe_ones_marked() {
        use crate::diagnostic::{Edit, Fix};
        let source = "# Cold brew at home, the long and complete guide\n\nBy [AUTHOR_NAME].\n";
        let text = Text::new(source.to_string());
        let mut report = crate::lint_str(source, std::path::Path::new("a.md"), &crate::Settings::default());
        let at = source.find("[AUTHOR_NAME]").expect("placeholder");
        let span = Span::new(at, at + 13);
        for (applicability, content) in [(Applicability::Safe, "Ana"), (Applicability::Unsafe, "someone")] {
            report.diagnostics.push(
                Diagnostic::new("placeholder", Severity::Error, span, "m").with_fix(Fix {
                    message: format!("Write {content}"),
                    applicability,
                    edits: vec![Edit {
                        span,
                        content: content.to_string(),
                    }],
                }),
            );
        }
        let uri: Uri = "file:///a.md".parse().expect("uri");
        let open = Open {
            uri: &uri,
            text: &text,
            report: &report,
            front_matter: None,
            encoding: Encoding::Utf16,
        };
        let actions = code_actions(&open, Span::new(at + 2, at + 2), None, &mut || {
            Some(source.replace("[AUTHOR_NAME]", "Ana"))
        });
        let titles: Vec<(&str, Option<bool>)> = actions.iter().map(|a| (a.title.as_str(), a.is_preferred)).collect();
        assert!(titles.contains(&("Write Ana", Some(true))), "{titles:?}");
        assert!(titles.contains(&("Write someone (unsafe)", Some(false))), "{titles:?}");
        assert!(
            titles.contains(&("Disable placeholder for this line", None)),
            "{titles:?}"
        );
        assert!(titles.contains(&("Fix all safe fixes (seolint)", None)), "{titles:?}");
        // asked for quick fixes only: no fix-all
        let only = [CodeActionKind::QUICKFIX];
        let quick = code_actions(&open, span, Some(&only), &mut || None);
        assert!(
            quick.iter().all(|a| a.kind == Some(CodeActionKind::QUICKFIX)),
            "{quick:?}"
        );
    }

    #[test]
    fn front_matter_lines_get_a_file_suppression() {
        // the front matter as the linter's parser finds it
        let front_matter = |source: &str| {
            let (_, marks) =
                crate::engine::lint_source_landmarks("a.md".into(), source.into(), &crate::Settings::default());
            marks.front_matter
        };
        let source = "---\ntitle: x\n---\n# H\n";
        let text = Text::new(source.to_string());
        let (title, edit) = suppression(&text, "title-length", 1, front_matter(source), Encoding::Utf16);
        assert_eq!(title, "Disable title-length for this file");
        assert_eq!(edit.range.start, lsp_types::Position::new(2, 3));
        let (title, edit) = suppression(&text, "heading-h1", 3, front_matter(source), Encoding::Utf16);
        assert_eq!(title, "Disable heading-h1 for this line");
        assert_eq!(edit.new_text, " <!-- seolint-disable-line heading-h1 -->");
        // CRLF line ends: the comment goes after the closing fence, not inside it
        let source = "---\r\ntitle: x\r\n---\r\n# H\r\n";
        let text = Text::new(source.to_string());
        let (_, edit) = suppression(&text, "title-length", 1, front_matter(source), Encoding::Utf16);
        assert_eq!(edit.range.start, lsp_types::Position::new(2, 3));
        assert_eq!(edit.new_text, "\r\n\r\n<!-- seolint-disable-file title-length -->");
        // a thematic break is not front matter: a line comment
        let source = "----\n\n# H\n";
        assert_eq!(front_matter(source), None);
        let text = Text::new(source.to_string());
        let (title, _) = suppression(&text, "heading-h1", 0, front_matter(source), Encoding::Utf16);
        assert_eq!(title, "Disable heading-h1 for this line");
    }
}
