//! Requests on one document: code actions, hover, the code lens with its figures, and the
//! `seolint.stats` command.

use super::*;

impl Server {
    pub(super) fn code_actions(&mut self, p: CodeActionParams, out: &mut impl Write) -> io::Result<Handled> {
        let uri = p.text_document.uri;
        let Some(report) = self.report(&uri, out)? else {
            return Ok(Ok(json!([])));
        };
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Ok(Ok(json!([])));
        };
        let path = doc
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(untitled_name(uri.as_str())));
        let settings = self.settings_for(doc.path.clone().as_deref()).ok().flatten();
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Ok(Ok(json!([])));
        };
        let span = doc.text.span(p.range, self.encoding);
        let mut fixed_all = || {
            let settings = settings.as_ref()?;
            let text = doc.text.as_str().to_string();
            let name = crate::input::display_path(&path);
            let outcome = guarded(|| crate::fix::fix_source(&name, text, settings, false)).ok()?;
            outcome.refused.is_none().then_some(outcome.source)
        };
        let open = findings::Open {
            uri: &uri,
            text: &doc.text,
            report: &report,
            front_matter: doc.landmarks.front_matter,
            encoding: self.encoding,
        };
        let actions = findings::code_actions(&open, span, p.context.only.as_deref(), &mut fixed_all);
        let actions: Vec<CodeActionOrCommand> = actions.into_iter().map(CodeActionOrCommand::CodeAction).collect();
        Ok(serde_json::to_value(actions).map_err(invalid))
    }

    pub(super) fn hover(&mut self, p: HoverParams, out: &mut impl Write) -> io::Result<Handled> {
        let uri = p.text_document_position_params.text_document.uri;
        let Some(report) = self.report(&uri, out)? else {
            return Ok(Ok(Value::Null));
        };
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Ok(Ok(Value::Null));
        };
        let at = doc.text.offset(p.text_document_position_params.position, self.encoding);
        let here: Vec<_> = report
            .diagnostics
            .iter()
            .chain(doc.site.iter().map(|a| &a.diagnostic))
            .filter(|d| d.span.contains(at) || d.span.start == at)
            .collect();
        let Some(first) = here.first() else {
            return Ok(Ok(Value::Null));
        };
        let mut shown: Vec<&str> = Vec::new();
        let mut parts = Vec::new();
        for d in &here {
            if shown.contains(&d.rule) {
                continue;
            }
            shown.push(d.rule);
            let docs = crate::rules::find(d.rule).map_or_else(
                || format!("`{}`: a rule of a pattern pack, or a finding about the file.", d.rule),
                |r| r.documentation(),
            );
            parts.push(format!(
                "**seolint `{}`** ({})\n\n{}\n\n{}",
                d.rule, d.severity, d.message, docs
            ));
        }
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: Some(doc.text.range(first.span, self.encoding)),
        };
        Ok(serde_json::to_value(hover).map_err(invalid))
    }

    /// The document's figures (`seolint stats --format json` of it).
    pub(super) fn stats(&mut self, uri: &str) -> Result<crate::stats::Stats, (ErrorCode, String)> {
        let path = match self.docs.get(uri) {
            Some(doc) => doc.path.clone(),
            None => return Err(invalid(format!("`{uri}` is not an open Markdown document"))),
        };
        let settings = match self.settings_for(path.as_deref()) {
            Ok(Some(s)) => s,
            Ok(None) => Arc::new(Settings::default()),
            Err(e) => return Err((ErrorCode::RequestFailed, e)),
        };
        let doc = self.docs.get(uri).ok_or_else(|| invalid("closed"))?;
        let name = path.map_or_else(|| untitled_name(uri), |p| crate::input::display_path(&p));
        let text = doc.text.as_str().to_string();
        guarded(|| crate::stats::compute(&name, text, &settings)).map_err(|e| (ErrorCode::InternalError, e))
    }

    pub(super) fn code_lens(&mut self, uri: &Uri, out: &mut impl Write) -> io::Result<Handled> {
        if !self.docs.contains_key(uri.as_str()) {
            return Ok(Ok(json!([])));
        }
        // the lens sits on the H1 the linter found
        self.ensure_linted(uri.as_str(), out)?;
        let stats = match self.stats(uri.as_str()) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Ok(Ok(json!([])));
        };
        let line = doc.landmarks.h1.map_or(0, |h| doc.text.line_of(h.start));
        let position = lsp_types::Position::new(u32::try_from(line).unwrap_or(0), 0);
        let lens = CodeLens {
            range: lsp_types::Range::new(position, position),
            command: Some(Command {
                title: lens_title(&stats),
                command: STATS_COMMAND.to_string(),
                arguments: Some(vec![json!(uri.as_str())]),
            }),
            data: None,
        };
        Ok(serde_json::to_value(vec![lens]).map_err(invalid))
    }

    pub(super) fn execute(&mut self, p: ExecuteCommandParams) -> Handled {
        if p.command != STATS_COMMAND {
            return Err(invalid(format!(
                "unknown command `{}` (the server has `{STATS_COMMAND}`)",
                p.command
            )));
        }
        // the document's URI, as a string or as `{ "uri": ... }`
        let uri = p
            .arguments
            .first()
            .and_then(|a| a.as_str().or_else(|| a.get("uri").and_then(Value::as_str)))
            .ok_or_else(|| invalid(format!("`{STATS_COMMAND}` takes the document's URI")))?
            .to_string();
        let stats = self.stats(&uri)?;
        serde_json::to_value(stats).map_err(invalid)
    }
}

/// `1,234 words · “cold brew” 1.2% · 6 min read · score 78/100`
pub(super) fn lens_title(s: &crate::stats::Stats) -> String {
    let mut parts = vec![format!("{} words", crate::text::thousands(s.words))];
    if let Some(k) = &s.keyword {
        parts.push(format!("“{}” {:.1}%", k.keyword, k.density));
    }
    parts.push(format!("{} min read", s.reading_time_computed));
    parts.push(match &s.score {
        Some(score) => format!("score {}/100", score.value),
        None => "no score".to_string(),
    });
    parts.join(" · ")
}
