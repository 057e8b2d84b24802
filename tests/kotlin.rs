//! Kotlin idioms, each as a small file scanned by the real binary: properties read
//! through getters, scope functions, lambdas with receivers, coroutines, string
//! templates, and what must not be reported.

mod common;

use common::line_of;

/// Scans one Kotlin file; (rule, line, category) of each finding.
fn scan(text: &str) -> Vec<(String, u64, String)> {
    let report = common::scan_files(&[("app/src/main/java/app/Main.kt", text)]);
    let mut out: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["category"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn has(found: &[(String, u64, String)], rule: &str, line: u64, category: &str) -> bool {
    found
        .iter()
        .any(|(r, l, c)| r == rule && *l == line && c == category)
}

#[test]
fn device_id_read_as_a_property_and_sent_by_sms() {
    let found = scan(
        r#"package app

import android.app.Activity
import android.content.Context
import android.telephony.SmsManager
import android.telephony.TelephonyManager

class Main : Activity() {
    fun leak() {
        val tm = getSystemService(Context.TELEPHONY_SERVICE) as TelephonyManager
        val id = tm.deviceId
        SmsManager.getDefault().sendTextMessage("+8613800000000", null, "id=$id", null, null)
    }
}
"#,
    );
    assert!(has(&found, "PI001", 12, "device.id"), "{found:?}");
}

#[test]
fn last_location_through_let_and_a_coroutine_to_the_log() {
    let found = scan(
        r#"package app

import android.app.Activity
import android.location.LocationManager
import android.util.Log
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.launch

class Main : Activity() {
    fun track(lm: LocationManager) {
        lm.getLastKnownLocation(LocationManager.GPS_PROVIDER)?.let { fix ->
            GlobalScope.launch {
                Log.d("Main", "at ${fix.latitude},${fix.longitude}")
            }
        }
    }
}
"#,
    );
    assert!(has(&found, "PI301", 13, "location.precise"), "{found:?}");
}

#[test]
fn preferences_edited_in_a_block_with_receiver() {
    let found = scan(
        r#"package app

import android.content.SharedPreferences
import androidx.core.content.edit

class Main(private val prefs: SharedPreferences) {
    fun save(idCardNo: String, nickname: String) {
        prefs.edit {
            putString("id_card", idCardNo)
            putString("nick", nickname)
        }
    }
}
"#,
    );
    assert!(has(&found, "PI303", 9, "national_id"), "{found:?}");
    assert!(
        !found.iter().any(|f| f.1 == 10),
        "a nickname is not personal data: {found:?}"
    );
}

#[test]
fn overwritten_hashed_and_constant_values_are_not_reported() {
    let found = scan(
        r#"package app

import android.util.Log
import java.security.MessageDigest

class Main {
    fun log(phone: String) {
        var shown = phone
        shown = "hidden"
        Log.i("Main", shown)
        val digest = MessageDigest.getInstance("SHA-256").digest(phone.toByteArray())
        Log.i("Main", "digest ${digest.size} ${digest}")
        val imei = "unknown"
        Log.i("Main", "imei $imei")
    }
}
"#,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_data_class_built_with_named_arguments_keeps_each_field() {
    let found = scan(
        r#"package app

import android.util.Log

data class Profile(val nickname: String, val phone: String, val theme: String = "dark")

class Main {
    fun show(mobile: String) {
        val p = Profile(phone = mobile, nickname = "neo")
        Log.i("Main", "theme ${p.theme} nick ${p.nickname}")
        Log.i("Main", "phone ${p.phone}")
    }
}
"#,
    );
    assert!(
        !found
            .iter()
            .any(|f| f.1 == 10 && (f.0 == "PI001" || f.0 == "PI301")),
        "{found:?}"
    );
    assert!(has(&found, "PI301", 11, "phone_number"), "{found:?}");
}

#[test]
fn collection_blocks_see_the_elements() {
    let found = scan(
        r#"package app

import android.content.ContentResolver
import android.provider.ContactsContract
import android.util.Log

class Main(private val resolver: ContentResolver) {
    fun sync() {
        val numbers = mutableListOf<String>()
        resolver.query(ContactsContract.CommonDataKinds.Phone.CONTENT_URI, null, null, null, null)?.use { c ->
            while (c.moveToNext()) numbers.add(c.getString(0))
        }
        numbers.forEach { Log.d("Main", "number $it") }
        val lastDigits = numbers.map { it.takeLast(4) }
        lastDigits.forEachIndexed { i, n -> Log.i("Main", "$i: $n") }
        listOf("a", "b").forEach { Log.d("Main", it) }
    }
}
"#,
    );
    assert!(has(&found, "PI301", 13, "contacts"), "{found:?}");
    assert!(has(&found, "PI301", 15, "contacts"), "{found:?}");
    assert!(!found.iter().any(|f| f.1 == 16), "{found:?}");
}

#[test]
fn a_data_class_printed_whole_carries_its_personal_fields() {
    let found = scan(
        r#"package app

import android.util.Log

data class Profile(val nickname: String, val phone: String)
class Session(val phone: String)

class Main {
    fun show(p: Profile, s: Session) {
        Log.d("Main", "profile $p")
        Log.d("Main", "session $s")
    }
}
"#,
    );
    assert!(has(&found, "PI301", 10, "phone_number"), "{found:?}");
    assert!(
        !found.iter().any(|f| f.1 == 11),
        "a plain class prints as Session@1a2b: {found:?}"
    );
}

/// Comments may sit anywhere in a chain written over several lines, even between a
/// receiver and its call: the chain is still the same calls.
#[test]
fn comments_inside_a_call_chain_do_not_hide_it() {
    let found = scan(
        r#"package app

import android.content.SharedPreferences
import android.telephony.TelephonyManager

class Store(private val tm: TelephonyManager, private val prefs: SharedPreferences) {
    fun save() {
        val id = tm.getDeviceId()
        prefs.edit() // open the editor
            /* the identifier */ .putString("device", id)
            .apply()
        if (id.isEmpty()) {
            return // nothing else to do
        }
    }
}
"#,
    );
    assert!(has(&found, "PI001", 10, "device.id"), "{found:?}");
}

#[test]
fn sizes_read_as_properties_carry_nothing() {
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import android.util.Log

class Digits(private val tm: TelephonyManager) {
    fun show() {
        val n = tm.line1Number
        Log.d("T", "digits: ${n.length}")
        Log.d("T", "count " + listOf(tm.imei, tm.subscriberId).size)
        Log.d("T", "number $n")
    }
}
"#,
    );
    assert!(!has(&found, "PI001", 9, "phone_number"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|f| f.1 == 10 && (f.0 == "PI001" || f.0 == "PI301")),
        "{found:?}"
    );
    assert!(has(&found, "PI001", 11, "phone_number"), "{found:?}");
}

#[test]
fn what_a_scope_block_stores_is_in_the_object_it_returns() {
    let found = scan(
        r#"package app

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log

class Main : Activity() {
    fun share(tm: TelephonyManager) {
        sendBroadcast(Intent("app.SUB").apply { putExtra("sub", tm.subscriberId) })
        val b = Bundle().also { it.putString("d", tm.imei) }
        Log.i("T", b.getString("d"))
        sendBroadcast(wrap(tm.line1Number))
    }

    private fun wrap(number: String): Intent = Intent("app.NUMBER").apply { putExtra("n", number) }
}
"#,
    );
    assert!(has(&found, "PI001", 11, "device.id"), "{found:?}");
    assert!(has(&found, "PI301", 13, "device.id"), "{found:?}");
    assert!(has(&found, "PI001", 14, "phone_number"), "{found:?}");
}

#[test]
fn intent_extras_stay_under_their_keys_between_activities() {
    let report = common::scan_files(&[(
        "app/src/main/java/app/Main.kt",
        r#"package app

import android.app.Activity
import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.util.Log

class Main : Activity() {
    fun go(account: Account) {
        startActivity(Report.getIntent(this, account.id, account.username))
    }
}

class Account(val id: String, val username: String)

class Report : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        Log.i("T", "id " + intent?.getStringExtra(ACCOUNT_ID))
        Log.i("T", "user " + intent?.getStringExtra(ACCOUNT_USERNAME))
    }

    companion object {
        private const val ACCOUNT_ID = "id"
        private const val ACCOUNT_USERNAME = "username"

        fun getIntent(context: Context, accountId: String, userName: String) =
            Intent(context, Report::class.java).apply {
                putExtra(ACCOUNT_ID, accountId)
                putExtra(ACCOUNT_USERNAME, userName)
            }
    }
}
"#,
    )]);
    let lines: Vec<u64> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "PI301")
        .map(|f| f["line"].as_u64().unwrap_or_default())
        .collect();
    assert_eq!(lines, vec![21], "{report}");
}

#[test]
fn lazy_properties_getters_and_extension_functions() {
    let found = scan(
        r#"package app

import android.app.Activity
import android.content.Context
import android.os.Bundle
import android.provider.Settings
import android.telephony.TelephonyManager
import android.util.Log

fun Context.installKey(): String =
    Settings.Secure.getString(contentResolver, Settings.Secure.ANDROID_ID)

fun String.tagged() = "[" + this + "]"

class Main : Activity() {
    private val lazyKey: String by lazy {
        Settings.Secure.getString(contentResolver, Settings.Secure.ANDROID_ID)
    }

    private val gotKey: String
        get() = Settings.Secure.getString(contentResolver, Settings.Secure.ANDROID_ID)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        Log.i("T", "lazy $lazyKey")
        Log.i("T", "getter $gotKey")
        Log.i("T", "extension " + installKey())
        Log.i("T", (getSystemService(Context.TELEPHONY_SERVICE) as TelephonyManager).imei.tagged())
    }
}
"#,
    );
    for line in [25, 26, 27, 28] {
        assert!(
            has(&found, "PI301", line, "device.id"),
            "line {line}: {found:?}"
        );
    }
}

#[test]
fn data_class_copies_replace_the_fields_they_name() {
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import android.util.Log

data class Session(val user: String, val token: String)

class Binder(private val tm: TelephonyManager) {
    fun bind() {
        val bound = Session("guest", "").copy(token = tm.imei)
        Log.d("Session", "bound ${bound.token}")
        val cleared = Session("guest", tm.imei).copy(token = "none")
        Log.d("Session", "cleared ${cleared.token}")
    }
}
"#,
    );
    assert!(has(&found, "PI301", 11, "device.id"), "{found:?}");
    assert!(!has(&found, "PI301", 13, "device.id"), "{found:?}");
}

#[test]
fn retrofit_service_created_from_its_class_literal_is_typed() {
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import retrofit2.Call
import retrofit2.Retrofit
import retrofit2.http.GET
import retrofit2.http.Query

interface Api {
    @GET("devices")
    fun register(@Query("id") id: String): Call<Unit>
}

class Registrar(private val tm: TelephonyManager) {
    fun register() {
        val api = Retrofit.Builder().baseUrl("https://api.example.com/").build().create(Api::class.java)
        api.register(tm.imei).execute()
    }
}
"#,
    );
    assert!(has(&found, "PI001", 17, "device.id"), "{found:?}");
}

#[test]
fn blocks_nested_in_blocks_run_in_place_with_captured_inferred_types() {
    let found = scan(
        r#"package app

import android.app.Activity
import android.content.Context
import android.telephony.TelephonyManager
import android.util.Log
import androidx.lifecycle.lifecycleScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

class Main : Activity() {
    fun go() {
        val tm = getSystemService(Context.TELEPHONY_SERVICE) as TelephonyManager
        lifecycleScope.launch {
            val v = withContext(Dispatchers.IO) { tm.imei }
            Log.d("T", "v $v")
        }
        val u = run { run { tm.meid } }
        Log.d("T", "u $u")
    }
}
"#,
    );
    assert!(has(&found, "PI301", 17, "device.id"), "{found:?}");
    assert!(has(&found, "PI301", 20, "device.id"), "{found:?}");
}

#[test]
fn destructuring_a_data_class_reads_one_property_each() {
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import android.util.Log

data class Ids(val device: String, val label: String)

class Main(private val tm: TelephonyManager) {
    fun go() {
        val (device, label) = Ids(tm.imei, "phone")
        Log.d("T", "label $label")
        Log.d("T", "device $device")
    }
}
"#,
    );
    assert!(!has(&found, "PI301", 11, "device.id"), "{found:?}");
    assert!(has(&found, "PI301", 12, "device.id"), "{found:?}");
}

#[test]
fn when_with_else_overwriting_in_every_arm_ends_the_value() {
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import android.util.Log

class Main(private val tm: TelephonyManager) {
    fun go(k: Int) {
        var v = tm.imei
        when (k) {
            0 -> v = "a"
            else -> v = "b"
        }
        Log.d("T", "v $v")
        var w = tm.meid
        when (k) {
            0 -> w = "a"
        }
        Log.d("T", "w $w")
    }
}
"#,
    );
    assert!(!has(&found, "PI301", 13, "device.id"), "{found:?}");
    assert!(has(&found, "PI301", 18, "device.id"), "{found:?}");
}

#[test]
fn println_inside_a_class_is_the_default_imported_function() {
    let found = scan(
        r#"package app

import android.app.Activity
import android.telephony.TelephonyManager

class Main : Activity() {
    fun go(tm: TelephonyManager) {
        println("id ${tm.imei}")
    }
}
"#,
    );
    assert!(has(&found, "PI301", 8, "device.id"), "{found:?}");
}

#[test]
fn flows_hand_what_they_hold_or_emit_to_their_collectors() {
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import android.util.Log
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.flow

class Main(private val tm: TelephonyManager) {
    private val state = MutableStateFlow("")

    suspend fun go() {
        state.value = tm.line1Number
        state.collect { v -> Log.d("T", "number $v") }
        flow { emit(tm.imei) }.collect { Log.d("T", "id $it") }
        flow { emit("none") }.collect { Log.d("T", "constant $it") }
    }
}
"#,
    );
    assert!(has(&found, "PI301", 13, "phone_number"), "{found:?}");
    assert!(has(&found, "PI301", 14, "device.id"), "{found:?}");
    assert!(!found.iter().any(|f| f.1 == 15), "{found:?}");
}

const DEFERRED_AND_ARGUMENTS: &str = r#"package app

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatActivity
import androidx.core.os.bundleOf
import androidx.fragment.app.Fragment
import io.reactivex.Single
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.async
import kotlinx.coroutines.launch

class Main : AppCompatActivity() {
    private val pick = registerForActivityResult(ActivityResultContracts.StartActivityForResult()) { result ->
        Log.i("T", result.data?.getStringExtra("id") ?: "") // result
    }

    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        GlobalScope.launch {
            val d = async { tm.imei }
            Log.i("T", d.await()) // deferred
        }
        val f = DetailFragment().apply { arguments = bundleOf("id" to tm.deviceId, "title" to "x") }
        supportFragmentManager.beginTransaction().add(f, "d").commit()
        pick.launch(Intent(this, Picker::class.java))
        Single.fromCallable { tm.line1Number }
            .subscribe({ n -> Log.i("T", n) }, // subscribe
                { e -> Log.e("T", "failed", e) }) // error
    }
}

