//! Rust front-end: syn → IR.
//!
//! A Rust module is lowered like a Java package: its structs, enums and traits are
//! classes of that package (`shop.store.Order`), and its free functions, constants and
//! statics belong to one class named after the module itself (`shop.store`), so that
//! `crate::store::save(..)` is a static call on that class. The module path comes from
//! the file's place under `src/` (`src/store.rs` is `<crate>::store`), the crate from
//! the directory that holds `src/`.
//!
//! Paths are resolved here, where the syntax says what they are: `a::b::f(..)` is a
//! call on the path `a::b` ([`ExprKind::Path`]), whose first segment is looked up in
//! the module's `use` declarations, its `mod` items and its own items (`crate`,
//! `self`, `super` and `Self` included), and left as written otherwise (an external
//! crate: `reqwest::get`). Macro arguments are parsed from their token streams:
//! `format!` becomes a concatenation, `vec!` an array, `json!` the values it holds,
//! and any other macro a call of its name on the path it comes from (`info!` after
//! `use tracing::info` is `tracing.info(..)`), with the variables a format string
//! captures (`"{phone}"`) as arguments. Expressions that are control flow (`if`,
//! `match`, blocks) become statements assigning a temporary the value.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use proc_macro2::{Delimiter, LineColumn, Spacing, TokenStream, TokenTree};
use syn::spanned::Spanned;

use crate::ir::*;
use crate::workspace::SkipReason;

/// Lowers one Rust file; `rel` (its path under the scanned root, `/`-separated) gives
/// its crate and module path.
pub fn lower(file: FileId, rel: &str, text: &str) -> Result<Module, SkipReason> {
    let result = match syn::parse_file(text) {
        Ok(ast) => {
            // The lowering handles every syntax node; should it still fail on some
            // input, that file is skipped with a reason rather than ending the scan.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut l = Lowerer::new(file, rel, text);
                l.file(&ast);
                l.module
            }))
            .map_err(|_| SkipReason::Unreadable("the Rust front-end failed on it".into()))
        }
        Err(_) => Err(SkipReason::ParseFailed { error_share: 100 }),
    };
    // proc-macro2 keeps the text of every file parsed on this thread for spans.
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// The crate root's module path and the file's module path, from its relative path.
fn module_path(rel: &str) -> (Vec<String>, Vec<String>) {
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    let (dirs, file) = match parts.split_last() {
        Some((f, d)) => (d, *f),
        None => (&[][..], "lib.rs"),
    };
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let Some(src) = dirs.iter().rposition(|d| *d == "src") else {
        let parent = dirs.last().copied().unwrap_or("crate");
        let root = vec![identifier(parent), identifier(stem)];
        return (root.clone(), root);
    };
    let crate_name = match src.checked_sub(1) {
        Some(i) => crate_name(dirs[i]),
        None => "crate".to_string(),
    };
    let mut root = vec![crate_name];
    let below: Vec<&str> = dirs[src + 1..].to_vec();
    // `src/bin/tool.rs` and `src/bin/tool/main.rs` are crate roots of their own.
    if below.first() == Some(&"bin") {
        root.push("bin".into());
        match below.get(1) {
            Some(d) => root.push(identifier(d)),
            None => root.push(identifier(stem)),
        }
        return (root.clone(), root);
    }
    let mut path = root.clone();
    path.extend(below.iter().map(|d| identifier(d)));
    let is_root_file = below.is_empty() && (stem == "main" || stem == "lib");
    if !is_root_file && stem != "mod" {
        path.push(identifier(stem));
    }
    root.truncate(1);
    (root, path)
}

