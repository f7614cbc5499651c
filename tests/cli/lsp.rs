//! `privreg lsp`: the real binary driven over stdin and stdout, as an editor drives it.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Project, privreg_process};

/// A running `privreg lsp` and the messages it sent, read on a thread of their own so that
/// a server that says nothing fails the test instead of hanging it.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(project: &Project) -> Self {
        let mut child = privreg_process()
            .arg("lsp")
            .current_dir(project.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("privreg lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(':').expect("a header");
                    assert!(name.eq_ignore_ascii_case("content-length"), "{line}");
                    length = Some(value.trim().parse::<usize>().unwrap());
                }
                let mut body = vec![0; length.expect("Content-Length")];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(body.to_string().as_bytes());
    }

    /// Sends a request and returns its response, the messages before it set aside.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(body.to_string().as_bytes());
        self.until(|m| m["id"] == id)
    }

    /// The next message that satisfies `wanted`, skipping the others.
    fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answers within a minute");
            if wanted(&m) {
                return m;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.until(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    fn initialize(&mut self, encodings: &[&str]) -> Value {
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null,
                   "capabilities": {"general": {"positionEncodings": encodings}}}),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    /// Sends `shutdown` and `exit`; the exit status.
    fn stop(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> i32 {
        drop(self.stdin);
        self.child.wait().unwrap().code().expect("an exit status")
    }
}

/// The `file:` URI of `path`, percent-encoded as editors send it (a temporary directory
/// may have a space in its path).
fn uri_of(path: &std::path::Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_str().expect("a UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// `(line, UTF-16 column)` of byte `offset`, as an editor counts.
fn utf16_position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].encode_utf16().count())
}

/// The byte offset of an LSP position in `text`, its columns in UTF-16 units or bytes.
fn offset_of(text: &str, pos: &Value, utf16: bool) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= col {
            return start + i;
        }
        units += if utf16 { c.len_utf16() } else { c.len_utf8() };
    }
    text.len()
}

/// Applies the text edits an action holds for `uri` (one, here) to `text`.
fn apply(text: &str, action: &Value, uri: &str, utf16: bool) -> String {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the file");
    assert_eq!(edits.len(), 1, "{action}");
    let range = &edits[0]["range"];
    let start = offset_of(text, &range["start"], utf16);
    let end = offset_of(text, &range["end"], utf16);
    format!(
        "{}{}{}",
        &text[..start],
        edits[0]["newText"].as_str().unwrap(),
        &text[end..]
    )
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn lsp_round_trip_reports_a_broken_register_fixes_it_and_explains_the_rule() {
    let p = Project::example();
    let path = p.path().join("registers/10-1-slack.yaml");
    let original = std::fs::read_to_string(&path).unwrap();
    // A typo behind characters that UTF-16 counts otherwise than UTF-8, unsaved.
    let broken = original.replace(
        "  - basis: consent\n    condition: in cases of voluntary use\n",
        "  - { condition: \"für 𝔄 users\", basis: consnt }\n",
    );
    let broken = format!("# Hover PRV101 for its page.\n{broken}");
    assert_ne!(broken, original);
    let uri = uri_of(&path);
    let mut server = Server::start(&p);
    let init = server.initialize(&["utf-16"]);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"], 1, "full sync: {init}");

    server.open(&uri, &broken);
    let published = server.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let error = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PRV101")
        .unwrap_or_else(|| panic!("PRV101 for the unsaved typo: {published}"))
        .clone();
    let at = broken.find("consnt").unwrap();
    let (line, column) = utf16_position(&broken, at);
    assert_eq!(
        error["range"],
        json!({"start": {"line": line, "character": column},
               "end": {"line": line, "character": column + 6}}),
        "{error}"
    );
    assert_eq!(error["severity"], 1);
    assert_eq!(error["source"], "privreg");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("unknown legal basis `consnt`"),
        "{message}"
    );
    assert!(
        message.contains("\nhelp: did you mean `consent`?"),
        "{message}"
    );

    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": error["range"],
               "context": {"diagnostics": [error]}}),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "Replace with `consent` (PRV101)");
    assert_eq!(actions[0]["kind"], "quickfix");
    let fixed = apply(&broken, &actions[0], &uri, true);
    assert!(fixed.contains("basis: consent }"), "{fixed}");

    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": fixed}]}),
    );
    let again = server.diagnostics(&uri);
    assert_eq!(again["version"], 2);
    assert!(!codes(&again).contains(&"PRV101".to_owned()), "{again}");
    let errors: Vec<_> = again["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == 1)
        .collect();
    assert!(errors.is_empty(), "a clean re-check: {errors:?}");
    // The fix is what `privreg check` of the saved file agrees with.
    std::fs::write(&path, &fixed).unwrap();
    let check = p.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{check}");

    let comment = fixed.find("PRV101").unwrap() + 3;
    let (line, character) = utf16_position(&fixed, comment);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let contents = &hover["result"]["contents"];
    assert_eq!(contents["kind"], "markdown", "{hover}");
    let page = contents["value"].as_str().unwrap();
    assert!(page.starts_with("# PRV101 legal-basis-unknown"), "{page}");
    assert!(page.contains("## What it does"), "{page}");

    assert_eq!(server.stop(), 0);
}

