//! One function's analysis against the facts as they stood when it began.
//!
//! The functions of one level of the call graph (none calls another) are analysed
//! side by side, each reading the committed [`Global`] facts and writing only into
//! its own [`Delta`]: new trace steps, sources and field names under ids past the
//! committed ones, and the facts it joins into (fields, captures, callbacks, Intents,
//! its summary). The deltas are then committed one by one in the program's order of
//! functions, whatever thread ran them, so a scan gives the same result at any
//! `--jobs`. A commit that changes a fact wakes the functions that read it, as a
//! write in place would.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{
    describes_first, Callable, Dep, FieldKey, FieldSym, Global, Origin, Summary, Taint, TraceId,
    TraceNode, Val, ANY_KEY, MAX_TRACE, WHOLE,
};
use crate::analysis::program::{ClassId, FnId};
use crate::analysis::{Flow, SinkSite, SourceId, SourceInfo, Step};
use crate::ir::Span;

/// What one function's analysis found and wrote: committed by [`Global::commit`].
#[derive(Default)]
pub(super) struct Delta {
    /// How many trace steps, sources and field names were committed when the
    /// analysis began: ids from there on are this analysis's own.
    base_traces: u32,
    base_sources: u32,
    base_syms: u32,
    traces: Vec<TraceNode>,
    /// New sources, by id past `base_sources`.
    sources: Vec<SourceInfo>,
    source_index: HashMap<(Span, String), SourceId>,
    /// Every source found, in order, by its id here: committed in the same order.
    sightings: Vec<(SourceId, SourceInfo)>,
    /// New field names, by symbol past `base_syms`.
    field_names: Vec<Arc<str>>,
    field_syms: HashMap<Arc<str>, FieldSym>,
    /// The function's summary, when its analysis ran to the end.
    pub(super) summary: Option<Summary>,
    /// The facts written, each as the committed one joined with what was written
    /// (what the function itself reads back).
    fields: HashMap<FieldKey, Val>,
    captures: HashMap<Callable, HashMap<Arc<str>, Val>>,
    callback_taint: HashMap<FnId, Vec<Taint>>,
    intents: HashMap<ClassId, Val>,
    results: HashMap<ClassId, Val>,
    broadcasts: HashMap<Arc<str>, Val>,
    stored: HashMap<Arc<str>, Val>,
    lambda_arg_types: HashMap<FnId, Vec<Option<String>>>,
    /// New members of the committed sets, in the order they were added.
    receivers: Vec<(ClassId, Arc<str>)>,
    result_callbacks: Vec<FnId>,
    base_urls: Vec<Arc<str>>,
    index_syms: Vec<FieldSym>,
    component_starts: Vec<(FnId, Span, ClassId)>,
    flows: HashMap<(SourceId, Span, FnId), Flow>,
    too_long: HashSet<(SourceId, Span, FnId)>,
    calls: HashSet<FnId>,
    call_sites: HashSet<(FnId, Span, FnId)>,
    references: HashSet<(FnId, Span, FnId)>,
    /// Caches of what the program says (the same whoever asks).
    per_object: HashMap<ClassId, bool>,
    supertypes: HashMap<ClassId, Arc<[String]>>,
    /// What the analysis read (a change to it runs the function again) and, when
    /// the analysis is kept to be resumed, what it wrote.
    pub(super) reads: HashSet<Dep>,
    wrote: Vec<Dep>,
}

/// The committed facts as one function's analysis sees them: those of the level's
/// start, with its own writes on top.
pub(super) struct Local<'a> {
    pub(super) base: &'a Global,
    pub(super) d: Delta,
}

