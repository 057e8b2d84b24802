//! piitrace's own JSON report: a flat, stable schema for scripts and dashboards.
//! Versioned by `schemaVersion`; fields are only ever added.

use serde_json::{json, Value};

use crate::output::{line_col, notifications};
use crate::scan::ScanResult;

pub fn render(result: &ScanResult) -> Value {
    let findings: Vec<Value> = result
        .findings
        .iter()
        .map(|f| {
            let file = result.file(f.span.file);
            let start = line_col(file, f.span.start);
            let end = line_col(file, f.end.end);
            let steps = |steps: &[crate::analysis::Step]| -> Vec<Value> {
                steps
                    .iter()
                    .map(|s| {
                        let sf = result.file(s.span.file);
                        let p = line_col(sf, s.span.start);
                        json!({
                            "file": sf.map(|x| x.rel.as_str()),
                            "line": p.line,
                            "column": p.char_col,
                            "message": s.message,
                        })
                    })
                    .collect()
            };
            json!({
                "rule": f.rule.id,
                "name": f.rule.name,
                "level": f.level.as_str(),
                "message": f.message,
                "file": file.map(|x| x.rel.as_str()),
                "line": start.line,
                "column": start.char_col,
                "endLine": end.line,
                "endColumn": end.char_col,
                "category": f.category,
                "sensitive": f.sensitive,
                "minor": f.minor,
                "sinkKind": f.sink_kind.map(|k| k.as_str()),
                "source": f.source,
                "sdk": f.sdk,
                "url": f.url,
                "fingerprint": f.fingerprint,
                "suppressed": f.suppression.is_some(),
                "suppressionReason": f.suppression.as_ref().map(|s| &s.reason),
                "suppression": f.suppression.as_ref().map(|s| json!({
                    "kind": s.kind.as_str(),
                    "reason": s.reason,
                    "acceptedBy": s.accepted_by,
                    "acceptedOn": s.accepted_on,
                })),
                "steps": steps(&f.steps),
                "unpromptedPath": steps(&f.unprompted_path),
            })
        })
        .collect();
    let skipped: Vec<Value> = notifications(result)
        .into_iter()
        .map(|n| json!({ "file": n.file, "level": n.level, "id": n.id, "message": n.message }))
        .collect();
    json!({
        "schemaVersion": 1,
        "tool": { "name": "piitrace", "version": env!("CARGO_PKG_VERSION") },
        "root": result.root.display().to_string(),
        "summary": {
            "files": result.source_file_count(),
            "lines": result.lines,
            "findings": result.findings.iter().filter(|f| f.suppression.is_none()).count(),
            "suppressed": result.findings.iter().filter(|f| f.suppression.is_some()).count(),
        },
        "findings": findings,
        "notifications": skipped,
        "sdks": result.sdks,
    })
}
