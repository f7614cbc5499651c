//! `privreg lsp`: a language server on stdin and stdout.
//!
//! Documents are synchronised whole (`TextDocumentSyncKind::Full`; a client that sends
//! ranges anyway is followed). A register file or `privreg.yaml` is judged by `check` of
//! its project, found upward as the command line finds it, with every open document read
//! in place of its file on disk ([`overlay`]); any other document by `lint`. The findings
//! are published after each burst of changes, their fixes offered as code actions, and a
//! rule code hovered shows the rule's page. One thread reads the messages, this one
//! answers them: no runtime, and a message it cannot use, or a failure while answering
//! one, is answered with an error and the server goes on.

pub mod overlay;
pub mod position;
pub mod transport;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover,
    HoverContents, HoverParams, HoverProviderCapability, Location, MarkupContent, MarkupKind,
    MessageType, NumberOrString, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit,
    Uri, WorkspaceEdit,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use overlay::{Overlay, normalize};
use position::{Encoding, LineIndex};

/// What the command line adds to every check: `-D`, `-W`, `-A`, `--date`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Severity changes, applied after `privreg.yaml`'s.
    pub overrides: Vec<(String, Severity)>,
    /// Turn warnings into errors.
    pub deny_warnings: bool,
    /// The date rules judge by.
    pub date: Option<jiff::civil::Date>,
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// `exit` after `shutdown`: exit status 0.
    Clean,
    /// `exit` without `shutdown`, or the input ended first: exit status 1, as the
    /// protocol asks.
    Abrupt,
}

/// Serves the protocol on `input` and `output` until `exit` or the end of `input`.
pub fn serve<R: BufRead + Send + 'static>(
    input: R,
    output: &mut dyn Write,
    options: Options,
) -> Ended {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || read_all(input, &tx));
    let mut server = Server {
        out: output,
        options,
        encoding: Encoding::Utf16,
        initialized: false,
        shutdown: false,
        docs: BTreeMap::new(),
    };
    server.run(&rx)
}

/// Sends each frame of `input` to `tx`, until it ends or the server stops listening.
fn read_all(mut input: impl BufRead, tx: &mpsc::Sender<transport::Frame>) {
    loop {
        let frame = match transport::read_frame(&mut input, transport::MAX_MESSAGE_BYTES) {
            Ok(frame) => frame,
            Err(e) => transport::Frame::Malformed(format!("cannot read the input: {e}")),
        };
        let end = matches!(frame, transport::Frame::End)
            || matches!(&frame, transport::Frame::Malformed(m) if m.starts_with("cannot read"))
            || matches!(&frame, transport::Frame::Message(Message::Notification(n)) if n.method == note::Exit::METHOD);
        if tx.send(frame).is_err() || end {
            let _ = tx.send(transport::Frame::End);
            return;
        }
    }
}

/// An open document.
#[derive(Debug)]
struct Doc {
    uri: Uri,
    /// Its file, for `file:` URIs.
    path: Option<PathBuf>,
    text: String,
    version: i32,
    /// Changed since it was last judged.
    dirty: bool,
    /// The project it belongs to, if any.
    root: Option<PathBuf>,
    /// What it was last judged on, and the findings (their spans in that file's text).
    judged: Option<(Arc<SourceFile>, Vec<Diagnostic>)>,
}

impl Doc {
    /// Whether `check` judges it, rather than `lint`.
    fn is_register_like(&self) -> bool {
        self.path.as_deref().is_some_and(is_yaml)
    }
}

struct Server<'o> {
    out: &'o mut dyn Write,
    options: Options,
    encoding: Encoding,
    initialized: bool,
    shutdown: bool,
    docs: BTreeMap<String, Doc>,
}

