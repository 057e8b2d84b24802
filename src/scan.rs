//! One scan, end to end: discover → load and lower (in parallel) → whole-program
//! analysis → findings. Output formats and the CLI sit on top of [`ScanResult`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::analysis::memo::Memos;
use crate::analysis::prompts::Prompts;
use crate::analysis::rights::Rights;
use crate::analysis::{taint, Program};
use crate::cache::{IrCache, ResultCache};
use crate::config::Config;
use crate::declaration::Declaration;
use crate::findings::{assign_fingerprints, Finding};
use crate::frontend;
use crate::inventory::{self, Inventory};
use crate::ir::{FileId, Module};
use crate::knowledge::Knowledge;
use crate::rules;
use crate::suppress;
use crate::workspace::{self, FileKind, SkipReason, Skipped, SourceFile};

/// A source file's text and IR, or why it was skipped.
type LoadResult = Result<(String, frontend::Lowered), SkipReason>;

pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    pub jobs: Option<usize>,
    pub config: Config,
    pub progress: bool,
    /// The IR cache's directory ([`IrCache::default_dir`]); `None` parses every file.
    pub cache: Option<PathBuf>,
}

/// The time one file's parse and lowering may take unless `[scan] file_timeout_ms`
/// says otherwise: generous, so that only pathological files reach it.
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(10);

/// A third-party SDK a build file declares.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DeclaredSdk {
    pub id: String,
    pub name: String,
    pub vendor: Option<String>,
    pub purpose: Option<String>,
    pub coordinate: String,
    pub file: String,
    pub line: u32,
}

/// A file analysed despite syntax errors (the parser recovered).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PartialParse {
    pub rel: String,
    pub error_share: u32,
}

pub struct ScanResult {
    pub root: PathBuf,
    /// The source files analysed, then the manifests read, in id order.
    pub files: Vec<SourceFile>,
    pub skipped: Vec<Skipped>,
    pub partial: Vec<PartialParse>,
    pub walk_errors: Vec<String>,
    /// Source files of languages this build does not analyse yet, by language.
    pub unsupported: std::collections::BTreeMap<&'static str, usize>,
    /// Source–sink pairs left out for being reachable only by very long ways.
    pub unreported_long_flows: usize,
    pub findings: Vec<Finding>,
    pub sdks: Vec<DeclaredSdk>,
    pub lines: usize,
    pub duration: Duration,
    /// What the app collects and shares, for `piitrace inventory`.
    pub inventory: Inventory,
    /// Suppression comments without a reason, or that silence nothing.
    pub stale_suppressions: Vec<suppress::Stale>,
    /// Entries of the baseline given that match no finding (fixed, or changed).
    pub unmatched_baseline: Vec<crate::baseline::Entry>,
}

impl ScanResult {
    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        file_by_id(&self.files, id)
    }

    /// How many files were skipped for exceeding their time or nesting budget.
    pub fn skipped_for_budget(&self) -> usize {
        self.skipped.iter().filter(|s| s.reason.is_budget()).count()
    }

    /// How many source files were analysed (manifests not counted).
    pub fn source_file_count(&self) -> usize {
        self.files.iter().filter(|f| f.is_source()).count()
    }
}

/// Lowers one source file's text, or takes its IR from the cache.
fn lower_text(
    id: FileId,
    candidate: &workspace::Candidate,
    language: crate::ir::Language,
    text: Result<String, SkipReason>,
    digest: Option<crate::cache::CacheKey>,
    time_limit: Duration,
    cache: Option<&IrCache>,
) -> LoadResult {
    let text = text?;
    let key = cache.map(|c| match &digest {
        Some(digest) => c.key_of(digest),
        None => c.key(language, &candidate.rel, &text),
    });
    if let (Some(cache), Some(key)) = (cache, &key) {
        if let Some(lowered) = cache.get(key, id) {
            return Ok((text, lowered));
        }
    }
    let lowered = frontend::lower_within(id, language, &candidate.rel, &text, Some(time_limit))?;
    if let (Some(cache), Some(key)) = (cache, &key) {
        cache.put(key, &lowered);
    }
    Ok((text, lowered))
}

/// Scans the paths of `opts`: loads the project, then analyses it.
///
/// With a cache directory, a scan of the same files with the same configuration as
/// the last scan of this root returns that scan's result without analysing: see
/// [`crate::cache::ResultCache`].
pub fn scan(mut opts: ScanOptions) -> Result<ScanResult> {
    let setup = Setup::new(&mut opts)?;
    let results = opts.cache.as_deref().map(ResultCache::new);
    let key = results.as_ref().map(|r| {
        setup
            .pool
            .install(|| r.key(opts.config.source(), &setup.inputs))
    });
    if let (Some(results), Some(key)) = (&results, &key) {
        if let Some(stored) = results.get::<StoredResult>(&setup.inputs.root, key) {
            if stored.fits(&setup.inputs) {
                let result = stored.restore(setup.inputs, setup.started);
                profile_phase(setup.started, "results cache hit");
                return Ok(result);
            }
        }
    }
    let result = Project::from_setup(opts, setup).into_result();
    if let (Some(results), Some(key)) = (&results, &key) {
        // A file skipped for time could be read on another run: not a result to keep.
        let timed_out = result
            .skipped
            .iter()
            .any(|s| matches!(s.reason, SkipReason::TimedOut { .. }));
        if !timed_out {
            results.put(&result.root, key, &StoredResult::of(&result));
        }
    }
    Ok(result)
}

