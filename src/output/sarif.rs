//! SARIF 2.1.0, as GitHub code scanning and other consumers read it.

use serde_json::{json, Value};

use crate::findings::{Finding, Suppression, SuppressionKind};
use crate::ir::Span;
use crate::output::{line_col, notifications};
use crate::rules::{registry, Rule};
use crate::scan::ScanResult;

const ROOT_ID: &str = "SRCROOT";
pub const FINGERPRINT_KEY: &str = "piitrace/v1";

pub fn render(result: &ScanResult) -> Value {
    let rules: Vec<Value> = registry().iter().map(rule_descriptor).collect();
    let results: Vec<Value> = result.findings.iter().map(|f| finding(result, f)).collect();
    let notes: Vec<Value> = notifications(result)
        .into_iter()
        .map(|n| {
            let mut v = json!({
                "level": n.level,
                "message": { "text": n.message },
                "descriptor": { "id": n.id },
            });
            if !n.file.is_empty() {
                v["locations"] =
                    json!([{ "physicalLocation": { "artifactLocation": artifact(&n.file) } }]);
            }
            v
        })
        .collect();
    let root_uri = format!("{}/", file_uri(&result.root));
    json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "piitrace",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/piitrace/piitrace",
                "rules": rules,
            }},
            "originalUriBaseIds": { ROOT_ID: { "uri": root_uri } },
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notes,
            }],
            "results": results,
            "properties": {
                "sdks": result.sdks,
                "filesScanned": result.source_file_count(),
                "linesScanned": result.lines,
            },
        }],
    })
}

fn file_uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let encoded: String = s
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            '%' => "%25".to_string(),
            c => c.to_string(),
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

fn artifact(rel: &str) -> Value {
    json!({ "uri": rel.replace(' ', "%20"), "uriBaseId": ROOT_ID })
}

fn rule_descriptor(rule: &Rule) -> Value {
    let mut tags = rule.tags.clone();
    tags.extend(rule.pipl.iter().map(|a| format!("PIPL {a}")));
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.full_description() },
        "help": { "text": rule.full_description(), "markdown": rule.doc },
        "helpUri": rule.help_uri(),
        "defaultConfiguration": { "level": rule.level.as_str() },
        "properties": {
            "tags": tags,
            "security-severity": rule.security_severity,
            "pipl": rule.pipl,
            "gdpr": rule.gdpr,
            "precision": "high",
        },
    })
}

fn location(result: &ScanResult, span: Span, end: Option<Span>, message: Option<&str>) -> Value {
    let file = result.file(span.file);
    let rel = file.map_or("", |f| f.rel.as_str());
    let start = line_col(file, span.start);
    let end_pos = end.map_or(span.end, |e| e.end);
    let stop = line_col(file, end_pos);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": artifact(rel),
            "region": {
                "startLine": start.line,
                "startColumn": start.utf16_col,
                "endLine": stop.line,
                "endColumn": stop.utf16_col,
            },
        },
    });
    if let Some(m) = message {
        loc["message"] = json!({ "text": m });
    }
    loc
}

fn finding(result: &ScanResult, f: &Finding) -> Value {
    let rule_index = registry()
        .iter()
        .position(|r| r.id == f.rule.id)
        .unwrap_or(0);
    let mut v = json!({
        "ruleId": f.rule.id,
        "ruleIndex": rule_index,
        "level": f.level.as_str(),
        "message": { "text": f.message },
        "locations": [location(result, f.span, Some(f.end), None)],
        "partialFingerprints": { FINGERPRINT_KEY: f.fingerprint },
        "properties": {
            "category": f.category,
            "sensitive": f.sensitive,
            "pipl": f.rule.pipl,
        },
    });
    let props = &mut v["properties"];
    if let Some(k) = f.sink_kind {
        props["sinkKind"] = json!(k.as_str());
    }
    if let Some(s) = &f.source {
        props["source"] = json!(s);
    }
    if let Some(s) = &f.sdk {
        props["sdk"] = json!(s);
    }
    if let Some(u) = &f.url {
        props["url"] = json!(u);
    }
    if f.minor {
        props["minor"] = json!(true);
    }
    // The flow of the data, then (for a missing prompt on it) the way in that asks
    // nothing: each a code flow of its own.
    let flows: Vec<Value> = [
        (&f.steps, None),
        (
            &f.unprompted_path,
            Some("The way to the call that asks the user nothing"),
        ),
    ]
    .into_iter()
    .filter(|(steps, _)| !steps.is_empty())
    .map(|(steps, message)| {
        let locations: Vec<Value> = steps
            .iter()
            .map(|s| json!({ "location": location(result, s.span, None, Some(&s.message)) }))
            .collect();
        let mut flow = json!({ "threadFlows": [{ "locations": locations }] });
        if let Some(m) = message {
            flow["message"] = json!({ "text": m });
        }
        flow
    })
    .collect();
    if !flows.is_empty() {
        v["codeFlows"] = json!(flows);
    }
    if let Some(s) = &f.suppression {
        v["suppressions"] = json!([suppression(s)]);
    }
    v
}

/// A SARIF suppression: `inSource` for an ignore comment, `external` (accepted, with
/// who and when) for a baseline entry.
fn suppression(s: &Suppression) -> Value {
    match s.kind {
        SuppressionKind::InSource => json!({ "kind": "inSource", "justification": s.reason }),
        SuppressionKind::Baseline => {
            let mut v = json!({
                "kind": "external",
                "status": "accepted",
                "justification": s.reason,
            });
            let mut props = serde_json::Map::new();
            if let Some(by) = &s.accepted_by {
                props.insert("acceptedBy".into(), json!(by));
            }
            if let Some(on) = &s.accepted_on {
                props.insert("acceptedOn".into(), json!(on));
            }
            if !props.is_empty() {
                v["properties"] = Value::Object(props);
            }
            v
        }
    }
}
