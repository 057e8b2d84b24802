//! The knowledge base: categories, identifier names, sources, sinks, SDKs and how
//! values move through library code. Loaded from the TOML files in `knowledge/`
//! (embedded at build time) and extended by the project's `piitrace.toml`.

pub mod names;

use rustc_hash::FxHashMap as HashMap;

use anyhow::{Context as _, Result};
use serde::Deserialize;

pub use names::{normalise, NameMatch, NameMatcher};

const CATEGORIES: &str = include_str!("../../knowledge/categories.toml");
const NAMES: &str = include_str!("../../knowledge/names.toml");
const SOURCES: &str = include_str!("../../knowledge/sources.toml");
const SINKS: &str = include_str!("../../knowledge/sinks.toml");
const SDKS: &str = include_str!("../../knowledge/sdks.toml");
const FLOW: &str = include_str!("../../knowledge/flow.toml");
const PROMPTS: &str = include_str!("../../knowledge/prompts.toml");
const RIGHTS: &str = include_str!("../../knowledge/rights.toml");
const FREQUENCY: &str = include_str!("../../knowledge/frequency.toml");

/// One string or a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let slice: &[String] = match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        };
        slice.iter().map(String::as_str)
    }
}

impl Default for OneOrMany {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    /// Short, lower-case, for messages (`precise location`).
    pub label: String,
    /// What it includes, for reports.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub permissions: Vec<String>,
    #[serde(default)]
    pub covers: Vec<String>,
    /// What the user types for this category is this other one: a place typed into a
    /// form ("Room 4, Main St.") is an address, not a fix a sensor gave.
    #[serde(default)]
    pub typed: Option<String>,
    #[serde(default)]
    pub pipl: Vec<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// How PI204 (unused-permission) judges the categories' permissions: those it leaves
/// alone, and the APIs that use one without returning a category's data.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionTables {
    /// Install-time (normal) and signature permissions: granted without asking the
    /// user, never dangerous.
    #[serde(default)]
    pub normal: Vec<String>,
    /// Runtime permissions that guard more than their categories' data (connecting to
    /// Bluetooth devices, any file in shared storage): code that collects none of
    /// their categories may still need them.
    #[serde(default)]
    pub broad: Vec<String>,
    #[serde(default)]
    pub api: Vec<PermissionApi>,
}

