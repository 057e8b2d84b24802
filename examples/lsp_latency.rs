//! What the language server does after an edit, timed on a real workspace: one
//! file's text replaced (`Project::update_source`), the whole program analysed again
//! (`Project::analyse`), the editor's reports built (`lsp::report::build`). The
//! server waits `lsp::worker::DEBOUNCE` after the last keystroke before this starts.
//!
//! cargo run --release --example lsp_latency -- DIR [--edits N]
//! (PIITRACE_PROFILE=1 also prints the phases of every analysis.)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use piitrace::config::Config;
use piitrace::lsp::report;
use piitrace::scan::{Project, ScanOptions};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or(".", String::as_str));
    let edits: usize = args
        .iter()
        .position(|a| a == "--edits")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let paths = vec![dir];
    let config = match Config::find(&paths) {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    };
    let started = Instant::now();
    let mut project = Project::load(ScanOptions {
        paths,
        jobs: None,
        config,
        progress: false,
        cache: None,
    })?;
    let load = started.elapsed();
    let started = Instant::now();
    let first = project.analyse();
    let reports = report::build(&first);
    let first_analysis = started.elapsed();
    println!(
        "workspace: {} source files, {} lines; load (read, parse, lower) {:.0} ms; \
         first analysis {:.0} ms ({} findings in {} files)",
        first.source_file_count(),
        first.lines,
        ms(load),
        ms(first_analysis),
        first.findings.len(),
        reports.len()
    );

    // Files spread over the workspace, the same ones every run.
    let sources: Vec<(PathBuf, String, String)> = project
        .files
        .iter()
        .filter(|f| f.is_source())
        .map(|f| (f.path.clone(), f.rel.clone(), f.text.clone()))
        .collect();
    let step = (sources.len() / edits.max(1)).max(1);
    let mut totals = Vec::new();
    println!(
        "{:>8} {:>8} {:>8} {:>8}  file",
        "update", "analyse", "report", "total"
    );
    for (path, rel, text) in sources.iter().step_by(step).take(edits) {
        // A line typed in the middle of the file: everything below it moves.
        let lines: Vec<&str> = text.lines().collect();
        let middle = lines.len() / 2;
        let edited = [&lines[..middle], &["// edited"], &lines[middle..]]
            .concat()
            .join("\n");
        let t0 = Instant::now();
        let _ = project.update_source(path, edited);
        let t1 = Instant::now();
        let result = project.analyse();
        let t2 = Instant::now();
        let reports = report::build(&result);
        let t3 = Instant::now();
        std::hint::black_box(reports);
        println!(
            "{:>6.0}ms {:>6.0}ms {:>6.0}ms {:>6.0}ms  {rel}",
            ms(t1 - t0),
            ms(t2 - t1),
            ms(t3 - t2),
            ms(t3 - t0)
        );
        totals.push(ms(t3 - t0));
    }
    totals.sort_by(f64::total_cmp);
    println!(
        "re-analysis after an edit: median {:.0} ms, p90 {:.0} ms, min {:.0} ms, max {:.0} ms ({} edits)",
        percentile(&totals, 0.5),
        percentile(&totals, 0.9),
        totals.first().copied().unwrap_or(0.0),
        totals.last().copied().unwrap_or(0.0),
        totals.len()
    );
    Ok(())
}
