//! SARIF output is valid against the official SARIF 2.1.0 schema (kept in
//! tests/sarif-2.1.0.json) and carries what code-scanning consumers rely on.

mod common;

use std::path::Path;

use serde_json::Value;

fn run(args: &[&str], dir: &Path) -> (i32, Value, String) {
    let out = common::piitrace(args, dir);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn schema_errors(sarif: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(include_str!("sarif-2.1.0.json")).expect("schema");
    let validator = jsonschema::draft4::new(&schema).expect("compile schema");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

#[test]
fn corpus_sarif_is_valid_and_complete() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (code, sarif, stderr) = run(&["scan", "--format", "sarif", "--fail-on", "never"], &root);
    assert_eq!(code, 0, "{stderr}");
    let errors = schema_errors(&sarif);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 13, "every rule of RULES.md is described");
    for r in rules {
        assert!(r["help"]["markdown"]
            .as_str()
            .is_some_and(|m| m.contains("## Example")));
        assert!(r["properties"]["security-severity"].is_string());
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    assert!(results.iter().any(|r| r["ruleId"] == "PI204"));
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "relative uri: {uri}"
        );
        assert!(r["partialFingerprints"]["piitrace/v1"].is_string());
        // Results about a flow carry it; PI101 carries the unprompted way in when a
        // caller is to blame; PI102, PI201 and PI202 are about a collection point (or
        // an SDK's start, which has no category) alone, PI203 about a rate, and PI104
        // and PI105 about a consent or an account (no category).
        if [
            "PI101", "PI102", "PI104", "PI105", "PI201", "PI202", "PI203",
        ]
        .contains(&r["ruleId"].as_str().unwrap_or_default())
        {
            continue;
        }
        // PI204 is about a manifest's `<uses-permission>` element.
        if r["ruleId"] == "PI204" {
            assert!(uri.ends_with("/AndroidManifest.xml"), "{uri}");
            assert!(r["properties"]["category"].is_string());
            assert!(r["codeFlows"].is_null());
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().is_some_and(|l| l > 1));
            continue;
        }
        assert!(r["properties"]["category"].is_string());
        let steps = r["codeFlows"][0]["threadFlows"][0]["locations"]
            .as_array()
            .expect("flow steps");
        assert!(steps.len() >= 2, "a flow goes from a source to a sink");
    }
    assert!(run["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/')));
}

#[test]
fn unreadable_files_are_reported_and_skipped_never_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("Binary.java"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    std::fs::write(
        src.join("Latin1.java"),
        b"class L { String s = \"caf\xe9\"; }",
    )
    .expect("write");
    std::fs::write(src.join("Broken.java"), "}}}} class ((( {{{ ;;; import").expect("write");
    let big = "class Big { int x = 1; }\n".repeat(2_200_000);
    std::fs::write(src.join("Huge.java"), big).expect("write");
    std::fs::write(
        src.join("Ok.java"),
        "import android.util.Log;\nclass Ok { void f(String idCardNo) { Log.i(\"t\", idCardNo); } }\n",
    )
    .expect("write");
    let (code, sarif, stderr) = run(&["scan", "--format", "sarif"], dir.path());
    assert_eq!(code, 0, "warnings only: {stderr}");
    assert!(schema_errors(&sarif).is_empty());
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    let text: Vec<&str> = notes
        .iter()
        .filter_map(|n| n["message"]["text"].as_str())
        .collect();
    for (file, why) in [
        ("Binary.java", "binary"),
        ("Latin1.java", "UTF-8"),
        ("Broken.java", "parse"),
        ("Huge.java", "too large"),
    ] {
        assert!(
            text.iter().any(|t| t.contains(file) && t.contains(why)),
            "{file} reported as {why}: {text:?}"
        );
        assert!(stderr.contains(file), "{file} on stderr: {stderr}");
    }
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(
        results.iter().any(|r| r["ruleId"] == "PI301"),
        "the good file is still analysed"
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("A.java"),
        "import android.util.Log;\nclass A { void f(String phone) { Log.i(\"t\", phone); } }\n",
    )
    .expect("write");
    let code = |fail_on: &str| {
        run(
            &["scan", "--format", "json", "--fail-on", fail_on],
            dir.path(),
        )
        .0
    };
    assert_eq!(code("error"), 0, "a warning does not fail the default gate");
    assert_eq!(code("warning"), 1);
    assert_eq!(code("note"), 1);
    assert_eq!(code("never"), 0);
    let missing = common::command()
        .args(["scan", "/definitely/not/here"])
        .output()
        .expect("run");
    assert_eq!(missing.status.code(), Some(2));
    let usage = common::command()
        .args(["scan", "--format", "yaml"])
        .output()
        .expect("run");
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn fingerprints_survive_line_shifts() {
    let app = "import android.util.Log;\nimport android.telephony.TelephonyManager;\nclass A {\n    void f(TelephonyManager tm) {\n        String id = tm.getImei();\n        Log.i(\"t\", id);\n    }\n}\n";
    let fingerprints = |text: &str| -> Vec<String> {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("A.java"), text).expect("write");
        let (_, sarif, _) = run(
            &["scan", "--format", "sarif", "--fail-on", "never"],
            dir.path(),
        );
        let mut fps: Vec<String> = sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                r["partialFingerprints"]["piitrace/v1"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        fps.sort();
        fps
    };
    let before = fingerprints(app);
    assert_eq!(
        before.len(),
        3,
        "PI001, PI301 and PI101 (no permission check)"
    );
    let shifted = format!("// a new header comment\n\n\n{app}");
    assert_eq!(fingerprints(&shifted), before);
    let other_sink = app.replace("Log.i(", "Log.w(");
    assert_ne!(
        fingerprints(&other_sink),
        before,
        "another sink is another finding"
    );
}

/// Every `artifactLocation` in a JSON value.
fn artifact_locations<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == "artifactLocation" {
                    out.push(child);
                }
                artifact_locations(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|c| artifact_locations(c, out)),
        _ => {}
    }
}

