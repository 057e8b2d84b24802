//! The floor a scan cannot beat: discover and parse every source file (Java and
//! Kotlin with tree-sitter, Rust with syn), nothing else. `scripts/bench` compares
//! whole scans against it. Also prints, per language, the share of files whose tree
//! has syntax errors and the share of bytes inside them.
//!
//! With `--query`, also runs one tree-sitter query over each whole tree (every call
//! site): issue 9's floor, "walking, parsing and one tree-sitter query".
//!
//! cargo run --release --example parse_only -- DIR [--jobs N] [--query]

use std::path::PathBuf;
use std::time::Instant;

use piitrace::ir::Language;
use piitrace::workspace::FileKind;
use rayon::prelude::*;

#[derive(Default, Clone, Copy)]
struct Tally {
    files: usize,
    lines: usize,
    bytes: usize,
    files_with_errors: usize,
    error_bytes: usize,
}

impl Tally {
    fn add(mut self, o: Tally) -> Tally {
        self.files += o.files;
        self.lines += o.lines;
        self.bytes += o.bytes;
        self.files_with_errors += o.files_with_errors;
        self.error_bytes += o.error_bytes;
        self
    }
}

const LANGUAGES: [Language; 3] = [Language::Java, Language::Kotlin, Language::Rust];

/// The allocator the scan uses, so that the floor is measured like the scan.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // SAFETY: first thing, before any parser exists (as the scan does).
    unsafe { piitrace::frontend::parse_with_mimalloc() };
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut jobs = 0usize;
    let mut query = false;
    while let Some(a) = args.next() {
        if a == "--query" {
            query = true;
        } else if a == "--jobs" {
            jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: parse_only DIR [--jobs N] [--query]");
        std::process::exit(2);
    };
    let started = Instant::now();
    let root = piitrace::workspace::scan_root(std::slice::from_ref(&dir));
    let files = piitrace::workspace::discover(&[dir], &root, jobs).candidates;
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot start threads: {e}");
            std::process::exit(2);
        }
    };
    let tallies: [Tally; 3] = pool.install(|| {
        files
            .par_iter()
            .filter_map(|c| match c.kind {
                FileKind::Source(lang) => Some((c, lang)),
                FileKind::BuildFile | FileKind::Manifest => None,
            })
            .map_init(
                || Parsers::new(query),
                |parsers, (c, lang)| {
                    let mut out = [Tally::default(); 3];
                    let Ok(text) = std::fs::read_to_string(&c.path) else {
                        return out;
                    };
                    let slot = LANGUAGES.iter().position(|l| *l == lang).unwrap_or(0);
                    let error_bytes = parsers.error_bytes(lang, &text);
                    out[slot] = Tally {
                        files: 1,
                        lines: text.lines().count(),
                        bytes: text.len(),
                        files_with_errors: usize::from(error_bytes > 0),
                        error_bytes,
                    };
                    out
                },
            )
            .reduce(
                || [Tally::default(); 3],
                |a, b| [a[0].add(b[0]), a[1].add(b[1]), a[2].add(b[2])],
            )
    });
    let secs = started.elapsed().as_secs_f64();
    let total = tallies.iter().fold(Tally::default(), |a, b| a.add(*b));
    println!(
        "parse-only: {} files, {} lines, {} with errors, {secs:.3}s, {:.0} lines/s",
        total.files,
        total.lines,
        total.files_with_errors,
        total.lines as f64 / secs
    );
    for (lang, t) in LANGUAGES.iter().zip(tallies) {
        if t.files == 0 {
            continue;
        }
        println!(
            "  {lang}: {} files, {} lines, {:.2}% of files with syntax errors, {:.3}% of bytes inside them",
            t.files,
            t.lines,
            100.0 * t.files_with_errors as f64 / t.files as f64,
            100.0 * t.error_bytes as f64 / t.bytes.max(1) as f64
        );
    }
}

struct Parsers {
    java: Option<tree_sitter::Parser>,
    kotlin: Option<tree_sitter::Parser>,
    /// The call-site queries, when one is to run over each tree.
    queries: Option<(tree_sitter::Query, tree_sitter::Query)>,
    matched: usize,
}

impl Parsers {
    fn new(query: bool) -> Parsers {
        let make = |lang: tree_sitter::Language| {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&lang).ok().map(|_| p)
        };
        let java = piitrace::frontend::java::language();
        let kotlin = piitrace::frontend::kotlin::language();
        let queries = query.then(|| {
            let j = tree_sitter::Query::new(
                &java,
                "(method_invocation) @c (object_creation_expression) @c",
            );
            let k = tree_sitter::Query::new(&kotlin, "(call_expression) @c");
            j.ok().zip(k.ok())
        });
        Parsers {
            java: make(java),
            kotlin: make(kotlin),
            queries: queries.flatten(),
            matched: 0,
        }
    }

    /// Bytes inside syntax errors (the whole file when it does not parse at all).
    fn error_bytes(&mut self, lang: Language, text: &str) -> usize {
        let parser = match lang {
            Language::Java => self.java.as_mut(),
            Language::Kotlin => self.kotlin.as_mut(),
            Language::Rust => {
                return if syn::parse_file(text).is_ok() {
                    0
                } else {
                    text.len()
                };
            }
        };
        let Some(tree) = parser.and_then(|p| p.parse(text, None)) else {
            return text.len();
        };
        let root = tree.root_node();
        if let Some((java, kotlin)) = &self.queries {
            use tree_sitter::StreamingIterator;
            let q = if lang == Language::Java { java } else { kotlin };
            let mut cursor = tree_sitter::QueryCursor::new();
            let mut matches = cursor.matches(q, root, text.as_bytes());
            while matches.next().is_some() {
                self.matched += 1;
            }
        }
        if !root.has_error() {
            return 0;
        }
        let mut bytes = 0;
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            if n.is_error() || n.is_missing() {
                bytes += (n.end_byte() - n.start_byte()).max(1);
                continue;
            }
            if n.has_error() {
                let mut c = n.walk();
                stack.extend(n.children(&mut c));
            }
        }
        bytes.max(1)
    }
}