/// APIs that need a permission without returning the data of a category it guards
/// (`TelecomManager.getCallCapablePhoneAccounts` needs `READ_PHONE_STATE`, a
/// heart-rate sensor `BODY_SENSORS`): code naming one of them uses the permission.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionApi {
    pub permissions: Vec<String>,
    /// Identifiers (classes, methods, Kotlin properties, constants) matched as whole
    /// words in the code.
    pub names: Vec<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A dangerous permission PI204 judges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PermissionUse {
    /// The categories it guards.
    pub guards: Vec<String>,
    /// Identifiers of APIs that use it otherwise ([`PermissionApi`]).
    pub api_names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArgConstraint {
    pub index: usize,
    pub equals: String,
}

impl ArgConstraint {
    /// True when the argument's text (a constant's last name segment, or a string
    /// literal's value) equals the constraint.
    pub fn accepts(&self, arg_text: Option<&str>) -> bool {
        match arg_text {
            Some(t) => t == self.equals || t.rsplit('.').next() == Some(self.equals.as_str()),
            None => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    #[default]
    Call,
    CallbackParam,
    ContentQuery,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    #[serde(default)]
    pub kind: SourceKind,
    #[serde(default)]
    pub class: String,
    #[serde(default)]
    pub method: OneOrMany,
    pub category: String,
    #[serde(default)]
    pub arg: Option<ArgConstraint>,
    #[serde(default)]
    pub param: Option<usize>,
    #[serde(default)]
    pub param_type: Option<String>,
    #[serde(default)]
    pub uri: Option<String>,
    /// For callbacks: library methods a lambda is passed to when it is this callback.
    #[serde(default)]
    pub registered_by: Vec<String>,
    /// A generic source (a sensor reading) whose category the name of the variable
    /// it is first stored in refines (`int heartRate = event.values[0]` is health).
    #[serde(default)]
    pub refine_by_name: bool,
    #[serde(default)]
    pub match_without_type: bool,
    /// For a callback: the argument of its registration call that says what it
    /// delivers (`registerListener(l, sensor, rate)`: the sensor); the category
    /// then comes from `[sensors]`, and a sensor that reads nothing personal is no
    /// source.
    #[serde(default)]
    pub registration_arg: Option<usize>,
    /// For callbacks registered with a contract object (`registerForActivityResult(
    /// TakePicturePreview()) { bitmap -> }`): the argument that must be made as
    /// `class` for the callback to receive this data.
    #[serde(default)]
    pub contract_arg: Option<usize>,
    /// Whether the call's result is the data (false: it delivers it elsewhere, a
    /// callback, a buffer, a file), so a discarded result means nothing (PI201).
    #[serde(default = "yes")]
    pub returns_data: bool,
    /// What the user hands over through a screen of the system's (the words they
    /// spoke to its recogniser): prompted by the giving, as typed text is.
    #[serde(default)]
    pub user_given: bool,
    /// The argument naming the item read (a content URI: `getBitmap(resolver, uri)`):
    /// an item an activity handed back to a result callback (`data.getData()` in
    /// `onActivityResult`) is one the user picked on its screen, prompted by the
    /// picking.
    #[serde(default)]
    pub item_arg: Option<usize>,
    /// The permissions this API needs, where they are not those of its category
    /// (`[]`: none at all, like `Settings.Secure.ANDROID_ID`). PI101 names them.
    #[serde(default)]
    pub permissions: Option<Vec<String>>,
    /// For an API whose result hands the data to callbacks (`Task<Location>`): the
    /// type of what they receive, so a block's untyped parameter is typed by it
    /// (`addOnSuccessListener { loc -> loc.accuracy }` reads a `Location`'s accuracy).
    #[serde(default)]
    pub yields: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum SinkKind {
    Network,
    ThirdPartySdk,
    Log,
    Storage,
    Ipc,
}

impl SinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SinkKind::Network => "network",
            SinkKind::ThirdPartySdk => "third_party_sdk",
            SinkKind::Log => "log",
            SinkKind::Storage => "storage",
            SinkKind::Ipc => "ipc",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkSpec {
    pub class: String,
    pub method: OneOrMany,
    pub kind: SinkKind,
    #[serde(default)]
    pub args: Option<Vec<usize>>,
    #[serde(default)]
    pub receiver: bool,
    #[serde(default)]
    pub match_without_type: bool,
    /// Of `method`, those whose arguments identify the user to the SDK
    /// (`setUserId(id)`): what the app gives there, unless a constant, is an account
    /// identifier whatever it is called.
    #[serde(default)]
    pub identifying: Vec<String>,
    /// What an app's override of this method returns is what the library sends
    /// (Volley's `Request.getParams()`): the `return` is the sink, not a call.
    #[serde(default)]
    pub returned: bool,
    /// What is sent goes back to the component that started this one
    /// (`setResult`): a disclosure only when another app may have started it.
    #[serde(default)]
    pub to_caller: bool,
    /// With `returned`: any app method carrying this annotation (simple name) hands
    /// its result to the library (`@JavascriptInterface`: to a web page's script);
    /// `method` is then `"*"`.
    #[serde(default)]
    pub annotation: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sdk {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub prefixes: Vec<String>,
    #[serde(default)]
    pub maven: Vec<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A library that hands what it is given to objects the app plants in it: the
/// planted object's `callback` method receives every message that `logs`, a sink
/// class, is given (`Timber.plant(CrashTree())`: `CrashTree.log(..)` receives what
/// `Timber.w(..)` is given).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanterSpec {
    pub class: String,
    pub method: String,
    pub callback: String,
    /// The sink classes whose messages reach the planted objects.
    pub logs: Vec<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodRef {
    pub class: String,
    pub method: OneOrMany,
    /// Whatever the receiver, the app's own overrides included (`hashCode()`).
    #[serde(default)]
    pub match_without_type: bool,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnsSpec {
    pub class: String,
    pub method: OneOrMany,
    #[serde(default)]
    pub arg: Option<ArgConstraint>,
    /// The type returned; empty when `class_arg` says it.
    #[serde(rename = "type", default)]
    pub ty: String,
    /// The call returns an instance of the class literal passed at this argument
    /// (`retrofit.create(Api::class.java)` is an `Api`).
    #[serde(default)]
    pub class_arg: Option<usize>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A library call that copies what some of its arguments (or its receiver) hold into
/// another argument (`System.arraycopy(src, 0, dst, 0, n)`): the target object holds
/// it afterwards.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopySpec {
    pub class: String,
    pub method: OneOrMany,
    /// The arguments copied from.
    #[serde(default)]
    pub from: Vec<usize>,
    /// The last of `from` is a varargs parameter: every later argument is copied too.
    #[serde(default)]
    pub varargs: bool,
    /// The receiver is copied from (`s.getChars(0, n, dst, 0)`).
    #[serde(default)]
    pub from_receiver: bool,
    /// The argument copied into.
    pub to: usize,
    /// Only calls with this many arguments (an overload: `gson.toJson(obj, writer)`
    /// and `gson.toJson(obj, type, writer)` write into different ones).
    #[serde(default)]
    pub args: Option<usize>,
    /// Matches by name where the receiver's type is unknown (Kotlin's `copyInto`).
    #[serde(default)]
    pub match_without_type: bool,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Network,
    Storage,
    EncryptedStorage,
    /// Not in the knowledge files: the destination a function's stream parameter
    /// stands for (`writeTrack(points, out)`), which each caller decides.
    #[serde(skip)]
    Param(u16),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceSpec {
    pub class: String,
    pub method: OneOrMany,
    pub kind: ResourceKind,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A framework method that runs one of the app's own methods with its arguments
/// (`task.execute(x)` runs `doInBackground(x)`, whose result goes to `onPostExecute`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DispatchSpec {
    pub class: String,
    pub method: OneOrMany,
    /// The app's method that runs, receiving the call's arguments (after `skip_args`).
    pub target: String,
    #[serde(default)]
    pub skip_args: usize,
    /// The app's method that then receives the target's result.
    #[serde(default)]
    pub result_to: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A library method that runs the block it is handed once, with an object of
/// `receiver`'s type as the block's implicit `this` (`prefs.edit { putString(..) }`
/// runs with a `SharedPreferences.Editor`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockReceiverSpec {
    pub class: String,
    pub method: OneOrMany,
    /// The block's receiver type; the call's own receiver when absent.
    #[serde(default)]
    pub receiver: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A library method (or a functional interface's constructor, `<init>`) whose block
/// gets a parameter of a known type (`addInterceptor { chain -> }`: an
/// `Interceptor.Chain`), which the block leaves unwritten.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockParamSpec {
    pub class: String,
    pub method: OneOrMany,
    /// The type of the block's first parameter.
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A library method whose block's parameter stands for a destination
/// (`dataStore.edit { prefs -> prefs[KEY] = v }`): what the block writes to it is a
/// sink of `kind`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockResourceSpec {
    pub class: String,
    pub method: OneOrMany,
    pub kind: ResourceKind,
    /// Matches by name where the receiver's type is unknown (a delegated property).
    #[serde(default)]
    pub match_without_type: bool,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubtypeSpec {
    pub class: String,
    pub supertypes: Vec<String>,
}

/// Library classes no table lists, known by the ending of their name as Android
/// names its components (`BaseSimpleActivity` of a shared library is an Activity).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubtypeByNameSpec {
    pub suffix: String,
    pub supertypes: Vec<String>,
}

/// A set of method names, written as a list in the TOML files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct NameSet(rustc_hash::FxHashSet<String>);

impl From<Vec<String>> for NameSet {
    fn from(v: Vec<String>) -> Self {
        NameSet(v.into_iter().collect())
    }
}

impl NameSet {
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }

    fn extend(&mut self, other: NameSet) {
        self.0.extend(other.0);
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Propagation {
    #[serde(default)]
    pub mutator_prefixes: Vec<String>,
    /// Methods that add their arguments to the receiver, named in full (`emit`).
    #[serde(default)]
    pub emitters: NameSet,
    /// Functions that return a collection of their arguments (`listOf(a, b)`): each
    /// element keeps what is known of its fields, as `list.add(a)` does.
    #[serde(default)]
    pub element_factories: NameSet,
    /// Collections whose constructor copies the collection it is given
    /// (`new ArrayList<>(sessions.values())`): each element as it was, fields and all.
    #[serde(default)]
    pub copy_constructors: NameSet,
    /// Methods that return a copy of their receiver, property by property (a Kotlin
    /// data class's `copy`, `clone()`): what is known of each property stays, and a
    /// named argument (`copy(email = e)`) replaces its property.
    #[serde(default)]
    pub object_copies: NameSet,
    /// Tuple types (by simple name) and their components, in order.
    #[serde(default)]
    pub tuple_types: NameSet,
    #[serde(default)]
    pub tuple_components: Vec<String>,
    /// Views of a collection whose elements pair each element with its position
    /// (Kotlin's `withIndex()`: `IndexedValue(index, value)`), and the names of
    /// those two components, in order: the position is a number, not the element.
    #[serde(default)]
    pub indexed_views: NameSet,
    #[serde(default)]
    pub indexed_components: Vec<String>,
    /// Type names (by suffix) of streams a function writes to for its caller: a
    /// parameter of one goes where the caller's stream goes.
    #[serde(default)]
    pub destination_suffixes: Vec<String>,
    /// Types naming a file (`java.io.File`): a serialiser copying into one
    /// (`writeValue(file, obj)`) opens and writes the file itself.
    #[serde(default)]
    pub file_types: Vec<String>,
    /// Content URIs (as `[[source]]` content queries write them, a path appended with
    /// `/`) of provider tables that describe the provider, not people: a query of one
    /// collects nothing, whichever provider's category its URI also names.
    #[serde(default)]
    pub content_metadata: Vec<String>,
    /// Library types whose string form shows none of their data (Object's
    /// `ClassName@hash`).
    #[serde(default)]
    pub identity_strings: Vec<String>,
    /// Library types whose string form shows none of their entries (an Intent's
    /// extras: "(has extras)").
    #[serde(default)]
    pub entry_hiding_strings: Vec<String>,
    /// Of `element_preserving`: views of a map's values (`map.values()`), each what
    /// its entry holds.
    #[serde(default)]
    pub entry_values: NameSet,
    /// A map's entries (`Map.Entry`): the value read from one (`getValue()`,
    /// `.value`) is what the map holds, not a property of the entry.
    #[serde(default)]
    pub entry_types: Vec<String>,
    /// Room open-helper factories that encrypt the database (SQLCipher's), by
    /// simple name: what the DAOs of a database built with one write is encrypted.
    #[serde(default)]
    pub encrypting_open_helpers: Vec<String>,
    /// Containers whose `set(key, value)` stores an entry under its key, read back by
    /// `get(key)` only (`SavedStateHandle`).
    #[serde(default)]
    pub keyed_containers: Vec<String>,
    /// Static methods that build a value of their class (`newLatLng`, `fromLngLat`),
    /// by the start of their name (followed by an upper-case letter) ...
    #[serde(default)]
    pub factory_prefixes: Vec<String>,
    /// ... or in full (`of`, `valueOf`).
    #[serde(default)]
    pub factory_methods: NameSet,
    /// Static methods that hand back an instance of the class they are called on
    /// (`Cipher.getInstance(..)`, `SmsManager.getDefault()`, Rust's `T::new()`).
    #[serde(default)]
    pub self_factories: NameSet,
    /// Methods that (un)register the app's code with a library (`addOnClickListener`),
    /// by the start and the end of their name: they hand over code, not data.
    #[serde(default)]
    pub registration_prefixes: Vec<String>,
    #[serde(default)]
    pub registration_suffixes: Vec<String>,
    /// Every object's own methods (`equals`, `toString`): no SDK shares through them.
    #[serde(default)]
    pub object_methods: NameSet,
    /// Views of a map's entries (`entrySet()`, `.entries`): each entry is of one of
    /// `entry_types`.
    #[serde(default)]
    pub entry_sets: NameSet,
    /// Functions whose result is what their block emits into its receiver
    /// (`flow { emit(x) }`, `buildList { add(x) }`).
    #[serde(default)]
    pub builder_blocks: NameSet,
    /// Library methods whose name starts with one of these return a ciphertext of
    /// what they are given (`aead.encrypt(..)`, a vault SDK's `encryptCipher(..)`):
    /// sanitisers, and what is read out of their result is no personal data by name.
    #[serde(default)]
    pub cipher_prefixes: Vec<String>,
    /// Provider columns that hold a row's own id or key, not the person's data
    /// (`ContactsContract.Contacts._ID`): a cursor's value of one is no personal data.
    #[serde(default)]
    pub id_columns: NameSet,
    /// Requests for background work made for one of the app's worker classes, named
    /// by a class literal (`OneTimeWorkRequest.Builder(W::class.java)`): as written,
    /// a constructor's type or a static factory's `Type.method`.
    #[serde(default)]
    pub work_requests: Vec<String>,
    /// Calls that hand such a request to the scheduler (`workManager.enqueue(req)`):
    /// the worker runs, its input data the request's.
    #[serde(default)]
    pub work_enqueuers: NameSet,
    /// The type of the object such a block fills, where it says what the block's
    /// calls do (`buildString`'s `StringBuilder`: `append` adds).
    #[serde(default)]
    pub builder_receivers: HashMap<String, String>,
    /// Of `runs_block`: calls whose result is a handle to what their block returns
    /// (`executor.submit(callable)`, `async { }`, `supplyAsync { }`).
    #[serde(default)]
    pub value_blocks: NameSet,
    /// Methods that hand back the value such a handle stands for (`future.get()`,
    /// `deferred.await()`), whatever `non_propagating` says of the name elsewhere.
    #[serde(default)]
    pub awaiters: NameSet,
    /// The single method of a functional interface (`apply`, `accept`, Kotlin's
    /// `invoke`): called on a lambda held in a variable, it runs the lambda.
    #[serde(default)]
    pub functional_methods: NameSet,
    /// Streams and writers built around another one (`new DataOutputStream(buffer)`):
    /// what is written to them lands in the one they wrap.
    #[serde(default)]
    pub stream_wrappers: Vec<String>,
    /// Read-only views of an object (`_state.asStateFlow()`): a property initialised
    /// with one exposes its backing property.
    #[serde(default)]
    pub read_only_views: NameSet,
    #[serde(default)]
    pub non_propagating: NameSet,
    #[serde(default)]
    pub write_methods: NameSet,
    /// Methods that read what the user typed into a view (`getText`).
    #[serde(default)]
    pub input_methods: NameSet,
    /// Methods whose string-literal first argument names the value they return
    /// (`getStringExtra("phone")`, `optString("id_card")`).
    #[serde(default)]
    pub keyed_getters: NameSet,
    /// Instance methods whose result is built from their arguments (`a.concat(b)`,
    /// `s.replace(x, y)`); other instance methods' results come from the receiver.
    #[serde(default)]
    pub arg_to_result: NameSet,
    /// Simple-name endings of framework classes whose instances the framework drives
    /// (`Activity`, `Service`): an app class extending one keeps its fields class-wide.
    #[serde(default)]
    pub component_suffixes: Vec<String>,
    /// Methods that return an element of a container as stored (`list.get(i)`):
    /// what is known of the element's fields survives.
    #[serde(default)]
    pub element_accessors: NameSet,
    /// Delegates whose property is the value they are made with
    /// (`var state by mutableStateOf(State())` is a `State`).
    #[serde(default)]
    pub value_delegates: NameSet,
    /// Getters that hand back their receiver's entries under the same keys, not one
    /// property of it (`intent.getExtras()`).
    #[serde(default)]
    pub entry_views: NameSet,
    /// Methods that look a view up by resource id (`findViewById(R.id.et_phone)`):
    /// the id names what the view holds.
    #[serde(default)]
    pub view_lookup: NameSet,
    /// Library methods and constructors (by simple name) that run the block they are
    /// handed once, now or on another thread (`thread { }`, `launch { }`,
    /// `executor.execute(..)`): the block sees the values its variables hold here.
    #[serde(default)]
    pub runs_block: NameSet,
    /// Methods that run their block on each element of the receiver (`forEach`,
    /// `map`, `filter`): the block's first parameter is an element.
    #[serde(default)]
    pub element_blocks: NameSet,
    /// Like `element_blocks`, with the index first and the element second
    /// (`forEachIndexed`, `mapIndexed`).
    #[serde(default)]
    pub indexed_element_blocks: NameSet,
    /// Annotations (and Kotlin's `data` modifier) that make a class's string form
    /// list its fields (`@Data`, `#[derive(Debug)]`).
    #[serde(default)]
    pub listing_markers: NameSet,
    /// Library supertypes whose string form shows none of a subclass's data
    /// (`Serializable`, `Activity`): an app class extending only these and declaring
    /// no `toString()` prints as `ClassName@hash`.
    #[serde(default)]
    pub plain_string_supertypes: NameSet,
    /// Value types changed in place (`StringBuilder.append`): another name for the
    /// same builder, or a caller that handed it over, sees what was appended.
    #[serde(default)]
    pub mutable_values: Vec<String>,
    /// Element blocks whose results make the call's result (`map`, `flatMap`).
    #[serde(default)]
    pub mapping_blocks: NameSet,
    /// Of those, the ones whose result is the block's values alone (`map`, not
    /// `associateWith`, whose keys are the elements).
    #[serde(default)]
    pub block_results_only: NameSet,
    /// Key-value stores whose `put*(key, v)` and `get*(key, ..)` with the same
    /// constant key store and read back the same data (SharedPreferences).
    #[serde(default)]
    pub keyed_stores: Vec<String>,
    /// Library types an app's class extends or implements only to be handed to an
    /// API (`Runnable`, listeners): no framework creates one.
    #[serde(default)]
    pub app_made_types: Vec<String>,
    /// Framework handles that give access to data but never hold any
    /// (`Context`, `ContentResolver`): what a call on one returns does not come from
    /// what the handle was tainted with.
    #[serde(default)]
    pub handle_types: Vec<String>,
    /// Values rather than objects with properties (`String`, `Integer`): a getter on
    /// one (`s.getBytes()`) converts the whole value instead of reading a part.
    #[serde(default)]
    pub value_types: Vec<String>,
    /// Methods that return (a wrapper of) their receiver's value, of the receiver's
    /// static type as far as field and method lookups go (`result.unwrap()`,
    /// `opt.as_ref()`, `x.clone()`).
    #[serde(default)]
    pub type_preserving: NameSet,
    /// Methods whose result is one element of the receiver, or the value it wraps
    /// (`list.get(i)`, `first { }`, `optional.get()`, `liveData.getValue()`): of the
    /// type its declaration gives its elements (`List<User>`).
    #[serde(default)]
    pub element_results: NameSet,
    /// Methods whose result holds the receiver's elements (`filter`, `sortedBy`,
    /// `toList`, `map.values`): elements of the same type.
    #[serde(default)]
    pub element_preserving: NameSet,
    /// Methods that empty their receiver (`values.clear()`): a local container
    /// holds nothing afterwards, as after `values = ContentValues()`.
    #[serde(default)]
    pub emptying: NameSet,
}

/// The tables of one knowledge file, all optional, so the same shape serves the
/// embedded files and a project's `piitrace.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeTables {
    #[serde(default)]
    pub category: Vec<Category>,
    #[serde(default)]
    pub global: Option<names::GlobalNames>,
    #[serde(default)]
    pub name: Vec<names::NameSpec>,
    #[serde(default)]
    pub minors: Option<names::MinorNames>,
    #[serde(default)]
    pub typed: Vec<names::TypedSpec>,
    #[serde(default)]
    pub source: Vec<SourceSpec>,
    #[serde(default)]
    pub sink: Vec<SinkSpec>,
    #[serde(default)]
    pub sdk: Vec<Sdk>,
    #[serde(default)]
    pub sanitizer: Vec<MethodRef>,
    /// Calls of an SDK that show data on the device's screen and send none of it.
    #[serde(default)]
    pub display: Vec<MethodRef>,
    /// Calls that plant the app's object into a logging library (`Timber.plant(tree)`).
    #[serde(default)]
    pub planter: Vec<PlanterSpec>,
    #[serde(default)]
    pub returns: Vec<ReturnsSpec>,
    #[serde(default)]
    pub resource: Vec<ResourceSpec>,
    #[serde(default)]
    pub copy: Vec<CopySpec>,
    #[serde(default)]
    pub subtype: Vec<SubtypeSpec>,
    #[serde(default)]
    pub subtype_by_name: Vec<SubtypeByNameSpec>,
    #[serde(default)]
    pub dispatch: Vec<DispatchSpec>,
    #[serde(default)]
    pub block_receiver: Vec<BlockReceiverSpec>,
    #[serde(default)]
    pub block_param: Vec<BlockParamSpec>,
    #[serde(default)]
    pub block_resource: Vec<BlockResourceSpec>,
    #[serde(default)]
    pub propagation: Option<Propagation>,
    #[serde(default)]
    pub prompts: Option<Prompts>,
    #[serde(default)]
    pub startup: Vec<MethodRef>,
    #[serde(default)]
    pub sdk_init: Vec<MethodRef>,
    #[serde(default)]
    pub consent_gate: Vec<ConsentGate>,
    #[serde(default)]
    pub consent_record: Option<ConsentRecord>,
    #[serde(default)]
    pub accounts: Option<Accounts>,
    #[serde(default)]
    pub account_api: Vec<AccountApi>,
    #[serde(default)]
    pub entry_points: Option<EntryPoints>,
    #[serde(default)]
    pub rate: Vec<RateSpec>,
    #[serde(default)]
    pub wait: Vec<WaitSpec>,
    #[serde(default)]
    pub schedule: Vec<ScheduleSpec>,
    #[serde(default)]
    pub constants: std::collections::BTreeMap<String, i64>,
    #[serde(default)]
    pub sensors: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub permissions: Option<PermissionTables>,
}

/// A call whose argument sets how often a source delivers (`requestLocationUpdates(
/// provider, 5000, ..)`), see `knowledge/frequency.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSpec {
    pub class: String,
    pub method: OneOrMany,
    /// 0-based; negative counts from the end (-1: the last).
    pub arg: i64,
    pub unit: String,
    pub category: String,
    #[serde(default)]
    pub match_without_type: bool,
    /// The argument naming a sensor: the rate counts only for a sensor of
    /// `[sensors]`, whose category it takes.
    #[serde(default)]
    pub sensor_arg: Option<usize>,
}

/// A call that waits inside a loop (`Thread.sleep(ms)`, `delay(..)`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitSpec {
    pub class: String,
    pub method: OneOrMany,
    pub unit: String,
}

/// A call that runs a task repeatedly (`timer.scheduleAtFixedRate(task, 0, 1000)`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSpec {
    pub class: String,
    pub method: OneOrMany,
    pub task: i64,
    pub period: i64,
    #[serde(default)]
    pub period_name: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub time_unit_arg: Option<usize>,
    #[serde(default)]
    pub repost: bool,
}

/// A vendor SDK's consent switch (`UMConfigure.submitPolicyGrantResult(ctx, agreed)`):
/// once told the user's answer, the SDK collects nothing until it is yes, so starting
/// it after the switch is not collection before consent. The answer is the last
/// argument; a literal `true` records consent rather than asking for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentGate {
    pub class: String,
    pub method: OneOrMany,
    /// Package prefixes of the SDK classes the switch governs.
    pub covers: Vec<String>,
    /// Methods of the same class that withdraw the consent (PI104), besides the
    /// switch called with `false`.
    #[serde(default)]
    pub withdrawn_by: Vec<String>,
    /// The call records the user's answer whatever its arguments (a consent form).
    #[serde(default)]
    pub records_on_call: bool,
    #[serde(default)]
    pub doc: Option<String>,
}

/// How consent is recorded and withdrawn in app code (PI104, `knowledge/rights.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ConsentRecord {
    /// Method-name prefixes of calls that store a value under a key.
    #[serde(default)]
    pub store_prefixes: Vec<String>,
    /// Calls that remove a key.
    #[serde(default)]
    pub remove_methods: NameSet,
    /// Calls that clear a whole preferences file, on an editor.
    #[serde(default)]
    pub clear_methods: NameSet,
    /// Calls that open a preferences editor (`edit`).
    #[serde(default)]
    pub editor_calls: NameSet,
    /// Words that make a consent-named call a withdrawal (`revokeConsent`).
    #[serde(default)]
    pub withdraw_words: names::NamePatterns,
    /// Words left out when comparing the names a consent is recorded and withdrawn under.
    #[serde(default)]
    pub identity_noise: Vec<String>,
}

/// Paths and names that create or delete user accounts (PI105, `knowledge/rights.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Accounts {
    #[serde(default)]
    pub create: Vec<String>,
    #[serde(default)]
    pub delete: Vec<String>,
    /// Words that make a sign-up-looking path or name about something else.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Last path segments that an HTTP DELETE deletes the account at.
    #[serde(default)]
    pub resources: Vec<String>,
    #[serde(default)]
    pub endpoint_annotations: NameSet,
    #[serde(default)]
    pub delete_annotations: NameSet,
    #[serde(default)]
    pub delete_calls: NameSet,
    #[serde(default)]
    pub name_affixes: Vec<String>,
    #[serde(default)]
    pub file_extensions: Vec<String>,
}

/// What is not an entry point although written like one (PI104's reachability).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EntryPoints {
    /// Annotations that say nothing about who calls a function (`@Nullable`).
    #[serde(default)]
    pub ignored_annotations: NameSet,
}

/// An account SDK call that creates or deletes an account (`FirebaseUser.delete()`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountApi {
    pub class: String,
    pub method: OneOrMany,
    pub action: AccountAction,
    /// For a method name that is not distinctive (`delete`): the receiver's name must
    /// end with one of these words.
    #[serde(default)]
    pub receiver_words: Vec<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountAction {
    Create,
    Delete,
}

/// What asks the user before collection: permission checks and requests, their
/// result callbacks, and consent checks (see `knowledge/prompts.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Prompts {
    /// Calls whose result says whether a permission (an argument) is granted.
    #[serde(default)]
    pub permission_checks: NameSet,
    /// Constants a check's result is compared with (`PERMISSION_GRANTED`).
    #[serde(default)]
    pub granted_constants: NameSet,
    #[serde(default)]
    pub denied_constants: NameSet,
    /// Methods the framework calls with the user's answer to a permission request.
    #[serde(default)]
    pub permission_callbacks: NameSet,
    /// Calls that register a callback receiving the answer (`registerForActivityResult`).
    #[serde(default)]
    pub result_registrations: NameSet,
    /// Besides its `on…` methods, what the framework runs on a component the app
    /// starts (a worker's `doWork` once its request is enqueued).
    #[serde(default)]
    pub started_callbacks: NameSet,
    /// Of a started component's `on…` methods, those that answer what the component
    /// itself asked for (`onActivityResult`): not run because it was started.
    #[serde(default)]
    pub answer_callbacks: NameSet,
    /// Annotations that move the permission check to the callers (`@RequiresPermission`).
    #[serde(default)]
    pub requires_annotations: NameSet,
    /// Top-level functions that start a program (`main`): startup.
    #[serde(default)]
    pub startup_functions: NameSet,
    /// Name patterns (matched on split, lower-cased identifiers) of conditions that
    /// say the user agreed: a consent check prompts every category.
    #[serde(default)]
    pub consent_names: names::NamePatterns,
    /// Name patterns of booleans that carry a permission answer (`isGranted`).
    #[serde(default)]
    pub granted_names: names::NamePatterns,
    /// Categories the user gives by typing them for the feature at hand (a password
    /// to sign in): the typing is the prompt.
    #[serde(default)]
    pub typing_is_consent: Vec<String>,
    /// Components the manifest protects with a permission only the system holds, by
    /// that permission: the system delivers to them only once the user has given the
    /// app a role (the default SMS app), and the role grants these permissions.
    #[serde(default)]
    pub role_gated: std::collections::BTreeMap<String, Vec<String>>,
    /// The API level runtime permissions start at: below it, the manifest's
    /// permissions are granted at install.
    #[serde(default)]
    pub runtime_permissions_since: Option<i64>,
    /// Names of the running API level (`Build.VERSION.SDK_INT`).
    #[serde(default)]
    pub sdk_level_names: NameSet,
    /// API levels by their `Build.VERSION_CODES` names.
    #[serde(default)]
    pub version_codes: std::collections::BTreeMap<String, i64>,
}

impl KnowledgeTables {
    /// Rust paths (`reqwest::Client`, `std::fs`) are written as in Rust; the IR and
    /// the matching use dots, as for Java and Kotlin names.
    fn normalise_paths(&mut self) {
        let dotted = |s: &mut String| {
            if s.contains("::") {
                *s = s.replace("::", ".");
            }
        };
        self.source.iter_mut().for_each(|x| dotted(&mut x.class));
        self.sink.iter_mut().for_each(|x| dotted(&mut x.class));
        self.sanitizer.iter_mut().for_each(|x| dotted(&mut x.class));
        self.display.iter_mut().for_each(|x| dotted(&mut x.class));
        self.resource.iter_mut().for_each(|x| dotted(&mut x.class));
        self.copy.iter_mut().for_each(|x| dotted(&mut x.class));
        for r in &mut self.returns {
            dotted(&mut r.class);
            dotted(&mut r.ty);
        }
        for sdk in &mut self.sdk {
            sdk.prefixes.iter_mut().for_each(dotted);
        }
    }
}

#[derive(Debug, Default)]
pub struct Knowledge {
    pub categories: Vec<Category>,
    pub names: NameMatcher,
    pub sources: Vec<SourceSpec>,
    pub sinks: Vec<SinkSpec>,
    pub sdks: Vec<Sdk>,
    pub sanitizers: Vec<MethodRef>,
    pub displays: Vec<MethodRef>,
    pub planters: Vec<PlanterSpec>,
    pub returns: Vec<ReturnsSpec>,
    pub resources: Vec<ResourceSpec>,
    pub copies: Vec<CopySpec>,
    pub subtypes: HashMap<String, Vec<String>>,
    pub subtypes_by_name: Vec<SubtypeByNameSpec>,
    pub dispatch: Vec<DispatchSpec>,
    pub block_receivers: Vec<BlockReceiverSpec>,
    pub block_params: Vec<BlockParamSpec>,
    pub block_resources: Vec<BlockResourceSpec>,
    pub propagation: Propagation,
    pub prompts: Prompts,
    /// Framework methods that run at startup, before any user interaction.
    pub startup: Vec<MethodRef>,
    /// Third-party SDK calls that start an SDK collecting personal data.
    pub sdk_inits: Vec<MethodRef>,
    /// Vendor SDK consent switches.
    pub consent_gates: Vec<ConsentGate>,
    /// How consent flags are recorded and withdrawn (PI104).
    pub consent_record: ConsentRecord,
    /// What creates and deletes accounts (PI105).
    pub accounts: Accounts,
    pub account_apis: Vec<AccountApi>,
    pub entry_points: EntryPoints,
    /// How often collection repeats (PI203).
    pub rates: Vec<RateSpec>,
    pub waits: Vec<WaitSpec>,
    pub schedules: Vec<ScheduleSpec>,
    /// Named platform constants (`MINUTE_IN_MILLIS`).
    pub constants: HashMap<String, i64>,
    /// Sensor types whose readings are personal data → category.
    pub sensors: HashMap<String, String>,
    /// How PI204 judges the categories' permissions.
    pub permission_tables: PermissionTables,
    category_index: HashMap<String, usize>,
    sources_by_method: HashMap<String, Vec<usize>>,
    /// Callback-parameter sources by the call that registers them.
    sources_by_registration: HashMap<String, Vec<usize>>,
    /// Content-provider URI sources.
    content_queries: Vec<usize>,
    sinks_by_method: HashMap<String, Vec<usize>>,
    sanitizers_by_method: HashMap<String, Vec<usize>>,
    displays_by_method: HashMap<String, Vec<usize>>,
    /// Subtype table entries by simple class name.
    subtypes_by_simple: HashMap<String, Vec<String>>,
    returns_by_method: HashMap<String, Vec<usize>>,
    resources_by_method: HashMap<String, Vec<usize>>,
    copies_by_method: HashMap<String, Vec<usize>>,
    /// SDK package prefixes, longest first.
    sdk_prefixes: Vec<(String, usize)>,
    /// The prefixes that end at a package boundary (`com.umeng.`), for lookup by
    /// each package of a name; the others stay in `sdk_prefixes`.
    sdk_packages: HashMap<String, usize>,
    maven_groups: HashMap<String, usize>,
    /// Getters spelt with an upper-case run (`getSSID`), by the spelling Kotlin's
    /// property (`ssid`) makes of them (`getSsid`).
    getter_spellings: HashMap<String, String>,
}

impl Knowledge {
    /// The built-in knowledge base.
    pub fn builtin() -> Result<Knowledge> {
        let mut tables = Vec::new();
        for (name, text) in [
            ("categories.toml", CATEGORIES),
            ("names.toml", NAMES),
            ("sources.toml", SOURCES),
            ("sinks.toml", SINKS),
            ("sdks.toml", SDKS),
            ("flow.toml", FLOW),
            ("prompts.toml", PROMPTS),
            ("rights.toml", RIGHTS),
            ("frequency.toml", FREQUENCY),
        ] {
            let t: KnowledgeTables =
                toml::from_str(text).with_context(|| format!("built-in knowledge/{name}"))?;
            tables.push(t);
        }
        Knowledge::from_tables(tables)
    }

    /// The built-in knowledge extended by extra tables (from `piitrace.toml`).
    pub fn with_extension(extra: KnowledgeTables) -> Result<Knowledge> {
        let mut k = Knowledge::builtin()?;
        k.extend(extra)?;
        Ok(k)
    }

    fn from_tables(tables: Vec<KnowledgeTables>) -> Result<Knowledge> {
        let mut k = Knowledge::default();
        for t in tables {
            k.extend(t)?;
        }
        Ok(k)
    }

    fn extend(&mut self, mut t: KnowledgeTables) -> Result<()> {
        t.normalise_paths();
        self.categories.extend(t.category);
        self.category_index = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        for spec in t.name.iter() {
            if !self.category_index.contains_key(&spec.category) {
                anyhow::bail!("name patterns for unknown category `{}`", spec.category);
            }
        }
        for c in &self.categories {
            if let Some(typed) = c
                .typed
                .as_ref()
                .filter(|t| !self.category_index.contains_key(*t))
            {
                anyhow::bail!("category `{}` is typed as unknown category `{typed}`", c.id);
            }
        }
        for s in &t.source {
            if !self.category_index.contains_key(&s.category) {
                anyhow::bail!("source `{}` has unknown category `{}`", s.class, s.category);
            }
        }
        for spec in &t.typed {
            if !self.category_index.contains_key(&spec.category) {
                anyhow::bail!(
                    "typed values of `{}` have unknown category `{}`",
                    spec.ty,
                    spec.category
                );
            }
        }
        if let Some(m) = &t.minors {
            for a in &m.attributes {
                if !self.category_index.contains_key(&a.category) {
                    anyhow::bail!(
                        "minors' attribute words of unknown category `{}`",
                        a.category
                    );
                }
            }
        }
        self.names.extend(t.global, t.name, t.minors);
        self.names.extend_typed(t.typed);
        self.sources.extend(t.source);
        self.sinks.extend(t.sink);
        self.sdks.extend(t.sdk);
        self.sanitizers.extend(t.sanitizer);
        self.displays.extend(t.display);
        self.planters.extend(t.planter);
        self.returns.extend(t.returns);
        self.resources.extend(t.resource);
        self.copies.extend(t.copy);
        self.dispatch.extend(t.dispatch);
        self.block_receivers.extend(t.block_receiver);
        self.block_params.extend(t.block_param);
        self.block_resources.extend(t.block_resource);
        self.startup.extend(t.startup);
        self.sdk_inits.extend(t.sdk_init);
        self.consent_gates.extend(t.consent_gate);
        if let Some(c) = t.consent_record {
            let q = &mut self.consent_record;
            q.store_prefixes.extend(c.store_prefixes);
            q.remove_methods.extend(c.remove_methods);
            q.clear_methods.extend(c.clear_methods);
            q.editor_calls.extend(c.editor_calls);
            q.withdraw_words.extend(c.withdraw_words);
            q.identity_noise.extend(c.identity_noise);
        }
        if let Some(a) = t.accounts {
            let q = &mut self.accounts;
            q.create.extend(a.create);
            q.delete.extend(a.delete);
            q.exclude.extend(a.exclude);
            q.resources.extend(a.resources);
            q.endpoint_annotations.extend(a.endpoint_annotations);
            q.delete_annotations.extend(a.delete_annotations);
            q.delete_calls.extend(a.delete_calls);
            q.name_affixes.extend(a.name_affixes);
            q.file_extensions.extend(a.file_extensions);
        }
        self.account_apis.extend(t.account_api);
        if let Some(e) = t.entry_points {
            self.entry_points
                .ignored_annotations
                .extend(e.ignored_annotations);
        }
        self.rates.extend(t.rate);
        self.waits.extend(t.wait);
        self.schedules.extend(t.schedule);
        self.constants.extend(t.constants);
        self.sensors.extend(t.sensors);
        if let Some(p) = t.permissions {
            let q = &mut self.permission_tables;
            q.normal.extend(p.normal);
            q.broad.extend(p.broad);
            q.api.extend(p.api);
        }
        if let Some(p) = t.prompts {
            let q = &mut self.prompts;
            q.permission_checks.extend(p.permission_checks);
            q.granted_constants.extend(p.granted_constants);
            q.denied_constants.extend(p.denied_constants);
            q.permission_callbacks.extend(p.permission_callbacks);
            q.result_registrations.extend(p.result_registrations);
            q.started_callbacks.extend(p.started_callbacks);
            q.answer_callbacks.extend(p.answer_callbacks);
            q.requires_annotations.extend(p.requires_annotations);
            q.startup_functions.extend(p.startup_functions);
            q.consent_names.extend(p.consent_names);
            q.granted_names.extend(p.granted_names);
            q.typing_is_consent.extend(p.typing_is_consent);
            q.role_gated.extend(p.role_gated);
            q.runtime_permissions_since =
                p.runtime_permissions_since.or(q.runtime_permissions_since);
            q.sdk_level_names.extend(p.sdk_level_names);
            q.version_codes.extend(p.version_codes);
        }
        for s in t.subtype {
            self.subtypes
                .entry(s.class)
                .or_default()
                .extend(s.supertypes);
        }
        self.subtypes_by_name.extend(t.subtype_by_name);
        if let Some(p) = t.propagation {
            let q = &mut self.propagation;
            q.mutator_prefixes.extend(p.mutator_prefixes);
            q.emitters.extend(p.emitters);
            q.builder_blocks.extend(p.builder_blocks);
            q.cipher_prefixes.extend(p.cipher_prefixes);
            q.id_columns.extend(p.id_columns);
            q.work_requests.extend(p.work_requests);
            q.work_enqueuers.extend(p.work_enqueuers);
            q.builder_receivers.extend(p.builder_receivers);
            q.value_blocks.extend(p.value_blocks);
            q.awaiters.extend(p.awaiters);
            q.functional_methods.extend(p.functional_methods);
            q.stream_wrappers.extend(p.stream_wrappers);
            q.element_factories.extend(p.element_factories);
            q.copy_constructors.extend(p.copy_constructors);
            q.object_copies.extend(p.object_copies);
            q.tuple_types.extend(p.tuple_types);
            q.indexed_views.extend(p.indexed_views);
            if !p.indexed_components.is_empty() {
                q.indexed_components = p.indexed_components;
            }
            if !p.tuple_components.is_empty() {
                q.tuple_components = p.tuple_components;
            }
            q.destination_suffixes.extend(p.destination_suffixes);
            q.file_types.extend(p.file_types);
            q.content_metadata.extend(p.content_metadata);
            q.identity_strings.extend(p.identity_strings);
            q.entry_hiding_strings.extend(p.entry_hiding_strings);
            q.entry_values.extend(p.entry_values);
            q.entry_types.extend(p.entry_types);
            q.encrypting_open_helpers.extend(p.encrypting_open_helpers);
            q.keyed_containers.extend(p.keyed_containers);
            q.factory_prefixes.extend(p.factory_prefixes);
            q.factory_methods.extend(p.factory_methods);
            q.self_factories.extend(p.self_factories);
            q.registration_prefixes.extend(p.registration_prefixes);
            q.registration_suffixes.extend(p.registration_suffixes);
            q.object_methods.extend(p.object_methods);
            q.entry_sets.extend(p.entry_sets);
            q.non_propagating.extend(p.non_propagating);
            q.read_only_views.extend(p.read_only_views);
            q.write_methods.extend(p.write_methods);
            q.input_methods.extend(p.input_methods);
            q.keyed_getters.extend(p.keyed_getters);
            q.view_lookup.extend(p.view_lookup);
            q.runs_block.extend(p.runs_block);
            q.element_blocks.extend(p.element_blocks);
            q.indexed_element_blocks.extend(p.indexed_element_blocks);
            q.mapping_blocks.extend(p.mapping_blocks);
            q.block_results_only.extend(p.block_results_only);
            q.listing_markers.extend(p.listing_markers);
            q.plain_string_supertypes.extend(p.plain_string_supertypes);
            q.mutable_values.extend(p.mutable_values);
            q.handle_types.extend(p.handle_types);
            q.app_made_types.extend(p.app_made_types);
            q.keyed_stores.extend(p.keyed_stores);
            q.value_types.extend(p.value_types);
            q.arg_to_result.extend(p.arg_to_result);
            q.component_suffixes.extend(p.component_suffixes);
            q.element_accessors.extend(p.element_accessors);
            q.entry_views.extend(p.entry_views);
            q.value_delegates.extend(p.value_delegates);
            q.type_preserving.extend(p.type_preserving);
            q.element_results.extend(p.element_results);
            q.element_preserving.extend(p.element_preserving);
            q.emptying.extend(p.emptying);
        }
        self.reindex();
        Ok(())
    }

    fn reindex(&mut self) {
        self.sources_by_method.clear();
        for (i, s) in self.sources.iter().enumerate() {
            for m in s.method.iter() {
                self.sources_by_method
                    .entry(m.to_string())
                    .or_default()
                    .push(i);
            }
        }
        self.sources_by_registration.clear();
        for (i, s) in self.sources.iter().enumerate() {
            if s.kind == SourceKind::CallbackParam {
                for r in &s.registered_by {
                    let e = self.sources_by_registration.entry(r.clone()).or_default();
                    if !e.contains(&i) {
                        e.push(i);
                    }
                }
            }
        }
        self.content_queries = (0..self.sources.len())
            .filter(|&i| self.sources[i].kind == SourceKind::ContentQuery)
            .collect();
        self.sinks_by_method.clear();
        for (i, s) in self.sinks.iter().enumerate() {
            for m in s.method.iter() {
                self.sinks_by_method
                    .entry(m.to_string())
                    .or_default()
                    .push(i);
            }
        }
        self.subtypes_by_simple.clear();
        for sub in self.subtypes.keys() {
            let simple = sub.rsplit('.').next().unwrap_or(sub).to_string();
            self.subtypes_by_simple
                .entry(simple)
                .or_default()
                .push(sub.clone());
        }
        self.sanitizers_by_method = index_by_method(self.sanitizers.iter().map(|s| &s.method));
        self.displays_by_method = index_by_method(self.displays.iter().map(|s| &s.method));
        self.getter_spellings = self
            .sources_by_method
            .keys()
            .chain(self.sinks_by_method.keys())
            .chain(self.sanitizers_by_method.keys())
            .filter_map(|m| {
                let rest = m.strip_prefix("get")?;
                let mut chars = rest.chars();
                let first = chars.next()?;
                let second = chars.next()?;
                // `getSSID`, `getURL`: Kotlin reads them as `ssid`, `url`.
                (first.is_uppercase() && second.is_uppercase()).then(|| {
                    let property = kotlin_property(rest);
                    let mut spelt = String::from("get");
                    let mut p = property.chars();
                    spelt.extend(p.next().map(|c| c.to_ascii_uppercase()));
                    spelt.extend(p);
                    (spelt, m.clone())
                })
            })
            .collect();
        self.returns_by_method = index_by_method(self.returns.iter().map(|s| &s.method));
        self.resources_by_method = index_by_method(self.resources.iter().map(|s| &s.method));
        self.copies_by_method = index_by_method(self.copies.iter().map(|s| &s.method));
        self.sdk_prefixes = self
            .sdks
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.prefixes.iter().map(move |p| (p.clone(), i)))
            .collect();
        self.sdk_prefixes
            .sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        self.sdk_packages = HashMap::default();
        for (p, i) in &self.sdk_prefixes {
            if p.ends_with('.') {
                // Longest first: the first one inserted for a key wins.
                self.sdk_packages.entry(p.clone()).or_insert(*i);
            }
        }
        self.sdk_prefixes.retain(|(p, _)| !p.ends_with('.'));
        self.maven_groups = self
            .sdks
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.maven.iter().map(move |g| (g.clone(), i)))
            .collect();
    }

    /// Those of `permissions` a user is asked for at run time (normal permissions are
    /// granted at install, so no check or request of them is a prompt).
    pub fn runtime_permissions<'p>(&self, permissions: &'p [String]) -> Vec<&'p str> {
        permissions
            .iter()
            .filter(|p| !self.permission_tables.normal.contains(p))
            .map(String::as_str)
            .collect()
    }

    /// The dangerous (runtime) permissions the categories name, by full name
    /// (`android.permission.READ_CONTACTS`), with the categories each guards and the
    /// APIs that use it otherwise; normal and broad ones (see [`PermissionTables`])
    /// are left out.
    pub fn dangerous_permissions(&self) -> std::collections::BTreeMap<String, PermissionUse> {
        let mut out: std::collections::BTreeMap<String, PermissionUse> = Default::default();
        let tables = &self.permission_tables;
        let judged = |p: &String| !tables.normal.contains(p) && !tables.broad.contains(p);
        for c in &self.categories {
            for p in c.permissions.iter().filter(|p| judged(p)) {
                let u = out.entry(p.clone()).or_default();
                if !u.guards.contains(&c.id) {
                    u.guards.push(c.id.clone());
                }
            }
        }
        // An API makes a permission no more judged than the categories do.
        for api in &tables.api {
            for p in &api.permissions {
                if let Some(u) = out.get_mut(p) {
                    u.api_names.extend(api.names.iter().cloned());
                }
            }
        }
        out
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.category_index.get(id).map(|&i| &self.categories[i])
    }

    pub fn sources_named(&self, method: &str) -> impl Iterator<Item = &SourceSpec> {
        self.sources_by_method
            .get(method)
            .into_iter()
            .flatten()
            .map(|&i| &self.sources[i])
    }

    /// Callback-parameter sources whose callback a call named `registration`
    /// registers (`requestLocationUpdates`).
    pub fn sources_registered_by(&self, registration: &str) -> impl Iterator<Item = &SourceSpec> {
        lookup(&self.sources_by_registration, &self.sources, registration)
    }

    /// Sources read from a content provider by URI.
    pub fn content_query_sources(&self) -> impl Iterator<Item = &SourceSpec> {
        self.content_queries.iter().map(|&i| &self.sources[i])
    }

    pub fn sinks_named(&self, method: &str) -> impl Iterator<Item = &SinkSpec> {
        self.sinks_by_method
            .get(method)
            .into_iter()
            .flatten()
            .map(|&i| &self.sinks[i])
    }

    pub fn displays_named(&self, method: &str) -> impl Iterator<Item = &MethodRef> {
        lookup(&self.displays_by_method, &self.displays, method)
    }

    pub fn sanitizers_named(&self, method: &str) -> impl Iterator<Item = &MethodRef> {
        lookup(&self.sanitizers_by_method, &self.sanitizers, method)
    }

    pub fn returns_named(&self, method: &str) -> impl Iterator<Item = &ReturnsSpec> {
        lookup(&self.returns_by_method, &self.returns, method)
    }

    pub fn resources_named(&self, method: &str) -> impl Iterator<Item = &ResourceSpec> {
        lookup(&self.resources_by_method, &self.resources, method)
    }

    pub fn copies_named(&self, method: &str) -> impl Iterator<Item = &CopySpec> {
        lookup(&self.copies_by_method, &self.copies, method)
    }

    /// The SDK whose package prefix the fully-qualified name starts with.
    pub fn sdk_for_class(&self, qualified: &str) -> Option<&Sdk> {
        // A prefix `sentry.` also covers the package itself (a Rust crate's root
        // functions, `sentry::capture_message`, are called on the path `sentry`).
        let by_package = std::iter::once(qualified.len())
            .chain(qualified.rmatch_indices('.').map(|(i, _)| i))
            .find_map(|end| {
                let package = format!("{}.", &qualified[..end]);
                self.sdk_packages.get(&package)
            });
        let by_prefix = || {
            self.sdk_prefixes
                .iter()
                .find(|(p, _)| qualified.starts_with(p.as_str()))
                .map(|(_, i)| i)
        };
        by_package.or_else(by_prefix).map(|&i| &self.sdks[i])
    }

    /// The SDK a Maven coordinate (`group:artifact:version`) belongs to.
    pub fn sdk_for_maven(&self, coordinate: &str) -> Option<&Sdk> {
        let mut parts = coordinate.split(':');
        let group = parts.next().unwrap_or(coordinate);
        // Some vendors publish unrelated products under one group: `group:artifact` first.
        if let Some(artifact) = parts.next() {
            if let Some(&i) = self.maven_groups.get(&format!("{group}:{artifact}")) {
                return Some(&self.sdks[i]);
            }
        }
        if let Some(&i) = self.maven_groups.get(group) {
            return Some(&self.sdks[i]);
        }
        // A group listed as a prefix covers its sub-groups (com.umeng.umsdk.xxx).
        self.maven_groups
            .iter()
            .filter(|(g, _)| group.starts_with(&format!("{g}.")))
            .max_by_key(|(g, _)| g.len())
            .map(|(_, &i)| &self.sdks[i])
    }

    /// Whether `ty` (a simple, partly or fully qualified type name) denotes `class`,
    /// directly or through a known framework subtype relation.
    pub fn type_is(&self, ty: &str, class: &str) -> bool {
        if type_names_match(ty, class) {
            return true;
        }
        let simple = ty.rsplit('.').next().unwrap_or(ty);
        if let Some(subs) = self.subtypes_by_simple.get(simple) {
            return subs.iter().any(|sub| {
                type_names_match(ty, sub)
                    && self.subtypes[sub]
                        .iter()
                        .any(|s| type_names_match(s, class))
            });
        }
        self.subtypes_by_name.iter().any(|s| {
            simple.len() > s.suffix.len()
                && simple.ends_with(&s.suffix)
                && s.supertypes.iter().any(|x| type_names_match(x, class))
        })
    }
}

