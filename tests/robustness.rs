//! Nothing in the scanned code can crash a scan: every corpus file, mangled in many
//! ways (cut, duplicated, spliced with stray tokens), goes through its front-end, and
//! whole scans of mangled projects finish.

use std::path::{Path, PathBuf};

use piitrace::ir::Language;

mod common;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

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