/// What a scan keeps of its result in the results cache: everything but what the
/// next scan reads again anyway (the files' texts, the walk's errors).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredResult {
    /// The files analysed, then the manifests read: (id, path relative to the root).
    files: Vec<(FileId, String)>,
    skipped: Vec<Skipped>,
    partial: Vec<PartialParse>,
    unreported_long_flows: usize,
    findings: Vec<Finding>,
    sdks: Vec<DeclaredSdk>,
    lines: usize,
    inventory: Inventory,
    stale_suppressions: Vec<suppress::Stale>,
}

impl StoredResult {
    fn of(r: &ScanResult) -> StoredResult {
        StoredResult {
            files: r.files.iter().map(|f| (f.id, f.rel.clone())).collect(),
            skipped: r.skipped.clone(),
            partial: r.partial.clone(),
            unreported_long_flows: r.unreported_long_flows,
            findings: r.findings.clone(),
            sdks: r.sdks.clone(),
            lines: r.lines,
            inventory: r.inventory.clone(),
            stale_suppressions: r.stale_suppressions.clone(),
        }
    }

    /// Whether every file of the result is among `inputs`, with its text (which the
    /// cache's key says is the one the result was made from).
    fn fits(&self, inputs: &Inputs) -> bool {
        self.files.iter().all(|(_, rel)| {
            inputs
                .files
                .binary_search_by(|f| f.found.rel.as_str().cmp(rel))
                .is_ok_and(|i| inputs.files[i].text.is_ok())
        })
    }

    /// The result again, its files' texts taken from `inputs` (see [`Self::fits`]).
    fn restore(self, inputs: Inputs, started: Instant) -> ScanResult {
        let mut read: std::collections::HashMap<String, (workspace::Candidate, String)> = inputs
            .files
            .into_iter()
            .filter_map(|f| Some((f.found.rel.clone(), (f.found, f.text.ok()?))))
            .collect();
        let files = self
            .files
            .into_iter()
            .filter_map(|(id, rel)| {
                let (c, text) = read.remove(&rel)?;
                Some(SourceFile::of(id, c, text))
            })
            .collect();
        ScanResult {
            root: inputs.root,
            files,
            skipped: self.skipped,
            partial: self.partial,
            walk_errors: inputs.walk_errors,
            unsupported: inputs.unsupported,
            unreported_long_flows: self.unreported_long_flows,
            findings: self.findings,
            sdks: self.sdks,
            lines: self.lines,
            duration: started.elapsed(),
            inventory: self.inventory,
            stale_suppressions: self.stale_suppressions,
            unmatched_baseline: Vec::new(),
        }
    }
}

/// The files a scan reads, found and read: everything its result depends on besides
/// the configuration.
pub struct Inputs {
    pub root: PathBuf,
    /// Every file found, in a stable order.
    pub files: Vec<InputFile>,
    walk_errors: Vec<String>,
    unsupported: std::collections::BTreeMap<&'static str, usize>,
    excluded: Option<ignore::gitignore::Gitignore>,
}

/// A file discovery found, read.
pub struct InputFile {
    pub found: workspace::Candidate,
    /// Its text, or why it has none.
    pub text: Result<String, SkipReason>,
    /// Its [`crate::cache::file_digest`], when the scan uses the caches (their keys
    /// are made of it).
    pub digest: Option<crate::cache::CacheKey>,
}

/// What [`Project::load`] prepares before lowering: the knowledge, the workers and
/// the inputs.
struct Setup {
    started: Instant,
    knowledge: Knowledge,
    declaration: Declaration,
    pool: rayon::ThreadPool,
    inputs: Inputs,
    max_size: u64,
}

