//! The same program in Java, Kotlin and Rust yields the same findings: the analyses
//! see only the IR, so a language may change how a flow is written, not what is found.

use std::path::Path;

mod common;

/// (rule, category, sink kind, sensitive) of every finding, sorted.
fn findings(language: &str) -> Vec<(String, String, String, bool)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/equivalence")
        .join(language);
    let report = common::scan_json(&root);
    let mut out: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                s("rule"),
                s("category"),
                s("sinkKind"),
                f["sensitive"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn java_kotlin_and_rust_versions_have_the_same_findings() {
    let java = findings("java");
    // The program logs and sends a phone number (PI301, PI302) and stores an ID number
    // (PI303); a digest and the app version are not personal data.
    let expected: Vec<(String, String, String, bool)> = [
        ("PI001", "national_id", "storage", true),
        ("PI001", "phone_number", "log", false),
        ("PI001", "phone_number", "network", false),
        ("PI301", "phone_number", "log", false),
        ("PI302", "phone_number", "network", false),
        ("PI303", "national_id", "storage", true),
    ]
    .iter()
    .map(|(r, c, k, s)| (r.to_string(), c.to_string(), k.to_string(), *s))
    .collect();
    assert_eq!(java, expected, "Java");
    assert_eq!(findings("kotlin"), expected, "Kotlin");
    assert_eq!(findings("rust"), expected, "Rust");
}
