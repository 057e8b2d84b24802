//! The IR cache and determinism: a scan gives byte-identical SARIF whether its IR
//! was parsed now or read from the cache, whatever the number of threads, after
//! edits that shift every file id, and with a cache that was damaged or shared by
//! scans running at the same time.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `piitrace scan PATH` as SARIF with `extra` options; its report.
fn sarif(path: &Path, extra: &[&str]) -> String {
    let out = run(path, extra);
    assert!(
        out.status.success(),
        "{extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 SARIF")
}

/// `piitrace scan PATH` writing SARIF, with `extra` arguments.
fn scan_command(path: &Path, extra: &[&str]) -> std::process::Command {
    let mut cmd = common::command();
    cmd.args([
        "scan",
        "--format",
        "sarif",
        "--fail-on",
        "never",
        "--no-progress",
    ])
    .args(extra)
    .arg(path);
    cmd
}

fn run(path: &Path, extra: &[&str]) -> Output {
    scan_command(path, extra).output().expect("run piitrace")
}

fn cache_arg(dir: &Path) -> [&str; 2] {
    ["--cache-dir", dir.to_str().expect("UTF-8 temp path")]
}

/// A copy of the corpus to edit.
fn copy_of_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut stack = vec![corpus()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("corpus").flatten() {
            let p = e.path();
            let to = dir.path().join(p.strip_prefix(corpus()).expect("inside"));
            if p.is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
                stack.push(p);
            } else {
                std::fs::copy(&p, &to).expect("copy");
            }
        }
    }
    dir
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![cache.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn output_is_identical_whatever_the_threads_and_the_cache() {
    let cache = tempfile::tempdir().expect("tempdir");
    let fresh = sarif(&corpus(), &["--no-cache", "--jobs", "1"]);
    assert!(fresh.contains("\"results\""));
    let c = cache_arg(cache.path());
    for extra in [
        vec!["--no-cache", "--jobs", "2"],
        vec!["--no-cache", "--jobs", "7"],
        vec![c[0], c[1], "--jobs", "2"],
        vec![c[0], c[1], "--jobs", "1"],
        vec![c[0], c[1], "--jobs", "2"],
    ] {
        assert!(sarif(&corpus(), &extra) == fresh, "{extra:?} differs");
    }
    assert!(entries(cache.path()).len() > 30, "the cache was written");
}

#[test]
fn cached_ir_takes_the_file_ids_of_the_scan_that_reads_it() {
    let project = copy_of_corpus();
    let cache = tempfile::tempdir().expect("tempdir");
    let c = cache_arg(cache.path());
    sarif(project.path(), &c);
    // A file that sorts first shifts the id of every other file; an edit changes one.
    let first = project.path().join("aaa/Early.java");
    std::fs::create_dir_all(first.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &first,
        "class Early { void f(android.location.Location l) { android.util.Log.d(\"t\", \"\" + l.getLatitude()); } }\n",
    )
    .expect("write");
    let edited = project
        .path()
        .join("idverify/app/src/main/java/com/quickloan/kyc/net/KycClient.java");
    let text = std::fs::read_to_string(&edited).expect("read");
    std::fs::write(&edited, format!("// edited\n{text}")).expect("write");
    let cached = sarif(project.path(), &c);
    assert!(cached.contains("Early.java"));
    assert!(cached == sarif(project.path(), &["--no-cache"]));
}

#[test]
fn damaged_entries_are_parsed_again() {
    let cache = tempfile::tempdir().expect("tempdir");
    let c = cache_arg(cache.path());
    let fresh = sarif(&corpus(), &c);
    for (i, entry) in entries(cache.path()).iter().enumerate() {
        let bytes = std::fs::read(entry).expect("entry");
        let damaged = match i % 3 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => bytes.iter().map(|b| b ^ 0x20).collect(),
            _ => Vec::new(),
        };
        std::fs::write(entry, damaged).expect("damage");
    }
    assert!(sarif(&corpus(), &c) == fresh, "damaged cache");
    assert!(sarif(&corpus(), &c) == fresh, "repaired cache");
}

#[test]
fn scans_sharing_a_cache_at_the_same_time_agree() {
    let cache = tempfile::tempdir().expect("tempdir");
    let fresh = sarif(&corpus(), &["--no-cache"]);
    let children: Vec<_> = (0..4)
        .map(|_| {
            scan_command(&corpus(), &cache_arg(cache.path()))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success());
        assert!(out.stdout == fresh.as_bytes());
    }
}

#[test]
fn an_unwritable_cache_only_costs_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file where the cache directory should be: nothing can be written under it.
    let blocked = dir.path().join("cache");
    std::fs::write(&blocked, "not a directory").expect("write");
    let fresh = sarif(&corpus(), &["--no-cache"]);
    assert!(sarif(&corpus(), &cache_arg(&blocked)) == fresh);
}

