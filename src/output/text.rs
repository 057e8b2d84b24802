//! Human-readable output in the style of rustc and clippy.

use std::fmt::Write as _;

use annotate_snippets::{Level as SnippetLevel, Renderer, Snippet};

use crate::findings::{Finding, SuppressionKind};
use crate::output::{line_col, notifications};
use crate::rules::Level;
use crate::scan::ScanResult;

pub fn render(result: &ScanResult, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let (folded, shown): (Vec<&Finding>, Vec<&Finding>) = result
        .findings
        .iter()
        .filter(|f| f.suppression.is_none())
        .partition(|f| restated(result, f));
    for f in &shown {
        let _ = writeln!(out, "{}\n", render_finding(result, f, &renderer));
    }
    for n in notifications(result) {
        let _ = writeln!(out, "{}: {}", n.level, n.message);
    }
    let count = |l: Level| shown.iter().filter(|f| f.level == l).count();
    let folded = folded.len();
    let suppressed_as = |kind: SuppressionKind| {
        result
            .findings
            .iter()
            .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == kind))
            .count()
    };
    let mut silenced = String::new();
    if folded > 0 {
        silenced.push_str(&format!(
            " (+{folded} flow note(s) folded into the problems)"
        ));
    }
    match suppressed_as(SuppressionKind::InSource) {
        0 => {}
        n => silenced.push_str(&format!(", {n} suppressed")),
    }
    match suppressed_as(SuppressionKind::Baseline) {
        0 => {}
        n => silenced.push_str(&format!(", {n} accepted in the baseline")),
    }
    let _ = writeln!(
        out,
        "piitrace: {} error(s), {} warning(s), {} note(s){} in {} files ({} lines) in {:.2}s",
        count(Level::Error),
        count(Level::Warning),
        count(Level::Note),
        silenced,
        result.source_file_count(),
        result.lines,
        result.duration.as_secs_f64()
    );
    out
}

/// A PI001 note whose flow a problem rule already reports at the same place: the
/// text format shows the problem only (SARIF and JSON keep both).
fn restated(result: &ScanResult, f: &Finding) -> bool {
    f.rule.id == "PI001"
        && result.findings.iter().any(|g| {
            g.rule.id != "PI001"
                && g.span == f.span
                && g.source == f.source
                && g.suppression.is_none()
        })
}

fn snippet_level(l: Level) -> SnippetLevel {
    match l {
        Level::Error => SnippetLevel::Error,
        Level::Warning => SnippetLevel::Warning,
        Level::Note => SnippetLevel::Note,
    }
}

fn render_finding(result: &ScanResult, f: &Finding, renderer: &Renderer) -> String {
    let file = result.file(f.span.file);
    let rel = file.map_or("", |x| x.rel.as_str());
    let line_text = file.map_or("", |x| x.line(f.span.start.line));
    let start = (f.span.start.col as usize).min(line_text.len());
    // Underline to the end of the call, or of the line when the call goes on.
    let end = if f.end.end.line == f.span.start.line {
        (f.end.end.col as usize).clamp(start, line_text.len())
    } else {
        line_text.len()
    };
    let end = if end == start {
        (start + 1).min(line_text.len())
    } else {
        end
    };
    // Byte offsets from the parser are char boundaries; a clamped or widened one might
    // not be: move it to the next one.
    let boundary = |mut i: usize| {
        while i < line_text.len() && !line_text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let (start, end) = (boundary(start), boundary(end));
    let notes: Vec<String> = f
        .steps
        .iter()
        .chain(&f.unprompted_path)
        .map(|s| {
            let sf = result.file(s.span.file);
            let p = line_col(sf, s.span.start);
            format!(
                "{} at {}:{}:{}",
                s.message,
                sf.map_or("", |x| x.rel.as_str()),
                p.line,
                p.char_col
            )
        })
        .collect();
    let level = snippet_level(f.level);
    let help = format!("for more information, run `piitrace explain {}`", f.rule.id);
    let mut message = level.title(&f.message).id(&f.rule.id).snippet(
        Snippet::source(line_text)
            .line_start(f.span.start.line as usize + 1)
            .origin(rel)
            .annotation(level.span(start..end)),
    );
    for n in &notes {
        message = message.footer(SnippetLevel::Note.title(n));
    }
    message = message.footer(SnippetLevel::Help.title(&help));
    let rendered = renderer.render(message).to_string();
    rendered
}
