//! The floor a scan cannot beat: discover and parse every Java file with
//! tree-sitter, nothing else. `scripts/bench` compares whole scans against it.
//!
//! cargo run --release --example parse_only -- DIR [--jobs N]

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut jobs = 0usize;
    while let Some(a) = args.next() {
        if a == "--jobs" {
            jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: parse_only DIR [--jobs N]");
        std::process::exit(2);
    };
    let started = Instant::now();
    let root = piitrace::workspace::scan_root(std::slice::from_ref(&dir));
    let files = piitrace::workspace::discover(&[dir], &root).candidates;
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot start threads: {e}");
            std::process::exit(2);
        }
    };
    let (lines, errors) = pool.install(|| {
        files
            .par_iter()
            .filter(|c| c.rel.ends_with(".java"))
            .map_init(
                || {
                    let mut p = tree_sitter::Parser::new();
                    let ok = p
                        .set_language(&piitrace::frontend::java::language())
                        .is_ok();
                    (p, ok)
                },
                |(parser, ok), c| {
                    let Ok(text) = std::fs::read_to_string(&c.path) else {
                        return (0, 1);
                    };
                    let tree = if *ok { parser.parse(&text, None) } else { None };
                    let lines = text.lines().count();
                    (
                        lines,
                        usize::from(tree.is_none_or(|t| t.root_node().has_error())),
                    )
                },
            )
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "parse-only: {} files, {lines} lines, {errors} with errors, {secs:.3}s, {:.0} lines/s",
        files.len(),
        lines as f64 / secs
    );
}
