//! `piitrace init`: a starting declaration written from what the code collects today,
//! so a team adopts the tool on an existing app in minutes: every category found
//! under a `TODO` purpose, the app's own hosts guessed from the URLs in its code, and
//! the third-party SDKs it bundles or sends data to.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::declaration::url_host;
use crate::scan::ScanResult;

/// Words of package and host names too common to tell whose a host is.
const COMMON_WORDS: &[&str] = &[
    "com", "cn", "net", "org", "io", "app", "apps", "android", "www", "api", "m", "h5", "cdn",
    "static", "img", "www", "dev", "test", "example", "co", "main", "mobile", "sdk", "http",
    "https", "v1", "v2", "src",
];

/// The `piitrace.toml` text for a scan of an app without a declaration.
pub fn declaration_text(result: &ScanResult) -> String {
    let inv = &result.inventory;
    let mut out = String::from(
        "# The declaration of what this app collects and why, checked by piitrace (PI202,\n\
         # PI103, `piitrace inventory`). Written by `piitrace init` from what the code\n\
         # collects today: move each category to the purpose that needs it (rename TODO),\n\
         # and stop collecting what no purpose needs. See the README, \"The declaration\".\n\n\
         [purposes]\n",
    );
    if inv.collected.is_empty() {
        out.push_str("# Nothing collected yet.\nTODO = []\n");
    } else {
        out.push_str("TODO = [\n");
        for c in &inv.collected {
            let first = c
                .places
                .first()
                .map(|p| format!(", e.g. {}:{}", p.file, p.line))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  \"{}\",{} # {}: {} place{}{first}",
                c.category,
                " ".repeat(20usize.saturating_sub(c.category.len())),
                c.label,
                c.places.len(),
                if c.places.len() == 1 { "" } else { "s" }
            );
        }
        out.push_str("]\n");
    }
    let (own, others) = guess_hosts(result);
    out.push_str(
        "\n# The app's own hosts (`*.example.cn` for a whole domain); personal data sent\n\
         # anywhere else is shared with a third party. Guessed from the URLs in the code:\n\
         # check them.\n[hosts]\nown = [\n",
    );
    for h in &own {
        let _ = writeln!(out, "  \"{h}\",");
    }
    out.push_str("]\n");
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "# Also in the code, taken for third parties: {}",
            others.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    // SDKs bundled (build files) or reached by personal data (flows).
    let mut sdks: BTreeMap<String, String> = BTreeMap::new();
    for s in &result.sdks {
        sdks.entry(s.id.clone()).or_insert_with(|| s.name.clone());
    }
    for s in &inv.shared {
        if let Some(id) = &s.id {
            sdks.entry(id.clone())
                .or_insert_with(|| s.recipient.clone());
        }
    }
    out.push_str(
        "\n# The third-party SDKs the app bundles or sends personal data to: say why.\n[sdks]\n",
    );
    for (id, name) in &sdks {
        let _ = writeln!(out, "{id} = \"TODO\" # {name}");
    }
    let _ = write!(
        out,
        "\n# Collecting more often than this is excessive (PI203).\n[limits]\nmin_interval_seconds = {}\n",
        crate::declaration::DEFAULT_MIN_INTERVAL_SECONDS
    );
    out
}

/// Hosts of the URL literals in the code, split into the app's own (a word of the
/// host is a word of the app's packages or directory) and the others.
fn guess_hosts(result: &ScanResult) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut words: BTreeSet<String> = BTreeSet::new();
    let mut add_words = |s: &str| {
        for w in s.split(|c: char| !c.is_ascii_alphanumeric()) {
            let w = w.to_ascii_lowercase();
            if w.len() >= 3 && !COMMON_WORDS.contains(&w.as_str()) {
                words.insert(w);
            }
        }
    };
    if let Some(name) = result.root.file_name() {
        add_words(&name.to_string_lossy());
    }
    let mut hosts: BTreeSet<String> = BTreeSet::new();
    for f in &result.files {
        if let Some(pkg) = f
            .text
            .lines()
            .take(50)
            .find_map(|l| l.trim().strip_prefix("package "))
        {
            add_words(pkg.trim_end_matches(';'));
        }
        for (i, _) in f.text.match_indices("://") {
            let start = f.text[..i]
                .rfind(|c: char| !c.is_ascii_alphabetic())
                .map_or(0, |j| j + 1);
            let scheme = &f.text[start..i];
            if scheme != "http" && scheme != "https" {
                continue;
            }
            let end = f.text[i..]
                .find(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                .map_or(f.text.len(), |j| i + j);
            if let Some(h) = url_host(&f.text[start..end]) {
                let h = h.to_ascii_lowercase();
                if h.contains('.') && !h.contains('$') && !h.contains('{') {
                    hosts.insert(h);
                }
            }
        }
    }
    let mut own = BTreeSet::new();
    let mut others = BTreeSet::new();
    for h in hosts {
        let is_own = h
            .split(['.', '-'])
            .any(|w| words.contains(&w.to_ascii_lowercase()));
        if is_own {
            own.insert(h);
        } else {
            others.insert(h);
        }
    }
    (own, others)
}
