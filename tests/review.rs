//! Pull-request review: `--diff-base` reports only what a branch adds, on a real git
//! repository driven through commits.

use std::path::Path;
use std::process::Command;

mod common;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const BASE: &str = r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Device {
    TelephonyManager tm;

    void report() {
        String id = tm.getDeviceId();
        Log.d("device", id);
    }
}
"#;

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
    let (dir, file) = repository("app/src/main/java/app/Device.java", BASE);
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
    let out = common::piitrace(
        &[
            "scan",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--diff-base",
            "main",
        ],
        repo,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
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
    let run = |extra: &[&str]| {
        let mut args = vec![
            "scan",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--diff-base",
            "main",
        ];
        args.extend_from_slice(extra);
        let out = common::piitrace(&args, repo);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        problems(&v)
    };
    // New against main, but on a line the diff does not show.
    assert_eq!(run(&[]), vec![("device.id".to_string(), 15)]);
    assert_eq!(run(&["--changed-lines-only"]), Vec::<(String, u64)>::new());
}