impl<'a> Local<'a> {
    pub(super) fn new(base: &'a Global) -> Local<'a> {
        Local {
            base,
            d: Delta {
                base_traces: base.traces.len() as u32,
                base_sources: base.sources.len() as u32,
                base_syms: base.field_names.len() as u32,
                ..Delta::default()
            },
        }
    }

    // ----- trace steps --------------------------------------------------------

    pub(super) fn node(&self, id: TraceId) -> &TraceNode {
        match id.checked_sub(self.d.base_traces) {
            Some(own) => &self.d.traces[own as usize],
            None => &self.base.traces[id as usize],
        }
    }

    pub(super) fn trace(
        &mut self,
        parent: Option<TraceId>,
        span: Span,
        message: impl Into<Arc<str>>,
    ) -> TraceId {
        let depth = parent.map_or(0, |p| self.node(p).depth + 1);
        if depth as usize > MAX_TRACE {
            if let Some(p) = parent {
                return p;
            }
        }
        self.push_trace(parent, span, message.into(), depth)
    }

    pub(super) fn push_trace(
        &mut self,
        parent: Option<TraceId>,
        span: Span,
        message: Arc<str>,
        depth: u16,
    ) -> TraceId {
        self.d.traces.push(TraceNode {
            parent,
            span,
            message,
            depth,
        });
        self.d.base_traces + (self.d.traces.len() - 1) as TraceId
    }

    pub(super) fn extend_trace(&mut self, parent: TraceId, span: Span, message: &str) -> TraceId {
        if self.node(parent).span == span {
            return parent;
        }
        self.trace(Some(parent), span, message)
    }

    /// A step through a library call: worth showing only where the value moves to
    /// another line (`a.trim().toString()` is one step, not three).
    pub(super) fn through(&mut self, parent: TraceId, span: Span, message: &str) -> TraceId {
        let p = self.node(parent);
        // One step per line, and one per chain of library calls (`b.add(..).add(..).build()`).
        if (p.span.file == span.file && p.span.start.line == span.start.line)
            || p.message.starts_with("through ")
        {
            return parent;
        }
        self.trace(Some(parent), span, message)
    }

    /// Appends the callee's steps (after its parameter root) to the caller's trace.
    pub(super) fn splice(&mut self, caller: TraceId, callee: TraceId) -> TraceId {
        let mut chain = Vec::new();
        let mut cur = Some(callee);
        while let Some(c) = cur {
            let node = self.node(c);
            if node.parent.is_none() {
                break; // the parameter root, replaced by the caller's trace
            }
            chain.push((node.span, node.message.clone()));
            cur = node.parent;
        }
        let mut t = caller;
        for (span, message) in chain.into_iter().rev() {
            t = self.trace(Some(t), span, message);
        }
        t
    }

    pub(super) fn steps(&self, trace: TraceId) -> Vec<Step> {
        let mut out = Vec::new();
        let mut cur = Some(trace);
        while let Some(c) = cur {
            let n = self.node(c);
            out.push(Step {
                span: n.span,
                message: n.message.to_string(),
            });
            cur = n.parent;
        }
        out.reverse();
        out
    }

    // ----- sources and field names --------------------------------------------

    pub(super) fn field_sym(&mut self, name: &str) -> FieldSym {
        if let Some(&sym) = self.base.field_syms.get(name) {
            return sym;
        }
        if let Some(&sym) = self.d.field_syms.get(name) {
            return sym;
        }
        let sym = self.d.base_syms + self.d.field_names.len() as FieldSym;
        let name: Arc<str> = name.into();
        self.d.field_syms.insert(name.clone(), sym);
        self.d.field_names.push(name);
        sym
    }

    pub(super) fn field_name(&self, sym: FieldSym) -> Option<&Arc<str>> {
        match sym.checked_sub(self.d.base_syms) {
            Some(own) => self.d.field_names.get(own as usize),
            None => self.base.field_names.get(sym as usize),
        }
    }

    /// The id of a source this analysis found (described by `info`).
    pub(super) fn source(&mut self, info: SourceInfo) -> SourceId {
        let key = (info.span, info.category.clone());
        let id = match self.base.source_index.get(&key) {
            Some(&id) => id,
            None => match self.d.source_index.get(&key) {
                Some(&id) => {
                    let held = &mut self.d.sources[(id - self.d.base_sources) as usize];
                    if describes_first(&info, held) {
                        *held = info.clone();
                    }
                    id
                }
                None => {
                    let id = self.d.base_sources + self.d.sources.len() as SourceId;
                    self.d.sources.push(info.clone());
                    self.d.source_index.insert(key, id);
                    id
                }
            },
        };
        self.d.sightings.push((id, info));
        id
    }

    pub(super) fn source_info(&self, id: SourceId) -> &SourceInfo {
        match id.checked_sub(self.d.base_sources) {
            Some(own) => &self.d.sources[own as usize],
            None => &self.base.sources[id as usize],
        }
    }

    // ----- what was read and written ------------------------------------------

    pub(super) fn read(&mut self, dep: Dep) {
        self.d.reads.insert(dep);
    }

    /// Remembered when the analysis is kept to be resumed (see [`Global::wrote`]).
    pub(super) fn wrote(&mut self, dep: impl FnOnce() -> Dep) {
        if self.base.tracking {
            self.d.wrote.push(dep());
        }
    }

    /// A function's committed summary (its own new one is committed after it ran).
    pub(super) fn summary(&self, f: FnId) -> Option<&'a Summary> {
        self.base.summaries.get(&f).map(|s| &**s)
    }

