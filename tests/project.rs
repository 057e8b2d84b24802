//! The in-memory project behind the language server: replacing one file's text and
//! analysing again gives what a scan of the edited files on disk gives.

use std::path::Path;

use piitrace::config::Config;
use piitrace::scan::{scan, Project, ScanOptions};

const ACTIVITY: &str = r#"package com.example;

import android.app.Activity;
import android.util.Log;
import android.widget.EditText;

public class SignupActivity extends Activity {
    private EditText phoneEdit;

    void submit() {
        String phone = phoneEdit.getText().toString();
        Uploader.send(phone);
    }
}
"#;

const UPLOADER_QUIET: &str = r#"package com.example;

class Uploader {
    static void send(String value) {
        System.out.println("sent");
    }
}
"#;

const UPLOADER_LOGS: &str = r#"package com.example;

import android.util.Log;

class Uploader {
    static void send(String value) {
        Log.i("up", "sending " + value);
    }
}
"#;

fn options(root: &Path) -> ScanOptions {
    ScanOptions {
        paths: vec![root.to_path_buf()],
        jobs: Some(1),
        config: Config::default(),
        progress: false,
        cache: None,
    }
}

fn rules_of(findings: &[piitrace::findings::Finding]) -> Vec<(String, u32)> {
    findings
        .iter()
        .map(|f| (f.rule.id.to_string(), f.span.start.line))
        .collect()
}

#[test]
fn an_edit_in_a_helper_changes_findings_in_its_caller_without_reloading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("app/src/main/java/com/example");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("SignupActivity.java"), ACTIVITY).expect("write");
    std::fs::write(src.join("Uploader.java"), UPLOADER_QUIET).expect("write");

    let mut project = Project::load(options(dir.path())).expect("load");
    let before = project.analyse();
    assert!(
        !before
            .findings
            .iter()
            .any(|f| f.rule.id.as_str() == "PI301"),
        "no log yet: {:?}",
        rules_of(&before.findings)
    );

    // The editor's buffer, not the disk, now logs the value.
    project
        .update_source(&src.join("Uploader.java"), UPLOADER_LOGS.to_string())
        .expect("lowers");
    let edited = project.analyse();
    assert!(
        edited
            .findings
            .iter()
            .any(|f| f.rule.id.as_str() == "PI301"),
        "the helper's log is found: {:?}",
        rules_of(&edited.findings)
    );

    // Same findings, same fingerprints, as a scan of the edited files on disk.
    std::fs::write(src.join("Uploader.java"), UPLOADER_LOGS).expect("write");
    let on_disk = scan(options(dir.path())).expect("scan");
    let fingerprints = |r: &piitrace::scan::ScanResult| -> Vec<String> {
        r.findings.iter().map(|f| f.fingerprint.clone()).collect()
    };
    assert_eq!(rules_of(&edited.findings), rules_of(&on_disk.findings));
    assert_eq!(fingerprints(&edited), fingerprints(&on_disk));

    // A new file joins the project; a removed one leaves it.
    let extra = src.join("Extra.java");
    project
        .update_source(&extra, "package com.example; class Extra {}".to_string())
        .expect("lowers");
    assert!(project.files.iter().any(|f| f.path == extra));
    project.remove_source(&extra);
    assert!(!project.files.iter().any(|f| f.path == extra));
    assert_eq!(
        rules_of(&project.analyse().findings),
        rules_of(&on_disk.findings)
    );
}

