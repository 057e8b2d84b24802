//! The individual's rights in code (PI104, PI105, the inventory's "your rights"):
//! where the app records the user's consent and where it can be withdrawn, where it
//! creates user accounts and where they can be deleted.
//!
//! Consent is a flag (a stored key, a field or property, a setter) named like consent
//! (`[prompts] consent_names`) set to a literal `true`, or a vendor consent switch
//! (`[[consent_gate]]`) called with `true`. Withdrawal is the same flag set to `false`,
//! removed or cleared, a consent-named call that says it withdraws (`revokeConsent()`),
//! or the switch called with `false` (or with the user's answer) or with one of its
//! `withdrawn_by` methods — counted only where it can run: in a function reached from
//! an entry point ([`live_functions`]). Accounts are created and deleted by requests,
//! routes and account SDK calls whose path or name says so (`knowledge/rights.toml`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::memo::{PerModule, Results};
use crate::analysis::program::{FnId, Program};
use crate::analysis::Analysis;
use crate::ir::*;
use crate::knowledge::names::normalise;
use crate::knowledge::{AccountAction, Knowledge};

/// Which consent a record or withdrawal is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consent {
    /// A flag, by the words of its name or key with verbs and storage words left out
    /// (`privacy agreed`).
    Flag(String),
    /// A vendor consent switch: index into `Knowledge::consent_gates`.
    Gate(usize),
    /// Every flag of a preferences file (`prefs.edit().clear()`).
    AllFlags,
}

impl Consent {
    /// Whether withdrawing `self` withdraws the consent `recorded`.
    pub fn undoes(&self, recorded: &Consent) -> bool {
        match (self, recorded) {
            (Consent::AllFlags, Consent::Flag(_)) => true,
            (Consent::Gate(a), Consent::Gate(b)) => a == b,
            (Consent::Flag(a), Consent::Flag(b)) => words_within(a, b) || words_within(b, a),
            _ => false,
        }
    }
}

/// Whether the words of `inner` appear, in order and adjacent, among those of `outer`.
fn words_within(inner: &str, outer: &str) -> bool {
    let i: Vec<&str> = inner.split(' ').collect();
    let o: Vec<&str> = outer.split(' ').collect();
    !i.is_empty() && o.windows(i.len()).any(|w| w == i.as_slice())
}

/// A place consent is recorded or withdrawn.
#[derive(Debug, Clone)]
pub struct ConsentEvent {
    pub function: FnId,
    /// The called method's (or the assigned property's) name.
    pub span: Span,
    /// The whole call or assignment.
    pub end: Span,
    pub consent: Consent,
    /// What the code does, for messages: `putBoolean("privacy_agreed", true)`.
    pub what: String,
    /// What the consent is, for people: `privacy agreed`, `Umeng (UMConfigure)`.
    pub label: String,
    /// For a withdrawal: it runs from an entry point (a UI callback, a route, main).
    pub live: bool,
}

/// A place an account is created or deleted.
#[derive(Debug, Clone)]
pub struct AccountEvent {
    pub action: AccountAction,
    pub function: FnId,
    pub span: Span,
    pub end: Span,
    /// `POST user/register`, `route /signup`, `FirebaseUser.delete`.
    pub what: String,
}

#[derive(Debug, Default)]
pub struct Rights {
    /// Consent recorded, in functions that can run.
    pub records: Vec<ConsentEvent>,
    /// Consent withdrawn (`live` says whether it can run from an entry point).
    pub withdrawals: Vec<ConsentEvent>,
    /// Accounts created (requests in functions that can run, routes).
    pub creations: Vec<AccountEvent>,
    /// Accounts deleted, anywhere in the code (a declared deletion request counts).
    pub deletions: Vec<AccountEvent>,
}

