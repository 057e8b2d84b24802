//! PI203 excessive-frequency: personal data collected repeatedly, faster than the
//! declaration's minimum interval (`[limits] min_interval_seconds`, default 60 s).
//!
//! Three shapes (knowledge/frequency.toml): a call whose argument sets the rate
//! (`requestLocationUpdates(provider, 5000, ..)`, `LocationRequest.Builder(.., 5000)`,
//! `registerListener(.., SENSOR_DELAY_NORMAL)`), located at that call; a task run
//! repeatedly (`timer.scheduleAtFixedRate(task, 0, 1000)`, a Handler runnable that
//! posts itself again) and a loop that waits (`while (true) { ..; delay(1000) }`,
//! `loop { interval.tick().await; .. }`), located at each collection they reach.
//! Intervals are folded from constants; one that cannot be folded is never reported.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::memo::{PerModule, Results};
use crate::analysis::{Analysis, FnId, Program, SourceInfo, SourceKind};
use crate::findings::Finding;
use crate::ir::*;
use crate::knowledge::{Knowledge, RateSpec};
use crate::rules::flows::capitalise;
use crate::rules::rule;

/// How deep named constants are followed (`A = B * 2`, `B = C`, ...).
const MAX_DEPTH: u32 = 6;

struct Fold<'a> {
    program: &'a Program,
    k: &'a Knowledge,
    f: FnId,
}

/// Seconds in one `TimeUnit`/`DurationUnit` constant.
fn unit_seconds(name: &str) -> Option<f64> {
    Some(match name {
        "NANOSECONDS" => 1e-9,
        "MICROSECONDS" => 1e-6,
        "MILLISECONDS" => 1e-3,
        "SECONDS" => 1.0,
        "MINUTES" => 60.0,
        "HOURS" => 3600.0,
        "DAYS" => 86400.0,
        _ => return None,
    })
}

/// Seconds of one unit word (`ofMinutes`, `from_secs`, `minutes`, `inWholeSeconds`).
fn word_seconds(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    let w = w
        .trim_start_matches("of")
        .trim_start_matches("from_")
        .trim_start_matches("inwhole")
        .trim_start_matches("to");
    Some(match w {
        "nanos" | "nanoseconds" => 1e-9,
        "micros" | "microseconds" => 1e-6,
        "millis" | "milliseconds" => 1e-3,
        "secs" | "seconds" | "secsf64" => 1.0,
        "mins" | "minutes" => 60.0,
        "hours" => 3600.0,
        "days" => 86400.0,
        _ => return None,
    })
}

