//! `piitrace batch` and `piitrace merge`: a directory of real-looking repositories
//! (the corpus apps, a broken one, an empty one), killed mid-run and resumed, sharded
//! and merged, always giving the report of one uninterrupted run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

mod common;

fn piitrace(args: &[&str]) -> Output {
    common::command().args(args).output().expect("run piitrace")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The corpus apps, a repository whose configuration is broken and an empty one.
fn portfolio(root: &Path) -> PathBuf {
    let input = root.join("input");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(&corpus).expect("corpus") {
        let entry = entry.expect("entry");
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &input.join(entry.file_name()));
        }
    }
    std::fs::create_dir_all(input.join("empty")).expect("mkdir");
    std::fs::create_dir_all(input.join("broken/src")).expect("mkdir");
    std::fs::write(input.join("broken/piitrace.toml"), "[purposes\n").expect("write");
    input
}

fn batch(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        input.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    piitrace(&args)
}

/// Every file of the report and of each app's results, by relative path, except the
/// per-repository status (it records how long the scan took).
fn report_files(out: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for name in ["summary.json", "summary.csv", "report.html"] {
        files.push((
            name.to_string(),
            std::fs::read_to_string(out.join(name)).unwrap_or_default(),
        ));
    }
    let mut repos: Vec<_> = std::fs::read_dir(out.join("repos"))
        .expect("repos")
        .map(|e| e.expect("entry").path())
        .collect();
    repos.sort();
    for repo in repos {
        let mut names: Vec<_> = std::fs::read_dir(&repo)
            .expect("repo")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != "status.json")
            .collect();
        names.sort();
        for n in names {
            files.push((
                format!("{}/{n}", repo.file_name().expect("name").to_string_lossy()),
                std::fs::read_to_string(repo.join(&n)).expect("read"),
            ));
        }
    }
    files
}