#[test]
fn the_cache_directory_comes_from_the_environment() {
    let cache = tempfile::tempdir().expect("tempdir");
    let out = common::command()
        .env("PIITRACE_CACHE_DIR", cache.path())
        .args(["scan", "--format", "json", "--fail-on", "never"])
        .arg(corpus().join("idverify"))
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(!entries(cache.path()).is_empty());
    let none = tempfile::tempdir().expect("tempdir");
    let out = common::command()
        .env("PIITRACE_CACHE_DIR", none.path())
        .args([
            "scan",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--no-cache",
        ])
        .arg(corpus().join("idverify"))
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(entries(none.path()).is_empty(), "--no-cache wrote entries");
}

/// `piitrace scan` with the profile on, as SARIF unless `extra` says otherwise:
/// (stdout, stderr, exit code).
fn profiled(path: &Path, extra: &[&str]) -> (String, String, Option<i32>) {
    let mut cmd = common::command();
    cmd.arg("scan").arg("--no-progress").args(extra);
    if !extra.contains(&"--format") {
        cmd.args(["--format", "sarif", "--fail-on", "never"]);
    }
    let out = cmd
        .arg(path)
        .env("PIITRACE_PROFILE", "1")
        .output()
        .expect("run piitrace");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

const HIT: &str = "results cache hit";

/// A report without the scan's duration (`... in 0.12s` closes the text summary).
fn timeless(report: &str) -> String {
    report
        .lines()
        .map(|line| match line.rsplit_once(" in ") {
            Some((head, tail))
                if tail.ends_with('s') && tail[..tail.len() - 1].parse::<f64>().is_ok() =>
            {
                head
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_scan_of_nothing_changed_returns_the_stored_result_in_every_format() {
    let project = copy_of_corpus();
    let cache = tempfile::tempdir().expect("tempdir");
    let c = cache_arg(cache.path());
    for format in ["sarif", "text", "json"] {
        let fresh = profiled(
            project.path(),
            &["--no-cache", "--format", format, "--fail-on", "error"],
        );
        let first = profiled(
            project.path(),
            &[c[0], c[1], "--format", format, "--fail-on", "error"],
        );
        let again = profiled(
            project.path(),
            &[c[0], c[1], "--format", format, "--fail-on", "error"],
        );
        if format == "sarif" {
            assert!(!first.1.contains(HIT), "a first scan hit");
        }
        assert!(again.1.contains(HIT), "{format}: {}", again.1);
        assert_eq!(fresh.2, Some(1), "{format}: the corpus has errors");
        for (what, run) in [("first", &first), ("again", &again)] {
            assert!(
                timeless(&run.0) == timeless(&fresh.0),
                "{format}: {what} differs from a scan without cache"
            );
            assert_eq!(run.2, fresh.2, "{format}: {what} exit code");
        }
    }
    let slots = std::fs::read_dir(cache.path().join("results"))
        .expect("results")
        .count();
    assert_eq!(slots, 1, "one result per root");
}

#[test]
fn a_changed_file_or_configuration_is_analysed_again() {
    let project = copy_of_corpus();
    let cache = tempfile::tempdir().expect("tempdir");
    let c = cache_arg(cache.path());
    let (_, stderr, _) = profiled(project.path(), &c);
    assert!(!stderr.contains(HIT));
    assert!(profiled(project.path(), &c).1.contains(HIT));

    // A new file, an edited file, a removed file, a configuration: each misses, and
    // the result is that of a scan without the cache.
    type Change = Box<dyn Fn(&Path)>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "new file",
            Box::new(|root: &Path| {
                std::fs::write(
                    root.join("Leak.java"),
                    "class Leak { void f(android.location.Location l) { android.util.Log.d(\"t\", \"\" + l.getLatitude()); } }\n",
                )
                .expect("write")
            }),
        ),
        (
            "edited file",
            Box::new(|root: &Path| {
                let p = root.join("Leak.java");
                let text = std::fs::read_to_string(&p).expect("read");
                std::fs::write(
                    &p,
                    text.replace("android.util.Log.d", "System.out.println")
                        .replace("\"t\", ", ""),
                )
                .expect("write")
            }),
        ),
        (
            "configuration",
            Box::new(|root: &Path| {
                std::fs::write(
                    root.join("piitrace.toml"),
                    "[scan]\nmax_file_size = 4000000\n",
                )
                .expect("write")
            }),
        ),
        (
            "removed file",
            Box::new(|root: &Path| std::fs::remove_file(root.join("Leak.java")).expect("remove")),
        ),
    ];
    for (what, change) in changes {
        change(project.path());
        let (cached, stderr, _) = profiled(project.path(), &c);
        assert!(!stderr.contains(HIT), "{what}: hit");
        let (fresh, _, _) = profiled(project.path(), &["--no-cache"]);
        assert!(cached == fresh, "{what}: differs from a scan without cache");
        assert!(
            profiled(project.path(), &c).1.contains(HIT),
            "{what}: not kept"
        );
    }
}
