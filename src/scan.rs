//! One scan, end to end: discover → load and lower (in parallel) → whole-program
//! analysis → findings. Output formats and the CLI sit on top of [`ScanResult`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::analysis::prompts::Prompts;
use crate::analysis::rights::Rights;
use crate::analysis::{taint, Program};
use crate::config::Config;
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
}

/// A third-party SDK a build file declares.
#[derive(Debug, Clone, serde::Serialize)]
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
#[derive(Debug, Clone)]
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
}

impl ScanResult {
    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        file_by_id(&self.files, id)
    }

    /// How many source files were analysed (manifests not counted).
    pub fn source_file_count(&self) -> usize {
        self.files.iter().filter(|f| f.is_source()).count()
    }
}

pub fn scan(opts: ScanOptions) -> Result<ScanResult> {
    let started = Instant::now();
    let profile = std::env::var_os("PIITRACE_PROFILE").is_some();
    let phase = |name: &str| {
        if profile {
            eprintln!("piitrace: {name} {:.3}s", started.elapsed().as_secs_f64());
        }
    };
    let knowledge = Knowledge::with_extension(opts.config.knowledge)
        .context("invalid knowledge tables in the configuration")?;
    let declaration = opts.config.declaration;
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
    let discovery = workspace::discover(&opts.paths, &root);
    phase("discover");
    let mut candidates = discovery.candidates;
    let walk_errors = discovery.errors;
    let unsupported = discovery.unsupported;
    if !opts.config.scan.exclude.is_empty() {
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
    }
    let max_size = opts
        .config
        .scan
        .max_file_size
        .unwrap_or(workspace::DEFAULT_MAX_FILE_SIZE);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let progress = progress_bar(opts.progress, candidates.len());
    let sources: Vec<_> = candidates
        .iter()
        .filter_map(|c| match c.kind {
            FileKind::Source(lang) => Some((c, lang)),
            FileKind::BuildFile | FileKind::Manifest => None,
        })
        .collect();
    let mut loaded: Vec<(usize, LoadResult)> = pool.install(|| {
        sources
            .par_iter()
            .enumerate()
            .map(|(i, (c, lang))| {
                let r = workspace::load_text(&c.path, max_size).and_then(|text| {
                    frontend::lower(i as FileId, *lang, &c.rel, &text).map(|l| (text, l))
                });
                if let Some(p) = &progress {
                    p.inc(1);
                }
                (i, r)
            })
            .collect()
    });

    loaded.sort_by_key(|(i, _)| *i);
    let mut files = Vec::new();
    let mut modules: Vec<Module> = Vec::new();
    let mut skipped = Vec::new();
    let mut partial = Vec::new();
    for (i, result) in loaded {
        let (c, lang) = sources[i];
        match result {
            Ok((text, lowered)) => {
                let id = i as FileId;
                let module = lowered.module;
                if lowered.error_share > 0 {
                    partial.push(PartialParse {
                        rel: c.rel.clone(),
                        error_share: lowered.error_share,
                    });
                }
                files.push(SourceFile {
                    id,
                    path: c.path.clone(),
                    rel: c.rel.clone(),
                    kind: FileKind::Source(lang),
                    text,
                });
                modules.push(module);
            }
            Err(reason) => skipped.push(Skipped {
                rel: c.rel.clone(),
                reason,
            }),
        }
    }
    phase("parse+lower");
    let sdks = declared_sdks(&candidates, &knowledge, max_size, &mut skipped);
    // Manifests take the ids after the source files': results are located in them.
    let manifests = read_manifests(
        &candidates,
        sources.len() as FileId,
        &root,
        max_size,
        &mut skipped,
    );
    files.extend(manifests.files);
    if let Some(p) = progress {
        p.finish_and_clear();
    }

    phase("build files");
    let program = Program::new(modules);
    phase("program index");
    let analysis = taint::analyze(&program, &knowledge);
    phase("analysis");
    let launcher_classes = resolve_launchers(&program, &files, &manifests.launchers);
    let prompts = Prompts::compute(&program, &knowledge, &analysis, &launcher_classes);
    phase("prompts");
    let mut findings =
        rules::findings_from_flows(&analysis, &knowledge, &prompts, &program, &declaration);
    findings.extend(rules::collected_but_unused(&analysis, &program, &knowledge));
    findings.extend(rules::excessive_frequency(
        &analysis,
        &program,
        &knowledge,
        declaration.min_interval_seconds,
    ));
    findings.extend(rules::undeclared_collection(
        &analysis,
        &declaration,
        &knowledge,
        &program,
    ));
    findings.extend(rules::collection_without_prompt(
        &analysis, &prompts, &program, &knowledge,
    ));
    findings.extend(rules::collection_before_consent(
        &analysis, &prompts, &program, &knowledge,
    ));
    let rights = Rights::compute(&program, &knowledge, &analysis);
    phase("rights");
    findings.extend(rules::consent_without_withdrawal(
        &rights, &program, &knowledge,
    ));
    findings.extend(rules::account_without_deletion(&rights, &program));
    findings.extend(rules::unused_permissions(
        &analysis,
        &knowledge,
        &manifests.permissions,
        &files,
    ));
    findings.sort_by(|a, b| {
        (a.span.file, a.span.start, a.rule.id.as_str(), &a.source).cmp(&(
            b.span.file,
            b.span.start,
            b.rule.id.as_str(),
            &b.source,
        ))
    });
    let stale_suppressions = suppress::apply(&mut findings, &files);
    assign_fingerprints(&mut findings, |f| {
        file_by_id(&files, f.span.file)
            .map(|s| s.rel.clone())
            .unwrap_or_default()
    });
    let app = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut inventory = inventory::build(
        app,
        &rules::collection_points(&analysis),
        &findings,
        &knowledge,
        &declaration,
        |span| {
            let file = file_by_id(&files, span.file).map_or_else(String::new, |f| f.rel.clone());
            (file, span.start.line as usize + 1)
        },
        |s| program.module(s.function.module).is_android(),
    );
    inventory.rights = inventory::YourRights::build(&rights, |span| {
        let file = file_by_id(&files, span.file).map_or_else(String::new, |f| f.rel.clone());
        (file, span.start.line as usize + 1)
    });
    let lines = files
        .iter()
        .filter(|f| f.is_source())
        .map(SourceFile::line_count)
        .sum();
    if profile {
        eprintln!("piitrace: findings {:.3}s", started.elapsed().as_secs_f64());
    }
    Ok(ScanResult {
        root,
        files,
        skipped,
        partial,
        walk_errors,
        unsupported,
        unreported_long_flows: analysis.unreported_long_flows,
        findings,
        sdks,
        lines,
        duration: started.elapsed(),
        inventory,
        stale_suppressions,
    })
}