impl Knowledge {
    /// Whether a static method of this name builds a value of its class from its
    /// arguments (`CameraUpdateFactory.newLatLng(here)`, `Point.fromLngLat(..)`).
    pub fn is_factory_name(&self, name: &str) -> bool {
        let p = &self.propagation;
        p.factory_methods.contains(name)
            || p.factory_prefixes.iter().any(|f| {
                name.strip_prefix(f.as_str())
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
            })
    }

    /// Whether a method of this name registers or unregisters the app's code with a
    /// library (`removeClickListener(l)`).
    pub fn is_registration(&self, name: &str) -> bool {
        let p = &self.propagation;
        p.registration_prefixes
            .iter()
            .any(|x| name.starts_with(x.as_str()))
            && p.registration_suffixes
                .iter()
                .any(|x| name.ends_with(x.as_str()))
    }

    /// The supertypes of a library class (simple or qualified name) whose whole
    /// ancestry the knowledge lists, up to `java.lang.Throwable`: of every listed
    /// class the name may denote. `None` when any of them is not listed so.
    pub fn throwable_ancestry(&self, ty: &str) -> Option<Vec<&str>> {
        let simple = ty.rsplit('.').next().unwrap_or(ty);
        let mut out = Vec::new();
        for sub in self.subtypes_by_simple.get(simple)? {
            if !type_names_match(ty, sub) {
                continue;
            }
            let supers = &self.subtypes[sub];
            if !supers.iter().any(|s| s == "java.lang.Throwable") {
                return None;
            }
            out.push(sub.as_str());
            out.extend(supers.iter().map(String::as_str));
        }
        (!out.is_empty()).then_some(out)
    }
}

