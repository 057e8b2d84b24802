//! PI204 (unused-permission): small Android projects written here and scanned by the
//! real binary. A dangerous permission is reported at its `<uses-permission>` element
//! when no code of the project collects what it guards, and only then.

mod common;

use serde_json::Value;

const MANIFEST: &str = "app/src/main/AndroidManifest.xml";

/// A manifest requesting `permissions`, one `<uses-permission>` element a line from
/// line 3 on (1-based).
fn manifest(permissions: &[&str]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n",
    );
    for p in permissions {
        out.push_str(&format!(
            "    <uses-permission android:name=\"android.permission.{p}\" />\n"
        ));
    }
    out.push_str("    <application android:label=\"x\" />\n</manifest>\n");
    out
}

/// (file, line, column) of each PI204 result, suppressed ones left out.
fn unused(report: &Value) -> Vec<(String, u64, u64)> {
    pi204(report)
        .into_iter()
        .filter(|f| f["suppressed"] != true)
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn pi204(report: &Value) -> Vec<Value> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "PI204")
        .cloned()
        .collect()
}

const CONTACTS_HELPER: &str = r#"package app.data;

import android.content.Context;
import android.database.Cursor;
import android.provider.ContactsContract;

/** Reads the address book for the invite screen. */
public class ContactsRepository {
    private final Context context;

    public ContactsRepository(Context context) {
        this.context = context;
    }

    public int count() {
        try (Cursor c = context.getContentResolver().query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null)) {
            return c == null ? 0 : c.getCount();
        }
    }
}
"#;

const INVITE_ACTIVITY: &str = r#"package app;

import android.app.Activity;
import android.os.Bundle;
import app.data.ContactsRepository;

public class InviteActivity extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        int friends = new ContactsRepository(this).count();
        setTitle("invite " + friends);
    }
}
"#;

#[test]
fn unused_dangerous_permission_is_reported_at_its_element() {
    let text = manifest(&["INTERNET", "READ_CONTACTS", "RECORD_AUDIO"]);
    let report = common::scan_files(&[
        (MANIFEST, &text),
        ("app/src/main/java/app/InviteActivity.java", INVITE_ACTIVITY),
        (
            "app/src/main/java/app/data/ContactsRepository.java",
            CONTACTS_HELPER,
        ),
    ]);
    // READ_CONTACTS is used, through the helper; INTERNET is a normal permission.
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 5, 5)]);
    let f = &pi204(&report)[0];
    assert_eq!(f["level"], "warning");
    assert_eq!(f["name"], "unused-permission");
    assert_eq!(f["category"], "audio");
    // The region is the whole element.
    let element = "    <uses-permission android:name=\"android.permission.RECORD_AUDIO\" />";
    assert_eq!(
        (f["endLine"].as_u64(), f["endColumn"].as_u64()),
        (Some(5), Some(element.len() as u64 + 1))
    );
    let message = f["message"].as_str().unwrap_or_default();
    assert!(message.contains("`RECORD_AUDIO`"), "{message}");
    assert!(
        message.contains("nothing collects audio (audio)"),
        "{message}"
    );
    // The manifest is no source file: the counts are the code's.
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn kotlin_collection_in_a_helper_uses_the_permission() {
    let helper = r#"package app.location

import android.annotation.SuppressLint
import android.content.Context
import android.location.Location
import com.google.android.gms.location.LocationServices

class Locator(private val context: Context) {
    @SuppressLint("MissingPermission")
    fun last(done: (Location?) -> Unit) {
        LocationServices.getFusedLocationProviderClient(context).lastLocation.addOnSuccessListener { done(it) }
    }
}
"#;
    let activity = r#"package app

import android.app.Activity
import android.os.Bundle
import app.location.Locator

class MainActivity : Activity() {
    override fun onCreate(state: Bundle?) {
        super.onCreate(state)
        Locator(this).last { title = it?.toString() }
    }
}
"#;
    let text = manifest(&["ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "CAMERA"]);
    let report = common::scan_files(&[
        (MANIFEST, &text),
        ("app/src/main/java/app/MainActivity.kt", activity),
        ("app/src/main/java/app/location/Locator.kt", helper),
    ]);
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 5, 5)]);
}

