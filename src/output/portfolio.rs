//! The portfolio report of a batch run: `summary.json`, `summary.csv` and a
//! self-contained `report.html` (per-app rows and portfolio charts). Everything in it
//! is computed from the repositories' results alone and sorted, so an interrupted and
//! resumed run, or shards merged, give the same bytes as one uninterrupted run.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::batch::Status;
use crate::output::escape_markup;
use crate::output::html::{bar_chart, Bar, STYLE};
use crate::rules::registry;

/// How many apps each value of `items` appears in, most first (ties by name).
fn apps_per<'a>(
    statuses: &'a [Status],
    items: impl Fn(&'a Status) -> &'a [String],
) -> Vec<(&'a str, usize)> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for s in statuses {
        for item in items(s) {
            *count.entry(item.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

fn findings_by_rule(statuses: &[Status]) -> BTreeMap<&'static str, usize> {
    let mut total: BTreeMap<&'static str, usize> =
        registry().iter().map(|r| (r.id.as_str(), 0)).collect();
    for f in statuses.iter().filter_map(|s| s.facts.as_ref()) {
        for (rule, n) in &f.findings {
            if let Some(t) = total.iter_mut().find(|(id, _)| **id == rule.as_str()) {
                *t.1 += n;
            }
        }
    }
    total
}

const NONE: &[String] = &[];

fn categories(s: &Status) -> &[String] {
    s.facts.as_ref().map_or(NONE, |f| &f.categories)
}

fn sensitive(s: &Status) -> &[String] {
    s.facts.as_ref().map_or(NONE, |f| &f.sensitive)
}

fn third_parties(s: &Status) -> &[String] {
    s.facts.as_ref().map_or(NONE, |f| &f.third_parties)
}

pub fn summary(statuses: &[Status]) -> Value {
    let apps: Vec<Value> = statuses
        .iter()
        .map(|s| {
            json!({
                "app": s.key,
                "source": s.source,
                "ref": s.reference,
                "commit": s.commit,
                "ok": s.error.is_none(),
                "error": s.error,
                "languages": s.facts.as_ref().map(|f| {
                    f.languages.iter().map(|(l, (files, lines))| (l.clone(), json!({"files": files, "lines": lines}))).collect::<serde_json::Map<_, _>>()
                }),
                "files": s.facts.as_ref().map(|f| f.files),
                "lines": s.facts.as_ref().map(|f| f.lines),
                "skippedFiles": s.facts.as_ref().map(|f| f.skipped_files),
                "categories": categories(s),
                "sensitiveCategories": sensitive(s),
                "thirdParties": third_parties(s),
                "findings": s.facts.as_ref().map(|f| &f.findings),
                "sarif": s.facts.as_ref().map(|_| format!("repos/{}/report.sarif", s.key)),
                "inventory": s.facts.as_ref().map(|_| format!("repos/{}/inventory.html", s.key)),
            })
        })
        .collect();
    let ok: Vec<&Status> = statuses.iter().filter(|s| s.error.is_none()).collect();
    json!({
        "schemaVersion": 1,
        "tool": { "name": "piitrace", "version": env!("CARGO_PKG_VERSION") },
        "apps": apps,
        "totals": {
            "apps": statuses.len(),
            "scanned": ok.len(),
            "failed": statuses.len() - ok.len(),
            "lines": ok.iter().filter_map(|s| s.facts.as_ref()).map(|f| f.lines).sum::<usize>(),
            "appsPerCategory": apps_per(statuses, categories).into_iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
            "appsPerThirdParty": apps_per(statuses, third_parties).into_iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
            "findingsByRule": findings_by_rule(statuses),
        },
        "failures": statuses.iter().filter_map(|s| s.error.as_ref().map(|e| json!({"app": s.key, "source": s.source, "error": e}))).collect::<Vec<_>>(),
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv(statuses: &[Status]) -> String {
    let rules: Vec<&str> = registry().iter().map(|r| r.id.as_str()).collect();
    let mut out = String::from(
        "app,source,commit,status,error,languages,files,lines,categories,sensitive_categories,third_parties",
    );
    for r in &rules {
        let _ = write!(out, ",{r}");
    }
    out.push('\n');
    for s in statuses {
        let f = s.facts.as_ref();
        let languages: Vec<String> = f
            .map(|f| {
                f.languages
                    .iter()
                    .map(|(l, (_, n))| format!("{l}:{n}"))
                    .collect()
            })
            .unwrap_or_default();
        let fields = [
            s.key.clone(),
            s.source.clone(),
            s.commit.clone().unwrap_or_default(),
            if s.error.is_none() { "ok" } else { "failed" }.to_string(),
            s.error.clone().unwrap_or_default(),
            languages.join(" "),
            f.map(|f| f.files.to_string()).unwrap_or_default(),
            f.map(|f| f.lines.to_string()).unwrap_or_default(),
            categories(s).join(" "),
            sensitive(s).join(" "),
            third_parties(s).join("; "),
        ];
        let row: Vec<String> = fields.iter().map(|x| csv_field(x)).collect();
        out.push_str(&row.join(","));
        for r in &rules {
            let n = f.and_then(|f| f.findings.get(*r)).copied().unwrap_or(0);
            let _ = write!(
                out,
                ",{}",
                if f.is_some() {
                    n.to_string()
                } else {
                    String::new()
                }
            );
        }
        out.push('\n');
    }
    out
}

pub fn html(statuses: &[Status]) -> String {
    let e = escape_markup;
    let ok: Vec<&Status> = statuses.iter().filter(|s| s.error.is_none()).collect();
    let lines: usize = ok
        .iter()
        .filter_map(|s| s.facts.as_ref())
        .map(|f| f.lines)
        .sum();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Personal information audit: {n} apps</title>\n<style>\n{STYLE}</style></head><body>\n<h1>Personal information audit: {n} apps</h1>\n<p id=\"totals\">{scanned} scanned ({lines} lines of code), {failed} failed. Generated by piitrace {version} from the source code of each app.</p>\n",
        n = statuses.len(),
        scanned = ok.len(),
        failed = statuses.len() - ok.len(),
        version = env!("CARGO_PKG_VERSION"),
    );
    let sensitive_set: std::collections::BTreeSet<&str> = statuses
        .iter()
        .flat_map(|s| sensitive(s).iter().map(String::as_str))
        .collect();
    out.push_str("<div class=\"summary\">\n");
    let per_category = apps_per(statuses, categories);
    let bars: Vec<Bar> = per_category
        .iter()
        .map(|(c, n)| Bar {
            label: c,
            value: *n,
            sensitive: sensitive_set.contains(c),
        })
        .collect();
    bar_chart(
        &mut out,
        "chart-categories",
        "Apps collecting each category",
        &bars,
    );
    let per_party = apps_per(statuses, third_parties);
    let bars: Vec<Bar> = per_party
        .iter()
        .take(15)
        .map(|(p, n)| Bar {
            label: p,
            value: *n,
            sensitive: false,
        })
        .collect();
    bar_chart(
        &mut out,
        "chart-third-parties",
        "Top third parties (apps sharing with each)",
        &bars,
    );
    let by_rule = findings_by_rule(statuses);
    let bars: Vec<Bar> = by_rule
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(r, n)| Bar {
            label: r,
            value: *n,
            sensitive: false,
        })
        .collect();
    bar_chart(&mut out, "chart-rules", "Findings by rule", &bars);
    out.push_str("</div>\n<h2>Apps</h2>\n<table id=\"apps\"><thead><tr><th>App</th><th>Languages</th><th>Lines</th><th>Categories collected</th><th>Sensitive</th><th>Third parties</th><th>Findings by rule</th><th>Reports</th></tr></thead><tbody>\n");
    for s in statuses {
        let Some(f) = &s.facts else { continue };
        let languages: Vec<String> = f
            .languages
            .iter()
            .map(|(l, (files, n))| format!("{l} ({files} files, {n} lines)"))
            .collect();
        let findings: Vec<String> = f
            .findings
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect();
        let _ = writeln!(
            out,
            "<tr data-app=\"{key}\"><td>{key}{skipped}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"sensitive\">{}</td><td>{}</td><td>{}</td><td><a href=\"repos/{key}/inventory.html\">inventory</a> · <a href=\"repos/{key}/report.sarif\">SARIF</a></td></tr>",
            e(&languages.join(", ")),
            f.lines,
            e(&f.categories.join(", ")),
            e(&f.sensitive.join(", ")),
            e(&f.third_parties.join(", ")),
            e(&findings.join(", ")),
            key = e(&s.key),
            skipped = if f.skipped_files > 0 {
                format!(" <span class=\"no\">({} files skipped)</span>", f.skipped_files)
            } else {
                String::new()
            },
        );
    }
    out.push_str("</tbody></table>\n");
    let failed: Vec<&Status> = statuses.iter().filter(|s| s.error.is_some()).collect();
    let _ = writeln!(out, "<h2>Failures ({})</h2>", failed.len());
    if failed.is_empty() {
        out.push_str("<p>None: every app was scanned.</p>\n");
    } else {
        out.push_str("<table id=\"failures\"><thead><tr><th>App</th><th>Source</th><th>Error</th></tr></thead><tbody>\n");
        for s in failed {
            let _ = writeln!(
                out,
                "<tr data-app=\"{}\"><td>{}</td><td><code>{}</code></td><td class=\"no\">{}</td></tr>",
                e(&s.key),
                e(&s.key),
                e(&s.source),
                e(s.error.as_deref().unwrap_or_default())
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</body></html>\n");
    out
}
