//! Output formats over a [`ScanResult`]: SARIF 2.1.0, our own JSON, and text.

pub mod html;
pub mod inventory;
pub mod json;
pub mod portfolio;
pub mod review;
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

/// Text escaped for HTML and XML content and attribute values.
pub fn escape_markup(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Something the user should know about how complete a scan is.
pub struct Notification {
    /// The file concerned, relative to the root (empty when none).
    pub file: String,
    pub message: String,
    /// `warning` or `note`.
    pub level: &'static str,
    /// A stable identifier of the kind of notification (SARIF `descriptor.id`).
    pub id: &'static str,
}

/// Notifications about files that were skipped or only partly analysed, languages
/// not read, and flows left out.
pub fn notifications(result: &ScanResult) -> Vec<Notification> {
    let mut out = Vec::new();
    let mut push = |file: String, message: String, level, id| {
        out.push(Notification {
            file,
            message,
            level,
            id,
        })
    };
    for s in &result.skipped {
        push(
            s.rel.clone(),
            format!("skipped {}: {}", s.rel, s.reason),
            "warning",
            "skipped-file",
        );
    }
    for p in &result.partial {
        push(
            p.rel.clone(),
            format!(
                "{} has syntax errors ({}% of it); the rest was analysed",
                p.rel, p.error_share
            ),
            "note",
            "partial-parse",
        );
    }
    for (language, count) in &result.unsupported {
        push(
            String::new(),
            format!("{count} {language} file(s) were not analysed: this version of piitrace does not read them"),
            "warning",
            "language-not-analysed",
        );
    }
    if result.unreported_long_flows > 0 {
        push(
            String::new(),
            format!(
                "at least {} source-sink pair(s) were not reported: every way found between them is longer than {} steps, where the analysis' approximations dominate",
                result.unreported_long_flows,
                crate::analysis::MAX_FLOW_STEPS
            ),
            "note",
            "long-flows-not-reported",
        );
    }
    for s in &result.stale_suppressions {
        push(
            s.file.clone(),
            format!(
                "{}:{}: this piitrace:ignore comment {}",
                s.file, s.line, s.problem
            ),
            "note",
            "stale-suppression",
        );
    }
    if !result.unmatched_baseline.is_empty() {
        let n = result.unmatched_baseline.len();
        let first = &result.unmatched_baseline[0];
        push(
            String::new(),
            format!(
                "{n} baseline {} no finding any more (fixed, or changed beyond recognition), the first {} at {}:{}; `piitrace baseline create` rewrites the baseline without them",
                if n == 1 { "entry matches" } else { "entries match" },
                first.rule,
                first.file,
                first.line
            ),
            "note",
            "unmatched-baseline",
        );
    }
    for e in &result.walk_errors {
        push(
            String::new(),
            format!("could not walk: {e}"),
            "warning",
            "walk-error",
        );
    }
    out
}
