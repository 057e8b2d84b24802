//! Findings: what a scan reports, independent of the output format.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::analysis::Step;
use crate::ir::Span;
use crate::knowledge::SinkKind;
use crate::rules::{Level, Rule};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    #[serde(with = "rule_by_id")]
    pub rule: &'static Rule,
    pub level: Level,
    pub message: String,
    /// Where the result is located: the called method's (or property's) name.
    #[serde(with = "crate::ir::span_in_file")]
    pub span: Span,
    /// Where the region ends: the end of the call.
    #[serde(with = "crate::ir::span_in_file")]
    pub end: Span,
    pub category: Option<String>,
    pub sensitive: bool,
    pub minor: bool,
    pub sink_kind: Option<SinkKind>,
    pub sdk: Option<String>,
    pub url: Option<String>,
    /// `TelephonyManager.getDeviceId()`, `parameter idCardNo`.
    pub source: Option<String>,
    /// The flow from source to sink, for results about a flow.
    pub steps: Vec<Step>,
    /// For a result about a missing prompt on a flow (PI103): the way into the sink's
    /// function that asks nothing, from the outermost caller to the sink.
    pub unprompted_path: Vec<Step>,
    /// Facts that identify this finding across unrelated edits (no line numbers).
    pub identity: Vec<String>,
    pub fingerprint: String,
    /// Why it is not reported as a problem: an ignore comment, or the baseline.
    pub suppression: Option<Suppression>,
    /// For a collection without a prompt (PI101): the runtime permission whose check
    /// would prompt for it (none when only consent can).
    pub permission: Option<String>,
}

/// A rule serialized as its id (the results cache).
mod rule_by_id {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    use crate::rules::Rule;

    pub fn serialize<S: Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&rule.id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Rule, D::Error> {
        let id = String::deserialize(d)?;
        crate::rules::rule(&id).ok_or_else(|| D::Error::custom(format!("no rule {id}")))
    }
}

/// A finding the team accepted, with the reason an auditor reads later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub reason: String,
    /// Who accepted it, and on what day (baseline entries record both).
    pub accepted_by: Option<String>,
    pub accepted_on: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuppressionKind {
    /// A `piitrace:ignore RULE reason` comment beside the finding.
    InSource,
    /// An entry of the baseline file given with `--baseline`.
    Baseline,
}

impl SuppressionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::Baseline => "baseline",
        }
    }
}

impl Suppression {
    pub fn in_source(reason: String) -> Suppression {
        Suppression {
            kind: SuppressionKind::InSource,
            reason,
            accepted_by: None,
            accepted_on: None,
        }
    }
}

impl Finding {
    /// A result about one place (a collection point, a call, a manifest element), not
    /// a flow: level from the rule and sensitivity; set `source`, `minor` and `steps`
    /// afterwards where they apply.
    pub fn at(
        rule: &'static Rule,
        span: Span,
        end: Span,
        category: Option<String>,
        sensitive: bool,
        message: String,
        identity: Vec<String>,
    ) -> Finding {
        Finding {
            rule,
            level: rule.level_for(sensitive),
            message,
            span,
            end,
            category,
            sensitive,
            minor: false,
            sink_kind: None,
            sdk: None,
            url: None,
            source: None,
            steps: Vec::new(),
            unprompted_path: Vec::new(),
            identity,
            fingerprint: String::new(),
            suppression: None,
            permission: None,
        }
    }

    /// A result at a collection point: its category, sensitivity (a child's data is
    /// sensitive), description, and an identity of (function, source, category).
    pub fn at_source(
        rule: &'static Rule,
        source: &crate::analysis::SourceInfo,
        sensitive: bool,
        function: String,
        message: String,
    ) -> Finding {
        Finding {
            minor: source.minor,
            source: Some(source.description.clone()),
            ..Finding::at(
                rule,
                source.span,
                source.span,
                Some(source.category.clone()),
                sensitive || source.minor,
                message,
                vec![
                    function,
                    source.description.clone(),
                    source.category.clone(),
                ],
            )
        }
    }
}

/// Computes fingerprints from each finding's identity and file; findings with the
/// same identity in one file are told apart by their order.
pub fn assign_fingerprints(findings: &mut [Finding], file_of: impl Fn(&Finding) -> String) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for f in findings.iter_mut() {
        let mut hasher = Sha256::new();
        hasher.update(f.rule.id.as_bytes());
        hasher.update([0]);
        hasher.update(file_of(f).as_bytes());
        for part in &f.identity {
            hasher.update([0]);
            hasher.update(part.as_bytes());
        }
        let base = hex(&hasher.finalize()[..16]);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        f.fingerprint = format!("{base}:{n}");
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
