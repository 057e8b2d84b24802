//! Snapshot tests of every output format on one small app: a reviewer sees any
//! change of output in the snapshot diff.

mod common;

use std::path::Path;

fn scan(format: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot");
    let text = common::scan_ok(format, &root);
    let canonical = std::fs::canonicalize(&root).expect("root");
    // Machine-specific parts: the checkout's path and the time taken.
    let text = text.replace(&canonical.display().to_string(), "[ROOT]");
    match text.rfind(" in ") {
        Some(i) if format == "text" && text[i..].trim_end().ends_with('s') => {
            format!("{} in [TIME]\n", &text[..i])
        }
        _ => text,
    }
}

#[test]
fn text_output() {
    insta::assert_snapshot!(scan("text"));
}

#[test]
fn json_output() {
    insta::assert_snapshot!(scan("json"));
}

#[test]
fn sarif_output() {
    let sarif: serde_json::Value = serde_json::from_str(&scan("sarif")).expect("sarif");
    // The rule metadata is long and covered by the schema test: snapshot the results.
    let run = &sarif["runs"][0];
    let view = serde_json::json!({
        "results": run["results"],
        "originalUriBaseIds": run["originalUriBaseIds"],
        "columnKind": run["columnKind"],
        "notifications": run["invocations"][0]["toolExecutionNotifications"],
    });
    insta::assert_snapshot!(serde_json::to_string_pretty(&view).expect("json"));
}