/// What GitHub code scanning accepts (docs.github.com, "SARIF support for code
/// scanning" and "SARIF results exceed limit"): one run per tool, results and rules
/// within the hard limits, a `ruleId` every result's rule is described under, a
/// numeric `security-severity` and Markdown help per rule, URIs relative to the
/// checkout — also with a baseline, whose accepted findings are suppressions.
#[test]
fn sarif_meets_github_code_scanning_rules_and_limits() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/fooddelivery");
    let dir = tempfile::tempdir().expect("tempdir");
    let baseline = dir.path().join("baseline.json");
    let created = common::piitrace(
        &["baseline", "create", baseline.to_str().expect("utf-8")],
        &app,
    );
    assert!(created.status.success());
    for extra in [
        &[][..],
        &["--baseline", baseline.to_str().expect("utf-8")][..],
    ] {
        let mut args = vec!["scan", "--format", "sarif", "--fail-on", "never"];
        args.extend_from_slice(extra);
        let (code, sarif, stderr) = run(&args, &app);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            schema_errors(&sarif).is_empty(),
            "{:?}",
            schema_errors(&sarif)
        );
        assert!(serde_json::to_vec(&sarif).expect("json").len() < 10 << 20);
        let runs = sarif["runs"].as_array().expect("runs");
        assert_eq!(runs.len(), 1, "one run per tool");
        let run = &runs[0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert!(rules.len() <= 25_000);
        for r in rules {
            let severity = r["properties"]["security-severity"]
                .as_str()
                .and_then(|s| s.parse::<f64>().ok())
                .expect("numeric security-severity");
            assert!((0.0..=10.0).contains(&severity));
            assert!(r["help"]["markdown"]
                .as_str()
                .is_some_and(|m| !m.is_empty()));
            assert!(r["properties"]["tags"]
                .as_array()
                .is_none_or(|t| t.len() <= 20));
        }
        let results = run["results"].as_array().expect("results");
        assert!(!results.is_empty() && results.len() <= 25_000);
        for r in results {
            let id = r["ruleId"].as_str().expect("ruleId present");
            let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], id);
            assert!(r["locations"].as_array().is_some_and(|l| l.len() <= 1000));
            for flow in r["codeFlows"].as_array().into_iter().flatten() {
                for thread in flow["threadFlows"].as_array().expect("threadFlows") {
                    let steps = thread["locations"].as_array().expect("locations");
                    assert!(steps.len() <= 10_000);
                }
            }
        }
        let mut locations = Vec::new();
        artifact_locations(run, &mut locations);
        assert!(!locations.is_empty());
        for l in locations {
            let uri = l["uri"].as_str().expect("uri");
            assert!(
                !uri.starts_with('/') && !uri.contains("://") && !uri.contains(".."),
                "relative to the checkout: {uri}"
            );
            assert_eq!(l["uriBaseId"], "SRCROOT", "{uri}");
        }
        if !extra.is_empty() {
            assert!(results.iter().all(|r| {
                r["suppressions"][0]["kind"] == "external"
                    || r["suppressions"][0]["kind"] == "inSource"
            }));
        }
    }
}
