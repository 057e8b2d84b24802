//! Rules about asking the user first: PI101 (a collection point of a
//! permission-guarded or sensitive category that no prompt covers), PI102 (collection
//! or a third-party SDK's start at startup, before any consent check) and PI103
//! (personal data handed to a third-party SDK where no prompt covers it).

use crate::analysis::prompts::Prompts;
use crate::analysis::FnId;
use crate::analysis::{Analysis, Flow, Program, SourceKind, Step};
use crate::findings::Finding;
use crate::knowledge::Knowledge;
use crate::rules::flows::capitalise;
use crate::rules::rule;

/// PI101 for every reachable collection point (a platform API call or a read of
/// what the user typed) that no permission check, result callback or consent check
/// covers, in its function or on every way into it.
pub fn collection_without_prompt(
    analysis: &Analysis,
    prompts: &Prompts,
    program: &Program,
    knowledge: &Knowledge,
) -> Vec<Finding> {
    let Some(rule) = rule("PI101") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for source in &analysis.sources {
        if !matches!(source.kind, SourceKind::Api | SourceKind::UserInput)
            || !analysis.reachable.contains(&source.function)
        {
            continue;
        }
        // A callback's parameter is collected where the callback was registered.
        let grant = if prompts.knows(program, source.function, source.span) {
            prompts.at(source.function, source.span)
        } else {
            let registered_by = callback_registrations(knowledge, program, source.function);
            match prompts.callback_grant(program, source.function, source.span, &registered_by) {
                Some(g) => g,
                None => continue,
            }
        };
        let Some(category) = knowledge.category(&source.category) else {
            continue;
        };
        let sensitive = category.sensitive || source.minor;
        let guarded = !category.permissions.is_empty();
        // What the user typed is prompted by the typing, unless it is sensitive.
        let eligible = match source.kind {
            SourceKind::UserInput => {
                sensitive
                    && !knowledge
                        .prompts
                        .typing_is_consent
                        .contains(&source.category)
            }
            _ => guarded || sensitive,
        };
        if !eligible {
            continue;
        }
        if grant.covers(&source.category) {
            continue;
        }
        // Android permissions mean something only to Android code.
        let android = program.module(source.function.module).is_android();
        let runtime = knowledge.runtime_permissions(
            source
                .permissions
                .as_deref()
                .unwrap_or(&category.permissions),
        );
        let ask = if !runtime.is_empty() && android {
            let perms: Vec<&str> = runtime
                .iter()
                .map(|p| p.rsplit('.').next().unwrap_or(p))
                .collect();
            format!(
                "no check of {} and no consent check guards it",
                perms.join(" or ")
            )
        } else if guarded && android && !sensitive {
            "it needs no runtime permission, so only the user's consent can cover it, and no consent check guards it".to_string()
        } else if sensitive {
            "no consent check guards it (a sensitive category needs separate consent)".to_string()
        } else {
            "no permission or consent check guards it".to_string()
        };
        let via = prompts
            .unprompted_caller(source.function, &source.category)
            .map(|(caller, _)| {
                format!(
                    ", and `{}` reaches it without one",
                    program.qualified_name(caller)
                )
            })
            .unwrap_or_default();
        let function = program.qualified_name(source.function);
        // The way in that asks nothing, from the outermost caller to the collection.
        let steps = unprompted_way_in(
            prompts,
            program,
            source.function,
            &source.category,
            Step {
                span: source.span,
                message: format!("collected: {}", source.description),
            },
        );
        out.push(Finding {
            steps,
            permission: runtime.first().filter(|_| android).map(|p| p.to_string()),
            ..Finding::at_source(
                rule,
                source,
                sensitive,
                function.clone(),
                format!(
                    "{}{} ({}) is collected by {} in `{function}` without asking first: {ask}{via}",
                    if source.minor { "A child's " } else { "" },
                    if source.minor {
                        category.label.to_lowercase()
                    } else {
                        capitalise(&category.label)
                    },
                    source.category,
                    source.description
                ),
            )
        });
    }
    out
}