impl Fold<'_> {
    /// A number: literals, arithmetic, named constants, `TimeUnit.MINUTES.toMillis(5)`,
    /// `Duration.ofMinutes(5).toMillis()`, `5.minutes.inWholeMilliseconds`.
    fn number(&self, e: &Expr, depth: u32) -> Option<f64> {
        if depth > MAX_DEPTH {
            return None;
        }
        match &e.kind {
            ExprKind::Literal(Literal::Int(n)) => Some(*n as f64),
            ExprKind::Binary { op, lhs, rhs } => {
                let (a, b) = (self.number(lhs, depth + 1)?, self.number(rhs, depth + 1)?);
                match op {
                    BinOp::Mul => Some(a * b),
                    BinOp::Div if b != 0.0 => Some(a / b),
                    BinOp::Add => Some(a + b),
                    _ => None,
                }
            }
            ExprKind::Cast { expr, .. } | ExprKind::Named { value: expr, .. } => {
                self.number(expr, depth + 1)
            }
            ExprKind::Name(n) => self.named(n, None, depth),
            ExprKind::Field { receiver, name } => {
                // `5.minutes.inWholeMilliseconds`
                if let Some(per) = word_seconds(name) {
                    if name.starts_with("inWhole") {
                        return Some(self.duration(receiver, depth + 1)? / per);
                    }
                }
                self.named(name, receiver.dotted().as_deref(), depth)
            }
            ExprKind::Call(c) => {
                let receiver = c.receiver.as_deref()?;
                // `TimeUnit.MINUTES.toMillis(5)`
                if let (Some(from), Some(to)) = (
                    receiver.last_name().and_then(unit_seconds),
                    word_seconds(&c.name),
                ) {
                    let n = self.number(c.args.first()?, depth + 1)?;
                    return Some(n * from / to);
                }
                // `Duration.ofMinutes(5).toMillis()`, `d.as_millis()`
                let to = word_seconds(c.name.trim_start_matches("as_"))?;
                if c.args.is_empty() {
                    return Some(self.duration(receiver, depth + 1)? / to);
                }
                None
            }
            _ => None,
        }
    }

    /// A duration, in seconds: `Duration::from_secs(30)`, `Duration.ofMinutes(5)`,
    /// `5.seconds`, a named one.
    fn duration(&self, e: &Expr, depth: u32) -> Option<f64> {
        if depth > MAX_DEPTH {
            return None;
        }
        match &e.kind {
            // `Duration.ofMinutes(5)`, `Duration::from_secs(30)`; not `unit.toMillis(n)`,
            // a number.
            ExprKind::Call(c) if c.name.starts_with("of") || c.name.starts_with("from_") => {
                let per = word_seconds(&c.name)?;
                Some(self.number(c.args.first()?, depth + 1)? * per)
            }
            // `5.seconds` (Kotlin); not `d.inWholeMilliseconds`, a number.
            ExprKind::Field { receiver, name } if !name.starts_with("inWhole") => {
                let per = word_seconds(name)?;
                Some(self.number(receiver, depth + 1)? * per)
            }
            ExprKind::Name(n) => {
                let init = self.local_init(n).or_else(|| self.field_init(n, None))?;
                self.duration(init, depth + 1)
            }
            ExprKind::Cast { expr, .. } | ExprKind::Named { value: expr, .. } => {
                self.duration(expr, depth + 1)
            }
            _ => None,
        }
    }

    fn named(&self, name: &str, owner: Option<&str>, depth: u32) -> Option<f64> {
        if let Some(&v) = self.k.constants.get(name) {
            return Some(v as f64);
        }
        let init = match owner {
            None => self
                .local_init(name)
                .or_else(|| self.field_init(name, None)),
            Some(o) => self.field_init(name, Some(o)),
        }?;
        self.number(init, depth + 1)
    }

    /// The initialiser of a local of the function (its only declaration).
    fn local_init(&self, name: &str) -> Option<&Expr> {
        let body = &self.program.function(self.f).body;
        let mut found: Vec<&Expr> = Vec::new();
        let mut assigned = false;
        visit_lets(body, &mut |n, _, init| {
            if n == name {
                match init {
                    Some(e) => found.push(e),
                    None => assigned = true,
                }
            }
        });
        (found.len() == 1 && !assigned).then(|| found[0])
    }

    /// The initialiser of a final field (a constant) of that name: in the class
    /// named `owner` when given, else in the function's class or anywhere.
    fn field_init(&self, name: &str, owner: Option<&str>) -> Option<&Expr> {
        let owner = owner.map(|o| o.rsplit('.').next().unwrap_or(o));
        let mut candidates: Vec<&Expr> = Vec::new();
        for m in &self.program.modules {
            for c in &m.classes {
                if owner.is_some_and(|o| o != c.name) {
                    continue;
                }
                for fld in &c.fields {
                    if fld.name == name && fld.is_final {
                        if let Some(init) = &fld.init {
                            candidates.push(init);
                        }
                    }
                }
            }
        }
        (candidates.len() == 1).then(|| candidates[0])
    }
}

/// An interval in seconds from an argument in `unit`.
fn seconds(fold: &Fold, e: &Expr, unit: &str) -> Option<f64> {
    match unit {
        "ms" => Some(fold.number(e, 0)? / 1000.0),
        "us" => Some(fold.number(e, 0)? / 1e6),
        "s" => fold.number(e, 0),
        "duration" => fold.duration(e, 0),
        "ms_or_duration" => fold
            .duration(e, 0)
            .or_else(|| Some(fold.number(e, 0)? / 1000.0)),
        "sensor_delay" => {
            // SENSOR_DELAY_FASTEST/GAME/UI/NORMAL are 0-3; larger values are µs.
            let delay = |n: f64| match n as i64 {
                0 => 0.0,
                1 => 0.02,
                2 => 0.066,
                3 => 0.2,
                us => us as f64 / 1e6,
            };
            match e.last_name() {
                Some("SENSOR_DELAY_FASTEST") => Some(0.0),
                Some("SENSOR_DELAY_GAME") => Some(0.02),
                Some("SENSOR_DELAY_UI") => Some(0.066),
                Some("SENSOR_DELAY_NORMAL") => Some(0.2),
                _ => fold.number(e, 0).map(delay),
            }
        }
        _ => None,
    }
}