#[test]
fn lsp_checks_a_register_against_the_other_open_documents_not_the_disk() {
    let p = Project::example();
    let config = p.path().join("privreg.yaml");
    let register = p.path().join("registers/10-1-slack.yaml");
    let text = std::fs::read_to_string(&register).unwrap();
    let mut server = Server::start(&p);
    server.initialize(&[]);
    server.open(&uri_of(&register), &text);
    let before = server.diagnostics(&uri_of(&register));
    assert!(codes(&before).contains(&"PRV301".to_owned()), "{before}");
    // Turning the rule off in the unsaved privreg.yaml takes it off the register.
    let config_text = std::fs::read_to_string(&config).unwrap();
    let quiet = config_text.replace("\nrules:\n", "\nrules:\n  PRV301: off\n");
    assert_ne!(quiet, config_text, "the example sets rules");
    server.open(&uri_of(&config), &quiet);
    let after = server.until(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri_of(&register).as_str()
    });
    assert!(
        !codes(&after["params"]).contains(&"PRV301".to_owned()),
        "{after}"
    );
    assert_eq!(server.stop(), 0);
}

#[test]
fn lsp_lints_policy_text_and_offers_the_citation_style_fix_in_utf8_columns() {
    let p = Project::new();
    let path = p.path().join("policy.md");
    let text = "Basis: Art. 6 para. 1 lit. b GDPR.\nAlso (café, naïve, 𝔄): Art. 6(1)(f) GDPR and Art. 6 para. 1 lit. a GDPR.\n";
    std::fs::write(&path, "on disk, nothing to say\n").unwrap();
    let uri = uri_of(&path);
    let mut server = Server::start(&p);
    let init = server.initialize(&["utf-8", "utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    server.open(&uri, text);
    let published = server.diagnostics(&uri);
    let style = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PRV404")
        .unwrap_or_else(|| panic!("the mixed style: {published}"))
        .clone();
    let at = text.find("Art. 6(1)(f)").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    assert_eq!(style["range"]["start"]["line"], 1);
    assert_eq!(
        style["range"]["start"]["character"],
        at - line_start,
        "bytes"
    );

    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": style["range"],
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        apply(text, &actions[0], &uri, false),
        text.replace("Art. 6(1)(f)", "Art. 6 para. 1 lit. f")
    );
    assert_eq!(server.stop(), 0);
}

#[test]
fn lsp_answers_malformed_and_unknown_messages_and_goes_on() {
    let p = Project::new();
    let path = p.path().join("policy.txt");
    let uri = uri_of(&path);
    let mut server = Server::start(&p);
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "not initialized: {early}");
    server.initialize(&[]);
    server.send_raw(b"{not json");
    let parse = server.until(|m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(parse["error"]["code"], -32700, "{parse}");
    let unknown = server.request("textDocument/definition", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = server.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    // Positions beyond the text, a document never opened: answered, not a crash.
    server.open(&uri, "See PRV016.\n");
    server.diagnostics(&uri);
    let far = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 99, "character": 99}}),
    );
    assert_eq!(far["result"], Value::Null, "{far}");
    let closed = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///nowhere.md"},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(closed["result"], json!([]), "{closed}");
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 6}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("# PRV016")
    );
    // `exit` without `shutdown` ends the server with status 1, as the protocol asks.
    server.notify("exit", Value::Null);
    assert_eq!(server.wait(), 1);
}

#[test]
fn lsp_applies_the_file_size_limit_to_an_unsaved_register() {
    let p = Project::example();
    let path = p.path().join("registers/10-1-slack.yaml");
    let uri = uri_of(&path);
    let mut server = Server::start(&p);
    server.initialize(&[]);
    let huge = format!("id: slack\n{}", "# padding\n".repeat(110_000));
    server.open(&uri, &huge);
    let published = server.diagnostics(&uri);
    assert_eq!(codes(&published), ["PRV011"], "{published}");
    assert_eq!(server.stop(), 0);
}