/// What scanning the bodies of one module finds, before what depends on the rest
/// of the program (whether a function can run) is applied; see
/// [`crate::analysis::memo`].
#[derive(Default)]
pub struct ModuleScan {
    /// By function, in order: what its body records, withdraws, creates, deletes.
    events: Vec<(FuncIdx, Rights)>,
    /// Functions whose name says they delete an account (`deleteAccount`).
    deletes_by_name: Vec<FuncIdx>,
}

fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(value)
}

impl Rights {
    fn is_empty(&self) -> bool {
        self.records.is_empty()
            && self.withdrawals.is_empty()
            && self.creations.is_empty()
            && self.deletions.is_empty()
    }

    /// The live withdrawals of a record's consent.
    pub fn withdrawals_of<'a>(
        &'a self,
        record: &'a ConsentEvent,
    ) -> impl Iterator<Item = &'a ConsentEvent> + 'a {
        self.withdrawals
            .iter()
            .filter(move |w| w.live && w.consent.undoes(&record.consent))
    }

    /// `names`: the names each module refers to, kept from the last analysis.
    pub fn compute(
        program: &Program,
        k: &Knowledge,
        analysis: &Analysis,
        names: &mut PerModule<Vec<Box<str>>>,
        scans: &mut PerModule<ModuleScan>,
    ) -> Rights {
        let live = live_functions(program, k, analysis, names);
        let constants = string_constants(program);
        let mut callers: HashMap<FnId, Vec<(FnId, Span)>> = HashMap::default();
        for &(caller, span, callee) in &analysis.call_sites {
            callers.entry(callee).or_default().push((caller, span));
        }
        // The calls of each module that resolve to the app's own functions, and a
        // hash of them (the call sites are sorted by caller: a module's are one run).
        let mut resolved: HashMap<u32, (HashSet<Span>, u64)> = HashMap::default();
        for run in analysis
            .call_sites
            .chunk_by(|a, b| a.0.module == b.0.module)
        {
            let spans: Vec<Span> = run.iter().map(|&(_, s, _)| s).collect();
            let hash = hash_of(&spans);
            resolved.insert(run[0].0.module, (spans.into_iter().collect(), hash));
        }
        let no_calls = HashSet::default();
        let words = Words::new(k);
        // A module's scan depends on the constants and on which of its calls resolve.
        let constants_key = {
            let mut sorted: Vec<_> = constants.iter().collect();
            sorted.sort();
            hash_of(&sorted)
        };
        let key = |m: u32| hash_of(&(constants_key, resolved.get(&m).map(|(_, h)| *h)));
        let scanned = scans.results_keyed(program, key, |m| {
            let mut scan = Scan {
                k,
                words: &words,
                constants: &constants,
                resolved: resolved.get(&m).map_or(&no_calls, |(spans, _)| spans),
                rights: Rights::default(),
                f: FnId { module: m, func: 0 },
            };
            let mut out = ModuleScan::default();
            for (i, func) in program.module(m).functions.iter().enumerate() {
                scan.f = FnId {
                    module: m,
                    func: i as FuncIdx,
                };
                walk_exprs(&func.body, &mut |e| scan.expr(e));
                let found = std::mem::take(&mut scan.rights);
                if !found.is_empty() {
                    out.events.push((i as FuncIdx, found));
                }
                if words.whole_name(&func.name, &words.delete) {
                    out.deletes_by_name.push(i as FuncIdx);
                }
            }
            out
        });
        let mut scan = Scan {
            k,
            words: &words,
            constants: &constants,
            resolved: &no_calls,
            rights: Rights::default(),
            f: FnId { module: 0, func: 0 },
        };
        for (m, found) in scanned.enumerate() {
            let mut events = found.events.iter().peekable();
            let mut deletes = found.deletes_by_name.iter().peekable();
            for (i, func) in program.module(m as u32).functions.iter().enumerate() {
                let f = FnId {
                    module: m as u32,
                    func: i as FuncIdx,
                };
                if let Some((_, e)) = events.next_if(|(j, _)| *j as usize == i) {
                    // Records and creations count where the code can run.
                    let is_live = live.contains(&f);
                    let with_live = |x: &ConsentEvent| ConsentEvent {
                        live: is_live,
                        ..x.clone()
                    };
                    let r = &mut scan.rights;
                    if analysis.reachable.contains(&f) {
                        r.records.extend(e.records.iter().map(with_live));
                        r.creations.extend(e.creations.iter().cloned());
                    }
                    r.withdrawals.extend(e.withdrawals.iter().map(with_live));
                    r.deletions.extend(e.deletions.iter().cloned());
                }
                scan.endpoint(program, f, &callers, &analysis.reachable);
                if deletes.next_if(|&&j| j as usize == i).is_some() {
                    scan.rights.deletions.push(AccountEvent {
                        action: AccountAction::Delete,
                        function: f,
                        span: func.name_span,
                        end: func.name_span,
                        what: format!("`{}`", func.name),
                    });
                }
            }
        }
        let mut rights = scan.rights;

        for list in [&mut rights.creations, &mut rights.deletions] {
            list.sort_by_key(|e| (e.span, e.what.clone()));
            list.dedup_by_key(|e| e.span);
        }
        rights
    }
}

