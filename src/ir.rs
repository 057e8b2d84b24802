//! The language-neutral intermediate representation.
//!
//! Every front-end (Java today; Kotlin and Rust next) lowers a source file into one
//! [`Module`]. The analyses see only this IR: they know nothing of tree-sitter or syn.
//! The IR keeps what data-flow needs (declarations, calls with receivers and
//! arguments, assignments, returns, conditions, annotations, literals) and the exact
//! location of every name a finding may point at.

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Index of a source file in the scan.
pub type FileId = u32;
/// Index of a class inside its module.
pub type ClassIdx = u32;
/// Index of a function inside its module.
pub type FuncIdx = u32;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Pos {
    /// 0-based line.
    pub line: u32,
    /// 0-based column in bytes.
    pub col: u32,
}

thread_local! {
    static DESERIALIZED_FILE_ID: Cell<FileId> = const { Cell::new(0) };
}

fn current_file_id() -> FileId {
    DESERIALIZED_FILE_ID.with(Cell::get)
}

/// Runs `f` (a deserialization of IR) with `file` as the id of every [`Span`] and
/// [`Module`] it creates. File ids are assigned per scan, in discovery order, so
/// serialized IR (the cache) leaves them out and takes the id of the scan reading it.
pub fn with_file_id<T>(file: FileId, f: impl FnOnce() -> T) -> T {
    let previous = DESERIALIZED_FILE_ID.with(|c| c.replace(file));
    let result = f();
    DESERIALIZED_FILE_ID.with(|c| c.set(previous));
    result
}

/// A [`Span`] serialized with its file id, for results kept whole (the results
/// cache), where ids are those of the scan that stored them:
/// `#[serde(with = "crate::ir::span_in_file")]`.
pub mod span_in_file {
    use super::{FileId, Span};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
        (span.file, span).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let (file, span): (FileId, Span) = Deserialize::deserialize(d)?;
        Ok(Span { file, ..span })
    }
}

/// A region of a source file: byte offsets plus line/column (0-based, byte columns).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// Not serialized: ids are per scan (see [`with_file_id`]).
    #[serde(skip, default = "current_file_id")]
    pub file: FileId,
    pub start: Pos,
    pub end: Pos,
    pub start_byte: u32,
    pub end_byte: u32,
}

impl Span {
    /// The last `len` bytes of `self`, on its last line (`consentGiven` in
    /// `settings.consentGiven`); `self` when it is shorter than that.
    pub fn last(self, len: u32) -> Span {
        if self.end.col < len || self.end_byte < len {
            return self;
        }
        Span {
            start: Pos {
                line: self.end.line,
                col: self.end.col - len,
            },
            start_byte: self.end_byte - len,
            ..self
        }
    }

    /// The region from the start of `self` to the end of `other` (same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            end: other.end,
            end_byte: other.end_byte,
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Java,
    Kotlin,
    Rust,
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Language::Java => "java",
            Language::Kotlin => "kotlin",
            Language::Rust => "rust",
        })
    }
}

/// One lowered source file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Module {
    /// Not serialized: ids are per scan (see [`with_file_id`]).
    #[serde(skip, default = "current_file_id")]
    pub file: FileId,
    pub package: Option<String>,
    pub imports: Vec<Import>,
    pub classes: Vec<Class>,
    pub functions: Vec<Function>,
    /// Reads and writes of fields the program does not declare may be accessor
    /// calls: `loc.latitude` is `loc.getLatitude()` (Kotlin properties).
    pub accessor_properties: bool,
}

