//! PI101 and PI103: what counts as asking the user first, in Java and Kotlin.

mod common;

/// Scans the given files; (rule, file, line, category) of each PI101/PI103 finding.
fn prompts(files: &[(&str, &str)]) -> Vec<(String, String, u64, String)> {
    common::scan_files(files)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "PI101" || f["rule"] == "PI103")
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["category"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn at(found: &[(String, String, u64, String)], rule: &str, line: u64) -> bool {
    found.iter().any(|f| f.0 == rule && f.2 == line)
}

const JAVA: &str = r#"package app;

import android.Manifest;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.location.Location;
import android.location.LocationManager;
import androidx.annotation.RequiresPermission;
import androidx.core.content.ContextCompat;

public class Track extends Activity {
    private LocationManager lm;
    private boolean privacyAgreed;

    void guarded() {
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.ACCESS_FINE_LOCATION)
                == PackageManager.PERMISSION_GRANTED) {
            lm.getLastKnownLocation("gps");
        }
    }

    void earlyReturn() {
        if (checkSelfPermission(Manifest.permission.ACCESS_COARSE_LOCATION)
                != PackageManager.PERMISSION_GRANTED) {
            return;
        }
        lm.getLastKnownLocation("network");
    }

    void wrongPermission() {
        if (checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            lm.getLastKnownLocation("gps");
        }
    }

    void consent() {
        if (!privacyAgreed) return;
        lm.getLastKnownLocation("gps");
    }

    void unguarded() {
        lm.getLastKnownLocation("gps");
    }

    @Override
    public void onRequestPermissionsResult(int code, String[] perms, int[] results) {
        if (results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED) {
            lm.getLastKnownLocation("gps");
        }
    }

    @RequiresPermission(Manifest.permission.ACCESS_FINE_LOCATION)
    void contract() {
        lm.getLastKnownLocation("gps");
    }

    Location helper() {
        return lm.getLastKnownLocation("gps");
    }

    void promptedCaller() {
        if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED) {
            helper();
        }
    }

    void unpromptedCaller() {
        helper();
    }
}
"#;

#[test]
fn java_permission_checks_guards_callbacks_contracts_and_callers() {
    let found = prompts(&[("app/Track.java", JAVA)]);
    let rules_on = |line| at(&found, "PI101", line);
    assert!(!rules_on(19), "an enclosing permission check: {found:?}");
    assert!(!rules_on(27), "an early return when not granted: {found:?}");
    assert!(
        rules_on(32),
        "a CAMERA check does not prompt location: {found:?}"
    );
    assert!(!rules_on(38), "a consent flag guard: {found:?}");
    assert!(rules_on(42), "nothing asks: {found:?}");
    assert!(!rules_on(48), "the permission result callback: {found:?}");
    assert!(
        !rules_on(54),
        "@RequiresPermission moves the check to callers: {found:?}"
    );
    assert!(
        rules_on(58),
        "one caller asks, the other does not: {found:?}"
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

const KOTLIN: &str = r#"package app

import android.Manifest
import android.content.pm.PackageManager
import android.location.LocationManager
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatActivity
import androidx.core.content.ContextCompat
import com.umeng.analytics.MobclickAgent

class Track(private val lm: LocationManager) : AppCompatActivity() {
    private val ask = registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) lm.getLastKnownLocation("gps")
    }

    fun guardClause(consent: Consent) {
        if (!consent.hasConsent()) return
        val fix = lm.getLastKnownLocation("gps")
        MobclickAgent.onEvent(this, "fix", mapOf("at" to fix.toString()))
    }

    fun unguarded() {
        val fix = lm.getLastKnownLocation("gps")
        MobclickAgent.onEvent(this, "fix", mapOf("at" to fix.toString()))
    }

    fun checked() {
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.ACCESS_FINE_LOCATION) != PackageManager.PERMISSION_GRANTED) {
            ask.launch(Manifest.permission.ACCESS_FINE_LOCATION)
            return
        }
        lm.getLastKnownLocation("gps")
    }
}

