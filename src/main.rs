//! piitrace: traces personal information through app source code and reports what
//! breaks privacy law, as SARIF, JSON or text.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use piitrace::cache::IrCache;
use piitrace::config::Config;
use piitrace::output;
use piitrace::rules::{self, Level};
use piitrace::scan::{scan, ScanOptions};

/// The scan allocates many small short-lived objects on every thread; mimalloc's
/// per-thread heaps serve them faster than the system allocator's arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "piitrace",
    version,
    about = "Traces personal information through app source code and reports privacy-law problems",
    long_about = "piitrace reads the source of an app (Java, Kotlin, Rust), finds where personal \
information is collected and where it is sent (network, third-party SDKs, logs, storage, \
other apps), and reports what breaks privacy law (China's PIPL, GDPR) as SARIF 2.1.0, JSON \
or text.\n\nExit codes: 0 nothing at or above --fail-on was found, 1 something was, 2 usage \
or I/O error, 3 the scan is incomplete (a file was skipped for exceeding its time or nesting \
budget) and nothing at or above --fail-on was found (never with --fail-on never)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan source trees and report findings.
    Scan(ScanArgs),
    /// List every rule: ID, name, level and what it reports.
    Rules {
        /// Print the table as Markdown (as in the README).
        #[arg(long)]
        markdown: bool,
    },
    /// Write the personal-information inventory: what the app collects, why and
    /// where, and what it shares with which third party.
    Inventory(InventoryArgs),
    /// Write a starting declaration (piitrace.toml) from what the code collects today.
    Init {
        /// The app's directory.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Replace an existing piitrace.toml (its other settings are kept out of the
        /// new file: copy them back).
        #[arg(long)]
        force: bool,
    },
    /// Print a rule's full documentation (what, why, example, fix, PIPL articles).
    Explain {
        /// Rule ID (PI301) or name (personal-data-in-log).
        rule: String,
    },
    /// Accept today's findings in a baseline file, so that an existing app adopts
    /// piitrace without fixing everything first (`scan --baseline FILE`).
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// Scan many repositories (a directory of them, or a file listing paths or git
    /// URLs): one SARIF and inventory per app, and a portfolio report. Resumable.
    Batch(BatchArgs),
    /// Combine the output directories of batch shards into one portfolio report.
    Merge {
        /// Output directories of `piitrace batch` (e.g. one per shard).
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Where the combined report goes.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Run the language server (LSP over stdin/stdout) for editors: findings as
    /// diagnostics while you type, hover explanations, suppression quick fixes.
    Lsp {
        /// Accepted for editors that name the transport: stdio is the only one.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Scans one repository for `batch` (run by batch in a child process).
    #[command(hide = true)]
    BatchWorker { repo: PathBuf, out: PathBuf },
}

#[derive(clap::Args)]
struct BatchArgs {
    /// A directory whose subdirectories are repositories, or a file listing one
    /// repository per line: a path, or a git URL with an optional branch, tag or commit.
    input: PathBuf,
    /// The output directory: repos/<app>/ per repository, summary.json, summary.csv,
    /// report.html.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Repositories scanned at once (default: one per core).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Scan only this share of the input: I/N (0-based), e.g. 0/4 on the first of four
    /// machines. The share depends on each repository, not on the input's order.
    #[arg(long, value_name = "I/N")]
    shard: Option<piitrace::batch::Shard>,
    /// Scan again repositories whose results are already in DIR.
    #[arg(long)]
    force: bool,
    /// Give up on a repository whose scan takes longer than this many seconds.
    #[arg(long, value_name = "SECONDS")]
    repo_timeout: Option<u64>,
    /// Never draw the progress display (it is drawn only on a terminal).
    #[arg(long)]
    no_progress: bool,
}

#[derive(Subcommand)]
enum BaselineCommand {
    /// Write FILE with every finding the scan reports (entries an existing FILE
    /// already has keep their who, when and why; fixed findings leave it).
    Create(BaselineCreateArgs),
}

#[derive(clap::Args)]
struct BaselineCreateArgs {
    /// The baseline file to write (JSON; commit it).
    file: PathBuf,
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Why these findings are accepted (edit entries by hand for their own reasons).
    #[arg(
        long,
        default_value = "accepted when piitrace was adopted; to be reviewed"
    )]
    reason: String,
    /// Who accepts them (default: git's user.name, else $USER).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    settings: ScanSettings,
}

/// Where lowered files and last results are kept between scans.
#[derive(clap::Args)]
struct CacheArgs {
    /// Keep each file's parsed IR in DIR so that unchanged files are not parsed
    /// again, and the last result of each scanned directory, returned as it is when
    /// nothing changed (default: $PIITRACE_CACHE_DIR, else the platform's cache
    /// directory, e.g. ~/.cache/piitrace). Safe to delete at any time.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Parse every file; neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
}