impl Server<'_> {
    fn run(&mut self, rx: &mpsc::Receiver<transport::Frame>) -> Ended {
        while let Ok(frame) = rx.recv() {
            if let Some(ended) = self.take(frame) {
                return ended;
            }
            // A burst of changes is judged once, after its last message.
            while let Ok(frame) = rx.try_recv() {
                if let Some(ended) = self.take(frame) {
                    return ended;
                }
            }
            if !self.guarded("publishing diagnostics", |s| s.publish_dirty()) {
                // Not again on every message: the next change of a document tries anew.
                for doc in self.docs.values_mut() {
                    doc.dirty = false;
                }
            }
        }
        Ended::Abrupt
    }

    /// Handles one frame; `Some` when the session is over.
    fn take(&mut self, frame: transport::Frame) -> Option<Ended> {
        match frame {
            transport::Frame::End => {
                return Some(if self.shutdown {
                    Ended::Clean
                } else {
                    Ended::Abrupt
                });
            }
            transport::Frame::Malformed(why) => {
                self.log(MessageType::ERROR, &format!("ignored a message: {why}"));
                let _ =
                    transport::write_error_without_id(self.out, ErrorCode::ParseError as i32, &why);
            }
            transport::Frame::TooLarge(n) => {
                let why = format!(
                    "ignored a message of {n} bytes, over the limit of {} bytes; a document \
                     changed by it is judged on its older text",
                    transport::MAX_MESSAGE_BYTES
                );
                self.show(MessageType::ERROR, &why);
                let _ = transport::write_error_without_id(
                    self.out,
                    ErrorCode::InvalidRequest as i32,
                    &why,
                );
            }
            transport::Frame::Message(Message::Request(request)) => self.request(request),
            transport::Frame::Message(Message::Notification(n)) => {
                if n.method == note::Exit::METHOD {
                    return Some(if self.shutdown {
                        Ended::Clean
                    } else {
                        Ended::Abrupt
                    });
                }
                let method = n.method.clone();
                self.guarded(&method, |s| s.notification(n));
            }
            // The server sends no requests, so expects no responses.
            transport::Frame::Message(Message::Response(_)) => {}
        }
        None
    }

    /// Runs `f`; a panic in it is reported on stderr and to the client, never the end of
    /// the server. Whether `f` returned.
    fn guarded(&mut self, what: &str, f: impl FnOnce(&mut Self)) -> bool {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self)));
        if run.is_err() {
            self.log(
                MessageType::ERROR,
                &format!("internal error while {what}; the server goes on"),
            );
        }
        run.is_ok()
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if !self.initialized && request.method != req::Initialize::METHOD {
            return self.error(id, ErrorCode::ServerNotInitialized, "initialize first");
        }
        if self.shutdown {
            return self.error(id, ErrorCode::InvalidRequest, "the server is shutting down");
        }
        let method = request.method.clone();
        let answer =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(request)));
        match answer {
            Ok(Ok(value)) => self.send(Message::Response(Response::new_ok(id, value))),
            Ok(Err((code, message))) => self.error(id, code, &message),
            Err(_) => self.error(
                id,
                ErrorCode::InternalError,
                &format!("internal error answering `{method}`"),
            ),
        }
    }

    fn answer(&mut self, request: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params = request.params;
        let method = request.method.as_str();
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        match method {
            req::Initialize::METHOD => {
                if self.initialized {
                    return Err((ErrorCode::InvalidRequest, "initialized already".into()));
                }
                self.initialized = true;
                Ok(self.initialize(&params))
            }
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            req::HoverRequest::METHOD => {
                let params: HoverParams = serde_json::from_value(params).map_err(bad)?;
                Ok(serde_json::to_value(self.hover(&params)).unwrap_or_default())
            }
            req::CodeActionRequest::METHOD => {
                let params: CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                // Actions are offered on the text the client sees.
                self.publish_dirty();
                Ok(serde_json::to_value(self.code_actions(&params)).unwrap_or_default())
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("privreg does not answer `{method}`"),
            )),
        }
    }

    fn initialize(&mut self, params: &serde_json::Value) -> serde_json::Value {
        // Read leniently: a client's capabilities privreg does not use cannot fail it.
        let offered = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(serde_json::Value::as_array);
        if offered.is_some_and(|list| list.iter().any(|e| e == "utf-8")) {
            self.encoding = Encoding::Utf8;
        }
        let capabilities = ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            })),
            ..Default::default()
        };
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": ServerInfo {
                name: "privreg".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            },
        })
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return self.log(MessageType::ERROR, "ignored a malformed didOpen");
                };
                let doc = p.text_document;
                let path = file_path(&doc.uri);
                let root = path.as_deref().and_then(project_root);
                self.docs.insert(
                    doc.uri.as_str().to_owned(),
                    Doc {
                        uri: doc.uri,
                        path,
                        text: doc.text,
                        version: doc.version,
                        dirty: true,
                        root,
                        judged: None,
                    },
                );
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return self.log(MessageType::ERROR, "ignored a malformed didChange");
                };
                let encoding = self.encoding;
                let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        Some(range) => {
                            let span = LineIndex::new(&doc.text).span(range, encoding);
                            doc.text.replace_range(span, &change.text);
                        }
                    }
                }
                doc.version = p.text_document.version;
                doc.dirty = true;
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(doc) = self.docs.remove(p.text_document.uri.as_str()) else {
                    return;
                };
                // The file on disk counts again for the documents of its project.
                if doc.is_register_like() {
                    self.touch_project(doc.root.as_deref());
                }
                self.send_diagnostics(doc.uri, Vec::new(), None);
            }
            note::DidSaveTextDocument::METHOD => {}
            _ => {}
        }
    }

    /// Marks every open document of the project at `root` as needing a new judgement.
    fn touch_project(&mut self, root: Option<&Path>) {
        let Some(root) = root else { return };
        for doc in self.docs.values_mut() {
            if doc.root.as_deref() == Some(root) {
                doc.dirty = true;
            }
        }
    }

    /// Judges the documents changed since the last time, and publishes their findings.
    fn publish_dirty(&mut self) {
        let dirty_roots: Vec<PathBuf> = self
            .docs
            .values()
            .filter(|d| d.dirty && d.is_register_like())
            .filter_map(|d| d.root.clone())
            .collect();
        // A change to a register or privreg.yaml can change any finding of its project.
        for root in &dirty_roots {
            self.touch_project(Some(root));
        }
        let mut checked = Vec::new();
        for root in dirty_roots {
            if !checked.contains(&root) {
                self.check_project(&root);
                checked.push(root);
            }
        }
        let lint: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(k, _)| k.clone())
            .collect();
        for key in lint {
            if self.docs[&key].is_register_like() {
                // A YAML file of no project is none of privreg's business.
                self.judged(&key, None);
            } else {
                self.lint_doc(&key);
            }
        }
    }

    fn overlay(&self) -> Overlay<'_> {
        let mut overlay = Overlay::default();
        for doc in self.docs.values() {
            if let Some(path) = &doc.path {
                overlay.insert(path, &doc.text);
            }
        }
        overlay
    }

    /// Checks the project at `root` as its open documents read, and sets the findings of
    /// each of its open YAML documents.
    fn check_project(&mut self, root: &Path) {
        let opts = crate::CheckOptions {
            root: root.to_owned(),
            overrides: self.options.overrides.clone(),
            deny_warnings: self.options.deny_warnings,
            date: self.options.date,
            jobs: None,
            record: false,
        };
        let result = crate::check_in(&opts, &self.overlay());
        let checked = match result {
            Ok(checked) => checked,
            Err(err) => {
                let message = format!("cannot check {}: {}", root.display(), error_chain(&err));
                // Tried again on the next change, not on every message until then.
                for doc in self.docs.values_mut() {
                    if doc.is_register_like() && doc.root.as_deref() == Some(root) {
                        doc.dirty = false;
                    }
                }
                return self.log(MessageType::ERROR, &message);
            }
        };
        let mut by_path: HashMap<PathBuf, (Arc<SourceFile>, Vec<Diagnostic>)> = HashMap::new();
        for file in checked
            .project
            .files
            .iter()
            .chain(&checked.project.config_file)
        {
            by_path.insert(normalize(&file.path), (Arc::clone(file), Vec::new()));
        }
        for d in checked.diagnostics {
            by_path
                .entry(normalize(&d.file.path))
                .or_insert_with(|| (Arc::clone(&d.file), Vec::new()))
                .1
                .push(d);
        }
        let mine: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.is_register_like() && d.root.as_deref() == Some(root))
            .map(|(k, _)| k.clone())
            .collect();
        for key in mine {
            let path = self.docs[&key].path.as_deref().map(normalize);
            let found = path.and_then(|p| by_path.remove(&p));
            self.judged(&key, found);
        }
    }

    /// Lints the text document `key` as `privreg lint` would the file.
    fn lint_doc(&mut self, key: &str) {
        let doc = &self.docs[key];
        let Some(path) = doc.path.clone() else {
            return self.judged(key, None);
        };
        let root = doc
            .root
            .clone()
            .unwrap_or_else(|| crate::files::parent_dir(&path));
        let opts = crate::lint::LintRunOptions {
            root,
            files: vec![path.clone()],
            overrides: self.options.overrides.clone(),
            deny_warnings: self.options.deny_warnings,
            list: false,
        };
        let result = crate::lint::lint_files_in(&opts, &self.overlay());
        match result {
            Ok(linted) => {
                let file = linted.files.into_iter().next();
                let found = file.map(|file| {
                    let mine = linted
                        .diagnostics
                        .into_iter()
                        .filter(|d| normalize(&d.file.path) == normalize(&path))
                        .collect();
                    (file, mine)
                });
                self.judged(key, found);
            }
            Err(err) => {
                let message = format!("cannot lint {}: {}", path.display(), error_chain(&err));
                self.log(MessageType::ERROR, &message);
                self.judged(key, None);
            }
        }
    }

    /// Records the findings of `key` and publishes them.
    fn judged(&mut self, key: &str, found: Option<(Arc<SourceFile>, Vec<Diagnostic>)>) {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        doc.dirty = false;
        doc.judged = found;
        let published = match &doc.judged {
            Some((file, diagnostics)) => {
                // One index for the file: a policy may have thousands of findings.
                let index = LineIndex::new(&file.text);
                diagnostics
                    .iter()
                    .filter(|d| d.severity != Severity::Off)
                    .map(|d| to_lsp(d, file, &index, &doc.uri, encoding))
                    .collect()
            }
            None => Vec::new(),
        };
        let (uri, version) = (doc.uri.clone(), doc.version);
        self.send_diagnostics(uri, published, Some(version));
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let doc = self.docs.get(at.text_document.uri.as_str())?;
        let index = LineIndex::new(&doc.text);
        let offset = index.offset(at.position, self.encoding);
        let word = word_at(&doc.text, offset)?;
        let rule = rule_named(&doc.text[word.clone()])?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: crate::docs::rule_page(rule),
            }),
            range: Some(index.range(&word, self.encoding)),
        })
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.docs.get(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let Some((file, diagnostics)) = &doc.judged else {
            return Vec::new();
        };
        let enc = self.encoding;
        let index = LineIndex::new(&file.text);
        let wanted = index.span(params.range, enc);
        let touches =
            |span: &std::ops::Range<usize>| span.start <= wanted.end && wanted.start <= span.end;
        let only = params.context.only.as_ref();
        let wants = |kind: &CodeActionKind| {
            only.is_none_or(|kinds| kinds.iter().any(|k| kind.as_str().starts_with(k.as_str())))
        };
        let edit = |span: &std::ops::Range<usize>, text: &str| {
            let change = TextEdit::new(index.range(span, enc), text.to_owned());
            WorkspaceEdit {
                changes: Some(HashMap::from([(doc.uri.clone(), vec![change])])),
                ..Default::default()
            }
        };
        let mut actions = Vec::new();
        let fixable = crate::lint::applicable_fixes(file, diagnostics);
        if wants(&CodeActionKind::QUICKFIX) {
            for d in diagnostics.iter().filter(|d| touches(&d.span)) {
                let mechanical = d
                    .fix
                    .as_ref()
                    .filter(|_| fixable.iter().any(|f| std::ptr::eq(*f, d)));
                let (fix, title, preferred) = match (mechanical, &d.suggestion) {
                    (Some(fix), _) => (fix, format!("Write `{}`", fix.replacement), true),
                    (None, Some(fix)) => {
                        (&**fix, format!("Replace with `{}`", fix.replacement), false)
                    }
                    (None, None) => continue,
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{title} ({})", d.code()),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(d, file, &index, &doc.uri, enc)]),
                    edit: Some(edit(&fix.span, &fix.replacement)),
                    is_preferred: Some(preferred),
                    ..Default::default()
                }));
            }
        }
        let fix_all = (wants(&CodeActionKind::SOURCE_FIX_ALL) && fixable.len() > 1)
            .then(|| crate::lint::fixed_text(file, diagnostics))
            .flatten();
        if let Some(fixed) = fix_all {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Write every citation in the configured style (privreg lint --fix)".into(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit(&(0..file.text.len()), &fixed)),
                ..Default::default()
            }));
        }
        actions
    }

    fn send_diagnostics(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify(note::PublishDiagnostics::METHOD, params);
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        let params = serde_json::to_value(params).unwrap_or_default();
        self.send(Message::Notification(Notification {
            method: method.to_owned(),
            params,
        }));
    }

    /// A line in the client's log, and on stderr.
    fn log(&mut self, typ: MessageType, message: &str) {
        let _ = writeln!(std::io::stderr(), "privreg lsp: {message}");
        let params = lsp_types::LogMessageParams {
            typ,
            message: message.to_owned(),
        };
        self.notify(note::LogMessage::METHOD, params);
    }

    /// A message the client shows the user, and a line on stderr.
    fn show(&mut self, typ: MessageType, message: &str) {
        let _ = writeln!(std::io::stderr(), "privreg lsp: {message}");
        let params = lsp_types::ShowMessageParams {
            typ,
            message: message.to_owned(),
        };
        self.notify(note::ShowMessage::METHOD, params);
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message.to_owned(),
        )));
    }

    fn send(&mut self, message: Message) {
        // A client that stopped reading ends the session through the input.
        let _ = transport::write_message(self.out, &message);
    }
}

