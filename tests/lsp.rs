//! `piitrace lsp` driven by a scripted client over stdio, as an editor drives it:
//! diagnostics on open, gone after the fixing edit, a helper's edit creating a
//! finding in its caller, hover, code actions, a malformed message, shutdown/exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

const ACTIVITY: &str = r#"package com.example;

import android.app.Activity;
import android.util.Log;
import android.widget.EditText;

public class SignupActivity extends Activity {
    private EditText phoneEdit;

    void submit() {
        String phone = phoneEdit.getText().toString();
        Log.d("signup", "phone " + phone);
    }

    void show() {
        Log.i("main", "number " + DeviceInfo.number(this));
    }
}
"#;

const HELPER_QUIET: &str = r#"package com.example;

import android.content.Context;

class DeviceInfo {
    static String number(Context context) {
        return "unknown";
    }
}
"#;

const HELPER_READS: &str = r#"package com.example;

import android.content.Context;
import android.telephony.TelephonyManager;

class DeviceInfo {
    static String number(Context context) {
        TelephonyManager tm = (TelephonyManager) context.getSystemService(Context.TELEPHONY_SERVICE);
        return tm.getLine1Number();
    }
}
"#;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_piitrace"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start piitrace lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn write_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.write_raw(&body.to_string());
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let body =
            json!({ "jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params });
        self.write_raw(&body.to_string());
        self.next_id
    }

    /// The next message that `pick` accepts; the server's own requests (progress)
    /// are answered, other messages skipped. Fails after the timeout.
    fn wait_for(&mut self, what: &str, mut pick: impl FnMut(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(m) => m,
                Err(_) => panic!("timed out waiting for {what}"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
                self.write_raw(&reply.to_string());
            }
            if pick(&message) {
                return message;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_for(method, |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    /// The next diagnostics published for `uri` that satisfy `pick`.
    fn diagnostics(
        &mut self,
        uri: &str,
        what: &str,
        mut pick: impl FnMut(&[String]) -> bool,
    ) -> Vec<Value> {
        let m = self.wait_for(what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && pick(&codes(&m["params"]["diagnostics"]))
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

fn codes(diagnostics: &Value) -> Vec<String> {
    let mut out: Vec<String> = diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    out.sort();
    out
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn at_line<'a>(diagnostics: &'a [Value], code: &str, line: u64) -> Option<&'a Value> {
    diagnostics
        .iter()
        .find(|d| d["code"] == code && d["range"]["start"]["line"] == line)
}

#[test]
fn the_language_server_follows_the_editor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let src = root.join("app/src/main/java/com/example");
    std::fs::create_dir_all(&src).expect("mkdir");
    let activity = src.join("SignupActivity.java");
    let helper = src.join("DeviceInfo.java");
    std::fs::write(&activity, ACTIVITY).expect("write");
    std::fs::write(&helper, HELPER_QUIET).expect("write");
    let (activity_uri, helper_uri) = (uri(&activity), uri(&helper));

    let mut client = Client::start(&root);
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(&root),
            "workspaceFolders": [{ "uri": uri(&root), "name": "app" }],
            "capabilities": { "window": { "workDoneProgress": true } },
        }),
    );
    assert_eq!(
        init["result"]["capabilities"]["hoverProvider"], true,
        "{init}"
    );
    client.notify("initialized", json!({}));
    // Indexing reports its progress.
    client.wait_for("progress end", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });

    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": activity_uri, "languageId": "java", "version": 1, "text": ACTIVITY } }),
    );
    let diagnostics = client.diagnostics(&activity_uri, "PI301 on open", |c| {
        c.contains(&"PI301".to_string())
    });
    let log = at_line(&diagnostics, "PI301", 11).expect("PI301 on the Log.d line");
    assert_eq!(log["severity"], 2, "a warning: {log}");
    assert_eq!(log["source"], "piitrace");
    assert!(
        log["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("docs/rules/PI301.md")),
        "{log}"
    );
    // UTF-16 columns: `Log.d` starts after 8 spaces; the region ends after the call.
    assert_eq!(
        log["range"]["start"],
        json!({ "line": 11, "character": 12 }),
        "{log}"
    );
    let related = log["relatedInformation"].as_array().expect("the flow");
    assert!(related.len() >= 2, "source and sink: {log}");
    assert_eq!(related[0]["location"]["uri"], activity_uri.as_str());
    assert!(
        at_line(&diagnostics, "PI301", 15).is_none(),
        "the helper reads nothing yet"
    );

    // Hover shows the finding and `piitrace explain PI301`.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": activity_uri }, "position": { "line": 11, "character": 14 } }),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(text.contains("PI301 personal-data-in-log"), "{hover}");
    assert!(
        text.contains("## What it does"),
        "the rule's documentation: {hover}"
    );

    // The code action writes the suppression comment on the line before.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": activity_uri },
            "range": log["range"],
            "context": { "diagnostics": [log] },
        }),
    );
    let suppress = actions["result"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Suppress PI301"))
        })
        .unwrap_or_else(|| panic!("a suppression action: {actions}"));
    let edit = &suppress["edit"]["changes"][activity_uri.as_str()][0];
    assert_eq!(
        edit["range"]["start"],
        json!({ "line": 11, "character": 0 }),
        "{suppress}"
    );
    let inserted = edit["newText"].as_str().unwrap_or("");
    assert!(
        inserted.starts_with("        // piitrace:ignore PI301 "),
        "{inserted:?}"
    );

    // Applying it (the editor sends the new text) silences the finding.
    let suppressed = ACTIVITY.replacen(
        "        Log.d(\"signup\"",
        &format!("{inserted}        Log.d(\"signup\""),
        1,
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": activity_uri, "version": 2 }, "contentChanges": [{ "text": suppressed }] }),
    );
    client.diagnostics(&activity_uri, "PI301 suppressed", |c| {
        !c.contains(&"PI301".to_string())
    });

    // The fixing edit: the log line goes.
    let fixed = ACTIVITY.replace("        Log.d(\"signup\", \"phone \" + phone);\n", "");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": activity_uri, "version": 3 }, "contentChanges": [{ "text": fixed }] }),
    );
    client.diagnostics(&activity_uri, "no PI301 after the fix", |c| {
        !c.contains(&"PI301".to_string())
    });

    // An edit in the helper (still unsaved) makes the caller's log leak.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": helper_uri, "languageId": "java", "version": 1, "text": HELPER_QUIET } }),
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": helper_uri, "version": 2 }, "contentChanges": [{ "text": HELPER_READS }] }),
    );
    let caller = client.diagnostics(&activity_uri, "PI301 in the caller", |c| {
        c.contains(&"PI301".to_string())
    });
    assert!(at_line(&caller, "PI301", 14).is_some(), "{caller:?}");

    // The extension's settings filter what is shown, without a new analysis.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "piitrace": { "minLevel": "error", "rules": [] } } }),
    );
    client.diagnostics(&activity_uri, "warnings hidden", |c| {
        !c.contains(&"PI301".to_string())
    });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "piitrace": { "rules": ["PI301"] } } }),
    );
    let only = client.diagnostics(&activity_uri, "PI301 only", |c| {
        c.contains(&"PI301".to_string())
    });
    assert!(codes(&json!(only)).iter().all(|c| c == "PI301"), "{only:?}");

    // A malformed message is answered with a parse error; the server goes on.
    client.write_raw("{ this is not json");
    let error = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    let unknown = client.request("piitrace/nonsense", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = client.request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = client.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut client = Client::start(dir.path());
    client.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(dir.path()), "capabilities": {} }),
    );
    client.notify("initialized", json!({}));
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = client.child.try_wait().expect("wait") {
            assert_eq!(status.code(), Some(1));
            return;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const READS_NUMBER: &str = r#"package com.example;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;

public class NumberActivity extends Activity {
    void show(TelephonyManager tm) {
        Log.i("number", tm.getLine1Number());
    }
}
"#;

/// Applies one LSP text edit to `text` (ASCII text: columns are bytes).
fn apply_edit(text: &str, edit: &Value) -> String {
    let offset = |pos: &Value| {
        let line = pos["line"].as_u64().unwrap_or(0) as usize;
        let character = pos["character"].as_u64().unwrap_or(0) as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + character
    };
    let (start, end) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap_or(""),
        &text[end..]
    )
}