    pub(super) fn field(&self, key: &FieldKey) -> Option<&Val> {
        self.d.fields.get(key).or_else(|| self.base.fields.get(key))
    }

    /// Joins what a function stores into a class-wide field.
    pub(super) fn write_field(&mut self, key: FieldKey, v: &Val) {
        // A field only ever assigned constants holds no personal data, whatever its name.
        let slot = own_copy(&mut self.d.fields, &self.base.fields, key, Val::constant);
        join_field(slot, v);
    }

    pub(super) fn captures(&self, c: &Callable) -> Option<&HashMap<Arc<str>, Val>> {
        self.d.captures.get(c).or_else(|| self.base.captures.get(c))
    }

    pub(super) fn write_captures(&mut self, c: Callable, vars: Vec<(Arc<str>, Val)>) {
        let slot = own_copy(
            &mut self.d.captures,
            &self.base.captures,
            c,
            HashMap::default,
        );
        join_captures(slot, vars);
    }

    pub(super) fn callback_taint(&self, f: FnId) -> Option<&Vec<Taint>> {
        self.d
            .callback_taint
            .get(&f)
            .or_else(|| self.base.callback_taint.get(&f))
    }

    pub(super) fn add_callback_taint(&mut self, f: FnId, t: Taint) {
        let slot = own_copy(
            &mut self.d.callback_taint,
            &self.base.callback_taint,
            f,
            Vec::new,
        );
        join_callback(slot, t);
    }

    pub(super) fn intent(&self, c: ClassId) -> Option<&Val> {
        self.d.intents.get(&c).or_else(|| self.base.intents.get(&c))
    }

    pub(super) fn write_intent(&mut self, c: ClassId, v: &Val) {
        join_into(&mut self.d.intents, &self.base.intents, c, v);
    }

    pub(super) fn result(&self, c: ClassId) -> Option<&Val> {
        self.d.results.get(&c).or_else(|| self.base.results.get(&c))
    }

    pub(super) fn write_result(&mut self, c: ClassId, v: &Val) {
        join_into(&mut self.d.results, &self.base.results, c, v);
    }

    pub(super) fn stored(&self, key: &str) -> Option<&Val> {
        self.d.stored.get(key).or_else(|| self.base.stored.get(key))
    }

    pub(super) fn write_stored(&mut self, key: Arc<str>, v: &Val) {
        join_into(&mut self.d.stored, &self.base.stored, key, v);
    }

    /// What implicit broadcasts carry, by action (this analysis's own sends joined).
    pub(super) fn broadcasts(&self) -> Vec<(Arc<str>, Val)> {
        let mut out: Vec<(Arc<str>, Val)> = self
            .base
            .broadcasts
            .iter()
            .filter(|(a, _)| !self.d.broadcasts.contains_key(*a))
            .map(|(a, v)| (a.clone(), v.clone()))
            .collect();
        out.extend(
            self.d
                .broadcasts
                .iter()
                .map(|(a, v)| (a.clone(), v.clone())),
        );
        out
    }

    pub(super) fn write_broadcast(&mut self, action: Arc<str>, v: &Val) {
        join_into(&mut self.d.broadcasts, &self.base.broadcasts, action, v);
    }

    pub(super) fn lambda_arg_types(&self, l: FnId) -> Option<&Vec<Option<String>>> {
        self.d
            .lambda_arg_types
            .get(&l)
            .or_else(|| self.base.lambda_arg_types.get(&l))
    }

