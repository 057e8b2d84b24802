//! The rule registry. Each rule's documentation lives in `docs/rules/<ID>.md` with
//! TOML front matter (id, name, level, summary, PIPL articles, tags); the same text
//! feeds `piitrace rules`, `piitrace explain`, SARIF `help.markdown` and the README.
//! Adding a rule touches this list, its doc file, its check and a fixture.

mod declaration;
mod flows;
pub(crate) mod frequency;
mod permissions;
mod prompts;
mod rights;
mod unused;

use std::sync::OnceLock;

use serde::Deserialize;

pub use declaration::{collection_points, undeclared_collection};
pub use flows::findings_from_flows;
pub use frequency::excessive_frequency;
pub use permissions::{unused_permissions, ManifestPermissions};
pub use prompts::{collection_before_consent, collection_without_prompt};
pub use rights::{account_without_deletion, consent_without_withdrawal};
pub use unused::collected_but_unused;

const DOCS: &[(&str, &str)] = &[
    ("PI001", include_str!("../../docs/rules/PI001.md")),
    ("PI101", include_str!("../../docs/rules/PI101.md")),
    ("PI102", include_str!("../../docs/rules/PI102.md")),
    ("PI103", include_str!("../../docs/rules/PI103.md")),
    ("PI104", include_str!("../../docs/rules/PI104.md")),
    ("PI105", include_str!("../../docs/rules/PI105.md")),
    ("PI201", include_str!("../../docs/rules/PI201.md")),
    ("PI202", include_str!("../../docs/rules/PI202.md")),
    ("PI203", include_str!("../../docs/rules/PI203.md")),
    ("PI204", include_str!("../../docs/rules/PI204.md")),
    ("PI301", include_str!("../../docs/rules/PI301.md")),
    ("PI302", include_str!("../../docs/rules/PI302.md")),
    ("PI303", include_str!("../../docs/rules/PI303.md")),
];

/// Rules whose checks this build runs; the others are documented and listed in
/// SARIF metadata so that IDs and docs are stable ahead of their checks.
pub const IMPLEMENTED: &[&str] = &[
    "PI001", "PI101", "PI102", "PI103", "PI104", "PI105", "PI201", "PI202", "PI203", "PI204",
    "PI301", "PI302", "PI303",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub level: Level,
    #[serde(default)]
    pub sensitive_level: Option<Level>,
    pub summary: String,
    #[serde(default)]
    pub pipl: Vec<String>,
    #[serde(default)]
    pub gdpr: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub security_severity: String,
    /// The Markdown body after the front matter.
    #[serde(skip)]
    pub doc: String,
}

impl Rule {
    /// The level of a result of this rule, raised for sensitive data where the rule says so.
    pub fn level_for(&self, sensitive: bool) -> Level {
        match (sensitive, self.sensitive_level) {
            (true, Some(l)) => l,
            _ => self.level,
        }
    }

    pub fn is_implemented(&self) -> bool {
        IMPLEMENTED.contains(&self.id.as_str())
    }

    /// The first paragraph of "What it does", for one-line descriptions.
    pub fn full_description(&self) -> String {
        section(&self.doc, "What it does")
            .split("\n\n")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What `piitrace explain` prints (and the editor's hover shows): the header,
    /// the documentation, the articles.
    pub fn explain(&self) -> String {
        let mut out = format!(
            "{} {} ({})\n\n{}\n\n{}\n",
            self.id,
            self.name,
            self.level.as_str(),
            self.summary,
            self.doc
        );
        if !self.pipl.is_empty() {
            out.push_str(&format!("\nPIPL: {}\n", self.pipl.join(", ")));
        }
        if !self.gdpr.is_empty() {
            out.push_str(&format!("GDPR: {}\n", self.gdpr.join(", ")));
        }
        out
    }

    pub fn help_uri(&self) -> String {
        format!(
            "https://github.com/piitrace/piitrace/blob/main/docs/rules/{}.md",
            self.id
        )
    }
}

fn section<'a>(doc: &'a str, title: &str) -> &'a str {
    let header = format!("## {title}\n");
    let Some(start) = doc.find(&header) else {
        return "";
    };
    let body = &doc[start + header.len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].trim()
}

fn parse(id: &str, text: &str) -> Result<Rule, String> {
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| format!("{id}: no front matter"))?;
    let (front, body) = rest
        .split_once("\n+++\n")
        .ok_or_else(|| format!("{id}: unterminated front matter"))?;
    let mut rule: Rule = toml::from_str(front).map_err(|e| format!("{id}: {e}"))?;
    if rule.id != id {
        return Err(format!("{id}: front matter says {}", rule.id));
    }
    rule.doc = body.trim().to_string();
    Ok(rule)
}

/// Every rule of the contract, in ID order.
pub fn registry() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        DOCS.iter()
            .filter_map(|(id, text)| match parse(id, text) {
                Ok(r) => Some(r),
                Err(e) => {
                    // Rule docs are compiled in and checked by a unit test; a broken
                    // one must not take the scanner down with it.
                    eprintln!("piitrace: internal error in rule docs: {e}");
                    None
                }
            })
            .collect()
    })
}

/// The rule table of the README, generated from the rule docs.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| ID | name | level | what it reports | status |\n|---|---|---|---|---|\n");
    for r in registry() {
        let level = match r.sensitive_level {
            Some(l) => format!("{} ({} if sensitive)", r.level.as_str(), l.as_str()),
            None => r.level.as_str().to_string(),
        };
        let status = if r.is_implemented() {
            "available"
        } else {
            "planned"
        };
        out.push_str(&format!(
            "| [{}](docs/rules/{}.md) | `{}` | {} | {} | {} |\n",
            r.id, r.id, r.name, level, r.summary, status
        ));
    }
    out
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    let id = id.to_ascii_uppercase();
    registry()
        .iter()
        .find(|r| r.id == id || r.name == id.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_doc_parses_and_has_the_sections() {
        for (id, text) in DOCS {
            let rule = parse(id, text).unwrap_or_else(|e| panic!("{e}"));
            for s in ["What it does", "Why is this bad?", "Example", "Use instead"] {
                assert!(!section(&rule.doc, s).is_empty(), "{id} lacks section {s}");
            }
            assert!(rule.summary.len() <= 70, "{id} summary too long");
        }
        assert_eq!(registry().len(), DOCS.len());
    }

    #[test]
    fn levels_follow_the_contract() {
        let level = |id: &str| rule(id).map(|r| (r.level, r.sensitive_level));
        assert_eq!(level("PI001"), Some((Level::Note, None)));
        assert_eq!(level("PI301"), Some((Level::Warning, None)));
        assert_eq!(level("PI302"), Some((Level::Error, None)));
        assert_eq!(level("PI303"), Some((Level::Warning, Some(Level::Error))));
        assert_eq!(level("PI101"), Some((Level::Warning, Some(Level::Error))));
    }
}