interface Consent {
    fun hasConsent(): Boolean
}
"#;

#[test]
fn kotlin_result_callbacks_guard_clauses_and_sharing() {
    let found = prompts(&[("app/Track.kt", KOTLIN)]);
    assert!(
        !at(&found, "PI101", 13),
        "the permission result callback: {found:?}"
    );
    assert!(at(&found, "PI101", 23), "nothing asks: {found:?}");
    assert!(
        at(&found, "PI103", 24),
        "shared with Umeng unasked: {found:?}"
    );
    assert!(
        !at(&found, "PI101", 32),
        "an early return when not granted: {found:?}"
    );
    assert!(
        !at(&found, "PI101", 18),
        "a consent guard clause: {found:?}"
    );
    assert!(!at(&found, "PI103", 19), "shared after consent: {found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn startup_collection_and_sdk_starts_before_consent() {
    let found: Vec<_> = {
        let report = common::scan_files(&[(
            "app/App.java",
            r#"package app;

import android.app.Application;
import android.provider.Settings;
import cn.jpush.android.api.JPushInterface;
import com.umeng.commonsdk.UMConfigure;

public class App extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        UMConfigure.preInit(this, "key", "channel");
        JPushInterface.init(this);
        if (getSharedPreferences("p", 0).getBoolean("privacy_agreed", false)) {
            UMConfigure.init(this, "key", "channel", 1, null);
            String id = Settings.Secure.getString(getContentResolver(), Settings.Secure.ANDROID_ID);
        }
        warmUp();
    }

    private void warmUp() {
        String id = Settings.Secure.getString(getContentResolver(), Settings.Secure.ANDROID_ID);
    }
}
"#,
        )]);
        pi102_lines(&report)
    };
    // JPush started before consent; ANDROID_ID read in a helper called at startup.
    // Umeng's preInit, and everything after the consent check, are fine.
    assert_eq!(found, vec![13, 22], "{found:?}");
}

/// PI102 lines in a report.
fn pi102_lines(report: &serde_json::Value) -> Vec<u64> {
    common::of_rule(report, "PI102")
        .map(|f| f["line"].as_u64().unwrap_or_default())
        .collect()
}

#[test]
fn vendor_consent_switches_hold_their_own_sdk_back() {
    let report = common::scan_files(&[(
        "app/App.kt",
        r#"package app

import android.app.Application
import cn.jiguang.api.utils.JCollectionAuth
import cn.jpush.android.api.JPushInterface
import com.tencent.bugly.crashreport.CrashReport
import com.umeng.commonsdk.UMConfigure

class App : Application() {
    override fun onCreate() {
        super.onCreate()
        JCollectionAuth.setAuth(this, false)
        startSdks()
        UMConfigure.submitPolicyGrantResult(this, true)
        UMConfigure.init(this, "key", "channel", 1, null)
    }

    private fun startSdks() {
        JPushInterface.init(this)
        CrashReport.initCrashReport(this, "id", false)
    }
}
"#,
    )]);
    let found = pi102_lines(&report);
    // JPush was told "no" before it started (even through a helper); the switch holds
    // back JPush only, not Bugly; and telling Umeng "yes" without asking is no prompt.
    assert_eq!(found, vec![15, 20], "{found:?}");
    let messages: Vec<&str> = common::of_rule(&report, "PI102")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`UMConfigure.submitPolicyGrantResult`")),
        "{messages:?}"
    );
}

#[test]
fn rust_consent_guards() {
    let found = prompts(&[(
        "svc/src/main.rs",
        r#"struct Settings {
    telemetry_consent: bool,
}

fn report(settings: &Settings) {
    if !settings.telemetry_consent {
        return;
    }
    let machine = machine_uid::get();
}

fn report_anyway() {
    let machine = machine_uid::get();
}

fn main() {}
"#,
    )]);
    assert!(!at(&found, "PI101", 9), "after a consent guard: {found:?}");
    assert!(at(&found, "PI101", 13), "nothing asks: {found:?}");
}

