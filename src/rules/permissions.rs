//! PI204 (unused-permission): a dangerous permission an Android manifest requests
//! although no code of its project uses it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::{Analysis, SourceKind};
use crate::findings::Finding;
use crate::frontend::manifest::UsesPermission;
use crate::ir::FileId;
use crate::knowledge::Knowledge;
use crate::rules::rule;
use crate::scan::file_by_id;
use crate::workspace::SourceFile;

/// The permissions one `AndroidManifest.xml` requests, and the project it belongs to.
#[derive(Debug, Clone)]
pub struct ManifestPermissions {
    pub file: FileId,
    /// The Gradle project: the directory (relative to the scan root, empty for the
    /// root) of the nearest `settings.gradle(.kts)` above the manifest, or the whole
    /// scan when there is none. Manifests of one project are merged into one app, and
    /// the code of all its modules may use their permissions.
    pub project: String,
    pub permissions: Vec<UsesPermission>,
}

/// PI204 for every `<uses-permission>` element requesting a dangerous permission
/// when no code of the manifest's project uses it: collects a category it guards (a
/// platform API, SDK or callback collection point, reachable or not: a variable's
/// name is no use of a permission), or names an API the knowledge base says uses it
/// otherwise (`getCallCapablePhoneAccounts`, `openCamera`). Normal permissions, and
/// those the knowledge base does not tie to a category, are never reported; neither
/// is a permission some manifest of the project removes with `tools:node="remove"`.
///
/// A content provider's URI may reach its query through a constant or a wrapper the
/// analysis does not follow (`queryResolver(resolver, IMAGES_URI, ..)`): a source
/// file of the project that names a URI of a category (`MediaStore.Images`) counts
/// as collecting it, rather than report a permission the code may well use.
pub fn unused_permissions(
    analysis: &Analysis,
    knowledge: &Knowledge,
    manifests: &[ManifestPermissions],
    files: &[SourceFile],
) -> Vec<Finding> {
    let Some(rule) = rule("PI204") else {
        return Vec::new();
    };
    let dangerous = knowledge.dangerous_permissions();
    let mut collected: HashMap<&str, HashSet<&str>> = HashMap::default();
    let mut removed: HashMap<&str, HashSet<&str>> = HashMap::default();
    for m in manifests {
        let project = m.project.as_str();
        collected
            .entry(project)
            .or_insert_with(|| collected_in(analysis, files, project));
        removed.entry(project).or_default().extend(
            m.permissions
                .iter()
                .filter(|p| p.removed)
                .map(|p| p.name.as_str()),
        );
    }
    // (project, category) → whether a source file of the project names one of the
    // category's content URIs; computed when needed.
    let mut named: HashMap<(&str, &str), bool> = HashMap::default();
    // (project, permission) → whether a source file of the project names one of the
    // permission's APIs; computed when needed.
    let mut words: HashMap<(&str, &str), bool> = HashMap::default();
    let mut out = Vec::new();
    for m in manifests {
        let project = m.project.as_str();
        for p in &m.permissions {
            let Some(judged) = dangerous.get(&p.name) else {
                continue;
            };
            let used = collected
                .get(project)
                .is_some_and(|c| judged.guards.iter().any(|id| c.contains(id.as_str())))
                || judged.guards.iter().any(|id| {
                    *named
                        .entry((project, id.as_str()))
                        .or_insert_with(|| names_a_uri_of(knowledge, files, project, id))
                })
                || (!judged.api_names.is_empty()
                    && *words
                        .entry((project, p.name.as_str()))
                        .or_insert_with(|| names_a_word_of(files, project, &judged.api_names)));
            let stripped = removed
                .get(project)
                .is_some_and(|r| r.contains(p.name.as_str()));
            if p.removed || stripped || used {
                continue;
            }
            let guarded: Vec<String> = judged
                .guards
                .iter()
                .map(|id| {
                    let label = knowledge.category(id).map_or(id.as_str(), |c| &c.label);
                    format!("{label} ({id})")
                })
                .collect();
            let sensitive = judged
                .guards
                .iter()
                .any(|id| knowledge.category(id).is_some_and(|c| c.sensitive));
            let short = p.name.rsplit('.').next().unwrap_or(&p.name);
            out.push(Finding::at(
                rule,
                p.span,
                p.span,
                judged.guards.first().cloned(),
                sensitive,
                format!(
                    "The dangerous permission `{short}` is requested, but no code uses it: nothing collects {}; remove it unless a library the app bundles needs it",
                    or_list(&guarded)
                ),
                vec![p.name.clone()],
            ));
        }
    }
    out
}

/// Whether a file (relative path) is part of the project (a directory, empty for
/// the whole scan).
fn in_project(rel: &str, project: &str) -> bool {
    project.is_empty()
        || rel
            .strip_prefix(project)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The categories collected by platform APIs in the project's files.
fn collected_in<'a>(
    analysis: &'a Analysis,
    files: &[SourceFile],
    project: &str,
) -> HashSet<&'a str> {
    analysis
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Api)
        .filter(|s| file_by_id(files, s.span.file).is_some_and(|f| in_project(&f.rel, project)))
        .map(|s| s.category.as_str())
        .collect()
}

/// Whether a source file of the project names a content URI the knowledge base ties
/// to `category` (`ContactsContract`, `MediaStore.Images`).
fn names_a_uri_of(
    knowledge: &Knowledge,
    files: &[SourceFile],
    project: &str,
    category: &str,
) -> bool {
    let uris: Vec<&str> = knowledge
        .content_query_sources()
        .filter(|s| s.category == category)
        .filter_map(|s| s.uri.as_deref())
        .filter(|u| !u.is_empty())
        .collect();
    !uris.is_empty()
        && files
            .iter()
            .filter(|f| f.is_source() && in_project(&f.rel, project))
            .any(|f| uris.iter().any(|u| f.text.contains(u)))
}

/// Whether a source file of the project has one of `names` as a whole word
/// (comments included).
fn names_a_word_of(files: &[SourceFile], project: &str, names: &[String]) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    files
        .iter()
        .filter(|f| f.is_source() && in_project(&f.rel, project))
        .any(|f| {
            names.iter().filter(|n| !n.is_empty()).any(|n| {
                f.text.match_indices(n.as_str()).any(|(at, _)| {
                    let before = f.text[..at].chars().next_back();
                    let after = f.text[at + n.len()..].chars().next();
                    !before.is_some_and(word) && !after.is_some_and(word)
                })
            })
        })
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        let s = |v: &[&str]| or_list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a or b");
        assert_eq!(s(&["a", "b", "c"]), "a, b or c");
    }
}
