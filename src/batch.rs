//! Batch audits: many repositories in one run, resumable, shardable over machines.
//!
//! Each repository is scanned in a child process (`piitrace batch-worker`), so that a
//! crash, a runaway file or a time budget kills that repository's scan and nothing
//! else. Its results (SARIF, inventory, facts) are written into a temporary directory
//! and renamed into `OUT/repos/<key>/` when complete: a run killed at any moment leaves
//! only whole results, and a re-run skips them. The portfolio report is computed from
//! those directories alone, so merging the outputs of shards is copying directories.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::scan::ScanResult;

/// Where one repository comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Dir(PathBuf),
    Git {
        url: String,
        reference: Option<String>,
    },
}

/// One repository of the input.
#[derive(Debug, Clone)]
pub struct Repo {
    /// Unique in the input; names its output directory.
    pub key: String,
    pub origin: Origin,
    /// What the repository is, independent of the input's order: sharding hashes it.
    pub identity: String,
}

impl Repo {
    pub fn source(&self) -> String {
        match &self.origin {
            Origin::Dir(p) => p.display().to_string(),
            Origin::Git { url, .. } => url.clone(),
        }
    }
}

/// Reads INPUT: a directory whose subdirectories are the repositories, or a file with
/// one repository per line (`PATH`, or `URL [REF]`; `#` starts a comment; relative
/// paths are relative to the file).
pub fn read_input(input: &Path) -> Result<Vec<Repo>> {
    let mut found: Vec<(String, Origin, String)> = Vec::new();
    if input.is_dir() {
        let entries =
            std::fs::read_dir(input).with_context(|| format!("cannot list {}", input.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", input.display()))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if !path.is_dir() || name.starts_with('.') {
                continue;
            }
            found.push((name.clone(), Origin::Dir(path), name));
        }
    } else {
        let text = std::fs::read_to_string(input)
            .with_context(|| format!("cannot read {}", input.display()))?;
        let base = input.parent().unwrap_or(Path::new("."));
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut words = line.split_whitespace();
            let Some(first) = words.next() else { continue };
            let reference = words.next().map(str::to_string);
            let is_url = first.contains("://") || first.starts_with("git@");
            let name = first
                .trim_end_matches('/')
                .rsplit(['/', ':'])
                .next()
                .unwrap_or(first)
                .trim_end_matches(".git")
                .to_string();
            let identity = match &reference {
                Some(r) => format!("{first} {r}"),
                None => first.to_string(),
            };
            let origin = if is_url {
                Origin::Git {
                    url: first.to_string(),
                    reference,
                }
            } else {
                Origin::Dir(base.join(first))
            };
            found.push((sanitize(&name), origin, identity));
        }
    }
    found.sort_by(|a, b| a.2.cmp(&b.2));
    found.dedup_by(|a, b| a.2 == b.2);
    // A name two repositories share gets a hash of what each is: the same key for the
    // same input line, whatever the order or the shard.
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for (name, _, _) in &found {
        *count.entry(name.clone()).or_default() += 1;
    }
    Ok(found
        .into_iter()
        .map(|(name, origin, identity)| {
            let key = if count.get(&name).copied().unwrap_or(0) > 1 || name.is_empty() {
                format!("{name}-{:08x}", stable_hash(&identity) as u32)
            } else {
                name
            };
            Repo {
                key,
                origin,
                identity,
            }
        })
        .collect())
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

fn stable_hash(s: &str) -> u64 {
    let digest = Sha256::digest(s.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(bytes)
}

/// `I/N`: this machine's share of the input.
#[derive(Debug, Clone, Copy)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}`: write the shard as I/N, e.g. 0/4"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| format!("`{i}`: not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}`: not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("shard {index}/{count}: I must be below N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the repository belongs to this shard: by a hash of what it is, so a
    /// reordered input gives every machine the same share.
    pub fn owns(&self, repo: &Repo) -> bool {
        stable_hash(&repo.identity) % self.count == self.index
    }
}

/// What the portfolio report says of one app (written by the worker).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Facts {
    /// Language → (files, lines).
    pub languages: BTreeMap<String, (usize, usize)>,
    pub files: usize,
    pub lines: usize,
    pub categories: Vec<String>,
    pub sensitive: Vec<String>,
    pub third_parties: Vec<String>,
    /// Rule ID → findings reported as problems or notes (suppressed ones left out).
    pub findings: BTreeMap<String, usize>,
    /// Files skipped (unreadable, too large, unparseable): the scan is partial.
    pub skipped_files: usize,
}

