//! `piitrace lsp`: the language server. Findings appear as diagnostics while the
//! developer types; hover explains them, code actions suppress or fix them.
//!
//! The main loop only answers the client and publishes: the workspace is loaded and
//! analysed on the analysis thread ([`worker`]), which sends a fresh report per file
//! after each batch of edits. The server sits on top of `scan` and `output` like the
//! CLI does; it knows nothing of front-ends.

mod actions;
pub mod report;
mod transport;
pub mod uri;
pub mod worker;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Result;
use crossbeam_channel::{select, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    notification, request, CodeActionKind, CodeActionOptions, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, HoverParams, HoverProviderCapability,
    InitializeParams, MessageType, NumberOrString, Position, ProgressParams, ProgressParamsValue,
    PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkDoneProgress,
    WorkDoneProgressBegin, WorkDoneProgressCreateParams, WorkDoneProgressEnd,
    WorkDoneProgressReport,
};
use serde::Deserialize;

use crate::rules::Level;
use report::FileReport;
use worker::{Event, Job, Progress};

const PROGRESS_TOKEN: &str = "piitrace/indexing";

/// Runs the server on stdin/stdout until `exit`; the process exit code (0 after a
/// `shutdown`, 1 otherwise, as the protocol asks).
pub fn run() -> Result<u8> {
    let (connection, threads) = transport::stdio()?;
    let code = serve(&connection)?;
    drop(connection);
    threads.join();
    Ok(code)
}

fn serve(connection: &Connection) -> Result<u8> {
    let (id, params) = connection.initialize_start()?;
    // A client's malformed parameters are not fatal: the defaults apply.
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "piitrace".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) },
    });
    connection.initialize_finish(id, result)?;

    let (events_sender, events) = crossbeam_channel::unbounded();
    // Discovery names files by their canonical paths; so does the server.
    let root = workspace_root(&params);
    let root = root.canonicalize().unwrap_or(root);
    let jobs = worker::spawn(root.clone(), events_sender)?;
    let mut server = Server {
        root,
        sender: connection.sender.clone(),
        jobs,
        settings: params
            .initialization_options
            .and_then(|o| serde_json::from_value(o).ok())
            .unwrap_or_default(),
        progress: params
            .capabilities
            .window
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        documents: HashMap::new(),
        client_uris: HashMap::new(),
        reports: BTreeMap::new(),
        published: HashMap::new(),
        shutdown: false,
        next_request: 0,
    };
    loop {
        select! {
            recv(connection.receiver) -> message => {
                let Ok(message) = message else {
                    // The client went away without `exit`.
                    return Ok(1);
                };
                if let Some(code) = server.handle(message) {
                    return Ok(code);
                }
            }
            recv(events) -> event => {
                if let Ok(event) = event {
                    server.event(event);
                }
            }
        }
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The first workspace folder, else the root URI, else the working directory.
#[allow(deprecated)] // root_uri: older clients send only that
fn workspace_root(params: &InitializeParams) -> PathBuf {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| uri::to_path(&f.uri));
    folder
        .or_else(|| params.root_uri.as_ref().and_then(uri::to_path))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// What the extension's settings choose to show (`initializationOptions`, and
/// `workspace/didChangeConfiguration` under `piitrace`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Settings {
    /// Rule IDs to show; empty: all.
    rules: Vec<String>,
    /// Hide findings below this level.
    min_level: Option<Level>,
}

impl Settings {
    fn shows(&self, entry: &report::Entry) -> bool {
        let Some(rule) = &entry.rule else {
            return true;
        };
        let enabled = self.rules.is_empty() || self.rules.iter().any(|r| r == rule);
        enabled && self.min_level.is_none_or(|min| entry.level >= min)
    }
}

struct Server {
    /// The workspace: files outside it are not part of the program analysed.
    root: PathBuf,
    sender: Sender<Message>,
    jobs: Sender<Job>,
    settings: Settings,
    /// Whether the client shows progress the server starts.
    progress: bool,
    /// Open documents' texts, for code actions' edits.
    documents: HashMap<PathBuf, String>,
    /// The URI the client uses for an open document, by canonical path (they differ
    /// under a symbolic link), to publish under the name the client knows.
    client_uris: HashMap<PathBuf, lsp_types::Uri>,
    /// The latest analysis, by file.
    reports: BTreeMap<PathBuf, FileReport>,
    /// What the client shows now, by file, to publish only what changed.
    published: HashMap<PathBuf, Vec<Diagnostic>>,
    shutdown: bool,
    next_request: i32,
}