fn arg_at(args: &[Expr], i: i64) -> Option<&Expr> {
    let idx = if i < 0 {
        args.len().checked_sub(i.unsigned_abs() as usize)?
    } else {
        i as usize
    };
    args.get(idx)
}

/// The simple type name a receiver has, where the code says it.
fn type_of(e: &Expr, program: &Program, f: FnId) -> Option<String> {
    match &e.kind {
        ExprKind::New { ty, .. } => Some(ty.clone()),
        ExprKind::Name(n) => {
            let func = program.function(f);
            if let Some(p) = func.params.iter().find(|p| &p.name == n) {
                return p.ty.clone();
            }
            let mut ty = None;
            visit_lets(&func.body, &mut |name, t, init| {
                if name == n {
                    ty = t
                        .cloned()
                        .or_else(|| init.and_then(|i| type_of(i, program, f)));
                }
            });
            ty.or_else(|| {
                let class = program.class_of(f)?;
                program
                    .class(class)
                    .fields
                    .iter()
                    .find(|x| &x.name == n)
                    .and_then(|x| x.ty.clone())
            })
        }
        // Builders and setters return their receiver's type; a static factory
        // (`LocationRequest.create()`) its class.
        ExprKind::Call(c) => match c.receiver.as_deref() {
            Some(r) => type_of(r, program, f).or_else(|| {
                r.dotted().filter(|d| {
                    d.rsplit('.')
                        .next()
                        .is_some_and(|s| s.starts_with(char::is_uppercase))
                })
            }),
            None => None,
        },
        ExprKind::Field { .. } => e.dotted(),
        _ => None,
    }
}

/// Whether a type as written names the spec's class (`LocationRequest.Builder`,
/// `Builder`, the fully qualified name).
fn type_matches(ty: &str, class: &str) -> bool {
    let ty = ty.split('<').next().unwrap_or(ty);
    class == ty || class.ends_with(&format!(".{ty}"))
}

struct Checker<'a> {
    program: &'a Program,
    analysis: &'a Analysis,
    k: &'a Knowledge,
    min: f64,
    callees: HashMap<FnId, Vec<FnId>>,
    sources_in: HashMap<FnId, Vec<usize>>,
    by_span: HashMap<Span, usize>,
    /// Collections reached by a repeating task or loop: source → (interval, how).
    repeated: HashMap<usize, (f64, String)>,
    /// Calls that set a rate: (span, end, interval, category, how).
    rates: Vec<(Span, Span, f64, String, String)>,
    /// The methods of `[[rates]]`, `[[schedules]]` and `[[waits]]`: a function that
    /// calls none of them sets no rate and has no loop that waits.
    methods: HashSet<&'a str>,
}

