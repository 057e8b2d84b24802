//! The whole-program model over all lowered modules: classes by name, methods by
//! class, type resolution against imports, and call resolution (class hierarchy
//! analysis over the project's own classes).

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::ir::*;
use crate::knowledge::PlanterSpec;

/// Packages of the platform and the language: classes declared in them are stubs.
const PLATFORM_PACKAGES: &[&str] = &[
    "android.",
    "androidx.",
    "java.",
    "javax.",
    "kotlin.",
    "dalvik.",
];

/// A function anywhere in the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId {
    pub module: u32,
    pub func: FuncIdx,
}

/// A class anywhere in the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId {
    pub module: u32,
    pub class: ClassIdx,
}

/// What a module's bodies create: see [`Program::creations`].
type Creations = (Vec<(ClassId, u32)>, Vec<ClassId>, Vec<ClassId>);

pub struct Program {
    pub modules: Vec<Arc<Module>>,
    by_simple: HashMap<String, Vec<ClassId>>,
    by_qualified: HashMap<String, ClassId>,
    /// Direct subclasses / implementors of each class.
    subclasses: HashMap<ClassId, Vec<ClassId>>,
    supers: HashMap<ClassId, Vec<ClassId>>,
    /// Classes the app creates itself (`new C(..)`), with how many places do.
    allocations: HashMap<ClassId, u32>,
    /// Classes created (`new C(..)`) somewhere outside their own bodies.
    created_outside: HashSet<ClassId>,
    /// Classes an instance of which (or of a subclass) may exist: created by the app,
    /// anonymous or local, a singleton, or one the framework or an injector may create
    /// (it extends a library class, or carries annotations). Overrides in the other
    /// subclasses never run.
    instantiable: HashSet<ClassId>,
    /// Classes named by a class literal or a string holding their qualified name.
    named_classes: HashSet<ClassId>,
    /// The packages the project declares code in, each with a trailing dot.
    packages: Vec<String>,
    /// Per module: simple name → path of its single-type (non-static) imports.
    imports: Vec<HashMap<String, String>>,
    /// Transitive closures of `supers` and `subclasses`, for classes that have any.
    super_closure: HashMap<ClassId, Vec<ClassId>>,
    sub_closure: HashMap<ClassId, Vec<ClassId>>,
    /// Per class: its methods by name.
    methods_by_name: HashMap<ClassId, HashMap<String, Vec<FnId>>>,
    /// Top-level functions (Kotlin, Rust) by name.
    top_level: HashMap<String, Vec<FnId>>,
    /// Per module: the class holding its top-level declarations.
    facades: Vec<Option<ClassIdx>>,
    /// The names of every field declared in the program.
    field_names: HashSet<String>,
    /// Qualified names several files declare (a class copied into two Gradle
    /// modules, or into two flavours), with every class of the name.
    same_name: HashMap<String, Vec<ClassId>>,
    /// Per module: its file's path, split at `/` (empty when not given).
    paths: Vec<Vec<Arc<str>>>,
    /// Room entities by table name, lower-cased (made when first asked).
    entities: std::sync::OnceLock<HashMap<String, Vec<ClassId>>>,
    /// The names assigned anywhere in the program's code (made when first asked).
    assigned: std::sync::OnceLock<HashSet<String>>,
    /// The Room DAOs of databases opened encrypted (made when first asked).
    encrypted_daos: std::sync::OnceLock<HashSet<ClassId>>,
    /// The app's classes planted into a library, by planter (made when first asked).
    planted: std::sync::OnceLock<Vec<(usize, ClassId)>>,
}

impl Program {
    pub fn new(modules: Vec<Arc<Module>>) -> Program {
        Program::with_paths(modules, |_| None)
    }

