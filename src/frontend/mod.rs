//! Front-ends: one per language, each lowering a source file into the IR.

pub mod gradle;
pub mod java;
pub mod kotlin;
pub mod manifest;
pub mod rust;

mod nesting;

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use crate::ir::{FileId, Language, Module};
use crate::workspace::SkipReason;

/// Files that nest deeper than this are skipped: the front-ends, the analyses and
/// the cache walk the IR recursively, and real code stays far below (levels of
/// statements and expressions for Java and Kotlin, counted as they are lowered;
/// [`nesting::rust_nesting`] for Rust).
pub const MAX_NESTING: usize = 1000;

/// How deep a front-end's lowering of statements and expressions nests, and whether
/// it went past [`MAX_NESTING`] (the file is then skipped).
#[derive(Debug, Default)]
pub(crate) struct Nesting {
    depth: usize,
    pub(crate) too_deep: bool,
}

impl Nesting {
    /// One level deeper, unless that would pass the limit (then nothing is entered).
    pub(crate) fn enter(&mut self) -> bool {
        if self.depth >= MAX_NESTING {
            self.too_deep = true;
            return false;
        }
        self.depth += 1;
        true
    }

    /// Back out of a level [`Nesting::enter`] entered.
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }
}

/// The stack a file's lowering may use, whatever thread it runs on: enough for
/// [`MAX_NESTING`] levels in a debug build. Only the pages touched are committed.
pub const STACK_NEEDED: usize = 64 * 1024 * 1024;
/// The stack given to the scan's worker threads (and to `f` in [`with_deep_stack`]
/// when the thread's own is short): reserved, not committed, so that lowering a file
/// does not map and unmap a fresh stack each time.
pub const STACK_GROWN: usize = 256 * 1024 * 1024;

/// Runs `f` with at least [`STACK_NEEDED`] bytes of stack.
pub fn with_deep_stack<T>(f: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(STACK_NEEDED, STACK_GROWN, f)
}

/// Files where more than this share of the bytes sits inside syntax errors are
/// skipped: what is left is too broken to say anything reliable about.
const MAX_ERROR_SHARE: u32 = 30;

/// A lowered file, and how much of it the parser had to recover from.
pub struct Lowered {
    pub module: Module,
    /// Percentage of bytes inside ERROR or MISSING nodes (0 when it parsed cleanly).
    pub error_share: u32,
}

thread_local! {
    static JAVA_PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
    static KOTLIN_PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
}

/// Parses and lowers one file; `rel` is its path relative to the scan root.
pub fn lower(
    file: FileId,
    language: Language,
    rel: &str,
    text: &str,
) -> Result<Lowered, SkipReason> {
    lower_within(file, language, rel, text, None)
}

/// [`lower`], giving up on a file whose parse and lowering take longer than
/// `time_limit` ([`SkipReason::TimedOut`]). Tree-sitter's parse stops as soon as
/// the time is up; syn's cannot be interrupted, so a Rust file over the limit is
/// skipped when its lowering ends.
pub fn lower_within(
    file: FileId,
    language: Language,
    rel: &str,
    text: &str,
    time_limit: Option<Duration>,
) -> Result<Lowered, SkipReason> {
    let budget = Budget {
        started: Instant::now(),
        limit: time_limit,
    };
    let lowered = with_deep_stack(|| match language {
        Language::Java => JAVA_PARSER.with(|cell| {
            with_tree_sitter(cell, java::language(), text, &budget, |tree| {
                java::lower(file, text, tree)
            })
        }),
        Language::Kotlin => KOTLIN_PARSER.with(|cell| {
            with_tree_sitter(cell, kotlin::language(), text, &budget, |tree| {
                kotlin::lower(file, text, tree)
            })
        }),
        Language::Rust => {
            if nesting::rust_nesting(text) > MAX_NESTING {
                return Err(SkipReason::TooDeep { limit: MAX_NESTING });
            }
            rust::lower(file, rel, text).map(|module| Lowered {
                module,
                error_share: 0,
            })
        }
    })?;
    budget.check()?;
    Ok(lowered)
}

/// The time one file may take.
struct Budget {
    started: Instant,
    limit: Option<Duration>,
}

impl Budget {
    fn exceeded(&self) -> bool {
        self.limit.is_some_and(|l| self.started.elapsed() > l)
    }

