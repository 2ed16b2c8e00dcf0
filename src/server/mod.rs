//! `seolint server`: a Language Server Protocol server over stdio. It lints each open Markdown or
//! MDX document with the settings the command line would give its path, publishes the findings
//! as diagnostics, and offers their fixes, suppression comments, the rules' docs on hover and the
//! article's figures in a code lens.
//!
//! One thread handles messages in order. After each message it takes every message already
//! queued before it lints, so when changes arrive faster than linting only the newest text of a
//! document is linted: results for an old version are never computed, so never published.

mod findings;
mod site;
mod text;
mod transport;

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
use text::{Encoding, Text};
use transport::Incoming;

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

/// A site pass's findings: the generation it started in, and per document the generation of
/// the text it checked with that text's findings.
struct Checked {
    generation: u64,
    found: HashMap<String, (u64, Vec<site::Anchored>)>,
}

/// What the client set for every document: the keyword and the template, over what config says.
#[derive(Debug, Default, Clone, PartialEq)]
struct ClientSettings {
    keyword: Option<String>,
    template: Option<PathBuf>,
}

impl ClientSettings {
    /// `{ "keyword": "...", "template": "..." }`, also under a `seolint` key (how editors nest
    /// a server's section), over these settings: a key given replaces its value (an empty string
    /// or null clears it), a key not given keeps it, so an editor's empty settings object does
    /// not undo the initialization options.
    fn updated(&self, value: &Value) -> ClientSettings {
        let v = value.get("seolint").unwrap_or(value);
        let read = |key: &str, now: Option<String>| match v.get(key) {
            None => now,
            Some(x) => x.as_str().filter(|s| !s.is_empty()).map(str::to_string),
        };
        ClientSettings {
            keyword: read("keyword", self.keyword.clone()),
            template: read(
                "template",
                self.template.as_ref().map(|t| t.to_string_lossy().into_owned()),
            )
            .map(PathBuf::from),
        }
    }
}

/// What decides a file's settings besides the client's: its config file and the overrides of
/// it that match the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SettingsKey {
    config: Option<PathBuf>,
    overrides: Vec<usize>,
    /// The file takes part in the site checks (saved, inside the site's folder).
    site_run: bool,
}

/// An open document taking part in a site pass, with the site's folder.
struct Taking {
    root: PathBuf,
    uri: String,
    /// The generation of the document's text.
    generation: u64,
    path: PathBuf,
    report: Arc<Report>,
    settings: Arc<Settings>,
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

    fn set_client(&mut self, client: ClientSettings) {
        if client != self.client {
            self.client = client;
            self.reload();
        }
    }

