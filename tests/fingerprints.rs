//! `partialFingerprints` follow a finding across edits that do not change it
//! (lines inserted above, reformatting, the function moved, an unrelated variable
//! renamed) and change when what it is about changes (the category, the source,
//! the sink).

mod common;

const REL: &str = "app/src/main/java/app/Profile.java";

const BASE: &str = r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Profile {
    TelephonyManager tm;

    void report() {
        int attempts = 3;
        String id = tm.getDeviceId();
        Log.w("profile", "device " + id + " after " + attempts);
    }

    void greet(String name) {
        Log.i("profile", "hello");
    }
}
"#;

/// The fingerprints of the log finding (PI301) and its flow (PI001).
fn fingerprints(text: &str) -> Vec<(String, String)> {
    let report = common::scan_files(&[(REL, text)]);
    let mut out: Vec<(String, String)> = ["PI001", "PI301"]
        .iter()
        .flat_map(|rule| {
            common::of_rule(&report, rule).map(|f| {
                (
                    rule.to_string(),
                    f["fingerprint"].as_str().unwrap_or_default().to_string(),
                )
            })
        })
        .collect();
    out.sort();
    out
}

fn assert_kept(edit: &str, edited: &str) {
    let before = fingerprints(BASE);
    assert_eq!(before.len(), 2, "the base has one flow and one log finding");
    assert_eq!(
        fingerprints(edited),
        before,
        "{edit} must keep the fingerprints"
    );
}

fn assert_changed(edit: &str, edited: &str) {
    let before = fingerprints(BASE);
    let after = fingerprints(edited);
    assert_eq!(after.len(), 2, "{edit}: still one flow and one log finding");
    for (rule, fp) in &after {
        assert!(
            !before.contains(&(rule.clone(), fp.clone())),
            "{edit} must change the {rule} fingerprint"
        );
    }
}

#[test]
fn inserting_lines_above_keeps_fingerprints() {
    let edited = BASE.replace(
        "class Profile {\n",
        "/** The user's profile screen. */\nclass Profile {\n    static final String TAG = \"profile\";\n\n    static int twice(int x) {\n        return 2 * x;\n    }\n\n",
    );
    assert_kept("inserting lines above", &edited);
}

#[test]
fn reformatting_keeps_fingerprints() {
    let edited = BASE
        .replace("    ", "\t")
        .replace(") {\n", ")\n{\n")
        .replace(
            "Log.w(\"profile\", \"device \" + id + \" after \" + attempts);",
            "Log.w(\n\t\t\t\"profile\",\n\t\t\t\"device \" + id + \" after \" + attempts\n\t\t);",
        );
    assert_ne!(edited, BASE);
    assert_kept("reformatting", &edited);
}

#[test]
fn moving_the_function_keeps_fingerprints() {
    let report = "    void report() {\n        int attempts = 3;\n        String id = tm.getDeviceId();\n        Log.w(\"profile\", \"device \" + id + \" after \" + attempts);\n    }\n\n";
    assert!(BASE.contains(report));
    let edited = BASE.replace(report, "").replace(
        "        Log.i(\"profile\", \"hello\");\n    }\n",
        &format!(
            "        Log.i(\"profile\", \"hello\");\n    }}\n\n{}",
            report.trim_end_matches('\n')
        ),
    );
    assert_ne!(edited, BASE);
    assert_kept("moving the function below another", &edited);
}

#[test]
fn renaming_an_unrelated_variable_keeps_fingerprints() {
    let edited = BASE.replace("attempts", "retries");
    assert_kept("renaming an unrelated variable", &edited);
}

#[test]
fn changing_the_category_changes_fingerprints() {
    let edited = BASE
        .replace("tm.getDeviceId()", "tm.getLine1Number()")
        .replace("String id", "String number")
        .replace("+ id +", "+ number +");
    assert_changed("collecting the phone number instead", &edited);
}

#[test]
fn changing_the_source_changes_fingerprints() {
    // The same category (a device identifier) from another API.
    let edited = BASE.replace("tm.getDeviceId()", "tm.getImei()");
    assert_changed("reading the IMEI instead", &edited);
}

#[test]
fn changing_the_sink_changes_fingerprints() {
    let edited = BASE.replace("Log.w(", "Log.e(");
    assert_changed("logging at another level", &edited);
}