/// The finding as the protocol has it: the rule code, the help and notes after the
/// message (a client shows no other place for them), the secondary labels as related
/// places. Rule pages are files in the repository, not pages with an address, so no
/// `codeDescription`.
/// `index` indexes `file`, which is the finding's file unless the loader made another
/// (a file over the limit).
fn to_lsp(
    d: &Diagnostic,
    file: &Arc<SourceFile>,
    index: &LineIndex<'_>,
    uri: &Uri,
    enc: Encoding,
) -> lsp_types::Diagnostic {
    let own;
    let index = if Arc::ptr_eq(&d.file, file) {
        index
    } else {
        own = LineIndex::new(&d.file.text);
        &own
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for note in &d.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(&l.span, enc)),
            message: l.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: index.range(&d.span, enc),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning | Severity::Off => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code().to_owned())),
        source: Some("privreg".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for any other scheme.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // An authority other than none or `localhost` is another machine's file.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `file:///C:/x` names `C:/x` on Windows.
    #[cfg(windows)]
    let decoded = if decoded.starts_with('/') && decoded.as_bytes().get(2) == Some(&b':') {
        decoded[1..].to_owned()
    } else {
        decoded
    };
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The project a document belongs to: the nearest directory upward with a
/// `privreg.yaml`, up to the repository root, as the command line finds it; the
/// document's own directory for a `privreg.yaml` not yet saved.
fn project_root(path: &Path) -> Option<PathBuf> {
    let dir = crate::files::parent_dir(path);
    let dir = if dir.is_absolute() {
        dir
    } else {
        std::env::current_dir().ok()?.join(dir)
    };
    let dir = normalize(&dir);
    if path
        .file_name()
        .is_some_and(|n| n == crate::project::CONFIG_FILE)
    {
        return Some(dir);
    }
    let up = crate::project::discover(&dir)?;
    let levels = up
        .components()
        .filter(|c| matches!(c, std::path::Component::ParentDir))
        .count();
    dir.ancestors().nth(levels).map(Path::to_owned)
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The word around byte `offset`: letters, digits, `-` and `_`.
fn word_at(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let offset = crate::source::floor_boundary(text, offset.min(text.len()));
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then_some(start..end)
}

/// The rule a word names: a code anywhere (`PRV205`), or a rule name with its hyphen
/// (`transfer-undeclared`), as suppressions and `privreg.yaml` write them.
fn rule_named(word: &str) -> Option<&'static crate::diagnostic::Rule> {
    let code = word.len() == 6
        && word[..3].eq_ignore_ascii_case("PRV")
        && word[3..].bytes().all(|b| b.is_ascii_digit());
    if !code && !word.contains('-') {
        return None;
    }
    crate::catalogue::lookup(word)
}

/// `err` and its causes, on one line.
fn error_chain(err: &crate::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_decoded_and_others_refused() {
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        assert_eq!(
            file_path(&uri("file:///home/a%20b/registers/x.yaml")),
            Some(PathBuf::from("/home/a b/registers/x.yaml"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/tmp/x.md")),
            Some(PathBuf::from("/tmp/x.md"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(file_path(&uri("file://server/share/x.md")), None);
    }

    /// Frames each message of `messages` as a client would.
    fn session(messages: &[serde_json::Value]) -> Vec<u8> {
        let mut input = Vec::new();
        for m in messages {
            let body = m.to_string();
            input.extend_from_slice(
                format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes(),
            );
        }
        input
    }

    #[test]
    fn odd_messages_are_answered_and_the_session_ends_cleanly() {
        use serde_json::json;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("privreg.yaml"), "registers: registers\n").unwrap();
        std::fs::create_dir(dir.path().join("registers")).unwrap();
        let register = format!("file://{}/registers/a.yaml", dir.path().display());
        let text = format!("file://{}/p.md", dir.path().display());
        let range = |l1: u32, c1: u32, l2: u32, c2: u32| json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}});
        let input = session(&[
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": "not a list"}}}}),
            json!({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": register, "languageId": "yaml", "version": 1, "text": "id: [\n\t𝔄: \"\r"}}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": text, "languageId": "markdown", "version": 1, "text": "Art. 6(1)(f) GDPR, Art. 6 para. 1 lit. 6 GDPR 𝔄"}}}),
            // Ranges beyond the text, backwards, inside a surrogate pair; an unknown document.
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": register, "version": 2}, "contentChanges": [
                {"range": range(9, 9, 0, 0), "text": "x"},
                {"range": range(1, 2, 1, 2), "text": "ä"},
                {"range": range(0, 0, 99, 99), "text": "id: ä\r\n"}]}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///none.yaml", "version": 2}, "contentChanges": [{"text": ""}]}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": null}),
            json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": text}, "range": range(9, 9, 0, 0), "context": {"diagnostics": [], "only": ["source"]}}}),
            json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": text}, "position": {"line": 0, "character": 4_000_000_000u32}}}),
            json!({"jsonrpc": "2.0", "id": "five", "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:1"}, "position": {"line": 0, "character": 0}}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": register}}}),
            json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 3}}),
            json!({"jsonrpc": "2.0", "id": 6, "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ]);
        let mut output = Vec::new();
        let ended = serve(std::io::Cursor::new(input), &mut output, Options::default());
        assert_eq!(ended, Ended::Clean);
        let output = String::from_utf8(output).unwrap();
        for (id, answer) in [
            ("1", "\"result\""),
            ("2", "-32600"),
            ("3", "\"result\""),
            ("4", "\"result\""),
            ("\"five\"", "\"result\""),
            ("6", "\"result\""),
            ("7", "-32600"),
        ] {
            let at = output
                .find(&format!("\"id\":{id},"))
                .unwrap_or_else(|| panic!("no answer to {id}: {output}"));
            let rest = &output[at..];
            let end = rest.find("Content-Length").unwrap_or(rest.len());
            assert!(rest[..end].contains(answer), "{id}: {}", &rest[..end]);
        }
        assert!(!output.contains("internal error"), "{output}");
    }

    #[test]
    fn input_that_ends_before_exit_ends_the_session_abruptly() {
        let mut output = Vec::new();
        let input = session(&[
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}),
        ]);
        let ended = serve(std::io::Cursor::new(input), &mut output, Options::default());
        assert_eq!(ended, Ended::Abrupt);
    }

    #[test]
    fn a_rule_code_or_name_under_the_cursor_is_found() {
        let text = "# privreg: ignore PRV205, transfer-undeclared\n";
        let at = |needle: &str| text.find(needle).unwrap() + 2;
        let word = word_at(text, at("PRV205")).unwrap();
        assert_eq!(&text[word.clone()], "PRV205");
        assert_eq!(rule_named(&text[word]).unwrap().code, "PRV205");
        let word = word_at(text, at("transfer")).unwrap();
        assert_eq!(rule_named(&text[word]).unwrap().code, "PRV205");
        assert!(rule_named("ignore").is_none());
        assert!(rule_named("PRV999").is_none());
        assert_eq!(word_at("", 0), None);
    }
}
