//! The personal-information inventory as Markdown, HTML, JSON and CSV: the two lists
//! Chinese app rules ask every app to publish (collected; shared with third parties).

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::inventory::{Collected, Inventory, Place, Shared};
use crate::output::escape_markup;
use crate::output::html::{bar_chart, Bar, STYLE};

const UNDECLARED: &str = "undeclared";

fn purposes(c: &Collected, declared: bool) -> String {
    if c.purposes.is_empty() {
        if declared {
            UNDECLARED.to_string()
        } else {
            "(no declaration)".to_string()
        }
    } else {
        c.purposes.join(", ")
    }
}

fn prompted(c: &Collected) -> String {
    match (c.reads, c.unprompted) {
        (0, _) => "n/a (received, not read)".to_string(),
        (_, 0) => "yes".to_string(),
        (r, n) => format!("no ({n} of {r} without)"),
    }
}

/// "Umeng+ …", "api.x.cn (host)".
fn recipient(s: &Shared) -> String {
    match s.kind.as_str() {
        "host" => format!("{} (host)", s.recipient),
        _ => s.recipient.clone(),
    }
}

fn consent(s: &Shared) -> String {
    match s.without_consent {
        0 => "yes".to_string(),
        n => format!("no ({n} without)"),
    }
}

fn place_text(p: &Place) -> String {
    format!("{}:{} {}", p.file, p.line, p.what)
}

/// Markdown: a heading, a one-line summary and the two tables.
pub fn markdown(inv: &Inventory) -> String {
    let mut out = tables_markdown(inv);
    rights_markdown(inv, &mut out);
    out
}

/// Your rights: consent and its withdrawal, account creation and deletion.
fn rights_markdown(inv: &Inventory, out: &mut String) {
    let esc = |s: &str| s.replace('|', "\\|");
    let list = |places: &[Place]| {
        if places.is_empty() {
            "**none**".to_string()
        } else {
            places
                .iter()
                .map(|p| esc(&place_text(p)))
                .collect::<Vec<_>>()
                .join("<br>")
        }
    };
    let r = &inv.rights;
    let _ = writeln!(out, "\n## Your rights: consent and account deletion\n");
    if r.consents.is_empty() {
        let _ = writeln!(out, "No consent recorded in the code.");
    } else {
        let _ = writeln!(
            out,
            "| consent | recorded at | can be withdrawn at |\n|---|---|---|"
        );
        for c in &r.consents {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                esc(&c.consent),
                list(&c.recorded_at),
                list(&c.withdrawn_at)
            );
        }
    }
    if r.account_created_at.is_empty() && r.account_deleted_at.is_empty() {
        let _ = writeln!(out, "\nNo account creation or deletion found.");
    } else {
        let _ = writeln!(
            out,
            "\n| accounts | where |\n|---|---|\n| created at | {} |\n| can be deleted at | {} |",
            list(&r.account_created_at),
            list(&r.account_deleted_at)
        );
    }
}