/// The words of `knowledge/rights.toml`, joined for matching.
struct Words {
    create: HashSet<String>,
    delete: HashSet<String>,
    exclude: HashSet<String>,
    resources: HashSet<String>,
    affixes: HashSet<String>,
    extensions: HashSet<String>,
    noise: HashSet<String>,
}

impl Words {
    fn new(k: &Knowledge) -> Words {
        let joined =
            |v: &[String]| -> HashSet<String> { v.iter().map(|p| normalise(p).concat()).collect() };
        let a = &k.accounts;
        Words {
            create: joined(&a.create),
            delete: joined(&a.delete),
            exclude: joined(&a.exclude),
            resources: joined(&a.resources),
            affixes: joined(&a.name_affixes),
            extensions: joined(&a.file_extensions),
            noise: joined(&k.consent_record.identity_noise),
        }
    }

    /// Whether a function or method name, affixes (`do`, `request`, `async`) aside, is
    /// one of `patterns` as a whole (`registerUser`, `doSignUp`; not `registerReceiver`).
    fn whole_name(&self, name: &str, patterns: &HashSet<String>) -> bool {
        let tokens = normalise(name);
        let mut lo = 0;
        let mut hi = tokens.len();
        while lo < hi && self.affixes.contains(&tokens[lo]) {
            lo += 1;
        }
        while hi > lo && self.affixes.contains(&tokens[hi - 1]) {
            hi -= 1;
        }
        lo < hi && patterns.contains(&tokens[lo..hi].concat())
    }

    fn excluded(&self, name: &str) -> bool {
        normalise(name).iter().any(|t| self.exclude.contains(t))
    }

