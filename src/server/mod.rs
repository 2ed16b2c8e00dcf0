//! `seolint server`: a Language Server Protocol server over stdio. It lints each open Markdown or
//! MDX document with the settings the command line would give its path, publishes the findings
//! as diagnostics, and offers their fixes, suppression comments, the rules' docs on hover and the
//! article's figures in a code lens.
//!
//! One thread handles messages in order. After each message it takes every message already
//! queued before it lints, so when changes arrive faster than linting only the newest text of a
//! document is linted: results for an old version are never computed, so never published.

mod config;
mod findings;
mod requests;
mod site;
mod text;
mod transport;
mod workspace;

use std::collections::HashMap;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeLens, CodeLensParams, Command, ExecuteCommandParams, Hover,
    HoverContents, HoverParams, InitializeParams, MarkupContent, MarkupKind, PublishDiagnosticsParams, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::config::Resolver;
use crate::engine::{Landmarks, Report};
use crate::requirements::TemplateReqs;
use crate::settings::Settings;
use config::{fresh_resolver, ClientSettings, SettingsKey};
use text::{Encoding, Text};
use transport::Incoming;
use workspace::Checked;

/// The command that returns a document's figures (`seolint stats --format json` for one file).
pub const STATS_COMMAND: &str = "seolint.stats";

/// Run the server on standard input and output until the client says `exit` or its input ends:
/// 0 after a `shutdown` request, 1 without one, as the LSP spec asks.
pub fn serve() -> io::Result<u8> {
    let (tx, rx) = std::sync::mpsc::channel();
    let from_client = tx.clone();
    transport::stdin_reader(move |incoming| {
        let event = incoming.map_or(Event::ClientGone, Event::Client);
        from_client.send(event).is_ok()
    })?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut server = Server::new(tx);
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(1);
        };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for event in batch {
            match event {
                Event::Client(incoming) => {
                    let id = match &incoming {
                        Incoming::Message(Message::Request(r)) => Some(r.id.clone()),
                        _ => None,
                    };
                    // a bug in handling one message answers that message with an error and
                    // leaves the server running
                    match guarded(|| server.handle(incoming, &mut out)) {
                        Ok(done) => {
                            if let Some(code) = done? {
                                return Ok(code);
                            }
                        }
                        Err(why) => {
                            log(&why);
                            if let Some(id) = id {
                                let answer = Response::new_err(id, ErrorCode::InternalError as i32, why);
                                transport::write(&mut out, answer.into())?;
                            }
                        }
                    }
                }
                Event::SiteChecked(checked) => {
                    if let Err(why) = guarded(|| server.site_checked(checked, &mut out)) {
                        log(&why);
                    }
                }
                Event::ClientGone => return Ok(if server.shutdown { 0 } else { 1 }),
            }
        }
        match guarded(|| server.lint_changed(&mut out)) {
            Ok(done) => done?,
            Err(why) => log(&why),
        }
    }
}

/// What the main loop waits for: the client's messages, the end of its input, and the findings
/// of a site pass.
enum Event {
    Client(Incoming),
    ClientGone,
    SiteChecked(Checked),
}

/// An open document.
struct Doc {
    uri: Uri,
    /// Its file (`None` for an unsaved buffer, `untitled:`): config discovery and local images.
    path: Option<PathBuf>,
    version: i32,
    /// The server's generation when its text last changed (opened, edited): the client's
    /// version can repeat after a close and reopen, this cannot.
    generation: u64,
    text: Text,
    /// The findings for the current text; `None` until it is linted.
    linted: Option<Linted>,
    /// Its H1 and front matter as the linter parsed them (none when it was not linted).
    landmarks: Landmarks,
    /// Its findings of the last site pass, moved along with the edits since.
    site: Vec<site::Anchored>,
}

