//! Discovery and loading: which files a scan reads, and why others are skipped.
//!
//! Walks the scanned paths with the `ignore` crate (respecting .gitignore, also
//! outside git checkouts), leaves out build outputs, generated and vendored code,
//! and loads each source file, refusing binary, non-UTF-8 and oversized files with
//! a reason that ends up in the report (never silently).

use std::path::{Path, PathBuf};

use crate::ir::{FileId, Language};

/// Directories that hold build outputs, generated or vendored code.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".gradle",
    ".idea",
    "build",
    "out",
    "target",
    "generated",
    "intermediates",
    "node_modules",
    "vendor",
    "third_party",
    "third-party",
    "Pods",
];

/// Whether a directory right under `src/` is a source set the released app does not
/// ship: a test set (Gradle's `test`, `testDebug`, `testFixtures`, and every `…Test`
/// set of Android and Kotlin Multiplatform: `androidTest`, `androidUnitTest`,
/// `commonTest`, `jvmTest`, `androidTestDebug`), or the debug build type's (`debug`,
/// and a flavour's: `devDebug`). Their code collects nothing from the app's users.
fn is_unshipped_source_set(name: &str) -> bool {
    name.starts_with("test") || name.contains("Test") || name == "debug" || name.ends_with("Debug")
}

/// Generated Java files every Android build writes.
const GENERATED_FILES: &[&str] = &["R.java", "BuildConfig.java", "Manifest.java"];

pub const DEFAULT_MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Source(Language),
    /// `build.gradle`, `build.gradle.kts`, `libs.versions.toml`: dependency declarations.
    BuildFile,
    /// `AndroidManifest.xml`: the launcher activity and the requested permissions.
    Manifest,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub rel: String,
    pub kind: FileKind,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    pub path: PathBuf,
    /// Relative to the scan root, `/`-separated.
    pub rel: String,
    /// A source file, or a manifest that results are located in (PI204).
    pub kind: FileKind,
    pub text: String,
    /// Where each line starts in `text`, worked out when first asked.
    pub line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// A file found by discovery, read as `text`, under the scan's id `id`.
    pub fn of(id: FileId, found: Candidate, text: String) -> SourceFile {
        SourceFile {
            id,
            path: found.path,
            rel: found.rel,
            kind: found.kind,
            text,
            line_starts: Default::default(),
        }
    }

    /// Source code, as opposed to a manifest: what the scan's file and line counts count.
    pub fn is_source(&self) -> bool {
        matches!(self.kind, FileKind::Source(_))
    }

    /// The text of a 0-based line, without its line break.
    pub fn line(&self, line: u32) -> &str {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = line as usize;
        let Some(&start) = starts.get(line) else {
            return "";
        };
        // As `str::lines` has it: a line ends at `\n` or `\r\n`; the last may end at
        // the end of the text.
        match starts.get(line + 1) {
            Some(&next) => {
                let text = &self.text[start..next - 1];
                text.strip_suffix('\r').unwrap_or(text)
            }
            None => &self.text[start..],
        }
    }

    pub fn line_count(&self) -> usize {
        self.text.lines().count()
    }
}

/// Why a file was not analysed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SkipReason {
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary,
    NotUtf8,
    Unreadable(String),
    ParseFailed {
        error_share: u32,
    },
    /// Expressions or blocks nest deeper than the front-ends follow.
    TooDeep {
        limit: usize,
    },
    /// Parsing and lowering took longer than `[scan] file_timeout_ms`.
    TimedOut {
        limit_ms: u64,
    },
}

