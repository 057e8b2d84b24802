//! Runs the real binary on the bundled corpus and compares its findings with the
//! `// expect: ...` markers written next to the code (`<!-- expect: ... -->` in
//! manifests): every expected result is reported, and nothing else is.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

/// Rules this build implements; markers and results of other rules are ignored.
const IN_SCOPE: &[&str] = &[
    "PI001", "PI101", "PI102", "PI103", "PI104", "PI105", "PI201", "PI202", "PI203", "PI204",
    "PI301", "PI302", "PI303",
];

/// The comment openings a marker follows: source code, and XML (manifests).
const MARKERS: &[&str] = &["// expect:", "<!-- expect:"];

fn markers(root: &Path) -> BTreeMap<(String, usize), Vec<String>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read corpus dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("java" | "kt" | "rs" | "xml")
            ) {
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).expect("read source");
            for (i, line) in text.lines().enumerate() {
                let found = MARKERS
                    .iter()
                    .find_map(|m| line.find(m).map(|idx| idx + m.len()));
                if let Some(after) = found {
                    let mut ids: Vec<String> = line[after..]
                        .split_whitespace()
                        .take_while(|w| w.starts_with("PI"))
                        .filter(|w| IN_SCOPE.contains(w))
                        .map(String::from)
                        .collect();
                    ids.sort();
                    if !ids.is_empty() {
                        out.insert((rel.clone(), i + 1), ids);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn corpus_findings_match_the_markers_exactly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let expected = markers(&root);
    // Each app is scanned on its own, as its team would, with its own declaration
    // (`piitrace.toml`); paths are made relative to the corpus again.
    let mut findings = Vec::new();
    for entry in std::fs::read_dir(&root).expect("read corpus") {
        let app = entry.expect("dir entry").path();
        if !app.is_dir() {
            continue;
        }
        let name = app
            .file_name()
            .expect("app dir name")
            .to_string_lossy()
            .into_owned();
        let report = common::scan_json(&app);
        for mut f in report["findings"].as_array().cloned().unwrap_or_default() {
            let file = format!("{name}/{}", f["file"].as_str().unwrap_or_default());
            f["file"] = serde_json::Value::String(file);
            findings.push(f);
        }
    }
    let mut actual: BTreeMap<(String, usize), Vec<String>> = BTreeMap::new();
    let mut messages: BTreeMap<(String, usize), Vec<String>> = BTreeMap::new();
    for f in &findings {
        let rule = f["rule"].as_str().unwrap_or_default().to_string();
        if !IN_SCOPE.contains(&rule.as_str()) {
            continue;
        }
        let key = (
            f["file"].as_str().unwrap_or_default().to_string(),
            f["line"].as_u64().unwrap_or_default() as usize,
        );
        messages.entry(key.clone()).or_default().push(format!(
            "{rule}: {}",
            f["message"].as_str().unwrap_or_default()
        ));
        actual.entry(key).or_default().push(rule);
    }
    for ids in actual.values_mut() {
        ids.sort();
    }
    let mut problems = Vec::new();
    for (key, ids) in &expected {
        let got = actual.get(key).cloned().unwrap_or_default();
        if &got != ids {
            problems.push(format!(
                "{}:{}: expected {:?}, got {:?}\n      {}",
                key.0,
                key.1,
                ids,
                got,
                messages
                    .get(key)
                    .map(|m| m.join("\n      "))
                    .unwrap_or_default()
            ));
        }
    }
    for (key, ids) in &actual {
        if !expected.contains_key(key) {
            problems.push(format!(
                "{}:{}: unexpected {:?}\n      {}",
                key.0,
                key.1,
                ids,
                messages
                    .get(key)
                    .map(|m| m.join("\n      "))
                    .unwrap_or_default()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} mismatches against the corpus markers:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