    fn check(&self) -> Result<(), SkipReason> {
        match self.limit {
            Some(limit) if self.exceeded() => Err(SkipReason::TimedOut {
                limit_ms: limit.as_millis() as u64,
            }),
            _ => Ok(()),
        }
    }
}

/// Parses `text` with this thread's parser for `language` (created on first use)
/// and lowers the tree, unless too much of it is syntax errors, it nests too deep
/// or the time is up.
fn with_tree_sitter(
    cell: &RefCell<Option<tree_sitter::Parser>>,
    language: tree_sitter::Language,
    text: &str,
    budget: &Budget,
    lower: impl FnOnce(&tree_sitter::Tree) -> Option<Module>,
) -> Result<Lowered, SkipReason> {
    let mut slot = cell.borrow_mut();
    if slot.is_none() {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&language)
            .map_err(|_| SkipReason::ParseFailed { error_share: 100 })?;
        *slot = Some(p);
    }
    let parser = slot
        .as_mut()
        .ok_or(SkipReason::ParseFailed { error_share: 100 })?;
    let parsed = match budget.limit {
        None => parser.parse(text, None),
        Some(_) => {
            let bytes = text.as_bytes();
            let mut read =
                |offset: usize, _: tree_sitter::Point| bytes.get(offset..).unwrap_or_default();
            let mut stop_when_over_budget = |_: &tree_sitter::ParseState| match budget.exceeded() {
                true => ControlFlow::Break(()),
                false => ControlFlow::Continue(()),
            };
            let options =
                tree_sitter::ParseOptions::new().progress_callback(&mut stop_when_over_budget);
            parser.parse_with_options(&mut read, None, Some(options))
        }
    };
    if parsed.is_none() {
        // A parse stopped half-way would otherwise resume on the next file.
        parser.reset();
    }
    budget.check()?;
    let tree = parsed.ok_or(SkipReason::ParseFailed { error_share: 100 })?;
    let error_share = error_share(tree.root_node(), text.len());
    if error_share > MAX_ERROR_SHARE {
        return Err(SkipReason::ParseFailed { error_share });
    }
    // The front-end stops where statements and expressions nest too deep (the
    // analyses and the cache walk the IR recursively).
    let module = lower(&tree).ok_or(SkipReason::TooDeep { limit: MAX_NESTING })?;
    Ok(Lowered {
        module,
        error_share,
    })
}

/// Share (percent, rounded up) of the file's bytes inside error nodes.
fn error_share(root: tree_sitter::Node, len: usize) -> u32 {
    if !root.has_error() || len == 0 {
        return 0;
    }
    let mut bytes = 0usize;
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            bytes += n.end_byte() - n.start_byte();
            continue;
        }
        if n.has_error() {
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
    }
    ((bytes * 100).div_ceil(len)).max(1) as u32
}

/// Has tree-sitter's C core allocate with mimalloc, the program's allocator, instead
/// of the C library's `malloc`: parsing allocates and frees a stack node or a subtree
/// per token, and mimalloc's per-thread heaps serve those faster (a few percent of a
/// scan).
///
/// # Safety
///
/// Call it first thing in `main`, before any tree-sitter call: trees made before it
/// would be freed by the wrong allocator.
pub unsafe fn parse_with_mimalloc() {
    use libmimalloc_sys as mi;
    use std::ffi::c_void;
    // tree-sitter takes allocators that never return null (its own aborts), so do these.
    unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
        non_null(unsafe { mi::mi_malloc(size) }, size)
    }
    unsafe extern "C" fn calloc(n: usize, size: usize) -> *mut c_void {
        non_null(unsafe { mi::mi_calloc(n, size) }, n.saturating_mul(size))
    }
    unsafe extern "C" fn realloc(p: *mut c_void, size: usize) -> *mut c_void {
        non_null(unsafe { mi::mi_realloc(p, size) }, size)
    }
    unsafe extern "C" fn free(p: *mut c_void) {
        unsafe { mi::mi_free(p) }
    }
    fn non_null(p: *mut c_void, size: usize) -> *mut c_void {
        if p.is_null() && size > 0 {
            eprintln!("piitrace: out of memory (parser asked for {size} bytes)");
            std::process::abort();
        }
        p
    }
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc,
            calloc,
            realloc,
            free,
        }))
    };
}
