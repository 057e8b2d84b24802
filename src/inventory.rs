//! The personal-information inventory an app must publish (Chinese app rules, PIPL
//! Art. 17 and 23): what it collects, for which purpose and where, and what it shares
//! with which third party. Derived from a scan; rendered by `piitrace inventory`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::{SourceInfo, SourceKind};
use crate::declaration::{url_host, Declaration};
use crate::findings::Finding;
use crate::ir::Span;
use crate::knowledge::{Knowledge, SinkKind};

/// A place in the code, for the tables.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: String,
    pub line: usize,
    /// `TelephonyManager.getDeviceId()`, `MobclickAgent.onEvent`.
    pub what: String,
}

/// One category the app collects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collected {
    pub category: String,
    pub label: String,
    pub sensitive: bool,
    /// Android permissions that guard it.
    pub permissions: Vec<String>,
    /// The declared purposes that cover it; empty when undeclared.
    pub purposes: Vec<String>,
    pub places: Vec<Place>,
    /// Places that read it from the platform or a form (the others received it:
    /// a server's request); only those can ask the user.
    pub reads: usize,
    /// Collection points without a prompt (PI101 results).
    pub unprompted: usize,
}

/// One third party personal data reaches.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Shared {
    /// The SDK's name, or the host.
    pub recipient: String,
    /// "sdk" or "host".
    pub kind: String,
    /// The SDK's id in the knowledge base.
    pub id: Option<String>,
    pub vendor: Option<String>,
    /// The declared purpose, else the knowledge base's description of the SDK.
    pub purpose: Option<String>,
    pub categories: Vec<String>,
    pub places: Vec<Place>,
    /// Flows to it without consent (PI103 results).
    pub without_consent: usize,
}

/// One consent the app records: where, and where the user can withdraw it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConsentRow {
    /// `privacy agreed`, or a vendor switch (`UMConfigure`).
    pub consent: String,
    pub recorded_at: Vec<Place>,
    /// Reachable withdrawals; empty means PI104.
    pub withdrawn_at: Vec<Place>,
}

/// The individual's rights in code (PIPL Art. 15, 47): what an auditor checks by hand.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct YourRights {
    pub consents: Vec<ConsentRow>,
    pub account_created_at: Vec<Place>,
    pub account_deleted_at: Vec<Place>,
}

