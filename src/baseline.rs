//! Baselines: the findings a team accepted when it adopted piitrace (or later), by
//! fingerprint, each with who accepted it, when and why. A scan given the baseline
//! reports those findings as suppressed (SARIF `suppressions`, kind `external`), not
//! as problems, and never drops them: the trail stays readable for an audit.
//!
//! The file is JSON, sorted by file, line and rule, so that it reviews well in a
//! pull request; people edit the `reason` of entries by hand.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use crate::findings::{Suppression, SuppressionKind};
use crate::scan::{file_by_id, ScanResult};

/// The version of the file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// The tool that wrote the file (`piitrace 0.1.0`), for the reader.
    #[serde(default)]
    pub tool: String,
    pub entries: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
    /// The finding's `partialFingerprints` value: what matches it in later scans.
    pub fingerprint: String,
    pub rule: String,
    /// Where the finding was when accepted (for the reader; matching ignores it).
    pub file: String,
    pub line: usize,
    pub message: String,
    /// Why the team accepts it.
    pub reason: String,
    pub accepted_by: String,
    /// The day it was accepted, `YYYY-MM-DD`.
    pub accepted_on: String,
}

/// Who accepts and why, for the entries a `baseline create` adds.
pub struct Acceptance {
    pub by: String,
    pub reason: String,
    pub on: String,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the baseline {}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a piitrace baseline", path.display()))?;
        if baseline.version != FORMAT_VERSION {
            anyhow::bail!(
                "{}: baseline format version {} is not supported (this build reads version {FORMAT_VERSION})",
                path.display(),
                baseline.version
            );
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }

    /// A baseline of every finding the scan reports as a problem (not those an
    /// ignore comment already silences). Findings the `previous` baseline accepted
    /// keep their entry (its who, when and why); entries of fixed findings go.
    pub fn create(result: &ScanResult, previous: Option<&Baseline>, new: &Acceptance) -> Baseline {
        let known: HashMap<&str, &Entry> = previous
            .map(|b| {
                b.entries
                    .iter()
                    .map(|e| (e.fingerprint.as_str(), e))
                    .collect()
            })
            .unwrap_or_default();
        let mut entries: Vec<Entry> = result
            .findings
            .iter()
            .filter(|f| {
                f.suppression
                    .as_ref()
                    .is_none_or(|s| s.kind == SuppressionKind::Baseline)
            })
            .map(|f| {
                let file = file_by_id(&result.files, f.span.file)
                    .map_or_else(String::new, |s| s.rel.clone());
                let line = f.span.start.line as usize + 1;
                match known.get(f.fingerprint.as_str()) {
                    Some(old) if old.rule == f.rule.id => Entry {
                        file,
                        line,
                        message: f.message.clone(),
                        ..(*old).clone()
                    },
                    _ => Entry {
                        fingerprint: f.fingerprint.clone(),
                        rule: f.rule.id.to_string(),
                        file,
                        line,
                        message: f.message.clone(),
                        reason: new.reason.clone(),
                        accepted_by: new.by.clone(),
                        accepted_on: new.on.clone(),
                    },
                }
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.file, a.line, &a.rule, &a.fingerprint).cmp(&(
                &b.file,
                b.line,
                &b.rule,
                &b.fingerprint,
            ))
        });
        Baseline {
            version: FORMAT_VERSION,
            tool: format!("piitrace {}", env!("CARGO_PKG_VERSION")),
            entries,
        }
    }

    /// Marks the findings the baseline accepts as suppressed, and records in the
    /// result the entries that match no finding (fixed, or changed beyond recognition).
    pub fn apply(&self, result: &mut ScanResult) {
        let by_fingerprint: HashMap<&str, &Entry> = self
            .entries
            .iter()
            .map(|e| (e.fingerprint.as_str(), e))
            .collect();
        let mut matched = std::collections::HashSet::new();
        for f in &mut result.findings {
            let Some(entry) = by_fingerprint.get(f.fingerprint.as_str()) else {
                continue;
            };
            if entry.rule != f.rule.id {
                continue;
            }
            matched.insert(entry.fingerprint.as_str());
            if f.suppression.is_none() {
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::Baseline,
                    reason: entry.reason.clone(),
                    accepted_by: Some(entry.accepted_by.clone()),
                    accepted_on: Some(entry.accepted_on.clone()),
                });
            }
        }
        result.unmatched_baseline = self
            .entries
            .iter()
            .filter(|e| !matched.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
    }
}

/// Today, as the baseline records it.
pub fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}
