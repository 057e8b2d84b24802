//! The individual's rights: PI104 (consent recorded that no reachable code
//! withdraws) and PI105 (accounts created where the code never deletes one). Both are
//! properties of the whole scan, judged on the places [`Rights`] finds.

use crate::analysis::rights::{Consent, Rights};
use crate::analysis::Program;
use crate::findings::Finding;
use crate::knowledge::Knowledge;
use crate::rules::rule;

/// PI104 at every call or assignment that records consent when no live code
/// withdraws that consent: the same flag set false, removed or cleared, or the same
/// vendor switch told no (or asked through its privacy options).
pub fn consent_without_withdrawal(
    rights: &Rights,
    program: &Program,
    knowledge: &Knowledge,
) -> Vec<Finding> {
    let Some(rule) = rule("PI104") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for record in &rights.records {
        if rights.withdrawals_of(record).next().is_some() {
            continue;
        }
        let function = program.qualified_name(record.function);
        let dead = rights
            .withdrawals
            .iter()
            .find(|w| !w.live && w.consent.undoes(&record.consent))
            .map(|w| {
                format!(
                    " (`{}` withdraws it, but nothing reaches it)",
                    program.qualified_name(w.function)
                )
            })
            .unwrap_or_default();
        let (what, how) = match &record.consent {
            Consent::Gate(i) => {
                let gate = knowledge.consent_gates.get(*i);
                let methods: Vec<String> = gate
                    .map(|g| {
                        let mut m: Vec<String> = Vec::new();
                        if !g.records_on_call {
                            m.extend(g.method.iter().map(|x| format!("`{x}(.., false)`")));
                        }
                        m.extend(g.withdrawn_by.iter().map(|x| format!("`{x}`")));
                        m
                    })
                    .unwrap_or_default();
                (
                    format!("consent is given to `{}`", record.label),
                    format!("calls {}", methods.join(" or ")),
                )
            }
            _ => (
                format!("consent `{}` is recorded", record.label),
                "sets it to false, removes or clears it".to_string(),
            ),
        };
        out.push(Finding::at(
            rule,
            record.span,
            record.end,
            None,
            false,
            format!(
                "The user's {what} by {} in `{function}`, but no code reachable from the \
                 app's screens or routes withdraws it (nothing {how}){dead}: PIPL Art. 15 \
                 asks for a convenient way to withdraw consent",
                record.what
            ),
            vec![function, record.what.clone()],
        ));
    }
    out
}

/// PI105 at every place that creates an account when the code deletes none.
pub fn account_without_deletion(rights: &Rights, program: &Program) -> Vec<Finding> {
    let Some(rule) = rule("PI105") else {
        return Vec::new();
    };
    if !rights.deletions.is_empty() {
        return Vec::new();
    }
    rights
        .creations
        .iter()
        .map(|c| {
            let function = program.qualified_name(c.function);
            Finding::at(
                rule,
                c.span,
                c.end,
                None,
                false,
                format!(
                    "Accounts are created by {} in `{function}`, but no request, route or \
                     call anywhere deletes (cancels, 注销) an account: PIPL Art. 47 and app \
                     stores ask for a way to delete it",
                    c.what
                ),
                vec![function, c.what.clone()],
            )
        })
        .collect()
}