    /// Config, presets, packs or a template may have changed: read them again and lint every
    /// open document anew.
    fn reload(&mut self) {
        self.site_due = true;
        self.generation += 1;
        self.reloaded = self.generation;
        self.resolver = Arc::new(fresh_resolver());
        self.settings.clear();
        self.template = None;
        self.templates.clear();
        for doc in self.docs.values_mut() {
            doc.linted = None;
            // found with the old settings: the next pass says what the new ones find
            doc.site.clear();
        }
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

    /// Files changed on disk: config, presets and packs (YAML) or a template in use reload the
    /// settings, and so does any change while a document's settings do not load (a broken
    /// config's template, a pack it names); any other file may change what the site checks find.
    fn files_changed(&mut self, changes: &[lsp_types::FileEvent]) {
        let mut templates: Vec<PathBuf> = self
            .settings
            .values()
            .filter_map(|s| s.as_ref().ok()?.template.as_ref().map(|t| absolute(Path::new(&t.path))))
            .collect();
        templates.extend(self.templates.iter().cloned());
        let broken = self
            .docs
            .values()
            .any(|d| matches!(d.linted, Some(Linted::Problem("config", _))));
        let settings_changed = broken
            || changes.iter().any(|c| {
                let Some(path) = text::path_of(c.uri.as_str()) else {
                    return false;
                };
                path.extension().is_some_and(|e| e == "yaml" || e == "yml") || templates.contains(&path)
            });
        if settings_changed {
            self.reload();
        } else {
            self.site_due = true;
        }
    }

    /// The settings a file gets, as `seolint FILE` would give them (its `.seolint.yaml`, the
    /// overrides that match it), with the client's keyword and template over them; `Ok(None)`
    /// for a file the config excludes or a partial.
    fn settings_for(&mut self, path: Option<&Path>) -> Result<Option<Arc<Settings>>, String> {
        let config = match path {
            Some(p) => self.resolver.config_for(p).map_err(|e| e.to_string())?,
            None => None,
        };
        if let Some(p) = path {
            if config.as_ref().is_some_and(|c| c.excludes(p)) || crate::config::is_partial(config.as_deref(), p) {
                return Ok(None);
            }
        }
        // the site checks run for a saved file inside the site's folder (the configured content
        // root, else the workspace), as `seolint FOLDER` would; an unsaved buffer or a file
        // outside gets what `seolint FILE` gives: no site checks
        let content_root = config
            .as_ref()
            .and_then(|c| c.site.content_root.as_ref().map(|r| c.dir.join(r)));
        let site_run = match (path, content_root.or_else(|| self.root.clone())) {
            (Some(p), Some(root)) => absolute(p).starts_with(absolute(&root)),
            _ => false,
        };
        // files with the same config and matching overrides share one copy, as in a CLI run
        let key = SettingsKey {
            config: config.as_ref().map(|c| c.path.clone()),
            overrides: match (&config, path) {
                (Some(c), Some(p)) => c.overrides_for(p),
                _ => Vec::new(),
            },
            site_run,
        };
        if let Some(known) = self.settings.get(&key) {
            return known.clone().map(Some);
        }
        let mut s = match (&config, path) {
            (Some(c), Some(p)) => c.settings_for(p),
            _ => Settings::default(),
        };
        if let Some(k) = &self.client.keyword {
            s.keyword = Some(k.clone());
        }
        // files leave what the site checks need, and the checklist rule knows they run
        s.site_run = site_run;
        let made = match self.client_template() {
            Some(Err(e)) => Err(e),
            Some(Ok(t)) => {
                s.template = Some(t);
                Ok(Arc::new(s))
            }
            None => Ok(Arc::new(s)),
        };
        self.settings.insert(key, made.clone());
        made.map(Some)
    }

    /// The client's template, loaded once per reload.
    fn client_template(&mut self) -> Option<Result<Arc<TemplateReqs>, String>> {
        let path = self.client.template.clone()?;
        let path = match (&self.root, path.is_relative()) {
            (Some(root), true) => root.join(path),
            _ => path,
        };
        let tried = absolute(&path);
        if !self.templates.contains(&tried) {
            self.templates.push(tried);
        }
        Some(
            self.template
                .get_or_insert_with(|| TemplateReqs::load(&path).map(Arc::new))
                .clone(),
        )
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

    /// Start the site pass for every open document that belongs to a site (under the
    /// configured content root, else the workspace folder), with the site's other files from
    /// disk, on a thread of its own: reading the site takes longer than a keystroke. Its
    /// findings come back as [`Event::SiteChecked`]; one pass runs at a time, and a pass asked
    /// for meanwhile starts when it ends.
    fn check_site(&mut self) {
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
    fn site_checked(&mut self, checked: Checked, out: &mut impl Write) -> io::Result<()> {
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

    fn code_actions(&mut self, p: CodeActionParams, out: &mut impl Write) -> io::Result<Handled> {
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

    fn hover(&mut self, p: HoverParams, out: &mut impl Write) -> io::Result<Handled> {
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
    fn stats(&mut self, uri: &str) -> Result<crate::stats::Stats, (ErrorCode, String)> {
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

    fn code_lens(&mut self, uri: &Uri, out: &mut impl Write) -> io::Result<Handled> {
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

    fn execute(&mut self, p: ExecuteCommandParams) -> Handled {
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

/// The site pass over the open documents taking part, per site folder: each document's site
/// findings with the generation of the text they were found in, and their places in other
/// files as LSP locations (in `encoding`).
fn site_pass(
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
fn related(
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

fn fresh_resolver() -> Resolver {
    // discovery only: `new` fails only for an explicit config file, which the server has not
    Resolver::new(None, false).unwrap_or_else(|_| unreachable_resolver())
}

#[cold]
fn unreachable_resolver() -> Resolver {
    // no explicit file and not disabled cannot fail; this keeps the server up if it ever did
    match Resolver::new(None, true) {
        Ok(r) => r,
        Err(_) => std::process::abort(),
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

/// `1,234 words · “cold brew” 1.2% · 6 min read · score 78/100`
fn lens_title(s: &crate::stats::Stats) -> String {
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
