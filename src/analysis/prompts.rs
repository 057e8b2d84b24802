//! Where the user was asked: which categories a permission check, a permission
//! result callback or a consent check covers at each call in the program.
//!
//! A collection is *prompted* (shared/RULES.md) when it is control-dependent on such a
//! check (an enclosing `if`, or an earlier early-return guard), runs inside a result
//! callback, or every known caller of its function reaches it only through a prompt.
//! This module computes, for every call site, the [`Grant`] in force there: from the
//! conditions around it in its function, and from the function's entry grant — the
//! intersection over its callers, to a fixpoint — or, for a lambda or an anonymous
//! class, from where it was written.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::memo::{PerModule, Results};
use crate::analysis::program::{ClassId, FnId, Program};
use crate::analysis::Analysis;
use crate::ir::*;
use crate::knowledge::Knowledge;

/// The categories the user was asked about: all of them (consent), or those a
/// permission guards; and the SDKs told the user's consent answer through their own
/// switch (by package prefix), which may start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Grant {
    pub all: bool,
    pub categories: BTreeSet<String>,
    pub sdks_told: BTreeSet<String>,
}

impl Grant {
    fn all() -> Grant {
        Grant {
            all: true,
            ..Grant::default()
        }
    }

    fn of_categories(categories: BTreeSet<String>) -> Grant {
        Grant {
            categories,
            ..Grant::default()
        }
    }

    fn union(&self, other: &Grant) -> Grant {
        Grant {
            all: self.all || other.all,
            categories: self.categories.union(&other.categories).cloned().collect(),
            sdks_told: self.sdks_told.union(&other.sdks_told).cloned().collect(),
        }
    }

    fn intersect(&self, other: &Grant) -> Grant {
        match (self.all, other.all) {
            (true, _) => other.clone(),
            (_, true) => self.clone(),
            _ => Grant {
                all: false,
                categories: self
                    .categories
                    .intersection(&other.categories)
                    .cloned()
                    .collect(),
                sdks_told: self
                    .sdks_told
                    .intersection(&other.sdks_told)
                    .cloned()
                    .collect(),
            },
        }
    }

    pub fn covers(&self, category: &str) -> bool {
        self.all || self.categories.contains(category)
    }

    /// Whether starting the SDK of `class` waits for consent here: consent was asked,
    /// or the SDK was told the user's answer (a vendor consent switch).
    pub fn covers_sdk(&self, class: &str) -> bool {
        self.all
            || self
                .sdks_told
                .iter()
                .any(|prefix| class.starts_with(prefix.as_str()))
    }

    fn is_empty(&self) -> bool {
        !self.all && self.categories.is_empty() && self.sdks_told.is_empty()
    }
}

/// The grant in force at every call of the program.
pub struct Prompts {
    /// (function, the called name's span) → grant from conditions inside the function.
    local: HashMap<(FnId, Span), Grant>,
    /// What every way into a function was asked.
    entry: HashMap<FnId, Grant>,
    /// A known caller's way into a function (caller, call span).
    callers: HashMap<FnId, Vec<(FnId, Span)>>,
    /// Functions that run at startup, before any consent check.
    startup: HashSet<FnId>,
    /// Third-party SDK start calls: (function, method name span, whole call, SDK class).
    pub sdk_inits: Vec<(FnId, Span, Span, String)>,
    registrations: HashMap<String, Vec<(FnId, Span)>>,
    written_in: HashMap<FnId, (FnId, Span)>,
}