class DetailFragment : Fragment() {
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        Log.i("T", arguments?.getString("id") ?: "") // argument
        Log.i("T", requireArguments().getString("title") ?: "") // title
    }
}

class Picker : Activity() {
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        setResult(RESULT_OK, Intent().putExtra("id", tm.deviceId))
        finish()
    }
}
"#;

#[test]
fn deferred_values_fragment_arguments_and_activity_results() {
    let found = scan(DEFERRED_AND_ARGUMENTS);
    let at = |marker| line_of(DEFERRED_AND_ARGUMENTS, marker);
    assert!(
        has(&found, "PI001", at("// deferred"), "device.id"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// argument"), "device.id"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// result"), "device.id"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// subscribe"), "phone_number"),
        "{found:?}"
    );
    // The other key of the bundle, and the error handler of `subscribe`, carry none.
    assert!(!found.iter().any(|f| f.1 == at("// title")), "{found:?}");
    assert!(!found.iter().any(|f| f.1 == at("// error")), "{found:?}");
}

const AWAITED_AND_HANDED: &str = r#"package app

import android.annotation.SuppressLint
import android.app.Activity
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log
import com.google.android.gms.location.LocationServices
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.tasks.await

fun fetch(tm: TelephonyManager, cb: (String) -> Unit) {
    cb(tm.imei)
}

class Main : Activity() {
    @SuppressLint("MissingPermission")
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val client = LocationServices.getFusedLocationProviderClient(this)
        GlobalScope.launch {
            val loc = client.lastLocation.await()
            Log.i("T", "at ${loc.latitude}") // awaited
        }
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        fetch(tm) { Log.i("T", it) } // handed
    }
}
"#;

#[test]
fn an_awaited_task_and_a_block_handed_the_data() {
    let found = scan(AWAITED_AND_HANDED);
    let at = |marker| line_of(AWAITED_AND_HANDED, marker);
    assert!(
        has(&found, "PI001", at("// awaited"), "location.precise"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// handed"), "device.id"),
        "{found:?}"
    );
}

const LAZY_AND_BACKING: &str = r#"package app

import android.annotation.SuppressLint
import android.app.Activity
import android.location.Location
import android.location.LocationManager
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log
import androidx.lifecycle.ViewModel
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

class LocVm : ViewModel() {
    private val _state = MutableStateFlow<Location?>(null)
    val state: StateFlow<Location?> = _state.asStateFlow()
    fun update(l: Location) { _state.value = l }
}

class Main : Activity() {
    private val vm = LocVm()
    private val tm by lazy { getSystemService(TELEPHONY_SERVICE) as TelephonyManager }

    @SuppressLint("MissingPermission")
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        Log.d("T", tm.line1Number) // lazy
        val lm = getSystemService(LOCATION_SERVICE) as LocationManager
        lm.getLastKnownLocation("gps")?.let { vm.update(it) }
        GlobalScope.launch {
            vm.state.collect { l -> Log.d("T", "${l?.latitude}") } // backing
        }
    }
}
"#;

#[test]
fn lazy_properties_and_backing_properties() {
    let found = scan(LAZY_AND_BACKING);
    let at = |marker| line_of(LAZY_AND_BACKING, marker);
    assert!(
        has(&found, "PI001", at("// lazy"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// backing"), "location.precise"),
        "{found:?}"
    );
}

const FAILURE_OF_A_STATE: &str = r#"package app

import android.app.Activity
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log

sealed class UiState {
    data class Loaded(val number: String) : UiState()
    data class Failed(val number: String, val throwable: Throwable) : UiState()
}

class Main : Activity() {
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        val states = listOf(UiState.Failed(tm.line1Number, RuntimeException("x")))
        states.forEach { state ->
            Log.w("T", "failed", state.throwable) // failure
            Log.w("T", "number ${state.number}") // number
        }
    }
}
"#;

#[test]
fn the_failure_a_state_carries_is_not_its_data() {
    let found = scan(FAILURE_OF_A_STATE);
    let at = |marker| line_of(FAILURE_OF_A_STATE, marker);
    assert!(!found.iter().any(|f| f.1 == at("// failure")), "{found:?}");
    assert!(
        has(&found, "PI001", at("// number"), "phone_number"),
        "{found:?}"
    );
}

const DATA_STORE: &str = r#"package app

import android.app.Activity
import android.content.Context
import android.os.Bundle
import android.telephony.TelephonyManager
import androidx.datastore.preferences.core.edit
import androidx.datastore.preferences.core.stringPreferencesKey
import androidx.datastore.preferences.preferencesDataStore
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.launch

val Context.dataStore by preferencesDataStore(name = "settings")
val KEY = stringPreferencesKey("imei")
val THEME = stringPreferencesKey("theme")

class Main : Activity() {
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        GlobalScope.launch {
            dataStore.edit { prefs ->
                prefs[KEY] = tm.imei // stored
                prefs[THEME] = "dark" // theme
            }
        }
    }
}
"#;

#[test]
fn what_a_data_store_edit_block_writes_is_stored() {
    let found = scan(DATA_STORE);
    let at = |marker| line_of(DATA_STORE, marker);
    assert!(
        has(&found, "PI001", at("// stored"), "device.id"),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.1 == at("// theme")), "{found:?}");
}

const START_HELPER: &str = r#"package app

import android.app.Activity
import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log

class Profile : Activity() {
    companion object {
        fun start(context: Context, phone: String, label: String) {
            context.startActivity(
                Intent(context, Profile::class.java).putExtra("phone", phone).putExtra("label", label)
            )
        }
    }

    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        Log.d("T", intent.getStringExtra("phone") ?: "") // delivered
        Log.d("T", intent.getStringExtra("label") ?: "") // label
    }
}

class Main : Activity() {
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        Profile.start(this, tm.line1Number, "me")
    }
}
"#;

#[test]
fn a_start_helper_delivers_its_callers_data() {
    let found = scan(START_HELPER);
    let at = |marker| line_of(START_HELPER, marker);
    assert!(
        has(&found, "PI001", at("// delivered"), "phone_number"),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.1 == at("// label")), "{found:?}");
}

/// A block's parameter has no declared type: a property read out of it yields what
/// the object holds under that name, not what it holds in its other fields.
#[test]
fn a_property_of_an_untyped_block_parameter_is_not_its_other_fields() {
    let report = common::scan_files(&[(
        "app/src/main/java/com/example/Export.kt",
        r#"package com.example

import android.location.Location
import android.util.Log

class CloudFile {
    var fileName: String = "a.txt"
    var geolocation: Location? = null
}

class Export {
    fun load(loc: Location): List<CloudFile> {
        val f = CloudFile()
        f.geolocation = loc
        return listOf(f)
    }

    fun run(loc: Location) {
        load(loc).forEach { file -> Log.d("T", file.fileName) }
        load(loc).forEach { file -> Log.d("T", "at ${file.geolocation}") }
    }
}
"#,
    )]);
    let lines: Vec<u64> = common::of_rule(&report, "PI301")
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(lines, vec![20], "only the location is logged: {report}");
}