/// `my-service-1.2.0` → `my_service`: a crate directory as the crate's name.
fn crate_name(dir: &str) -> String {
    let name = match dir.rsplit_once('-') {
        Some((n, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => n,
        _ => dir,
    };
    identifier(name)
}

fn identifier(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// Where the value of a control-flow expression goes.
#[derive(Clone)]
enum Target {
    Discard,
    Assign(String, Span),
    Return,
}

/// What one module (file or inline `mod`) declares and imports.
#[derive(Default)]
struct Scope {
    path: Vec<String>,
    /// `use` declarations: the name in scope → the full path.
    uses: HashMap<String, Vec<String>>,
    /// Names of items declared in the module (types, functions, constants, modules).
    items: HashSet<String>,
    /// Classes of the module's own types, by name.
    types: HashMap<String, ClassIdx>,
    /// The class that holds the module's free functions, constants and statics.
    class: ClassIdx,
}

struct Lowerer<'a> {
    file: FileId,
    text: &'a str,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    module: Module,
    crate_root: Vec<String>,
    file_path: Vec<String>,
    scopes: Vec<Scope>,
    /// The type an `impl` block is for (`Self`), resolved.
    self_ty: Option<Vec<String>>,
    func_stack: Vec<FuncIdx>,
    class_stack: Vec<ClassIdx>,
    /// Local bindings of the functions being lowered (closures see their parents').
    locals: Vec<HashSet<String>>,
    temps: u32,
    /// Crates whose macros are in scope unqualified (`#[macro_use] extern crate log`).
    macro_crates: Vec<String>,
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let p = a.path();
        if p.is_ident("test") {
            return true;
        }
        if p.is_ident("cfg") {
            if let syn::Meta::List(list) = &a.meta {
                let t = list.tokens.to_string();
                return t == "test" || t.starts_with("all(test");
            }
        }
        false
    })
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl<'a> Lowerer<'a> {
    fn new(file: FileId, rel: &str, text: &'a str) -> Lowerer<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let (crate_root, file_path) = module_path(rel);
        Lowerer {
            file,
            text,
            line_starts,
            module: Module {
                file,
                package: Some(file_path.join(".")),
                ..Module::default()
            },
            crate_root,
            file_path,
            scopes: Vec::new(),
            self_ty: None,
            func_stack: Vec::new(),
            class_stack: Vec::new(),
            locals: Vec::new(),
            temps: 0,
            macro_crates: Vec::new(),
        }
    }

    // ----- spans -------------------------------------------------------------

    fn pos(&self, lc: LineColumn) -> (Pos, u32) {
        let line = lc.line.saturating_sub(1);
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let text = self.text.get(start..end).unwrap_or("");
        // proc-macro2 counts characters; the IR wants bytes.
        let col = if text.is_ascii() {
            lc.column.min(text.len())
        } else {
            text.char_indices()
                .nth(lc.column)
                .map(|(b, _)| b)
                .unwrap_or(text.len())
        };
        (
            Pos {
                line: line as u32,
                col: col as u32,
            },
            (start + col) as u32,
        )
    }

    fn span(&self, s: proc_macro2::Span) -> Span {
        let (start, start_byte) = self.pos(s.start());
        let (end, end_byte) = self.pos(s.end());
        Span {
            file: self.file,
            start,
            end,
            start_byte,
            end_byte,
        }
    }

    fn span_of(&self, node: &impl Spanned) -> Span {
        self.span(node.span())
    }

    // ----- names and paths -----------------------------------------------------

    fn scope(&self) -> &Scope {
        // `file` pushes the file's scope before anything else runs.
        &self.scopes[self.scopes.len() - 1]
    }

    fn mod_path(&self) -> Vec<String> {
        self.scopes
            .last()
            .map(|s| s.path.clone())
            .unwrap_or_else(|| self.file_path.clone())
    }

    fn is_local(&self, name: &str) -> bool {
        self.locals.iter().any(|l| l.contains(name))
    }

    fn add_local(&mut self, name: &str) {
        if let Some(l) = self.locals.last_mut() {
            l.insert(name.to_string());
        }
    }

    /// A path as written, resolved against the module's scope.
    fn resolve(&self, segs: &[String]) -> Vec<String> {
        let Some((first, rest)) = segs.split_first() else {
            return Vec::new();
        };
        let mut out = match first.as_str() {
            "crate" => self.crate_root.clone(),
            "self" => self.mod_path(),
            "Self" => match &self.self_ty {
                Some(t) => t.clone(),
                None => vec![first.clone()],
            },
            "super" => {
                let mut p = self.mod_path();
                p.pop();
                let mut rest = rest;
                while rest.first().is_some_and(|s| s == "super") {
                    p.pop();
                    rest = &rest[1..];
                }
                p.extend(rest.iter().cloned());
                return p;
            }
            name => {
                let scope = self.scope();
                if let Some(full) = scope.uses.get(name) {
                    full.clone()
                } else if scope.items.contains(name) {
                    let mut p = scope.path.clone();
                    p.push(name.to_string());
                    p
                } else {
                    vec![name.to_string()]
                }
            }
        };
        out.extend(rest.iter().cloned());
        out
    }

    fn path_segments(path: &syn::Path) -> Vec<String> {
        path.segments.iter().map(|s| s.ident.to_string()).collect()
    }

    /// A type as written, resolved; references, std's smart pointers and
    /// `Option`/`Result` (what `?` and pattern matching see through) are unwrapped.
    fn ty_ref(&self, ty: &syn::Type) -> Option<TypeRef> {
        match ty {
            syn::Type::Reference(r) => self.ty_ref(&r.elem),
            syn::Type::Paren(p) => self.ty_ref(&p.elem),
            syn::Type::Group(g) => self.ty_ref(&g.elem),
            syn::Type::Ptr(p) => self.ty_ref(&p.elem),
            syn::Type::Slice(s) => self.ty_ref(&s.elem),
            syn::Type::Array(a) => self.ty_ref(&a.elem),
            syn::Type::Path(tp) if tp.qself.is_none() => {
                let last = tp.path.segments.last()?;
                if is_wrapper(last) {
                    if let Some(inner) = first_type_arg(last) {
                        return self.ty_ref(inner);
                    }
                }
                Some(self.resolve(&Self::path_segments(&tp.path)).join("."))
            }
            _ => None,
        }
    }

    /// What a value of this type holds (see [`Param::elem`]): a slice's or an
    /// array's element, a generic type's last type argument (`Vec<User>`,
    /// `HashMap<String, User>`), behind references and the wrappers `ty_ref` sees
    /// through.
    fn elem_ref(&self, ty: &syn::Type) -> Option<TypeRef> {
        match ty {
            syn::Type::Reference(r) => self.elem_ref(&r.elem),
            syn::Type::Paren(p) => self.elem_ref(&p.elem),
            syn::Type::Group(g) => self.elem_ref(&g.elem),
            syn::Type::Slice(s) => self.ty_ref(&s.elem),
            syn::Type::Array(a) => self.ty_ref(&a.elem),
            syn::Type::Path(tp) if tp.qself.is_none() => {
                let last = tp.path.segments.last()?;
                if is_wrapper(last) {
                    return first_type_arg(last).and_then(|inner| self.elem_ref(inner));
                }
                match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => a
                        .args
                        .iter()
                        .filter_map(|g| match g {
                            syn::GenericArgument::Type(t) => Some(t),
                            _ => None,
                        })
                        .last()
                        .and_then(|t| self.ty_ref(t)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn temp(&mut self, what: &str) -> String {
        self.temps += 1;
        format!("<{what} {}>", self.temps)
    }

    // ----- items -----------------------------------------------------------------

    fn file(&mut self, ast: &syn::File) {
        let path = self.file_path.clone();
        let span = Span {
            file: self.file,
            end: self
                .pos(LineColumn {
                    line: self.line_starts.len(),
                    column: usize::MAX,
                })
                .0,
            end_byte: self.text.len() as u32,
            ..Span::default()
        };
        self.module_items(path, &ast.items, span);
    }

    fn module_items(&mut self, path: Vec<String>, items: &[syn::Item], span: Span) {
        let name = path.last().cloned().unwrap_or_default();
        let class = self.push_class(Class {
            name,
            qualified: path.join("."),
            kind: ClassKind::Object,
            supertypes: Vec::new(),
            fields: Vec::new(),
            methods: Vec::new(),
            annotations: Vec::new(),
            outer: None,
            enclosing_function: None,
            is_anonymous: false,
            exported: true,
            span,
        });
        self.scopes.push(Scope {
            path,
            class,
            ..Scope::default()
        });
        self.declarations(items);
        for item in items {
            self.item(item);
        }
        self.scopes.pop();
    }

    fn push_class(&mut self, class: Class) -> ClassIdx {
        self.module.classes.push(class);
        (self.module.classes.len() - 1) as ClassIdx
    }

    /// First pass over a module: what it declares and imports, and its types' classes
    /// (items are visible before the place they are written).
    fn declarations(&mut self, items: &[syn::Item]) {
        for item in items {
            let attrs: &[syn::Attribute] = match item {
                syn::Item::Mod(m) => &m.attrs,
                syn::Item::Fn(f) => &f.attrs,
                _ => &[],
            };
            if is_test_only(attrs) {
                continue;
            }
            let declared = match item {
                syn::Item::Struct(s) => Some(&s.ident),
                syn::Item::Enum(e) => Some(&e.ident),
                syn::Item::Union(u) => Some(&u.ident),
                syn::Item::Trait(t) => Some(&t.ident),
                syn::Item::Type(t) => Some(&t.ident),
                syn::Item::Fn(f) => Some(&f.sig.ident),
                syn::Item::Const(c) => Some(&c.ident),
                syn::Item::Static(s) => Some(&s.ident),
                syn::Item::Mod(m) => Some(&m.ident),
                syn::Item::Macro(m) => m.ident.as_ref(),
                _ => None,
            };
            if let Some(ident) = declared {
                let n = ident.to_string();
                if let Some(s) = self.scopes.last_mut() {
                    s.items.insert(n);
                }
            }
            match item {
                syn::Item::Use(u) => {
                    let mut found = Vec::new();
                    use_tree(&mut Vec::new(), &u.tree, &mut found);
                    for (alias, path, glob) in found {
                        let full = self.resolve_use(&path);
                        self.module.imports.push(Import {
                            path: full.join("."),
                            wildcard: glob,
                            is_static: false,
                        });
                        if let (Some(alias), false) = (alias, glob) {
                            if let Some(s) = self.scopes.last_mut() {
                                s.uses.insert(alias, full);
                            }
                        }
                    }
                }
                syn::Item::ExternCrate(e) => {
                    let name = e.ident.to_string();
                    if e.attrs.iter().any(|a| a.path().is_ident("macro_use")) {
                        self.macro_crates.push(name.clone());
                    }
                    if let Some((_, alias)) = &e.rename {
                        if let Some(s) = self.scopes.last_mut() {
                            s.uses.insert(alias.to_string(), vec![name]);
                        }
                    }
                }
                syn::Item::Struct(s) => {
                    let fields = self.fields(&s.fields);
                    let c = self.type_class(&s.ident, &s.attrs, ClassKind::Class, fields, item);
                    if matches!(s.fields, syn::Fields::Named(_)) {
                        self.struct_constructor(c, self.span_of(item));
                    }
                }
                syn::Item::Union(u) => {
                    let fields = self.named_fields(&u.fields.named);
                    self.type_class(&u.ident, &u.attrs, ClassKind::Class, fields, item);
                }
                syn::Item::Enum(e) => {
                    self.type_class(&e.ident, &e.attrs, ClassKind::Enum, Vec::new(), item);
                }
                syn::Item::Trait(t) => {
                    let c =
                        self.type_class(&t.ident, &t.attrs, ClassKind::Interface, Vec::new(), item);
                    let supers: Vec<TypeRef> = t
                        .supertraits
                        .iter()
                        .filter_map(|b| match b {
                            syn::TypeParamBound::Trait(tb) => {
                                Some(self.resolve(&Self::path_segments(&tb.path)).join("."))
                            }
                            _ => None,
                        })
                        .collect();
                    self.module.classes[c as usize].supertypes = supers;
                }
                _ => {}
            }
        }
    }

    /// A `use` path: relative to the module when it starts at one of its items.
    fn resolve_use(&self, path: &[String]) -> Vec<String> {
        match path.first().map(String::as_str) {
            Some("crate" | "self" | "super" | "Self") => self.resolve(path),
            Some(first) if self.scope().items.contains(first) => self.resolve(path),
            _ => path.to_vec(),
        }
    }

    fn type_class(
        &mut self,
        ident: &syn::Ident,
        attrs: &[syn::Attribute],
        kind: ClassKind,
        fields: Vec<Field>,
        item: &syn::Item,
    ) -> ClassIdx {
        let name = ident.to_string();
        let mut qualified = self.mod_path();
        qualified.push(name.clone());
        let idx = self.push_class(Class {
            name: name.clone(),
            qualified: qualified.join("."),
            kind,
            supertypes: Vec::new(),
            fields,
            methods: Vec::new(),
            annotations: derives(attrs),
            outer: None,
            enclosing_function: self.func_stack.last().copied(),
            is_anonymous: false,
            exported: true,
            span: self.span_of(item),
        });
        if let Some(s) = self.scopes.last_mut() {
            s.types.insert(name, idx);
        }
        idx
    }

    /// A struct literal (`User { phone, name: n }`) is lowered as a call of this
    /// constructor with named arguments: each field gets its own value, as a Java or
    /// Kotlin constructor stores each parameter in its field. Every parameter may be
    /// left out (`..rest` fills them).
    fn struct_constructor(&mut self, class: ClassIdx, span: Span) {
        let fields: Vec<(String, Option<TypeRef>, Span)> = self.module.classes[class as usize]
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.ty.clone(), f.name_span))
            .collect();
        let f = self.new_function("<constructor>", FunctionKind::Constructor, class, span);
        let func = &mut self.module.functions[f as usize];
        func.is_static = false;
        func.has_body = true;
        func.defaults = fields.len().min(u16::MAX as usize) as u16;
        for (name, ty, at) in fields {
            let field = Expr::new(
                ExprKind::Field {
                    receiver: Box::new(Expr::new(ExprKind::This, at)),
                    name: name.clone(),
                },
                at,
            );
            func.body.push(Stmt::Expr(Expr::new(
                ExprKind::Assign {
                    target: Box::new(field),
                    value: Box::new(Expr::new(ExprKind::Name(name.clone()), at)),
                    compound: false,
                },
                at,
            )));
            func.params.push(Param {
                elem: None,
                block_params: Vec::new(),
                name,
                ty,
                annotations: Vec::new(),
                span: at,
            });
        }
        self.module.classes[class as usize].methods.push(f);
    }

    fn fields(&self, fields: &syn::Fields) -> Vec<Field> {
        match fields {
            syn::Fields::Named(n) => self.named_fields(&n.named),
            syn::Fields::Unnamed(u) => u
                .unnamed
                .iter()
                .enumerate()
                .map(|(i, f)| Field {
                    elem: self.elem_ref(&f.ty),
                    name: i.to_string(),
                    aliases: Vec::new(),
                    ty: self.ty_ref(&f.ty),
                    is_static: false,
                    is_final: false,
                    init: None,
                    name_span: self.span_of(&f.ty),
                    delegated: false,
                })
                .collect(),
            syn::Fields::Unit => Vec::new(),
        }
    }

    fn named_fields(
        &self,
        fields: &syn::punctuated::Punctuated<syn::Field, syn::Token![,]>,
    ) -> Vec<Field> {
        fields
            .iter()
            .filter_map(|f| {
                let ident = f.ident.as_ref()?;
                Some(Field {
                    elem: self.elem_ref(&f.ty),
                    name: ident.to_string(),
                    aliases: serde_renames(&f.attrs),
                    ty: self.ty_ref(&f.ty),
                    is_static: false,
                    is_final: false,
                    init: None,
                    name_span: self.span(ident.span()),
                    delegated: false,
                })
            })
            .collect()
    }

    fn item(&mut self, item: &syn::Item) {
        let module_class = self.scope().class;
        match item {
            syn::Item::Fn(f) => {
                if is_test_only(&f.attrs) {
                    return;
                }
                let idx = self.function(
                    &f.sig,
                    Some(&f.block),
                    module_class,
                    FunctionKind::TopLevel,
                    self.span_of(item),
                );
                self.module.functions[idx as usize].annotations = fn_attributes(&f.attrs);
                self.module.classes[module_class as usize].methods.push(idx);
            }
            syn::Item::Const(c) => self.static_item(&c.ident, &c.ty, &c.expr, true),
            syn::Item::Static(s) => {
                let is_final = matches!(s.mutability, syn::StaticMutability::None);
                self.static_item(&s.ident, &s.ty, &s.expr, is_final)
            }
            syn::Item::Impl(i) => self.impl_block(i),
            syn::Item::Trait(t) => {
                let Some(&class) = self.scope().types.get(&t.ident.to_string()) else {
                    return;
                };
                let mut self_ty = self.mod_path();
                self_ty.push(t.ident.to_string());
                let saved = self.self_ty.replace(self_ty);
                for ti in &t.items {
                    if let syn::TraitItem::Fn(f) = ti {
                        let idx = self.function(
                            &f.sig,
                            f.default.as_ref(),
                            class,
                            FunctionKind::Method,
                            self.span_of(ti),
                        );
                        self.module.classes[class as usize].methods.push(idx);
                    }
                }
                self.self_ty = saved;
            }
            syn::Item::Mod(m) => {
                if is_test_only(&m.attrs) {
                    return;
                }
                if let Some((_, items)) = &m.content {
                    let mut path = self.mod_path();
                    path.push(m.ident.to_string());
                    self.module_items(path, items, self.span_of(item));
                }
            }
            _ => {}
        }
    }

    fn static_item(&mut self, ident: &syn::Ident, ty: &syn::Type, expr: &syn::Expr, fin: bool) {
        let class = self.scope().class;
        // A constant's initialiser has no function to run in; its statements are dropped
        // (constants are literals or calls, not control flow).
        let mut sink = Vec::new();
        self.locals.push(HashSet::default());
        let init = self.expr(expr, &mut sink);
        self.locals.pop();
        let field = Field {
            elem: self.elem_ref(ty),
            name: ident.to_string(),
            aliases: Vec::new(),
            ty: self.ty_ref(ty),
            is_static: true,
            is_final: fin,
            init: Some(init),
            name_span: self.span(ident.span()),
            delegated: false,
        };
        self.module.classes[class as usize].fields.push(field);
    }

    fn impl_block(&mut self, i: &syn::ItemImpl) {
        if is_test_only(&i.attrs) {
            return;
        }
        let syn::Type::Path(tp) = &*i.self_ty else {
            return;
        };
        let segs = Self::path_segments(&tp.path);
        let Some(type_name) = segs.last().cloned() else {
            return;
        };
        let resolved = self.resolve(&segs);
        let local = (segs.len() == 1)
            .then(|| self.scope().types.get(&type_name).copied())
            .flatten();
        let class = match local {
            Some(c) => c,
            None => {
                // Methods of a type declared elsewhere: a class of this module that
                // extends it, so calls on that type dispatch here too.
                let mut qualified = self.mod_path();
                qualified.push(format!("{type_name}$impl"));
                self.push_class(Class {
                    name: format!("{type_name}$impl"),
                    qualified: qualified.join("."),
                    kind: ClassKind::Class,
                    supertypes: vec![resolved.join(".")],
                    fields: Vec::new(),
                    methods: Vec::new(),
                    annotations: Vec::new(),
                    outer: None,
                    enclosing_function: None,
                    is_anonymous: false,
                    exported: true,
                    span: self.span_of(i),
                })
            }
        };
        if let Some((trait_path, _)) = &i.trait_ {
            let t = self.resolve(&Self::path_segments(trait_path)).join(".");
            let supers = &mut self.module.classes[class as usize].supertypes;
            if !supers.contains(&t) {
                supers.push(t);
            }
        }
        let saved = self.self_ty.replace(resolved);
        self.class_stack.push(class);
        for ii in &i.items {
            if let syn::ImplItem::Fn(f) = ii {
                if is_test_only(&f.attrs) {
                    continue;
                }
                let idx = self.function(
                    &f.sig,
                    Some(&f.block),
                    class,
                    FunctionKind::Method,
                    self.span_of(ii),
                );
                self.module.functions[idx as usize].annotations = fn_attributes(&f.attrs);
                self.module.classes[class as usize].methods.push(idx);
            }
        }
        self.class_stack.pop();
        self.self_ty = saved;
    }

    fn new_function(
        &mut self,
        name: &str,
        kind: FunctionKind,
        class: ClassIdx,
        span: Span,
    ) -> FuncIdx {
        // Private functions are still reachable through function values
        // (`post(signup)`), which the analysis does not follow: none is dead.
        let mut f = Function::new(
            name,
            kind,
            Some(class),
            self.func_stack.last().copied(),
            span,
            span,
        );
        f.is_static = true;
        self.module.functions.push(f);
        (self.module.functions.len() - 1) as FuncIdx
    }

    fn function(
        &mut self,
        sig: &syn::Signature,
        body: Option<&syn::Block>,
        class: ClassIdx,
        kind: FunctionKind,
        span: Span,
    ) -> FuncIdx {
        let idx = self.new_function(&sig.ident.to_string(), kind, class, span);
        self.module.functions[idx as usize].name_span = self.span(sig.ident.span());
        self.func_stack.push(idx);
        self.class_stack.push(class);
        self.locals.push(HashSet::default());
        let saved_temps = std::mem::take(&mut self.temps);
        let mut params = Vec::new();
        let mut prologue = Vec::new();
        let mut is_static = true;
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(_) => is_static = false,
                syn::FnArg::Typed(pt) => {
                    let p = self.param(&pt.pat, Some(&pt.ty), &mut prologue);
                    params.push(p);
                }
            }
        }
        let mut stmts = prologue;
        if let Some(b) = body {
            self.block_into(b, &Target::Return, &mut stmts);
        }
        let (return_type, return_elem) = match &sig.output {
            syn::ReturnType::Type(_, t) => (self.ty_ref(t), self.elem_ref(t)),
            syn::ReturnType::Default => (None, None),
        };
        self.temps = saved_temps;
        self.locals.pop();
        self.class_stack.pop();
        self.func_stack.pop();
        let f = &mut self.module.functions[idx as usize];
        f.params = params;
        f.body = stmts;
        f.has_body = body.is_some();
        f.return_type = return_type;
        f.return_elem = return_elem;
        f.is_static = is_static;
        idx
    }

    /// A parameter: its name, and the bindings a destructuring pattern makes of it.
    /// `Json(body): Json<Signup>` is the parameter `body` of type `Signup`.
    fn param(&mut self, pat: &syn::Pat, ty: Option<&syn::Type>, out: &mut Vec<Stmt>) -> Param {
        let span = self.span_of(pat);
        let mut pat = pat;
        let mut ty_ref = ty.and_then(|t| self.ty_ref(t));
        let mut elem = ty.and_then(|t| self.elem_ref(t));
        loop {
            match pat {
                syn::Pat::Reference(r) => pat = &r.pat,
                syn::Pat::Paren(p) => pat = &p.pat,
                syn::Pat::Type(t) => {
                    ty_ref = self.ty_ref(&t.ty);
                    elem = self.elem_ref(&t.ty);
                    pat = &t.pat;
                }
                syn::Pat::TupleStruct(ts) if ts.elems.len() == 1 => {
                    // `Wrapper(inner): Wrapper<T>` binds `inner: T`.
                    if let (Some(ty), Some(last)) = (ty, ts.path.segments.last()) {
                        if let Some(inner) = type_arg_of(ty, &last.ident) {
                            ty_ref = self.ty_ref(inner);
                            elem = self.elem_ref(inner);
                        }
                    }
                    match ts.elems.first() {
                        Some(p) => pat = p,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        let name = match pat {
            syn::Pat::Ident(pi) => pi.ident.to_string(),
            _ => {
                // A destructured parameter: one synthetic name, the bindings from it.
                let name = self.temp("param");
                let place = Expr::new(ExprKind::Name(name.clone()), span);
                self.bind(pat, place, None, out);
                name
            }
        };
        self.add_local(&name);
        let pspan = match pat {
            syn::Pat::Ident(pi) => self.span(pi.ident.span()),
            _ => span,
        };
        Param {
            elem,
            block_params: Vec::new(),
            name,
            ty: ty_ref,
            annotations: Vec::new(),
            span: pspan,
        }
    }

    // ----- statements --------------------------------------------------------------

    /// Lowers a block; its value (the trailing expression) goes to `target`.
    fn block_into(&mut self, b: &syn::Block, target: &Target, out: &mut Vec<Stmt>) {
        let n = b.stmts.len();
        for (i, s) in b.stmts.iter().enumerate() {
            let last = i + 1 == n;
            match s {
                syn::Stmt::Expr(e, None) if last => self.expr_into(e, target, out),
                syn::Stmt::Macro(m) if last && m.semi_token.is_none() => {
                    let span = self.span_of(&m.mac);
                    let v = self.mac(&m.mac, span, out);
                    self.deliver(v, target, out);
                }
                _ => self.stmt(s, out),
            }
        }
    }

    fn block_stmts(&mut self, b: &syn::Block, target: &Target) -> Vec<Stmt> {
        let mut out = Vec::new();
        self.block_into(b, target, &mut out);
        out
    }

    fn stmt(&mut self, s: &syn::Stmt, out: &mut Vec<Stmt>) {
        match s {
            syn::Stmt::Local(l) => self.local(l, out),
            syn::Stmt::Item(item) => self.local_item(item),
            syn::Stmt::Expr(e, _) => self.expr_into(e, &Target::Discard, out),
            syn::Stmt::Macro(m) => {
                let span = self.span_of(&m.mac);
                let v = self.mac(&m.mac, span, out);
                out.push(Stmt::Expr(v));
            }
        }
    }

    /// An item inside a function body: a function or type of the module.
    fn local_item(&mut self, item: &syn::Item) {
        match item {
            syn::Item::Fn(_) | syn::Item::Impl(_) | syn::Item::Const(_) | syn::Item::Static(_) => {
                let declared = match item {
                    syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                    syn::Item::Const(c) => Some(c.ident.to_string()),
                    syn::Item::Static(s) => Some(s.ident.to_string()),
                    _ => None,
                };
                if let (Some(n), Some(s)) = (declared, self.scopes.last_mut()) {
                    s.items.insert(n);
                }
                // Items do not capture the function's locals.
                let locals = std::mem::take(&mut self.locals);
                self.item(item);
                self.locals = locals;
            }
            syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Use(_) => {
                self.declarations(std::slice::from_ref(item));
            }
            _ => {}
        }
    }

    fn local(&mut self, l: &syn::Local, out: &mut Vec<Stmt>) {
        let (pat, declared, elem) = match &l.pat {
            syn::Pat::Type(pt) => (&*pt.pat, self.ty_ref(&pt.ty), self.elem_ref(&pt.ty)),
            p => (p, None, None),
        };
        let Some(init) = &l.init else {
            self.bind_names(pat, out);
            return;
        };
        let ty = declared.or_else(|| self.inferred_type(&init.expr));
        match pat {
            syn::Pat::Ident(pi) if pi.subpat.is_none() => {
                let name = pi.ident.to_string();
                let span = self.span(pi.ident.span());
                if is_control_flow(&init.expr) {
                    out.push(Stmt::Let {
                        elem: elem.clone(),
                        name: name.clone(),
                        ty,
                        init: None,
                        span,
                    });
                    self.expr_into(&init.expr, &Target::Assign(name.clone(), span), out);
                } else {
                    let v = self.expr(&init.expr, out);
                    out.push(Stmt::Let {
                        elem,
                        name: name.clone(),
                        ty,
                        init: Some(v),
                        span,
                    });
                }
                self.add_local(&name);
            }
            _ => {
                let place = self.place(&init.expr, out);
                // `let Some(x) = e else { return };`
                if let Some((_, els)) = &init.diverge {
                    let els_stmts = self.expr_stmts(els, &Target::Discard);
                    out.push(Stmt::If {
                        cond: place.clone(),
                        then: Vec::new(),
                        els: els_stmts,
                    });
                }
                self.bind(pat, place, ty, out);
            }
        }
    }

    /// Names a pattern binds, declared without a value (`let x;`).
    fn bind_names(&mut self, pat: &syn::Pat, out: &mut Vec<Stmt>) {
        let mut names = Vec::new();
        pattern_idents(pat, &mut names);
        for ident in names {
            let name = ident.to_string();
            out.push(Stmt::Let {
                elem: None,
                name: name.clone(),
                ty: None,
                init: None,
                span: self.span(ident.span()),
            });
            self.add_local(&name);
        }
    }

    /// Binds the identifiers of a pattern to the parts of `value` they match
    /// (`value` is evaluated once per binding, so it must be a place).
    fn bind(&mut self, pat: &syn::Pat, value: Expr, ty: Option<TypeRef>, out: &mut Vec<Stmt>) {
        let span = value.span;
        let field = |name: String| {
            Expr::new(
                ExprKind::Field {
                    receiver: Box::new(value.clone()),
                    name,
                },
                span,
            )
        };
        match pat {
            syn::Pat::Ident(pi) => {
                let name = pi.ident.to_string();
                out.push(Stmt::Let {
                    elem: None,
                    name: name.clone(),
                    ty,
                    init: Some(value.clone()),
                    span: self.span(pi.ident.span()),
                });
                self.add_local(&name);
                if let Some((_, sub)) = &pi.subpat {
                    self.bind(sub, value, None, out);
                }
            }
            syn::Pat::Type(pt) => {
                let ty = self.ty_ref(&pt.ty);
                self.bind(&pt.pat, value, ty, out);
            }
            syn::Pat::Reference(r) => self.bind(&r.pat, value, ty, out),
            syn::Pat::Paren(p) => self.bind(&p.pat, value, ty, out),
            syn::Pat::Tuple(t) => {
                for (i, p) in t.elems.iter().enumerate() {
                    self.bind(p, field(i.to_string()), None, out);
                }
            }
            syn::Pat::TupleStruct(ts) => {
                // `Some(x)`, `Ok(x)`: the one field is the value; more fields by index.
                if ts.elems.len() == 1 {
                    if let Some(p) = ts.elems.first() {
                        self.bind(p, value, None, out);
                    }
                } else {
                    for (i, p) in ts.elems.iter().enumerate() {
                        self.bind(p, field(i.to_string()), None, out);
                    }
                }
            }
            syn::Pat::Struct(ps) => {
                for fp in &ps.fields {
                    let name = match &fp.member {
                        syn::Member::Named(n) => n.to_string(),
                        syn::Member::Unnamed(i) => i.index.to_string(),
                    };
                    self.bind(&fp.pat, field(name), None, out);
                }
            }
            syn::Pat::Slice(s) => {
                for p in &s.elems {
                    let elem = Expr::new(
                        ExprKind::Index {
                            array: Box::new(value.clone()),
                            index: Box::new(Expr::new(ExprKind::Literal(Literal::Number), span)),
                        },
                        span,
                    );
                    self.bind(p, elem, None, out);
                }
            }
            syn::Pat::Guard(g) => {
                self.bind(&g.pat, value, ty, out);
                let guard = self.expr(&g.guard, out);
                out.push(Stmt::Expr(guard));
            }
            // Every alternative binds the same names.
            syn::Pat::Or(o) => {
                if let Some(p) = o.cases.first() {
                    self.bind(p, value, ty, out);
                }
            }
            _ => {}
        }
    }

    /// An expression as a place that can be read several times: a variable or a
    /// field path as it is, anything else stored in a temporary first.
    fn place(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> Expr {
        let v = self.expr(e, out);
        if is_place(&v) {
            return v;
        }
        let name = self.temp("value");
        let span = v.span;
        out.push(Stmt::Let {
            elem: None,
            name: name.clone(),
            ty: self.inferred_type(e),
            init: Some(v),
            span,
        });
        Expr::new(ExprKind::Name(name), span)
    }

    fn inferred_type(&self, e: &syn::Expr) -> Option<TypeRef> {
        match e {
            syn::Expr::Struct(s) if s.qself.is_none() => {
                Some(self.resolve(&Self::path_segments(&s.path)).join("."))
            }
            // `T::new(..)`, `T::default()`: by convention a `T`.
            syn::Expr::Call(c) => match &*c.func {
                syn::Expr::Path(p) if p.qself.is_none() => {
                    let segs = Self::path_segments(&p.path);
                    let (last, prefix) = segs.split_last()?;
                    let ty = prefix.last()?;
                    (matches!(last.as_str(), "new" | "default") && starts_upper(ty))
                        .then(|| self.resolve(prefix).join("."))
                }
                _ => None,
            },
            syn::Expr::Try(t) => self.inferred_type(&t.expr),
            syn::Expr::Await(a) => self.inferred_type(&a.base),
            syn::Expr::Paren(p) => self.inferred_type(&p.expr),
            syn::Expr::Reference(r) => self.inferred_type(&r.expr),
            _ => None,
        }
    }

    fn deliver(&mut self, v: Expr, target: &Target, out: &mut Vec<Stmt>) {
        let span = v.span;
        out.push(match target {
            Target::Discard => Stmt::Expr(v),
            Target::Return => Stmt::Return(Some(v), span),
            Target::Assign(name, at) => Stmt::Expr(Expr::new(
                ExprKind::Assign {
                    target: Box::new(Expr::new(ExprKind::Name(name.clone()), *at)),
                    value: Box::new(v),
                    compound: false,
                },
                span,
            )),
        });
    }

    fn expr_stmts(&mut self, e: &syn::Expr, target: &Target) -> Vec<Stmt> {
        let mut out = Vec::new();
        self.expr_into(e, target, &mut out);
        out
    }

    /// Lowers an expression whose value goes to `target`; control flow becomes
    /// statements.
    fn expr_into(&mut self, e: &syn::Expr, target: &Target, out: &mut Vec<Stmt>) {
        match e {
            syn::Expr::Paren(p) => self.expr_into(&p.expr, target, out),
            syn::Expr::Group(g) => self.expr_into(&g.expr, target, out),
            syn::Expr::Block(b) => {
                let stmts = self.block_stmts(&b.block, target);
                out.push(Stmt::Block(stmts));
            }
            syn::Expr::Unsafe(u) => {
                let stmts = self.block_stmts(&u.block, target);
                out.push(Stmt::Block(stmts));
            }
            syn::Expr::Const(c) => {
                let stmts = self.block_stmts(&c.block, target);
                out.push(Stmt::Block(stmts));
            }
            syn::Expr::Async(a) => {
                let stmts = self.block_stmts(&a.block, target);
                out.push(Stmt::Block(stmts));
            }
            syn::Expr::TryBlock(t) => {
                let stmts = self.block_stmts(&t.block, target);
                out.push(Stmt::Block(stmts));
            }
            syn::Expr::If(i) => self.if_expr(i, target, out),
            syn::Expr::Match(m) => {
                let scrutinee = self.place(&m.expr, out);
                let mut arms = Vec::new();
                for arm in &m.arms {
                    let mut stmts = Vec::new();
                    self.bind(&arm.pat, scrutinee.clone(), None, &mut stmts);
                    self.expr_into(&arm.body, target, &mut stmts);
                    arms.push(stmts);
                }
                out.push(Stmt::Switch {
                    scrutinee,
                    labels: vec![Vec::new(); arms.len()],
                    default: None,
                    arms,
                    exhaustive: true,
                });
            }
            syn::Expr::ForLoop(f) => {
                let iterable = self.place(&f.expr, out);
                let mut body = Vec::new();
                self.bind(&f.pat, iterable, None, &mut body);
                self.block_into(&f.body, &Target::Discard, &mut body);
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond: None,
                    body,
                    update: Vec::new(),
                });
            }
            syn::Expr::While(w) => {
                let mut body = Vec::new();
                let cond = match &*w.cond {
                    syn::Expr::Let(l) => {
                        let place = self.place(&l.expr, &mut body);
                        self.bind(&l.pat, place.clone(), None, &mut body);
                        Some(place)
                    }
                    c => Some(self.expr(c, &mut body)),
                };
                self.block_into(&w.body, &Target::Discard, &mut body);
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond,
                    body,
                    update: Vec::new(),
                });
            }
            syn::Expr::Loop(l) => {
                let body = self.block_stmts(&l.body, &Target::Discard);
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond: None,
                    body,
                    update: Vec::new(),
                });
            }
            syn::Expr::Return(r) => {
                let span = self.span_of(r);
                let v = r.expr.as_ref().map(|e| self.expr(e, out));
                out.push(Stmt::Return(v, span));
            }
            syn::Expr::Break(b) => {
                if let Some(e) = &b.expr {
                    let v = self.expr(e, out);
                    out.push(Stmt::Expr(v));
                }
                out.push(Stmt::Break);
            }
            syn::Expr::Continue(_) => out.push(Stmt::Continue),
            _ => {
                let v = self.expr(e, out);
                self.deliver(v, target, out);
            }
        }
    }

    fn if_expr(&mut self, i: &syn::ExprIf, target: &Target, out: &mut Vec<Stmt>) {
        let mut then = Vec::new();
        let cond = self.condition(&i.cond, out, &mut then);
        self.block_into(&i.then_branch, target, &mut then);
        let els = match &i.else_branch {
            Some((_, e)) => self.expr_stmts(e, target),
            None => Vec::new(),
        };
        out.push(Stmt::If { cond, then, els });
    }

    /// The condition of an `if`: `let` patterns (and `&&` chains of them) bind in
    /// the branch taken.
    fn condition(&mut self, c: &syn::Expr, out: &mut Vec<Stmt>, then: &mut Vec<Stmt>) -> Expr {
        match c {
            syn::Expr::Let(l) => {
                let place = self.place(&l.expr, out);
                self.bind(&l.pat, place.clone(), None, then);
                place
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                let span = self.span_of(b);
                let lhs = self.condition(&b.left, out, then);
                let rhs = self.condition(&b.right, out, then);
                Expr::new(
                    ExprKind::Binary {
                        op: BinOp::And,
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    },
                    span,
                )
            }
            c => self.expr(c, out),
        }
    }

    // ----- expressions ---------------------------------------------------------------

    fn opaque(&self, items: Vec<Expr>, span: Span) -> Expr {
        Expr::new(ExprKind::Opaque(items), span)
    }

    fn exprs<'e>(
        &mut self,
        items: impl IntoIterator<Item = &'e syn::Expr>,
        out: &mut Vec<Stmt>,
    ) -> Vec<Expr> {
        items.into_iter().map(|e| self.expr(e, out)).collect()
    }

    /// Lowers an expression; statements it needs first (control flow) go to `out`.
    fn expr(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> Expr {
        let span = self.span_of(e);
        let kind = match e {
            syn::Expr::Paren(p) => return self.expr(&p.expr, out),
            syn::Expr::Group(g) => return self.expr(&g.expr, out),
            syn::Expr::Reference(r) => return self.expr(&r.expr, out),
            // `?` passes the success value on; `.await` the future's output.
            syn::Expr::Try(t) => return self.expr(&t.expr, out),
            syn::Expr::Await(a) => return self.expr(&a.base, out),
            syn::Expr::Lit(l) => ExprKind::Literal(literal(&l.lit)),
            syn::Expr::Path(p) => return self.path_expr(p, span),
            syn::Expr::Field(f) => {
                let receiver = self.expr(&f.base, out);
                let name = match &f.member {
                    syn::Member::Named(n) => n.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                ExprKind::Field {
                    receiver: Box::new(receiver),
                    name,
                }
            }
            syn::Expr::MethodCall(m) => {
                let receiver = self.expr(&m.receiver, out);
                let args = self.exprs(&m.args, out);
                ExprKind::Call(Call {
                    receiver: Some(Box::new(receiver)),
                    name: m.method.to_string(),
                    args,
                    name_span: self.span(m.method.span()),
                })
            }
            syn::Expr::Call(c) => return self.call(c, span, out),
            syn::Expr::Macro(m) => return self.mac(&m.mac, span, out),
            // `T { a: x, b }`: T's constructor with named arguments (see
            // `struct_constructor`); what `..rest` brings joins the object as a whole.
            syn::Expr::Struct(s) if s.qself.is_none() => {
                let mut args = Vec::new();
                for f in &s.fields {
                    let value = self.expr(&f.expr, out);
                    args.push(match &f.member {
                        syn::Member::Named(ident) => {
                            let at = value.span;
                            Expr::new(
                                ExprKind::Named {
                                    name: ident.to_string(),
                                    value: Box::new(value),
                                },
                                at,
                            )
                        }
                        syn::Member::Unnamed(_) => value,
                    });
                }
                let new = ExprKind::New {
                    ty: self.resolve(&Self::path_segments(&s.path)).join("."),
                    args,
                    body: None,
                    type_args: Vec::new(),
                };
                match &s.rest {
                    Some(rest) => {
                        let rest = self.expr(rest, out);
                        ExprKind::Opaque(vec![Expr::new(new, self.span_of(s)), rest])
                    }
                    None => new,
                }
            }
            syn::Expr::Struct(s) => {
                let mut items: Vec<Expr> =
                    s.fields.iter().map(|f| self.expr(&f.expr, out)).collect();
                if let Some(rest) = &s.rest {
                    items.push(self.expr(rest, out));
                }
                ExprKind::Opaque(items)
            }
            syn::Expr::Tuple(t) => ExprKind::Opaque(self.exprs(&t.elems, out)),
            syn::Expr::Array(a) => ExprKind::ArrayInit(self.exprs(&a.elems, out)),
            syn::Expr::Repeat(r) => ExprKind::ArrayInit(vec![self.expr(&r.expr, out)]),
            syn::Expr::Index(i) => {
                let array = self.expr(&i.expr, out);
                let index = self.expr(&i.index, out);
                ExprKind::Index {
                    array: Box::new(array),
                    index: Box::new(index),
                }
            }
            syn::Expr::Cast(c) => {
                let inner = self.expr(&c.expr, out);
                ExprKind::Cast {
                    ty: self.ty_ref(&c.ty).unwrap_or_default(),
                    expr: Box::new(inner),
                }
            }
            syn::Expr::Unary(u) => {
                let operand = self.expr(&u.expr, out);
                match u.op {
                    syn::UnOp::Deref(_) => return operand,
                    syn::UnOp::Not(_) => ExprKind::Unary {
                        op: UnaryOp::Not,
                        operand: Box::new(operand),
                    },
                    _ => ExprKind::Unary {
                        op: UnaryOp::Other,
                        operand: Box::new(operand),
                    },
                }
            }
            syn::Expr::Binary(b) => {
                let lhs = self.expr(&b.left, out);
                let rhs = self.expr(&b.right, out);
                use syn::BinOp as B;
                let op = match b.op {
                    B::Add(_) => BinOp::Add,
                    B::Mul(_) => BinOp::Mul,
                    B::Div(_) => BinOp::Div,
                    B::And(_) => BinOp::And,
                    B::Or(_) => BinOp::Or,
                    B::Eq(_) | B::Ne(_) => BinOp::Compare {
                        negated: matches!(b.op, B::Ne(_)),
                        ordered: false,
                        greater: false,
                        inclusive: false,
                    },
                    B::Lt(_) | B::Le(_) | B::Gt(_) | B::Ge(_) => BinOp::Compare {
                        negated: false,
                        ordered: true,
                        greater: matches!(b.op, B::Gt(_) | B::Ge(_)),
                        inclusive: matches!(b.op, B::Le(_) | B::Ge(_)),
                    },
                    B::AddAssign(_)
                    | B::SubAssign(_)
                    | B::MulAssign(_)
                    | B::DivAssign(_)
                    | B::RemAssign(_)
                    | B::BitXorAssign(_)
                    | B::BitAndAssign(_)
                    | B::BitOrAssign(_)
                    | B::ShlAssign(_)
                    | B::ShrAssign(_) => {
                        return Expr::new(
                            ExprKind::Assign {
                                target: Box::new(lhs),
                                value: Box::new(rhs),
                                compound: true,
                            },
                            span,
                        )
                    }
                    _ => BinOp::Arith,
                };
                ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                }
            }
            syn::Expr::Assign(a) => {
                let target = self.expr(&a.left, out);
                let value = self.expr(&a.right, out);
                ExprKind::Assign {
                    target: Box::new(target),
                    value: Box::new(value),
                    compound: false,
                }
            }
            syn::Expr::Range(r) => {
                let mut items = Vec::new();
                if let Some(s) = &r.start {
                    items.push(self.expr(s, out));
                }
                if let Some(s) = &r.end {
                    items.push(self.expr(s, out));
                }
                ExprKind::Opaque(items)
            }
            syn::Expr::Closure(c) => ExprKind::Lambda(self.closure(c)),
            syn::Expr::Let(l) => {
                // Only in conditions, which `condition` handles; elsewhere its value.
                ExprKind::Opaque(vec![self.expr(&l.expr, out)])
            }
            e if is_control_flow(e) || is_statement_like(e) => {
                let name = self.temp("value");
                out.push(Stmt::Let {
                    elem: None,
                    name: name.clone(),
                    ty: None,
                    init: None,
                    span,
                });
                self.expr_into(e, &Target::Assign(name.clone(), span), out);
                ExprKind::Name(name)
            }
            _ => ExprKind::Opaque(Vec::new()),
        };
        Expr::new(kind, span)
    }

    fn path_expr(&mut self, p: &syn::ExprPath, span: Span) -> Expr {
        if p.qself.is_some() {
            return self.opaque(Vec::new(), span);
        }
        let segs = Self::path_segments(&p.path);
        let Some((last, prefix)) = segs.split_last() else {
            return self.opaque(Vec::new(), span);
        };
        if prefix.is_empty() && p.path.leading_colon.is_none() {
            if self.is_local(last) {
                return Expr::new(ExprKind::Name(last.clone()), span);
            }
            match last.as_str() {
                "self" => return Expr::new(ExprKind::This, span),
                "None" => return Expr::new(ExprKind::Literal(Literal::Null), span),
                _ => {}
            }
            let scope = self.scope();
            let owner = if let Some(full) = scope.uses.get(last) {
                full.split_last().map(|(l, p)| (p.to_vec(), l.clone()))
            } else if scope.items.contains(last) {
                Some((scope.path.clone(), last.clone()))
            } else {
                None
            };
            return match owner {
                Some((path, name)) if !path.is_empty() => Expr::new(
                    ExprKind::Field {
                        receiver: Box::new(Expr::new(ExprKind::Path(path.join(".")), span)),
                        name,
                    },
                    span,
                ),
                _ => Expr::new(ExprKind::Name(last.clone()), span),
            };
        }
        let owner = self.resolve(prefix).join(".");
        Expr::new(
            ExprKind::Field {
                receiver: Box::new(Expr::new(ExprKind::Path(owner), span)),
                name: last.clone(),
            },
            span,
        )
    }

    fn call(&mut self, c: &syn::ExprCall, span: Span, out: &mut Vec<Stmt>) -> Expr {
        let args = self.exprs(&c.args, out);
        let syn::Expr::Path(p) = &*c.func else {
            // `(self.callback)(x)`: the callee's value and the arguments flow on.
            let mut items = vec![self.expr(&c.func, out)];
            items.extend(args);
            return self.opaque(items, span);
        };
        let segs = Self::path_segments(&p.path);
        let (Some((last, prefix)), None) = (segs.split_last(), &p.qself) else {
            return self.opaque(args, span);
        };
        let name_span = p
            .path
            .segments
            .last()
            .map(|s| self.span(s.ident.span()))
            .unwrap_or(span);
        // Tuple structs and enum variants (`Some(x)`, `Json(body)`) wrap their values.
        if starts_upper(last) {
            return self.opaque(args, span);
        }
        let (owner, name) = if prefix.is_empty() {
            if self.is_local(last) {
                // A closure held in a variable.
                let mut items = vec![Expr::new(ExprKind::Name(last.clone()), name_span)];
                items.extend(args);
                return self.opaque(items, span);
            }
            match self.scope().uses.get(last) {
                Some(full) => match full.split_last() {
                    Some((l, p)) if !p.is_empty() => (p.to_vec(), l.clone()),
                    _ => (self.mod_path(), last.clone()),
                },
                None => (self.mod_path(), last.clone()),
            }
        } else {
            (self.resolve(prefix), last.clone())
        };
        Expr::new(
            ExprKind::Call(Call {
                receiver: Some(Box::new(Expr::new(ExprKind::Path(owner.join(".")), span))),
                name,
                args,
                name_span,
            }),
            span,
        )
    }

    fn closure(&mut self, c: &syn::ExprClosure) -> FuncIdx {
        let span = self.span_of(c);
        let class = self
            .class_stack
            .last()
            .copied()
            .unwrap_or_else(|| self.scope().class);
        let idx = self.new_function("<lambda>", FunctionKind::Lambda, class, span);
        self.func_stack.push(idx);
        self.locals.push(HashSet::default());
        let mut stmts = Vec::new();
        let params: Vec<Param> = c
            .inputs
            .iter()
            .map(|p| self.param(p, None, &mut stmts))
            .collect();
        self.expr_into(&c.body, &Target::Return, &mut stmts);
        self.locals.pop();
        self.func_stack.pop();
        let f = &mut self.module.functions[idx as usize];
        f.params = params;
        f.body = stmts;
        f.is_static = false;
        idx
    }

    // ----- macros ------------------------------------------------------------------

    fn mac(&mut self, m: &syn::Macro, span: Span, out: &mut Vec<Stmt>) -> Expr {
        let segs = Self::path_segments(&m.path);
        let Some((name, prefix)) = segs.split_last() else {
            return self.opaque(Vec::new(), span);
        };
        let name_span = m
            .path
            .segments
            .last()
            .map(|s| self.span(s.ident.span()))
            .unwrap_or(span);
        let std_macro =
            prefix.is_empty() || matches!(prefix, [p] if p == "std" || p == "core" || p == "alloc");
        match name.as_str() {
            "format" | "format_args" if std_macro => {
                let args = self.macro_args(&m.tokens, out);
                return concatenation(args, span);
            }
            "vec" if std_macro => {
                let args = self.macro_args(&m.tokens, out);
                return Expr::new(ExprKind::ArrayInit(args), span);
            }
            "json" => {
                let mut values = Vec::new();
                self.json_values(m.tokens.clone(), &mut values, out);
                return self.opaque(values, span);
            }
            "write" | "writeln" if std_macro => {
                let mut args = self.macro_args(&m.tokens, out);
                if args.is_empty() {
                    return self.opaque(args, span);
                }
                let writer = args.remove(0);
                let text = concatenation(args, span);
                return Expr::new(
                    ExprKind::Call(Call {
                        receiver: Some(Box::new(writer)),
                        name: "write_fmt".into(),
                        args: vec![text],
                        name_span,
                    }),
                    span,
                );
            }
            _ => {}
        }
        let owner = if !prefix.is_empty() {
            self.resolve(prefix)
        } else if let Some(full) = self.scope().uses.get(name) {
            full.split_last()
                .map(|(_, p)| p.to_vec())
                .unwrap_or_default()
        } else if self.macro_crates.len() == 1 {
            self.macro_crates.clone()
        } else {
            vec!["std".to_string()]
        };
        let args = self.macro_args(&m.tokens, out);
        Expr::new(
            ExprKind::Call(Call {
                receiver: Some(Box::new(Expr::new(ExprKind::Path(owner.join(".")), span))),
                name: name.clone(),
                args,
                name_span,
            }),
            span,
        )
    }

    /// The values in a macro's comma-separated arguments: expressions, `tracing`'s
    /// fields (`phone = %p`, `?user`, `%id`), and what the format string captures.
    fn macro_args(&mut self, tokens: &TokenStream, out: &mut Vec<Stmt>) -> Vec<Expr> {
        let mut result = Vec::new();
        let mut captured = Vec::new();
        for chunk in split_commas(tokens.clone()) {
            let chunk = strip_field_syntax(chunk);
            if chunk.is_empty() {
                continue;
            }
            let Ok(e) = syn::parse2::<syn::Expr>(chunk.into_iter().collect()) else {
                continue;
            };
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &e
            {
                if captured.is_empty() {
                    let span = self.span(s.span());
                    for name in format_captures(&s.value()) {
                        if self.is_local(&name) {
                            captured.push(Expr::new(ExprKind::Name(name), span));
                        }
                    }
                }
            }
            let lowered = self.expr(&e, out);
            result.push(lowered);
        }
        result.extend(captured);
        result
    }

    /// The values of a `json!` literal (keys are strings; values are expressions,
    /// objects or arrays).
    fn json_values(&mut self, tokens: TokenStream, values: &mut Vec<Expr>, out: &mut Vec<Stmt>) {
        for chunk in split_commas(tokens) {
            let value: Vec<TokenTree> = match top_level_colon(&chunk) {
                Some(i) => chunk[i + 1..].to_vec(),
                None => chunk,
            };
            if let [TokenTree::Group(g)] = value.as_slice() {
                if matches!(g.delimiter(), Delimiter::Brace | Delimiter::Bracket) {
                    self.json_values(g.stream(), values, out);
                    continue;
                }
            }
            if let Ok(e) = syn::parse2::<syn::Expr>(value.into_iter().collect()) {
                let v = self.expr(&e, out);
                values.push(v);
            }
        }
    }
}