    pub(super) fn set_lambda_arg_types(&mut self, l: FnId, types: Vec<Option<String>>) {
        if self.lambda_arg_types(l) != Some(&types) {
            self.d.lambda_arg_types.insert(l, types);
        }
    }

    pub(super) fn receivers(&self) -> impl Iterator<Item = &(ClassId, Arc<str>)> {
        self.base.receivers.iter().chain(&self.d.receivers)
    }

    pub(super) fn component_starts(&self) -> impl Iterator<Item = &(FnId, Span, ClassId)> {
        self.base
            .component_starts
            .iter()
            .chain(&self.d.component_starts)
    }

    pub(super) fn add_receiver(&mut self, r: (ClassId, Arc<str>)) {
        add_new(&self.base.receivers, &mut self.d.receivers, r);
    }

    pub(super) fn is_result_callback(&self, f: FnId) -> bool {
        self.base.result_callbacks.contains(&f) || self.d.result_callbacks.contains(&f)
    }

    pub(super) fn add_result_callback(&mut self, f: FnId) {
        add_new(&self.base.result_callbacks, &mut self.d.result_callbacks, f);
    }

    pub(super) fn base_urls(&self) -> Vec<Arc<str>> {
        let mut urls = self.base.base_urls.clone();
        urls.extend(self.d.base_urls.iter().cloned());
        urls
    }

    pub(super) fn add_base_url(&mut self, url: Arc<str>) {
        if !self.base.base_urls.contains(&url) && !self.d.base_urls.contains(&url) {
            self.d.base_urls.push(url);
        }
    }

    pub(super) fn is_index_sym(&self, f: FieldSym) -> bool {
        self.base.index_syms.contains(&f) || self.d.index_syms.contains(&f)
    }

    /// A map's, Bundle's or Intent's key (`#email`) or an array's index (`[0]`),
    /// rather than an object's field.
    pub(super) fn is_entry_sym(&self, f: FieldSym) -> bool {
        self.field_name(f)
            .is_some_and(|n| n.starts_with('#') || self.is_index_sym(f))
    }

    pub(super) fn add_index_sym(&mut self, f: FieldSym) {
        add_new(&self.base.index_syms, &mut self.d.index_syms, f);
    }

    pub(super) fn add_component_start(&mut self, start: (FnId, Span, ClassId)) {
        add_new(
            &self.base.component_starts,
            &mut self.d.component_starts,
            start,
        );
    }

    pub(super) fn record_call(&mut self, caller: FnId, at: Span, callee: FnId) {
        self.d.calls.insert(callee);
        self.d.call_sites.insert((caller, at, callee));
    }

    pub(super) fn record_reference(&mut self, caller: FnId, at: Span, callee: FnId) {
        self.d.references.insert((caller, at, callee));
    }

    /// A flow found: the first way seen keeps its steps; what is known of a sink
    /// (its URL, whether it encrypts) only grows over the rounds, so the latest
    /// sight of it is the best.
    pub(super) fn flow(&mut self, key: (SourceId, Span, FnId), sink: SinkSite, trace: TraceId) {
        if let Some(f) = self.d.flows.get_mut(&key) {
            f.sink = sink;
            return;
        }
        // Committed already: only the sink is news (the steps are kept).
        let steps = match self.base.flows.contains_key(&key) {
            true => Vec::new(),
            false => self.steps(trace),
        };
        let flow = Flow {
            source: key.0,
            sink,
            steps,
        };
        self.d.flows.insert(key, flow);
    }

    pub(super) fn too_long(&mut self, key: (SourceId, Span, FnId)) {
        self.d.too_long.insert(key);
    }

    pub(super) fn per_object(&self, c: ClassId) -> Option<bool> {
        self.d
            .per_object
            .get(&c)
            .or_else(|| self.base.per_object.get(&c))
            .copied()
    }

    pub(super) fn set_per_object(&mut self, c: ClassId, v: bool) {
        self.d.per_object.insert(c, v);
    }

    pub(super) fn supertypes(&self, c: ClassId) -> Option<Arc<[String]>> {
        self.d
            .supertypes
            .get(&c)
            .or_else(|| self.base.supertypes.get(&c))
            .cloned()
    }

