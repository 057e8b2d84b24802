//! How deep Rust source nests, measured on its text before syn parses it: syn
//! parses (and drops) nested brackets and prefix operators recursively, so a file
//! that nests too deep has to be refused before it reaches syn.

/// Keywords that start or continue a nested expression or type.
const CHAINING_KEYWORDS: &[&[u8]] = &[
    b"as", b"return", b"break", b"else", b"if", b"match", b"while", b"loop", b"for", b"async",
    b"unsafe", b"move", b"let", b"yield", b"dyn", b"impl", b"box",
];

/// A bound on how deep syn's tree of `text` nests: the bracket depth plus, at each
/// open bracket level, the operators and chaining keywords since that level's last
/// `;` or `,` or closing brace (unless `else` follows it). Comments, strings and
/// character literals do not count.
pub fn rust_nesting(text: &str) -> usize {
    let b = text.as_bytes();
    // Operators and keywords counted at each open bracket level, the file first.
    let mut levels: Vec<usize> = vec![0];
    let mut chained = 0usize;
    let mut deepest = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|&x| x == b'\n')
                    .map_or(b.len(), |p| i + p);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = block_comment_end(b, i);
                continue;
            }
            b'"' => {
                i = string_end(b, i + 1);
                continue;
            }
            b'\'' => {
                i = char_literal_end(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => levels.push(0),
            b')' | b']' | b'}' => {
                if levels.len() > 1 {
                    chained -= levels.pop().unwrap_or(0);
                }
                if c == b'}' && !followed_by_else(b, i + 1) {
                    reset(&mut levels, &mut chained);
                }
            }
            b';' | b',' => reset(&mut levels, &mut chained),
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'!' | b'<' | b'>' | b'='
            | b'?' | b'.' | b'@' => count(&mut levels, &mut chained),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &b[start..i];
                if matches!(word, b"r" | b"br" | b"cr")
                    && matches!(b.get(i), Some(b'"') | Some(b'#'))
                {
                    i = raw_string_end(b, i);
                } else if CHAINING_KEYWORDS.contains(&word) {
                    count(&mut levels, &mut chained);
                }
                deepest = deepest.max(levels.len() + chained);
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(levels.len() + chained);
        i += 1;
    }
    deepest
}

fn count(levels: &mut [usize], chained: &mut usize) {
    if let Some(top) = levels.last_mut() {
        *top += 1;
        *chained += 1;
    }
}

fn reset(levels: &mut [usize], chained: &mut usize) {
    if let Some(top) = levels.last_mut() {
        *chained -= *top;
        *top = 0;
    }
}

fn followed_by_else(b: &[u8], from: usize) -> bool {
    let rest = &b[from.min(b.len())..];
    let start = rest
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    rest[start..].starts_with(b"else")
}

/// The index after a (nested) block comment starting at `i`.
fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// The index after the closing quote of a string whose text starts at `i`.
fn string_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The index after a raw string whose `#`s or opening quote start at `i`.
fn raw_string_end(b: &[u8], mut i: usize) -> usize {
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    i += hashes;
    if b.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// The index after a character literal at `i`, or after the quote of a lifetime.
fn char_literal_end(b: &[u8], i: usize) -> usize {
    if b.get(i + 1) == Some(&b'\\') {
        return b[i + 2..]
            .iter()
            .position(|&c| c == b'\'')
            .map_or(b.len(), |p| i + 2 + p + 1);
    }
    let width = match b.get(i + 1) {
        Some(&c) if c >= 0xf0 => 4,
        Some(&c) if c >= 0xe0 => 3,
        Some(&c) if c >= 0xc0 => 2,
        _ => 1,
    };
    if b.get(i + 1 + width) == Some(&b'\'') {
        i + 2 + width
    } else {
        i + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_code_nests_shallowly() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("src").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).expect("read");
                    let n = rust_nesting(&text);
                    assert!(n < 150, "{}: {n}", p.display());
                }
            }
        }
    }

    #[test]
    fn deep_shapes_are_measured() {
        let n = 5000;
        for text in [
            format!("fn f() {{ {}1{} }}", "(".repeat(n), ")".repeat(n)),
            format!("fn f() {{ {}1 }}", "1+".repeat(n)),
            format!("fn f() {{ x{}; }}", ".a()".repeat(n)),
            format!("fn f() {{ {}1 }}", "-".repeat(n)),
            format!("fn f() {{ {}x }}", "return ".repeat(n)),
            format!("fn f() {{ if a {{}}{} }}", " else if a { x; }".repeat(n)),
        ] {
            assert!(rust_nesting(&text) > n, "{}", &text[..60]);
        }
        assert!(rust_nesting("fn f() { let s = \"((((((\"; let c = '('; }") < 10);
        assert!(rust_nesting("fn f<'a>(x: &'a str) { /* ((( */ g(r#\"(((\"#); }") < 10);
    }
}