enum Linted {
    Report(Arc<Report>),
    /// Not linted, on purpose (config `exclude`, a partial): no findings.
    Skipped,
    /// Could not be linted (config error, a panic in a rule): said as one diagnostic.
    Problem(&'static str, String),
}

struct Server {
    initialized: bool,
    shutdown: bool,
    encoding: Encoding,
    docs: HashMap<String, Doc>,
    resolver: Arc<Resolver>,
    client: ClientSettings,
    /// The workspace's folder: where a relative template path is found.
    root: Option<PathBuf>,
    /// Settings by config and overrides, until config or client settings change.
    settings: HashMap<SettingsKey, Result<Arc<Settings>, String>>,
    template: Option<Result<Arc<TemplateReqs>, String>>,
    next_id: i32,
    /// Our requests to the client, by id, and what their answer is for.
    pending: HashMap<RequestId, &'static str>,
    can_register_watchers: bool,
    can_ask_configuration: bool,
    /// The site checks are to run again (a document opened or saved, a file of the site changed).
    site_due: bool,
    /// A site pass is running on its thread.
    site_running: bool,
    /// Where a site pass sends its findings.
    events: Sender<Event>,
    /// Counts reloads and text changes; a site pass carries the one it started in.
    generation: u64,
    /// The generation of the last reload: site findings of an older pass used old settings.
    reloaded: u64,
    /// The templates the settings tried to load (absolute), loaded or not: a change to one
    /// reloads the settings.
    templates: Vec<PathBuf>,
}

/// A request's answer: its result, or a protocol error.
type Handled = Result<Value, (ErrorCode, String)>;

fn invalid(e: impl std::fmt::Display) -> (ErrorCode, String) {
    (ErrorCode::InvalidParams, e.to_string())
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(value).map_err(invalid)
}

impl Server {
    fn new(events: Sender<Event>) -> Server {
        Server {
            initialized: false,
            shutdown: false,
            encoding: Encoding::Utf16,
            docs: HashMap::new(),
            resolver: Arc::new(fresh_resolver()),
            client: ClientSettings::default(),
            root: None,
            settings: HashMap::new(),
            template: None,
            next_id: 0,
            pending: HashMap::new(),
            can_register_watchers: false,
            can_ask_configuration: false,
            site_due: false,
            site_running: false,
            events,
            generation: 0,
            reloaded: 0,
            templates: Vec::new(),
        }
    }

    /// Handle one incoming message; `Some(code)` when the client said `exit`.
    fn handle(&mut self, incoming: Incoming, out: &mut impl Write) -> io::Result<Option<u8>> {
        match incoming {
            Incoming::Malformed(why) => transport::write_parse_error(out, &why)?,
            Incoming::Message(Message::Request(r)) => self.request(r, out)?,
            Incoming::Message(Message::Response(r)) => self.response(r),
            Incoming::Message(Message::Notification(n)) => {
                if n.method == note::Exit::METHOD {
                    return Ok(Some(if self.shutdown { 0 } else { 1 }));
                }
                if self.initialized && !self.shutdown {
                    self.notification(n, out)?;
                }
            }
        }
        Ok(None)
    }

    fn request(&mut self, r: Request, out: &mut impl Write) -> io::Result<()> {
        let id = r.id.clone();
        let answer = if r.method == req::Initialize::METHOD {
            if self.initialized {
                Err((ErrorCode::InvalidRequest, "initialize was already sent".to_string()))
            } else {
                params::<InitializeParams>(r.params).map(|p| self.initialize(p))
            }
        } else if !self.initialized {
            Err((ErrorCode::ServerNotInitialized, "initialize first".to_string()))
        } else if self.shutdown {
            Err((ErrorCode::InvalidRequest, "the server is shutting down".to_string()))
        } else {
            self.dispatch(r, out)?
        };
        let response = match answer {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        transport::write(out, response.into())
    }

    fn dispatch(&mut self, r: Request, out: &mut impl Write) -> io::Result<Handled> {
        Ok(match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            req::CodeActionRequest::METHOD => match params::<CodeActionParams>(r.params) {
                Ok(p) => self.code_actions(p, out)?,
                Err(e) => Err(e),
            },
            req::HoverRequest::METHOD => match params::<HoverParams>(r.params) {
                Ok(p) => self.hover(p, out)?,
                Err(e) => Err(e),
            },
            req::CodeLensRequest::METHOD => match params::<CodeLensParams>(r.params) {
                Ok(p) => self.code_lens(&p.text_document.uri, out)?,
                Err(e) => Err(e),
            },
            req::ExecuteCommand::METHOD => match params::<ExecuteCommandParams>(r.params) {
                Ok(p) => self.execute(p),
                Err(e) => Err(e),
            },
            other => Err((ErrorCode::MethodNotFound, format!("unknown method `{other}`"))),
        })
    }