impl Setup {
    /// Takes the knowledge extensions and the declaration out of `opts.config`.
    fn new(opts: &mut ScanOptions) -> Result<Setup> {
        let started = Instant::now();
        let phase = |name: &str| profile_phase(started, name);
        let knowledge = Knowledge::with_extension(std::mem::take(&mut opts.config.knowledge))
            .context("invalid knowledge tables in the configuration")?;
        let declaration = std::mem::take(&mut opts.config.declaration);
        declaration
            .validate(&knowledge)
            .context("invalid declaration in the configuration")?;
        let root = workspace::scan_root(&opts.paths);
        for p in &opts.paths {
            if !p.exists() {
                anyhow::bail!("{}: no such file or directory", p.display());
            }
        }
        phase("knowledge");
        let discovery = workspace::discover(&opts.paths, &root, opts.jobs.unwrap_or(0));
        phase("discover");
        let mut candidates = discovery.candidates;
        let excluded = if opts.config.scan.exclude.is_empty() {
            None
        } else {
            let mut b = ignore::gitignore::GitignoreBuilder::new(&root);
            for pattern in &opts.config.scan.exclude {
                b.add_line(None, pattern)
                    .with_context(|| format!("invalid exclude pattern `{pattern}`"))?;
            }
            let matcher = b.build().context("invalid exclude patterns")?;
            candidates.retain(|c| {
                !matcher
                    .matched_path_or_any_parents(&c.path, false)
                    .is_ignore()
            });
            Some(matcher)
        };
        let max_size = opts
            .config
            .scan
            .max_file_size
            .unwrap_or(workspace::DEFAULT_MAX_FILE_SIZE);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.jobs.unwrap_or(0))
            .stack_size(frontend::STACK_GROWN)
            .build()
            .context("cannot start worker threads")?;
        let hashed = opts.cache.is_some();
        let files = pool.install(|| {
            candidates
                .into_par_iter()
                .map(|found| {
                    let text = workspace::load_text(&found.path, max_size);
                    let digest = hashed.then(|| {
                        crate::cache::file_digest(&found.rel, found.kind, text.as_deref())
                    });
                    InputFile {
                        found,
                        text,
                        digest,
                    }
                })
                .collect()
        });
        phase("read");
        Ok(Setup {
            started,
            inputs: Inputs {
                root,
                files,
                walk_errors: discovery.errors,
                unsupported: discovery.unsupported,
                excluded,
            },
            knowledge,
            declaration,
            pool,
            max_size,
        })
    }
}

/// A project read from disk and lowered to IR: everything a scan needs before the
/// whole-program analysis. A long-lived caller (the language server) keeps one,
/// replaces the files that change ([`Project::update_source`]) and analyses it again
/// ([`Project::analyse`]) without parsing the rest.
pub struct Project {
    pub root: PathBuf,
    knowledge: Knowledge,
    declaration: Declaration,
    /// The source files, then the manifests, in id order (new sources get new ids).
    pub files: Vec<SourceFile>,
    /// The IR of each source file in `files` (manifests have none), by file id.
    modules: Vec<Arc<Module>>,
    pub skipped: Vec<Skipped>,
    pub partial: Vec<PartialParse>,
    pub walk_errors: Vec<String>,
    pub unsupported: std::collections::BTreeMap<&'static str, usize>,
    pub sdks: Vec<DeclaredSdk>,
    launchers: Vec<(String, String)>,
    /// The manifests' intent filters: (directory, component as written, actions).
    filters: Vec<(String, String, Vec<String>)>,
    /// Activities no other app can start: (directory, activity as written).
    private_activities: Vec<(String, String)>,
    /// Components the manifests disable: (directory, component as written).
    disabled: Vec<(String, String)>,
    /// (directory of the manifest, component as written, permission) of every
    /// receiver or service only the holders of a permission may reach.
    protected: Vec<(String, String, String)>,
    permissions: Vec<rules::ManifestPermissions>,
    max_size: u64,
    /// `[scan] exclude` of the configuration, matched against new files too.
    excluded: Option<ignore::gitignore::Gitignore>,
    started: Instant,
    /// The last analysis, kept to be resumed after edits (see [`Project::analyse`]).
    resume: Option<Resume>,
    /// Files whose IR changed since the last analysis.
    edited: std::collections::BTreeSet<FileId>,
    /// Whether files were added or removed since the last analysis.
    reshaped: bool,
    /// The ids removed source files had, by path.
    former_ids: std::collections::HashMap<PathBuf, FileId>,
    /// What the passes after the taint analysis worked out per module, kept while
    /// no file comes or goes.
    memos: Memos,
    /// The worker threads (`--jobs` of them, with deep stacks) the files are lowered
    /// and the program is analysed on.
    pool: Arc<rayon::ThreadPool>,
}

/// An analysis kept for the next: the program it ran on and the taint facts.
struct Resume {
    program: Program,
    taint: taint::Resumable,
    /// Whether it was resumed from the one before (rather than made from scratch).
    resumed: bool,
}

/// What the analysis of a [`Project`] finds.
struct Analysed {
    findings: Vec<Finding>,
    inventory: Inventory,
    stale_suppressions: Vec<suppress::Stale>,
    unreported_long_flows: usize,
}

fn profile_phase(started: Instant, name: &str) {
    if std::env::var_os("PIITRACE_PROFILE").is_some() {
        // Resident memory where the platform tells it (Linux), to see which phase grows it.
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map(|pages| format!(", {} MB resident", (pages * 4096) >> 20))
            .unwrap_or_default();
        eprintln!(
            "piitrace: {name} {:.3}s{rss}",
            started.elapsed().as_secs_f64()
        );
    }
}

impl Project {
    /// Discovers the files under `opts.paths`, then reads and lowers them in parallel.
    pub fn load(mut opts: ScanOptions) -> Result<Project> {
        let setup = Setup::new(&mut opts)?;
        Ok(Project::from_setup(opts, setup))
    }