#[test]
fn the_permission_fix_wraps_the_read_in_a_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let file = root.join("NumberActivity.java");
    std::fs::write(&file, READS_NUMBER).expect("write");
    let file_uri = uri(&file);
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&root), "capabilities": {} }),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": file_uri, "languageId": "java", "version": 1, "text": READS_NUMBER } }),
    );
    let diagnostics = client.diagnostics(&file_uri, "PI101", |c| c.contains(&"PI101".to_string()));
    let unprompted = at_line(&diagnostics, "PI101", 8).expect("PI101 on the read");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": file_uri }, "range": unprompted["range"], "context": { "diagnostics": [unprompted] } }),
    );
    let wrap = actions["result"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Wrap in a check of"))
        })
        .unwrap_or_else(|| panic!("a permission-check action: {actions}"));
    assert_eq!(wrap["isPreferred"], true);
    let fixed = apply_edit(READS_NUMBER, &wrap["edit"]["changes"][file_uri.as_str()][0]);
    assert!(
        fixed.contains("PERMISSION_GRANTED) {\n            Log.i("),
        "{fixed}"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": file_uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    client.diagnostics(&file_uri, "PI101 gone", |c| {
        !c.contains(&"PI101".to_string())
    });
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <uses-permission android:name="android.permission.CAMERA" />
    <application android:label="app" />