    pub(super) fn set_supertypes(&mut self, c: ClassId, v: Arc<[String]>) {
        self.d.supertypes.insert(c, v);
    }
}

/// Adds a member to this analysis's additions to a committed set, unless either
/// holds it already.
fn add_new<T: Eq + std::hash::Hash>(base: &HashSet<T>, own: &mut Vec<T>, v: T) {
    if !base.contains(&v) && !own.contains(&v) {
        own.push(v);
    }
}

/// Joins into a class-wide field; whether it changed (a field that was only ever
/// assigned constants and no longer is has changed too).
fn join_field(slot: &mut Val, v: &Val) -> bool {
    let was_const = slot.is_const;
    slot.join(v) || slot.is_const != was_const
}

fn join_captures(slot: &mut HashMap<Arc<str>, Val>, vars: Vec<(Arc<str>, Val)>) -> bool {
    let mut changed = false;
    for (k, v) in vars {
        match slot.get_mut(&k) {
            Some(old) => changed |= old.join(&v),
            None => {
                changed |= !v.taint.is_empty();
                slot.insert(k, v);
            }
        }
    }
    changed
}

fn join_callback(slot: &mut Vec<Taint>, t: Taint) -> bool {
    if slot.iter().any(|x| x.origin == t.origin) {
        return false;
    }
    slot.push(t);
    true
}

/// Joins `v` into this analysis's copy of a committed value.
fn join_into<K: Eq + std::hash::Hash>(
    own: &mut HashMap<K, Val>,
    base: &HashMap<K, Val>,
    key: K,
    v: &Val,
) {
    own_copy(own, base, key, Val::default).join(v);
}

/// This analysis's copy of a committed fact, made when it first writes to it.
fn own_copy<'m, K: Eq + std::hash::Hash, V: Clone>(
    own: &'m mut HashMap<K, V>,
    base: &HashMap<K, V>,
    key: K,
    default: impl FnOnce() -> V,
) -> &'m mut V {
    own.entry(key)
        .or_insert_with_key(|k| base.get(k).cloned().unwrap_or_else(default))
}

/// Where this analysis's own ids go once committed.
struct Remap {
    base_traces: TraceId,
    trace_offset: TraceId,
    base_sources: SourceId,
    sources: Vec<SourceId>,
    base_syms: FieldSym,
    syms: Vec<FieldSym>,
}

impl Remap {
    fn trace(&self, t: TraceId) -> TraceId {
        match t.checked_sub(self.base_traces) {
            Some(own) => self.trace_offset + own,
            None => t,
        }
    }

    fn source(&self, s: SourceId) -> SourceId {
        match s.checked_sub(self.base_sources) {
            Some(own) => self.sources[own as usize],
            None => s,
        }
    }

    fn sym(&self, f: FieldSym) -> FieldSym {
        match f.checked_sub(self.base_syms) {
            Some(own) if f != ANY_KEY && f != WHOLE => self.syms[own as usize],
            _ => f,
        }
    }

    fn origin(&self, o: Origin) -> Origin {
        match o {
            Origin::Source(s) => Origin::Source(self.source(s)),
            Origin::ReceiverField(f, g) => {
                Origin::ReceiverField(self.sym(f), g.map(|g| self.sym(g)))
            }
            Origin::ParamField(p, f) => Origin::ParamField(p, self.sym(f)),
            Origin::Param(_) => o,
        }
    }

    fn taint(&self, t: &mut Taint) {
        t.origin = self.origin(t.origin);
        t.trace = self.trace(t.trace);
        t.field = t.field.map(|f| self.sym(f));
        t.sub = t.sub.map(|f| self.sym(f));
        t.entry_of = t.entry_of.map(|(p, f)| (p, self.sym(f)));
    }

    fn val(&self, v: &mut Val) {
        v.taint.iter_mut().for_each(|t| self.taint(t));
    }

    fn map<K: Eq + std::hash::Hash, V>(
        &self,
        m: HashMap<K, V>,
        key: impl Fn(K) -> K,
        val: impl Fn(&mut V),
    ) -> HashMap<K, V> {
        m.into_iter()
            .map(|(k, mut v)| {
                val(&mut v);
                (key(k), v)
            })
            .collect()
    }