#[test]
fn an_interrupted_run_resumes_into_the_same_report_and_shards_merge_into_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = portfolio(dir.path());

    // One uninterrupted run.
    let apps = std::fs::read_dir(&input).expect("input").count();
    let whole = dir.path().join("whole");
    let out = batch(&input, &whole, &["--jobs", "2"]);
    assert_eq!(out.status.code(), Some(1), "a repository failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("failed: broken"), "{stderr}");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(whole.join("summary.json")).expect("read"))
            .expect("json");
    assert_eq!(summary["totals"]["apps"], apps);
    assert_eq!(summary["totals"]["failed"], 1);
    assert_eq!(summary["failures"][0]["app"], "broken");
    let rows = summary["apps"].as_array().expect("apps");
    let app = |name: &str| {
        rows.iter()
            .find(|a| a["app"] == name)
            .unwrap_or_else(|| panic!("{name} in the summary"))
    };
    assert_eq!(app("empty")["ok"], true);
    assert_eq!(app("empty")["lines"], 0);
    assert!(app("ridehailing")["languages"]["kotlin"]["lines"]
        .as_u64()
        .is_some_and(|n| n > 0));
    assert!(app("signupservice")["languages"]["rust"].is_object());
    assert!(app("idverify")["sensitiveCategories"]
        .as_array()
        .expect("sensitive")
        .contains(&serde_json::json!("national_id")));
    assert!(whole.join("repos/idverify/report.sarif").is_file());
    assert!(whole.join("repos/idverify/inventory.json").is_file());
    let expected = report_files(&whole);

    // A run killed as soon as its first repository is done, then run again.
    let resumed = dir.path().join("resumed");
    let mut child = common::command()
        .args(["batch", input.to_str().expect("utf-8"), "--out"])
        .arg(&resumed)
        .args(["--jobs", "1"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn batch");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let done = std::fs::read_dir(resumed.join("repos"))
            .map(|d| d.flatten().any(|e| e.path().join("status.json").is_file()))
            .unwrap_or(false);
        if done || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    let out = batch(&input, &resumed, &["--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already done"), "{stderr}");
    assert_eq!(report_files(&resumed), expected, "resumed = uninterrupted");
    // Nothing left to do: only the failure is tried again.
    let again = batch(&input, &resumed, &[]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains(&format!("1 scanned, {} already done", apps - 1)),
        "{stderr}"
    );
    assert_eq!(report_files(&resumed), expected);

    // Two shards, merged.
    let s0 = dir.path().join("shard0");
    let s1 = dir.path().join("shard1");
    batch(&input, &s0, &["--shard", "0/2"]);
    batch(&input, &s1, &["--shard", "1/2"]);
    let count = |d: &Path| std::fs::read_dir(d.join("repos")).expect("repos").count();
    assert_eq!(
        count(&s0) + count(&s1),
        apps,
        "each repository in one shard"
    );
    let merged = dir.path().join("merged");
    let out = piitrace(&[
        "merge",
        s0.to_str().expect("utf-8"),
        s1.to_str().expect("utf-8"),
        "--out",
        merged.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(report_files(&merged), expected, "merged shards = one run");

    let bad = batch(&input, &merged, &["--shard", "2/2"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_list_of_git_urls_and_paths_is_sharded_by_repository_not_by_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = portfolio(dir.path());
    // A real git repository, cloned by URL at a branch.
    let origin = dir.path().join("origin.git");
    let work = input.join("fooddelivery");
    let git = |d: &Path, args: &[&str]| {
        let ok = Command::new("git")
            .arg("-C")
            .arg(d)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .expect("git")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&work, &["init", "-q", "-b", "release"]);
    git(&work, &["add", "."]);
    git(&work, &["commit", "-q", "-m", "app"]);
    git(
        dir.path(),
        &[
            "clone",
            "-q",
            "--bare",
            work.to_str().expect("utf-8"),
            "origin.git",
        ],
    );
    let url = format!("file://{}", origin.display());
    let lines = vec![
        format!("{url} release"),
        "idverify".to_string(),
        "ridehailing   # the Kotlin one".to_string(),
        "signupservice".to_string(),
        "file:///nonexistent/repo.git".to_string(),
    ];
    let write_list = |name: &str, lines: &[String]| {
        let path = input.join(name);
        std::fs::write(&path, lines.join("\n") + "\n").expect("write");
        path
    };
    let list = write_list("apps.txt", &lines);
    let mut reversed = lines.clone();
    reversed.reverse();
    let reversed = write_list("apps-reversed.txt", &reversed);

    let out_dir = dir.path().join("out");
    let out = batch(&list, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("summary.json")).expect("read"))
            .expect("json");
    let apps = summary["apps"].as_array().expect("apps");
    let origin_app = apps
        .iter()
        .find(|a| a["app"] == "origin")
        .expect("the cloned repository");
    assert_eq!(origin_app["ok"], true, "{origin_app}");
    assert_eq!(origin_app["ref"], "release");
    assert_eq!(origin_app["commit"].as_str().map(str::len), Some(40));
    assert!(origin_app["lines"].as_u64().is_some_and(|n| n > 0));
    let failed = apps.iter().find(|a| a["app"] == "repo").expect("bad URL");
    assert!(failed["error"]
        .as_str()
        .is_some_and(|e| e.contains("git clone")));

    for shard in ["0/3", "1/3", "2/3"] {
        let share = |list: &Path, out: &str| {
            let out = dir.path().join(out);
            batch(list, &out, &["--shard", shard]);
            let mut keys: Vec<String> = std::fs::read_dir(out.join("repos"))
                .expect("repos")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            keys.sort();
            keys
        };
        let tag = shard.replace('/', "-");
        assert_eq!(
            share(&list, &format!("a{tag}")),
            share(&reversed, &format!("b{tag}")),
            "shard {shard} does not depend on the order of the list"
        );
    }
}

#[test]
fn a_repository_over_its_time_budget_is_recorded_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = portfolio(dir.path());
    let out_dir = dir.path().join("out");
    let out = batch(&input, &out_dir, &["--repo-timeout", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("summary.json")).expect("read"))
            .expect("json");
    let failures = summary["failures"].as_array().expect("failures");
    assert!(failures.iter().any(|f| f["error"]
        .as_str()
        .is_some_and(|e| e.contains("time budget exceeded"))));
}

#[test]
fn the_portfolio_report_renders_in_a_headless_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = portfolio(dir.path());
    let out_dir = dir.path().join("out");
    batch(&input, &out_dir, &[]);
    let html = std::fs::read_to_string(out_dir.join("report.html")).expect("report");
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("http://") && !html.contains("https://"));
    let Some(dom) = common::rendered_dom(&out_dir.join("report.html")) else {
        return;
    };
    assert!(dom.contains("<table id=\"apps\">"), "rendered");
    for app in [
        "fooddelivery",
        "idverify",
        "ridehailing",
        "signupservice",
        "empty",
    ] {
        assert!(
            dom.contains(&format!("<tr data-app=\"{app}\">")),
            "row for {app}"
        );
    }
    assert!(dom.contains("id=\"failures\""));
    assert!(dom.contains("<tr data-app=\"broken\">"));
    for chart in ["chart-categories", "chart-third-parties", "chart-rules"] {
        assert!(dom.contains(&format!("id=\"{chart}\"")), "{chart}");
    }
    assert!(dom.contains("href=\"repos/idverify/inventory.html\""));
}