impl Prompts {
    /// `launchers`: the activities the manifest starts from the launcher (their
    /// `onCreate` is startup).
    /// `memo`: the walks of modules unchanged since the last analysis.
    pub fn compute(
        program: &Program,
        k: &Knowledge,
        analysis: &Analysis,
        launchers: &[ClassId],
        role_gated: &[(ClassId, &[String])],
        memo: &mut PerModule<ModuleWalk>,
    ) -> Prompts {
        let permissions = permission_categories(k);
        let walked = walk_modules(program, k, memo);
        let mut local: HashMap<(FnId, Span), Grant> = HashMap::default();
        let mut written_in: HashMap<FnId, (FnId, Span)> = HashMap::default();
        let mut sdk_inits = Vec::new();
        let mut registrations: HashMap<String, Vec<(FnId, Span)>> = HashMap::default();
        // Each module's results name its own functions only: nothing overlaps.
        for found in walked {
            local.extend(found.local.iter().map(|(k, g)| (*k, g.clone())));
            written_in.extend(found.written_in.iter().map(|(k, v)| (*k, *v)));
            sdk_inits.extend(found.sdk_inits.iter().cloned());
            for (name, sites) in &found.registrations {
                registrations
                    .entry(name.clone())
                    .or_default()
                    .extend(sites.iter().copied());
            }
        }
        let edges = call_edges(program, k, analysis, launchers);
        let mut callers: HashMap<FnId, Vec<(FnId, Span)>> = HashMap::default();
        for &(caller, span, callee) in &edges {
            callers.entry(callee).or_default().push((caller, span));
        }
        // Greatest fixpoint: start from "asked for everything" for functions with
        // callers, and narrow to what every caller asked.
        let mut entry: HashMap<FnId, Grant> = HashMap::default();
        let functions: Vec<FnId> = program.all_functions().collect();
        let mut own: HashMap<FnId, Grant> = functions
            .iter()
            .map(|&f| (f, own_grant(program, k, &permissions, f)))
            .collect();
        // What the system delivers only to a role the user granted (the default SMS
        // app's SMS_DELIVER receiver) comes with that role's permissions.
        for &(c, granted) in role_gated {
            let grant = granted.iter().fold(Grant::default(), |g, p| {
                g.union(&permission_grant(&permissions, p))
            });
            for &func in &program.class(c).methods {
                let f = FnId {
                    module: c.module,
                    func,
                };
                let g = own.entry(f).or_default();
                *g = g.union(&grant);
            }
        }
        for &f in &functions {
            let start = if callers.contains_key(&f) || written_in.contains_key(&f) {
                Grant::all()
            } else {
                own.get(&f).cloned().unwrap_or_default()
            };
            entry.insert(f, start);
        }
        // Worklist: a function's entry changes only when a caller's (or the function
        // it is written in) does.
        let mut dependents: HashMap<FnId, Vec<FnId>> = HashMap::default();
        for &(caller, _, callee) in &edges {
            dependents.entry(caller).or_default().push(callee);
        }
        for (&f, &(parent, _)) in &written_in {
            dependents.entry(parent).or_default().push(f);
        }
        let mut queue: std::collections::VecDeque<FnId> = functions.iter().copied().collect();
        let mut queued: HashSet<FnId> = functions.iter().copied().collect();
        // Each entry only narrows, so this ends; the bound is a guard.
        let mut budget = functions.len().saturating_mul(50);
        while let Some(f) = queue.pop_front() {
            queued.remove(&f);
            if budget == 0 {
                break;
            }
            budget -= 1;
            let base = own.get(&f).cloned().unwrap_or_default();
            let from_written = written_in.get(&f).map(|(parent, span)| {
                let at = local.get(&(*parent, *span)).cloned().unwrap_or_default();
                at.union(entry.get(parent).unwrap_or(&Grant::default()))
            });
            let from_callers = callers.get(&f).map(|sites| {
                let mut acc: Option<Grant> = None;
                for (caller, span) in sites {
                    let at = local.get(&(*caller, *span)).cloned().unwrap_or_default();
                    let g = at.union(entry.get(caller).unwrap_or(&Grant::default()));
                    acc = Some(match acc {
                        Some(a) => a.intersect(&g),
                        None => g,
                    });
                }
                acc.unwrap_or_default()
            });
            // A lambda runs where it was written, or where it is called. A method of
            // an object of the app's own interface runs only where the app calls it
            // (`listener?.onRecordingStarted()` after a permission check), not where
            // the object was made.
            let own_interface = || {
                program
                    .class_of(f)
                    .is_some_and(|c| program.class(c).is_anonymous && !program.extends_library(c))
            };
            let reached = match (from_written, from_callers) {
                (Some(_), Some(c)) if own_interface() => c,
                (Some(w), Some(c)) => w.intersect(&c),
                (Some(w), None) => w,
                (None, Some(c)) => c,
                (None, None) => Grant::default(),
            };
            let new = base.union(&reached);
            if entry.get(&f) != Some(&new) {
                entry.insert(f, new);
                for &d in dependents.get(&f).into_iter().flatten() {
                    if queued.insert(d) {
                        queue.push_back(d);
                    }
                }
            }
        }
        let startup = startup_functions(program, k, analysis, &local, launchers);
        Prompts {
            local,
            entry,
            callers,
            startup,
            sdk_inits,
            registrations,
            written_in,
        }
    }

    /// The grant a framework callback's data is collected under: for a lambda or an
    /// anonymous class, where it was written (usually the registration call); for a
    /// method of a named class, every call in that class that registers such a
    /// callback (`registered_by`). `None` when no registration is known.
    pub fn callback_grant(
        &self,
        program: &Program,
        f: FnId,
        span: Span,
        registered_by: &[String],
    ) -> Option<Grant> {
        // Written right at its registration (`addListener(object : L { .. })`).
        if let Some((_, site)) = self.written_in.get(&f) {
            let at_registration = registered_by.iter().any(|name| {
                self.registrations
                    .get(name)
                    .is_some_and(|r| r.iter().any(|(_, s)| s == site))
            });
            if at_registration {
                return Some(self.at(f, span));
            }
        }
        // Otherwise registered from its class (or, for an anonymous or inner class
        // kept in a field, from the class around it).
        let mut class = program.class_of(f)?;
        if program.class(class).is_anonymous {
            if let Some(outer) = program.class(class).outer {
                class = ClassId {
                    module: class.module,
                    class: outer,
                };
            }
        }
        let mut acc: Option<Grant> = None;
        for name in registered_by {
            for &(g, site) in self.registrations.get(name).into_iter().flatten() {
                if program.class_of(g) != Some(class) {
                    continue;
                }
                let grant = self.at(g, site);
                acc = Some(match acc {
                    Some(a) => a.intersect(&grant),
                    None => grant,
                });
            }
        }
        acc
    }

