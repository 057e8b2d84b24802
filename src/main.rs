//! piitrace: traces personal information through app source code and reports what
//! breaks privacy law, as SARIF, JSON or text.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use piitrace::config::Config;
use piitrace::output;
use piitrace::rules::{self, Level};
use piitrace::scan::{scan, ScanOptions};

#[derive(Parser)]
#[command(
    name = "piitrace",
    version,
    about = "Traces personal information through app source code and reports privacy-law problems",
    long_about = "piitrace reads the source of an app (Java today), finds where personal \
information is collected and where it is sent (network, third-party SDKs, logs, storage, \
other apps), and reports what breaks privacy law (China's PIPL, GDPR) as SARIF 2.1.0, JSON \
or text.\n\nExit codes: 0 nothing at or above --fail-on was found, 1 something was, 2 usage \
or I/O error."
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
    /// Run the language server (LSP over stdin/stdout) for editors: findings as
    /// diagnostics while you type, hover explanations, suppression quick fixes.
    Lsp {
        /// Accepted for editors that name the transport: stdio is the only one.
        #[arg(long, hide = true)]
        stdio: bool,
    },
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
    /// Configuration file (default: piitrace.toml in the first scanned directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
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

fn main() -> ExitCode {
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
    match cli.command {
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", rules::markdown_table());
            } else {
                print_rules();
            }
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::rule(&rule) {
            Some(r) => {
                print!("{}", r.explain());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("piitrace: no rule `{rule}`; `piitrace rules` lists them");
                ExitCode::from(2)
            }
        },
        Command::Lsp { .. } => match piitrace::lsp::run() {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("piitrace lsp: error: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Init { path, force } => match run_init(&path, force) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("piitrace: error: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Inventory(args) => match run_inventory(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("piitrace: error: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Scan(args) => match run_scan(args) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("piitrace: error: {e:#}");
                ExitCode::from(2)
            }
        },
    }
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
    config.declaration = Default::default();
    let result = scan(ScanOptions {
        paths: vec![path.to_path_buf()],
        jobs: None,
        config,
        progress: std::io::stderr().is_terminal(),
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
    let paths = vec![args.path.clone()];
    let config = load_config(args.common.config.as_ref(), &paths)?;
    let result = scan(ScanOptions {
        paths,
        jobs: args.common.jobs,
        config,
        progress: std::io::stderr().is_terminal(),
    })?;
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

fn run_scan(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(args.common.config.as_ref(), &args.paths)?;
    let stderr_tty = std::io::stderr().is_terminal();
    let mut result = scan(ScanOptions {
        paths: args.paths.clone(),
        jobs: args.common.jobs,
        config,
        progress: stderr_tty && !args.no_progress,
    })?;
    if let Some(rev) = &args.diff_base {
        let base = piitrace::diffbase::checkout(&args.paths, rev)?;
        let existing: Vec<PathBuf> = base.paths.iter().filter(|p| p.exists()).cloned().collect();
        let known: std::collections::HashSet<String> = if existing.is_empty() {
            Default::default()
        } else {
            // The base's own declaration and knowledge, as the base branch had them.
            let config = load_config(args.common.config.as_ref(), &existing)?;
            scan(ScanOptions {
                paths: existing,
                jobs: args.common.jobs,
                config,
                progress: false,
            })?
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
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
