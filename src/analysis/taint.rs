//! Inter-procedural taint analysis on the IR.
//!
//! Each function is interpreted over an abstract environment (locals and `this`
//! fields, flow-sensitive: an overwrite kills) whose values carry *taints*: either
//! a source, or a parameter of the function being summarised. A function's summary
//! says which parameters reach its return value, which reach sinks and which are
//! stored into fields; call sites instantiate callee summaries with their actual
//! arguments. Fields are global per class (field-based), lambdas and anonymous
//! classes see the variables they capture, and callbacks registered on a value that
//! carries personal data receive it in their parameters. The whole program is
//! iterated until summaries, fields and captures stop growing: each round level by
//! level of the call graph, a level's functions side by side (see `taint::local`).

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod local;
use local::{Delta, Local};

use crate::analysis::program::{ClassId, FnId, Program};
use crate::analysis::{Analysis, Flow, SinkSite, SourceId, SourceInfo, SourceKind};
use crate::ir::*;
use crate::knowledge::{
    type_names_match, Knowledge, ResourceKind, ReturnsSpec, SinkKind, SinkSpec,
    SourceKind as SpecKind,
};

/// Parameter index standing for the receiver (`this`) of a call.
const RECEIVER: u16 = u16::MAX;
/// The most subclasses a class may have for its inherited class-wide fields to be
/// kept apart per subclass (see [`Frame::subclass_slots`]).
const MAX_FIELD_SPLIT: usize = 64;

const MAX_ROUNDS: usize = 30;
const MAX_TRACE: usize = crate::analysis::MAX_FLOW_STEPS;
const LOOP_PASSES: usize = 3;

type TraceId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Origin {
    Source(SourceId),
    /// A parameter (or, as [`RECEIVER`], the whole receiver) of the function being
    /// summarised.
    Param(u16),
    /// One field of the receiver of the function being summarised, or one field of
    /// the object in that field (`this.self.id`).
    ReceiverField(FieldSym, Option<FieldSym>),
    /// One field of a parameter (not the receiver) of the function being summarised:
    /// `config.host` in `save(Config config)`. A caller that passes an object whose
    /// fields it knows gives the callee only that field's data, not the object's.
    ParamField(u16, FieldSym),
}

/// An interned field name.
type FieldSym = u32;

#[derive(Clone, Copy, Debug)]
struct Taint {
    origin: Origin,
    trace: TraceId,
    /// For objects tracked per object: the field that holds this data (None: the
    /// value itself, or a part of the object we cannot name).
    field: Option<FieldSym>,
    /// Within `field`, the field of the object held there (`session.self.username`;
    /// None: all of what `field` holds). Access paths are two fields long: what is
    /// stored deeper is known from its second field on only as a whole.
    sub: Option<FieldSym>,
    /// How many times this taint was read out of an object field it was not known
    /// to be in (the object as a whole was tainted). Each such read is a guess; a
    /// flow resting on more than [`MAX_GUESSES`] of them is not reported.
    guesses: u8,
    /// Read out of a map, Bundle or Intent by a key the function was handed as a
    /// parameter (`fun extra(key: String) = intent.getStringExtra(key)`): (that
    /// parameter, the key the data was stored under, or [`ANY_KEY`] for a parameter's
    /// own entries). The caller's key decides whether this is the data it reads.
    entry_of: Option<(u16, FieldSym)>,
}

/// In [`Taint::entry_of`]: whichever entry the caller's key names.
const ANY_KEY: FieldSym = FieldSym::MAX;

/// In [`Origin::ParamField`], not a field but what a parameter's object holds as a
/// whole (its data not known to be in any one field): what the object prints as
/// text when its class's `toString()` prints some of its fields.
const WHOLE: FieldSym = FieldSym::MAX - 1;

/// What a call passes where a callee takes an entry's key.
#[derive(Clone, Copy)]
enum KeyArg {
    Key(FieldSym),
    /// The caller's own parameter, a key its caller chooses in turn.
    Param(u16),
    Unknown,
}

impl Taint {
    fn new(origin: Origin, trace: TraceId) -> Taint {
        Taint {
            origin,
            trace,
            field: None,
            sub: None,
            guesses: 0,
            entry_of: None,
        }
    }

    /// This taint as the entry a caller's key reads (see [`Taint::entry_of`]): None
    /// when the key names another entry.
    fn entry_for(self, key: KeyArg) -> Option<Taint> {
        let Some((_, stored)) = self.entry_of else {
            return Some(self);
        };
        let entry_of = match key {
            KeyArg::Key(k) if stored != ANY_KEY && stored != k => return None,
            KeyArg::Param(q) => Some((q, stored)),
            KeyArg::Key(_) | KeyArg::Unknown => None,
        };
        Some(Taint { entry_of, ..self })
    }

    /// The same data on a new step, still under the field or key that holds it
    /// (an Intent's extra delivered, a Bundle's entry handed back).
    fn carried(self, trace: TraceId) -> Taint {
        Taint { trace, ..self }
    }

    /// The same data, moved on to a new step.
    fn moved(self, trace: TraceId) -> Taint {
        Taint {
            trace,
            field: None,
            sub: None,
            ..self
        }
    }

    /// This data put into field (or entry, or element) `f` of an object: one step
    /// deeper in its access path, the path cut at two fields (see [`Taint::within`]).
    fn stored_in(self, f: FieldSym) -> Taint {
        self.within((Some(f), None))
    }

    /// This data as read out of the field it is in: one step shallower.
    fn read_out(self) -> Taint {
        Taint {
            field: self.sub,
            sub: None,
            ..self
        }
    }

    /// Where in its value this data is.
    fn path(&self) -> Path {
        (self.field, self.sub)
    }

    /// This data put at `path` in an object: `path` followed by its own path, cut
    /// at two fields. What the cut loses makes it a part of the data only: reading
    /// any part of it back is a guess.
    fn within(self, path: Path) -> Taint {
        let (field, sub, lost) = match path {
            (None, _) => return self,
            (Some(f), None) => (f, self.field, self.sub.is_some()),
            (Some(f), Some(g)) => (f, Some(g), self.field.is_some()),
        };
        Taint {
            field: Some(field),
            sub,
            guesses: self.guesses.saturating_add(u8::from(lost)),
            ..self
        }
    }
}

/// No place within: the value itself.
const NO_PATH: Path = (None, None);

/// Where data is in a value: its field, and the field within that (see
/// [`Taint::sub`]).
type Path = (Option<FieldSym>, Option<FieldSym>);

/// The elements of an array or collection literal kept apart by index.
const MAX_INDEXED_ELEMENTS: usize = 16;

/// Reads of a field out of an object that is tainted only as a whole, allowed in
/// one flow (an access-path bound: beyond it, flows are mostly artefacts).
const MAX_GUESSES: u8 = 1;

/// The taints of an object that a read of field `f` yields: those known to be in
/// `f`, and (as a guess) those of the object as a whole. A parameter read whole
/// becomes that field of the parameter (no guess: the caller knows its fields).
fn field_taints(taints: &[Taint], f: FieldSym) -> Vec<Taint> {
    taints.iter().filter_map(|t| field_part(t, f)).collect()
}

/// What a read of field `f` yields of one taint (see [`field_taints`]).
fn field_part(t: &Taint, f: FieldSym) -> Option<Taint> {
    match (t.field, t.origin) {
        (Some(x), _) if x == f => Some(t.read_out()),
        (Some(_), _) => None,
        // A field of a parameter's field: beyond the access paths the summaries
        // name, as a read out of a whole object already guessed once.
        (None, Origin::ParamField(..) | Origin::ReceiverField(_, Some(_))) => None,
        // A field of the receiver's field (`this.self.id`): the caller knows it.
        (None, Origin::ReceiverField(g, None)) => Some(Taint {
            origin: Origin::ReceiverField(g, Some(f)),
            ..*t
        }),
        (None, Origin::Param(p)) if p != RECEIVER => Some(Taint {
            origin: Origin::ParamField(p, f),
            ..*t
        }),
        // A field of our own object handed on (`new Req(this)` reading `b.name`): that
        // field of ours, which the caller knows.
        (None, Origin::Param(_)) => Some(Taint {
            origin: Origin::ReceiverField(f, None),
            ..*t
        }),
        (None, _) if t.guesses < MAX_GUESSES => Some(Taint {
            guesses: t.guesses + 1,
            ..*t
        }),
        (None, _) => None,
    }
}

/// The taints of a container that a read of its entry under key `k` yields: those
/// stored under `k`, and, as for a field, those of the container as a whole. An
/// object stored under a key not known here keeps its own fields (not entries:
/// `is_entry` tells them apart) and may be the one read, as a guess.
fn entry_taints(taints: &[Taint], k: FieldSym, is_entry: impl Fn(FieldSym) -> bool) -> Vec<Taint> {
    taints
        .iter()
        .filter_map(|t| match t.field {
            Some(x) if x == k || is_entry(x) => field_part(t, k),
            Some(_) if !matches!(t.origin, Origin::Source(_)) => Some(*t),
            Some(_) => (t.guesses < MAX_GUESSES).then(|| Taint {
                guesses: t.guesses + 1,
                ..*t
            }),
            None => field_part(t, k),
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Callable {
    Lambda(FnId),
    Class(ClassId),
}

/// The abstract value of an expression.
#[derive(Clone, Debug, Default)]
struct Val {
    taint: Vec<Taint>,
    /// A literal URL this value is or is bound for.
    url: Option<Arc<str>>,
    /// When the URL is not known here: the parameter of this function it comes
    /// from (`Request.Builder().url(url)` in `post(String url, ..)`).
    url_param: Option<u16>,
    resource: Option<ResourceKind>,
    /// Made only of literals: never personal data, whatever its name.
    is_const: bool,
    /// An Intent addressed to one of the app's own classes.
    explicit_intent: bool,
    /// The app's own component an explicit Intent is addressed to.
    intent_target: Option<ClassId>,
    /// The resource id a view was looked up with (`R.id.et_phone` → `et_phone`).
    hint: Option<Arc<str>>,
    callable: Option<Callable>,
    /// The result of a source API itself (a `Task<Location>`), not something
    /// computed from it: callbacks registered on it receive the data.
    producer: bool,
    /// A handle to what a block computes (`executor.submit(callable)`, `async { }`):
    /// awaiting it (`get()`, `await()`) hands back the block's value.
    pending: bool,
    /// The action an Intent or IntentFilter names (`new Intent(ACTION_X)`), as an
    /// entry key; [`ANY_ACTION`] when it may be several.
    action: Option<Arc<str>>,
    /// The app's class this object was created as (`new Redactor()`), when every
    /// way here agrees: its methods are that class's, not every override's.
    exact: Option<ClassId>,
}

/// A Retrofit base URL computed at run time.
const UNKNOWN_BASE_URL: &str = "?";

/// An endpoint's path resolved against a base URL as Retrofit does: a path with a
/// leading `/` replaces the base's path (`https://h.io/v3/` + `/user` is
/// `https://h.io/user`); another is appended to it.
fn join_url(base: &str, path: &str) -> String {
    if let Some(rest) = path.strip_prefix('/') {
        let host_end = base
            .find("://")
            .map(|s| s + 3)
            .and_then(|s| base[s..].find('/').map(|i| s + i))
            .unwrap_or(base.len());
        return format!("{}/{rest}", &base[..host_end]);
    }
    format!("{base}{path}")
}

/// The action of an Intent or IntentFilter that may name any.
const ANY_ACTION: &str = "*";

/// The pseudo-field of a Room DAO that holds the rows stored through it.
const DAO_ROWS: &str = "<rows>";
/// Under a DAO: the rows it wrote to tables of the app's entities, for its queries
/// whose tables are not known here.
const DAO_TABLES: &str = "<tables>";

impl Val {
    /// A value made of these taints (duplicates joined), nothing else.
    fn of_taints<'t>(taints: impl IntoIterator<Item = &'t Taint>) -> Val {
        let mut v = Val::default();
        for t in taints {
            v.add_taint(*t);
        }
        v
    }

    fn constant() -> Val {
        Val {
            is_const: true,
            ..Val::default()
        }
    }

    /// The default value: what reading no summary gives.
    fn is_nothing(&self) -> bool {
        self.taint.is_empty()
            && self.url.is_none()
            && self.url_param.is_none()
            && self.resource.is_none()
            && !self.is_const
            && !self.explicit_intent
            && self.intent_target.is_none()
            && self.hint.is_none()
            && self.callable.is_none()
            && !self.producer
            && !self.pending
            && self.action.is_none()
    }

    fn has_source(&self) -> bool {
        self.taint
            .iter()
            .any(|t| matches!(t.origin, Origin::Source(_)))
    }

    fn add_taint(&mut self, t: Taint) -> bool {
        if self.taint.iter().any(|x| {
            x.origin == t.origin && x.field == t.field && x.sub == t.sub && x.entry_of == t.entry_of
        }) {
            return false;
        }
        self.taint.push(t);
        true
    }

    /// Joins another value into this one (both paths may have run).
    fn join(&mut self, other: &Val) -> bool {
        let mut changed = false;
        for t in &other.taint {
            changed |= self.add_taint(*t);
        }
        if self.url.is_none() && other.url.is_some() {
            self.url = other.url.clone();
            changed = true;
        }
        if self.url_param.is_none() && other.url_param.is_some() {
            self.url_param = other.url_param;
            changed = true;
        }
        if self.resource.is_none() && other.resource.is_some() {
            self.resource = other.resource;
            changed = true;
        }
        if self.hint.is_none() && other.hint.is_some() {
            self.hint = other.hint.clone();
        }
        self.is_const &= other.is_const;
        self.explicit_intent &= other.explicit_intent;
        if self.intent_target.is_none() {
            self.intent_target = other.intent_target;
        }
        if self.callable.is_none() {
            self.callable = other.callable;
        }
        self.producer |= other.producer;
        self.pending |= other.pending;
        if self.exact.is_some() && self.exact != other.exact {
            self.exact = None;
            changed = true;
        }
        match (&self.action, &other.action) {
            (None, Some(a)) => self.action = Some(a.clone()),
            (Some(a), Some(b)) if a != b => self.action = Some(ANY_ACTION.into()),
            _ => {}
        }
        changed
    }

    /// Adds what was stored into this container (`list.add(x)`): its taints and URL,
    /// keeping the container's own facts.
    fn absorb(&mut self, stored: &Val) {
        for t in &stored.taint {
            self.add_taint(*t);
        }
        if self.url.is_none() {
            self.url = stored.url.clone();
        }
        self.url_param = self.url_param.or(stored.url_param);
        self.is_const = false;
        self.producer = false;
    }

    /// Only what outlives the function: source taints and facts.
    fn global_part(&self) -> Val {
        let mut v = self.clone();
        v.taint.retain(|t| matches!(t.origin, Origin::Source(_)));
        // A key parameter means nothing outside its function.
        for t in &mut v.taint {
            t.entry_of = None;
        }
        v.callable = None;
        v.url_param = None;
        v
    }
}

#[derive(Clone, Debug, Default)]
struct Env {
    vars: HashMap<Arc<str>, Val>,
    live: bool,
}

impl Env {
    fn join(&mut self, other: &Env) {
        if !other.live {
            return;
        }
        if !self.live {
            *self = other.clone();
            return;
        }
        for (k, v) in &other.vars {
            match self.vars.get_mut(k) {
                Some(mine) => {
                    mine.join(v);
                }
                None => {
                    self.vars.insert(k.clone(), v.clone());
                }
            }
        }
    }

    fn origins(&self) -> usize {
        self.vars.values().map(|v| v.taint.len()).sum()
    }
}

type FieldKey = (ClassId, Arc<str>);

/// A sink a summary reaches: the trace inside the function, the sink, the guesses the
/// way rests on, and the class `this` must be for the way to run (see
/// [`Summary::sinks`]).
type SinkEntry = (TraceId, SinkSite, u8, Option<ClassId>, Option<Guard>);

/// A condition a summary's sink runs under: the parameter holds one of these
/// constants (`when (priority) { Log.DEBUG -> Log.d(tag, msg) }`), each written as
/// [`Frame::constant_key`] writes it. A call that passes another constant does not
/// reach the sink.
/// Or, for a default arm (`negated`), none of them.
type Guard = (u16, Arc<[Arc<str>]>, bool);

#[derive(Default, Clone)]
struct Summary {
    ret: Val,
    /// (symbolic origin, sink location) → trace inside the callee, sink, the
    /// guesses the way inside the callee rests on (see [`MAX_GUESSES`]), the
    /// class `this` must be for the way to run: it goes through an override in that
    /// subclass (`log()` calling the `logLevel()` of each anonymous level object),
    /// and the constant a parameter must hold for it to run (see [`Guard`]).
    sinks: HashMap<(Origin, Span), SinkEntry>,
    /// (symbolic origin, where in what is stored it is, field) → trace: stored into a
    /// class-wide field (`job.batch = batch; QUEUE.add(job)`: the parameter is the
    /// stored object's `batch`).
    field_writes: HashMap<(Origin, Path, FieldKey), TraceId>,
    /// What the function stores into the fields of its receiver, for classes whose
    /// fields are tracked per object: the caller's receiver (or new object) holds it.
    receiver_gets: HashMap<(FieldSym, Option<FieldSym>, Origin), TraceId>,
    /// What the function stores into an object a parameter names (`box.v = x`,
    /// `list.add(x)` on a parameter): (parameter, where in it, symbolic origin) →
    /// trace. The caller's argument holds it afterwards: the same object.
    param_gets: HashMap<(u16, Path, Origin), TraceId>,
    /// What an exception the function lets escape carries (`throw new E("bad " + id)`):
    /// the caller's handler catches it.
    thrown: Val,
    /// What the function broadcasts of what it was given: (action, symbolic origin,
    /// extra) → trace. The caller's data is broadcast.
    broadcasts: HashMap<(Arc<str>, Origin, Option<FieldSym>), TraceId>,
    /// What the function hands to the function values its parameters name
    /// (`cb(tm.imei)`): (parameter, origin) → trace. The caller's block receives it.
    invokes: HashMap<(u16, Origin), TraceId>,
    /// The parameters holding function values that the function calls
    /// (`block(url)` in `fun tryOnUrls(block: (String) -> Unit)`): a block handed
    /// there runs during the call, seeing what its caller's variables hold then.
    runs: HashSet<u16>,
    /// (parameter, field): the destination a parameter stream writes to is kept in a
    /// class-wide field (`out = new PrintWriter(os)`): writes to the field go where
    /// the caller's stream goes.
    field_resources: HashSet<(u16, FieldKey)>,
    /// What the function delivers of what it was given to one of the app's
    /// components (an Intent it builds and starts): (component, origin, extra) →
    /// trace. The caller's data is delivered.
    delivers: HashMap<(ClassId, Origin, Option<FieldSym>), TraceId>,
}

struct TraceNode {
    parent: Option<TraceId>,
    span: Span,
    message: Arc<str>,
    depth: u16,
}

#[derive(Default)]
struct Global {
    /// Shared: a call site reads its callee's summary while the caller's own grows.
    summaries: HashMap<FnId, Arc<Summary>>,
    fields: HashMap<FieldKey, Val>,
    captures: HashMap<Callable, HashMap<Arc<str>, Val>>,
    callback_taint: HashMap<FnId, Vec<Taint>>,
    sources: Vec<SourceInfo>,
    source_index: HashMap<(Span, String), SourceId>,
    traces: Vec<TraceNode>,
    /// (source, sink, emitting function) → flow
    flows: HashMap<(SourceId, Span, FnId), Flow>,
    calls: HashMap<FnId, HashSet<FnId>>,
    base_urls: Vec<Arc<str>>,
    field_syms: HashMap<Arc<str>, FieldSym>,
    /// The names of the field symbols, by symbol.
    field_names: Vec<Arc<str>>,
    /// The `@Provides` functions, by qualifier annotation (name and arguments); made
    /// when first needed.
    providers: std::sync::OnceLock<Providers>,
    /// Who read what: a change re-queues its readers.
    readers: HashMap<Dep, HashSet<FnId>>,
    /// Functions to analyse again in the next round.
    dirty: HashSet<FnId>,
    per_object: HashMap<ClassId, bool>,
    supertypes: HashMap<ClassId, Arc<[String]>>,
    /// What explicit Intents addressed to each of the app's components carry (and
    /// the arguments a fragment of the app is given).
    intents: HashMap<ClassId, Val>,
    /// What each of the app's activities hands back with `setResult`: the components
    /// that start it receive it in `onActivityResult`.
    results: HashMap<ClassId, Val>,
    /// Callbacks registered with `registerForActivityResult`.
    result_callbacks: HashSet<FnId>,
    /// The app's receivers registered in code, with the action they listen for.
    receivers: HashSet<(ClassId, Arc<str>)>,
    /// The app's components with an intent filter in a manifest, by action (as an
    /// entry key of its literal).
    filters: Vec<(ClassId, Arc<str>)>,
    /// The app's activities no other app can start (see [`Components`]).
    private_activities: HashSet<ClassId>,
    /// The app's disabled components (see [`Components`]).
    disabled: HashSet<ClassId>,
    /// What implicit broadcasts carry, by action.
    broadcasts: HashMap<Arc<str>, Val>,
    /// What the app stored in its preferences, by constant key (as an entry key).
    stored: HashMap<Arc<str>, Val>,
    /// Source–sink pairs seen only by ways longer than [`MAX_TRACE`] steps.
    too_long: HashSet<(SourceId, Span, FnId)>,
    /// Every call of a project function: (caller, name span, callee).
    call_sites: HashSet<(FnId, Span, FnId)>,
    /// The call sites that are references to a function (`this::onSave`), not calls.
    references: HashSet<(FnId, Span, FnId)>,
    /// Every start of one of the app's components by an explicit Intent:
    /// (caller, the start call's name span, the component).
    component_starts: HashSet<(FnId, Span, ClassId)>,
    /// Field symbols that name array elements (`[0]`, `[1]`).
    index_syms: HashSet<FieldSym>,
    /// Static types of the arguments a lambda is invoked with in place, for its
    /// parameters that declare none (`x.apply { }`, `x.let { it }`).
    lambda_arg_types: HashMap<FnId, Vec<Option<String>>>,
    /// Whether `writes` is kept (the analysis is to be resumed after edits).
    tracking: bool,
    /// What each function wrote besides its summary (see [`Global::wrote`]).
    writes: HashMap<FnId, HashSet<Dep>>,
    /// Sources collected by functions analysed again after an edit and not
    /// collected again: left out of the report.
    dead_sources: HashSet<SourceId>,
    /// The functions that found each source (kept with `writes`).
    source_creators: HashMap<SourceId, Vec<FnId>>,
}

/// Global facts a function's analysis depends on.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Dep {
    Summary(FnId),
    Field(FieldKey),
    Capture(Callable),
    Callback(FnId),
    Intent(ClassId),
    Results,
    Broadcasts,
    BaseUrl,
    /// What the app stored in its preferences under a constant key.
    Stored(Arc<str>),
}

impl Global {
    /// `writer` wrote to (joined something into) `dep`: remembered when the analysis
    /// is to be resumed after an edit, so that what an edited function wrote can be
    /// taken back.
    fn wrote(&mut self, writer: FnId, dep: impl FnOnce() -> Dep) {
        if self.tracking {
            self.writes.entry(writer).or_default().insert(dep());
        }
    }

    /// Forgets a fact, for its writers to write it again (see [`Resumable::resume`]).
    fn clear(&mut self, dep: &Dep) {
        match dep {
            Dep::Summary(f) => {
                self.summaries.remove(f);
            }
            Dep::Field(k) => {
                self.fields.remove(k);
            }
            Dep::Capture(c) => {
                self.captures.remove(c);
            }
            Dep::Callback(f) => {
                self.callback_taint.remove(f);
                self.result_callbacks.remove(f);
                self.lambda_arg_types.remove(f);
            }
            Dep::Intent(c) => {
                self.intents.remove(c);
            }
            Dep::Results => self.results.clear(),
            Dep::Broadcasts => {
                self.broadcasts.clear();
                self.receivers.clear();
            }
            Dep::BaseUrl => self.base_urls.clear(),
            Dep::Stored(key) => {
                self.stored.remove(key);
            }
        }
    }

    fn read(&mut self, dep: Dep, reader: FnId) {
        self.readers.entry(dep).or_default().insert(reader);
    }

    /// Something others may have read changed: analyse them again.
    fn touch(&mut self, dep: &Dep) {
        if let Some(r) = self.readers.get(dep) {
            self.dirty.extend(r.iter().copied());
        }
    }

    /// Calls `f` on every trace step a fact refers to (the flows found keep their
    /// steps written out).
    fn visit_traces(&mut self, f: &mut impl FnMut(&mut TraceId)) {
        fn val(v: &mut Val, f: &mut impl FnMut(&mut TraceId)) {
            for t in &mut v.taint {
                f(&mut t.trace);
            }
        }
        for s in self.summaries.values_mut() {
            let s = Arc::make_mut(s);
            val(&mut s.ret, f);
            val(&mut s.thrown, f);
            s.sinks.values_mut().for_each(|(t, ..)| f(t));
            s.field_writes.values_mut().for_each(&mut *f);
            s.receiver_gets.values_mut().for_each(&mut *f);
            s.param_gets.values_mut().for_each(&mut *f);
            s.broadcasts.values_mut().for_each(&mut *f);
            s.invokes.values_mut().for_each(&mut *f);
            s.delivers.values_mut().for_each(&mut *f);
        }
        for v in self.fields.values_mut() {
            val(v, f);
        }
        for vars in self.captures.values_mut() {
            vars.values_mut().for_each(|v| val(v, f));
        }
        for taints in self.callback_taint.values_mut() {
            taints.iter_mut().for_each(|t| f(&mut t.trace));
        }
        let objects = self.intents.values_mut().chain(self.results.values_mut());
        let objects = objects.chain(self.stored.values_mut());
        for v in objects.chain(self.broadcasts.values_mut()) {
            val(v, f);
        }
    }

    /// Drops the trace steps no fact refers to any more (those of facts taken back
    /// after edits), renumbering the rest in order.
    fn compact_traces(&mut self) {
        let traces = std::mem::take(&mut self.traces);
        let mut live = vec![false; traces.len()];
        self.visit_traces(&mut |t| {
            let mut cur = Some(*t);
            while let Some(c) = cur {
                match live.get_mut(c as usize) {
                    Some(seen) if !*seen => *seen = true,
                    _ => break,
                }
                cur = traces[c as usize].parent;
            }
        });
        // Parents come before their children: renumbered by the time a child is.
        let mut renumbered = vec![0; traces.len()];
        for (i, node) in traces.into_iter().enumerate() {
            if live[i] {
                renumbered[i] = self.traces.len() as TraceId;
                let parent = node.parent.map(|p| renumbered[p as usize]);
                self.traces.push(TraceNode { parent, ..node });
            }
        }
        self.visit_traces(&mut |t| *t = renumbered.get(*t as usize).copied().unwrap_or(0));
    }

    fn field_sym(&mut self, name: &str) -> FieldSym {
        if let Some(&sym) = self.field_syms.get(name) {
            return sym;
        }
        let sym = self.field_syms.len() as FieldSym;
        let name: Arc<str> = name.into();
        self.field_syms.insert(name.clone(), sym);
        self.field_names.push(name);
        sym
    }

    /// The id of a source `creator`'s analysis found (described by `info`).
    fn source(&mut self, info: SourceInfo, creator: FnId) -> SourceId {
        let key = (info.span, info.category.clone());
        if let Some(&id) = self.source_index.get(&key) {
            if self.tracking {
                let creators = self.source_creators.entry(id).or_default();
                if !creators.contains(&creator) {
                    creators.push(creator);
                }
            }
            let held = &mut self.sources[id as usize];
            if self.dead_sources.remove(&id) || describes_first(&info, held) {
                *held = info;
            }
            return id;
        }
        if self.tracking {
            self.source_creators
                .insert(self.sources.len() as SourceId, vec![creator]);
        }
        self.sources.push(info);
        let id = (self.sources.len() - 1) as SourceId;
        self.source_index.insert(key, id);
        id
    }
}

/// What the manifests say of the app's components.
#[derive(Debug, Default)]
pub struct Components {
    /// The components whose intent filters name actions.
    pub filters: Vec<(ClassId, Vec<String>)>,
    /// The activities no other app can start: what they hand back with `setResult`
    /// goes to the app itself.
    pub private_activities: Vec<ClassId>,
    /// The components the manifests disable: they run only if the app enables one
    /// (`setComponentEnabledSetting`).
    pub disabled: Vec<ClassId>,
}

/// Found by several functions, or several ways, a source is described as the first
/// of them in the program's order (and of the descriptions) says, whichever ran first:
/// whether `info` comes before what `held` says.
fn describes_first(info: &SourceInfo, held: &SourceInfo) -> bool {
    (info.function, &info.description) < (held.function, &held.description)
}

/// Runs the taint analysis over the whole program.
pub fn analyze(program: &Program, knowledge: &Knowledge, components: &Components) -> Analysis {
    let (analysis, global, _) = run(program, knowledge, components, false);
    // Freeing the facts (hundreds of thousands of trace steps on a large app) takes a
    // noticeable part of the analysis; nothing waits for it.
    std::thread::spawn(move || drop(global));
    analysis
}

/// The analysis from scratch; `tracking`: keep who wrote what, to resume it.
fn run(
    program: &Program,
    knowledge: &Knowledge,
    components: &Components,
    tracking: bool,
) -> (Analysis, Global, Vec<FnId>) {
    let mut global = new_global(components);
    global.tracking = tracking;
    // Beside the first order (one thread's work): whole-program facts nearly every
    // analysis asks for, worked out once, so that no function waits for them.
    let ((mut functions, guessed), ()) = rayon::join(
        || first_order(program, &mut global),
        || {
            rayon::join(
                || program.assigns_name(""),
                || program.planted(0, &knowledge.planters).for_each(drop),
            );
        },
    );
    fixpoint(
        program,
        knowledge,
        &mut global,
        &mut functions,
        Some(&guessed),
    );
    (report(program, knowledge, &global), global, functions)
}

/// A taint analysis kept after it ran, to be resumed after edits: the facts of the
/// whole program, with who wrote each, so that an edit costs the functions it can
/// change rather than the whole program again.
pub struct Resumable {
    global: Global,
    functions: Vec<FnId>,
    /// Trace steps after the last analysis from scratch: an arena that only grows,
    /// so past twice this it is compacted, and past twice this after compaction a
    /// resumption is refused (analyse from scratch instead).
    traces_at_start: usize,
}

/// What changed in one module since the analysis: all its functions are analysed
/// again (`functions_before`: how many it had then).
pub struct ModuleEdit {
    pub module: u32,
    pub functions_before: u32,
}

/// [`analyze`], keeping what it takes to resume after edits.
pub fn analyze_resumable(
    program: &Program,
    knowledge: &Knowledge,
    components: &Components,
) -> (Analysis, Resumable) {
    let (analysis, global, functions) = run(program, knowledge, components, true);
    let traces_at_start = global.traces.len();
    (
        analysis,
        Resumable {
            global,
            functions,
            traces_at_start,
        },
    )
}

impl Resumable {
    /// Whether a resumption is still worth it (see `traces_at_start`): the trace
    /// arena is compacted first when it has grown past twice its size.
    pub fn fresh(&mut self) -> bool {
        let limit = 2 * self.traces_at_start.max(100_000);
        if self.global.traces.len() > limit {
            self.compact();
        }
        self.global.traces.len() <= limit
    }

    /// Drops the trace steps no fact refers to any more.
    pub fn compact(&mut self) {
        self.global.compact_traces();
    }

    /// Analyses again after edits that changed the bodies of functions only: the
    /// modules' classes, fields, signatures and what they create are as before
    /// (checked by the caller), and `program` holds the edited modules.
    ///
    /// What the edited functions wrote, and everything derived from it, is taken
    /// back (the functions that read it are analysed again, and so on); a fact that
    /// others wrote too is cleared and their writers run again. The rest stands.
    pub fn resume(
        &mut self,
        program: &Program,
        knowledge: &Knowledge,
        edits: &[ModuleEdit],
    ) -> Analysis {
        let g = &mut self.global;
        let mut affected: HashSet<FnId> = HashSet::default();
        let mut stack: Vec<FnId> = Vec::new();
        for e in edits {
            let now = program.module(e.module).functions.len() as u32;
            for func in 0..e.functions_before.max(now) {
                stack.push(FnId {
                    module: e.module,
                    func: func as FuncIdx,
                });
            }
        }
        // A field or captured variable that holds nothing (no data, no callback) is
        // left as it is: an affected writer that now stores something in it changes
        // it, and that wakes its readers then. (Thousands of functions read an
        // activity's `viewModel`.)
        let holds_nothing = |g: &Global, dep: &Dep| match dep {
            Dep::Field(k) => g.fields.get(k).is_some_and(Val::is_nothing),
            Dep::Capture(c) => g
                .captures
                .get(c)
                .is_some_and(|vars| vars.values().all(Val::is_nothing)),
            _ => false,
        };
        // Everything that read what an affected function wrote is affected.
        while let Some(f) = stack.pop() {
            if !affected.insert(f) {
                continue;
            }
            let written = g.writes.get(&f).into_iter().flatten();
            let written = written.filter(|d| !holds_nothing(g, d));
            for dep in std::iter::once(&Dep::Summary(f)).chain(written) {
                for &r in g.readers.get(dep).into_iter().flatten() {
                    if !affected.contains(&r) {
                        stack.push(r);
                    }
                }
            }
        }
        let mut cleared: HashSet<Dep> = HashSet::default();
        for f in &affected {
            cleared.insert(Dep::Summary(*f));
            if let Some(w) = g.writes.remove(f) {
                let kept: Vec<Dep> = w.into_iter().filter(|d| !holds_nothing(g, d)).collect();
                cleared.extend(kept);
            }
        }
        // Others that wrote into a cleared fact write it again.
        let mut rerun = affected.clone();
        for (w, deps) in &g.writes {
            if deps.iter().any(|d| cleared.contains(d)) {
                rerun.insert(*w);
            }
        }
        for dep in &cleared {
            g.clear(dep);
        }
        for f in &affected {
            g.calls.remove(f);
        }
        g.flows
            .retain(|(_, _, emitter), _| !affected.contains(emitter));
        g.too_long
            .retain(|(_, _, emitter)| !affected.contains(emitter));
        g.call_sites
            .retain(|(caller, _, _)| !affected.contains(caller));
        g.references
            .retain(|(caller, _, _)| !affected.contains(caller));
        g.component_starts
            .retain(|(caller, _, _)| !affected.contains(caller));
        // A source an affected function found is found again by whoever still
        // finds it (its description is the first finder's).
        for (&id, creators) in g.source_creators.iter_mut() {
            if creators.iter().any(|f| affected.contains(f)) {
                g.dead_sources.insert(id);
                creators.retain(|f| !affected.contains(f));
                rerun.extend(creators.iter().copied());
            }
        }
        let profile = std::env::var_os("PIITRACE_PROFILE").is_some();
        if profile {
            eprintln!(
                "piitrace: resuming: {} functions affected, {} analysed again",
                affected.len(),
                rerun.len()
            );
        }
        g.dirty = rerun;
        // Functions the edits added come last; the order is a matter of speed only.
        let known: HashSet<FnId> = self.functions.iter().copied().collect();
        self.functions
            .extend(program.all_functions().filter(|f| !known.contains(f)));
        self.functions
            .retain(|f| (f.func as usize) < program.module(f.module).functions.len());
        fixpoint(program, knowledge, g, &mut self.functions, None);
        report(program, knowledge, g)
    }
}

/// The source data among `taints` (not what depends on a caller), if any.
fn source_data(taints: Vec<Taint>) -> Option<Val> {
    let mut v = Val::default();
    for t in taints
        .into_iter()
        .filter(|t| matches!(t.origin, Origin::Source(_)))
    {
        v.add_taint(t);
    }
    (!v.taint.is_empty()).then_some(v)
}

fn new_global(components: &Components) -> Global {
    Global {
        private_activities: components.private_activities.iter().copied().collect(),
        disabled: components.disabled.iter().copied().collect(),
        filters: components
            .filters
            .iter()
            .flat_map(|(c, actions)| {
                actions
                    .iter()
                    .map(move |a| (*c, Arc::from(format!("#{a}"))))
            })
            .collect(),
        ..Global::default()
    }
}

/// Every function, callees before callers as far as a first guess goes, all queued;
/// and the call graph guessed.
fn first_order(program: &Program, global: &mut Global) -> (Vec<FnId>, CallGraph) {
    let functions: Vec<FnId> = program.all_functions().collect();
    let started = std::time::Instant::now();
    // Callees before callers from the start, by a call graph guessed from names
    // (the real one is known after the first round): fewer functions see a callee's
    // summary change after they ran.
    let guessed = calls_by_name(program, &functions);
    let functions = bottom_up(&functions, &guessed);
    global.dirty = functions.iter().copied().collect();
    global.summaries.reserve(functions.len());
    if std::env::var_os("PIITRACE_PROFILE").is_some() {
        eprintln!(
            "piitrace: first order {:.3}s",
            started.elapsed().as_secs_f64()
        );
    }
    (functions, guessed)
}

/// Calls between project functions: caller → callees.
type CallGraph = HashMap<FnId, HashSet<FnId>>;

/// `functions` (in their order) by level: a function comes one level after the
/// latest of what it needs that comes before it: its callees (their summaries) and
/// the function it is written in (the variables it captures). What comes after it,
/// as in recursion, is left out. No function needs another of its own level, so a
/// level's functions can be analysed side by side.
fn levels(program: &Program, functions: &[FnId], calls: &CallGraph) -> Vec<Vec<FnId>> {
    let position: HashMap<FnId, usize> =
        functions.iter().enumerate().map(|(i, &f)| (f, i)).collect();
    let mut level = vec![0usize; functions.len()];
    let mut out: Vec<Vec<FnId>> = Vec::new();
    for (i, f) in functions.iter().enumerate() {
        let callees = calls.get(f).into_iter().flatten();
        let enclosing = program.enclosing_function(*f);
        let needs = callees.chain(enclosing.as_ref());
        let before = needs.filter_map(|c| position.get(c)).filter(|&&p| p < i);
        level[i] = before.map(|&p| level[p] + 1).max().unwrap_or(0);
        if out.len() <= level[i] {
            out.resize_with(level[i] + 1, Vec::new);
        }
        out[level[i]].push(*f);
    }
    out
}

/// One function analysed against the committed facts: what it adds to them.
fn analyse_one(program: &Program, knowledge: &Knowledge, global: &Global, f: FnId) -> Delta {
    let mut frame = Frame::new(program, knowledge, global, f);
    frame.run();
    std::mem::take(&mut frame.g.d)
}

/// Analyses the dirty functions, and those whose inputs they change, until nothing
/// changes; `functions` is every function in the order to analyse them, which the
/// call graph found refines. Each round goes by [`levels`], of the `guessed` call
/// graph in the first round when there is one (an analysis from scratch), of the one
/// found after that.
fn fixpoint(
    program: &Program,
    knowledge: &Knowledge,
    global: &mut Global,
    functions: &mut Vec<FnId>,
    guessed: Option<&CallGraph>,
) {
    let profile = std::env::var_os("PIITRACE_PROFILE").is_some();
    let started = std::time::Instant::now();
    for round in 0..MAX_ROUNDS {
        let started = std::time::Instant::now();
        if round == 1 {
            // Callees before callers: summaries are ready when their callers need them.
            *functions = bottom_up(functions, &global.calls);
        }
        let levels = match guessed {
            Some(guessed) if round == 0 => levels(program, functions, guessed),
            _ => levels(program, functions, &global.calls),
        };
        // Each round analyses the functions whose inputs changed, level by level.
        let todo = std::mem::take(&mut global.dirty);
        let mut analysed = 0;
        let mut par_time = std::time::Duration::ZERO;
        let mut commit_time = std::time::Duration::ZERO;
        for level in levels {
            // Inputs changed before this round, or at an earlier level of it: analysed
            // now, with what they depend on as it stands (a change after this reruns
            // it next round).
            let batch: Vec<FnId> = level
                .into_iter()
                .filter(|f| todo.contains(f) | global.dirty.remove(f))
                .filter(|&f| {
                    let func = program.function(f);
                    func.has_body && !func.runs_in_place
                })
                .collect();
            analysed += batch.len();
            let t0 = std::time::Instant::now();
            let shared: &Global = global;
            let mut deltas: Vec<Delta> = batch
                .par_iter()
                .with_min_len(8)
                .map(|&f| analyse_one(program, knowledge, shared, f))
                .collect();
            // What the whole level read first: a function that read a fact another
            // of its level changes runs again.
            for (&f, d) in batch.iter().zip(&mut deltas) {
                global.note_reads(f, &mut d.reads);
            }
            let t1 = std::time::Instant::now();
            for (f, d) in batch.into_iter().zip(deltas) {
                global.commit(f, d);
            }
            par_time += t1 - t0;
            commit_time += t1.elapsed();
        }
        if profile {
            eprintln!(
                "piitrace: round {round}: {analysed} functions, {:.3}s (analyse {:.3}s, commit {:.3}s), {} trace steps, {} flows",
                started.elapsed().as_secs_f64(),
                par_time.as_secs_f64(),
                commit_time.as_secs_f64(),
                global.traces.len(),
                global.flows.len()
            );
        }
        if global.dirty.is_empty() {
            break;
        }
    }
    if profile {
        eprintln!("piitrace: fixpoint {:.3}s", started.elapsed().as_secs_f64());
    }
}

/// The flows found, from functions that can run, one per source and sink (the
/// shortest way), with the sources they start from.
fn report(program: &Program, knowledge: &Knowledge, global: &Global) -> Analysis {
    let reachable = reachable_functions(program, global, &unheard_listeners(program, knowledge));
    // Sources still collected, renumbered without the dead ones.
    let mut renumbered: Vec<Option<SourceId>> = Vec::with_capacity(global.sources.len());
    let mut sources = Vec::with_capacity(global.sources.len());
    for (id, s) in global.sources.iter().enumerate() {
        if global.dead_sources.contains(&(id as SourceId)) {
            renumbered.push(None);
        } else {
            renumbered.push(Some(sources.len() as SourceId));
            sources.push(s.clone());
        }
    }
    let mut best: HashMap<(SourceId, Span), &Flow> = HashMap::default();
    for ((source, sink, emitter), flow) in &global.flows {
        if !reachable.contains(emitter) {
            continue;
        }
        let entry = best.entry((*source, *sink)).or_insert(flow);
        // The shortest way; of ways as long, the first by where they go.
        let spans = |f: &Flow| f.steps.iter().map(|s| s.span).collect::<Vec<_>>();
        let shorter = flow.steps.len().cmp(&entry.steps.len());
        if shorter.then_with(|| spans(flow).cmp(&spans(entry))).is_lt() {
            *entry = flow;
        }
    }
    let mut flows: Vec<Flow> = best
        .into_values()
        .filter_map(|f| {
            let source = renumbered[f.source as usize]?;
            Some(Flow {
                source,
                ..f.clone()
            })
        })
        .collect();
    drop_shadowed_name_sources(&mut flows, &sources);
    let constant = constant_parameters(program, global, &sources);
    flows.retain(|f| !constant.contains(&f.source));
    flows.sort_by_key(|f| (f.sink.span, sources[f.source as usize].span));
    let reported: HashSet<(SourceId, Span)> =
        flows.iter().map(|f| (f.source, f.sink.span)).collect();
    let too_long: HashSet<(SourceId, Span)> = global
        .too_long
        .iter()
        .filter(|(_, _, emitter)| reachable.contains(emitter))
        .filter_map(|&(s, span, _)| Some((renumbered[s as usize]?, span)))
        .filter(|k| !reported.contains(k))
        .collect();
    let mut call_sites: Vec<(FnId, Span, FnId)> = global.call_sites.iter().copied().collect();
    call_sites.sort();
    let mut component_starts: Vec<(FnId, Span, ClassId)> =
        global.component_starts.iter().copied().collect();
    component_starts.sort();
    Analysis {
        sources,
        flows,
        unreported_long_flows: too_long.len(),
        call_sites,
        references: global.references.clone(),
        component_starts,
        reachable,
    }
}

/// Parameters classified by their name that every call in the app gives a literal
/// or a constant (`sendEmail(activity, "dev@example.org")`, `CRASH_REPORT_ADDRESS`):
/// the name says nothing of data that is written in the code. Functions others may
/// call (overrides, functions passed by reference) keep their sources.
fn constant_parameters(
    program: &Program,
    global: &Global,
    sources: &[SourceInfo],
) -> HashSet<SourceId> {
    let mut out = HashSet::default();
    let mut constants = Constants {
        program,
        names: None,
    };
    let mut callers: Option<HashMap<FnId, Vec<(FnId, Span)>>> = None;
    for (id, s) in sources.iter().enumerate() {
        if s.kind != SourceKind::Name || !s.description.starts_with("parameter `") {
            continue;
        }
        let func = program.function(s.function);
        let Some(index) = func.params.iter().position(|p| p.span == s.span) else {
            continue;
        };
        if func.annotations.iter().any(|a| a.name == "Override") {
            continue;
        }
        let callers = callers.get_or_insert_with(|| {
            let mut by_callee: HashMap<FnId, Vec<(FnId, Span)>> = HashMap::default();
            for &(caller, at, callee) in &global.call_sites {
                by_callee.entry(callee).or_default().push((caller, at));
            }
            by_callee
        });
        let Some(sites) = callers.get(&s.function) else {
            continue;
        };
        let all_constant = sites.iter().all(|&(caller, at)| {
            call_at(program, caller, at).is_some_and(|call| {
                argument_expr(func, &call.args, call.args.len(), index)
                    .is_some_and(|a| constants.holds(a))
            })
        });
        if all_constant {
            out.insert(id as SourceId);
        }
    }
    out
}

/// Which expressions are written in the code: literals, and the names of the app's
/// constants (`static final` fields and `const val`s initialised with a literal,
/// when no other field has that name), found once when first asked.
struct Constants<'p> {
    program: &'p Program,
    names: Option<HashSet<&'p str>>,
}

impl<'p> Constants<'p> {
    fn holds(&mut self, e: &Expr) -> bool {
        let name = match &e.kind {
            ExprKind::Literal(_) => return true,
            ExprKind::Name(n) | ExprKind::Field { name: n, .. } => n.as_str(),
            ExprKind::Path(p) => p.rsplit(['.', ':']).next().unwrap_or(p),
            _ => return false,
        };
        let program = self.program;
        let names = self.names.get_or_insert_with(|| {
            let mut constant = HashSet::default();
            let mut other = HashSet::default();
            for m in &program.modules {
                for f in m.classes.iter().flat_map(|c| &c.fields) {
                    let literal = f.is_static
                        && f.is_final
                        && matches!(f.init.as_ref().map(|e| &e.kind), Some(ExprKind::Literal(_)));
                    match literal {
                        true => constant.insert(f.name.as_str()),
                        false => other.insert(f.name.as_str()),
                    };
                }
            }
            constant.retain(|n| !other.contains(n));
            constant
        });
        names.contains(name)
    }
}

/// The call whose name is at `at` in a function of the caller's file (the caller
/// itself, or a block it ran in place). (Not an object's creation: deserialisers make
/// objects too, with what the data holds.)
fn call_at(program: &Program, caller: FnId, at: Span) -> Option<&Call> {
    fn find(body: &[Stmt], at: Span) -> Option<&Call> {
        let mut found = None;
        walk_exprs(body, &mut |e| {
            if let ExprKind::Call(c) = &e.kind {
                if c.name_span == at && found.is_none() {
                    found = Some(c);
                }
            }
        });
        found
    }
    let module = &program.modules[caller.module as usize];
    find(&program.function(caller).body, at)
        .or_else(|| module.functions.iter().find_map(|f| find(&f.body, at)))
}

/// Calls between project functions as far as names and arities tell: a guess, good
/// enough to order the first round. Names shared by many functions (`get`, `invoke`)
/// are left out: they say little about which one is called.
fn calls_by_name(program: &Program, functions: &[FnId]) -> HashMap<FnId, HashSet<FnId>> {
    const TOO_COMMON: usize = 4;
    let mut by_name: HashMap<(&str, usize), Vec<FnId>> = HashMap::default();
    for &f in functions {
        let func = program.function(f);
        by_name
            .entry((func.name.as_str(), func.params.len()))
            .or_default()
            .push(f);
    }
    let mut calls: HashMap<FnId, HashSet<FnId>> = HashMap::default();
    for &f in functions {
        let mut callees = HashSet::default();
        walk_exprs(&program.function(f).body, &mut |e| {
            if let ExprKind::Call(call) = &e.kind {
                match by_name.get(&(call.name.as_str(), call.args.len())) {
                    Some(c) if c.len() <= TOO_COMMON => callees.extend(c.iter().copied()),
                    _ => {}
                }
            }
        });
        if !callees.is_empty() {
            calls.insert(f, callees);
        }
    }
    calls
}

/// The functions in post-order of the call graph (callees first), ties in their
/// original order.
fn bottom_up(functions: &[FnId], calls: &HashMap<FnId, HashSet<FnId>>) -> Vec<FnId> {
    let mut seen: HashSet<FnId> = HashSet::default();
    let mut order = Vec::with_capacity(functions.len());
    for &root in functions {
        if !seen.insert(root) {
            continue;
        }
        // Iterative DFS: (function, its callees still to visit).
        let mut stack: Vec<(FnId, Vec<FnId>)> = vec![(root, sorted_callees(calls, root))];
        while let Some((f, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(c) => {
                    if seen.insert(c) {
                        let next = sorted_callees(calls, c);
                        stack.push((c, next));
                    }
                }
                None => {
                    order.push(*f);
                    stack.pop();
                }
            }
        }
    }
    order
}

fn sorted_callees(calls: &HashMap<FnId, HashSet<FnId>>, f: FnId) -> Vec<FnId> {
    let mut v: Vec<FnId> = calls.get(&f).into_iter().flatten().copied().collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v
}

/// A name-classified value that a platform source of the same category reaches the
/// same sink through is the same data: report the collection point only.
fn drop_shadowed_name_sources(flows: &mut Vec<Flow>, sources: &[SourceInfo]) {
    // What the app identifies its user by, where data of a known origin (a source, or
    // a name) reaches the same call: that data is what it is.
    let known: HashSet<Span> = flows
        .iter()
        .filter(|f| !sources[f.source as usize].identifier)
        .map(|f| f.sink.span)
        .collect();
    flows.retain(|f| !sources[f.source as usize].identifier || !known.contains(&f.sink.span));
    // Several names along one way (`phone` → `mobile` → `contactPhone`) are one value:
    // keep the one furthest upstream (the longest way to the sink).
    // A name another's way passes through is downstream of it. Of those left, the
    // one written first: the choice must not depend on the order the analysis
    // found sources or ways in (an analysis resumed after an edit finds the same).
    let mut groups: HashMap<(Span, &str), Vec<usize>> = HashMap::default();
    for (i, f) in flows.iter().enumerate() {
        let s = &sources[f.source as usize];
        if s.kind == SourceKind::Name {
            groups
                .entry((f.sink.span, s.category.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut upstream: HashMap<(Span, &str), SourceId> = HashMap::default();
    for (key, members) in groups {
        let downstream = |i: usize| {
            let span = sources[flows[i].source as usize].span;
            members.iter().any(|&j| {
                flows[j].source != flows[i].source
                    && flows[j].steps.iter().skip(1).any(|s| s.span == span)
            })
        };
        let heads: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !downstream(i))
            .collect();
        let candidates = if heads.is_empty() { &members } else { &heads };
        if let Some(&first) = candidates.iter().min_by_key(|&&i| {
            let s = &sources[flows[i].source as usize];
            (s.span, s.description.as_str())
        }) {
            upstream.insert(key, flows[first].source);
        }
    }
    flows.retain(|f| {
        let s = &sources[f.source as usize];
        s.kind != SourceKind::Name
            || upstream.get(&(f.sink.span, s.category.as_str())) == Some(&f.source)
    });
    let collected: HashSet<(Span, &str)> = flows
        .iter()
        .filter(|f| sources[f.source as usize].kind != SourceKind::Name)
        .map(|f| (f.sink.span, sources[f.source as usize].category.as_str()))
        .collect();
    let keep: Vec<bool> = flows
        .iter()
        .map(|f| {
            let s = &sources[f.source as usize];
            s.kind != SourceKind::Name || !collected.contains(&(f.sink.span, s.category.as_str()))
        })
        .collect();
    let mut i = 0;
    flows.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Providers by qualifier: (annotation name, its arguments) → functions.
type Providers = HashMap<(String, Vec<String>), Vec<FnId>>;

/// The injector's providers (`@Provides`, `@Binds` functions) by each of their other
/// annotations, the qualifiers (`@Named("id")`, `@NamedDeviceId`).
fn providers(program: &Program) -> Providers {
    const PROVIDES: [&str; 2] = ["Provides", "Binds"];
    const NOT_QUALIFIERS: [&str; 6] = [
        "Provides",
        "Binds",
        "Singleton",
        "Reusable",
        "JvmStatic",
        "Override",
    ];
    let mut out = Providers::default();
    for f in program.all_functions() {
        let func = program.function(f);
        if !func
            .annotations
            .iter()
            .any(|a| PROVIDES.contains(&a.name.as_str()))
        {
            continue;
        }
        for a in &func.annotations {
            if !NOT_QUALIFIERS.contains(&a.name.as_str()) && !a.name.ends_with("Scoped") {
                out.entry((a.name.clone(), a.values.clone()))
                    .or_default()
                    .push(f);
            }
        }
    }
    out
}

/// The app's classes that are only listeners (their library supertypes are all
/// listener interfaces or [`app_made_types`](crate::knowledge)), that nothing outside
/// their package can see, and that the app never makes: no framework creates them,
/// so their methods never run unless the app's own code calls them. (A public one
/// may be made by code the scan does not see: another module, a library's user.)
fn unheard_listeners(program: &Program, k: &Knowledge) -> HashSet<ClassId> {
    let listener = |t: &str| {
        k.propagation.app_made_types.iter().any(|l| k.type_is(t, l))
            || k.sources
                .iter()
                .any(|s| s.kind == SpecKind::CallbackParam && k.type_is(t, &s.class))
    };
    program
        .all_classes()
        .filter(|(c, class)| {
            class.kind == ClassKind::Class && !class.exported && !program.made_by_app(*c)
        })
        .filter(|(c, _)| {
            let supers = program.external_supertypes(*c);
            !supers.is_empty() && supers.iter().all(|t| listener(t))
        })
        .map(|(c, _)| c)
        .collect()
}

/// Functions that can run: every non-private method (the framework or other code
/// may call it) but those of listeners nothing makes (see [`unheard_listeners`]),
/// private ones that a reachable function calls, and lambdas and anonymous-class
/// methods whose enclosing function is reachable.
fn reachable_functions(
    program: &Program,
    global: &Global,
    unheard: &HashSet<ClassId>,
) -> HashSet<FnId> {
    let mut reachable = HashSet::default();
    let mut stack = Vec::new();
    let mut dependents: HashMap<FnId, Vec<FnId>> = HashMap::default();
    // A component the manifest disables runs only if the app enables it.
    let enables = !global.disabled.is_empty() && enables_components(program);
    let disabled = |f: FnId| {
        !enables
            && program
                .class_of(f)
                .is_some_and(|c| program.enclosing(c).any(|x| global.disabled.contains(&x)))
    };
    for f in program.all_functions() {
        let func = program.function(f);
        if let Some(p) = program.enclosing_function(f) {
            dependents.entry(p).or_default().push(f);
            continue;
        }
        let unheard_listener = program.class_of(f).is_some_and(|c| unheard.contains(&c));
        if !func.is_private && !disabled(f) && !unheard_listener {
            stack.push(f);
        }
    }
    while let Some(f) = stack.pop() {
        if !reachable.insert(f) {
            continue;
        }
        for &c in global.calls.get(&f).into_iter().flatten() {
            stack.push(c);
        }
        for &d in dependents.get(&f).into_iter().flatten() {
            stack.push(d);
        }
    }
    reachable
}

/// Whether the app enables components at run time (`setComponentEnabledSetting`).
fn enables_components(program: &Program) -> bool {
    program.all_functions().any(|f| {
        let mut found = false;
        walk_exprs(&program.function(f).body, &mut |e| {
            if let ExprKind::Call(c) = &e.kind {
                found |= c.name == "setComponentEnabledSetting";
            }
        });
        found
    })
}

/// A call site at which a callee's summary is applied.
struct Instantiation<'v> {
    at: Span,
    passed: &'v str,
    recv: &'v Val,
    args: &'v [Val],
    /// The keys the arguments name, by parameter (see [`Taint::entry_of`]).
    keys: &'v [KeyArg],
    /// The callee's class: the declarations of the receiver's fields it reads.
    class: Option<ClassId>,
    /// The function called.
    callee: FnId,
}

/// How a call's receiver was written.
enum Receiver<'e> {
    /// `foo()` or `this.foo()`.
    Implicit,
    Super,
    /// A static call on a type (`Log.i`, `Settings.Secure.getString`).
    Type(String),
    /// A value, with its static type when known (computed once: receiver chains
    /// are typed link by link).
    Value(&'e Expr, Option<String>),
}

struct Frame<'a> {
    program: &'a Program,
    k: &'a Knowledge,
    /// The committed facts, and what this analysis adds to them.
    g: Local<'a>,
    f: FnId,
    class: Option<ClassId>,
    env: Env,
    local_types: HashMap<Arc<str>, String>,
    /// What the locals' values hold, where their types say (see [`Param::elem`]).
    local_elems: HashMap<Arc<str>, String>,
    params: HashMap<Arc<str>, u16>,
    summary: Summary,
    loop_exits: Vec<Env>,
    /// The iterables of the for-each loops being run: the variable declared from
    /// one takes its elements (and their type, when it is the only variable).
    element_lets: Vec<(Span, bool)>,
    this_root: Option<TraceId>,
    /// How many lambdas written here are being run in place (see `inline_lambda`).
    inlined: u32,
    /// How many blocks filling in an SDK's parameters are running (see
    /// `fill_sdk_blocks`).
    filling: u32,
    /// The object a chain of property reads is passing through, while it is read
    /// (see `chain_receiver`).
    passing_through: Option<Span>,
    /// The lambdas run in place so far, in order (see `run_relaying_blocks`).
    inlined_log: Vec<FnId>,
    /// The lambdas being run in place, innermost last: a block written in one of
    /// them (`run { run { .. } }`) is written here too.
    inlining: Vec<FnId>,
    /// What was thrown in the innermost `try` being analysed.
    thrown: Val,
    /// Whether a `return` with a value was seen (the first one sets the summary's
    /// value; later ones join it).
    returned: bool,
    /// Fields whose type is being inferred from their initialiser right now: an
    /// initialiser that names its own field (`val id = id.take(5)`, the parameter
    /// shadowed) must not be followed forever.
    typing_fields: std::cell::RefCell<Vec<(ClassId, String)>>,
    /// The same for captured locals typed by their initialisers.
    typing_captures: std::cell::RefCell<Vec<(FnId, String)>>,
    /// Locals that name the same object (`Box b = a;`): what is stored into one is
    /// in the other. Flow-insensitive within the function.
    aliases: HashMap<Arc<str>, Vec<Arc<str>>>,
    /// Where the object a local names was put (`list.add(item)`, `outer.put("k",
    /// inner)`, `this.current = b`, a callee keeping its parameter), and where in
    /// that holder: what is stored into the object later is there too. Forgotten
    /// when the local is assigned anew.
    holders: HashMap<Arc<str>, Vec<(Expr, Path, Span)>>,
    /// The steps of what was read from a subclass's slot of a class-wide field, by the
    /// field's name (see [`Frame::subclass_slots`]): not written back into another slot of
    /// that field.
    from_subclasses: HashMap<Arc<str>, HashSet<TraceId>>,
    /// How deep [`Frame::weak_update`] is following holders of holders.
    holding: u32,
    /// Calls (by their name's span) of project functions that return one of what
    /// they were given as it is (`same(b)`, a fluent `return this`): the parameter.
    identity_calls: HashMap<Span, u16>,
    /// Calls of project functions that take no parameters, by the call's name span:
    /// the getters among them return one field of their object as it is (`box()`
    /// returning `shared`, see [`Frame::returned_field`]), looked at only where such
    /// a call is stored into.
    parameterless_calls: HashMap<Span, Vec<FnId>>,
    /// While a callee's sinks are taken over: the class `this` must be for them to
    /// run (see [`Summary::sinks`]).
    via: Option<ClassId>,
    /// The arms of switches on a parameter being run, by the constants that
    /// select them (see [`Guard`]).
    guards: Vec<Guard>,
    /// While a callee's sinks are taken over: the guard each runs under here, in
    /// place of `guards` (see [`Frame::call_project`]).
    sink_guard: Option<Option<Guard>>,
    /// The receivers of the lambdas with receiver (and the extension function) that
    /// the innermost one hides, innermost last, with their types.
    outer_receivers: Vec<(Val, Option<String>)>,
}

/// What binding a variable for a block run in place hid.
struct Shadowed {
    name: Arc<str>,
    old: Option<Val>,
    old_ty: Option<String>,
    old_elem: Option<String>,
}

/// What a source API's entry says of the data besides its category.
#[derive(Default)]
struct Described {
    /// The name it is stored under refines its category.
    refinable: bool,
    /// The permissions the API itself needs, where they are not its category's.
    permissions: Option<Vec<String>>,
    /// See [`SourceInfo::identifier`].
    identifier: bool,
}

/// The name an outer lambda's receiver is read under, for a call that is its
/// rather than the innermost receiver's.
const OUTER_RECEIVER: &str = "$outer";

/// Lambdas run in place inside lambdas run in place, at most this deep.
const MAX_INLINE_DEPTH: u32 = 8;

impl<'a> Frame<'a> {
    fn new(program: &'a Program, k: &'a Knowledge, g: &'a Global, f: FnId) -> Frame<'a> {
        Frame {
            program,
            k,
            g: Local::new(g),
            f,
            class: program.class_of(f),
            env: Env {
                vars: HashMap::default(),
                live: true,
            },
            local_types: HashMap::default(),
            local_elems: HashMap::default(),
            params: HashMap::default(),
            summary: Summary::default(),
            loop_exits: Vec::new(),
            element_lets: Vec::new(),
            this_root: None,
            inlined: 0,
            filling: 0,
            passing_through: None,
            inlined_log: Vec::new(),
            inlining: Vec::new(),
            returned: false,
            thrown: Val::default(),
            typing_fields: std::cell::RefCell::new(Vec::new()),
            typing_captures: std::cell::RefCell::new(Vec::new()),
            aliases: HashMap::default(),
            holders: HashMap::default(),
            from_subclasses: HashMap::default(),
            holding: 0,
            identity_calls: HashMap::default(),
            parameterless_calls: HashMap::default(),
            via: None,
            guards: Vec::new(),
            sink_guard: None,
            outer_receivers: Vec::new(),
        }
    }

    /// A library method or constructor that runs the block it is handed
    /// (`thread { }`, `executor.execute(() -> ..)`): the block runs here, seeing what
    /// its variables hold now. For a call whose result stands for the block's value
    /// (`submit(callable)`, `async { }`), that value, marked pending.
    fn run_blocks(&mut self, call: &Call, span: Span, args: &[Val]) -> Option<Val> {
        let name = call.name.as_str();
        let simple = name.rsplit('.').next().unwrap_or(name);
        if !self.k.propagation.runs_block.contains(simple) || self.inlined >= MAX_INLINE_DEPTH {
            return None;
        }
        let valued = self.k.propagation.value_blocks.contains(simple);
        let mut value = Val::default();
        for a in args {
            match a.callable {
                Some(Callable::Lambda(l)) if self.written_here(l) => {
                    let ret = self.inline_lambda(l, &[], Vec::new());
                    value.join(&ret);
                }
                // `new Thread(new Runnable() { run() { .. } })` written here: its `run()`
                // runs here too, seeing what the variables it captures hold now (what
                // this function was given included, which a capture kept for later
                // does not carry).
                Some(Callable::Class(c)) if !valued && self.class_written_here(c) => {
                    let run = self.program.dispatch(c, "run", 0);
                    if let [r] = run[..] {
                        if self.program.class_of(r) == Some(c) {
                            self.inline_lambda(r, &[], Vec::new());
                        }
                    }
                }
                // `submit(new Callable<String>() { call() { .. } })`: what its
                // `call()` (a Supplier's `get()`) returns.
                Some(Callable::Class(c)) if valued => {
                    let targets: Vec<FnId> = ["call", "get"]
                        .iter()
                        .map(|m| self.program.dispatch(c, m, 0))
                        .find(|t| !t.is_empty())
                        .unwrap_or_default();
                    let run = Call {
                        receiver: None,
                        name: "call".into(),
                        args: vec![],
                        name_span: call.name_span,
                    };
                    let ret = self.call_project(&run, span, &targets, a, &[]);
                    value.join(&ret);
                }
                _ => {}
            }
        }
        valued.then(|| {
            value.callable = None;
            // What the block computed, not a source API's own result.
            value.producer = false;
            value.pending = true;
            value
        })
    }

    /// A block handed to a library function no runner above ran, which calls a
    /// function value this function was given (`ensureBackgroundThread {
    /// callback(read()) }`): the library runs it, sooner or later, so the data reaches
    /// the caller's block. Run here, its call of the function value is this function's.
    fn run_relaying_blocks(&mut self, args: &[Val], ran_before: usize) {
        if self.inlined >= MAX_INLINE_DEPTH {
            self.inlined_log.truncate(ran_before);
            return;
        }
        for a in args {
            let Some(Callable::Lambda(l)) = a.callable else {
                continue;
            };
            let ran = self.inlined_log.get(ran_before..).unwrap_or_default();
            if !self.written_here(l) || ran.contains(&l) {
                continue;
            }
            let block = self.program.function(l);
            let mut relays = false;
            walk_exprs(&block.body, &mut |e| {
                if let ExprKind::Call(c) = &e.kind {
                    if let (Some(ExprKind::Name(n)), "invoke") =
                        (c.receiver.as_deref().map(|r| &r.kind), c.name.as_str())
                    {
                        relays |= self.params.contains_key(n.as_str())
                            && !block.params.iter().any(|p| p.name == *n);
                    }
                }
            });
            if relays {
                self.inline_lambda(l, &[], Vec::new());
            }
        }
        self.inlined_log.truncate(ran_before);
    }

    /// `items.forEach { upload(it) }`, `list.stream().map(x -> ..)`: the block runs
    /// here with an element of the receiver (what the receiver holds). For mapping
    /// operations, what the block returns, and whether that is the whole result (the
    /// block ran here, and the call's result is made of its values alone).
    fn run_element_blocks(&mut self, call: &Call, recv: &Val, args: &[Val]) -> Option<(Val, bool)> {
        let p = &self.k.propagation;
        let name = call.name.as_str();
        let first = args.iter().find_map(|a| match a.callable {
            Some(Callable::Lambda(l)) => Some(l),
            _ => None,
        });
        // A function value that is no block written here (`forEach(::upload)`,
        // `x.let(::log)`): called with each element.
        let function = first.filter(|&l| self.program.function(l).kind != FunctionKind::Lambda);
        let scope = function.is_some() && matches!(name, "let" | "also");
        let element_at = if p.element_blocks.contains(name) || scope {
            0
        } else if p.indexed_element_blocks.contains(name) {
            1
        } else {
            return None;
        };
        let mapping = p.mapping_blocks.contains(name) || (scope && name == "let");
        if call.receiver.is_none() || self.inlined >= MAX_INLINE_DEPTH {
            return None;
        }
        let mut out = Val::default();
        let mut whole = false;
        let mut params = vec![Val::default(); element_at + 1];
        let mut element = Val {
            callable: None,
            ..recv.clone()
        };
        self.elements_of(&mut element.taint, None);
        params[element_at] = element;
        // Each element is of the receiver's element type, for a block that takes it
        // whole (not `{ (k, v) -> }`).
        let mut types = vec![None; element_at + 1];
        let takes_element = |l: FnId| {
            let params = &self.program.function(l).params;
            params.len() == element_at + 1 && !params[element_at].name.starts_with("$destructured")
        };
        if let Some(l) = first.filter(|&l| takes_element(l)) {
            types[element_at] = call.receiver.as_deref().and_then(|r| self.iterated_type(r));
            // (For the block's own analysis too.)
            if types[element_at].is_some() {
                self.g.wrote(|| Dep::Callback(l));
                self.g.set_lambda_arg_types(l, types.clone());
            }
        }
        // The first block receives the elements; later ones are for errors and
        // completion (`subscribe(onNext, onError)`).
        let ret = match function {
            Some(f) => Some(self.run_function_value(f, call.name_span, params)),
            None => first
                .filter(|&l| self.written_here(l))
                .map(|l| self.inline_lambda_typed(l, &[], params, &types)),
        };
        if let (Some(ret), true) = (ret, mapping) {
            out.join(&ret);
            whole = p.block_results_only.contains(name) || scope;
        }
        mapping.then_some((out, whole))
    }

    /// The one function of the app a method reference names, taking one argument (a
    /// consumer's or a mapping's, as most are) or none (a `Runnable`'s).
    fn method_ref_target(&self, receiver: &Expr, name: &str) -> Option<FnId> {
        let m = self.module_id();
        // `Type::method`, or a value's `value::method`.
        let typed = || {
            self.static_type(receiver)
                .and_then(|t| self.program.resolve_class(m, &t))
        };
        let class = match &receiver.kind {
            ExprKind::This => None,
            ExprKind::Name(t) => self.program.resolve_class(m, t).or_else(typed),
            _ => typed(),
        };
        let found = |arity: usize| -> Vec<FnId> {
            match (&receiver.kind, self.class, class) {
                (ExprKind::This, Some(c), _) => self.program.dispatch_implicit(c, name, arity),
                (ExprKind::This, None, _) => self.program.top_level_functions(m, name, arity),
                (_, _, Some(c)) => self.program.dispatch(c, name, arity),
                _ => Vec::new(),
            }
        };
        // (An extension function's receiver is its first parameter: `Location::toLatLng`
        // is left alone.)
        [1, 0].into_iter().find_map(|arity| match found(arity)[..] {
            [f] if self.program.function(f).has_body
                && !self.program.function(f).implicit_receiver =>
            {
                Some(f)
            }
            _ => None,
        })
    }

    /// Runs a function value that is no block written here (a method reference,
    /// `forEach(::upload)`) on these arguments, as a call of that function.
    fn run_function_value(&mut self, f: FnId, span: Span, args: Vec<Val>) -> Val {
        let func = self.program.function(f);
        let call = Call {
            receiver: None,
            name: func.name.clone(),
            args: Vec::new(),
            name_span: span,
        };
        let recv = if func.is_static || self.program.class_of(f).is_none() {
            Val::default()
        } else {
            self.this_object()
        };
        let args: Vec<Val> = args.into_iter().take(func.params.len()).collect();
        self.call_project(&call, span, &[f], &recv, &args)
    }

    /// An object of one of the app's classes whose string form lists its fields (a
    /// Kotlin data class, a Java record or Lombok `@Data`/`@ToString`, a Rust
    /// `#[derive(Debug)]`), handed whole to a sink: its personal fields go with it.
    fn listed_fields(&mut self, e: &Expr) -> Vec<Taint> {
        // In a concatenation or a string template, each part is printed.
        if let ExprKind::Binary {
            op: BinOp::Add,
            lhs,
            rhs,
        } = &e.kind
        {
            let mut out = self.listed_fields(lhs);
            out.extend(self.listed_fields(rhs));
            return out;
        }
        let Some(c) = self
            .static_type(e)
            .and_then(|t| self.program.resolve_class(self.module_id(), &t))
        else {
            return Vec::new();
        };
        if !self.lists_fields(c) {
            return Vec::new();
        }
        // An object made here, or one a local holds whose making the analysis saw,
        // carries what its fields were given: its fields' names guess at nothing.
        let seen = match &e.kind {
            ExprKind::Name(n) => self
                .env
                .vars
                .get(n.as_str())
                .is_some_and(|v| v.exact.is_some()),
            // One the app's own function made and returns (`account.redacted()`).
            ExprKind::Call(call) => self.returns_made_object(call),
            _ => made_in_place(e),
        };
        if seen {
            return Vec::new();
        }
        let class = self.program.class(c);
        // Fields whose type cannot hold the data (`val waitForAccurateLocation:
        // Boolean`) are printed but say nothing.
        let fields: Vec<(String, Span)> = class
            .fields
            .iter()
            .filter(|f| !f.is_static)
            .filter(|f| self.k.names.type_can_hold_data(f.ty.as_deref()))
            .filter(|f| {
                self.k
                    .names
                    .classify(field_label(self.k, f))
                    .is_some_and(|m| m.fits(f.ty.as_deref()))
            })
            .map(|f| (field_label(self.k, f).to_string(), f.name_span))
            .collect();
        let owner = class.name.clone();
        let mut out = Vec::new();
        for (name, span) in fields {
            let Some(m) = self.k.names.classify(&name) else {
                continue;
            };
            out.push(self.new_source(
                m.category,
                SourceKind::Name,
                span,
                format!("field `{name}` of `{owner}`"),
                &name,
            ));
        }
        out
    }

    /// Whether `e` is statically a `String`.
    fn is_string(&self, e: &Expr) -> bool {
        self.static_type(e)
            .is_some_and(|t| matches!(t.as_str(), "String" | "java.lang.String" | "kotlin.String"))
    }

    /// A `Method` value looked up by a literal name (`getMethod("name", ..)` or
    /// `getDeclaredMethod`), directly or through a local's initialiser: the
    /// expression for the class it is looked up on, and the method's name.
    fn method_lookup<'e>(&'e self, e: &'e Expr) -> Option<(&'e Expr, &'e str)> {
        let e = self.initialiser(e);
        let ExprKind::Call(c) = &e.kind else {
            return None;
        };
        if !matches!(c.name.as_str(), "getMethod" | "getDeclaredMethod") {
            return None;
        }
        Some((c.receiver.as_deref()?, c.args.first()?.string_literal()?))
    }

    /// The app's methods a `Method` value denotes: looked up on `Class.forName("app.C")`,
    /// `C.class` or `obj.getClass()` (see [`Frame::method_lookup`]).
    fn reflected(&self, e: &Expr) -> Option<Vec<FnId>> {
        let (class, name) = self.method_lookup(e)?;
        let class = self.reflected_class(class)?;
        let found: Vec<FnId> = std::iter::once(class)
            .chain(self.program.superclasses(class))
            .flat_map(|x| {
                let program = self.program;
                program.class(x).methods.iter().filter_map(move |&m| {
                    let f = FnId {
                        module: x.module,
                        func: m,
                    };
                    (program.function(f).name == name).then_some(f)
                })
            })
            .collect();
        Some(found)
    }

    /// The library class and method a `Method` value names, looked up on a class
    /// the app does not declare (`Log.class.getMethod("i", ..)`,
    /// `Class.forName("android.util.Log").getMethod(..)`), the class qualified.
    fn reflected_library(&self, e: &Expr) -> Option<(String, String)> {
        let (class, name) = self.method_lookup(e)?;
        let class = self.class_value_name(class)?;
        if self
            .program
            .resolve_class(self.module_id(), &class)
            .is_some()
        {
            return None;
        }
        let qualified = self.program.qualify_external(self.module_id(), &class);
        Some((qualified, name.to_string()))
    }

    /// The class a `Class` value names, as written: `C.class`, `Class.forName("a.C")`,
    /// `obj.getClass()`.
    fn class_value_name(&self, e: &Expr) -> Option<String> {
        let e = self.initialiser(e);
        match &e.kind {
            ExprKind::Literal(Literal::Class(t)) => Some(t.clone()),
            ExprKind::Call(c) if c.name == "forName" => {
                Some(c.args.first()?.string_literal()?.to_string())
            }
            ExprKind::Call(c) if c.name == "getClass" => self.static_type(c.receiver.as_deref()?),
            _ => None,
        }
    }

    /// The app's class a `Class` value names (see [`Frame::reflected`]).
    fn reflected_class(&self, e: &Expr) -> Option<ClassId> {
        let name = self.class_value_name(e)?;
        self.program.resolve_class(self.module_id(), &name)
    }

    /// What a local was declared with, when `e` names one; `e` otherwise.
    fn initialiser<'e>(&'e self, e: &'e Expr) -> &'e Expr {
        match &e.kind {
            ExprKind::Name(n) => self.local_initialiser(n).unwrap_or(e),
            _ => e,
        }
    }

    /// What the local `name` of this function was declared with.
    fn local_initialiser(&self, name: &str) -> Option<&'a Expr> {
        find_let(&self.func().body, name).and_then(|d| d.init)
    }

    /// The functions of `fs` that take `arity` arguments.
    fn by_arity(&self, fs: Vec<FnId>, arity: usize) -> Vec<FnId> {
        fs.into_iter()
            .filter(|&f| self.program.function(f).params.len() == arity)
            .collect()
    }

    /// The categories of the provider tables whose columns a query's projection names
    /// (`new String[] {Phone.NUMBER}`, `arrayOf(Email.ADDRESS)`), with the provider.
    fn columns_read(&self, projection: Option<&Expr>) -> Vec<(String, String)> {
        let Some(projection) = projection.map(|p| self.initialiser(p)) else {
            return Vec::new();
        };
        let columns: Vec<String> = match &projection.kind {
            ExprKind::ArrayInit(items) => items.iter().filter_map(Expr::dotted).collect(),
            ExprKind::New { args, .. } => args.iter().filter_map(Expr::dotted).collect(),
            _ => return Vec::new(),
        };
        let mut out: Vec<(String, String)> = Vec::new();
        for s in self.k.content_query_sources() {
            let Some(uri) = s.uri.as_deref().filter(|u| !u.starts_with("content://")) else {
                continue;
            };
            let provider = uri.strip_suffix(".CONTENT_URI").unwrap_or(uri);
            let named = columns.iter().any(|c| {
                c.starts_with(&format!("{provider}.")) || c.contains(&format!(".{provider}."))
            });
            if named && !out.iter().any(|(c, _)| *c == s.category) {
                out.push((s.category.clone(), provider.to_string()));
            }
        }
        out
    }

    /// A local holding an object created where it was declared (`User user = new
    /// User()`): its setters fill it in and send nothing.
    fn made_here(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name(n) if self.env.vars.contains_key(n.as_str()) => {
                self.local_initialiser(n).is_some_and(is_fresh_object)
            }
            _ => false,
        }
    }

    /// What an object of one of the app's classes turns into as text (`"feed " +
    /// feed`, `"$feed"`): what of it its own `toString()` prints (see
    /// [`Frame::printed_fields`]); nothing when no class of it declares one and it
    /// extends only library types that print no data (Object's `ClassName@hash`); the
    /// object itself otherwise (a data class, a record, a library superclass whose
    /// string form is unknown).
    fn as_text(&mut self, e: &Expr, mut v: Val) -> Val {
        if v.taint.is_empty() {
            return v;
        }
        let Some(ty) = self.static_type(e) else {
            return v;
        };
        let Some(c) = self.program.resolve_class(self.module_id(), &ty) else {
            // A library object whose string form shows none of its data (an
            // `SmsMessage`'s is Object's), or none of its entries (an Intent's
            // "(has extras)").
            let p = &self.k.propagation;
            let q = self.program.qualify_external(self.module_id(), &ty);
            if p.identity_strings.iter().any(|t| self.k.type_is(&q, t)) {
                return Val::default();
            }
            if p.entry_hiding_strings.iter().any(|t| self.k.type_is(&q, t)) {
                v.taint
                    .retain(|t| !t.field.is_some_and(|f| self.g.is_entry_sym(f)));
            }
            return v;
        };
        let program = self.program;
        let declared = self.program.dispatch(c, "toString", 0);
        // A data class's own `toString()` replaces the generated one that lists its
        // properties (one that masks a password).
        let own = declared.iter().any(|&f| program.class_of(f) == Some(c));
        if !matches!(program.class(c).kind, ClassKind::Class)
            || (!own
                && std::iter::once(&c)
                    .chain(program.all_subclasses(c))
                    .any(|&x| self.lists_fields(x)))
        {
            return v;
        }
        if !declared.is_empty() {
            return self.printed_fields(v, &declared);
        }
        if self.prints_identity(c) {
            return Val::default();
        }
        v
    }

    /// What of an object its own `toString()` methods print: the fields they read
    /// (what the object holds in others stays behind), and what it holds as a whole
    /// when they print any field or the object itself.
    fn printed_fields(&mut self, mut v: Val, to_string: &[FnId]) -> Val {
        let mut fields: Vec<FieldSym> = Vec::new();
        let mut whole = false;
        for &f in to_string {
            self.g.read(Dep::Summary(f));
            // Not analysed yet: nothing so far (its summary wakes this function).
            let Some(s) = self.g.summary(f) else {
                continue;
            };
            for t in &s.ret.taint {
                match t.origin {
                    Origin::ReceiverField(x, _) => fields.push(x),
                    Origin::Param(RECEIVER) => whole = true,
                    _ => {}
                }
            }
        }
        let any = whole || !fields.is_empty();
        let mut printed = Val::default();
        for t in std::mem::take(&mut v.taint) {
            let text = Taint {
                field: None,
                sub: None,
                ..t
            };
            match (t.field, t.origin) {
                (Some(x), _) if whole || fields.contains(&x) => {
                    printed.add_taint(text);
                }
                (Some(_), _) => {}
                // An object this function was given: the fields printed, of the
                // caller's object.
                // (And what it holds as a whole, which they may print.)
                (None, Origin::Param(p)) if !whole && any && p != RECEIVER => {
                    for &f in fields.iter().chain(&[WHOLE]) {
                        let origin = Origin::ParamField(p, f);
                        printed.add_taint(Taint { origin, ..text });
                    }
                }
                (None, _) if any => {
                    printed.add_taint(text);
                }
                (None, _) => {}
            }
        }
        v.taint = printed.taint;
        v.callable = None;
        v.exact = None;
        v
    }

    /// Whether a class's string form lists its fields (see [`Frame::listed_fields`]).
    fn lists_fields(&self, c: ClassId) -> bool {
        let class = self.program.class(c);
        class.kind == ClassKind::Record
            || class
                .annotations
                .iter()
                .any(|a| self.k.propagation.listing_markers.contains(&a.name))
    }

    /// Whether an app class without a `toString()` of its own prints as Object does:
    /// it and its subclasses extend only library types that show no subclass data.
    fn prints_identity(&mut self, c: ClassId) -> bool {
        let program = self.program;
        std::iter::once(&c)
            .chain(program.all_subclasses(c))
            .all(|&x| {
                self.external_supertypes(x).iter().all(|t| {
                    let simple = t.rsplit('.').next().unwrap_or(t);
                    let simple = simple.split('<').next().unwrap_or(simple);
                    self.k.propagation.plain_string_supertypes.contains(simple)
                })
            })
    }

    /// A library method that runs its block with an object as the block's `this`
    /// (`prefs.edit { putString(..) }`): the block runs here, its unqualified calls
    /// on that object.
    fn run_with_receiver(&mut self, call: &Call, recv_kind: &Receiver, recv: &Val, args: &[Val]) {
        let rty = match recv_kind {
            Receiver::Value(_, Some(t)) | Receiver::Type(t) => {
                self.program.qualify_external(self.module_id(), t)
            }
            _ => return,
        };
        let Some(spec) =
            self.k.block_receivers.iter().find(|b| {
                b.method.iter().any(|m| m == call.name) && self.k.type_is(&rty, &b.class)
            })
        else {
            return;
        };
        let block_type = spec.receiver.clone().unwrap_or(rty);
        if self.inlined >= MAX_INLINE_DEPTH {
            return;
        }
        let mut this = recv.clone();
        this.callable = None;
        for a in args {
            let Some(Callable::Lambda(l)) = a.callable else {
                continue;
            };
            if !self.written_here(l) {
                continue;
            }
            let shadowed = self.bind(
                RECEIVER_PARAM.into(),
                this.clone(),
                Some(block_type.clone()),
            );
            self.inline_lambda(l, &[], Vec::new());
            self.unbind(shadowed);
        }
    }

    /// `flow { emit(x) }`, `buildList { add(x) }`: the block runs here on a new
    /// receiver, and the result is what it put into it.
    fn builder_block(&mut self, call: &Call, args: &[Val]) -> Option<Val> {
        if call.receiver.is_some()
            || !self.k.propagation.builder_blocks.contains(&call.name)
            || self.inlined >= MAX_INLINE_DEPTH
        {
            return None;
        }
        let l = args.iter().find_map(|a| match a.callable {
            Some(Callable::Lambda(l)) if self.written_here(l) => Some(l),
            _ => None,
        })?;
        let ty = self
            .k
            .propagation
            .builder_receivers
            .get(&call.name)
            .cloned();
        Some(self.run_on_new_receiver(l, ty))
    }

    /// Runs a block written here with a new, empty object (of type `ty`, when known)
    /// as its receiver; what the block put into that object.
    fn run_on_new_receiver(&mut self, l: FnId, ty: Option<String>) -> Val {
        let shadowed = self.bind(RECEIVER_PARAM.into(), Val::default(), ty);
        self.inline_lambda(l, &[], Vec::new());
        let built = self
            .env
            .vars
            .get(RECEIVER_PARAM)
            .cloned()
            .unwrap_or_default();
        self.unbind(shadowed);
        built
    }

    /// A block handed to an SDK's method with the SDK's parameters object as its
    /// receiver (Firebase's `logEvent(name) { param("email", e) }`): it runs here, and
    /// stands for what it put into that object.
    fn fill_sdk_blocks(
        &mut self,
        call: &Call,
        recv_kind: &Receiver,
        mut args: Vec<Val>,
    ) -> Vec<Val> {
        // Most calls hand no block: no need to ask which library they call.
        if !args
            .iter()
            .any(|a| matches!(a.callable, Some(Callable::Lambda(_))))
        {
            return args;
        }
        // An SDK's call, or a sink's (Ktor's `client.post(url) { setBody(x) }`): what
        // the block fills in is sent.
        let k = self.k;
        let sdk = match recv_kind {
            Receiver::Value(_, Some(t)) | Receiver::Type(t) => {
                let q = self.program.qualify_external(self.module_id(), t);
                k.sdk_for_class(&q).is_some()
                    || k.sinks_named(&call.name).any(|s| k.type_is(&q, &s.class))
            }
            // (`Firebase.analytics` held in a property of no declared type.)
            Receiver::Value(_, None) => k.sinks_named(&call.name).any(|s| s.match_without_type),
            _ => false,
        };
        if !sdk || self.inlined >= MAX_INLINE_DEPTH {
            return args;
        }
        for a in &mut args {
            let Some(Callable::Lambda(l)) = a.callable else {
                continue;
            };
            // A callback (`addOnSuccessListener { loc -> }`, or one using `it`) takes
            // its data as a parameter; a block filling in a receiver takes none.
            if !self.written_here(l) || self.takes_parameters(l) {
                continue;
            }
            self.filling += 1;
            let filled = self.run_on_new_receiver(l, None);
            self.filling -= 1;
            a.join(&filled);
        }
        args
    }

    /// Whether a block takes parameters: declared ones, or Kotlin's implicit `it`
    /// used in its body.
    fn takes_parameters(&self, l: FnId) -> bool {
        let func = self.program.function(l);
        match func.params.as_slice() {
            [] => false,
            [p] if p.name == "it" => {
                let mut used = false;
                walk_exprs(&func.body, &mut |e| {
                    used |= matches!(&e.kind, ExprKind::Name(n) if n == "it");
                });
                used
            }
            _ => true,
        }
    }

    /// Runs a lambda written in this function where it is invoked (a scope
    /// function's block): its parameters are bound to the arguments' values, facts
    /// and all, and it sees this function's variables directly. Its value is what
    /// its `return`s hand back.
    fn inline_lambda(&mut self, l: FnId, arg_exprs: &[Expr], args: Vec<Val>) -> Val {
        self.inline_lambda_typed(l, arg_exprs, args, &[])
    }

    /// [`Frame::inline_lambda`], where the types of the arguments are known
    /// (`given`) rather than from their expressions.
    fn inline_lambda_typed(
        &mut self,
        l: FnId,
        arg_exprs: &[Expr],
        args: Vec<Val>,
        given: &[Option<String>],
    ) -> Val {
        let func = self.program.function(l);
        let mut shadowed = Vec::new();
        for (i, p) in func.params.iter().enumerate() {
            let ty =
                p.ty.clone()
                    .or_else(|| given.get(i).cloned().flatten())
                    .or_else(|| arg_exprs.get(i).and_then(|a| self.static_type(a)))
                    .or_else(|| {
                        let typed = self.g.lambda_arg_types(l)?;
                        typed.get(i).cloned().flatten()
                    });
            let v = args.get(i).cloned().unwrap_or_default();
            shadowed.push(self.bind(p.name.as_str().into(), v, ty));
        }
        self.inlined_log.push(l);
        let outer_ret = std::mem::take(&mut self.summary.ret);
        let outer_returned = std::mem::replace(&mut self.returned, false);
        let live = self.env.live;
        self.inlined += 1;
        self.inlining.push(l);
        self.block(&func.body);
        self.inlining.pop();
        self.inlined -= 1;
        // Control comes back here whether or not the block returned.
        self.env.live = live;
        let ret = std::mem::replace(&mut self.summary.ret, outer_ret);
        self.returned = outer_returned;
        // What the block stored into the object it was handed (`x.apply { putExtra(..) }`,
        // `x.also { it.add(..) }`) is in the caller's variable too: the same object.
        let handed: Vec<(Arc<str>, Val)> = func
            .params
            .iter()
            .zip(arg_exprs)
            .filter_map(|(p, a)| match &a.kind {
                ExprKind::Name(n) => {
                    let v = self.env.vars.get(p.name.as_str())?;
                    (!v.taint.is_empty()).then(|| (Arc::from(n.as_str()), v.clone()))
                }
                _ => None,
            })
            .collect();
        for b in shadowed.into_iter().rev() {
            self.unbind(b);
        }
        // (And under the object's other names: `i.apply { .. }` runs on a copy of `i`.)
        for (name, v) in handed {
            if self.env.vars.contains_key(&name) {
                let target = Expr::new(ExprKind::Name(name.to_string()), func.span);
                self.weak_update(&target, &v);
            }
        }
        ret
    }

    /// An anonymous or local class written in this function (or in a block running
    /// in it).
    fn class_written_here(&self, c: ClassId) -> bool {
        self.program
            .class(c)
            .enclosing_function
            .is_some_and(|p| self.runs_here(c.module, p))
    }

    /// Whether function `p` of module `m` is the one analysed, or a block running in
    /// it: what is written there runs here.
    fn runs_here(&self, m: u32, p: FuncIdx) -> bool {
        m == self.f.module
            && (p == self.f.func || self.inlining.iter().any(|i| i.module == m && i.func == p))
    }

    /// A lambda written in this function (which may therefore run inside it).
    fn written_here(&self, l: FnId) -> bool {
        if l.module != self.f.module {
            return false;
        }
        let lambda = self.program.function(l);
        // A method named by a reference (`::upload`) is no block written here.
        if lambda.kind != FunctionKind::Lambda {
            return false;
        }
        match lambda.parent {
            Some(p) => self.runs_here(l.module, p),
            // A block in a property's initialiser (`val key by lazy { .. }`) runs in the
            // class's initialiser.
            None => {
                self.func().kind == FunctionKind::Initializer
                    && lambda.class.is_some()
                    && lambda.class == self.func().class
            }
        }
    }

    /// Binds a variable for a block run in place; `unbind` puts back what it hid.
    fn bind(&mut self, name: Arc<str>, v: Val, ty: Option<String>) -> Shadowed {
        let old_ty = match ty {
            Some(t) => self.local_types.insert(name.clone(), t),
            None => self.local_types.remove(&name),
        };
        let old_elem = self.local_elems.remove(&name);
        let old = self.env.vars.insert(name.clone(), v);
        if let (RECEIVER_PARAM, Some(outer)) = (&*name, &old) {
            self.outer_receivers.push((outer.clone(), old_ty.clone()));
        }
        Shadowed {
            name,
            old,
            old_ty,
            old_elem,
        }
    }

    fn unbind(&mut self, b: Shadowed) {
        if &*b.name == RECEIVER_PARAM && b.old.is_some() {
            self.outer_receivers.pop();
        }
        match b.old {
            Some(v) => self.env.vars.insert(b.name.clone(), v),
            None => self.env.vars.remove(&b.name),
        };
        match b.old_elem {
            Some(t) => self.local_elems.insert(b.name.clone(), t),
            None => self.local_elems.remove(&b.name),
        };
        match b.old_ty {
            Some(t) => self.local_types.insert(b.name, t),
            None => self.local_types.remove(&b.name),
        };
    }

    fn func(&self) -> &'a Function {
        self.program.function(self.f)
    }

    /// `com.example.MainActivity.onCreate`, for fingerprints.
    fn function_name(&self) -> String {
        self.program.qualified_name(self.f)
    }

    fn module_id(&self) -> u32 {
        self.f.module
    }

    fn run(&mut self) {
        let func = self.func();
        // Variables captured by a lambda or an anonymous/local class.
        let captured = match func.kind {
            FunctionKind::Lambda => {
                self.g.read(Dep::Capture(Callable::Lambda(self.f)));
                self.g.captures(&Callable::Lambda(self.f)).cloned()
            }
            _ => self.class.and_then(|c| {
                self.g.read(Dep::Capture(Callable::Class(c)));
                self.g.captures(&Callable::Class(c)).cloned()
            }),
        };
        if let Some(vars) = captured {
            self.env.vars.extend(vars);
        }
        self.g.read(Dep::Callback(self.f));
        let callback = self.g.callback_taint(self.f).cloned().unwrap_or_default();
        for (i, p) in func.params.iter().enumerate() {
            let name: Arc<str> = p.name.as_str().into();
            // Failures delivered to a callback are not the data it was registered for.
            let is_failure = p.ty.as_deref().is_some_and(is_failure_type);
            // Nor are the numbers and flags beside the object that carries it
            // (`onStartCommand(intent, flags, startId)`).
            let is_flag = p.ty.as_deref().is_some_and(is_primitive)
                && func
                    .params
                    .iter()
                    .any(|q| q.ty.as_deref().is_none_or(|t| !is_primitive(t)));
            let callback: &[Taint] = if is_failure || is_flag {
                &[]
            } else {
                &callback
            };
            let root = self
                .g
                .trace(None, p.span, format!("parameter `{}`", p.name));
            let mut v = Val {
                taint: vec![Taint::new(Origin::Param(i as u16), root)],
                ..Val::default()
            };
            // A stream handed in (`writeTrack(points, out)`) goes where the caller's goes.
            if p.ty.as_deref().is_some_and(|t| self.is_destination_type(t)) {
                v.resource = Some(ResourceKind::Param(i as u16));
            }
            // A URL handed in (`post(String url, ..)`): the caller's says where to.
            if p.ty.as_deref().is_none_or(may_be_url) {
                v.url_param = Some(i as u16);
            }
            // An Intent's extras or a Bundle's entries stay under their keys.
            let message = format!("passed to callback parameter `{}`", p.name);
            for t in self.arrive(callback.to_vec(), p.span, &message) {
                v.add_taint(t);
            }
            if let Some(t) = self.callback_param_source(i, p) {
                v.add_taint(t);
            }
            for t in self.activity_result(i, p) {
                v.add_taint(t);
            }
            for t in self.received_broadcasts(i, p) {
                v.add_taint(t);
            }
            for t in self.injected(p) {
                v.add_taint(t);
            }
            let ty = p.ty.clone().or_else(|| {
                self.g
                    .lambda_arg_types(self.f)
                    .and_then(|types| types.get(i).cloned().flatten())
            });
            if let Some(ty) = ty {
                self.local_types.insert(name.clone(), ty);
            }
            if let Some(elem) = &p.elem {
                self.local_elems.insert(name.clone(), elem.clone());
            }
            self.params.insert(name.clone(), i as u16);
            self.env.vars.insert(name, v);
        }
        let body = &func.body;
        self.block(body);
        self.publish_this_fields();
        self.publish_param_writes();
        self.summary.thrown = std::mem::take(&mut self.thrown);
        self.save_instance_state();
        self.g.d.summary = Some(std::mem::take(&mut self.summary));
    }

    /// Whether the registrations of a callback in this file may deliver personal
    /// data, by the argument that names what they register
    /// (`registerListener(this, proximity, ..)`): false only when every one names a
    /// type `[sensors]` does not list.
    fn registers_personal(&self, registered_by: &[String], arg: usize) -> bool {
        let module = self.program.module(self.f.module);
        let mut seen = false;
        let mut personal_or_unknown = false;
        for func in &module.functions {
            walk_exprs(&func.body, &mut |e| {
                let ExprKind::Call(c) = &e.kind else { return };
                if !registered_by.contains(&c.name) {
                    return;
                }
                seen = true;
                let kind = c
                    .args
                    .get(arg)
                    .and_then(|a| crate::analysis::sensors::sensor_type(module, a));
                if kind.is_none_or(|t| self.k.sensors.contains_key(&t)) {
                    personal_or_unknown = true;
                }
            });
        }
        !seen || personal_or_unknown
    }

    /// A framework callback parameter that carries personal data (`onLocationChanged(Location)`).
    /// A value returned from an override of a library method whose result the library
    /// sends (`getParams()` of a Volley request): the `return` is the sink.
    fn returned_to_library(&mut self, v: &Val, span: Span) {
        let func = self.func();
        let Some(class) = self.class.filter(|_| func.kind == FunctionKind::Method) else {
            return;
        };
        let taints: Vec<Taint> = v
            .taint
            .iter()
            .filter(|t| matches!(t.origin, Origin::Source(_)))
            .copied()
            .collect();
        if taints.is_empty() {
            return;
        }
        let supers = self.external_supertypes(class);
        let k = self.k;
        let by_override = k
            .sinks_named(&func.name)
            .find(|s| s.returned && supers.iter().any(|t| k.type_is(t, &s.class)));
        let by_annotation = || {
            k.sinks.iter().find(|s| {
                s.returned
                    && s.annotation
                        .as_deref()
                        .is_some_and(|a| func.annotations.iter().any(|x| x.name == a))
            })
        };
        let Some(spec) = by_override.or_else(by_annotation) else {
            return;
        };
        let simple = spec.class.rsplit('.').next().unwrap_or(&spec.class);
        let site = SinkSite {
            kind: spec.kind,
            span,
            call_span: span,
            callee: format!("{simple}.{}", func.name),
            url: None,
            encrypted: false,
            sdk: None,
            function: self.function_name(),
            func: self.f,
            intent_param: None,
            stream_param: None,
            url_param: None,
        };
        self.emit_all(&taints, &site);
    }

    /// `registerReceiver(receiver, filter)` with one of the app's receivers: it hears
    /// the implicit broadcasts of the filter's action.
    fn register_receiver(&mut self, call: &Call, args: &[Val]) {
        let class = match args[0].callable {
            Some(Callable::Class(c)) => Some(c),
            _ if call
                .args
                .first()
                .is_some_and(|e| matches!(e.kind, ExprKind::This)) =>
            {
                self.class
            }
            _ => call.args.first().and_then(|e| {
                self.field_anonymous_class(e).or_else(|| {
                    self.static_type(e)
                        .and_then(|t| self.program.resolve_class(self.module_id(), &t))
                })
            }),
        };
        let Some(class) = class else {
            return;
        };
        let action = args[1].action.clone().unwrap_or_else(|| ANY_ACTION.into());
        self.g.wrote(|| Dep::Broadcasts);
        self.g.add_receiver((class, action));
    }

    /// An implicit broadcast: what it carries reaches the app's receivers registered
    /// for its action (and, as an IPC sink where it leaves the app, other apps).
    fn broadcast(&mut self, intent: &Val, at: Span, how: &str) {
        let action = intent.action.clone().unwrap_or_else(|| ANY_ACTION.into());
        let (sent, given) = self.sent_on(&intent.taint, at, &format!("broadcast by `{how}`"));
        // What this function was given: its callers' data is broadcast.
        for t in given {
            self.summary
                .broadcasts
                .entry((action.clone(), t.origin, t.field))
                .or_insert(t.trace);
        }
        self.broadcast_taints(action, sent);
    }

    /// What is sent on at `at` (each extra under its key): the sources, and what
    /// this function was given, which its summary hands to its callers.
    fn sent_on(&mut self, taints: &[Taint], at: Span, message: &str) -> (Vec<Taint>, Vec<Taint>) {
        taints
            .iter()
            .map(|t| {
                let tr = self.g.extend_trace(t.trace, at, message);
                t.carried(tr)
            })
            .partition(|t| matches!(t.origin, Origin::Source(_)))
    }

    fn broadcast_taints(&mut self, action: Arc<str>, taints: Vec<Taint>) {
        let Some(sent) = source_data(taints) else {
            return;
        };
        self.g.wrote(|| Dep::Broadcasts);
        self.g.write_broadcast(action, &sent);
    }

    /// What the implicit broadcasts this receiver class is registered for carry, for
    /// the Intent parameter of its `onReceive`.
    fn received_broadcasts(&mut self, index: usize, p: &Param) -> Vec<Taint> {
        let func = self.func();
        let Some(class) = self.class else {
            return Vec::new();
        };
        if func.name != "onReceive" || func.params.len() != 2 || index != 1 {
            return Vec::new();
        }
        self.g.read(Dep::Broadcasts);
        let listens: Vec<Arc<str>> = self
            .g
            .receivers()
            .filter(|(c, _)| *c == class)
            .map(|(_, a)| a.clone())
            .collect();
        let mut taints = Vec::new();
        for (action, v) in &self.g.broadcasts() {
            let heard = listens
                .iter()
                .any(|l| &**l == ANY_ACTION || &**action == ANY_ACTION || l == action);
            if heard {
                taints.extend(v.taint.iter().copied());
            }
        }
        self.arrive(taints, p.span, &format!("received by `{}`", func.name))
    }

    /// The key an Intent action is compared by: the literal it is, or is the
    /// `static final` constant of, or else the constant's name.
    fn action_key(&self, e: &Expr) -> Option<String> {
        if let Some(s) = self.constant_string(e) {
            return Some(format!("#{s}"));
        }
        entry_key(e)
    }

    /// The string literal an expression is, or the one a project constant it names
    /// holds (`ACTION_GPS_UPDATED`, `Scanner.ACTION_GPS_UPDATED`).
    /// A content URI as written in the program: a `content://` literal or a constant
    /// named like one (`Phone.CONTENT_URI`), directly or built from one
    /// (`Uri.parse(..)`, `Uri.withAppendedPath(..)`, `"..".toUri()`), also through a
    /// local's initialiser or a final field's (`SMS_INBOX = Uri.parse(..)`).
    fn uri_text(&self, e: &Expr, depth: u8) -> Option<String> {
        // (Deep enough for a builder chain on a field's URI: `contentUri.buildUpon()
        // .appendQueryParameter(..).build()` held in a local is six steps.)
        if depth > 8 {
            return None;
        }
        if let Some(s) = e.string_literal() {
            return s.starts_with("content://").then(|| s.to_string());
        }
        let named_like_uri = |d: String| {
            d.rsplit('.')
                .next()
                .is_some_and(|last| last.to_ascii_lowercase().contains("uri"))
                .then_some(d)
        };
        match &e.kind {
            ExprKind::Call(c) => {
                // A literal path appended (`withAppendedPath(AUTHORITY_URI, "directories")`)
                // names the table.
                let appended = match c.name.as_str() {
                    "withAppendedPath" => c.args.get(1),
                    "appendPath" | "appendEncodedPath" => c.args.first(),
                    _ => None,
                }
                .and_then(Expr::string_literal);
                let from = match c.name.as_str() {
                    "parse" | "withAppendedPath" | "withAppendedId" => c.args.first(),
                    "toUri"
                    | "buildUpon"
                    | "build"
                    | "appendPath"
                    | "appendEncodedPath"
                    | "appendQueryParameter"
                    | "clearQuery"
                    | "encodedQuery"
                    | "fragment" => c.receiver.as_deref(),
                    _ => None,
                }?;
                let base = self.uri_text(from, depth + 1)?;
                Some(match appended {
                    Some(path) => format!(
                        "{}/{}",
                        base.trim_end_matches('/'),
                        path.trim_start_matches('/')
                    ),
                    None => base,
                })
            }
            ExprKind::Name(n) => {
                if let Some(init) = self.local_initialiser(n) {
                    return self.uri_text(init, depth + 1);
                }
                self.final_field_init(e)
                    .and_then(|init| self.uri_text(init, depth + 1))
                    .or_else(|| named_like_uri(n.clone()))
            }
            ExprKind::Field { .. } => self
                .final_field_init(e)
                .and_then(|init| self.uri_text(init, depth + 1))
                .or_else(|| e.dotted().and_then(named_like_uri)),
            _ => None,
        }
    }

    /// The initialiser of the final field `e` names (`KEY`, `Keys.PHONE`).
    fn final_field_init(&self, e: &Expr) -> Option<&'a Expr> {
        let (_, field) = match &e.kind {
            ExprKind::Name(n) => self.field_for_name(n)?,
            ExprKind::Field { receiver, name } => {
                let t = self.type_name_of(receiver)?;
                let c = self.program.resolve_class(self.module_id(), &t)?;
                self.program.field(c, name)?
            }
            _ => return None,
        };
        // (A static field no code assigns holds its initialiser as a constant does:
        // `static String BASE_URL = "http://.."`.)
        field.init.as_ref().filter(|_| {
            field.is_final || (field.is_static && !self.program.assigns_name(&field.name))
        })
    }

    fn constant_string(&self, e: &Expr) -> Option<String> {
        if let Some(s) = e.string_literal() {
            return Some(s.to_string());
        }
        self.final_field_init(e)?
            .string_literal()
            .map(str::to_string)
    }

    /// The text a constant expression holds: a literal, a final field's (an
    /// interface's `HOST`), or a concatenation of those (`HOST + "/api/"`).
    fn constant_text(&self, e: &Expr, depth: u8) -> Option<String> {
        if depth > 6 {
            return None;
        }
        if let Some(s) = e.string_literal() {
            return Some(s.to_string());
        }
        match &e.kind {
            ExprKind::Binary {
                op: BinOp::Add,
                lhs,
                rhs,
            } => {
                let mut text = self.constant_text(lhs, depth + 1)?;
                text.push_str(&self.constant_text(rhs, depth + 1)?);
                Some(text)
            }
            ExprKind::Name(_) | ExprKind::Field { .. } => {
                self.constant_text(self.final_field_init(e)?, depth + 1)
            }
            _ => None,
        }
    }

    /// Whether a field of `class`'s objects may hold what its object holds as a
    /// whole: not a number or flag whose name says nothing (`long id`, `int count`).
    fn guessable_field(&self, class: Option<ClassId>, f: FieldSym) -> bool {
        let (Some(class), Some(name)) = (class, self.g.field_name(f)) else {
            return true;
        };
        let Some((owner, field)) = self.program.field(class, name) else {
            return true;
        };
        let Some(ty) = field.ty.as_deref() else {
            return true;
        };
        // A framework handle (`SharedPreferences prefs`, `Executor executor`) is
        // never where an object keeps its data.
        let qualified = self.program.qualify_external(owner.module, ty);
        if self.is_handle_type(&qualified) {
            return false;
        }
        !is_primitive(ty) || self.k.names.classify(&field.name).is_some()
    }

    fn is_handle_type(&self, ty: &str) -> bool {
        let base = base_type(ty);
        self.k
            .propagation
            .handle_types
            .iter()
            .any(|h| self.k.type_is(base, h))
    }

    /// Whether this function's parameter `index` is what an activity hands back: the
    /// Intent of `onActivityResult`, what a `registerForActivityResult` callback gets.
    fn is_result_param(&self, index: usize) -> bool {
        let func = self.func();
        (func.kind == FunctionKind::Method
            && func.name == "onActivityResult"
            && func.params.len() == 3
            && index == 2)
            || (index == 0 && self.g.is_result_callback(self.f))
    }

    /// Whether `e` is (read out of) what an activity handed back to this result
    /// callback (`data.getData()`, `val uri = data.data`), through at most `depth`
    /// local variables.
    fn handed_back(&self, e: &Expr, depth: usize) -> bool {
        match &e.kind {
            ExprKind::Name(n) => {
                let func = self.func();
                if let Some(i) = func.params.iter().position(|p| p.name == *n) {
                    return self.is_result_param(i);
                }
                depth > 0
                    && find_let(&func.body, n)
                        .and_then(|l| l.init)
                        .is_some_and(|init| self.handed_back(init, depth - 1))
            }
            ExprKind::Call(c) if c.args.is_empty() => c
                .receiver
                .as_deref()
                .is_some_and(|r| self.handed_back(r, depth)),
            ExprKind::Field { receiver, .. } => self.handed_back(receiver, depth),
            ExprKind::Unary { operand, .. } => self.handed_back(operand, depth),
            ExprKind::Cast { expr, .. } => self.handed_back(expr, depth),
            _ => false,
        }
    }

    /// A start of one of the app's components by an explicit Intent, from here.
    fn start_component(&mut self, at: Span, target: ClassId) {
        self.g.wrote(|| Dep::Results);
        // What the started activity hands back reaches this class.
        self.g.add_component_start((self.f, at, target));
    }

    /// The result an activity of the app handed back (`setResult(RESULT_OK, data)`),
    /// for the Intent parameter of `onActivityResult` and of a callback registered
    /// with `registerForActivityResult`. Each extra stays under its key.
    fn activity_result(&mut self, index: usize, p: &Param) -> Vec<Taint> {
        if !self.is_result_param(index) {
            return Vec::new();
        }
        self.g.read(Dep::Results);
        // From the activities this class (or the class it is written in) starts.
        let program = self.program;
        let mine: Vec<ClassId> = self
            .class
            .into_iter()
            .flat_map(|c| program.enclosing(c))
            .collect();
        let started: HashSet<ClassId> = self
            .g
            .component_starts()
            .filter(|(caller, _, _)| {
                program
                    .class_of(*caller)
                    .is_some_and(|c| program.enclosing(c).any(|x| mine.contains(&x)))
            })
            .map(|&(_, _, target)| target)
            .collect();
        let mut taints = Vec::new();
        for target in started {
            if let Some(v) = self.g.result(target) {
                taints.extend(v.taint.iter().copied());
            }
        }
        self.arrive(
            taints,
            p.span,
            &format!("received as the result in `{}`", p.name),
        )
    }

    /// Data arriving at `at` (a parameter the framework fills), each extra still
    /// under its key.
    fn arrive(&mut self, taints: Vec<Taint>, at: Span, message: &str) -> Vec<Taint> {
        taints
            .into_iter()
            .map(|t| {
                let tr = self.g.extend_trace(t.trace, at, message);
                t.carried(tr)
            })
            .collect()
    }

    fn callback_param_source(&mut self, index: usize, p: &Param) -> Option<Taint> {
        let func = self.func();
        if func.kind != FunctionKind::Method {
            return None;
        }
        let ty = p.ty.as_deref()?;
        let simple = ty.rsplit('.').next().unwrap_or(ty);
        // Only a real implementation of the listener: a method of the same name
        // elsewhere (a service's own `onLocationChanged(Location)`) just receives
        // what the listener hands on.
        let supers = self
            .class
            .map(|c| self.external_supertypes(c))
            .unwrap_or_default();
        let spec = self.k.sources_named(&func.name).find(|s| {
            s.kind == SpecKind::CallbackParam
                && s.param.unwrap_or(0) == index
                && s.param_type
                    .as_deref()
                    .is_none_or(|t| t.rsplit('.').next() == Some(simple))
                && supers.iter().any(|t| self.k.type_is(t, &s.class))
        })?;
        // A listener registered in this file only for what reads nothing personal
        // (a proximity or light sensor) collects nothing. (The reading of a personal
        // one stays generic: the name it is stored under says more, and its
        // permission is the one its sensor type needs, not all of its category's.)
        if let Some(arg) = spec.registration_arg {
            if !self.registers_personal(&spec.registered_by, arg) {
                return None;
            }
        }
        let category = spec.category.clone();
        let refinable = spec.refine_by_name;
        let permissions = spec.permissions.clone();
        let description = format!("`{}` passed to `{}`", p.name, func.name);
        let about = Described {
            refinable,
            permissions,
            identifier: false,
        };
        Some(self.new_described_source(
            category,
            SourceKind::Api,
            p.span,
            description,
            &p.name,
            about,
        ))
    }

    /// What an injector hands a parameter with a qualifier (`@NamedDeviceId deviceId:
    /// String` of an `@Inject` constructor): what the `@Provides` functions with the
    /// same qualifier return (Dagger, Hilt).
    fn injected(&mut self, p: &Param) -> Vec<Taint> {
        if p.annotations.is_empty() {
            return Vec::new();
        }
        let by_qualifier = self
            .g
            .base
            .providers
            .get_or_init(|| providers(self.program));
        let mut found: Vec<FnId> = Vec::new();
        for a in &p.annotations {
            let key = (a.name.clone(), a.values.clone());
            found.extend(by_qualifier.get(&key).into_iter().flatten().copied());
        }
        let mut out = Vec::new();
        for provider in found {
            self.g.read(Dep::Summary(provider));
            let Some(summary) = self.g.summary(provider) else {
                continue;
            };
            let name = &self.program.function(provider).name;
            let message = format!("provided by `{name}`");
            for t in summary
                .ret
                .taint
                .iter()
                .filter(|t| matches!(t.origin, Origin::Source(_)))
            {
                let tr = self.g.extend_trace(t.trace, p.span, &message);
                out.push(t.moved(tr));
            }
        }
        out
    }

    /// A generic source stored under a name that says what it is takes the name's
    /// category (`int heartRate = Math.round(event.values[0])` is health).
    fn refine_by_name(&mut self, v: &mut Val, name: &str) {
        for t in &mut v.taint {
            let Origin::Source(id) = t.origin else {
                continue;
            };
            let src = self.g.source_info(id);
            if !src.refinable {
                continue;
            }
            let Some(m) = self.k.names.classify(name) else {
                continue;
            };
            if m.category == src.category {
                continue;
            }
            let mut refined = src.clone();
            refined.category = m.category;
            refined.refinable = false;
            refined.minor |= m.minor;
            let new_id = self.g.source(refined);
            t.origin = Origin::Source(new_id);
        }
    }

    fn new_source(
        &mut self,
        category: String,
        kind: SourceKind,
        span: Span,
        description: String,
        name_for_minor: &str,
    ) -> Taint {
        let about = Described::default();
        self.new_described_source(category, kind, span, description, name_for_minor, about)
    }

    /// A source, with what its API's entry says besides its category.
    fn new_described_source(
        &mut self,
        category: String,
        kind: SourceKind,
        span: Span,
        description: String,
        name_for_minor: &str,
        about: Described,
    ) -> Taint {
        let minor = self
            .k
            .names
            .classify(name_for_minor)
            .is_some_and(|m| m.minor);
        let message = format!("source: {description} ({category})");
        let id = self.g.source(SourceInfo {
            category,
            kind,
            span,
            description,
            minor,
            refinable: about.refinable,
            function: self.f,
            permissions: about.permissions,
            identifier: about.identifier,
        });
        let trace = self.g.trace(None, span, message);
        Taint::new(Origin::Source(id), trace)
    }

    // ----- statements -------------------------------------------------------

    fn block(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            if !self.env.live {
                return;
            }
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let {
                name,
                ty,
                elem,
                init,
                span,
            } => {
                let name_rc: Arc<str> = name.as_str().into();
                // A for-each variable is of the iterable's element type.
                let each = init.as_ref().and_then(|e| {
                    let found = self.element_lets.iter().find(|(s, _)| *s == e.span);
                    found.map(|&(_, typed)| typed)
                });
                let declared = ty.clone().or_else(|| {
                    let e = init.as_ref()?;
                    match each {
                        Some(typed) => typed.then(|| self.iterated_type(e)).flatten(),
                        None => self.static_type(e),
                    }
                });
                if let Some(t) = declared {
                    self.local_types.insert(name_rc.clone(), t);
                }
                let held = elem.clone().or_else(|| {
                    let e = init.as_ref().filter(|_| each.is_none())?;
                    self.element_type(e)
                });
                match held {
                    Some(t) => self.local_elems.insert(name_rc.clone(), t),
                    None => self.local_elems.remove(&name_rc),
                };
                let v = match init {
                    Some(e) => {
                        let mut v = self.eval(e);
                        if each.is_some() {
                            self.elements_of(&mut v.taint, None);
                        }
                        self.refine_by_name(&mut v, name);
                        self.assigned_to(v, *span, name)
                    }
                    None => Val::constant(),
                };
                self.holders.remove(&name_rc);
                if let Some(e) = init {
                    self.note_alias(&name_rc, e);
                }
                self.env.vars.insert(name_rc, v);
            }
            Stmt::Expr(e) => {
                self.eval(e);
            }
            Stmt::If { cond, then, els } => {
                self.eval(cond);
                let constant = self.constant_bool(cond);
                // `if (level == Log.DEBUG)` on a parameter: each branch runs for some
                // constants only (see [`Guard`]).
                let (then_guard, else_guard) = self.equality_guards(cond);
                let before = self.env.clone();
                if constant != Some(false) {
                    self.guarded_block(then, then_guard);
                } else {
                    self.env.live = false;
                }
                let after_then = std::mem::replace(&mut self.env, before);
                if constant != Some(true) {
                    self.guarded_block(els, else_guard);
                } else {
                    self.env.live = false;
                }
                self.env.join(&after_then);
            }
            Stmt::Loop {
                init,
                cond,
                body,
                update,
            } => {
                // `for (x : items)`: the loop variable, declared first from the
                // iterable, takes its elements.
                let for_each = match (cond, body.first()) {
                    (Some(c), Some(Stmt::Let { init: Some(e), .. })) => c.span == e.span,
                    _ => false,
                };
                if let Some(c) = cond.as_ref().filter(|_| for_each) {
                    // (`for ((k, v) in map)` declares several from each element.)
                    let vars = body.iter().filter(
                        |s| matches!(s, Stmt::Let { init: Some(e), .. } if e.span == c.span),
                    );
                    self.element_lets.push((c.span, vars.count() == 1));
                }
                self.block(init);
                self.loop_exits.push(Env::default());
                let mut last = usize::MAX;
                for _ in 0..LOOP_PASSES {
                    let entry = self.env.clone();
                    if let Some(c) = cond {
                        self.eval(c);
                    }
                    self.block(body);
                    for u in update {
                        if self.env.live {
                            self.eval(u);
                        }
                    }
                    self.env.join(&entry);
                    let n = self.env.origins();
                    if n == last {
                        break;
                    }
                    last = n;
                }
                if let Some(exits) = self.loop_exits.pop() {
                    self.env.join(&exits);
                }
                if for_each {
                    self.element_lets.pop();
                }
                self.env.live = true;
            }
            Stmt::Return(value, span) => {
                if let Some(e) = value {
                    let v = self.eval(e);
                    if self.inlined == 0 {
                        self.returned_to_library(&v, *span);
                    }
                    let v = self.flow_into(v, *span, "returned");
                    if self.returned {
                        self.summary.ret.join(&v);
                    } else {
                        self.summary.ret = v;
                        self.returned = true;
                    }
                }
                self.publish_this_fields();
                self.env.live = false;
            }
            Stmt::Throw(e) => {
                let mut v = self.eval(e);
                // Kept under its type, for the handlers that catch it alone.
                if let Some(ty) = self.static_type(e) {
                    // (An exception class of the app's by its qualified name; a
                    // library one as its import names it.)
                    let module = self.module_id();
                    let name = match self.program.resolve_class(module, &ty) {
                        Some(c) => self.program.class(c).qualified.clone(),
                        None => self.program.qualify_external(module, simple_type(&ty)),
                    };
                    let marker = self.g.field_sym(&format!("!{name}"));
                    for t in &mut v.taint {
                        *t = t.within((Some(marker), None));
                    }
                }
                self.thrown.join(&v);
                self.env.live = false;
            }
            Stmt::Break | Stmt::Continue => {
                let env = self.env.clone();
                if let Some(exits) = self.loop_exits.last_mut() {
                    exits.join(&env);
                }
                self.env.live = false;
            }
            Stmt::Try {
                body,
                catches,
                finally,
            } => {
                let before = self.env.clone();
                let outer_thrown = std::mem::take(&mut self.thrown);
                self.block(body);
                // What the body threw (`throw new E(imei)`) is what a handler catches.
                let thrown = std::mem::replace(&mut self.thrown, outer_thrown);
                if catches.is_empty() {
                    self.thrown.join(&thrown);
                }
                // What each handler's type can catch (read out of the type it was
                // kept under); what none can goes on to the enclosing one.
                let mut caught_by: Vec<Vec<Taint>> = vec![Vec::new(); catches.len()];
                for t in &thrown.taint {
                    let mut caught = false;
                    for ((param, _), into) in catches.iter().zip(&mut caught_by) {
                        if self.catches(param.ty.as_deref(), t) {
                            let typed = self.thrown_type(t).is_some();
                            into.push(if typed { t.read_out() } else { *t });
                            caught = true;
                        }
                    }
                    if !caught && !catches.is_empty() {
                        self.thrown.add_taint(*t);
                    }
                }
                let mut after = self.env.clone();
                for ((param, handler), taints) in catches.iter().zip(caught_by) {
                    self.env = before.clone();
                    self.env.join(&after);
                    self.env.live = true;
                    let caught = Val {
                        taint: taints,
                        ..thrown.clone()
                    };
                    let caught =
                        self.flow_into(caught, param.span, &format!("caught as `{}`", param.name));
                    self.env.vars.insert(param.name.as_str().into(), caught);
                    // (The first type a multi-catch names stands for it.)
                    let ty = param.ty.as_deref().and_then(|t| t.split('|').next());
                    if let Some(ty) = ty {
                        let ty = ty.trim().to_string();
                        self.local_types.insert(param.name.as_str().into(), ty);
                    }
                    self.block(handler);
                    after.join(&self.env);
                }
                self.env = after;
                if !finally.is_empty() {
                    let live = self.env.live;
                    self.env.live = true;
                    self.block(finally);
                    self.env.live &= live;
                }
            }
            Stmt::Switch {
                scrutinee,
                arms,
                labels,
                exhaustive,
                default,
            } => {
                self.eval(scrutinee);
                let before = self.env.clone();
                // Past a switch with a default arm, every value comes from some arm.
                let mut out = if *exhaustive {
                    Env::default()
                } else {
                    before.clone()
                };
                // A switch on a parameter: its arms run for their constants only.
                let on_param = self.switched_param(scrutinee);
                let keys = |f: &Self, l: &[Expr]| -> Option<Vec<Arc<str>>> {
                    l.iter().map(|e| f.constant_key(e)).collect()
                };
                self.loop_exits.push(Env::default());
                for (i, arm) in arms.iter().enumerate() {
                    self.env = before.clone();
                    let values = match *default == Some(i) {
                        // The default arm: for none of the others' constants, when they
                        // all have some.
                        true => labels
                            .iter()
                            .enumerate()
                            .filter(|&(j, _)| j != i)
                            .map(|(_, l)| keys(self, l).filter(|k| !k.is_empty()))
                            .collect::<Option<Vec<_>>>()
                            .map(|all| (all.concat(), true)),
                        false => labels
                            .get(i)
                            .and_then(|l| keys(self, l))
                            .filter(|k| !k.is_empty())
                            .map(|k| (k, false)),
                    };
                    let guard = on_param
                        .zip(values)
                        .map(|(p, (v, neg))| (p, Arc::from(v), neg));
                    self.guarded_block(arm, guard);
                    out.join(&self.env);
                }
                if let Some(exits) = self.loop_exits.pop() {
                    out.join(&exits);
                }
                self.env = out;
            }
            Stmt::Block(stmts) => self.block(stmts),
        }
    }

    /// Runs a block under a guard, if any.
    fn guarded_block(&mut self, stmts: &[Stmt], guard: Option<Guard>) {
        let guarded = guard.is_some();
        self.guards.extend(guard);
        self.block(stmts);
        if guarded {
            self.guards.pop();
        }
    }

    /// The guards of the two branches of `if (p == C)` (and of `p != C`) on a
    /// parameter `p` and a constant `C`.
    fn equality_guards(&self, cond: &Expr) -> (Option<Guard>, Option<Guard>) {
        // `if (value is String)`, `value instanceof Integer`, and `!is`.
        let (test, negated) = match &cond.kind {
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => (&**operand, true),
            _ => (cond, false),
        };
        let one = |p: &Expr, c: &Expr| Some((self.switched_param(p)?, self.constant_key(c)?));
        let tested = match (&test.kind, &cond.kind) {
            (ExprKind::InstanceOf { expr, .. }, _) => one(expr, test).map(|pk| (pk, negated)),
            (
                _,
                ExprKind::Binary {
                    op:
                        BinOp::Compare {
                            negated,
                            ordered: false,
                            ..
                        },
                    lhs,
                    rhs,
                },
            ) => one(lhs, rhs)
                .or_else(|| one(rhs, lhs))
                .map(|pk| (pk, *negated)),
            _ => None,
        };
        let Some(((p, key), negated)) = tested else {
            return (None, None);
        };
        let values: Arc<[Arc<str>]> = Arc::from(vec![key]);
        let (holds, fails) = (Some((p, values.clone(), false)), Some((p, values, true)));
        if negated {
            (fails, holds)
        } else {
            (holds, fails)
        }
    }

    /// The parameter a switch is on (`when (priority)`, `switch (level)`), unless
    /// this function assigns it.
    fn switched_param(&self, scrutinee: &Expr) -> Option<u16> {
        let e = match &scrutinee.kind {
            ExprKind::Opaque(parts) if parts.len() == 1 => &parts[0],
            _ => scrutinee,
        };
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        let p = *self.params.get(n.as_str())?;
        let mut assigned = false;
        crate::ir::walk_exprs(&self.func().body, &mut |e| {
            if let ExprKind::Assign { target, .. } = &e.kind {
                assigned |= matches!(&target.kind, ExprKind::Name(t) if t == n);
            }
        });
        (!assigned).then_some(p)
    }

    /// A constant as a switch label or an argument names it: a literal (`3`,
    /// `"debug"`), or a constant by its own name (`Log.DEBUG` and `DEBUG` are
    /// `=DEBUG`, `Level.Debug` is `=Debug`). Literals and names are told apart: a
    /// named constant's value is not known here.
    fn constant_key(&self, e: &Expr) -> Option<Arc<str>> {
        match &e.kind {
            ExprKind::Literal(Literal::Int(n)) => Some(format!("#{n}").into()),
            ExprKind::Literal(Literal::Str(s)) => Some(format!("\"{s}").into()),
            ExprKind::Literal(Literal::Bool(b)) => Some(format!("#{b}").into()),
            ExprKind::Name(n)
                if !self.env.vars.contains_key(n.as_str())
                    && n.starts_with(|c: char| c.is_ascii_uppercase())
                    && n.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') =>
            {
                Some(format!("={n}").into())
            }
            ExprKind::Field { receiver, name } if self.type_name_of(receiver).is_some() => {
                Some(format!("={name}").into())
            }
            // A type test's type (`is Int ->`, `instanceof String`).
            ExprKind::InstanceOf { ty, .. } => {
                let ty = base_type(ty);
                let ty = ty.strip_prefix("java.lang.").unwrap_or(ty);
                let ty = ty.strip_prefix("kotlin.").unwrap_or(ty);
                value_type_key(ty).or_else(|| Some(format!(":{ty}").into()))
            }
            _ => None,
        }
    }

    /// The type of a value, as a key compared with a type test's ([`value_type_key`]).
    fn type_key(&self, e: &Expr) -> Option<Arc<str>> {
        match &e.kind {
            ExprKind::Literal(Literal::Str(_)) => value_type_key("String"),
            ExprKind::Literal(Literal::Int(_)) => value_type_key("Int"),
            ExprKind::Literal(Literal::Bool(_)) => value_type_key("Boolean"),
            _ if is_text_expr(e) => value_type_key("String"),
            // Conversions whose result type their name says, whatever the receiver's:
            // `x.toString()`, `s.toLong()`, `String.valueOf(x)`.
            ExprKind::Call(c) => match (c.name.as_str(), c.args.len()) {
                ("toString", 0) | ("format", _) => value_type_key("String"),
                ("valueOf", 1)
                    if c.receiver
                        .as_deref()
                        .is_some_and(|r| matches!(&r.kind, ExprKind::Name(n) if n == "String")) =>
                {
                    value_type_key("String")
                }
                ("toInt" | "toIntOrNull", 0) => value_type_key("Int"),
                ("toLong" | "toLongOrNull", 0) => value_type_key("Long"),
                ("toBoolean" | "toBooleanStrict", 0) => value_type_key("Boolean"),
                ("toFloat" | "toFloatOrNull", 0) => value_type_key("Float"),
                ("toDouble" | "toDoubleOrNull", 0) => value_type_key("Double"),
                _ => value_type_key(&self.static_type(e)?),
            },
            _ => value_type_key(&self.static_type(e)?),
        }
    }

    /// The key an argument is compared with a guard's keys by: its type for a type
    /// test's, else the constant it is.
    fn guard_key(&self, e: &Expr, values: &[Arc<str>]) -> Option<Arc<str>> {
        if values.iter().any(|v| v.starts_with(':')) {
            self.type_key(e)
        } else {
            self.constant_key(e)
        }
    }

    /// Records a step for every taint of a value moving to `span`.
    /// A value assigned to a variable; temporaries a front-end made up (`$value1`)
    /// are not steps a reader would recognise.
    fn assigned_to(&mut self, v: Val, span: Span, name: &str) -> Val {
        if name.starts_with('$') {
            return v;
        }
        self.flow_into(v, span, &format!("assigned to `{name}`"))
    }

    /// The element a constant index names (`[1]`), as a field of the array.
    /// A container's value as one of its elements: the element at `slot` when an
    /// index is known, any of them otherwise (what is kept by index stays apart:
    /// `{"a", imei}[0]` is not the IMEI).
    fn elements_of(&self, taints: &mut Vec<Taint>, slot: Option<FieldSym>) {
        taints.retain_mut(|t| match t.field {
            Some(f) if self.g.is_index_sym(f) => {
                let keep = slot.is_none_or(|s| s == f);
                *t = t.read_out();
                keep
            }
            _ => true,
        });
    }

    fn index_slot(&mut self, index: &Expr) -> Option<FieldSym> {
        let ExprKind::Literal(Literal::Int(n)) = index.kind else {
            return None;
        };
        let sym = self.g.field_sym(&format!("[{n}]"));
        self.g.add_index_sym(sym);
        Some(sym)
    }

    fn flow_into(&mut self, mut v: Val, span: Span, message: &str) -> Val {
        for t in &mut v.taint {
            t.trace = self.g.extend_trace(t.trace, span, message);
        }
        self.prune(&mut v);
        v
    }

    /// A tuple made of these values (`Pair(id, name)`): each under its component.
    fn tuple_of(&mut self, ty: &str, vals: &[Val], span: Span) -> Option<Val> {
        let p = &self.k.propagation;
        if !p.tuple_types.contains(ty) || vals.len() > p.tuple_components.len() {
            return None;
        }
        let components: Vec<String> = p.tuple_components[..vals.len()].to_vec();
        let mut v = Val::default();
        for (a, name) in vals.iter().zip(components) {
            let sym = self.g.field_sym(&name);
            for t in &a.taint {
                let tr = self
                    .g
                    .extend_trace(t.trace, span, "passed to `<constructor>`");
                v.add_taint(t.carried(tr).within((Some(sym), None)));
            }
        }
        Some(v)
    }

    /// A call that makes a tuple or reads one of its components (see
    /// [`Self::tuple_of`], [`Self::tuple_component`]).
    fn tuple_call(&mut self, call: &Call, span: Span) -> Option<Val> {
        // Kotlin's `Pair(id, name)`, a constructor called as a function.
        if call.receiver.is_none() && self.k.propagation.tuple_types.contains(&call.name) {
            let vals: Vec<Val> = call.args.iter().map(|a| self.eval(a)).collect();
            return self.tuple_of(&call.name, &vals, span);
        }
        let r = call.receiver.as_deref()?;
        match (call.name.as_str(), call.args.len()) {
            // Kotlin's infix `a to b`.
            ("to", 1) => {
                let vals = [self.eval(r), self.eval(&call.args[0])];
                self.tuple_of("Pair", &vals, span)
            }
            ("create", n) if n > 0 && matches!(&r.kind, ExprKind::Name(t) if t == "Pair") => {
                let vals: Vec<Val> = call.args.iter().map(|a| self.eval(a)).collect();
                self.tuple_of("Pair", &vals, span)
            }
            (name, 0) => self.tuple_component(r, name),
            _ => None,
        }
    }

    /// A component of a tuple (`pair.first`, `pair.component2()`, `pair.getSecond()`):
    /// what it was made with there, and what the tuple holds as a whole.
    fn tuple_component(&mut self, receiver: &Expr, name: &str) -> Option<Val> {
        let p = &self.k.propagation;
        let ty = self.static_type(receiver);
        // (The fields a local not typed here holds, `val p = Pair(a, b)`.)
        let held: Vec<FieldSym> = match (&ty, &receiver.kind) {
            (None, ExprKind::Name(n)) => self
                .env
                .vars
                .get(n.as_str())
                .map(|v| v.taint.iter().filter_map(|t| t.field).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        // A pair or triple, or an element with its position (`IndexedValue`).
        let kinds = [
            (&p.tuple_components, Some(&p.tuple_types)),
            (&p.indexed_components, None),
        ];
        let mut found = None;
        for (components, types) in kinds {
            let component = match name.strip_prefix("component") {
                Some(n) => {
                    let i: usize = n.parse().ok()?;
                    components.get(i.checked_sub(1)?)
                }
                None => {
                    let n = bean_property(name, "get").unwrap_or_else(|| name.to_string());
                    components.iter().find(|c| **c == n)
                }
            };
            let Some(component) = component else {
                continue;
            };
            let tuple = match &ty {
                Some(ty) => types.is_some_and(|types| types.contains(simple_type(ty))),
                // A local that holds components (of the same kind).
                None => held.iter().any(|&s| {
                    self.g
                        .field_name(s)
                        .is_some_and(|n| components.iter().any(|c| **c == **n))
                }),
            };
            if tuple {
                found = Some(self.g.field_sym(component));
                break;
            }
        }
        let sym = found?;
        let v = self.eval(receiver);
        let mut out = Val::default();
        for t in &v.taint {
            match t.field {
                Some(f) if f == sym => {
                    out.add_taint(t.read_out());
                }
                Some(_) => {}
                // The tuple the caller passes: the caller's component.
                None => {
                    let origin = match t.origin {
                        Origin::Param(q) if q != RECEIVER => Origin::ParamField(q, sym),
                        o => o,
                    };
                    out.add_taint(Taint { origin, ..*t });
                }
            }
        }
        Some(out)
    }

    /// Forgets taints whose way is already too long to ever be reported.
    fn prune(&self, v: &mut Val) {
        v.taint
            .retain(|t| (self.g.node(t.trace).depth as usize) < MAX_TRACE);
    }

    /// Publishes the current values of `this` fields to the global field table (and
    /// to the summary, for parameters stored into fields).
    fn publish_this_fields(&mut self) {
        let Some(class) = self.class else { return };
        let entries: Vec<(Arc<str>, Val)> = self
            .env
            .vars
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("this.").map(|f| (Arc::from(f), v.clone())))
            .collect();
        for (field, v) in entries {
            let found = self.program.field(class, &field);
            let owner = found.map(|(c, _)| c).unwrap_or(class);
            match found {
                Some((o, f)) if self.per_object(o, f) => {
                    let sym = self.g.field_sym(&field);
                    self.store_in_this_object(sym, &v);
                    // Where a stream kept in the object writes: class-wide (see
                    // `read_own_field`).
                    if v.resource.is_some() && self.holds_destination(f) {
                        let kept = Val {
                            resource: v.resource,
                            ..Val::default()
                        };
                        self.write_field_global((o, field), &kept);
                    }
                }
                // A field this class inherits and keeps apart: in its own slot.
                Some((o, f)) if o != class && self.split_field(o, f) => {
                    self.write_field_global((class, field), &v);
                }
                _ => self.write_field_global((owner, field), &v),
            }
        }
    }

    /// Fields of classes created at several places are tracked with each object (a
    /// field-based analysis would mix every `Element`'s content into every other's).
    fn per_object(&mut self, owner: ClassId, field: &Field) -> bool {
        !field.is_static && self.is_per_object(owner)
    }

    /// The library classes a project class extends (cached: asked at every call).
    fn external_supertypes(&mut self, c: ClassId) -> Arc<[String]> {
        if let Some(v) = self.g.supertypes(c) {
            return v;
        }
        let v: Arc<[String]> = self.program.external_supertypes(c).into();
        self.g.set_supertypes(c, v.clone());
        v
    }

    /// The type an exception carrying `t` was thrown as, where the throw said (see
    /// `Stmt::Throw`): an app class by its qualified name, a library one by its simple
    /// name.
    fn thrown_type(&self, t: &Taint) -> Option<&str> {
        self.g.field_name(t.field?)?.strip_prefix('!')
    }

    /// Whether a handler of type `handler` (`A | B` for several) catches what `t`
    /// was thrown as: unless the types say it cannot, it does (an exception of the
    /// app's caught as another of the app's it does not extend, or as a library type
    /// none of its library supertypes is; a library's caught as one of the app's).
    fn catches(&mut self, handler: Option<&str>, t: &Taint) -> bool {
        let Some(thrown) = self.thrown_type(t).map(str::to_string) else {
            return true;
        };
        let Some(handler) = handler else {
            return true;
        };
        handler.split('|').any(|h| {
            let h = simple_type(h.trim());
            if matches!(h, "Throwable" | "Exception") || h == simple_type(&thrown) {
                return true;
            }
            let module = self.module_id();
            let hc = self.program.resolve_class(module, h);
            let Some(tc) = self.program.resolve_class(module, &thrown) else {
                // A library's exception is of no class of the app's, and of a library
                // type only if its ancestry says so (where the knowledge lists it).
                return hc.is_none() && self.library_catches(&thrown, h);
            };
            if let Some(hc) = hc {
                return self.program.is_subclass_of(tc, hc);
            }
            let supers = self.external_supertypes(tc);
            supers.iter().any(|s| {
                let root = matches!(
                    simple_type(s),
                    "Exception" | "RuntimeException" | "Throwable" | "Error"
                );
                // (A library supertype other than the roots may be the handler's
                // type or one of its subclasses.)
                simple_type(s) == h || (!root && self.library_catches(s, h))
            })
        })
    }

    /// Whether a handler of the library type `handler` (a simple name) catches the
    /// library exception `thrown`: unless the knowledge lists its whole ancestry
    /// without the handler's type, it may.
    fn library_catches(&self, thrown: &str, handler: &str) -> bool {
        match self.k.throwable_ancestry(thrown) {
            Some(ancestry) => ancestry.iter().any(|a| simple_type(a) == handler),
            None => true,
        }
    }

    /// Objects the app creates itself are tracked one by one; framework components
    /// (activities, services, fragments, tasks), whose methods the framework calls on
    /// the same instance, keep their fields class-wide so one lifecycle method sees
    /// what another stored.
    fn is_per_object(&mut self, c: ClassId) -> bool {
        if let Some(known) = self.g.per_object(c) {
            return known;
        }
        let component = self.program.external_supertypes(c).iter().any(|t| {
            let simple = t.rsplit('.').next().unwrap_or(t);
            self.k
                .propagation
                .component_suffixes
                .iter()
                .any(|s| simple.ends_with(s.as_str()))
        });
        let per_object =
            !component && self.program.is_allocated(c) && !self.program.is_singleton(c);
        self.g.set_per_object(c, per_object);
        per_object
    }

    /// What `this` is: in an extension function or a block with receiver, the
    /// receiver; elsewhere the object the method runs on.
    fn this_object(&mut self) -> Val {
        match self.env.vars.get(RECEIVER_PARAM) {
            Some(v) => v.clone(),
            None => self.this_value(),
        }
    }

    /// The receiver of an instance method of a class tracked per object: whatever
    /// its caller's object holds.
    fn this_value(&mut self) -> Val {
        if !self.receiver_is_tracked() {
            return Val::default();
        }
        let func = self.func();
        let root = match self.this_root {
            Some(r) => r,
            None => {
                let r = self.g.trace(None, func.name_span, "this object");
                self.this_root = Some(r);
                r
            }
        };
        Val {
            taint: vec![Taint::new(Origin::Param(RECEIVER), root)],
            ..Val::default()
        }
    }

    /// Whether this function runs on an object whose fields are tracked per object.
    fn receiver_is_tracked(&mut self) -> bool {
        let func = self.func();
        let instance = !func.is_static
            && matches!(func.kind, FunctionKind::Method | FunctionKind::Constructor);
        instance && self.class.is_some_and(|c| self.is_per_object(c))
    }

    /// Data stored into field `field` of `this`, for a class tracked per object.
    fn store_in_this_object(&mut self, field: FieldSym, v: &Val) {
        for t in &v.taint {
            let own = matches!(t.origin, Origin::Param(RECEIVER))
                || matches!(t.origin, Origin::ReceiverField(f, _) if f == field);
            if !own {
                self.summary
                    .receiver_gets
                    .entry((field, t.field, t.origin))
                    .or_insert(t.trace);
            }
        }
    }

    /// The value of field `field` of `this` on entry, for a class tracked per object.
    fn this_field_value(&mut self, field: &Field) -> Val {
        let sym = self.g.field_sym(&field.name);
        let root = self.g.trace(
            None,
            field.name_span,
            format!("field `{}` of this object", field.name),
        );
        Val {
            taint: vec![Taint::new(Origin::ReceiverField(sym, None), root)],
            ..Val::default()
        }
    }

    fn write_field_global(&mut self, key: FieldKey, v: &Val) {
        // (What was read from a subclass's slot and is written back as it was, as a
        // holder read and updated in place is, stays in that slot.)
        let kept;
        let v = match self.from_subclasses.get(&key.1) {
            None => v,
            Some(read) => {
                let mut w = v.clone();
                w.taint.retain(|t| !read.contains(&t.trace));
                kept = w;
                &kept
            }
        };
        for t in &v.taint {
            if !matches!(t.origin, Origin::Source(_)) {
                self.summary
                    .field_writes
                    .entry((t.origin, t.path(), key.clone()))
                    .or_insert(t.trace);
            }
        }
        let mut global = v.global_part();
        // A destination the caller hands over means nothing to other functions: the
        // caller's is stored (see `Summary::field_resources`).
        if let Some(ResourceKind::Param(p)) = global.resource {
            self.summary.field_resources.insert((p, key.clone()));
            global.resource = None;
        }
        self.g.wrote(|| Dep::Field(key.clone()));
        self.g.write_field(key, &global);
    }

    // ----- expressions ------------------------------------------------------

    fn eval(&mut self, e: &Expr) -> Val {
        match &e.kind {
            ExprKind::Literal(lit) => {
                let mut v = Val::constant();
                if let Literal::Str(s) = lit {
                    if s.starts_with("http://") || s.starts_with("https://") {
                        v.url = Some(s.as_str().into());
                    }
                }
                v
            }
            ExprKind::Name(n) => self.read_name(n, e.span),
            ExprKind::This => self.this_object(),
            ExprKind::Super => self.this_value(),
            ExprKind::Path(_) => Val::constant(),
            ExprKind::Field { receiver, name } => self.read_field(receiver, name, e.span),
            ExprKind::Call(call) => self.eval_call(call, e.span),
            ExprKind::New {
                ty,
                args,
                body,
                type_args,
            } => self.eval_new(ty, args, *body, type_args, e.span),
            ExprKind::Lambda(f) => {
                let id = FnId {
                    module: self.module_id(),
                    func: *f,
                };
                self.capture(Callable::Lambda(id));
                Val {
                    callable: Some(Callable::Lambda(id)),
                    ..Val::default()
                }
            }
            ExprKind::MethodRef { receiver, name } => {
                // `::upload`, `this::upload`, `Uploader::send`: a function value that
                // runs the app's function it names, when that is one function.
                let target = self.method_ref_target(receiver, name);
                if matches!(receiver.kind, ExprKind::This) {
                    if let Some(c) = self.class {
                        for callee in self.program.dispatch_implicit(c, name, usize::MAX) {
                            self.record_reference(callee, e.span);
                        }
                        let targets: Vec<FnId> = self
                            .program
                            .class(c)
                            .methods
                            .iter()
                            .map(|&func| FnId {
                                module: c.module,
                                func,
                            })
                            .filter(|&f| self.program.function(f).name == *name)
                            .collect();
                        for t in targets {
                            self.record_reference(t, e.span);
                        }
                    }
                }
                Val {
                    callable: target.map(Callable::Lambda),
                    ..Val::default()
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let mut l = self.eval(lhs);
                let r = self.eval(rhs);
                match op {
                    BinOp::Add => {
                        // An object printed into text is what its `toString()` gives.
                        let r = if is_text_expr(lhs) || self.is_string(lhs) {
                            self.as_text(rhs, r)
                        } else {
                            r
                        };
                        let mut l = if is_text_expr(rhs) || self.is_string(rhs) {
                            self.as_text(lhs, l)
                        } else {
                            l
                        };
                        let (url, url_param) = (l.url.clone(), l.url_param);
                        l.join(&r);
                        (l.url, l.url_param) = (url, url_param);
                        l.is_const = l.is_const && r.is_const;
                        l
                    }
                    BinOp::Arith | BinOp::Mul | BinOp::Div => {
                        l.join(&r);
                        (l.url, l.url_param) = (None, None);
                        l
                    }
                    // Comparisons and logic yield booleans, not the data.
                    _ => Val::constant(),
                }
            }
            ExprKind::Unary { op, operand } => {
                let v = self.eval(operand);
                match op {
                    UnaryOp::Not => Val::constant(),
                    UnaryOp::Other => v,
                }
            }
            ExprKind::Ternary { cond, then, els } => {
                self.eval(cond);
                let mut a = self.eval(then);
                let b = self.eval(els);
                a.join(&b);
                a
            }
            ExprKind::Index { array, index } => {
                self.eval(index);
                let mut v = self.eval(array);
                v.callable = None;
                // `map["id"]` as `map.get("id")`.
                if let Some(key) = entry_key(index) {
                    let key = self.g.field_sym(&key);
                    v.taint = entry_taints(&v.taint, key, |f| self.g.is_entry_sym(f));
                    return v;
                }
                // `arr[0]` is not what was stored in `arr[1]`; `arr[i]` may be any.
                let slot = self.index_slot(index);
                self.elements_of(&mut v.taint, slot);
                v
            }
            ExprKind::Cast { expr, .. } | ExprKind::Named { value: expr, .. } => self.eval(expr),
            ExprKind::Block { stmts, value } => {
                self.block(stmts);
                self.eval(value)
            }
            ExprKind::InstanceOf { expr, .. } => {
                self.eval(expr);
                Val::constant()
            }
            ExprKind::ArrayInit(items) => {
                let mut v = Val::constant();
                for (n, i) in items.iter().enumerate() {
                    // A `key to value` pair (`bundleOf("id" to imei)`, `mapOf(..)`):
                    // the value stays under its key.
                    let key = match &i.kind {
                        ExprKind::ArrayInit(pair) if pair.len() == 2 => {
                            pair.first().and_then(entry_key)
                        }
                        _ => None,
                    };
                    let x = match key {
                        Some(key) => {
                            // (The pair's value is its element `[1]`.)
                            let mut x = self.eval(i);
                            let sym = self.g.field_sym(&key);
                            for t in &mut x.taint {
                                *t = t.read_out().stored_in(sym);
                            }
                            x
                        }
                        // An element at its index (`{"a", imei}`: `[1]`, not `[0]`).
                        None if n < MAX_INDEXED_ELEMENTS => {
                            let mut x = self.eval(i);
                            let at = Expr::new(ExprKind::Literal(Literal::Int(n as i64)), i.span);
                            if let Some(slot) = self.index_slot(&at) {
                                for t in &mut x.taint {
                                    *t = t.stored_in(slot);
                                }
                            }
                            x
                        }
                        None => self.eval(i),
                    };
                    v.join(&x);
                }
                v
            }
            ExprKind::Assign {
                target,
                value,
                compound,
            } => {
                // A Kotlin property of a library object (`clipboard.primaryClip = clip`,
                // `arguments = bundle` in `apply { }`) is set through its setter.
                if let Some(setter) = self.property_setter(target, value, *compound) {
                    let v = self.eval_call(&setter, e.span);
                    // Read back, the property holds what was assigned, not what its
                    // setter returns.
                    if let ExprKind::Name(n) = &target.kind {
                        let held = self.eval(value);
                        self.env.vars.insert(n.as_str().into(), held);
                    }
                    return v;
                }
                let v = self.eval(value);
                let local = match &target.kind {
                    ExprKind::Name(n) => self.env.vars.contains_key(n.as_str()),
                    _ => false,
                };
                if let (ExprKind::Name(n), true, false) = (&target.kind, local, *compound) {
                    let n: Arc<str> = n.as_str().into();
                    self.holders.remove(&n);
                    self.note_alias(&n, value);
                }
                self.assign(target, v.clone(), *compound);
                // `this.current = b`, `Registry.primary = b`: that place holds `b`'s object.
                if !local {
                    self.note_held(value, target, NO_PATH, target.span);
                }
                v
            }
            ExprKind::Opaque(items) => {
                let mut v = Val::default();
                let mut all_const = !items.is_empty();
                for i in items {
                    let x = self.eval(i);
                    all_const &= x.is_const;
                    v.join(&x);
                }
                v.is_const = all_const;
                v
            }
        }
    }

    fn capture(&mut self, key: Callable) {
        let vars: Vec<(Arc<str>, Val)> = self
            .env
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.global_part()))
            .collect();
        self.g.wrote(|| Dep::Capture(key));
        self.g.write_captures(key, vars);
    }

    /// The class and field an unqualified name denotes, when it is a field.
    fn field_for_name(&self, name: &str) -> Option<(ClassId, &'a Field)> {
        let c = self.class?;
        self.program.field_in_scope(c, name)
    }

    /// An empty object of a library class made by the expression itself
    /// (`ContentValues()`, `new Bundle()`, `HashMap<..>().apply { .. }`).
    fn empty_library_object(&self, e: &Expr) -> bool {
        made_by(e, &|made| {
            let no_args = match &made.kind {
                ExprKind::New { args, .. } => args.is_empty(),
                ExprKind::Call(c) => c.args.is_empty(),
                _ => false,
            };
            no_args
                && constructed_type(made)
                    .is_some_and(|t| self.program.resolve_class(self.module_id(), t).is_none())
        })
    }

    /// A field `name` in scope (of this class or an enclosing one), read.
    fn read_named_field(&mut self, name: &str) -> Option<Val> {
        let (owner, field) = self.field_for_name(name)?;
        let is_this_field =
            !field.is_static && Some(owner) == self.class.map(|c| self.owner_of(c, name));
        if is_this_field {
            return Some(self.read_name_this_field(name));
        }
        let v = self.read_field_global(owner, field, None);
        Some(self.with_field_name_source(v, owner, field))
    }

    fn read_name(&mut self, name: &str, span: Span) -> Val {
        if let Some(v) = self.env.vars.get(name) {
            let v = v.clone();
            // An empty library object made here (`val smsValues = ContentValues()`,
            // `Bundle()`, also with a block run on it): it holds what the code puts in,
            // which is seen; its name says nothing more.
            if self.k.names.classify(name).is_some()
                && self
                    .local_initialiser(name)
                    .is_some_and(|i| self.empty_library_object(i))
            {
                return v;
            }
            // A variable of an enclosing function, captured: typed where it is declared.
            let ty = self.local_types.get(name).cloned().or_else(|| {
                self.decl_span(name)
                    .is_none()
                    .then(|| self.captured_type(name))
                    .flatten()
            });
            return self.with_name_source(
                v,
                name,
                ty.as_deref(),
                self.decl_span(name).unwrap_or(span),
            );
        }
        if let Some(v) = self.read_named_field(name) {
            return v;
        }
        // A property of the implicit receiver, or of `this` through its getter.
        if self.accessor_properties() && name.starts_with(|c: char| c.is_lowercase()) {
            return match self.implicit_receiver() {
                Some(r) => self.read_field(&r, name, span),
                None => self.read_property(None, name, span),
            };
        }
        Val::default()
    }

    /// A field of `this` not assigned yet in this function.
    fn read_own_field(&mut self, owner: ClassId, field: &Field) -> Val {
        if self.per_object(owner, field) && self.receiver_is_tracked() {
            let mut v = self.this_field_value(field);
            // A stream kept in the object (`out = new PrintWriter(os)` in `begin`): it
            // writes where the stream it wraps does, kept class-wide.
            if self.holds_destination(field) {
                let key = (owner, Arc::from(field.name.as_str()));
                self.g.read(Dep::Field(key.clone()));
                v.resource = self.g.field(&key).and_then(|g| g.resource);
            }
            v
        } else {
            self.read_field_global(owner, field, self.class)
        }
    }

    /// A `static final` field initialised with literals and the app's other constants
    /// only (`CURRENT_VERSION = VERSION_1_2`, `(1 << 4) | 2`): a compile-time constant,
    /// never collected data. (A library's field, `Build.SERIAL`, is no constant here.)
    fn is_constant_field(&self, owner: ClassId, field: &Field, depth: u8) -> bool {
        fn constant(frame: &Frame, owner: ClassId, e: &Expr, depth: u8) -> bool {
            let named = |c: ClassId, n: &str| {
                frame
                    .program
                    .field(c, n)
                    .is_some_and(|(o, f)| frame.is_constant_field(o, f, depth + 1))
            };
            match &e.kind {
                ExprKind::Literal(_) => true,
                ExprKind::Name(n) => named(owner, n),
                ExprKind::Field { receiver, name } => match &receiver.kind {
                    ExprKind::Name(t) => frame
                        .program
                        .resolve_class(owner.module, t)
                        .is_some_and(|c| named(c, name)),
                    _ => false,
                },
                ExprKind::Binary { lhs, rhs, .. } => {
                    constant(frame, owner, lhs, depth) && constant(frame, owner, rhs, depth)
                }
                ExprKind::Unary { operand, .. } => constant(frame, owner, operand, depth),
                ExprKind::Cast { expr, .. } => constant(frame, owner, expr, depth),
                ExprKind::ArrayInit(items) => {
                    items.iter().all(|i| constant(frame, owner, i, depth))
                }
                // What a static library function makes of constants only
                // (`List.of(UUID.fromString("0000180d-.."), ..)`), unless it collects data.
                ExprKind::Call(call) => {
                    let library_type =
                        call.receiver
                            .as_deref()
                            .and_then(Expr::dotted)
                            .is_some_and(|t| {
                                let simple = simple_type(&t);
                                simple.starts_with(char::is_uppercase)
                                    && frame.program.field(owner, simple).is_none()
                                    && frame.program.resolve_class(owner.module, &t).is_none()
                            });
                    library_type
                        && !call.args.is_empty()
                        && frame.k.sources_named(&call.name).next().is_none()
                        && call.args.iter().all(|a| constant(frame, owner, a, depth))
                }
                // A library object made of constants only (`new UUID(0x180d..L, ..)`).
                ExprKind::New {
                    ty,
                    args,
                    body: None,
                    ..
                } => {
                    !args.is_empty()
                        && frame.program.resolve_class(owner.module, ty).is_none()
                        && args.iter().all(|a| constant(frame, owner, a, depth))
                }
                _ => false,
            }
        }
        depth < 4
            && field.is_final
            && field.is_static
            && field
                .init
                .as_ref()
                .is_some_and(|e| constant(self, owner, e, depth))
    }

    fn owner_of(&self, c: ClassId, field: &str) -> ClassId {
        self.program.field(c, field).map(|(o, _)| o).unwrap_or(c)
    }

    fn decl_span(&self, name: &str) -> Option<Span> {
        let func = self.func();
        func.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.span)
            .or_else(|| find_let(&func.body, name).map(|d| d.span))
    }

    fn read_field_global(&mut self, owner: ClassId, field: &Field, of: Option<ClassId>) -> Val {
        let mut v = self.read_field_slot(owner, field);
        if !self.split_field(owner, field) {
            return v;
        }
        // What the subclasses the object may be of stored in their own slots.
        for key in self.subclass_slots(owner, field, of) {
            self.g.read(Dep::Field(key.clone()));
            if let Some(w) = self.g.field(&key) {
                let read = self.from_subclasses.entry(key.1.clone()).or_default();
                read.extend(w.taint.iter().map(|t| t.trace));
                v.join(w);
            }
        }
        v
    }

    /// Besides the declaring class's slot, the slots of a class-wide field that a base
    /// class declares and a few of the app's classes inherit, read through an object
    /// of class `of` (its static type, or the class of `this`): those of the classes
    /// between it and `of`, of `of` and of `of`'s subclasses. What a subclass's own
    /// methods store into the field is in its slot: one screen's `label` is not its
    /// sibling's.
    fn subclass_slots(&self, owner: ClassId, field: &Field, of: Option<ClassId>) -> Vec<FieldKey> {
        let name: Arc<str> = field.name.as_str().into();
        let program = self.program;
        let c = of
            .filter(|&c| program.is_subclass_of(c, owner))
            .unwrap_or(owner);
        let mut classes = Vec::new();
        if c != owner {
            let between = program.superclasses(c);
            classes.extend(
                between
                    .into_iter()
                    .filter(|&s| program.is_subclass_of(s, owner)),
            );
            classes.push(c);
        }
        classes.extend(program.all_subclasses(c).iter().copied());
        // (Not a subclass that declares a field of that name of its own.)
        let inherits = |s: &ClassId| program.field(*s, &name).is_some_and(|(o, _)| o == owner);
        classes
            .into_iter()
            .filter(inherits)
            .map(|s| (s, name.clone()))
            .collect()
    }

    /// Whether a class-wide field is kept apart per subclass (see
    /// [`Frame::subclass_slots`]): an instance field of a class with a few subclasses.
    fn split_field(&self, owner: ClassId, field: &Field) -> bool {
        !field.is_static && {
            let n = self.program.all_subclasses(owner).len();
            n > 0 && n <= MAX_FIELD_SPLIT
        }
    }

    /// The declaring class's own slot of a class-wide field.
    fn read_field_slot(&mut self, owner: ClassId, field: &Field) -> Val {
        let key: FieldKey = (owner, field.name.as_str().into());
        self.g.read(Dep::Field(key.clone()));
        // A property holding a block (`val inviter: (String) -> Unit = { .. }`) is that
        // function value wherever it is read.
        let block = match field.init.as_ref().map(|e| &e.kind) {
            Some(ExprKind::Lambda(l)) => Some(Callable::Lambda(FnId {
                module: owner.module,
                func: *l,
            })),
            _ => None,
        };
        // A final field made once as an object of one class (`val level = object :
        // Level() { .. }`, `final Formatter f = new Redactor()`) holds that class's
        // object, known before any analysis has stored it.
        let made_as = match field.init.as_ref().map(|e| &e.kind) {
            Some(ExprKind::New { ty, body, .. }) if field.is_final => match body {
                Some(b) => Some(ClassId {
                    module: owner.module,
                    class: *b,
                }),
                None => self.program.resolve_class(owner.module, ty),
            },
            _ => None,
        };
        match self.g.field(&key) {
            Some(v) if block.is_some() || made_as.is_some() => Val {
                callable: block.or(v.callable),
                exact: made_as.or(v.exact),
                ..v.clone()
            },
            Some(v) => v.clone(),
            None => {
                let is_constant = self.is_constant_field(owner, field, 0);
                if is_constant {
                    let mut v = Val::constant();
                    if let Some(Expr {
                        kind: ExprKind::Literal(Literal::Str(s)),
                        ..
                    }) = &field.init
                    {
                        if s.starts_with("http://") || s.starts_with("https://") {
                            v.url = Some(s.as_str().into());
                        }
                    }
                    v
                } else {
                    Val {
                        callable: block,
                        exact: made_as,
                        ..Val::default()
                    }
                }
            }
        }
    }

    fn with_field_name_source(&mut self, v: Val, owner: ClassId, field: &Field) -> Val {
        // `Commodity.fullName`, a ledger `Account.fullName`: a thing's name. And a
        // compile-time constant (`HEART_RATE_SERVICES = List.of(HR_SERVICE)`) holds no
        // one's data, whatever its name.
        if self.names_a_thing(owner, &field.name) || self.is_constant_field(owner, field, 0) {
            return v;
        }
        // A property declared without a type, made as one of the app's classes, is a
        // descriptor, not the data (`val basalBodyTemperature = BasicSensor(..)`;
        // Kotlin makes it with a call of its class: `StableUnstableId(..)`).
        let made = field.init.as_ref().and_then(constructed_type);
        if field.ty.is_none()
            && made.is_some_and(|t| self.program.resolve_class(owner.module, t).is_some())
        {
            return v;
        }
        // (Its type named where it is declared, which may not import it where read.)
        let ty = match field.ty.as_deref() {
            Some(t) => match self.program.resolve_class(owner.module, t) {
                Some(c) => Some(self.program.class(c).qualified.clone()),
                None => Some(t.to_string()),
            },
            None => made.map(String::from),
        };
        let name = field_label(self.k, field);
        self.with_name_source(v, name, ty.as_deref(), field.name_span)
    }

    /// Whether the app's class `c` only wraps a text: one instance field, a string
    /// (`value class SensitiveString(private val data: String)`).
    fn wraps_text(&self, c: ClassId) -> bool {
        let class = self.program.class(c);
        let mut fields = class.fields.iter().filter(|f| !f.is_static);
        let text = |f: &Field| {
            f.ty.as_deref().is_some_and(|t| {
                matches!(
                    t.trim_end_matches('?'),
                    "String" | "CharSequence" | "char[]" | "CharArray"
                )
            })
        };
        class.kind == ClassKind::Class && fields.next().is_some_and(text) && fields.next().is_none()
    }

    /// Whether `name` in class `owner` is a thing's name, not a person's: a name that
    /// needs a person (`fullName`) in a class about none (`Commodity.fullName`).
    fn names_a_thing(&self, owner: ClassId, name: &str) -> bool {
        self.k.names.needs_person(name) && !self.about_person(owner, name)
    }

    /// Whether a class is about a person: named for one, or holding personal data
    /// in a field other than `name`.
    fn about_person(&self, owner: ClassId, name: &str) -> bool {
        let class = self.program.class(owner);
        self.k.names.names_person(&class.name)
            || class.fields.iter().any(|f| {
                f.name != name
                    && !self.k.names.needs_person(&f.name)
                    && self.k.names.classify(&f.name).is_some()
            })
    }

    /// A value whose name says it is personal data, and whose origin is otherwise
    /// unknown (not a literal, no source reached it), is personal data.
    fn with_name_source(&mut self, mut v: Val, name: &str, ty: Option<&str>, decl: Span) -> Val {
        // An object of the app's own classes is known by its fields' names, not its own
        // (a `User`'s `email`), unless it only wraps a text (a `SensitiveString`).
        if let Some(c) = ty.and_then(|t| self.program.resolve_class(self.module_id(), t)) {
            if !self.wraps_text(c) {
                return v;
            }
        }
        if v.is_const
            || v.has_source()
            || v.callable.is_some()
            || !self.k.names.type_can_hold_data(ty)
        {
            return v;
        }
        let typed = ty
            .map(|t| self.program.qualify_external(self.module_id(), t))
            .and_then(|t| self.k.names.category_of_type(&t).map(String::from));
        if let Some(category) = typed {
            let simple = ty.unwrap_or_default();
            // A temporary of the lowering (`$value3`, an `if` used as a value) has no
            // name to show.
            let description = if name.starts_with('$') {
                format!("a `{simple}` value")
            } else {
                format!("`{name}` ({simple})")
            };
            let t = self.new_source(category, SourceKind::Name, decl, description, name);
            v.add_taint(t);
            return v;
        }
        let Some(m) = self.k.names.classify(name).filter(|m| m.fits(ty)) else {
            return v;
        };
        // What a constructor or setter of a class about no person is given for such a
        // field (`new Commodity(fullname, ..)`, `account.setFullName(..)`).
        let func = self.func();
        let fills = func.kind == FunctionKind::Constructor || func.name.starts_with("set");
        if fills
            && self.params.contains_key(name)
            && self.class.is_some_and(|c| self.names_a_thing(c, name))
        {
            return v;
        }
        let what = if self.params.contains_key(name) {
            "parameter"
        } else {
            "value"
        };
        let t = self.new_source(
            m.category,
            SourceKind::Name,
            decl,
            format!("{what} `{name}`"),
            name,
        );
        v.add_taint(t);
        v
    }

    fn read_field(&mut self, receiver: &Expr, name: &str, span: Span) -> Val {
        // `MainActivity.this.number` in an inner or anonymous class: the enclosing
        // object's field, which a plain `number` reads.
        if matches!(&receiver.kind, ExprKind::Field { name: n, .. } if n == "this") {
            if let Some(v) = self.read_named_field(name) {
                return v;
            }
        }
        if matches!(receiver.kind, ExprKind::This) {
            if self.accessor_properties() && self.field_for_name(name).is_none() {
                return self.read_property(None, name, span);
            }
            return self.read_name_this_field(name);
        }
        // `R.id.et_phone` and other constants of types: not data.
        if self.type_name_of(receiver).is_some() {
            if let Some(owner) = self
                .type_name_of(receiver)
                .and_then(|t| self.program.resolve_class(self.module_id(), &t))
            {
                if let Some((o, field)) = self.program.field(owner, name) {
                    let v = self.read_field_global(o, field, None);
                    return self.with_field_name_source(v, o, field);
                }
            }
            if let Some(v) = self.static_field_source(receiver, name, span) {
                return v;
            }
            if self.accessor_properties() {
                return self.read_property(Some(receiver), name, span);
            }
            return Val::constant();
        }
        let class = self
            .static_type(receiver)
            .and_then(|t| self.program.resolve_class(self.module_id(), &t));
        // `val state: StateFlow<T> = _state` (a read-only view of a backing property):
        // reading it reads the backing field.
        let backing = class.and_then(|c| self.backing_field(c, name));
        let name = backing.as_deref().unwrap_or(name);
        let declared = class.is_some_and(|c| self.program.field(c, name).is_some());
        if !declared && self.accessor_properties() {
            return self.read_property(Some(receiver), name, span);
        }
        let recv = self.eval(receiver);
        if let Some(c) = class {
            if let Some((o, field)) = self.program.field(c, name) {
                let mut v = if self.per_object(o, field) {
                    // What is known to be in this field of that object, or in the whole.
                    let sym = self.g.field_sym(name);
                    let mut v = recv;
                    if field.ty.as_deref().is_some_and(is_failure_type) {
                        // The error a state object carries is not a guess at its data.
                        v.taint.retain(|t| t.field == Some(sym));
                    }
                    v.taint = field_taints(&v.taint, sym);
                    v
                } else {
                    self.read_field_global(o, field, Some(c))
                };
                v.callable = None;
                return self.with_field_name_source(v, o, field);
            }
        }
        // A field of a library object: carries what the object carries (`array.length`
        // and the like say nothing about it).
        if self.k.propagation.non_propagating.contains(name) {
            return Val::default();
        }
        // An object of a type not known here (an element of a list) whose fields
        // are known (`list.get(0).server` after `list.add(account)`): that field.
        let mut v = recv;
        self.keep_property(&mut v, name);
        v.callable = None;
        v
    }

    /// Data written where a resource (a stream, a preferences block's parameter)
    /// sends it: a sink of the resource's kind at `at` (name span, whole span).
    fn write_to_resource(
        &mut self,
        res: ResourceKind,
        dest: &Val,
        taints: &[Taint],
        at: (Span, Span),
        callee: String,
    ) {
        let site = SinkSite {
            kind: sink_kind(res),
            span: at.0,
            call_span: at.1,
            callee,
            url: dest.url.as_ref().map(|u| u.to_string()),
            encrypted: res == ResourceKind::EncryptedStorage,
            sdk: None,
            function: self.function_name(),
            func: self.f,
            intent_param: None,
            stream_param: match res {
                ResourceKind::Param(p) => Some(p),
                _ => None,
            },
            url_param: dest
                .url_param
                .filter(|_| dest.url.is_none() && res == ResourceKind::Network),
        };
        self.emit_all(taints, &site);
    }

    /// Whether this function is the method of an object planted into a logger that
    /// receives its messages (`log` of a `Timber.Tree` the app plants).
    fn in_planted_callback(&self) -> bool {
        let Some(class) = self.class else {
            return false;
        };
        let planters = &self.k.planters;
        let name = &self.func().name;
        planters.iter().enumerate().any(|(i, p)| {
            p.callback == *name && self.program.planted(i, planters).any(|c| c == class)
        })
    }

    /// Whether one of the library types a receiver may be is one of `classes` (a
    /// knowledge list: `keyed_stores`, `entry_types`, `keyed_containers`).
    fn any_type_is(&self, candidates: &[String], classes: &[String]) -> bool {
        candidates.iter().any(|t| {
            let t = base_type(t);
            classes.iter().any(|c| self.k.type_is(t, c))
        })
    }

    /// Whether a field holds a stream data is written to, by its declared type or
    /// the object it is made as.
    fn holds_destination(&self, field: &Field) -> bool {
        let ty = field
            .ty
            .as_deref()
            .or_else(|| field.init.as_ref().and_then(constructed_type));
        ty.is_some_and(|t| self.is_destination_type(t))
    }

    /// Whether a parameter of this type is a stream data is written to
    /// (`OutputStream out`, `Writer w`, `BufferedSink sink`).
    fn is_destination_type(&self, ty: &str) -> bool {
        let simple = simple_type(ty);
        self.k
            .propagation
            .destination_suffixes
            .iter()
            .any(|s| simple.ends_with(s.as_str()))
    }

    /// A library method that runs its block with a parameter standing for a
    /// destination (`dataStore.edit { prefs -> prefs[KEY] = v }`): the block runs here,
    /// and what it writes to that parameter is sent there.
    fn run_on_resource(&mut self, call: &Call, recv_kind: &Receiver, args: &[Val]) {
        let rty = match recv_kind {
            Receiver::Value(_, Some(t)) | Receiver::Type(t) => {
                Some(self.program.qualify_external(self.module_id(), t))
            }
            _ => None,
        };
        let k = self.k;
        let Some(spec) = k.block_resources.iter().find(|b| {
            b.method.iter().any(|m| m == call.name)
                && match &rty {
                    Some(t) => k.type_is(t, &b.class),
                    None => b.match_without_type && call.receiver.is_some(),
                }
        }) else {
            return;
        };
        let kind = spec.kind;
        if self.inlined >= MAX_INLINE_DEPTH {
            return;
        }
        for a in args {
            let Some(Callable::Lambda(l)) = a.callable else {
                continue;
            };
            let block = self.program.function(l);
            if !self.written_here(l) || block.implicit_receiver || block.params.len() != 1 {
                continue;
            }
            let dest = Val {
                resource: Some(kind),
                ..Val::default()
            };
            self.inline_lambda(l, &[], vec![dest]);
        }
    }

    /// The field of the same object a property merely exposes: initialised with it
    /// (`val state = _state`) or with a read-only view of it (`_state.asStateFlow()`).
    fn backing_field(&self, c: ClassId, name: &str) -> Option<String> {
        let (owner, field) = self.program.field(c, name)?;
        let mut init = field.init.as_ref()?;
        if let ExprKind::Call(call) = &init.kind {
            if call.args.is_empty() && self.k.propagation.read_only_views.contains(&call.name) {
                init = call.receiver.as_deref()?;
            }
        }
        let other = match &init.kind {
            ExprKind::Name(n) => n.as_str(),
            ExprKind::Field { receiver, name } if matches!(receiver.kind, ExprKind::This) => {
                name.as_str()
            }
            _ => return None,
        };
        (other != name && self.program.field(owner, other).is_some()).then(|| other.to_string())
    }

    /// A library's static field that sources.toml lists (`Build.SERIAL`): read like
    /// a call of that name on the type.
    fn static_field_source(&mut self, receiver: &Expr, name: &str, span: Span) -> Option<Val> {
        let t = self.type_name_of(receiver)?;
        let qualified = self.program.qualify_external(self.module_id(), &t);
        let listed = self
            .k
            .sources_named(name)
            .any(|s| s.kind == SpecKind::Call && self.k.type_is(&qualified, &s.class));
        if !listed {
            return None;
        }
        let call = Call {
            receiver: Some(Box::new(receiver.clone())),
            name: name.to_string(),
            args: Vec::new(),
            name_span: span,
        };
        Some(self.call_library(&call, span, &Receiver::Type(t), Val::default(), Vec::new()))
    }

    /// What a keyed getter reads out of a container with these taints: by a constant
    /// key, the entry stored under it; by a key this function was handed, each entry
    /// marked for its caller to choose (see [`Taint::entry_of`]). None: any entry.
    fn entry_read(&mut self, container: &[Taint], key: Option<&Expr>) -> Option<Vec<Taint>> {
        let key = key?;
        if let Some(k) = entry_key(key) {
            let key = self.g.field_sym(&k);
            return Some(entry_taints(container, key, |f| self.g.is_entry_sym(f)));
        }
        let q = self.key_param(key)?;
        Some(entries_by_param(container.to_vec(), q, |f| {
            self.g.is_entry_sym(f)
        }))
    }

    /// The parameter of this function a name is, also inside the blocks run here
    /// (`cursor.use { block(it.getString(0)) }`) unless one of them has its own.
    fn own_param(&self, e: &Expr) -> Option<u16> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        let shadowed = self.inlining.iter().any(|&l| {
            self.program
                .function(l)
                .params
                .iter()
                .any(|p| p.name == n.as_str())
        });
        (!shadowed)
            .then(|| self.params.get(n.as_str()).copied())
            .flatten()
    }

    /// The parameter a key expression is, if it is one of this function's (not
    /// inside a block run here).
    fn key_param(&self, key: &Expr) -> Option<u16> {
        self.own_param(key).filter(|_| self.inlined == 0)
    }

    /// The keys a call's arguments name, by the callee's parameter (`args` may
    /// start with an extension function's receiver).
    fn key_args(&mut self, call: &Call, args: usize) -> Vec<KeyArg> {
        if call
            .args
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Named { .. }))
        {
            return Vec::new();
        }
        let mut keys = vec![KeyArg::Unknown; args.saturating_sub(call.args.len())];
        for e in &call.args {
            keys.push(match entry_key(e) {
                Some(k) => KeyArg::Key(self.g.field_sym(&k)),
                None => self.key_param(e).map_or(KeyArg::Unknown, KeyArg::Param),
            });
        }
        keys
    }

    /// Whether this function's module reads undeclared fields through accessors.
    fn accessor_properties(&self) -> bool {
        self.program.module(self.module_id()).accessor_properties
    }

    /// A property read through its getter: `recv.name` is `recv.getName()`
    /// (`isName()` for `isName`).
    /// Constants (`Manifest.permission.RECEIVE_SMS`) are not properties. A property of
    /// one of the app's own classes that declares no getter and extends nothing from a
    /// library is not a library call either: it carries what its object carries.
    fn read_property(&mut self, receiver: Option<&Expr>, name: &str, span: Span) -> Val {
        // `phone.length`, `ids.size`, `text.isEmpty`: says nothing about the data.
        if self.k.propagation.non_propagating.contains(name) {
            return Val::default();
        }
        if let Some(v) = receiver.and_then(|r| self.tuple_component(r, name)) {
            return v;
        }
        // `R.id.phone_input`: a resource id, a number naming a view, not its text.
        if receiver.is_some_and(is_resource_class) {
            return Val::constant();
        }
        let is_constant = !name.starts_with(|c: char| c.is_lowercase());
        let mut call = getter_call(receiver, name, span);
        if let Some(spelt) = self.k.getter_spelling(&call.name) {
            call.name = spelt.to_string();
        }
        let own = receiver
            .and_then(|r| self.static_type(r))
            .and_then(|t| self.program.resolve_class(self.module_id(), &t));
        let kind = self.receiver_kind(&call);
        let opaque_own = own.is_some_and(|c| {
            !self.program.extends_library(c) && self.project_callees(&call, &kind).is_empty()
        });
        // A property of an object whose type is unknown is not a platform API by its
        // name alone (`state.accounts` is not `AccountManager.getAccounts()`).
        let untyped = matches!(kind, Receiver::Value(_, None));
        if is_constant || opaque_own || untyped {
            // The failure a state object carries (`state.throwable`) is not its data.
            let lower = name.to_ascii_lowercase();
            if ["exception", "throwable", "error", "cause"]
                .iter()
                .any(|w| lower.ends_with(w))
            {
                return Val::default();
            }
            let mut v = match receiver {
                Some(r) if !is_constant => self.chain_receiver(r),
                _ => Val::constant(),
            };
            v.callable = None;
            // An object of the app's own classes is known by its fields' names.
            let own_object = v.exact.is_some();
            if !is_constant {
                self.keep_property(&mut v, name);
            }
            // A property of an object of the app's own classes that its static type
            // does not declare (a sealed class's case, read after `is`): what the
            // object given for the parameter holds under that name, not all of it
            // (`is ResetPassword -> reset(action.email)` is not the new password).
            if opaque_own && !is_constant {
                let sym = self.g.field_sym(name);
                for t in &mut v.taint {
                    if let (None, Origin::Param(p)) = (t.field, t.origin) {
                        if p != RECEIVER {
                            t.origin = Origin::ParamField(p, sym);
                        }
                    }
                }
            }
            // Read out of an object of a type not known here (a block's `it`, an
            // element of a list, an SDK's object): a property named like personal data
            // is that data, as a library getter's is (`users[0].email` as
            // `users.get(0).getEmail()`).
            let guessed =
                receiver.is_some() && untyped && !is_constant && !own_object && !v.is_const;
            if guessed && !v.has_source() {
                if let Some(t) = self.library_getter_source(&call.name, span, span) {
                    v.add_taint(t);
                }
            }
            return v;
        }
        let v = self.eval_call(&call, span);
        // A property of the app's own class with a getter (`val appInstallID: String
        // get() = ..`) is named like what it holds, as a field is.
        let Some(c) = own else { return v };
        if let Some((owner, field)) = self.program.field(c, name) {
            return self.with_field_name_source(v, owner, field);
        }
        let Some(&getter) = self.project_callees(&call, &kind).first() else {
            return v;
        };
        let owner = self.program.class_of(getter).unwrap_or(c);
        if self.names_a_thing(owner, name) {
            return v;
        }
        let func = self.program.function(getter);
        self.with_name_source(v, name, func.return_type.as_deref(), func.name_span)
    }

    /// The receiver of a property read, evaluated. When it is itself a property read
    /// (`state.fromEmailInvite` in `state.fromEmailInvite?.token`), its name does not
    /// say what it holds: the chain reads a token, not the e-mail address an invite's
    /// name suggests.
    fn chain_receiver(&mut self, r: &Expr) -> Val {
        let passing = match &r.kind {
            ExprKind::Field { .. } => true,
            ExprKind::Call(c) => is_getter(c),
            _ => false,
        };
        if !passing {
            return self.eval(r);
        }
        let outer = self.passing_through.replace(r.span);
        let v = self.eval(r);
        self.passing_through = outer;
        v
    }

    /// What a library object's getter named like personal data (`getEmail()`) yields:
    /// that data, found at `at`; nothing for an object a chain passes through (see
    /// [`Self::chain_receiver`]), whose read spans `whole`.
    fn library_getter_source(&mut self, getter: &str, at: Span, whole: Span) -> Option<Taint> {
        if self.passing_through == Some(whole) {
            return None;
        }
        let property = getter.strip_prefix("get").filter(|p| !p.is_empty())?;
        // (The getter's type is not known here: not a word that needs one, `location`.)
        let m = self.k.names.classify(property).filter(|m| m.fits(None))?;
        let description = format!("`{getter}()`");
        Some(self.new_source(m.category, SourceKind::Name, at, description, getter))
    }

    /// Whether `e` is a named property (`getCastDevice()`, `.castDevice`) of a library
    /// object whose type is known. (What a container hands back, `lazy.get()`,
    /// `flow.value`, is of the type it holds, which the IR does not keep.)
    fn member_of_typed_library(&self, e: &Expr) -> bool {
        const UNWRAP: [&str; 6] = [
            "value",
            "Value",
            "Instance",
            "OrNull",
            "OrDefault",
            "OrThrow",
        ];
        let property = |name: &str| {
            let name = name.strip_prefix("get").unwrap_or(name);
            name.starts_with(|c: char| c.is_alphabetic())
                && !UNWRAP.iter().any(|u| name.starts_with(u))
        };
        let owner = match &e.kind {
            ExprKind::Call(c) if c.args.is_empty() && property(&c.name) => c.receiver.as_deref(),
            ExprKind::Field { receiver, name } if property(name) => Some(&**receiver),
            _ => None,
        };
        let Some(owner) = owner.filter(|o| !matches!(o.kind, ExprKind::This)) else {
            return false;
        };
        match self.static_type(owner) {
            Some(t) => self.program.resolve_class(self.module_id(), &t).is_none(),
            // Further down a chain of such reads (`msg.getContext().spec.getSerial()`,
            // from a library object, or from one of the app's whose accessor is
            // generated and so not typed here).
            None => self.member_of_typed_library(owner) || self.member_of_typed_object(owner),
        }
    }

    /// Whether `e` is a named property of an object of the app's own classes, of a
    /// type not known here (an accessor generated at build time: Lombok's
    /// `getContext()`).
    fn member_of_typed_object(&self, e: &Expr) -> bool {
        let owner = match &e.kind {
            ExprKind::Call(c) if c.args.is_empty() && is_getter(c) => c.receiver.as_deref(),
            ExprKind::Field { receiver, .. } => Some(&**receiver),
            _ => None,
        };
        owner
            .filter(|o| !matches!(o.kind, ExprKind::This))
            .and_then(|o| self.static_type(o))
            .is_some_and(|t| self.program.resolve_class(self.module_id(), &t).is_some())
    }

    /// A property read out of an object whose type is unknown (a block's parameter)
    /// or of the app's own class without an accessor: what the object holds in
    /// another of the app's fields is not what this property yields
    /// (`ocFile.fileName` is not the file's `geolocation`); what it holds under this
    /// name (`r.loc`), or as a whole, may be.
    fn keep_property(&mut self, v: &mut Val, name: &str) {
        if v.taint.iter().all(|t| t.field.is_none()) {
            return;
        }
        let sym = self.g.field_sym(name);
        let g = &self.g;
        v.taint.retain(|t| match t.field {
            None => true,
            Some(f) if f == sym => true,
            // An entry under a key (a Bundle's, a map's) rather than a field: the
            // property may be the container holding it (`result.data`). Another
            // property (one a setter stored into) is not this one.
            Some(f) => g.is_entry_sym(f),
        });
        for t in &mut v.taint {
            if t.field == Some(sym) {
                *t = t.read_out();
            }
        }
    }

    /// The setter call a Kotlin assignment to a library object's property stands for:
    /// `x.name = v` on a library type, or `name = v` naming no local or field, on the
    /// implicit receiver of a block or on `this` when its class extends a library one.
    fn property_setter(&mut self, target: &Expr, value: &Expr, compound: bool) -> Option<Call> {
        if compound || !self.accessor_properties() {
            return None;
        }
        let (receiver, name) = match &target.kind {
            ExprKind::Name(n) => {
                if self.env.vars.contains_key(n.as_str()) || self.field_for_name(n).is_some() {
                    return None;
                }
                let receiver = match self.implicit_receiver() {
                    Some(r) => Some(Box::new(r)),
                    None => {
                        let class = self.class?;
                        if self.external_supertypes(class).is_empty() {
                            return None;
                        }
                        None
                    }
                };
                (receiver, n.as_str())
            }
            ExprKind::Field { receiver, name } if !matches!(receiver.kind, ExprKind::This) => {
                let library = self
                    .static_type(receiver)
                    .is_some_and(|t| self.program.resolve_class(self.module_id(), &t).is_none());
                if !library {
                    return None;
                }
                (Some(receiver.clone()), name.as_str())
            }
            _ => return None,
        };
        let mut chars = name.chars();
        let first = chars.next().filter(|c| c.is_lowercase())?;
        Some(Call {
            receiver,
            name: format!("set{}{}", first.to_uppercase(), chars.as_str()),
            args: vec![value.clone()],
            name_span: target.span,
        })
    }

    /// For an unqualified call, the receiver of the innermost lambda with receiver
    /// this code runs in, and, when its type is known, whether that type has the
    /// method called (see [`Frame::type_has_method`]).
    fn innermost_receiver(&self, call: &Call) -> Option<(Expr, Option<bool>)> {
        if call.receiver.is_some() {
            return None;
        }
        let r = self.implicit_receiver()?;
        let has = self.static_type(&r).map(|t| self.type_has_method(&t, call));
        Some((r, has))
    }

    /// Whether objects of type `ty` have the method `call` names, as far as is known:
    /// one of the app's classes declares it, or the knowledge base lists it for a
    /// library class.
    fn type_has_method(&self, ty: &str, call: &Call) -> bool {
        let name = call.name.as_str();
        if let Some(c) = self.program.resolve_class(self.module_id(), ty) {
            return self.class_has_method(c, call);
        }
        let q = self.program.qualify_external(self.module_id(), ty);
        self.library_type_has_method(&q, name)
    }

    fn class_has_method(&self, c: ClassId, call: &Call) -> bool {
        let name = call.name.as_str();
        if !self.program.dispatch(c, name, call.args.len()).is_empty() {
            return true;
        }
        let supers = self.program.external_supertypes(c);
        supers.iter().any(|t| self.library_type_has_method(t, name))
    }

    fn library_type_has_method(&self, ty: &str, name: &str) -> bool {
        let k = self.k;
        k.sinks_named(name).any(|s| k.type_is(ty, &s.class))
            || k.returns_named(name).any(|s| k.type_is(ty, &s.class))
            || k.sources_named(name).any(|s| k.type_is(ty, &s.class))
    }

    /// The type of a property of the implicit receiver named without one
    /// (`contentResolver` in `fun Context.save()`, or in an Activity's method), by its
    /// getter.
    fn receiver_property_type(&self, name: &str, span: Span) -> Option<String> {
        if !self.accessor_properties() || !name.starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
        match self.implicit_receiver() {
            Some(r) => self.call_return_type(&getter_call(Some(&r), name, span)),
            // In a class that extends a library one (an Activity), a property it
            // inherits (`contentResolver`): what its getter on `this` returns.
            None => {
                let class = self.class?;
                let extends_library = match self.g.supertypes(class) {
                    Some(known) => !known.is_empty(),
                    None => self.program.extends_library(class),
                };
                if !extends_library {
                    return None;
                }
                self.call_return_type(&getter_call(None, name, span))
            }
        }
    }

    /// The receiver of the innermost lambda with receiver (or extension function)
    /// this code runs in, as a name to read.
    fn implicit_receiver(&self) -> Option<Expr> {
        let in_scope = self.env.vars.contains_key(RECEIVER_PARAM);
        in_scope.then(|| Expr::new(ExprKind::Name(RECEIVER_PARAM.into()), self.func().span))
    }

    fn read_name_this_field(&mut self, name: &str) -> Val {
        let key: Arc<str> = format!("this.{name}").into();
        if let Some(mut v) = self.env.vars.get(&key).cloned() {
            if let Some((owner, field)) = self.field_for_name(name) {
                // A property initialiser (or constructor) reading an object another was made
                // as (`val header = account.map { .. }` for `val account =
                // MutableStateFlow("")`): the same object, with what is put in it later.
                let initialiser = matches!(
                    self.func().kind,
                    FunctionKind::Initializer | FunctionKind::Constructor
                );
                if initialiser && made_as_object(field) {
                    let later = self.read_own_field(owner, field);
                    v.join(&later);
                }
                return self.with_field_name_source(v, owner, field);
            }
            return v;
        }
        match self.field_for_name(name) {
            Some((owner, field)) => {
                let v = self.read_own_field(owner, field);
                self.with_field_name_source(v, owner, field)
            }
            None => Val::default(),
        }
    }

    fn assign(&mut self, target: &Expr, v: Val, compound: bool) {
        // `box().v = x` where `box()` returns its object's field `shared`: `shared.v = x`.
        if let ExprKind::Field { receiver, name } = &target.kind {
            if let Some(place) = self.getter_place(receiver) {
                let field = ExprKind::Field {
                    receiver: Box::new(place),
                    name: name.clone(),
                };
                return self.assign(&Expr::new(field, target.span), v, compound);
            }
        }
        match &target.kind {
            ExprKind::Name(n) => {
                let mut v = v;
                self.refine_by_name(&mut v, n);
                let v = self.assigned_to(v, target.span, n);
                if self.env.vars.contains_key(n.as_str()) && !n.starts_with("this.") {
                    let slot = self.env.vars.get_mut(n.as_str());
                    if let Some(slot) = slot {
                        if compound {
                            slot.join(&v);
                        } else {
                            *slot = v;
                        }
                    }
                    return;
                }
                if let Some((owner, field)) = self.field_for_name(n) {
                    self.delegate_setter(owner, field, &v, target.span);
                    if !field.is_static && Some(owner) == self.class.map(|c| self.owner_of(c, n)) {
                        self.set_this_field(n, v, compound);
                    } else {
                        self.write_field_global((owner, n.as_str().into()), &v);
                    }
                    return;
                }
                // In a block with a receiver, a property of the receiver
                // (`User().apply { email = e }`).
                if let Some(on_receiver) = self.on_block_receiver(n, target.span, false) {
                    return self.assign(&on_receiver, v, compound);
                }
                // An undeclared name (e.g. a Kotlin property of a library class).
                self.env.vars.insert(n.as_str().into(), v);
            }
            ExprKind::Field { receiver, name } if matches!(receiver.kind, ExprKind::This) => {
                // In a block with a receiver, `this` is the receiver
                // (`User().apply { this.email = e }`).
                if let Some(on_receiver) = self.on_block_receiver(name, target.span, true) {
                    return self.assign(&on_receiver, v, compound);
                }
                let v = self.flow_into(v, target.span, &format!("stored in field `{name}`"));
                self.set_this_field(name, v, compound);
            }
            ExprKind::Field { receiver, name } => {
                let v = self.flow_into(v, target.span, &format!("stored in field `{name}`"));
                let owner = self.class_of_receiver(receiver);
                // A Kotlin property with a custom setter (`set(value) { .. }`): the
                // assignment runs it.
                if let Some(c) = owner.filter(|_| self.accessor_properties()) {
                    let setter = accessor_name("set", name);
                    let setters: Vec<FnId> = self
                        .program
                        .dispatch(c, &setter, 1)
                        .into_iter()
                        .filter(|&f| self.program.function(f).has_body)
                        .collect();
                    if !setters.is_empty() && self.inlined < MAX_INLINE_DEPTH {
                        let call = Call {
                            receiver: Some(receiver.clone()),
                            name: setter,
                            args: Vec::new(),
                            name_span: target.span,
                        };
                        let recv = self.eval(receiver);
                        self.call_project(
                            &call,
                            target.span,
                            &setters,
                            &recv,
                            std::slice::from_ref(&v),
                        );
                    }
                }
                let field = owner.and_then(|c| self.program.field(c, name));
                if let Some((o, f)) = field {
                    self.delegate_setter(o, f, &v, target.span);
                }
                match (owner, field) {
                    (Some(_), Some((o, f))) if self.per_object(o, f) => {
                        let sym = self.g.field_sym(name);
                        let mut v = v;
                        for t in &mut v.taint {
                            *t = t.stored_in(sym);
                        }
                        if !compound {
                            self.overwrite_part(receiver, sym);
                        }
                        self.weak_update(receiver, &v);
                    }
                    (Some(c), _) => {
                        let o = self.owner_of(c, name);
                        self.write_field_global((o, name.as_str().into()), &v);
                    }
                    (None, _) => {
                        // A field of a library object: the object now carries the data.
                        self.weak_update(receiver, &v);
                    }
                }
            }
            ExprKind::Index { array, index } => {
                self.eval(index);
                // `prefs[KEY] = v` on a block's destination parameter: written there.
                if let ExprKind::Name(n) = &array.kind {
                    let dest = self.env.vars.get(n.as_str()).cloned();
                    if let Some((res, dest)) = dest.and_then(|d| Some((d.resource?, d))) {
                        let at = (target.span, target.span);
                        self.write_to_resource(res, &dest, &v.taint, at, format!("{n}[]"));
                    }
                }
                let mut v = self.flow_into(v, target.span, "stored in an array element");
                // One index deep: an element of a nested array (`grid[1][0] = x`) is
                // somewhere in the outer one.
                let nested = matches!(array.kind, ExprKind::Index { .. });
                // `map["id"] = v` as `map.put("id", v)`.
                let slot = self
                    .index_slot(index)
                    .or_else(|| entry_key(index).map(|k| self.g.field_sym(&k)));
                if let Some(slot) = slot.filter(|_| !nested) {
                    for t in &mut v.taint {
                        *t = t.stored_in(slot);
                    }
                    if !compound {
                        self.overwrite_part(array, slot);
                    }
                }
                self.weak_update(array, &v);
            }
            _ => {}
        }
    }

    /// The field a call of a project getter returns as it is (`box()` returning
    /// `shared`, `ctl.get()` returning `ctl.current`), as a place to store into. The
    /// call is run first, as it runs before the store.
    fn getter_place(&mut self, e: &Expr) -> Option<Expr> {
        let ExprKind::Call(c) = &e.kind else {
            return None;
        };
        let simple = match c.receiver.as_deref().map(|r| &r.kind) {
            None | Some(ExprKind::This | ExprKind::Name(_)) => c.args.is_empty(),
            _ => false,
        };
        if !simple {
            return None;
        }
        self.eval(e);
        let callees = self.parameterless_calls.get(&c.name_span)?;
        let name = callees
            .iter()
            .rev()
            .find_map(|&f| self.returned_field(f))?
            .to_string();
        let owner = c
            .receiver
            .as_deref()
            .cloned()
            .unwrap_or_else(|| Expr::new(ExprKind::This, c.name_span));
        let place = ExprKind::Field {
            receiver: Box::new(owner),
            name,
        };
        Some(Expr::new(place, e.span))
    }

    /// The field of its own class that a parameterless project function returns at
    /// each of its `return`s, and nothing else (`Box box() { return shared; }`,
    /// `fun box() = shared`).
    fn returned_field(&self, callee: FnId) -> Option<Arc<str>> {
        let func = self.program.function(callee);
        let class = self.program.class_of(callee)?;
        if !func.params.is_empty() || !func.has_body {
            return None;
        }
        let mut field: Option<&str> = None;
        let mut other = false;
        let mut locals = Vec::new();
        visit_stmts(&func.body, &mut |s| match s {
            Stmt::Return(e, _) => {
                let name = match e.as_ref().map(|e| &e.kind) {
                    Some(ExprKind::Name(n)) => Some(n.as_str()),
                    Some(ExprKind::Field { receiver, name })
                        if matches!(receiver.kind, ExprKind::This) =>
                    {
                        Some(name.as_str())
                    }
                    _ => None,
                };
                match (name, field) {
                    (Some(n), None) => field = Some(n),
                    (Some(n), Some(f)) if n == f => {}
                    _ => other = true,
                }
            }
            Stmt::Let { name, .. } => locals.push(name.as_str()),
            _ => {}
        });
        let field = field.filter(|f| !other && !locals.contains(f))?;
        self.program.field(class, field)?;
        Some(field.into())
    }

    /// `box.v = x` or `arr[0] = x` on a local that is the only name of its object:
    /// what that field or element held before is gone.
    fn overwrite_part(&mut self, object: &Expr, part: FieldSym) {
        let ExprKind::Name(n) = &object.kind else {
            return;
        };
        if self.aliases.get(n.as_str()).is_some_and(|a| !a.is_empty()) {
            return;
        }
        if let Some(slot) = self.env.vars.get_mut(n.as_str()) {
            slot.taint.retain(|t| t.field != Some(part));
        }
    }

    /// What was just stored into the object a local names is in whatever holds
    /// that object, where it holds it.
    fn update_holders(&mut self, name: &str, added: &Val) {
        /// Holders of holders, at most this deep.
        const MAX_HOLDING: u32 = 3;
        if self.holding >= MAX_HOLDING {
            return;
        }
        let Some(holders) = self.holders.get(name).cloned() else {
            return;
        };
        self.holding += 1;
        for (target, path, at) in holders {
            let message = match target.dotted() {
                Some(holder) => format!("`{name}` is in `{holder}` from here"),
                None => format!("`{name}` is held from here"),
            };
            let mut part = added.clone();
            for t in &mut part.taint {
                let trace = self.g.extend_trace(t.trace, at, &message);
                *t = t.carried(trace).within(path);
            }
            self.weak_update(&target, &part);
        }
        self.holding -= 1;
    }

    /// `value` put into `target` at `path` (`list.add(item)`, `this.current = b`):
    /// when it is a local naming an object, `target` holds that object from now on.
    fn note_held(&mut self, value: &Expr, target: &Expr, path: Path, at: Span) {
        /// Holders remembered per local.
        const MAX_HOLDERS: usize = 8;
        let mut e = value;
        while let ExprKind::Cast { expr, .. } = &e.kind {
            e = expr;
        }
        let ExprKind::Name(n) = &e.kind else {
            return;
        };
        let itself = matches!(&target.kind, ExprKind::Name(t) if t == n);
        if itself || !self.env.vars.contains_key(n.as_str()) {
            return;
        }
        if !self.holds_objects(self.local_types.get(n.as_str()).map(|t| t.as_str())) {
            return;
        }
        let list = self.holders.entry(n.as_str().into()).or_default();
        let known = list
            .iter()
            .any(|(t, p, _)| t.span == target.span && *p == path);
        if !known && list.len() < MAX_HOLDERS {
            list.push((target.clone(), path, at));
        }
    }

    fn absorb_this_field(&mut self, name: &str, stored: &Val) {
        let key: Arc<str> = format!("this.{name}").into();
        if !self.env.vars.contains_key(&key) {
            let current = self.read_name_this_field(name);
            self.env.vars.insert(key.clone(), current);
        }
        if let Some(slot) = self.env.vars.get_mut(&key) {
            slot.absorb(stored);
        }
    }

    /// `$receiver.name` when this is a block with a receiver (or an extension
    /// function): where an assignment to `this.name` goes, or to `name` when that
    /// is none of this function's variables.
    fn on_block_receiver(&self, name: &str, span: Span, explicit_this: bool) -> Option<Expr> {
        if !explicit_this && self.env.vars.contains_key(name) {
            return None;
        }
        let receiver = self.implicit_receiver()?;
        Some(Expr::new(
            ExprKind::Field {
                receiver: Box::new(receiver),
                name: name.to_string(),
            },
            span,
        ))
    }

    fn set_this_field(&mut self, name: &str, v: Val, compound: bool) {
        let key: Arc<str> = format!("this.{name}").into();
        if compound {
            self.env.vars.entry(key).or_default().join(&v);
        } else {
            self.env.vars.insert(key, v);
        }
    }

    /// Adds a value's taint to the variable or field an expression denotes
    /// (`list.add(x)`, `arr[i] = x`): the container now holds personal data too.
    fn weak_update(&mut self, target: &Expr, v: &Val) {
        if v.taint.is_empty() && v.url.is_none() {
            return;
        }
        let mut added = v.clone();
        added.is_const = false;
        added.callable = None;
        added.resource = None;
        match &target.kind {
            ExprKind::Name(n) => {
                if let Some(slot) = self.env.vars.get_mut(n.as_str()) {
                    slot.absorb(&added);
                    // The same object under its other names.
                    for other in self.aliases.get(n.as_str()).cloned().unwrap_or_default() {
                        if let Some(slot) = self.env.vars.get_mut(&other) {
                            slot.absorb(&added);
                        }
                    }
                    self.update_holders(n, &added);
                    return;
                }
                if let Some((owner, field)) = self.field_for_name(n) {
                    if !field.is_static && Some(owner) == self.class.map(|c| self.owner_of(c, n)) {
                        self.absorb_this_field(n, &added);
                    } else {
                        self.write_field_global((owner, n.as_str().into()), &added);
                    }
                }
            }
            ExprKind::Field { receiver, name } if matches!(receiver.kind, ExprKind::This) => {
                self.absorb_this_field(name, &added);
            }
            ExprKind::Field { receiver, name } => {
                let owner = self
                    .static_type(receiver)
                    .and_then(|t| self.program.resolve_class(self.module_id(), &t));
                let Some(c) = owner else { return };
                // A field of an object tracked per object (`a.next.value = x`): that
                // object holds it, in that field.
                if let Some((o, f)) = self.program.field(c, name) {
                    if self.per_object(o, f) {
                        let sym = self.g.field_sym(name);
                        let mut part = added;
                        for t in &mut part.taint {
                            *t = t.stored_in(sym);
                        }
                        return self.weak_update(receiver, &part);
                    }
                }
                let o = self.owner_of(c, name);
                self.write_field_global((o, name.as_str().into()), &added);
            }
            // `a.b().add(x)`: the builder chain's root object holds it.
            ExprKind::Call(call) => {
                if let Some(r) = &call.receiver {
                    self.weak_update(r, v);
                }
            }
            ExprKind::Index { array, .. } => self.weak_update(array, v),
            ExprKind::Cast { expr, .. } => self.weak_update(expr, v),
            _ => {}
        }
    }

    // ----- types ------------------------------------------------------------

    /// When an expression names a type rather than a value (`Log`, `Settings.Secure`).
    fn type_name_of(&self, e: &Expr) -> Option<String> {
        match &e.kind {
            ExprKind::Path(p) => Some(p.clone()),
            ExprKind::Name(n) => {
                if self.env.vars.contains_key(n.as_str()) || self.field_for_name(n).is_some() {
                    return None;
                }
                n.chars()
                    .next()
                    .filter(|c| c.is_uppercase())
                    .map(|_| n.clone())
            }
            ExprKind::Field { receiver, name } => {
                let base = match &receiver.kind {
                    ExprKind::Name(n) => {
                        if self.env.vars.contains_key(n.as_str())
                            || self.field_for_name(n).is_some()
                        {
                            return None;
                        }
                        n.clone()
                    }
                    _ => self.type_name_of(receiver)?,
                };
                // A field of one of the app's classes (`Registry.INSTANCE`) is a value.
                let m = self.module_id();
                if self
                    .program
                    .resolve_class(m, &base)
                    .is_some_and(|c| self.program.field(c, name).is_some())
                    && self
                        .program
                        .resolve_class(m, &format!("{base}.{name}"))
                        .is_none()
                {
                    return None;
                }
                let starts_lower = base.chars().next().is_some_and(|c| c.is_lowercase());
                let name_upper = name.chars().next().is_some_and(|c| c.is_uppercase());
                if name_upper || starts_lower {
                    Some(format!("{base}.{name}"))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// The app's class whose field `receiver.name` reads: the receiver's type's, or
    /// the class the receiver names (`Registry.INSTANCE`).
    fn class_of_receiver(&self, receiver: &Expr) -> Option<ClassId> {
        let t = self
            .static_type(receiver)
            .or_else(|| self.type_name_of(receiver))?;
        self.program.resolve_class(self.module_id(), &t)
    }

    /// The static type of a value expression, as written (simple or qualified).
    fn static_type(&self, e: &Expr) -> Option<String> {
        match &e.kind {
            ExprKind::Name(n) => {
                if let Some(t) = self.local_types.get(n.as_str()) {
                    return Some(t.clone());
                }
                if let Some((owner, f)) = self.field_for_name(n) {
                    return self.field_type(owner, f);
                }
                self.captured_type(n)
                    .or_else(|| self.receiver_property_type(n, e.span))
                    .or_else(|| {
                        let (c, p) = self.constructor_param(n)?;
                        self.type_in(c.module, p.ty.as_deref())
                    })
            }
            // In an extension function or a block with receiver, `this` is the receiver.
            // (Not known when the receiver's type is not.)
            ExprKind::This if self.env.vars.contains_key(RECEIVER_PARAM) => {
                self.local_types.get(RECEIVER_PARAM).cloned()
            }
            ExprKind::This => self.class.map(|c| self.program.class(c).name.clone()),
            // Android resource ids (`R.string.app_name`) are ints.
            ExprKind::Field { receiver, .. } if is_resource_class(receiver) => Some("int".into()),
            ExprKind::Field { receiver, name } => {
                if matches!(receiver.kind, ExprKind::This) {
                    return self
                        .field_for_name(name)
                        .and_then(|(owner, f)| self.field_type(owner, f))
                        .or_else(|| self.receiver_property_type(name, e.span));
                }
                let c = self.class_of_receiver(receiver);
                if let Some((owner, f)) = c.and_then(|c| self.program.field(c, name)) {
                    return self.field_type(owner, f);
                }
                // What a holder holds (`state.value` of a `MutableStateFlow<Contact?>`).
                if name == "value" && c.is_none() {
                    if let Some(t) = self.element_type(receiver) {
                        return Some(t);
                    }
                }
                // A library type's static field (`System.out`).
                if let Some(t) = self.type_name_of(receiver) {
                    let t = self.program.qualify_external(self.module_id(), &t);
                    if let Some(spec) = self
                        .k
                        .returns_named(name)
                        .find(|s| s.class_arg.is_none() && self.k.type_is(&t, &s.class))
                    {
                        return Some(spec.ty.clone());
                    }
                }
                if self.accessor_properties() {
                    return self.call_return_type(&getter_call(Some(receiver), name, e.span));
                }
                None
            }
            ExprKind::New { ty, .. } => Some(ty.clone()),
            ExprKind::Cast { ty, .. } => Some(ty.clone()),
            ExprKind::Literal(Literal::Str(_)) => Some("String".into()),
            ExprKind::Literal(Literal::Bool(_)) => Some("boolean".into()),
            ExprKind::Literal(Literal::Number | Literal::Int(_)) => Some("int".into()),
            // `by lazy { getSystemService(..) as T }`: what the block returns.
            ExprKind::Call(call) if call.name == "invoke" && call.args.is_empty() => {
                match call.receiver.as_deref().map(|r| &r.kind) {
                    Some(ExprKind::Lambda(l)) => self.block_value_type(*l),
                    _ => self.call_return_type(call),
                }
            }
            ExprKind::Call(call) => self.call_return_type(call),
            ExprKind::Block { value, .. } => self.static_type(value),
            // `users[0]`, `byId[id]`
            ExprKind::Index { array, .. } => self.element_type(array),
            _ => None,
        }
    }

    /// What a value holds, where its type says (see [`Param::elem`]): the type of
    /// its elements, of its map values, of the value it wraps.
    fn element_type(&self, e: &Expr) -> Option<String> {
        match &e.kind {
            ExprKind::Name(n) => {
                if let Some(t) = self.local_elems.get(n.as_str()) {
                    return Some(t.clone());
                }
                if self.local_types.contains_key(n.as_str()) {
                    return None;
                }
                match self.field_for_name(n) {
                    Some((owner, f)) => self.field_elem(owner, f),
                    None => self
                        .captured_elem(n)
                        .or_else(|| {
                            let (c, p) = self.constructor_param(n)?;
                            self.type_in(c.module, p.elem.as_deref())
                        })
                        .or_else(|| self.getter_elem(self.class?, n)),
                }
            }
            ExprKind::Field { receiver, name } => {
                if matches!(receiver.kind, ExprKind::This) {
                    let (owner, f) = self.field_for_name(name)?;
                    return self.field_elem(owner, f);
                }
                let c = self.class_of_receiver(receiver);
                match c.and_then(|c| self.program.field(c, name)) {
                    Some((owner, f)) => self.field_elem(owner, f),
                    // A property with a getter only (`val items: List<Item> get() = ..`),
                    // or `map.values`.
                    None => c.and_then(|c| self.getter_elem(c, name)).or_else(|| {
                        let p = &self.k.propagation;
                        if p.entry_sets.contains(name.as_str()) {
                            return p.entry_types.first().cloned();
                        }
                        let keeps = p.element_preserving.contains(name.as_str());
                        keeps.then(|| self.element_type(receiver)).flatten()
                    }),
                }
            }
            ExprKind::Call(call) => {
                let recv = self.receiver_kind(call);
                if let Some(&f) = self.typing_callees(call, &recv).first() {
                    let returned = self.program.function(f).return_elem.as_deref();
                    return self.type_in(f.module, returned);
                }
                let p = &self.k.propagation;
                let name = call.name.as_str();
                if p.entry_sets.contains(name) && call.args.is_empty() {
                    return p.entry_types.first().cloned();
                }
                if p.element_preserving.contains(name) {
                    return self.element_type(call.receiver.as_deref()?);
                }
                // `listOf(user)`, `Arrays.asList(a, b)`
                if p.element_factories.contains(name) {
                    return self.static_type(call.args.first()?);
                }
                None
            }
            ExprKind::Block { value, .. } => self.element_type(value),
            _ => None,
        }
    }

    /// What a property of class `c` read through its getter holds (see
    /// [`Param::elem`]).
    fn getter_elem(&self, c: ClassId, property: &str) -> Option<String> {
        let getter = accessor_name("get", property);
        let f = *self.program.dispatch_implicit(c, &getter, 0).first()?;
        self.type_in(f.module, self.program.function(f).return_elem.as_deref())
    }

    /// The type of what iterating over a value hands out, where known: its
    /// elements', unless it is a map (whose entries are not its values).
    fn iterated_type(&self, e: &Expr) -> Option<String> {
        let is_map = self
            .static_type(e)
            .is_some_and(|t| base_type(&t).ends_with("Map"));
        (!is_map).then(|| self.element_type(e)).flatten()
    }

    /// A primary constructor's parameter, which the initialisers of its class's
    /// properties see (`class Repo(db: AppDatabase) { val dao = db.serviceDao() }`):
    /// of the class whose property is being typed, or of this one.
    fn constructor_param(&self, name: &str) -> Option<(ClassId, &'a Param)> {
        let typing = self.typing_fields.borrow().last().map(|(c, _)| *c);
        let owner = typing.or(self.class)?;
        let program = self.program;
        program.class(owner).methods.iter().find_map(|&func| {
            let f = program.function(FnId {
                module: owner.module,
                func,
            });
            let p = f.params.iter().find(|p| p.name == name);
            p.filter(|_| f.kind == FunctionKind::Constructor)
                .map(|p| (owner, p))
        })
    }

    /// What a field's declared type holds, or for a field declared without a type,
    /// what its initialiser holds (see [`Frame::element_type`]).
    fn field_elem(&self, owner: ClassId, f: &Field) -> Option<String> {
        match (&f.elem, &f.ty, &f.init) {
            (Some(t), _, _) => self.type_in(owner.module, Some(t)),
            (None, None, Some(init)) if owner.module == self.module_id() => {
                typing_once(&self.typing_fields, (owner, f.name.clone()), || {
                    self.element_type(init)
                })
            }
            _ => None,
        }
    }

    /// What a variable captured from an enclosing function holds (see
    /// [`Frame::element_type`]).
    fn captured_elem(&self, name: &str) -> Option<String> {
        match self.captured_decl(name)? {
            (_, Declared::Param(p)) => p.elem.clone(),
            (_, Declared::Let(d)) if d.elem.is_some() || d.ty.is_some() => d.elem.cloned(),
            (at, Declared::Let(d)) => {
                let init = d.init?;
                typing_once(&self.typing_captures, (at, name.to_string()), || {
                    self.element_type(init)
                })
            }
        }
    }

    /// Where a variable captured from an enclosing function is declared: the
    /// innermost enclosing function that declares it, and how.
    fn captured_decl(&self, name: &str) -> Option<(FnId, Declared<'a>)> {
        let mut at = self.f;
        loop {
            at = self.program.enclosing_function(at)?;
            let cur = self.program.function(at);
            if let Some(p) = cur.params.iter().find(|p| p.name == name) {
                return Some((at, Declared::Param(p)));
            }
            if let Some(d) = find_let(&cur.body, name) {
                return Some((at, Declared::Let(d)));
            }
        }
    }

    /// The type of what a lambda of this module returns last, where it says.
    fn block_value_type(&self, l: FuncIdx) -> Option<String> {
        let f = FnId {
            module: self.module_id(),
            func: l,
        };
        match self.program.function(f).body.last()? {
            Stmt::Return(Some(e), _) | Stmt::Expr(e) => self.static_type(e),
            _ => None,
        }
    }

    /// A field's declared type, or for a field declared without one (a Kotlin
    /// property) the type of its initialiser.
    fn field_type(&self, owner: ClassId, f: &Field) -> Option<String> {
        match (&f.ty, &f.init) {
            (Some(t), _) => self.type_in(owner.module, Some(t)),
            (None, Some(init)) if owner.module == self.module_id() => {
                // `var state by mutableStateOf(State())`: the property is the value.
                let init = match &init.kind {
                    ExprKind::Call(c)
                        if f.delegated && self.k.propagation.value_delegates.contains(&c.name) =>
                    {
                        c.args.first()?
                    }
                    _ => init,
                };
                let t = typing_once(&self.typing_fields, (owner, f.name.clone()), || {
                    self.static_type(init)
                });
                t.and_then(|t| self.type_in(owner.module, Some(&t)))
            }
            _ => None,
        }
    }

    /// A type as written in module `m`, qualified when it is a project class, so that
    /// it means the same wherever it travels (a callee's return type, a field's type).
    /// What a generic function returns when it returns an instance of the class its
    /// caller names (`fun <T : Any> Context.systemService(kClass: KClass<T>): T` called
    /// with `ClipboardManager::class`): that class.
    fn class_named_result(&self, f: FnId, call: &Call) -> Option<String> {
        let func = self.program.function(f);
        let ret = base_type(func.return_type.as_deref()?);
        let type_variable = !ret.is_empty()
            && ret.len() <= 2
            && ret
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !type_variable {
            return None;
        }
        // (An extension function's receiver is no argument of the call.)
        let skip = usize::from(
            func.params
                .first()
                .is_some_and(|p| p.name == RECEIVER_PARAM),
        );
        let i = func.params.iter().skip(skip).position(|p| {
            let Some(ty) = p.ty.as_deref() else {
                return false;
            };
            // (The type argument as written, or as the IR keeps it apart.)
            let (class, arg) = ty.split_once('<').unwrap_or((ty, ""));
            let arg = match arg.trim_end_matches(['>', '?', ' ']) {
                "" => p.elem.as_deref().unwrap_or(""),
                a => a,
            };
            let arg = arg.strip_prefix("out ").unwrap_or(arg);
            let arg = arg.strip_prefix("? extends ").unwrap_or(arg);
            matches!(simple_type(class), "Class" | "KClass") && arg.trim() == ret
        })?;
        let literal = class_literal(call.args.get(i))?;
        self.type_in(self.module_id(), Some(literal))
    }

    fn type_in(&self, m: u32, ty: Option<&str>) -> Option<String> {
        let ty = ty?;
        Some(match self.program.resolve_class(m, ty) {
            Some(c) => self.program.class(c).qualified.clone(),
            None => self.program.qualify_external(m, ty),
        })
    }

    /// The declared type of a variable a lambda or anonymous class captures from
    /// the functions it is written in.
    fn captured_type(&self, name: &str) -> Option<String> {
        match self.captured_decl(name)? {
            (_, Declared::Param(p)) => p.ty.clone(),
            (_, Declared::Let(LetDecl { ty: Some(ty), .. })) => Some(ty.clone()),
            // Declared by its initialiser (`val tm = getSystemService(..) as T`).
            (at, Declared::Let(d)) => {
                let init = d.init?;
                typing_once(&self.typing_captures, (at, name.to_string()), || {
                    self.static_type(init)
                })
            }
        }
    }

    fn receiver_kind<'e>(&self, call: &'e Call) -> Receiver<'e> {
        match &call.receiver {
            None => Receiver::Implicit,
            Some(r) => match &r.kind {
                ExprKind::This => Receiver::Implicit,
                ExprKind::Super => Receiver::Super,
                _ => match self.type_name_of(r) {
                    Some(t) => Receiver::Type(t),
                    None => Receiver::Value(r, self.static_type(r)),
                },
            },
        }
    }

    fn call_return_type(&self, call: &Call) -> Option<String> {
        let recv = self.receiver_kind(call);
        if let Some(&f) = self.typing_callees(call, &recv).first() {
            if let Some(t) = self.class_named_result(f, call) {
                return Some(t);
            }
            return self.type_in(f.module, self.program.function(f).return_type.as_deref());
        }
        // `users.get(0)`, `users.first { .. }`, `state.value`: an element.
        if self
            .k
            .propagation
            .element_results
            .contains(call.name.as_str())
        {
            if let Some(t) = call.receiver.as_deref().and_then(|r| self.element_type(r)) {
                return Some(t);
            }
        }
        let on_call = matches!(recv, Receiver::Value(e, _) if matches!(e.kind, ExprKind::Call(_)));
        let rty = match recv {
            // `T::new()`, `T::default()`, `Cipher.getInstance(..)`: by convention a `T`.
            Receiver::Type(t) if self.k.propagation.self_factories.contains(&call.name) => {
                return Some(t)
            }
            Receiver::Type(t) => Some(t),
            Receiver::Value(_, t) => t,
            _ => None,
        };
        let mut declared = self.k.returns_named(&call.name).filter(|spec| {
            // On what a call of a type not known returned, only a class this file
            // names can be the one called (`x.on(input).with(p)` is no `Analytics.with`).
            // (One whose result's class is an argument's literal says which it is:
            // `getActivity().getSystemService(ClipboardManager.class)`.)
            (match rty.as_deref() {
                Some(t) => self.k.type_is(t, &spec.class),
                None => !on_call || spec.class_arg.is_some() || self.imports_class(&spec.class),
            }) && spec
                .arg
                .as_ref()
                .is_none_or(|a| a.accepts(call.args.get(a.index).and_then(arg_text).as_deref()))
                && spec
                    .class_arg
                    .is_none_or(|i| class_literal(call.args.get(i)).is_some())
        });
        let returned = |spec: &ReturnsSpec| match spec.class_arg {
            Some(i) => class_literal(call.args.get(i))
                .and_then(|t| self.type_in(self.module_id(), Some(t))),
            None => Some(spec.ty.clone()),
        };
        if let Some(first) = declared.next() {
            let ty = returned(first);
            // With the receiver's type unknown, a name several classes declare
            // (`build`) says nothing unless they all return the same.
            if rty.is_some() || declared.all(|other| returned(other) == ty) {
                return ty;
            }
            return None;
        }
        let rty = rty?;
        // A builder's setters return the builder (`Retrofit.Builder().baseUrl(..)`);
        // what `build` or `create` returns is another type.
        let fluent = rty
            .rsplit('.')
            .next()
            .is_some_and(|t| t.ends_with("Builder"))
            && !matches!(call.name.as_str(), "build" | "create");
        (fluent || self.k.propagation.type_preserving.contains(&call.name)).then_some(rty)
    }

    /// Whether this file imports a library class, by name, by its package, or as
    /// the container of a statically imported member.
    fn imports_class(&self, class: &str) -> bool {
        let package = class.rsplit_once('.').map_or("", |(p, _)| p);
        self.program
            .module(self.module_id())
            .imports
            .iter()
            .any(|i| {
                if i.wildcard {
                    i.path == package || i.path == class
                } else {
                    i.path == class || i.path.rsplit_once('.').is_some_and(|(p, _)| p == class)
                }
            })
    }

    fn project_callees(&self, call: &Call, recv: &Receiver) -> Vec<FnId> {
        let arity = call.args.len();
        match recv {
            Receiver::Implicit => match self.class {
                Some(c) => self.program.dispatch_implicit(c, &call.name, arity),
                None => Vec::new(),
            },
            Receiver::Super => match self.class {
                Some(c) => self
                    .program
                    .superclasses(c)
                    .first()
                    .map(|&s| self.program.nearest(s, &call.name, arity))
                    .unwrap_or_default(),
                None => Vec::new(),
            },
            Receiver::Type(t) => match self.program.resolve_class(self.module_id(), t) {
                Some(c) => self.program.dispatch(c, &call.name, arity),
                None => Vec::new(),
            },
            Receiver::Value(_, ty) => match ty
                .as_deref()
                .and_then(|t| self.program.resolve_class(self.module_id(), t))
            {
                Some(c) => self.program.dispatch(c, &call.name, arity),
                None => Vec::new(),
            },
        }
    }

    /// The app's functions whose declared return type a call's value has: its
    /// methods, else its extension functions (`context.getLoginPreferences()`, for
    /// `fun Context.getLoginPreferences()`).
    fn typing_callees(&self, call: &Call, recv: &Receiver) -> Vec<FnId> {
        let callees = self.project_callees(call, recv);
        match callees.is_empty() {
            true => self.extension_callees(call, recv),
            false => callees,
        }
    }

    /// The app's extension functions a call may run (`fun T.name(..)`): of those
    /// named so, the ones for the receiver's type (`account.toEntity()` is not
    /// `placeholder.toEntity()`); for a call without a receiver, `this`.
    fn extension_callees(&self, call: &Call, recv_kind: &Receiver) -> Vec<FnId> {
        let unqualified = matches!(recv_kind, Receiver::Implicit) && call.receiver.is_none();
        if !unqualified && !matches!(recv_kind, Receiver::Value(..) | Receiver::Type(_)) {
            return Vec::new();
        }
        let ext = self
            .program
            .extension_functions(self.module_id(), &call.name, call.args.len());
        let on = match (recv_kind, unqualified) {
            (_, true) => self.class,
            (Receiver::Value(_, Some(t)) | Receiver::Type(t), false) => {
                self.program.resolve_class(self.module_id(), t)
            }
            _ => None,
        };
        ext.into_iter()
            .filter(|&f| on.is_none_or(|c| self.extends_receiver(c, f)))
            .collect()
    }

    /// Whether an extension function may run on an object of the app's class `c`: its
    /// receiver type is `c` or one of its supertypes, or a type not of the app (a
    /// library type `c` may extend, a type parameter).
    fn extends_receiver(&self, c: ClassId, f: FnId) -> bool {
        let Some(ty) = self
            .program
            .function(f)
            .params
            .first()
            .and_then(|p| p.ty.as_deref())
        else {
            return true;
        };
        match self.program.resolve_class(f.module, ty) {
            Some(e) => e == c || self.program.is_subclass_of(c, e),
            None => true,
        }
    }

    /// Overloads of the same arity told apart by the arguments' static types, where
    /// both sides are known (`of(Context, Uri, Type)` is not `of(Context, List, String)`).
    fn by_argument_types(&self, callees: Vec<FnId>, call: &Call) -> Vec<FnId> {
        if callees.len() < 2 {
            return callees;
        }
        let arg_types: Vec<Option<String>> = call
            .args
            .iter()
            .map(|a| {
                literal_type(a)
                    .map(str::to_string)
                    .or_else(|| self.static_type(a))
            })
            .collect();
        // (`Throwable?` and `List<User>` by their class.)
        let simple = |t: &str| -> String { simple_type(t).to_string() };
        // How many arguments do not fit the callee's parameters.
        let misfits = |f: FnId| {
            let params = &self.program.function(f).params;
            // (An extension function's receiver is no argument of the call.)
            let skip = usize::from(params.first().is_some_and(|p| p.name == RECEIVER_PARAM));
            params
                .iter()
                .skip(skip)
                .zip(&arg_types)
                .filter(|(p, a)| !match (&p.ty, a) {
                    (Some(pt), Some(at)) => {
                        let pt_full = pt.as_str();
                        let (pt, at) = (simple(pt), simple(at));
                        // Type variables and Object take anything; boxing and subtyping are
                        // beyond this check, so only plain differing class names rule out.
                        let primitive = |t: &str| t.chars().next().is_some_and(char::is_lowercase);
                        let numeric = |t: &str| {
                            matches!(
                                t,
                                "byte" | "short" | "char" | "int" | "long" | "float" | "double"
                            )
                        };
                        // A primitive and its box (`int` and `Integer`, Kotlin's `Int`).
                        let boxed = |t: &str| {
                            matches!(
                                t,
                                "Integer"
                                    | "Int"
                                    | "Long"
                                    | "Short"
                                    | "Byte"
                                    | "Character"
                                    | "Char"
                                    | "Boolean"
                                    | "Double"
                                    | "Float"
                                    | "Number"
                                    | "Comparable"
                                    | "Serializable"
                                    | "Any"
                            )
                        };
                        pt == at
                            || pt == "Object"
                            || pt.len() == 1
                            // primitives: widening between numbers, and boxing
                            || (numeric(&pt) && numeric(&at))
                            || (primitive(&pt) != primitive(&at) && (boxed(&pt) || boxed(&at)))
                            || self
                                .program
                                .resolve_class(self.module_id(), &at)
                                .is_some_and(|c| {
                                    self.program
                                        .superclasses(c)
                                        .iter()
                                        .any(|s| self.program.class(*s).name == pt)
                                        // An Activity of the app is a Context.
                                        || self.program.external_supertypes(c).iter().any(|s| {
                                            let wanted = self.program.qualify_external(
                                                f.module,
                                                p.ty.as_deref().unwrap_or_default(),
                                            );
                                            simple(s) == pt || self.k.type_is(s, &wanted)
                                        })
                                })
                            || self.k.type_is(&at, &pt)
                            || self.k.type_is(
                                &at,
                                base_type(&self.program.qualify_external(f.module, pt_full)),
                            )
                            // (An `Exception` is a `Throwable`, Kotlin's or Java's.)
                            || self
                                .k
                                .throwable_ancestry(&at)
                                .is_some_and(|a| a.iter().any(|s| simple(s) == pt))
                    }
                    _ => true,
                })
                .count()
        };
        // Those every argument fits; or, when relations between library types are
        // beyond this check (a `HashMap` for a `Map`) for all of them, those that fit
        // best (the one taking the app's `Handler` argument, not OkHttp's `Callback`).
        let counted: Vec<(FnId, usize)> = callees.iter().map(|&f| (f, misfits(f))).collect();
        let best = counted.iter().map(|&(_, n)| n).min().unwrap_or(0);
        counted
            .into_iter()
            .filter(|&(_, n)| n == best)
            .map(|(f, _)| f)
            .collect()
    }

    /// Runs a function value invoked by `call` on `recv` (the function value's own
    /// method: `invoke`, `accept`, an app interface's one method): the lambda it
    /// holds, here; when it is one of this function's parameters, the caller's
    /// lambda gets the arguments (the summary says so). `None` when nothing ran here.
    fn invoke_function_value(
        &mut self,
        call: &Call,
        span: Span,
        recv: &Val,
        args: &[Val],
    ) -> Option<Val> {
        if let Some(Callable::Lambda(l)) = recv.callable {
            if self.written_here(l) && self.inlined < MAX_INLINE_DEPTH {
                return Some(self.inline_lambda(l, &call.args, args.to_vec()));
            }
            let types: Vec<Option<String>> =
                call.args.iter().map(|a| self.static_type(a)).collect();
            if types.iter().any(Option::is_some) {
                self.g.wrote(|| Dep::Callback(l));
                self.g.set_lambda_arg_types(l, types);
            }
            return Some(self.call_project(call, span, &[l], &Val::default(), args));
        }
        // A function value this function was given (`cb(tm.imei)` in
        // `fun fetch(cb: (String) -> Unit)`): the caller's block gets the data. (All
        // of its parameters do: past one argument, only for Kotlin's `invoke`, whose
        // blocks are mostly of one; a Java callback of two is better served by its
        // implementations, which get each argument in its place.)
        if let Some(p) = call
            .receiver
            .as_deref()
            .filter(|_| call.args.len() <= 1 || call.name == "invoke")
            .and_then(|r| self.own_param(r))
        {
            self.summary.runs.insert(p);
            for t in args.iter().flat_map(|a| a.taint.iter()) {
                let tr = self
                    .g
                    .extend_trace(t.trace, call.name_span, "handed to a block");
                self.summary.invokes.entry((p, t.origin)).or_insert(tr);
            }
        }
        None
    }

    /// Whether `call` is the one abstract method of an interface of the app that
    /// its receiver is declared as (a functional interface, which a lambda or a
    /// method reference implements).
    fn functional_interface_method(&self, recv: &Receiver, call: &Call) -> bool {
        let Receiver::Value(_, Some(t)) = recv else {
            return false;
        };
        let Some(c) = self.program.resolve_class(self.module_id(), t) else {
            return false;
        };
        let class = self.program.class(c);
        if class.kind != ClassKind::Interface {
            return false;
        }
        let module = self.program.module(c.module);
        let mut abstract_methods = class
            .methods
            .iter()
            .map(|&m| &module.functions[m as usize])
            .filter(|f| !f.has_body && !f.is_static);
        abstract_methods
            .next()
            .is_some_and(|f| f.name == call.name && f.params.len() == call.args.len())
            && abstract_methods.next().is_none()
    }

    fn record_call(&mut self, callee: FnId, at: Span) {
        self.g.record_call(self.f, at, callee);
    }

    /// A function named as a value (`this::onSave`): a call site for what can run and
    /// who may call it, but no call where it is named.
    fn record_reference(&mut self, callee: FnId, at: Span) {
        self.g.record_call(self.f, at, callee);
        self.g.record_reference(self.f, at, callee);
    }

    // ----- calls ------------------------------------------------------------

    fn eval_call(&mut self, call: &Call, span: Span) -> Val {
        // Inside a lambda with receiver, an unqualified call goes to the receiver when
        // the receiver has that method, even where the enclosing class declares one of
        // the same name: Kotlin looks at the innermost receiver first
        // (`prefs.edit { putString(k, v) }` in a class with a `putString` of its own).
        let innermost = self.innermost_receiver(call);
        if let Some((r, Some(true))) = &innermost {
            let on_receiver = Call {
                receiver: Some(Box::new(r.clone())),
                ..call.clone()
            };
            return self.eval_call(&on_receiver, span);
        }
        // Tuples: made (`id to name`, `Pair.create(id, name)`), and read one component
        // at a time (`pair.component1()`, `pair.getFirst()`).
        if let Some(v) = self.tuple_call(call, span) {
            return v;
        }
        let recv_kind = self.receiver_kind(call);
        let recv_val = match &recv_kind {
            Receiver::Value(r, _) if is_getter(call) => self.chain_receiver(r),
            Receiver::Value(r, _) => self.eval(r),
            Receiver::Implicit | Receiver::Super => self.this_value(),
            Receiver::Type(_) => Val::default(),
        };
        let args: Vec<Val> = call.args.iter().map(|a| self.eval(a)).collect();
        if call.name == "baseUrl" && call.args.len() == 1 {
            // A base URL computed at run time is one more, unknown: with it, which
            // base an endpoint has is not known.
            let url: Arc<str> = call
                .args
                .first()
                .and_then(|a| self.constant_text(a, 0))
                .map_or_else(|| UNKNOWN_BASE_URL.into(), Into::into);
            self.g.wrote(|| Dep::BaseUrl);
            self.g.add_base_url(url);
        }
        // `x.hashCode()`, an override of the app's included: a digest, not the data.
        if call.args.is_empty()
            && self
                .k
                .sanitizers_named(&call.name)
                .any(|s| s.match_without_type)
        {
            return Val::default();
        }
        let mut callees = self.by_argument_types(self.project_callees(call, &recv_kind), call);
        // An object whose class is known from where it was created: that class's
        // method (a `Formatter` made as `new Redactor()` redacts).
        if let (Some(c), Receiver::Value(..), false) =
            (recv_val.exact, &recv_kind, callees.is_empty())
        {
            let exact = self.program.nearest(c, &call.name, call.args.len());
            if !exact.is_empty() && exact.iter().all(|f| callees.contains(f)) {
                callees = exact;
            }
        }
        // The one method of an interface of the app on a lambda or method reference
        // (`cb.got(imei)` for `interface OnValue { void got(String v); }`): it runs.
        if self.functional_interface_method(&recv_kind, call) {
            if let Some(v) = self.invoke_function_value(call, span, &recv_val, &args) {
                return v;
            }
        }
        if !callees.is_empty() {
            return self.call_project(call, span, &callees, &recv_val, &args);
        }
        // `m.invoke(obj, args..)` of a `Method` looked up by name on one of the app's
        // classes (`Class.forName("app.Sender").getMethod("send", ..)`): that method.
        if call.name == "invoke" && !call.args.is_empty() {
            if let Some(callees) = call.receiver.as_deref().and_then(|r| self.reflected(r)) {
                let callees = self.by_arity(callees, call.args.len() - 1);
                if !callees.is_empty() {
                    let rest = Call {
                        args: call.args[1..].to_vec(),
                        ..call.clone()
                    };
                    return self.call_project(&rest, span, &callees, &args[0], &args[1..]);
                }
            }
            // ... or on a library class (`Log.class.getMethod("i", ..)`): that call, on
            // the type when the target is null, on the target otherwise.
            let library = call
                .receiver
                .as_deref()
                .and_then(|r| self.reflected_library(r));
            if let Some((class, method)) = library {
                let target = &call.args[0];
                let on_type = matches!(target.kind, ExprKind::Literal(Literal::Null));
                let receiver = match on_type {
                    true => Expr::new(ExprKind::Path(class.clone()), target.span),
                    false => target.clone(),
                };
                let rest = Call {
                    receiver: Some(Box::new(receiver)),
                    name: method,
                    args: call.args[1..].to_vec(),
                    name_span: call.name_span,
                };
                let (recv, kind) = match (on_type, rest.receiver.as_deref()) {
                    (false, Some(r)) => (args[0].clone(), Receiver::Value(r, Some(class))),
                    _ => (Val::default(), Receiver::Type(class)),
                };
                return self.call_library(&rest, span, &kind, recv, args[1..].to_vec());
            }
        }
        // A property holding a function value, called like a function (`onFix(loc)`
        // for `val onFix: (Location) -> Unit = { .. }`): the value is invoked.
        if call.receiver.is_none() && !self.env.vars.contains_key(call.name.as_str()) {
            let held = self.field_for_name(&call.name).and_then(|(owner, f)| {
                match f.init.as_ref().map(|e| &e.kind) {
                    Some(ExprKind::Lambda(l)) => Some(FnId {
                        module: owner.module,
                        func: *l,
                    }),
                    _ => None,
                }
            });
            if let Some(l) = held {
                return self.call_project(call, span, &[l], &Val::default(), &args);
            }
        }
        // A function value invoked (`f(x)`, a scope function's lambda, Java's
        // `f.apply(x)`): it runs here.
        if self
            .k
            .propagation
            .functional_methods
            .contains(call.name.as_str())
        {
            if let Some(v) = self.invoke_function_value(call, span, &recv_val, &args) {
                return v;
            }
        }
        // An extension function of the project: its receiver is its first parameter
        // (`this` when called without one: `installKey()` in an Activity, for
        // `fun Context.installKey()`).
        let unqualified = matches!(recv_kind, Receiver::Implicit) && call.receiver.is_none();
        if unqualified || matches!(recv_kind, Receiver::Value(..) | Receiver::Type(_)) {
            let ext = self.by_argument_types(self.extension_callees(call, &recv_kind), call);
            if !ext.is_empty() {
                let receiver = if unqualified {
                    self.this_object()
                } else {
                    recv_val.clone()
                };
                let mut all = vec![receiver];
                all.extend(args.iter().cloned());
                return self.call_project(call, span, &ext, &Val::default(), &all);
            }
        }
        if let Some(v) = self.component_of(call, &recv_kind) {
            return v;
        }
        // A Kotlin data class's `copy(token = x)`: the receiver's fields, with those
        // named replaced by the arguments.
        if call.name == "copy" {
            if let Some(v) = self.data_class_copy(call, &recv_kind, &recv_val, &args) {
                return v;
            }
        }
        // A method one of the app's own classes does not declare, on a class that
        // extends nothing from a library: a getter reads the property it names
        // (Kotlin properties and Lombok getters seen from Java); anything else is
        // not a library API, whatever its name.
        if let Receiver::Value(r, Some(t)) = &recv_kind {
            let own = self.program.resolve_class(self.module_id(), t);
            // `feed.toString()` on a class that declares none: Object's `Feed@1b6d3586`.
            if let Some(c) = own.filter(|_| call.name == "toString" && call.args.is_empty()) {
                if self.program.class(c).kind == ClassKind::Class
                    && !self.lists_fields(c)
                    && self.prints_identity(c)
                {
                    return Val::default();
                }
            }
            if let Some(c) = own.filter(|&c| !self.program.extends_library(c)) {
                // `obj.getClass()`, `obj.hashCode()`: Object's, saying nothing of the data.
                if self
                    .k
                    .propagation
                    .non_propagating
                    .contains(call.name.as_str())
                {
                    return Val::default();
                }
                if call.name != "invoke" {
                    // (A record's accessor is named as its component: `position.latitude()`.)
                    let property = bean_property(&call.name, "get")
                        .or_else(|| bean_property(&call.name, "is").map(|_| call.name.clone()))
                        .or_else(|| {
                            (self.program.class(c).kind == ClassKind::Record)
                                .then(|| call.name.clone())
                        });
                    if let Some(p) = property
                        .filter(|p| call.args.is_empty() && self.program.field(c, p).is_some())
                    {
                        return self.read_field(r, &p, span);
                    }
                    let mut v = recv_val;
                    v.callable = None;
                    return v;
                }
            }
        }
        if let Some(v) = self.builder_block(call, &args) {
            return v;
        }
        let ran_before = self.inlined_log.len();
        let handed = self.run_blocks(call, span, &args);
        // Inside a lambda with receiver: an unqualified call is the receiver's, unless
        // the receiver's type is known not to have it and an outer receiver's, or the
        // object the method runs on, has it (`Intent().apply { startActivity(this) }`).
        let mut on_this = false;
        if let Some((r, has)) = innermost {
            if has == Some(false) && self.filling == 0 {
                let outer = self.outer_receivers.iter().rposition(|(_, ty)| {
                    ty.as_deref().is_some_and(|t| self.type_has_method(t, call))
                });
                if let Some(i) = outer {
                    let (v, ty) = self.outer_receivers[i].clone();
                    let shadowed = self.bind(OUTER_RECEIVER.into(), v, ty);
                    let name = Expr::new(ExprKind::Name(OUTER_RECEIVER.into()), r.span);
                    let on_outer = Call {
                        receiver: Some(Box::new(name)),
                        ..call.clone()
                    };
                    let out = self.eval_call(&on_outer, span);
                    self.unbind(shadowed);
                    return out;
                }
                on_this = self.class.is_some_and(|c| self.class_has_method(c, call));
            }
            if !on_this {
                // In a block filling in an SDK's parameters (`logEvent(..) { param(k, v) }`),
                // what each call is given goes into them.
                if self.filling > 0 {
                    let given = Val::of_taints(args.iter().flat_map(|a| a.taint.iter()));
                    self.weak_update(&r, &given);
                }
                let on_receiver = Call {
                    receiver: Some(Box::new(r)),
                    ..call.clone()
                };
                return self.eval_call(&on_receiver, span);
            }
        }
        if let Some(v) = self.framework_dispatch(call, span, &recv_kind, &recv_val, &args) {
            return v;
        }
        // `values.clear()` on a local container (a map, `ContentValues`, a `Bundle`):
        // it holds nothing any more, as after `values = ContentValues()`.
        let empties = self.k.propagation.emptying.contains(call.name.as_str());
        if let (true, Some(ExprKind::Name(n))) = (
            empties && call.args.is_empty(),
            call.receiver.as_deref().map(|r| &r.kind),
        ) {
            if let Some(v) = self.env.vars.get_mut(n.as_str()) {
                v.taint.clear();
            }
            return Val::default();
        }
        self.run_with_receiver(call, &recv_kind, &recv_val, &args);
        self.run_on_resource(call, &recv_kind, &args);
        let from_blocks = self.run_element_blocks(call, &recv_val, &args);
        let args = self.fill_sdk_blocks(call, &recv_kind, args);
        self.run_relaying_blocks(&args, ran_before);
        // What a library getter or converter reads out of a constant or a ciphertext
        // (`enc.getEmail()` of an encrypted item) with nothing else given is one too,
        // and so is what a static library function makes of constants
        // (`UUID.fromString("0000180d-..")`, `List.of(a, b)` of those).
        let of_constant = match recv_kind {
            Receiver::Value(..) => recv_val.is_const,
            Receiver::Type(_) => !args.is_empty(),
            _ => false,
        } && args.iter().all(|a| a.is_const);
        let mut result = self.call_library(call, span, &recv_kind, recv_val, args);
        if of_constant && result.taint.is_empty() && result.callable.is_none() {
            result.is_const = true;
        }
        if let Some((v, whole)) = from_blocks {
            if whole {
                // `accounts.map { it.type }`: the types, not the accounts.
                result.taint.clear();
            }
            result.join(&v);
        }
        if let Some(v) = handed {
            result.join(&v);
        }
        result
    }

    fn call_project(
        &mut self,
        call: &Call,
        span: Span,
        callees: &[FnId],
        recv: &Val,
        args: &[Val],
    ) -> Val {
        self.publish_this_fields();
        let mut result = Val::default();
        let passed = format!("passed to `{}`", call.name);
        let keys = self.key_args(call, args.len());
        for &callee in callees {
            self.record_call(callee, call.name_span);
            let func = self.program.function(callee);
            let bound = bind_named(func, &call.args, args).or_else(|| bind_varargs(func, args));
            let args = bound.as_deref().unwrap_or(args);
            // A block handed where the callee declares what calling it passes
            // (`Consumer<SQLiteDatabase>`, `(SQLiteDatabase) -> T`): its parameters
            // are of those types, as the callee's file names them.
            for (p, a) in func.params.iter().zip(args) {
                let Some(Callable::Lambda(l)) = a.callable else {
                    continue;
                };
                if !p.block_params.is_empty() {
                    // (An empty type, not known, stays empty.)
                    let types: Vec<String> = p
                        .block_params
                        .iter()
                        .map(|t| self.program.qualify_external(callee.module, t))
                        .collect();
                    self.type_block_params(l, &types);
                } else if let Some(types) = self.own_interface_params(callee, p) {
                    // (`interface DbTask { void run(SQLiteDatabase db); }`)
                    self.type_block_params(l, &types);
                }
            }
            if !func.has_body {
                if let Some(v) = self.declared_endpoint(call, span, callee, args) {
                    result.join(&v);
                }
                continue;
            }
            self.g.read(Dep::Summary(callee));
            static NOTHING: std::sync::LazyLock<Summary> =
                std::sync::LazyLock::new(Summary::default);
            let summary = self.g.summary(callee).unwrap_or(&NOTHING);
            let site = Instantiation {
                at: call.name_span,
                passed: &passed,
                recv,
                args,
                keys: &keys,
                class: self.program.class_of(callee),
                callee,
            };
            // Return value.
            for x in self.instantiate_all(&summary.ret, &site, "returned by") {
                result.add_taint(x);
            }
            if result.url.is_none() {
                result.url = summary.ret.url.clone();
            }
            // A URL the callee was handed and hands back (`withQuery(url, params)`).
            if let (None, Some(p)) = (&result.url, summary.ret.url_param) {
                if let Some(a) = args.get(p as usize) {
                    result.url = a.url.clone();
                    result.url_param = a.url_param;
                }
            }
            result.resource = result.resource.or(summary.ret.resource);
            result.explicit_intent |= summary.ret.explicit_intent;
            result.intent_target = result.intent_target.or(summary.ret.intent_target);
            // Sinks the callee reaches with what it was given.
            // A call on `this` that runs an override of a subclass: the callee's ways
            // run only when `this` is one of that subclass.
            let this_call = call
                .receiver
                .as_deref()
                .is_none_or(|r| matches!(r.kind, ExprKind::This));
            let dispatched = self.program.class_of(callee).filter(|&cc| {
                this_call
                    && self
                        .class
                        .is_some_and(|k| cc != k && self.program.is_subclass_of(cc, k))
            });
            for ((origin, _), (trace, sink, guesses, via, guard)) in &summary.sinks {
                // Run only for some constants: not when this call passes another; for
                // what this function's own parameter holds, when it passes that on.
                let mut sink_guard = None;
                if let Some((p, values, negated)) = guard {
                    let arg = argument_expr(func, &call.args, args.len(), *p as usize);
                    if let Some(arg) = arg {
                        match self.guard_key(arg, values) {
                            Some(k) if same_kind(&k, values) => {
                                if selects(&k, values) == *negated {
                                    continue;
                                }
                            }
                            Some(_) => {}
                            None => {
                                sink_guard = match &arg.kind {
                                    ExprKind::Name(n) => self.params.get(n.as_str()),
                                    _ => None,
                                }
                                .map(|&q| Some((q, values.clone(), *negated)));
                            }
                        }
                    }
                }
                let via = match *via {
                    None => dispatched,
                    // Our own `this` is some `k`: the way needs one of `s`.
                    Some(s) if this_call => match self.class {
                        Some(k) if k == s || self.program.is_subclass_of(k, s) => dispatched,
                        Some(k) if self.program.is_subclass_of(s, k) => Some(s),
                        Some(_) => continue,
                        None => None,
                    },
                    // An object made as one class runs that class's overrides only.
                    Some(s) => match recv.exact {
                        Some(c) if c != s && !self.program.is_subclass_of(c, s) => continue,
                        _ => None,
                    },
                };
                let explicit = sink
                    .intent_param
                    .and_then(|p| args.get(p as usize))
                    .is_some_and(|a| a.explicit_intent);
                if explicit {
                    continue;
                }
                // The Intent may be one this function was given in turn.
                let mut sink = sink.clone();
                // The URL the caller hands over, or its own parameter in turn.
                if let Some(a) = sink.url_param.and_then(|p| args.get(p as usize)) {
                    sink.url = a.url.as_ref().map(|u| u.to_string());
                    sink.url_param = a.url_param.filter(|_| a.url.is_none());
                }
                // Written to the stream this call hands over: where that goes, if anywhere.
                if let Some(p) = sink.stream_param {
                    let Some((dest, res)) =
                        args.get(p as usize).and_then(|a| Some((a, a.resource?)))
                    else {
                        continue;
                    };
                    match res {
                        ResourceKind::Param(q) => sink.stream_param = Some(q),
                        _ => {
                            sink.kind = sink_kind(res);
                            sink.encrypted = res == ResourceKind::EncryptedStorage;
                            sink.url = dest.url.as_ref().map(|u| u.to_string());
                            sink.stream_param = None;
                        }
                    }
                }
                sink.intent_param = sink
                    .intent_param
                    .and_then(|p| args.get(p as usize))
                    .and_then(param_itself);
                let outer = std::mem::replace(&mut self.via, via);
                let outer_guard = std::mem::replace(&mut self.sink_guard, sink_guard);
                for x in self.instantiate(*origin, *trace, NO_PATH, None, &site, "collected in") {
                    // The guesses on both sides of the call add up.
                    let guesses = x.guesses.saturating_add(*guesses);
                    if guesses <= MAX_GUESSES {
                        self.emit(x.origin, x.trace, sink.clone(), guesses);
                    }
                }
                self.via = outer;
                self.sink_guard = outer_guard;
            }
            // What the callee stored into its object's fields (classes tracked per object).
            let mut held = Val::default();
            for ((field, sub, origin), trace) in &summary.receiver_gets {
                let at = (Some(*field), *sub);
                for x in self.instantiate(*origin, *trace, at, None, &site, "kept in the object by")
                {
                    held.add_taint(x);
                }
            }
            self.note_identity(call, callee, summary, bound.is_some());
            // A fluent setter (`return this`) returns the object it stored into.
            let returns_this = summary
                .ret
                .taint
                .iter()
                .any(|t| t.origin == Origin::Param(RECEIVER) && t.field.is_none());
            if returns_this && call.name != "<constructor>" {
                result.absorb(&held);
            }
            if !held.taint.is_empty() && !self.object_holds(call, &mut result, &held) {
                // Called on `this`: our own object holds it, each in its field.
                for t in &held.taint {
                    let field = t.field.unwrap_or_default();
                    let one = Val {
                        taint: vec![t.read_out()],
                        ..Val::default()
                    };
                    self.store_in_this_object(field, &one);
                }
            }
            // What an exception escaping the callee carries: thrown here in turn.
            if !summary.thrown.taint.is_empty() {
                let thrown =
                    Val::of_taints(&self.instantiate_all(&summary.thrown, &site, "thrown by"));
                self.thrown.join(&thrown);
            }
            // What the callee stored into the objects its arguments name.
            for ((p, path, origin), trace) in &summary.param_gets {
                let Some(arg) = call.args.get(*p as usize) else {
                    continue;
                };
                let mut stored = Val::default();
                for x in self.instantiate(*origin, *trace, *path, None, &site, "stored by") {
                    stored.add_taint(x);
                }
                if !stored.taint.is_empty() {
                    self.weak_update(arg, &stored);
                }
            }
            // What the callee handed to the blocks it was given.
            let mut handed_to: HashMap<u16, Val> = HashMap::default();
            for ((p, origin), trace) in &summary.invokes {
                let Some(block) = args.get(*p as usize).and_then(|a| a.callable) else {
                    // A function value this function was given in turn, handed on
                    // (`submit(form, onSubmit)`): its caller's block gets the data.
                    let arg = argument_expr(func, &call.args, args.len(), *p as usize);
                    if let Some(q) = arg.and_then(|e| self.own_param(e)) {
                        for x in
                            self.instantiate(*origin, *trace, NO_PATH, None, &site, "handed by")
                        {
                            self.summary.invokes.entry((q, x.origin)).or_insert(x.trace);
                        }
                    }
                    continue;
                };
                let mut handed = Val::default();
                for t in self.instantiate(*origin, *trace, NO_PATH, None, &site, "handed by") {
                    handed.add_taint(t);
                }
                self.taint_callback(block, &handed);
                handed_to.entry(*p).or_default().join(&handed);
            }
            // A block written here that the callee runs (`tryOnUrls { url -> send(url,
            // request) }`) runs during the call, seeing what this function's variables
            // hold (its parameters included, which the block's own analysis does not).
            let mut run: Vec<u16> = summary.runs.iter().copied().collect();
            run.sort_unstable();
            for &p in &run {
                let arg = argument_expr(func, &call.args, args.len(), p as usize);
                if let Some(q) = arg.and_then(|e| self.own_param(e)) {
                    self.summary.runs.insert(q);
                }
            }
            for p in run {
                let Some(Callable::Lambda(l)) = args.get(p as usize).and_then(|a| a.callable)
                else {
                    continue;
                };
                if self.written_here(l) && self.inlined < MAX_INLINE_DEPTH {
                    // (What the callee hands it is known as a whole: the first
                    // parameter gets it.)
                    let given = handed_to.remove(&p).unwrap_or_default();
                    let value = self.inline_lambda(l, &[], vec![given]);
                    // A generic function that runs the block returns what it returns
                    // (`fun <T> measured(name, block: () -> T): T`): a `T` it can
                    // only have made by running it.
                    if returns_type_parameter(func) {
                        result.join(&value);
                    }
                }
            }
            // What the callee delivered of what it was given to the app's components.
            for ((target, origin, field), trace) in &summary.delivers {
                let sent: Vec<Taint> = self
                    .instantiate(*origin, *trace, (*field, None), None, &site, "delivered by")
                    .into_iter()
                    .map(|t| Taint {
                        field: *field,
                        sub: None,
                        ..t
                    })
                    .collect();
                self.deliver_taints(*target, sent);
            }
            // What the callee broadcast of what it was given.
            for ((action, origin, field), trace) in &summary.broadcasts {
                let sent: Vec<Taint> = self
                    .instantiate(*origin, *trace, (*field, None), None, &site, "broadcast by")
                    .into_iter()
                    .map(|t| Taint {
                        field: *field,
                        sub: None,
                        ..t
                    })
                    .collect();
                self.broadcast_taints(action.clone(), sent);
            }
            // Where the streams it was handed and kept in class-wide fields write.
            for (p, key) in &summary.field_resources {
                let given = site.args.get(*p as usize).and_then(|a| a.resource);
                if let Some(resource) = given {
                    let kept = Val {
                        resource: Some(resource),
                        ..Val::default()
                    };
                    self.write_field_global(key.clone(), &kept);
                }
            }
            // What the callee stored into class-wide fields.
            for ((origin, path, key), trace) in &summary.field_writes {
                let mut stored = Val::default();
                for x in
                    self.instantiate(*origin, *trace, *path, None, &site, "stored in a field by")
                {
                    stored.add_taint(x);
                }
                self.write_field_global(key.clone(), &stored);
                if matches!(origin, Origin::Param(RECEIVER) | Origin::ReceiverField(..)) {
                    continue;
                }
                // ... in that field, not in the object as a whole.
                let sym = self.g.field_sym(&key.1);
                for t in &mut stored.taint {
                    *t = t.stored_in(sym);
                }
                self.object_holds(call, &mut result, &stored);
            }
        }
        // Every callee hands back constants or ciphertexts only (an `encrypt(token)`
        // ending in `Cipher.doFinal`): no personal data, whatever it is called.
        let constant = |c: &FnId| self.g.summary(*c).is_some_and(|s| s.ret.is_const);
        if !callees.is_empty() && callees.iter().all(constant) && result.taint.is_empty() {
            result.is_const = true;
        }
        result
    }

    /// What a call of a project function says of the objects it was given: one it
    /// returns as it is (`same(b)`) or one of its object's fields it returns
    /// (`box()` returning `shared`), and those it keeps, in its object's fields or in
    /// another argument (`ctl.attach(b)`, `fill(list, item)`): see
    /// [`Frame::holders`]. Arguments bound by name are left out.
    fn note_identity(&mut self, call: &Call, callee: FnId, summary: &Summary, named: bool) {
        for t in summary.ret.taint.iter().filter(|t| t.field.is_none()) {
            if let (Origin::Param(p), false) = (t.origin, named) {
                self.identity_calls.insert(call.name_span, p);
            }
        }
        let func = self.program.function(callee);
        if func.params.is_empty() && func.has_body {
            let callees = self.parameterless_calls.entry(call.name_span).or_default();
            if !callees.contains(&callee) {
                callees.push(callee);
            }
        }
        if named || call.name == "<constructor>" {
            return;
        }
        let on = call
            .receiver
            .as_deref()
            .filter(|r| !matches!(r.kind, ExprKind::This | ExprKind::Super));
        for &(field, sub, origin) in summary.receiver_gets.keys() {
            let Origin::Param(p) = origin else { continue };
            let Some(arg) = call.args.get(p as usize) else {
                continue;
            };
            let (target, path) = match on {
                Some(r) => (r.clone(), (Some(field), sub)),
                None => {
                    let Some(name) = self.g.field_name(field).cloned() else {
                        continue;
                    };
                    let this = Expr::new(ExprKind::This, call.name_span);
                    let place = ExprKind::Field {
                        receiver: Box::new(this),
                        name: name.to_string(),
                    };
                    (Expr::new(place, call.name_span), (sub, None))
                }
            };
            self.note_held(arg, &target, path, call.name_span);
        }
    }

    /// What a callee stored in the object it ran on is now in that object: a new
    /// object (constructor) or the call's receiver. False when the call ran on `this`.
    fn object_holds(&mut self, call: &Call, result: &mut Val, stored: &Val) -> bool {
        if call.name == "<constructor>" {
            result.absorb(stored);
            return true;
        }
        match call.receiver.as_deref() {
            Some(r) if !matches!(r.kind, ExprKind::This | ExprKind::Super) => {
                self.weak_update(r, stored);
                true
            }
            _ => false,
        }
    }

    /// The caller's taints that a callee's value (what it returns or throws) stands
    /// for (see [`Frame::instantiate`]).
    fn instantiate_all(&mut self, v: &Val, site: &Instantiation, how: &str) -> Vec<Taint> {
        v.taint
            .iter()
            .flat_map(|t| self.instantiate(t.origin, t.trace, t.path(), t.entry_of, site, how))
            .collect()
    }

    /// The caller's taints that a callee's symbolic origin stands for, each with the
    /// caller's steps followed by the callee's.
    /// `path`: where the callee knows the value ends up in what it returns (or
    /// keeps): the caller's data is there, each at its own path within.
    fn instantiate(
        &mut self,
        origin: Origin,
        trace: TraceId,
        path: Path,
        entry_of: Option<(u16, FieldSym)>,
        site: &Instantiation,
        how: &str,
    ) -> Vec<Taint> {
        // An entry read by a key the callee was handed: the one this call's key names.
        let key = entry_of.map(|(p, _)| {
            site.keys
                .get(p as usize)
                .copied()
                .unwrap_or(KeyArg::Unknown)
        });
        let mut actual: Vec<Taint> = match origin {
            // A parameter named like personal data that this call gives a constant
            // (`send(activity, "dev@example.org")`): not data here. (One left to its
            // default may be filled in later: `Contact().emails += ..`.)
            Origin::Source(id) if self.given_constant(site, id) => return Vec::new(),
            Origin::Source(_) => {
                let tr = self.g.extend_trace(
                    trace,
                    site.at,
                    &format!("{how} `{}`", site.passed.trim_start_matches("passed to ")),
                );
                let t = Taint {
                    field: path.0,
                    sub: path.1,
                    entry_of,
                    ..Taint::new(origin, tr)
                };
                return match key {
                    Some(key) => t.entry_for(key).into_iter().collect(),
                    None => vec![t],
                };
            }
            Origin::Param(RECEIVER) => site.recv.taint.clone(),
            Origin::Param(p) => site
                .args
                .get(p as usize)
                .map(|a| a.taint.clone())
                .unwrap_or_default(),
            Origin::ParamField(p, WHOLE) => site
                .args
                .get(p as usize)
                .map(|a| {
                    a.taint
                        .iter()
                        .filter(|t| t.field.is_none())
                        .copied()
                        .collect()
                })
                .unwrap_or_default(),
            Origin::ParamField(p, f) => site
                .args
                .get(p as usize)
                .map(|a| field_taints(&a.taint, f))
                .unwrap_or_default(),
            // One field of the receiver: what is known to be in it, or in the object as
            // a whole. Our own receiver passed on (`this.get(..)`) is that same field
            // of ours, not a guess; a number or flag not named like personal data
            // (`long id`) is no guess at what the whole object holds.
            Origin::ReceiverField(f, sub) => {
                let mut recv: Vec<Taint> = site
                    .recv
                    .taint
                    .iter()
                    .map(|t| match (t.origin, t.field) {
                        (Origin::Param(RECEIVER), None) => Taint {
                            origin: Origin::ReceiverField(f, sub),
                            field: Some(f),
                            sub,
                            ..*t
                        },
                        _ => *t,
                    })
                    .collect();
                let guesses = recv.iter().any(|t| t.field.is_none());
                if guesses && !self.guessable_field(site.class, f) {
                    recv.retain(|t| t.field == Some(f));
                }
                let part = field_taints(&recv, f);
                match sub {
                    Some(g) => field_taints(&part, g),
                    None => part,
                }
            }
        };
        match key {
            Some(KeyArg::Key(k)) => actual = entry_taints(&actual, k, |f| self.g.is_entry_sym(f)),
            Some(KeyArg::Param(q)) => {
                actual = entries_by_param(actual, q, |f| self.g.is_entry_sym(f))
            }
            Some(KeyArg::Unknown) | None => {}
        }
        actual
            .into_iter()
            .filter_map(|at| {
                let into = self.g.extend_trace(at.trace, site.at, site.passed);
                let spliced = self.g.splice(into, trace);
                // What is known of where the caller's data is within what it
                // passed, under where the callee put it.
                ((self.g.node(spliced).depth as usize) < MAX_TRACE).then(|| {
                    Taint {
                        trace: spliced,
                        ..at
                    }
                    .within(path)
                })
            })
            .collect()
    }

    /// Whether a source is a callee's parameter classified by its name that the call
    /// gives a constant (see [`Frame::instantiate`]).
    fn given_constant(&self, site: &Instantiation, id: SourceId) -> bool {
        let info = self.g.source_info(id);
        if info.kind != SourceKind::Name || info.function != site.callee {
            return false;
        }
        let func = self.program.function(site.callee);
        let Some(i) = func.params.iter().position(|p| p.span == info.span) else {
            return false;
        };
        site.args.get(i).is_some_and(|a| a.is_const)
    }

    /// Calls of bodiless interface methods that declare an endpoint: Retrofit
    /// (`@POST("path")`) is a network request, Room (`@Insert`) a storage write.
    fn declared_endpoint(
        &mut self,
        call: &Call,
        span: Span,
        callee: FnId,
        args: &[Val],
    ) -> Option<Val> {
        let func = self.program.function(callee);
        const HTTP: [&str; 8] = [
            "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "HTTP", "OPTIONS",
        ];
        const ROOM: [&str; 4] = ["Insert", "Update", "Upsert", "Query"];
        let http = func
            .annotations
            .iter()
            .find(|a| HTTP.contains(&a.name.as_str()));
        let room = func
            .annotations
            .iter()
            .find(|a| ROOM.contains(&a.name.as_str()));
        // Which arguments a call stores (all unless a query says otherwise).
        let mut kept: Vec<bool> = Vec::new();
        let mut encrypted = false;
        let mut url_param = None;
        let (kind, url) = if let Some(a) = http {
            // `@HTTP(method = "DELETE", path = "user")` names its method first.
            let path = match (a.name.as_str(), &a.values[..]) {
                ("HTTP", [method, path, ..]) if HTTP.contains(&method.as_str()) => path.clone(),
                ("HTTP", [method]) if HTTP.contains(&method.as_str()) => String::new(),
                (_, values) => values.first().cloned().unwrap_or_default(),
            };
            // A `@Url` parameter replaces the base URL and path: the caller's URL.
            let dynamic = func
                .params
                .iter()
                .position(|p| p.annotations.iter().any(|a| a.name == "Url"));
            if let Some(i) = dynamic {
                let given = args.get(i);
                url_param = given.and_then(|a| a.url_param.filter(|_| a.url.is_none()));
                let url = given.and_then(|a| a.url.as_ref()).map(|u| u.to_string());
                (SinkKind::Network, url)
            } else {
                self.g.read(Dep::BaseUrl);
                let url = if path.starts_with("http://") || path.starts_with("https://") {
                    Some(path)
                } else {
                    match &self.g.base_urls()[..] {
                        [base] if &**base != UNKNOWN_BASE_URL => Some(join_url(base, &path)),
                        _ => None,
                    }
                };
                (SinkKind::Network, url)
            }
        } else if let Some(a) = room {
            // `@Query` runs any SQL: only one that writes stores what it is given
            // (a `SELECT .. WHERE phone = :phone` reads by it).
            let verb = a
                .values
                .first()
                .and_then(|sql| sql.split_whitespace().next())
                .unwrap_or("")
                .to_ascii_lowercase();
            let writes = a.name != "Query"
                || ["insert", "update", "replace", "upsert"].contains(&verb.as_str());
            // The rows the app stored through this DAO, read back by its queries:
            // by the entity of their table where it is known (`@Insert fun add(m:
            // Member)`, `INSERT INTO members ..`, `SELECT .. FROM members`), else
            // by the DAO.
            let dao = self.program.class_of(callee);
            let sql = a
                .values
                .first()
                .map(|s| s.to_ascii_lowercase())
                .unwrap_or_default();
            if !writes {
                // A count, a sum or a flag (`SELECT COUNT(*) ..` into an `Int`, or a
                // `Flow<Int>`) is no row.
                let aggregate = ["count(", "exists(", "sum(", "avg(", "max(", "min("]
                    .iter()
                    .any(|f| {
                        sql.split_whitespace()
                            .nth(1)
                            .is_some_and(|w| w.starts_with(f))
                    });
                let scalar = func.return_type.as_deref().is_some_and(|t| {
                    let inner = t.rsplit('<').next().unwrap_or(t);
                    is_primitive(inner.trim_end_matches(['>', '?', ' ']))
                });
                let reads = a.name == "Query"
                    && matches!(verb.as_str(), "select" | "with")
                    && !aggregate
                    && !scalar;
                return Some(match (dao, reads) {
                    (Some(dao), true) => {
                        let read = self.table_entities(sql_tables(&sql, &["from", "join"]));
                        let keys = Self::rows_read_keys(dao, read);
                        self.rows_read(&keys, call, selected_columns(&sql))
                    }
                    _ => Val::default(),
                });
            }
            // Of a write query's parameters, those it stores: an `UPDATE`'s values
            // set, not those it compares (`WHERE mail = :mail`).
            if a.name == "Query" {
                if let Some(stored) = stored_placeholders(&sql) {
                    let func = self.program.function(callee);
                    kept = func
                        .params
                        .iter()
                        .map(|p| stored.contains(&p.name.to_ascii_lowercase()))
                        .collect();
                }
            }
            let stored_args: Vec<Val> = args
                .iter()
                .enumerate()
                .filter(|(i, _)| kept.get(*i).copied().unwrap_or(true))
                .map(|(_, a)| a.clone())
                .collect();
            if let Some(dao) = dao {
                let written = match a.name.as_str() {
                    "Query" => self.table_entities(sql_tables(&sql, &["into", "update"])),
                    _ => self.entity_params(callee),
                };
                let keys = Self::rows_written_keys(dao, written);
                self.rows_written(&keys, call, &stored_args);
            }
            encrypted = dao.is_some_and(|d| {
                let factories = &self.k.propagation.encrypting_open_helpers;
                self.program.encrypted_dao(d, factories)
            });
            (SinkKind::Storage, None)
        } else {
            return None;
        };
        let site = SinkSite {
            kind,
            span: call.name_span,
            call_span: span,
            callee: format!(
                "{}.{}",
                self.program
                    .class_of(callee)
                    .map(|c| self.program.class(c).name.clone())
                    .unwrap_or_default(),
                call.name
            ),
            url,
            encrypted,
            sdk: None,
            function: self.function_name(),
            func: self.f,
            intent_param: None,
            stream_param: None,
            url_param,
        };
        let taints: Vec<Taint> = args
            .iter()
            .enumerate()
            .filter(|(i, _)| kept.get(*i).copied().unwrap_or(true))
            .flat_map(|(_, a)| a.taint.iter().copied())
            .collect();
        self.emit_all(&taints, &site);
        Some(Val::default())
    }

    /// Where a DAO's write keeps the rows it stores: with the entity of each table
    /// it writes, where those are known (and among what the DAO wrote to tables,
    /// `DAO_TABLES`), or else with the DAO.
    fn rows_written_keys(dao: ClassId, entities: Option<Vec<ClassId>>) -> Vec<FieldKey> {
        match entities {
            Some(entities) => entities
                .into_iter()
                .map(|e| (e, Arc::from(DAO_ROWS)))
                .chain([(dao, Arc::from(DAO_TABLES))])
                .collect(),
            None => vec![(dao, Arc::from(DAO_ROWS))],
        }
    }

    /// Where a DAO's query finds the rows it reads: with the entities of the tables
    /// it reads where those are known, or else in every table the DAO wrote; and
    /// what the DAO wrote to tables not known here.
    fn rows_read_keys(dao: ClassId, entities: Option<Vec<ClassId>>) -> Vec<FieldKey> {
        let rows = (dao, Arc::from(DAO_ROWS));
        match entities {
            Some(entities) => entities
                .into_iter()
                .map(|e| (e, Arc::from(DAO_ROWS)))
                .chain([rows])
                .collect(),
            None => vec![rows, (dao, Arc::from(DAO_TABLES))],
        }
    }

    /// The entities of the tables a statement names after one of `keywords`
    /// (`FROM members JOIN doses`, `INSERT INTO members`, `UPDATE members`): `None`
    /// when one is not an entity of the app's.
    fn table_entities(&self, tables: Option<Vec<String>>) -> Option<Vec<ClassId>> {
        let mut out = Vec::new();
        for t in tables? {
            let found = self.program.entities_of_table(&t);
            if found.is_empty() {
                return None;
            }
            out.extend_from_slice(found);
        }
        Some(out)
    }

    /// The entities a DAO method's parameters hold (`insert(m: Member)`,
    /// `insertAll(members: List<Member>)`).
    fn entity_params(&self, callee: FnId) -> Option<Vec<ClassId>> {
        let func = self.program.function(callee);
        let mut out = Vec::new();
        for p in &func.params {
            // (`List<Member>`, `Member[]`, `vararg members: Member`: the element.)
            let ty = p.elem.as_deref().or(p.ty.as_deref())?;
            let c = self.program.resolve_class(callee.module, base_type(ty))?;
            self.program.entity(c)?;
            out.push(c);
        }
        (!out.is_empty()).then_some(out)
    }

    /// What a DAO's write (`@Insert`, `@Update`, an `UPDATE` query) stores: its
    /// queries hand it back later, wherever they run.
    fn rows_written(&mut self, keys: &[FieldKey], call: &Call, args: &[Val]) {
        let message = format!("stored in the database by `{}`", call.name);
        let taints = args.iter().flat_map(|a| a.taint.iter());
        let stored = self.stepped(taints, call.name_span, &message);
        if stored.taint.is_empty() {
            return;
        }
        for key in keys {
            self.write_field_global(key.clone(), &stored);
        }
    }

    /// What a DAO's `SELECT` hands back: what the app stored in the tables it
    /// reads, of the columns it selects when it names them (`SELECT id FROM ..` is
    /// not the username stored beside it). One column is the value itself.
    fn rows_read(&mut self, keys: &[FieldKey], call: &Call, columns: Option<Vec<String>>) -> Val {
        let mut stored = Vec::new();
        for key in keys {
            self.g.read(Dep::Field(key.clone()));
            if let Some(v) = self.g.field(key) {
                stored.extend(v.taint.iter().copied());
            }
        }
        if let Some(columns) = columns {
            let g = &self.g;
            stored.retain(|t| {
                let name = t.field.and_then(|f| g.field_name(f));
                name.is_none_or(|n| columns.contains(&column_key(n)))
            });
            if columns.len() == 1 {
                for t in &mut stored {
                    *t = t.read_out();
                }
            }
        }
        let message = format!("read back from the database by `{}`", call.name);
        self.stepped(&stored, call.name_span, &message)
    }

    /// A value of these taints, each one step further on (`message` at `span`).
    fn stepped<'t>(
        &mut self,
        taints: impl IntoIterator<Item = &'t Taint>,
        span: Span,
        message: &str,
    ) -> Val {
        let mut v = Val::default();
        for t in taints {
            let trace = self.g.extend_trace(t.trace, span, message);
            v.add_taint(Taint { trace, ..*t });
        }
        v
    }

    fn emit_all(&mut self, taints: &[Taint], site: &SinkSite) {
        // A tree planted into the logger writing its message to the log is the log
        // call the app made, reported there.
        if site.kind == SinkKind::Log && self.in_planted_callback() {
            return;
        }
        for t in taints {
            // The sink step is always recorded, however long the way to it was.
            let depth = self.g.node(t.trace).depth;
            let tr = self.g.push_trace(
                Some(t.trace),
                site.span,
                format!("sink: `{}` ({})", site.callee, site.kind.as_str()).into(),
                depth + 1,
            );
            self.emit(t.origin, tr, site.clone(), t.guesses);
        }
    }

    fn emit(&mut self, origin: Origin, trace: TraceId, site: SinkSite, guesses: u8) {
        if self.g.node(trace).depth as usize > MAX_TRACE {
            if let Origin::Source(s) = origin {
                self.g.too_long((s, site.span, self.f));
            }
            return;
        }
        match origin {
            // Written to a stream the caller hands over: a flow where the caller's
            // stream goes somewhere.
            Origin::Source(s) if site.stream_param.is_none() => {
                self.g.flow((s, site.span, self.f), site, trace)
            }
            symbolic => {
                let via = self.via;
                let guard = match &self.sink_guard {
                    Some(g) => g.clone(),
                    None => self.guards.last().cloned(),
                };
                let entry = self.summary.sinks.entry((symbolic, site.span)).or_insert((
                    trace,
                    site,
                    guesses,
                    via,
                    guard.clone(),
                ));
                entry.2 = entry.2.min(guesses);
                if entry.3 != via {
                    entry.3 = None;
                }
                // Reached under two conditions: under either.
                if entry.4 != guard {
                    entry.4 = None;
                }
            }
        }
    }

    fn call_library(
        &mut self,
        call: &Call,
        span: Span,
        recv_kind: &Receiver,
        recv: Val,
        args: Vec<Val>,
    ) -> Val {
        let k = self.k;
        let name = call.name.as_str();
        // `mutableStateOf(State(..))` holds that object as it is, fields and all.
        if call.receiver.is_none() && k.propagation.value_delegates.contains(name) {
            if let Some(v) = args.into_iter().next() {
                return v;
            }
            return Val::default();
        }
        // A row's own id (`c.getLong(c.getColumnIndex(Contacts._ID))`): the provider's
        // number, not the person's data.
        if name.starts_with("get") && call.args.len() == 1 && self.reads_id_column(&call.args[0]) {
            return Val::default();
        }
        let (rty, implicit) = match recv_kind {
            Receiver::Type(t) => (Some(t.clone()), false),
            Receiver::Value(_, ty) => (ty.clone(), false),
            Receiver::Implicit | Receiver::Super => (None, true),
        };
        let rty_q = rty
            .as_ref()
            .map(|t| self.program.qualify_external(self.module_id(), t));
        let rty_project = rty
            .as_ref()
            .and_then(|t| self.program.resolve_class(self.module_id(), t));
        // The library types whose method this may be: the receiver's type, or for a
        // project class (and for implicit `this` calls, with enclosing classes) the
        // library classes it extends.
        let mut candidates: Vec<String> = Vec::new();
        match (&rty_q, rty_project) {
            (_, Some(c)) => candidates.extend(self.external_supertypes(c).iter().cloned()),
            (Some(t), None) => candidates.push(t.clone()),
            (None, None) => {
                let program = self.program;
                let classes = self.class.filter(|_| implicit).into_iter();
                // `this.m()` is this object's method; an unqualified `m()` may also be
                // an enclosing class's.
                let explicit_this = call.receiver.is_some();
                for c in classes.flat_map(|c| {
                    program
                        .enclosing(c)
                        .take(if explicit_this { 1 } else { usize::MAX })
                }) {
                    candidates.extend(self.external_supertypes(c).iter().cloned());
                }
            }
        }
        let typed = rty.is_some() || implicit;
        // Names we cannot place (an unqualified supertype the knowledge base does not
        // know) leave the implicit call open to any library class. Only a wildcard
        // import leaves a library supertype unqualified: without one, it is a type the
        // language imports by default (`Runnable`, `Thread`), whose methods are known.
        let wildcard = || {
            self.program
                .module(self.module_id())
                .imports
                .iter()
                .any(|i| i.wildcard)
        };
        let open = implicit
            && candidates.iter().any(|t| {
                !t.contains('.') && !k.subtypes.keys().any(|s| s.ends_with(&format!(".{t}")))
            })
            && wildcard();
        // A member of a library object of a known type, whose own type is not known
        // (`session.getCastDevice().getDeviceId()`), is that library's, not a platform
        // service matched by its name alone: those come from typed getters.
        let off_library = !typed
            && matches!(recv_kind, Receiver::Value(r, None) if self.member_of_typed_library(r));
        let type_ok = |class: &str, without_type: bool| -> bool {
            if !typed {
                return without_type && !off_library;
            }
            // An open implicit call may be any class's method, not a module's free
            // function (`machine_uid::get` is not `self.get(..)`).
            let is_type = class
                .rsplit('.')
                .next()
                .is_some_and(|s| s.starts_with(|c: char| c.is_uppercase()));
            // A call written without a receiver may be a free function the language
            // imports by default (Kotlin's `println`), even inside a class.
            let free_function = implicit && call.receiver.is_none() && !is_type;
            // (Open to the platform's classes only: an unknown supertype is no library's
            // class, `set(key, v)` in a `HashMap` subclass no Mixpanel call.)
            let platform = || {
                ["android.", "androidx.", "java.", "javax.", "kotlin."]
                    .iter()
                    .any(|p| class.starts_with(p))
            };
            candidates.iter().any(|t| k.type_is(t, class))
                || (open && is_type && platform())
                || (without_type && (candidates.is_empty() || free_function))
        };
        let project_class = rty_project;
        let rty_project = rty_project.is_some();
        // Sanitisers end the flow; a ciphertext is no personal data whatever it is
        // called, nor is anything read out of it.
        if k.sanitizers_named(name).any(|s| type_ok(&s.class, false))
            || (!rty_project
                && k.propagation
                    .cipher_prefixes
                    .iter()
                    .any(|p| name.starts_with(p)))
        {
            return Val::constant();
        }
        let mut result = Val::default();
        // A constant key of a map, bundle, Intent, JSON object or preferences
        // (`intent.getStringExtra("phone")` reads what `putExtra("phone", ..)` stored).
        let literal_key = call.args.first().and_then(entry_key);
        // Preferences written and read back by a constant key (`putString(KEY_EMAIL,
        // email)` here, `getString(KEY_EMAIL, "")` anywhere): the same data.
        let keyed_store = self.any_type_is(&candidates, &k.propagation.keyed_stores);
        if let (true, Some(key)) = (keyed_store, &literal_key) {
            let key: Arc<str> = key.as_str().into();
            if name.starts_with("put") && args.len() >= 2 {
                let message = format!("stored under its key by `{name}`");
                let stored = self.stepped(args[1].taint.iter(), call.name_span, &message);
                if let Some(stored) = source_data(stored.taint) {
                    self.g.wrote(|| Dep::Stored(key.clone()));
                    self.g.write_stored(key, &stored);
                }
            } else if name.starts_with("get") {
                self.g.read(Dep::Stored(key.clone()));
                let held = self.g.stored(&key).cloned().unwrap_or_default();
                let message = format!("read back by `{name}`");
                result.join(&self.stepped(held.taint.iter(), call.name_span, &message));
            }
        }
        // Sources.
        let specs: Vec<_> = k
            .sources_named(name)
            .filter(|s| s.kind == SpecKind::Call)
            .filter(|s| type_ok(&s.class, s.match_without_type))
            .filter(|s| {
                s.arg
                    .as_ref()
                    .is_none_or(|a| a.accepts(call.args.get(a.index).and_then(arg_text).as_deref()))
            })
            .map(|s| {
                // (An item the user picked on another app's screen: handed over.)
                let picked = s
                    .item_arg
                    .and_then(|i| call.args.get(i))
                    .is_some_and(|a| self.handed_back(a, 4));
                (
                    s.category.clone(),
                    s.class.clone(),
                    s.permissions.clone(),
                    s.user_given || picked,
                )
            })
            .collect();
        for (category, class, permissions, user_given) in specs {
            let simple = class.rsplit('.').next().unwrap_or(&class).to_string();
            let about = Described {
                refinable: false,
                permissions,
                identifier: false,
            };
            let description = format!("{simple}.{name}()");
            let at = call.name_span;
            // What the user gave through the system's own screen (the words they spoke
            // to its recogniser) is prompted as what they type is.
            let kind = match user_given {
                true => SourceKind::UserInput,
                false => SourceKind::Api,
            };
            let t = self.new_described_source(category, kind, at, description, name, about);
            result.add_taint(t);
        }
        if matches!(name, "query" | "managedQuery" | "rawQuery") || (name == "<init>") {
            // A content URI: a constant named like one (`Phone.CONTENT_URI`) or a
            // `content://` literal; an Intent action of the same provider
            // (`Telephony.Sms.Intents.ACTION_CHANGE_DEFAULT`) queries nothing.
            let uri_text = call.args.first().and_then(|a| self.uri_text(a, 0));
            let metadata = |uri: &str| {
                k.propagation
                    .content_metadata
                    .iter()
                    .any(|m| uri.contains(m.as_str()))
            };
            if let Some(uri) = uri_text.as_ref().filter(|u| !metadata(u)) {
                let cats: Vec<String> = k
                    .content_query_sources()
                    .filter(|s| s.uri.as_deref().is_some_and(|u| uri.contains(u)))
                    .map(|s| s.category.clone())
                    .collect();
                for c in cats {
                    let t = self.new_source(
                        c,
                        SourceKind::Api,
                        call.name_span,
                        format!("ContentResolver.{name}({uri})"),
                        name,
                    );
                    result.add_taint(t);
                }
            } else if uri_text.is_none() && matches!(name, "query" | "managedQuery") {
                // A URI known only at run time (what a contact picker handed back,
                // `data.getData()`): the provider columns it asks for name what it
                // reads (`Phone.NUMBER`). Named, not collected by an API: a picker's
                // result is what the user chose to hand over, no permission asked.
                for (category, provider) in self.columns_read(call.args.get(1)) {
                    let t = self.new_source(
                        category,
                        SourceKind::Name,
                        call.name_span,
                        format!("ContentResolver.{name}(columns of {provider})"),
                        name,
                    );
                    result.add_taint(t);
                }
            }
        }
        // What the user typed into a view named like personal data.
        if k.propagation.input_methods.contains(name) {
            let view_name = match &call.receiver {
                Some(r) => r.last_name().map(String::from).or_else(|| match &r.kind {
                    ExprKind::Call(c) if c.name.starts_with("get") => Some(c.name[3..].to_string()),
                    _ => None,
                }),
                None => None,
            };
            let m = view_name
                .as_deref()
                .and_then(|n| k.names.classify(n))
                .or_else(|| recv.hint.as_deref().and_then(|h| k.names.classify(h)));
            if let Some(m) = m {
                let label = view_name.unwrap_or_default();
                // (A place typed into a form is an address: see `Category::typed`.)
                let category = k
                    .category(&m.category)
                    .and_then(|c| c.typed.clone())
                    .unwrap_or(m.category);
                let t = self.new_source(
                    category,
                    SourceKind::UserInput,
                    call.name_span,
                    format!("text of `{label}`"),
                    &label,
                );
                result.add_taint(t);
            }
        }
        // A value read by a key that names it (`getStringExtra("phone")`); HTTP header
        // names (`headers.get("Location")`) name protocol fields, not personal data.
        let headers = name.contains("Header")
            || call
                .receiver
                .as_deref()
                .and_then(|r| {
                    r.last_name().map(String::from).or_else(|| match &r.kind {
                        ExprKind::Call(c) => Some(c.name.clone()),
                        _ => None,
                    })
                })
                .is_some_and(|n| n.to_ascii_lowercase().contains("header"));
        // The key: a literal, a constant's literal, or the constant's own name
        // (`getStringExtra(EXTRA_EMAIL)`). A boolean is never the data.
        if k.propagation.keyed_getters.contains(name) && !headers && name != "getBoolean" {
            let key = call.args.first().and_then(|a| {
                a.string_literal()
                    .map(str::to_string)
                    .or_else(|| self.constant_string(a))
                    .or_else(|| entry_key(a).and_then(|k| k.strip_prefix("#@").map(String::from)))
            });
            // What a text getter reads is text: a name that needs another type (a
            // `location`) names something else (`getString("pref_backups_location")`).
            let text = name.contains("String").then_some("String");
            if let Some(key) = key {
                if let Some(m) = k
                    .names
                    .classify(&key)
                    .filter(|m| text.is_none() || m.fits(text))
                {
                    let t = self.new_source(
                        m.category,
                        SourceKind::Name,
                        call.name_span,
                        format!("`{name}(\"{key}\")`"),
                        &key,
                    );
                    result.add_taint(t);
                }
            }
        }
        // Sinks.
        let mut sdk_sink_done = false;
        // What an activity no other app can start hands back goes to the app itself.
        let private_activity = self.class.is_some_and(|c| {
            self.program
                .enclosing(c)
                .any(|x| self.g.base.private_activities.contains(&x))
        });
        let sinks: Vec<_> = k
            .sinks_named(name)
            .filter(|s| !s.returned && type_ok(&s.class, s.match_without_type))
            .filter(|s| !(s.to_caller && private_activity))
            .cloned()
            .collect();
        // Data handed to a sink has left: the receiver (a database, an editor) does
        // not hold it for what is read from it later.
        let is_sink = !sinks.is_empty();
        // What a storage call hands back is a row's id or URI, a count, the editor:
        // none of what it stored (`resolver.insert(uri, values)` → `content://sms/42`).
        let stored = sinks.first().is_some_and(|s| s.kind == SinkKind::Storage);
        for spec in sinks.iter().take(1) {
            let mut taints: Vec<Taint> = Vec::new();
            let mut url = recv.url.clone();
            let mut url_param = recv.url_param;
            for (i, a) in args.iter().enumerate() {
                if spec.args.as_ref().is_none_or(|idx| idx.contains(&i)) {
                    taints.extend(a.taint.iter().copied());
                    // A log's message given as a block (`logger.info { "at $here" }`):
                    // what the block returns is written, when the logger calls it.
                    if let (SinkKind::Log, Some(Callable::Lambda(l))) = (spec.kind, a.callable) {
                        // (A block of no parameter of its own, but Kotlin's `it`.)
                        if self.written_here(l)
                            && self.program.function(l).params.len() <= 1
                            && self.inlined < MAX_INLINE_DEPTH
                        {
                            let message = self.inline_lambda(l, &[], Vec::new());
                            taints.extend(message.taint.iter().copied());
                        }
                    }
                    if let Some(e) = call.args.get(i) {
                        taints.extend(self.listed_fields(e));
                    }
                    if url.is_none() {
                        url = a.url.clone();
                    }
                    url_param = url_param.or(a.url_param);
                }
            }
            if spec.receiver {
                taints.extend(recv.taint.iter().copied());
            }
            // `setUserId(id)`: whatever the app identifies its user by, shared.
            if spec.identifying.iter().any(|m| m == name) {
                taints.extend(self.identifiers_given(call, &args, spec));
            }
            if spec.kind == SinkKind::Ipc && args.iter().any(|a| a.explicit_intent) {
                // Not another app: the data goes to the app's own component, which
                // reads it with getIntent() (or receives it in onStartCommand...).
                for a in &args {
                    if let Some(target) = a.intent_target {
                        self.start_component(call.name_span, target);
                        self.deliver_intent(target, a, call.name_span, name);
                    }
                }
                continue;
            }
            // An implicit Intent whose action one of the app's components declares in
            // its manifest filter reaches that component too (and may reach others).
            if spec.kind == SinkKind::Ipc {
                for a in &args {
                    let targets: Vec<ClassId> = self
                        .g
                        .base
                        .filters
                        .iter()
                        .filter(|(_, act)| a.action.as_ref() == Some(act))
                        .map(|(c, _)| *c)
                        .collect();
                    for target in targets {
                        self.deliver_intent(target, a, call.name_span, name);
                    }
                }
            }
            let simple = spec.class.rsplit('.').next().unwrap_or(&spec.class);
            let sdk = (spec.kind == SinkKind::ThirdPartySdk)
                .then(|| k.sdk_for_class(&spec.class).map(|s| s.name.clone()))
                .flatten();
            sdk_sink_done |= spec.kind == SinkKind::ThirdPartySdk;
            // An Intent this function was given: whether it is explicit is the caller's.
            let intent_param = (spec.kind == SinkKind::Ipc)
                .then(|| {
                    let sent = |i: &usize| spec.args.as_ref().is_none_or(|idx| idx.contains(i));
                    let mut sent_args = args.iter().enumerate().filter(|(i, _)| sent(i));
                    sent_args.find_map(|(_, a)| param_itself(a))
                })
                .flatten();
            let site = SinkSite {
                kind: spec.kind,
                span: call.name_span,
                call_span: span,
                callee: format!("{simple}.{name}"),
                url: url.as_ref().map(|u| u.to_string()),
                encrypted: recv.resource == Some(ResourceKind::EncryptedStorage),
                sdk,
                function: self.function_name(),
                func: self.f,
                intent_param,
                stream_param: None,
                url_param: url_param.filter(|_| url.is_none() && spec.kind == SinkKind::Network),
            };
            self.emit_all(&taints, &site);
            // The app's objects planted into the logger receive the message too.
            for (i, p) in k.planters.iter().enumerate() {
                if !p.logs.contains(&spec.class) {
                    continue;
                }
                let planted: Vec<ClassId> = self.program.planted(i, &k.planters).collect();
                for c in planted {
                    for &m in &self.program.class(c).methods {
                        let f = FnId {
                            module: c.module,
                            func: m,
                        };
                        if self.program.function(f).name != p.callback {
                            continue;
                        }
                        for t in &taints {
                            if matches!(t.origin, Origin::Source(_)) {
                                self.add_callback_taint(f, *t);
                            }
                        }
                    }
                }
            }
        }
        // Building one of an SDK's values (`LatLng(lat, lng)`,
        // `CameraUpdateFactory.newLatLng(here)`, `MarkerOptions().position(here)`)
        // sends nothing: the value carries the data to whatever it is handed to.
        let builds_value = name == "<init>"
            || (matches!(recv_kind, Receiver::Type(_)) && k.is_factory_name(name))
            // (Un)registering a listener hands over the app's code.
            || k.is_registration(name)
            || k.propagation.object_methods.contains(name)
            || call.receiver.as_deref().is_some_and(|r| {
                is_fresh_object(r)
                    || (self.made_here(r)
                        && (k
                            .propagation
                            .mutator_prefixes
                            .iter()
                            .any(|p| name.starts_with(p.as_str()))
                            // a builder made here only builds (`bounds.include(here)`)
                            || rty.as_deref().is_some_and(|t| base_type(t).ends_with("Builder"))))
            })
            // Drawing on a map shown on the device (`map.addMarker(..)`) sends nothing.
            || k.displays_named(name).any(|s| type_ok(&s.class, false));
        if !sdk_sink_done && !builds_value {
            if let Some(sdk) = rty_q
                .as_deref()
                .filter(|_| !rty_project)
                .and_then(|t| k.sdk_for_class(t))
                // A project that declares code in an SDK's packages is (part of) that
                // SDK: it does not share with itself.
                .filter(|sdk| {
                    !sdk.prefixes
                        .iter()
                        .any(|p| self.program.has_package_under(p))
                })
            {
                // The app's Context handed over (`SmsRetriever.getClient(context)`) is
                // not data the app shares.
                let taints: Vec<Taint> = args
                    .iter()
                    .zip(&call.args)
                    .filter(|(_, e)| !self.is_context(e) && !matches!(e.kind, ExprKind::This))
                    .flat_map(|(a, _)| a.taint.iter().copied())
                    .collect();
                let simple = rty
                    .as_deref()
                    .unwrap_or("")
                    .rsplit('.')
                    .next()
                    .unwrap_or("");
                let site = SinkSite {
                    kind: SinkKind::ThirdPartySdk,
                    span: call.name_span,
                    call_span: span,
                    callee: format!("{simple}.{name}"),
                    url: None,
                    encrypted: false,
                    sdk: Some(sdk.name.clone()),
                    function: self.function_name(),
                    func: self.f,
                    intent_param: None,
                    stream_param: None,
                    url_param: None,
                };
                self.emit_all(&taints, &site);
            }
        }
        // Writes to a stream that stands for a destination.
        if let Some(res) = recv.resource {
            // Known writes, and any other call handing data to a writer built around a
            // stream (`csvPrinter.printRecord(lat, lon)`), send it where the stream goes.
            let hands_data = !k.propagation.non_propagating.contains(name)
                && args.iter().any(|a| a.has_source())
                && name != "<init>";
            if k.propagation.write_methods.contains(name) || hands_data {
                let taints: Vec<Taint> =
                    args.iter().flat_map(|a| a.taint.iter().copied()).collect();
                let simple = rty
                    .as_deref()
                    .map(|t| t.rsplit('.').next().unwrap_or(t).to_string());
                let callee = format!("{}.{name}", simple.unwrap_or_else(|| "stream".into()));
                let at = (call.name_span, span);
                self.write_to_resource(res, &recv, &taints, at, callee);
            }
        }
        // Data handed to a library call beside a stream that stands for a destination
        // (`Json.encodeToStream(messages, out)`, `gson.toJson(user, writer)`,
        // `bitmap.compress(format, 90, out)`) is written there.
        let handed_stream = args.iter().position(|a| a.resource.is_some());
        if let Some(i) = handed_stream.filter(|_| recv.resource.is_none() && name != "<init>") {
            let taints: Vec<Taint> = args
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .flat_map(|(_, a)| a.taint.iter().copied())
                .collect();
            if !taints.is_empty() && !k.propagation.non_propagating.contains(name) {
                let dest = args[i].clone();
                let simple = rty
                    .as_deref()
                    .map_or("stream", |t| t.rsplit('.').next().unwrap_or(t));
                let callee = format!("{simple}.{name}");
                if let Some(res) = dest.resource {
                    self.write_to_resource(res, &dest, &taints, (call.name_span, span), callee);
                }
            }
        }
        // Copies between arguments (`System.arraycopy(src, 0, dst, 0, n)`): the target
        // object holds what was copied into it.
        let copies: Vec<(Vec<usize>, bool, bool, usize)> = k
            .copies_named(name)
            .filter(|c| c.args.is_none_or(|n| n == call.args.len()))
            .filter(|c| type_ok(&c.class, c.match_without_type))
            .map(|c| (c.from.clone(), c.varargs, c.from_receiver, c.to))
            .collect();
        for (from, varargs, from_receiver, to) in copies {
            let Some(target) = call.args.get(to) else {
                continue;
            };
            let rest = from.last().copied().filter(|_| varargs);
            let copied: Vec<Taint> = args
                .iter()
                .enumerate()
                .filter(|(i, _)| from.contains(i) || rest.is_some_and(|r| *i > r))
                .map(|(_, a)| a)
                .chain(from_receiver.then_some(&recv))
                .flat_map(|a| a.taint.iter().copied())
                .collect();
            let mut into = Val::default();
            for t in copied {
                let tr =
                    self.g
                        .extend_trace(t.trace, call.name_span, &format!("copied by `{name}`"));
                into.add_taint(t.moved(tr));
            }
            // Into a stream to a server or a file (`input.copyTo(connection.outputStream)`),
            // or into a file the callee opens itself (`writeValue(file, obj)`): sent there.
            let file = || {
                let ty = self.static_type(target).or_else(|| target.created_type());
                ty.is_some_and(|t| {
                    let t = self
                        .program
                        .qualify_external(self.module_id(), base_type(&t));
                    k.propagation.file_types.iter().any(|f| k.type_is(&t, f))
                })
            };
            let res = args.get(to).and_then(|d| d.resource);
            if let Some(res) = res.or_else(|| file().then_some(ResourceKind::Storage)) {
                let at = (call.name_span, span);
                self.write_to_resource(res, &args[to], &into.taint, at, name.to_string());
            }
            self.weak_update(target, &into);
        }
        // What an activity hands back reaches its caller's `onActivityResult`.
        if name == "setResult" && args.len() >= 2 && type_ok("android.app.Activity", false) {
            let mut back = Val::default();
            for t in args[1]
                .taint
                .iter()
                .filter(|t| matches!(t.origin, Origin::Source(_)))
            {
                let tr = self.g.extend_trace(
                    t.trace,
                    call.name_span,
                    "handed back to the caller by `setResult`",
                );
                back.add_taint(t.carried(tr));
            }
            let program = self.program;
            for c in self.class.into_iter().flat_map(|c| program.enclosing(c)) {
                self.g.wrote(|| Dep::Results);
                self.g.write_result(c, &back);
            }
        }
        // `launcher.launch(intent)` of a `registerForActivityResult` launcher starts an
        // activity for its result.
        if name == "launch" {
            for a in &args {
                if let (true, Some(target)) = (a.explicit_intent, a.intent_target) {
                    self.start_component(call.name_span, target);
                }
            }
        }
        // `OneTimeWorkRequest.Builder(W::class.java)` (Kotlin), `OneTimeWorkRequest.from(..)`:
        // a request for one of the app's workers. (The name is compared first: the
        // written form is made for those calls only.)
        let named = k
            .propagation
            .work_requests
            .iter()
            .any(|w| w.rsplit('.').next() == Some(name));
        let written = match (recv_kind, call.receiver.as_deref().and_then(Expr::dotted)) {
            _ if !named => None,
            (Receiver::Type(t), _) => Some(format!("{t}.{name}")),
            (_, Some(r)) => Some(format!("{r}.{name}")),
            _ => None,
        };
        if written.is_some_and(|w| self.names_work_request(&w)) {
            if let Some(target) = call.args.iter().find_map(|a| self.component_literal(a)) {
                result.explicit_intent = true;
                result.intent_target = Some(target);
            }
        }
        // `workManager.enqueue(request)`: the worker runs with the request's input data.
        if k.propagation.work_enqueuers.contains(name) {
            for a in &args {
                if let (true, Some(target)) = (a.explicit_intent, a.intent_target) {
                    self.start_component(call.name_span, target);
                    self.deliver_intent(target, a, call.name_span, name);
                }
            }
        }
        if k.prompts.result_registrations.contains(name) {
            for a in &args {
                let callbacks = match a.callable {
                    Some(Callable::Lambda(l)) => vec![l],
                    Some(Callable::Class(c)) => self.program.dispatch(c, "onActivityResult", 1),
                    None => Vec::new(),
                };
                for f in callbacks {
                    self.g.wrote(|| Dep::Callback(f));
                    self.g.add_result_callback(f);
                }
            }
        }
        // A fragment of the app reads the arguments it was given (`getArguments()`).
        if let (Some(fragment), "setArguments", Some(a)) = (project_class, name, args.first()) {
            self.deliver_intent(fragment, a, call.name_span, name);
        }
        // A block whose parameter the library types (`addInterceptor { chain -> }`).
        let typed_param = k
            .block_params
            .iter()
            .find(|b| b.method.iter().any(|m| m == name) && type_ok(&b.class, false))
            .map(|b| b.ty.clone());
        if let Some(ty) = typed_param {
            for a in &args {
                if let Some(Callable::Lambda(l)) = a.callable {
                    self.type_block_params(l, std::slice::from_ref(&ty));
                }
            }
        }
        // Callbacks registered on what a source API returned receive its data.
        if recv.producer && recv.has_source() {
            let yields = match recv_kind {
                Receiver::Value(r, _) => self.yielded_type(r),
                _ => None,
            };
            for a in &args {
                if let Some(c) = a.callable {
                    if let (Callable::Lambda(l), Some(ty)) = (c, &yields) {
                        self.type_block_params(l, std::slice::from_ref(ty));
                    }
                    self.taint_callback(c, &recv);
                }
            }
        }
        // Lambdas registered as a framework callback that delivers personal data.
        type Registered = (String, usize, (Option<Vec<String>>, bool));
        let registered: Vec<Registered> = k
            .sources_registered_by(name)
            .filter(|s| {
                s.contract_arg.is_none_or(|i| {
                    call.args
                        .get(i)
                        .and_then(Expr::created_type)
                        .is_some_and(|t| type_names_match(&t, &s.class))
                })
            })
            .map(|s| {
                let given = (s.permissions.clone(), s.user_given);
                (s.category.clone(), s.param.unwrap_or(0), given)
            })
            .collect();
        for (category, param, (permissions, user_given)) in registered {
            for a in &args {
                if let Some(Callable::Lambda(l)) = a.callable {
                    let p = self
                        .program
                        .function(l)
                        .params
                        .get(param)
                        .map(|p| (p.span, p.name.clone()));
                    if let Some((pspan, pname)) = p {
                        // (What the user chose on the system's own screen is prompted
                        // by the choosing, as what they type is.)
                        let kind = match user_given {
                            true => SourceKind::UserInput,
                            false => SourceKind::Api,
                        };
                        let about = Described {
                            refinable: false,
                            permissions: permissions.clone(),
                            identifier: false,
                        };
                        let t = self.new_described_source(
                            category.clone(),
                            kind,
                            pspan,
                            format!("`{pname}` passed to a `{name}` callback"),
                            &pname,
                            about,
                        );
                        self.add_callback_taint(l, t);
                    }
                }
            }
        }
        // The result: derived from the receiver and the arguments; awaiting a handle
        // to a block's value (`deferred.await()`) hands the value back.
        // An SDK's value being built (`MarkerOptions().position(here)`): a setter
        // whatever its name, though the name means a number elsewhere.
        let sdk_value_built = !args.is_empty()
            && call.receiver.as_deref().is_some_and(is_fresh_object)
            && rty_q
                .as_deref()
                .is_some_and(|t| k.sdk_for_class(t).is_some());
        let non_propagating = k.propagation.non_propagating.contains(name)
            && !sdk_value_built
            && !((recv.pending || recv.producer) && k.propagation.awaiters.contains(name));
        let collected = result.has_source();
        let fresh_categories: Vec<String> = result
            .taint
            .iter()
            .filter_map(|t| match t.origin {
                Origin::Source(id) => Some(self.g.source_info(id).category.clone()),
                _ => None,
            })
            .collect();
        // A bean getter (`note.getLatitude()`) reads one property of its receiver.
        let static_entry = k.propagation.keyed_getters.contains(name)
            && matches!(recv_kind, Receiver::Type(_))
            && args.len() >= 2;
        // A getter on a value (`s.getBytes()`, `(a + b).getBytes()`) converts all of it.
        let on_value = || {
            candidates
                .iter()
                .any(|t| k.propagation.value_types.iter().any(|v| k.type_is(t, v)))
                || matches!(recv_kind, Receiver::Value(e, _) if is_text_expr(e))
        };
        // (an Intent's: a `Location`'s extras are its own, not entries put by the app)
        let entry_view = k.propagation.entry_views.contains(name)
            && candidates
                .iter()
                .all(|t| k.type_is(t, "android.content.Intent"));
        // A map's entry (`e.getValue()`, `e.getKey()`): the value is what the map
        // held, entry by entry; the key is no entry's value.
        // (Or destructured, `for ((k, v) in map)`: an element that holds entries.)
        let destructured_entry = matches!(name, "component1" | "component2")
            && rty.is_none()
            && recv
                .taint
                .iter()
                .any(|t| t.field.is_some_and(|f| self.g.is_entry_sym(f)));
        let on_entry = call.args.is_empty()
            && (matches!(name, "getValue" | "getKey")
                && self.any_type_is(&candidates, &k.propagation.entry_types)
                || destructured_entry);
        // A map's entries (`map.entries`, `entrySet()`): each as the map holds it.
        let entry_set = call.args.is_empty() && k.propagation.entry_sets.contains(name);
        // An entry read by the key it was stored under (`bundle.getSerializable("m")`):
        // the object handed back as it was put, fields and all.
        let keyed_read = k.propagation.keyed_getters.contains(name)
            && call
                .args
                .get(usize::from(static_entry))
                .and_then(entry_key)
                .is_some();
        let mut recv_taint = match bean_property(name, "get")
            .or_else(|| bean_property(name, "is"))
            .filter(|_| !entry_view && !on_entry && !entry_set)
        {
            // One property of a library object: like a field read (a guess when the
            // object is tainted only as a whole).
            Some(p) if call.args.is_empty() && !on_value() => {
                field_taints(&recv.taint, self.g.field_sym(&p))
            }
            // `IntentCompat.getParcelableExtra(intent, key, ..)`: the container first.
            _ if static_entry => self
                .entry_read(&args[0].taint, call.args.get(1))
                .unwrap_or_else(|| args[0].taint.clone()),
            _ if k.propagation.keyed_getters.contains(name) => self
                .entry_read(&recv.taint, call.args.first())
                .unwrap_or_else(|| recv.taint.clone()),
            _ if on_entry => {
                let key = matches!(name, "getKey" | "component1");
                let mut taints = recv.taint.clone();
                // (A parameter's entries are the caller's values: none is a key.)
                taints.retain_mut(|t| match (t.field, t.origin) {
                    (Some(f), _) if self.g.is_entry_sym(f) => {
                        *t = t.read_out();
                        !key
                    }
                    (_, Origin::Param(_)) => !key,
                    _ => true,
                });
                taints
            }
            _ => recv.taint.clone(),
        };
        let on_handle = candidates.iter().any(|t| self.is_handle_type(t));
        if !non_propagating {
            let element = k.propagation.element_accessors.contains(name) || entry_view;
            // `intent.putExtra("a", x).putExtra("b", y)`: the Intent handed back keeps
            // its other entries under their keys.
            let keyed_put = name.starts_with("put") && args.len() >= 2 && literal_key.is_some();
            // An element of a literal collection: the one at that index
            // (`listOf(a, b).get(1)`), or any.
            let slot = match call.args.first() {
                Some(i) if element => self.index_slot(i),
                _ => None,
            };
            if element {
                self.elements_of(&mut recv_taint, slot);
            }
            // A view or copy of the same elements (`map.values()`, `toList()`): each
            // as it was stored, fields and all; a map's values are its entries'.
            let same_elements = k.propagation.element_preserving.contains(name);
            // Elements with their positions (`withIndex()`): each element its `value`.
            let indexed = k.propagation.indexed_views.contains(name);
            let indexed_value = k
                .propagation
                .indexed_components
                .get(1)
                .filter(|_| indexed)
                .map(|c| self.g.field_sym(c));
            if same_elements && k.propagation.entry_values.contains(name) {
                for t in &mut recv_taint {
                    if t.field.is_some_and(|f| self.g.is_entry_sym(f)) {
                        *t = t.read_out();
                    }
                }
            }
            // A copy of an object (`user.copy(email = e)`): property by property, the
            // named ones replaced (below).
            let copy = k.propagation.object_copies.contains(name);
            for t in recv_taint.iter().filter(|_| !on_handle) {
                // `wifi.getConnectionInfo().getMacAddress()`: the narrower source of the
                // same category is the one collected.
                if let Origin::Source(id) = t.origin {
                    if fresh_categories.contains(&self.g.source_info(id).category) {
                        continue;
                    }
                }
                let tr = self
                    .g
                    .through(t.trace, call.name_span, &format!("through `{name}`"));
                // An element handed back as stored keeps what is known of its fields.
                result.add_taint(if let Some(value) = indexed_value {
                    t.carried(tr).within((Some(value), None))
                } else if element || keyed_put || keyed_read || same_elements || entry_set || copy {
                    t.carried(tr)
                } else {
                    t.moved(tr)
                });
            }
            if copy {
                self.copy_named(&mut result, call, &args);
            }
            // Arguments make the result only where the call builds from them; an
            // instance method's arguments (`map.get(key)`, `db.query(.., args)`) say
            // nothing of what it returns.
            let mutator = k
                .propagation
                .mutator_prefixes
                .iter()
                .any(|p| name.starts_with(p.as_str()));
            let from_args = !stored
                && (!static_entry
                    && (name == "<init>" || !matches!(recv_kind, Receiver::Value(..)))
                    || mutator
                    || k.propagation.arg_to_result.contains(name)
                    || call
                        .receiver
                        .as_deref()
                        .is_some_and(|r| self.is_builder_chain(r) || is_fresh_object(r)));
            // `intent.putExtra(KEY, v).putExtra(..)` returns the Intent: what it
            // stores stays under its key.
            let entry = match &literal_key {
                Some(key) if mutator && name.starts_with("put") && args.len() >= 2 => {
                    Some(self.g.field_sym(key))
                }
                _ => None,
            };
            let elements = k.propagation.element_factories.contains(name)
                || (name == "<init>"
                    && rty
                        .as_deref()
                        .is_some_and(|t| k.propagation.copy_constructors.contains(simple_type(t))));
            for (i, a) in args.iter().enumerate().filter(|_| from_args) {
                if entry.is_some() && i == 0 {
                    continue;
                }
                // The app's Context handed over (`createInstance(context)`,
                // `getDefaultSharedPreferences(this)`) is a handle to the platform: the
                // library cannot read what the app keeps in its fields.
                if !a.taint.is_empty() && call.args.get(i).is_some_and(|e| self.is_context(e)) {
                    continue;
                }
                for t in &a.taint {
                    let tr = self
                        .g
                        .through(t.trace, call.name_span, &format!("through `{name}`"));
                    result.add_taint(match entry {
                        _ if elements => t.carried(tr),
                        Some(key) => t.carried(tr).stored_in(key),
                        None => t.moved(tr),
                    });
                }
            }
            // A builder's setter changes the builder too (`apply { header(..) }` on a
            // `Request.Builder`, or `b.header(..)` on one built earlier).
            if let Some(r) = call.receiver.as_deref() {
                if name != "build" && self.is_builder_chain(r) {
                    let given = Val::of_taints(&result.taint);
                    self.weak_update(r, &given);
                }
            }
            result.url = recv
                .url
                .clone()
                .or_else(|| args.iter().find_map(|a| a.url.clone()));
            result.url_param = recv
                .url_param
                .or_else(|| args.iter().find_map(|a| a.url_param));
            result.resource = recv.resource;
            result.explicit_intent = recv.explicit_intent;
            result.intent_target = recv.intent_target;
            // A conversion of constants or ciphertexts is one too
            // (`Base64.encodeToString(cipher.doFinal(bytes), NO_WRAP)`).
            result.is_const = k.propagation.arg_to_result.contains(name)
                && !args.is_empty()
                && args.iter().all(|a| a.is_const)
                && (recv.is_const || matches!(recv_kind, Receiver::Type(_)))
                && result.taint.is_empty();
        } else {
            result.is_const = true;
        }
        result.producer = collected;
        if let Some(kind) = k
            .resources_named(name)
            .find(|r| type_ok(&r.class, false))
            .map(|r| r.kind)
        {
            result.resource = Some(kind);
        }
        // A getter named like personal data on a library object (`account.getEmail()`),
        // unless the object is a constant or a ciphertext.
        let of_constant = recv.is_const && matches!(recv_kind, Receiver::Value(..));
        if !result.has_source() && call.args.is_empty() && !rty_project && !of_constant {
            if let Some(t) = self.library_getter_source(name, call.name_span, span) {
                result.add_taint(t);
            }
        }
        // An activity's own Intent carries what the app's other components put in it.
        let delivered = matches!(
            name,
            "getIntent" | "getArguments" | "requireArguments" | "getInputData"
        );
        if delivered && call.args.is_empty() && implicit {
            let program = self.program;
            for c in self.class.into_iter().flat_map(|c| program.enclosing(c)) {
                self.g.read(Dep::Intent(c));
                if let Some(v) = self.g.intent(c) {
                    for t in &v.taint {
                        result.add_taint(*t);
                    }
                }
            }
        }
        // View lookups carry the resource id as a hint of what the view holds.
        if k.propagation.view_lookup.contains(name) {
            result.hint = call.args.first().and_then(|a| a.last_name()).map(Arc::from);
        }
        if matches!(name, "setAction" | "addAction") {
            if let Some(action) = call.args.first().and_then(|a| self.action_key(a)) {
                let action: Arc<str> = action.into();
                // A filter's second action: it hears either.
                let add = |v: &mut Val| {
                    v.action = match v.action.take() {
                        Some(a) if name == "addAction" && a != action => Some(ANY_ACTION.into()),
                        _ => Some(action.clone()),
                    };
                };
                if let Receiver::Value(r, _) = recv_kind {
                    if let Some(slot) = r.last_name().and_then(|n| self.env.vars.get_mut(n)) {
                        add(slot);
                    }
                }
                add(&mut result);
            }
        }
        if name == "registerReceiver" && args.len() >= 2 {
            self.register_receiver(call, &args);
        }
        if matches!(
            name,
            "sendBroadcast" | "sendBroadcastSync" | "sendOrderedBroadcast" | "sendStickyBroadcast"
        ) {
            // Implicit, or kept to the app by `setPackage(getPackageName())` with an
            // action: the app's own receivers for the action get it.
            let to_receivers =
                |a: &&Val| !a.explicit_intent || (a.intent_target.is_none() && a.action.is_some());
            if let Some(intent) = args.first().filter(to_receivers) {
                self.broadcast(intent, call.name_span, name);
            }
        }
        if matches!(
            name,
            "setClass" | "setClassName" | "setComponent" | "setPackage"
        ) {
            let target = call.args.iter().find_map(|a| self.component_literal(a));
            // `setPackage("com.whatsapp")`: addressed, but to another app.
            let own = target.is_some() || !call.args.iter().any(|a| self.names_other_app(a));
            if let Receiver::Value(r, _) = recv_kind {
                if let Some(slot) = r.last_name().and_then(|n| self.env.vars.get_mut(n)) {
                    slot.explicit_intent |= own;
                    slot.intent_target = slot.intent_target.or(target);
                }
            }
            result.explicit_intent |= own;
            result.intent_target = result.intent_target.or(target);
        }
        // A write to a stream that goes nowhere known (`buffer.write(bytes)`) stays in
        // it for what reads it back (`buffer.toByteArray()`).
        let buffered = k.propagation.write_methods.contains(name)
            && recv.resource.is_none()
            && matches!(recv_kind, Receiver::Value(..));
        // Mutators store their arguments into the receiver; a bean setter
        // (`note.setLatitude(x)`) into the property its getter reads back.
        if !is_sink
            && (k.propagation.emitters.contains(name)
                || buffered
                || k.propagation
                    .mutator_prefixes
                    .iter()
                    .any(|p| name.starts_with(p.as_str())))
        {
            // (`savedState.set("k", v)`, Kotlin's `savedState["k"] = v`: an entry too.)
            let keyed_set =
                name == "set" && self.any_type_is(&candidates, &k.propagation.keyed_containers);
            let keyed = (name.starts_with("put") || keyed_set) && call.args.len() >= 2;
            let property = bean_property(name, "set")
                .or_else(|| literal_key.clone().filter(|_| keyed))
                .map(|p| self.g.field_sym(&p));
            if let Some(r) = &call.receiver {
                let mut stored = Val::default();
                for a in &args {
                    for t in &a.taint {
                        let tr = self.g.extend_trace(
                            t.trace,
                            call.name_span,
                            &format!("stored by `{name}`"),
                        );
                        // A setter stores into its property; `list.add(obj)` stores the
                        // object as it is.
                        stored.add_taint(t.carried(tr).within((property, None)));
                    }
                    if stored.url.is_none() {
                        stored.url = a.url.clone();
                    }
                }
                self.weak_update(r, &stored);
                // What is stored into an object put here later is here too.
                for a in &call.args {
                    self.note_held(a, r, (property, None), call.name_span);
                }
            }
        }
        result
    }

    /// A framework method inherited by a project class that runs one of the class's
    /// own methods (`task.execute(x)` → `doInBackground(x)` → `onPostExecute`).
    fn framework_dispatch(
        &mut self,
        call: &Call,
        span: Span,
        recv_kind: &Receiver,
        recv: &Val,
        args: &[Val],
    ) -> Option<Val> {
        /// What runs when the framework dispatches the call.
        enum Runs {
            /// The app's class's own methods (`doInBackground`, `handleMessage`).
            Methods(ClassId),
            /// The block a library object was built with (`Handler(looper) { msg -> }`).
            Block(FnId),
        }
        let own = match recv_kind {
            Receiver::Value(_, Some(t)) => self.program.resolve_class(self.module_id(), t),
            Receiver::Implicit => self.class,
            _ => None,
        };
        // An anonymous subclass (`new Handler(looper) { handleMessage(..) }`), also one
        // a field of ours is initialised with.
        let callable = recv.callable.or_else(|| match recv_kind {
            Receiver::Value(e, _) => self.field_anonymous_class(e).map(Callable::Class),
            _ => None,
        });
        let (runs, supers) = match (own, callable) {
            (Some(c), _) | (None, Some(Callable::Class(c))) => {
                (Runs::Methods(c), self.program.external_supertypes(c))
            }
            (None, Some(Callable::Lambda(l))) => {
                let Receiver::Value(_, Some(t)) = recv_kind else {
                    return None;
                };
                let t = self.program.qualify_external(self.module_id(), t);
                (Runs::Block(l), vec![t])
            }
            _ => return None,
        };
        let spec = self.k.dispatch.iter().find(|d| {
            d.method.iter().any(|m| m == call.name)
                && supers.iter().any(|t| self.k.type_is(t, &d.class))
        })?;
        let (target, skip, then) = (spec.target.clone(), spec.skip_args, spec.result_to.clone());
        // Varargs: the target's one parameter receives every argument.
        let mut all = Val::default();
        for a in args.iter().skip(skip) {
            all.join(a);
        }
        let (targets, run, receiver) = match runs {
            Runs::Methods(class) => (
                self.program.dispatch(class, &target, 1),
                Call {
                    receiver: call.receiver.clone(),
                    name: target,
                    args: vec![],
                    name_span: call.name_span,
                },
                recv.clone(),
            ),
            Runs::Block(l) => (
                vec![l],
                Call {
                    receiver: None,
                    name: "invoke".into(),
                    args: vec![],
                    name_span: call.name_span,
                },
                Val::default(),
            ),
        };
        let result = self.call_project(&run, span, &targets, &receiver, std::slice::from_ref(&all));
        if let (Some(then), Runs::Methods(class)) = (then, runs) {
            for f in self.program.dispatch(class, &then, 1) {
                for t in result
                    .taint
                    .iter()
                    .filter(|t| matches!(t.origin, Origin::Source(_)))
                {
                    self.add_callback_taint(f, *t);
                }
            }
        }
        Some(Val::default())
    }

    /// A fluent builder (`new Request.Builder().url(u).post(body)`): its methods
    /// collect their arguments whatever they are called.
    fn is_builder_chain(&self, e: &Expr) -> bool {
        let is_builder = |t: &str| t.ends_with("Builder");
        match &e.kind {
            ExprKind::New { ty, .. } => is_builder(ty),
            // A call whose type is known says (`request.newBuilder()` returns one,
            // `send()` does not); otherwise a fluent call on a builder returns it.
            ExprKind::Call(c) => match self.static_type(e) {
                Some(t) => is_builder(&t),
                None => c
                    .receiver
                    .as_deref()
                    .is_some_and(|r| self.is_builder_chain(r)),
            },
            _ => self.static_type(e).is_some_and(|t| is_builder(&t)),
        }
    }

    /// The type of what a source API's result hands to callbacks (see
    /// `SourceSpec::yields`), for the call (or Kotlin property) that produced it.
    fn yielded_type(&self, producer: &Expr) -> Option<String> {
        let name = match &producer.kind {
            ExprKind::Call(c) => c.name.clone(),
            ExprKind::Field { name, .. } | ExprKind::Name(name) => accessor_name("get", name),
            _ => return None,
        };
        self.k.sources_named(&name).find_map(|s| s.yields.clone())
    }

    /// Types a block's parameters written without one by what it receives, in
    /// order (an empty type: not known).
    fn type_block_params(&mut self, l: FnId, types: &[String]) {
        let func = self.program.function(l);
        let types: Vec<Option<String>> = func
            .params
            .iter()
            .zip(types)
            .map(|(p, t)| (p.ty.is_none() && !t.is_empty()).then(|| t.clone()))
            .collect();
        if types.iter().all(Option::is_none) || self.g.lambda_arg_types(l) == Some(&types) {
            return;
        }
        self.g.wrote(|| Dep::Callback(l));
        self.g.set_lambda_arg_types(l, types);
    }

    fn taint_callback(&mut self, c: Callable, data: &Val) {
        let targets: Vec<FnId> = match c {
            Callable::Lambda(f) => vec![f],
            Callable::Class(cls) => self
                .program
                .class(cls)
                .methods
                .iter()
                .map(|&func| FnId {
                    module: cls.module,
                    func,
                })
                .collect(),
        };
        for f in targets {
            for t in data.taint.clone() {
                if matches!(t.origin, Origin::Source(_)) {
                    self.add_callback_taint(f, t);
                }
            }
        }
    }

    /// Records what was stored into the objects the parameters name: data that was
    /// not in the argument when it came in.
    fn publish_param_writes(&mut self) {
        let func = self.func();
        for (i, p) in func.params.iter().enumerate() {
            let Some(v) = self.env.vars.get(p.name.as_str()) else {
                continue;
            };
            // Still the object the caller passed (not a parameter assigned anew), and
            // an object at all: strings and numbers are never changed in place.
            let passed = v
                .taint
                .iter()
                .any(|t| matches!(t.origin, Origin::Param(x) if x as usize == i));
            if !passed || !self.holds_objects(p.ty.as_deref()) {
                continue;
            }
            for t in &v.taint {
                let own = matches!(t.origin, Origin::Param(x) | Origin::ParamField(x, _) if x as usize == i);
                if own || t.guesses > 0 {
                    continue;
                }
                self.summary
                    .param_gets
                    .entry((i as u16, t.path(), t.origin))
                    .or_insert(t.trace);
            }
        }
    }

    /// `b = a` (or `(Box) a`) between locals naming an object: both name it now.
    /// So do a stream and a stream or writer built around it
    /// (`out = new ObjectOutputStream(buffer)`): what is written to one is in the other.
    fn note_alias(&mut self, name: &Arc<str>, value: &Expr) {
        let mut e = value;
        loop {
            match &e.kind {
                ExprKind::Cast { expr, .. } => e = expr,
                ExprKind::New { ty, args, .. } if !args.is_empty() && self.wraps_stream(ty) => {
                    e = &args[0];
                }
                // `b2 = same(b1)`: a project function that returns what it was given.
                ExprKind::Call(c) => {
                    let given = match self.identity_calls.get(&c.name_span) {
                        Some(&RECEIVER) => c.receiver.as_deref(),
                        Some(&p) => c.args.get(p as usize),
                        None => None,
                    };
                    match given {
                        Some(g) => e = g,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        let ExprKind::Name(other) = &e.kind else {
            return;
        };
        if other.as_str() == &**name || !self.env.vars.contains_key(other.as_str()) {
            return;
        }
        let ty = self.local_types.get(other.as_str()).cloned();
        if !self.holds_objects(ty.as_deref()) {
            return;
        }
        let other: Arc<str> = other.as_str().into();
        let mine = self.aliases.entry(name.clone()).or_default();
        if !mine.contains(&other) {
            mine.push(other.clone());
        }
        let theirs = self.aliases.entry(other).or_default();
        if !theirs.contains(name) {
            theirs.push(name.clone());
        }
    }

    /// The arguments of an SDK call that identifies the user (see
    /// [`crate::knowledge::SinkSpec::identifying`]) that are neither constants nor
    /// data of a known origin: account identifiers, collected here.
    fn identifiers_given(&mut self, call: &Call, args: &[Val], spec: &SinkSpec) -> Vec<Taint> {
        let mut out = Vec::new();
        for (i, (a, e)) in args.iter().zip(&call.args).enumerate() {
            let sent = spec.args.as_ref().is_none_or(|idx| idx.contains(&i));
            // (An object made here, `User().apply { id = .. }`, or held by a local made
            // where it was declared, carries what its fields are given.) Whether data of
            // a known origin reaches the call is settled on the flows found in the end
            // ([`drop_shadowed_name_sources`]).
            let object = made_in_place(e) || self.made_here(e);
            if !sent || a.is_const || a.callable.is_some() || object {
                continue;
            }
            let description = format!("the user's id given to `{}`", call.name);
            let about = Described {
                identifier: true,
                ..Described::default()
            };
            let kind = SourceKind::Name;
            let t =
                self.new_described_source("account".into(), kind, e.span, description, "", about);
            out.push(t);
        }
        out
    }

    /// Whether a type or static factory, as written, makes a request for background
    /// work (see [`crate::knowledge::Propagation::work_requests`]).
    fn names_work_request(&self, written: &str) -> bool {
        self.k
            .propagation
            .work_requests
            .iter()
            .any(|w| type_names_match(w, written))
    }

    /// Whether a cursor getter's argument is the index of a column holding a row's
    /// own id or key (`getColumnIndex(Contacts._ID)`, `getColumnIndexOrThrow("_id")`).
    fn reads_id_column(&self, e: &Expr) -> bool {
        let ExprKind::Call(c) = &e.kind else {
            return false;
        };
        if !c.name.starts_with("getColumnIndex") || c.args.len() != 1 {
            return false;
        }
        let column = match &c.args[0].kind {
            ExprKind::Literal(Literal::Str(s)) => s.clone(),
            _ => match c.args[0].last_name() {
                Some(n) => n.to_string(),
                None => return false,
            },
        };
        self.k
            .propagation
            .id_columns
            .contains(column.to_ascii_lowercase().as_str())
    }

    /// Whether an expression is an Android `Context`: a value of a Context type, or
    /// `this` in an activity, service or other Context of the app.
    fn is_context(&self, e: &Expr) -> bool {
        const CONTEXT: &str = "android.content.Context";
        let ty = match &e.kind {
            ExprKind::This => self.class.map(|c| self.program.class(c).name.clone()),
            _ => self.static_type(e),
        };
        let Some(ty) = ty else {
            return false;
        };
        let module = self.module_id();
        if self
            .k
            .type_is(&self.program.qualify_external(module, &ty), CONTEXT)
        {
            return true;
        }
        self.program.resolve_class(module, &ty).is_some_and(|c| {
            self.program
                .external_supertypes(c)
                .iter()
                .any(|t| self.k.type_is(t, CONTEXT))
        })
    }

    /// Whether a type (as written) is a stream or writer that writes into the one it
    /// is built around.
    fn wraps_stream(&self, ty: &str) -> bool {
        let q = self.program.qualify_external(self.module_id(), ty);
        self.k
            .propagation
            .stream_wrappers
            .iter()
            .any(|w| *w == q || (!q.contains('.') && w.rsplit('.').next() == Some(q.as_str())))
    }

    /// Whether a parameter of this declared type names an object that can be
    /// changed in place (not a string, a number or a boolean).
    fn holds_objects(&self, ty: Option<&str>) -> bool {
        let Some(ty) = ty else {
            return false;
        };
        let base = base_type(ty);
        let simple = base.rsplit('.').next().unwrap_or(base);
        const SCALARS: [&str; 18] = [
            "int",
            "long",
            "short",
            "byte",
            "char",
            "boolean",
            "double",
            "float",
            "Int",
            "Long",
            "Short",
            "Byte",
            "Char",
            "Boolean",
            "Double",
            "Float",
            "Integer",
            "Character",
        ];
        if SCALARS.contains(&simple)
            || base.ends_with("[]") && SCALARS.iter().any(|s| base.starts_with(s))
        {
            return false;
        }
        let qualified = self.program.qualify_external(self.module_id(), base);
        let named =
            |v: &String| self.k.type_is(&qualified, v) || v.rsplit('.').next() == Some(simple);
        self.k.propagation.mutable_values.iter().any(named)
            || !self.k.propagation.value_types.iter().any(named)
    }

    /// What `onSaveInstanceState(outState)` puts into its Bundle comes back in the
    /// Bundle the framework hands to the same class's restoring callbacks when it
    /// recreates the screen (`onCreate(savedInstanceState)`, `onRestoreInstanceState`).
    fn save_instance_state(&mut self) {
        const RESTORED_IN: [&str; 4] = [
            "onCreate",
            "onRestoreInstanceState",
            "onViewStateRestored",
            "onActivityCreated",
        ];
        let func = self.func();
        let (Some(class), Some(param)) = (self.class, func.params.first()) else {
            return;
        };
        if func.name != "onSaveInstanceState" {
            return;
        }
        let Some(saved) = self.env.vars.get(param.name.as_str()) else {
            return;
        };
        let taints: Vec<Taint> = saved
            .taint
            .iter()
            .filter(|t| matches!(t.origin, Origin::Source(_)))
            .copied()
            .collect();
        if taints.is_empty() {
            return;
        }
        let program = self.program;
        let restoring: Vec<FnId> = program
            .class(class)
            .methods
            .iter()
            .map(|&func| FnId {
                module: class.module,
                func,
            })
            .filter(|&f| {
                let g = program.function(f);
                g.params.len() == 1 && RESTORED_IN.contains(&g.name.as_str())
            })
            .collect();
        for f in restoring {
            for t in &taints {
                let tr = self.g.extend_trace(
                    t.trace,
                    program.function(f).name_span,
                    "saved in the instance state",
                );
                self.add_callback_taint(f, t.carried(tr));
            }
        }
    }

    fn add_callback_taint(&mut self, f: FnId, t: Taint) {
        self.g.wrote(|| Dep::Callback(f));
        self.g.add_callback_taint(f, t);
    }

    fn eval_new(
        &mut self,
        ty: &str,
        args: &[Expr],
        body: Option<ClassIdx>,
        type_args: &[TypeRef],
        span: Span,
    ) -> Val {
        let vals: Vec<Val> = args.iter().map(|a| self.eval(a)).collect();
        let construct = Call {
            receiver: None,
            name: ty.to_string(),
            args: vec![],
            name_span: span,
        };
        self.run_blocks(&construct, span, &vals);
        if let Some(b) = body {
            let id = ClassId {
                module: self.module_id(),
                class: b,
            };
            self.capture(Callable::Class(id));
            let mut v = Val {
                callable: Some(Callable::Class(id)),
                ..Val::default()
            };
            for x in &vals {
                v.join(x);
            }
            v.callable = Some(Callable::Class(id));
            v.exact = Some(id);
            return v;
        }
        if let Some(c) = self.program.resolve_class(self.module_id(), ty) {
            let call = Call {
                receiver: None,
                name: "<constructor>".into(),
                args: args.to_vec(),
                name_span: span,
            };
            // Of the constructors taking that many, those the arguments' types fit.
            let ctors = self.by_argument_types(self.program.constructors(c, args.len()), &call);
            let mut v = if ctors.is_empty() {
                Val::default()
            } else {
                self.call_project(&call, span, &ctors, &Val::default(), &vals)
            };
            // The field initialisers run first (`String serial = Build.SERIAL;`), its
            // superclasses' too: the new object holds what they store.
            let supers = self.program.superclasses(c);
            let inits: Vec<FnId> = std::iter::once(c)
                .chain(supers.iter().copied())
                .filter_map(|k| self.program.initializer(k, "<init>"))
                .collect();
            if !inits.is_empty() {
                let call = Call {
                    receiver: None,
                    name: "<constructor>".into(),
                    args: vec![],
                    name_span: span,
                };
                for init in inits {
                    let held = self.call_project(&call, span, &[init], &Val::default(), &[]);
                    v.join(&held);
                }
            }
            // An exception of the app's (`new InvalidIdException("bad " + id)`) keeps
            // what it is made with as its message, as the library's own do.
            if self
                .external_supertypes(c)
                .iter()
                .any(|t| is_failure_type(t))
            {
                for a in &vals {
                    for t in &a.taint {
                        let tr = self
                            .g
                            .extend_trace(t.trace, span, "passed to `<constructor>`");
                        v.add_taint(t.moved(tr));
                    }
                }
            }
            v.is_const = false;
            v.exact = Some(c);
            return v;
        }
        if let Some(v) = self.tuple_of(simple_type(ty), &vals, span) {
            return v;
        }
        let call = Call {
            receiver: None,
            name: "<init>".into(),
            args: args.to_vec(),
            name_span: span,
        };
        let mut v = self.call_library(
            &call,
            span,
            &Receiver::Type(ty.to_string()),
            Val::default(),
            vals.clone(),
        );
        // A wrapper (`new BufferedWriter(new OutputStreamWriter(out))`) writes where
        // what it wraps writes.
        if v.resource.is_none() {
            v.resource = vals.iter().find_map(|a| a.resource);
        }
        if self.names_work_request(ty) {
            // The worker's class, as an argument or as Kotlin's reified type argument.
            let target = args
                .iter()
                .find_map(|a| self.component_literal(a))
                .or_else(|| {
                    type_args
                        .iter()
                        .find_map(|t| self.program.resolve_class(self.module_id(), t))
                });
            if let Some(target) = target {
                v.explicit_intent = true;
                v.intent_target = Some(target);
            }
        }
        if matches!(ty.rsplit('.').next(), Some("Intent" | "ComponentName")) {
            if let Some(target) = args.iter().find_map(|a| self.component_literal(a)) {
                v.explicit_intent = true;
                v.intent_target = Some(target);
            }
            // `new Intent(context, serviceClass)` names a class of the context's own
            // package, whichever it is
            // (https://developer.android.com/reference/android/content/Intent#Intent(android.content.Context,%20java.lang.Class%3C?%3E)).
            let class_arg = match args.len() {
                2 => args.get(1),
                4 => args.get(3),
                _ => None,
            };
            if class_arg.is_some_and(|a| {
                matches!(a.kind, ExprKind::Literal(Literal::Class(_)))
                    || self
                        .static_type(a)
                        .is_some_and(|t| matches!(base_type(&t), "Class" | "java.lang.Class"))
            }) {
                v.explicit_intent = true;
            }
        }
        // `new Intent(ACTION_GPS_UPDATED)`, `new IntentFilter("app.ACTION")`.
        if matches!(ty.rsplit('.').next(), Some("Intent" | "IntentFilter")) {
            v.action = args.first().and_then(|a| self.action_key(a)).map(Arc::from);
        }
        // A framework object built around a block it runs when dispatched
        // (`new Handler(looper, msg -> ..)`): the block stands for its methods.
        let qualified = self.program.qualify_external(self.module_id(), ty);
        if self
            .k
            .dispatch
            .iter()
            .any(|d| self.k.type_is(&qualified, &d.class))
        {
            if let Some(l) = vals.iter().find_map(|a| match a.callable {
                Some(Callable::Lambda(l)) => Some(l),
                _ => None,
            }) {
                v.callable = Some(Callable::Lambda(l));
            }
        }
        v
    }

    /// A package or class name of another app (`"com.whatsapp"`,
    /// `new ComponentName("com.partner", "com.partner.Pay")`): a literal that names
    /// none of the project's packages.
    fn names_other_app(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Literal(Literal::Str(s)) => {
                s.contains('.')
                    && !s.contains(['/', ' ', ':'])
                    && self.program.resolve_class(self.module_id(), s).is_none()
                    && !self.program.is_own_package_or_class(s)
            }
            ExprKind::New { args, .. } => args.iter().any(|a| self.names_other_app(a)),
            _ => false,
        }
    }

    /// A condition's value when the compiler knows it: `true`, `false`, a constant of
    /// ours (`static final boolean DEBUG = false`, `const val LOG = false`; javac and
    /// kotlinc drop the dead branch), or its negation. `BuildConfig.DEBUG` is generated,
    /// so not ours: unknown.
    fn constant_bool(&self, e: &Expr) -> Option<bool> {
        match &e.kind {
            ExprKind::Literal(Literal::Bool(b)) => Some(*b),
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => self.constant_bool(operand).map(|b| !b),
            ExprKind::Name(n) if !self.env.vars.contains_key(n.as_str()) => {
                let (_, field) = self.field_for_name(n)?;
                constant_field(field)
            }
            // Another class's constant (`Config.DEBUG`).
            ExprKind::Field { receiver, name } => {
                let t = self.type_name_of(receiver)?;
                let c = self.program.resolve_class(self.module_id(), &t)?;
                let (_, field) = self.program.field(c, name)?;
                constant_field(field)
            }
            _ => None,
        }
    }

    /// `componentN()` of one of the app's classes (what `val (a, b) = x` calls): the
    /// property its primary constructor declares N-th.
    fn component_of(&mut self, call: &Call, recv_kind: &Receiver) -> Option<Val> {
        let n: usize = call.name.strip_prefix("component")?.parse().ok()?;
        let Receiver::Value(r, Some(t)) = recv_kind else {
            return None;
        };
        if !call.args.is_empty() || n == 0 {
            return None;
        }
        let c = self.program.resolve_class(self.module_id(), t)?;
        let primary = self.program.class(c).methods.iter().find_map(|&m| {
            let f = self.program.function(FnId {
                module: c.module,
                func: m,
            });
            (f.kind == FunctionKind::Constructor).then_some(f)
        })?;
        let property = &primary.params.get(n - 1)?.name;
        self.program.field(c, property)?;
        let read = Expr::new(
            ExprKind::Field {
                receiver: Box::new((*r).clone()),
                name: property.clone(),
            },
            call.name_span,
        );
        Some(self.eval(&read))
    }

    /// Whether every project function a call may run returns an object it made,
    /// of a class it knows exactly (a data class's `copy(..)`, `Foo(..)`).
    fn returns_made_object(&mut self, call: &Call) -> bool {
        let recv = self.receiver_kind(call);
        let callees = self.typing_callees(call, &recv);
        !callees.is_empty()
            && callees.iter().all(|&f| {
                self.g.read(Dep::Summary(f));
                self.g.summary(f).is_some_and(|s| s.ret.exact.is_some())
            })
    }

    /// An assignment to a Kotlin property delegated to an object of the app's own
    /// (`var email by stringPref("account_email")`, where `stringPref` makes an object
    /// with a `setValue`): that `setValue` runs with the value.
    fn delegate_setter(&mut self, owner: ClassId, field: &Field, v: &Val, span: Span) {
        if !field.delegated || self.inlined >= MAX_INLINE_DEPTH {
            return;
        }
        let program = self.program;
        let classes: Vec<ClassId> = match field.init.as_ref().map(|e| &e.kind) {
            Some(ExprKind::New { ty, body: None, .. }) => program
                .resolve_class(owner.module, ty)
                .into_iter()
                .collect(),
            Some(ExprKind::Call(c)) if c.receiver.is_none() => {
                if self.k.propagation.value_delegates.contains(&c.name) {
                    return;
                }
                let mut out = Vec::new();
                for m in program.dispatch(owner, &c.name, c.args.len()) {
                    self.g.read(Dep::Summary(m));
                    if let Some(x) = self.g.summary(m).and_then(|s| s.ret.exact) {
                        out.push(x);
                    }
                }
                out
            }
            _ => return,
        };
        let setters: Vec<FnId> = classes
            .into_iter()
            .flat_map(|c| program.dispatch(c, "setValue", 3))
            .filter(|&f| program.function(f).has_body)
            .collect();
        if setters.is_empty() {
            return;
        }
        let call = Call {
            receiver: None,
            name: "setValue".into(),
            args: Vec::new(),
            name_span: span,
        };
        let args = [Val::default(), Val::default(), v.clone()];
        self.call_project(&call, span, &setters, &Val::default(), &args);
    }

    /// The parameter types of the one method of the app's own interface a parameter
    /// of `callee` is declared as: what a block handed there is called with.
    fn own_interface_params(&self, callee: FnId, p: &Param) -> Option<Vec<String>> {
        let c = self
            .program
            .resolve_class(callee.module, p.ty.as_deref()?)?;
        let class = self.program.class(c);
        if class.kind != ClassKind::Interface {
            return None;
        }
        let mut abstract_methods = class.methods.iter().filter_map(|&m| {
            let f = self.program.function(FnId {
                module: c.module,
                func: m,
            });
            (!f.has_body && !f.is_static).then_some(f)
        });
        let method = abstract_methods.next()?;
        if abstract_methods.next().is_some() {
            return None;
        }
        Some(
            method
                .params
                .iter()
                .map(|q| match q.ty.as_deref() {
                    Some(t) => self.program.qualify_external(c.module, t),
                    None => String::new(),
                })
                .collect(),
        )
    }

    /// A data class's `copy(..)` of `this`, called in one of its own methods: each
    /// field the call does not name, as this object holds it, and those it names as
    /// given.
    fn own_copy(&mut self, call: &Call, args: &[Val]) -> Option<Val> {
        let c = self.class?;
        let named: Vec<&str> = call
            .args
            .iter()
            .filter_map(|e| match &e.kind {
                ExprKind::Named { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let program = self.program;
        let mut v = Val::default();
        for field in &program.class(c).fields {
            if field.is_static || named.contains(&field.name.as_str()) {
                continue;
            }
            let sym = self.g.field_sym(&field.name);
            let read = Expr::new(
                ExprKind::Field {
                    receiver: Box::new(Expr::new(ExprKind::This, call.name_span)),
                    name: field.name.clone(),
                },
                call.name_span,
            );
            for t in self.eval(&read).taint {
                v.add_taint(t.stored_in(sym));
            }
        }
        self.copy_named(&mut v, call, args);
        v.exact = Some(c);
        Some(v)
    }

    /// What a data class's `copy(name = x, ..)` gives the fields it names: each
    /// what its argument holds, instead of what the copied object held there.
    fn copy_named(&mut self, v: &mut Val, call: &Call, args: &[Val]) {
        for (e, a) in call.args.iter().zip(args) {
            let ExprKind::Named { name, .. } = &e.kind else {
                continue;
            };
            let sym = self.g.field_sym(name);
            v.taint.retain(|t| t.field != Some(sym));
            for t in &a.taint {
                let tr =
                    self.g
                        .extend_trace(t.trace, call.name_span, &format!("copied into `{name}`"));
                v.add_taint(t.carried(tr).stored_in(sym));
            }
        }
    }

    fn data_class_copy(
        &mut self,
        call: &Call,
        recv_kind: &Receiver,
        recv: &Val,
        args: &[Val],
    ) -> Option<Val> {
        let mut class = None;
        match recv_kind {
            Receiver::Value(_, Some(t)) => {
                let c = self.program.resolve_class(self.module_id(), t)?;
                // (A declared `copy` was called as the project's own method already;
                // one a library supertype declares is that type's.)
                if self.program.extends_library(c) && !self.is_per_object(c) {
                    return None;
                }
                class = Some(c);
            }
            // An object of a type not known here (`forEach { it.copy(state = x) }`):
            // copied with its properties named, it is a data class's copy too.
            Receiver::Value(_, None)
                if !call.args.is_empty()
                    && call
                        .args
                        .iter()
                        .all(|a| matches!(a.kind, ExprKind::Named { .. })) => {}
            // `fun redacted() = copy(password = "<redacted>")` in the data class
            // itself: this object's other fields, each as this object holds it.
            Receiver::Implicit if call.receiver.is_none() => return self.own_copy(call, args),
            _ => return None,
        }
        let mut v = recv.clone();
        v.callable = None;
        // A data class is final: the copy is of exactly its class.
        v.exact = class.or(v.exact);
        self.copy_named(&mut v, call, args);
        Some(v)
    }

    /// The anonymous class a field of ours is initialised with
    /// (`private final Handler handler = new Handler(looper) { .. }`).
    fn field_anonymous_class(&self, e: &Expr) -> Option<ClassId> {
        let name = match &e.kind {
            ExprKind::Name(n) if !self.env.vars.contains_key(n.as_str()) => n.as_str(),
            ExprKind::Field { receiver, name } if matches!(receiver.kind, ExprKind::This) => {
                name.as_str()
            }
            _ => return None,
        };
        let (owner, field) = self.field_for_name(name)?;
        match &field.init.as_ref()?.kind {
            ExprKind::New {
                body: Some(class), ..
            } => Some(ClassId {
                module: owner.module,
                class: *class,
            }),
            _ => None,
        }
    }

    /// `Foo.class` or `"com.app.Foo"` naming one of the app's classes.
    fn component_literal(&self, e: &Expr) -> Option<ClassId> {
        match &e.kind {
            ExprKind::Literal(Literal::Class(t)) => self.program.resolve_class(self.module_id(), t),
            ExprKind::Literal(Literal::Str(s)) if s.contains('.') => {
                self.program.resolve_class(self.module_id(), s)
            }
            // `new ComponentName(ctx, Foo.class)` passed to setComponent
            ExprKind::New { args, .. } => args.iter().find_map(|a| self.component_literal(a)),
            _ => None,
        }
    }

    /// Data put into an explicit Intent for one of the app's own components: that
    /// component's `getIntent()` and its intent-receiving callbacks see it.
    fn deliver_intent(&mut self, target: ClassId, intent: &Val, at: Span, how: &str) {
        let name = self.program.class(target).name.clone();
        let message = format!("sent to `{name}` by `{how}`");
        let (sent, given) = self.sent_on(&intent.taint, at, &message);
        // What this function was given: its callers' data is delivered.
        for t in given {
            self.summary
                .delivers
                .entry((target, t.origin, t.field))
                .or_insert(t.trace);
        }
        self.deliver_taints(target, sent);
    }

    /// Source data delivered to one of the app's components: what its `getIntent()`
    /// (or `getArguments()`) reads and its Intent callbacks receive.
    fn deliver_taints(&mut self, target: ClassId, taints: Vec<Taint>) {
        let Some(delivered) = source_data(taints) else {
            return;
        };
        self.g.wrote(|| Dep::Intent(target));
        self.g.write_intent(target, &delivered);
        let receivers: Vec<FnId> = [
            "onStartCommand",
            "onHandleIntent",
            "onReceive",
            "onBind",
            "onNewIntent",
        ]
        .iter()
        .flat_map(|m| {
            let program = self.program;
            program
                .class(target)
                .methods
                .iter()
                .map(move |&func| FnId {
                    module: target.module,
                    func,
                })
                .filter(move |&f| program.function(f).name == *m)
        })
        .collect();
        for f in receivers {
            for t in delivered.taint.clone() {
                self.add_callback_taint(f, t);
            }
        }
    }
}

/// The name a field is classified by: its own, or a serialised name that says more
/// (`#[serde(rename = "mobile")] m`).
fn field_label<'f>(k: &Knowledge, field: &'f Field) -> &'f str {
    std::iter::once(&field.name)
        .chain(&field.aliases)
        .find(|n| k.names.classify(n).is_some())
        .unwrap_or(&field.name)
}

/// The key an entry of a map, bundle or Intent is stored or read under: a string
/// literal's text, or a constant's name (`EXTRA_ID`, `Keys.ACCOUNT_ID`,
/// `Intent.EXTRA_TEXT`), the same wherever it is written. Other keys are unknown.
fn entry_key(e: &Expr) -> Option<String> {
    if let Some(s) = e.string_literal() {
        return Some(format!("#{s}"));
    }
    let name = match &e.kind {
        ExprKind::Name(n) => n.as_str(),
        ExprKind::Field { name, .. } => name.as_str(),
        ExprKind::Path(p) => p.rsplit([':', '.']).next()?,
        _ => return None,
    };
    let constant = name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    constant.then(|| format!("#@{name}"))
}

/// A static factory's name: `newLatLng`, `newInstance` (`new` and a capital).
/// An object created in this very expression, or a fluent chain on one
/// (`new MarkerOptions()`, Kotlin's `MarkerOptions().position(p)`).
fn is_fresh_object(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::New { .. } => true,
        ExprKind::Call(c) => match &c.receiver {
            Some(r) => is_fresh_object(r),
            None => c.name.starts_with(|ch: char| ch.is_ascii_uppercase()),
        },
        _ => false,
    }
}

/// An object made by the expression itself: `new User()`, `User()`, and a scope
/// function's block run on one (`User().apply { .. }`, lowered as a block whose value
/// is the object it made).
fn made_in_place(e: &Expr) -> bool {
    made_by(e, &is_fresh_object)
}

/// Whether the expression hands back what an expression `maker` accepts made, itself
/// or through a scope function's block run on it (lowered as a block whose value is
/// the object it made).
fn made_by(e: &Expr, maker: &impl Fn(&Expr) -> bool) -> bool {
    match &e.kind {
        ExprKind::Block { stmts, value } => {
            let ExprKind::Name(n) = &value.kind else {
                return false;
            };
            stmts.iter().any(|s| {
                matches!(s, Stmt::Let { name, init: Some(i), .. } if name == n && made_by(i, maker))
            })
        }
        _ => maker(e),
    }
}

/// An Android resource class (`R.id`, `com.example.R.string`, or `commonR.string`
/// with the R class of another module imported under an alias): its fields are ids.
fn is_resource_class(e: &Expr) -> bool {
    const RESOURCE_TYPES: [&str; 20] = [
        "id",
        "string",
        "plurals",
        "array",
        "drawable",
        "mipmap",
        "layout",
        "menu",
        "color",
        "dimen",
        "style",
        "attr",
        "bool",
        "integer",
        "raw",
        "xml",
        "font",
        "anim",
        "animator",
        "navigation",
    ];
    e.dotted().is_some_and(|d| {
        let aliased = d.split_once('.').is_some_and(|(first, rest)| {
            first.ends_with('R') && first.len() > 1 && RESOURCE_TYPES.contains(&rest)
        });
        d == "R" || d.starts_with("R.") || d.contains(".R.") || aliased
    })
}

/// Text built in place: a literal, a concatenation or a template.
fn is_text_expr(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Literal(Literal::Str(_)) => true,
        ExprKind::Binary {
            op: BinOp::Add,
            lhs,
            rhs,
        } => is_text_expr(lhs) || is_text_expr(rhs),
        _ => false,
    }
}

/// The parameter a value is (not a part of it, not the receiver), if it is one.
fn param_itself(v: &Val) -> Option<u16> {
    v.taint.iter().find_map(|t| match t.origin {
        Origin::Param(p) if p != RECEIVER && t.field.is_none() => Some(p),
        _ => None,
    })
}

/// The expression a call passes for parameter `p` of `callee`, where it says:
/// `vals` (the values bound, an extension function's receiver first) and `exprs`
/// (the call's arguments) as for [`bind_named`].
fn argument_expr<'e>(
    callee: &Function,
    exprs: &'e [Expr],
    vals: usize,
    p: usize,
) -> Option<&'e Expr> {
    let name = callee.params.get(p).map(|q| q.name.as_str())?;
    let named = exprs.iter().find_map(|e| match &e.kind {
        ExprKind::Named { name: n, value } if n == name => Some(&**value),
        _ => None,
    });
    if named.is_some() {
        return named;
    }
    // (Positional arguments come before named ones, each in its parameter's place.)
    let receiver = usize::from(vals == exprs.len() + 1);
    exprs
        .get(p.checked_sub(receiver)?)
        .filter(|a| !matches!(a.kind, ExprKind::Named { .. }))
}

/// Whether a function's declared return type is one of its type parameters (`T`):
/// a single capital letter, as type parameters are named.
fn returns_type_parameter(func: &Function) -> bool {
    func.return_type.as_deref().is_some_and(|t| {
        let t = t.trim_end_matches('?');
        t.len() == 1 && t.starts_with(|c: char| c.is_ascii_uppercase())
    })
}

/// Whether a field is initialised with an object it goes on holding (made with `new`,
/// a constructor call `MutableStateFlow("")`, or `mutableStateOf(..)` and the like),
/// rather than a value copied in.
fn made_as_object(field: &Field) -> bool {
    field.init.as_ref().is_some_and(|e| {
        constructed_type(e).is_some()
            || match &e.kind {
                // (An anonymous class's object too.)
                ExprKind::New { .. } => true,
                ExprKind::Call(c) => c.receiver.is_none() && c.name.starts_with("mutable"),
                _ => false,
            }
    })
}

/// The class an expression makes an object of, as written: `new T(..)`, or a Kotlin
/// constructor call `T(..)` (a call of a capitalised name without a receiver).
fn constructed_type(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::New { ty, body: None, .. } => Some(ty.as_str()),
        ExprKind::Call(c)
            if c.receiver.is_none() && c.name.starts_with(|ch: char| ch.is_ascii_uppercase()) =>
        {
            Some(c.name.as_str())
        }
        _ => None,
    }
}

/// Whether a constant's key is of the kind (literal or name) of a guard's: only
/// then can it be told to differ from them.
fn same_kind(key: &str, values: &[Arc<str>]) -> bool {
    let kind = |k: &str| match k.as_bytes().first() {
        Some(b'=') => 0,
        Some(b':') => 1,
        _ => 2,
    };
    values.iter().all(|v| kind(v) == kind(key))
}

/// Whether a guard's constants (or types) select `key`, an argument's.
fn selects(key: &str, values: &[Arc<str>]) -> bool {
    values.iter().any(|v| {
        **v == *key
            || v.strip_prefix(':').is_some_and(|tested| {
                // An argument of a final value type is also of its supertypes.
                let numeric = matches!(
                    key,
                    ":Int" | ":Long" | ":Short" | ":Byte" | ":Float" | ":Double"
                );
                matches!(
                    tested,
                    "Any" | "Object" | "Comparable" | "Serializable" | "java.io.Serializable"
                ) || (tested == "Number" && numeric)
                    || (tested == "CharSequence" && key == ":String")
            })
    })
}

/// A value type's key (`:Int`): the primitive types, boxed or not, and `String`.
/// They are final, so a value of one is of no other type but their supertypes
/// ([`selects`]); a value of any other type may be of a subclass.
fn value_type_key(ty: &str) -> Option<Arc<str>> {
    let ty = ty.trim_end_matches(['?', ' ']);
    let ty = ty.strip_prefix("java.lang.").unwrap_or(ty);
    let ty = ty.strip_prefix("kotlin.").unwrap_or(ty);
    let key = match ty {
        "int" | "Int" | "Integer" => ":Int",
        "long" | "Long" => ":Long",
        "short" | "Short" => ":Short",
        "byte" | "Byte" => ":Byte",
        "boolean" | "Boolean" => ":Boolean",
        "float" | "Float" => ":Float",
        "double" | "Double" => ":Double",
        "char" | "Char" | "Character" => ":Char",
        "String" => ":String",
        _ => return None,
    };
    Some(key.into())
}

/// Arguments in parameter order when some are named (`f(b = y, a = x)`) or a
/// trailing block follows parameters left to their defaults (`load(limit = 5) { .. }`
/// and `load { .. }` hand the block to `load`'s last parameter); `None` when they
/// are all positional, in order. `vals` may start with an extension function's
/// receiver, which `exprs` (the call's arguments) do not have.
fn bind_named(callee: &Function, exprs: &[Expr], vals: &[Val]) -> Option<Vec<Val>> {
    let named = exprs
        .iter()
        .any(|e| matches!(e.kind, ExprKind::Named { .. }));
    let receiver = usize::from(vals.len() == exprs.len() + 1);
    let params = callee.params.len();
    let trailing_block = matches!(exprs.last().map(|e| &e.kind), Some(ExprKind::Lambda(_)))
        && receiver + exprs.len() < params
        && callee.params.last().is_none_or(|p| {
            // (The Kotlin front-end writes a function type `(T) -> R` as `Function`.)
            p.ty.as_deref()
                .is_none_or(|t| t.contains("->") || base_type(t).starts_with("Function"))
        });
    if !named && !trailing_block {
        return None;
    }
    let mut out = vec![Val::default(); params.max(vals.len())];
    if receiver == 1 {
        out[0] = vals[0].clone();
    }
    let mut next = receiver;
    for (i, (e, v)) in exprs.iter().zip(&vals[receiver..]).enumerate() {
        let slot = match &e.kind {
            ExprKind::Named { name, .. } => callee.params.iter().position(|p| p.name == *name),
            _ if trailing_block && i + 1 == exprs.len() => Some(params - 1),
            _ => {
                next += 1;
                Some(next - 1)
            }
        };
        if let Some(i) = slot {
            if let Some(o) = out.get_mut(i) {
                *o = v.clone();
            }
        }
    }
    Some(out)
}

/// The columns a `SELECT` names (as [`column_key`]s), or None when it selects all of
/// them (`*`, `t.*`) or its list cannot be read.
fn selected_columns(sql: &str) -> Option<Vec<String>> {
    let sql = sql.to_ascii_lowercase();
    let rest = sql.trim_start().strip_prefix("select")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("distinct").unwrap_or(rest);
    let list = &rest[..rest.find(" from ")?];
    let mut out = Vec::new();
    for item in list.split(',') {
        let item = item.trim();
        if item.contains('*') || item.contains('(') {
            return None;
        }
        // `t.user_name AS name`: the column read is `user_name`.
        let column = item.split_whitespace().next()?;
        let column = column.rsplit('.').next().unwrap_or(column);
        out.push(column_key(column));
    }
    (!out.is_empty()).then_some(out)
}

/// The named parameters (`:mail`, lower-cased) whose values an `UPDATE` statement
/// stores: those its `SET` assigns, not those it compares there (`selected = (mail =
/// :mail)`) or in its `WHERE`. `None` for other statements (all are stored).
fn stored_placeholders(sql: &str) -> Option<Vec<String>> {
    let rest = sql.trim_start().strip_prefix("update")?;
    let set = &rest[rest.find(" set ")? + 5..];
    let set = set.find(" where ").map_or(set, |w| &set[..w]);
    let mut out = Vec::new();
    for assignment in set.split(',') {
        let Some((_, value)) = assignment.split_once('=') else {
            continue;
        };
        if ["=", "<", ">", " like ", " in ", " is "]
            .iter()
            .any(|op| value.contains(op))
        {
            continue;
        }
        for part in value.split(':').skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    Some(out)
}

/// The tables a statement names after one of `keywords` (`from`, `join`, `into`,
/// `update`), lower-cased and unquoted; `None` when it names none.
fn sql_tables(sql: &str, keywords: &[&str]) -> Option<Vec<String>> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !keywords.contains(w) {
            continue;
        }
        // `UPDATE OR REPLACE t`, `INSERT OR IGNORE INTO t`: the name after the verbs.
        let Some(name) = words[i + 1..].iter().find(|n| {
            !matches!(
                **n,
                "or" | "replace" | "ignore" | "abort" | "rollback" | "fail"
            )
        }) else {
            continue;
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '`' | '"' | '[' | ']'))
            .filter(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && name != "select" {
            out.push(name);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A column or property name compared across SQL and code: `user_name`, `userName`
/// and `` `userName` `` are one.
fn column_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A type as written without its type arguments and nullability (`List<String>?` is
/// `List`).
fn base_type(ty: &str) -> &str {
    ty.split('<')
        .next()
        .unwrap_or(ty)
        .trim_end_matches(['?', ' '])
}

/// The arguments of a call to a function whose last parameter takes any number
/// (`String... parts`): those from that parameter on are its one value.
fn bind_varargs(callee: &Function, vals: &[Val]) -> Option<Vec<Val>> {
    let n = callee.params.len();
    let last = callee.params.last()?.ty.as_deref()?;
    if !last.ends_with("...") || vals.len() + 1 < n {
        return None;
    }
    let mut out = vals[..n - 1].to_vec();
    let mut rest = Val::default();
    for v in vals.get(n - 1..).unwrap_or_default() {
        rest.join(v);
    }
    out.push(rest);
    Some(out)
}

/// `recv.getName()` for a property read `recv.name` (`isName()` for `isName`).
fn getter_call(receiver: Option<&Expr>, name: &str, span: Span) -> Call {
    let is_boolean = name
        .strip_prefix("is")
        .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
    let getter = if is_boolean {
        name.to_string()
    } else {
        accessor_name("get", name)
    };
    // Results are located at the property's name: the end of `recv.name`.
    let name_span = span.last(name.len() as u32);
    Call {
        receiver: receiver.map(|r| Box::new(r.clone())),
        name: getter,
        args: Vec::new(),
        name_span,
    }
}

/// The property a bean accessor names: `setLatitude` → `latitude`.
/// `x.getName()`: a call of a bean getter, without arguments.
fn is_getter(call: &Call) -> bool {
    call.args.is_empty() && bean_property(&call.name, "get").is_some()
}

fn bean_property(method: &str, prefix: &str) -> Option<String> {
    let rest = method.strip_prefix(prefix)?;
    let mut chars = rest.chars();
    let first = chars.next().filter(|c| c.is_uppercase())?;
    Some(first.to_lowercase().chain(chars).collect())
}

/// A container's taints read by the key parameter `q`: each entry stored under a
/// key, and each of a parameter's, marked for the caller's key to choose; what is
/// in the container as a whole, or is an object's own field under a key not known
/// here (not an entry: `is_entry` tells them apart), is in any entry.
fn entries_by_param(
    mut taints: Vec<Taint>,
    q: u16,
    is_entry: impl Fn(FieldSym) -> bool,
) -> Vec<Taint> {
    for t in &mut taints {
        match (t.field, t.origin) {
            (Some(k), _) if is_entry(k) => {
                *t = t.read_out();
                t.entry_of = Some((q, k));
            }
            (_, Origin::Source(_)) => {}
            (_, _) => t.entry_of = Some((q, ANY_KEY)),
        }
    }
    taints
}

/// Adds the entries of `from` whose keys `into` lacks (the first trace stays);
/// whether any was added.
fn insert_new<K: Eq + std::hash::Hash, V>(into: &mut HashMap<K, V>, from: HashMap<K, V>) -> bool {
    let mut added = false;
    for (k, v) in from {
        if let std::collections::hash_map::Entry::Vacant(e) = into.entry(k) {
            e.insert(v);
            added = true;
        }
    }
    added
}

/// An exception type: what a failure carries is not the data a callback or a state
/// object was for.
fn is_failure_type(ty: &str) -> bool {
    let ty = ty.trim_end_matches('?');
    ty.ends_with("Exception") || ty.ends_with("Throwable") || ty.ends_with("Error")
}

/// A Java primitive or its Kotlin counterpart: a number, a flag or a character.
fn is_primitive(ty: &str) -> bool {
    matches!(
        ty.trim_end_matches('?'),
        "int"
            | "long"
            | "short"
            | "byte"
            | "boolean"
            | "float"
            | "double"
            | "char"
            | "Int"
            | "Long"
            | "Short"
            | "Byte"
            | "Boolean"
            | "Float"
            | "Double"
            | "Char"
    )
}

/// The type a literal, or a concatenation with a string literal, is of.
fn literal_type(e: &Expr) -> Option<&'static str> {
    match &e.kind {
        ExprKind::Literal(Literal::Str(_)) => Some("String"),
        ExprKind::Literal(Literal::Bool(_)) => Some("boolean"),
        ExprKind::Literal(Literal::Int(_)) => Some("int"),
        ExprKind::Binary {
            op: BinOp::Add,
            lhs,
            rhs,
        } => (literal_type(lhs) == Some("String") || literal_type(rhs) == Some("String"))
            .then_some("String"),
        _ => None,
    }
}

/// A type's simple name, without its package, enclosing classes and arguments.
/// Whether a value of this type may be a URL: text, or one of the URL types.
fn may_be_url(ty: &str) -> bool {
    matches!(
        simple_type(ty),
        "String" | "CharSequence" | "URL" | "URI" | "Uri" | "HttpUrl"
    )
}

fn simple_type(ty: &str) -> &str {
    let base = base_type(ty);
    base.rsplit('.').next().unwrap_or(base)
}

/// The kind of sink writing to a destination is.
fn sink_kind(res: ResourceKind) -> SinkKind {
    match res {
        ResourceKind::Network => SinkKind::Network,
        // (A parameter's destination stands in as storage until a caller decides.)
        ResourceKind::Storage | ResourceKind::EncryptedStorage | ResourceKind::Param(_) => {
            SinkKind::Storage
        }
    }
}

/// The value of a `static final` boolean field initialised with a literal.
fn constant_field(field: &Field) -> Option<bool> {
    if !(field.is_final && field.is_static) {
        return None;
    }
    match field.init.as_ref()?.kind {
        ExprKind::Literal(Literal::Bool(b)) => Some(b),
        _ => None,
    }
}

/// The class a class-literal argument names (`Api.class`, `Api::class.java`).
fn class_literal(arg: Option<&Expr>) -> Option<&str> {
    match &arg?.kind {
        ExprKind::Literal(Literal::Class(t)) => Some(t),
        _ => None,
    }
}

/// The text an argument constraint compares: a constant's name or a literal.
fn arg_text(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Literal(Literal::Str(s)) => Some(s.clone()),
        ExprKind::Literal(Literal::Class(t)) => Some(format!("{t}.class")),
        _ => e.dotted(),
    }
}

/// Works out a type with `f` unless `key` is already being worked out further up
/// (a declaration whose initialiser refers to itself): `None` then.
fn typing_once<K: PartialEq + Clone>(
    working: &std::cell::RefCell<Vec<K>>,
    key: K,
    f: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if working.borrow().contains(&key) {
        return None;
    }
    working.borrow_mut().push(key.clone());
    let t = f();
    working.borrow_mut().retain(|k| *k != key);
    t
}

/// A variable declared in an enclosing function: a parameter or a local.
enum Declared<'s> {
    Param(&'s Param),
    Let(LetDecl<'s>),
}

/// A local's declaration, as [`find_let`] finds it.
struct LetDecl<'s> {
    span: Span,
    ty: Option<&'s TypeRef>,
    elem: Option<&'s TypeRef>,
    init: Option<&'s Expr>,
}

/// The declaration of a local.
fn find_let<'s>(stmts: &'s [Stmt], name: &str) -> Option<LetDecl<'s>> {
    for s in stmts {
        let found = match s {
            Stmt::Let {
                name: n,
                span,
                ty,
                elem,
                init,
            } if n == name => Some(LetDecl {
                span: *span,
                ty: ty.as_ref(),
                elem: elem.as_ref(),
                init: init.as_ref(),
            }),
            Stmt::If { then, els, .. } => find_let(then, name).or_else(|| find_let(els, name)),
            Stmt::Loop { init, body, .. } => find_let(init, name).or_else(|| find_let(body, name)),
            Stmt::Try {
                body,
                catches,
                finally,
            } => find_let(body, name)
                .or_else(|| catches.iter().find_map(|(_, b)| find_let(b, name)))
                .or_else(|| find_let(finally, name)),
            Stmt::Switch { arms, .. } => arms.iter().find_map(|a| find_let(a, name)),
            Stmt::Block(b) => find_let(b, name),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}