    /// Whether `f` runs at startup and the call at `span` in it is not behind a
    /// consent check.
    pub fn before_consent(&self, f: FnId, span: Span) -> bool {
        self.startup.contains(&f) && !self.at(f, span).all
    }

    /// Whether `f` runs at startup and starts the SDK of `class` at `span` neither
    /// behind a consent check nor after telling the SDK the user's answer.
    pub fn sdk_before_consent(&self, f: FnId, span: Span, class: &str) -> bool {
        self.startup.contains(&f) && !self.at(f, span).covers_sdk(class)
    }

    /// The grant in force at a call (its name's span) in function `f`.
    pub fn at(&self, f: FnId, span: Span) -> Grant {
        let local = self.local.get(&(f, span)).cloned().unwrap_or_default();
        local.union(self.entry.get(&f).unwrap_or(&Grant::default()))
    }

    /// Whether a source at `span` in `f` is a call (not a callback's parameter, which
    /// is collected where the callback was registered).
    pub fn knows(&self, program: &Program, f: FnId, span: Span) -> bool {
        !program.function(f).params.iter().any(|p| p.span == span)
    }

    /// The way into `f` that asks nothing for `category`: call sites from the
    /// outermost caller inward (at most `limit` calls), for a result's code flow.
    pub fn unprompted_path(&self, f: FnId, category: &str, limit: usize) -> Vec<(FnId, Span)> {
        let mut path = Vec::new();
        let mut cur = f;
        let mut seen: HashSet<FnId> = HashSet::default();
        while path.len() < limit && seen.insert(cur) {
            match self.unprompted_caller(cur, category) {
                Some((caller, span)) => {
                    path.push((caller, span));
                    cur = caller;
                }
                None => break,
            }
        }
        path.reverse();
        path
    }

    /// A caller through which `f` is reached without asking for `category`, if any:
    /// (caller, call span), for the message.
    pub fn unprompted_caller(&self, f: FnId, category: &str) -> Option<(FnId, Span)> {
        self.callers
            .get(&f)?
            .iter()
            .copied()
            .find(|&(caller, span)| {
                let g = self.at(caller, span);
                !g.covers(category)
            })
    }
}

/// The calls a grant flows along: the app's calls of its own functions, and the start
/// of one of its components by an explicit Intent (`startService(new Intent(this,
/// Tracker.class))`), which the framework follows with the component's callbacks
/// (`onCreate`, `onStartCommand`, `onClick` handlers; a worker's `doWork` once its
/// request is enqueued): what was asked before the start
/// holds in them. Not its callbacks that answer what it asks itself (the result of
/// an activity it starts: `onActivityResult`). Not for launcher activities, which the system also starts by itself,
/// and not for callbacks the app calls itself.
fn call_edges(
    program: &Program,
    k: &Knowledge,
    analysis: &Analysis,
    launchers: &[ClassId],
) -> Vec<(FnId, Span, FnId)> {
    let mut edges = analysis.call_sites.clone();
    let called: HashSet<FnId> = analysis.call_sites.iter().map(|e| e.2).collect();
    for &(caller, span, component) in &analysis.component_starts {
        if launchers.contains(&component) {
            continue;
        }
        for &func in &program.class(component).methods {
            let f = FnId {
                module: component.module,
                func,
            };
            let name = program.function(f).name.as_str();
            let callback = name
                .strip_prefix("on")
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
                || k.prompts.started_callbacks.contains(name);
            let answer = k.prompts.answer_callbacks.contains(name);
            if callback && !answer && !called.contains(&f) {
                edges.push((caller, span, f));
            }
        }
    }
    edges
}