impl Checker<'_> {
    /// The collection points reachable from these functions (calls, transitively).
    fn reached(&self, start: &[FnId], also_spans: &HashSet<Span>) -> Vec<usize> {
        let mut out: Vec<usize> = also_spans
            .iter()
            .filter_map(|s| self.by_span.get(s).copied())
            .collect();
        let mut seen: HashSet<FnId> = HashSet::default();
        let mut stack: Vec<FnId> = start.to_vec();
        while let Some(f) = stack.pop() {
            if seen.len() > 10_000 || !seen.insert(f) {
                continue;
            }
            out.extend(self.sources_in.get(&f).into_iter().flatten().copied());
            stack.extend(self.callees.get(&f).into_iter().flatten().copied());
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn note_repeated(&mut self, sources: Vec<usize>, every: f64, how: String) {
        for s in sources {
            let e = self.repeated.entry(s).or_insert((every, how.clone()));
            if every < e.0 {
                *e = (every, how.clone());
            }
        }
    }

    /// The functions a task argument runs: a lambda, an anonymous class's methods,
    /// or either kept in a local or field.
    fn task_functions(&self, e: &Expr, f: FnId, depth: u32) -> Vec<FnId> {
        let module = f.module;
        match &e.kind {
            ExprKind::Lambda(l) => vec![FnId { module, func: *l }],
            ExprKind::New { body: Some(c), .. } => self
                .program
                .module(module)
                .classes
                .get(*c as usize)
                .map(|class| {
                    class
                        .methods
                        .iter()
                        .map(|&m| FnId { module, func: m })
                        .collect()
                })
                .unwrap_or_default(),
            ExprKind::Name(n) | ExprKind::Field { name: n, .. } if depth < 3 => {
                let fold = Fold {
                    program: self.program,
                    k: self.k,
                    f,
                };
                let init = fold.local_init(n).or_else(|| fold.field_init(n, None));
                init.map(|i| self.task_functions(i, f, depth + 1))
                    .unwrap_or_default()
            }
            // `this` as the task: the class's own run().
            ExprKind::This => self
                .program
                .class_of(f)
                .map(|c| {
                    self.program
                        .class(c)
                        .methods
                        .iter()
                        .map(|&m| FnId { module, func: m })
                        .filter(|&m| self.program.function(m).name == "run")
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    fn calls(&mut self, f: FnId) {
        let program = self.program;
        let body = &program.function(f).body;
        let fold = Fold {
            program,
            k: self.k,
            f,
        };
        let mut found_rates: Vec<(Span, Span, f64, String, String)> = Vec::new();
        let mut schedules: Vec<(Vec<FnId>, f64, String, Option<String>)> = Vec::new();
        walk_exprs(body, &mut |e| {
            let (name, receiver, args, name_span): (&str, Option<&Expr>, &[Expr], Span) =
                match &e.kind {
                    ExprKind::Call(c) => (&c.name, c.receiver.as_deref(), &c.args, c.name_span),
                    ExprKind::New { args, .. } => ("<init>", None, args, e.span),
                    _ => return,
                };
            if !self.methods.contains(name) {
                return;
            }
            for spec in &self.k.rates {
                if !spec.method.iter().any(|m| m == name)
                    || !rate_applies(spec, e, receiver, program, f)
                {
                    continue;
                }
                let Some(arg) = arg_at(args, spec.arg) else {
                    continue;
                };
                // A sensor's readings are personal only for some sensor types.
                let category = match spec.sensor_arg {
                    Some(i) => match args.get(i).and_then(|a| self.sensor_type(a, f)) {
                        Some(c) => c,
                        None => continue,
                    },
                    None => spec.category.clone(),
                };
                if let Some(every) = seconds(&fold, arg, &spec.unit) {
                    if every < self.min {
                        let shown = match &e.kind {
                            ExprKind::New { ty, .. } => format!("`new {ty}(..)`"),
                            _ => format!("`{name}`"),
                        };
                        found_rates.push((name_span, e.span, every, category, shown));
                    }
                }
            }
            for spec in &self.k.schedules {
                if !spec.method.iter().any(|m| m == name) {
                    continue;
                }
                let period = spec
                    .period_name
                    .as_deref()
                    .and_then(|p| {
                        args.iter().find_map(|a| match &a.kind {
                            ExprKind::Named { name, value } if name == p => Some(value.as_ref()),
                            _ => None,
                        })
                    })
                    .or_else(|| arg_at(args, spec.period));
                let Some(period) = period else { continue };
                let every = match (spec.time_unit_arg, spec.unit.as_deref()) {
                    (Some(i), _) => args
                        .get(i)
                        .and_then(Expr::last_name)
                        .and_then(unit_seconds)
                        .and_then(|per| Some(fold.number(period, 0)? * per)),
                    (None, Some(unit)) => seconds(&fold, period, unit),
                    _ => None,
                };
                let Some(every) = every.filter(|&s| s < self.min) else {
                    continue;
                };
                let Some(task) = arg_at(args, spec.task) else {
                    continue;
                };
                let tasks = self.task_functions(task, f, 0);
                let repost = spec.repost.then(|| name.to_string());
                schedules.push((tasks, every, format!("`{name}`"), repost));
            }
        });
        self.rates.extend(found_rates);
        for (tasks, every, how, repost) in schedules {
            if tasks.is_empty() {
                continue;
            }
            // A one-shot delay repeats only when the task posts itself again.
            if let Some(call) = repost {
                let reposts = tasks.iter().any(|&t| {
                    let mut again = false;
                    walk_exprs(&program.function(t).body, &mut |e| {
                        if matches!(&e.kind, ExprKind::Call(c) if c.name == call) {
                            again = true;
                        }
                    });
                    again
                });
                if !reposts {
                    continue;
                }
            }
            let reached = self.reached(&tasks, &HashSet::default());
            self.note_repeated(reached, every, how);
        }
        self.loops(f, body, &fold);
    }

    /// Loops that wait between rounds and collect in them.
    fn loops(&mut self, f: FnId, stmts: &[Stmt], fold: &Fold) {
        let mut bodies: Vec<&[Stmt]> = Vec::new();
        visit_stmts(stmts, &mut |s| {
            if let Stmt::Loop { body, .. } = s {
                bodies.push(body);
            }
        });
        for body in bodies {
            let mut wait = 0.0;
            let mut waits = false;
            let mut spans: HashSet<Span> = HashSet::default();
            walk_exprs(body, &mut |e| {
                let ExprKind::Call(c) = &e.kind else { return };
                spans.insert(c.name_span);
                if let Some(secs) = self.wait_seconds(c, fold) {
                    wait += secs;
                    waits = true;
                }
            });
            if waits && wait < self.min {
                let callees: Vec<FnId> = self
                    .analysis
                    .call_sites
                    .iter()
                    .filter(|(caller, span, _)| *caller == f && spans.contains(span))
                    .map(|&(_, _, callee)| callee)
                    .collect();
                let reached = self.reached(&callees, &spans);
                self.note_repeated(reached, wait, "a loop that waits".to_string());
            }
        }
    }

    /// The personal category of the sensor an expression names (`[sensors]`).
    fn sensor_type(&self, e: &Expr, f: FnId) -> Option<String> {
        let t = crate::analysis::sensors::sensor_type(self.program.module(f.module), e)?;
        self.k.sensors.get(&t).cloned()
    }

    /// How long a call waits, when it is a known wait with a foldable duration
    /// (`interval.tick()` waits for the interval made before the loop).
    fn wait_seconds(&self, c: &Call, fold: &Fold) -> Option<f64> {
        if c.name == "tick" {
            let ExprKind::Name(n) = &c.receiver.as_deref()?.kind else {
                return None;
            };
            let init = fold.local_init(n)?;
            let ExprKind::Call(made) = &init.kind else {
                return None;
            };
            if made.name != "interval" {
                return None;
            }
            return fold.duration(made.args.first()?, 0);
        }
        let spec = self
            .k
            .waits
            .iter()
            .find(|w| w.method.iter().any(|m| m == c.name))?;
        match spec.unit.as_str() {
            "time_unit" => {
                let per = c.receiver.as_deref()?.last_name().and_then(unit_seconds)?;
                Some(fold.number(c.args.first()?, 0)? * per)
            }
            unit => seconds(fold, c.args.first()?, unit),
        }
    }
}

/// Whether a rate spec applies to this call: its receiver (or constructed type) is
/// the spec's class, or the type is unknown and the method name is specific enough.
fn rate_applies(
    spec: &RateSpec,
    e: &Expr,
    receiver: Option<&Expr>,
    program: &Program,
    f: FnId,
) -> bool {
    let ty = match &e.kind {
        ExprKind::New { ty, .. } => Some(ty.clone()),
        _ => receiver.and_then(|r| type_of(r, program, f)),
    };
    match ty {
        Some(t) => type_matches(&t, &spec.class),
        None => spec.match_without_type,
    }
}

/// The methods of `[[rates]]`, `[[schedules]]` and `[[waits]]` (and `tick`).
fn rate_methods(k: &Knowledge) -> HashSet<&str> {
    k.rates
        .iter()
        .flat_map(|s| s.method.iter())
        .chain(k.schedules.iter().flat_map(|s| s.method.iter()))
        .chain(k.waits.iter().flat_map(|s| s.method.iter()))
        .chain(["tick"])
        .collect()
}

/// The functions of each module that call one of [`rate_methods`], worked out for
/// the modules that changed since `memo` last saw them.
pub(crate) fn rate_callers<'m>(
    program: &Program,
    k: &Knowledge,
    memo: &'m mut PerModule<Vec<FuncIdx>>,
) -> Results<'m, Vec<FuncIdx>> {
    let methods = rate_methods(k);
    memo.results(program, |m| {
        let module = program.module(m);
        (0..module.functions.len() as FuncIdx)
            .filter(|&i| {
                let mut calls = false;
                walk_exprs(&module.functions[i as usize].body, &mut |e| {
                    calls |= match &e.kind {
                        ExprKind::Call(c) => methods.contains(c.name.as_str()),
                        ExprKind::New { .. } => methods.contains("<init>"),
                        _ => false,
                    };
                });
                calls
            })
            .collect()
    })
}

/// `rates`: the functions of each module that call a method of `[[rates]]`,
/// `[[schedules]]` or `[[waits]]`, kept from the last analysis.
pub fn excessive_frequency(
    analysis: &Analysis,
    program: &Program,
    knowledge: &Knowledge,
    min_interval_seconds: u64,
    rates: &mut PerModule<Vec<FuncIdx>>,
) -> Vec<Finding> {
    let Some(rule) = rule("PI203") else {
        return Vec::new();
    };
    let mut callees: HashMap<FnId, Vec<FnId>> = HashMap::default();
    for &(caller, _, callee) in &analysis.call_sites {
        callees.entry(caller).or_default().push(callee);
    }
    let mut sources_in: HashMap<FnId, Vec<usize>> = HashMap::default();
    let mut by_span: HashMap<Span, usize> = HashMap::default();
    for (i, s) in analysis.sources.iter().enumerate() {
        if s.kind == SourceKind::Api && analysis.reachable.contains(&s.function) {
            sources_in.entry(s.function).or_default().push(i);
            by_span.insert(s.span, i);
        }
    }
    let mut checker = Checker {
        program,
        analysis,
        k: knowledge,
        min: min_interval_seconds as f64,
        callees,
        sources_in,
        by_span,
        repeated: HashMap::default(),
        rates: Vec::new(),
        methods: rate_methods(knowledge),
    };
    let calling: Vec<FnId> = rate_callers(program, knowledge, rates)
        .enumerate()
        .flat_map(|(m, funcs)| {
            funcs.iter().map(move |&func| FnId {
                module: m as u32,
                func,
            })
        })
        .collect();
    for f in calling {
        if analysis.reachable.contains(&f) {
            checker.calls(f);
        }
    }
    let min = min_interval_seconds;
    let mut out = Vec::new();
    for (span, end, every, category, how) in checker.rates {
        let c = knowledge.category(&category);
        let label = c.map_or(category.as_str(), |c| c.label.as_str());
        out.push(Finding::at(
            rule,
            span,
            end,
            Some(category.clone()),
            false,
            format!(
                "{how} sets {label} ({category}) to be collected every {}, more often than the minimum interval of {min} s (`[limits] min_interval_seconds`): collect only as often as the feature needs",
                human(every)
            ),
            vec![category.clone(), how.clone()],
        ));
    }
    let mut repeated: Vec<(usize, (f64, String))> = checker.repeated.into_iter().collect();
    repeated.sort_by_key(|(s, _)| *s);
    for (i, (every, how)) in repeated {
        let s: &SourceInfo = &analysis.sources[i];
        let c = knowledge.category(&s.category);
        let label = c.map_or(s.category.as_str(), |c| c.label.as_str());
        let sensitive = c.is_some_and(|c| c.sensitive) || s.minor;
        out.push(Finding::at(
            rule,
            s.span,
            s.span,
            Some(s.category.clone()),
            sensitive,
            format!(
                "{} ({}) is collected by {} every {} ({how}), more often than the minimum interval of {min} s (`[limits] min_interval_seconds`)",
                capitalise(label),
                s.category,
                s.description,
                human(every)
            ),
            vec![
                program.qualified_name(s.function),
                s.description.clone(),
                s.category.clone(),
            ],
        ));
    }
    out
}

fn human(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{} s", (seconds * 10.0).round() / 10.0)
    } else {
        format!("{} ms", (seconds * 1000.0).round())
    }
}