/// `#[serde(rename = "mobile")]` → `mobile`: the name a field is serialised under.
fn serde_renames(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        // Other serde options (`default`, `skip`, `with = ".."`) are skipped; a
        // shape syn cannot read leaves the field without an alias.
        let _ = a.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") || meta.path.is_ident("alias") {
                if let Ok(v) = meta.value().and_then(|v| v.parse::<syn::LitStr>()) {
                    out.push(v.value());
                }
            } else if meta.input.peek(syn::Token![=]) {
                let _ = meta.value().and_then(|v| v.parse::<syn::Expr>());
            }
            Ok(())
        });
    }
    out
}

/// A function's attributes that say how it is run (`#[post("/signup")]` of actix,
/// `#[tokio::main]`) → annotations named by the last path segment, with their string
/// literal arguments; attributes for the compiler (`doc`, `allow`, `inline`) are left out.
fn fn_attributes(attrs: &[syn::Attribute]) -> Vec<Annotation> {
    const COMPILER: [&str; 10] = [
        "doc",
        "allow",
        "warn",
        "deny",
        "cfg",
        "cfg_attr",
        "inline",
        "must_use",
        "expect",
        "track_caller",
    ];
    let mut out = Vec::new();
    for a in attrs {
        let Some(last) = a.path().segments.last() else {
            continue;
        };
        let name = last.ident.to_string();
        if COMPILER.contains(&name.as_str()) {
            continue;
        }
        let mut values = Vec::new();
        if let syn::Meta::List(list) = &a.meta {
            for t in list.tokens.clone() {
                if let TokenTree::Literal(l) = t {
                    if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&l.to_string()) {
                        values.push(s.value());
                    }
                }
            }
        }
        out.push(Annotation { name, values });
    }
    out
}