#[test]
fn new_files_join_only_where_discovery_would_have_found_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let src = root.join("app/src/main/java/com/example");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("SignupActivity.java"), ACTIVITY).expect("write");
    std::fs::write(root.join(".gitignore"), "scratch/\n").expect("write");
    std::fs::write(src.join(".gitignore"), "Local*.java\n!LocalKept.java\n").expect("write");
    let mut opts = options(&root);
    opts.config = Config::parse("[scan]\nexclude = [\"legacy/\"]\n").expect("config");
    let project = Project::load(opts).expect("load");

    assert!(project.admits(&src.join("SignupActivity.java")));
    assert!(project.admits(&src.join("NewScreen.java")));
    assert!(
        project.admits(&src.join("LocalKept.java")),
        "re-included by `!`"
    );
    for ignored in [
        src.join("LocalNotes.java"),
        root.join("scratch/Try.java"),
        root.join("legacy/src/main/java/Old.java"),
        root.join("app/build/generated/R.java"),
        root.join("app/src/test/java/SignupTest.java"),
    ] {
        assert!(!project.admits(&ignored), "{}", ignored.display());
    }
    let outside = tempfile::tempdir().expect("tempdir");
    assert!(!project.admits(&outside.path().join("A.java")));
}

/// Each finding's rule and place, in order, for comparing analyses (by path: file
/// ids differ between projects). Not its message: of several names one value
/// passes (`phone`, then `mobile`), the one a message cites may depend on the order
/// the analysis met them in.
fn described(r: &piitrace::scan::ScanResult) -> Vec<String> {
    let mut out: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{}-{}:{} {}",
                f.rule.id,
                r.files
                    .iter()
                    .find(|s| s.id == f.span.file)
                    .map_or("?", |s| s.rel.as_str()),
                f.span.start.line,
                f.span.start.col,
                f.span.end.line,
                f.span.end.col,
                f.category.as_deref().unwrap_or("")
            )
        })
        .collect();
    out.sort();
    out
}

/// Edits a developer makes inside function bodies: a line typed in the middle of
/// the file (everything below moves), a line deleted, and each of a few lines
/// that call something deleted (a sink or a source gone).
fn body_edits(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let join = |v: Vec<&str>| v.join("\n") + "\n";
    let middle = lines.len() / 2;
    let mut out = Vec::new();
    let mut typed = lines.clone();
    typed.insert(middle, "        // typed");
    out.push(join(typed));
    let mut deleted = lines.clone();
    deleted.remove(middle);
    out.push(join(deleted));
    let calls: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].trim();
            t.ends_with(");") && t.contains('.') && !t.starts_with("import")
        })
        .collect();
    for &i in calls.iter().step_by((calls.len() / 3).max(1)).take(3) {
        let mut v = lines.clone();
        v.remove(i);
        out.push(join(v));
    }
    out
}

/// The language server resumes the last analysis after an edit instead of
/// analysing the whole program again: what it finds must be exactly what an
/// analysis from scratch of the edited files finds, for every kind of edit, and
/// again once the edit is undone.
#[test]
fn a_resumed_analysis_finds_what_an_analysis_from_scratch_finds() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut apps: Vec<_> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    apps.sort();
    let (mut resumed, mut edits) = (0, 0);
    for app in apps {
        let mut project = Project::load(options(&app)).expect("load");
        let baseline = described(&project.analyse());
        let sources: Vec<(std::path::PathBuf, String)> = project
            .files
            .iter()
            .filter(|f| f.is_source())
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        for (path, original) in &sources {
            for edited in body_edits(original) {
                edits += 1;
                let _ = project.update_source(path, edited.clone());
                let incremental = described(&project.analyse());
                resumed += usize::from(project.resumed());
                // The next one resumes from a compacted analysis.
                project.compact_kept_analysis();
                let mut fresh = Project::load(options(&app)).expect("load");
                let _ = fresh.update_source(path, edited);
                let from_scratch = described(&fresh.analyse());
                assert_eq!(
                    incremental,
                    from_scratch,
                    "{} edited ({})",
                    path.display(),
                    if project.resumed() {
                        "resumed"
                    } else {
                        "from scratch"
                    }
                );
                let _ = project.update_source(path, original.clone());
                assert_eq!(
                    described(&project.analyse()),
                    baseline,
                    "{} restored",
                    path.display()
                );
            }
        }
    }
    // Most of these edits leave every declaration as it was: the analysis resumes.
    assert!(
        resumed * 2 > edits,
        "{resumed} of {edits} edits resumed the analysis"
    );
}