    /// The fixed segments of a URL path, each as its words (`/v1/user/{id}/register.html`
    /// → `v 1`, `user`, `register`); placeholders and the query left out.
    fn segments(&self, path: &str) -> Vec<Vec<String>> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        path.split('/')
            .filter(|s| {
                !s.is_empty()
                    && !s.starts_with('{')
                    && !s.starts_with(':')
                    && !s.starts_with('<')
                    && !s.contains("://")
            })
            .map(|s| {
                let mut t = normalise(s);
                while t.len() > 1 && t.last().is_some_and(|l| self.extensions.contains(l)) {
                    t.pop();
                }
                t
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// What a request or route to `path`, handled by or named `name`, does to accounts.
    fn classify(&self, path: &str, name: &str, http_delete: bool) -> Option<AccountAction> {
        let segments = self.segments(path);
        let says = |patterns: &HashSet<String>| {
            segments.iter().enumerate().any(|(i, s)| {
                patterns.contains(&s.concat())
                    || segments.get(i + 1).is_some_and(|n| {
                        patterns.contains(&format!("{}{}", s.concat(), n.concat()))
                    })
            }) || (!name.is_empty() && self.whole_name(name, patterns))
        };
        if says(&self.delete)
            || (http_delete
                && segments
                    .last()
                    .is_some_and(|s| self.resources.contains(&s.concat())))
        {
            return Some(AccountAction::Delete);
        }
        let excluded =
            segments.iter().flatten().any(|t| self.exclude.contains(t)) || self.excluded(name);
        if !http_delete && !excluded && says(&self.create) {
            return Some(AccountAction::Create);
        }
        None
    }

    /// A flag's identity: the words of its name without verbs and storage words.
    fn identity(&self, name: &str) -> String {
        let tokens = normalise(name);
        let kept: Vec<&str> = tokens
            .iter()
            .filter(|t| !self.noise.contains(t.as_str()))
            .map(String::as_str)
            .collect();
        if kept.is_empty() {
            tokens.join(" ")
        } else {
            kept.join(" ")
        }
    }
}

struct Scan<'a> {
    k: &'a Knowledge,
    words: &'a Words,
    /// Field name → its string literal (`KEY_PRIVACY_AGREED = "privacy_agreed"`).
    constants: &'a HashMap<String, String>,
    /// Calls that resolve to one of the app's own functions.
    resolved: &'a HashSet<Span>,
    rights: Rights,
    f: FnId,
}

impl Scan<'_> {
    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Call(c) => {
                if !self.gate_call(c, e.span) {
                    self.flag_call(c, e.span);
                }
                self.account_call(c, e.span);
            }
            ExprKind::Assign { target, value, .. } => self.assignment(target, value, e.span),
            // `new URL("https://host/account/register")`: the request starts here.
            ExprKind::New { args, .. } => {
                let mut paths = Vec::new();
                for arg in args {
                    self.literals(arg, &mut paths);
                }
                self.account_paths(paths, false, e.span, e.span, "new");
            }
            _ => {}
        }
    }

    fn push(&mut self, record: bool, consent: Consent, span: Span, end: Span, what: String) {
        let label = match &consent {
            Consent::Flag(words) => words.clone(),
            Consent::Gate(i) => self
                .k
                .consent_gates
                .get(*i)
                .map(|g| simple(&g.class).to_string())
                .unwrap_or_default(),
            Consent::AllFlags => "every stored flag".to_string(),
        };
        let event = ConsentEvent {
            function: self.f,
            span,
            end,
            consent,
            what,
            label,
            // Whether it can run is the whole program's to say: set when merged.
            live: false,
        };
        if record {
            self.rights.records.push(event);
        } else {
            self.rights.withdrawals.push(event);
        }
    }

    /// A vendor consent switch: `UMConfigure.submitPolicyGrantResult(ctx, true)`.
    /// Whether the call is a vendor switch (then it is no flag).
    fn gate_call(&mut self, c: &Call, span: Span) -> bool {
        let gates = &self.k.consent_gates;
        let named = |g: &crate::knowledge::ConsentGate| {
            g.method.iter().any(|m| m == c.name) || g.withdrawn_by.contains(&c.name)
        };
        if !gates.iter().any(named) {
            return false;
        }
        let Some(receiver) = c.receiver.as_deref().and_then(Expr::dotted) else {
            return false;
        };
        let receiver_simple = simple(&receiver);
        let Some((i, gate)) = gates.iter().enumerate().find(|(_, g)| {
            (g.class == receiver || simple(&g.class) == receiver_simple)
                && (g.method.iter().any(|m| m == c.name) || g.withdrawn_by.contains(&c.name))
        }) else {
            return false;
        };
        let what = format!("`{}.{}`", simple(&gate.class), c.name);
        if gate.withdrawn_by.contains(&c.name) {
            self.push(false, Consent::Gate(i), c.name_span, span, what);
            return true;
        }
        if gate.records_on_call {
            self.push(true, Consent::Gate(i), c.name_span, span, what);
            return true;
        }
        match c.args.last().map(|a| &a.kind) {
            Some(ExprKind::Literal(Literal::Bool(true))) => self.push(
                true,
                Consent::Gate(i),
                c.name_span,
                span,
                format!("{what} with `true`"),
            ),
            // `false`, or the user's answer: the switch can say no.
            Some(_) => self.push(false, Consent::Gate(i), c.name_span, span, what),
            None => {}
        }
        true
    }

    /// The text a key argument names: a string literal, or a constant holding one.
    fn key_text(&self, e: &Expr) -> Option<String> {
        if let Some(s) = e.string_literal() {
            return Some(s.to_string());
        }
        let name = e.last_name()?;
        Some(
            self.constants
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.to_string()),
        )
    }

    fn consent_named(&self, name: &str) -> bool {
        self.k.prompts.consent_names.matches(name)
    }

    /// Consent flags set through calls: a stored key (`putBoolean("privacy_agreed",
    /// true)`, `remove(KEY_AGREED)`, `edit().clear()`) or a consent-named method
    /// (`setConsentGiven(false)`, `revokeConsent()`).
    fn flag_call(&mut self, c: &Call, span: Span) {
        let r = &self.k.consent_record;
        let last_bool = match c.args.last().map(|a| &a.kind) {
            Some(ExprKind::Literal(Literal::Bool(b))) => Some(*b),
            _ => None,
        };
        let stores = r
            .store_prefixes
            .iter()
            .any(|p| c.name.starts_with(p.as_str()));
        let removes = r.remove_methods.contains(&c.name);
        // The key is looked at only where a flag can be stored or removed.
        let key = if (stores && last_bool.is_some()) || removes {
            c.args
                .first()
                .and_then(|a| self.key_text(a))
                .filter(|k| self.consent_named(k))
        } else {
            None
        };
        if let (Some(key), Some(value), true) = (&key, last_bool, stores && c.args.len() >= 2) {
            let consent = Consent::Flag(self.words.identity(key));
            let what = format!("`{}(\"{key}\", {value})`", c.name);
            self.push(value, consent, c.name_span, span, what);
            return;
        }
        if let (Some(key), true) = (&key, removes) {
            let consent = Consent::Flag(self.words.identity(key));
            let what = format!("`{}(\"{key}\")`", c.name);
            self.push(false, consent, c.name_span, span, what);
            return;
        }
        if r.clear_methods.contains(&c.name) && c.args.is_empty() {
            let on_editor = c.receiver.as_deref().is_some_and(|recv| {
                let mut found = false;
                walk_expr(recv, &mut |x| match &x.kind {
                    ExprKind::Call(inner) if r.editor_calls.contains(&inner.name) => found = true,
                    ExprKind::Name(n) | ExprKind::Field { name: n, .. } => {
                        found |= self.k.prompts.consent_names.matches(n)
                    }
                    _ => {}
                });
                found
            });
            if on_editor {
                let what = format!("`{}()`", c.name);
                self.push(false, Consent::AllFlags, c.name_span, span, what);
            }
            return;
        }
        if !self.consent_named(&c.name) {
            return;
        }
        let consent = Consent::Flag(self.words.identity(&c.name));
        if r.withdraw_words.matches(&c.name) {
            let what = format!("`{}`", c.name);
            self.push(false, consent, c.name_span, span, what);
        } else if let Some(value) = last_bool {
            let what = format!("`{}(.., {value})`", c.name);
            self.push(value, consent, c.name_span, span, what);
        }
    }

    /// `consentGiven = true`, `user.analytics_consent = false`, `prefs[AGREED] = true`.
    fn assignment(&mut self, target: &Expr, value: &Expr, span: Span) {
        let ExprKind::Literal(Literal::Bool(value)) = value.kind else {
            return;
        };
        let (name, at) = match &target.kind {
            ExprKind::Name(n) => (n.clone(), target.span),
            ExprKind::Field { name, .. } => (name.clone(), name_at_end(target.span, name)),
            ExprKind::Index { index, .. } => match self.key_text(index) {
                Some(k) => (k, target.span),
                None => return,
            },
            _ => return,
        };
        if !self.consent_named(&name) {
            return;
        }
        let consent = Consent::Flag(self.words.identity(&name));
        let what = format!("`{name} = {value}`");
        self.push(value, consent, at, span, what);
    }

    /// Account SDK calls, and requests or route tables with a literal path
    /// (`client.post("$base/user/register")`, `.route("/signup", post(signup))`,
    /// `Request.Builder().url(url).delete()`).
    fn account_call(&mut self, c: &Call, span: Span) {
        let mut receiver_simple: Option<Option<String>> = None;
        for api in &self.k.account_apis {
            if !api.method.iter().any(|m| m == c.name) || self.resolved.contains(&c.name_span) {
                continue;
            }
            let receiver_simple = receiver_simple.get_or_insert_with(|| {
                c.receiver
                    .as_deref()
                    .and_then(Expr::dotted)
                    .map(|r| simple(&r).to_string())
            });
            let receiver_ok = if api.receiver_words.is_empty() {
                receiver_simple
                    .as_deref()
                    .is_none_or(|r| r == simple(&api.class) || !r.starts_with(char::is_uppercase))
            } else {
                c.receiver
                    .as_deref()
                    .and_then(receiver_name)
                    .is_some_and(|n| {
                        let tokens = normalise(&n).join(" ");
                        api.receiver_words
                            .iter()
                            .any(|w| tokens == *w || tokens.ends_with(&format!(" {w}")))
                    })
            };
            if receiver_ok {
                self.account(
                    api.action,
                    c.name_span,
                    span,
                    format!("`{}.{}`", simple(&api.class), c.name),
                );
                return;
            }
        }
        let a = &self.k.accounts;
        let http_delete = a.delete_calls.contains(&c.name);
        let mut paths = Vec::new();
        for arg in &c.args {
            self.literals(arg, &mut paths);
        }
        if http_delete {
            if let Some(r) = c.receiver.as_deref() {
                self.literals_in_chain(r, &mut paths);
            }
        }
        // A route table entry whose handler is an HTTP DELETE (`delete(handler)`).
        let routes_delete = http_delete
            || c.args.iter().any(|arg| {
                matches!(&arg.kind, ExprKind::Call(inner) if a.delete_calls.contains(&inner.name))
            });
        self.account_paths(paths, routes_delete, c.name_span, span, &c.name);
    }

    /// The first of `paths` that creates or deletes an account, as an event at `at`.
    fn account_paths(
        &mut self,
        paths: Vec<String>,
        http_delete: bool,
        at: Span,
        end: Span,
        called: &str,
    ) {
        for path in paths {
            if !path.contains('/') || path.chars().any(char::is_whitespace) || path.len() > 300 {
                continue;
            }
            if let Some(action) = self.words.classify(&path, "", http_delete) {
                // The path only: a host in a report reads as a link to follow.
                let shown = match path.split_once("://") {
                    Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
                    None => path.as_str(),
                };
                self.account(action, at, end, format!("`{called}(\"{shown}\")`"));
                return;
            }
        }
    }

    fn account(&mut self, action: AccountAction, at: Span, end: Span, what: String) {
        let event = AccountEvent {
            action,
            function: self.f,
            span: at,
            end,
            what,
        };
        match action {
            AccountAction::Create => self.rights.creations.push(event),
            AccountAction::Delete => self.rights.deletions.push(event),
        }
    }

    /// The string literals an argument is built from (concatenations, templates,
    /// constants), not those of calls inside it.
    fn literals(&self, e: &Expr, out: &mut Vec<String>) {
        match &e.kind {
            ExprKind::Literal(Literal::Str(s)) => out.push(s.clone()),
            ExprKind::Name(n) | ExprKind::Field { name: n, .. } => {
                if let Some(s) = self.constants.get(n) {
                    out.push(s.clone());
                }
            }
            ExprKind::Binary {
                op: BinOp::Add,
                lhs,
                rhs,
            } => {
                // `BASE + "user/register"`: the path is the concatenation's tail.
                let mut parts = Vec::new();
                self.literals(lhs, &mut parts);
                self.literals(rhs, &mut parts);
                out.push(parts.concat());
            }
            ExprKind::Named { value, .. } | ExprKind::Cast { expr: value, .. } => {
                self.literals(value, out)
            }
            ExprKind::Opaque(items) => items.iter().for_each(|i| self.literals(i, out)),
            _ => {}
        }
    }

    /// Literals in the arguments of a builder chain (`Request.Builder().url(u).delete()`).
    fn literals_in_chain(&self, e: &Expr, out: &mut Vec<String>) {
        if let ExprKind::Call(c) = &e.kind {
            for a in &c.args {
                self.literals(a, out);
            }
            if let Some(r) = c.receiver.as_deref() {
                self.literals_in_chain(r, out);
            }
        }
    }

    /// An endpoint a function declares by annotation: a Retrofit method (the request
    /// is made where it is called) or a server handler (Spring, actix).
    fn endpoint(
        &mut self,
        program: &Program,
        f: FnId,
        callers: &HashMap<FnId, Vec<(FnId, Span)>>,
        reachable: &HashSet<FnId>,
    ) {
        let a = &self.k.accounts;
        let func = program.function(f);
        let Some(ann) = func
            .annotations
            .iter()
            .find(|x| a.endpoint_annotations.contains(&x.name))
        else {
            return;
        };
        let verbs = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
        let http_delete =
            a.delete_annotations.contains(&ann.name) || ann.values.iter().any(|v| v == "DELETE");
        let own_path = ann
            .values
            .iter()
            .find(|v| !verbs.contains(&v.as_str()))
            .cloned()
            .unwrap_or_default();
        let prefix = program
            .class_of(f)
            .and_then(|c| {
                program
                    .class(c)
                    .annotations
                    .iter()
                    .find(|x| a.endpoint_annotations.contains(&x.name))
                    .and_then(|x| x.values.first().cloned())
            })
            .unwrap_or_default();
        let path = format!("{prefix}/{own_path}");
        let Some(action) = self.words.classify(&path, &func.name, http_delete) else {
            return;
        };
        let what = format!(
            "`@{}(\"{}\")` `{}`",
            ann.name,
            path.trim_start_matches('/'),
            func.name
        );
        let event = |function: FnId, span: Span| AccountEvent {
            action,
            function,
            span,
            end: span,
            what: what.clone(),
        };
        let sites = callers.get(&f).map(Vec::as_slice).unwrap_or_default();
        match (action, func.has_body) {
            // A route the server handles.
            (AccountAction::Create, true) => self.rights.creations.push(event(f, func.name_span)),
            // A client request: made where it is called.
            (AccountAction::Create, false) => {
                for &(caller, span) in sites {
                    if reachable.contains(&caller) {
                        self.rights.creations.push(event(caller, span));
                    }
                }
            }
            (AccountAction::Delete, _) => {
                if sites.is_empty() {
                    self.rights.deletions.push(event(f, func.name_span));
                }
                for &(caller, span) in sites {
                    self.rights.deletions.push(event(caller, span));
                }
            }
        }
    }
}