    fn from_setup(opts: ScanOptions, setup: Setup) -> Project {
        let Setup {
            started,
            knowledge,
            declaration,
            pool,
            inputs,
            max_size,
        } = setup;
        let phase = |name: &str| profile_phase(started, name);
        let time_limit = opts
            .config
            .scan
            .file_timeout_ms
            .map_or(DEFAULT_FILE_TIMEOUT, Duration::from_millis);
        let cache = opts.cache.as_deref().map(IrCache::new);
        let mut sources = Vec::new();
        let mut build_files = Vec::new();
        let mut manifests = Vec::new();
        for f in inputs.files {
            match f.found.kind {
                FileKind::Source(lang) => sources.push((f, lang)),
                FileKind::BuildFile => build_files.push((f.found, f.text)),
                FileKind::Manifest => manifests.push((f.found, f.text)),
            }
        }
        let progress = progress_bar(opts.progress, sources.len());
        let mut loaded: Vec<(usize, workspace::Candidate, LoadResult)> = pool.install(|| {
            sources
                .into_par_iter()
                .enumerate()
                .map(|(i, (f, lang))| {
                    let InputFile {
                        found: c,
                        text,
                        digest,
                    } = f;
                    let r = frontend::with_deep_stack(|| {
                        lower_text(
                            i as FileId,
                            &c,
                            lang,
                            text,
                            digest,
                            time_limit,
                            cache.as_ref(),
                        )
                    });
                    if let Some(p) = &progress {
                        p.inc(1);
                    }
                    (i, c, r)
                })
                .collect()
        });
        let source_count = loaded.len();
        loaded.sort_by_key(|(i, _, _)| *i);
        let mut project = Project {
            pool: Arc::new(pool),
            root: inputs.root,
            knowledge,
            declaration,
            files: Vec::new(),
            modules: Vec::new(),
            skipped: Vec::new(),
            partial: Vec::new(),
            walk_errors: inputs.walk_errors,
            unsupported: inputs.unsupported,
            sdks: Vec::new(),
            launchers: Vec::new(),
            filters: Vec::new(),
            private_activities: Vec::new(),
            disabled: Vec::new(),
            protected: Vec::new(),
            permissions: Vec::new(),
            max_size,
            excluded: inputs.excluded,
            started,
            resume: None,
            edited: Default::default(),
            reshaped: false,
            former_ids: Default::default(),
            memos: Memos::default(),
        };
        for (i, c, result) in loaded {
            match result {
                Ok((text, lowered)) => {
                    project.push_source(SourceFile::of(i as FileId, c, text), lowered)
                }
                Err(reason) => project.skipped.push(Skipped { rel: c.rel, reason }),
            }
        }
        phase("parse+lower");
        if let (Some(cache), true) = (&cache, std::env::var_os("PIITRACE_PROFILE").is_some()) {
            let stats = cache.stats();
            eprintln!(
                "piitrace: IR cache: {} hit(s), {} miss(es), {} failed write(s)",
                stats.hits, stats.misses, stats.failed_writes
            );
        }
        project.sdks = declared_sdks(build_files, &project.knowledge, &mut project.skipped);
        // Manifests take the ids after the source files': results are located in them.
        let manifests = read_manifests(
            manifests,
            source_count as FileId,
            &project.root,
            &mut project.skipped,
        );
        project.files.extend(manifests.files);
        project.launchers = manifests.launchers;
        project.filters = manifests.filters;
        project.private_activities = manifests.private_activities;
        project.disabled = manifests.disabled;
        project.protected = manifests.protected;
        project.permissions = manifests.permissions;
        if let Some(p) = progress {
            p.finish_and_clear();
        }
        phase("build files");
        project
    }

    /// The knowledge base the project is analysed with (built-in tables and the
    /// configuration's extensions).
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    fn push_source(&mut self, file: SourceFile, lowered: frontend::Lowered) {
        if lowered.error_share > 0 {
            self.partial.push(PartialParse {
                rel: file.rel.clone(),
                error_share: lowered.error_share,
            });
        }
        self.files.push(file);
        self.modules.push(Arc::new(lowered.module));
    }

    /// Whether a file the project does not have yet would be part of it, as
    /// discovery decides: under the root, outside build outputs, generated code and
    /// test sets, not excluded by `[scan] exclude` nor ignored by a `.gitignore`.
    pub fn admits(&self, path: &Path) -> bool {
        if self.files.iter().any(|f| f.path == path) {
            return true;
        }
        if !path.starts_with(&self.root)
            || workspace::in_skipped_dir(&workspace::relative(path, &self.root))
        {
            return false;
        }
        let excluded = self
            .excluded
            .as_ref()
            .is_some_and(|m| m.matched_path_or_any_parents(path, false).is_ignore());
        !excluded && !workspace::gitignored(&self.root, path)
    }

