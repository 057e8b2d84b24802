//! Kotlin front-end: tree-sitter-kotlin (the `-sg` grammar) → IR.
//!
//! Package and imports come from `queries/kotlin/declarations.scm`; bodies are lowered
//! by a walk over the tree, like the Java front-end. Kotlin's own constructs map onto
//! the IR as follows:
//!
//! - top-level functions and properties belong to one [`ClassKind::Module`] class per
//!   file; `object` declarations are [`ClassKind::Object`] classes; a companion
//!   object's members are lowered as static members of its class (which is how Java
//!   and Kotlin code call them: `Tracker.make()`);
//! - a primary constructor is a constructor whose body stores its `val`/`var`
//!   parameters and then runs the property initialisers and `init` blocks in order;
//! - `Name(args)` with a capitalised name is a constructor call (`new`);
//! - lambdas (trailing or not) are IR lambdas; a lambda without parameters has `it`;
//! - the standard library's scope functions run their lambda in place: `x.let { }`,
//!   `x.also { }`, `x.use { }`, `x.takeIf { }` call it with `x`; `x.apply { }`,
//!   `x.run { }`, `with(x) { }` call it with `x` as its implicit receiver;
//! - string templates are concatenations; `a to b`, `mapOf(..)`, `bundleOf(..)` and
//!   friends are collection literals;
//! - `if`/`when`/`try` used as values assign their branches' last expressions;
//!   `val x = y ?: return` is a declaration followed by an early return.
//!
//! Property reads (`loc.latitude`) stay field reads: the module says that its field
//! reads may be accessor calls ([`Module::accessor_properties`]), and the analysis
//! resolves them to `getLatitude()` when no such field is declared.

use std::sync::OnceLock;

use tree_sitter::{Node, Query, QueryCursor, StreamingIterator, Tree};

use super::Nesting;
use crate::ir::*;

pub(crate) const DECLARATIONS_QUERY: &str = include_str!("../../queries/kotlin/declarations.scm");

/// Standard-library functions that call their lambda once, in place, with the
/// receiver as its argument (`x.let { it }`), and whose value is the lambda's.
const SCOPE_WITH_ARG: &[&str] = &["let", "use"];
/// Like [`SCOPE_WITH_ARG`], but their value is the receiver itself.
const SCOPE_WITH_ARG_KEEP: &[&str] = &["also", "takeIf", "takeUnless", "onEach"];
/// Scope functions whose lambda runs with the receiver as its implicit `this`
/// (`api.runCatching { signIn(..) }` calls `api.signIn`).
const SCOPE_WITH_RECEIVER: &[&str] = &["apply", "run", "runCatching"];
/// Calls without a receiver that run their trailing lambda in place and yield its
/// value (`with(x) { }` passes `x` as the lambda's receiver).
const INLINE_RUNNERS: &[&str] = &[
    "run",
    "with",
    "synchronized",
    "withContext",
    "runBlocking",
    "coroutineScope",
    "supervisorScope",
    "withTimeout",
    "withTimeoutOrNull",
    "runCatching",
    "lazy",
    "measureTime",
    "measureTimeMillis",
    "measureNanoTime",
    "measureTimedValue",
];
/// Methods that run their block once, in place, without arguments, and yield its
/// value, whatever their receiver (`mutex.withLock { }`, `lock.withLock { }`).
const RECEIVER_RUNNERS: &[&str] = &["withLock", "withPermit"];
/// Standard-library builders of collections: their arguments are their elements.
const COLLECTION_BUILDERS: &[&str] = &[
    "listOf",
    "listOfNotNull",
    "mutableListOf",
    "arrayListOf",
    "setOf",
    "mutableSetOf",
    "hashSetOf",
    "linkedSetOf",
    "mapOf",
    "mutableMapOf",
    "hashMapOf",
    "linkedMapOf",
    "sortedMapOf",
    "arrayOf",
    "arrayOfNulls",
    "intArrayOf",
    "longArrayOf",
    "doubleArrayOf",
    "floatArrayOf",
    "byteArrayOf",
    "charArrayOf",
    "bundleOf",
    "contentValuesOf",
    "workDataOf",
    "persistableBundleOf",
];

pub fn language() -> tree_sitter::Language {
    tree_sitter_kotlin_sg::LANGUAGE.into()
}

fn declarations_query() -> Option<&'static Query> {
    static QUERY: OnceLock<Option<Query>> = OnceLock::new();
    QUERY
        .get_or_init(|| Query::new(&language(), DECLARATIONS_QUERY).ok())
        .as_ref()
}

/// Lowers a parsed Kotlin file.
/// The file's IR; `None` when its code nests deeper than [`super::MAX_NESTING`].
pub fn lower(file: FileId, source: &str, tree: &Tree) -> Option<Module> {
    let mut lowerer = Lowerer {
        src: source,
        file,
        module: Module {
            file,
            accessor_properties: true,
            ..Module::default()
        },
        class_stack: Vec::new(),
        func_stack: Vec::new(),
        anon_counter: 0,
        nesting: Nesting::default(),
        facade: None,
        scopes: Vec::new(),
        temp_counter: 0,
    };
    let root = tree.root_node();
    lowerer.declarations(root);
    lowerer.top_level(root);
    (!lowerer.nesting.too_deep).then_some(lowerer.module)
}

struct Lowerer<'a> {
    src: &'a str,
    file: FileId,
    module: Module,
    class_stack: Vec<ClassIdx>,
    func_stack: Vec<FuncIdx>,
    anon_counter: u32,
    /// How deep the statements and expressions being lowered nest.
    nesting: Nesting,
    /// The class holding the file's top-level functions and properties.
    facade: Option<ClassIdx>,
    /// Local names in scope, innermost function last (to tell a call of a local
    /// function value `cb(x)` from a call of a function named `cb`).
    scopes: Vec<Vec<String>>,
    /// Temporaries named so far (`$value1`, …).
    temp_counter: u32,
}

/// The receiver of an extension property (`val Context.deviceId`), for its accessors.
struct Extension {
    receiver: TypeRef,
    /// Declared at the top level of a file (rather than in a class).
    top_level: bool,
}

/// Members of a class body, sorted by what they become.
#[derive(Default)]
struct Members {
    /// Property initialisers and `init` blocks, in source order.
    instance_init: Vec<Stmt>,
    static_init: Vec<Stmt>,
}