impl CacheArgs {
    fn dir(&self) -> Option<PathBuf> {
        match self.no_cache {
            true => None,
            false => self.cache_dir.clone().or_else(IrCache::default_dir),
        }
    }
}

#[derive(clap::Args)]
struct ScanArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format; text on a terminal, SARIF otherwise. Under GitHub Actions
    /// (`GITHUB_ACTIONS=true`) with `--output`, annotations also go to stdout.
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    common: CommonArgs,
    /// Exit with 1 when a finding at or above this level is reported.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Never draw a progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Report only findings that are new relative to this git revision (the base
    /// branch of a pull request): the same paths are scanned as they are there.
    #[arg(long, value_name = "REF")]
    diff_base: Option<String>,
    /// With --diff-base: keep only findings on lines the change adds or rewrites
    /// (for bots that annotate a diff).
    #[arg(long, requires = "diff_base")]
    changed_lines_only: bool,
    /// Report the findings a baseline file (`piitrace baseline create`) accepts as
    /// suppressed, with its who and why, instead of as problems.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(clap::Args)]
struct InventoryArgs {
    /// The app's directory.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: InventoryFormat,
    #[command(flatten)]
    common: CommonArgs,
}

/// Options every command that scans takes.
#[derive(clap::Args)]
struct CommonArgs {
    /// Write the result to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    settings: ScanSettings,
}

/// How a command that scans does it.
#[derive(clap::Args)]
struct ScanSettings {
    /// Configuration file (default: piitrace.toml in the first scanned directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    cache: CacheArgs,
}