#[test]
fn sharing_without_consent_shows_the_way_in_that_asks_nothing() {
    let report = common::scan_files(&[(
        "app/Share.java",
        r#"package app;

import android.app.Activity;
import android.provider.Settings;
import com.umeng.analytics.MobclickAgent;

public class Share extends Activity {
    private boolean privacyAgreed;

    void onResume() {
        report();
    }

    void afterConsent() {
        if (privacyAgreed) report();
    }

    void report() {
        String id = Settings.Secure.getString(getContentResolver(), Settings.Secure.ANDROID_ID);
        MobclickAgent.onEvent(this, "open", id);
    }
}
"#,
    )]);
    let pi103: Vec<&serde_json::Value> = common::of_rule(&report, "PI103").collect();
    assert_eq!(pi103.len(), 1, "{pi103:?}");
    let way: Vec<(u64, &str)> = pi103[0]["unpromptedPath"]
        .as_array()
        .expect("unpromptedPath")
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap_or_default(),
                s["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    // From the caller that asks nothing (not the one behind the consent check) to the
    // sharing call.
    assert_eq!(
        way,
        vec![
            (11, "unprompted call in `app.Share.onResume`"),
            (20, "shared: `MobclickAgent.onEvent`")
        ],
        "{way:?}"
    );
}

#[test]
fn a_callback_is_judged_where_its_data_is_switched_on() {
    let map_screen = |class: &str, guarded: bool| {
        let enable = if guarded {
            "if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED) {\n            map.setMyLocationEnabled(true);\n        }"
        } else {
            "map.setMyLocationEnabled(true);"
        };
        format!(
            r#"package app;

import android.Manifest;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.location.Location;
import android.util.Log;
import com.google.android.gms.maps.GoogleMap;

public class {class} extends Activity implements GoogleMap.OnMyLocationChangeListener {{
    private GoogleMap map;

    void onMapReady(GoogleMap map) {{
        this.map = map;
        map.setOnMyLocationChangeListener(this);
        {enable}
    }}

    @Override
    public void onMyLocationChange(Location location) {{
        Log.d("map", "at " + location.getLatitude());
    }}
}}
"#
        )
    };
    let guarded = map_screen("Guarded", true);
    let open = map_screen("Open", false);
    let found = prompts(&[("app/Guarded.java", &guarded), ("app/Open.java", &open)]);
    let pi101: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == "PI101")
        .map(|f| f.1.as_str())
        .collect();
    // The my-location layer delivers the fix: judged where it is switched on.
    assert_eq!(pi101, vec!["app/Open.java"], "{found:?}");
}

#[test]
fn static_initialisers_run_at_startup() {
    let report = common::scan_files(&[
        (
            "app/Ids.java",
            r#"package app;

import android.os.Build;

public class Ids {
    static final String SERIAL = Build.getSerial();

    static String later() {
        return Build.getSerial();
    }
}
"#,
        ),
        (
            "app/Device.kt",
            r#"package app

import android.os.Build

object Device {
    val serial: String

    init {
        serial = Build.getSerial()
    }
}
"#,
        ),
    ]);
    let found: Vec<(String, u64)> = common::of_rule(&report, "PI102")
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    // Class loading runs them before anything can ask; a method called later does not.
    assert_eq!(
        found,
        vec![
            ("app/Device.kt".to_string(), 9),
            ("app/Ids.java".to_string(), 6)
        ],
        "{found:?}"
    );
}

const BASE_ACTIVITY: &str = r#"package app;

import android.app.Activity;
import android.os.Bundle;

public class BaseActivity extends Activity {
    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
    }
}
"#;

const MAIN_ACTIVITY: &str = r#"package app;

import android.Manifest;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.os.Bundle;

public class MainActivity extends BaseActivity {
    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(new String[]{Manifest.permission.ACCESS_FINE_LOCATION}, 1);
            return;
        }
        startService(new Intent(this, TrackerService.class));
    }

    public void onHelpClicked() {
        startActivity(new Intent(this, MapActivity.class));
    }
}
"#;