    fn summary(&self, s: Summary) -> Summary {
        let t = |t: &mut TraceId| *t = self.trace(*t);
        let mut ret = s.ret;
        self.val(&mut ret);
        let mut thrown = s.thrown;
        self.val(&mut thrown);
        Summary {
            ret,
            thrown,
            sinks: self.map(s.sinks, |(o, at)| (self.origin(o), at), |e| t(&mut e.0)),
            field_writes: self.map(
                s.field_writes,
                |(o, (f, sub), k)| {
                    let sym = |f: Option<FieldSym>| f.map(|f| self.sym(f));
                    (self.origin(o), (sym(f), sym(sub)), k)
                },
                t,
            ),
            receiver_gets: self.map(
                s.receiver_gets,
                |(f, sub, o)| (self.sym(f), sub.map(|f| self.sym(f)), self.origin(o)),
                t,
            ),
            param_gets: self.map(
                s.param_gets,
                |(p, (f, sub), o)| {
                    let sym = |f: Option<FieldSym>| f.map(|f| self.sym(f));
                    (p, (sym(f), sym(sub)), self.origin(o))
                },
                t,
            ),
            broadcasts: self.map(
                s.broadcasts,
                |(a, o, f)| (a, self.origin(o), f.map(|f| self.sym(f))),
                t,
            ),
            invokes: self.map(s.invokes, |(p, o)| (p, self.origin(o)), t),
            runs: s.runs,
            field_resources: s.field_resources,
            delivers: self.map(
                s.delivers,
                |(c, o, f)| (c, self.origin(o), f.map(|f| self.sym(f))),
                t,
            ),
        }
    }
}

impl Global {
    /// Registers what a function's analysis read: a change committed after this
    /// (by a function of the same level, too) runs it again.
    pub(super) fn note_reads(&mut self, f: FnId, reads: &mut HashSet<Dep>) {
        for dep in reads.drain() {
            self.read(dep, f);
        }
    }

    /// Commits what function `f`'s analysis found and wrote (see the module's
    /// documentation); its reads are registered by [`Global::note_reads`] first.
    pub(super) fn commit(&mut self, f: FnId, d: Delta) {
        // Sources, in the order found: the descriptions kept are those a write in
        // place would have kept.
        let mut sources = vec![0; d.sources.len()];
        for (id, info) in d.sightings {
            let committed = self.source(info, f);
            if let Some(own) = id.checked_sub(d.base_sources) {
                sources[own as usize] = committed;
            }
        }
        let syms = d.field_names.iter().map(|n| self.field_sym(n)).collect();
        let remap = Remap {
            base_traces: d.base_traces,
            trace_offset: self.traces.len() as TraceId,
            base_sources: d.base_sources,
            sources,
            base_syms: d.base_syms,
            syms,
        };
        for node in d.traces {
            let parent = node.parent.map(|p| remap.trace(p));
            self.traces.push(TraceNode { parent, ..node });
        }
        if let Some(s) = d.summary {
            self.commit_summary(f, remap.summary(s));
        }
        for (k, mut v) in d.fields {
            remap.val(&mut v);
            let slot = self.fields.entry(k.clone()).or_insert_with(Val::constant);
            if join_field(slot, &v) {
                self.touch(&Dep::Field(k));
            }
        }
        for (c, vars) in d.captures {
            let vars = vars
                .into_iter()
                .map(|(k, mut v)| {
                    remap.val(&mut v);
                    (k, v)
                })
                .collect();
            if join_captures(self.captures.entry(c).or_default(), vars) {
                self.touch(&Dep::Capture(c));
            }
        }
        for (target, taints) in d.callback_taint {
            let slot = self.callback_taint.entry(target).or_default();
            let mut changed = false;
            for mut t in taints {
                remap.taint(&mut t);
                changed |= join_callback(slot, t);
            }
            if changed {
                self.touch(&Dep::Callback(target));
            }
        }
        for (c, mut v) in d.intents {
            remap.val(&mut v);
            if self.intents.entry(c).or_default().join(&v) {
                self.touch(&Dep::Intent(c));
            }
        }
        for (c, mut v) in d.results {
            remap.val(&mut v);
            if self.results.entry(c).or_default().join(&v) {
                self.touch(&Dep::Results);
            }
        }
        for (a, mut v) in d.broadcasts {
            remap.val(&mut v);
            if self.broadcasts.entry(a).or_default().join(&v) {
                self.touch(&Dep::Broadcasts);
            }
        }
        for (key, mut v) in d.stored {
            remap.val(&mut v);
            if self.stored.entry(key.clone()).or_default().join(&v) {
                self.touch(&Dep::Stored(key));
            }
        }
        for (l, types) in d.lambda_arg_types {
            if self.lambda_arg_types.get(&l) != Some(&types) {
                self.lambda_arg_types.insert(l, types);
                self.touch(&Dep::Callback(l));
            }
        }
        for r in d.receivers {
            if self.receivers.insert(r) {
                self.touch(&Dep::Broadcasts);
            }
        }
        for c in d.result_callbacks {
            if self.result_callbacks.insert(c) {
                self.touch(&Dep::Callback(c));
            }
        }
        for url in d.base_urls {
            if !self.base_urls.contains(&url) {
                self.base_urls.push(url);
                self.touch(&Dep::BaseUrl);
            }
        }
        self.index_syms
            .extend(d.index_syms.into_iter().map(|s| remap.sym(s)));
        for start in d.component_starts {
            if self.component_starts.insert(start) {
                // What the started activity hands back now reaches its starter.
                self.touch(&Dep::Results);
            }
        }
        for ((s, at, emitter), mut flow) in d.flows {
            let key = (remap.source(s), at, emitter);
            flow.source = key.0;
            match self.flows.get_mut(&key) {
                Some(held) => held.sink = flow.sink,
                None => {
                    self.flows.insert(key, flow);
                }
            }
        }
        self.too_long.extend(
            d.too_long
                .into_iter()
                .map(|(s, at, emitter)| (remap.source(s), at, emitter)),
        );
        if !d.calls.is_empty() {
            self.calls.entry(f).or_default().extend(d.calls);
        }
        self.call_sites.extend(d.call_sites);
        self.references.extend(d.references);
        for (c, v) in d.per_object {
            self.per_object.entry(c).or_insert(v);
        }
        for (c, v) in d.supertypes {
            self.supertypes.entry(c).or_insert(v);
        }
        for dep in d.wrote {
            self.wrote(f, || dep);
        }
    }