fn simple(dotted: &str) -> &str {
    dotted.rsplit('.').next().unwrap_or(dotted)
}

/// The name a receiver is known by: a variable, a property, or the getter returning it.
fn receiver_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Call(c) => Some(c.name.clone()),
        _ => e.last_name().map(str::to_string),
    }
}

/// The span of the last `name.len()` bytes of a one-line `span` (the property of
/// `settings.consentGiven`).
fn name_at_end(span: Span, name: &str) -> Span {
    match span.start.line == span.end.line {
        true => span.last(name.len() as u32),
        false => span,
    }
}

/// Fields initialised with a string literal, or a call of one (`booleanPreferencesKey(
/// "privacy_agreed")`), by name.
fn string_constants(program: &Program) -> HashMap<String, String> {
    let mut out = HashMap::default();
    for module in &program.modules {
        for class in &module.classes {
            for field in &class.fields {
                let Some(init) = &field.init else {
                    continue;
                };
                let text = match &init.kind {
                    ExprKind::Literal(Literal::Str(s)) => Some(s.clone()),
                    ExprKind::Call(c) if c.args.len() == 1 => {
                        c.args[0].string_literal().map(str::to_string)
                    }
                    _ => None,
                };
                if let Some(t) = text {
                    out.entry(field.name.clone()).or_insert(t);
                }
            }
        }
    }
    out
}