impl SkipReason {
    /// A file skipped for a resource budget (time, nesting) rather than for what
    /// it is: the scan is incomplete (exit code 3).
    pub fn is_budget(&self) -> bool {
        matches!(
            self,
            SkipReason::TooDeep { .. } | SkipReason::TimedOut { .. }
        )
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::TooLarge { size, limit } => {
                write!(f, "file is too large ({size} bytes; the limit is {limit})")
            }
            SkipReason::Binary => f.write_str("file is binary"),
            SkipReason::NotUtf8 => f.write_str("file is not valid UTF-8"),
            SkipReason::Unreadable(e) => write!(f, "file could not be read: {e}"),
            SkipReason::ParseFailed { error_share } => write!(
                f,
                "file does not parse ({error_share}% of it is inside syntax errors)"
            ),
            SkipReason::TooDeep { limit } => write!(
                f,
                "expressions or blocks nest more than {limit} levels deep"
            ),
            SkipReason::TimedOut { limit_ms } => write!(
                f,
                "parsing took longer than the budget of {limit_ms} ms ([scan] file_timeout_ms)"
            ),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub rel: String,
    pub reason: SkipReason,
}

/// The directory that paths in the report are relative to: the scanned directory,
/// or the common ancestor of several scanned paths.
pub fn scan_root(paths: &[PathBuf]) -> PathBuf {
    let absolute: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let dirs: Vec<PathBuf> = absolute
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        })
        .collect();
    let mut root = dirs.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    for d in &dirs[1.min(dirs.len())..] {
        while !d.starts_with(&root) {
            if !root.pop() {
                break;
            }
        }
    }
    root
}

pub fn classify(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name == "build.gradle" || name == "build.gradle.kts" || name == "libs.versions.toml" {
        return Some(FileKind::BuildFile);
    }
    if name == "AndroidManifest.xml" {
        return Some(FileKind::Manifest);
    }
    if GENERATED_FILES.contains(&name) {
        return None;
    }
    match path.extension()?.to_str()? {
        "java" => Some(FileKind::Source(Language::Java)),
        "kt" => Some(FileKind::Source(Language::Kotlin)),
        "rs" => Some(FileKind::Source(Language::Rust)),
        _ => None,
    }
}

/// What a walk of the scanned paths found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, in a stable order.
    pub candidates: Vec<Candidate>,
    /// Directories or files the walk could not enter.
    pub errors: Vec<String>,
    /// Source files of languages this build does not analyse yet, by language.
    pub unsupported: std::collections::BTreeMap<&'static str, usize>,
}

/// Source languages recognised but not analysed by this build.
fn unsupported_language(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".gradle.kts") {
        return None;
    }
    match path.extension()?.to_str()? {
        "kts" => Some("Kotlin script"),
        _ => None,
    }
}

/// Lists the files a scan of `paths` reads, in a stable order, walking directories
/// on `threads` threads (0: as many as the machine has).
pub fn discover(paths: &[PathBuf], root: &Path, threads: usize) -> Discovery {
    // Walked from their canonical forms, the paths found are canonical too (links
    // are not followed), which spares resolving each of thousands of files.
    let paths: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let Some((first, rest)) = paths.split_first() else {
        return Discovery::default();
    };
    let mut builder = ignore::WalkBuilder::new(first);
    for p in rest {
        builder.add(p);
    }
    builder
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(|e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            if !is_dir || e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_str().unwrap_or("");
            // Test and debug sources (`src/test`, `src/androidTest`, `src/debug`) do
            // not ship in the released app.
            let in_src = e
                .path()
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|p| p == "src");
            !(SKIPPED_DIRS.contains(&name) || (in_src && is_unshipped_source_set(name)))
        });
    let found = std::sync::Mutex::new(Discovery::default());
    builder.build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            let lock = || {
                found
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            };
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let path = e.path();
                    if let Some(lang) = unsupported_language(path) {
                        *lock().unsupported.entry(lang).or_insert(0) += 1;
                    }
                    if let Some(kind) = classify(path) {
                        let candidate = Candidate {
                            rel: relative(path, root),
                            path: path.to_path_buf(),
                            kind,
                        };
                        lock().candidates.push(candidate);
                    }
                }
                Ok(_) => {}
                Err(err) => lock().errors.push(err.to_string()),
            }
            ignore::WalkState::Continue
        })
    });
    let Discovery {
        candidates: mut out,
        mut errors,
        unsupported,
    } = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    errors.sort();
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.dedup_by(|a, b| a.rel == b.rel);
    Discovery {
        candidates: out,
        errors,
        unsupported,
    }
}