/// Files are kept in id order; ids of skipped files leave gaps.
pub fn file_by_id(files: &[SourceFile], id: FileId) -> Option<&SourceFile> {
    files
        .binary_search_by_key(&id, |f| f.id)
        .ok()
        .map(|i| &files[i])
}

fn declared_sdks(
    candidates: &[workspace::Candidate],
    knowledge: &Knowledge,
    max_size: u64,
    skipped: &mut Vec<Skipped>,
) -> Vec<DeclaredSdk> {
    let mut out = Vec::new();
    for c in candidates.iter().filter(|c| c.kind == FileKind::BuildFile) {
        let text = match workspace::load_text(&c.path, max_size) {
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
}

/// Reads every manifest, giving them the ids from `first_id` on; one that cannot be
/// read or does not parse is skipped, with the reason.
fn read_manifests(
    candidates: &[workspace::Candidate],
    first_id: FileId,
    root: &Path,
    max_size: u64,
    skipped: &mut Vec<Skipped>,
) -> Manifests {
    let mut out = Manifests {
        files: Vec::new(),
        launchers: Vec::new(),
        permissions: Vec::new(),
    };
    let manifests = candidates.iter().filter(|c| c.kind == FileKind::Manifest);
    for (j, c) in manifests.enumerate() {
        let id = first_id + j as FileId;
        let parsed = workspace::load_text(&c.path, max_size).and_then(|text| {
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
        out.permissions.push(rules::ManifestPermissions {
            file: id,
            project: gradle_project(&c.path, root),
            permissions: manifest.permissions,
        });
        out.files.push(SourceFile {
            id,
            path: c.path.clone(),
            rel: c.rel.clone(),
            kind: FileKind::Manifest,
            text,
        });
    }
    out
}

/// The Gradle project a file belongs to: the nearest directory above it, inside the
/// scan root, with a `settings.gradle` or `settings.gradle.kts`, relative to the
/// root; the root itself (empty) when there is none.
fn gradle_project(path: &Path, root: &Path) -> String {
    path.ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(root))
        .find(|dir| {
            dir.join("settings.gradle").is_file() || dir.join("settings.gradle.kts").is_file()
        })
        .map(|dir| workspace::relative(dir, root))
        .unwrap_or_default()
}

/// The app's classes a manifest names as launcher activities: declared under the
/// manifest's directory, with that (qualified, or `.`-relative) name.
fn resolve_launchers(
    program: &Program,
    files: &[SourceFile],
    launchers: &[(String, String)],
) -> Vec<crate::analysis::program::ClassId> {
    let mut out = Vec::new();
    for (m, module) in program.modules.iter().enumerate() {
        let Some(file) = file_by_id(files, module.file) else {
            continue;
        };
        for (c, class) in module.classes.iter().enumerate() {
            let named = launchers.iter().any(|(dir, name)| {
                let under = dir.is_empty() || file.rel.starts_with(&format!("{dir}/"));
                let relative = name.strip_prefix('.');
                let matches = class.qualified == *name
                    || relative.is_some_and(|r| class.qualified.ends_with(&format!(".{r}")))
                    || (!name.contains('.') && class.name == *name);
                under && matches && !class.is_anonymous
            });
            if named {
                out.push(crate::analysis::program::ClassId {
                    module: m as u32,
                    class: c as crate::ir::ClassIdx,
                });
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