    /// Replaces the text of the source file at `path` (or adds it, when the project
    /// did not have it) and lowers it again; the other files keep their IR. A file
    /// that does not lower is dropped from the project, with the reason returned.
    pub fn update_source(&mut self, path: &Path, text: String) -> Result<(), SkipReason> {
        let Some(FileKind::Source(lang)) = workspace::classify(path) else {
            return Ok(());
        };
        let rel = workspace::relative(path, &self.root);
        let existing = self.files.iter().position(|f| f.path == path);
        match existing {
            Some(i) => {
                self.edited.insert(self.files[i].id);
            }
            None => self.reshaped = true,
        }
        // A file dropped (it stopped parsing) and back gets the id it had: results
        // are ordered by file id, and must not reorder for an edit and its undo.
        let id = match existing {
            Some(i) => self.files[i].id,
            None => self.former_ids.get(path).copied().unwrap_or_else(|| {
                let used = self.files.iter().map(|f| f.id);
                used.chain(self.former_ids.values().copied())
                    .max()
                    .map_or(0, |m| m + 1)
            }),
        };
        self.partial.retain(|p| p.rel != rel);
        self.skipped.retain(|s| s.rel != rel);
        let lowered = if text.len() as u64 > self.max_size {
            Err(SkipReason::TooLarge {
                size: text.len() as u64,
                limit: self.max_size,
            })
        } else {
            frontend::lower(id, lang, &rel, &text)
        };
        let lowered = match lowered {
            Ok(l) => l,
            Err(reason) => {
                self.remove_source(path);
                return Err(reason);
            }
        };
        if lowered.error_share > 0 {
            self.partial.push(PartialParse {
                rel: rel.clone(),
                error_share: lowered.error_share,
            });
        }
        let file = SourceFile {
            id,
            path: path.to_path_buf(),
            rel,
            kind: FileKind::Source(lang),
            text,
            line_starts: Default::default(),
        };
        let module = Arc::new(lowered.module);
        match existing {
            Some(i) => {
                self.files[i] = file;
                if let Some(m) = self.modules.iter_mut().find(|m| m.file == id) {
                    *m = module;
                } else {
                    self.modules.push(module);
                    self.modules.sort_by_key(|m| m.file);
                }
            }
            None => {
                let at = self.files.partition_point(|f| f.id < id);
                self.files.insert(at, file);
                let at = self.modules.partition_point(|m| m.file < id);
                self.modules.insert(at, module);
            }
        }
        Ok(())
    }

    /// Forgets the source file at `path` (deleted, or no longer parseable).
    pub fn remove_source(&mut self, path: &Path) {
        if let Some(i) = self
            .files
            .iter()
            .position(|f| f.path == path && f.is_source())
        {
            let id = self.files.remove(i).id;
            self.modules.retain(|m| m.file != id);
            self.former_ids.insert(path.to_path_buf(), id);
            self.reshaped = true;
        }
    }

    /// Analyses the project as it is now (the files stay in the project).
    ///
    /// The analysis is kept: after edits that change function bodies only (no
    /// declaration, signature or created class differs, no file came or went), the
    /// next one resumes it, analysing again only the edited files' functions and
    /// what their changes reach, which gives the same result as from scratch.
    pub fn analyse(&mut self) -> ScanResult {
        let started = Instant::now();
        let mut resume = self.resume.take().filter(|_| !self.reshaped);
        let mut memos = std::mem::take(&mut self.memos);
        if self.reshaped {
            memos = Memos::default();
        }
        let analysed = self.run_analysis(started, Some(&mut resume), &mut memos);
        self.resume = resume;
        self.memos = memos;
        self.edited.clear();
        self.reshaped = false;
        self.result(
            self.files.iter().map(SourceFile::clone).collect(),
            analysed,
            started,
        )
    }

    /// Drops what the kept analysis no longer refers to, as it does by itself when
    /// that has grown large (for tests: every resumption can then start from it).
    pub fn compact_kept_analysis(&mut self) {
        if let Some(r) = &mut self.resume {
            r.taint.compact();
        }
    }

    /// Whether the last [`Project::analyse`] resumed the one before it.
    pub fn resumed(&self) -> bool {
        self.resume.as_ref().is_some_and(|r| r.resumed)
    }

    /// Analyses the project, handing its files over to the result.
    pub fn into_result(mut self) -> ScanResult {
        let analysed = self.run_analysis(self.started, None, &mut Memos::default());
        let files = std::mem::take(&mut self.files);
        let result = self.result(files, analysed, self.started);
        // Freeing the IR of a large project takes a noticeable part of a scan (about
        // 2%); the caller has its result without waiting for it.
        let modules = std::mem::take(&mut self.modules);
        std::thread::spawn(move || drop(modules));
        result
    }

    fn result(&self, files: Vec<SourceFile>, analysed: Analysed, started: Instant) -> ScanResult {
        let lines = files
            .iter()
            .filter(|f| f.is_source())
            .map(SourceFile::line_count)
            .sum();
        ScanResult {
            root: self.root.clone(),
            files,
            skipped: self.skipped.clone(),
            partial: self.partial.clone(),
            walk_errors: self.walk_errors.clone(),
            unsupported: self.unsupported.clone(),
            unreported_long_flows: analysed.unreported_long_flows,
            findings: analysed.findings,
            sdks: self.sdks.clone(),
            lines,
            duration: started.elapsed(),
            inventory: analysed.inventory,
            stale_suppressions: analysed.stale_suppressions,
            unmatched_baseline: Vec::new(),
        }
    }

