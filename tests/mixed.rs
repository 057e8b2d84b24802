//! Java and Kotlin in one app are one program: a location collected in a Kotlin
//! activity, formatted by a Java helper, handed to a Java job that calls a Kotlin
//! uploader, which logs it.

use std::path::Path;

mod common;

#[test]
fn a_flow_crosses_from_kotlin_to_java_and_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed");
    let report = common::scan_json(&root);
    let findings = report["findings"].as_array().expect("findings");
    let log = findings
        .iter()
        .find(|f| f["rule"] == "PI301")
        .expect("the location reaches the Kotlin uploader's log");
    assert_eq!(log["category"], "location.precise");
    assert!(log["file"]
        .as_str()
        .unwrap_or_default()
        .ends_with("TrackerActivity.kt"));
    let files: Vec<&str> = log["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["file"].as_str())
        .collect();
    for (name, why) in [
        ("TrackerActivity.kt", "collected in Kotlin"),
        ("Formatter.java", "formatted by the Java helper"),
        ("SyncJob.java", "kept by the Java job"),
    ] {
        assert!(files.iter().any(|f| f.ends_with(name)), "{why}: {files:?}");
    }
    assert_eq!(findings.len(), 2, "one PI001 and one PI301: {findings:#?}");
}