#[test]
fn normal_unjudged_and_removed_permissions_are_never_reported() {
    let text = r#"<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools">
    <uses-permission android:name="android.permission.INTERNET" />
    <uses-permission android:name="android.permission.ACCESS_NETWORK_STATE" />
    <uses-permission android:name="android.permission.ACCESS_WIFI_STATE" />
    <uses-permission android:name="android.permission.QUERY_ALL_PACKAGES" />
    <uses-permission android:name="android.permission.BLUETOOTH_CONNECT" />
    <uses-permission android:name="android.permission.SEND_SMS" />
    <uses-permission android:name="com.example.permission.C2D_MESSAGE" />
    <uses-permission android:name="android.permission.READ_PHONE_STATE" tools:node="remove" />
    <application android:label="x" />
</manifest>
"#;
    // A library module requests what the app strips.
    let library = manifest(&["READ_PHONE_STATE"]);
    let report = common::scan_files(&[
        ("settings.gradle", "include ':app', ':sdk'\n"),
        (MANIFEST, text),
        ("sdk/src/main/AndroidManifest.xml", &library),
        ("app/src/main/java/app/InviteActivity.java", INVITE_ACTIVITY),
    ]);
    assert_eq!(unused(&report), Vec::new());
}

#[test]
fn a_name_or_typed_input_is_no_use_of_a_permission() {
    let activity = r#"package app;

import android.app.Activity;
import android.os.Bundle;
import android.widget.EditText;

public class LoginActivity extends Activity {
    private EditText phoneEdit;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        String phoneNumber = phoneEdit.getText().toString();
        setTitle(phoneNumber);
    }
}
"#;
    let text = manifest(&["READ_PHONE_NUMBERS"]);
    let report = common::scan_files(&[
        (MANIFEST, &text),
        ("app/src/main/java/app/LoginActivity.java", activity),
    ]);
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 3, 5)]);
}

#[test]
fn modules_of_one_project_share_their_collections_and_projects_do_not() {
    let location_lib = r#"package com.maps.core;

import android.location.Location;
import android.location.LocationListener;

public class Tracker implements LocationListener {
    private Location last;

    @Override
    public void onLocationChanged(Location location) {
        last = location;
    }
}
"#;
    let rides = manifest(&["ACCESS_FINE_LOCATION"]);
    let rides_debug = manifest(&["READ_CONTACTS"]);
    let shop = manifest(&["ACCESS_FINE_LOCATION", "READ_CONTACTS"]);
    let report = common::scan_files(&[
        // Project `rides`: the app's location permission is used by its map module.
        (
            "rides/settings.gradle.kts",
            "include(\":app\", \":maps\")\n",
        ),
        ("rides/app/src/main/AndroidManifest.xml", &rides),
        // The debug build type's manifest does not ship in the released app.
        ("rides/app/src/debug/AndroidManifest.xml", &rides_debug),
        (
            "rides/maps/src/main/java/com/maps/core/Tracker.java",
            location_lib,
        ),
        // Project `shop`: collects contacts, not location; what `rides` collects is
        // no use of its permissions, and its contacts are none of `rides`'.
        ("shop/settings.gradle", "include ':app'\n"),
        ("shop/app/src/main/AndroidManifest.xml", &shop),
        (
            "shop/app/src/main/java/app/data/ContactsRepository.java",
            CONTACTS_HELPER,
        ),
        // Test manifests are not part of the app.
        ("shop/app/src/androidTest/AndroidManifest.xml", &rides_debug),
    ]);
    assert_eq!(
        unused(&report),
        vec![("shop/app/src/main/AndroidManifest.xml".to_string(), 3, 5)]
    );
}

#[test]
fn a_heart_rate_listener_uses_body_sensors_and_no_other_permission() {
    let activity = r#"package app;

import android.app.Activity;
import android.hardware.Sensor;
import android.hardware.SensorEvent;
import android.hardware.SensorEventListener;
import android.hardware.SensorManager;
import android.os.Bundle;

public class PulseActivity extends Activity implements SensorEventListener {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        SensorManager sm = (SensorManager) getSystemService(SENSOR_SERVICE);
        sm.registerListener(this, sm.getDefaultSensor(Sensor.TYPE_HEART_RATE), SensorManager.SENSOR_DELAY_NORMAL);
    }

    @Override
    public void onSensorChanged(SensorEvent event) {
        setTitle(String.valueOf(event.values[0]));
    }

    @Override
    public void onAccuracyChanged(Sensor sensor, int accuracy) {}
}
"#;
    let text = manifest(&["BODY_SENSORS", "ACTIVITY_RECOGNITION", "READ_CALENDAR"]);
    let report = common::scan_files(&[
        (MANIFEST, &text),
        ("app/src/main/java/app/PulseActivity.java", activity),
    ]);
    // The sensor reading is not stored under a name (it stays a motion reading), but
    // the heart-rate sensor needs BODY_SENSORS; no step sensor, no calendar.
    assert_eq!(
        unused(&report),
        vec![(MANIFEST.to_string(), 4, 5), (MANIFEST.to_string(), 5, 5)]
    );
}