impl Knowledge {
    /// How the knowledge spells the getter of a Kotlin property read, where the
    /// property's name lost the getter's upper-case run (`ssid` reads `getSSID`).
    pub fn getter_spelling(&self, getter: &str) -> Option<&str> {
        self.getter_spellings.get(getter).map(String::as_str)
    }
}

/// The name Kotlin gives the property of a Java getter, from what follows `get`: its
/// leading upper-case run lower-cased, but for the run's last letter where a word
/// follows (`SSID` → `ssid`, `URLString` → `urlString`).
fn kotlin_property(rest: &str) -> String {
    let chars: Vec<char> = rest.chars().collect();
    let run = chars.iter().take_while(|c| c.is_uppercase()).count();
    let lowered = if run < chars.len() && run > 1 {
        run - 1
    } else {
        run
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < lowered {
                c.to_ascii_lowercase()
            } else {
                *c
            }
        })
        .collect()
}

fn index_by_method<'a>(
    methods: impl Iterator<Item = &'a OneOrMany>,
) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, m) in methods.enumerate() {
        for name in m.iter() {
            out.entry(name.to_string()).or_default().push(i);
        }
    }
    out
}

fn lookup<'a, T>(
    index: &'a HashMap<String, Vec<usize>>,
    items: &'a [T],
    method: &str,
) -> impl Iterator<Item = &'a T> {
    index
        .get(method)
        .into_iter()
        .flatten()
        .map(move |&i| &items[i])
}