const TRACKER_SERVICE: &str = r#"package app;

import android.app.Service;
import android.content.Intent;
import android.location.Location;
import android.location.LocationManager;
import android.os.IBinder;

public class TrackerService extends Service {
    LocationManager lm;

    @Override
    public int onStartCommand(Intent intent, int flags, int id) {
        Location here = lm.getLastKnownLocation("gps");
        return START_STICKY;
    }

    @Override
    public IBinder onBind(Intent i) { return null; }
}
"#;

const MAP_ACTIVITY: &str = r#"package app;

import android.content.Intent;
import android.location.Location;
import android.location.LocationManager;
import android.os.Bundle;
import android.provider.ContactsContract;

public class MapActivity extends BaseActivity {
    LocationManager lm;

    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        Location here = lm.getLastKnownLocation("gps");
        startActivity(new Intent(ContactsContract.Intents.SHOW_OR_CREATE_CONTACT));
    }
}
"#;

/// A component started by an explicit Intent runs after what was asked before the
/// start: a service started only once the permission was granted collects under it; an
/// activity started from a path that asks nothing does not. `super.onCreate(..)` runs
/// the superclass's method, not every subclass's (which made every activity of a
/// shared base class look prompted). An Intent's action constant queries no provider.
#[test]
fn components_started_by_intents_inherit_what_was_asked_before() {
    let found = prompts(&[
        ("app/src/main/java/app/BaseActivity.java", BASE_ACTIVITY),
        ("app/src/main/java/app/MainActivity.java", MAIN_ACTIVITY),
        ("app/src/main/java/app/TrackerService.java", TRACKER_SERVICE),
        ("app/src/main/java/app/MapActivity.java", MAP_ACTIVITY),
    ]);
    let in_file = |file: &str| -> Vec<u64> {
        found
            .iter()
            .filter(|f| f.1.ends_with(file))
            .map(|f| f.2)
            .collect()
    };
    assert!(in_file("TrackerService.java").is_empty(), "{found:?}");
    assert_eq!(in_file("MapActivity.java"), vec![15], "{found:?}");
}

#[test]
fn pi101_names_the_permission_of_the_api_itself() {
    let report = common::scan_files(&[(
        "src/main/java/app/Ids.java",
        r#"package app;

import android.app.Activity;
import android.net.wifi.WifiInfo;
import android.provider.Settings;
import android.telephony.TelephonyManager;

public class Ids extends Activity {
    void collect(TelephonyManager tm, WifiInfo wifi) {
        String imei = tm.getImei();
        String androidId = Settings.Secure.getString(getContentResolver(), Settings.Secure.ANDROID_ID);
        String mac = wifi.getMacAddress();
        String bssid = wifi.getBSSID();
        send(imei, androidId, mac, bssid);
    }

    void send(String... values) {}
}
"#,
    )]);
    let message = |line: u64| -> String {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == "PI101" && f["line"] == line)
            .map(|f| f["message"].as_str().unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("no PI101 at line {line}: {report}"))
    };
    // The IMEI needs READ_PHONE_STATE (the category's permissions).
    assert!(
        message(10).contains("no check of READ_PHONE_STATE"),
        "{}",
        message(10)
    );
    // ANDROID_ID needs none: only consent covers it.
    let android_id = message(11);
    assert!(
        android_id.contains("needs no runtime permission"),
        "{android_id}"
    );
    assert!(!android_id.contains("READ_PHONE_STATE"), "{android_id}");
    // The MAC address needs only the install-time ACCESS_WIFI_STATE.
    assert!(
        message(12).contains("needs no runtime permission"),
        "{}",
        message(12)
    );
    // The BSSID needs location, not Bluetooth or nearby-devices permissions.
    let bssid = message(13);
    assert!(
        bssid.contains("no check of ACCESS_FINE_LOCATION and"),
        "{bssid}"
    );
}