/// The way into `f` that asks nothing for `category`, from the outermost caller to
/// `last` (the collection or the sharing call), for a result's code flow; empty when
/// `f` itself lacks the prompt (no caller to show).
pub fn unprompted_way_in(
    prompts: &Prompts,
    program: &Program,
    f: FnId,
    category: &str,
    last: Step,
) -> Vec<Step> {
    let mut steps: Vec<Step> = prompts
        .unprompted_path(f, category, 8)
        .into_iter()
        .map(|(caller, span)| Step {
            span,
            message: format!("unprompted call in `{}`", program.qualified_name(caller)),
        })
        .collect();
    if !steps.is_empty() {
        steps.push(last);
    }
    steps
}

/// The calls that register the framework callback `f` implements
/// (`onLocationChanged` ← `requestLocationUpdates`), from the knowledge base.
fn callback_registrations(knowledge: &Knowledge, program: &Program, f: FnId) -> Vec<String> {
    let name = &program.function(f).name;
    knowledge
        .sources
        .iter()
        .filter(|s| s.method.iter().any(|m| m == name))
        .flat_map(|s| s.registered_by.iter().cloned())
        .collect()
}

/// PI102 for every collection point and every third-party SDK start that runs at
/// startup (`Application.onCreate` and what it calls) outside a consent check.
pub fn collection_before_consent(
    analysis: &Analysis,
    prompts: &Prompts,
    program: &Program,
    knowledge: &Knowledge,
) -> Vec<Finding> {
    let Some(rule) = rule("PI102") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |span, end, category: Option<String>, sensitive, message: String, identity| {
        out.push(Finding::at(
            rule, span, end, category, sensitive, message, identity,
        ));
    };
    for source in &analysis.sources {
        if source.kind != SourceKind::Api
            || !prompts.knows(program, source.function, source.span)
            || !prompts.before_consent(source.function, source.span)
        {
            continue;
        }
        let category = knowledge.category(&source.category);
        let label = category.map_or(source.category.as_str(), |c| c.label.as_str());
        let sensitive = category.is_some_and(|c| c.sensitive);
        let function = program.qualified_name(source.function);
        push(
            source.span,
            source.span,
            Some(source.category.clone()),
            sensitive,
            format!(
                "{} ({}) is collected by {} in `{function}`, which runs at startup before any consent check",
                capitalise(label),
                source.category,
                source.description
            ),
            vec![function, source.description.clone(), source.category.clone()],
        );
    }
    for (f, span, whole, class) in &prompts.sdk_inits {
        if !analysis.reachable.contains(f) || !prompts.sdk_before_consent(*f, *span, class) {
            continue;
        }
        let sdk = knowledge
            .sdk_for_class(class)
            .map_or(class.clone(), |s| s.name.clone());
        let function = program.qualified_name(*f);
        // Point at the vendor's own consent switch when it has one.
        let switch = knowledge
            .consent_gates
            .iter()
            .find(|g| g.covers.iter().any(|p| class.starts_with(p.as_str())))
            .and_then(|g| {
                let class = g.class.rsplit('.').next()?;
                Some(format!(
                    "; ask first, or tell it the user's answer with `{class}.{}` before starting it",
                    g.method.iter().next()?
                ))
            })
            .unwrap_or_default();
        push(
            *span,
            *whole,
            None,
            false,
            format!(
                "The third-party SDK {sdk} is started in `{function}`, which runs at startup before any consent check{switch}"
            ),
            vec![function, class.clone()],
        );
    }
    out
}

/// Whether a flow's sink call lacks a prompt for its category.
pub fn unprompted_at_sink(flow: &Flow, category: &str, prompts: &Prompts) -> bool {
    !prompts.at(flow.sink.func, flow.sink.span).covers(category)
}