/// Whether a path (relative to the scan root, `/`-separated) lies in a directory
/// discovery leaves out (build outputs, generated code, test source sets): for files
/// that show up after the walk, such as those an editor opens.
pub fn in_skipped_dir(rel: &str) -> bool {
    let dirs: Vec<&str> = rel.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    dirs.iter().enumerate().any(|(i, name)| {
        let in_src = i > 0 && dirs[i - 1] == "src";
        SKIPPED_DIRS.contains(name) || (in_src && is_unshipped_source_set(name))
    })
}

/// Whether a `.gitignore` between `root` and `path` (the nearest decides, as git
/// does) ignores it.
pub fn gitignored(root: &Path, path: &Path) -> bool {
    let mut dir = path.parent();
    while let Some(d) = dir {
        let file = d.join(".gitignore");
        if file.is_file() {
            let (matcher, _) = ignore::gitignore::Gitignore::new(&file);
            let m = matcher.matched_path_or_any_parents(path, false);
            if m.is_ignore() {
                return true;
            }
            if m.is_whitelist() {
                return false;
            }
        }
        if d == root {
            break;
        }
        dir = d.parent();
    }
    false
}

pub fn relative(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a file as UTF-8 text, refusing what a source file cannot be.
pub fn load_text(path: &Path, max_size: u64) -> Result<String, SkipReason> {
    let meta = std::fs::metadata(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        // A FIFO or a device would block the read, or never end.
        return Err(SkipReason::Unreadable("not a regular file".to_string()));
    }
    if meta.len() > max_size {
        return Err(SkipReason::TooLarge {
            size: meta.len(),
            limit: max_size,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(SkipReason::Binary);
    }
    String::from_utf8(bytes).map_err(|_| SkipReason::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_under_build_outputs_and_test_sets_are_in_skipped_dirs() {
        assert!(in_skipped_dir("app/build/generated/R.java"));
        assert!(in_skipped_dir("app/src/test/java/AppTest.java"));
        assert!(!in_skipped_dir("app/src/main/java/com/example/Test.java"));
        for set in [
            "commonTest",
            "jvmTest",
            "androidUnitTest",
            "androidTestDebug",
            "testFixtures",
        ] {
            assert!(
                in_skipped_dir(&format!("core/src/{set}/kotlin/A.kt")),
                "{set}"
            );
        }
        assert!(in_skipped_dir("app/src/debug/java/app/FakeData.kt"));
        assert!(in_skipped_dir("app/src/devDebug/java/app/FakeData.kt"));
        assert!(!in_skipped_dir("app/src/main/java/app/debug/Debugger.kt"));
        assert!(!in_skipped_dir("app/src/release/java/app/Crash.kt"));
        assert!(!in_skipped_dir("core/src/commonMain/kotlin/Test.kt"));
        assert!(!in_skipped_dir("core/src/main/kotlin/test/A.kt"));
        assert!(!in_skipped_dir("build.gradle"));
    }

    #[test]
    fn classify_source_and_build_files() {
        assert_eq!(
            classify(Path::new("a/B.java")),
            Some(FileKind::Source(Language::Java))
        );
        assert_eq!(
            classify(Path::new("app/build.gradle")),
            Some(FileKind::BuildFile)
        );
        assert_eq!(classify(Path::new("gen/R.java")), None);
        assert_eq!(classify(Path::new("x.txt")), None);
    }

    #[test]
    fn load_text_refuses_binary_and_invalid_utf8() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bin = dir.path().join("a.java");
        std::fs::write(&bin, b"class A {}\0\0").expect("write");
        assert_eq!(load_text(&bin, 1000), Err(SkipReason::Binary));
        let latin = dir.path().join("b.java");
        std::fs::write(&latin, b"class B { String s = \"caf\xe9\"; }").expect("write");
        assert_eq!(load_text(&latin, 1000), Err(SkipReason::NotUtf8));
        assert!(matches!(
            load_text(&latin, 3),
            Err(SkipReason::TooLarge { .. })
        ));
    }
}