/// The framework's startup methods of the app's classes (`Application.onCreate`), and
/// what they call outside a consent check, transitively.
fn startup_functions(
    program: &Program,
    k: &Knowledge,
    analysis: &Analysis,
    local: &HashMap<(FnId, Span), Grant>,
    launchers: &[ClassId],
) -> HashSet<FnId> {
    let mut roots = Vec::new();
    for &c in launchers {
        for &m in &program.class(c).methods {
            let f = FnId {
                module: c.module,
                func: m,
            };
            if program.function(f).name == "onCreate" {
                roots.push(f);
            }
        }
    }
    for f in program.all_functions() {
        let func = program.function(f);
        // Static initialisers (`static { }`, Kotlin `object` and companion `init`) run
        // when the class loads, before anything can ask; a program's own `main` (Rust,
        // Kotlin) before its first user interaction.
        if func.name == "<clinit>"
            || (func.kind == FunctionKind::TopLevel
                && k.prompts.startup_functions.contains(&func.name))
        {
            roots.push(f);
            continue;
        }
        let Some(class) = program.class_of(f) else {
            continue;
        };
        let named: Vec<&str> = k
            .startup
            .iter()
            .filter(|s| s.method.iter().any(|m| m == func.name))
            .map(|s| s.class.as_str())
            .collect();
        if named.is_empty() {
            continue;
        }
        let supers = program.external_supertypes(class);
        let is_startup = named.iter().any(|c| supers.iter().any(|t| k.type_is(t, c)));
        if is_startup {
            roots.push(f);
        }
    }
    // A function named as a value (`setOnClickListener(this::onSave)`) runs when it
    // is called back, not at startup.
    let mut calls: HashMap<FnId, Vec<(Span, FnId)>> = HashMap::default();
    for &(caller, span, callee) in &analysis.call_sites {
        if !analysis.references.contains(&(caller, span, callee)) {
            calls.entry(caller).or_default().push((span, callee));
        }
    }
    let mut seen: HashSet<FnId> = HashSet::default();
    while let Some(f) = roots.pop() {
        if !seen.insert(f) {
            continue;
        }
        for &(span, callee) in calls.get(&f).into_iter().flatten() {
            let consented = local.get(&(f, span)).is_some_and(|g| g.all);
            if !consented {
                roots.push(callee);
            }
        }
    }
    seen
}

/// What a function is asked for by itself: a permission result callback, a
/// `@RequiresPermission` contract (the callers check).
fn own_grant(
    program: &Program,
    k: &Knowledge,
    permissions: &HashMap<String, Vec<String>>,
    f: FnId,
) -> Grant {
    let func = program.function(f);
    let p = &k.prompts;
    if p.permission_callbacks.contains(&func.name) {
        return Grant::all();
    }
    let mut g = Grant::default();
    for a in &func.annotations {
        if p.requires_annotations.contains(&a.name) {
            if a.values.is_empty() {
                return Grant::all();
            }
            for v in &a.values {
                g = g.union(&permission_grant(permissions, v));
            }
        }
    }
    g
}

/// Permission (last segment, `ACCESS_FINE_LOCATION`) → the categories it guards.
fn permission_categories(k: &Knowledge) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::default();
    for c in &k.categories {
        for p in &c.permissions {
            let last = p.rsplit('.').next().unwrap_or(p).to_string();
            out.entry(last).or_default().push(c.id.clone());
        }
    }
    out
}

fn permission_grant(permissions: &HashMap<String, Vec<String>>, text: &str) -> Grant {
    let last = text.rsplit('.').next().unwrap_or(text);
    Grant::of_categories(
        permissions
            .get(last)
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
    )
}

/// What walking the bodies of one module finds: grants asked for before calls,
/// where lambdas and anonymous classes are written, SDK starts and callback
/// registrations. It depends on that module only (kept per module, see
/// [`crate::analysis::memo`]).
#[derive(Default)]
pub struct ModuleWalk {
    local: HashMap<(FnId, Span), Grant>,
    /// Lambdas and anonymous-class methods → (function and call/creation span they
    /// are written at).
    written_in: HashMap<FnId, (FnId, Span)>,
    sdk_inits: Vec<(FnId, Span, Span, String)>,
    /// Calls that register a framework callback (`requestLocationUpdates`), by name.
    registrations: HashMap<String, Vec<(FnId, Span)>>,
}

/// What walking each module's bodies finds, worked out for the modules that changed
/// since `memo` last saw them.
pub(crate) fn walk_modules<'m>(
    program: &Program,
    k: &Knowledge,
    memo: &'m mut PerModule<ModuleWalk>,
) -> Results<'m, ModuleWalk> {
    let permissions = permission_categories(k);
    let callback_registrations: HashSet<String> = k
        .sources
        .iter()
        .flat_map(|s| s.registered_by.iter().cloned())
        .collect();
    let wrappers = check_wrappers(program, k, &permissions, &callback_registrations);
    // A module's walk reads the other modules' check helpers: it is worked out again
    // when they change.
    let key = {
        use std::hash::{Hash, Hasher};
        let mut sorted: Vec<(&String, &(Grant, Grant))> = wrappers.iter().collect();
        sorted.sort_by_key(|(name, _)| *name);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        sorted.hash(&mut h);
        h.finish()
    };
    memo.results_keyed(
        program,
        |_| key,
        |m| {
            let mut walk = Walk::new(program, k, &permissions, &callback_registrations, &wrappers);
            for func in 0..program.module(m).functions.len() {
                walk.f = FnId {
                    module: m,
                    func: func as FuncIdx,
                };
                walk.block(&program.function(walk.f).body, &Grant::default());
            }
            walk.out
        },
    )
}

