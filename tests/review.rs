//! Pull-request review: `--diff-base` reports only what a branch adds, on a real git
//! repository driven through commits.

mod common;

use std::path::Path;

use common::git;

/// The same class on the branch: a helper added above (the old leak moves down) and a
/// new leak of the phone number.
const BRANCH: &str = r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Device {
    TelephonyManager tm;

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    void report() {
        String id = tm.getDeviceId();
        Log.d("device", id);
    }

    void welcome() {
        String number = tm.getLine1Number();
        Log.i("welcome", trimmed(number));
    }
}
"#;

fn problems(report: &serde_json::Value) -> Vec<(String, u64)> {
    common::of_rule(report, "PI301")
        .map(|f| {
            (
                f["category"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// The JSON report of a scan of `repo` that keeps only what is new since `base`,
/// with `extra` options; the scan must succeed.
fn scan_since(repo: &Path, base: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "scan",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--diff-base",
        base,
    ];
    args.extend_from_slice(extra);
    let out = common::piitrace(&args, repo);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// A repository whose `main` holds `text` at `rel`; returns it and the file's path.
fn repository(rel: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let file = repo.join(rel);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, text).expect("write");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    (dir, file)
}

#[test]
fn a_branch_reports_only_the_leak_it_adds() {
    let (dir, file) = repository("app/src/main/java/app/Device.java", common::DEVICE_LOG);
    let repo = dir.path();
    git(repo, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(&file, BRANCH).expect("write");
    git(repo, &["commit", "-q", "-am", "welcome message"]);

    let all = common::scan_json(repo);
    assert_eq!(
        problems(&all),
        vec![
            ("device.id".to_string(), 15),
            ("phone_number".to_string(), 20)
        ]
    );
    let new = scan_since(repo, "main", &[]);
    // The device ID leak only moved: not new. The phone number leak is.
    assert_eq!(problems(&new), vec![("phone_number".to_string(), 20)]);
    // The checkout is untouched.
    assert_eq!(std::fs::read_to_string(&file).expect("read"), BRANCH);

    let bad = common::piitrace(&["scan", "--format", "json", "--diff-base", "nope"], repo);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn changed_lines_only_keeps_what_the_diff_shows() {
    let base = r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Device {
    TelephonyManager tm;

    static String mask(String s) {
        return "***";
    }

    void report() {
        String id = tm.getDeviceId();
        Log.d("device", mask(id));
    }
}
"#;
    // The helper stops masking: the unchanged log line now leaks.
    let branch = base.replace("return \"***\";", "return s;");
    let (dir, file) = repository("src/Device.java", base);
    let repo = dir.path();
    std::fs::write(&file, &branch).expect("write");
    let run = |extra: &[&str]| problems(&scan_since(repo, "main", extra));
    // New against main, but on a line the diff does not show.
    assert_eq!(run(&[]), vec![("device.id".to_string(), 15)]);
    assert_eq!(run(&["--changed-lines-only"]), Vec::<(String, u64)>::new());
}

#[test]
fn a_baseline_silences_the_old_findings_and_not_a_new_one() {
    let (dir, file) = repository("app/src/main/java/app/Device.java", common::DEVICE_LOG);
    let repo = dir.path();
    let baseline = repo.join("piitrace-baseline.json");
    let create = common::piitrace(
        &[
            "baseline",
            "create",
            baseline.to_str().expect("utf-8 path"),
            "--by",
            "Mei Lin",
            "--reason",
            "debug log removed in the next release",
        ],
        repo,
    );
    assert!(
        create.status.success(),
        "{}",
        String::from_utf8_lossy(&create.stderr)
    );
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "adopt piitrace"]);
    let with_baseline = |format: &str, fail_on: &str| {
        let args = [
            "scan",
            "--format",
            format,
            "--fail-on",
            fail_on,
            "--baseline",
            baseline.to_str().expect("utf-8 path"),
        ];
        common::piitrace(&args, repo)
    };
    // On main everything is accepted: nothing fails the check.
    assert_eq!(with_baseline("json", "note").status.code(), Some(0));

    // A branch moves the old leak and adds a new one.
    git(repo, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(&file, BRANCH).expect("write");
    git(repo, &["commit", "-q", "-am", "welcome message"]);
    let out = with_baseline("json", "warning");
    assert_eq!(out.status.code(), Some(1), "the new leak fails the check");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let pi301: Vec<_> = common::of_rule(&report, "PI301").collect();
    assert_eq!(pi301.len(), 2);
    let accepted: Vec<_> = pi301.iter().filter(|f| f["suppressed"] == true).collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["category"], "device.id");
    assert_eq!(accepted[0]["line"], 15, "accepted where it moved to");
    assert_eq!(accepted[0]["suppression"]["kind"], "baseline");
    assert_eq!(accepted[0]["suppression"]["acceptedBy"], "Mei Lin");
    let open: Vec<_> = pi301.iter().filter(|f| f["suppressed"] == false).collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["category"], "phone_number");

    // In SARIF the accepted finding is kept, as an external, accepted suppression
    // with who, when and why.
    let sarif: serde_json::Value =
        serde_json::from_slice(&with_baseline("sarif", "never").stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let suppressed: Vec<_> = results
        .iter()
        .filter(|r| r["ruleId"] == "PI301" && r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    let s = &suppressed[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["status"], "accepted");
    assert_eq!(s["justification"], "debug log removed in the next release");
    assert_eq!(s["properties"]["acceptedBy"], "Mei Lin");
    assert!(s["properties"]["acceptedOn"]
        .as_str()
        .is_some_and(|d| d.len() == 10));

    // Fixing the old leak leaves its entry unmatched: a note says so, and creating the
    // baseline again drops it while the kept entries keep their who and why.
    std::fs::write(&file, BRANCH.replace("Log.d(\"device\", id);", "")).expect("write");
    let text = with_baseline("text", "never");
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("2 baseline entries match no finding any more"),
        "{stdout}"
    );
    let recreate = common::piitrace(
        &[
            "baseline",
            "create",
            baseline.to_str().expect("utf-8 path"),
            "--by",
            "Someone Else",
        ],
        repo,
    );
    assert!(recreate.status.success());
    let entries: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).expect("read")).expect("json");
    let entries = entries["entries"].as_array().expect("entries");
    assert!(
        !entries
            .iter()
            .any(|e| e["acceptedBy"] == "Mei Lin" && e["rule"] == "PI301"),
        "the fixed leak's entry is gone"
    );
    assert!(entries
        .iter()
        .any(|e| e["acceptedBy"] == "Someone Else" && e["rule"] == "PI301"));

    // A file that is not a baseline is a usage error, not an empty baseline.
    std::fs::write(&baseline, "{\"entries\": 3}").expect("write");
    assert_eq!(with_baseline("json", "never").status.code(), Some(2));
}

#[test]
fn moving_a_function_in_a_commit_adds_no_finding() {
    let (dir, file) = repository("src/Device.java", BRANCH);
    let repo = dir.path();
    // `welcome` moves above `report`, with a blank line and a comment more.
    let moved = r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Device {
    TelephonyManager tm;

    // Greets the subscriber.
    void welcome() {
        String number = tm.getLine1Number();
        Log.i("welcome", trimmed(number));
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    void report() {
        String id = tm.getDeviceId();
        Log.d("device", id);
    }
}
"#;
    std::fs::write(&file, moved).expect("write");
    git(repo, &["commit", "-q", "-am", "reorder"]);
    assert_eq!(problems(&common::scan_json(repo)).len(), 2);
    let new = scan_since(repo, "HEAD~1", &[]);
    assert_eq!(new["findings"].as_array().map(Vec::len), Some(0), "{new:#}");
}