impl YourRights {
    /// From the places the rights analysis found; `place` turns a span into a file
    /// and 1-based line.
    pub fn build(
        rights: &crate::analysis::rights::Rights,
        place: impl Fn(Span) -> (String, usize),
    ) -> YourRights {
        let at = |span: Span, what: &str| {
            let (file, line) = place(span);
            Place {
                file,
                line,
                what: what.replace('`', ""),
            }
        };
        let mut consents: Vec<ConsentRow> = Vec::new();
        for r in &rights.records {
            let recorded = at(r.span, &r.what);
            let mut withdrawn: Vec<Place> = rights
                .withdrawals_of(r)
                .map(|w| at(w.span, &w.what))
                .collect();
            withdrawn.sort();
            withdrawn.dedup();
            match consents.iter_mut().find(|c| c.consent == r.label) {
                Some(row) => {
                    row.recorded_at.push(recorded);
                    for w in withdrawn {
                        if !row.withdrawn_at.contains(&w) {
                            row.withdrawn_at.push(w);
                        }
                    }
                }
                None => consents.push(ConsentRow {
                    consent: r.label.clone(),
                    recorded_at: vec![recorded],
                    withdrawn_at: withdrawn,
                }),
            }
        }
        let places = |events: &[crate::analysis::rights::AccountEvent]| {
            let mut v: Vec<Place> = events.iter().map(|e| at(e.span, &e.what)).collect();
            v.sort();
            v.dedup();
            v
        };
        YourRights {
            consents,
            account_created_at: places(&rights.creations),
            account_deleted_at: places(&rights.deletions),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Inventory {
    pub app: String,
    /// Whether a declaration (`[purposes]`) exists.
    pub declared: bool,
    pub collected: Vec<Collected>,
    pub shared: Vec<Shared>,
    /// Where consent is recorded and withdrawn, and accounts created and deleted.
    pub rights: YourRights,
}

/// Builds the inventory from the collection points and the findings of a scan.
/// `place` turns a span into a file and 1-based line.
pub fn build(
    app: String,
    points: &[&SourceInfo],
    findings: &[Finding],
    knowledge: &Knowledge,
    declaration: &Declaration,
    place: impl Fn(Span) -> (String, usize),
    android: impl Fn(&SourceInfo) -> bool,
) -> Inventory {
    let flagged = |rule: &str, span: Span, category: &str| {
        findings
            .iter()
            .any(|f| f.rule.id == rule && f.span == span && f.category.as_deref() == Some(category))
    };
    let mut collected: BTreeMap<String, Collected> = BTreeMap::new();
    for s in points {
        let category = knowledge.category(&s.category);
        let row = collected
            .entry(s.category.clone())
            .or_insert_with(|| Collected {
                category: s.category.clone(),
                label: category.map_or(s.category.clone(), |c| c.label.clone()),
                sensitive: category.is_some_and(|c| c.sensitive),
                permissions: Vec::new(),
                purposes: declaration
                    .purposes_for(&s.category, knowledge)
                    .into_iter()
                    .map(String::from)
                    .collect(),
                places: Vec::new(),
                reads: 0,
                unprompted: 0,
            });
        if matches!(s.kind, SourceKind::Api | SourceKind::UserInput) {
            row.reads += 1;
        }
        row.sensitive |= s.minor;
        // The permission asked: only where Android code reads it from the platform
        // (a number the user types needs none).
        if s.kind == SourceKind::Api && android(s) && row.permissions.is_empty() {
            row.permissions = category.map_or(Vec::new(), |c| {
                c.permissions
                    .iter()
                    .map(|p| p.rsplit('.').next().unwrap_or(p).to_string())
                    .collect()
            });
        }
        let (file, line) = place(s.span);
        row.places.push(Place {
            file,
            line,
            what: s.description.clone(),
        });
        if flagged("PI101", s.span, &s.category) {
            row.unprompted += 1;
        }
    }
    let mut shared: BTreeMap<(String, &'static str), Shared> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.rule.id == "PI001") {
        let Some(category) = f.category.clone() else {
            continue;
        };
        let (recipient, kind, id, vendor, purpose) = match (f.sink_kind, &f.sdk) {
            (Some(SinkKind::ThirdPartySdk), Some(name)) => {
                let sdk = knowledge.sdks.iter().find(|s| &s.name == name);
                let purpose = sdk
                    .and_then(|s| declaration.sdk_purpose(&s.id).map(String::from))
                    .or_else(|| sdk.and_then(|s| s.purpose.clone()));
                (
                    name.clone(),
                    "sdk",
                    sdk.map(|s| s.id.clone()),
                    sdk.and_then(|s| s.vendor.clone()),
                    purpose,
                )
            }
            (Some(SinkKind::Network), _) => {
                let Some(host) = f.url.as_deref().and_then(url_host) else {
                    continue;
                };
                if declaration.is_own_host(host) != Some(false) {
                    continue;
                }
                (host.to_string(), "host", None, None, None)
            }
            _ => continue,
        };
        let row = shared
            .entry((recipient.clone(), kind))
            .or_insert_with(|| Shared {
                recipient,
                kind: kind.to_string(),
                id,
                vendor,
                purpose,
                categories: Vec::new(),
                places: Vec::new(),
                without_consent: 0,
            });
        if !row.categories.contains(&category) {
            row.categories.push(category.clone());
        }
        let (file, line) = place(f.span);
        // identity: [function, callee, sink kind, category, source].
        let callee = f.identity.get(1).cloned().unwrap_or_default();
        let p = Place {
            file,
            line,
            what: format!("`{callee}` ← {}", f.source.as_deref().unwrap_or("?")),
        };
        if !row.places.contains(&p) {
            row.places.push(p);
        }
        if flagged("PI103", f.span, &category) {
            row.without_consent += 1;
        }
    }
    let mut collected: Vec<Collected> = collected.into_values().collect();
    for c in &mut collected {
        c.places.sort();
        c.places.dedup();
    }
    let mut shared: Vec<Shared> = shared.into_values().collect();
    for s in &mut shared {
        s.categories.sort();
        s.places.sort();
    }
    Inventory {
        app,
        declared: declaration.present,
        collected,
        shared,
        rights: YourRights::default(),
    }
}