/// The functions of the whole program that return a permission check, directly or
/// through another such function (`fun hasContacts() = hasPermission(READ_CONTACTS)`),
/// by name, with what they ask when they return true (what all of a name's ask).
fn check_wrappers(
    program: &Program,
    k: &Knowledge,
    permissions: &HashMap<String, Vec<String>>,
    callback_registrations: &HashSet<String>,
) -> HashMap<String, (Grant, Grant)> {
    let candidates: Vec<(FnId, &Expr)> = program
        .all_functions()
        .filter_map(|f| match program.function(f).body.as_slice() {
            [Stmt::Return(Some(e), _)] => Some((f, e)),
            _ => None,
        })
        .collect();
    let mut table: HashMap<String, (Grant, Grant)> = HashMap::default();
    // Three rounds: a check, a helper of a check, a helper of that.
    for _ in 0..3 {
        let mut walk = Walk::new(program, k, permissions, callback_registrations, &table);
        let mut next: HashMap<String, (Grant, Grant)> = HashMap::default();
        for &(f, e) in &candidates {
            let mut calls_check = false;
            walk_expr(e, &mut |x| {
                if let ExprKind::Call(c) = &x.kind {
                    calls_check |= k.prompts.permission_checks.contains(&c.name)
                        || walk.wrappers.contains_key(&c.name);
                }
            });
            if !calls_check {
                continue;
            }
            walk.f = f;
            // What holds when it returns true, and when it returns false
            // (`needsPermission()`: `check(..) != PERMISSION_GRANTED`).
            let (holds, fails) = walk.condition(e);
            if holds.is_empty() && fails.is_empty() {
                continue;
            }
            let name = &program.function(f).name;
            let merged = match next.remove(name) {
                Some((t, f)) => (t.intersect(&holds), f.intersect(&fails)),
                None => (holds, fails),
            };
            next.insert(name.clone(), merged);
        }
        let done = next == table;
        table = next;
        if done {
            break;
        }
    }
    table
}

struct Walk<'a> {
    program: &'a Program,
    k: &'a Knowledge,
    permissions: &'a HashMap<String, Vec<String>>,
    out: ModuleWalk,
    /// The names of calls that register a framework callback, from the knowledge base.
    callback_registrations: &'a HashSet<String>,
    f: FnId,
    /// How many check wrappers are being looked into (see [`Walk::wrapped_check`]).
    unwrapping: std::cell::Cell<u8>,
    /// The program's check helpers ([`check_wrappers`]), for those of other files.
    wrappers: &'a HashMap<String, (Grant, Grant)>,
}

