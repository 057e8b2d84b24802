//! Formats that code-review tools and CI dashboards read: reviewdog's `rdjson`,
//! GitLab's SAST report, JUnit XML, and GitHub Actions workflow commands. Suppressed
//! findings are left out of all of them (a team accepted them, with a reason that
//! SARIF and JSON keep).

use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::findings::Finding;
use crate::output::{escape_markup, line_col};
use crate::rules::Level;
use crate::scan::ScanResult;

/// A finding's place: file, start and end (1-based lines, character columns).
struct Place<'a> {
    file: &'a str,
    line: usize,
    col: usize,
    end_line: usize,
    end_col: usize,
}

fn place<'a>(result: &'a ScanResult, f: &Finding) -> Place<'a> {
    let file = result.file(f.span.file);
    let start = line_col(file, f.span.start);
    let end = line_col(file, f.end.end);
    Place {
        file: file.map_or("", |x| x.rel.as_str()),
        line: start.line,
        col: start.char_col,
        end_line: end.line,
        end_col: end.char_col,
    }
}

fn reported(result: &ScanResult) -> impl Iterator<Item = &Finding> {
    result.findings.iter().filter(|f| f.suppression.is_none())
}

/// Problems only: the PI001 notes are the inventory, not something to fix, and
/// would crowd a dashboard or a diff.
fn problems(result: &ScanResult) -> impl Iterator<Item = &Finding> {
    reported(result).filter(|f| f.level != Level::Note)
}

/// reviewdog Diagnostic Format (rdjson).
/// <https://github.com/reviewdog/reviewdog/tree/master/proto/rdf>
pub fn rdjson(result: &ScanResult) -> Value {
    let diagnostics: Vec<Value> = reported(result)
        .map(|f| {
            let p = place(result, f);
            json!({
                "message": f.message,
                "location": {
                    "path": p.file,
                    "range": {
                        "start": { "line": p.line, "column": p.col },
                        "end": { "line": p.end_line, "column": p.end_col },
                    },
                },
                "severity": match f.level {
                    Level::Error => "ERROR",
                    Level::Warning => "WARNING",
                    Level::Note => "INFO",
                },
                "code": { "value": f.rule.id, "url": f.rule.help_uri() },
            })
        })
        .collect();
    json!({
        "source": { "name": "piitrace", "url": "https://github.com/piitrace/piitrace" },
        "diagnostics": diagnostics,
    })
}

/// `2026-11-29T22:05:01` (UTC), the time format GitLab's reports use.
fn utc(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// GitLab SAST report (security report schema 15).
/// <https://docs.gitlab.com/ee/development/integrations/secure.html>
pub fn gitlab(result: &ScanResult) -> Value {
    let end = SystemTime::now();
    let start = end.checked_sub(result.duration).unwrap_or(end);
    let tool = json!({
        "id": "piitrace",
        "name": "piitrace",
        "version": env!("CARGO_PKG_VERSION"),
        "vendor": { "name": "piitrace" },
    });
    let vulnerabilities: Vec<Value> = reported(result)
        .map(|f| {
            let p = place(result, f);
            json!({
                "id": f.fingerprint,
                "category": "sast",
                "name": f.rule.summary,
                "message": f.message,
                "description": f.message,
                "severity": match (f.level, f.sensitive) {
                    (Level::Error, true) => "Critical",
                    (Level::Error, false) => "High",
                    (Level::Warning, _) => "Medium",
                    (Level::Note, _) => "Info",
                },
                "location": { "file": p.file, "start_line": p.line, "end_line": p.end_line },
                "identifiers": [{
                    "type": "piitrace_rule",
                    "name": format!("{} {}", f.rule.id, f.rule.name),
                    "value": f.rule.id,
                    "url": f.rule.help_uri(),
                }],
            })
        })
        .collect();
    json!({
        "version": "15.0.7",
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": "sast",
            "start_time": utc(start),
            "end_time": utc(end),
            "status": "success",
        },
        "vulnerabilities": vulnerabilities,
    })
}

/// JUnit XML: one failed test case per problem (warnings and errors), or one passing
/// case when there is none, so CI dashboards count and list them.
pub fn junit(result: &ScanResult) -> String {
    let findings: Vec<&Finding> = problems(result).collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"piitrace\" tests=\"{tests}\" failures=\"{failures}\">\n  <testsuite name=\"piitrace\" tests=\"{tests}\" failures=\"{failures}\" time=\"{:.3}\">",
        result.duration.as_secs_f64(),
        tests = findings.len().max(1),
        failures = findings.len(),
    );
    if findings.is_empty() {
        out.push_str("    <testcase classname=\"piitrace\" name=\"no findings\"/>\n");
    }
    for f in findings {
        let p = place(result, f);
        let _ = writeln!(
            out,
            "    <testcase classname=\"{}\" name=\"{} {}:{}\" file=\"{}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
            escape_markup(f.rule.id.as_str()),
            escape_markup(f.rule.id.as_str()),
            escape_markup(p.file),
            p.line,
            escape_markup(p.file),
            p.line,
            f.level.as_str(),
            escape_markup(&f.message),
            escape_markup(&format!("{}:{}:{} {} ({})", p.file, p.line, p.col, f.message, f.rule.name))
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// GitHub Actions workflow commands (`::error file=..,line=..::message`): annotations
/// on the pull request's diff, for warnings and errors.
/// <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>
pub fn github(result: &ScanResult) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in problems(result) {
        let p = place(result, f);
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(p.file),
            p.line,
            p.col,
            p.end_line,
            p.end_col,
            property(&format!("{} {}", f.rule.id, f.rule.name)),
            data(&f.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(UNIX_EPOCH), "1970-01-01T00:00:00");
        assert_eq!(
            utc(UNIX_EPOCH + Duration::from_secs(1_796_000_000)),
            "2026-11-30T00:53:20"
        );
        assert_eq!(
            utc(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00"
        );
    }
}