const WRAPPED: &str = r#"package app;

import android.Manifest;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.database.Cursor;
import android.provider.ContactsContract;
import androidx.core.content.ContextCompat;

public class Contacts extends Activity {
    private boolean hasContactPermission() {
        return ContextCompat.checkSelfPermission(this,
                Manifest.permission.READ_CONTACTS) == PackageManager.PERMISSION_GRANTED;
    }

    private boolean hasCameraPermission() {
        return ContextCompat.checkSelfPermission(this,
                Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED;
    }

    Cursor guarded() {
        if (!hasContactPermission()) {
            return null;
        }
        return getContentResolver().query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null); // early return
    }

    Cursor inside() {
        if (hasContactPermission()) {
            return getContentResolver().query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null); // enclosing if
        }
        return null;
    }

    Cursor other() {
        if (hasCameraPermission()) {
            return getContentResolver().query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null); // wrong permission
        }
        return null;
    }
}
"#;

#[test]
fn a_function_that_returns_a_permission_check_is_that_check() {
    let found = prompts(&[("app/Contacts.java", WRAPPED)]);
    let line = |marker: &str| common::line_of(WRAPPED, marker);
    assert!(!at(&found, "PI101", line("// early return")), "{found:?}");
    assert!(!at(&found, "PI101", line("// enclosing if")), "{found:?}");
    assert!(
        at(&found, "PI101", line("// wrong permission")),
        "{found:?}"
    );
}

const SMS_APP: &str = r#"package app

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.provider.Telephony

// Declared with android:permission="android.permission.BROADCAST_SMS": only the
// system delivers SMS_DELIVER to it, and only once the user made this the default
// SMS app.
class DeliverReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val parts = Telephony.Sms.Intents.getMessagesFromIntent(intent) // role granted
        context.getSharedPreferences("last", 0).edit().putString("body", parts[0].messageBody).apply()
    }
}

// Any app may send to it.
class SnoopReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val parts = Telephony.Sms.Intents.getMessagesFromIntent(intent) // unprotected
        context.getSharedPreferences("last", 0).edit().putString("body", parts[0].messageBody).apply()
    }
}
"#;

const SMS_MANIFEST: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="app">
  <application>
    <receiver android:name=".DeliverReceiver" android:exported="true"
        android:permission="android.permission.BROADCAST_SMS">
      <intent-filter><action android:name="android.provider.Telephony.SMS_DELIVER" /></intent-filter>
    </receiver>
    <receiver android:name=".SnoopReceiver" android:exported="true">
      <intent-filter><action android:name="android.provider.Telephony.SMS_RECEIVED" /></intent-filter>
    </receiver>
  </application>
</manifest>
"#;

#[test]
fn a_receiver_only_the_system_reaches_after_a_role_request_is_prompted() {
    let found = prompts(&[
        ("app/src/main/java/app/Sms.kt", SMS_APP),
        ("app/src/main/AndroidManifest.xml", SMS_MANIFEST),
    ]);
    let line = |m: &str| common::line_of(SMS_APP, m);
    assert!(!at(&found, "PI101", line("// role granted")), "{found:?}");
    assert!(at(&found, "PI101", line("// unprotected")), "{found:?}");
}

#[test]
fn a_function_named_as_a_value_at_startup_runs_later() {
    let report = common::scan_files(&[(
        "app/App.java",
        r#"package app;

import android.app.Application;
import android.content.ClipboardManager;
import android.content.Context;
import java.util.ArrayList;
import java.util.List;

public class App extends Application {
    private final List<Runnable> actions = new ArrayList<>();

    @Override
    public void onCreate() {
        super.onCreate();
        actions.add(this::paste);
        readNow();
    }

    private void paste() {
        ClipboardManager cm = (ClipboardManager) getSystemService(Context.CLIPBOARD_SERVICE);
        setTitle(cm.getPrimaryClip());
    }

    private void readNow() {
        ClipboardManager cm = (ClipboardManager) getSystemService(Context.CLIPBOARD_SERVICE);
        setTitle(cm.getPrimaryClip());
    }

    private void setTitle(Object o) {}
}
"#,
    )]);
    // `paste` runs when an action is taken, not at startup; `readNow` is called.
    assert_eq!(pi102_lines(&report), vec![26], "{report}");
}

