//! Output formats over a [`ScanResult`]: SARIF 2.1.0, our own JSON, and text.

pub mod json;
pub mod sarif;
pub mod text;

use crate::ir::Pos;
use crate::scan::ScanResult;
use crate::workspace::SourceFile;

/// A 1-based line and column, columns in UTF-16 code units (SARIF's default) or
/// in characters, from a 0-based byte position.
pub struct LineCol {
    pub line: usize,
    pub utf16_col: usize,
    pub char_col: usize,
}

pub fn line_col(file: Option<&SourceFile>, pos: Pos) -> LineCol {
    let text = file.map_or("", |f| f.line(pos.line));
    let prefix = text
        .get(..(pos.col as usize).min(text.len()))
        .unwrap_or(text);
    LineCol {
        line: pos.line as usize + 1,
        utf16_col: prefix.encode_utf16().count() + 1,
        char_col: prefix.chars().count() + 1,
    }
}

/// Notifications about files that were skipped or only partly analysed.
pub fn notifications(result: &ScanResult) -> Vec<(String, String, &'static str)> {
    let mut out = Vec::new();
    for s in &result.skipped {
        out.push((
            s.rel.clone(),
            format!("skipped {}: {}", s.rel, s.reason),
            "warning",
        ));
    }
    for p in &result.partial {
        out.push((
            p.rel.clone(),
            format!(
                "{} has syntax errors ({}% of it); the rest was analysed",
                p.rel, p.error_share
            ),
            "note",
        ));
    }
    for (language, count) in &result.unsupported {
        out.push((
            String::new(),
            format!("{count} {language} file(s) were not analysed: this version of piitrace reads Java only"),
            "warning",
        ));
    }
    for e in &result.walk_errors {
        out.push((String::new(), format!("could not walk: {e}"), "warning"));
    }
    out
}
