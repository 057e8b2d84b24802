//! Front-ends: one per language, each lowering a source file into the IR.

pub mod gradle;
pub mod java;
pub mod kotlin;
pub mod manifest;
pub mod rust;

use std::cell::RefCell;

use crate::ir::{FileId, Language, Module};
use crate::workspace::SkipReason;

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
    match language {
        Language::Java => JAVA_PARSER.with(|cell| {
            with_tree_sitter(cell, java::language(), text, |tree| {
                java::lower(file, text, tree)
            })
        }),
        Language::Kotlin => KOTLIN_PARSER.with(|cell| {
            with_tree_sitter(cell, kotlin::language(), text, |tree| {
                kotlin::lower(file, text, tree)
            })
        }),
        Language::Rust => rust::lower(file, rel, text).map(|module| Lowered {
            module,
            error_share: 0,
        }),
    }
}

/// Parses `text` with this thread's parser for `language` (created on first use)
/// and lowers the tree, unless too much of it is syntax errors.
fn with_tree_sitter(
    cell: &RefCell<Option<tree_sitter::Parser>>,
    language: tree_sitter::Language,
    text: &str,
    lower: impl FnOnce(&tree_sitter::Tree) -> Module,
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
    let tree = parser
        .parse(text, None)
        .ok_or(SkipReason::ParseFailed { error_share: 100 })?;
    let error_share = error_share(tree.root_node(), text.len());
    if error_share > MAX_ERROR_SHARE {
        return Err(SkipReason::ParseFailed { error_share });
    }
    Ok(Lowered {
        module: lower(&tree),
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
