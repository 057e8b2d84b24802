//! Analyses over the IR. Nothing here knows about tree-sitter or syn.
//!
//! `program` indexes the lowered modules; `taint` runs the inter-procedural taint
//! analysis to a fixpoint and yields [`Flow`]s from collection points to sinks.

pub mod memo;
pub mod program;
pub mod prompts;
pub mod rights;
pub mod sensors;
pub mod taint;

use crate::ir::Span;
use crate::knowledge::SinkKind;

pub use program::{FnId, Program};

/// Steps after which a way from a source to a sink is no longer believed: long chains
/// through containers and objects tainted as a whole are, in practice, artefacts of
/// the approximation, not flows a developer would recognise.
pub const MAX_FLOW_STEPS: usize = 20;

/// Identifies a source (collection point or name-classified value) in the scan.
pub type SourceId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A platform API that returns personal data.
    Api,
    /// A read of what the user typed (`phoneEdit.getText()`).
    UserInput,
    /// A value whose name (variable, parameter, field, getter or key) says what it is.
    Name,
}

#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub category: String,
    pub kind: SourceKind,
    /// Where it is collected or declared (the method or identifier name).
    pub span: Span,
    /// `TelephonyManager.getDeviceId()`, `parameter idCardNo`.
    pub description: String,
    /// The name marks a child's data.
    pub minor: bool,
    /// A generic source whose category the name it is stored under refines.
    pub refinable: bool,
    /// The function it is collected in.
    pub function: FnId,
    /// The permissions the collecting API itself needs, where they are not its
    /// category's (`Settings.Secure.ANDROID_ID` needs none): what a prompt for it is.
    pub permissions: Option<Vec<String>>,
    /// What the app identifies its user by to an SDK (`setUserId(id)`), of an origin
    /// not known: reported only where no data of a known origin reaches that call.
    pub identifier: bool,
}

#[derive(Debug, Clone)]
pub struct SinkSite {
    pub kind: SinkKind,
    /// The called method's name: where results are located.
    pub span: Span,
    /// The whole call, for the region's end.
    pub call_span: Span,
    /// `Log.i`, `OkHttpClient.newCall`.
    pub callee: String,
    /// A literal URL or host the data is sent to, when known.
    pub url: Option<String>,
    /// Storage that encrypts (EncryptedSharedPreferences, SQLCipher).
    pub encrypted: bool,
    /// The third-party SDK receiving the data.
    pub sdk: Option<String>,
    /// The function the sink call is written in (`pkg.Class.method`).
    pub function: String,
    /// The same function, in the program.
    pub func: FnId,
    /// For an IPC sink handed an Intent that is a parameter of the function it is
    /// written in: that parameter. Callers passing an explicit Intent to one of the
    /// app's own components do not send the data to another app.
    pub intent_param: Option<u16>,
    /// For a write to a stream the function was handed as this parameter: where it
    /// goes is its caller's stream's destination (`kind` stands in until then).
    pub stream_param: Option<u16>,
    /// For a network call whose URL is a parameter of the function it is written in
    /// (`post(url, params)` wrapping OkHttp): that parameter. Each caller's URL is
    /// where the data goes.
    pub url_param: Option<u16>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Step {
    #[serde(with = "crate::ir::span_in_file")]
    pub span: Span,
    pub message: String,
}

/// Personal data from one source reaching one sink.
#[derive(Debug, Clone)]
pub struct Flow {
    pub source: SourceId,
    pub sink: SinkSite,
    /// From the source to the sink, both included.
    pub steps: Vec<Step>,
}

/// Everything the analyses found in one program.
#[derive(Debug, Default)]
pub struct Analysis {
    pub sources: Vec<SourceInfo>,
    pub flows: Vec<Flow>,
    /// Source–sink pairs not reported because every way found between them was
    /// longer than the analysis believes (see ARCHITECTURE.md).
    pub unreported_long_flows: usize,
    /// Every call of one of the app's functions: (caller, the called name's span, callee).
    pub call_sites: Vec<(FnId, Span, FnId)>,
    /// The call sites that are references to a function (`this::onSave`), not calls:
    /// the function runs when what it was handed to calls it, not where it is named.
    pub references: rustc_hash::FxHashSet<(FnId, Span, FnId)>,
    /// Every start of one of the app's own components by an explicit Intent
    /// (`startService(new Intent(this, Tracker.class))`): (caller, span, component).
    pub component_starts: Vec<(FnId, Span, crate::analysis::program::ClassId)>,
    /// The functions that can run (see `taint::reachable_functions`).
    pub reachable: rustc_hash::FxHashSet<FnId>,
}
