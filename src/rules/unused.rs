//! PI201 collected-but-unused: a collection point whose value is thrown away, or
//! kept in a variable, field or property nothing reads (PIPL Art. 6: collect only
//! what a purpose needs).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::{Analysis, Program, SourceInfo, SourceKind};
use crate::findings::Finding;
use crate::ir::*;
use crate::knowledge::Knowledge;
use crate::rules::flows::capitalise;
use crate::rules::rule;

/// The names a module reads: variables, fields and properties (`getX()` reads `x`),
/// but not the targets of plain assignments.
fn names_read(module: &Module) -> HashSet<String> {
    let mut targets: HashSet<Span> = HashSet::default();
    let mut read: HashSet<String> = HashSet::default();
    for f in &module.functions {
        walk_exprs(&f.body, &mut |e| {
            if let ExprKind::Assign {
                target,
                compound: false,
                ..
            } = &e.kind
            {
                targets.insert(target.span);
            }
        });
    }
    for f in &module.functions {
        walk_exprs(&f.body, &mut |e| match &e.kind {
            ExprKind::Name(n) | ExprKind::Field { name: n, .. } if !targets.contains(&e.span) => {
                read.insert(n.clone());
            }
            ExprKind::MethodRef { name, .. } => {
                read.insert(name.clone());
            }
            ExprKind::Call(c) => {
                read.insert(c.name.clone());
                for prefix in ["get", "is"] {
                    if let Some(rest) = c.name.strip_prefix(prefix) {
                        let mut chars = rest.chars();
                        if let Some(first) = chars.next() {
                            read.insert(first.to_lowercase().chain(chars).collect());
                        }
                    }
                }
            }
            _ => {}
        });
    }
    read
}

/// The source a value is, looking through calls made on it
/// (`machine_uid::get().unwrap_or_default()`, `edit.getText().toString()`).
fn source_of(e: &Expr, spans: &HashMap<Span, usize>) -> Option<usize> {
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Call(c) => {
                if let Some(&i) = spans.get(&c.name_span) {
                    return Some(i);
                }
                cur = c.receiver.as_deref()?;
            }
            ExprKind::Field { receiver, .. } => {
                // A property read is located at its name, the end of the expression.
                if let Some((_, &i)) = spans
                    .iter()
                    .find(|(s, _)| s.file == cur.span.file && s.end_byte == cur.span.end_byte)
                {
                    return Some(i);
                }
                cur = receiver;
            }
            ExprKind::Cast { expr, .. } => cur = expr,
            _ => return None,
        }
    }
}

enum Unused {
    Discarded,
    Variable(String),
    Field(String),
}

pub fn collected_but_unused(
    analysis: &Analysis,
    program: &Program,
    knowledge: &Knowledge,
) -> Vec<Finding> {
    let Some(rule) = rule("PI201") else {
        return Vec::new();
    };
    // Platform reads in code that runs, by the span of the call.
    let mut by_module: HashMap<u32, HashMap<Span, usize>> = HashMap::default();
    for (i, s) in analysis.sources.iter().enumerate() {
        if s.kind == SourceKind::Api
            && analysis.reachable.contains(&s.function)
            && !program
                .function(s.function)
                .params
                .iter()
                .any(|p| p.span == s.span)
        {
            by_module
                .entry(s.function.module)
                .or_default()
                .insert(s.span, i);
        }
    }
    let mut program_reads: Option<HashSet<String>> = None;
    let mut out = Vec::new();
    let mut modules: Vec<u32> = by_module.keys().copied().collect();
    modules.sort_unstable();
    for m in modules {
        let spans = &by_module[&m];
        let module = program.module(m);
        let module_reads = names_read(module);
        let mut found: Vec<(usize, Unused)> = Vec::new();
        for f in &module.functions {
            let locals: HashSet<&str> = {
                let mut l: HashSet<&str> = f.params.iter().map(|p| p.name.as_str()).collect();
                visit_stmts(&f.body, &mut |s| {
                    if let Stmt::Let { name, .. } = s {
                        l.insert(name.as_str());
                    }
                });
                l
            };
            visit_stmts(&f.body, &mut |s| match s {
                Stmt::Expr(e) => match &e.kind {
                    // A call that delivers the data elsewhere (a callback, a buffer,
                    // a file) has no result to use.
                    ExprKind::Call(c)
                        if spans.contains_key(&c.name_span)
                            && knowledge.sources_named(&c.name).all(|s| s.returns_data) =>
                    {
                        found.push((spans[&c.name_span], Unused::Discarded));
                    }
                    ExprKind::Assign {
                        target,
                        value,
                        compound: false,
                    } => {
                        let Some(i) = source_of(value, spans) else {
                            return;
                        };
                        let unused = match &target.kind {
                            ExprKind::Name(n) if locals.contains(n.as_str()) => {
                                (!module_reads.contains(n)).then(|| Unused::Variable(n.clone()))
                            }
                            ExprKind::Name(n) | ExprKind::Field { name: n, .. } => {
                                Some(Unused::Field(n.clone()))
                            }
                            _ => None,
                        };
                        if let Some(u) = unused {
                            found.push((i, u));
                        }
                    }
                    _ => {}
                },
                Stmt::Let {
                    name,
                    init: Some(e),
                    ..
                } => {
                    if let Some(i) = source_of(e, spans) {
                        if name == "_" {
                            found.push((i, Unused::Discarded));
                        } else if !module_reads.contains(name) {
                            found.push((i, Unused::Variable(name.clone())));
                        }
                    }
                }
                _ => {}
            });
        }
        for (i, how) in found {
            // A field counts as read when any file reads a field or property of
            // that name (the class's users included).
            if let Unused::Field(name) = &how {
                let reads = program_reads.get_or_insert_with(|| {
                    program.modules.iter().flat_map(|m| names_read(m)).collect()
                });
                if reads.contains(name) {
                    continue;
                }
            }
            out.push(finding(
                rule,
                &analysis.sources[i],
                &how,
                program,
                knowledge,
            ));
        }
    }
    out
}

fn finding(
    rule: &'static crate::rules::Rule,
    source: &SourceInfo,
    how: &Unused,
    program: &Program,
    knowledge: &Knowledge,
) -> Finding {
    let category = knowledge.category(&source.category);
    let label = category.map_or(source.category.as_str(), |c| c.label.as_str());
    let sensitive = category.is_some_and(|c| c.sensitive);
    let function = program.qualified_name(source.function);
    let fate = match how {
        Unused::Discarded => "and throws it away".to_string(),
        Unused::Variable(v) => format!("into `{v}`, which nothing reads"),
        Unused::Field(v) => format!("into the field `{v}`, which nothing reads"),
    };
    Finding::at_source(
        rule,
        source,
        sensitive,
        function.clone(),
        format!(
            "{} ({}) is collected by {} in `{function}` {fate}: collect only what a purpose needs, or remove the call",
            capitalise(label),
            source.category,
            source.description
        ),
    )
}
