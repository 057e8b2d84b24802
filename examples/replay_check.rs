//! Checks on a real workspace what `tests/project.rs` checks on the corpus: after an
//! edit, the language server's resumed analysis finds what an analysis from scratch
//! of the edited files finds. For N files spread over the workspace, deletes a line
//! with a call, analyses (resuming), compares with a fresh project, and undoes the
//! edit. Prints the differences (rule, place, category) and a tally.
//!
//! cargo run --release --example replay_check -- DIR [N]

use std::path::{Path, PathBuf};

use piitrace::config::Config;
use piitrace::scan::{Project, ScanOptions, ScanResult};

fn options(dir: &Path) -> ScanOptions {
    ScanOptions {
        paths: vec![dir.to_path_buf()],
        jobs: None,
        config: Config::default(),
        progress: false,
        cache: None,
    }
}

/// Each finding's rule, place and category, sorted (as in tests/project.rs).
fn described(r: &ScanResult) -> Vec<String> {
    let mut out: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            let file = r.files.iter().find(|s| s.id == f.span.file);
            format!(
                "{} {}:{}:{} {}",
                f.rule.id,
                file.map_or("?", |s| s.rel.as_str()),
                f.span.start.line + 1,
                f.span.start.col + 1,
                f.category.as_deref().unwrap_or("")
            )
        })
        .collect();
    out.sort();
    out
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or(".", String::as_str));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let mut project = Project::load(options(&dir))?;
    project.analyse();
    let sources: Vec<(PathBuf, String)> = project
        .files
        .iter()
        .filter(|f| f.is_source())
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let step = (sources.len() / n.max(1)).max(1);
    let (mut same, mut differ, mut resumed) = (0, 0, 0);
    for (path, text) in sources.iter().step_by(step).take(n) {
        let lines: Vec<&str> = text.lines().collect();
        let middle = lines.len() / 2;
        let call = (middle..lines.len()).chain(0..middle).find(|&i| {
            let t = lines[i].trim();
            t.ends_with(");") && t.contains('.') && !t.starts_with("import")
        });
        let mut edited_lines = lines.clone();
        if let Some(i) = call.or((!lines.is_empty()).then_some(middle)) {
            edited_lines.remove(i);
        }
        let edited = edited_lines.join("\n") + "\n";
        let _ = project.update_source(path, edited.clone());
        let incremental = described(&project.analyse());
        resumed += usize::from(project.resumed());
        let mut fresh = Project::load(options(&dir))?;
        let _ = fresh.update_source(path, edited);
        let from_scratch = described(&fresh.analyse());
        if incremental == from_scratch {
            same += 1;
        } else {
            differ += 1;
            println!("after editing {}:", path.display());
            for x in incremental.iter().filter(|x| !from_scratch.contains(x)) {
                println!("  resumed only:      {x}");
            }
            for x in from_scratch.iter().filter(|x| !incremental.contains(x)) {
                println!("  from scratch only: {x}");
            }
        }
        let _ = project.update_source(path, text.clone());
        project.analyse();
    }
    println!("{same} edits the same, {differ} different; {resumed} resumed");
    Ok(())
}
