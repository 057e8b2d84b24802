//! A scan result as the editor shows it: per file, one diagnostic per finding
//! (rule as `code`, docs as `codeDescription`, the flow as related information), the
//! hover text, and what the code actions need.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Position, Range, Uri,
};

use crate::findings::Finding;
use crate::ir::Language;
use crate::ir::{Pos, Span};
use crate::output::line_col;
use crate::rules::Level;
use crate::scan::ScanResult;
use crate::workspace::{FileKind, SourceFile};

pub const SOURCE: &str = "piitrace";

/// What the editor shows for one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileReport {
    pub entries: Vec<Entry>,
}

/// One diagnostic and what goes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The rule ID (`None` for notes about the analysis itself: a stale suppression,
    /// a file not analysed).
    pub rule: Option<String>,
    pub level: Level,
    pub diagnostic: Diagnostic,
    /// Markdown: the finding, its flow, and `piitrace explain` for its rule.
    pub hover: Option<String>,
    /// How a `piitrace:ignore` comment is written in this file (none: not suppressible).
    pub comment: Option<CommentSyntax>,
    /// The rule's obvious fix, when there is one.
    pub fix: Option<Fix>,
}

impl Entry {
    /// A note about the analysis itself, not a finding: no rule, hover or fix.
    fn about_analysis(diagnostic: Diagnostic) -> Entry {
        Entry {
            rule: None,
            level: Level::Note,
            diagnostic,
            hover: None,
            comment: None,
            fix: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentSyntax {
    /// `// …` (Java, Kotlin, Rust).
    Line,
    /// `<!-- … -->` (manifests).
    Xml,
}

/// A fix offered as a quick fix: replace `range` with `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    pub range: Range,
    pub text: String,
}

/// Every file's report, by absolute path. Files with nothing to show are absent.
pub fn build(result: &ScanResult) -> BTreeMap<PathBuf, FileReport> {
    let mut out: BTreeMap<PathBuf, FileReport> = BTreeMap::new();
    for f in result.findings.iter().filter(|f| f.suppression.is_none()) {
        let Some(file) = result.file(f.span.file) else {
            continue;
        };
        let entry = finding_entry(result, f, file);
        out.entry(file.path.clone())
            .or_default()
            .entries
            .push(entry);
    }
    for stale in &result.stale_suppressions {
        let Some(file) = result.files.iter().find(|f| f.rel == stale.file) else {
            continue;
        };
        let line = stale.line.saturating_sub(1) as u32;
        let end = line_col(
            Some(file),
            Pos {
                line,
                col: u32::MAX,
            },
        );
        let mut diagnostic = plain(
            Range::new(
                Position::new(line, 0),
                Position::new(line, end.utf16_col as u32 - 1),
            ),
            DiagnosticSeverity::HINT,
            format!("this piitrace:ignore comment {}", stale.problem),
        );
        diagnostic.tags = Some(vec![DiagnosticTag::UNNECESSARY]);
        out.entry(file.path.clone())
            .or_default()
            .entries
            .push(Entry::about_analysis(diagnostic));
    }
    // A file the analysis left out says so, or its findings would vanish unexplained.
    for skipped in &result.skipped {
        let path = result.root.join(&skipped.rel);
        let diagnostic = plain(
            Range::default(),
            DiagnosticSeverity::INFORMATION,
            format!("piitrace did not analyse this file: {}", skipped.reason),
        );
        out.entry(path)
            .or_default()
            .entries
            .push(Entry::about_analysis(diagnostic));
    }
    out
}

fn plain(range: Range, severity: DiagnosticSeverity, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// The editor's position of a span's point: UTF-16 columns, as in SARIF.
fn position(file: Option<&SourceFile>, pos: Pos) -> Position {
    let lc = line_col(file, pos);
    Position::new(pos.line, lc.utf16_col.saturating_sub(1) as u32)
}

fn range(result: &ScanResult, start: Span, end: Span) -> Range {
    let file = result.file(start.file);
    Range::new(position(file, start.start), position(file, end.end))
}

fn location(result: &ScanResult, span: Span) -> Option<Location> {
    let file = result.file(span.file)?;
    Some(Location::new(
        super::uri::from_path(&file.path)?,
        range(result, span, span),
    ))
}

pub fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Note => DiagnosticSeverity::INFORMATION,
    }
}

fn finding_entry(result: &ScanResult, f: &Finding, file: &SourceFile) -> Entry {
    let steps = f.steps.iter().map(|s| (s, ""));
    let way_in = f
        .unprompted_path
        .iter()
        .map(|s| (s, "way in, asking nothing: "));
    let related: Vec<DiagnosticRelatedInformation> = steps
        .chain(way_in)
        .filter_map(|(s, prefix)| {
            Some(DiagnosticRelatedInformation {
                location: location(result, s.span)?,
                message: format!("{prefix}{}", s.message),
            })
        })
        .collect();
    // Data read and never used: the editor fades the read.
    let tags = (f.rule.id == "PI201").then(|| vec![DiagnosticTag::UNNECESSARY]);
    let diagnostic = Diagnostic {
        range: range(result, f.span, f.end),
        severity: Some(severity(f.level)),
        code: Some(NumberOrString::String(f.rule.id.clone())),
        code_description: Uri::from_str(&f.rule.help_uri())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: Some(serde_json::json!({ "fingerprint": f.fingerprint })),
    };
    let comment = match file.kind {
        FileKind::Manifest => Some(CommentSyntax::Xml),
        _ => Some(CommentSyntax::Line),
    };
    Entry {
        rule: Some(f.rule.id.clone()),
        level: f.level,
        hover: Some(hover(result, f)),
        comment,
        fix: permission_check(f, file, diagnostic.range),
        diagnostic,
    }
}

fn hover(result: &ScanResult, f: &Finding) -> String {
    let mut out = format!(
        "**{} {}** ({}): {}\n",
        f.rule.id,
        f.rule.name,
        f.level.as_str(),
        f.message
    );
    if !f.steps.is_empty() {
        out.push_str("\nThe flow, from source to sink:\n\n");
        for (i, s) in f.steps.iter().enumerate() {
            let rel = result.file(s.span.file).map_or("", |f| f.rel.as_str());
            let line = s.span.start.line + 1;
            out.push_str(&format!("{}. `{rel}:{line}` {}\n", i + 1, s.message));
        }
    }
    out.push_str("\n---\n\n");
    out.push_str(&f.rule.explain());
    out
}

/// PI101 on a plain statement that reads data a runtime permission guards: wrap the
/// statement's lines in a check of that permission. Declarations (`String id = …`)
/// and `return`s are left alone: wrapping them would not compile.
fn permission_check(f: &Finding, file: &SourceFile, range: Range) -> Option<Fix> {
    if f.rule.id != "PI101" {
        return None;
    }
    let kotlin = match file.kind {
        FileKind::Source(Language::Java) => false,
        FileKind::Source(Language::Kotlin) => true,
        _ => return None,
    };
    let permission = f
        .permission
        .as_deref()?
        .strip_prefix("android.permission.")?
        .to_string();
    let lines: Vec<&str> = file
        .text
        .lines()
        .skip(range.start.line as usize)
        .take(range.end.line.saturating_sub(range.start.line) as usize + 1)
        .collect();
    let first = lines.first()?;
    let before_call = first.get(..f.span.start.col as usize)?;
    let last = lines.last()?.trim_end();
    let statement_ends = if kotlin {
        !last.ends_with(['.', '(', ',', '='])
    } else {
        last.ends_with(';')
    };
    let declares = before_call.contains('=')
        || ["return", "val ", "var ", "final "]
            .iter()
            .any(|k| before_call.trim_start().starts_with(k));
    if declares || !statement_ends || before_call.trim_start().starts_with('}') {
        return None;
    }
    let indent: String = first.chars().take_while(|c| c.is_whitespace()).collect();
    let mut text = format!(
        "{indent}if (androidx.core.content.ContextCompat.checkSelfPermission(this, \
         android.Manifest.permission.{permission}) == \
         android.content.pm.PackageManager.PERMISSION_GRANTED) {{\n"
    );
    for line in &lines {
        text.push_str(&format!("    {line}\n"));
    }
    text.push_str(&format!("{indent}}}\n"));
    Some(Fix {
        title: format!("Wrap in a check of {permission}"),
        range: Range::new(
            Position::new(range.start.line, 0),
            Position::new(range.end.line + 1, 0),
        ),
        text,
    })
}
