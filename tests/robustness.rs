//! Nothing in the scanned code can crash a scan: every corpus file, mangled in many
//! ways (cut, duplicated, spliced with stray tokens), goes through its front-end, and
//! whole scans of mangled projects finish.

use std::path::{Path, PathBuf};

use piitrace::ir::Language;

mod common;

use common::rng::Rng;

const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "\"",
    "'",
    "$",
    "${",
    "\"\"\"",
    "fun ",
    "class ",
    "object ",
    "val ",
    "= ",
    "->",
    "?.",
    "?:",
    "::",
    "@",
    "<",
    ">",
    ";",
    "\n",
    "if (",
    "when {",
    "try {",
    "#[",
    "r#\"",
    "fn ",
    "impl ",
    "macro_rules! m {",
    "format!(\"{}\"",
    "let ",
    "match x {",
    "/*",
];

/// One mangling of `text`, cut at character boundaries.
fn mangle(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(200)).min(out.len());
                out.drain(at..end);
            }
            1 => {
                let end = (at + rng.below(300)).min(out.len());
                let copy: Vec<char> = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, copy);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.chars());
            }
            _ => out.truncate(at),
        }
    }
    out.into_iter().collect()
}

fn corpus_files() -> Vec<(PathBuf, Language)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")];
    stack.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let lang = match p.extension().and_then(|e| e.to_str()) {
                Some("java") => Language::Java,
                Some("kt") => Language::Kotlin,
                Some("rs") => Language::Rust,
                _ => continue,
            };
            out.push((p, lang));
        }
    }
    out.sort();
    out
}

#[test]
fn front_ends_survive_mangled_sources() {
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let files = corpus_files();
    assert!(files.len() > 30, "corpus found: {}", files.len());
    for (path, lang) in &files {
        let text = std::fs::read_to_string(path).expect("corpus file");
        for _ in 0..25 {
            let mangled = mangle(&text, &mut rng);
            // Either a module or a reason to skip; never a panic.
            let _ = piitrace::frontend::lower(0, *lang, "src/lib.rs", &mangled);
        }
    }
}