#[test]
fn apis_that_need_a_permission_without_collecting_use_it() {
    // A dialer lists the phone accounts (a Kotlin property) and opens no camera; a
    // scanner opens the camera and takes no photo through the app's code.
    let dialer = r#"package app

import android.app.Activity
import android.os.Bundle
import android.telecom.TelecomManager

class DialerActivity : Activity() {
    override fun onCreate(state: Bundle?) {
        super.onCreate(state)
        val telecom = getSystemService(TelecomManager::class.java)
        title = "SIMs: " + telecom.callCapablePhoneAccounts.size
    }
}
"#;
    let scanner = r#"package app;

import android.content.Context;
import android.hardware.camera2.CameraDevice;
import android.hardware.camera2.CameraManager;

class Scanner {
    void start(Context context, CameraDevice.StateCallback callback) throws Exception {
        CameraManager cm = (CameraManager) context.getSystemService(Context.CAMERA_SERVICE);
        cm.openCamera(cm.getCameraIdList()[0], callback, null);
    }
}
"#;
    let text = manifest(&["READ_PHONE_STATE", "CAMERA", "RECORD_AUDIO"]);
    let report = common::scan_files(&[
        (MANIFEST, &text),
        ("app/src/main/java/app/DialerActivity.kt", dialer),
        ("app/src/main/java/app/Scanner.java", scanner),
    ]);
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 5, 5)]);
}

#[test]
fn a_content_uri_behind_a_constant_and_a_wrapper_uses_the_permission() {
    let gallery = r#"package app;

import android.content.ContentResolver;
import android.database.Cursor;
import android.net.Uri;
import android.provider.MediaStore;

final class Gallery {
    private static final Uri IMAGES = MediaStore.Images.Media.EXTERNAL_CONTENT_URI;

    static Cursor recent(ContentResolver resolver) {
        return Db.query(resolver, IMAGES);
    }
}

final class Db {
    static Cursor query(ContentResolver resolver, Uri uri) {
        return resolver.query(uri, null, null, null, null);
    }
}
"#;
    let text = manifest(&["READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO"]);
    let report = common::scan_files(&[
        (MANIFEST, &text),
        ("app/src/main/java/app/Gallery.java", gallery),
    ]);
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 4, 5)]);
}

#[test]
fn a_comment_before_the_element_suppresses_it() {
    let text = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <!-- piitrace:ignore PI204 the prebuilt map SDK reads location -->
    <uses-permission android:name="android.permission.ACCESS_FINE_LOCATION" />
    <uses-permission android:name="android.permission.READ_SMS" />
</manifest>
"#;
    let report = common::scan_files(&[(MANIFEST, text)]);
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 4, 5)]);
    let suppressed: Vec<Value> = pi204(&report)
        .into_iter()
        .filter(|f| f["suppressed"] == true)
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["line"], 3);
    assert_eq!(
        suppressed[0]["suppressionReason"],
        "the prebuilt map SDK reads location"
    );
}

#[test]
fn a_broken_manifest_is_skipped_with_a_notification() {
    let report = common::scan_files(&[
        (
            MANIFEST,
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n  <uses-permission android:name=\"android.permission.CAMERA\">\n",
        ),
        ("app/src/main/java/app/InviteActivity.java", INVITE_ACTIVITY),
    ]);
    assert!(pi204(&report).is_empty());
    let notes = report["notifications"].as_array().expect("notifications");
    assert!(
        notes
            .iter()
            .any(|n| n["file"] == MANIFEST && n["id"] == "skipped-file"),
        "{notes:?}"
    );
}

#[test]
fn text_output_shows_the_manifest_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(MANIFEST);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, manifest(&["READ_CALL_LOG"])).expect("write");
    let text = common::scan_ok("text", dir.path());
    assert!(text.contains("warning[PI204]"), "{text}");
    assert!(text.contains(&format!("{MANIFEST}:3:5")), "{text}");
    assert!(
        text.contains("<uses-permission android:name=\"android.permission.READ_CALL_LOG\" />"),
        "{text}"
    );
}

#[test]
fn reading_the_wifi_networks_name_uses_the_location_permissions() {
    // `WifiInfo.getSSID()` answers "<unknown ssid>" without a location permission.
    let kt = r#"package app

import android.content.Context
import android.net.wifi.WifiManager

class HomeWifi(private val context: Context) {
    fun name(): String {
        val wifi = context.getSystemService(Context.WIFI_SERVICE) as WifiManager
        return wifi.connectionInfo.ssid.removeSurrounding("\"")
    }
}
"#;
    let text = manifest(&["ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "CAMERA"]);
    let report =
        common::scan_files(&[(MANIFEST, &text), ("app/src/main/java/app/HomeWifi.kt", kt)]);
    assert_eq!(unused(&report), vec![(MANIFEST.to_string(), 5, 5)]);
}
