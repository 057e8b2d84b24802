//! Collection checked against the project's declaration: PI202 (a category collected
//! that no purpose lists), and the collection points the inventory lists.

use rustc_hash::FxHashSet as HashSet;

use crate::analysis::{Analysis, SourceInfo, SourceKind};
use crate::declaration::Declaration;
use crate::findings::Finding;
use crate::ir::Span;
use crate::knowledge::Knowledge;
use crate::rules::flows::capitalise;
use crate::rules::rule;

/// Where the program collects personal data: every platform API read and every read
/// of what the user typed, in code that runs; and, for a category the code never
/// reads from an API or a form (a server receives it in a request), the values named
/// for it that reach a sink.
pub fn collection_points(analysis: &Analysis) -> Vec<&SourceInfo> {
    let read = |s: &SourceInfo| {
        matches!(s.kind, SourceKind::Api | SourceKind::UserInput)
            && analysis.reachable.contains(&s.function)
    };
    let read_categories: HashSet<&str> = analysis
        .sources
        .iter()
        .filter(|s| read(s))
        .map(|s| s.category.as_str())
        .collect();
    let received: HashSet<u32> = analysis
        .flows
        .iter()
        .map(|f| f.source)
        .filter(|&id| {
            let s = &analysis.sources[id as usize];
            s.kind == SourceKind::Name && !read_categories.contains(s.category.as_str())
        })
        .collect();
    // A generic reading that a name refined (a sensor value stored as `heartRate`)
    // is collected as what the name says, not twice.
    let refined: HashSet<Span> = analysis
        .sources
        .iter()
        .filter(|s| !s.refinable)
        .map(|s| s.span)
        .collect();
    analysis
        .sources
        .iter()
        .enumerate()
        .filter(|&(i, s)| read(s) || received.contains(&(i as u32)))
        .filter(|(_, s)| !(s.refinable && refined.contains(&s.span)))
        .map(|(_, s)| s)
        .collect()
}

/// PI202 for every collection point of a category no purpose of the declaration
/// covers (only when there is a declaration).
pub fn undeclared_collection(
    analysis: &Analysis,
    declaration: &Declaration,
    knowledge: &Knowledge,
    program: &crate::analysis::Program,
) -> Vec<Finding> {
    let Some(rule) = rule("PI202") else {
        return Vec::new();
    };
    if !declaration.present {
        return Vec::new();
    }
    let mut out = Vec::new();
    for source in collection_points(analysis) {
        if !declaration
            .purposes_for(&source.category, knowledge)
            .is_empty()
        {
            continue;
        }
        let category = knowledge.category(&source.category);
        let label = category.map_or(source.category.as_str(), |c| c.label.as_str());
        let sensitive = category.is_some_and(|c| c.sensitive);
        let function = program.qualified_name(source.function);
        out.push(Finding::at_source(
            rule,
            source,
            sensitive,
            function.clone(),
            format!(
                "{} ({}) is collected by {} in `{function}`, but no purpose in the declaration lists it: add it to the purpose that needs it in `[purposes]` of piitrace.toml, or stop collecting it",
                capitalise(label),
                source.category,
                source.description
            ),
        ));
    }
    out
}
