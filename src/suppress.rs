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

fn is_rule_id(s: &str) -> bool {
    s.len() == 5 && s.starts_with("PI") && s[2..].chars().all(|c| c.is_ascii_digit())
}

/// Marks every finding that a suppression comment with a reason covers.
pub fn apply(findings: &mut [Finding], files: &[SourceFile]) {
    for f in findings.iter_mut() {
        let Some(file) = file_by_id(files, f.span.file) else {
            continue;
        };
        let line = f.span.start.line;
        let candidates = [Some(line), line.checked_sub(1)];
        for l in candidates.into_iter().flatten() {
            if let Some(s) = parse_line(file.line(l)) {
                if !s.reason.is_empty() && s.rules.contains(&f.rule.id) {
                    f.suppression = Some(s.reason);
                    break;
                }
            }
        }
    }
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