impl Module {
    /// Whether the file uses the Android platform (its permissions mean something).
    pub fn is_android(&self) -> bool {
        self.imports
            .iter()
            .any(|i| i.path.starts_with("android.") || i.path.starts_with("androidx."))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Import {
    /// Fully qualified path without the wildcard (`android.util.Log`, `java.util`).
    pub path: String,
    pub wildcard: bool,
    pub is_static: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClassKind {
    Class,
    Interface,
    Enum,
    Record,
    Annotation,
    /// Kotlin `object`, companion objects.
    Object,
    /// A file's top-level functions and properties (Kotlin, Rust): unnamed and
    /// anonymous; its qualified name is the package.
    Module,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Class {
    /// Simple name; anonymous classes are named after their supertype.
    pub name: String,
    /// `package.Outer.Inner`; anonymous classes get `Outer$1`.
    pub qualified: String,
    pub kind: ClassKind,
    pub supertypes: Vec<TypeRef>,
    pub fields: Vec<Field>,
    pub methods: Vec<FuncIdx>,
    pub annotations: Vec<Annotation>,
    pub outer: Option<ClassIdx>,
    /// For anonymous and local classes: the function they are written in.
    pub enclosing_function: Option<FuncIdx>,
    pub is_anonymous: bool,
    /// Visible outside its package or module (Java `public`/`protected`, Kotlin
    /// without `private` or `internal`): code the scan does not see may use it.
    pub exported: bool,
    pub span: Span,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    /// Other names the field is known by: its serialised name (`#[serde(rename)]`,
    /// `@SerializedName`, `@Json(name)`, `@JsonProperty`).
    pub aliases: Vec<String>,
    pub ty: Option<TypeRef>,
    /// What the type holds, where it is generic or an array: see [`Param::elem`].
    pub elem: Option<TypeRef>,
    pub is_static: bool,
    pub is_final: bool,
    pub init: Option<Expr>,
    /// A Kotlin property delegated to `init` (`var state by mutableStateOf(State())`):
    /// reads and writes go through that object.
    #[serde(default)]
    pub delegated: bool,
    pub name_span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FunctionKind {
    Method,
    Constructor,
    /// `static { }` and field initialisers of a class.
    Initializer,
    Lambda,
    /// Kotlin/Rust free functions.
    TopLevel,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Function {
    pub name: String,
    pub kind: FunctionKind,
    pub class: Option<ClassIdx>,
    /// For lambdas: the function they are written in.
    pub parent: Option<FuncIdx>,
    pub params: Vec<Param>,
    /// How many parameters have default values (Kotlin): calls may leave them out.
    pub defaults: u16,
    pub body: Vec<Stmt>,
    pub has_body: bool,
    pub return_type: Option<TypeRef>,
    /// What the return type holds (see [`Param::elem`]).
    pub return_elem: Option<TypeRef>,
    pub annotations: Vec<Annotation>,
    pub is_private: bool,
    pub is_static: bool,
    /// Parameter 0 is the implicit receiver (`this`) of a lambda with receiver
    /// (Kotlin's `apply { }`, `with(x) { }`) or of an extension function:
    /// unqualified calls and names that resolve to nothing else apply to it.
    pub implicit_receiver: bool,
    /// A lambda the language runs once, where it is written (Kotlin's `let`,
    /// `apply`, `with`, …): analysed as part of the function it is written in.
    pub runs_in_place: bool,
    pub span: Span,
    pub name_span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub ty: Option<TypeRef>,
    /// What a value of the declared type holds, as the declaration says: a generic
    /// type's last type argument (`List<User>`, `Map<String, User>`,
    /// `LiveData<User>` give `User`), an array's element type. What its elements,
    /// its map values, its `get`, `first` or `forEach` hand out are of this type.
    pub elem: Option<TypeRef>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
    /// For a parameter that holds a function value, the types of what calling it
    /// passes, in order, as the declared type says: a Kotlin function type's
    /// receiver and parameters (`(SQLiteDatabase) -> T`), a Java generic interface's
    /// type arguments (`Consumer<SQLiteDatabase>`); an empty type where one is not
    /// known.
    pub block_params: Vec<TypeRef>,
}

/// An annotation, or a declaration modifier that changes generated code (Kotlin's
/// `data`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Annotation {
    /// Simple name without `@` (`POST`, `Override`).
    pub name: String,
    /// Literal string arguments, in order (`@POST("users/{id}")` gives `users/{id}`).
    pub values: Vec<String>,
}

impl Function {
    /// A function with a body still to fill: no parameters, not private, not static.
    pub fn new(
        name: &str,
        kind: FunctionKind,
        class: Option<ClassIdx>,
        parent: Option<FuncIdx>,
        span: Span,
        name_span: Span,
    ) -> Function {
        Function {
            return_elem: None,
            name: name.to_string(),
            kind,
            class,
            parent,
            params: Vec::new(),
            defaults: 0,
            body: Vec::new(),
            has_body: true,
            return_type: None,
            annotations: Vec::new(),
            is_private: false,
            is_static: false,
            implicit_receiver: false,
            runs_in_place: false,
            span,
            name_span,
        }
    }
}

/// The accessor a property is read or written through (`get` + `latitude` →
/// `getLatitude`): front-ends name property accessors with it, and the analysis
/// resolves property reads with it, so the two agree.
pub fn accessor_name(prefix: &str, property: &str) -> String {
    let mut chars = property.chars();
    match chars.next() {
        Some(first) => format!("{prefix}{}{}", first.to_uppercase(), chars.as_str()),
        None => prefix.to_string(),
    }
}

/// The name of the parameter that stands for an implicit receiver
/// ([`Function::implicit_receiver`]); no language can spell it.
pub const RECEIVER_PARAM: &str = "$receiver";

/// A type as written, generics and array brackets removed (`List<String>` → `List`).
pub type TypeRef = String;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Stmt {
    /// A local variable declaration.
    Let {
        name: String,
        ty: Option<TypeRef>,
        /// What the declared type holds (see [`Param::elem`]).
        elem: Option<TypeRef>,
        init: Option<Expr>,
        span: Span,
    },
    Expr(Expr),
    If {
        cond: Expr,
        then: Vec<Stmt>,
        els: Vec<Stmt>,
    },
    /// Any loop. `init` runs once; `cond`, `body` and `update` repeat.
    Loop {
        init: Vec<Stmt>,
        cond: Option<Expr>,
        body: Vec<Stmt>,
        update: Vec<Expr>,
    },
    Return(Option<Expr>, Span),
    Throw(Expr),
    Break,
    Continue,
    Try {
        body: Vec<Stmt>,
        catches: Vec<(Param, Vec<Stmt>)>,
        finally: Vec<Stmt>,
    },
    /// `switch`/`when`/`match`: each arm may run.
    Switch {
        scrutinee: Expr,
        arms: Vec<Vec<Stmt>>,
        /// For each arm, the values that select it (`case A, B:`, `A, B ->`) when it
        /// runs for those alone: empty for a default arm, a Java arm that falls
        /// through into the next, and an arm of conditions rather than values.
        labels: Vec<Vec<Expr>>,
        /// The arm that runs when no label matches (`default:`, `else ->`).
        default: Option<usize>,
        /// One arm always runs (a `default:` label, an `else ->` entry, a Rust
        /// `match`): nothing goes past the switch without running an arm.
        exhaustive: bool,
    },
    Block(Vec<Stmt>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ExprKind {
    /// An unqualified name: a local, a parameter, a field, or a type.
    Name(String),
    /// `receiver.name` (a field read, or a qualified type/constant).
    Field {
        receiver: Box<Expr>,
        name: String,
    },
    Call(Call),
    /// `new T(args)`, optionally with an anonymous class body.
    New {
        ty: TypeRef,
        args: Vec<Expr>,
        body: Option<ClassIdx>,
        /// Type arguments written at the call, where they say more than the type
        /// does: Kotlin's reified `OneTimeWorkRequestBuilder<SyncWorker>()` names
        /// the class it is made for as `Builder(SyncWorker::class.java)` would.
        type_args: Vec<TypeRef>,
    },
    Lambda(FuncIdx),
    MethodRef {
        receiver: Box<Expr>,
        name: String,
    },
    Literal(Literal),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Ternary {
        cond: Box<Expr>,
        then: Box<Expr>,
        els: Box<Expr>,
    },
    Index {
        array: Box<Expr>,
        index: Box<Expr>,
    },
    Cast {
        ty: TypeRef,
        expr: Box<Expr>,
    },
    InstanceOf {
        expr: Box<Expr>,
        ty: TypeRef,
    },
    ArrayInit(Vec<Expr>),
    Assign {
        target: Box<Expr>,
        value: Box<Expr>,
        compound: bool,
    },
    This,
    Super,
    /// Statements run for their effects, then a value (an `if`/`when`/`try` used as
    /// a value: its branches assign a temporary that `value` reads).
    Block {
        stmts: Vec<Stmt>,
        value: Box<Expr>,
    },
    /// A named argument of a call (`f(phone = p)`): it goes to the parameter of
    /// that name, wherever it is written.
    Named {
        name: String,
        value: Box<Expr>,
    },
    /// A path that names a module or a type, never a value (Rust `std::fs` in
    /// `std::fs::write(..)`), dotted and qualified as far as the front-end knows.
    Path(String),
    /// Sub-expressions of a construct the front-end does not model: values flow through.
    Opaque(Vec<Expr>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Call {
    pub receiver: Option<Box<Expr>>,
    pub name: String,
    pub args: Vec<Expr>,
    /// The method name, where results of this call are located.
    pub name_span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Literal {
    Str(String),
    Number,
    /// A small decimal integer (an array index, a constant).
    Int(i64),
    Bool(bool),
    Null,
    Char,
    /// `Foo.class`
    Class(TypeRef),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOp {
    /// `+` (string concatenation or addition).
    Add,
    /// `*` and `/`: kept apart from the other arithmetic for folding intervals
    /// (`15 * 60 * 1000L`).
    Mul,
    Div,
    Arith,
    Compare {
        negated: bool,
        /// `<`, `<=`, `>`, `>=` or a range test, not `==`/`!=`.
        ordered: bool,
        /// `>` or `>=`: when it holds, the left side is the greater.
        greater: bool,
        /// `<=` or `>=`.
        inclusive: bool,
    },
    And,
    Or,
}

/// The value of an integer literal as written in Java, Kotlin or Rust (`60_000L`,
/// `1000u64`, `0x10`); `None` for anything else.
pub fn int_literal(text: &str) -> Option<i64> {
    const RUST_SUFFIXES: [&str; 12] = [
        "usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
    ];
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let t = RUST_SUFFIXES
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .unwrap_or(&t);
    let t = t.trim_end_matches(['l', 'L', 'u', 'U']);
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => i64::from_str_radix(hex, 16).ok(),
        None => t.parse().ok(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnaryOp {
    Not,
    Other,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// The last identifier of a name or qualified name (`Settings.Secure.ANDROID_ID` → `ANDROID_ID`).
    pub fn last_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(n) => Some(n),
            ExprKind::Field { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The dotted text of a qualified name (`a.b.C`), if the expression is one.
    pub fn dotted(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Name(n) => Some(n.clone()),
            ExprKind::Field { receiver, name } => receiver.dotted().map(|r| format!("{r}.{name}")),
            ExprKind::Path(p) => Some(p.clone()),
            _ => None,
        }
    }

    pub fn string_literal(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Literal(Literal::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// The type this expression makes, as written, without type arguments: `new
    /// A.B<T>()`, Kotlin's `B()` or `A.B()`.
    pub fn created_type(&self) -> Option<String> {
        match &self.kind {
            ExprKind::New { ty, .. } => {
                let ty = ty.split('<').next().unwrap_or(ty);
                Some(ty.trim_end_matches(['?', ' ']).to_string())
            }
            ExprKind::Call(c) if c.name.starts_with(|ch: char| ch.is_ascii_uppercase()) => {
                match c.receiver.as_deref().map(|r| &r.kind) {
                    None => Some(c.name.clone()),
                    Some(ExprKind::Name(n)) => Some(format!("{n}.{}", c.name)),
                    Some(_) => None,
                }
            }
            _ => None,
        }
    }
}

/// Calls `f` on every statement of a list, nested ones (branches, loop bodies,
/// handlers, arms, blocks) included, outer before inner.
pub fn visit_stmts<'a>(stmts: &'a [Stmt], f: &mut impl FnMut(&'a Stmt)) {
    for s in stmts {
        f(s);
        match s {
            Stmt::If { then, els, .. } => {
                visit_stmts(then, f);
                visit_stmts(els, f);
            }
            Stmt::Loop { init, body, .. } => {
                visit_stmts(init, f);
                visit_stmts(body, f);
            }
            Stmt::Try {
                body,
                catches,
                finally,
            } => {
                visit_stmts(body, f);
                for (_, c) in catches {
                    visit_stmts(c, f);
                }
                visit_stmts(finally, f);
            }
            Stmt::Switch { arms, .. } => {
                for a in arms {
                    visit_stmts(a, f);
                }
            }
            Stmt::Block(b) => visit_stmts(b, f),
            _ => {}
        }
    }
}

/// Calls `f` on every local declaration of a statement list, nested ones included.
pub fn visit_lets<'a>(
    stmts: &'a [Stmt],
    f: &mut impl FnMut(&'a str, Option<&'a TypeRef>, Option<&'a Expr>),
) {
    visit_stmts(stmts, &mut |s| {
        if let Stmt::Let { name, ty, init, .. } = s {
            f(name, ty.as_ref(), init.as_ref());
        }
    });
}

/// Calls `f` on every expression of a statement list, outer before inner.
pub fn walk_exprs<'a>(stmts: &'a [Stmt], f: &mut impl FnMut(&'a Expr)) {
    for s in stmts {
        match s {
            Stmt::Let { init, .. } => {
                if let Some(e) = init {
                    walk_expr(e, f);
                }
            }
            Stmt::Expr(e) | Stmt::Throw(e) => walk_expr(e, f),
            Stmt::Return(e, _) => {
                if let Some(e) = e {
                    walk_expr(e, f);
                }
            }
            Stmt::If { cond, then, els } => {
                walk_expr(cond, f);
                walk_exprs(then, f);
                walk_exprs(els, f);
            }
            Stmt::Loop {
                init,
                cond,
                body,
                update,
            } => {
                walk_exprs(init, f);
                if let Some(c) = cond {
                    walk_expr(c, f);
                }
                walk_exprs(body, f);
                for u in update {
                    walk_expr(u, f);
                }
            }
            Stmt::Try {
                body,
                catches,
                finally,
            } => {
                walk_exprs(body, f);
                for (_, c) in catches {
                    walk_exprs(c, f);
                }
                walk_exprs(finally, f);
            }
            Stmt::Switch {
                scrutinee, arms, ..
            } => {
                walk_expr(scrutinee, f);
                for a in arms {
                    walk_exprs(a, f);
                }
            }
            Stmt::Block(b) => walk_exprs(b, f),
            Stmt::Break | Stmt::Continue => {}
        }
    }
}

/// Calls `f` on an expression and every expression inside it.
pub fn walk_expr<'a>(e: &'a Expr, f: &mut impl FnMut(&'a Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Field { receiver, .. } | ExprKind::MethodRef { receiver, .. } => {
            walk_expr(receiver, f)
        }
        ExprKind::Call(c) => {
            if let Some(r) = &c.receiver {
                walk_expr(r, f);
            }
            for a in &c.args {
                walk_expr(a, f);
            }
        }
        ExprKind::New { args, .. } | ExprKind::ArrayInit(args) | ExprKind::Opaque(args) => {
            for a in args {
                walk_expr(a, f);
            }
        }
        ExprKind::Binary { lhs, rhs, .. } => {
            walk_expr(lhs, f);
            walk_expr(rhs, f);
        }
        ExprKind::Unary { operand, .. } => walk_expr(operand, f),
        ExprKind::Ternary { cond, then, els } => {
            walk_expr(cond, f);
            walk_expr(then, f);
            walk_expr(els, f);
        }
        ExprKind::Index { array, index } => {
            walk_expr(array, f);
            walk_expr(index, f);
        }
        ExprKind::Cast { expr, .. } | ExprKind::InstanceOf { expr, .. } => walk_expr(expr, f),
        ExprKind::Named { value, .. } => walk_expr(value, f),
        ExprKind::Block { stmts, value } => {
            walk_exprs(stmts, f);
            walk_expr(value, f);
        }
        ExprKind::Assign { target, value, .. } => {
            walk_expr(target, f);
            walk_expr(value, f);
        }
        ExprKind::Name(_)
        | ExprKind::Lambda(_)
        | ExprKind::Literal(_)
        | ExprKind::This
        | ExprKind::Super
        | ExprKind::Path(_) => {}
    }
}
