//! Rules about flows of personal data to sinks: PI001 (the inventory of every
//! flow), PI301 (log), PI302 (cleartext HTTP) and PI303 (unencrypted storage of
//! sensitive data).

use crate::analysis::program::Program;
use crate::analysis::prompts::Prompts;
use crate::analysis::{Analysis, Flow, SourceInfo, Step};
use crate::declaration::{url_host, Declaration};
use crate::findings::Finding;
use crate::knowledge::{Knowledge, SinkKind};
use crate::rules::rule;

pub fn findings_from_flows(
    analysis: &Analysis,
    knowledge: &Knowledge,
    prompts: &Prompts,
    program: &Program,
    declaration: &Declaration,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for flow in &analysis.flows {
        let source = &analysis.sources[flow.source as usize];
        let category = knowledge.category(&source.category);
        let label = category.map_or(source.category.as_str(), |c| c.label.as_str());
        let sensitive = category.is_some_and(|c| c.sensitive) || source.minor;
        let whose = if source.minor { "a child's " } else { "" };
        let what = format!("{whose}{label} ({})", source.category);
        let sink = &flow.sink;
        let identity = vec![
            sink.function.clone(),
            sink.callee.clone(),
            sink.kind.as_str().to_string(),
            source.category.clone(),
            source.description.clone(),
        ];
        // A third party: an SDK, or a host the declaration does not name as the app's own.
        let foreign_host = (sink.kind == SinkKind::Network)
            .then(|| sink.url.as_deref().and_then(url_host))
            .flatten()
            .filter(|h| declaration.is_own_host(h) == Some(false));
        let unprompted = (sink.kind == SinkKind::ThirdPartySdk || foreign_host.is_some())
            && crate::rules::prompts::unprompted_at_sink(flow, &source.category, prompts);
        // For PI103, the way to the sharing call that asks nothing.
        let way_in = if unprompted {
            crate::rules::prompts::unprompted_way_in(
                prompts,
                program,
                sink.func,
                &source.category,
                Step {
                    span: sink.span,
                    message: format!("shared: `{}`", sink.callee),
                },
            )
        } else {
            Vec::new()
        };
        let mut emit = |id: &str, message: String| {
            let Some(rule) = rule(id) else { return };
            out.push(Finding {
                rule,
                level: rule.level_for(sensitive),
                message,
                span: sink.span,
                end: sink.call_span,
                category: Some(source.category.clone()),
                sensitive,
                minor: source.minor,
                sink_kind: Some(sink.kind),
                sdk: sink.sdk.clone(),
                url: sink.url.clone(),
                source: Some(source.description.clone()),
                steps: flow.steps.clone(),
                unprompted_path: if id == "PI103" {
                    way_in.clone()
                } else {
                    Vec::new()
                },
                identity: identity.clone(),
                fingerprint: String::new(),
                suppression: None,
                permission: None,
            });
        };
        let destination = match foreign_host {
            Some(host) => format!("the third-party host {host} through `{}`", sink.callee),
            None => destination(flow, source),
        };
        emit(
            "PI001",
            format!(
                "Personal data, {what} from {}, reaches {destination}",
                source.description
            ),
        );
        if unprompted {
            emit(
                "PI103",
                format!(
                    "{} from {} is shared with {destination} without the user's consent or a permission prompt covering it",
                    capitalise(&what),
                    source.description
                ),
            );
        }
        match sink.kind {
            SinkKind::Log => emit(
                "PI301",
                format!(
                    "{} from {} is written to the log by `{}`",
                    capitalise(&what),
                    source.description,
                    sink.callee
                ),
            ),
            SinkKind::Network => {
                if let Some(url) = sink.url.as_deref().filter(|u| u.starts_with("http://")) {
                    emit(
                        "PI302",
                        format!(
                            "{} from {} is sent over cleartext HTTP to `{url}`",
                            capitalise(&what),
                            source.description
                        ),
                    );
                }
            }
            SinkKind::Storage if sensitive && !sink.encrypted => emit(
                "PI303",
                format!(
                    "Sensitive personal data, {what} from {}, is stored unencrypted by `{}`",
                    source.description, sink.callee
                ),
            ),
            _ => {}
        }
    }
    out
}

fn destination(flow: &Flow, _source: &SourceInfo) -> String {
    let sink = &flow.sink;
    match sink.kind {
        SinkKind::ThirdPartySdk => match &sink.sdk {
            Some(sdk) => format!("the third-party SDK {sdk} through `{}`", sink.callee),
            None => format!("a third-party SDK through `{}`", sink.callee),
        },
        SinkKind::Network => match &sink.url {
            Some(url) => format!("the network ({url}) through `{}`", sink.callee),
            None => format!("the network through `{}`", sink.callee),
        },
        SinkKind::Log => format!("a log through `{}`", sink.callee),
        SinkKind::Storage => format!("storage through `{}`", sink.callee),
        SinkKind::Ipc => format!("another app (IPC) through `{}`", sink.callee),
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