fn tables_markdown(inv: &Inventory) -> String {
    let mut out = String::new();
    let esc = |s: &str| s.replace('|', "\\|");
    let _ = writeln!(out, "# Personal information inventory: {}\n", inv.app);
    let _ = writeln!(
        out,
        "{} categories collected ({} sensitive), {} third parties.\n",
        inv.collected.len(),
        inv.collected.iter().filter(|c| c.sensitive).count(),
        inv.shared.len()
    );
    let _ = writeln!(out, "## Personal information collected\n");
    let _ = writeln!(
        out,
        "| category | sensitive | where | permission | purpose | prompted |\n|---|---|---|---|---|---|"
    );
    for c in &inv.collected {
        let places: Vec<String> = c.places.iter().map(|p| esc(&place_text(p))).collect();
        let _ = writeln!(
            out,
            "| {} (`{}`) | {} | {} | {} | {} | {} |",
            esc(&c.label),
            c.category,
            if c.sensitive { "yes" } else { "no" },
            places.join("<br>"),
            if c.permissions.is_empty() {
                "-".to_string()
            } else {
                c.permissions.join(", ")
            },
            esc(&purposes(c, inv.declared)),
            prompted(c)
        );
    }
    let _ = writeln!(out, "\n## Personal information shared with third parties\n");
    if inv.shared.is_empty() {
        let _ = writeln!(out, "None found.");
        return out;
    }
    let _ = writeln!(
        out,
        "| third party | company | purpose | categories | where | consent first |\n|---|---|---|---|---|---|"
    );
    for s in &inv.shared {
        let places: Vec<String> = s.places.iter().map(|p| esc(&place_text(p))).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            esc(&recipient(s)),
            esc(s.vendor.as_deref().unwrap_or("-")),
            esc(s.purpose.as_deref().unwrap_or("-")),
            s.categories.join(", "),
            places.join("<br>"),
            consent(s)
        );
    }
    out
}

pub fn json(inv: &Inventory) -> Value {
    json!({ "schemaVersion": 1, "inventory": inv })
}

/// CSV: one row per place, both tables in one file (`table` says which).
pub fn csv(inv: &Inventory) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from(
        "table,category_or_party,sensitive,purpose,permission_or_company,prompted_or_consent,file,line,what\n",
    );
    for c in &inv.collected {
        for p in &c.places {
            let _ = writeln!(
                out,
                "collected,{},{},{},{},{},{},{},{}",
                field(&c.category),
                c.sensitive,
                field(&purposes(c, inv.declared)),
                field(&c.permissions.join(" ")),
                field(&prompted(c)),
                field(&p.file),
                p.line,
                field(&p.what)
            );
        }
    }
    for c in &inv.rights.consents {
        for (kind, places) in [
            ("consent_recorded", &c.recorded_at),
            ("consent_withdrawn", &c.withdrawn_at),
        ] {
            for p in places {
                let _ = writeln!(
                    out,
                    "{kind},{},,,,,{},{},{}",
                    field(&c.consent),
                    field(&p.file),
                    p.line,
                    field(&p.what)
                );
            }
        }
    }
    for (kind, places) in [
        ("account_created", &inv.rights.account_created_at),
        ("account_deleted", &inv.rights.account_deleted_at),
    ] {
        for p in places {
            let _ = writeln!(
                out,
                "{kind},,,,,,{},{},{}",
                field(&p.file),
                p.line,
                field(&p.what)
            );
        }
    }
    for s in &inv.shared {
        for p in &s.places {
            let _ = writeln!(
                out,
                "shared,{},,{},{},{},{},{},{}",
                field(&s.recipient),
                field(s.purpose.as_deref().unwrap_or("")),
                field(s.vendor.as_deref().unwrap_or("")),
                field(&consent(s)),
                field(&p.file),
                p.line,
                field(&format!("{} {}", s.categories.join(" "), p.what))
            );
        }
    }
    out
}

