//! The project's `piitrace.toml`: scan settings and knowledge-base extensions.
//!
//! Knowledge tables use exactly the shape of the built-in files in `knowledge/`
//! (`[[source]]`, `[[sink]]`, `[[sdk]]`, `[[name]]`, ...). Unknown keys are errors
//! that name the line, never silently ignored.

use std::path::Path;

use anyhow::{bail, Context as _, Result};
use serde::Deserialize;

use crate::declaration::Declaration;
use crate::knowledge::KnowledgeTables;

const TOP_LEVEL_KEYS: &[&str] = &[
    "scan",
    "category",
    "global",
    "name",
    "minors",
    "typed",
    "source",
    "sink",
    "sdk",
    "sanitizer",
    "returns",
    "resource",
    "subtype",
    "dispatch",
    "propagation",
    "block_receiver",
    "prompts",
    "startup",
    "sdk_init",
    "consent_gate",
    "consent_record",
    "accounts",
    "account_api",
    "entry_points",
    "rate",
    "wait",
    "schedule",
    "constants",
    "sensors",
    "permissions",
    "purposes",
    "hosts",
    "sdks",
    "limits",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// Glob patterns (gitignore syntax) of paths to leave out of the scan.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are skipped (with a notification).
    #[serde(default)]
    pub max_file_size: Option<u64>,
    /// A file whose parse and lowering take longer than this many milliseconds is
    /// skipped (with a notification, and exit code 3).
    #[serde(default)]
    pub file_timeout_ms: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Config {
    #[serde(default)]
    pub scan: ScanConfig,
    #[serde(flatten)]
    pub knowledge: KnowledgeTables,
    /// `[purposes]`, `[hosts]`, `[sdks]`, `[limits]`: read separately (they keep
    /// their line numbers for errors).
    #[serde(skip)]
    pub declaration: Declaration,
    /// What the configuration was read from, for the results cache's key: whatever
    /// changes a configuration after reading it must change this too.
    #[serde(skip)]
    source: String,
}

impl Config {
    /// The `piitrace.toml` that applies to a scan of `paths`: in the first directory
    /// scanned (or the directory of the first file), when there is one.
    pub fn find(paths: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
        let first = paths.first()?;
        let candidate = if first.is_dir() {
            first.join("piitrace.toml")
        } else {
            first.parent()?.join("piitrace.toml")
        };
        candidate.is_file().then_some(candidate)
    }

    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Config::parse(&text).with_context(|| format!("invalid configuration {}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Config> {
        let table: toml::Table = toml::from_str(text)?;
        for key in table.keys() {
            if !TOP_LEVEL_KEYS.contains(&key.as_str()) {
                let line = text
                    .lines()
                    .position(|l| {
                        let l = l.trim_start().trim_start_matches('[');
                        l.starts_with(key.as_str())
                    })
                    .map_or(0, |i| i + 1);
                bail!(
                    "line {line}: unknown key `{key}` (expected one of: {})",
                    TOP_LEVEL_KEYS.join(", ")
                );
            }
        }
        let mut config: Config = toml::from_str(text)?;
        config.declaration = Declaration::parse(text)?;
        config.source = text.to_string();
        Ok(config)
    }

    /// Drops the declaration (`[purposes]`, `[hosts]`, ...), keeping the knowledge
    /// extensions and scan settings.
    pub fn forget_declaration(&mut self) {
        self.declaration = Declaration::default();
        self.source.push_str("\n# (declaration dropped)\n");
    }

    /// Everything the configuration says, as one text: equal texts, equal configurations.
    pub fn source(&self) -> &str {
        &self.source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let err = Config::parse("[scan]\nexclude = []\n\n[sorces]\nx = 1\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("line 4") && err.contains("sorces"), "{err}");
        let err = Config::parse("[scan]\nexclde = []\n")
            .err()
            .map(|e| format!("{e:#}"));
        assert!(err.is_some_and(|e| e.contains("exclde") && e.contains("line 2")));
    }

    #[test]
    fn knowledge_tables_extend() {
        let c = Config::parse(
            "[[sink]]\nclass = \"com.acme.Telemetry\"\nmethod = \"send\"\nkind = \"third_party_sdk\"\n",
        )
        .expect("valid config");
        assert_eq!(c.knowledge.sink.len(), 1);
    }
}