    /// `resume`: where the analysis is kept for the next, and where the last one is
    /// (`None` to analyse once, as a scan does).
    fn run_analysis(
        &self,
        started: Instant,
        resume: Option<&mut Option<Resume>>,
        memos: &mut Memos,
    ) -> Analysed {
        // The analyses recurse over the IR, which nests up to frontend::MAX_NESTING:
        // the pool's threads have the stack for it.
        let pool = Arc::clone(&self.pool);
        pool.install(|| {
            frontend::with_deep_stack(|| self.run_analysis_on_this_stack(started, resume, memos))
        })
    }

    /// The program index, and what the manifests say of the app's components.
    fn index(&self, started: Instant) -> (Program, taint::Components) {
        let program = Program::with_paths(self.modules.clone(), |id| {
            file_by_id(&self.files, id).map(|f| f.rel.as_str())
        });
        profile_phase(started, "program index");
        let components = taint::Components {
            filters: resolve_filters(&program, &self.files, &self.filters),
            private_activities: resolve_classes(&program, &self.files, &self.private_activities),
            disabled: resolve_classes(&program, &self.files, &self.disabled),
        };
        (program, components)
    }

    /// Whether the kept analysis can be resumed for the edits since (see
    /// [`Project::analyse`]).
    fn can_resume(&self, r: &mut Resume) -> bool {
        r.taint.fresh()
            && r.program.modules.len() == self.modules.len()
            && self.edited.iter().all(|&file| {
                self.modules
                    .iter()
                    .position(|m| m.file == file)
                    .is_some_and(|m| r.program.same_shape(m as u32, &self.modules[m]))
            })
    }

    /// The taint analysis, resumed from the kept one or from scratch (kept then).
    fn taint_kept<'s>(
        &self,
        started: Instant,
        slot: &'s mut Option<Resume>,
    ) -> (&'s Resume, crate::analysis::Analysis) {
        if let Some(mut r) = slot.take() {
            if !self.can_resume(&mut r) {
                return self.taint_from_scratch(started, slot);
            }
            let edits: Vec<taint::ModuleEdit> = self
                .modules
                .iter()
                .enumerate()
                .filter(|(_, m)| self.edited.contains(&m.file))
                .map(|(i, _)| taint::ModuleEdit {
                    module: i as u32,
                    functions_before: r.program.modules[i].functions.len() as u32,
                })
                .collect();
            r.program.replace_modules(self.modules.clone());
            profile_phase(started, "program index (kept)");
            let analysis = r.taint.resume(&r.program, &self.knowledge, &edits);
            r.resumed = true;
            return (slot.insert(r), analysis);
        }
        self.taint_from_scratch(started, slot)
    }

    /// The taint analysis from scratch, kept in `slot`.
    fn taint_from_scratch<'s>(
        &self,
        started: Instant,
        slot: &'s mut Option<Resume>,
    ) -> (&'s Resume, crate::analysis::Analysis) {
        // (Not beside the memos: what is kept stays on this thread.)
        let (program, filters) = self.index(started);
        let (analysis, taint) = taint::analyze_resumable(&program, &self.knowledge, &filters);
        let kept = Resume {
            program,
            taint,
            resumed: false,
        };
        (slot.insert(kept), analysis)
    }

    fn run_analysis_on_this_stack(
        &self,
        started: Instant,
        resume: Option<&mut Option<Resume>>,
        memos: &mut Memos,
    ) -> Analysed {
        let phase = |name: &str| profile_phase(started, name);
        let (knowledge, declaration, files) = (&self.knowledge, &self.declaration, &self.files);
        let once;
        let (program, analysis) = match resume {
            Some(slot) => {
                let (kept, analysis) = self.taint_kept(started, slot);
                (&kept.program, analysis)
            }
            None => {
                let filters;
                (once, filters) = self.index(started);
                // What the later passes work out per module does not depend on the
                // taint analysis: it runs beside it, on another core when there is one.
                let (analysis, ()) = rayon::join(
                    || frontend::with_deep_stack(|| taint::analyze(&once, knowledge, &filters)),
                    || frontend::with_deep_stack(|| memos.prefill(&once, knowledge)),
                );
                (&once, analysis)
            }
        };
        phase("analysis");
        let launcher_classes = resolve_classes(program, files, &self.launchers);
        // Components only the system reaches once the user gave the app a role.
        let role_gated: Vec<(crate::analysis::program::ClassId, &[String])> = self
            .protected
            .iter()
            .filter_map(|(dir, name, permission)| {
                let granted = knowledge.prompts.role_gated.get(permission)?;
                let place = [(dir.clone(), name.clone())];
                Some(
                    resolve_classes(program, files, &place)
                        .into_iter()
                        .map(move |c| (c, granted.as_slice())),
                )
            })
            .flatten()
            .collect();
        // Prompts, rights and the rules that need neither read the analysis and
        // nothing of each other: they run side by side (rights take the longest).
        // Each walks the IR recursively, so each gets the deep stack wherever rayon
        // runs it.
        let Memos {
            prompts: walks,
            names,
            rates,
            rights: scans,
        } = memos;
        let ((prompts, mut findings), rights) = rayon::join(
            || {
                rayon::join(
                    || {
                        frontend::with_deep_stack(|| {
                            Prompts::compute(
                                program,
                                knowledge,
                                &analysis,
                                &launcher_classes,
                                &role_gated,
                                walks,
                            )
                        })
                    },
                    || {
                        frontend::with_deep_stack(|| {
                            let mut findings = rules::excessive_frequency(
                                &analysis,
                                program,
                                knowledge,
                                declaration.min_interval_seconds,
                                rates,
                            );
                            findings.extend(rules::unused_permissions(
                                &analysis,
                                knowledge,
                                &self.permissions,
                                files,
                            ));
                            findings
                        })
                    },
                )
            },
            || {
                frontend::with_deep_stack(|| {
                    Rights::compute(program, knowledge, &analysis, names, scans)
                })
            },
        );
        phase("prompts and rights");
        findings.extend(rules::findings_from_flows(
            &analysis,
            knowledge,
            &prompts,
            program,
            declaration,
        ));
        findings.extend(rules::collected_but_unused(&analysis, program, knowledge));
        findings.extend(rules::undeclared_collection(
            &analysis,
            declaration,
            knowledge,
            program,
        ));
        findings.extend(rules::collection_without_prompt(
            &analysis, &prompts, program, knowledge,
        ));
        findings.extend(rules::collection_before_consent(
            &analysis, &prompts, program, knowledge,
        ));
        findings.extend(rules::consent_without_withdrawal(
            &rights, program, knowledge,
        ));
        findings.extend(rules::account_without_deletion(&rights, program));
        findings.sort_by(|a, b| {
            (a.span.file, a.span.start, a.rule.id.as_str(), &a.source).cmp(&(
                b.span.file,
                b.span.start,
                b.rule.id.as_str(),
                &b.source,
            ))
        });
        let stale_suppressions = suppress::apply(&mut findings, files);
        assign_fingerprints(&mut findings, |f| {
            file_by_id(files, f.span.file)
                .map(|s| s.rel.clone())
                .unwrap_or_default()
        });
        let app = self.root.file_name().map_or_else(
            || self.root.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let place = |span: crate::ir::Span| {
            let file = file_by_id(files, span.file).map_or_else(String::new, |f| f.rel.clone());
            (file, span.start.line as usize + 1)
        };
        let mut inventory = inventory::build(
            app,
            &rules::collection_points(&analysis),
            &findings,
            knowledge,
            declaration,
            place,
            |s| program.module(s.function.module).is_android(),
        );
        inventory.rights = inventory::YourRights::build(&rights, place);
        phase("findings");
        Analysed {
            findings,
            inventory,
            stale_suppressions,
            unreported_long_flows: analysis.unreported_long_flows,
        }
    }
}

