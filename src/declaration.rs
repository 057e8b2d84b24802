//! The project's declaration (shared/RULES.md, "Declaration"): what the app collects
//! and why, its own hosts, the third parties it discloses, and its limits. It lives in
//! `piitrace.toml` next to the scan settings:
//!
//! ```toml
//! [purposes]
//! ordering = ["phone_number", "location.coarse"]
//!
//! [hosts]
//! own = ["api.example.cn", "*.example.cn"]
//!
//! [sdks]
//! umeng = "crash and usage statistics"
//!
//! [limits]
//! min_interval_seconds = 60
//! ```
//!
//! Unknown keys, categories and SDKs are errors that name the line.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use serde::Deserialize;
use toml::Spanned;

use crate::knowledge::Knowledge;

/// The default minimum interval between two collections (PI203), in seconds.
pub const DEFAULT_MIN_INTERVAL_SECONDS: u64 = 60;

/// A purpose and the categories it needs, each with its line in `piitrace.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose {
    pub name: String,
    pub categories: Vec<(String, usize)>,
}

/// A third party the app discloses: its SDK id (from the knowledge base) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosedSdk {
    pub id: String,
    pub purpose: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Declaration {
    /// Whether the file has a `[purposes]` table: without one there is no
    /// declaration to check collection against (PI202 stays silent).
    pub present: bool,
    pub purposes: Vec<Purpose>,
    /// The app's own hosts (`api.example.cn`, `*.example.cn`); `None` when not declared.
    pub own_hosts: Option<Vec<String>>,
    pub sdks: Vec<DisclosedSdk>,
    pub min_interval_seconds: u64,
}