#[test]
fn kotlin_checks_in_when_and_on_a_permission_helper() {
    // A check as a `when`'s subject (its `true` arm), as an arm's condition in a
    // `when` without a subject, also in `return when (..)`; the check is a helper in
    // another file called on its object (`perm.hasContacts()`).
    let found = prompts(&[
        ("app/src/main/java/t/Perm.kt", PERMISSION_HELPER_KT),
        (
            "app/src/main/java/t/T.kt",
            r#"package t

import android.content.Context
import android.database.Cursor
import android.provider.ContactsContract.CommonDataKinds.Phone

interface PermissionManager {
    fun hasContacts(): Boolean
}

class Repo(private val context: Context, private val perm: PermissionManager) {
    fun viaWhen(): Cursor? {
        return when (perm.hasContacts()) {
            true -> context.contentResolver.query(Phone.CONTENT_URI, null, null, null, null)
            false -> null
        }
    }

    fun noSubject(): Cursor? = when {
        perm.hasContacts() -> context.contentResolver.query(Phone.CONTENT_URI, null, null, null, null)
        else -> null
    }

    fun deniedArm(): Cursor? = when (perm.hasContacts()) {
        true -> null
        false -> context.contentResolver.query(Phone.CONTENT_URI, null, null, null, null)
    }
}
"#,
        ),
    ]);
    let t = |l: u64| {
        found
            .iter()
            .any(|f| f.0 == "PI101" && f.1.ends_with("T.kt") && f.2 == l)
    };
    assert!(!t(14), "{found:?}");
    assert!(!t(20), "{found:?}");
    assert!(t(26), "{found:?}");
}

// A check helper in a file of its own, as an implementation of an interface of the
// app, two levels deep.
const PERMISSION_HELPER_KT: &str = r#"package t

import android.Manifest
import android.content.Context
import android.content.pm.PackageManager
import androidx.core.content.ContextCompat

class Perm(private val context: Context) : PermissionManager {
    override fun hasContacts(): Boolean = hasPermission(Manifest.permission.READ_CONTACTS)

    private fun hasPermission(p: String): Boolean {
        return ContextCompat.checkSelfPermission(context, p) == PackageManager.PERMISSION_GRANTED
    }
}
"#;

#[test]
fn an_own_listeners_method_is_asked_where_the_app_calls_it_and_spoken_words_are_given() {
    // `listener?.onRecordingStarted()` runs only after the RECORD_AUDIO check: the
    // anonymous listener's recording is prompted there, not where it was made. What
    // the user said to the system's recogniser is handed over, as typed text is.
    let kt = r#"package app

import android.Manifest
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.media.MediaRecorder
import android.speech.RecognizerIntent
import android.util.Log
import androidx.core.content.ContextCompat

class RecordButton(private val context: Context) {
    interface Listener {
        fun onRecordingStarted()
    }

    var listener: Listener? = null

    fun onPressed() {
        if (ContextCompat.checkSelfPermission(context, Manifest.permission.RECORD_AUDIO)
            != PackageManager.PERMISSION_GRANTED
        ) {
            return
        }
        listener?.onRecordingStarted()
    }
}

class VoiceNotes(button: RecordButton) {
    private val recorder = MediaRecorder()

    init {
        button.listener = object : RecordButton.Listener {
            override fun onRecordingStarted() {
                recorder.setAudioSource(MediaRecorder.AudioSource.MIC) // record
            }
        }
    }
}

class VoiceReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val spoken = intent.getStringArrayListExtra(RecognizerIntent.EXTRA_RESULTS) // spoken
        Log.i("Voice", "heard $spoken")
    }
}
"#;
    let found = prompts(&[("app/src/main/java/app/Voice.kt", kt)]);
    assert!(
        !at(&found, "PI101", common::line_of(kt, "// record")),
        "{found:?}"
    );
    assert!(
        !at(&found, "PI101", common::line_of(kt, "// spoken")),
        "{found:?}"
    );
    let report = common::scan_files(&[("app/src/main/java/app/Voice.kt", kt)]);
    let logged = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["rule"] == "PI301" && f["category"] == "audio");
    assert!(logged, "{report}");
}