/// Files are kept in id order; ids of skipped files leave gaps.
pub fn file_by_id(files: &[SourceFile], id: FileId) -> Option<&SourceFile> {
    files
        .binary_search_by_key(&id, |f| f.id)
        .ok()
        .map(|i| &files[i])
}

fn declared_sdks(
    build_files: Vec<(workspace::Candidate, Result<String, SkipReason>)>,
    knowledge: &Knowledge,
    skipped: &mut Vec<Skipped>,
) -> Vec<DeclaredSdk> {
    let mut out = Vec::new();
    for (c, text) in build_files {
        let text = match text {
            Ok(t) => t,
            Err(reason) => {
                skipped.push(Skipped {
                    rel: c.rel.clone(),
                    reason,
                });
                continue;
            }
        };
        let is_catalog = c.rel.ends_with(".toml");
        for dep in frontend::gradle::dependencies(&text, is_catalog) {
            if let Some(sdk) = knowledge.sdk_for_maven(&dep.coordinate) {
                out.push(DeclaredSdk {
                    id: sdk.id.clone(),
                    name: sdk.name.clone(),
                    vendor: sdk.vendor.clone(),
                    purpose: sdk.purpose.clone(),
                    coordinate: dep.coordinate,
                    file: c.rel.clone(),
                    line: dep.line,
                });
            }
        }
    }
    out
}

/// What the manifests say.
struct Manifests {
    /// The manifests that parsed, for results located in them.
    files: Vec<SourceFile>,
    /// (directory of the manifest, activity name as written) of every launcher activity.
    launchers: Vec<(String, String)>,
    permissions: Vec<rules::ManifestPermissions>,
    /// (directory of the manifest, component as written, the actions its intent
    /// filters name).
    filters: Vec<(String, String, Vec<String>)>,
    /// (directory of the manifest, activity as written) of every activity no other
    /// app can start.
    private_activities: Vec<(String, String)>,
    /// (directory of the manifest, component as written) of every disabled component.
    disabled: Vec<(String, String)>,
    /// (directory of the manifest, component as written, permission) of every
    /// receiver or service a permission protects.
    protected: Vec<(String, String, String)>,
}