    /// The program of these modules, whose files' paths `path` gives: a class
    /// several files declare is, where it is named, the one nearest the file that
    /// names it (in the same Gradle module, not a sibling one).
    pub fn with_paths<'p>(
        modules: Vec<Arc<Module>>,
        path: impl Fn(crate::ir::FileId) -> Option<&'p str>,
    ) -> Program {
        let paths = modules
            .iter()
            .map(|m| {
                path(m.file)
                    .map(|p| p.split('/').map(Arc::from).collect())
                    .unwrap_or_default()
            })
            .collect();
        let mut p = Program {
            entities: std::sync::OnceLock::new(),
            assigned: std::sync::OnceLock::new(),
            encrypted_daos: std::sync::OnceLock::new(),
            planted: std::sync::OnceLock::new(),
            same_name: HashMap::default(),
            paths,
            modules,
            by_simple: HashMap::default(),
            by_qualified: HashMap::default(),
            subclasses: HashMap::default(),
            supers: HashMap::default(),
            allocations: HashMap::default(),
            created_outside: HashSet::default(),
            instantiable: HashSet::default(),
            named_classes: HashSet::default(),
            packages: Vec::new(),
            imports: Vec::new(),
            top_level: HashMap::default(),
            facades: Vec::new(),
            super_closure: HashMap::default(),
            sub_closure: HashMap::default(),
            methods_by_name: HashMap::default(),
            field_names: HashSet::default(),
        };
        p.imports = p
            .modules
            .iter()
            .map(|m| {
                m.imports
                    .iter()
                    .filter(|i| !i.wildcard && !i.is_static)
                    .filter_map(|i| {
                        let simple = i.path.rsplit('.').next()?;
                        Some((simple.to_string(), i.path.clone()))
                    })
                    .collect()
            })
            .collect();
        for (m, module) in p.modules.iter().enumerate() {
            for (c, class) in module.classes.iter().enumerate() {
                let id = ClassId {
                    module: m as u32,
                    class: c as ClassIdx,
                };
                // Stubs of platform classes shipped in a project (`android/location/
                // LocationManager.java`) are not the app's code: the platform's
                // models apply to them.
                let platform = PLATFORM_PACKAGES
                    .iter()
                    .any(|p| class.qualified.starts_with(p));
                if !class.is_anonymous && !platform {
                    p.by_simple.entry(class.name.clone()).or_default().push(id);
                    if let Some(first) = p.by_qualified.insert(class.qualified.clone(), id) {
                        p.same_name
                            .entry(class.qualified.clone())
                            .or_insert_with(|| vec![first])
                            .push(id);
                    }
                }
            }
        }
        let mut edges = Vec::new();
        for (id, class) in p.all_classes() {
            for st in &class.supertypes {
                if let Some(sup) = p.resolve_class(id.module, st) {
                    edges.push((id, sup));
                }
            }
        }
        for (sub, sup) in edges {
            p.subclasses.entry(sup).or_default().push(sub);
            p.supers.entry(sub).or_default().push(sup);
        }
        p.super_closure = p
            .supers
            .keys()
            .map(|&c| (c, transitive(&p.supers, c)))
            .collect();
        p.sub_closure = p
            .subclasses
            .keys()
            .map(|&c| (c, transitive(&p.subclasses, c)))
            .collect();
        for (m, module) in p.modules.iter().enumerate() {
            for (c, class) in module.classes.iter().enumerate() {
                let id = ClassId {
                    module: m as u32,
                    class: c as ClassIdx,
                };
                let mut by_name: HashMap<String, Vec<FnId>> = HashMap::default();
                for &f in &class.methods {
                    let name = module.functions[f as usize].name.clone();
                    by_name.entry(name).or_default().push(FnId {
                        module: m as u32,
                        func: f,
                    });
                }
                p.methods_by_name.insert(id, by_name);
            }
        }
        let mut allocations: HashMap<ClassId, u32> = HashMap::default();
        let mut named: HashSet<ClassId> = HashSet::default();
        let mut outside: HashSet<ClassId> = HashSet::default();
        for m in 0..p.modules.len() {
            let (a, n, o) = p.creations(m as u32, &p.modules[m]);
            for (c, count) in a {
                *allocations.entry(c).or_default() += count;
            }
            named.extend(n);
            outside.extend(o);
        }
        p.allocations = allocations;
        p.created_outside = outside;
        p.named_classes = named;
        p.field_names = p
            .modules
            .iter()
            .flat_map(|m| &m.classes)
            .flat_map(|c| &c.fields)
            .map(|f| f.name.clone())
            .collect();
        for f in p.all_functions().collect::<Vec<_>>() {
            let func = p.function(f);
            if func.kind == FunctionKind::TopLevel {
                p.top_level.entry(func.name.clone()).or_default().push(f);
            }
        }
        p.facades = p
            .modules
            .iter()
            .map(|m| {
                m.classes
                    .iter()
                    .position(|c| c.kind == ClassKind::Module)
                    .map(|i| i as ClassIdx)
            })
            .collect();
        let mut packages: Vec<String> = p
            .modules
            .iter()
            .filter_map(|m| m.package.as_ref().map(|p| format!("{p}.")))
            .collect();
        packages.sort();
        packages.dedup();
        p.packages = packages;
        p.instantiable = p.instantiable_classes();
        p
    }

    /// The classes the bodies of `module` (at index `m`) create, with how many
    /// places do, those they name by a class literal or a qualified name (see
    /// `instantiable`), and those created outside their own class, in a stable order.
    fn creations(&self, m: u32, module: &Module) -> Creations {
        let mut allocations: std::collections::BTreeMap<ClassId, u32> = Default::default();
        let mut named = std::collections::BTreeSet::new();
        let mut outside = std::collections::BTreeSet::new();
        for func in &module.functions {
            walk_exprs(&func.body, &mut |e| match &e.kind {
                ExprKind::New { ty, body: None, .. } => {
                    if let Some(c) = self.resolve_class(m, ty) {
                        *allocations.entry(c).or_default() += 1;
                        if c.module != m || func.class != Some(c.class) {
                            outside.insert(c);
                        }
                    }
                }
                // A class handed to reflection or an injector by its class literal
                // or its qualified name may be instantiated there.
                ExprKind::Literal(Literal::Class(ty)) => {
                    named.extend(self.resolve_class(m, ty));
                }
                ExprKind::Literal(Literal::Str(s)) if s.contains('.') => {
                    named.extend(self.by_qualified.get(s.as_str()).copied());
                }
                _ => {}
            });
        }
        (
            allocations.into_iter().collect(),
            named.into_iter().collect(),
            outside.into_iter().collect(),
        )
    }

    /// Whether `new` may take the place of module `m` with every index of the
    /// program as it is: the same declarations (classes, their fields with their
    /// initialisers, functions with their signatures, imports), in the same order,
    /// and bodies that create and name the same classes. Positions do not count.
    /// What differs is then in function bodies only.
    pub fn same_shape(&self, m: u32, new: &Module) -> bool {
        let Some(old) = self.modules.get(m as usize) else {
            return false;
        };
        let same = matches!((shape(old), shape(new)), (Some(a), Some(b)) if a == b);
        old.file == new.file && same && self.creations(m, old) == self.creations(m, new)
    }

    /// Puts edited modules in place of the old ones, each of the same shape (see
    /// [`Program::same_shape`]), keeping every index.
    pub fn replace_modules(&mut self, modules: Vec<Arc<Module>>) {
        debug_assert_eq!(modules.len(), self.modules.len());
        self.modules = modules;
    }

    fn instantiable_classes(&self) -> HashSet<ClassId> {
        let mut out = HashSet::default();
        for (c, class) in self.all_classes() {
            let constructed_elsewhere =
                self.made_outside_news(c, class) || !self.external_supertypes(c).is_empty();
            if constructed_elsewhere || self.allocations.contains_key(&c) {
                out.insert(c);
                out.extend(self.supers_of(c).iter().copied());
            }
        }
        out
    }

    /// Whether instances of `class` (`c`) come into being other than by a `new` the
    /// app writes: it is written where it is created (anonymous or local), a
    /// singleton or an enum, annotated for an injector, or named by a class literal
    /// or qualified name (reflection).
    fn made_outside_news(&self, c: ClassId, class: &Class) -> bool {
        let module = self.module(c.module);
        class.is_anonymous
            || class.enclosing_function.is_some()
            || matches!(class.kind, ClassKind::Object | ClassKind::Enum)
            || !class.annotations.is_empty()
            || class.methods.iter().any(|&f| {
                let func = &module.functions[f as usize];
                func.kind == FunctionKind::Constructor && !func.annotations.is_empty()
            })
            || self.named_classes.contains(&c)
    }

    /// Whether the app itself may make instances of `c` or of a subclass (by `new`,
    /// or as [`Program::made_outside_news`] says), leaving aside what the framework
    /// creates.
    pub fn made_by_app(&self, c: ClassId) -> bool {
        std::iter::once(&c)
            .chain(self.all_subclasses(c))
            .any(|&s| self.allocations.contains_key(&s) || self.made_outside_news(s, self.class(s)))
    }

    /// Whether the project declares code in a package starting with `prefix`
    /// (`com.google.android.gms.`).
    pub fn has_package_under(&self, prefix: &str) -> bool {
        self.packages.iter().any(|p| p.starts_with(prefix))
    }

    /// Whether a package or qualified class name lies in (or above) one of the
    /// packages the project declares code in.
    pub fn is_own_package_or_class(&self, name: &str) -> bool {
        let dotted = format!("{name}.");
        self.packages
            .iter()
            .any(|p| p.starts_with(&dotted) || dotted.starts_with(p.as_str()))
    }

    /// Whether the app creates instances of `c` (or of a subclass) itself.
    pub fn is_allocated(&self, c: ClassId) -> bool {
        self.allocations.contains_key(&c)
            || self
                .all_subclasses(c)
                .iter()
                .any(|s| self.allocations.contains_key(s))
    }

    /// A class that keeps its one instance in a static field of its own type and
    /// is not made from outside (`private static Session instance` with private
    /// constructors, or with none and a `new Session()` in its own methods only; or
    /// the field in its companion object): every way to an object of it leads to
    /// the same object.
    pub fn is_singleton(&self, c: ClassId) -> bool {
        let class = self.class(c);
        let module = self.module(c.module);
        let own = |f: &Field| {
            f.ty.as_deref()
                .is_some_and(|t| t.trim_end_matches('?') == class.name || t == class.qualified)
        };
        let holds_itself = class.fields.iter().any(|f| f.is_static && own(f))
            || module.classes.iter().any(|k| {
                k.outer == Some(c.class) && k.kind == ClassKind::Object && k.fields.iter().any(own)
            });
        let mut constructors = class
            .methods
            .iter()
            .map(|&m| &module.functions[m as usize])
            .filter(|f| f.kind == FunctionKind::Constructor)
            .peekable();
        holds_itself
            && match constructors.peek() {
                Some(_) => constructors.all(|f| f.is_private),
                None => !self.created_outside.contains(&c) && !self.made_outside_news(c, class),
            }
    }

    pub fn module(&self, m: u32) -> &Module {
        &self.modules[m as usize]
    }

    pub fn function(&self, f: FnId) -> &Function {
        &self.modules[f.module as usize].functions[f.func as usize]
    }

    /// The function a lambda, or a method of an anonymous or local class, is written
    /// in (it runs only when that function does, and sees its locals).
    pub fn enclosing_function(&self, f: FnId) -> Option<FnId> {
        let func = self.function(f);
        let enclosing = match func.kind {
            FunctionKind::Lambda => func.parent,
            _ => func.class.and_then(|c| {
                self.modules[f.module as usize].classes[c as usize].enclosing_function
            }),
        }?;
        Some(FnId {
            module: f.module,
            func: enclosing,
        })
    }

    pub fn class(&self, c: ClassId) -> &Class {
        &self.modules[c.module as usize].classes[c.class as usize]
    }

    pub fn class_of(&self, f: FnId) -> Option<ClassId> {
        self.function(f).class.map(|class| ClassId {
            module: f.module,
            class,
        })
    }

    /// `com.example.MainActivity.onCreate`, for fingerprints and messages; lambdas
    /// are named after the function they are written in (`..onCreate$lambda`);
    /// top-level functions after their package.
    pub fn qualified_name(&self, f: FnId) -> String {
        let module = self.module(f.module);
        let mut func = self.function(f);
        let mut suffix = String::new();
        while let (FunctionKind::Lambda, Some(p)) = (func.kind, func.parent) {
            suffix.push_str("$lambda");
            func = &module.functions[p as usize];
        }
        let class = func
            .class
            .map(|c| module.classes[c as usize].qualified.clone())
            .unwrap_or_default();
        format!("{class}.{}{suffix}", func.name)
    }

    /// Every class of the program, with its id.
    pub fn all_classes(&self) -> impl Iterator<Item = (ClassId, &Class)> + '_ {
        self.modules.iter().enumerate().flat_map(|(m, module)| {
            module.classes.iter().enumerate().map(move |(c, class)| {
                let id = ClassId {
                    module: m as u32,
                    class: c as ClassIdx,
                };
                (id, class)
            })
        })
    }

    pub fn all_functions(&self) -> impl Iterator<Item = FnId> + '_ {
        self.modules.iter().enumerate().flat_map(|(m, module)| {
            (0..module.functions.len()).map(move |f| FnId {
                module: m as u32,
                func: f as FuncIdx,
            })
        })
    }

    /// Resolves a type name as written in module `m` to a project class.
    pub fn resolve_class(&self, m: u32, name: &str) -> Option<ClassId> {
        if let Some(id) = self.qualified_from(m, name) {
            return Some(id);
        }
        let module = self.module(m);
        let (first, rest) = match name.split_once('.') {
            Some((f, r)) => (f, Some(r)),
            None => (name, None),
        };
        let candidates = self.by_simple.get(first)?;
        // Java's scoping: an explicit import names the class; otherwise a nested class
        // is visible in its own file, a top-level one in its package and where its
        // package is imported with `*`. Anything else (`java.lang.String`, a class of
        // another package not imported) is not a project class.
        let imported = self.imports[m as usize].get(first);
        let here = module.package.as_deref().unwrap_or("");
        let visible = |id: &ClassId| -> bool {
            let class = self.class(*id);
            if let Some(path) = imported {
                return class.qualified == *path;
            }
            if class.outer.is_some() {
                return id.module == m;
            }
            let pkg = self.module(id.module).package.as_deref().unwrap_or("");
            pkg == here
                || module
                    .imports
                    .iter()
                    .any(|i| i.wildcard && !i.is_static && i.path == pkg)
        };
        let base = candidates
            .iter()
            .copied()
            .filter(visible)
            .max_by_key(|id| (id.module == m, self.shared_path(m, id.module)))?;
        match rest {
            None => Some(base),
            Some(rest) => {
                let q = format!("{}.{rest}", self.class(base).qualified);
                self.qualified_from(m, &q)
            }
        }
    }

    /// The class of a qualified name, seen from module `m`: of several files that
    /// declare it, the one whose path shares the most with `m`'s.
    fn qualified_from(&self, m: u32, name: &str) -> Option<ClassId> {
        let &id = self.by_qualified.get(name)?;
        match self.same_name.get(name) {
            Some(all) => all
                .iter()
                .copied()
                .max_by_key(|c| (c.module == m, self.shared_path(m, c.module))),
            None => Some(id),
        }
    }

    /// The Room entities (`@Entity` classes) stored in a table: by the table name
    /// the annotation gives (`tableName = "members"`), or else by the class's name.
    /// SQL's names are not case-sensitive.
    pub fn entities_of_table(&self, table: &str) -> &[ClassId] {
        let map = self.entities.get_or_init(|| {
            let mut map: HashMap<String, Vec<ClassId>> = HashMap::default();
            for (id, class) in self.all_classes() {
                let Some(a) = self.entity(id) else {
                    continue;
                };
                let names = match a.values.is_empty() {
                    true => vec![class.name.to_ascii_lowercase()],
                    false => a.values.iter().map(|v| v.to_ascii_lowercase()).collect(),
                };
                for name in names {
                    map.entry(name).or_default().push(id);
                }
            }
            map
        });
        map.get(&table.to_ascii_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// A class's Room `@Entity` annotation, if it is one.
    pub fn entity(&self, c: ClassId) -> Option<&Annotation> {
        self.annotation(c, "Entity")
    }

    /// A class's annotation of this name, if it has one.
    fn annotation(&self, c: ClassId, name: &str) -> Option<&Annotation> {
        self.class(c).annotations.iter().find(|a| a.name == name)
    }

    /// Whether some code of the program assigns a variable, field or property of
    /// this name (`BASE_URL = ..`, `Api.BASE_URL = ..`), besides its declaration.
    pub fn assigns_name(&self, name: &str) -> bool {
        self.assigned
            .get_or_init(|| {
                // (A declaration's initialiser is lowered as an assignment at the
                // declared name, which is no other assignment.)
                let declared: HashSet<Span> = self
                    .all_classes()
                    .flat_map(|(_, c)| c.fields.iter().map(|f| f.name_span))
                    .collect();
                let mut names = HashSet::default();
                for f in self.all_functions() {
                    crate::ir::walk_exprs(&self.function(f).body, &mut |e| {
                        if let ExprKind::Assign { target, .. } = &e.kind {
                            if let Some(n) = target.last_name() {
                                if !declared.contains(&target.span) {
                                    names.insert(n.to_string());
                                }
                            }
                        }
                    });
                }
                names
            })
            .contains(name)
    }

    /// Whether the rows a Room DAO writes are encrypted: it is handed out by a
    /// `@Database` class some code builds with an open-helper factory that
    /// encrypts, one of `factories` by simple name
    /// (`Room.databaseBuilder(ctx, AppDb::class.java, "app.db")
    /// .openHelperFactory(SupportOpenHelperFactory(passphrase))`). A function that
    /// makes such a factory and hands one to the builder counts, whatever condition
    /// chooses it; a builder whose database class is not named here encrypts every
    /// database's.
    pub fn encrypted_dao(&self, dao: ClassId, factories: &[String]) -> bool {
        self.encrypted_daos
            .get_or_init(|| self.find_encrypted_daos(factories))
            .contains(&dao)
    }

    fn find_encrypted_daos(&self, factories: &[String]) -> HashSet<ClassId> {
        let is_database = |c: ClassId| self.annotation(c, "Database").is_some();
        let mut databases: HashSet<ClassId> = HashSet::default();
        let mut every = false;
        for f in self.all_functions() {
            let body = &self.function(f).body;
            let (mut configures, mut makes) = (false, false);
            let mut named: Vec<&str> = Vec::new();
            crate::ir::walk_exprs(body, &mut |e| {
                if let Some(t) = e.created_type() {
                    let simple = t.rsplit('.').next().unwrap_or(&t);
                    makes |= factories.iter().any(|x| x == simple);
                }
                match &e.kind {
                    ExprKind::Call(c) if c.name == "openHelperFactory" => configures = true,
                    ExprKind::Call(c)
                        if matches!(
                            c.name.as_str(),
                            "databaseBuilder" | "inMemoryDatabaseBuilder"
                        ) =>
                    {
                        for a in &c.args {
                            if let ExprKind::Literal(Literal::Class(t)) = &a.kind {
                                named.push(t);
                            }
                        }
                    }
                    _ => {}
                }
            });
            if !(configures && makes) {
                continue;
            }
            let resolved: Vec<ClassId> = named
                .iter()
                .filter_map(|t| self.resolve_class(f.module, t))
                .filter(|&c| is_database(c))
                .collect();
            every |= resolved.is_empty();
            databases.extend(resolved);
        }
        let mut daos = HashSet::default();
        for (id, class) in self.all_classes() {
            if !(every && is_database(id) || databases.contains(&id)) {
                continue;
            }
            for &m in &class.methods {
                let method = FnId {
                    module: id.module,
                    func: m,
                };
                let returned = self.function(method).return_type.as_deref();
                if let Some(dao) = returned.and_then(|t| self.resolve_class(id.module, t)) {
                    daos.insert(dao);
                }
            }
        }
        daos
    }

    /// The app's classes some code plants into a library with planter `i` of
    /// `planters` (`Timber.plant(CrashTree())`: a new object of one of them).
    pub fn planted(
        &self,
        i: usize,
        planters: &[PlanterSpec],
    ) -> impl Iterator<Item = ClassId> + '_ {
        let all = self.planted.get_or_init(|| {
            let simple: Vec<&str> = planters
                .iter()
                .map(|p| p.class.rsplit('.').next().unwrap_or(&p.class))
                .collect();
            let mut out: Vec<(usize, ClassId)> = Vec::new();
            for f in self.all_functions() {
                crate::ir::walk_exprs(&self.function(f).body, &mut |e| {
                    let ExprKind::Call(c) = &e.kind else { return };
                    for (i, p) in planters.iter().enumerate() {
                        let on_planter = c.name == p.method
                            && c.receiver.as_deref().is_some_and(|r| match &r.kind {
                                ExprKind::Name(n) => n == simple[i] || *n == p.class,
                                _ => false,
                            });
                        if !on_planter {
                            continue;
                        }
                        for a in &c.args {
                            let made = a.created_type();
                            if let Some(class) = made.and_then(|t| self.resolve_class(f.module, &t))
                            {
                                if !out.contains(&(i, class)) {
                                    out.push((i, class));
                                }
                            }
                        }
                    }
                });
            }
            out
        });
        all.iter().filter(move |(p, _)| *p == i).map(|&(_, c)| c)
    }

    /// How many leading directories the files of two modules share.
    fn shared_path(&self, a: u32, b: u32) -> usize {
        match (self.paths.get(a as usize), self.paths.get(b as usize)) {
            (Some(a), Some(b)) => a.iter().zip(b).take_while(|(x, y)| x == y).count(),
            _ => 0,
        }
    }

    /// The fully qualified name of an external (non-project) type as written in
    /// module `m`, using its imports; the name as written when unknown.
    pub fn qualify_external(&self, m: u32, name: &str) -> String {
        let first = name.split('.').next().unwrap_or(name);
        match self.imports[m as usize].get(first) {
            Some(path) => match name.split_once('.') {
                Some((_, rest)) => format!("{path}.{rest}"),
                None => path.clone(),
            },
            None => name.to_string(),
        }
    }

    /// All supertypes of a class within the project, nearest first.
    pub fn superclasses(&self, c: ClassId) -> Vec<ClassId> {
        self.supers_of(c).to_vec()
    }

    fn supers_of(&self, c: ClassId) -> &[ClassId] {
        self.super_closure.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Whether `sub` extends or implements `sup`, directly or not (not itself).
    pub fn is_subclass_of(&self, sub: ClassId, sup: ClassId) -> bool {
        self.supers_of(sub).contains(&sup)
    }

    pub fn all_subclasses(&self, c: ClassId) -> &[ClassId] {
        self.sub_closure.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Whether a class or one of its superclasses extends a class the app does not
    /// declare ([`Self::external_supertypes`] is not empty).
    pub fn extends_library(&self, c: ClassId) -> bool {
        self.library_supertypes(c).next().is_some()
    }

    /// Supertype names as written, including those outside the project, over the
    /// project hierarchy (for matching framework callbacks and receivers).
    pub fn external_supertypes(&self, c: ClassId) -> Vec<String> {
        self.library_supertypes(c)
            .map(|(x, st)| self.qualify_external(x.module, st))
            .collect()
    }

    /// The supertypes, as written, that a class and its project superclasses name
    /// but the app does not declare, each with the class naming it.
    fn library_supertypes(&self, c: ClassId) -> impl Iterator<Item = (ClassId, &str)> + '_ {
        std::iter::once(c)
            .chain(self.supers_of(c).iter().copied())
            .flat_map(move |x| {
                self.class(x)
                    .supertypes
                    .iter()
                    .filter(move |st| self.resolve_class(x.module, st).is_none())
                    .map(move |st| (x, st.as_str()))
            })
    }

    fn methods_named(&self, c: ClassId, name: &str, arity: usize) -> Vec<FnId> {
        self.methods_by_name
            .get(&c)
            .and_then(|m| m.get(name))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| arity_matches(self.function(f), arity))
            .collect()
    }

    /// Methods a call `name(args)` on a receiver of class `c` may run: the nearest
    /// definition up the hierarchy, plus overrides in subclasses (dynamic dispatch).
    /// The method a call bound statically runs (`super.onCreate(..)`): the nearest
    /// definition at `c` or up its hierarchy, never an override below it.
    pub fn nearest(&self, c: ClassId, name: &str, arity: usize) -> Vec<FnId> {
        std::iter::once(c)
            .chain(self.supers_of(c).iter().copied())
            .map(|x| self.methods_named(x, name, arity))
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    pub fn dispatch(&self, c: ClassId, name: &str, arity: usize) -> Vec<FnId> {
        let mut out = Vec::new();
        for x in std::iter::once(c).chain(self.supers_of(c).iter().copied()) {
            let found = self.methods_named(x, name, arity);
            if !found.is_empty() {
                out.extend(found);
                break;
            }
        }
        // Overrides in subclasses of which no instance can exist never run, unless
        // nothing else would (an interface whose implementations are all made in
        // ways not seen here).
        let subs = self.all_subclasses(c);
        let live: Vec<ClassId> = subs
            .iter()
            .copied()
            .filter(|s| self.instantiable.contains(s))
            .collect();
        let abstract_only = out.iter().all(|&f| !self.function(f).has_body);
        let subs = if live.is_empty() && abstract_only {
            subs
        } else {
            &live[..]
        };
        for &sub in subs {
            out.extend(self.methods_named(sub, name, arity));
        }
        out
    }

    /// `c`, then the classes it is written in, innermost first (inner, anonymous and
    /// local classes).
    pub fn enclosing(&self, c: ClassId) -> impl Iterator<Item = ClassId> + '_ {
        std::iter::successors(Some(c), |x| {
            self.class(*x).outer.map(|class| ClassId {
                module: x.module,
                class,
            })
        })
    }

    /// Methods an unqualified call `name(args)` inside class `c` may run: its own
    /// hierarchy first, then enclosing classes (inner and anonymous classes).
    pub fn dispatch_implicit(&self, c: ClassId, name: &str, arity: usize) -> Vec<FnId> {
        self.enclosing(c)
            .map(|x| self.dispatch(x, name, arity))
            .find(|found| !found.is_empty())
            .unwrap_or_else(|| self.top_level_functions(c.module, name, arity))
    }

    /// Top-level functions an unqualified call `name(args)` in module `m` may run:
    /// those of its package, and those it imports by name or by package.
    pub fn top_level_functions(&self, m: u32, name: &str, arity: usize) -> Vec<FnId> {
        let Some(candidates) = self.top_level.get(name) else {
            return Vec::new();
        };
        let module = self.module(m);
        let here = module.package.as_deref().unwrap_or("");
        candidates
            .iter()
            .copied()
            .filter(|&f| arity_matches(self.function(f), arity))
            .filter(|&f| {
                let pkg = self.module(f.module).package.as_deref().unwrap_or("");
                pkg == here
                    || module.imports.iter().any(|i| {
                        (i.wildcard && i.path == pkg)
                            || (!i.wildcard
                                && i.path.strip_suffix(name).and_then(|p| p.strip_suffix('.'))
                                    == Some(pkg))
                    })
            })
            .collect()
    }

    /// Extension functions `fun T.name(..)` a call `x.name(args)` may run.
    pub fn extension_functions(&self, m: u32, name: &str, arity: usize) -> Vec<FnId> {
        self.top_level_functions(m, name, arity + 1)
            .into_iter()
            .filter(|&f| self.function(f).implicit_receiver)
            .collect()
    }

    /// Constructors of a class for `new C(args)`.
    pub fn constructors(&self, c: ClassId, arity: usize) -> Vec<FnId> {
        self.methods_named(c, "<constructor>", arity)
    }

    /// The functions that initialise instances of a class (field initialisers).
    pub fn initializer(&self, c: ClassId, name: &str) -> Option<FnId> {
        self.class(c)
            .methods
            .iter()
            .map(|&f| FnId {
                module: c.module,
                func: f,
            })
            .find(|&f| self.function(f).name == name)
    }

    /// A field declared in `c` or its project superclasses.
    /// Whether some class of the program declares a field of this name.
    pub fn declares_field(&self, name: &str) -> bool {
        self.field_names.contains(name)
    }

    pub fn field(&self, c: ClassId, name: &str) -> Option<(ClassId, &Field)> {
        std::iter::once(c)
            .chain(self.supers_of(c).iter().copied())
            .find_map(|x| {
                self.class(x)
                    .fields
                    .iter()
                    .find(|f| f.name == name)
                    .map(|f| (x, f))
            })
    }

    /// The class whose field an unqualified name refers to from inside class `c`
    /// (own hierarchy, then enclosing classes, then the file's top-level properties).
    pub fn field_in_scope(&self, c: ClassId, name: &str) -> Option<(ClassId, &Field)> {
        if let Some(found) = self.enclosing(c).find_map(|x| self.field(x, name)) {
            return Some(found);
        }
        let facade = ClassId {
            module: c.module,
            class: self.facades.get(c.module as usize).copied().flatten()?,
        };
        self.field(facade, name)
    }
}