#[test]
fn a_helper_that_returns_a_denied_check_guards_either_way_round() {
    // `needsAccountsPermission()` returns `check(..) == PERMISSION_DENIED`: its false
    // branch and what follows `if (needCalendarPermission()) return;` are asked.
    let java = r#"package app;

import android.Manifest;
import android.accounts.AccountManager;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.database.Cursor;
import android.provider.CalendarContract;
import androidx.core.content.ContextCompat;

public class Settings extends Activity {
    @Override protected void onResume() {
        super.onResume();
        if (needCalendarPermission()) return;
        Cursor c = getContentResolver().query(CalendarContract.Calendars.CONTENT_URI, null, null, null, null); // calendars
        if (c != null) c.close();
        if (needsAccountsPermission()) {
            AccountManager.get(this).getAccountsByType("com.google"); // denied
        } else {
            AccountManager.get(this).getAccountsByType("com.google"); // granted
        }
    }

    private boolean needCalendarPermission() {
        return ContextCompat.checkSelfPermission(this, Manifest.permission.READ_CALENDAR)
                != PackageManager.PERMISSION_GRANTED;
    }

    private boolean needsAccountsPermission() {
        return ContextCompat.checkSelfPermission(this, Manifest.permission.GET_ACCOUNTS)
                == PackageManager.PERMISSION_DENIED;
    }
}
"#;
    let found = prompts(&[("app/src/main/java/app/Settings.java", java)]);
    assert!(
        !at(&found, "PI101", common::line_of(java, "// calendars")),
        "{found:?}"
    );
    assert!(
        !at(&found, "PI101", common::line_of(java, "// granted")),
        "{found:?}"
    );
    assert!(
        at(&found, "PI101", common::line_of(java, "// denied")),
        "{found:?}"
    );
}

#[test]
fn install_time_grants_and_either_of_two_checks_are_prompts() {
    // Below API 23 the manifest's permissions are granted at install; after "neither
    // FINE nor COARSE → return", one of them is granted. A branch that may run on a
    // newer release without a check is not prompted.
    let main = r#"package app;

import android.Manifest;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.location.Location;
import android.location.LocationManager;
import android.os.Build;

public class Where extends Activity {
    LocationManager lm;

    Location old() {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.M) {
            return null;
        } else {
            return lm.getLastKnownLocation("gps"); // below M
        }
    }

    Location legacy() {
        if (Build.VERSION.SDK_INT < 23) {
            return lm.getLastKnownLocation("gps"); // below 23
        }
        return null;
    }

    Location newer() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.O) {
            return lm.getLastKnownLocation("gps"); // below O
        }
        return null;
    }

    Location either() {
        if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) != PackageManager.PERMISSION_GRANTED
                && checkSelfPermission(Manifest.permission.ACCESS_COARSE_LOCATION) != PackageManager.PERMISSION_GRANTED) {
            return null;
        }
        return lm.getLastKnownLocation("gps"); // either
    }
}
"#;
    let found = prompts(&[("app/src/main/java/app/Where.java", main)]);
    let line = |m: &str| common::line_of(main, m);
    for marker in ["// below M", "// below 23", "// either"] {
        assert!(!at(&found, "PI101", line(marker)), "{marker}: {found:?}");
    }
    assert!(at(&found, "PI101", line("// below O")), "{found:?}");
}

