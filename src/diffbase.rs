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
