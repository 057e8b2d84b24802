//! Prints the tree-sitter Kotlin syntax tree of a file as an S-expression, for
//! checking how the grammar reads a construct before lowering it.
//!
//! cargo run --release --example ts_sexp -- FILE.kt

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut p = tree_sitter::Parser::new();
    let _ = p.set_language(&tree_sitter_kotlin_sg::LANGUAGE.into());
    if let Some(t) = p.parse(&text, None) {
        println!("{}", t.root_node().to_sexp());
    }
}