    /// Joins a function's new summary into the one its callers read.
    fn commit_summary(&mut self, f: FnId, summary: Summary) {
        let first = !self.summaries.contains_key(&f);
        let stored = Arc::make_mut(self.summaries.entry(f).or_default());
        // The first summary is taken as is: joining it into an empty one would lose
        // facts every return must share (an explicit Intent).
        // Callers that ran before read no summary, which is an empty one: only a
        // first summary that says something is news to them.
        let mut changed = if first {
            stored.ret = summary.ret;
            !stored.ret.is_nothing()
        } else {
            stored.ret.join(&summary.ret)
        };
        for (k, v) in summary.sinks {
            match stored.sinks.entry(k) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(v);
                    changed = true;
                }
                // Keep the first trace, but the latest (best informed) sink facts,
                // and the fewest guesses seen.
                std::collections::hash_map::Entry::Occupied(mut o) => {
                    let old = o.get_mut();
                    old.1 = v.1;
                    if v.2 < old.2 {
                        old.2 = v.2;
                        changed = true;
                    }
                    if old.3.is_some() && old.3 != v.3 {
                        old.3 = None;
                        changed = true;
                    }
                }
            }
        }
        changed |= stored.thrown.join(&summary.thrown);
        changed |= super::insert_new(&mut stored.param_gets, summary.param_gets);
        changed |= super::insert_new(&mut stored.receiver_gets, summary.receiver_gets);
        changed |= super::insert_new(&mut stored.field_writes, summary.field_writes);
        changed |= super::insert_new(&mut stored.broadcasts, summary.broadcasts);
        changed |= super::insert_new(&mut stored.invokes, summary.invokes);
        for p in summary.runs {
            changed |= stored.runs.insert(p);
        }
        for kept in summary.field_resources {
            changed |= stored.field_resources.insert(kept);
        }
        changed |= super::insert_new(&mut stored.delivers, summary.delivers);
        if changed {
            self.touch(&Dep::Summary(f));
        }
    }
}