#[test]
fn whole_scans_of_mangled_projects_finish() {
    let mut rng = Rng(0xfeed_beef_0bad_f00d);
    let files = corpus_files();
    for round in 0..4 {
        let dir = tempfile::tempdir().expect("tempdir");
        for (i, (path, _)) in files.iter().enumerate() {
            let text = std::fs::read_to_string(path).expect("corpus file");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
            let to = dir.path().join(format!("m{i}")).join(name);
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            let text = if rng.below(3) == 0 {
                text
            } else {
                mangle(&text, &mut rng)
            };
            std::fs::write(to, text).expect("write");
        }
        let out = common::piitrace(
            &["scan", "--format", "json", "--fail-on", "never"],
            dir.path(),
        );
        assert!(
            out.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_property_initialised_from_its_own_shadowed_parameter_does_not_recurse() {
    // Found on element-android: the property's type is inferred from an initialiser
    // that names the constructor parameter the property shadows.
    let report = common::scan_files(&[(
        "app/H.kt",
        r#"class H(myUserId: String) {
    val myUserId = myUserId.take(5)
    fun a(tx: String) { Timber.v("[$myUserId] $tx") }
}
"#,
    )]);
    assert!(report["findings"].is_array());
}

/// Files whose expressions or blocks nest 100,000 levels deep, in each language and
/// in each shape that nests (brackets, operators, calls, blocks, lambdas).
fn deeply_nested_sources() -> Vec<(&'static str, String)> {
    let n = 100_000;
    let open_close = |o: &str, c: &str| (o.repeat(n), c.repeat(n));
    let (po, pc) = open_close("(", ")");
    let (bo, bc) = open_close("{", "}");
    let (lo, lc) = open_close("run {", "}");
    vec![
        (
            "Parens.java",
            format!("class A {{ int f() {{ return {po}1{pc}; }} }}"),
        ),
        (
            "Plus.java",
            format!("class A {{ int f() {{ return {}1; }} }}", "1+".repeat(n)),
        ),
        (
            "Chain.java",
            format!("class A {{ void f() {{ x{}; }} }}", ".a()".repeat(n)),
        ),
        (
            "Unary.java",
            format!("class A {{ int f() {{ return {}1; }} }}", "-".repeat(n)),
        ),
        ("Blocks.java", format!("class A {{ void f() {bo}{bc} }}")),
        ("Parens.kt", format!("fun f() = {po}1{pc}\n")),
        ("Plus.kt", format!("fun f() = {}1\n", "1+".repeat(n))),
        ("Chain.kt", format!("fun f() = x{}\n", "\n.a()".repeat(n))),
        ("Not.kt", format!("fun f() = {}x\n", "!".repeat(n))),
        ("Lambdas.kt", format!("fun f() = {lo}1{lc}\n")),
        ("parens.rs", format!("fn f() -> i32 {{ {po}1{pc} }}")),
        (
            "plus.rs",
            format!("fn f() -> i32 {{ {}1 }}", "1+".repeat(n)),
        ),
        ("chain.rs", format!("fn f() {{ x{}; }}", ".a()".repeat(n))),
        ("neg.rs", format!("fn f() -> i32 {{ {}1 }}", "-".repeat(n))),
        ("blocks.rs", format!("fn f() {bo}{bc}")),
        (
            "elseif.rs",
            format!("fn f() {{ if a {{}}{} }}", " else if a { x(); }".repeat(n)),
        ),
    ]
}

#[test]
fn deep_nesting_is_skipped_not_a_stack_overflow() {
    for (name, text) in deeply_nested_sources() {
        let lang = match name.rsplit('.').next() {
            Some("java") => Language::Java,
            Some("kt") => Language::Kotlin,
            _ => Language::Rust,
        };
        let lowered = piitrace::frontend::lower(0, lang, name, &text);
        assert!(
            matches!(
                lowered,
                Err(piitrace::workspace::SkipReason::TooDeep { .. })
            ),
            "{name}"
        );
    }
}

/// Just under the limit, the same shapes are lowered and analysed whole: a debug
/// build's stack holds them through the front-end, the analyses and the output.
#[test]
fn nesting_just_under_the_limit_is_analysed() {
    let n = piitrace::frontend::MAX_NESTING - 20;
    let (lo, lc) = ("run {".repeat(n), "}".repeat(n));
    let files: Vec<(String, String)> = vec![
        (
            "app/Plus.java".into(),
            format!(
                "class Plus {{ String f(String id) {{ return {}id; }} }}",
                "id+".repeat(n)
            ),
        ),
        (
            "app/Chain.java".into(),
            format!(
                "class Chain {{ void f(StringBuilder b) {{ b{}; }} }}",
                ".append(1)".repeat(n)
            ),
        ),
        (
            "app/Plus.kt".into(),
            format!("fun f(id: String) = {}id\n", "id+".repeat(n)),
        ),
        ("app/Lambdas.kt".into(), format!("fun g() = {lo}1{lc}\n")),
    ];
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let report = common::scan_files(&borrowed);
    assert!(report["findings"].is_array(), "{report}");
    assert_eq!(report["summary"]["files"], 4, "{report}");
}

/// Notifications (SARIF `toolExecutionNotifications`) of a scan's report.
fn notifications(sarif: &serde_json::Value) -> Vec<String> {
    sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["message"]["text"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_scan_of_deeply_nested_files_reports_each_and_says_it_is_incomplete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested = deeply_nested_sources();
    for (name, text) in &nested {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    std::fs::write(dir.path().join("Fine.java"), "class Fine {}\n").expect("write");
    let out = common::piitrace(&["scan", "--format", "sarif", "--no-cache"], dir.path());
    assert_eq!(out.status.code(), Some(3), "incomplete scans exit with 3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let notes = notifications(&sarif);
    for (name, _) in &nested {
        assert!(
            stderr.contains(&format!("skipped {name}: ")),
            "{name}: {stderr}"
        );
        assert!(
            notes.iter().any(|n| n.contains(name) && n.contains("nest")),
            "{name}"
        );
    }
    // Not gating: the report is all that is asked for.
    let out = common::piitrace(
        &["scan", "--format", "json", "--fail-on", "never"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn hostile_files_are_skipped_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    // 50 MB on one line: refused by size before it is read.
    let big = std::fs::File::create(p.join("Huge.java")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("grow");
    std::fs::write(
        p.join("Latin1.java"),
        b"class L { String s = \"caf\xe9\"; }",
    )
    .expect("write");
    std::fs::write(p.join("Nul.kt"), b"fun f() {}\0\0\0").expect("write");
    std::fs::write(p.join("Fine.java"), "class Fine {}\n").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(".", p.join("self")).expect("symlink");
        symlink(p.join("b"), p.join("a")).expect("symlink");
        symlink(p.join("a"), p.join("b")).expect("symlink");
        symlink(p.join("nowhere.java"), p.join("Dangling.java")).expect("symlink");
        // A FIFO named like a source file would block a read for ever.
        let fifo = p.join("Pipe.java");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("mkfifo unavailable: the FIFO case is not checked");
        }
    }
    let started = std::time::Instant::now();
    let out = common::piitrace(&["scan", "--format", "sarif", "--fail-on", "never"], p);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let notes = notifications(&sarif).join("\n");
    for (name, why) in [
        ("Huge.java", "too large"),
        ("Latin1.java", "not valid UTF-8"),
        ("Nul.kt", "binary"),
    ] {
        assert!(
            notes.contains(&format!("skipped {name}: file is {why}")),
            "{notes}"
        );
        assert!(stderr.contains(&format!("skipped {name}")), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_and_vanished_files_are_skipped() {
    use piitrace::workspace::{load_text, SkipReason};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    // Deleted between discovery and reading.
    let gone = dir.path().join("Gone.java");
    assert!(matches!(
        load_text(&gone, 1000),
        Err(SkipReason::Unreadable(_))
    ));
    let fifo = dir.path().join("Pipe.java");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        assert!(matches!(
            load_text(&fifo, 1000),
            Err(SkipReason::Unreadable(_))
        ));
    }
    let locked = dir.path().join("Locked.java");
    std::fs::write(&locked, "class Locked {}\n").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        eprintln!(
            "running as root: chmod 000 does not stop reads, the unreadable case is not checked"
        );
        return;
    }
    let out = common::piitrace(
        &["scan", "--format", "json", "--fail-on", "never"],
        dir.path(),
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("skipped Locked.java: file could not be read"));
}

#[test]
fn a_file_over_its_time_budget_is_skipped_and_the_scan_is_incomplete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let methods: String = (0..40_000)
        .map(|i| format!("  int m{i}(int a) {{ return a * {i} + m{i}(a - 1); }}\n"))
        .collect();
    std::fs::write(
        dir.path().join("Slow.java"),
        format!("class Slow {{\n{methods}}}\n"),
    )
    .expect("write");
    std::fs::write(dir.path().join("Fine.kt"), "fun fine() = 1\n").expect("write");
    std::fs::write(
        dir.path().join("piitrace.toml"),
        "[scan]\nfile_timeout_ms = 1\n",
    )
    .expect("write");
    let out = common::piitrace(&["scan", "--format", "sarif", "--no-cache"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("skipped Slow.java: parsing took longer than the budget of 1 ms"));
    assert!(stderr.contains("the scan is incomplete"));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    assert!(notifications(&sarif)
        .iter()
        .any(|n| n.contains("Slow.java")));
}
