//! Java front-end: tree-sitter-java → IR.
//!
//! Declaration-level facts (package, imports) come from the patterns in
//! `queries/java/declarations.scm`; bodies are lowered by a walk over the tree,
//! because the IR must account for every statement and expression kind, which a
//! pattern language cannot express exhaustively. Unknown constructs become
//! `ExprKind::Opaque` so values still flow through them.

use std::sync::{LazyLock, OnceLock};

use tree_sitter::{Node, Query, QueryCursor, StreamingIterator, Tree};

use super::Nesting;
use crate::ir::*;

pub(crate) const DECLARATIONS_QUERY: &str = include_str!("../../queries/java/declarations.scm");

pub fn language() -> tree_sitter::Language {
    tree_sitter_java::LANGUAGE.into()
}

/// The grammar's fields the lowering reads, by id: looking a field up by its name
/// compares the name with each of the grammar's field names, on every node.
struct Fields {
    alternative: u16,
    arguments: u16,
    array: u16,
    body: u16,
    condition: u16,
    consequence: u16,
    constructor: u16,
    element: u16,
    field: u16,
    index: u16,
    interfaces: u16,
    left: u16,
    name: u16,
    object: u16,
    operand: u16,
    operator: u16,
    parameters: u16,
    resources: u16,
    right: u16,
    superclass: u16,
    type_: u16,
    value: u16,
    /// Names the grammar lacks (id 0, which no child has): none, as a test checks.
    #[cfg_attr(not(test), allow(dead_code))]
    missing: Vec<&'static str>,
}

static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
    let language = language();
    let mut missing = Vec::new();
    let mut id = |name: &'static str| match language.field_id_for_name(name) {
        Some(id) => id.get(),
        None => {
            missing.push(name);
            0
        }
    };
    Fields {
        alternative: id("alternative"),
        arguments: id("arguments"),
        array: id("array"),
        body: id("body"),
        condition: id("condition"),
        consequence: id("consequence"),
        constructor: id("constructor"),
        element: id("element"),
        field: id("field"),
        index: id("index"),
        interfaces: id("interfaces"),
        left: id("left"),
        name: id("name"),
        object: id("object"),
        operand: id("operand"),
        operator: id("operator"),
        parameters: id("parameters"),
        resources: id("resources"),
        right: id("right"),
        superclass: id("superclass"),
        type_: id("type"),
        value: id("value"),
        missing,
    }
});

fn declarations_query() -> Option<&'static Query> {
    static QUERY: OnceLock<Option<Query>> = OnceLock::new();
    QUERY
        .get_or_init(|| Query::new(&language(), DECLARATIONS_QUERY).ok())
        .as_ref()
}