    fn response(&mut self, r: Response) {
        let Some(what) = self.pending.remove(&r.id) else { return };
        if what == req::WorkspaceConfiguration::METHOD {
            // one item asked: the `seolint` section
            if let Some(first) = r
                .response_result
                .as_ref()
                .ok()
                .and_then(Value::as_array)
                .and_then(|a| a.first())
            {
                if !first.is_null() {
                    self.set_client(self.client.updated(first));
                }
            }
        }
    }

    fn notification(&mut self, n: Notification, out: &mut impl Write) -> io::Result<()> {
        // a notification that does not parse cannot be answered: it is logged and dropped
        let result: Result<(), String> = match n.method.as_str() {
            note::Initialized::METHOD => {
                self.after_initialized(out)?;
                Ok(())
            }
            note::DidOpenTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                    .map(|p| self.open(p))
                    .map_err(|e| e.to_string())
            }
            note::DidChangeTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                    .map(|p| self.change(p))
                    .map_err(|e| e.to_string())
            }
            note::DidCloseTextDocument::METHOD => {
                match serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    Ok(p) => {
                        if self.docs.remove(p.text_document.uri.as_str()).is_some() {
                            publish(out, &p.text_document.uri, None, Vec::new())?;
                        }
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                match serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params) {
                    Ok(p) => {
                        self.files_changed(&p.changes);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            note::DidSaveTextDocument::METHOD => {
                self.site_due = true;
                Ok(())
            }
            note::DidChangeConfiguration::METHOD => {
                let settings = n.params.get("settings").cloned().unwrap_or(Value::Null);
                if self.can_ask_configuration {
                    self.ask_configuration(out)?;
                } else if settings.is_object() {
                    self.set_client(self.client.updated(&settings));
                }
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            log(&format!("{}: {e}", n.method));
        }
        Ok(())
    }

    fn initialize(&mut self, p: InitializeParams) -> Value {
        let general = p.capabilities.general.as_ref();
        self.encoding = Encoding::negotiate(general.and_then(|g| g.position_encodings.as_deref()));
        let workspace = p.capabilities.workspace.as_ref();
        self.can_register_watchers = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.can_ask_configuration = workspace.and_then(|w| w.configuration).unwrap_or(false);
        #[allow(deprecated)]
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.as_str().to_string())
            .or_else(|| p.root_uri.as_ref().map(|u| u.as_str().to_string()));
        self.root = root.as_deref().and_then(text::path_of);
        if let Some(options) = &p.initialization_options {
            self.client = self.client.updated(options);
        }
        self.initialized = true;
        json!({
            "capabilities": {
                "positionEncoding": self.encoding.kind(),
                "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
                "codeActionProvider": {
                    "codeActionKinds": ["quickfix", findings::FIX_ALL],
                    "resolveProvider": false,
                },
                "hoverProvider": true,
                "codeLensProvider": { "resolveProvider": false },
                "executeCommandProvider": { "commands": [STATS_COMMAND] },
            },
            "serverInfo": { "name": "seolint", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    /// Watch config, presets, packs and templates, and read the client's settings.
    fn after_initialized(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.can_register_watchers {
            let register = json!({ "registrations": [{
                "id": "seolint-watch",
                "method": note::DidChangeWatchedFiles::METHOD,
                "registerOptions": { "watchers": [
                    { "globPattern": "**/.seolint.{yaml,yml}" },
                    { "globPattern": "**/*.{yaml,yml}" },
                    { "globPattern": "**/*.{md,markdown,mdx}" },
                ]},
            }]});
            self.send_request(out, req::RegisterCapability::METHOD, register)?;
        }
        if self.can_ask_configuration {
            self.ask_configuration(out)?;
        }
        Ok(())
    }

    fn ask_configuration(&mut self, out: &mut impl Write) -> io::Result<()> {
        let items = json!({ "items": [{ "section": "seolint" }] });
        self.send_request(out, req::WorkspaceConfiguration::METHOD, items)
    }

    fn send_request(&mut self, out: &mut impl Write, method: &'static str, params: Value) -> io::Result<()> {
        self.next_id += 1;
        let id = RequestId::from(format!("seolint-{}", self.next_id));
        self.pending.insert(id.clone(), method);
        transport::write(out, Request::new(id, method.to_string(), params).into())
    }

    fn open(&mut self, p: lsp_types::DidOpenTextDocumentParams) {
        let d = p.text_document;
        let path = text::path_of(d.uri.as_str());
        let markdown = matches!(d.language_id.as_str(), "markdown" | "mdx" | "markdown.mdx")
            || path
                .as_deref()
                .and_then(Path::extension)
                .is_some_and(|e| e == "md" || e == "markdown" || e == "mdx");
        if !markdown {
            return;
        }
        self.generation += 1;
        let doc = Doc {
            uri: d.uri.clone(),
            path,
            version: d.version,
            generation: self.generation,
            text: Text::new(d.text),
            linted: None,
            landmarks: Landmarks::default(),
            site: Vec::new(),
        };
        self.docs.insert(d.uri.as_str().to_string(), doc);
        self.site_due = true;
    }

    fn change(&mut self, p: lsp_types::DidChangeTextDocumentParams) {
        let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else {
            return;
        };
        for change in p.content_changes {
            doc.text.apply(change, self.encoding);
        }
        doc.version = p.text_document.version;
        self.generation += 1;
        doc.generation = self.generation;
        doc.linted = None;
        let text = doc.text.as_str();
        doc.site.retain_mut(|a| a.follow(text));
    }

    /// Lint `uri`'s current text if it is not linted yet, and publish what was found.
    fn ensure_linted(&mut self, uri: &str, out: &mut impl Write) -> io::Result<()> {
        let Some(doc) = self.docs.get(uri) else { return Ok(()) };
        if doc.linted.is_some() {
            return Ok(());
        }
        let path = doc.path.clone();
        let settings = self.settings_for(path.as_deref());
        let Some(doc) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        doc.landmarks = Landmarks::default();
        let linted = match settings {
            Err(e) => Linted::Problem("config", format!("seolint could not read its configuration: {e}")),
            Ok(None) => Linted::Skipped,
            Ok(Some(settings)) => {
                let name = doc
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(untitled_name(doc.uri.as_str())));
                // as `lint_str` lints it, with the H1 and front matter of the same parse
                let lint = || {
                    let name = crate::input::display_path(&name);
                    crate::engine::lint_source_landmarks(name, doc.text.as_str().to_string(), &settings)
                };
                match guarded(lint) {
                    Ok((report, landmarks)) => {
                        doc.landmarks = landmarks;
                        Linted::Report(Arc::new(report))
                    }
                    Err(why) => Linted::Problem("internal-error", format!("{why}; this document was not linted")),
                }
            }
        };
        doc.linted = Some(linted);
        publish_doc(doc, self.encoding, out)
    }

    /// Lint every document whose text changed since it was last linted.
    fn lint_changed(&mut self, out: &mut impl Write) -> io::Result<()> {
        let changed: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.linted.is_none())
            .map(|(u, _)| u.clone())
            .collect();
        for uri in changed {
            self.ensure_linted(&uri, out)?;
        }
        if self.site_due {
            self.site_due = false;
            self.check_site();
        }
        Ok(())
    }

    /// The document's current report, linting it first if needed.
    fn report(&mut self, uri: &Uri, out: &mut impl Write) -> io::Result<Option<Arc<Report>>> {
        // a document the server does not hold (not Markdown, not opened) has no findings: the
        // editor asked in good faith, so the answer is empty, not an error
        self.ensure_linted(uri.as_str(), out)?;
        Ok(match self.docs.get(uri.as_str()).and_then(|d| d.linted.as_ref()) {
            Some(Linted::Report(r)) => Some(r.clone()),
            _ => None,
        })
    }
}

/// The name an unsaved buffer's findings are reported under.
fn untitled_name(uri: &str) -> String {
    let last = uri.rsplit(['/', ':']).next().unwrap_or(uri);
    if last.is_empty() {
        "untitled.md".to_string()
    } else {
        last.to_string()
    }
}

/// Run `f`, turning a panic (a bug in a rule or in the server) into a message instead of ending
/// the server.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        format!("seolint failed (a bug: please report it): {what}")
    })
}

/// Publish a document's findings: its own and its site findings.
fn publish_doc(doc: &Doc, encoding: Encoding, out: &mut impl Write) -> io::Result<()> {
    let mut diagnostics: Vec<lsp_types::Diagnostic> = match &doc.linted {
        Some(Linted::Report(r)) => r
            .diagnostics
            .iter()
            .map(|d| findings::diagnostic(&doc.uri, &doc.text, d, encoding))
            .collect(),
        Some(Linted::Problem(code, message)) => vec![findings::problem(code, message.clone())],
        Some(Linted::Skipped) | None => Vec::new(),
    };
    if matches!(doc.linted, Some(Linted::Report(_))) {
        diagnostics.extend(doc.site.iter().map(|a| {
            let mut d = findings::diagnostic(&doc.uri, &doc.text, &a.diagnostic, encoding);
            if !a.related.is_empty() {
                d.related_information
                    .get_or_insert_with(Vec::new)
                    .extend(a.related.iter().cloned());
            }
            d
        }));
    }
    publish(out, &doc.uri, Some(doc.version), diagnostics)
}

/// `path` made absolute against the working directory (as config discovery does).
fn absolute(path: &Path) -> PathBuf {
    crate::input::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn publish(
    out: &mut impl Write,
    uri: &Uri,
    version: Option<i32>,
    diagnostics: Vec<lsp_types::Diagnostic>,
) -> io::Result<()> {
    let params = PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics,
        version,
    };
    transport::write(
        out,
        Notification::new(note::PublishDiagnostics::METHOD.to_string(), params).into(),
    )
}

/// A line on standard error, which editors show as the server's log.
fn log(message: &str) {
    let _ = writeln!(io::stderr().lock(), "seolint server: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message() {
        let got: Result<(), String> = guarded(|| panic!("rule broke"));
        assert!(got.as_ref().is_err_and(|e| e.contains("rule broke")), "{got:?}");
        assert_eq!(guarded(|| 7), Ok(7));
    }

    #[test]
    fn client_settings_are_read_flat_or_under_seolint() {
        let none = ClientSettings::default();
        let flat = none.updated(&json!({ "keyword": "cold brew", "template": "t.md" }));
        let nested = none.updated(&json!({ "seolint": { "keyword": "cold brew", "template": "t.md" } }));
        assert_eq!(flat, nested);
        assert_eq!(flat.keyword.as_deref(), Some("cold brew"));
        // a key not given stays; an empty one clears
        assert_eq!(flat.updated(&json!({})), flat);
        let cleared = flat.updated(&json!({ "seolint": { "keyword": "" } }));
        assert_eq!(cleared.keyword, None);
        assert_eq!(cleared.template, Some(PathBuf::from("t.md")));
    }
}