impl ScanSettings {
    /// The options of a scan of `paths` with these settings (the configuration file
    /// given, or the one found in `paths`).
    fn options(&self, paths: Vec<PathBuf>, progress: bool) -> anyhow::Result<ScanOptions> {
        Ok(ScanOptions {
            config: load_config(self.config.as_ref(), &paths)?,
            paths,
            jobs: self.jobs,
            progress,
            cache: self.cache.dir(),
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum InventoryFormat {
    Md,
    Html,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Sarif,
    Json,
    /// reviewdog's Diagnostic Format.
    Rdjson,
    /// GitLab SAST report.
    Gitlab,
    /// JUnit XML, for CI dashboards.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Note,
    Warning,
    Error,
    Never,
}

/// Exit code of a scan that found nothing to fail on but skipped files for their
/// budget: a green run would claim more than was checked.
const SCAN_INCOMPLETE: u8 = 3;

fn main() -> ExitCode {
    // SAFETY: first thing, before any parser exists.
    unsafe { piitrace::frontend::parse_with_mimalloc() };
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let done = Ok(ExitCode::SUCCESS);
    let outcome: anyhow::Result<ExitCode> = match cli.command {
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", rules::markdown_table());
            } else {
                print_rules();
            }
            done
        }
        Command::Explain { rule } => match rules::rule(&rule) {
            Some(r) => {
                print!("{}", r.explain());
                done
            }
            None => Err(anyhow::anyhow!(
                "no rule `{rule}`; `piitrace rules` lists them"
            )),
        },
        Command::Lsp { .. } => piitrace::lsp::run()
            .map(ExitCode::from)
            .map_err(|e| e.context("lsp")),
        Command::Init { path, force } => run_init(&path, force).and(done),
        Command::Inventory(args) => run_inventory(args).and(done),
        Command::Baseline(BaselineCommand::Create(args)) => run_baseline_create(args).and(done),
        Command::Batch(args) => run_batch(args),
        Command::Merge { dirs, out } => piitrace::batch::merge(&dirs, &out).map(|n| {
            eprintln!(
                "piitrace: merged {n} app(s) into {}",
                out.join("report.html").display()
            );
            ExitCode::SUCCESS
        }),
        Command::BatchWorker { repo, out } => run_batch_worker(&repo, &out).and(done),
        Command::Scan(args) => run_scan(args),
    };
    // One way to fail: the message on stderr and exit code 2 (usage or I/O error).
    outcome.unwrap_or_else(|e| {
        eprintln!("piitrace: error: {e:#}");
        ExitCode::from(2)
    })
}

fn print_rules() {
    for r in rules::registry() {
        let status = if r.is_implemented() { "" } else { " (planned)" };
        println!(
            "{:<6} {:<28} {:<8} {}{status}",
            r.id,
            r.name,
            r.level.as_str(),
            r.summary
        );
    }
}

/// The configuration: the one given, or `piitrace.toml` in the first scanned
/// directory when there is one.
fn load_config(given: Option<&PathBuf>, paths: &[PathBuf]) -> anyhow::Result<Config> {
    match given.cloned().or_else(|| Config::find(paths)) {
        Some(p) => Config::load(&p),
        None => Ok(Config::default()),
    }
}

/// The notifications that need the user's attention (skipped files, languages not
/// read), on stderr.
fn warn(result: &piitrace::scan::ScanResult) {
    for n in output::notifications(result) {
        if n.level == "warning" {
            eprintln!("piitrace: {}", n.message);
        }
    }
}

/// Writes to FILE, or to standard output (a closed pipe is not an error).
fn emit(output: Option<&PathBuf>, rendered: &str) -> anyhow::Result<()> {
    match output {
        Some(path) => std::fs::write(path, rendered)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(rendered.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            }
        }
    }
}

fn run_init(path: &std::path::Path, force: bool) -> anyhow::Result<()> {
    if !path.is_dir() {
        anyhow::bail!("{}: not a directory", path.display());
    }
    let target = path.join("piitrace.toml");
    // Knowledge extensions of an existing file still apply; its declaration does not.
    let mut config = match target.is_file() {
        true if !force => anyhow::bail!("{} exists; use --force to replace it", target.display()),
        true => Config::load(&target)?,
        false => Config::default(),
    };
    config.forget_declaration();
    let result = scan(ScanOptions {
        paths: vec![path.to_path_buf()],
        jobs: None,
        config,
        progress: std::io::stderr().is_terminal(),
        cache: IrCache::default_dir(),
    })?;
    let text = piitrace::init::declaration_text(&result);
    std::fs::write(&target, &text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", target.display()))?;
    eprintln!(
        "piitrace: wrote {} ({} categories under TODO, {} third parties): give each category its purpose",
        target.display(),
        result.inventory.collected.len(),
        result.inventory.shared.len()
    );
    Ok(())
}

fn run_inventory(args: InventoryArgs) -> anyhow::Result<()> {
    let result = scan(
        args.common
            .settings
            .options(vec![args.path.clone()], std::io::stderr().is_terminal())?,
    )?;
    warn(&result);
    let inv = &result.inventory;
    let rendered = match args.format {
        InventoryFormat::Md => output::inventory::markdown(inv),
        InventoryFormat::Html => output::inventory::html(inv),
        InventoryFormat::Json => {
            serde_json::to_string_pretty(&output::inventory::json(inv))? + "\n"
        }
        InventoryFormat::Csv => output::inventory::csv(inv),
    };
    emit(args.common.output.as_ref(), &rendered)
}

fn run_batch(args: BatchArgs) -> anyhow::Result<ExitCode> {
    let mut repos = piitrace::batch::read_input(&args.input)?;
    let total = repos.len();
    if let Some(shard) = args.shard {
        repos.retain(|r| shard.owns(r));
        eprintln!(
            "piitrace: shard {}/{}: {} of {total} repositories",
            shard.index,
            shard.count,
            repos.len()
        );
    }
    let worker = std::env::current_exe()
        .map_err(|e| anyhow::anyhow!("cannot find the piitrace executable: {e}"))?;
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let outcome = piitrace::batch::run(
        &repos,
        &piitrace::batch::Options {
            out: args.out.clone(),
            jobs,
            force: args.force,
            repo_timeout: args.repo_timeout.map(std::time::Duration::from_secs),
            worker,
            progress: std::io::stderr().is_terminal() && !args.no_progress,
        },
    )?;
    eprintln!(
        "piitrace: {} scanned, {} already done, {} failed; report: {}",
        outcome.scanned,
        outcome.skipped_done,
        outcome.failed.len(),
        args.out.join("report.html").display()
    );
    for (key, error) in &outcome.failed {
        eprintln!("piitrace: failed: {key}: {error}");
    }
    Ok(if outcome.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One repository of a batch: its SARIF report, inventory and facts, into `out`.
fn run_batch_worker(repo: &std::path::Path, out: &std::path::Path) -> anyhow::Result<()> {
    let paths = vec![repo.to_path_buf()];
    let config = load_config(None, &paths)?;
    let result = scan(ScanOptions {
        paths,
        jobs: Some(1),
        config,
        progress: false,
        cache: IrCache::default_dir(),
    })?;
    let write = |name: &str, text: String| {
        std::fs::write(out.join(name), text)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.join(name).display()))
    };
    write(
        "report.sarif",
        serde_json::to_string_pretty(&output::sarif::render(&result))? + "\n",
    )?;
    write(
        "inventory.json",
        serde_json::to_string_pretty(&output::inventory::json(&result.inventory))? + "\n",
    )?;
    write("inventory.html", output::inventory::html(&result.inventory))?;
    write(
        "facts.json",
        serde_json::to_string_pretty(&piitrace::batch::Facts::of(&result))? + "\n",
    )
}

fn run_baseline_create(args: BaselineCreateArgs) -> anyhow::Result<()> {
    use piitrace::baseline::{today, Acceptance, Baseline};
    let options = args
        .settings
        .options(args.paths.clone(), std::io::stderr().is_terminal())?;
    let previous = match args.file.is_file() {
        true => Some(Baseline::load(&args.file)?),
        false => None,
    };
    let result = scan(options)?;
    warn(&result);
    let by = args
        .by
        .or_else(|| git_user_name(&args.paths))
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".to_string());
    let acceptance = Acceptance {
        by,
        reason: args.reason,
        on: today(),
    };
    let baseline = Baseline::create(&result, previous.as_ref(), &acceptance);
    std::fs::write(&args.file, baseline.to_json()?)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", args.file.display()))?;
    let kept = previous.as_ref().map_or(0, |p| {
        baseline
            .entries
            .iter()
            .filter(|e| p.entries.iter().any(|o| o.fingerprint == e.fingerprint))
            .count()
    });
    eprintln!(
        "piitrace: wrote {} ({} accepted finding(s): {} new, {} kept)",
        args.file.display(),
        baseline.entries.len(),
        baseline.entries.len() - kept,
        kept
    );
    Ok(())
}

/// `git config user.name` in the first scanned path, when git knows one.
fn git_user_name(paths: &[PathBuf]) -> Option<String> {
    let first = paths.first()?;
    let dir = if first.is_dir() {
        first.as_path()
    } else {
        first.parent()?
    };
    let out = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .output()
        .ok()?;
    let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

fn run_scan(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let stderr_tty = std::io::stderr().is_terminal();
    let settings = &args.common.settings;
    let mut result = scan(settings.options(args.paths.clone(), stderr_tty && !args.no_progress)?)?;
    if let Some(rev) = &args.diff_base {
        let base = piitrace::diffbase::checkout(&args.paths, rev)?;
        let existing: Vec<PathBuf> = base.paths.iter().filter(|p| p.exists()).cloned().collect();
        let known: std::collections::HashSet<String> = if existing.is_empty() {
            Default::default()
        } else {
            // The base's own declaration and knowledge, as the base branch had them.
            scan(settings.options(existing, false)?)?
                .findings
                .into_iter()
                .map(|f| f.fingerprint)
                .collect()
        };
        result.findings.retain(|f| !known.contains(&f.fingerprint));
        if args.changed_lines_only {
            let changed = piitrace::diffbase::changed_lines(&args.paths, rev)?;
            let root = result.root.clone();
            let files = &result.files;
            result.findings.retain(|f| {
                let Some(file) = piitrace::scan::file_by_id(files, f.span.file) else {
                    return false;
                };
                let path = std::fs::canonicalize(root.join(&file.rel)).unwrap_or_default();
                let line = f.span.start.line as usize + 1;
                changed
                    .get(&path)
                    .is_some_and(|ranges| ranges.iter().any(|&(a, b)| a <= line && line <= b))
            });
        }
    }
    if let Some(path) = &args.baseline {
        piitrace::baseline::Baseline::load(path)?.apply(&mut result);
    }
    warn(&result);
    let to_terminal = args.common.output.is_none() && std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if to_terminal {
        Format::Text
    } else {
        Format::Sarif
    });
    let rendered = match format {
        Format::Text => output::text::render(&result, to_terminal),
        Format::Sarif => serde_json::to_string_pretty(&output::sarif::render(&result))? + "\n",
        Format::Json => serde_json::to_string_pretty(&output::json::render(&result))? + "\n",
        Format::Rdjson => serde_json::to_string_pretty(&output::review::rdjson(&result))? + "\n",
        Format::Gitlab => serde_json::to_string_pretty(&output::review::gitlab(&result))? + "\n",
        Format::Junit => output::review::junit(&result),
        Format::Github => output::review::github(&result),
    };
    // In a GitHub Actions job writing its report to a file, also annotate the diff.
    if args.common.output.is_some()
        && std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
        && !matches!(format, Format::Github)
    {
        print!("{}", output::review::github(&result));
    }
    emit(args.common.output.as_ref(), &rendered)?;
    let threshold = match args.fail_on {
        FailOn::Note => Some(Level::Note),
        FailOn::Warning => Some(Level::Warning),
        FailOn::Error => Some(Level::Error),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| {
        result
            .findings
            .iter()
            .any(|f| f.suppression.is_none() && f.level >= t)
    });
    let incomplete = result.skipped_for_budget();
    if incomplete > 0 {
        eprintln!(
            "piitrace: the scan is incomplete: {incomplete} file(s) skipped for exceeding their time or nesting budget"
        );
    }
    Ok(if failed {
        ExitCode::from(1)
    } else if incomplete > 0 && threshold.is_some() {
        ExitCode::from(SCAN_INCOMPLETE)
    } else {
        ExitCode::SUCCESS
    })
}