</manifest>
"#;

#[cfg(unix)]
#[test]
fn a_new_manifest_reloads_the_project_and_symlinked_roots_keep_the_clients_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().canonicalize().expect("canonical").join("real");
    let src = real.join("app/src/main");
    std::fs::create_dir_all(src.join("java/com/example")).expect("mkdir");
    let activity = src.join("java/com/example/SignupActivity.java");
    std::fs::write(&activity, ACTIVITY).expect("write");
    std::fs::write(src.join("java/com/example/DeviceInfo.java"), HELPER_QUIET).expect("write");
    // The editor opened the folder through a link: its URIs are not canonical.
    let link = dir.path().canonicalize().expect("canonical").join("link");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let activity_uri = uri(&link.join("app/src/main/java/com/example/SignupActivity.java"));

    let mut client = Client::start(&link);
    client.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&link), "capabilities": {} }),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": activity_uri, "languageId": "java", "version": 1, "text": ACTIVITY } }),
    );
    let diagnostics = client.diagnostics(&activity_uri, "PI301 under the link", |c| {
        c.contains(&"PI301".to_string())
    });
    // The same file is not analysed twice (once per name).
    let logs = diagnostics
        .iter()
        .filter(|d| d["code"] == "PI301" && d["range"]["start"]["line"] == 11)
        .count();
    assert_eq!(logs, 1, "{diagnostics:?}");

    // A manifest appears on disk: the watcher's event reloads the project.
    let manifest = src.join("AndroidManifest.xml");
    std::fs::write(&manifest, MANIFEST).expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&link.join("app/src/main/AndroidManifest.xml")), "type": 1 }] }),
    );
    let unused = client.diagnostics(&uri(&manifest), "PI204 in the new manifest", |c| {
        c.contains(&"PI204".to_string())
    });
    assert_eq!(unused[0]["range"]["start"]["line"], 2, "{unused:?}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}