/// One self-contained page an auditor can email: no scripts, no external fonts;
/// places link to the files (relative to the scanned directory).
pub fn html(inv: &Inventory) -> String {
    let e = escape_markup;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Personal information inventory: {app}</title>
<style>
{style}</style></head><body>
<h1>Personal information inventory: {app}</h1>
<p>{n} categories collected ({sens} sensitive), {t} third parties. Generated by piitrace from the source code{decl}.</p>
"#,
        style = STYLE,
        app = e(&inv.app),
        n = inv.collected.len(),
        sens = inv.collected.iter().filter(|c| c.sensitive).count(),
        t = inv.shared.len(),
        decl = if inv.declared {
            ", checked against the project's declaration"
        } else {
            "; the project has no declaration of purposes yet"
        }
    );
    // Summary charts: places per category, categories per third party.
    out.push_str("<div class=\"summary\">\n");
    let bars: Vec<Bar> = inv
        .collected
        .iter()
        .map(|c| Bar {
            label: &c.label,
            value: c.places.len(),
            sensitive: c.sensitive,
        })
        .collect();
    bar_chart(
        &mut out,
        "chart-collected",
        "Collected, by category (places)",
        &bars,
    );
    let bars: Vec<Bar> = inv
        .shared
        .iter()
        .map(|s| Bar {
            label: &s.recipient,
            value: s.categories.len(),
            sensitive: false,
        })
        .collect();
    bar_chart(
        &mut out,
        "chart-shared",
        "Shared, by third party (categories)",
        &bars,
    );
    out.push_str("</div>\n");
    let link = |p: &Place| {
        format!(
            "<a href=\"{}\">{}:{}</a> <code>{}</code>",
            e(&p.file),
            e(&p.file),
            p.line,
            e(&p.what)
        )
    };
    out.push_str("<h2>Personal information collected</h2>\n<table id=\"collected\"><thead><tr><th>Category</th><th>Sensitive</th><th>Where</th><th>Permission</th><th>Purpose</th><th>Prompted</th></tr></thead><tbody>\n");
    for c in &inv.collected {
        let places: Vec<String> = c.places.iter().map(link).collect();
        let purpose = purposes(c, inv.declared);
        let _ = writeln!(
            out,
            "<tr data-category=\"{}\"><td>{} (<code>{}</code>)</td><td{}>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td{}>{}</td></tr>",
            e(&c.category),
            e(&c.label),
            e(&c.category),
            if c.sensitive { " class=\"sensitive\"" } else { "" },
            if c.sensitive { "yes" } else { "no" },
            places.join("<br>"),
            e(&c.permissions.join(", ")),
            if purpose == UNDECLARED { " class=\"no\"" } else { "" },
            e(&purpose),
            if c.unprompted > 0 { " class=\"no\"" } else { "" },
            e(&prompted(c))
        );
    }
    out.push_str("</tbody></table>\n<h2>Personal information shared with third parties</h2>\n<table id=\"shared\"><thead><tr><th>Third party</th><th>Company</th><th>Purpose</th><th>Categories</th><th>Where</th><th>Consent first</th></tr></thead><tbody>\n");
    for s in &inv.shared {
        let places: Vec<String> = s.places.iter().map(link).collect();
        let _ = writeln!(
            out,
            "<tr data-recipient=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td></tr>",
            e(&s.recipient),
            e(&recipient(s)),
            e(s.vendor.as_deref().unwrap_or("-")),
            e(s.purpose.as_deref().unwrap_or("-")),
            e(&s.categories.join(", ")),
            places.join("<br>"),
            if s.without_consent > 0 { " class=\"no\"" } else { "" },
            e(&consent(s))
        );
    }
    out.push_str("</tbody></table>\n<h2>Your rights: consent and account deletion</h2>\n<table id=\"rights\"><thead><tr><th>Consent or account</th><th>Recorded or created at</th><th>Withdrawn or deleted at</th></tr></thead><tbody>\n");
    let cell = |places: &[Place]| {
        if places.is_empty() {
            "<td class=\"no\">none</td>".to_string()
        } else {
            format!(
                "<td>{}</td>",
                places.iter().map(link).collect::<Vec<_>>().join("<br>")
            )
        }
    };
    for c in &inv.rights.consents {
        let _ = writeln!(
            out,
            "<tr><td>{}</td>{}{}</tr>",
            e(&c.consent),
            cell(&c.recorded_at),
            cell(&c.withdrawn_at)
        );
    }
    if !inv.rights.account_created_at.is_empty() || !inv.rights.account_deleted_at.is_empty() {
        let _ = writeln!(
            out,
            "<tr><td>user account</td>{}{}</tr>",
            cell(&inv.rights.account_created_at),
            cell(&inv.rights.account_deleted_at)
        );
    }
    out.push_str("</tbody></table>\n</body></html>\n");
    out
}
