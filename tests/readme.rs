//! The README's rule table is the one generated from the rule docs.

#[test]
fn readme_rule_table_matches_the_rule_docs() {
    let readme = include_str!("../README.md");
    let start = readme.find("<!-- rules:begin -->\n").expect("begin marker")
        + "<!-- rules:begin -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("end marker");
    assert_eq!(
        &readme[start..end],
        piitrace::rules::markdown_table(),
        "regenerate with `piitrace rules --markdown`"
    );
}

#[test]
fn readme_configuration_example_is_valid() {
    let readme = include_str!("../README.md");
    let start = readme.find("```toml\n[scan]").expect("config example") + "```toml\n".len();
    let end = start + readme[start..].find("```").expect("end of example");
    let config = piitrace::config::Config::parse(&readme[start..end]).expect("example parses");
    assert_eq!(config.scan.exclude.len(), 2);
    piitrace::knowledge::Knowledge::with_extension(config.knowledge)
        .expect("example extends the knowledge base");
}
