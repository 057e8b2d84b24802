//! `piitrace scan --diff-base REF`: report only what a change adds. The same paths
//! are scanned as they are in REF — extracted with `git archive` into a temporary
//! directory, never touching the user's checkout — and findings whose fingerprint the
//! base already has are dropped. Fingerprints leave out line numbers, so code that
//! merely moves is not new.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context as _, Result};

/// The scanned paths as they are at a git revision, in a temporary directory that
/// is removed when this is dropped.
pub struct BaseTree {
    _dir: tempfile::TempDir,
    pub paths: Vec<PathBuf>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git (needed for --diff-base)")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Extracts revision `rev` of the repository holding `paths` and maps each path to
/// its place in the extracted tree.
pub fn checkout(paths: &[PathBuf], rev: &str) -> Result<BaseTree> {
    let first = paths.first().context("no path to scan")?;
    let anchor = if first.is_dir() {
        first.clone()
    } else {
        first.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let anchor = if anchor.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        anchor
    };
    let top = PathBuf::from(git(&anchor, &["rev-parse", "--show-toplevel"])?);
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    git(
        &top,
        &["rev-parse", "--verify", &format!("{rev}^{{commit}}")],
    )
    .with_context(|| format!("--diff-base {rev}: not a commit of {}", top.display()))?;
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(&top)
        .args(["archive", "--format=tar", rev])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git archive")?;
    let tar_in = archive.stdout.take().context("git archive output")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir.path())
        .stdin(tar_in)
        .status()
        .context("cannot run tar to unpack the base revision")?;
    let archived = archive.wait().context("git archive")?;
    if !tar.success() || !archived.success() {
        bail!("could not extract {rev} of {}", top.display());
    }
    let mut mapped = Vec::new();
    for p in paths {
        let abs = std::fs::canonicalize(p).with_context(|| format!("{}", p.display()))?;
        let rel = abs
            .strip_prefix(&top)
            .with_context(|| format!("{} is outside the git repository", p.display()))?;
        mapped.push(dir.path().join(rel));
    }
    Ok(BaseTree {
        _dir: dir,
        paths: mapped,
    })
}

/// The lines a change adds or rewrites relative to `rev`, per file (absolute
/// path): from `git diff -U0`, the working tree against the revision.
pub fn changed_lines(
    paths: &[PathBuf],
    rev: &str,
) -> Result<std::collections::HashMap<PathBuf, Vec<(usize, usize)>>> {
    let first = paths.first().context("no path to scan")?;
    let anchor = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let top = PathBuf::from(git(&anchor, &["rev-parse", "--show-toplevel"])?);
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let diff = git(&top, &["diff", "-U0", "--no-color", "--no-ext-diff", rev])?;
    Ok(parse_diff(&diff, &top))
}

/// `+++ b/path` and `@@ -a,b +c,d @@` lines → (first, last) added lines per file.
fn parse_diff(diff: &str, top: &Path) -> std::collections::HashMap<PathBuf, Vec<(usize, usize)>> {
    let mut out: std::collections::HashMap<PathBuf, Vec<(usize, usize)>> = Default::default();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = path.strip_prefix("b/").map(|p| top.join(p));
        } else if let (Some(file), Some(hunk)) = (&current, line.strip_prefix("@@ ")) {
            let added = hunk.split_whitespace().find(|w| w.starts_with('+'));
            let Some(added) = added.map(|a| a.trim_start_matches('+')) else {
                continue;
            };
            let mut parts = added.split(',');
            let start: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let count: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
            if count > 0 {
                out.entry(file.clone())
                    .or_default()
                    .push((start, start + count - 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_added_line_ranges_from_a_zero_context_diff() {
        let diff = "diff --git a/x.java b/x.java\n--- a/x.java\n+++ b/x.java\n@@ -3,0 +4,2 @@ class X {\n+a\n+b\n@@ -10 +12 @@\n-c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n";
        let got = parse_diff(diff, Path::new("/r"));
        assert_eq!(got[&PathBuf::from("/r/x.java")], vec![(4, 5), (12, 12)]);
    }
}
