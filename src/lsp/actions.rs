//! Code actions on a finding: a `piitrace:ignore` comment on the line before it,
//! and the rule's fix where it has an obvious one.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::report::{CommentSyntax, Entry};

/// What a suppression comment says until the developer writes the reason: a
/// suppression without one is reported, so this one reads as a to-do.
pub const REASON_PLACEHOLDER: &str = "TODO: why this is acceptable";

pub fn for_entry(uri: &Uri, text: Option<&str>, entry: &Entry) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let (Some(rule), Some(syntax)) = (&entry.rule, entry.comment) else {
        return out;
    };
    if let Some(fix) = &entry.fix {
        out.push(action(
            uri,
            entry,
            fix.title.clone(),
            TextEdit::new(fix.range, fix.text.clone()),
            true,
        ));
    }
    let line = entry.diagnostic.range.start.line;
    let indent: String = text
        .and_then(|t| t.lines().nth(line as usize))
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let comment = match syntax {
        CommentSyntax::Line => format!("{indent}// piitrace:ignore {rule} {REASON_PLACEHOLDER}\n"),
        CommentSyntax::Xml => {
            format!("{indent}<!-- piitrace:ignore {rule} {REASON_PLACEHOLDER} -->\n")
        }
    };
    let at = Position::new(line, 0);
    out.push(action(
        uri,
        entry,
        format!("Suppress {rule} here (piitrace:ignore)"),
        TextEdit::new(Range::new(at, at), comment),
        false,
    ));
    out
}

fn action(
    uri: &Uri,
    entry: &Entry,
    title: String,
    edit: TextEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![entry.diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}
