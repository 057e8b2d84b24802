//! Running the real binary from integration tests.

// Each test crate uses part of this module.
#![allow(dead_code)]

pub mod rng;

use std::path::Path;
use std::process::{Command, Output};

/// The binary under test, its IR cache under `target/tmp` (never the user's own).
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_piitrace"));
    isolate_cache(&mut cmd);
    cmd
}

/// Points `cmd`'s piitrace at the tests' IR cache. The tests share one cache (it
/// lives as long as `target/`), so whole runs also check that cached IR scans the
/// same as fresh IR.
pub fn isolate_cache(cmd: &mut Command) {
    cmd.env(
        "PIITRACE_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("ir-cache"),
    );
}

/// `piitrace ARGS... PATH`.
pub fn piitrace(args: &[&str], path: &Path) -> Output {
    command()
        .args(args)
        .arg(path)
        .output()
        .expect("run piitrace")
}

/// A scan of `path` in `format` that must succeed; its standard output.
pub fn scan_ok(format: &str, path: &Path) -> String {
    let out = piitrace(&["scan", "--format", format, "--fail-on", "never"], path);
    assert!(
        out.status.success(),
        "piitrace failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A JSON scan of `path` that must succeed.
pub fn scan_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&scan_ok("json", path)).expect("JSON output")
}

/// Writes `files` (relative path, text) into a fresh directory and scans it as JSON.
pub fn scan_files(files: &[(&str, &str)]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }
    scan_json(dir.path())
}

/// The findings of one rule in a JSON report.
pub fn of_rule<'a>(
    report: &'a serde_json::Value,
    rule: &'a str,
) -> impl Iterator<Item = &'a serde_json::Value> + 'a {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(move |f| f["rule"] == rule)
}

/// `git -C DIR ARGS...` with a test identity; it must succeed.
pub fn git(dir: &Path, args: &[&str]) {
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

/// The DOM headless Chromium renders from the HTML file `page`; `None` when this machine
/// has no chromium, which is allowed only off CI (`.ci/run` installs it).
pub fn rendered_dom(page: &Path) -> Option<String> {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|b| Path::new("/usr/bin").join(b))
        .find(|p| p.is_file());
    let Some(browser) = browser else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is required on CI (.ci/run installs it)"
        );
        eprintln!("skipped the browser check: no chromium on this machine");
        return None;
    };
    let out = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        !out.stdout.is_empty(),
        "chromium rendered nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A class that logs the device id: the finding the review and action tests move,
/// accept and fix across commits.
pub const DEVICE_LOG: &str = r#"package app;

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

/// The 1-based line of the first line of `text` containing `marker`.
pub fn line_of(text: &str, marker: &str) -> u64 {
    text.lines()
        .position(|l| l.contains(marker))
        .map(|i| i as u64 + 1)
        .unwrap_or_else(|| panic!("no line with {marker:?}"))
}
