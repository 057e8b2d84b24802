//! Inline suppressions: `// piitrace:ignore PI301 reason…` on the line of a
//! finding or the line before silences that rule there. The reason is required and
//! kept (SARIF `suppressions`), so an audit can read why.

use crate::findings::Finding;
use crate::scan::file_by_id;
use crate::workspace::SourceFile;

const MARKER: &str = "piitrace:ignore";

/// A parsed suppression comment.
#[derive(Debug, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: String,
}

/// Parses the suppression in a line of source, in any comment syntax
/// (`//`, `#`, `/* */`, `<!-- -->`).
pub fn parse_line(line: &str) -> Option<Suppression> {
    let at = line.find(MARKER)?;
    let rest = line[at + MARKER.len()..]
        .trim_end()
        .trim_end_matches("*/")
        .trim_end_matches("-->")
        .trim();
    let mut rules = Vec::new();
    let mut reason_start = rest.len();
    let mut offset = 0;
    for word in rest.split_inclusive(|c: char| c.is_whitespace() || c == ',') {
        let id = word.trim_matches(|c: char| c.is_whitespace() || c == ',');
        if is_rule_id(id) {
            rules.push(id.to_string());
            offset += word.len();
        } else if id.is_empty() {
            offset += word.len();
        } else {
            reason_start = offset;
            break;
        }
    }
    let reason = rest.get(reason_start..).unwrap_or("").trim().to_string();
    Some(Suppression { rules, reason })
}

/// Whether a line holds nothing but a comment.
fn comment_only(line: &str) -> bool {
    let t = line.trim_start();
    ["//", "#", "/*", "*", "<!--"]
        .iter()
        .any(|p| t.starts_with(p))
}

fn is_rule_id(s: &str) -> bool {
    s.len() == 5 && s.starts_with("PI") && s[2..].chars().all(|c| c.is_ascii_digit())
}

/// A suppression comment that does not do its job: it gives no reason, or there is
/// nothing on its line or the next for it to silence. People forget them; they are
/// reported (a note), never ignored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stale {
    /// The file, relative to the scan root.
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub problem: String,
}

/// Marks every finding that a suppression comment with a reason covers, and returns
/// the comments that give no reason or silence nothing.
pub fn apply(findings: &mut [Finding], files: &[SourceFile]) -> Vec<Stale> {
    let mut used: std::collections::HashSet<(crate::ir::FileId, u32)> =
        std::collections::HashSet::new();
    for f in findings.iter_mut() {
        let Some(file) = file_by_id(files, f.span.file) else {
            continue;
        };
        let line = f.span.start.line;
        // The comment on the finding's line, or on a line of its own just before
        // (not a trailing comment of the statement before).
        let before = line.checked_sub(1).filter(|&l| comment_only(file.line(l)));
        for l in [Some(line), before].into_iter().flatten() {
            if let Some(s) = parse_line(file.line(l)) {
                if !s.reason.is_empty() && s.rules.contains(&f.rule.id) {
                    f.suppression = Some(crate::findings::Suppression::in_source(s.reason));
                    used.insert((file.id, l));
                    break;
                }
            }
        }
    }
    let mut stale = Vec::new();
    for file in files.iter().filter(|f| f.text.contains(MARKER)) {
        for (i, line) in file.text.lines().enumerate() {
            let Some(s) = parse_line(line) else { continue };
            let problem = if s.rules.is_empty() {
                "names no rule (write `piitrace:ignore PI301 reason`)"
            } else if s.reason.is_empty() {
                "gives no reason, so it silences nothing: say why the finding is acceptable"
            } else if !used.contains(&(file.id, i as u32)) {
                "silences nothing: no finding of its rules is on its line or the next"
            } else {
                continue;
            };
            stale.push(Stale {
                file: file.rel.clone(),
                line: i + 1,
                problem: problem.to_string(),
            });
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_and_reason_in_any_comment_style() {
        assert_eq!(
            parse_line("  Log.i(T, x); // piitrace:ignore PI301 debug build only"),
            Some(Suppression {
                rules: vec!["PI301".into()],
                reason: "debug build only".into()
            })
        );
        assert_eq!(
            parse_line("<!-- piitrace:ignore PI204, PI101 needed for maps -->"),
            Some(Suppression {
                rules: vec!["PI204".into(), "PI101".into()],
                reason: "needed for maps".into()
            })
        );
        assert_eq!(
            parse_line("# piitrace:ignore PI001").map(|s| s.reason),
            Some(String::new())
        );
        assert_eq!(parse_line("no marker"), None);
    }
}