/// `#[derive(Deserialize, Debug)]` → annotations `Deserialize`, `Debug`.
fn derives(attrs: &[syn::Attribute]) -> Vec<Annotation> {
    let mut out = Vec::new();
    for a in attrs {
        if !a.path().is_ident("derive") {
            continue;
        }
        if let syn::Meta::List(list) = &a.meta {
            for t in list.tokens.clone() {
                if let TokenTree::Ident(i) = t {
                    out.push(Annotation {
                        name: i.to_string(),
                        values: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// std's smart pointers and `Option`/`Result`, which types are seen through.
fn is_wrapper(seg: &syn::PathSegment) -> bool {
    matches!(
        seg.ident.to_string().as_str(),
        "Option" | "Result" | "Box" | "Rc" | "Arc" | "Cow"
    )
}

fn first_type_arg(seg: &syn::PathSegment) -> Option<&syn::Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// `T` when `ty` is `Wrapper<T>` (or `&Wrapper<T>`) and the wrapper is named `name`.
fn type_arg_of<'t>(ty: &'t syn::Type, name: &syn::Ident) -> Option<&'t syn::Type> {
    match ty {
        syn::Type::Reference(r) => type_arg_of(&r.elem, name),
        syn::Type::Path(tp) => {
            let last = tp.path.segments.last()?;
            if last.ident == *name {
                first_type_arg(last)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn literal(l: &syn::Lit) -> Literal {
    match l {
        syn::Lit::Str(s) => Literal::Str(s.value()),
        syn::Lit::ByteStr(s) => Literal::Str(String::from_utf8_lossy(&s.value()).into_owned()),
        syn::Lit::Char(_) | syn::Lit::Byte(_) => Literal::Char,
        syn::Lit::Bool(b) => Literal::Bool(b.value),
        syn::Lit::Int(i) => i
            .base10_parse::<i64>()
            .map_or(Literal::Number, Literal::Int),
        _ => Literal::Number,
    }
}

/// `format!("a{}b", x)` reads like `"a{}b" + x`: the literal first, so a URL it
/// starts with is where the result goes.
fn concatenation(args: Vec<Expr>, span: Span) -> Expr {
    let mut iter = args.into_iter();
    let Some(first) = iter.next() else {
        return Expr::new(ExprKind::Literal(Literal::Str(String::new())), span);
    };
    iter.fold(first, |lhs, rhs| {
        Expr::new(
            ExprKind::Binary {
                op: BinOp::Add,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
        )
    })
}

/// The variables a format string names inline (`"{phone}"`, `"{user:?}"`).
fn format_captures(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        if let Some(stripped) = after.strip_prefix('{') {
            rest = stripped;
            continue;
        }
        let end = after.find(['}', ':']).unwrap_or(after.len());
        let name = after[..end].trim();
        let is_ident = name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if is_ident && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        rest = &after[end.min(after.len())..];
    }
    out
}

/// A macro's tokens split at top-level commas.
fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    for t in tokens {
        match &t {
            TokenTree::Punct(p) if p.as_char() == ',' => out.push(Vec::new()),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.push(t);
                }
            }
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// The index of a top-level single `:` (not part of `::`).
fn top_level_colon(chunk: &[TokenTree]) -> Option<usize> {
    let mut i = 0;
    while i < chunk.len() {
        if let TokenTree::Punct(p) = &chunk[i] {
            if p.as_char() == ':' {
                let next_colon =
                    matches!(chunk.get(i + 1), Some(TokenTree::Punct(q)) if q.as_char() == ':');
                if p.spacing() == Spacing::Joint && next_colon {
                    i += 2;
                    continue;
                }
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// `tracing` argument syntax around the value: `target: "x"` (a directive, no data),
/// `name = value`, and the `?`/`%` sigils (Debug, Display).
fn strip_field_syntax(chunk: Vec<TokenTree>) -> Vec<TokenTree> {
    // `target: expr`, `parent: expr`, `name: expr`: directives, not data.
    if let (Some(TokenTree::Ident(i)), Some(TokenTree::Punct(p))) = (chunk.first(), chunk.get(1)) {
        let directive = matches!(i.to_string().as_str(), "target" | "parent" | "name");
        if directive && p.as_char() == ':' && p.spacing() == Spacing::Alone {
            return Vec::new();
        }
    }
    // `field.path = value`: a lone `=` (not `==`, `<=`, `=>`).
    let mut value = chunk.as_slice();
    for (i, t) in chunk.iter().enumerate() {
        if let TokenTree::Punct(p) = t {
            if p.as_char() != '=' || p.spacing() != Spacing::Alone {
                continue;
            }
            let joined_before = match i.checked_sub(1).and_then(|j| chunk.get(j)) {
                Some(TokenTree::Punct(q)) => q.spacing() == Spacing::Joint,
                _ => false,
            };
            if !joined_before {
                value = &chunk[i + 1..];
                break;
            }
        }
    }
    if let Some(TokenTree::Punct(p)) = value.first() {
        if matches!(p.as_char(), '?' | '%') {
            value = &value[1..];
        }
    }
    value.to_vec()
}

/// `use a::{b, c as d, e::*}` → (name in scope, path, glob) for each leaf.
fn use_tree(
    prefix: &mut Vec<String>,
    tree: &syn::UseTree,
    out: &mut Vec<(Option<String>, Vec<String>, bool)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_tree(prefix, &p.tree, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                out.push((prefix.last().cloned(), prefix.clone(), false));
            } else {
                let mut path = prefix.clone();
                path.push(name.clone());
                out.push((Some(name), path, false));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            let name = r.ident.to_string();
            if name != "self" {
                path.push(name);
            }
            let alias = r.rename.to_string();
            out.push(((alias != "_").then_some(alias), path, false));
        }
        syn::UseTree::Glob(_) => out.push((None, prefix.clone(), true)),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_tree(prefix, t, out);
            }
        }
    }
}

fn pattern_idents<'p>(pat: &'p syn::Pat, out: &mut Vec<&'p syn::Ident>) {
    match pat {
        syn::Pat::Ident(pi) => {
            out.push(&pi.ident);
            if let Some((_, sub)) = &pi.subpat {
                pattern_idents(sub, out);
            }
        }
        syn::Pat::Type(t) => pattern_idents(&t.pat, out),
        syn::Pat::Reference(r) => pattern_idents(&r.pat, out),
        syn::Pat::Paren(p) => pattern_idents(&p.pat, out),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|p| pattern_idents(p, out)),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(|p| pattern_idents(p, out)),
        syn::Pat::Struct(s) => s.fields.iter().for_each(|f| pattern_idents(&f.pat, out)),
        syn::Pat::Slice(s) => s.elems.iter().for_each(|p| pattern_idents(p, out)),
        syn::Pat::Or(o) => {
            if let Some(p) = o.cases.first() {
                pattern_idents(p, out);
            }
        }
        syn::Pat::Guard(g) => pattern_idents(&g.pat, out),
        _ => {}
    }
}

fn is_place(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::This | ExprKind::Path(_) | ExprKind::Literal(_) => true,
        ExprKind::Field { receiver, .. } => is_place(receiver),
        _ => false,
    }
}

/// Expressions whose value comes out of statements (branches, blocks).
fn is_control_flow(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::If(_)
        | syn::Expr::Match(_)
        | syn::Expr::Block(_)
        | syn::Expr::Unsafe(_)
        | syn::Expr::Const(_)
        | syn::Expr::Async(_)
        | syn::Expr::TryBlock(_) => true,
        syn::Expr::Paren(p) => is_control_flow(&p.expr),
        syn::Expr::Try(t) => is_control_flow(&t.expr),
        syn::Expr::Await(a) => is_control_flow(&a.base),
        _ => false,
    }
}

/// Expressions that are statements in the IR (loops, jumps).
fn is_statement_like(e: &syn::Expr) -> bool {
    matches!(
        e,
        syn::Expr::ForLoop(_)
            | syn::Expr::While(_)
            | syn::Expr::Loop(_)
            | syn::Expr::Return(_)
            | syn::Expr::Break(_)
            | syn::Expr::Continue(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_ok(rel: &str, src: &str) -> Module {
        match lower(0, rel, src) {
            Ok(m) => m,
            Err(e) => panic!("{rel} did not lower: {e}"),
        }
    }

    fn function<'m>(m: &'m Module, name: &str) -> &'m Function {
        m.functions
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"))
    }

    /// Every call in a function: (receiver as dotted text, name, argument texts).
    fn calls(stmts: &[Stmt]) -> Vec<(Option<String>, String, Vec<String>)> {
        let mut out = Vec::new();
        walk_exprs(stmts, &mut |e| {
            if let ExprKind::Call(c) = &e.kind {
                let args = c.args.iter().map(describe).collect();
                out.push((c.receiver.as_deref().map(describe), c.name.clone(), args));
            }
        });
        out
    }

    fn describe(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Name(n) => n.clone(),
            ExprKind::Path(p) => format!("path {p}"),
            ExprKind::Field { receiver, name } => format!("{}.{name}", describe(receiver)),
            ExprKind::Literal(Literal::Str(s)) => format!("{s:?}"),
            ExprKind::Literal(_) => "lit".into(),
            ExprKind::This => "self".into(),
            ExprKind::Call(c) => format!("{}()", c.name),
            ExprKind::Binary { lhs, rhs, .. } => format!("{} + {}", describe(lhs), describe(rhs)),
            ExprKind::Opaque(items) => {
                let inner: Vec<String> = items.iter().map(describe).collect();
                format!("({})", inner.join(", "))
            }
            ExprKind::Lambda(_) => "closure".into(),
            _ => "?".into(),
        }
    }

    fn lets(stmts: &[Stmt], out: &mut Vec<(String, Option<String>)>) {
        for s in stmts {
            match s {
                Stmt::Let { name, init, .. } => {
                    out.push((name.clone(), init.as_ref().map(describe)));
                }
                Stmt::If { then, els, .. } => {
                    lets(then, out);
                    lets(els, out);
                }
                Stmt::Switch { arms, .. } => arms.iter().for_each(|a| lets(a, out)),
                Stmt::Loop { body, .. } | Stmt::Block(body) => lets(body, out),
                _ => {}
            }
        }
    }

    #[test]
    fn module_paths_follow_the_crate_layout() {
        let p = |rel: &str| module_path(rel).1.join(".");
        assert_eq!(p("shop-api/src/main.rs"), "shop_api");
        assert_eq!(p("shop-api/src/store.rs"), "shop_api.store");
        assert_eq!(p("shop-api/src/api/mod.rs"), "shop_api.api");
        assert_eq!(p("shop-api/src/api/users.rs"), "shop_api.api.users");
        assert_eq!(p("reqwest-0.12.5/src/lib.rs"), "reqwest");
        assert_eq!(p("tool/src/bin/export.rs"), "tool.bin.export");
        assert_eq!(module_path("a/src/store.rs").0, vec!["a".to_string()]);
    }

    #[test]
    fn log_macro_arguments_fields_and_captures() {
        let m = lower_ok(
            "svc/src/main.rs",
            r#"
use tracing::info;
fn f(phone: String, user: User) {
    info!(target: "audit", phone = %phone, ?user.email, "signup {}", user.name);
    log::warn!("inline {phone} and {phone:?}");
    println!("{}", 1);
}
"#,
        );
        let c = calls(&function(&m, "f").body);
        assert_eq!(
            c[0],
            (
                Some("path tracing".into()),
                "info".into(),
                vec![
                    "phone".into(),
                    "user.email".into(),
                    "\"signup {}\"".into(),
                    "user.name".into()
                ]
            )
        );
        assert_eq!(
            c[1],
            (
                Some("path log".into()),
                "warn".into(),
                vec!["\"inline {phone} and {phone:?}\"".into(), "phone".into()]
            )
        );
        assert_eq!(c[2].0.as_deref(), Some("path std"));
        assert_eq!(c[2].1, "println");
    }

    #[test]
    fn format_is_a_concatenation_and_json_keeps_its_values() {
        let m = lower_ok(
            "svc/src/main.rs",
            r#"
fn f(phone: &str, name: &str) {
    let url = format!("http://api.example.cn/u?phone={}", phone);
    let body = serde_json::json!({ "user": { "name": name, "tags": [phone, "x"] }, "n": 1 });
}
"#,
        );
        let mut l = Vec::new();
        lets(&function(&m, "f").body, &mut l);
        assert_eq!(
            l[0],
            (
                "url".into(),
                Some("\"http://api.example.cn/u?phone={}\" + phone".into())
            )
        );
        assert_eq!(
            l[1],
            ("body".into(), Some("(name, phone, \"x\", lit)".into()))
        );
    }

    #[test]
    fn paths_resolve_through_use_mod_and_crate() {
        let m = lower_ok(
            "svc/src/api/users.rs",
            r#"
use crate::store::{self, save as persist};
use std::fs;
mod helpers;
const URL: &str = "http://x";
fn f(u: User) {
    store::save(&u);
    persist(&u);
    super::audit::log(&u);
    fs::write("/tmp/x", &u.phone);
    helpers::clean(&u);
    local(URL);
    Self::nothing();
}
fn local(_: &str) {}
"#,
        );
        let c = calls(&function(&m, "f").body);
        let targets: Vec<String> = c
            .iter()
            .map(|(r, n, _)| format!("{} {n}", r.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            targets,
            vec![
                "path svc.store save",
                "path svc.store save",
                "path svc.api.audit log",
                "path std.fs write",
                "path svc.api.users.helpers clean",
                "path svc.api.users local",
                "path Self nothing",
            ]
        );
        // a constant of the module is read from the module's class
        assert_eq!(c[5].2, vec!["path svc.api.users.URL".to_string()]);
        let imports: Vec<&str> = m.imports.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(imports, vec!["svc.store", "svc.store.save", "std.fs"]);
        let module_class = &m.classes[0];
        assert_eq!(module_class.qualified, "svc.api.users");
        assert_eq!(module_class.fields[0].name, "URL");
    }

    #[test]
    fn try_await_and_method_chains_pass_values_on() {
        let m = lower_ok(
            "svc/src/main.rs",
            r#"
async fn f(http: reqwest::Client, body: Body) -> Result<(), Error> {
    let r = http.post(URL).json(&body).send().await?.error_for_status()?;
    Ok(())
}
"#,
        );
        let f = function(&m, "f");
        assert_eq!(f.params[0].ty.as_deref(), Some("reqwest.Client"));
        let names: Vec<String> = calls(&f.body).into_iter().map(|c| c.1).collect();
        assert_eq!(names, vec!["error_for_status", "send", "json", "post"]);
        assert!(matches!(f.body.last(), Some(Stmt::Return(Some(_), _))));
    }

    #[test]
    fn extractor_patterns_bind_the_inner_type() {
        let m = lower_ok(
            "svc/src/api.rs",
            r#"
use crate::model::Signup;
pub async fn signup(State(state): State<Arc<AppState>>, Json(req): Json<Signup>, (a, b): (u8, u8)) {}
"#,
        );
        let f = function(&m, "signup");
        let params: Vec<(String, Option<String>)> = f
            .params
            .iter()
            .map(|p| (p.name.clone(), p.ty.clone()))
            .collect();
        assert_eq!(params[0], ("state".into(), Some("AppState".into())));
        assert_eq!(params[1], ("req".into(), Some("svc.model.Signup".into())));
        let mut l = Vec::new();
        lets(&f.body, &mut l);
        assert_eq!(l.len(), 2, "{l:?}");
        assert_eq!(l[0].0, "a");
        assert!(l[0].1.as_deref().is_some_and(|d| d.ends_with(".0")));
    }

    #[test]
    fn patterns_bind_each_identifier_to_its_part() {
        let m = lower_ok(
            "svc/src/main.rs",
            r#"
fn f(u: User, o: Option<String>) {
    let User { phone, name: n, .. } = u;
    if let Some(p) = o { sink(p); }
    match lookup(phone) {
        Ok(Found { email, .. }) if !email.is_empty() => sink(email),
        Err(e) => {}
        _ => {}
    }
    for (k, v) in pairs { sink(v); }
}
"#,
        );
        let mut l = Vec::new();
        lets(&function(&m, "f").body, &mut l);
        let got: Vec<String> = l
            .iter()
            .map(|(n, i)| format!("{n} = {}", i.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            vec![
                "phone = u.phone",
                "n = u.name",
                "p = o",
                "<value 1> = lookup()",
                "email = <value 1>.email",
                "e = <value 1>",
                "k = pairs.0",
                "v = pairs.1",
            ]
        );
    }

    #[test]
    fn closures_are_lambdas_of_their_function() {
        let m = lower_ok(
            "svc/src/main.rs",
            r#"
fn f(phone: String) {
    let send = |to: &str| { client.post(URL).body(format!("{to}{phone}")) };
    items.iter().map(|(a, b)| a.clone());
}
"#,
        );
        let f_idx = m
            .functions
            .iter()
            .position(|f| f.name == "f")
            .map(|i| i as FuncIdx);
        let lambdas: Vec<&Function> = m
            .functions
            .iter()
            .filter(|f| f.kind == FunctionKind::Lambda)
            .collect();
        assert_eq!(lambdas.len(), 2);
        assert!(lambdas.iter().all(|l| l.parent == f_idx));
        assert_eq!(lambdas[0].params[0].name, "to");
        assert_eq!(lambdas[0].params[0].ty.as_deref(), Some("str"));
        let c = calls(&lambdas[0].body);
        assert_eq!(c[0].1, "body");
        assert_eq!(c[0].2, vec!["\"{to}{phone}\" + to + phone".to_string()]);
        // a destructured closure parameter binds its parts
        let mut l = Vec::new();
        lets(&lambdas[1].body, &mut l);
        assert_eq!(
            l.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn impl_methods_join_their_struct_and_self_is_this() {
        let m = lower_ok(
            "svc/src/model.rs",
            r#"
pub struct User { pub phone: String }
impl User {
    pub fn new(phone: String) -> Self { Self { phone } }
    pub fn phone(&self) -> &str { &self.phone }
}
impl std::fmt::Display for User {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { write!(f, "{}", self.phone) }
}
#[cfg(test)]
mod tests { fn t() {} }
"#,
        );
        let user = m
            .classes
            .iter()
            .find(|c| c.name == "User")
            .expect("class User");
        assert_eq!(user.qualified, "svc.model.User");
        assert_eq!(user.fields[0].name, "phone");
        // new, phone, fmt, and the constructor struct literals call
        assert_eq!(user.methods.len(), 4);
        assert_eq!(user.supertypes, vec!["std.fmt.Display".to_string()]);
        let new = function(&m, "new");
        assert!(new.is_static);
        assert_eq!(new.return_type.as_deref(), Some("svc.model.User"));
        assert!(!function(&m, "phone").is_static);
        let c = calls(&function(&m, "fmt").body);
        assert_eq!(c[0].0.as_deref(), Some("f"));
        assert_eq!(c[0].1, "write_fmt");
        assert_eq!(c[0].2, vec!["\"{}\" + self.phone".to_string()]);
        assert!(!m.functions.iter().any(|f| f.name == "t"));
    }

    #[test]
    fn control_flow_values_go_through_a_temporary() {
        let m = lower_ok(
            "svc/src/main.rs",
            r#"
fn f(a: bool, phone: String) -> String {
    let v = if a { phone.clone() } else { String::new() };
    sink(match a { true => phone, false => v });
    v
}
"#,
        );
        let f = function(&m, "f");
        let c = calls(&f.body);
        let sink = c.iter().find(|c| c.1 == "sink").expect("sink call");
        assert_eq!(sink.2, vec!["<value 1>".to_string()]);
        assert!(matches!(&f.body[0], Stmt::Let { name, init: None, .. } if name == "v"));
        assert!(matches!(f.body[1], Stmt::If { .. }));
    }

    #[test]
    fn columns_are_bytes_and_broken_files_are_skipped() {
        let src = "fn f(é: u8) {\n    let s = \"ü\"; info!(\"x\");\n}\n";
        let m = lower_ok("svc/src/main.rs", src);
        let c = &m.functions[0];
        let mut span = None;
        walk_exprs(&c.body, &mut |e| {
            if let ExprKind::Call(call) = &e.kind {
                span = Some(call.name_span);
            }
        });
        let span = span.expect("the info! call");
        let line = src.lines().nth(1).unwrap_or_default();
        assert_eq!(span.start.line, 1);
        assert_eq!(
            &line[span.start.col as usize..span.end.col as usize],
            "info"
        );
        assert_eq!(
            &src[span.start_byte as usize..span.end_byte as usize],
            "info"
        );
        assert!(matches!(
            lower(0, "svc/src/main.rs", "fn f( {"),
            Err(SkipReason::ParseFailed { .. })
        ));
    }
}
