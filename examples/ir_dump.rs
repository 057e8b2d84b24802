//! Prints the IR of one file (debugging the front-ends).
//! cargo run --example ir_dump -- FILE
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ir_dump FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let language = if path.ends_with(".kt") {
        piitrace::ir::Language::Kotlin
    } else if path.ends_with(".rs") {
        piitrace::ir::Language::Rust
    } else {
        piitrace::ir::Language::Java
    };
    match piitrace::frontend::lower(0, language, &path, &text) {
        Ok(l) => println!("{:#?}", l.module),
        Err(e) => eprintln!("{e:?}"),
    }
}