impl Server {
    /// Handles one message; the exit code when it was `exit`.
    fn handle(&mut self, message: Message) -> Option<u8> {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(n) if n.method == notification::Exit::METHOD => {
                return Some(if self.shutdown { 0 } else { 1 });
            }
            Message::Notification(n) => self.notification(n),
            // Answers to our progress requests: nothing to do.
            Message::Response(_) => {}
        }
        None
    }

    fn send(&self, message: impl Into<Message>) {
        let _ = self.sender.send(message.into());
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown {
            return self.send(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_string(),
            ));
        }
        let result = match request.method.as_str() {
            request::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            request::HoverRequest::METHOD => {
                parse::<HoverParams>(request.params).map(|p| to_json(self.hover(p)))
            }
            request::CodeActionRequest::METHOD => {
                parse::<CodeActionParams>(request.params).map(|p| to_json(self.code_actions(p)))
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("piitrace does not handle `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response);
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::{
            DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
            DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
        };
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<DidOpenTextDocumentParams>(n.params) {
                    self.edit(&p.text_document.uri, p.text_document.text);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<DidChangeTextDocumentParams>(n.params) {
                    // Full sync: the last change is the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.edit(&p.text_document.uri, change.text);
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<DidCloseTextDocumentParams>(n.params) {
                    if let Some(path) = local_path(&p.text_document.uri) {
                        self.documents.remove(&path);
                        self.client_uris.remove(&path);
                        let _ = self.jobs.send(Job::Disk { path });
                    }
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(p) = parse::<DidSaveTextDocumentParams>(n.params) {
                    if local_path(&p.text_document.uri).is_some_and(|p| changes_project(&p)) {
                        let _ = self.jobs.send(Job::Reload);
                    }
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = parse::<DidChangeWatchedFilesParams>(n.params) {
                    for change in p.changes {
                        let Some(path) = local_path(&change.uri) else {
                            continue;
                        };
                        if changes_project(&path) {
                            let _ = self.jobs.send(Job::Reload);
                        } else if !self.documents.contains_key(&path) {
                            let _ = self.jobs.send(Job::Disk { path });
                        }
                    }
                }
            }
            notification::DidChangeConfiguration::METHOD => {
                if let Ok(p) = parse::<DidChangeConfigurationParams>(n.params) {
                    let settings = p.settings.get("piitrace").unwrap_or(&p.settings);
                    match serde_json::from_value(settings.clone()) {
                        Ok(s) => {
                            self.settings = s;
                            self.publish();
                        }
                        Err(e) => eprintln!("piitrace lsp: settings ignored: {e}"),
                    }
                }
            }
            // `initialized`, `$/cancelRequest` (answers are immediate), the rest.
            _ => {}
        }
    }

    fn edit(&mut self, uri: &lsp_types::Uri, text: String) {
        let Some(path) = local_path(uri).filter(|p| p.starts_with(&self.root)) else {
            return;
        };
        self.client_uris.insert(path.clone(), uri.clone());
        self.documents.insert(path.clone(), text.clone());
        let _ = self.jobs.send(Job::Edit { path, text });
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Reports { reports, elapsed } => {
                if std::env::var_os("PIITRACE_PROFILE").is_some() {
                    eprintln!("piitrace lsp: analysed in {:.3}s", elapsed.as_secs_f64());
                }
                self.reports = reports;
                self.publish();
            }
            Event::Progress(p) => self.progress(p),
            Event::Error(message) => {
                eprintln!("{message}");
                self.send(Notification::new(
                    notification::ShowMessage::METHOD.to_string(),
                    lsp_types::ShowMessageParams {
                        typ: MessageType::WARNING,
                        message,
                    },
                ));
            }
        }
    }

    /// Publishes the diagnostics of every file whose shown findings changed, and
    /// clears files that have none left.
    fn publish(&mut self) {
        let mut now: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        for (path, report) in &self.reports {
            let shown: Vec<Diagnostic> = report
                .entries
                .iter()
                .filter(|e| self.settings.shows(e))
                .map(|e| e.diagnostic.clone())
                .collect();
            if !shown.is_empty() {
                now.insert(path.clone(), shown);
            }
        }
        let cleared: Vec<PathBuf> = self
            .published
            .keys()
            .filter(|p| !now.contains_key(*p))
            .cloned()
            .collect();
        for path in cleared {
            self.publish_file(&path, Vec::new());
        }
        for (path, diagnostics) in &now {
            if self.published.get(path) != Some(diagnostics) {
                self.publish_file(path, diagnostics.clone());
            }
        }
        self.published = now;
    }

    fn publish_file(&self, path: &Path, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = self
            .client_uris
            .get(path)
            .cloned()
            .or_else(|| uri::from_path(path))
        else {
            return;
        };
        self.send(Notification::new(
            notification::PublishDiagnostics::METHOD.to_string(),
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            },
        ));
    }

    fn progress(&mut self, p: Progress) {
        if !self.progress {
            return;
        }
        let token = NumberOrString::String(PROGRESS_TOKEN.to_string());
        let value = match p {
            Progress::Begin(title) => {
                self.next_request += 1;
                self.send(Request::new(
                    RequestId::from(format!("piitrace-progress-{}", self.next_request)),
                    request::WorkDoneProgressCreate::METHOD.to_string(),
                    WorkDoneProgressCreateParams {
                        token: token.clone(),
                    },
                ));
                WorkDoneProgress::Begin(WorkDoneProgressBegin {
                    title: format!("piitrace: {}", title.to_lowercase()),
                    cancellable: Some(false),
                    message: None,
                    percentage: None,
                })
            }
            Progress::Report(message) => WorkDoneProgress::Report(WorkDoneProgressReport {
                message: Some(message),
                ..WorkDoneProgressReport::default()
            }),
            Progress::End(message) => WorkDoneProgress::End(WorkDoneProgressEnd {
                message: Some(message),
            }),
        };
        self.send(Notification::new(
            notification::Progress::METHOD.to_string(),
            ProgressParams {
                token,
                value: ProgressParamsValue::WorkDone(value),
            },
        ));
    }

    /// The entries shown at `position` of the file.
    fn entries_at(&self, path: &Path, range: Range) -> Vec<&report::Entry> {
        let Some(report) = self.reports.get(path) else {
            return Vec::new();
        };
        report
            .entries
            .iter()
            .filter(|e| self.settings.shows(e) && overlaps(e.diagnostic.range, range))
            .collect()
    }

    fn hover(&self, params: HoverParams) -> Option<lsp_types::Hover> {
        let at = params.text_document_position_params;
        let path = local_path(&at.text_document.uri)?;
        let point = Range::new(at.position, at.position);
        let entries: Vec<&report::Entry> = self
            .entries_at(&path, point)
            .into_iter()
            .filter(|e| e.hover.is_some())
            .collect();
        let texts: Vec<&str> = entries.iter().filter_map(|e| e.hover.as_deref()).collect();
        let range = entries.first()?.diagnostic.range;
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value: texts.join("\n\n---\n\n"),
            }),
            range: Some(range),
        })
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let Some(path) = local_path(&params.text_document.uri) else {
            return Vec::new();
        };
        let text = self.documents.get(&path).map(String::as_str);
        self.entries_at(&path, params.range)
            .into_iter()
            .flat_map(|e| actions::for_entry(&params.text_document.uri, text, e))
            .collect()
    }
}

/// The canonical path of a `file://` URI (as named when it does not exist yet).
fn local_path(uri: &lsp_types::Uri) -> Option<PathBuf> {
    let path = uri::to_path(uri)?;
    Some(path.canonicalize().unwrap_or(path))
}

/// Saving these changes what every file is analysed with (or which files there are).
fn changes_project(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(
        name,
        "piitrace.toml"
            | "AndroidManifest.xml"
            | "build.gradle"
            | "build.gradle.kts"
            | "settings.gradle"
            | "settings.gradle.kts"
            | "libs.versions.toml"
            | ".gitignore"
    )
}

/// Whether two ranges share a point (an empty range at a diagnostic's end counts).
fn overlaps(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

fn parse<P: serde::de::DeserializeOwned>(
    params: serde_json::Value,
) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, format!("{e}")))
}

fn to_json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