/// Everything reachable from `c` over `edges`, nearest first, `c` excluded.
fn transitive(edges: &HashMap<ClassId, Vec<ClassId>>, c: ClassId) -> Vec<ClassId> {
    let mut out = Vec::new();
    let mut stack = vec![c];
    while let Some(x) = stack.pop() {
        for &s in edges.get(&x).into_iter().flatten() {
            if !out.contains(&s) && s != c {
                out.push(s);
                stack.push(s);
            }
        }
    }
    out
}

fn arity_matches(f: &Function, arity: usize) -> bool {
    let n = f.params.len();
    if n == arity || (arity < n && arity >= n - (f.defaults as usize).min(n)) {
        return true;
    }
    // varargs: a trailing array/`...` parameter takes any number
    n > 0
        && arity >= n - 1
        && f.params
            .last()
            .is_some_and(|p| p.ty.as_deref().is_some_and(|t| t.ends_with("...")))
}

/// A module's declarations without positions or function bodies, to compare.
fn shape(module: &Module) -> Option<serde_json::Value> {
    let mut v = serde_json::to_value(module).ok()?;
    if let Some(functions) = v.get_mut("functions").and_then(|f| f.as_array_mut()) {
        for f in functions {
            if let Some(body) = f.get_mut("body") {
                *body = serde_json::Value::Null;
            }
        }
    }
    strip_spans(&mut v);
    Some(v)
}

/// Replaces every span (an object with `start_byte`) by null.
fn strip_spans(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.contains_key("start_byte") {
                *v = serde_json::Value::Null;
                return;
            }
            for x in map.values_mut() {
                strip_spans(x);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}