impl Facts {
    pub fn of(result: &ScanResult) -> Facts {
        let mut languages: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for f in result.files.iter().filter(|f| f.is_source()) {
            if let crate::workspace::FileKind::Source(lang) = f.kind {
                let e = languages.entry(lang.to_string()).or_default();
                e.0 += 1;
                e.1 += f.line_count();
            }
        }
        let mut findings: BTreeMap<String, usize> = BTreeMap::new();
        for f in result.findings.iter().filter(|f| f.suppression.is_none()) {
            *findings.entry(f.rule.id.to_string()).or_default() += 1;
        }
        let inv = &result.inventory;
        Facts {
            languages,
            files: result.source_file_count(),
            lines: result.lines,
            categories: inv.collected.iter().map(|c| c.category.clone()).collect(),
            sensitive: inv
                .collected
                .iter()
                .filter(|c| c.sensitive)
                .map(|c| c.category.clone())
                .collect(),
            third_parties: inv.shared.iter().map(|s| s.recipient.clone()).collect(),
            findings,
            skipped_files: result.skipped.len(),
        }
    }
}

/// The record of one repository's scan: `repos/<key>/status.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Status {
    pub key: String,
    pub source: String,
    pub reference: Option<String>,
    /// The commit scanned (git repositories).
    pub commit: Option<String>,
    /// Why the scan failed; `None` when it succeeded.
    pub error: Option<String>,
    pub facts: Option<Facts>,
    /// Wall time of the scan (not in the portfolio report, which is reproducible).
    pub seconds: f64,
}

pub struct Options {
    pub out: PathBuf,
    pub jobs: usize,
    pub force: bool,
    pub repo_timeout: Option<Duration>,
    /// The `piitrace` executable the workers run.
    pub worker: PathBuf,
    pub progress: bool,
}

/// What a run did.
pub struct Outcome {
    pub scanned: usize,
    pub skipped_done: usize,
    pub failed: Vec<(String, String)>,
}