#[test]
fn sdk_values_being_built_send_nothing_and_a_held_block_runs_where_called() {
    let text = r#"package app

import android.app.Activity
import android.location.Geocoder
import android.location.Location
import android.os.Bundle
import android.util.Log
import com.google.android.gms.maps.CameraUpdateFactory
import com.google.android.gms.maps.GoogleMap
import com.google.android.gms.maps.model.LatLng
import com.google.android.gms.maps.model.LatLngBounds
import com.google.android.gms.maps.model.MarkerOptions
import java.util.Locale

class MapActivity : Activity() {
    lateinit var map: GoogleMap
    private val onFix: (Location) -> Unit = { fix -> Log.v("Map", "at ${fix.latitude}") } // held
    private val onNothing: (String) -> Unit = { s -> Log.v("Map", s) } // constant

    fun show(loc: Location) {
        val here = LatLng(loc.latitude, loc.longitude) // built
        val update = CameraUpdateFactory.newLatLngZoom(here, 15f) // factory
        map.addMarker(MarkerOptions().position(here).title("You")) // marker
        map.moveCamera(update) // camera
        val bounds = LatLngBounds.Builder()
        bounds.include(here) // bounds
        map.moveCamera(CameraUpdateFactory.newLatLngBounds(bounds.build(), 0)) // fitted
        onFix(loc)
        onNothing("ready")
        val place = Geocoder(this, Locale.getDefault()).getFromLocation(loc.latitude, loc.longitude, 1)
        Log.i("Map", "city ${place?.firstOrNull()?.locality}") // city
    }

    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val lm = getSystemService(LOCATION_SERVICE) as android.location.LocationManager
        show(lm.getLastKnownLocation("gps")!!)
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| line_of(text, marker);
    let loc = "location.precise";
    // Making the SDK's values sends nothing, nor does drawing them on the map;
    // moving the camera there fetches that place's tiles from the vendor.
    assert!(!has(&found, "PI001", at("// built"), loc), "{found:?}");
    assert!(!has(&found, "PI001", at("// factory"), loc), "{found:?}");
    assert!(!has(&found, "PI001", at("// marker"), loc), "{found:?}");
    assert!(has(&found, "PI001", at("// camera"), loc), "{found:?}");
    // A builder made here only builds: what it builds is handed over later.
    assert!(!has(&found, "PI001", at("// bounds"), loc), "{found:?}");
    assert!(has(&found, "PI001", at("// fitted"), loc), "{found:?}");
    // A block held in a property runs with what it is called with.
    assert!(has(&found, "PI001", at("// held"), loc), "{found:?}");
    assert!(!has(&found, "PI001", at("// constant"), loc), "{found:?}");
    // The addresses at a position are where the user is.
    assert!(has(&found, "PI001", at("// city"), loc), "{found:?}");
}

#[test]
fn setters_blocks_under_a_lock_and_typed_callback_parameters() {
    let text = r#"package app

import android.app.Activity
import android.content.SharedPreferences
import android.os.Bundle
import android.util.Log
import com.google.android.gms.location.FusedLocationProviderClient
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

class Track : Activity() {
    lateinit var prefs: SharedPreferences
    lateinit var fused: FusedLocationProviderClient
    private val mutex = Mutex()
    var exportSms: Boolean
        get() = prefs.getBoolean("export_sms", false)
        set(exportSms) = prefs.edit().putBoolean("export_sms", exportSms).apply() // flag

    suspend fun keep(text: String) {
        mutex.withLock { Log.d("Track", text) } // locked
    }

    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as android.telephony.TelephonyManager
        kotlinx.coroutines.runBlocking { keep(tm.imei) }
        fused.lastLocation.addOnSuccessListener { loc ->
            Log.d("Track", "accuracy ${loc.accuracy}") // accuracy
            Log.d("Track", "at ${loc.latitude}") // position
        }
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| line_of(text, marker);
    // A setter's value has the property's type: a Boolean named like SMS is a flag.
    assert!(!found.iter().any(|f| f.1 == at("// flag")), "{found:?}");
    // A block run under a lock runs in place, with what its function was given.
    assert!(
        has(&found, "PI001", at("// locked"), "device.id"),
        "{found:?}"
    );
    // The callback receives a Location: its accuracy is no position, its latitude is.
    let loc = "location.precise";
    assert!(!has(&found, "PI001", at("// accuracy"), loc), "{found:?}");
    assert!(has(&found, "PI001", at("// position"), loc), "{found:?}");
}

#[test]
fn rows_stored_through_a_dao_come_back_from_its_queries() {
    let text = r#"package app
import android.app.Activity
import android.location.Location
import android.location.LocationManager
import android.os.Bundle
import android.util.Log
import androidx.room.Dao
import androidx.room.Entity
import androidx.room.Insert
import androidx.room.Query
import kotlinx.coroutines.runBlocking

@Entity
data class Fix(val lat: Double, val lon: Double, val note: String)

@Dao
interface FixDao {
    @Insert
    suspend fun insert(fix: Fix)
    @Query("SELECT * FROM Fix")
    suspend fun all(): List<Fix>
    @Query("DELETE FROM Fix")
    suspend fun clear()
}

@Dao
interface NoteDao {
    @Query("SELECT note FROM Fix")
    suspend fun notes(): List<String>
}

class M : Activity() {
    lateinit var dao: FixDao
    lateinit var notes: NoteDao
    override fun onCreate(b: Bundle?) {
        val lm = getSystemService(LOCATION_SERVICE) as LocationManager
        val loc: Location = lm.getLastKnownLocation("gps")!!
        runBlocking {
            dao.insert(Fix(loc.latitude, loc.longitude, "x")) // stored
        }
    }
    fun upload() = runBlocking {
        for (f in dao.all()) {
            Log.d("Up", "fix ${f.lat}") // read back
        }
        Log.d("Up", "notes ${notes.notes()}") // other dao
    }
    override fun onResume() { super.onResume(); upload() }
}
"#;
    let found = scan(text);
    let at = |marker: &str| line_of(text, marker);
    let loc = "location.precise";
    // Stored (a storage sink), then read back by the same DAO and logged.
    assert!(has(&found, "PI001", at("// stored"), loc), "{found:?}");
    assert!(has(&found, "PI001", at("// read back"), loc), "{found:?}");
    // Another DAO's rows are not these.
    assert!(!has(&found, "PI001", at("// other dao"), loc), "{found:?}");
}

#[test]
fn a_request_builder_set_up_in_an_apply_block_sends_what_it_was_given() {
    let text = r#"package app

import android.app.Activity
import android.os.Bundle
import android.telephony.TelephonyManager
import androidx.exifinterface.media.ExifInterface
import okhttp3.OkHttpClient
import okhttp3.Request

class Upload : Activity() {
    val client = OkHttpClient()
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        val req = Request.Builder().url("https://api.example.com/a").apply {
            header("X-Device", tm.imei)
        }.build()
        client.newCall(req).execute() // header
        val taken = ExifInterface("/sdcard/DCIM/a.jpg").latLong
        val where = Request.Builder().url("https://api.example.com/b?at=${taken?.get(0)}").build()
        client.newCall(where).execute() // photo position
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| line_of(text, marker);
    assert!(
        has(&found, "PI001", at("// header"), "device.id"),
        "{found:?}"
    );
    // Where a photo was taken, from its EXIF data.
    assert!(
        has(&found, "PI001", at("// photo position"), "location.precise"),
        "{found:?}"
    );
}

#[test]
fn an_object_expression_assigned_to_a_property_keeps_its_members() {
    let text = r#"package app

import android.app.Activity
import android.os.Bundle
import android.telephony.TelephonyManager
import android.util.Log

interface Level { fun out(s: String) }

class Main : Activity() {
    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager
        val loud: Level = object : Level { override fun out(s: String) { Log.e("L", s) } } // loud
        val quiet: Level = object : Level { override fun out(s: String) { Log.v("L", "-") } }
        loud.out(tm.imei)
        quiet.out(tm.imei)
    }
}
"#;
    let found = scan(text);
    let line = line_of(text, "// loud");
    assert!(has(&found, "PI001", line, "device.id"), "{found:?}");
}

#[test]
fn a_block_filling_in_an_sdks_parameters_is_sent_with_the_call() {
    let text = r#"package app

import android.app.Activity
import android.os.Bundle
import android.widget.EditText
import com.google.firebase.analytics.FirebaseAnalytics
import com.google.firebase.analytics.ktx.logEvent

class SignUp : Activity() {
    lateinit var analytics: FirebaseAnalytics
    lateinit var emailInput: EditText

    fun done() {
        val email = emailInput.text.toString()
        analytics.logEvent(FirebaseAnalytics.Event.SIGN_UP) { // sign up
            param("method", "email")
            param("email", email)
        }
        analytics.logEvent("opened") { // opened
            param("screen", "sign_up")
        }
    }

    override fun onCreate(b: Bundle?) {
        super.onCreate(b)
        done()
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| line_of(text, marker);
    assert!(has(&found, "PI001", at("// sign up"), "email"), "{found:?}");
    assert!(!found.iter().any(|f| f.1 == at("// opened")), "{found:?}");
}

const BLOCKS_AND_VARARGS: &str = r#"package app

import android.accounts.AccountManager
import android.app.Activity
import android.telephony.TelephonyManager
import android.util.Log
import androidx.lifecycle.MutableLiveData

class Main : Activity() {
    private val tag = MutableLiveData<String>()

    fun kinds(am: AccountManager) {
        val accounts = am.accounts
        val types = accounts.map { it.type }.joinToString()
        Log.i("M", "types $types") // types
        val names = accounts.map { it.name }.joinToString()
        Log.i("M", "names $names") // names
    }

    fun joined(vararg parts: String): String = parts.joinToString(",")

    fun send(tm: TelephonyManager) {
        Log.i("M", joined("a", "b", tm.line1Number)) // vararg
        tag.postValue(tm.imei)
        tag.observe(this) { t -> Log.i("M", "tag $t") } // observed
    }
}
"#;

#[test]
fn mapping_blocks_varargs_and_posted_values() {
    // What `map { it.type }` hands back is the types, not the accounts; a `vararg`
    // takes every argument passed to it; `postValue` sets what observers receive.
    let found = scan(BLOCKS_AND_VARARGS);
    let at = |m| line_of(BLOCKS_AND_VARARGS, m);
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// types")),
        "{found:?}"
    );
    assert!(has(&found, "PI001", at("// names"), "account"), "{found:?}");
    assert!(
        has(&found, "PI001", at("// vararg"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// observed"), "device.id"),
        "{found:?}"
    );
}

const BLOCKS_RUN_BY_CALLEES: &str = r#"package app

import android.app.Activity
import android.location.Location
import android.util.Log
import okhttp3.Response
import com.example.common.R as commonR

data class Contact(val name: String, val phone: String) {
    override fun hashCode(): Int = arrayOf(name, phone).contentHashCode()
}

class Main : Activity() {
    private fun <T> withRetry(tag: String, block: (Int) -> T): T? {
        for (attempt in 0 until 3) {
            try {
                return block(attempt)
            } catch (e: Exception) {
            }
        }
        return null
    }

    fun report(location: Location) {
        share(location.latitude)
    }

    private fun share(lat: Double) {
        withRetry("share") { n -> Log.i("M", "try $n at $lat") } // run by callee
    }

    fun misc(contact: Contact, response: Response) {
        Log.i("M", "hash " + contact.hashCode()) // hash
        Log.i("M", getString(commonR.string.continue_on_phone)) // resource
        val location = response.header("Location")
        Log.i("M", "redirected to $location") // url
    }
}
"#;

#[test]
fn blocks_run_by_callees_hash_codes_resource_ids_and_untyped_locations() {
    // A block handed to a function of the app that calls it runs during the call,
    // with what its caller holds; a hash code is a digest; an aliased R class's
    // fields are ids; a `location` of unknown type (an HTTP header) is no place.
    let found = scan(BLOCKS_RUN_BY_CALLEES);
    let at = |m| line_of(BLOCKS_RUN_BY_CALLEES, m);
    assert!(
        has(&found, "PI001", at("// run by callee"), "location.precise"),
        "{found:?}"
    );
    for quiet in ["// hash", "// resource", "// url"] {
        assert!(
            !found.iter().any(|f| f.0 == "PI001" && f.1 == at(quiet)),
            "{quiet}: {found:?}"
        );
    }
}

const INJECTED_COPIED_AND_MEASURED: &str = r#"package app

import android.content.Context
import android.provider.Settings
import android.telephony.TelephonyManager
import android.util.Log
import androidx.health.services.client.PassiveListenerCallback
import androidx.health.services.client.data.DataPointContainer
import dagger.Module
import dagger.Provides
import javax.inject.Inject
import javax.inject.Named
import javax.inject.Qualifier

@Qualifier
annotation class NamedDeviceId

@Module
object DataModule {
    @Provides
    @NamedDeviceId
    fun provideDeviceId(context: Context): String =
        Settings.Secure.getString(context.contentResolver, Settings.Secure.ANDROID_ID)

    @Provides
    @Named("flavor")
    fun provideFlavor(): String = "full"
}

data class Sensor(val id: String, val state: String)

class Repo @Inject constructor(
    @NamedDeviceId private val deviceId: String,
    @Named("flavor") private val flavor: String,
) {
    fun register() {
        Log.i("R", "registering $deviceId") // injected
        Log.i("R", "flavor $flavor") // constant
    }

    fun update(sensors: List<Sensor>, tm: TelephonyManager) {
        val state = tm.imei
        sensors.forEach {
            val sensor = it.copy(state = state)
            Log.i("R", "sensor $sensor") // copied
        }
    }
}

class Passive : PassiveListenerCallback {
    override fun onNewDataPointsReceived(dataPoints: DataPointContainer) {
        Log.d("P", "data $dataPoints") // measured
    }
}

class Monitor {
    fun start(client: androidx.health.services.client.PassiveMonitoringClient) {
        client.setPassiveListenerCallback(Passive())
    }
}
"#;

#[test]
fn injected_values_copies_of_untyped_elements_and_health_services_readings() {
    // A qualified `@Provides` value reaches the `@Inject` constructor parameter with
    // the same qualifier; `copy(state = x)` of an element of unknown type carries x;
    // Health Services hands its readings to the app's callback.
    let found = scan(INJECTED_COPIED_AND_MEASURED);
    let at = |m| line_of(INJECTED_COPIED_AND_MEASURED, m);
    assert!(
        has(&found, "PI001", at("// injected"), "device.id"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// constant")),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// copied"), "device.id"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// measured"), "health"),
        "{found:?}"
    );
}

const INTERCEPTORS_COUNTS_AND_RESULTS: &str = r#"package app

import android.telephony.TelephonyManager
import android.util.Log
import androidx.room.Dao
import androidx.room.Insert
import androidx.room.Query
import com.google.firebase.Firebase
import com.google.firebase.analytics.analytics
import com.google.firebase.analytics.logEvent
import okhttp3.OkHttpClient

data class Customer(val email: String)

@Dao
interface CustomerDao {
    @Insert
    fun insert(c: Customer)

    @Query("SELECT COUNT(*) FROM customers")
    fun count(): Int
}

class Net(private val tm: TelephonyManager, private val dao: CustomerDao) {
    private val analytics = Firebase.analytics

    fun client(): OkHttpClient {
        val id = tm.imei
        return OkHttpClient.Builder()
            .addInterceptor { chain ->
                chain.proceed(chain.request().newBuilder().header("X-Id", id).build()) // intercepted
            }
            .build()
    }

    fun save(email: String) {
        dao.insert(Customer(email))
        Log.i("N", "customers: ${dao.count()}") // counted
    }

    fun tag() {
        runCatching { tm.line1Number }.onSuccess { line -> Log.i("N", "line $line") } // succeeded
        analytics.logEvent("contact") { // logged
            param("line", tm.line1Number)
        }
    }
}
"#;

#[test]
fn interceptors_row_counts_results_and_firebase_ktx() {
    // An interceptor lambda's chain sends the request it rebuilt; a COUNT query hands
    // back no row; `onSuccess` receives the Result's value; `Firebase.analytics` is a
    // FirebaseAnalytics whose `logEvent { param(..) }` sends the params.
    let found = scan(INTERCEPTORS_COUNTS_AND_RESULTS);
    let at = |m| line_of(INTERCEPTORS_COUNTS_AND_RESULTS, m);
    assert!(
        has(&found, "PI001", at("// intercepted"), "device.id"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// counted")),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// succeeded"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// logged"), "phone_number"),
        "{found:?}"
    );
}

const SINGLETON: &str = r#"package app

import android.accounts.AccountManager
import android.content.Context
import android.util.Log

class Session private constructor() {
    var account: String? = null
    var locale: String = "en"

    companion object {
        @Volatile private var instance: Session? = null
        fun get(): Session = instance ?: synchronized(this) { instance ?: Session().also { instance = it } }
    }
}

class Login {
    fun go(ctx: Context) {
        val accounts = AccountManager.get(ctx).getAccountsByType("com.example")
        Session.get().account = accounts[0].name
    }

    fun show() {
        Log.i("S", "locale " + Session.get().locale) // locale
        Log.i("S", "user " + Session.get().account) // account
    }
}
"#;

#[test]
fn a_singleton_is_one_object_however_it_is_reached() {
    // Each `Session.get()` hands back the one instance its companion keeps: what one
    // call stores, another call's object holds. Its other fields stay apart.
    let found = scan(SINGLETON);
    let at = |m| line_of(SINGLETON, m);
    assert!(
        has(&found, "PI001", at("// account"), "account"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// locale")),
        "{found:?}"
    );
}

const COMPOSE_STATE: &str = r#"package app

import android.util.Log
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue

data class UiState(
    val displayName: String = "",
    val username: String = "",
    val password: String = "",
    val isLoading: Boolean = false,
)

class LoginModel {
    var state by mutableStateOf(UiState())
        private set

    fun login(password: String) {
        state = state.copy(password = password)
    }

    fun show() {
        state = state.copy(isLoading = true)
        Log.i("L", "name " + state.displayName) // name
        Log.i("L", "secret " + state.password) // secret
    }
}
"#;

#[test]
fn a_property_delegated_to_compose_state_is_the_state_object() {
    // `by mutableStateOf(UiState())` makes a `UiState`, kept field by field: its
    // display name is not its password.
    let found = scan(COMPOSE_STATE);
    let at = |m| line_of(COMPOSE_STATE, m);
    assert!(
        has(&found, "PI001", at("// secret"), "credentials"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.0 == "PI001" && f.1 == at("// name")),
        "{found:?}"
    );
}

const FUNCTION_VALUES: &str = r#"package app

import android.content.ContentResolver
import android.provider.ContactsContract
import android.telephony.SmsManager
import android.util.Log

class Reader(private val resolver: ContentResolver) {
    fun forEachPhone(block: (String) -> Unit) {
        val cursor = resolver.query(ContactsContract.CommonDataKinds.Phone.CONTENT_URI, null, null, null, null) ?: return
        cursor.use {
            while (it.moveToNext()) {
                block(it.getString(0))
            }
        }
    }
}

class Invites(private val reader: Reader, private val sms: SmsManager) {
    private val inviter: (String) -> Unit = { number ->
        sms.sendTextMessage(number, null, "join me", null, null) // property block
    }

    fun all() {
        reader.forEachPhone(inviter)
        val numbers = mutableListOf<String>()
        reader.forEachPhone { numbers.add(it) }
        numbers.forEach(::queued)
        val sink: (String) -> Unit = ::audit
        numbers.firstOrNull()?.let(sink)
    }

    private fun queued(number: String) {
        Log.d("I", "queued $number") // method reference
    }

    private fun audit(entry: String) {
        Log.w("I", "first $entry") // held reference
    }
}
"#;

#[test]
fn function_values_run_where_they_are_handed() {
    // A block a function calls inside another block (`cursor.use { block(..) }`)
    // receives what it is called with; a property holding a block is that block when
    // passed on; a method reference runs its method on each element, also held in a
    // variable first.
    let found = scan(FUNCTION_VALUES);
    let at = |m| line_of(FUNCTION_VALUES, m);
    assert!(
        has(&found, "PI001", at("// property block"), "contacts"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// method reference"), "contacts"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// held reference"), "contacts"),
        "{found:?}"
    );
}

const MAP_SUBCLASS: &str = r#"package app

import android.util.Log

class ContactCache : HashMap<String, String?>() {
    fun remember(key: String, phoneNumber: String) {
        set(key, phoneNumber) // own map
        Log.i("C", "cached $phoneNumber") // logged
    }
}
"#;

#[test]
fn a_call_in_a_subclass_of_an_unknown_library_class_is_no_sdk_call() {
    // `set(..)` in a `HashMap` subclass is the map's, not an analytics SDK's `set`.
    let found = scan(MAP_SUBCLASS);
    let at = |m| line_of(MAP_SUBCLASS, m);
    assert!(!found.iter().any(|f| f.1 == at("// own map")), "{found:?}");
    assert!(
        has(&found, "PI001", at("// logged"), "phone_number"),
        "{found:?}"
    );
}

const LEVELS: &str = r#"package app

import android.telephony.TelephonyManager
import android.util.Log

object L {
    private val LEVEL_V: Level = object : Level() {
        override fun write(msg: String) {
            Log.v("app", msg) // verbose
        }
    }
    private val LEVEL_D: Level = object : Level() {
        override fun write(msg: String) {
            Log.d("app", msg) // debug
        }
    }

    fun v(msg: String) { LEVEL_V.log(msg) }
    fun d(msg: String) { LEVEL_D.log(msg) }

    private abstract class Level {
        abstract fun write(msg: String)
        fun log(msg: String) {
            write("[app] $msg")
        }
    }
}

class Screen(private val tm: TelephonyManager) {
    fun show() {
        L.d("imei " + tm.imei)
    }
}
"#;

#[test]
fn an_inherited_method_runs_the_overrides_of_the_object_it_runs_on() {
    // `LEVEL_D.log(..)` is `Level.log` on the debug level: the `write` it calls on
    // `this` is the debug level's, not every level's.
    let found = scan(LEVELS);
    let at = |m| line_of(LEVELS, m);
    assert!(
        has(&found, "PI001", at("// debug"), "device.id"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// verbose")),
        "{found:?}"
    );
}

const RETROFIT_BASES: &str = r#"package app

import android.telephony.TelephonyManager
import retrofit2.Retrofit
import retrofit2.http.Body
import retrofit2.http.HTTP
import retrofit2.http.POST

interface Api {
    @POST("/v4/register")
    suspend fun register(@Body phone: String)

    @HTTP(method = "DELETE", path = "user/phone", hasBody = true)
    suspend fun forget(@Body phone: String)
}

class Client(private val tm: TelephonyManager) {
    private val api = Retrofit.Builder().baseUrl("https://api.example.com/v3/").build().create(Api::class.java)

    suspend fun go() {
        api.register(tm.line1Number) // register
        api.forget(tm.line1Number) // forget
    }
}
"#;

#[test]
fn retrofit_paths_resolve_against_the_base_url_as_retrofit_does() {
    let report = common::scan_files(&[("app/src/main/java/app/Main.kt", RETROFIT_BASES)]);
    let at = |m| line_of(RETROFIT_BASES, m);
    let message = |line: u64| -> String {
        report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["rule"] == "PI001" && f["line"].as_u64() == Some(line))
            .map(|f| f["message"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // A leading `/` replaces the base's path; `@HTTP` names its method, then its path.
    assert!(
        message(at("// register")).contains("https://api.example.com/v4/register"),
        "{report}"
    );
    assert!(
        message(at("// forget")).contains("https://api.example.com/v3/user/phone"),
        "{report}"
    );
}

const CUSTOM_SETTER: &str = r#"package app

import android.telephony.TelephonyManager
import android.util.Log

class Session {
    var phone: String = ""
        set(value) {
            field = value.trim()
            Log.i("S", "phone bound: $value") // setter
        }

    var screen: String = "home"
        set(value) {
            field = value
            Log.d("S", "screen $value") // other setter
        }
}

class Binder(private val tm: TelephonyManager) {
    val session = Session()

    fun bind() {
        session.phone = tm.line1Number.orEmpty()
        session.screen = "verify"
    }
}
"#;

#[test]
fn assigning_a_property_runs_its_custom_setter() {
    let found = scan(CUSTOM_SETTER);
    let at = |m| line_of(CUSTOM_SETTER, m);
    assert!(
        has(&found, "PI001", at("// setter"), "phone_number"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// other setter")),
        "{found:?}"
    );
}

const RECEIVER_BLOCKS: &str = r#"package app

import android.app.Activity
import android.content.Intent
import android.content.SharedPreferences
import android.telephony.TelephonyManager
import androidx.core.content.edit

class Store(private val prefs: SharedPreferences) {
    fun remember(email: String) {
        // The block's `putString` is the Editor's, not this class's own below.
        prefs.edit { putString("remembered", email) } // editor
    }

    protected fun putString(key: String, value: String?) {
        prefs.edit { putString(key, value) }
    }
}

fun Activity.shareNumber(tm: TelephonyManager) {
    Intent().apply {
        putExtra("phone", tm.line1Number)
        // `startActivity` is the extension's Activity's: an Intent has none.
        startActivity(this) // outer receiver
    }
}

class Dialer : Activity() {
    fun call(tm: TelephonyManager) {
        Intent().apply {
            putExtra("phone", tm.line1Number)
            startActivity(this) // class receiver
        }
    }

    fun edit(tm: TelephonyManager) {
        val i = Intent(Intent.ACTION_VIEW)
        i.apply { putExtra("phone", tm.line1Number) }
        startActivity(i) // same object
    }
}
"#;

#[test]
fn an_unqualified_call_in_a_block_goes_to_the_receiver_that_has_it() {
    let found = scan(RECEIVER_BLOCKS);
    let at = |m| line_of(RECEIVER_BLOCKS, m);
    assert!(has(&found, "PI001", at("// editor"), "email"), "{found:?}");
    for m in ["// outer receiver", "// class receiver", "// same object"] {
        assert!(
            has(&found, "PI001", at(m), "phone_number"),
            "{m}: {found:?}"
        );
    }
}

const LIBRARY_CHAINS: &str = r#"package app

import android.util.Log
import com.vendor.vault.CipherView

class Copier {
    fun copy(cv: CipherView) {
        Log.d("vault", cv.login?.password ?: "") // chain
    }

    fun copyLater(cv: CipherView) {
        val login = cv.login
        Log.d("vault", login.password) // through a local
    }

    fun state(flow: kotlinx.coroutines.flow.StateFlow<Any>) {
        // Not AccountManager.getAccounts(): a property of an unknown object.
        Log.d("vault", "${flow.value.accounts}") // no api
    }
}
"#;

#[test]
fn a_property_read_out_of_a_library_object_is_named_data() {
    let found = scan(LIBRARY_CHAINS);
    let at = |m| line_of(LIBRARY_CHAINS, m);
    for m in ["// chain", "// through a local"] {
        assert!(has(&found, "PI001", at(m), "credentials"), "{m}: {found:?}");
    }
    assert!(
        !found.iter().any(|f| f.0 == "PI101"),
        "no platform API by a property's name: {found:?}"
    );
}

const EXTENSION_RECEIVER: &str = r#"package app

import android.content.ContentValues
import android.content.Context
import android.content.SharedPreferences
import android.provider.Telephony.Sms
import android.telephony.TelephonyManager
import androidx.documentfile.provider.DocumentFile

fun Context.storeNumber(tm: TelephonyManager) {
    val v = ContentValues().apply { put(Sms.ADDRESS, tm.line1Number) }
    // `contentResolver` is the receiver's: a ContentResolver.
    contentResolver.insert(Sms.CONTENT_URI, v) // implicit property
}

fun Context.storeNumberAgain(tm: TelephonyManager) {
    val v = ContentValues().apply { put(Sms.ADDRESS, tm.line1Number) }
    this.contentResolver.insert(Sms.CONTENT_URI, v) // this property
}

class Backups(private val prefs: SharedPreferences) {
    fun where(): String? = prefs.getString("pref_backups_location", null)

    fun save(itemLocation: DocumentFile, log: (String) -> Unit) {
        android.util.Log.i("B", "backup in ${where()} and ${itemLocation.uri}") // folders
    }
}
"#;

#[test]
fn an_extension_function_reads_its_receiver_s_properties() {
    let found = scan(EXTENSION_RECEIVER);
    let at = |m| line_of(EXTENSION_RECEIVER, m);
    for m in ["// implicit property", "// this property"] {
        assert!(
            has(&found, "PI001", at(m), "phone_number"),
            "{m}: {found:?}"
        );
    }
    assert!(
        !found.iter().any(|f| f.1 == at("// folders")),
        "a folder is no location: {found:?}"
    );
}

const STREAM_HANDED: &str = r#"package app

import android.content.Context
import android.net.Uri
import android.provider.Telephony.Sms
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.encodeToStream

class Export(private val context: Context) {
    fun export(uri: Uri) {
        val c = context.contentResolver.query(Sms.CONTENT_URI, arrayOf(Sms.BODY), null, null, null) ?: return
        val bodies = mutableListOf<String>()
        while (c.moveToNext()) bodies.add(c.getString(0))
        context.contentResolver.openOutputStream(uri)?.use { os ->
            Json.encodeToStream(bodies, os) // serialised into the stream
        }
    }
}
"#;

#[test]
fn data_handed_to_a_call_beside_a_stream_is_written_there() {
    let found = scan(STREAM_HANDED);
    let at = line_of(STREAM_HANDED, "// serialised into the stream");
    assert!(has(&found, "PI001", at, "sms"), "{found:?}");
}

const UNTYPED_OBJECTS: &str = r#"package app

import android.util.Log

class Members(private val api: MembersApi) {
    suspend fun sync(group: String) {
        val members = api.all(group)
        val owner = members.first { it.isAdmin }
        Log.i("M", "owner at ${owner.phoneNumber}") // element
        val all = members.map { it.email }
        api.invite(all.joinToString(",")) // in a block
        members.firstOrNull()?.phoneNumber?.let { Log.w("M", "first $it") } // safe call
        Log.i("M", "admins=${members.count { it.isAdmin }} of ${members.size}") // counts
    }

    fun debug(card: Card) {
        val cleared = card.copy(msisdn = "")
        Log.d("M", "card ${cleared.msisdn}") // cleared by copy
    }

    fun join(state: JoinState, states: List<JoinState>) {
        api.invite(state.fromEmailInvite?.token ?: "") // a typed object's chain
        states.forEach { api.invite(it.fromEmailInvite?.token ?: "") } // in a block, a chain
        api.invite(state.fromEmailInvite?.email ?: "") // a chain's end
    }
}

data class Card(val label: String, val msisdn: String)

interface MembersApi {
    @retrofit2.http.GET("members")
    suspend fun all(@retrofit2.http.Query("g") group: String): List<Member>

    @retrofit2.http.POST("invite")
    suspend fun invite(@retrofit2.http.Query("emails") emails: String)
}
"#;

#[test]
fn a_property_named_like_data_of_an_object_of_unknown_type_is_that_data() {
    // `owner.phoneNumber` as Java's `owner.getPhoneNumber()`: an element of a list of
    // a type the IR does not keep is an object like any library one.
    let found = scan(UNTYPED_OBJECTS);
    let at = |m| line_of(UNTYPED_OBJECTS, m);
    assert!(
        has(&found, "PI001", at("// element"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// in a block"), "email"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// safe call"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// a chain's end"), "email"),
        "{found:?}"
    );
    // An object a chain passes through is not what its name says it holds.
    for m in [
        "// counts",
        "// cleared by copy",
        "// a typed object's chain",
        "// in a block, a chain",
    ] {
        assert!(!found.iter().any(|f| f.1 == at(m)), "{m}: {found:?}");
    }
}

const EXTENSION_PROPERTY: &str = r#"package app

import android.content.Context
import android.provider.Settings
import android.util.Log

val Context.deviceId: String
    get() = Settings.Secure.getString(contentResolver, Settings.Secure.ANDROID_ID)

fun String.asBearer(): String = "Device $this"

class Sync(private val context: Context) {
    fun auth() {
        Log.i("S", context.deviceId.asBearer()) // read through the getter
    }
}
"#;

#[test]
fn reading_an_extension_property_runs_its_getter() {
    let found = scan(EXTENSION_PROPERTY);
    let at = line_of(EXTENSION_PROPERTY, "// read through the getter");
    assert!(has(&found, "PI301", at, "device.id"), "{found:?}");
}

const BLOCK_RECEIVER_ASSIGNMENT: &str = r#"package app

import io.sentry.Sentry
import io.sentry.protocol.User

class Login {
    fun signedIn(email: String, res: Session) {
        Sentry.setUser(User().apply { this.email = email }) // this.property
        Sentry.setUser(User().apply { id = res.userId; username = res.phoneNumber }) // property
        Sentry.setUser(User().apply { id = "anonymous" }) // constant
    }
}

class Session(val userId: String, val phoneNumber: String)
"#;

#[test]
fn an_assignment_in_a_block_with_a_receiver_sets_the_receiver_s_property() {
    let found = scan(BLOCK_RECEIVER_ASSIGNMENT);
    let at = |m| line_of(BLOCK_RECEIVER_ASSIGNMENT, m);
    assert!(
        has(&found, "PI001", at("// this.property"), "email"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "PI001" && f.1 == at("// property")),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.1 == at("// constant")), "{found:?}");
}

const SENSOR_THROUGH_LET: &str = r#"package app

import android.content.Context
import android.hardware.Sensor
import android.hardware.SensorEvent
import android.hardware.SensorEventListener
import android.hardware.SensorManager
import android.util.Log

class AmbientLight(context: Context) : SensorEventListener {
    private val sm = context.getSystemService(Context.SENSOR_SERVICE) as SensorManager

    fun start() {
        sm.getDefaultSensor(Sensor.TYPE_LIGHT)?.let { light ->
            sm.registerListener(this, light, SensorManager.SENSOR_DELAY_NORMAL)
        }
    }

    override fun onSensorChanged(event: SensorEvent) {
        Log.v("AmbientLight", "lux=${event.values[0]}") // light
    }

    override fun onAccuracyChanged(sensor: Sensor?, accuracy: Int) = Unit
}
"#;

#[test]
fn a_sensor_registered_through_a_block_parameter_is_known_by_its_type() {
    let found = scan(SENSOR_THROUGH_LET);
    let at = |m| line_of(SENSOR_THROUGH_LET, m);
    assert!(!found.iter().any(|f| f.1 == at("// light")), "{found:?}");
    // The same listener registered for a heart-rate sensor reads health data.
    let pulse = SENSOR_THROUGH_LET
        .replace("TYPE_LIGHT", "TYPE_HEART_RATE")
        .replace("{ light ->", "{")
        .replace("this, light,", "this, it,");
    let found = scan(&pulse);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "PI301" && f.1 == at("// light")),
        "{found:?}"
    );
}

const CALLBACKS: &str = r#"package app

import android.content.Context
import android.provider.CallLog.Calls
import android.util.Log
import org.example.commons.ensureBackgroundThread

class Row(val number: String)

class CallLogRepo(private val context: Context) {
    private fun read(): List<Row> {
        val out = ArrayList<Row>()
        val c = context.contentResolver.query(Calls.CONTENT_URI, null, null, null, null) ?: return out
        while (c.moveToNext()) out.add(Row(c.getString(c.getColumnIndexOrThrow(Calls.NUMBER))))
        return out
    }

    fun load(previous: List<Row> = ArrayList(), limit: Int = 100, callback: (List<Row>) -> Unit) {
        callback(read())
    }

    fun loadLater(callback: (List<Row>) -> Unit) {
        ensureBackgroundThread { callback(read()) }
    }
}

class Screen(private val context: Context) {
    fun show() {
        CallLogRepo(context).load { rows -> Log.d("A", rows.first().number) } // defaults left
        CallLogRepo(context).load(limit = 5) { rows -> Log.d("B", rows.first().number) } // named
        CallLogRepo(context).load(limit = 5) { rows -> Log.d("D", "n=${rows.size}") } // size
        CallLogRepo(context).loadLater { rows -> Log.d("C", rows.first().number) } // relayed
    }
}
"#;

#[test]
fn a_trailing_block_is_the_last_parameter_and_a_library_runs_what_it_is_handed() {
    // `load { }` with the parameters before the block left to their defaults hands the
    // block to `callback`; `execute { callback(..) }` runs the block, which calls it.
    let found = scan(CALLBACKS);
    let at = |m| line_of(CALLBACKS, m);
    for m in ["// defaults left", "// named", "// relayed"] {
        assert!(has(&found, "PI301", at(m), "call_log"), "{m}: {found:?}");
    }
    assert!(!found.iter().any(|f| f.1 == at("// size")), "{found:?}");
}

const SEALED_ACTIONS: &str = r#"package app

import android.util.Log

sealed class Action {
    data class ResetPassword(val email: String, val newPassword: String) : Action()
    data class UpdateDisplayName(val displayName: String) : Action()
}

class Vm {
    fun handle(action: Action) {
        when (action) {
            is Action.ResetPassword -> reset(action.email)
            is Action.UpdateDisplayName -> rename(action.displayName)
        }
    }

    private fun reset(address: String) { Log.i("Vm", "reset for $address") } // reset
    private fun rename(label: String) { Log.i("Vm", "renamed to $label") } // rename
}

class Screen(private val vm: Vm) {
    fun submit(email: String, pw: String) = vm.handle(Action.ResetPassword(email, pw))
    fun other(label: String) = vm.handle(Action.UpdateDisplayName(label))
}
"#;

#[test]
fn a_case_of_a_sealed_class_hands_on_the_property_read_not_the_whole_object() {
    let found = scan(SEALED_ACTIONS);
    let at = |m| line_of(SEALED_ACTIONS, m);
    assert!(has(&found, "PI301", at("// reset"), "email"), "{found:?}");
    assert!(
        !has(&found, "PI301", at("// reset"), "credentials"),
        "the new password is another property: {found:?}"
    );
    assert!(!found.iter().any(|f| f.1 == at("// rename")), "{found:?}");
}

const LIBRARY_BASE_ACTIVITY: &str = r#"package app

import android.content.Intent
import android.net.Uri
import android.provider.ContactsContract
import org.example.commons.activities.BaseSimpleActivity

class ExportActivity : BaseSimpleActivity() {
    fun export(phoneNumber: String, uri: Uri) {
        val out = contentResolver.openOutputStream(uri)!!
        out.use { it.write(phoneNumber.toByteArray()) } // inherited property
    }

    fun add(email: String) {
        val i = Intent(Intent.ACTION_INSERT, ContactsContract.Contacts.CONTENT_URI)
        i.putExtra(ContactsContract.Intents.Insert.EMAIL, email)
        startActivity(i) // inherited method
    }
}
"#;

#[test]
fn an_activity_extending_a_library_base_activity_is_an_activity() {
    // A shared library's `BaseSimpleActivity` is named as Android names activities:
    // what its subclasses call on themselves are Activity's methods.
    let found = scan(LIBRARY_BASE_ACTIVITY);
    let at = |m| line_of(LIBRARY_BASE_ACTIVITY, m);
    assert!(
        has(&found, "PI001", at("// inherited property"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// inherited method"), "email"),
        "{found:?}"
    );
}

#[test]
fn the_class_of_a_value_is_not_its_data() {
    // An error naming the type of a location (`value.javaClass.canonicalName`)
    // carries none of its content to the handler that logs it.
    let text = r#"package app

import android.database.sqlite.SQLiteStatement
import android.location.Location
import android.util.Log

class RowWriter(private val stmt: SQLiteStatement) {
    private fun bind(i: Int, value: Any?) {
        when (value) {
            null -> stmt.bindNull(i)
            is Long -> stmt.bindLong(i, value)
            else -> {
                val valueType = value.javaClass.canonicalName
                throw IllegalArgumentException("Illegal value type $valueType at column $i")
            }
        }
    }

    fun onLocationChanged(location: Location) {
        try {
            bind(1, location)
        } catch (e: IllegalArgumentException) {
            Log.e("RowWriter", "Unable to save", e)
        }
        Log.e("RowWriter", "at $location")
    }
}
"#;
    let found = scan(text);
    let line = |marker: &str| common::line_of(text, marker);
    assert!(
        !found.iter().any(|f| f.1 == line("Unable to save")),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", line("at $location"), "location.precise"),
        "{found:?}"
    );
}

#[test]
fn a_block_parameter_is_typed_by_the_function_type_it_is_given_for() {
    // `transaction { it.insert(..) }`: `it` is the database the callee's
    // `(SQLiteDatabase) -> T` says it passes.
    let text = r#"package app

import android.content.ContentValues
import android.database.sqlite.SQLiteDatabase
import android.widget.EditText

class Tx(private val emailField: EditText, private val db: SQLiteDatabase) {
    private fun <T> transaction(block: (SQLiteDatabase) -> T): T = block(db)

    fun save() {
        val values = ContentValues().apply { put("email", emailField.text.toString()) }
        transaction { it.insert("accounts", null, values) } // stored
    }
}
"#;
    let found = scan(text);
    let line = common::line_of(text, "// stored");
    assert!(has(&found, "PI001", line, "email"), "{found:?}");
}

#[test]
fn a_parameter_every_call_gives_a_constant_is_not_personal_data() {
    // `email` is the developer's own address at every call; `phone` is typed by the
    // user at one of them.
    let text = r#"package app

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.widget.EditText

const val CRASH_REPORT_ADDRESS = "crashes@example.org"

fun sendEmail(activity: Activity, email: String, subject: String) {
    val intent = Intent(Intent.ACTION_SENDTO).apply {
        data = Uri.parse("mailto:")
        putExtra(Intent.EXTRA_EMAIL, arrayOf(email))
        putExtra(Intent.EXTRA_SUBJECT, subject)
    }
    activity.startActivity(intent) // constant
}

fun dial(activity: Activity, phone: String) {
    activity.startActivity(Intent(Intent.ACTION_DIAL, Uri.parse("tel:$phone"))) // typed
}

class Feedback(private val activity: Activity, private val phoneField: EditText) {
    fun feedback() = sendEmail(activity, "dev@example.org", "Feedback")
    fun crash() = sendEmail(activity, CRASH_REPORT_ADDRESS, "Crash report")
    fun support() = dial(activity, "+4930123456")
    fun callBack() = dial(activity, phoneField.text.toString())
}
"#;
    let found = scan(text);
    let at = |marker: &str| common::line_of(text, marker);
    assert!(!found.iter().any(|f| f.1 == at("// constant")), "{found:?}");
    assert!(
        has(&found, "PI001", at("// typed"), "phone_number"),
        "{found:?}"
    );
}

#[test]
fn an_extension_function_runs_on_its_own_receiver_type() {
    // Two `toEntity()` extensions: only the account's copies personal data, and
    // the placeholder's call runs the placeholder's.
    let text = r#"package app

import android.util.Log

data class Account(val id: String, val username: String)
data class AccountEntity(val serverId: String, val username: String)
data class Placeholder(val id: String, val loading: Boolean)
data class PlaceholderEntity(val id: String, val loading: Boolean)

fun Account.toEntity() = AccountEntity(serverId = id, username = username)
fun Placeholder.toEntity() = PlaceholderEntity(id = id, loading = loading)

class Cache {
    fun cache(account: Account, lastId: String) {
        Log.d("c", "${account.toEntity()}") // account
        Log.d("c", "${Placeholder(lastId, loading = false).toEntity()}") // placeholder
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| common::line_of(text, marker);
    assert!(
        has(&found, "PI001", at("// account"), "account"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.1 == at("// placeholder")),
        "{found:?}"
    );
}

#[test]
fn a_query_reads_back_only_the_columns_it_selects() {
    // The row holds a user's handle; `SELECT id` reads the notification id only.
    let text = r#"package app

import android.util.Log
import androidx.room.Dao
import androidx.room.Insert
import androidx.room.Query

data class NotificationEntity(val id: String, val accountUsername: String)

@Dao
interface NotificationsDao {
    @Insert fun insertNotification(entity: NotificationEntity)

    @Query("SELECT id FROM NotificationEntity ORDER BY id DESC LIMIT 1")
    fun getTopId(): String?

    @Query("SELECT account_username FROM NotificationEntity ORDER BY id DESC LIMIT 1")
    fun getLastSender(): String?

    @Query("SELECT * FROM NotificationEntity")
    fun all(): List<NotificationEntity>
}

class NotificationSync(private val dao: NotificationsDao) {
    fun sync(id: String, accountUsername: String) {
        dao.insertNotification(NotificationEntity(id, accountUsername))
        Log.d("Sync", "top " + dao.getTopId()) // id only
        Log.d("Sync", "newest from " + dao.getLastSender()) // sender
        Log.d("Sync", "all " + dao.all()) // rows
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| common::line_of(text, marker);
    assert!(!found.iter().any(|f| f.1 == at("// id only")), "{found:?}");
    assert!(
        has(&found, "PI001", at("// sender"), "account"),
        "{found:?}"
    );
    assert!(has(&found, "PI001", at("// rows"), "account"), "{found:?}");
}

#[test]
fn blocks_run_on_their_receiver_and_extensions_and_constructor_parameters_are_typed() {
    // `api.runCatching { signIn(..) }` calls `api.signIn`; a property initialised
    // from an extension function (`application.getLoginPreferences()`) or from a
    // constructor parameter (`db.userDao()`) is of the type it returns.
    let text = r#"package app

import android.app.Application
import android.content.Context
import android.content.SharedPreferences
import androidx.core.content.edit
import retrofit2.http.Field
import retrofit2.http.FormUrlEncoded
import retrofit2.http.POST

interface AuthApi {
    @FormUrlEncoded
    @POST("session")
    suspend fun signIn(@Field("user") username: String, @Field("password") password: String): String
}

fun Context.getLoginPreferences(): SharedPreferences = getSharedPreferences("login", 0)

class UserDao {
    fun count(name: String): Int = 0
}
abstract class AppDatabase {
    abstract fun userDao(): UserDao
}

class LoginModel(application: Application, db: AppDatabase, private val api: AuthApi) {
    private val prefs = application.getLoginPreferences()
    private val dao = db.userDao()

    suspend fun login(username: String, password: String) {
        api.runCatching { signIn(username, password) } // sign in
        prefs.edit { putString("pass", password) } // stored
        android.util.Log.d("Login", "users " + dao.count(username)) // count
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| common::line_of(text, marker);
    assert!(
        has(&found, "PI001", at("// sign in"), "credentials"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI001", at("// stored"), "credentials"),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.1 == at("// count")), "{found:?}");
}

#[test]
fn a_superclass_s_property_initialisers_run_and_custom_tabs_and_compat_starts_are_sinks() {
    // Every event carries the ANDROID_ID its abstract superclass's property reads; a
    // Custom Tab hands its URL to the browser; `ContextCompat.startForegroundService`
    // starts another app's service.
    let text = r#"package app

import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.provider.Settings
import androidx.browser.customtabs.CustomTabsIntent
import androidx.core.content.ContextCompat
import retrofit2.http.Body
import retrofit2.http.POST

object App {
    lateinit var context: Context
}

abstract class AnalyticsEvent {
    val deviceId: String = Settings.Secure.getString(App.context.contentResolver, Settings.Secure.ANDROID_ID)
}

class ClickEvent(val action: String) : AnalyticsEvent()

interface EventService {
    @POST("v1/events")
    suspend fun postEvent(@Body event: ClickEvent)
}

class Sender(private val service: EventService, private val context: Context) {
    suspend fun click() {
        service.postEvent(ClickEvent("tap")) // event
    }

    fun donate(email: String) {
        val url = "https://donate.example.org/?email=" + Uri.encode(email)
        CustomTabsIntent.Builder().build().launchUrl(context, Uri.parse(url)) // tab
        CustomTabsIntent.Builder().build().launchUrl(context, Uri.parse("https://example.org/help")) // help
    }

    fun sync(email: String) {
        val intent = Intent().apply {
            component = ComponentName("com.example.sync", "com.example.sync.SyncService")
            putExtra("email", email)
        }
        ContextCompat.startForegroundService(context, intent) // sync
    }
}
"#;
    let found = scan(text);
    let at = |marker: &str| common::line_of(text, marker);
    assert!(
        has(&found, "PI001", at("// event"), "device.id"),
        "{found:?}"
    );
    assert!(has(&found, "PI001", at("// tab"), "email"), "{found:?}");
    assert!(!found.iter().any(|f| f.1 == at("// help")), "{found:?}");
    assert!(has(&found, "PI001", at("// sync"), "email"), "{found:?}");
}

#[test]
fn properties_derived_from_a_flow_hold_what_is_put_in_it_later() {
    // `val header = account.map { .. }.stateIn(..)` is made when `account` is still
    // empty, but it is a view of the same flow: what `load()` puts in it later is
    // what `header` hands on. So are a channel's `receiveAsFlow()` and what
    // `tryEmit` puts in a shared flow. A support line is the business's number.
    let found = scan(
        r#"package app

import android.accounts.AccountManager
import android.util.Log
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.receiveAsFlow
import kotlinx.coroutines.flow.stateIn

class HomeViewModel(private val am: AccountManager) : ViewModel() {
    private val account = MutableStateFlow("")
    val header = account.map { "Hi $it" }.stateIn(viewModelScope, SharingStarted.Eagerly, "")
    private val _events = Channel<String>(Channel.BUFFERED)
    val events = _events.receiveAsFlow()
    private val _toasts = MutableSharedFlow<String>(extraBufferCapacity = 1)
    val toasts = _toasts

    fun load() {
        account.value = am.accounts[0].name
        _events.trySend(am.accounts[0].name)
        _toasts.tryEmit(am.accounts[0].name)
    }

    suspend fun show(supportPhone: String) {
        Log.d("a", header.value)
        events.collect { e -> Log.d("b", e) }
        toasts.collect { t -> Log.d("c", t) }
        Log.d("d", "call us at $supportPhone")
    }
}
"#,
    );
    let at = |n: u64| has(&found, "PI001", n, "account");
    assert!(at(30) && at(31) && at(32), "{found:?}");
    assert!(!found.iter().any(|(_, l, _)| *l == 33), "{found:?}");
}

#[test]
fn destructured_block_parameters_and_generic_wrappers_of_a_block() {
    // `forEach { (key, value) -> }` names the entry's components; `measured { .. }`,
    // a generic function that runs its block and returns a `T`, returns what the
    // block returns.
    let found = scan(
        r#"package app

import android.content.Context
import android.provider.Settings
import android.util.Log

inline fun <T> measured(name: String, block: () -> T): T {
    val start = System.nanoTime()
    val r = block()
    Log.v("t", "$name took ${System.nanoTime() - start}")
    return r
}

fun <T> quietly(block: () -> T): T? = try { block() } catch (e: Exception) { null }

fun Context.runTwice(block: () -> Unit): Int {
    block()
    block()
    return 2
}

class Uploader(private val ctx: Context) {
    fun upload(email: String) {
        val ref = measured("ref") { Settings.Secure.getString(ctx.contentResolver, Settings.Secure.ANDROID_ID) }
        Log.i("a", ref)
        Log.i("b", "${quietly { Settings.Secure.getString(ctx.contentResolver, Settings.Secure.ANDROID_ID) }}")
        val n = ctx.runTwice { Settings.Secure.getString(ctx.contentResolver, Settings.Secure.ANDROID_ID) }
        Log.i("c", "ran $n")
        mapOf("X-Email" to email).forEach { (key, value) -> Log.v("h", "$key: $value") }
    }
}
"#,
    );
    assert!(has(&found, "PI001", 25, "device.id"), "{found:?}");
    assert!(has(&found, "PI001", 26, "device.id"), "{found:?}");
    assert!(
        !found.iter().any(|(r, l, _)| r == "PI001" && *l == 28),
        "{found:?}"
    );
    assert!(has(&found, "PI001", 29, "email"), "{found:?}");
}

#[test]
fn build_string_and_build_list_hold_everything_their_block_adds() {
    // The value of `buildString { .. }` is what the block appended, not its last
    // statement's value.
    let found = scan(
        r#"package app

import android.util.Log

class Stats {
    fun report(email: String) {
        val s = buildString {
            append("id=")
            append(email)
            append(";v=1")
        }
        Log.i("a", s)
        val l = buildList {
            add(email)
            add("x")
        }
        Log.i("b", l.joinToString())
    }
}
"#,
    );
    assert!(has(&found, "PI001", 12, "email"), "{found:?}");
    assert!(has(&found, "PI001", 17, "email"), "{found:?}");
}

#[test]
fn a_state_holders_value_is_typed_and_an_object_prints_what_its_to_string_prints() {
    // `current.value?.run { show(this, true) }` on a `MutableStateFlow<Contact?>` calls
    // `show(Contact, ..)`, not `show(String, ..)`; a `Contact` handed to a function
    // that prints it prints its `toString()`'s fields, not the place stored beside.
    let found = scan(
        r#"package app

import android.telephony.TelephonyManager
import android.util.Log
import kotlinx.coroutines.flow.MutableStateFlow

class Contact(val id: String) {
    var place: String? = null
    override fun toString(): String = "Contact $id"
}

class Vm(private val tm: TelephonyManager) {
    private val current = MutableStateFlow<Contact?>(null)

    fun mk() = Contact("y")

    fun fill(c: Contact) {
        current.value = c
        c.place = tm.line1Number
    }

    fun b() {
        current.value?.run { show(this, true) }
        current.value?.let { log(it) }
    }

    private fun show(id: String, center: Boolean) {
        Log.i("t", "missing $id")
    }

    private fun show(c: Contact, center: Boolean) {
        Log.i("t", "show ${c.place}")
    }

    private fun log(c: Contact) {
        Log.i("t", "contact $c")
    }
}
"#,
    );
    assert!(has(&found, "PI001", 32, "phone_number"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(r, l, _)| r == "PI001" && (*l == 28 || *l == 36)),
        "{found:?}"
    );
}

#[test]
fn a_method_of_an_untyped_call_result_is_not_guessed_to_be_an_sdk_class_the_file_never_names() {
    // `Autocomplete.on(input).with(presenter)` (a UI library) is not Segment's
    // `Analytics.with(context)`: the file imports nothing of Segment.
    let found = scan(
        r#"package app

import android.widget.EditText
import com.otaliastudios.autocomplete.Autocomplete
import com.otaliastudios.autocomplete.CharPolicy

class MentionPresenter(val username: String)

fun setupMentions(input: EditText, username: String) {
    val presenter = MentionPresenter(username)
    Autocomplete.on<String>(input)
        .with(CharPolicy('@'))
        .with(presenter)
        .build()
}
"#,
    );
    assert!(
        !found.iter().any(|(r, _, _)| r == "PI103" || r == "PI001"),
        "{found:?}"
    );
}

#[test]
fn a_number_is_no_recording_photo_or_address() {
    // Categories no number can hold: a number type under their names is a length, a
    // count or an id.
    let found = scan(
        r#"package app

import android.util.Log

class ChatMessage(val id: Long, val voiceMessageDuration: Int, val voiceMessage: ByteArray)

fun logDuration(msg: ChatMessage, homeAddress: Long, email: String) {
    Log.d("Chat", "voice message lasts ${msg.voiceMessageDuration}s")
    Log.d("Chat", "voice message ${msg.voiceMessage}")
    Log.d("Chat", "home $homeAddress")
    Log.d("Chat", "mail $email")
}
"#,
    );
    assert!(
        !found
            .iter()
            .any(|(r, l, _)| r == "PI001" && (*l == 8 || *l == 10)),
        "{found:?}"
    );
    assert!(has(&found, "PI001", 9, "audio"), "{found:?}");
    assert!(has(&found, "PI001", 11, "email"), "{found:?}");
}

#[test]
fn what_an_encrypting_call_returns_is_a_ciphertext_whatever_its_fields_are_called() {
    // A vault SDK's `encrypt(..)` returns ciphertext: sending it, or the fields read out
    // of it (`enc.email`), shares no personal data; the plain value still does.
    let found = scan(
        r#"package app

import android.util.Log
import com.vendor.crypto.VaultCrypto

data class IdentityJson(val email: String?, val passportNumber: String?)

fun save(crypto: VaultCrypto, email: String, passportNumber: String) {
    val enc = crypto.encrypt(IdentityJson(email, passportNumber))
    Log.i("t", "sealed $enc")
    Log.i("t", "${enc.email} ${enc.getPassportNumber()}")
    Log.i("t", "plain $email")
}
"#,
    );
    assert!(
        !found
            .iter()
            .any(|(r, l, _)| r == "PI001" && (*l == 10 || *l == 11)),
        "{found:?}"
    );
    assert!(has(&found, "PI001", 12, "email"), "{found:?}");
}

#[test]
fn what_an_app_identifies_its_user_by_to_an_sdk_is_an_account_identifier() {
    // `setUserId(userId)` shares the user's id with Crashlytics whatever the variable
    // is called; a constant identifies nobody.
    let found = scan(
        r#"package app

import com.google.firebase.crashlytics.FirebaseCrashlytics

fun identify(userId: String) {
    FirebaseCrashlytics.getInstance().setUserId(userId)
    FirebaseCrashlytics.getInstance().setUserId("anonymous")
    FirebaseCrashlytics.getInstance().log("started")
    val props = com.amplitude.api.Identify().set("plan", "free")
    com.amplitude.api.Amplitude.getInstance().identify(props)
}
"#,
    );
    assert!(has(&found, "PI103", 6, "account"), "{found:?}");
    assert!(
        !found.iter().any(|(_, l, _)| *l == 7 || *l == 8 || *l == 10),
        "{found:?}"
    );
}

#[test]
fn an_rx_stream_s_element_keeps_its_fields_apart() {
    // `Single.just(user).blockingGet()` is that user, field by field: its id is not
    // its name.
    let found = scan(
        r#"package app

import android.util.Log
import io.reactivex.Single

data class User(val id: Long, val username: String)

fun show(id: Long, name: String) {
    val user = Single.just(User(id, name)).blockingGet()
    Log.d("User", "row ${user.id}")
    Log.d("User", "name ${user.username}")
}
"#,
    );
    assert!(!found.iter().any(|(_, l, _)| *l == 10), "{found:?}");
    assert!(has(&found, "PI301", 11, "account"), "{found:?}");
}

#[test]
fn a_rows_id_column_and_a_date_named_for_a_password_are_no_personal_data() {
    // A contacts cursor's `_ID` is the provider's row number; `passwordRevisionDate`
    // says when, not what. The name column is still the contact's data.
    let found = scan(
        r#"package app

import android.content.Context
import android.provider.ContactsContract
import android.util.Log

class Login(val user: String, val passwordRevisionDate: String?)

fun rows(ctx: Context, l: Login) {
    val c = ctx.contentResolver.query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null) ?: return
    while (c.moveToNext()) {
        val id = c.getString(c.getColumnIndexOrThrow(ContactsContract.Contacts._ID))
        Log.d("Sync", "row $id")
        val name = c.getString(c.getColumnIndexOrThrow(ContactsContract.Contacts.DISPLAY_NAME))
        Log.d("Sync", "name $name")
    }
    c.close()
    Log.d("Login", "password last changed ${l.passwordRevisionDate}")
}
"#,
    );
    assert!(
        !found
            .iter()
            .any(|(r, l, _)| r == "PI001" && (*l == 13 || *l == 18)),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(r, l, _)| r == "PI001" && *l == 15),
        "{found:?}"
    );
}

#[test]
fn an_enqueued_work_request_runs_its_worker_with_its_input_data_and_the_enqueuers_grant() {
    // `enqueue(OneTimeWorkRequest.Builder(W::class.java)..build())` runs `W.doWork()`,
    // as does Kotlin's reified `OneTimeWorkRequestBuilder<W>()`: its `inputData` is the
    // request's, and a permission checked before the enqueue holds in it.
    let found = scan(
        r#"package app

import android.Manifest
import android.content.Context
import android.content.pm.PackageManager
import android.provider.ContactsContract
import android.provider.Settings
import android.util.Log
import androidx.core.content.ContextCompat
import androidx.work.OneTimeWorkRequest
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import androidx.work.workDataOf

class ContactSyncWorker(private val ctx: Context, params: WorkerParameters) : Worker(ctx, params) {
    override fun doWork(): Result {
        ctx.contentResolver.query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null)?.close()
        return Result.success()
    }

    companion object {
        fun schedule(ctx: Context) {
            if (ContextCompat.checkSelfPermission(ctx, Manifest.permission.READ_CONTACTS) ==
                PackageManager.PERMISSION_GRANTED
            ) {
                WorkManager.getInstance(ctx)
                    .enqueue(OneTimeWorkRequest.Builder(ContactSyncWorker::class.java).build())
            }
        }
    }
}

class UploadWorker(ctx: Context, params: WorkerParameters) : Worker(ctx, params) {
    override fun doWork(): Result {
        val v = inputData.getString("k")
        Log.d("Upload", "ref $v")
        return Result.success()
    }

    companion object {
        fun enqueue(ctx: Context) {
            val ref = Settings.Secure.getString(ctx.contentResolver, Settings.Secure.ANDROID_ID)
            val req = OneTimeWorkRequestBuilder<UploadWorker>()
                .setInputData(workDataOf("k" to ref))
                .build()
            WorkManager.getInstance(ctx).enqueue(req)
        }
    }
}
"#,
    );
    assert!(
        !found.iter().any(|(r, l, _)| r == "PI101" && *l == 19),
        "{found:?}"
    );
    assert!(has(&found, "PI001", 38, "device.id"), "{found:?}");
}

#[test]
fn a_data_class_made_from_literals_prints_no_personal_data_by_its_fields_names() {
    // A data class prints its fields; made here from literals, its `email` field holds
    // no e-mail address. One handed in from elsewhere still may.
    let found = scan(
        r#"package app

import android.util.Log

data class IdentityJson(val email: String?, val passportNumber: String?)

fun save(fromServer: IdentityJson) {
    val a = IdentityJson("support@example.com", "x")
    Log.i("t", "a $a")
    Log.i("t", "b ${IdentityJson(null, "y")}")
    Log.i("t", "d $fromServer")
}
"#,
    );
    assert!(
        !found.iter().any(|(_, l, _)| *l == 9 || *l == 10),
        "{found:?}"
    );
    assert!(has(&found, "PI301", 11, "email"), "{found:?}");
}

#[test]
fn this_in_a_template_a_redacted_copy_a_coroutine_bridge_and_a_file_full_name() {
    // `"$this"` prints the receiver; a data class's own `copy(password = "<redacted>")`
    // no longer holds the password; the block of `suspendCancellableCoroutine` runs;
    // a picked document's `attachmentFullName` is a file's name, not a person's.
    let found = scan(
        r#"package app

import android.content.Context
import android.net.Uri
import android.provider.OpenableColumns
import android.provider.Settings
import android.util.Log
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.OkHttpClient
import okhttp3.Request
import kotlin.coroutines.resume

data class SyncAccount(val serverUrl: String, val userName: String?, val password: String?) {
    fun redacted(): SyncAccount = copy(password = "<redacted>")
}

data class Fix(val lat: Double, val lng: Double)

class Settings2(private val ctx: Context, private val client: OkHttpClient) {
    fun save(account: SyncAccount, fix: Fix) {
        Log.d("S", "saving ${account.redacted()}")
        fix.run { Log.d("S", "fix $this") }
    }

    suspend fun get(path: String): String = suspendCancellableCoroutine { cont ->
        client.newCall(Request.Builder().url("https://example.com/$path").build())
        cont.resume("ok")
    }

    suspend fun register() {
        val id = Settings.Secure.getString(ctx.contentResolver, Settings.Secure.ANDROID_ID)
        get("register?device=$id")
    }

    fun import(picked: Uri) {
        val cursor = ctx.contentResolver.query(picked, arrayOf(OpenableColumns.DISPLAY_NAME), null, null, null) ?: return
        cursor.use {
            if (!it.moveToFirst()) return
            val attachmentFullName = it.getString(0)
            Log.d("S", "imported $attachmentFullName")
        }
    }
}
"#,
    );
    assert!(
        !found.iter().any(|(_, l, c)| *l == 21 && c == "credentials"),
        "{found:?}"
    );
    assert!(has(&found, "PI301", 21, "account"), "{found:?}");
    assert!(has(&found, "PI301", 22, "location.precise"), "{found:?}");
    assert!(has(&found, "PI001", 26, "device.id"), "{found:?}");
    assert!(!found.iter().any(|(_, l, _)| *l == 40), "{found:?}");
}

#[test]
fn assigning_a_property_delegated_to_an_object_of_the_apps_runs_its_set_value() {
    // `Prefs.email = email` runs the `setValue` of the object `stringPref(..)` makes.
    let found = scan(
        r#"package app

import android.content.SharedPreferences
import android.widget.EditText
import androidx.core.content.edit
import kotlin.properties.ReadWriteProperty
import kotlin.reflect.KProperty

object Prefs {
    lateinit var sharedPrefs: SharedPreferences

    private fun stringPref(key: String): ReadWriteProperty<Any?, String?> =
        object : ReadWriteProperty<Any?, String?> {
            override fun getValue(thisRef: Any?, property: KProperty<*>): String? =
                sharedPrefs.getString(key, null)

            override fun setValue(thisRef: Any?, property: KProperty<*>, value: String?) {
                sharedPrefs.edit { putString(key, value) }
            }
        }

    var email by stringPref("account_email")
}

class LoginForm(private val emailEdit: EditText) {
    fun onLoginSucceeded() {
        Prefs.email = emailEdit.text.toString().trim()
    }
}
"#,
    );
    assert!(has(&found, "PI001", 18, "email"), "{found:?}");
}

#[test]
fn a_property_reads_a_getter_spelt_with_an_upper_case_run() {
    // Kotlin reads `getSSID()` as `ssid` and `getBSSID()` as `bssid`: they are the
    // platform's getters, guarded by the location permission.
    let text = r#"package app

import android.net.wifi.WifiManager
import android.util.Log

class Wifi(private val wifiManager: WifiManager?) {
    fun log() {
        Log.i("wifi", "on " + wifiManager?.connectionInfo?.ssid) // ssid
        Log.i("wifi", "at " + wifiManager?.connectionInfo?.bssid) // bssid
        Log.i("wifi", "speed " + wifiManager?.connectionInfo?.linkSpeed) // speed
    }
}
"#;
    let found = scan(text);
    for marker in ["// ssid", "// bssid"] {
        let line = line_of(text, marker);
        assert!(
            has(&found, "PI301", line, "device.network_id"),
            "{marker}: {found:?}"
        );
        assert!(
            has(&found, "PI101", line, "device.network_id"),
            "{marker}: {found:?}"
        );
    }
    let line = line_of(text, "// speed");
    assert!(found.iter().all(|(_, l, _)| *l != line), "{found:?}");
}

#[test]
fn rows_read_back_are_those_of_the_tables_the_query_reads() {
    // What the app stored in one Room table comes back from queries of that table,
    // through any DAO, and not from queries of another table.
    let text = r#"package app

import android.content.pm.PackageManager
import android.util.Log
import androidx.room.Dao
import androidx.room.Entity
import androidx.room.Insert
import androidx.room.PrimaryKey
import androidx.room.Query

@Entity(tableName = "excluded_apps")
data class ExcludedApp(@PrimaryKey val pkg: String)

@Entity(tableName = "blocklist")
data class BlockRule(@PrimaryKey val domain: String, val hits: Int)

@Dao
interface AppDao {
    @Insert fun insertExcluded(apps: List<ExcludedApp>)
    @Query("SELECT * FROM blocklist WHERE domain = :d") fun getRule(d: String): BlockRule?
    @Insert fun insertRule(rule: BlockRule)
}

@Dao
interface ReportDao {
    @Query("SELECT * FROM excluded_apps") fun excluded(): List<ExcludedApp>
}

class Repo(private val pm: PackageManager, private val dao: AppDao, private val reports: ReportDao) {
    fun excludeAll() {
        val apps = pm.getInstalledApplications(0).map { ExcludedApp(it.packageName) }
        dao.insertExcluded(apps)
    }

    fun bump(domain: String) {
        val rule = dao.getRule(domain) ?: return
        Log.i("Rules", "bumping $rule") // other table
        dao.insertRule(rule.copy(hits = rule.hits + 1))
    }

    fun report() {
        Log.i("Report", "excluded ${reports.excluded()}") // same table
    }
}
"#;
    let found = scan(text);
    let line = line_of(text, "// same table");
    assert!(has(&found, "PI301", line, "installed_apps"), "{found:?}");
    let line = line_of(text, "// other table");
    assert!(found.iter().all(|(_, l, _)| *l != line), "{found:?}");
    let line = line_of(text, "dao.insertRule(");
    assert!(found.iter().all(|(_, l, _)| *l != line), "{found:?}");
}

#[test]
fn the_element_a_predicate_picks_is_as_it_was_stored() {
    // `find { }` hands back one element as stored, field by field: its id is not
    // the birth date beside it.
    let text = r#"package app

import android.util.Log

data class Member(val id: Int, val nickname: String, val birthDate: Long)

class Assign {
    fun assign(birthDate: Long) {
        val members = listOf(Member(1, "x", birthDate))
        val winner = members.find { it.id == 1 }
        if (winner != null) Log.i("Assign", "member #${winner.id}") // id
        val oldest = members.maxByOrNull { it.birthDate }
        Log.i("Assign", "born ${oldest?.birthDate}") // born
    }
}
"#;
    let found = scan(text);
    let line = line_of(text, "// id");
    assert!(found.iter().all(|(_, l, _)| *l != line), "{found:?}");
    let line = line_of(text, "// born");
    assert!(has(&found, "PI301", line, "birth_date"), "{found:?}");
}

#[test]
fn a_log_message_given_as_a_block_is_what_the_block_returns() {
    // square/logcat and kotlin-logging take the message as a block, called only
    // when the level is on: what it returns is written to the log.
    let text = r#"package app

import android.widget.EditText
import logcat.LogPriority
import logcat.logcat
import mu.KotlinLogging

private val logger = KotlinLogging.logger {}

class Profile(private val emailEdit: EditText) {
    fun save() {
        val email = emailEdit.text.toString()
        logcat(LogPriority.INFO) { "saving profile for $email" } // logcat
        logger.info { "saved $email" } // klogger
        logger.debug { "saved a profile" } // nothing
    }
}
"#;
    let found = scan(text);
    for marker in ["// logcat", "// klogger"] {
        let line = line_of(text, marker);
        assert!(has(&found, "PI301", line, "email"), "{marker}: {found:?}");
    }
    let line = line_of(text, "// nothing");
    assert!(found.iter().all(|(_, l, _)| *l != line), "{found:?}");
}

#[test]
fn an_extension_overload_is_chosen_by_its_arguments_types() {
    // `ctx.keep("pw", password)` runs the String overload alone.
    let text = r#"package app

import android.content.Context

fun Context.keep(key: String, value: String) =
    getSharedPreferences("p", Context.MODE_PRIVATE).edit().putString(key, value).apply() // text
fun Context.keep(key: String, value: Boolean) =
    getSharedPreferences("p", Context.MODE_PRIVATE).edit().putBoolean(key, value).apply() // flag

class Profile {
    fun save(ctx: Context, password: String) {
        ctx.keep("pw", password)
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI303", line_of(text, "// text"), "credentials"),
        "{found:?}"
    );
    let line = line_of(text, "// flag");
    assert!(found.iter().all(|(_, l, _)| *l != line), "{found:?}");
}

#[test]
fn a_data_class_printed_by_its_own_to_string_shows_what_that_prints() {
    // The override masks the password; the username it prints is still logged.
    let text = r#"package app

import android.util.Log
import android.widget.EditText

data class Creds(val username: String, val password: String) {
    override fun toString(): String = "Creds(username=$username, password=****)"
}

class Screen(private val userEdit: EditText, private val passEdit: EditText) {
    fun save() {
        val c = Creds(userEdit.text.toString(), passEdit.text.toString())
        Log.i("Login", "saving $c") // log
    }
}
"#;
    let found = scan(text);
    let line = line_of(text, "// log");
    assert!(has(&found, "PI301", line, "account"), "{found:?}");
    assert!(!has(&found, "PI301", line, "credentials"), "{found:?}");
}

#[test]
fn a_pairs_components_are_read_one_at_a_time() {
    // `Pair(id, username).first` is the id; `second` holds the name.
    let text = r#"package app

import android.util.Log

class Gifts {
    fun send(recipientId: Int, recipientUsername: String) {
        val p = Pair(recipientId, recipientUsername)
        Log.i("Gift", "to #${p.first}") // first
        Log.i("Gift", "to ${p.second}") // second
        val (id, name) = p
        Log.i("Gift", "to #$id") // component1
        Log.i("Gift", "to $name") // component2
    }
}
"#;
    let found = scan(text);
    for marker in ["// first", "// component1"] {
        let line = line_of(text, marker);
        assert!(
            found.iter().all(|(_, l, _)| *l != line),
            "{marker}: {found:?}"
        );
    }
    for marker in ["// second", "// component2"] {
        assert!(
            has(&found, "PI301", line_of(text, marker), "account"),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn an_update_stores_the_values_it_sets_not_those_it_compares() {
    let text = r#"package app

import androidx.room.Dao
import androidx.room.Query

@Dao
interface UserDao {
    @Query("UPDATE users SET mail = :mail WHERE id = :id")
    suspend fun setMail(id: Long, mail: String)

    @Query("UPDATE users SET active = 0 WHERE mail = :mail")
    suspend fun deactivate(mail: String)

    @Query("UPDATE users SET selected = (mail = :mail)")
    suspend fun selectOnly(mail: String)
}

class Repo(private val dao: UserDao) {
    suspend fun pick(email: String) {
        dao.setMail(1, email) // set
        dao.deactivate(email) // where
        dao.selectOnly(email) // compared
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI001", line_of(text, "// set"), "email"),
        "{found:?}"
    );
    for marker in ["// where", "// compared"] {
        let line = line_of(text, marker);
        assert!(
            found.iter().all(|(_, l, _)| *l != line),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn a_map_handed_to_a_function_is_read_entry_by_entry() {
    // The entries of a map parameter hold what the caller put in it: a query string
    // built from them, or each entry's value, carries the phone number.
    let text = r#"package app

import android.util.Log
import android.widget.EditText

object Query {
    fun encode(params: Map<String, String>): String =
        params.entries.joinToString("&") { "${it.key}=${it.value}" }

    fun dump(params: Map<String, String>) {
        for (e in params.entries) {
            Log.i("Query", e.value) // each
        }
    }

    fun keys(params: Map<String, String>) {
        for (e in params.entries) {
            Log.i("Query", e.key) // key
        }
    }
}

class Signup {
    lateinit var phoneEdit: EditText

    fun submit() {
        val params = HashMap<String, String>()
        params["phone"] = phoneEdit.text.toString()
        Log.d("Signup", Query.encode(params)) // encoded
        Query.dump(params)
        Query.keys(params)
    }
}
"#;
    let found = scan(text);
    for marker in ["// encoded", "// each"] {
        assert!(
            has(&found, "PI301", line_of(text, marker), "phone_number"),
            "{marker}: {found:?}"
        );
    }
    assert!(
        !found.iter().any(|f| f.1 == line_of(text, "// key")),
        "{found:?}"
    );
}

#[test]
fn a_room_database_opened_through_sqlcipher_stores_encrypted() {
    // `AppDb` is opened with SQLCipher's factory, `CacheDb` is not: only the plain
    // database's write of blood pressure is unencrypted storage.
    let text = r#"package app

import android.content.Context
import androidx.room.Dao
import androidx.room.Database
import androidx.room.Insert
import androidx.room.Room
import androidx.room.RoomDatabase
import net.zetetic.database.sqlcipher.SupportOpenHelperFactory

data class Reading(val systolic: Int, val diastolic: Int)

@Dao
interface ReadingDao {
    @Insert
    fun save(reading: Reading)
}

@Dao
interface CacheDao {
    @Insert
    fun keep(reading: Reading)
}

@Database(entities = [Reading::class], version = 1)
abstract class AppDb : RoomDatabase() {
    abstract fun readings(): ReadingDao
}

@Database(entities = [Reading::class], version = 1)
abstract class CacheDb : RoomDatabase() {
    abstract fun cache(): CacheDao
}

class Databases(private val context: Context, private val lowMemory: Boolean) {
    fun open(passphrase: ByteArray): AppDb {
        val factory = if (lowMemory) null else SupportOpenHelperFactory(passphrase)
        return Room.databaseBuilder(context, AppDb::class.java, "app.db")
            .openHelperFactory(factory)
            .build()
    }

    fun cache(): CacheDb = Room.databaseBuilder(context, CacheDb::class.java, "cache.db").build()
}

class Recorder(private val app: AppDb, private val cache: CacheDb) {
    fun record(systolic: Int, diastolic: Int) {
        val reading = Reading(systolic, diastolic)
        app.readings().save(reading) // encrypted
        cache.cache().keep(reading) // plain
    }
}
"#;
    let found = scan(text);
    let encrypted = line_of(text, "// encrypted");
    assert!(has(&found, "PI001", encrypted, "health"), "{found:?}");
    assert!(!has(&found, "PI303", encrypted, "health"), "{found:?}");
    assert!(
        has(&found, "PI303", line_of(text, "// plain"), "health"),
        "{found:?}"
    );
}

#[test]
fn map_values_listeners_and_type_switches_are_not_sharing() {
    // A GeoJSON point made from a place, a marker drawn on the device and a click
    // listener unregistered share nothing with the map's vendor; a preference saver
    // switching on its value's type stores text with `putString` only.
    let text = r#"package app

import android.content.SharedPreferences
import android.widget.EditText
import com.mapbox.geojson.Point
import com.mapbox.maps.plugin.annotation.generated.OnPointAnnotationClickListener
import com.mapbox.maps.plugin.annotation.generated.PointAnnotationManager
import com.mapbox.maps.plugin.annotation.generated.PointAnnotationOptions

class Spot(val latitude: Double, val longitude: Double)

class SpotClick(val spot: Spot) : OnPointAnnotationClickListener

class MapScreen(private val manager: PointAnnotationManager) {
    fun show(spot: Spot, listener: OnPointAnnotationClickListener) {
        val point = Point.fromLngLat(spot.longitude, spot.latitude) // value
        manager.create(PointAnnotationOptions().withPoint(point)) // drawn
        manager.addClickListener(SpotClick(spot)) // registered
        manager.removeClickListener(listener) // unregistered
    }
}

class Settings(private val prefs: SharedPreferences) {
    fun save(key: String, value: Any?) {
        val editor = prefs.edit()
        when (value) {
            is String -> editor.putString(key, value) // text
            is Boolean -> editor.putBoolean(key, value) // flag
            is Long -> editor.putLong(key, value) // number
        }
        editor.apply()
    }
}

class Form(private val settings: Settings, private val phoneEdit: EditText) {
    fun submit() {
        settings.save("phone", phoneEdit.text.toString())
    }
}
"#;
    let found = scan(text);
    for marker in [
        "// value",
        "// drawn",
        "// registered",
        "// unregistered",
        "// flag",
        "// number",
    ] {
        assert!(
            !found.iter().any(|f| f.1 == line_of(text, marker)),
            "{marker}: {found:?}"
        );
    }
    assert!(
        has(&found, "PI001", line_of(text, "// text"), "phone_number"),
        "{found:?}"
    );
}

#[test]
fn a_block_handed_down_through_several_functions_gets_what_the_last_one_gives_it() {
    // Compose screens hand their event blocks down: the view model's block receives
    // the form built two calls below, and sends it.
    let text = r#"package app

import android.widget.EditText
import retrofit2.http.Body
import retrofit2.http.POST

class ClientForm {
    var mobileNo: String? = null
}

interface ClientApi {
    @POST("clients")
    fun create(@Body form: ClientForm): retrofit2.Call<Unit>
}

class ClientViewModel(private val api: ClientApi) {
    fun create(form: ClientForm) {
        api.create(form) // sent
    }
}

class ClientScreen(private val vm: ClientViewModel, private val phoneEdit: EditText) {
    fun route() = content(onCreate = { vm.create(it) })

    private fun content(onCreate: (ClientForm) -> Unit) {
        fields(phoneEdit.text.toString(), onCreate)
    }

    private fun fields(phone: String, onCreate: (ClientForm) -> Unit) {
        submit(phone, onSubmit = onCreate)
    }

    private fun submit(phone: String, onSubmit: (ClientForm) -> Unit) {
        val form = ClientForm()
        form.mobileNo = phone
        onSubmit.invoke(form)
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI001", line_of(text, "// sent"), "phone_number"),
        "{found:?}"
    );
}

#[test]
fn a_tree_the_app_plants_in_timber_receives_its_messages() {
    // Release builds plant a tree that forwards warnings to a crash reporter: what
    // `Timber.w` is given reaches Crashlytics as well as the log.
    let text = r#"package app

import android.app.Application
import android.widget.EditText
import com.google.firebase.crashlytics.FirebaseCrashlytics
import timber.log.Timber

class CrashReportingTree : Timber.Tree() {
    override fun log(priority: Int, tag: String?, message: String, t: Throwable?) {
        FirebaseCrashlytics.getInstance().log(message) // forwarded
    }
}

class App : Application() {
    override fun onCreate() {
        super.onCreate()
        Timber.plant(CrashReportingTree())
    }
}

class Form(private val emailEdit: EditText) {
    fun submit() {
        Timber.w("could not submit %s", emailEdit.text.toString()) // logged
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI301", line_of(text, "// logged"), "email"),
        "{found:?}"
    );
    let forwarded = line_of(text, "// forwarded");
    assert!(has(&found, "PI001", forwarded, "email"), "{found:?}");
    assert!(has(&found, "PI103", forwarded, "email"), "{found:?}");
}

#[test]
fn a_pair_handed_to_a_setter_keeps_its_components_apart() {
    let text = r#"package app

import android.content.SharedPreferences

class Store(private val prefs: SharedPreferences) {
    var credentials: Pair<String, String>
        get() = Pair(prefs.getString("u", "")!!, prefs.getString("p", "")!!)
        set(value) {
            prefs.edit().putString("u", value.first).apply() // user
            prefs.edit().putString("p", value.second).apply() // secret
        }
}

class LoginViewModel(private val store: Store) {
    fun onLogin(username: String, password: String) {
        store.credentials = Pair(username, password)
    }
}
"#;
    let found = scan(text);
    let user = line_of(text, "// user");
    let secret = line_of(text, "// secret");
    assert!(has(&found, "PI001", user, "account"), "{found:?}");
    assert!(!has(&found, "PI001", user, "credentials"), "{found:?}");
    assert!(has(&found, "PI303", secret, "credentials"), "{found:?}");
    assert!(!has(&found, "PI001", secret, "account"), "{found:?}");
}

#[test]
fn a_ciphertext_made_by_the_app_and_a_library_objects_location_are_no_personal_data() {
    // The app's own `encrypt` ends in `Cipher.doFinal`: what it returns is stored
    // encrypted whatever the field is called. A WebDAV resource's `location` is a
    // URL, not a place: a library getter's bare `location` needs a type to say so.
    let text = r#"package app

import android.util.Base64
import android.util.Log
import androidx.room.Dao
import androidx.room.Entity
import androidx.room.Insert
import androidx.room.PrimaryKey
import at.bitfire.dav4jvm.DavResource
import javax.crypto.Cipher
import javax.crypto.SecretKey

class KeyStoreCrypto(private val key: SecretKey) {
    fun encrypt(plain: String): String {
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, key)
        return Base64.encodeToString(cipher.doFinal(plain.toByteArray()), Base64.NO_WRAP)
    }
}

@Entity
data class Account(@PrimaryKey val id: Long = 0, val password: String? = "")

@Dao
interface AccountDao {
    @Insert
    fun insert(account: Account): Long
}

class Login(private val dao: AccountDao, private val crypto: KeyStoreCrypto) {
    fun save(token: String) {
        dao.insert(Account(password = crypto.encrypt(token))) // ciphertext
    }

    fun home(resource: DavResource, href: String): String {
        val url = resource.location.resolve(href).toString()
        Log.d("Sync", "home=$url") // url
        return url
    }
}
"#;
    let found = scan(text);
    for marker in ["// ciphertext", "// url"] {
        assert!(
            !found.iter().any(|f| f.1 == line_of(text, marker)),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn an_assigned_property_holds_the_value_and_a_caught_exception_picks_its_overload() {
    // Reading `selectedId` back after `selectedId = firstId` gives `firstId`, not what
    // its setter returns (the saved state, which holds a password elsewhere); and a
    // caught exception goes to the `Throwable` overload, not the `Int` one.
    let text = r#"package app

import android.util.Log
import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel

abstract class BaseViewModel(protected val savedState: SavedStateHandle) : ViewModel()

class LoginViewModel(savedState: SavedStateHandle) : BaseViewModel(savedState) {
    fun onPasswordChanged(password: String) {
        savedState["password_key"] = password
    }
}

class ListViewModel(savedState: SavedStateHandle) : BaseViewModel(savedState) {
    private var selectedId: Long?
        get() = savedState["selected_id"]
        set(value) = savedState.set("selected_id", value)

    fun open(firstId: Long) {
        if (selectedId == null) {
            selectedId = firstId
            Log.d("List", "showing $selectedId") // shown
        }
    }
}

object AppLog {
    fun e(tag: String, message: String, tr: Throwable?) {
        Log.e(tag, "error", tr) // throwable
    }

    fun e(tag: String, message: String, statusCode: Int) {
        Log.e(tag, "$message, status $statusCode") // status
    }
}

object PhoneFormat {
    fun format(phone: String): String {
        return try {
            phone.trim()
        } catch (ex: Exception) {
            AppLog.e("Phone", phone, ex)
            phone
        }
    }
}
"#;
    let found = scan(text);
    for marker in ["// shown", "// status", "// throwable"] {
        assert!(
            !found.iter().any(|f| f.1 == line_of(text, marker)),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn a_share_sheet_and_posthog_receive_what_they_are_given() {
    let text = r#"package app

import android.app.Activity
import android.widget.EditText
import androidx.core.app.ShareCompat
import com.posthog.PostHog

class ShareActivity : Activity() {
    lateinit var emailEdit: EditText

    fun share() {
        val email = emailEdit.text.toString()
        ShareCompat.IntentBuilder(this)
            .setType("text/plain")
            .setText("Contact me at $email")
            .startChooser() // shared
        PostHog.identify(email) // identified
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI001", line_of(text, "// shared"), "email"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI103", line_of(text, "// identified"), "email"),
        "{found:?}"
    );
}

#[test]
fn what_a_system_picker_hands_back_is_collected_without_a_permission() {
    // `TakePicturePreview` hands the callback the photo the user just took: collected,
    // and prompted by the taking; `OpenDocument` is no contract the knowledge lists.
    let text = r#"package app

import android.graphics.Bitmap
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.result.contract.ActivityResultContracts
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

class AvatarActivity : ComponentActivity() {
    private val client = OkHttpClient()

    private val takePhoto = registerForActivityResult(ActivityResultContracts.TakePicturePreview()) { bitmap ->
        if (bitmap != null) upload(bitmap)
    }

    private val pickDocument = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        client.newCall(Request.Builder().url("https://api.example.org/doc").post(uri.toString().toRequestBody()).build()).execute() // document
    }

    private fun upload(bitmap: Bitmap) {
        val body = bitmap.toString().toRequestBody()
        client.newCall(Request.Builder().url("https://api.example.org/avatar").post(body).build()).execute() // avatar
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        takePhoto.launch(null)
        pickDocument.launch(arrayOf("*/*"))
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI001", line_of(text, "// avatar"), "photos"),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.0 == "PI101"), "{found:?}");
    assert!(
        !found.iter().any(|f| f.1 == line_of(text, "// document")),
        "{found:?}"
    );
}

#[test]
fn a_saved_state_handle_keeps_each_key_apart() {
    // What is saved under one key comes back from that key only.
    let text = r#"package app

import android.util.Log
import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel

class LoginViewModel(private val savedState: SavedStateHandle) : ViewModel() {
    fun onPasswordChanged(password: String) {
        savedState["password_key"] = password
        savedState.set("password2", password)
    }

    fun show() {
        val selected: Long? = savedState["selected_id"]
        Log.d("List", "showing $selected") // other
        val again: String? = savedState.get("password_key")
        Log.d("List", "pw $again") // same
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI301", line_of(text, "// same"), "credentials"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.1 == line_of(text, "// other")),
        "{found:?}"
    );
}

#[test]
fn a_generic_helper_returns_an_instance_of_the_class_it_is_given() {
    // `systemService(ClipboardManager::class)` is a ClipboardManager: what its primary
    // clip holds is the clipboard.
    let text = r#"package app

import android.content.ClipboardManager
import android.content.Context
import android.util.Log
import kotlin.reflect.KClass

fun <T : Any> Context.systemService(kClass: KClass<T>): T {
    return this.getSystemService(kClass.java)
}

class Clips(private val context: Context) {
    fun last() {
        val cb = context.systemService(ClipboardManager::class)
        val item = cb.primaryClip
        Log.d("Clips", "last: $item") // clip
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI301", line_of(text, "// clip"), "clipboard"),
        "{found:?}"
    );
}

#[test]
fn a_copy_keeps_each_property_and_its_named_arguments_replace_theirs() {
    // `copy` of a data class (of the app or of a library) is the object property by
    // property: the ringtone of a person whose name was set is no name, the name is.
    let text = r#"package app

import android.util.Log
import com.example.lib.Person

data class Profile(val email: String, val theme: String)

class Screen {
    var person: Person? = null

    fun save(firstName: String, email: String, profile: Profile) {
        person!!.firstName = firstName
        val updated = person!!.copy(nickname = "x")
        Log.d("Screen", "tone ${updated.ringtone}") // ringtone
        Log.d("Screen", "name ${updated.firstName}") // name
        val changed = profile.copy(email = email)
        Log.d("Screen", "theme ${changed.theme}") // theme
        Log.d("Screen", "mail ${changed.email}") // mail
        val cleared = changed.copy(email = "")
        Log.d("Screen", "cleared ${cleared.email}") // cleared
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI301", line_of(text, "// name"), "name"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI301", line_of(text, "// mail"), "email"),
        "{found:?}"
    );
    for quiet in ["// ringtone", "// theme", "// cleared"] {
        assert!(
            !found.iter().any(|f| f.1 == line_of(text, quiet)),
            "{quiet}: {found:?}"
        );
    }
}

#[test]
fn an_intents_data_uri_is_not_its_extras() {
    // The Intent an activity was started with (`intent`, `getIntent()`) is an Intent:
    // its data URI is what the starter set as data, not the extras it put.
    let text = r#"package app

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.util.Log

class Sender : Activity() {
    fun open(phoneNumber: String, email: String) {
        val i = Intent(this, Receiver::class.java)
        i.data = Uri.parse("mailto:$email")
        i.putExtra("phone", phoneNumber)
        startActivity(i)
    }
}

class Receiver : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val uri = intent.data
        Log.d("Receiver", "uri $uri") // uri
        val phone = intent.getStringExtra("phone")
        Log.d("Receiver", "phone $phone") // phone
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI301", line_of(text, "// uri"), "email"),
        "{found:?}"
    );
    assert!(
        !has(&found, "PI301", line_of(text, "// uri"), "phone_number"),
        "{found:?}"
    );
    assert!(
        has(&found, "PI301", line_of(text, "// phone"), "phone_number"),
        "{found:?}"
    );
}

#[test]
fn a_position_is_no_element() {
    // `withIndex()` pairs each element with its position, `indices` are positions:
    // numbers, not the elements. Destructured loop variables are the element's
    // components, each its own.
    let text = r#"package app

import android.util.Log

class Rows {
    fun dump(phone: String) {
        val values = arrayOf<Any?>(phone, 42L)
        for ((i, value) in values.withIndex()) {
            Log.d("Rows", "binding column $i") // index
            Log.d("Rows", "value $value") // value
        }
        for (iv in values.withIndex()) {
            Log.d("Rows", "at ${iv.index}") // named index
            Log.d("Rows", "is ${iv.value}") // named value
        }
        for (n in values.indices) {
            Log.d("Rows", "slot $n") // indices
        }
    }
}
"#;
    let found = scan(text);
    for hit in ["// value", "// named value"] {
        assert!(
            has(&found, "PI301", line_of(text, hit), "phone_number"),
            "{hit}: {found:?}"
        );
    }
    for quiet in ["// index", "// named index", "// indices"] {
        assert!(
            !found.iter().any(|f| f.1 == line_of(text, quiet)),
            "{quiet}: {found:?}"
        );
    }
}

#[test]
fn a_map_destructured_in_a_loop_gives_its_keys_and_its_values() {
    // `for ((k, v) in map)`: `k` is a key the app wrote, `v` the value stored under it.
    let text = r#"package app

import android.util.Log

class Settings {
    fun dump(email: String) {
        val map = HashMap<String, String>()
        map["email"] = email
        for ((k, v) in map) {
            Log.d("Settings", "key $k") // key
            Log.d("Settings", "value $v") // value
        }
    }
}
"#;
    let found = scan(text);
    assert!(
        has(&found, "PI301", line_of(text, "// value"), "email"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.1 == line_of(text, "// key")),
        "{found:?}"
    );
}

#[test]
fn a_field_a_base_class_declares_is_kept_apart_per_subclass() {
    // Each screen is its own object: what one screen stores into the `label` their
    // base class declares is not its sibling's. The base class's own code may run
    // on any of them.
    let text = r#"package app

import android.app.Activity
import android.util.Log
import android.widget.EditText

open class BaseScreen : Activity() {
    var label: String = ""
    var saved: String = ""
    fun dump() {
        Log.d("Base", "label $label") // base
    }
    fun keep() {
        saved = label
    }
    fun showSaved() {
        Log.d("Base", "saved $saved") // saved
    }
}

class EditScreen : BaseScreen() {
    lateinit var phoneEdit: EditText
    fun save() {
        label = phoneEdit.text.toString()
    }
    fun show() {
        Log.d("Edit", "label $label") // edit
    }
}

class AboutScreen : BaseScreen() {
    fun share() {
        Log.d("About", "label $label") // about
    }
}
"#;
    let found = scan(text);
    for hit in ["// base", "// edit", "// saved"] {
        assert!(
            has(&found, "PI301", line_of(text, hit), "phone_number"),
            "{hit}: {found:?}"
        );
    }
    assert!(
        !found.iter().any(|f| f.1 == line_of(text, "// about")),
        "{found:?}"
    );
}

#[test]
fn a_provider_uri_held_in_a_property_and_built_upon_is_still_its_table() {
    // `contentUri.buildUpon().appendQueryParameter(..).build()`, the URI a property
    // holds: the call log all the same.
    let found = scan(
        r#"package app

import android.content.Context
import android.provider.CallLog
import android.util.Log

class Calls(private val context: Context) {
    private val contentUri = CallLog.Calls.CONTENT_URI

    fun dump() {
        val limited = contentUri.buildUpon().appendQueryParameter("limit", "50").build()
        val c = context.contentResolver.query(limited, null, null, null, null)
        while (c != null && c.moveToNext()) Log.d("calls", c.getString(0))
        c?.close()
    }
}
"#,
    );
    assert!(has(&found, "PI301", 13, "call_log"), "{found:?}");
}