impl<'a> Lowerer<'a> {
    fn text(&self, node: Node) -> &'a str {
        // The source is valid UTF-8 and nodes end on character boundaries: no
        // need to validate it again for every node.
        self.src.get(node.byte_range()).unwrap_or("")
    }

    fn span(&self, node: Node) -> Span {
        let s = node.start_position();
        let e = node.end_position();
        Span {
            file: self.file,
            start: Pos {
                line: s.row as u32,
                col: s.column as u32,
            },
            end: Pos {
                line: e.row as u32,
                col: e.column as u32,
            },
            start_byte: node.start_byte() as u32,
            end_byte: node.end_byte() as u32,
        }
    }

    fn opaque(&self, node: Node) -> Expr {
        Expr::new(ExprKind::Opaque(Vec::new()), self.span(node))
    }

    fn declarations(&mut self, root: Node) {
        let Some(query) = declarations_query() else {
            return;
        };
        let names = query.capture_names();
        let mut cursor = QueryCursor::new();
        cursor.set_max_start_depth(Some(1));
        let mut matches = cursor.matches(query, root, self.src.as_bytes());
        while let Some(m) = matches.next() {
            let mut path = None;
            let mut whole = None;
            for cap in m.captures() {
                let text = self.text(cap.node);
                match names[cap.index as usize] {
                    "package.name" => self.module.package = Some(dotted_text(text)),
                    "import.path" => path = Some(dotted_text(text)),
                    "import" => whole = Some(cap.node),
                    _ => {}
                }
            }
            if let (Some(path), Some(whole)) = (path, whole) {
                let mut c = whole.walk();
                let wildcard = whole
                    .named_children(&mut c)
                    .any(|n| n.kind() == "wildcard_import");
                self.module.imports.push(Import {
                    path,
                    wildcard,
                    is_static: false,
                });
            }
        }
    }

    fn qualified_prefix(&self) -> String {
        match self.class_stack.last() {
            Some(&c) if self.module.classes[c as usize].kind != ClassKind::Module => {
                self.module.classes[c as usize].qualified.clone()
            }
            _ => self.module.package.clone().unwrap_or_default(),
        }
    }

    fn facade(&mut self, root: Node) -> ClassIdx {
        if let Some(f) = self.facade {
            return f;
        }
        let package = self.module.package.clone().unwrap_or_default();
        let idx = self.push_class(Class {
            name: String::new(),
            qualified: package,
            kind: ClassKind::Module,
            supertypes: Vec::new(),
            fields: Vec::new(),
            methods: Vec::new(),
            annotations: Vec::new(),
            outer: None,
            enclosing_function: None,
            is_anonymous: true,
            exported: false,
            span: self.span(root),
        });
        self.facade = Some(idx);
        idx
    }

    fn top_level(&mut self, root: Node) {
        let mut members: Vec<Node> = Vec::new();
        let mut cursor = root.walk();
        for child in root.named_children(&mut cursor) {
            match child.kind() {
                "class_declaration" | "object_declaration" => {
                    self.type_declaration(child, None);
                }
                "function_declaration" | "property_declaration" => members.push(child),
                // A script's statements, or a declaration the grammar did not see as one.
                _ => {}
            }
        }
        if members.is_empty() {
            return;
        }
        let facade = self.facade(root);
        self.class_stack.push(facade);
        let mut init = Members::default();
        for m in members {
            self.member(facade, m, &mut init, true);
        }
        self.finish_initializers(facade, root, init, None);
        self.class_stack.pop();
    }

    fn push_class(&mut self, class: Class) -> ClassIdx {
        self.module.classes.push(class);
        (self.module.classes.len() - 1) as ClassIdx
    }

    fn type_declaration(&mut self, node: Node, outer: Option<ClassIdx>) -> ClassIdx {
        let mut kind = if node.kind() == "object_declaration" {
            ClassKind::Object
        } else {
            ClassKind::Class
        };
        let mut name = String::new();
        let mut supertypes = Vec::new();
        let mut super_args: Option<(Node, Node)> = None;
        let mut body = None;
        let mut primary = None;
        let mut annotations = Vec::new();
        let mut exported = true;
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            match child.kind() {
                "interface" => kind = ClassKind::Interface,
                "enum" => kind = ClassKind::Enum,
                "type_identifier" if name.is_empty() => name = self.text(child).to_string(),
                "modifiers" => {
                    let (flags, anns) = self.modifiers(child);
                    annotations = anns;
                    exported = !flags.is_private && !flags.is_internal;
                    if flags.is_annotation {
                        kind = ClassKind::Annotation;
                    }
                    // `data class`: its toString lists its properties.
                    if flags.is_data {
                        annotations.push(Annotation {
                            name: "data".into(),
                            values: Vec::new(),
                        });
                    }
                }
                "delegation_specifier" => {
                    if let Some((ty, args)) = self.delegation(child) {
                        if let Some(args) = args {
                            super_args = Some((child, args));
                        }
                        supertypes.push(ty);
                    }
                }
                "primary_constructor" => primary = Some(child),
                "class_body" | "enum_class_body" => body = Some(child),
                _ => {}
            }
        }
        let prefix = self.qualified_prefix();
        let qualified = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let idx = self.push_class(Class {
            name,
            qualified,
            kind,
            supertypes,
            fields: Vec::new(),
            methods: Vec::new(),
            annotations,
            outer,
            enclosing_function: self.func_stack.last().copied(),
            is_anonymous: false,
            exported,
            span: self.span(node),
        });
        self.class_contents(idx, node, primary, body, super_args);
        idx
    }

    /// `Base(args)` or `Interface` in a supertype list: the type and its arguments.
    fn delegation<'t>(&self, node: Node<'t>) -> Option<(TypeRef, Option<Node<'t>>)> {
        let inner = named_parts(node).first().copied()?;
        match inner.kind() {
            "constructor_invocation" => {
                let children: Vec<Node> = named_parts(inner);
                let ty = children
                    .iter()
                    .find(|n| n.kind() == "user_type")
                    .map(|n| self.type_text(*n))?;
                let args = children
                    .iter()
                    .find(|n| n.kind() == "value_arguments")
                    .copied();
                Some((ty, args))
            }
            "explicit_delegation" => {
                let mut c = inner.walk();
                let ty = inner
                    .named_children(&mut c)
                    .find(|n| n.kind() == "user_type")
                    .map(|n| self.type_text(n))?;
                Some((ty, None))
            }
            _ => Some((self.type_text(inner), None)),
        }
    }

    /// Lowers a class's constructor parameters and body.
    fn class_contents(
        &mut self,
        idx: ClassIdx,
        node: Node,
        primary: Option<Node>,
        body: Option<Node>,
        super_args: Option<(Node, Node)>,
    ) {
        self.class_stack.push(idx);
        let mut init = Members::default();
        // Primary constructor: `val`/`var` parameters are properties.
        let mut ctor_params = Vec::new();
        let mut defaults = 0u16;
        let mut stores = Vec::new();
        if let Some(p) = primary {
            let mut cursor = p.walk();
            for cp in p.named_children(&mut cursor) {
                if cp.kind() != "class_parameter" {
                    continue;
                }
                let mut c2 = cp.walk();
                let mut is_property = false;
                let mut has_default = false;
                let mut pname = None;
                let mut ty = None;
                let mut elem = None;
                let mut annotations = Vec::new();
                for part in cp.named_children(&mut c2) {
                    match part.kind() {
                        "binding_pattern_kind" => is_property = true,
                        "simple_identifier" if pname.is_none() => pname = Some(part),
                        "modifiers" => annotations = self.modifiers(part).1,
                        k if is_type_node(k) && ty.is_none() => {
                            ty = Some(self.type_text(part));
                            elem = self.element_type(part);
                        }
                        _ if ty.is_some() => has_default = true,
                        _ => {}
                    }
                }
                let Some(n) = pname else { continue };
                defaults += u16::from(has_default);
                let name = self.text(n).to_string();
                let span = self.span(n);
                if is_property {
                    self.module.classes[idx as usize].fields.push(Field {
                        elem: elem.clone(),
                        name: name.clone(),
                        aliases: crate::frontend::java::serialised_names(&annotations),
                        ty: ty.clone(),
                        is_static: false,
                        is_final: false,
                        init: None,
                        name_span: span,
                        delegated: false,
                    });
                    stores.push(Stmt::Expr(Expr::new(
                        ExprKind::Assign {
                            target: Box::new(this_field(&name, span)),
                            value: Box::new(Expr::new(ExprKind::Name(name.clone()), span)),
                            compound: false,
                        },
                        span,
                    )));
                }
                ctor_params.push(Param {
                    elem,
                    block_params: Vec::new(),
                    name,
                    ty,
                    annotations,
                    span,
                });
            }
        }
        let ctor_names: Vec<String> = ctor_params.iter().map(|p| p.name.clone()).collect();
        // The class body: its initialisers see the primary constructor's parameters.
        self.scopes.push(ctor_names);
        let ctor = primary.map(|p| {
            let f = self.new_function(
                "<constructor>",
                FunctionKind::Constructor,
                self.span(p),
                self.span(p),
            );
            self.module.functions[f as usize].params = ctor_params;
            self.module.functions[f as usize].defaults = defaults;
            // `class Session private constructor()`
            let mut cursor = p.walk();
            let modifiers = p
                .named_children(&mut cursor)
                .find(|c| c.kind() == "modifiers");
            self.module.functions[f as usize].is_private =
                modifiers.is_some_and(|m| self.modifiers(m).0.is_private);
            f
        });
        if let Some(body) = body {
            let mut cursor = body.walk();
            for member in body.named_children(&mut cursor) {
                self.member(idx, member, &mut init, false);
            }
        }
        self.scopes.pop();
        // A call of the superclass constructor runs first.
        let mut head = Vec::new();
        if let (Some(f), Some((spec, args))) = (ctor, super_args) {
            self.func_stack.push(f);
            let args = self.value_arguments(args);
            self.func_stack.pop();
            let span = self.span(spec);
            head.push(Stmt::Expr(Expr::new(
                ExprKind::Call(Call {
                    receiver: None,
                    name: "super".into(),
                    args,
                    name_span: span,
                }),
                span,
            )));
        }
        head.extend(stores);
        self.finish_initializers(idx, node, init, ctor.map(|c| (c, head)));
        self.class_stack.pop();
    }

    /// Attaches initialisers: to the primary constructor when there is one (they
    /// see its parameters), else to the `<init>`/`<clinit>` functions.
    fn finish_initializers(
        &mut self,
        class: ClassIdx,
        node: Node,
        init: Members,
        ctor: Option<(FuncIdx, Vec<Stmt>)>,
    ) {
        let span = self.span(node);
        let static_fn = self.new_function("<clinit>", FunctionKind::Initializer, span, span);
        self.module.functions[static_fn as usize].is_static = true;
        self.module.functions[static_fn as usize].body = init.static_init;
        let instance_fn = self.new_function("<init>", FunctionKind::Initializer, span, span);
        let methods_before = self.module.classes[class as usize].methods.len();
        match ctor {
            Some((f, mut head)) => {
                head.extend(init.instance_init);
                self.module.functions[f as usize].body = head;
                self.module.classes[class as usize]
                    .methods
                    .insert(methods_before, f);
            }
            None => self.module.functions[instance_fn as usize].body = init.instance_init,
        }
        let methods = &mut self.module.classes[class as usize].methods;
        methods.push(static_fn);
        methods.push(instance_fn);
    }

    fn member(&mut self, class: ClassIdx, member: Node, init: &mut Members, top_level: bool) {
        let class_kind = self.module.classes[class as usize].kind;
        let is_static_context = top_level || class_kind == ClassKind::Object;
        match member.kind() {
            "property_declaration" => {
                self.property(class, member, init, is_static_context, top_level)
            }
            "function_declaration" => {
                let f = self.function(member, top_level, is_static_context);
                self.module.classes[class as usize].methods.push(f);
            }
            "secondary_constructor" => {
                let f = self.secondary_constructor(member);
                self.module.classes[class as usize].methods.push(f);
            }
            "anonymous_initializer" => {
                let mut cursor = member.walk();
                for s in member.named_children(&mut cursor) {
                    if s.kind() == "statements" {
                        let stmts = self.statements(s);
                        // An `object`'s `init` runs when the class loads, like its
                        // (static) properties' initialisers.
                        if is_static_context {
                            init.static_init.extend(stmts);
                        } else {
                            init.instance_init.extend(stmts);
                        }
                    }
                }
            }
            "companion_object" => {
                // Its members are the class's static members.
                let mut cursor = member.walk();
                for child in member.named_children(&mut cursor) {
                    if child.kind() == "class_body" {
                        let mut c2 = child.walk();
                        for m in child.named_children(&mut c2) {
                            let mut statics = Members::default();
                            self.member(class, m, &mut statics, true);
                            init.static_init.extend(statics.static_init);
                            init.static_init.extend(statics.instance_init);
                        }
                    }
                }
            }
            "class_declaration" | "object_declaration" => {
                self.type_declaration(member, Some(class));
            }
            "enum_entry" => {
                // Entries with a body are anonymous subclasses of the enum.
                let mut cursor = member.walk();
                let body = member
                    .named_children(&mut cursor)
                    .find(|c| c.kind() == "class_body");
                let mut c2 = member.walk();
                let name = member
                    .named_children(&mut c2)
                    .find(|c| c.kind() == "simple_identifier")
                    .map(|n| self.text(n).to_string())
                    .unwrap_or_default();
                let field = Field {
                    elem: None,
                    name: name.clone(),
                    aliases: Vec::new(),
                    ty: Some(self.module.classes[class as usize].name.clone()),
                    is_static: true,
                    is_final: true,
                    init: None,
                    name_span: self.span(member),
                    delegated: false,
                };
                self.module.classes[class as usize].fields.push(field);
                if let Some(b) = body {
                    let prefix = self.module.classes[class as usize].qualified.clone();
                    let idx = self.push_class(Class {
                        name: name.clone(),
                        qualified: format!("{prefix}.{name}"),
                        kind: ClassKind::Class,
                        supertypes: vec![self.module.classes[class as usize].name.clone()],
                        fields: Vec::new(),
                        methods: Vec::new(),
                        annotations: Vec::new(),
                        outer: Some(class),
                        enclosing_function: None,
                        is_anonymous: true,
                        exported: false,
                        span: self.span(member),
                    });
                    self.class_contents(idx, member, None, Some(b), None);
                }
            }
            _ => {}
        }
    }

    fn property(
        &mut self,
        class: ClassIdx,
        node: Node,
        init: &mut Members,
        is_static: bool,
        top_level: bool,
    ) {
        let mut names: Vec<(String, Option<TypeRef>, Span, Option<TypeRef>)> = Vec::new();
        let mut value = None;
        let mut delegate = None;
        let mut getter = None;
        let mut setter = None;
        let mut is_final = false;
        let mut receiver_type = None;
        let mut cursor = node.walk();
        let mut after_eq = false;
        for child in node.children(&mut cursor) {
            match child.kind() {
                "binding_pattern_kind" => is_final = self.text(child) == "val",
                "variable_declaration" => names.push(self.variable(child)),
                "multi_variable_declaration" => {
                    let mut c2 = child.walk();
                    for v in child.named_children(&mut c2) {
                        if v.kind() == "variable_declaration" {
                            names.push(self.variable(v));
                        }
                    }
                }
                "=" => after_eq = true,
                "property_delegate" => delegate = Some(child),
                "getter" => getter = Some(child),
                "setter" => setter = Some(child),
                "receiver_type" => receiver_type = Some(child),
                _ if after_eq && child.is_named() && value.is_none() => value = Some(child),
                _ => {}
            }
        }
        // An accessor on the next line is parsed as the property's sibling.
        let mut next = node.next_named_sibling();
        while let Some(n) = next {
            match n.kind() {
                "getter" if getter.is_none() => getter = Some(n),
                "setter" if setter.is_none() => setter = Some(n),
                _ => break,
            }
            next = n.next_named_sibling();
        }
        // Extension properties have no backing field: only their accessors exist.
        let has_field =
            receiver_type.is_none() && (value.is_some() || delegate.is_some() || getter.is_none());
        // Their accessors are extension functions: `val Context.deviceId get() = ..` is
        // `fun Context.getDeviceId()`, which `context.deviceId` calls.
        let extension = receiver_type.map(|r| Extension {
            receiver: self.type_text(r),
            top_level,
        });
        let span = self.span(node);
        for (name, ty, name_span, elem) in &names {
            let elem = &elem
                .clone()
                .or_else(|| value.and_then(|v| self.made_holding(v)));
            if has_field {
                self.module.classes[class as usize].fields.push(Field {
                    elem: elem.clone(),
                    name: name.clone(),
                    aliases: Vec::new(),
                    ty: ty.clone(),
                    is_static,
                    is_final,
                    init: None,
                    name_span: *name_span,
                    delegated: false,
                });
            }
            if let Some(g) = getter {
                let name = accessor_name("get", name);
                let f = self.accessor(g, &name, ty.clone(), is_static, extension.as_ref());
                // (`val items: List<Item> get() = _items` returns items.)
                self.module.functions[f as usize].return_elem = elem.clone();
                self.module.classes[class as usize].methods.push(f);
            }
            if let Some(s) = setter {
                // `set(value) = ..`: the value is of the property's type.
                let name = accessor_name("set", name);
                let f = self.accessor(s, &name, ty.clone(), is_static, extension.as_ref());
                self.module.classes[class as usize].methods.push(f);
            }
        }
        let delegated = value.is_none() && delegate.is_some();
        let source = value.or_else(|| {
            delegate.and_then(|d| {
                let first = named_parts(d).first().copied();
                first
            })
        });
        let (Some(v), Some((name, _, name_span, _))) = (source, names.first().cloned()) else {
            return;
        };
        if !has_field {
            return;
        }
        // The initialiser runs in the constructor (or `<clinit>` for statics).
        let target = if is_static {
            Expr::new(ExprKind::Name(name.clone()), name_span)
        } else {
            this_field(&name, name_span)
        };
        let mut stmts = Vec::new();
        // `by lazy { v }` runs its lambda in place (an inline runner): it holds `v`.
        let value = self.expr(v);
        stmts.push(Stmt::Expr(Expr::new(
            ExprKind::Assign {
                target: Box::new(target),
                value: Box::new(value.clone()),
                compound: false,
            },
            span,
        )));
        if let Some(f) = self.module.classes[class as usize]
            .fields
            .iter_mut()
            .rev()
            .find(|f| f.name == name)
        {
            f.init = Some(value);
            f.delegated = delegated;
        }
        if is_static {
            init.static_init.extend(stmts);
        } else {
            init.instance_init.extend(stmts);
        }
    }

    /// A declared name: its name, type, span and what its type holds.
    fn variable(&self, node: Node) -> (String, Option<TypeRef>, Span, Option<TypeRef>) {
        let mut cursor = node.walk();
        let mut name = None;
        let mut declared = None;
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "simple_identifier" if name.is_none() => name = Some(c),
                k if is_type_node(k) && declared.is_none() => declared = Some(c),
                _ => {}
            }
        }
        let ty = declared.map(|t| self.type_text(t));
        let elem = declared.and_then(|t| self.element_type(t));
        match name {
            Some(n) => (self.text(n).to_string(), ty, self.span(n), elem),
            None => (String::new(), ty, self.span(node), elem),
        }
    }

    fn accessor(
        &mut self,
        node: Node,
        name: &str,
        ty: Option<TypeRef>,
        is_static: bool,
        extension: Option<&Extension>,
    ) -> FuncIdx {
        let span = self.span(node);
        let kind = match extension {
            Some(Extension {
                top_level: true, ..
            }) => FunctionKind::TopLevel,
            _ => FunctionKind::Method,
        };
        let f = self.new_function(name, kind, span, span);
        let mut params = Vec::new();
        if let Some(e) = extension {
            params.push(Param {
                elem: None,
                block_params: Vec::new(),
                name: RECEIVER_PARAM.into(),
                ty: Some(e.receiver.clone()),
                annotations: Vec::new(),
                span,
            });
        }
        let mut body = Vec::new();
        let mut has_body = false;
        self.func_stack.push(f);
        let mut scope = vec!["field".to_string(), "value".to_string()];
        scope.extend(params.iter().map(|p| p.name.clone()));
        self.scopes.push(scope);
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "parameter_with_optional_type" => {
                    let (n, t, s, e) = self.variable(c);
                    params.push(Param {
                        elem: e,
                        block_params: Vec::new(),
                        name: n,
                        ty: t.or_else(|| ty.clone()),
                        annotations: Vec::new(),
                        span: s,
                    });
                }
                "function_body" => {
                    has_body = true;
                    body = self.function_body(c);
                }
                _ => {}
            }
        }
        self.scopes.pop();
        self.func_stack.pop();
        let func = &mut self.module.functions[f as usize];
        // A getter returns the property's type; a setter returns nothing.
        let is_setter = params.len() > usize::from(extension.is_some());
        func.implicit_receiver = extension.is_some();
        func.params = params;
        func.body = body;
        func.has_body = has_body;
        func.return_type = if is_setter { None } else { ty };
        func.is_static = is_static;
        f
    }

    fn new_function(
        &mut self,
        name: &str,
        kind: FunctionKind,
        span: Span,
        name_span: Span,
    ) -> FuncIdx {
        self.module.functions.push(Function::new(
            name,
            kind,
            self.class_stack.last().copied(),
            self.func_stack.last().copied(),
            span,
            name_span,
        ));
        (self.module.functions.len() - 1) as FuncIdx
    }

    fn function(&mut self, node: Node, top_level: bool, is_static: bool) -> FuncIdx {
        let mut name_node = None;
        let mut params_node = None;
        let mut body_node = None;
        let mut return_type = None;
        let mut return_elem = None;
        let mut flags = ModifierFlags::default();
        let mut annotations = Vec::new();
        let mut receiver = None;
        let mut seen_params = false;
        let mut cursor = node.walk();
        for c in node.children(&mut cursor) {
            match c.kind() {
                "modifiers" => (flags, annotations) = self.modifiers(c),
                "simple_identifier" if name_node.is_none() => name_node = Some(c),
                "receiver_type" => receiver = Some(self.type_text(c)),
                "function_value_parameters" => {
                    params_node = Some(c);
                    seen_params = true;
                }
                "function_body" => body_node = Some(c),
                k if seen_params && is_type_node(k) && return_type.is_none() => {
                    return_type = Some(self.type_text(c));
                    return_elem = self.element_type(c);
                }
                _ => {}
            }
        }
        let name = name_node
            .map(|n| self.text(n).to_string())
            .unwrap_or_default();
        let kind = if top_level {
            FunctionKind::TopLevel
        } else {
            FunctionKind::Method
        };
        let name_span = name_node.map(|n| self.span(n)).unwrap_or(self.span(node));
        let f = self.new_function(&name, kind, self.span(node), name_span);
        let mut params = params_node.map(|p| self.parameters(p)).unwrap_or_default();
        self.module.functions[f as usize].defaults =
            params_node.map(Self::default_count).unwrap_or(0);
        // An extension function's receiver is its first parameter: the stand-in for `this`.
        if let Some(rt) = receiver {
            params.insert(
                0,
                Param {
                    elem: None,
                    block_params: Vec::new(),
                    name: RECEIVER_PARAM.into(),
                    ty: Some(rt),
                    annotations: Vec::new(),
                    span: name_span,
                },
            );
            self.module.functions[f as usize].implicit_receiver = true;
        }
        self.func_stack.push(f);
        self.scopes
            .push(params.iter().map(|p| p.name.clone()).collect());
        let body = body_node.map(|b| self.function_body(b)).unwrap_or_default();
        self.scopes.pop();
        self.func_stack.pop();
        // `fun Location.toFix() = Fix(latitude, longitude, "gps")` returns a `Fix`.
        let return_type = return_type.or_else(|| match body.as_slice() {
            [Stmt::Return(Some(e), _)] => match &e.kind {
                ExprKind::New { ty, body: None, .. } => Some(ty.clone()),
                _ => None,
            },
            _ => None,
        });
        let func = &mut self.module.functions[f as usize];
        func.params = params;
        func.body = body;
        func.has_body = body_node.is_some();
        func.return_type = return_type;
        func.return_elem = return_elem;
        func.annotations = annotations;
        func.is_private = flags.is_private;
        func.is_static = is_static;
        f
    }

    fn secondary_constructor(&mut self, node: Node) -> FuncIdx {
        let span = self.span(node);
        let f = self.new_function("<constructor>", FunctionKind::Constructor, span, span);
        let mut params = Vec::new();
        let mut body = Vec::new();
        let children: Vec<Node> = named_parts(node);
        for c in &children {
            if c.kind() == "function_value_parameters" {
                params = self.parameters(*c);
            }
        }
        self.func_stack.push(f);
        self.scopes
            .push(params.iter().map(|p| p.name.clone()).collect());
        for c in &children {
            match c.kind() {
                "constructor_delegation_call" => {
                    let target = if self.text(*c).trim_start().starts_with("super") {
                        "super"
                    } else {
                        "this"
                    };
                    let mut c2 = c.walk();
                    let args = c
                        .named_children(&mut c2)
                        .find(|n| n.kind() == "value_arguments")
                        .map(|a| self.value_arguments(a))
                        .unwrap_or_default();
                    body.push(Stmt::Expr(Expr::new(
                        ExprKind::Call(Call {
                            receiver: None,
                            name: target.into(),
                            args,
                            name_span: self.span(*c),
                        }),
                        self.span(*c),
                    )));
                }
                "statements" => body.extend(self.statements(*c)),
                _ => {}
            }
        }
        self.scopes.pop();
        self.func_stack.pop();
        let func = &mut self.module.functions[f as usize];
        func.params = params;
        func.body = body;
        f
    }

    fn parameters(&mut self, node: Node) -> Vec<Param> {
        let mut out = Vec::new();
        let mut pending_annotations = Vec::new();
        let mut vararg = false;
        let mut cursor = node.walk();
        for p in node.named_children(&mut cursor) {
            match p.kind() {
                "parameter_modifiers" => {
                    let mut c2 = p.walk();
                    for a in p.named_children(&mut c2) {
                        if a.kind() == "annotation" {
                            pending_annotations.push(self.annotation(a));
                        } else if self.text(a) == "vararg" {
                            vararg = true;
                        }
                    }
                }
                "parameter" => {
                    let (name, mut ty, span, mut elem) = self.variable(p);
                    if std::mem::take(&mut vararg) {
                        // `vararg parts: String`: marked, a call may pass any number.
                        elem = ty.clone();
                        ty = ty.map(|t| format!("{t}..."));
                    }
                    let mut c2 = p.walk();
                    let declared = p.named_children(&mut c2).find(|c| is_type_node(c.kind()));
                    out.push(Param {
                        elem,
                        block_params: declared
                            .map(|t| self.function_type_params(t))
                            .unwrap_or_default(),
                        name,
                        ty,
                        annotations: std::mem::take(&mut pending_annotations),
                        span,
                    });
                }
                _ => {}
            }
        }
        out
    }

    /// How many parameters of a `function_value_parameters` list have defaults.
    fn default_count(node: Node) -> u16 {
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .filter(|c| {
                !matches!(
                    c.kind(),
                    "parameter" | "parameter_modifiers" | "line_comment" | "multiline_comment"
                )
            })
            .count() as u16
    }

    fn function_body(&mut self, node: Node) -> Vec<Stmt> {
        let mut cursor = node.walk();
        let mut out = Vec::new();
        let mut expression_body = false;
        for c in node.children(&mut cursor) {
            match c.kind() {
                "=" => expression_body = true,
                "statements" => out.extend(self.statements(c)),
                _ if c.is_named() && expression_body => {
                    let span = self.span(c);
                    self.value_into(c, &mut out, &|e| Stmt::Return(Some(e), span));
                }
                _ => {}
            }
        }
        out
    }

    // ----- statements -------------------------------------------------------

    fn statements(&mut self, node: Node) -> Vec<Stmt> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.stmt_into(child, &mut out);
        }
        out
    }

    /// The statements of a control structure's body (a block or one statement).
    fn body(&mut self, node: Option<Node>) -> Vec<Stmt> {
        let Some(node) = node else {
            return Vec::new();
        };
        let mut out = Vec::new();
        match node.kind() {
            "control_structure_body" | "statements" => {
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    if c.kind() == "statements" {
                        out.extend(self.statements(c));
                    } else {
                        self.stmt_into(c, &mut out);
                    }
                }
            }
            _ => self.stmt_into(node, &mut out),
        }
        out
    }

    fn declare(&mut self, name: &str) {
        if let Some(s) = self.scopes.last_mut() {
            s.push(name.to_string());
        }
    }

    fn is_local(&self, name: &str) -> bool {
        self.scopes
            .iter()
            .rev()
            .any(|s| s.iter().any(|n| n == name))
    }

    /// Lowers a statement, unless statements and expressions already nest
    /// [`super::MAX_NESTING`] deep (the file is then skipped).
    fn stmt_into(&mut self, node: Node, out: &mut Vec<Stmt>) {
        if self.nesting.enter() {
            self.stmt_into_at(node, out);
            self.nesting.leave();
        }
    }

    fn stmt_into_at(&mut self, node: Node, out: &mut Vec<Stmt>) {
        match node.kind() {
            "property_declaration" => self.local_property(node, out),
            "assignment" => out.push(Stmt::Expr(self.assignment(node))),
            "for_statement" => {
                let mut vars = Vec::new();
                // `for ((k, v) in map)`: each element's components.
                let mut destructured = Vec::new();
                let mut iterable = None;
                let mut body = None;
                let mut cursor = node.walk();
                let mut after_in = false;
                for c in node.children(&mut cursor) {
                    match c.kind() {
                        "variable_declaration" => vars.push(self.variable(c)),
                        "multi_variable_declaration" => {
                            let mut c2 = c.walk();
                            for v in c.named_children(&mut c2) {
                                destructured.push(self.variable(v));
                            }
                        }
                        "in" => after_in = true,
                        "control_structure_body" => body = Some(c),
                        _ if after_in && c.is_named() && iterable.is_none() => iterable = Some(c),
                        _ => {}
                    }
                }
                let value = match iterable {
                    Some(i) => self.expr(i),
                    None => self.opaque(node),
                };
                let mut stmts = Vec::new();
                // (`$destructured` is the element, `k = $destructured.component1()`, ..)
                let whole = (!destructured.is_empty())
                    .then(|| format!("$destructured{}", value.span.start.line));
                if let Some(whole) = &whole {
                    vars.push((whole.clone(), None, value.span, None));
                }
                for (name, ty, span, elem) in vars {
                    self.declare(&name);
                    stmts.push(Stmt::Let {
                        elem,
                        name,
                        ty,
                        init: Some(value.clone()),
                        span,
                    });
                }
                if let Some(whole) = whole {
                    for (name, ..) in &destructured {
                        self.declare(name);
                    }
                    stmts.extend(component_lets(&whole, destructured));
                }
                stmts.extend(self.body(body));
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond: Some(value),
                    body: stmts,
                    update: Vec::new(),
                });
            }
            "while_statement" | "do_while_statement" => {
                let mut cond = None;
                let mut body = None;
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    if c.kind() == "control_structure_body" {
                        body = Some(c);
                    } else if cond.is_none() {
                        cond = Some(self.expr(c));
                    }
                }
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond,
                    body: self.body(body),
                    update: Vec::new(),
                });
            }
            "jump_expression" => out.push(self.jump(node)),
            "if_expression" | "when_expression" | "try_expression" => {
                self.control_into(node, out, None);
            }
            "class_declaration" | "object_declaration" => {
                let outer = self.class_stack.last().copied();
                self.type_declaration(node, outer);
            }
            "function_declaration" => {
                // A local function: a lambda bound to its name.
                let f = self.function(node, false, false);
                let name = self.module.functions[f as usize].name.clone();
                self.module.functions[f as usize].kind = FunctionKind::Lambda;
                let span = self.module.functions[f as usize].name_span;
                self.declare(&name);
                out.push(Stmt::Let {
                    elem: None,
                    name,
                    ty: None,
                    init: Some(Expr::new(ExprKind::Lambda(f), span)),
                    span,
                });
            }
            "label" | "line_comment" | "multiline_comment" | "annotation" | "type_alias" => {}
            _ => {
                if node.is_named() && !node.is_extra() {
                    out.push(Stmt::Expr(self.expr(node)));
                }
            }
        }
    }

    fn jump(&mut self, node: Node) -> Stmt {
        let text = self.text(node);
        let value = node
            .named_children(&mut node.walk())
            .find(|c| c.kind() != "label");
        if text.starts_with("throw") {
            return Stmt::Throw(match value {
                Some(v) => self.expr(v),
                None => self.opaque(node),
            });
        }
        if text.starts_with("return") {
            let v = value.map(|v| self.expr(v));
            return Stmt::Return(v, self.span(node));
        }
        if text.starts_with("continue") {
            return Stmt::Continue;
        }
        Stmt::Break
    }

    fn local_property(&mut self, node: Node, out: &mut Vec<Stmt>) {
        let mut names = Vec::new();
        let mut value = None;
        let mut delegate = None;
        let mut after_eq = false;
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            match child.kind() {
                "variable_declaration" => names.push(self.variable(child)),
                "multi_variable_declaration" => {
                    let mut c2 = child.walk();
                    for v in child.named_children(&mut c2) {
                        if v.kind() == "variable_declaration" {
                            names.push(self.variable(v));
                        }
                    }
                }
                "=" => after_eq = true,
                "property_delegate" => delegate = child.named_child(0),
                _ if after_eq && child.is_named() && value.is_none() => value = Some(child),
                _ => {}
            }
        }
        let value = value.or(delegate);
        if names.len() == 1 {
            let (name, ty, span, elem) = names.remove(0);
            let elem = elem.or_else(|| value.and_then(|v| self.made_holding(v)));
            match value {
                // `val x = y ?: return`: the declaration, then the early exit.
                Some(v) if v.kind() == "elvis_expression" && ends_in_jump(v) => {
                    let (lhs, rhs) = (
                        v.named_child(0),
                        v.named_child((v.named_child_count() as u32).saturating_sub(1)),
                    );
                    let init = lhs.map(|l| self.expr(l));
                    self.declare(&name);
                    out.push(Stmt::Let {
                        elem: elem.clone(),
                        name: name.clone(),
                        ty,
                        init,
                        span,
                    });
                    let exit = match rhs {
                        Some(r) => self.jump(r),
                        None => Stmt::Return(None, span),
                    };
                    out.push(Stmt::If {
                        cond: Expr::new(
                            ExprKind::Binary {
                                op: BinOp::Compare {
                                    negated: false,
                                    ordered: false,
                                    greater: false,
                                    inclusive: false,
                                },
                                lhs: Box::new(Expr::new(ExprKind::Name(name), span)),
                                rhs: Box::new(Expr::new(ExprKind::Literal(Literal::Null), span)),
                            },
                            span,
                        ),
                        then: vec![exit],
                        els: Vec::new(),
                    });
                }
                Some(v) if is_control(v.kind()) => {
                    out.push(Stmt::Let {
                        elem: elem.clone(),
                        name: name.clone(),
                        ty,
                        init: None,
                        span,
                    });
                    self.control_into(v, out, Some(&|e: Expr| assign_name(&name, span, e)));
                    self.declare(&name);
                }
                Some(v) => {
                    let init = Some(self.expr(v));
                    self.declare(&name);
                    out.push(Stmt::Let {
                        elem: elem.clone(),
                        name,
                        ty,
                        init,
                        span,
                    });
                }
                None => {
                    self.declare(&name);
                    out.push(Stmt::Let {
                        elem: elem.clone(),
                        name,
                        ty,
                        init: None,
                        span,
                    });
                }
            }
            return;
        }
        // Destructuring: `val (a, b) = e` is `$d = e; a = $d.component1(); b = ..`.
        let Some(value) = value else {
            return;
        };
        let init = self.expr(value);
        let whole = format!("$destructured{}", init.span.start.line);
        let span = init.span;
        self.declare(&whole);
        out.push(Stmt::Let {
            elem: None,
            name: whole.clone(),
            ty: None,
            init: Some(init),
            span,
        });
        for (name, ..) in &names {
            self.declare(name);
        }
        out.extend(component_lets(&whole, names));
    }

    /// Lowers a value-producing node into statements that hand its value(s) to
    /// `make` (an assignment, a return).
    fn value_into(&mut self, node: Node, out: &mut Vec<Stmt>, make: &dyn Fn(Expr) -> Stmt) {
        if is_control(node.kind()) {
            self.control_into(node, out, Some(make));
        } else if node.kind() == "jump_expression" {
            out.push(self.jump(node));
        } else {
            out.push(make(self.expr(node)));
        }
    }

    /// `if`/`when`/`try` as statements; with `make`, each branch's last expression
    /// is its value.
    fn control_into(
        &mut self,
        node: Node,
        out: &mut Vec<Stmt>,
        make: Option<&dyn Fn(Expr) -> Stmt>,
    ) {
        match node.kind() {
            "if_expression" => {
                let cond = match node.child_by_field_name("condition") {
                    Some(c) => self.expr(c),
                    None => self.opaque(node),
                };
                let then = self.branch(node.child_by_field_name("consequence"), make);
                let els = self.branch(node.child_by_field_name("alternative"), make);
                out.push(Stmt::If { cond, then, els });
            }
            "when_expression" => {
                let mut scrutinee = Vec::new();
                let mut arms = Vec::new();
                let mut labels = Vec::new();
                let mut default = None;
                let mut has_else = false;
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "when_subject" => {
                            let mut c2 = c.walk();
                            for s in c.named_children(&mut c2) {
                                match s.kind() {
                                    "variable_declaration" => {
                                        let (name, ty, span, elem) = self.variable(s);
                                        self.declare(&name);
                                        let init = s.next_named_sibling().map(|v| self.expr(v));
                                        out.push(Stmt::Let {
                                            elem,
                                            name,
                                            ty,
                                            init,
                                            span,
                                        });
                                    }
                                    _ if s
                                        .prev_named_sibling()
                                        .is_some_and(|p| p.kind() == "variable_declaration") => {}
                                    _ => scrutinee.push(self.expr(s)),
                                }
                            }
                        }
                        "when_entry" => {
                            let mut arm = Vec::new();
                            let mut body = None;
                            // `else ->` is the entry without a condition.
                            let mut conditions = 0;
                            // The values that select it (`Log.DEBUG, 7 ->`); none when a
                            // condition is a type or range test or a guard.
                            let mut values = Vec::new();
                            let mut by_value = true;
                            let mut c2 = c.walk();
                            for part in c.named_children(&mut c2) {
                                match part.kind() {
                                    "when_condition" | "guard_condition" => {
                                        conditions += 1;
                                        by_value &= part.kind() == "when_condition";
                                        let mut c3 = part.walk();
                                        for e in part.named_children(&mut c3) {
                                            if is_type_node(e.kind()) {
                                                continue;
                                            }
                                            if e.kind() == "type_test" {
                                                // `is Int ->` selects by the value's type;
                                                // `!is Int ->` by none.
                                                match self.type_test(e) {
                                                    Some(test) => values.push(test),
                                                    None => by_value = false,
                                                }
                                                continue;
                                            }
                                            by_value &= e.kind() != "range_test";
                                            let cond = self.expr(e);
                                            values.push(cond.clone());
                                            arm.push(Stmt::Expr(cond));
                                        }
                                    }
                                    "control_structure_body" => body = Some(part),
                                    _ => {}
                                }
                            }
                            if conditions == 0 {
                                default = Some(arms.len());
                            }
                            has_else |= conditions == 0;
                            arm.extend(self.branch(body, make));
                            arms.push(arm);
                            labels.push(if by_value { values } else { Vec::new() });
                        }
                        _ => {}
                    }
                }
                let span = self.span(node);
                out.push(Stmt::Switch {
                    scrutinee: Expr::new(ExprKind::Opaque(scrutinee), span),
                    arms,
                    labels,
                    exhaustive: has_else,
                    default,
                });
            }
            "try_expression" => {
                let mut body = Vec::new();
                let mut catches = Vec::new();
                let mut finally = Vec::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "statements" => body = self.block_value(c, make),
                        "catch_block" => {
                            let mut c2 = c.walk();
                            let mut param = None;
                            let mut block = Vec::new();
                            // `catch (e: IOException)`: the type it catches.
                            let caught = named_parts(c)
                                .into_iter()
                                .find(|t| is_type_node(t.kind()))
                                .map(|t| self.type_text(t))
                                .filter(|t| !t.is_empty())
                                .unwrap_or_else(|| "Exception".into());
                            for part in c.named_children(&mut c2) {
                                match part.kind() {
                                    "simple_identifier" if param.is_none() => {
                                        let name = self.text(part).to_string();
                                        self.declare(&name);
                                        param = Some(Param {
                                            elem: None,
                                            block_params: Vec::new(),
                                            name,
                                            ty: Some(caught.clone()),
                                            annotations: Vec::new(),
                                            span: self.span(part),
                                        });
                                    }
                                    "statements" => block = self.block_value(part, make),
                                    _ => {}
                                }
                            }
                            if let Some(p) = param {
                                catches.push((p, block));
                            }
                        }
                        "finally_block" => {
                            let mut c2 = c.walk();
                            for part in c.named_children(&mut c2) {
                                if part.kind() == "statements" {
                                    finally.extend(self.statements(part));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                out.push(Stmt::Try {
                    body,
                    catches,
                    finally,
                });
            }
            _ => out.push(Stmt::Expr(self.expr(node))),
        }
    }

    fn branch(&mut self, node: Option<Node>, make: Option<&dyn Fn(Expr) -> Stmt>) -> Vec<Stmt> {
        let Some(node) = node else {
            return Vec::new();
        };
        match node.kind() {
            "control_structure_body" => {
                let children: Vec<Node> = named_parts(node);
                let mut out = Vec::new();
                for c in children {
                    if c.kind() == "statements" {
                        out.extend(self.block_value(c, make));
                    } else {
                        match make {
                            Some(m) if is_expression(c.kind()) => self.value_into(c, &mut out, m),
                            _ => self.stmt_into(c, &mut out),
                        }
                    }
                }
                out
            }
            _ => self.block_value(node, make),
        }
    }

    /// A block whose last expression is its value.
    fn block_value(&mut self, node: Node, make: Option<&dyn Fn(Expr) -> Stmt>) -> Vec<Stmt> {
        let children: Vec<Node> = named_parts(node);
        let mut out = Vec::new();
        let last = children.len().saturating_sub(1);
        for (i, c) in children.into_iter().enumerate() {
            match make {
                Some(m) if i == last && is_expression(c.kind()) => self.value_into(c, &mut out, m),
                _ => self.stmt_into(c, &mut out),
            }
        }
        out
    }

    fn assignment(&mut self, node: Node) -> Expr {
        let span = self.span(node);
        let mut target = None;
        let mut op = "=";
        let mut value = None;
        let mut cursor = node.walk();
        for c in node.children(&mut cursor) {
            match c.kind() {
                "directly_assignable_expression" => target = Some(self.assignable(c)),
                "=" | "+=" | "-=" | "*=" | "/=" | "%=" => op = c.kind(),
                _ if c.is_named() && target.is_some() && value.is_none() => {
                    value = Some(self.expr(c))
                }
                _ => {}
            }
        }
        let target = target.unwrap_or_else(|| self.opaque(node));
        let value = value.unwrap_or_else(|| self.opaque(node));
        Expr::new(
            ExprKind::Assign {
                target: Box::new(target),
                value: Box::new(value),
                compound: op != "=",
            },
            span,
        )
    }

    fn assignable(&mut self, node: Node) -> Expr {
        let span = self.span(node);
        let children: Vec<Node> = named_parts(node);
        match children.as_slice() {
            [one] => self.expr(*one),
            [recv, suffix] => self.apply_suffix(*recv, *suffix, span),
            _ => Expr::new(ExprKind::Opaque(Vec::new()), span),
        }
    }

    /// `recv.name` or `recv[index]` as an expression.
    fn apply_suffix(&mut self, recv: Node, suffix: Node, span: Span) -> Expr {
        let receiver = self.expr(recv);
        match suffix.kind() {
            "navigation_suffix" => {
                let name = self.suffix_name(suffix).unwrap_or_default();
                self.navigation(receiver, name, span)
            }
            "indexing_suffix" => {
                let mut c = suffix.walk();
                let index: Vec<Expr> = suffix
                    .named_children(&mut c)
                    .map(|i| self.expr(i))
                    .collect();
                let index = match index.len() {
                    1 => index
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| self.opaque(suffix)),
                    _ => Expr::new(ExprKind::Opaque(index), self.span(suffix)),
                };
                Expr::new(
                    ExprKind::Index {
                        array: Box::new(receiver),
                        index: Box::new(index),
                    },
                    span,
                )
            }
            _ => receiver,
        }
    }

    fn navigation(&self, receiver: Expr, name: String, span: Span) -> Expr {
        // `T::class.java` is the class literal.
        if name == "java" {
            if let ExprKind::Literal(Literal::Class(_)) = receiver.kind {
                return receiver;
            }
        }
        Expr::new(
            ExprKind::Field {
                receiver: Box::new(receiver),
                name,
            },
            span,
        )
    }

    fn suffix_name(&self, suffix: Node) -> Option<String> {
        let mut c = suffix.walk();
        let n = suffix
            .named_children(&mut c)
            .find(|n| n.kind() == "simple_identifier")?;
        Some(self.text(n).to_string())
    }

    fn suffix_name_node<'t>(&self, suffix: Node<'t>) -> Option<Node<'t>> {
        let mut c = suffix.walk();
        let n = suffix
            .named_children(&mut c)
            .find(|n| n.kind() == "simple_identifier");
        n
    }

    // ----- expressions ------------------------------------------------------

    /// Lowers an expression, unless statements and expressions already nest
    /// [`super::MAX_NESTING`] deep (the file is then skipped).
    fn expr(&mut self, node: Node) -> Expr {
        if !self.nesting.enter() {
            return Expr::new(ExprKind::Opaque(Vec::new()), self.span(node));
        }
        let e = self.expr_at(node);
        self.nesting.leave();
        e
    }

    fn expr_at(&mut self, node: Node) -> Expr {
        let span = self.span(node);
        let kind = match node.kind() {
            "simple_identifier" => ExprKind::Name(self.text(node).to_string()),
            "this_expression" => ExprKind::This,
            "super_expression" => ExprKind::Super,
            "parenthesized_expression" | "spread_expression" | "annotated_expression" => {
                let mut c = node.walk();
                let inner = node
                    .named_children(&mut c)
                    .filter(|n| n.kind() != "annotation")
                    .last();
                return match inner {
                    Some(e) => self.expr(e),
                    None => self.opaque(node),
                };
            }
            "string_literal" | "multiline_string_literal" => return self.string(node),
            "boolean_literal" => ExprKind::Literal(Literal::Bool(self.text(node) == "true")),
            "null_literal" => ExprKind::Literal(Literal::Null),
            "character_literal" => ExprKind::Literal(Literal::Char),
            "integer_literal" | "long_literal" | "hex_literal" | "unsigned_literal" => {
                match int_literal(self.text(node)) {
                    Some(n) => ExprKind::Literal(Literal::Int(n)),
                    None => ExprKind::Literal(Literal::Number),
                }
            }
            "real_literal" | "bin_literal" => ExprKind::Literal(Literal::Number),
            "navigation_expression" => {
                let children: Vec<Node> = named_parts(node);
                return match children.as_slice() {
                    [recv, suffix] => self.apply_suffix(*recv, *suffix, span),
                    _ => self.opaque(node),
                };
            }
            "indexing_expression" => {
                let children: Vec<Node> = named_parts(node);
                return match children.as_slice() {
                    [recv, suffix] => self.apply_suffix(*recv, *suffix, span),
                    _ => self.opaque(node),
                };
            }
            "call_expression" => return self.call(node),
            "assignment" => return self.assignment(node),
            "additive_expression" | "multiplicative_expression" | "range_expression" => {
                let op = match self.operator(node) {
                    Some("+") => BinOp::Add,
                    Some("*") => BinOp::Mul,
                    Some("/") => BinOp::Div,
                    _ => BinOp::Arith,
                };
                self.binary(node, op)
            }
            "comparison_expression" => self.binary(
                node,
                BinOp::Compare {
                    negated: false,
                    ordered: true,
                    greater: matches!(self.operator(node), Some(">" | ">=")),
                    inclusive: matches!(self.operator(node), Some(">=" | "<=")),
                },
            ),
            "equality_expression" => {
                let negated = matches!(self.operator(node), Some("!=") | Some("!=="));
                self.binary(
                    node,
                    BinOp::Compare {
                        negated,
                        ordered: false,
                        greater: false,
                        inclusive: false,
                    },
                )
            }
            "conjunction_expression" => self.binary(node, BinOp::And),
            "disjunction_expression" => self.binary(node, BinOp::Or),
            "elvis_expression" => {
                let parts: Vec<Node> = named_parts(node);
                let lhs = parts.first().map(|p| self.expr(*p));
                let rhs = parts.get(1).map(|p| match p.kind() {
                    "jump_expression" => self.opaque(*p),
                    _ => self.expr(*p),
                });
                match (lhs, rhs) {
                    (Some(l), Some(r)) => ExprKind::Ternary {
                        cond: Box::new(Expr::new(ExprKind::Opaque(Vec::new()), span)),
                        then: Box::new(l),
                        els: Box::new(r),
                    },
                    (Some(l), None) => return l,
                    _ => return self.opaque(node),
                }
            }
            "infix_expression" => {
                let parts: Vec<Node> = named_parts(node);
                match parts.as_slice() {
                    [l, op, r] => {
                        let name = self.text(*op);
                        let lhs = self.expr(*l);
                        let rhs = self.expr(*r);
                        match name {
                            // A pair holds both.
                            "to" => ExprKind::ArrayInit(vec![lhs, rhs]),
                            "until" | "downTo" | "step" | "and" | "or" | "xor" | "shl" | "shr"
                            | "ushr" => ExprKind::Binary {
                                op: BinOp::Arith,
                                lhs: Box::new(lhs),
                                rhs: Box::new(rhs),
                            },
                            _ => ExprKind::Call(Call {
                                receiver: Some(Box::new(lhs)),
                                name: name.to_string(),
                                args: vec![rhs],
                                name_span: self.span(*op),
                            }),
                        }
                    }
                    _ => return self.opaque_children(node),
                }
            }
            "prefix_expression" => {
                let op = self.operator(node).unwrap_or("");
                let operand = match node.named_children(&mut node.walk()).last() {
                    Some(o) => self.expr(o),
                    None => self.opaque(node),
                };
                match op {
                    "!" => ExprKind::Unary {
                        op: UnaryOp::Not,
                        operand: Box::new(operand),
                    },
                    "++" | "--" => ExprKind::Assign {
                        target: Box::new(operand),
                        value: Box::new(Expr::new(ExprKind::Literal(Literal::Number), span)),
                        compound: true,
                    },
                    _ => ExprKind::Unary {
                        op: UnaryOp::Other,
                        operand: Box::new(operand),
                    },
                }
            }
            "postfix_expression" => {
                let op = self.operator(node).unwrap_or("");
                let operand = match node.named_child(0) {
                    Some(o) => self.expr(o),
                    None => self.opaque(node),
                };
                match op {
                    "++" | "--" => ExprKind::Assign {
                        target: Box::new(operand),
                        value: Box::new(Expr::new(ExprKind::Literal(Literal::Number), span)),
                        compound: true,
                    },
                    // `x!!`
                    _ => return operand,
                }
            }
            "as_expression" => {
                let parts: Vec<Node> = named_parts(node);
                let value = parts.first().map(|p| self.expr(*p));
                let ty = parts.get(1).map(|t| self.type_text(*t)).unwrap_or_default();
                match value {
                    Some(v) => ExprKind::Cast {
                        ty,
                        expr: Box::new(v),
                    },
                    None => return self.opaque(node),
                }
            }
            "check_expression" => {
                let parts: Vec<Node> = named_parts(node);
                let value = parts.first().map(|p| self.expr(*p));
                match (value, parts.get(1)) {
                    (Some(v), Some(t)) if is_type_node(t.kind()) => {
                        let test = ExprKind::InstanceOf {
                            expr: Box::new(v),
                            ty: self.type_text(*t),
                        };
                        if !has_token(node, "!") {
                            test
                        } else {
                            ExprKind::Unary {
                                op: UnaryOp::Not,
                                operand: Box::new(Expr::new(test, self.span(node))),
                            }
                        }
                    }
                    (Some(v), Some(r)) => ExprKind::Binary {
                        op: BinOp::Compare {
                            negated: false,
                            ordered: true,
                            greater: false,
                            inclusive: false,
                        },
                        lhs: Box::new(v),
                        rhs: Box::new(self.expr(*r)),
                    },
                    _ => return self.opaque(node),
                }
            }
            "lambda_literal" => ExprKind::Lambda(self.lambda(node, false)),
            "anonymous_function" => ExprKind::Lambda(self.anonymous_function(node)),
            "annotated_lambda" => {
                return match node
                    .named_children(&mut node.walk())
                    .find(|n| n.kind() == "lambda_literal")
                {
                    Some(l) => self.expr(l),
                    None => self.opaque(node),
                }
            }
            "object_literal" => return self.object_literal(node, None, span),
            "callable_reference" => {
                let parts: Vec<Node> = named_parts(node);
                let name = parts
                    .iter()
                    .rev()
                    .find(|p| p.kind() == "simple_identifier")
                    .map(|p| self.text(*p).to_string());
                let ty = parts
                    .iter()
                    .find(|p| p.kind() == "type_identifier" || is_type_node(p.kind()))
                    .map(|p| self.type_text(*p));
                let is_class = self.text(node).trim_end().ends_with("::class");
                match (ty, name, is_class) {
                    (Some(t), _, true) => ExprKind::Literal(Literal::Class(t)),
                    (ty, Some(name), _) => ExprKind::MethodRef {
                        receiver: Box::new(match ty {
                            Some(t) => Expr::new(ExprKind::Name(t), span),
                            None => Expr::new(ExprKind::This, span),
                        }),
                        name,
                    },
                    _ => return self.opaque(node),
                }
            }
            "if_expression" | "when_expression" | "try_expression" => {
                // A control structure used as a value: its branches assign a temporary.
                self.temp_counter += 1;
                let temp = format!("$value{}", self.temp_counter);
                let mut stmts = vec![Stmt::Let {
                    elem: None,
                    name: temp.clone(),
                    ty: None,
                    init: None,
                    span,
                }];
                self.control_into(node, &mut stmts, Some(&|e| assign_name(&temp, span, e)));
                ExprKind::Block {
                    stmts,
                    value: Box::new(Expr::new(ExprKind::Name(temp.clone()), span)),
                }
            }
            // Control leaves here (`x ?: return`): nothing flows on.
            "jump_expression" => ExprKind::Opaque(Vec::new()),
            "collection_literal" => {
                let mut c = node.walk();
                let items = node.named_children(&mut c).map(|n| self.expr(n)).collect();
                ExprKind::ArrayInit(items)
            }
            _ => return self.opaque_children(node),
        };
        Expr::new(kind, span)
    }

    fn opaque_children(&mut self, node: Node) -> Expr {
        let mut items = Vec::new();
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            if !c.is_extra() && !is_type_node(c.kind()) {
                items.push(self.expr(c));
            }
        }
        Expr::new(ExprKind::Opaque(items), self.span(node))
    }

    fn operator(&self, node: Node) -> Option<&'a str> {
        let mut c = node.walk();
        let op = node
            .children(&mut c)
            .find(|n| !n.is_named())
            .map(|n| self.text(n));
        op
    }

    fn binary(&mut self, node: Node, op: BinOp) -> ExprKind {
        let parts: Vec<Node> = named_parts(node);
        match parts.as_slice() {
            [l, r] => ExprKind::Binary {
                op,
                lhs: Box::new(self.expr(*l)),
                rhs: Box::new(self.expr(*r)),
            },
            _ => ExprKind::Opaque(parts.iter().map(|p| self.expr(*p)).collect()),
        }
    }

    /// A string template is the concatenation of its parts.
    fn string(&mut self, node: Node) -> Expr {
        let span = self.span(node);
        let mut parts: Vec<Expr> = Vec::new();
        let mut literal = String::new();
        let mut has_literal = false;
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "string_content" | "character_escape_seq" | "escape_sequence" => {
                    literal.push_str(self.text(c));
                    has_literal = true;
                }
                "interpolated_identifier" => {
                    if has_literal {
                        parts.push(str_lit(std::mem::take(&mut literal), span));
                        has_literal = false;
                    }
                    // `"$this"` is the receiver, as `"${this}"` is.
                    let kind = match self.text(c) {
                        "this" => ExprKind::This,
                        name => ExprKind::Name(name.to_string()),
                    };
                    parts.push(Expr::new(kind, self.span(c)));
                }
                "interpolated_expression" => {
                    if has_literal {
                        parts.push(str_lit(std::mem::take(&mut literal), span));
                        has_literal = false;
                    }
                    match c.named_child(0) {
                        Some(e) => parts.push(self.expr(e)),
                        None => parts.push(self.opaque(c)),
                    }
                }
                _ => {}
            }
        }
        if has_literal || parts.is_empty() {
            parts.push(str_lit(literal, span));
        }
        let mut iter = parts.into_iter();
        let Some(mut acc) = iter.next() else {
            return str_lit(String::new(), span);
        };
        for p in iter {
            acc = Expr::new(
                ExprKind::Binary {
                    op: BinOp::Add,
                    lhs: Box::new(acc),
                    rhs: Box::new(p),
                },
                span,
            );
        }
        acc
    }

    fn value_arguments(&mut self, node: Node) -> Vec<Expr> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        for a in node.named_children(&mut cursor) {
            if a.kind() != "value_argument" {
                continue;
            }
            // `name = value`: the value is the last child.
            let mut c = a.walk();
            let parts: Vec<Node> = a
                .named_children(&mut c)
                .filter(|n| n.kind() != "annotation")
                .collect();
            let named = a.children(&mut a.walk()).any(|n| n.kind() == "=");
            match parts.as_slice() {
                [name, value] if named && name.kind() == "simple_identifier" => {
                    let value = self.expr(*value);
                    out.push(Expr::new(
                        ExprKind::Named {
                            name: self.text(*name).to_string(),
                            value: Box::new(value),
                        },
                        self.span(a),
                    ));
                }
                [.., v] => out.push(self.expr(*v)),
                [] => out.push(self.opaque(a)),
            }
        }
        out
    }

    fn call(&mut self, node: Node) -> Expr {
        let span = self.span(node);
        let children: Vec<Node> = named_parts(node);
        let (Some(&callee), Some(&suffix)) = (children.first(), children.get(1)) else {
            return self.opaque_children(node);
        };
        // The grammar reads `object : Listener { override fun on(..) {..} }` as the
        // object `object : Listener` called with a trailing lambda: that lambda's
        // statements are the object's body.
        if let Some(body) = self.object_body_as_lambda(callee, suffix) {
            return self.object_literal(callee, Some(body), span);
        }
        let mut args = Vec::new();
        let mut lambda = None;
        let mut c2 = suffix.walk();
        for part in suffix.named_children(&mut c2) {
            match part.kind() {
                "value_arguments" => args = self.value_arguments(part),
                "annotated_lambda" => lambda = Some(part),
                _ => {}
            }
        }
        // The callee: `name(..)`, `recv.name(..)`, or any expression invoked.
        let (receiver, name, name_node) = match callee.kind() {
            "simple_identifier" => (None, self.text(callee).to_string(), callee),
            "navigation_expression" => {
                let parts: Vec<Node> = named_parts(callee);
                match parts.as_slice() {
                    [recv, suf] if suf.kind() == "navigation_suffix" => {
                        match self.suffix_name_node(*suf) {
                            Some(n) => (Some(*recv), self.text(n).to_string(), n),
                            None => {
                                return self.invoke_value(callee, args, lambda, span);
                            }
                        }
                    }
                    _ => return self.invoke_value(callee, args, lambda, span),
                }
            }
            _ => return self.invoke_value(callee, args, lambda, span),
        };
        let name_span = self.span(name_node);
        // Scope functions and inline runners: the lambda runs here.
        if let Some(l) = lambda {
            if let Some(e) = self.scope_call(receiver, &name, &args, l, span) {
                return e;
            }
        }
        if let Some(l) = lambda {
            let e = self.expr(l);
            args.push(e);
        }
        match receiver {
            None => {
                if self.is_local(&name) {
                    // Calling a local function value.
                    return invoke(
                        Expr::new(ExprKind::Name(name), name_span),
                        args,
                        name_span,
                        span,
                    );
                }
                if COLLECTION_BUILDERS.contains(&name.as_str()) {
                    return Expr::new(ExprKind::ArrayInit(args), span);
                }
                if starts_upper(&name) {
                    return Expr::new(
                        ExprKind::New {
                            ty: name,
                            args,
                            body: None,
                            type_args: self.type_arguments(suffix),
                        },
                        span,
                    );
                }
                Expr::new(
                    ExprKind::Call(Call {
                        receiver: None,
                        name,
                        args,
                        name_span,
                    }),
                    span,
                )
            }
            Some(r) => {
                let recv = self.expr(r);
                // `a.b.C(..)`: a constructor of a qualified class.
                if starts_upper(&name) && recv.dotted().is_some() {
                    let ty = format!("{}.{name}", recv.dotted().unwrap_or_default());
                    return Expr::new(
                        ExprKind::New {
                            ty,
                            args,
                            body: None,
                            type_args: self.type_arguments(suffix),
                        },
                        span,
                    );
                }
                Expr::new(
                    ExprKind::Call(Call {
                        receiver: Some(Box::new(recv)),
                        name,
                        args,
                        name_span,
                    }),
                    span,
                )
            }
        }
    }

    /// `f(x)` where `f` is an expression: the function value is invoked.
    fn invoke_value(
        &mut self,
        callee: Node,
        mut args: Vec<Expr>,
        lambda: Option<Node>,
        span: Span,
    ) -> Expr {
        let f = self.expr(callee);
        if let Some(l) = lambda {
            args.push(self.expr(l));
        }
        let name_span = f.span;
        invoke(f, args, name_span, span)
    }

    /// The standard library's scope functions: the lambda runs in place.
    fn scope_call(
        &mut self,
        receiver: Option<Node>,
        name: &str,
        args: &[Expr],
        lambda: Node,
        span: Span,
    ) -> Option<Expr> {
        let lit = lambda
            .named_children(&mut lambda.walk())
            .find(|n| n.kind() == "lambda_literal")?;
        let n = name;
        match receiver {
            Some(r) if SCOPE_WITH_ARG.contains(&n) || SCOPE_WITH_ARG_KEEP.contains(&n) => {
                let recv = self.expr(r);
                let f = self.block_lambda(lit, false);
                Some(self.run_block(f, recv, SCOPE_WITH_ARG_KEEP.contains(&n), lit, span))
            }
            Some(r) if SCOPE_WITH_RECEIVER.contains(&n) => {
                let recv = self.expr(r);
                let f = self.block_lambda(lit, true);
                Some(self.run_block(f, recv, n == "apply", lit, span))
            }
            None if n == "with" && args.len() == 1 => {
                let f = self.block_lambda(lit, true);
                Some(invoke(
                    Expr::new(ExprKind::Lambda(f), self.span(lit)),
                    args.to_vec(),
                    self.span(lit),
                    span,
                ))
            }
            Some(r) if RECEIVER_RUNNERS.contains(&n) => {
                let recv = self.expr(r);
                let f = self.block_lambda(lit, false);
                let call = invoke(
                    Expr::new(ExprKind::Lambda(f), self.span(lit)),
                    Vec::new(),
                    self.span(lit),
                    span,
                );
                Some(Expr::new(
                    ExprKind::Block {
                        stmts: vec![Stmt::Expr(recv)],
                        value: Box::new(call),
                    },
                    span,
                ))
            }
            None if INLINE_RUNNERS.contains(&n) && !self.is_local(n) => {
                let f = self.block_lambda(lit, false);
                let call = invoke(
                    Expr::new(ExprKind::Lambda(f), self.span(lit)),
                    Vec::new(),
                    self.span(lit),
                    span,
                );
                // Arguments (a dispatcher, a lock) are evaluated too.
                let stmts = args.iter().cloned().map(Stmt::Expr).collect();
                Some(Expr::new(
                    ExprKind::Block {
                        stmts,
                        value: Box::new(call),
                    },
                    span,
                ))
            }
            _ => None,
        }
    }

    /// `recv.let { }` and friends: the block runs with the receiver's value; the
    /// expression's value is the block's, or the receiver itself (`also`, `apply`).
    fn run_block(&mut self, f: FuncIdx, recv: Expr, keep: bool, lit: Node, span: Span) -> Expr {
        self.temp_counter += 1;
        let temp = format!("$value{}", self.temp_counter);
        let name = Expr::new(ExprKind::Name(temp.clone()), recv.span);
        let call = invoke(
            Expr::new(ExprKind::Lambda(f), self.span(lit)),
            vec![name.clone()],
            self.span(lit),
            span,
        );
        let mut stmts = vec![Stmt::Let {
            elem: None,
            name: temp,
            ty: None,
            init: Some(recv),
            span,
        }];
        let value = if keep {
            stmts.push(Stmt::Expr(call));
            name
        } else {
            call
        };
        Expr::new(
            ExprKind::Block {
                stmts,
                value: Box::new(value),
            },
            span,
        )
    }

    /// A lambda that runs once, in place (a scope function's block).
    fn block_lambda(&mut self, node: Node, with_receiver: bool) -> FuncIdx {
        let f = self.lambda(node, with_receiver);
        self.module.functions[f as usize].runs_in_place = true;
        f
    }

    fn lambda(&mut self, node: Node, with_receiver: bool) -> FuncIdx {
        let span = self.span(node);
        let idx = self.new_function("<lambda>", FunctionKind::Lambda, span, span);
        let mut params = Vec::new();
        // What destructured parameters declare, run first.
        let mut components: Vec<Stmt> = Vec::new();
        let mut statements = None;
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "lambda_parameters" => {
                    let mut c2 = c.walk();
                    for p in c.named_children(&mut c2) {
                        match p.kind() {
                            "variable_declaration" => {
                                let (name, ty, span, elem) = self.variable(p);
                                params.push(Param {
                                    elem,
                                    block_params: Vec::new(),
                                    name,
                                    ty,
                                    annotations: Vec::new(),
                                    span,
                                });
                            }
                            "multi_variable_declaration" => {
                                // `{ (k, v) -> }`: one parameter, whose components the
                                // names are (`k = $destructured0.component1()`, ..).
                                let mut c3 = p.walk();
                                let vars: Vec<_> = p
                                    .named_children(&mut c3)
                                    .filter(|v| v.kind() == "variable_declaration")
                                    .map(|v| self.variable(v))
                                    .collect();
                                if let Some((_, _, span, _)) = vars.first() {
                                    let whole = format!("$destructured{}", params.len());
                                    params.push(Param {
                                        elem: None,
                                        block_params: Vec::new(),
                                        name: whole.clone(),
                                        ty: None,
                                        annotations: Vec::new(),
                                        span: *span,
                                    });
                                    components.extend(component_lets(&whole, vars));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "statements" => statements = Some(c),
                _ => {}
            }
        }
        if with_receiver {
            params.insert(
                0,
                Param {
                    elem: None,
                    block_params: Vec::new(),
                    name: RECEIVER_PARAM.into(),
                    ty: None,
                    annotations: Vec::new(),
                    span,
                },
            );
            self.module.functions[idx as usize].implicit_receiver = true;
        } else if params.is_empty() {
            params.push(Param {
                elem: None,
                block_params: Vec::new(),
                name: "it".into(),
                ty: None,
                annotations: Vec::new(),
                span,
            });
        }
        self.func_stack.push(idx);
        let declared = components.iter().filter_map(|c| match c {
            Stmt::Let { name, .. } => Some(name.clone()),
            _ => None,
        });
        self.scopes.push(
            params
                .iter()
                .map(|p| p.name.clone())
                .chain(declared)
                .collect(),
        );
        let body = match statements {
            Some(s) => self.block_value(
                s,
                Some(&|e: Expr| {
                    let s = e.span;
                    Stmt::Return(Some(e), s)
                }),
            ),
            None => Vec::new(),
        };
        let body = if components.is_empty() {
            body
        } else {
            components.into_iter().chain(body).collect()
        };
        self.scopes.pop();
        self.func_stack.pop();
        let f = &mut self.module.functions[idx as usize];
        f.params = params;
        f.body = body;
        idx
    }

    fn anonymous_function(&mut self, node: Node) -> FuncIdx {
        let span = self.span(node);
        let idx = self.new_function("<lambda>", FunctionKind::Lambda, span, span);
        let mut params = Vec::new();
        let mut body_node = None;
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "function_value_parameters" => params = self.parameters(c),
                "function_body" => body_node = Some(c),
                _ => {}
            }
        }
        self.func_stack.push(idx);
        self.scopes
            .push(params.iter().map(|p| p.name.clone()).collect());
        let body = body_node.map(|b| self.function_body(b)).unwrap_or_default();
        self.scopes.pop();
        self.func_stack.pop();
        let f = &mut self.module.functions[idx as usize];
        f.params = params;
        f.body = body;
        idx
    }

    /// `object : T(args) { .. }`; `body`: the members when the grammar put them
    /// elsewhere (see [`Lowerer::object_body_as_lambda`]).
    fn object_literal(&mut self, node: Node, body: Option<Node>, span: Span) -> Expr {
        let mut ty = String::new();
        let mut args = Vec::new();
        let mut body = body;
        let mut c = node.walk();
        for part in node.named_children(&mut c) {
            match part.kind() {
                "delegation_specifier" => {
                    if let Some((t, a)) = self.delegation(part) {
                        if ty.is_empty() {
                            ty = t;
                            if let Some(a) = a {
                                args = self.value_arguments(a);
                            }
                        }
                    }
                }
                "class_body" => body = Some(part),
                _ => {}
            }
        }
        let class = self.anonymous_class(&ty, node, body, span);
        Expr::new(
            ExprKind::New {
                ty,
                args,
                body: Some(class),
                type_args: Vec::new(),
            },
            span,
        )
    }

    /// The statements of the trailing lambda the grammar attaches to an `object`
    /// expression without a class body: its members.
    fn object_body_as_lambda<'t>(&self, callee: Node<'t>, suffix: Node<'t>) -> Option<Node<'t>> {
        if callee.kind() != "object_literal"
            || named_parts(callee).iter().any(|p| p.kind() == "class_body")
        {
            return None;
        }
        let parts = named_parts(suffix);
        let [lambda] = parts.as_slice() else {
            return None;
        };
        if lambda.kind() != "annotated_lambda" {
            return None;
        }
        let literal = named_parts(*lambda)
            .into_iter()
            .find(|n| n.kind() == "lambda_literal")?;
        let inner = named_parts(literal);
        if inner.iter().any(|n| n.kind() == "lambda_parameters") {
            return None;
        }
        inner.into_iter().find(|n| n.kind() == "statements")
    }

    fn anonymous_class(
        &mut self,
        ty: &str,
        node: Node,
        body: Option<Node>,
        span: Span,
    ) -> ClassIdx {
        self.anon_counter += 1;
        let outer_name = self
            .class_stack
            .last()
            .map(|&c| self.module.classes[c as usize].qualified.clone())
            .unwrap_or_default();
        let mut supertypes = Vec::new();
        let mut c = node.walk();
        for part in node.named_children(&mut c) {
            if part.kind() == "delegation_specifier" {
                if let Some((t, _)) = self.delegation(part) {
                    supertypes.push(t);
                }
            }
        }
        let idx = self.push_class(Class {
            name: ty.rsplit('.').next().unwrap_or(ty).to_string(),
            qualified: format!("{outer_name}${}", self.anon_counter),
            kind: ClassKind::Class,
            supertypes,
            fields: Vec::new(),
            methods: Vec::new(),
            annotations: Vec::new(),
            outer: self.class_stack.last().copied(),
            enclosing_function: self.func_stack.last().copied(),
            is_anonymous: true,
            exported: false,
            span,
        });
        self.class_contents(idx, node, None, body, None);
        idx
    }

    // ----- types, modifiers, annotations -----------------------------------

    /// What calling a value of a function type passes, in order: its receiver and
    /// its parameters (`SQLiteDatabase.(Int) -> T` gives `SQLiteDatabase`, `Int`).
    /// Empty for any other type.
    fn function_type_params(&self, node: Node) -> Vec<TypeRef> {
        let mut cursor = node.walk();
        match node.kind() {
            "nullable_type" | "parenthesized_type" => node
                .named_children(&mut cursor)
                .find(|c| is_type_node(c.kind()))
                .map(|t| self.function_type_params(t))
                .unwrap_or_default(),
            "function_type" => {
                let mut out = Vec::new();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "receiver_type" => {
                            let mut c2 = c.walk();
                            let inner = c.named_children(&mut c2).find(|t| is_type_node(t.kind()));
                            out.extend(inner.map(|t| self.type_text(t)));
                        }
                        "function_type_parameters" => {
                            let mut c2 = c.walk();
                            for p in c.named_children(&mut c2) {
                                match p.kind() {
                                    "parameter" => out.extend(self.variable(p).1),
                                    k if is_type_node(k) => out.push(self.type_text(p)),
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// What a value of this type holds (see [`Param::elem`]): its last type
    /// argument (`List<User>`, `Map<String, User>?`, `Array<out User>` give `User`).
    fn element_type(&self, node: Node) -> Option<TypeRef> {
        let mut cursor = node.walk();
        match node.kind() {
            "user_type" => {
                let args = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "type_arguments")
                    .last()?;
                self.last_type_argument(args)
            }
            "nullable_type" | "not_nullable_type" | "parenthesized_type" => node
                .named_children(&mut cursor)
                .find(|c| is_type_node(c.kind()))
                .and_then(|t| self.element_type(t)),
            _ => None,
        }
    }

    /// What a value made by a call with type arguments holds, for a declaration
    /// without a type (`val state = MutableStateFlow<Contact?>(null)` holds `Contact`).
    fn made_holding(&self, value: Node) -> Option<TypeRef> {
        if value.kind() != "call_expression" {
            return None;
        }
        let suffix = named_parts(value)
            .into_iter()
            .find(|c| c.kind() == "call_suffix")?;
        self.last_type_argument(suffix_type_arguments(suffix)?)
    }

    /// The types of a call's type arguments (`Builder<SyncWorker>()`).
    fn type_arguments(&self, suffix: Node) -> Vec<TypeRef> {
        let Some(args) = suffix_type_arguments(suffix) else {
            return Vec::new();
        };
        named_parts(args)
            .into_iter()
            .filter(|c| c.kind() == "type_projection")
            .filter_map(|p| named_parts(p).into_iter().find(|c| is_type_node(c.kind())))
            .map(|t| self.type_text(t))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The type of the last of some type arguments (`<String, User?>` gives `User`).
    fn last_type_argument(&self, args: Node) -> Option<TypeRef> {
        let last = named_parts(args)
            .into_iter()
            .rfind(|c| c.kind() == "type_projection")?;
        let ty = named_parts(last)
            .into_iter()
            .find(|c| is_type_node(c.kind()))?;
        Some(self.type_text(ty)).filter(|t| !t.is_empty())
    }

    /// A `when` arm's `is T` as the test of a value of type `T` (the value left
    /// out); `None` for `!is T`.
    fn type_test(&self, node: Node) -> Option<Expr> {
        if has_token(node, "!") {
            return None;
        }
        let ty = named_parts(node)
            .into_iter()
            .find(|t| is_type_node(t.kind()))?;
        let span = self.span(node);
        Some(Expr::new(
            ExprKind::InstanceOf {
                expr: Box::new(Expr::new(ExprKind::Opaque(Vec::new()), span)),
                ty: self.type_text(ty),
            },
            span,
        ))
    }

    /// The type as written, without generics, nullability or annotations.
    fn type_text(&self, node: Node) -> TypeRef {
        match node.kind() {
            "user_type" => {
                let mut parts = Vec::new();
                let mut c = node.walk();
                for p in node.named_children(&mut c) {
                    if p.kind() == "type_identifier" {
                        parts.push(self.text(p));
                    }
                }
                parts.join(".")
            }
            "type_identifier" => self.text(node).to_string(),
            "function_type" => "Function".into(),
            _ => {
                let mut c = node.walk();
                let inner = node
                    .named_children(&mut c)
                    .find(|n| is_type_node(n.kind()) || n.kind() == "type_identifier");
                match inner {
                    Some(i) => self.type_text(i),
                    None => self.text(node).trim_end_matches('?').to_string(),
                }
            }
        }
    }

    fn modifiers(&self, node: Node) -> (ModifierFlags, Vec<Annotation>) {
        let mut flags = ModifierFlags::default();
        let mut annotations = Vec::new();
        let mut cursor = node.walk();
        for m in node.named_children(&mut cursor) {
            match m.kind() {
                "visibility_modifier" => {
                    flags.is_private |= self.text(m) == "private";
                    flags.is_internal |= self.text(m) == "internal";
                }
                "class_modifier" => {
                    flags.is_annotation |= self.text(m) == "annotation";
                    flags.is_data |= self.text(m) == "data";
                }
                "annotation" => annotations.push(self.annotation(m)),
                // What Java writes `@Override`: the framework or a supertype calls it.
                "member_modifier" if self.text(m) == "override" => annotations.push(Annotation {
                    name: "Override".to_string(),
                    values: Vec::new(),
                }),
                _ => {}
            }
        }
        (flags, annotations)
    }

    fn annotation(&self, node: Node) -> Annotation {
        let mut name = String::new();
        let mut values = Vec::new();
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "user_type" => name = self.type_text(c),
                "constructor_invocation" => {
                    let mut c2 = c.walk();
                    for part in c.named_children(&mut c2) {
                        match part.kind() {
                            "user_type" => name = self.type_text(part),
                            "value_arguments" => self.collect_strings(part, &mut values),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let name = name.rsplit('.').next().unwrap_or(&name).to_string();
        Annotation { name, values }
    }

    fn collect_strings(&self, node: Node, out: &mut Vec<String>) {
        if node.kind() == "string_literal" {
            let mut s = String::new();
            let mut c = node.walk();
            for part in node.named_children(&mut c) {
                if part.kind() == "string_content" {
                    s.push_str(self.text(part));
                }
            }
            out.push(s);
            return;
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.collect_strings(child, out);
        }
    }
}

#[derive(Default, Clone, Copy)]
struct ModifierFlags {
    is_private: bool,
    is_internal: bool,
    is_annotation: bool,
    is_data: bool,
}

fn is_type_node(kind: &str) -> bool {
    matches!(
        kind,
        "user_type"
            | "nullable_type"
            | "not_nullable_type"
            | "function_type"
            | "parenthesized_type"
    )
}

fn is_control(kind: &str) -> bool {
    matches!(kind, "if_expression" | "when_expression" | "try_expression")
}

/// Whether a node is an expression (not a declaration or a loop).
fn is_expression(kind: &str) -> bool {
    !matches!(
        kind,
        "property_declaration"
            | "assignment"
            | "for_statement"
            | "while_statement"
            | "do_while_statement"
            | "class_declaration"
            | "object_declaration"
            | "function_declaration"
            | "label"
            | "line_comment"
            | "multiline_comment"
            | "type_alias"
    )
}

fn ends_in_jump(elvis: Node) -> bool {
    elvis
        .named_child((elvis.named_child_count() as u32).saturating_sub(1))
        .is_some_and(|n| n.kind() == "jump_expression")
}

fn starts_upper(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// `a.b.c` without whitespace or comments between the parts.
fn dotted_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn this_field(name: &str, span: Span) -> Expr {
    Expr::new(
        ExprKind::Field {
            receiver: Box::new(Expr::new(ExprKind::This, span)),
            name: name.to_string(),
        },
        span,
    )
}

fn str_lit(s: String, span: Span) -> Expr {
    Expr::new(ExprKind::Literal(Literal::Str(s)), span)
}

fn assign_name(name: &str, span: Span, value: Expr) -> Stmt {
    Stmt::Expr(Expr::new(
        ExprKind::Assign {
            target: Box::new(Expr::new(ExprKind::Name(name.to_string()), span)),
            value: Box::new(value),
            compound: false,
        },
        span,
    ))
}

/// A call of a function value: `f.invoke(args)`.
fn invoke(f: Expr, args: Vec<Expr>, name_span: Span, span: Span) -> Expr {
    Expr::new(
        ExprKind::Call(Call {
            receiver: Some(Box::new(f)),
            name: "invoke".into(),
            args,
            name_span,
        }),
        span,
    )
}

/// A call suffix's type arguments (`<SyncWorker>` of `Builder<SyncWorker>()`).
fn suffix_type_arguments(suffix: Node) -> Option<Node> {
    named_parts(suffix)
        .into_iter()
        .find(|c| c.kind() == "type_arguments")
}

/// A node's named children without comments: comments are extras that the grammar
/// lets sit anywhere, even between a receiver and its `.call()` in a chain written
/// over several lines, so positional matches must not see them.
fn named_parts(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !c.is_extra())
        .collect()
}

/// Whether one of `node`'s own tokens (unnamed children) is `token` (the `!` of `!is`).
fn has_token(node: Node, token: &str) -> bool {
    let mut c = node.walk();
    let found = node
        .children(&mut c)
        .any(|t| !t.is_named() && t.kind() == token);
    found
}

/// A name a declaration introduces: name, type, span, element type (see
/// `Lowerer::variable`).
type Declared = (String, Option<TypeRef>, Span, Option<TypeRef>);

/// The declarations of destructured names (`val (a, b) = e`, `{ (k, v) -> }`): each
/// the component of `whole` at its place (`a = whole.component1()`), `_` left out.
fn component_lets(whole: &str, names: Vec<Declared>) -> Vec<Stmt> {
    names
        .into_iter()
        .enumerate()
        .filter(|(_, (name, ..))| name != "_")
        .map(|(i, (name, ty, span, elem))| {
            let component = Call {
                receiver: Some(Box::new(Expr::new(ExprKind::Name(whole.to_string()), span))),
                name: format!("component{}", i + 1),
                args: Vec::new(),
                name_span: span,
            };
            Stmt::Let {
                elem,
                name,
                ty,
                init: Some(Expr::new(ExprKind::Call(component), span)),
                span,
            }
        })
        .collect()
}