impl<'a> Walk<'a> {
    /// A walk with nothing found yet, at no function in particular.
    fn new(
        program: &'a Program,
        k: &'a Knowledge,
        permissions: &'a HashMap<String, Vec<String>>,
        callback_registrations: &'a HashSet<String>,
        wrappers: &'a HashMap<String, (Grant, Grant)>,
    ) -> Walk<'a> {
        Walk {
            program,
            k,
            permissions,
            out: ModuleWalk::default(),
            callback_registrations,
            f: FnId { module: 0, func: 0 },
            unwrapping: std::cell::Cell::new(0),
            wrappers,
        }
    }

    /// Walks statements under `grant`; returns whether control always leaves
    /// (return/throw) and the grant in force after them.
    fn block(&mut self, stmts: &[Stmt], grant: &Grant) -> (bool, Grant) {
        let mut g = grant.clone();
        for s in stmts {
            let (exits, after) = self.stmt(s, &g);
            if exits {
                return (true, after);
            }
            g = after;
        }
        (false, g)
    }

    fn stmt(&mut self, s: &Stmt, g: &Grant) -> (bool, Grant) {
        match s {
            Stmt::Let { init, .. } => {
                if let Some(e) = init {
                    self.value(e, g);
                }
                (false, g.clone())
            }
            Stmt::Expr(e) => {
                self.value(e, g);
                (false, g.union(&self.gate(e)))
            }
            Stmt::Return(e, _) => {
                if let Some(e) = e {
                    self.value(e, g);
                }
                (true, g.clone())
            }
            Stmt::Throw(e) => {
                self.expr(e, g);
                (true, g.clone())
            }
            Stmt::If { cond, then, els } => {
                self.expr(cond, g);
                let (when_true, when_false) = self.condition(cond);
                let (then_exits, _) = self.block(then, &g.union(&when_true));
                let (else_exits, _) = self.block(els, &g.union(&when_false));
                // `if (!granted) return;` asks for the rest of the block.
                let after = match (then_exits, else_exits) {
                    (true, true) => return (true, g.clone()),
                    (true, false) => g.union(&when_false),
                    (false, true) => g.union(&when_true),
                    (false, false) => g.clone(),
                };
                (false, after)
            }
            Stmt::Loop {
                init,
                cond,
                body,
                update,
            } => {
                self.block(init, g);
                if let Some(c) = cond {
                    self.expr(c, g);
                }
                self.block(body, g);
                for u in update {
                    self.expr(u, g);
                }
                (false, g.clone())
            }
            Stmt::Try {
                body,
                catches,
                finally,
            } => {
                self.block(body, g);
                for (_, c) in catches {
                    self.block(c, g);
                }
                self.block(finally, g);
                (false, g.clone())
            }
            Stmt::Switch {
                scrutinee,
                arms,
                labels,
                ..
            } => {
                self.expr(scrutinee, g);
                // `when (hasPermission()) { true -> .. }`: an arm of a switch on a
                // condition runs when the condition is its label; an arm of a `when`
                // without a subject when its condition holds and no earlier one did.
                let subject = match &scrutinee.kind {
                    ExprKind::Opaque(parts) if parts.is_empty() => None,
                    ExprKind::Opaque(parts) if parts.len() == 1 => Some(&parts[0]),
                    _ => Some(scrutinee),
                };
                let on_subject = subject.map(|c| self.condition(c));
                let mut earlier_false = Grant::default();
                for (i, a) in arms.iter().enumerate() {
                    let label = labels.get(i).map(Vec::as_slice).unwrap_or_default();
                    let arm = match (&on_subject, label) {
                        (Some((t, f)), [l]) => match l.kind {
                            ExprKind::Literal(Literal::Bool(true)) => t.clone(),
                            ExprKind::Literal(Literal::Bool(false)) => f.clone(),
                            _ => Grant::default(),
                        },
                        (None, [cond]) => {
                            let (t, f) = self.condition(cond);
                            let arm = earlier_false.union(&t);
                            earlier_false = earlier_false.union(&f);
                            arm
                        }
                        (None, []) => earlier_false.clone(),
                        _ => Grant::default(),
                    };
                    self.block(a, &g.union(&arm));
                }
                (false, g.clone())
            }
            Stmt::Block(b) => self.block(b, g),
            Stmt::Break | Stmt::Continue => (false, g.clone()),
        }
    }

    /// [`Walk::expr`] for a value a statement computes: one made by statements
    /// (`return when (granted) { .. }`, `val c = if (..) query() else null`) has
    /// them walked as statements, under their conditions.
    fn value(&mut self, e: &Expr, g: &Grant) {
        match &e.kind {
            ExprKind::Block { stmts, value } => {
                let (_, after) = self.block(stmts, g);
                self.value(value, &after);
            }
            _ => self.expr(e, g),
        }
    }

    /// Records the grant at every call and every lambda or anonymous class written in
    /// `e`. A lambda handed to a permission-result registration runs when the user
    /// answered.
    fn expr(&mut self, e: &Expr, g: &Grant) {
        let f = self.f;
        let program = self.program;
        let registrations = &self.k.prompts.result_registrations;
        let mut calls: Vec<(Span, bool)> = Vec::new();
        let mut written: Vec<(FuncIdx, Span)> = Vec::new();
        let mut classes: Vec<(ClassIdx, Span)> = Vec::new();
        let inits = &self.k.sdk_inits;
        let mut started: Vec<(Span, Span, String)> = Vec::new();
        let callback_registrations = &self.callback_registrations;
        let mut registered: Vec<(String, Span)> = Vec::new();
        walk_expr(e, &mut |x| match &x.kind {
            ExprKind::Call(c) => {
                calls.push((c.name_span, registrations.contains(&c.name)));
                if callback_registrations.contains(c.name.as_str()) {
                    registered.push((c.name.clone(), c.name_span));
                }
                let receiver = c.receiver.as_deref().and_then(Expr::dotted);
                if let Some(r) = receiver {
                    let simple = r.rsplit('.').next().unwrap_or(&r);
                    if let Some(spec) = inits.iter().find(|s| {
                        s.method.iter().any(|m| m == c.name)
                            && (s.class == r || s.class.rsplit('.').next() == Some(simple))
                    }) {
                        started.push((c.name_span, x.span, spec.class.clone()));
                    }
                }
                for a in &c.args {
                    if let ExprKind::Lambda(l) = a.kind {
                        written.push((l, c.name_span));
                    }
                    if let ExprKind::New { body: Some(b), .. } = a.kind {
                        classes.push((b, c.name_span));
                    }
                }
            }
            ExprKind::New { body: Some(b), .. } => classes.push((*b, x.span)),
            ExprKind::Lambda(l) => written.push((*l, x.span)),
            _ => {}
        });
        for (name, whole, class) in started {
            self.out.sdk_inits.push((f, name, whole, class));
        }
        for (name, span) in registered {
            self.out
                .registrations
                .entry(name)
                .or_default()
                .push((f, span));
        }
        let registration_spans: HashSet<Span> =
            calls.iter().filter(|(_, r)| *r).map(|(s, _)| *s).collect();
        // Only asked-for grants are kept: a call missing from `local` asked nothing.
        if !g.is_empty() {
            for (span, _) in calls {
                self.out.local.insert((f, span), g.clone());
            }
        }
        for (l, span) in written {
            let id = FnId {
                module: f.module,
                func: l,
            };
            let grant = if registration_spans.contains(&span) {
                Grant::all()
            } else {
                g.clone()
            };
            self.out
                .local
                .entry((f, span))
                .or_insert_with(|| grant.clone());
            if registration_spans.contains(&span) {
                self.out.local.insert((f, span), grant);
            }
            self.out.written_in.entry(id).or_insert((f, span));
        }
        for (c, span) in classes {
            let class = ClassId {
                module: f.module,
                class: c,
            };
            self.out.local.entry((f, span)).or_insert_with(|| g.clone());
            for &m in &program.class(class).methods {
                let id = FnId {
                    module: f.module,
                    func: m,
                };
                self.out.written_in.entry(id).or_insert((f, span));
            }
        }
    }

    /// A vendor SDK told the user's answer (`JCollectionAuth.setAuth(ctx, false)`,
    /// `UMConfigure.submitPolicyGrantResult(ctx, agreed)`): from here on the SDKs it
    /// governs wait for a yes, so starting them is not collection before consent. A
    /// literal `true` only records a consent asked for elsewhere (or never).
    fn gate(&self, e: &Expr) -> Grant {
        let ExprKind::Call(c) = &e.kind else {
            return Grant::default();
        };
        let Some(receiver) = c.receiver.as_deref().and_then(Expr::dotted) else {
            return Grant::default();
        };
        let simple = receiver.rsplit('.').next().unwrap_or(&receiver);
        let Some(gate) = self.k.consent_gates.iter().find(|g| {
            g.method.iter().any(|m| m == c.name)
                && (g.class == receiver || g.class.rsplit('.').next() == Some(simple))
        }) else {
            return Grant::default();
        };
        if matches!(
            c.args.last().map(|a| &a.kind),
            Some(ExprKind::Literal(Literal::Bool(true))) | None
        ) {
            return Grant::default();
        }
        Grant {
            sdks_told: gate.covers.iter().cloned().collect(),
            ..Grant::default()
        }
    }

    /// What a condition asks when it holds, and when it does not.
    fn condition(&self, cond: &Expr) -> (Grant, Grant) {
        match &cond.kind {
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => {
                let (t, f) = self.condition(operand);
                (f, t)
            }
            ExprKind::Binary {
                op: BinOp::And,
                lhs,
                rhs,
            } => {
                // Both hold; or one of them fails, which grants what either failing
                // would (`!fine && !coarse` failing: one of the two is granted).
                let (lt, lf) = self.condition(lhs);
                let (rt, rf) = self.condition(rhs);
                (lt.union(&rt), lf.intersect(&rf))
            }
            ExprKind::Binary {
                op: BinOp::Or,
                lhs,
                rhs,
            } => {
                // Neither side holds: both negations hold. One holds: what either
                // would grant (`fine || coarse`).
                let (lt, lf) = self.condition(lhs);
                let (rt, rf) = self.condition(rhs);
                (lt.intersect(&rt), lf.union(&rf))
            }
            ExprKind::Binary {
                op:
                    BinOp::Compare {
                        ordered: true,
                        greater,
                        inclusive,
                        ..
                    },
                lhs,
                rhs,
            } => self.api_level_condition(lhs, rhs, *greater, *inclusive),
            ExprKind::Binary {
                op: BinOp::Compare { negated, .. },
                lhs,
                rhs,
            } => {
                let p = &self.k.prompts;
                let names = |e: &Expr| e.last_name().map(str::to_string);
                let constant = [lhs, rhs].iter().find_map(|e| {
                    names(e).filter(|n| {
                        p.granted_constants.contains(n) || p.denied_constants.contains(n)
                    })
                });
                let Some(constant) = constant else {
                    // `isGranted == true`, `consent == false`
                    let literal = [lhs, rhs].iter().find_map(|e| match e.kind {
                        ExprKind::Literal(Literal::Bool(b)) => Some(b),
                        _ => None,
                    });
                    let other = if matches!(lhs.kind, ExprKind::Literal(_)) {
                        rhs
                    } else {
                        lhs
                    };
                    return match literal {
                        Some(b) => {
                            let (t, f) = self.condition(other);
                            if b != *negated {
                                (t, f)
                            } else {
                                (f, t)
                            }
                        }
                        None => (Grant::default(), Grant::default()),
                    };
                };
                let other = if names(lhs).as_deref() == Some(constant.as_str()) {
                    rhs
                } else {
                    lhs
                };
                let grant = self.checked_permissions(other);
                let granted = p.granted_constants.contains(&constant) != *negated;
                if granted {
                    (grant, Grant::default())
                } else {
                    (Grant::default(), grant)
                }
            }
            // A helper returning a check, either way round (`hasContacts()` on `this`
            // or on an object of a class of this file, `needsPermission()`).
            ExprKind::Call(c) if !self.k.prompts.permission_checks.contains(&c.name) => {
                let (t, f) = self.wrapped_check(&c.name);
                if t.is_empty() && f.is_empty() {
                    (self.asks(cond), Grant::default())
                } else {
                    (t, f)
                }
            }
            _ => (self.asks(cond), Grant::default()),
        }
    }

    /// A comparison of the running API level with a version (`SDK_INT < M`,
    /// `Build.VERSION.SDK_INT >= 23`): where it says the level is below the one
    /// runtime permissions start at, every permission was granted at install.
    fn api_level_condition(
        &self,
        lhs: &Expr,
        rhs: &Expr,
        greater: bool,
        inclusive: bool,
    ) -> (Grant, Grant) {
        let p = &self.k.prompts;
        let none = (Grant::default(), Grant::default());
        let Some(since) = p.runtime_permissions_since else {
            return none;
        };
        let is_level = |e: &Expr| e.last_name().is_some_and(|n| p.sdk_level_names.contains(n));
        let version = |e: &Expr| match &e.kind {
            ExprKind::Literal(Literal::Int(v)) => Some(*v),
            _ => e.last_name().and_then(|n| p.version_codes.get(n).copied()),
        };
        // As `level < v` (or `level <= v`) when it holds.
        let (v, below_when_true) = match (is_level(lhs), is_level(rhs)) {
            (true, false) => (version(rhs), !greater),
            (false, true) => (version(lhs), greater),
            _ => return none,
        };
        let Some(v) = v else { return none };
        // The highest level the side below `v` allows: `level < v` holding, or
        // `level >= v` failing, is `level <= v - 1`; `level <= v` holding, or `level
        // > v` failing, is `level <= v`.
        let below_max = if below_when_true == inclusive {
            v
        } else {
            v - 1
        };
        let (true_max, false_max) = match below_when_true {
            true => (Some(below_max), None),
            false => (None, Some(below_max)),
        };
        let install_time = |max: Option<i64>| match max {
            Some(m) if m < since => self.all_permissions(),
            _ => Grant::default(),
        };
        (install_time(true_max), install_time(false_max))
    }

    /// A boolean that says the user agreed: a consent-named call, field or variable,
    /// a permission check returning a boolean, or a named permission answer.
    fn asks(&self, e: &Expr) -> Grant {
        let p = &self.k.prompts;
        let name = match &e.kind {
            ExprKind::Call(c) => {
                if p.permission_checks.contains(&c.name) {
                    return self.checked_permissions(e);
                }
                // (A helper returning a check, `perm.hasContacts()`, is the condition's:
                // see [`Walk::condition`].)
                // A stored answer read by its key: `prefs.getBoolean("privacy_agreed", false)`.
                let key = c.args.first().and_then(Expr::string_literal);
                if key.is_some_and(|k| p.consent_names.matches(k)) {
                    return Grant::all();
                }
                Some(c.name.as_str())
            }
            ExprKind::Name(n) => Some(n.as_str()),
            ExprKind::Field { name, .. } => Some(name.as_str()),
            _ => None,
        };
        match name {
            Some(n) if p.consent_names.matches(n) => Grant::all(),
            Some(n) if p.granted_names.matches(n) => self.all_permissions(),
            _ => Grant::default(),
        }
    }

    /// What a function asks when it returns true, if all it does is return a check
    /// (`hasContactPermission()`: `return checkSelfPermission(.., READ_CONTACTS) ==
    /// PERMISSION_GRANTED`): this file's functions of that name, else the program's
    /// ([`check_wrappers`]).
    fn wrapped_check(&self, name: &str) -> (Grant, Grant) {
        let depth = self.unwrapping.get();
        if depth >= 3 {
            return (Grant::default(), Grant::default());
        }
        let module = self.program.module(self.f.module);
        let mut grant: Option<(Grant, Grant)> = None;
        // (An interface's declaration has no body to look into.)
        for func in module
            .functions
            .iter()
            .filter(|f| f.name == name && f.has_body)
        {
            let [Stmt::Return(Some(e), _)] = func.body.as_slice() else {
                return (Grant::default(), Grant::default());
            };
            self.unwrapping.set(depth + 1);
            let (holds, fails) = self.condition(e);
            self.unwrapping.set(depth);
            // Overloads: what all of them ask.
            grant = Some(match grant {
                Some((t, f)) => (t.intersect(&holds), f.intersect(&fails)),
                None => (holds, fails),
            });
        }
        // None here: another file's.
        grant.unwrap_or_else(|| self.wrappers.get(name).cloned().unwrap_or_default())
    }

    /// The categories of the permissions a check expression names (`checkSelfPermission(
    /// ctx, Manifest.permission.ACCESS_FINE_LOCATION)`); every permission's when the
    /// result compared is not a check call (`grantResults[0] == PERMISSION_GRANTED`).
    fn checked_permissions(&self, e: &Expr) -> Grant {
        let mut g = Grant::default();
        let mut saw_check = false;
        walk_expr(e, &mut |x| {
            if let ExprKind::Call(c) = &x.kind {
                if self.k.prompts.permission_checks.contains(&c.name) {
                    saw_check = true;
                    for a in &c.args {
                        let text = a
                            .dotted()
                            .or_else(|| a.string_literal().map(str::to_string));
                        if let Some(t) = text {
                            g = g.union(&permission_grant(self.permissions, &t));
                        }
                    }
                }
            }
        });
        if !saw_check || g.is_empty() {
            return self.all_permissions();
        }
        g
    }

    /// An answer to a permission request whose permission is not named here.
    fn all_permissions(&self) -> Grant {
        Grant::of_categories(self.permissions.values().flatten().cloned().collect())
    }
}