/// Reads every manifest, giving them the ids from `first_id` on; one that cannot be
/// read or does not parse is skipped, with the reason.
fn read_manifests(
    manifests: Vec<(workspace::Candidate, Result<String, SkipReason>)>,
    first_id: FileId,
    root: &Path,
    skipped: &mut Vec<Skipped>,
) -> Manifests {
    let mut out = Manifests {
        files: Vec::new(),
        launchers: Vec::new(),
        permissions: Vec::new(),
        filters: Vec::new(),
        private_activities: Vec::new(),
        disabled: Vec::new(),
        protected: Vec::new(),
    };
    for (j, (c, text)) in manifests.into_iter().enumerate() {
        let id = first_id + j as FileId;
        let parsed = text.and_then(|text| {
            frontend::manifest::parse(id, &text)
                .map(|m| (text, m))
                .map_err(SkipReason::Unreadable)
        });
        let (text, manifest) = match parsed {
            Ok(p) => p,
            Err(reason) => {
                skipped.push(Skipped {
                    rel: c.rel.clone(),
                    reason,
                });
                continue;
            }
        };
        let dir = c.rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        out.launchers
            .extend(manifest.launchers.into_iter().map(|n| (dir.clone(), n)));
        out.filters.extend(
            manifest
                .filters
                .into_iter()
                .map(|(n, actions)| (dir.clone(), n, actions)),
        );
        out.private_activities.extend(
            manifest
                .private_activities
                .into_iter()
                .map(|n| (dir.clone(), n)),
        );
        out.disabled
            .extend(manifest.disabled.into_iter().map(|n| (dir.clone(), n)));
        out.protected.extend(
            manifest
                .protected
                .into_iter()
                .map(|(n, p)| (dir.clone(), n, p)),
        );
        out.permissions.push(rules::ManifestPermissions {
            file: id,
            project: gradle_project(&c.path, root),
            permissions: manifest.permissions,
        });
        out.files.push(SourceFile::of(id, c, text));
    }
    out
}

/// The Gradle project a file belongs to: the nearest directory above it, inside the
/// scan root, with a `settings.gradle` or `settings.gradle.kts`, relative to the
/// root; the root itself (empty) when there is none.
pub(crate) fn gradle_project(path: &Path, root: &Path) -> String {
    path.ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(root))
        .find(|dir| {
            dir.join("settings.gradle").is_file() || dir.join("settings.gradle.kts").is_file()
        })
        .map(|dir| workspace::relative(dir, root))
        .unwrap_or_default()
}

/// Whether a manifest in `dir` names this class of `file` (by its qualified, or
/// `.`-relative, name).
fn manifest_names(dir: &str, name: &str, file: &SourceFile, class: &crate::ir::Class) -> bool {
    // (Asked for every class and every name: compared in place, nothing allocated.)
    let ends_after_dot =
        |s: &str, tail: &str| s.strip_suffix(tail).is_some_and(|head| head.ends_with('.'));
    let matches = class.qualified == *name
        || name
            .strip_prefix('.')
            .is_some_and(|r| ends_after_dot(&class.qualified, r))
        || (!name.contains('.') && class.name == *name);
    let under = || {
        dir.is_empty()
            || file
                .rel
                .strip_prefix(dir)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    matches && !class.is_anonymous && under()
}

/// The app's classes the manifests name in `names` (directory, class as written):
/// declared under the manifest's directory, with that (qualified, or `.`-relative) name.
fn resolve_classes(
    program: &Program,
    files: &[SourceFile],
    names: &[(String, String)],
) -> Vec<crate::analysis::program::ClassId> {
    let mut out = Vec::new();
    for (m, module) in program.modules.iter().enumerate() {
        let Some(file) = file_by_id(files, module.file) else {
            continue;
        };
        for (c, class) in module.classes.iter().enumerate() {
            if names
                .iter()
                .any(|(dir, name)| manifest_names(dir, name, file, class))
            {
                out.push(crate::analysis::program::ClassId {
                    module: m as u32,
                    class: c as crate::ir::ClassIdx,
                });
            }
        }
    }
    out
}

/// The app's components with intent filters, with the actions they name.
fn resolve_filters(
    program: &Program,
    files: &[SourceFile],
    filters: &[(String, String, Vec<String>)],
) -> Vec<(crate::analysis::program::ClassId, Vec<String>)> {
    let mut out = Vec::new();
    for (m, module) in program.modules.iter().enumerate() {
        let Some(file) = file_by_id(files, module.file) else {
            continue;
        };
        for (c, class) in module.classes.iter().enumerate() {
            let actions: Vec<String> = filters
                .iter()
                .filter(|(dir, name, _)| manifest_names(dir, name, file, class))
                .flat_map(|(_, _, actions)| actions.iter().cloned())
                .collect();
            if !actions.is_empty() {
                let id = crate::analysis::program::ClassId {
                    module: m as u32,
                    class: c as crate::ir::ClassIdx,
                };
                out.push((id, actions));
            }
        }
    }
    out
}

fn progress_bar(enabled: bool, total: usize) -> Option<indicatif::ProgressBar> {
    // Only worth drawing for scans that take a moment.
    if !enabled || total < 2000 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} scanning {pos}/{len} files {wide_bar} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}
