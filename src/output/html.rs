//! Pieces the self-contained HTML reports share (the inventory, the portfolio
//! report): one style sheet, horizontal bar charts drawn with CSS only, no script and
//! nothing fetched from elsewhere, so a report opens offline and prints as it shows.

use std::fmt::Write as _;

use crate::output::escape_markup;

/// The style sheet of every report.
pub const STYLE: &str = r#"body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1f24; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sensitive { color: #a40e26; font-weight: 600; }
.no { color: #a40e26; }
.summary { display: flex; gap: 2rem; flex-wrap: wrap; }
.chart { flex: 1 1 20rem; }
.bar { display: flex; align-items: center; gap: .5rem; margin: .15rem 0; font-size: .85rem; }
.bar span.label { width: 11rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar span.fill { background: #0969da; height: .8rem; display: inline-block; }
.bar span.fill.sens { background: #cf222e; }
code { font-size: .85rem; }
a { color: #0969da; }
"#;

/// One bar: its label, its value, and whether it is drawn as sensitive.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub sensitive: bool,
}

/// A titled bar chart (`<div class="chart" id=..>`), bars scaled to the largest.
pub fn bar_chart(out: &mut String, id: &str, title: &str, bars: &[Bar]) {
    let e = escape_markup;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let _ = writeln!(
        out,
        "<div class=\"chart\" id=\"{}\"><h3>{}</h3>",
        e(id),
        e(title)
    );
    for b in bars {
        let _ = writeln!(
            out,
            "<div class=\"bar\"><span class=\"label\">{}</span><span class=\"fill{}\" style=\"width:{}%\"></span><span>{}</span></div>",
            e(b.label),
            if b.sensitive { " sens" } else { "" },
            (b.value * 60 / max).max(2),
            b.value
        );
    }
    out.push_str("</div>\n");
}