/// Lowers a parsed Java file.
/// The file's IR; `None` when its code nests deeper than [`super::MAX_NESTING`].
pub fn lower(file: FileId, source: &str, tree: &Tree) -> Option<Module> {
    let mut lowerer = Lowerer {
        src: source,
        file,
        module: Module {
            file,
            ..Module::default()
        },
        class_stack: Vec::new(),
        func_stack: Vec::new(),
        anon_counter: 0,
        nesting: Nesting::default(),
    };
    let root = tree.root_node();
    lowerer.declarations(root);
    lowerer.type_declarations(root, None);
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

    fn declarations(&mut self, root: Node) {
        let Some(query) = declarations_query() else {
            return;
        };
        let names = query.capture_names();
        let mut cursor = QueryCursor::new();
        // Package and imports are children of the file: no need to search the bodies.
        cursor.set_max_start_depth(Some(1));
        let mut matches = cursor.matches(query, root, self.src.as_bytes());
        while let Some(m) = matches.next() {
            let mut path = None;
            let mut whole = None;
            for cap in m.captures() {
                let text = self.text(cap.node);
                match names[cap.index as usize] {
                    "package.name" => self.module.package = Some(text.to_string()),
                    "import.path" => path = Some(text.to_string()),
                    "import" => whole = Some(text),
                    _ => {}
                }
            }
            if let (Some(path), Some(whole)) = (path, whole) {
                let after = whole.trim_start_matches("import").trim_start();
                self.module.imports.push(Import {
                    path,
                    wildcard: whole.contains('*'),
                    is_static: after.starts_with("static"),
                });
            }
        }
    }

    fn qualified_prefix(&self) -> String {
        match self.class_stack.last() {
            Some(&c) => self.module.classes[c as usize].qualified.clone(),
            None => self.module.package.clone().unwrap_or_default(),
        }
    }

    fn type_declarations(&mut self, node: Node, outer: Option<ClassIdx>) {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.maybe_type_declaration(child, outer);
        }
    }

    fn maybe_type_declaration(&mut self, node: Node, outer: Option<ClassIdx>) -> Option<ClassIdx> {
        let kind = match node.kind() {
            "class_declaration" => ClassKind::Class,
            "interface_declaration" => ClassKind::Interface,
            "enum_declaration" => ClassKind::Enum,
            "record_declaration" => ClassKind::Record,
            "annotation_type_declaration" => ClassKind::Annotation,
            _ => return None,
        };
        let name = node
            .child_by_field_id(FIELDS.name)
            .map(|n| self.text(n).to_string())
            .unwrap_or_default();
        let prefix = self.qualified_prefix();
        let qualified = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let mut supertypes = Vec::new();
        for field in [FIELDS.superclass, FIELDS.interfaces] {
            if let Some(n) = node.child_by_field_id(field) {
                self.collect_types(n, &mut supertypes);
            }
        }
        // interface_declaration: `extends_interfaces` is an unnamed child.
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.kind() == "extends_interfaces" {
                self.collect_types(child, &mut supertypes);
            }
        }
        let (flags, annotations) = self.modifiers_of(node);
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
            // Interface members are public without saying so.
            exported: flags.is_public
                || outer.is_some_and(|o| {
                    matches!(
                        self.module.classes[o as usize].kind,
                        ClassKind::Interface | ClassKind::Annotation
                    )
                }),
            span: self.span(node),
        });
        if kind == ClassKind::Record {
            if let Some(params) = node.child_by_field_id(FIELDS.parameters) {
                let params = self.formal_parameters(params);
                for p in params {
                    self.module.classes[idx as usize].fields.push(Field {
                        elem: p.elem,
                        name: p.name,
                        aliases: Vec::new(),
                        ty: p.ty,
                        is_static: false,
                        is_final: true,
                        init: None,
                        name_span: p.span,
                        delegated: false,
                    });
                }
            }
        }
        if let Some(body) = node.child_by_field_id(FIELDS.body) {
            self.class_body(idx, body);
        }
        Some(idx)
    }

    fn push_class(&mut self, class: Class) -> ClassIdx {
        self.module.classes.push(class);
        (self.module.classes.len() - 1) as ClassIdx
    }

    fn collect_types(&self, node: Node, out: &mut Vec<TypeRef>) {
        match node.kind() {
            "type_identifier" | "scoped_type_identifier" | "generic_type" => {
                out.push(self.type_text(node))
            }
            _ => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    self.collect_types(child, out);
                }
            }
        }
    }

    /// A generic type's type arguments, in order (`Consumer<SQLiteDatabase>` gives
    /// `SQLiteDatabase`; a wildcard gives its bound). What a lambda given for a
    /// parameter of that type receives, as far as the declaration tells.
    fn type_arguments(&self, node: Node) -> Vec<TypeRef> {
        let mut cursor = node.walk();
        let Some(args) = node
            .named_children(&mut cursor)
            .find(|c| c.kind() == "type_arguments")
        else {
            return Vec::new();
        };
        let mut c2 = args.walk();
        // (An unbounded wildcard is an unknown type: empty, in its place.)
        args.named_children(&mut c2)
            .map(|a| match a.kind() {
                "wildcard" => {
                    let mut c3 = a.walk();
                    let bound = a.named_children(&mut c3).last();
                    bound
                        .filter(|b| b.kind() != "annotation")
                        .map(|b| self.type_text(b))
                        .unwrap_or_default()
                }
                _ => self.type_text(a),
            })
            .collect()
    }

    /// What a value of this type holds (see [`Param::elem`]): an array's element
    /// type, a generic type's last type argument (`Map<String, User>` gives `User`).
    fn element_type(&self, node: Node) -> Option<TypeRef> {
        match node.kind() {
            "array_type" => node
                .child_by_field_id(FIELDS.element)
                .map(|n| self.type_text(n)),
            "generic_type" => self.type_arguments(node).pop().filter(|t| !t.is_empty()),
            "annotated_type" => unannotated(node).and_then(|n| self.element_type(n)),
            _ => None,
        }
    }

    /// The type as written, with generics, annotations and array brackets removed.
    fn type_text(&self, node: Node) -> TypeRef {
        match node.kind() {
            "generic_type" => node
                .named_child(0)
                .map(|n| self.type_text(n))
                .unwrap_or_default(),
            "array_type" => node
                .child_by_field_id(FIELDS.element)
                .map(|n| self.type_text(n))
                .unwrap_or_default(),
            "scoped_type_identifier" => {
                let mut parts = Vec::new();
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if matches!(
                        child.kind(),
                        "type_identifier" | "scoped_type_identifier" | "generic_type"
                    ) {
                        parts.push(self.type_text(child));
                    }
                }
                parts.join(".")
            }
            "annotated_type" => unannotated(node)
                .map(|n| self.type_text(n))
                .unwrap_or_default(),
            _ => self.text(node).to_string(),
        }
    }

    /// (is_private, annotations, is_static, is_final) from a declaration's `modifiers`.
    fn modifiers_of(&self, node: Node) -> (ModifierFlags, Vec<Annotation>) {
        let mut flags = ModifierFlags::default();
        let mut annotations = Vec::new();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.kind() != "modifiers" {
                continue;
            }
            let mut c2 = child.walk();
            for m in child.children(&mut c2) {
                match m.kind() {
                    "private" => flags.is_private = true,
                    "public" | "protected" => flags.is_public = true,
                    "static" => flags.is_static = true,
                    "final" => flags.is_final = true,
                    "marker_annotation" | "annotation" => annotations.push(self.annotation(m)),
                    _ => {}
                }
            }
        }
        (flags, annotations)
    }

    fn annotation(&self, node: Node) -> Annotation {
        let name = node
            .child_by_field_id(FIELDS.name)
            .map(|n| {
                let t = self.text(n);
                t.rsplit('.').next().unwrap_or(t).to_string()
            })
            .unwrap_or_default();
        let mut values = Vec::new();
        if let Some(args) = node.child_by_field_id(FIELDS.arguments) {
            self.collect_strings(args, &mut values);
        }
        Annotation { name, values }
    }

    fn collect_strings(&self, node: Node, out: &mut Vec<String>) {
        if node.kind() == "string_literal" {
            out.push(self.string_value(node));
            return;
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.collect_strings(child, out);
        }
    }

    fn string_value(&self, node: Node) -> String {
        let raw = self.text(node);
        let inner = raw
            .strip_prefix("\"\"\"")
            .and_then(|s| s.strip_suffix("\"\"\""))
            .or_else(|| raw.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
            .unwrap_or(raw);
        inner.to_string()
    }

    fn class_body(&mut self, class: ClassIdx, body: Node) {
        self.class_stack.push(class);
        let span = self.span(body);
        // Field initialisers and initializer blocks become two synthetic functions,
        // so the analyses see them as ordinary code.
        let mut static_init: Vec<Stmt> = Vec::new();
        let mut instance_init: Vec<Stmt> = Vec::new();
        let static_fn = self.new_function("<clinit>", FunctionKind::Initializer, span, span);
        self.module.functions[static_fn as usize].is_static = true;
        let instance_fn = self.new_function("<init>", FunctionKind::Initializer, span, span);
        let mut cursor = body.walk();
        for member in body.named_children(&mut cursor) {
            match member.kind() {
                "field_declaration" | "constant_declaration" => {
                    let (flags, field_annotations) = self.modifiers_of(member);
                    let is_static = flags.is_static
                        || self.module.classes[class as usize].kind == ClassKind::Interface;
                    let declared = member.child_by_field_id(FIELDS.type_);
                    let ty = declared.map(|t| self.type_text(t));
                    let elem = declared.and_then(|t| self.element_type(t));
                    let mut c2 = member.walk();
                    for decl in member.children_by_field_name("declarator", &mut c2) {
                        let Some(name_node) = decl.child_by_field_id(FIELDS.name) else {
                            continue;
                        };
                        let name = self.text(name_node).to_string();
                        let owner = if is_static { static_fn } else { instance_fn };
                        self.func_stack.push(owner);
                        let init = decl.child_by_field_id(FIELDS.value).map(|v| self.expr(v));
                        self.func_stack.pop();
                        let name_span = self.span(name_node);
                        if let Some(init) = &init {
                            let target = if is_static {
                                Expr::new(ExprKind::Name(name.clone()), name_span)
                            } else {
                                Expr::new(
                                    ExprKind::Field {
                                        receiver: Box::new(Expr::new(ExprKind::This, name_span)),
                                        name: name.clone(),
                                    },
                                    name_span,
                                )
                            };
                            let stmt = Stmt::Expr(Expr::new(
                                ExprKind::Assign {
                                    target: Box::new(target),
                                    value: Box::new(init.clone()),
                                    compound: false,
                                },
                                self.span(decl),
                            ));
                            if is_static {
                                static_init.push(stmt);
                            } else {
                                instance_init.push(stmt);
                            }
                        }
                        let in_interface =
                            self.module.classes[class as usize].kind == ClassKind::Interface;
                        self.module.classes[class as usize].fields.push(Field {
                            elem: elem.clone(),
                            name,
                            aliases: serialised_names(&field_annotations),
                            ty: ty.clone(),
                            is_static,
                            is_final: flags.is_final || in_interface,
                            init,
                            name_span,
                            delegated: false,
                        });
                    }
                }
                "method_declaration"
                | "constructor_declaration"
                | "compact_constructor_declaration" => {
                    let f = self.method(member);
                    self.module.classes[class as usize].methods.push(f);
                }
                "static_initializer" => {
                    self.func_stack.push(static_fn);
                    let mut c2 = member.walk();
                    for b in member.named_children(&mut c2) {
                        static_init.extend(self.block(b));
                    }
                    self.func_stack.pop();
                }
                "block" => {
                    self.func_stack.push(instance_fn);
                    instance_init.extend(self.block(member));
                    self.func_stack.pop();
                }
                "enum_body_declarations" => {
                    // Members of an enum body: lower as if they were in the class body.
                    self.class_stack.pop();
                    self.class_body(class, member);
                    self.class_stack.push(class);
                }
                "enum_constant" => {
                    if let Some(b) = member.child_by_field_id(FIELDS.body) {
                        let prefix = self.module.classes[class as usize].qualified.clone();
                        let name = self
                            .text(member.child_by_field_id(FIELDS.name).unwrap_or(member))
                            .to_string();
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
                        self.class_body(idx, b);
                    }
                }
                _ => {
                    self.maybe_type_declaration(member, Some(class));
                }
            }
        }
        self.module.functions[static_fn as usize].body = static_init;
        self.module.functions[instance_fn as usize].body = instance_init;
        let methods = &mut self.module.classes[class as usize].methods;
        methods.push(static_fn);
        methods.push(instance_fn);
        self.class_stack.pop();
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

    fn method(&mut self, node: Node) -> FuncIdx {
        let kind = if node.kind() == "method_declaration" {
            FunctionKind::Method
        } else {
            FunctionKind::Constructor
        };
        let name_node = node.child_by_field_id(FIELDS.name).unwrap_or(node);
        let name = if kind == FunctionKind::Constructor {
            "<constructor>".to_string()
        } else {
            self.text(name_node).to_string()
        };
        let idx = self.new_function(&name, kind, self.span(node), self.span(name_node));
        let (flags, annotations) = self.modifiers_of(node);
        let params = node
            .child_by_field_id(FIELDS.parameters)
            .map(|p| self.formal_parameters(p))
            .unwrap_or_default();
        let returned = node.child_by_field_id(FIELDS.type_);
        let return_type = returned.map(|t| self.type_text(t));
        let return_elem = returned.and_then(|t| self.element_type(t));
        self.func_stack.push(idx);
        let body_node = node.child_by_field_id(FIELDS.body);
        let body = body_node.map(|b| self.block(b)).unwrap_or_default();
        self.func_stack.pop();
        let f = &mut self.module.functions[idx as usize];
        f.params = params;
        f.body = body;
        f.has_body = body_node.is_some();
        f.return_type = return_type;
        f.return_elem = return_elem;
        f.annotations = annotations;
        f.is_private = flags.is_private;
        f.is_static = flags.is_static;
        idx
    }

    fn formal_parameters(&mut self, node: Node) -> Vec<Param> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        for p in node.named_children(&mut cursor) {
            match p.kind() {
                "formal_parameter" => {
                    let (_, annotations) = self.modifiers_of(p);
                    let declared = p.child_by_field_id(FIELDS.type_);
                    let ty = declared.map(|t| self.type_text(t));
                    if let Some(n) = p.child_by_field_id(FIELDS.name) {
                        out.push(Param {
                            elem: declared.and_then(|t| self.element_type(t)),
                            block_params: declared
                                .map(|t| self.type_arguments(t))
                                .unwrap_or_default(),
                            name: self.text(n).to_string(),
                            ty,
                            annotations,
                            span: self.span(n),
                        });
                    }
                }
                "spread_parameter" => {
                    let (_, annotations) = self.modifiers_of(p);
                    let mut ty = None;
                    let mut name = None;
                    let mut c2 = p.walk();
                    for c in p.named_children(&mut c2) {
                        if c.kind() == "variable_declarator" {
                            name = c.child_by_field_id(FIELDS.name);
                        } else if c.kind() != "modifiers" && ty.is_none() {
                            // `String... parts`: marked, a call may pass any number.
                            ty = Some(format!("{}...", self.type_text(c)));
                        }
                    }
                    if let Some(n) = name {
                        out.push(Param {
                            elem: ty
                                .as_deref()
                                .and_then(|t| t.strip_suffix("..."))
                                .map(Into::into),
                            block_params: Vec::new(),
                            name: self.text(n).to_string(),
                            ty,
                            annotations,
                            span: self.span(n),
                        });
                    }
                }
                "identifier" => out.push(Param {
                    elem: None,
                    block_params: Vec::new(),
                    name: self.text(p).to_string(),
                    ty: None,
                    annotations: Vec::new(),
                    span: self.span(p),
                }),
                _ => {}
            }
        }
        out
    }

    fn block(&mut self, node: Node) -> Vec<Stmt> {
        match node.kind() {
            "block" | "constructor_body" | "switch_block_statement_group" => {
                let mut out = Vec::new();
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    self.stmt_into(child, &mut out);
                }
                out
            }
            _ => {
                let mut out = Vec::new();
                self.stmt_into(node, &mut out);
                out
            }
        }
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
            "block" => out.push(Stmt::Block(self.block(node))),
            "local_variable_declaration" => self.local_declaration(node, out),
            "expression_statement" => {
                if let Some(e) = node.named_child(0) {
                    out.push(Stmt::Expr(self.expr(e)));
                }
            }
            "if_statement" => {
                let cond = self.field_expr(node, FIELDS.condition);
                let then = node
                    .child_by_field_id(FIELDS.consequence)
                    .map(|n| self.block(n))
                    .unwrap_or_default();
                let els = node
                    .child_by_field_id(FIELDS.alternative)
                    .map(|n| self.block(n))
                    .unwrap_or_default();
                out.push(Stmt::If { cond, then, els });
            }
            "while_statement" | "do_statement" => {
                let cond = Some(self.field_expr(node, FIELDS.condition));
                let body = node
                    .child_by_field_id(FIELDS.body)
                    .map(|n| self.block(n))
                    .unwrap_or_default();
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond,
                    body,
                    update: Vec::new(),
                });
            }
            "for_statement" => {
                let mut init = Vec::new();
                let mut update = Vec::new();
                let mut cursor = node.walk();
                for i in node.children_by_field_name("init", &mut cursor) {
                    if i.kind() == "local_variable_declaration" {
                        self.local_declaration(i, &mut init);
                    } else {
                        init.push(Stmt::Expr(self.expr(i)));
                    }
                }
                let mut cursor = node.walk();
                for u in node.children_by_field_name("update", &mut cursor) {
                    update.push(self.expr(u));
                }
                let cond = node
                    .child_by_field_id(FIELDS.condition)
                    .map(|c| self.expr(c));
                let body = node
                    .child_by_field_id(FIELDS.body)
                    .map(|n| self.block(n))
                    .unwrap_or_default();
                out.push(Stmt::Loop {
                    init,
                    cond,
                    body,
                    update,
                });
            }
            "enhanced_for_statement" => {
                let name_node = node.child_by_field_id(FIELDS.name);
                let declared = node.child_by_field_id(FIELDS.type_);
                let ty = declared.map(|t| self.type_text(t)).filter(|t| t != "var");
                let elem = declared.and_then(|t| self.element_type(t));
                let value = self.field_expr(node, FIELDS.value);
                let mut body = Vec::new();
                if let Some(n) = name_node {
                    // The loop variable takes the elements of the iterable.
                    body.push(Stmt::Let {
                        elem,
                        name: self.text(n).to_string(),
                        ty,
                        init: Some(value.clone()),
                        span: self.span(n),
                    });
                }
                if let Some(b) = node.child_by_field_id(FIELDS.body) {
                    body.extend(self.block(b));
                }
                out.push(Stmt::Loop {
                    init: Vec::new(),
                    cond: Some(value),
                    body,
                    update: Vec::new(),
                });
            }
            "return_statement" => {
                let value = node.named_child(0).map(|e| self.expr(e));
                out.push(Stmt::Return(value, self.span(node)));
            }
            "throw_statement" => {
                if let Some(e) = node.named_child(0) {
                    out.push(Stmt::Throw(self.expr(e)));
                }
            }
            "break_statement" => out.push(Stmt::Break),
            "continue_statement" => out.push(Stmt::Continue),
            "try_statement" | "try_with_resources_statement" => {
                let mut body = Vec::new();
                if let Some(res) = node.child_by_field_id(FIELDS.resources) {
                    let mut cursor = res.walk();
                    for r in res.named_children(&mut cursor) {
                        match (
                            r.child_by_field_id(FIELDS.name),
                            r.child_by_field_id(FIELDS.value),
                        ) {
                            (Some(n), Some(v)) => {
                                let ty =
                                    r.child_by_field_id(FIELDS.type_).map(|t| self.type_text(t));
                                let init = Some(self.expr(v));
                                body.push(Stmt::Let {
                                    elem: None,
                                    name: self.text(n).to_string(),
                                    ty,
                                    init,
                                    span: self.span(n),
                                });
                            }
                            _ => body.push(Stmt::Expr(self.expr(r))),
                        }
                    }
                }
                if let Some(b) = node.child_by_field_id(FIELDS.body) {
                    body.extend(self.block(b));
                }
                let mut catches = Vec::new();
                let mut finally = Vec::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "catch_clause" => {
                            let mut param = None;
                            let mut c2 = c.walk();
                            for p in c.named_children(&mut c2) {
                                if p.kind() == "catch_formal_parameter" {
                                    // `catch (IOException | JSONException e)`: the types
                                    // it catches, joined by `|`.
                                    let mut c3 = p.walk();
                                    let types: Vec<String> = p
                                        .named_children(&mut c3)
                                        .filter(|t| t.kind() == "catch_type")
                                        .flat_map(|t| {
                                            let mut c4 = t.walk();
                                            t.named_children(&mut c4)
                                                .map(|x| self.type_text(x))
                                                .collect::<Vec<_>>()
                                        })
                                        .filter(|t| !t.is_empty())
                                        .collect();
                                    let ty = match types.is_empty() {
                                        true => "Exception".to_string(),
                                        false => types.join(" | "),
                                    };
                                    if let Some(n) = p.child_by_field_id(FIELDS.name) {
                                        param = Some(Param {
                                            elem: None,
                                            block_params: Vec::new(),
                                            name: self.text(n).to_string(),
                                            ty: Some(ty),
                                            annotations: Vec::new(),
                                            span: self.span(n),
                                        });
                                    }
                                }
                            }
                            let block = c
                                .child_by_field_id(FIELDS.body)
                                .map(|b| self.block(b))
                                .unwrap_or_default();
                            if let Some(p) = param {
                                catches.push((p, block));
                            }
                        }
                        "finally_clause" => {
                            let mut c2 = c.walk();
                            for b in c.named_children(&mut c2) {
                                finally.extend(self.block(b));
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
            "switch_expression" | "switch_statement" => {
                let (scrutinee, arms, labels, default) = self.switch_parts(node);
                out.push(Stmt::Switch {
                    scrutinee,
                    arms,
                    labels,
                    exhaustive: default.is_some(),
                    default,
                });
            }
            "synchronized_statement" => {
                if let Some(b) = node.child_by_field_id(FIELDS.body) {
                    out.push(Stmt::Block(self.block(b)));
                }
            }
            "labeled_statement" => {
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    if c.kind() != "identifier" {
                        self.stmt_into(c, out);
                    }
                }
            }
            "explicit_constructor_invocation" => {
                let args = self.arguments(node.child_by_field_id(FIELDS.arguments));
                let ctor = node.child_by_field_id(FIELDS.constructor).unwrap_or(node);
                let span = self.span(ctor);
                out.push(Stmt::Expr(Expr::new(
                    ExprKind::Call(Call {
                        receiver: None,
                        name: self.text(ctor).to_string(),
                        args,
                        name_span: span,
                    }),
                    self.span(node),
                )));
            }
            "class_declaration"
            | "local_class_declaration"
            | "record_declaration"
            | "interface_declaration"
            | "enum_declaration" => {
                let outer = self.class_stack.last().copied();
                self.maybe_type_declaration(node, outer);
            }
            "yield_statement" => {
                if let Some(e) = node.named_child(0) {
                    out.push(Stmt::Return(Some(self.expr(e)), self.span(node)));
                }
            }
            "assert_statement" | "line_comment" | "block_comment" | "empty_statement" => {}
            _ => {
                if node.is_named() && !node.is_extra() {
                    out.push(Stmt::Expr(self.expr(node)));
                }
            }
        }
    }

    fn local_declaration(&mut self, node: Node, out: &mut Vec<Stmt>) {
        let declared = node.child_by_field_id(FIELDS.type_);
        let ty = declared.map(|t| self.type_text(t)).filter(|t| t != "var");
        let elem = declared.and_then(|t| self.element_type(t));
        let mut cursor = node.walk();
        for decl in node.children_by_field_name("declarator", &mut cursor) {
            let Some(n) = decl.child_by_field_id(FIELDS.name) else {
                continue;
            };
            let init = decl.child_by_field_id(FIELDS.value).map(|v| self.expr(v));
            out.push(Stmt::Let {
                elem: elem.clone(),
                name: self.text(n).to_string(),
                ty: ty.clone(),
                init,
                span: self.span(n),
            });
        }
    }

    fn field_expr(&mut self, node: Node, field: u16) -> Expr {
        match node.child_by_field_id(field) {
            Some(n) => self.expr(n),
            None => Expr::new(ExprKind::Opaque(Vec::new()), self.span(node)),
        }
    }

    fn arguments(&mut self, node: Option<Node>) -> Vec<Expr> {
        let Some(node) = node else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut cursor = node.walk();
        for a in node.named_children(&mut cursor) {
            if !a.is_extra() {
                out.push(self.expr(a));
            }
        }
        out
    }

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
            "identifier" => ExprKind::Name(self.text(node).to_string()),
            "this" => ExprKind::This,
            "super" => ExprKind::Super,
            "parenthesized_expression" => {
                return match node.named_child(0) {
                    Some(e) => self.expr(e),
                    None => Expr::new(ExprKind::Opaque(Vec::new()), span),
                }
            }
            "string_literal" | "text_block" => {
                ExprKind::Literal(Literal::Str(self.string_value(node)))
            }
            "true" => ExprKind::Literal(Literal::Bool(true)),
            "false" => ExprKind::Literal(Literal::Bool(false)),
            "null_literal" => ExprKind::Literal(Literal::Null),
            "character_literal" => ExprKind::Literal(Literal::Char),
            "decimal_integer_literal" | "hex_integer_literal" => {
                match int_literal(self.text(node)) {
                    Some(n) => ExprKind::Literal(Literal::Int(n)),
                    None => ExprKind::Literal(Literal::Number),
                }
            }
            "octal_integer_literal"
            | "binary_integer_literal"
            | "decimal_floating_point_literal"
            | "hex_floating_point_literal" => ExprKind::Literal(Literal::Number),
            "class_literal" => {
                let ty = node
                    .named_child(0)
                    .map(|t| self.type_text(t))
                    .unwrap_or_default();
                ExprKind::Literal(Literal::Class(ty))
            }
            "field_access" => {
                let receiver = self.field_expr(node, FIELDS.object);
                let name = node
                    .child_by_field_id(FIELDS.field)
                    .map(|f| self.text(f).to_string())
                    .unwrap_or_default();
                ExprKind::Field {
                    receiver: Box::new(receiver),
                    name,
                }
            }
            "scoped_identifier" => {
                // Appears for qualified names in some positions; split at the last dot.
                let text = self.text(node);
                let mut parts = text.rsplitn(2, '.');
                let name = parts.next().unwrap_or("").to_string();
                match parts.next() {
                    Some(scope) => ExprKind::Field {
                        receiver: Box::new(Expr::new(ExprKind::Name(scope.to_string()), span)),
                        name,
                    },
                    None => ExprKind::Name(name),
                }
            }
            "method_invocation" => {
                let receiver = node
                    .child_by_field_id(FIELDS.object)
                    .map(|o| Box::new(self.expr(o)));
                let name_node = node.child_by_field_id(FIELDS.name).unwrap_or(node);
                let args = self.arguments(node.child_by_field_id(FIELDS.arguments));
                ExprKind::Call(Call {
                    receiver,
                    name: self.text(name_node).to_string(),
                    args,
                    name_span: self.span(name_node),
                })
            }
            "object_creation_expression" => {
                let ty_node = node.child_by_field_id(FIELDS.type_);
                let ty = ty_node.map(|t| self.type_text(t)).unwrap_or_default();
                let args = self.arguments(node.child_by_field_id(FIELDS.arguments));
                let mut cursor = node.walk();
                let body_node = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind() == "class_body");
                let body = body_node.map(|b| self.anonymous_class(&ty, b, span));
                ExprKind::New {
                    ty,
                    args,
                    body,
                    type_args: Vec::new(),
                }
            }
            "array_creation_expression" => {
                let ty = node
                    .child_by_field_id(FIELDS.type_)
                    .map(|t| self.type_text(t))
                    .unwrap_or_default();
                match node.child_by_field_id(FIELDS.value) {
                    Some(v) => return self.expr(v),
                    None => ExprKind::New {
                        ty: format!("{ty}[]"),
                        args: Vec::new(),
                        body: None,
                        type_args: Vec::new(),
                    },
                }
            }
            "array_initializer" => {
                let mut items = Vec::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    items.push(self.expr(c));
                }
                ExprKind::ArrayInit(items)
            }
            "assignment_expression" => {
                let target = self.field_expr(node, FIELDS.left);
                let value = self.field_expr(node, FIELDS.right);
                let op = node
                    .child_by_field_id(FIELDS.operator)
                    .map(|o| self.text(o))
                    .unwrap_or("=");
                ExprKind::Assign {
                    target: Box::new(target),
                    value: Box::new(value),
                    compound: op != "=",
                }
            }
            "binary_expression" => {
                let op_text = node
                    .child_by_field_id(FIELDS.operator)
                    .map(|o| self.text(o))
                    .unwrap_or("");
                let op = match op_text {
                    "+" => BinOp::Add,
                    "*" => BinOp::Mul,
                    "/" => BinOp::Div,
                    "&&" => BinOp::And,
                    "||" => BinOp::Or,
                    "==" | "!=" => BinOp::Compare {
                        negated: op_text == "!=",
                        ordered: false,
                        greater: false,
                        inclusive: false,
                    },
                    "<" | ">" | "<=" | ">=" => BinOp::Compare {
                        negated: false,
                        ordered: true,
                        greater: op_text.starts_with('>'),
                        inclusive: op_text.ends_with('='),
                    },
                    _ => BinOp::Arith,
                };
                let lhs = self.field_expr(node, FIELDS.left);
                let rhs = self.field_expr(node, FIELDS.right);
                ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                }
            }
            "unary_expression" => {
                let op = match node
                    .child_by_field_id(FIELDS.operator)
                    .map(|o| self.text(o))
                {
                    Some("!") => UnaryOp::Not,
                    _ => UnaryOp::Other,
                };
                let operand = self.field_expr(node, FIELDS.operand);
                ExprKind::Unary {
                    op,
                    operand: Box::new(operand),
                }
            }
            "update_expression" => {
                // `n++`: a counter stays a number made of constants.
                let target = node
                    .named_child(0)
                    .map(|e| self.expr(e))
                    .unwrap_or_else(|| Expr::new(ExprKind::Opaque(Vec::new()), span));
                ExprKind::Assign {
                    target: Box::new(target),
                    value: Box::new(Expr::new(ExprKind::Literal(Literal::Number), span)),
                    compound: true,
                }
            }
            "ternary_expression" => {
                let cond = self.field_expr(node, FIELDS.condition);
                let then = self.field_expr(node, FIELDS.consequence);
                let els = self.field_expr(node, FIELDS.alternative);
                ExprKind::Ternary {
                    cond: Box::new(cond),
                    then: Box::new(then),
                    els: Box::new(els),
                }
            }
            "cast_expression" => {
                let ty = node
                    .child_by_field_id(FIELDS.type_)
                    .map(|t| self.type_text(t))
                    .unwrap_or_default();
                let value = self.field_expr(node, FIELDS.value);
                ExprKind::Cast {
                    ty,
                    expr: Box::new(value),
                }
            }
            "instanceof_expression" => {
                let value = self.field_expr(node, FIELDS.left);
                let ty = node
                    .child_by_field_id(FIELDS.right)
                    .map(|t| self.type_text(t))
                    .unwrap_or_default();
                ExprKind::InstanceOf {
                    expr: Box::new(value),
                    ty,
                }
            }
            "array_access" => {
                let array = self.field_expr(node, FIELDS.array);
                let index = self.field_expr(node, FIELDS.index);
                ExprKind::Index {
                    array: Box::new(array),
                    index: Box::new(index),
                }
            }
            "lambda_expression" => ExprKind::Lambda(self.lambda(node)),
            "method_reference" => {
                let mut cursor = node.walk();
                let children: Vec<Node> = node.named_children(&mut cursor).collect();
                let receiver = children
                    .first()
                    .map(|c| self.expr(*c))
                    .unwrap_or_else(|| Expr::new(ExprKind::Opaque(Vec::new()), span));
                let text = self.text(node);
                let name = text.rsplit("::").next().unwrap_or("").trim().to_string();
                ExprKind::MethodRef {
                    receiver: Box::new(receiver),
                    name,
                }
            }
            "switch_expression" => {
                let (scrutinee, arms, _, _) = self.switch_parts(node);
                let mut items = vec![scrutinee];
                for arm in arms {
                    for stmt in arm {
                        match stmt {
                            Stmt::Expr(e) | Stmt::Return(Some(e), _) => items.push(e),
                            _ => {}
                        }
                    }
                }
                ExprKind::Opaque(items)
            }
            _ => {
                let mut items = Vec::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    if !c.is_extra() {
                        items.push(self.expr(c));
                    }
                }
                ExprKind::Opaque(items)
            }
        };
        Expr::new(kind, span)
    }

    /// A switch's scrutinee, arms, each arm's labels and its default arm (see
    /// `Stmt::Switch`).
    fn switch_parts(&mut self, node: Node) -> SwitchParts {
        let scrutinee = self.field_expr(node, FIELDS.condition);
        let mut arms = Vec::new();
        let mut labels = Vec::new();
        let mut default = None;
        if let Some(body) = node.child_by_field_id(FIELDS.body) {
            let mut cursor = body.walk();
            for arm in body.named_children(&mut cursor) {
                if !matches!(arm.kind(), "switch_block_statement_group" | "switch_rule") {
                    continue;
                }
                let mut stmts = Vec::new();
                let mut values = Vec::new();
                let mut is_default = false;
                let mut c2 = arm.walk();
                for s in arm.named_children(&mut c2) {
                    if s.kind() != "switch_label" {
                        self.stmt_into(s, &mut stmts);
                    } else if self.text(s).trim_end().ends_with("default") {
                        default = Some(arms.len());
                        is_default = true;
                    } else {
                        let mut c3 = s.walk();
                        let exprs: Vec<Node> = s.named_children(&mut c3).collect();
                        values.extend(exprs.into_iter().map(|e| self.expr(e)));
                    }
                }
                // (`case A: x(); case B: ..` runs B's statements for A too.)
                let falls_through = arm.kind() == "switch_block_statement_group"
                    && !matches!(
                        stmts.last(),
                        Some(Stmt::Break | Stmt::Continue | Stmt::Return(..) | Stmt::Throw(_))
                    );
                if is_default || falls_through {
                    values.clear();
                }
                arms.push(stmts);
                labels.push(values);
            }
        }
        (scrutinee, arms, labels, default)
    }

    fn lambda(&mut self, node: Node) -> FuncIdx {
        let span = self.span(node);
        let idx = self.new_function("<lambda>", FunctionKind::Lambda, span, span);
        let params = match node.child_by_field_id(FIELDS.parameters) {
            Some(p) if p.kind() == "identifier" => vec![Param {
                elem: None,
                block_params: Vec::new(),
                name: self.text(p).to_string(),
                ty: None,
                annotations: Vec::new(),
                span: self.span(p),
            }],
            Some(p) => self.formal_parameters(p),
            None => Vec::new(),
        };
        self.func_stack.push(idx);
        let body = match node.child_by_field_id(FIELDS.body) {
            Some(b) if b.kind() == "block" => self.block(b),
            Some(b) => {
                let e = self.expr(b);
                let s = e.span;
                vec![Stmt::Return(Some(e), s)]
            }
            None => Vec::new(),
        };
        self.func_stack.pop();
        let f = &mut self.module.functions[idx as usize];
        f.params = params;
        f.body = body;
        idx
    }

    fn anonymous_class(&mut self, ty: &str, body: Node, span: Span) -> ClassIdx {
        self.anon_counter += 1;
        let outer_name = self
            .class_stack
            .last()
            .map(|&c| self.module.classes[c as usize].qualified.clone())
            .unwrap_or_default();
        let idx = self.push_class(Class {
            name: ty.rsplit('.').next().unwrap_or(ty).to_string(),
            qualified: format!("{outer_name}${}", self.anon_counter),
            kind: ClassKind::Class,
            supertypes: vec![ty.to_string()],
            fields: Vec::new(),
            methods: Vec::new(),
            annotations: Vec::new(),
            outer: self.class_stack.last().copied(),
            enclosing_function: self.func_stack.last().copied(),
            is_anonymous: true,
            exported: false,
            span,
        });
        self.class_body(idx, body);
        idx
    }
}