/// `ty` as written (simple or qualified) names the fully-qualified `class`.
pub fn type_names_match(ty: &str, class: &str) -> bool {
    if ty == class {
        return true;
    }
    // `Secure` or `Settings.Secure` against `android.provider.Settings.Secure`.
    class.len() > ty.len()
        && class.ends_with(ty)
        && class.as_bytes()[class.len() - ty.len() - 1] == b'.'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plural_head_noun_names_a_collection_of_the_data() {
        let k = Knowledge::builtin().expect("built-in knowledge must load");
        let category = |n: &str| k.names.classify(n).map(|m| m.category);
        assert_eq!(category("recipientEmails").as_deref(), Some("email"));
        assert_eq!(category("phones").as_deref(), Some("phone_number"));
        assert_eq!(category("emailsSent"), None);
        assert_eq!(category("templateTilesFromPhone"), None);
    }

    #[test]
    fn flags_counters_and_place_names_are_not_the_data() {
        let k = Knowledge::builtin().expect("built-in knowledge must load");
        let category = |n: &str| k.names.classify(n).map(|m| m.category);
        assert_eq!(category("street").as_deref(), Some("address"));
        assert_eq!(category("idNum").as_deref(), Some("national_id"));
        assert_eq!(category("openStreetMapAccessToken"), None);
        assert_eq!(category("currentIdNum"), None);
        assert_eq!(category("ignoreInaccurateLocations"), None);
        assert_eq!(category("callerName").as_deref(), Some("name"));
        assert_eq!(category("contactNameTextView"), None);
    }

    #[test]
    fn glucose_readings_and_doses_are_health_data_their_devices_and_settings_not() {
        let k = Knowledge::builtin().expect("built-in knowledge must load");
        let category = |n: &str| k.names.classify(n).map(|m| m.category);
        assert_eq!(category("glucoseMgdl").as_deref(), Some("health"));
        assert_eq!(category("calculated_sgv").as_deref(), Some("health"));
        assert_eq!(category("insulinDose").as_deref(), Some("health"));
        assert_eq!(category("emailToken"), None);
        assert_eq!(category("phoneVerify"), None);
        assert_eq!(category("medicalDeviceBatteryLevelPercent"), None);
        assert_eq!(category("glucoseUnits"), None);
        assert_eq!(category("defaultTargetGlucose"), None);
        assert_eq!(category("medicalOfficerId"), None);
        assert_eq!(category("medicalRegistrationId"), None);
        assert_eq!(category("medicalHistory").as_deref(), Some("health"));
    }

    #[test]
    fn a_bare_location_is_a_place_only_of_a_type_that_can_hold_one() {
        let k = Knowledge::builtin().expect("built-in knowledge must load");
        let fits = |n: &str, ty: Option<&str>| k.names.classify(n).is_some_and(|m| m.fits(ty));
        assert!(fits("location", Some("android.location.Location")));
        assert!(fits("currentLocation", Some("LatLng")));
        assert!(!fits("location", None));
        assert!(!fits("location", Some("String")));
        assert!(!fits("location", Some("LocationCode")));
        assert!(!fits("traceLocationStart", Some("Instant?")));
        assert!(fits("birthDate", Some("LocalDate")));
    }

    #[test]
    fn builtin_knowledge_loads_and_is_consistent() {
        let k = Knowledge::builtin().expect("built-in knowledge must load");
        assert!(
            k.categories.len() >= 20,
            "{} categories",
            k.categories.len()
        );
        let signatures: usize = k
            .sources
            .iter()
            .map(|s| s.method.iter().count().max(1))
            .sum();
        assert!(signatures >= 80, "{signatures} source signatures");
        assert!(k.sdks.len() >= 100, "{} SDKs", k.sdks.len());
        for c in &k.categories {
            for covered in &c.covers {
                assert!(
                    k.category(covered).is_some(),
                    "{} covers unknown {covered}",
                    c.id
                );
            }
        }
        for sdk in &k.sdks {
            for p in &sdk.prefixes {
                assert!(
                    p.ends_with('.'),
                    "SDK {} prefix {p} must end with a dot",
                    sdk.id
                );
            }
        }
    }

    #[test]
    fn dangerous_permissions_leave_out_normal_and_broad_ones() {
        let k = Knowledge::builtin().expect("knowledge");
        let d = k.dangerous_permissions();
        let listed: Vec<&String> = k.categories.iter().flat_map(|c| &c.permissions).collect();
        let t = &k.permission_tables;
        for p in t.normal.iter().chain(&t.broad) {
            assert!(listed.contains(&p), "{p} is in no category's permissions");
            assert!(!d.contains_key(p), "{p} must not be judged");
        }
        for api in &t.api {
            for p in &api.permissions {
                assert!(d.contains_key(p), "API names for {p}, no judged permission");
            }
            for n in &api.names {
                assert!(
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "`{n}` is no identifier"
                );
            }
        }
        assert!(!d.contains_key("android.permission.INTERNET"));
        assert!(!d.contains_key("android.permission.ACCESS_WIFI_STATE"));
        assert!(!d.contains_key("android.permission.READ_EXTERNAL_STORAGE"));
        let contacts = d
            .get("android.permission.READ_CONTACTS")
            .cloned()
            .unwrap_or_default();
        assert_eq!(contacts.guards, vec!["contacts".to_string()]);
        let body = d
            .get("android.permission.BODY_SENSORS")
            .cloned()
            .unwrap_or_default();
        assert_eq!(body.guards, vec!["health".to_string()]);
        assert!(body.api_names.contains(&"TYPE_HEART_RATE".to_string()));
        let fine = d
            .get("android.permission.ACCESS_FINE_LOCATION")
            .cloned()
            .unwrap_or_default();
        assert!(fine.guards.contains(&"location.coarse".to_string()));
    }

    #[test]
    fn kotlin_properties_lower_a_getters_upper_case_run() {
        assert_eq!(kotlin_property("SSID"), "ssid");
        assert_eq!(kotlin_property("URLString"), "urlString");
        assert_eq!(kotlin_property("Email"), "email");
        let k = Knowledge::builtin().expect("built-in knowledge");
        assert_eq!(k.getter_spelling("getSsid"), Some("getSSID"));
        assert_eq!(k.getter_spelling("getBssid"), Some("getBSSID"));
        assert_eq!(k.getter_spelling("getEmail"), None);
    }

    #[test]
    fn type_names_match_on_dotted_suffix() {
        assert!(type_names_match(
            "Secure",
            "android.provider.Settings.Secure"
        ));
        assert!(type_names_match(
            "Settings.Secure",
            "android.provider.Settings.Secure"
        ));
        assert!(!type_names_match(
            "ecure",
            "android.provider.Settings.Secure"
        ));
        assert!(type_names_match("android.util.Log", "android.util.Log"));
    }

    #[test]
    fn maven_groups_map_to_sdks() {
        let k = Knowledge::builtin().expect("knowledge");
        let umeng = k
            .sdk_for_maven("com.umeng.umsdk:common:9.4.7")
            .map(|s| s.id.as_str());
        assert_eq!(umeng, Some("umeng"));
        assert!(k
            .sdk_for_maven("com.squareup.okhttp3:okhttp:4.12.0")
            .is_none());
    }
}