impl Default for Declaration {
    fn default() -> Declaration {
        Declaration {
            present: false,
            purposes: Vec::new(),
            own_hosts: None,
            sdks: Vec::new(),
            min_interval_seconds: DEFAULT_MIN_INTERVAL_SECONDS,
        }
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    purposes: Option<BTreeMap<String, Vec<Spanned<String>>>>,
    #[serde(default)]
    hosts: Option<Hosts>,
    #[serde(default)]
    sdks: Option<BTreeMap<String, Spanned<String>>>,
    #[serde(default)]
    limits: Option<Limits>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hosts {
    #[serde(default)]
    own: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Limits {
    #[serde(default)]
    min_interval_seconds: Option<u64>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |t| t.bytes().filter(|&b| b == b'\n').count())
        + 1
}

impl Declaration {
    /// Reads the declaration tables of a `piitrace.toml` (other tables are the scan
    /// settings' and the knowledge base's).
    pub fn parse(text: &str) -> Result<Declaration> {
        let file: File = toml::from_str(text)?;
        let sdks = file
            .sdks
            .unwrap_or_default()
            .into_iter()
            .map(|(id, purpose)| DisclosedSdk {
                id,
                line: line_of(text, purpose.span().start),
                purpose: purpose.into_inner(),
            })
            .collect();
        Ok(Declaration {
            present: file.purposes.is_some(),
            purposes: file
                .purposes
                .unwrap_or_default()
                .into_iter()
                .map(|(name, cats)| Purpose {
                    name,
                    categories: cats
                        .into_iter()
                        .map(|c| {
                            let line = line_of(text, c.span().start);
                            (c.into_inner(), line)
                        })
                        .collect(),
                })
                .collect(),
            own_hosts: file.hosts.map(|h| h.own),
            sdks,
            min_interval_seconds: file
                .limits
                .and_then(|l| l.min_interval_seconds)
                .unwrap_or(DEFAULT_MIN_INTERVAL_SECONDS),
        })
    }

    /// Checks the names against the knowledge base: an unknown category or SDK is a
    /// mistake to fix, not something to ignore.
    pub fn validate(&self, k: &Knowledge) -> Result<()> {
        for p in &self.purposes {
            for (c, line) in &p.categories {
                if k.category(c).is_none() {
                    let known: Vec<&str> = k.categories.iter().map(|c| c.id.as_str()).collect();
                    bail!(
                        "line {line}: unknown category `{c}` in purpose `{}` (known: {})",
                        p.name,
                        known.join(", ")
                    );
                }
            }
        }
        for s in &self.sdks {
            if !k.sdks.iter().any(|x| x.id == s.id) {
                bail!(
                    "line {}: unknown SDK `{}` in [sdks] (use the id of a knowledge-base SDK, see `knowledge/sdks.toml`, or add it with an [[sdk]] table)",
                    s.line,
                    s.id
                );
            }
        }
        Ok(())
    }

    /// The purposes that cover a category: those listing it, or a category that
    /// covers it (`location.precise` covers `location.coarse`).
    pub fn purposes_for(&self, category: &str, k: &Knowledge) -> Vec<&str> {
        self.purposes
            .iter()
            .filter(|p| {
                p.categories.iter().any(|(c, _)| {
                    c == category
                        || k.category(c)
                            .is_some_and(|x| x.covers.iter().any(|y| y == category))
                })
            })
            .map(|p| p.name.as_str())
            .collect()
    }

    /// Whether a host is the app's own: equal to a declared host or under a
    /// `*.domain` one. `None` when no own hosts are declared.
    pub fn is_own_host(&self, host: &str) -> Option<bool> {
        let own = self.own_hosts.as_ref()?;
        let host = host.to_ascii_lowercase();
        Some(own.iter().any(|h| {
            let h = h.to_ascii_lowercase();
            match h.strip_prefix("*.") {
                Some(domain) => host == domain || host.ends_with(&format!(".{domain}")),
                None => host == h,
            }
        }))
    }

    /// The declared purpose of an SDK.
    pub fn sdk_purpose(&self, id: &str) -> Option<&str> {
        self.sdks
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.purpose.as_str())
    }
}

/// The host of a URL (`https://api.x.cn:8443/v1` → `api.x.cn`).
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = if host.starts_with('[') {
        host.split(']').next().map(|h| h.trim_start_matches('['))?
    } else {
        host.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_purposes_hosts_sdks_and_limits_with_lines() {
        let d = Declaration::parse(
            "[scan]\nexclude = []\n\n[purposes]\nordering = [\"phone_number\",\n  \"location.coarse\"]\n\n[hosts]\nown = [\"*.dianfan.cn\"]\n\n[sdks]\numeng = \"statistics\"\n\n[limits]\nmin_interval_seconds = 300\n",
        )
        .expect("valid");
        assert!(d.present);
        assert_eq!(
            d.purposes,
            vec![Purpose {
                name: "ordering".into(),
                categories: vec![("phone_number".into(), 5), ("location.coarse".into(), 6)],
            }]
        );
        assert_eq!(d.is_own_host("api.dianfan.cn"), Some(true));
        assert_eq!(d.is_own_host("dianfan.cn"), Some(true));
        assert_eq!(d.is_own_host("evil-dianfan.cn"), Some(false));
        assert_eq!(d.sdks[0].line, 12);
        assert_eq!(d.min_interval_seconds, 300);
    }

    #[test]
    fn no_purposes_no_declaration() {
        assert_eq!(
            Declaration::default().min_interval_seconds,
            DEFAULT_MIN_INTERVAL_SECONDS
        );
        let d = Declaration::parse("[scan]\nexclude = []\n").expect("valid");
        assert!(!d.present);
        assert_eq!(d.is_own_host("x.cn"), None);
        assert_eq!(d.min_interval_seconds, DEFAULT_MIN_INTERVAL_SECONDS);
    }

    #[test]
    fn unknown_keys_in_declaration_tables_are_errors() {
        let e = Declaration::parse("[hosts]\nowns = [\"a.cn\"]\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("owns") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn unknown_categories_name_their_line() {
        let k = Knowledge::builtin().expect("knowledge");
        let d = Declaration::parse("[purposes]\nlogin = [\"phone_number\",\n \"phone_numbr\"]\n")
            .expect("parses");
        let e = d
            .validate(&k)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("line 3") && e.contains("phone_numbr"), "{e}");
    }

    #[test]
    fn coarse_location_is_covered_by_precise_not_the_other_way() {
        let k = Knowledge::builtin().expect("knowledge");
        let d = Declaration::parse(
            "[purposes]\nnav = [\"location.precise\"]\nshop = [\"location.coarse\"]\n",
        )
        .expect("parses");
        assert_eq!(d.purposes_for("location.coarse", &k), vec!["nav", "shop"]);
        assert_eq!(d.purposes_for("location.precise", &k), vec!["nav"]);
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(url_host("https://api.x.cn:8443/v1?a=b"), Some("api.x.cn"));
        assert_eq!(url_host("http://user@h.cn/p"), Some("h.cn"));
        assert_eq!(url_host("http://[::1]:80/"), Some("::1"));
        assert_eq!(url_host("https://"), None);
    }
}