/// The names a field is serialised under (`@SerializedName("mobile")`, Moshi
/// `@Json(name = "mobile")`, Jackson `@JsonProperty("mobile")`).
pub(crate) fn serialised_names(annotations: &[Annotation]) -> Vec<String> {
    annotations
        .iter()
        .filter(|a| {
            matches!(
                a.name.as_str(),
                "SerializedName" | "Json" | "JsonProperty" | "SerialName"
            )
        })
        .flat_map(|a| a.values.iter().cloned())
        .collect()
}

#[derive(Default, Clone, Copy)]
struct ModifierFlags {
    is_private: bool,
    /// `public` or `protected`: visible outside the package.
    is_public: bool,
    is_static: bool,
    is_final: bool,
}

/// A switch's scrutinee, arms, each arm's labels and its default arm.
type SwitchParts = (Expr, Vec<Vec<Stmt>>, Vec<Vec<Expr>>, Option<usize>);

/// The type an `annotated_type` annotates (`@NonNull String` gives `String`).
fn unannotated(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    let inner = node
        .named_children(&mut cursor)
        .filter(|c| !c.kind().ends_with("annotation"))
        .last();
    inner
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_field_the_lowering_reads_is_in_the_grammar() {
        assert!(
            super::FIELDS.missing.is_empty(),
            "{:?}",
            super::FIELDS.missing
        );
    }
}