/// Scans every repository of `repos` not done yet, then writes the portfolio report of
/// them all.
pub fn run(repos: &[Repo], opts: &Options) -> Result<Outcome> {
    let repos_dir = opts.out.join("repos");
    std::fs::create_dir_all(&repos_dir)
        .with_context(|| format!("cannot create {}", repos_dir.display()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .context("cannot start worker threads")?;
    let board = Board::new(repos.len(), opts.progress);
    let results: Vec<Result<Option<Status>>> = pool.install(|| {
        use rayon::prelude::*;
        repos
            .par_iter()
            .map(|repo| {
                board.started(&repo.key);
                let r = process(repo, opts);
                board.finished(&repo.key, &r);
                r
            })
            .collect()
    });
    board.clear();
    let mut outcome = Outcome {
        scanned: 0,
        skipped_done: 0,
        failed: Vec::new(),
    };
    for (repo, r) in repos.iter().zip(results) {
        match r? {
            None => outcome.skipped_done += 1,
            Some(status) => {
                outcome.scanned += 1;
                if let Some(e) = status.error {
                    outcome.failed.push((repo.key.clone(), e));
                }
            }
        }
    }
    let keys: BTreeSet<&str> = repos.iter().map(|r| r.key.as_str()).collect();
    let statuses: Vec<Status> = read_statuses(&opts.out)?
        .into_iter()
        .filter(|s| keys.contains(s.key.as_str()))
        .collect();
    write_report(&opts.out, &statuses)?;
    Ok(outcome)
}

/// Scans one repository unless its result is there already; `None` when skipped.
fn process(repo: &Repo, opts: &Options) -> Result<Option<Status>> {
    let repos_dir = opts.out.join("repos");
    let done = repos_dir.join(&repo.key);
    let started = Instant::now();
    let checkout = match &repo.origin {
        Origin::Dir(p) => Ok(p.clone()),
        Origin::Git { url, reference } => clone(
            url,
            reference.as_deref(),
            &opts.out.join("checkouts").join(&repo.key),
        ),
    };
    let commit = checkout.as_ref().ok().and_then(|dir| head_commit(dir));
    if !opts.force {
        if let Ok(previous) = read_status(&done.join("status.json")) {
            if previous.error.is_none() && previous.commit == commit {
                return Ok(None);
            }
        }
    }
    // A leftover of an interrupted run, or of this one's previous attempt.
    let tmp = repos_dir.join(format!(".tmp-{}", repo.key));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut status = Status {
        key: repo.key.clone(),
        source: repo.source(),
        reference: match &repo.origin {
            Origin::Git { reference, .. } => reference.clone(),
            Origin::Dir(_) => None,
        },
        commit,
        error: None,
        facts: None,
        seconds: 0.0,
    };
    match checkout {
        Err(e) => status.error = Some(format!("{e:#}")),
        Ok(dir) => match run_worker(&opts.worker, &dir, &tmp, opts.repo_timeout) {
            Ok(facts) => status.facts = Some(facts),
            Err(e) => status.error = Some(format!("{e:#}")),
        },
    }
    status.seconds = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
    if status.error.is_some() {
        // Only the record of the failure: no partial reports.
        for f in [
            "report.sarif",
            "inventory.json",
            "inventory.html",
            "facts.json",
        ] {
            let _ = std::fs::remove_file(tmp.join(f));
        }
    }
    write_json(&tmp.join("status.json"), &status)?;
    let _ = std::fs::remove_dir_all(&done);
    std::fs::rename(&tmp, &done)
        .with_context(|| format!("cannot move the results into {}", done.display()))?;
    Ok(Some(status))
}

/// A shallow clone of `url` at `reference` into `dir` (reused when it is there).
fn clone(url: &str, reference: Option<&str>, dir: &Path) -> Result<PathBuf> {
    if dir.join(".git").exists() {
        return Ok(dir.to_path_buf());
    }
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = dir.with_extension("cloning");
    let _ = std::fs::remove_dir_all(&tmp);
    let mut args = vec!["clone", "--quiet", "--depth", "1", "--no-tags"];
    if let Some(r) = reference {
        args.extend(["--branch", r]);
    }
    let out = Command::new("git")
        .args(&args)
        .arg(url)
        .arg(&tmp)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        // A commit is not a branch: fetch it.
        let fetched = reference.is_some_and(|r| fetch_commit(url, r, &tmp).is_ok());
        if !fetched {
            let _ = std::fs::remove_dir_all(&tmp);
            anyhow::bail!(
                "git clone {url} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
    }
    std::fs::rename(&tmp, dir)?;
    Ok(dir.to_path_buf())
}

fn fetch_commit(url: &str, commit: &str, dir: &Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    for args in [
        vec!["init", "--quiet"],
        vec!["fetch", "--quiet", "--depth", "1", url, commit],
        vec!["checkout", "--quiet", "FETCH_HEAD"],
    ] {
        let ok = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(&args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()?
            .status
            .success();
        if !ok {
            anyhow::bail!("git {} failed", args.join(" "));
        }
    }
    Ok(())
}

fn head_commit(dir: &Path) -> Option<String> {
    if !dir.join(".git").exists() {
        return None;
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !commit.is_empty()).then_some(commit)
}

/// Runs `piitrace batch-worker` on one checkout, within the time budget.
fn run_worker(worker: &Path, repo: &Path, out: &Path, budget: Option<Duration>) -> Result<Facts> {
    let stderr_path = out.join("worker.log");
    let stderr = std::fs::File::create(&stderr_path)?;
    let mut child = Command::new(worker)
        .arg("batch-worker")
        .arg(repo)
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .with_context(|| format!("cannot start {}", worker.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if budget.is_some_and(|b| started.elapsed() > b) {
            let _ = child.kill();
            let _ = child.wait();
            anyhow::bail!(
                "time budget exceeded: still scanning after {} s (--repo-timeout)",
                budget.map_or(0, |b| b.as_secs())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let log = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_path);
    if !status.success() {
        let last = log
            .lines()
            .rev()
            .find(|l| l.contains("error") || l.contains("panicked"))
            .or_else(|| log.lines().last())
            .unwrap_or("")
            .trim()
            .trim_start_matches("piitrace: error: ")
            .to_string();
        anyhow::bail!(match status.code() {
            Some(101) => format!("piitrace crashed on this repository: {last}"),
            Some(code) => format!("{last} (exit code {code})"),
            None => format!("the scan was killed by a signal {last}"),
        });
    }
    let text = std::fs::read_to_string(out.join("facts.json"))
        .context("the worker wrote no facts.json")?;
    Ok(serde_json::from_str(&text)?)
}

/// The statuses of every repository in an output directory, by key.
pub fn read_statuses(dir: &Path) -> Result<Vec<Status>> {
    let repos = dir.join("repos");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&repos) else {
        return Ok(out);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if let Ok(s) = read_status(&entry.path().join("status.json")) {
            out.push(s);
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

fn read_status(path: &Path) -> Result<Status> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

/// Writes JSON to `path` through a temporary file and a rename.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    write_atomic(path, &(serde_json::to_string_pretty(value)? + "\n"))
}

pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Copies the repositories' results of each of `dirs` into `out` and writes the
/// portfolio report of them all (`piitrace merge`).
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<usize> {
    std::fs::create_dir_all(out.join("repos"))
        .with_context(|| format!("cannot create {}", out.display()))?;
    for dir in dirs {
        let same = std::fs::canonicalize(dir).ok() == std::fs::canonicalize(out).ok();
        if same {
            continue;
        }
        for status in read_statuses(dir)? {
            let from = dir.join("repos").join(&status.key);
            let to = out.join("repos").join(&status.key);
            let tmp = out.join("repos").join(format!(".tmp-{}", status.key));
            let _ = std::fs::remove_dir_all(&tmp);
            copy_dir(&from, &tmp)?;
            let _ = std::fs::remove_dir_all(&to);
            std::fs::rename(&tmp, &to)?;
        }
    }
    let statuses = read_statuses(out)?;
    write_report(out, &statuses)?;
    Ok(statuses.len())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `summary.json`, `summary.csv` and `report.html` of `statuses`, in `dir`.
pub fn write_report(dir: &Path, statuses: &[Status]) -> Result<()> {
    let summary = crate::output::portfolio::summary(statuses);
    write_json(&dir.join("summary.json"), &summary)?;
    write_atomic(
        &dir.join("summary.csv"),
        &crate::output::portfolio::csv(statuses),
    )?;
    write_atomic(
        &dir.join("report.html"),
        &crate::output::portfolio::html(statuses),
    )?;
    Ok(())
}

/// What the run shows while it works: a bar on a terminal, a line per repository
/// otherwise.
struct Board {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    state: Mutex<BoardState>,
}

#[derive(Default)]
struct BoardState {
    done: usize,
    lines: usize,
    findings: usize,
    running: BTreeMap<String, Instant>,
}

impl Board {
    fn new(total: usize, progress: bool) -> Board {
        let bar = progress.then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos}/{len} repos {wide_bar} {elapsed} {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Board {
            bar,
            total,
            state: Mutex::new(BoardState::default()),
        }
    }

    fn started(&self, key: &str) {
        if let Ok(mut s) = self.state.lock() {
            s.running.insert(key.to_string(), Instant::now());
            self.show(&s);
        }
    }

    fn finished(&self, key: &str, r: &Result<Option<Status>>) {
        let Ok(mut s) = self.state.lock() else { return };
        let took = s.running.remove(key).map(|t| t.elapsed().as_secs_f64());
        s.done += 1;
        let line = match r {
            Ok(None) => format!("{key}: done in an earlier run, skipped"),
            Ok(Some(status)) => match (&status.error, &status.facts) {
                (Some(e), _) => format!("{key}: FAILED: {e}"),
                (None, Some(f)) => {
                    s.lines += f.lines;
                    let n: usize = f.findings.values().sum();
                    s.findings += n;
                    format!(
                        "{key}: {} lines, {n} findings in {:.1}s",
                        f.lines,
                        took.unwrap_or_default()
                    )
                }
                (None, None) => format!("{key}: scanned"),
            },
            Err(e) => format!("{key}: FAILED: {e:#}"),
        };
        let line = format!("piitrace: [{}/{}] {line}", s.done, self.total);
        match &self.bar {
            Some(bar) => {
                bar.println(line);
                bar.inc(1);
                self.show(&s);
            }
            None => eprintln!("{line}"),
        }
    }

    fn show(&self, s: &BoardState) {
        let Some(bar) = &self.bar else { return };
        let mut slow: Vec<(&String, &Instant)> = s.running.iter().collect();
        slow.sort_by_key(|(_, t)| **t);
        let slow: Vec<String> = slow
            .iter()
            .take(3)
            .map(|(k, t)| format!("{k} {:.0}s", t.elapsed().as_secs_f64()))
            .collect();
        bar.set_message(format!(
            "{} lines, {} findings; scanning {}",
            s.lines,
            s.findings,
            slow.join(", ")
        ));
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