/// The functions that run from an entry point: what the framework or the program's
/// user calls (overridden framework methods and annotated handlers, `on…` callbacks
/// and XML `onClick` methods of framework components, startup, `main`, functions
/// handed over as values such as route handlers), what those call, and the lambdas
/// and anonymous classes written in them. A method nothing calls is dead code.
pub fn live_functions(
    program: &Program,
    k: &Knowledge,
    analysis: &Analysis,
    names: &mut PerModule<Vec<Box<str>>>,
) -> HashSet<FnId> {
    let per_module = referenced_names(program, names);
    let mut referenced: HashSet<&str> = HashSet::default();
    for found in per_module {
        referenced.extend(found.iter().map(|n| &**n));
    }
    let ignored = &k.entry_points.ignored_annotations;
    let mut children: HashMap<FnId, Vec<FnId>> = HashMap::default();
    let mut stack = Vec::new();
    for f in program.all_functions() {
        let func = program.function(f);
        if let Some(p) = program.enclosing_function(f) {
            children.entry(p).or_default().push(f);
            continue;
        }
        let annotated = func.annotations.iter().any(|a| !ignored.contains(&a.name));
        let startup = func.name == "<clinit>"
            || (func.kind == FunctionKind::TopLevel
                && k.prompts.startup_functions.contains(&func.name));
        let component = program
            .class_of(f)
            .is_some_and(|c| !program.external_supertypes(c).is_empty());
        let callback = component
            && !func.is_private
            && (is_on_callback(&func.name)
                || (func.params.len() == 1
                    && func.params[0]
                        .ty
                        .as_deref()
                        .is_some_and(|t| t.ends_with("View"))));
        if annotated || startup || callback || referenced.contains(func.name.as_str()) {
            stack.push(f);
        }
    }
    let mut calls: HashMap<FnId, Vec<FnId>> = HashMap::default();
    for &(caller, _, callee) in &analysis.call_sites {
        calls.entry(caller).or_default().push(callee);
    }
    let mut live = HashSet::default();
    while let Some(f) = stack.pop() {
        if !live.insert(f) {
            continue;
        }
        stack.extend(calls.get(&f).into_iter().flatten().copied());
        stack.extend(children.get(&f).into_iter().flatten().copied());
    }
    live
}

/// The names each module's bodies refer to (methods by reference, fields, names),
/// worked out for the modules that changed since `memo` last saw them.
pub(crate) fn referenced_names<'m>(
    program: &Program,
    memo: &'m mut PerModule<Vec<Box<str>>>,
) -> Results<'m, Vec<Box<str>>> {
    memo.results(program, |m| {
        let mut found: HashSet<&str> = HashSet::default();
        for func in &program.module(m).functions {
            walk_exprs(&func.body, &mut |e| match &e.kind {
                ExprKind::MethodRef { name, .. } | ExprKind::Field { name, .. } => {
                    found.insert(name);
                }
                ExprKind::Name(n) | ExprKind::Path(n) => {
                    found.insert(simple(n));
                }
                _ => {}
            });
        }
        found.into_iter().map(Box::from).collect()
    })
}

/// `onClick`, `onPreferenceClick`: the framework's callback naming.
fn is_on_callback(name: &str) -> bool {
    name.strip_prefix("on")
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_uppercase)
}
