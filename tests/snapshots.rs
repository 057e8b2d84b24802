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

#[test]
fn review_formats() {
    // The GitLab report's times change every run: blank them.
    let mut gitlab: serde_json::Value = serde_json::from_str(&scan("gitlab")).expect("gitlab");
    gitlab["scan"]["start_time"] = "[TIME]".into();
    gitlab["scan"]["end_time"] = "[TIME]".into();
    let junit = scan("junit");
    let junit = match (junit.find(" time=\""), junit.find("\">\n    <testcase")) {
        (Some(a), Some(b)) if a < b => format!("{} time=\"[TIME]{}", &junit[..a], &junit[b..]),
        _ => junit,
    };
    insta::assert_snapshot!("rdjson", scan("rdjson"));
    insta::assert_snapshot!(
        "gitlab",
        serde_json::to_string_pretty(&gitlab).expect("json")
    );
    assert!(
        roxmltree::Document::parse(&junit).is_ok(),
        "well-formed XML"
    );
    insta::assert_snapshot!("junit", junit);
    insta::assert_snapshot!("github", scan("github"));
}

#[test]
fn github_annotations_accompany_a_report_written_to_a_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot");
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.sarif");
    let out = common::command()
        .args([
            "scan",
            "--format",
            "sarif",
            "--fail-on",
            "never",
            "--output",
        ])
        .arg(&report)
        .arg(&root)
        .env("GITHUB_ACTIONS", "true")
        .output()
        .expect("run piitrace");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error file=src/SignupActivity.java,line=24,"),
        "{stdout}"
    );
    assert!(report.is_file());
}