#[test]
fn a_photo_the_user_picked_is_handed_over_and_a_started_activity_answers_only_its_own_requests() {
    // The picker's result (`data.getData()` in `onActivityResult`) is the image the
    // user chose: prompted by the choosing. Reading an image by a URI the app made is
    // not. And another activity starting this one does not run its
    // `onActivityResult`: that answers the starts this activity makes itself.
    let photo = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.graphics.Bitmap;
import android.net.Uri;
import android.provider.MediaStore;

public class PhotoActivity extends Activity {
    public void pick() {
        Intent i = new Intent(Intent.ACTION_PICK);
        i.setType("image/*");
        startActivityForResult(i, 1);
    }

    @Override
    protected void onActivityResult(int requestCode, int resultCode, Intent data) {
        try {
            Uri picked = data.getData();
            Bitmap b = MediaStore.Images.Media.getBitmap(getContentResolver(), picked); // picked
            show(b);
            Uri made = Uri.parse("content://media/external/images/media/1");
            Bitmap c = MediaStore.Images.Media.getBitmap(getContentResolver(), made); // made
            show(c);
        } catch (Exception e) { }
    }

    void show(Bitmap b) { }
}
"#;
    let list = r#"package app;

import android.app.Activity;
import android.content.Intent;

public class ListActivity extends Activity {
    void openEditor() {
        startActivityForResult(new Intent(this, PhotoActivity.class), 7);
    }
}
"#;
    let out = common::scan_files(&[("PhotoActivity.java", photo), ("ListActivity.java", list)]);
    let pi101: Vec<(u64, String)> = out["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "PI101")
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let line = |marker: &str| photo.lines().position(|l| l.contains(marker)).unwrap() as u64 + 1;
    assert!(pi101.iter().any(|f| f.0 == line("// made")), "{pi101:?}");
    assert!(!pi101.iter().any(|f| f.0 == line("// picked")), "{pi101:?}");
    assert!(
        pi101.iter().all(|f| !f.1.contains("ListActivity")),
        "{pi101:?}"
    );
}

#[test]
fn provider_metadata_tables_collect_nothing() {
    // Which apps serve contacts, and the calendar's colours, describe the providers;
    // the contacts themselves are collected.
    let found = prompts(&[(
        "app/Lister.java",
        r#"package app;

import android.content.ContentResolver;
import android.database.Cursor;
import android.net.Uri;
import android.provider.CalendarContract;
import android.provider.ContactsContract;

public class Lister {
    private static final Uri DIRS = Uri.withAppendedPath(ContactsContract.AUTHORITY_URI, "directories");

    void directories(ContentResolver r) {
        Cursor c = r.query(DIRS, new String[] {"packageName"}, null, null, null);
    }

    void colors(ContentResolver r) {
        Cursor c = r.query(CalendarContract.Colors.CONTENT_URI, null, null, null, null);
    }

    void contacts(ContentResolver r) {
        Cursor c = r.query(Uri.withAppendedPath(ContactsContract.AUTHORITY_URI, "contacts"), null, null, null, null);
    }
}
"#,
    )]);
    assert!(!at(&found, "PI101", 13), "{found:?}");
    assert!(!at(&found, "PI101", 17), "{found:?}");
    assert!(at(&found, "PI101", 21), "{found:?}");
}

#[test]
fn a_place_typed_into_a_form_is_an_address() {
    // No sensor, no permission: what the user types as a meeting's location is an
    // address they gave.
    let report = common::scan_files(&[(
        "app/EditMeeting.java",
        r#"package app;

import android.app.Activity;
import android.util.Log;
import android.widget.EditText;

public class EditMeeting extends Activity {
    private EditText mLocationTextView;

    public void bind() {
        mLocationTextView = (EditText) findViewById(R.id.location);
    }

    public void save() {
        String place = mLocationTextView.getText().toString();
        Log.d("Meeting", "place " + place);
    }
}
"#,
    )]);
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        findings.iter().all(|f| f["rule"] != "PI101"),
        "{findings:?}"
    );
    let logged: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "PI301")
        .filter_map(|f| f["category"].as_str())
        .collect();
    assert_eq!(logged, ["address"], "{findings:?}");
}
