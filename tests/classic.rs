//! The classic taint-analysis situations, each as a small app written here and
//! scanned by the real binary: what must be found, and what must not.

mod common;

use common::line_of;

/// Scans the given files and returns (rule, file, line, category) of each finding.
fn scan(files: &[(&str, &str)]) -> Vec<(String, String, u64, String)> {
    common::scan_files(files)["findings"]
        .as_array()
        .expect("findings")
        .iter()
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

/// Whether `rule` is reported at `file:line`.
fn reports(found: &[(String, String, u64, String)], file: &str, line: u64, rule: &str) -> bool {
    found
        .iter()
        .any(|f| f.1 == file && f.2 == line && f.0 == rule)
}

fn rules_at(found: &[(String, String, u64, String)], file: &str, line: u64) -> Vec<String> {
    let mut r: Vec<String> = found
        .iter()
        .filter(|f| f.1 == file && f.2 == line)
        .map(|f| f.0.clone())
        .collect();
    r.sort();
    r
}

const DEVICE_ID_ACTIVITY: &str = r#"package app;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.ArrayList;
import java.util.List;

public class MainActivity extends Activity {
    private String imei;
    private final List<String> ids = new ArrayList<>();

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        imei = tm.getDeviceId();
        String[] parts = new String[2];
        parts[0] = imei;
        ids.add(parts[0]);
    }

    @Override
    protected void onStop() {
        super.onStop();
        SmsManager.getDefault().sendTextMessage("+4912345", null, Formatter.tag(ids.get(0)), null, null);
    }

    @Override
    protected void onResume() {
        super.onResume();
        Log.i("TAG", new Reporter().describe(imei));
    }

    private void neverCalled() {
        Log.i("TAG", imei);
    }

    void overwritten() {
        String id = ((TelephonyManager) getSystemService(TELEPHONY_SERVICE)).getDeviceId();
        id = "n/a";
        Log.i("TAG", id);
    }

    void deadBranch() {
        if (false) {
            Log.i("TAG", imei);
        }
    }
}
"#;

const FORMATTER: &str = r#"package app;

public final class Formatter {
    public static String tag(String value) {
        return "id=" + value;
    }
}
"#;

const REPORTER: &str = r#"package app;

public class Reporter {
    public String describe(String id) {
        StringBuilder sb = new StringBuilder();
        sb.append("device ").append(id);
        return sb.toString();
    }
}
"#;

#[test]
fn device_id_through_fields_arrays_lists_helpers_and_lifecycle() {
    let found = scan(&[
        ("app/MainActivity.java", DEVICE_ID_ACTIVITY),
        ("app/Formatter.java", FORMATTER),
        ("app/Reporter.java", REPORTER),
    ]);
    let main = "app/MainActivity.java";
    // field → array → list → static helper in another class → SMS, in another lifecycle method
    assert_eq!(rules_at(&found, main, 28), ["PI001"], "{found:?}");
    // field → instance helper in another class (StringBuilder) → log
    assert_eq!(rules_at(&found, main, 34), ["PI001", "PI301"], "{found:?}");
    // unreachable private method, overwritten value, dead branch: nothing
    assert!(rules_at(&found, main, 38).is_empty(), "{found:?}");
    assert!(rules_at(&found, main, 44).is_empty(), "{found:?}");
    assert!(rules_at(&found, main, 49).is_empty(), "{found:?}");
    // The IMEI is read without a READ_PHONE_STATE check: collected without a prompt,
    // also where the value is then overwritten (collection happened).
    assert_eq!(rules_at(&found, main, 19), ["PI101"], "{found:?}");
    assert_eq!(rules_at(&found, main, 42), ["PI101"], "{found:?}");
    assert_eq!(found.len(), 5, "nothing else: {found:?}");
    assert!(found.iter().all(|f| f.3 == "device.id"));
}

#[test]
fn listener_callbacks_and_lambdas_carry_location() {
    let found = scan(&[(
        "app/Tracker.java",
        r#"package app;

import android.location.Location;
import android.location.LocationListener;
import android.location.LocationManager;
import android.util.Log;
import com.google.android.gms.location.FusedLocationProviderClient;

public class Tracker implements LocationListener {
    private FusedLocationProviderClient fused;

    @Override
    public void onLocationChanged(Location location) {
        Log.d("T", "at " + location.getLatitude());
    }

    public void start(LocationManager lm) {
        fused.getLastLocation().addOnSuccessListener(loc -> {
            Log.d("T", "last " + loc);
        });
        lm.requestLocationUpdates("gps", 60000L, 0f, fix -> Log.d("T", "fix " + fix.getLongitude()));
        final String city = "Berlin";
        new Thread(new Runnable() {
            @Override
            public void run() {
                Log.d("T", city);
            }
        }).start();
    }
}
"#,
    )]);
    let f = "app/Tracker.java";
    assert_eq!(rules_at(&found, f, 14), ["PI001", "PI301"], "{found:?}");
    assert_eq!(rules_at(&found, f, 19), ["PI001", "PI301"], "{found:?}");
    // The lambda's `fix` is collected where it is registered, with no permission
    // check: PI101 there too (and at the listener method and getLastLocation).
    assert_eq!(
        rules_at(&found, f, 21),
        ["PI001", "PI101", "PI301"],
        "{found:?}"
    );
    assert_eq!(rules_at(&found, f, 13), ["PI101"], "{found:?}");
    assert!(
        rules_at(&found, f, 27).is_empty(),
        "a constant captured by a Runnable: {found:?}"
    );
}

#[test]
fn captured_variables_reach_anonymous_classes() {
    let found = scan(&[(
        "app/Sync.java",
        r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

public class Sync {
    public void run(TelephonyManager tm) {
        final String imsi = tm.getSubscriberId();
        new Thread(new Runnable() {
            @Override
            public void run() {
                Log.w("S", imsi);
            }
        }).start();
    }
}
"#,
    )]);
    assert_eq!(
        rules_at(&found, "app/Sync.java", 12),
        ["PI001", "PI301"],
        "{found:?}"
    );
}

#[test]
fn hashing_stops_a_flow_and_names_alone_do_not_make_data() {
    let found = scan(&[(
        "app/Ids.java",
        r#"package app;

import android.util.Log;
import java.security.MessageDigest;

public class Ids {
    static final String KEY_PHONE = "phone";
    private boolean phoneVerified;

    public void log(String phone, String fileName) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] digest = md.digest(phone.getBytes());
        Log.i("I", new String(digest));
        Log.i("I", KEY_PHONE);
        Log.i("I", "verified " + phoneVerified);
        Log.i("I", fileName);
        Log.i("I", phone);
    }
}
"#,
    )]);
    let f = "app/Ids.java";
    for line in [13, 14, 15, 16] {
        assert!(
            rules_at(&found, f, line).is_empty(),
            "line {line}: {found:?}"
        );
    }
    assert_eq!(rules_at(&found, f, 17), ["PI001", "PI301"], "{found:?}");
}

#[test]
fn cleartext_and_storage_rules() {
    let found = scan(&[(
        "app/Upload.java",
        r#"package app;

import android.content.Context;
import android.content.SharedPreferences;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

public class Upload {
    public void send(Context ctx, String idCardNo, String email) throws Exception {
        HttpURLConnection conn = (HttpURLConnection) new URL("http://api.example.cn/kyc").openConnection();
        OutputStream out = conn.getOutputStream();
        out.write(idCardNo.getBytes());
        HttpURLConnection tls = (HttpURLConnection) new URL("https://api.example.cn/kyc").openConnection();
        tls.getOutputStream().write(email.getBytes());
        SharedPreferences prefs = ctx.getSharedPreferences("p", Context.MODE_PRIVATE);
        prefs.edit().putString("id", idCardNo).apply();
        prefs.edit().putString("email", email).apply();
    }
}
"#,
    )]);
    let f = "app/Upload.java";
    assert_eq!(rules_at(&found, f, 13), ["PI001", "PI302"], "{found:?}");
    assert_eq!(rules_at(&found, f, 15), ["PI001"], "{found:?}");
    assert_eq!(rules_at(&found, f, 17), ["PI001", "PI303"], "{found:?}");
    assert_eq!(rules_at(&found, f, 18), ["PI001"], "{found:?}");
}

#[test]
fn async_task_arguments_and_results() {
    let found = scan(&[(
        "app/T.java",
        r#"package app;

import android.os.AsyncTask;
import android.telephony.TelephonyManager;
import android.util.Log;

public class T {
    void go(TelephonyManager tm) {
        new Saver().execute(tm.getDeviceId());
    }

    static class Saver extends AsyncTask<String, Void, String> {
        @Override
        protected String doInBackground(String... ids) {
            Log.i("T", ids[0]);
            return ids[0] + "!";
        }

        @Override
        protected void onPostExecute(String r) {
            Log.w("T", r);
        }
    }
}
"#,
    )]);
    let f = "app/T.java";
    assert_eq!(rules_at(&found, f, 15), ["PI001", "PI301"], "{found:?}");
    assert_eq!(rules_at(&found, f, 21), ["PI001", "PI301"], "{found:?}");
}

#[test]
fn objects_keep_their_fields_apart() {
    // `Element` is created at several places: what one element holds is not in
    // every other, and one field is not another.
    let found = scan(&[
        (
            "app/Element.java",
            r#"package app;

public class Element {
    private String name;
    private String content;

    public Element(String name) { this.name = name; }
    public void setContent(String content) { this.content = content; }
    public String getContent() { return content; }
    public String getName() { return name; }
}
"#,
        ),
        (
            "app/Use.java",
            r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

public class Use {
    void go(TelephonyManager tm) {
        Element a = new Element("imei");
        a.setContent(tm.getImei());
        Element b = new Element("model");
        b.setContent("Pixel");
        Log.i("U", b.getContent());
        Log.i("U", a.getName());
        Log.i("U", a.getContent());
    }
}
"#,
        ),
    ]);
    let f = "app/Use.java";
    assert!(
        rules_at(&found, f, 12).is_empty(),
        "another object: {found:?}"
    );
    assert!(
        rules_at(&found, f, 13).is_empty(),
        "another field: {found:?}"
    );
    assert_eq!(rules_at(&found, f, 14), ["PI001", "PI301"], "{found:?}");
}

#[test]
fn objects_keep_their_fields_apart_in_bundles_and_queues() {
    // An object put into a Bundle and read back by its key, or queued by a helper
    // that was handed it, keeps its fields: its rule is not its guests.
    let found = scan(&[
        (
            "app/Meeting.java",
            r#"package app;

import java.util.ArrayList;

public class Meeting implements java.io.Serializable {
    public ArrayList<String> guests = new ArrayList<>();
    public String rule = "FREQ=WEEKLY";

    public void invite(String email) { guests.add(email); }
}
"#,
        ),
        (
            "app/Editor.java",
            r#"package app;

import android.os.Bundle;
import android.util.Log;
import java.util.ArrayDeque;
import java.util.ArrayList;

public class Editor {
    private Meeting meeting = new Meeting();
    private static final ArrayDeque<Meeting> QUEUE = new ArrayDeque<>();

    public void onGuestPicked(String email) {
        meeting.invite(email);
        ArrayList<String> batch = new ArrayList<>();
        batch.add(email);
        schedule(batch);
    }

    void schedule(ArrayList<String> batch) {
        Meeting later = new Meeting();
        later.guests = batch;
        enqueue(later);
    }

    static void enqueue(Meeting m) { QUEUE.add(m); }

    public void restore() {
        Bundle b = new Bundle();
        b.putSerializable("meeting", meeting);
        Meeting m = (Meeting) b.getSerializable("meeting");
        Log.w("E", "rule " + m.rule);
        Log.w("E", "guests " + m.guests);
    }

    public void drain() {
        Meeting m = QUEUE.poll();
        Log.w("E", "rule " + m.rule);
        Log.w("E", "guests " + m.guests);
    }
}
"#,
        ),
    ]);
    let f = "app/Editor.java";
    for (line, rules) in [
        (31, &[][..]),
        (32, &["PI001", "PI301"][..]),
        (37, &[][..]),
        (38, &["PI001", "PI301"][..]),
    ] {
        assert_eq!(rules_at(&found, f, line), rules, "line {line}: {found:?}");
    }
}

#[test]
fn constants_empty_containers_row_ids_and_provider_batches() {
    // A constant made of other constants, an empty container named like data, a
    // delivery status and a thread's row id are no one's data; an e-mail written in a
    // provider batch, and contacts' postal addresses, are.
    let found = scan(&[(
        "app/Sms.java",
        r#"package app;

import android.content.ContentProviderOperation;
import android.content.ContentResolver;
import android.content.ContentValues;
import android.content.Context;
import android.database.Cursor;
import android.provider.CalendarContract;
import android.provider.ContactsContract.CommonDataKinds.StructuredPostal;
import android.provider.Telephony;
import android.telephony.SmsMessage;
import android.util.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

public class Sms {
    static final UUID HR_SERVICE = new UUID(0x180D00001000L, 0x800000805f9b34fbL);
    static final List<UUID> HEART_RATE_SERVICES = List.of(HR_SERVICE);

    void go(Context ctx, ContentResolver r, SmsMessage sms, String phone, String guestEmail) throws Exception {
        Log.e("S", "services " + HEART_RATE_SERVICES);
        ContentValues smsValues = new ContentValues();
        smsValues.put("read", 1);
        Log.e("S", "values " + smsValues);
        Log.e("S", "status " + sms.getStatus());
        long thread = Telephony.Threads.getOrCreateThreadId(ctx, phone);
        Log.e("S", "thread " + thread);
        ArrayList<ContentProviderOperation> ops = new ArrayList<>();
        ops.add(ContentProviderOperation.newInsert(CalendarContract.Attendees.CONTENT_URI)
                .withValue(CalendarContract.Attendees.ATTENDEE_EMAIL, guestEmail)
                .build());
        r.applyBatch(CalendarContract.AUTHORITY, ops);
        Cursor c = r.query(StructuredPostal.CONTENT_URI, null, null, null, null);
        Log.e("S", "address " + c.getString(0));
    }
}
"#,
    )]);
    let f = "app/Sms.java";
    for line in [22, 25, 26, 28] {
        assert!(
            rules_at(&found, f, line).is_empty(),
            "line {line}: {found:?}"
        );
    }
    assert!(reports(&found, f, 33, "PI001"), "{found:?}");
    assert!(reports(&found, f, 35, "PI301"), "{found:?}");
}

#[test]
fn a_stream_kept_in_a_field_writes_where_it_was_opened() {
    // An exporter keeps the writer it was handed in a field and writes each point
    // in another method: the points go to the file the caller opened.
    let found = scan(&[
        (
            "app/Exporter.java",
            r#"package app;

import java.io.OutputStream;
import java.io.PrintWriter;

public class Exporter {
    private PrintWriter out;
    private static PrintWriter log;

    public void begin(OutputStream os) { out = new PrintWriter(os); }
    static void open(OutputStream os) { log = new PrintWriter(os); }

    public void point(double latitude, double longitude) {
        out.println("<trkpt lat=\"" + latitude + "\" lon=\"" + longitude + "\"/>");
        log.println(latitude);
    }
}
"#,
        ),
        (
            "app/Export.java",
            r#"package app;

import android.content.Context;
import android.net.Uri;
import java.io.OutputStream;

public class Export {
    static void run(Context c, Uri file, double latitude, double longitude) throws Exception {
        OutputStream os = c.getContentResolver().openOutputStream(file, "wt");
        Exporter e = new Exporter();
        e.begin(os);
        Exporter.open(os);
        e.point(latitude, longitude);
    }
}
"#,
        ),
    ]);
    let f = "app/Exporter.java";
    assert!(reports(&found, f, 14, "PI303"), "{found:?}");
    assert!(reports(&found, f, 15, "PI303"), "{found:?}");
}

#[test]
fn an_unqualified_call_in_a_runnable_is_the_enclosing_views() {
    // `getText()` in a Runnable inside a text field is the field's own method, not
    // the clipboard's the file also uses: `Runnable` is the language's, not an
    // unknown library type.
    let found = scan(&[(
        "app/ChipsField.java",
        r#"package app;

import android.content.ClipData;
import android.content.ClipboardManager;
import android.content.Context;
import android.text.Editable;
import android.text.SpannableStringBuilder;
import android.widget.MultiAutoCompleteTextView;

public class ChipsField extends MultiAutoCompleteTextView {
    public ChipsField(Context context) { super(context); }

    void copyChip(String chip) {
        ClipboardManager cm = (ClipboardManager) getContext().getSystemService(Context.CLIPBOARD_SERVICE);
        cm.setPrimaryClip(ClipData.newPlainText(null, chip));
    }

    void refresh() {
        post(new Runnable() {
            @Override
            public void run() {
                Editable text = new SpannableStringBuilder(getText());
                setText(text);
            }
        });
    }
}
"#,
    )]);
    assert!(
        rules_at(&found, "app/ChipsField.java", 23).is_empty(),
        "{found:?}"
    );
}

#[test]
fn overloads_fit_best_when_library_types_cannot_be_related() {
    // A `HashMap` handed where a `Map` is taken is beyond the type check for both
    // overloads; the app's own `Handler` still says which one runs.
    let found = scan(&[
        (
            "app/Form.java",
            r#"package app;

import android.app.Activity;
import android.widget.EditText;
import java.util.HashMap;

public class Form extends Activity {
    EditText et_phone;

    void submit() {
        HashMap<String, String> params = new HashMap<>();
        params.put("phone", et_phone.getText().toString());
        new Net().post("https://api.example.com/save", params, new Net.Handler() {
            public void done(String s) {}
        });
    }
}
"#,
        ),
        (
            "app/Net.java",
            r#"package app;

import java.util.Map;
import okhttp3.*;

public class Net {
    public interface Handler { void done(String s); }
    private final OkHttpClient client = new OkHttpClient();

    public void post(String url, Map<String, String> params, Handler handler) {
        FormBody.Builder b = new FormBody.Builder();
        for (Map.Entry<String, String> e : params.entrySet()) b.add(e.getKey(), e.getValue());
        client.newCall(new Request.Builder().url(url).post(b.build()).build());
    }

    public void post(String url, Map<String, String> params, Callback callback) {
        FormBody.Builder b = new FormBody.Builder();
        for (Map.Entry<String, String> e : params.entrySet()) b.add(e.getKey(), e.getValue());
        client.newCall(new Request.Builder().url(url).post(b.build()).build()).enqueue(callback);
    }
}
"#,
        ),
    ]);
    assert!(reports(&found, "app/Net.java", 13, "PI001"), "{found:?}");
    assert!(
        rules_at(&found, "app/Net.java", 19).is_empty(),
        "the other overload: {found:?}"
    );
}

#[test]
fn data_in_a_preference_key_is_stored() {
    // A phone number in a preference's key is written to the file.
    let found = scan(&[(
        "app/Sims.java",
        r#"package app;

import android.content.SharedPreferences;

public class Sims {
    static void rememberSim(SharedPreferences prefs, String phoneNumber, int sim) {
        prefs.edit().putInt("sim_for_" + phoneNumber, sim).apply();
    }
}
"#,
    )]);
    assert!(reports(&found, "app/Sims.java", 7, "PI001"), "{found:?}");
}

#[test]
fn okgo_requests_send_their_parameters_and_bodies() {
    // OkGo's requests, as Chinese apps write them: parameters, a map of them, a JSON
    // body; a request carrying no personal data is no flow.
    let found = scan(&[(
        "app/Up.java",
        r#"package app;
import android.app.Activity;
import android.widget.EditText;
import com.lzy.okgo.OkGo;
import com.lzy.okgo.callback.StringCallback;
import java.util.HashMap;
public class Up extends Activity {
    EditText et_phone;
    void send(StringCallback cb) {
        String phone = et_phone.getText().toString();
        OkGo.<String>post("https://api.example.com/sign")
            .tag(this)
            .connTimeOut(10000)
            .params("phone", phone)
            .execute(cb);
        HashMap<String, String> m = new HashMap<>();
        m.put("phone", phone);
        OkGo.<String>post("https://api.example.com/sign").params(m).execute(cb);
        OkGo.<String>post("https://api.example.com/sign").upJson("{\"p\":\"" + phone + "\"}").execute(cb);
        OkGo.<String>get("https://api.example.com/ping").params("v", 1).execute(cb);
    }
}
"#,
    )]);
    let f = "app/Up.java";
    for line in [14, 18, 19] {
        assert!(reports(&found, f, line, "PI001"), "line {line}: {found:?}");
    }
    assert!(rules_at(&found, f, 20).is_empty(), "{found:?}");
}

#[test]
fn overloads_are_told_apart_by_argument_types() {
    let found = scan(&[(
        "app/Share.java",
        r#"package app;

import android.net.Uri;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.List;

public class Share {
    static void of(Uri uri, String type) {
        Log.i("S", "uri " + uri);
    }

    static void of(List<String> names, String type) {
        Log.i("S", "names " + names.size());
    }

    void go(TelephonyManager tm, List<String> names) {
        Uri uri = Uri.parse("geo:" + tm.getImei());
        of(uri, "location");
        of(names, "contacts");
    }
}
"#,
    )]);
    let f = "app/Share.java";
    assert_eq!(rules_at(&found, f, 10), ["PI001", "PI301"], "{found:?}");
    assert!(rules_at(&found, f, 14).is_empty(), "{found:?}");
}

#[test]
fn typed_values_and_writers_around_streams() {
    let found = scan(&[(
        "app/Auth.java",
        r#"package app;

import android.accounts.Account;
import android.location.Location;
import android.util.Log;
import java.io.FileWriter;
import org.apache.commons.csv.CSVPrinter;

public class Auth {
    public void onAccount(Account account) {
        Log.d("A", "signing in " + account);
    }

    public void write(Location loc) throws Exception {
        CSVPrinter printer = new CSVPrinter(new FileWriter("/sdcard/track.csv"), null);
        printer.printRecord(loc.getLatitude(), loc.getLongitude());
        Log.d("A", "accuracy " + loc.getAccuracy());
    }
}
"#,
    )]);
    let f = "app/Auth.java";
    assert_eq!(rules_at(&found, f, 11), ["PI001", "PI301"], "{found:?}");
    assert_eq!(rules_at(&found, f, 16), ["PI001", "PI303"], "{found:?}");
    assert!(
        rules_at(&found, f, 17).is_empty(),
        "accuracy is not a location: {found:?}"
    );
}

#[test]
fn explicit_intents_carry_data_to_the_apps_own_activity() {
    let found = scan(&[
        (
            "app/MainActivity.java",
            r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.telephony.TelephonyManager;

public class MainActivity extends Activity {
    void open(TelephonyManager tm) {
        Intent i = new Intent(this, DetailActivity.class);
        i.putExtra("data", tm.getDeviceId());
        startActivity(i);
    }
}
"#,
        ),
        (
            "app/DetailActivity.java",
            r#"package app;

import android.app.Activity;
import android.os.Bundle;
import android.util.Log;

public class DetailActivity extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        String s = getIntent().getStringExtra("data");
        Log.i("D", s);
    }
}
"#,
        ),
    ]);
    assert!(
        rules_at(&found, "app/MainActivity.java", 11).is_empty(),
        "not IPC: {found:?}"
    );
    assert_eq!(
        rules_at(&found, "app/DetailActivity.java", 12),
        ["PI001", "PI301"],
        "{found:?}"
    );
}

#[test]
fn constant_keys_keep_values_apart() {
    let found = scan(&[(
        "app/Keys.java",
        r#"package app;

import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.HashMap;
import java.util.Map;

public class Keys {
    void go(TelephonyManager tm) {
        Map<String, String> m = new HashMap<>();
        m.put("imsi", tm.getSubscriberId());
        m.put("model", "Pixel");
        Log.i("K", m.get("model"));
        Log.i("K", m.get("imsi"));
        Bundle b = new Bundle();
        b.putString("sim", tm.getSimSerialNumber());
        Log.i("K", "" + b.getInt("count"));
        Log.i("K", b.getString("sim"));
    }
}
"#,
    )]);
    let f = "app/Keys.java";
    assert!(rules_at(&found, f, 14).is_empty(), "{found:?}");
    assert_eq!(rules_at(&found, f, 15), ["PI001", "PI301"], "{found:?}");
    assert!(rules_at(&found, f, 18).is_empty(), "{found:?}");
    assert_eq!(rules_at(&found, f, 19), ["PI001", "PI301"], "{found:?}");
}

#[test]
fn project_configuration_extends_the_knowledge_and_excludes_paths() {
    let found = scan(&[
        (
            "piitrace.toml",
            "[scan]\nexclude = [\"legacy/\"]\n\n[[sink]]\nclass = \"app.util.L\"\nmethod = \"d\"\nkind = \"log\"\n\n[[name]]\ncategory = \"national_id\"\npatterns = [\"zjhm\"]\n",
        ),
        (
            "app/Use.java",
            r#"package app;

import app.util.L;

public class Use {
    void go(String zjhm) {
        L.d(zjhm);
    }
}
"#,
        ),
        (
            "legacy/Old.java",
            "package legacy;\nimport android.util.Log;\nclass Old { void f(String phone) { Log.i(\"t\", phone); } }\n",
        ),
    ]);
    assert_eq!(
        rules_at(&found, "app/Use.java", 7),
        ["PI001", "PI301"],
        "{found:?}"
    );
    assert!(found.iter().all(|f| f.1 != "legacy/Old.java"), "{found:?}");
    assert!(found.iter().all(|f| f.3 == "national_id"), "{found:?}");
}

#[test]
fn an_invalid_configuration_is_a_usage_error_naming_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("piitrace.toml"),
        "[scan]\nexclude = []\n[sinks]\n",
    )
    .expect("write");
    let out = common::piitrace(&["scan", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 3") && stderr.contains("sinks"),
        "{stderr}"
    );
}

#[test]
fn threads_executors_and_thrown_exceptions_carry_data() {
    let found = scan(&[(
        "app/T.java",
        r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.concurrent.Executors;

public class T {
    void go(TelephonyManager tm) {
        String imei = tm.getDeviceId();
        new Thread(() -> Log.i("T", "thread " + imei)).start();
        Executors.newSingleThreadExecutor().execute(() -> {
            Log.i("T", "executor " + imei);
        });
        try {
            throw new IllegalStateException("bad device " + imei);
        } catch (IllegalStateException e) {
            Log.e("T", e.getMessage());
        }
        try {
            throw new IllegalStateException("no data");
        } catch (IllegalStateException e) {
            Log.e("T", e.getMessage());
        }
    }
}
"#,
    )]);
    let f = "app/T.java";
    assert_eq!(rules_at(&found, f, 10), ["PI001", "PI301"], "{found:?}");
    assert_eq!(rules_at(&found, f, 12), ["PI001", "PI301"], "{found:?}");
    assert_eq!(rules_at(&found, f, 17), ["PI001", "PI301"], "{found:?}");
    assert!(rules_at(&found, f, 22).is_empty(), "{found:?}");
}

#[test]
fn a_handle_field_is_not_where_an_object_keeps_its_data() {
    // The session holds a location; its preferences handle does not, so a number
    // read from the preferences is no guess at the location.
    let found = scan(&[
        (
            "app/Session.java",
            r#"package app;

import android.content.SharedPreferences;
import android.location.Location;
import android.preference.PreferenceManager;

public class Session {
    private static Session instance;
    private SharedPreferences prefs;
    private Location previous;

    public static Session getInstance() {
        if (instance == null) {
            instance = new Session();
            instance.prefs = PreferenceManager.getDefaultSharedPreferences(App.get());
        }
        return instance;
    }

    private String get(String key, String fallback) {
        return prefs.getString("SESSION_" + key, fallback);
    }

    public void setPrevious(Location previous) { this.previous = previous; }
    public Location getPrevious() { return previous; }
    public long getStartTime() { return Long.parseLong(get("start", "0")); }
}
"#,
        ),
        (
            "app/Tracker.java",
            r#"package app;

import android.app.Service;
import android.location.Location;
import android.location.LocationListener;
import android.util.Log;

public class Tracker extends Service implements LocationListener {
    private Session session = Session.getInstance();

    private void remember(Location loc) {
        if (session.getPrevious() == null) {
            session.setPrevious(loc);
        }
    }

    @Override
    public void onLocationChanged(Location loc) {
        remember(loc);
        Log.d("T", "started " + session.getStartTime());
        Log.d("T", "at " + session.getPrevious());
    }
}
"#,
        ),
        (
            "app/App.java",
            r#"package app;

public class App extends android.app.Application {
    private static App self;
    public static App get() { return self; }
}
"#,
        ),
    ]);
    let f = "app/Tracker.java";
    assert!(rules_at(&found, f, 20).is_empty(), "preferences: {found:?}");
    assert_eq!(rules_at(&found, f, 21), ["PI001", "PI301"], "{found:?}");
}

#[test]
fn array_elements_at_constant_indices_are_kept_apart() {
    let found = scan(&[(
        "app/T.java",
        r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

public class T {
    void go(TelephonyManager tm, int i) {
        String[] parts = new String[2];
        parts[0] = "fixed";
        parts[1] = tm.getDeviceId();
        Log.i("T", parts[0]);
        Log.i("T", parts[1]);
        Log.i("T", parts[i]);
    }
}
"#,
    )]);
    let f = "app/T.java";
    assert!(rules_at(&found, f, 11).is_empty(), "{found:?}");
    assert_eq!(rules_at(&found, f, 12), ["PI001", "PI301"], "{found:?}");
    assert_eq!(rules_at(&found, f, 13), ["PI001", "PI301"], "{found:?}");
}

#[test]
fn serialised_field_names_classify_fields() {
    let found = scan(&[
        (
            "app/U.java",
            r#"package app;

import android.util.Log;
import com.google.gson.annotations.SerializedName;

public class U {
    @SerializedName("id_card_no")
    String c;
    String d;

    void show() {
        Log.i("U", c);
        Log.i("U", d);
    }
}
"#,
        ),
        (
            "svc/src/main.rs",
            r#"use tracing::info;

#[derive(serde::Deserialize)]
struct Req {
    #[serde(rename = "mobile")]
    m: String,
    #[serde(default)]
    n: String,
}

async fn h(axum::Json(req): axum::Json<Req>) {
    info!("got {}", req.m);
    info!("got {}", req.n);
}
"#,
        ),
    ]);
    assert_eq!(
        rules_at(&found, "app/U.java", 12),
        ["PI001", "PI301"],
        "{found:?}"
    );
    assert!(rules_at(&found, "app/U.java", 13).is_empty(), "{found:?}");
    assert_eq!(
        rules_at(&found, "svc/src/main.rs", 12),
        ["PI001", "PI301"],
        "{found:?}"
    );
    assert!(
        rules_at(&found, "svc/src/main.rs", 13).is_empty(),
        "{found:?}"
    );
}

#[test]
fn suppressions_without_a_reason_or_a_finding_are_reported() {
    let report = common::scan_files(&[(
        "app/A.java",
        r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class A {
    TelephonyManager tm;

    void a() {
        String id = tm.getDeviceId();
        Log.d("a", id); // piitrace:ignore PI301 debug builds only
        Log.d("b", id); // piitrace:ignore PI301
        // piitrace:ignore PI303 nothing here is stored
        Log.d("c", "hello");
    }
}
"#,
    )]);
    let pi301: Vec<(u64, bool)> = common::of_rule(&report, "PI301")
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or_default(),
                f["suppressed"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    // The comment with a reason silences its own line only; the trailing comment of
    // line 11 does not reach line 12, whose own comment gives no reason.
    assert_eq!(pi301, vec![(11, true), (12, false)]);
    let notes: Vec<&str> = report["notifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .filter(|n| n["id"] == "stale-suppression")
        .filter_map(|n| n["message"].as_str())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("app/A.java:12:") && notes[0].contains("no reason"));
    assert!(notes[1].starts_with("app/A.java:13:") && notes[1].contains("silences nothing"));
}

/// An object built by a constructor keeps each argument in its own field, and a
/// helper that reads the fields of that object (its parameter) gets each field's data
/// only: the password reaches the one write of the password, not the host's or port's.
#[test]
fn a_parameter_object_gives_each_field_its_own_data() {
    let config = r#"package app;

public class ProxyConfig {
    public final String type;
    public final String host;
    public final int port;
    public final String password;

    public ProxyConfig(String type, String host, int port, String password) {
        this.type = type;
        this.host = host;
        this.port = port;
        this.password = password;
    }
}
"#;
    let prefs = r#"package app;

import android.content.SharedPreferences;

public class Prefs {
    static SharedPreferences prefs;

    public static void save(ProxyConfig config) {
        SharedPreferences.Editor editor = prefs.edit();
        editor.putString("type", config.type);
        editor.putString("host", config.host);
        editor.putInt("port", config.port);
        editor.putString("pw", config.password);
        editor.apply();
    }
}
"#;
    let dialog = r#"package app;

import android.widget.EditText;

public class Dialog {
    EditText passwordText;

    void onSave() {
        String password = passwordText.getText().toString();
        ProxyConfig config = new ProxyConfig("http", "proxy.local", 8080, password);
        Prefs.save(config);
    }
}
"#;
    let found = scan(&[
        ("src/app/ProxyConfig.java", config),
        ("src/app/Prefs.java", prefs),
        ("src/app/Dialog.java", dialog),
    ]);
    for line in [10, 11, 12] {
        assert!(
            rules_at(&found, "src/app/Prefs.java", line).is_empty(),
            "line {line}: {found:?}"
        );
    }
    assert_eq!(
        rules_at(&found, "src/app/Prefs.java", 13),
        vec!["PI001", "PI303"]
    );
}

/// A Rust struct literal gives each field its own value: logging the field that holds
/// the nickname does not leak the phone number held by another field of the same struct.
#[test]
fn a_rust_struct_literal_keeps_each_field() {
    let service = r#"use tracing::info;

pub struct Entry {
    pub key: String,
    pub label: String,
}

pub fn greet(phone_number: String, nickname: String) {
    let entry = Entry { key: phone_number, label: nickname };
    info!("welcome {}", entry.label);
    info!("reach at {}", entry.key);
}
"#;
    let found = scan(&[("src/lib.rs", service)]);
    assert!(rules_at(&found, "src/lib.rs", 10).is_empty(), "{found:?}");
    assert_eq!(rules_at(&found, "src/lib.rs", 11), vec!["PI001", "PI301"]);
}

/// Room: `@Insert` and an `@Query` that writes store what they are given; an
/// `@Query` that selects by a value only reads by it. A flag about the password
/// (`passwordEnforced`) is not the password.
#[test]
fn room_queries_that_only_read_store_nothing() {
    let dao = r#"package app;

import androidx.room.Dao;
import androidx.room.Insert;
import androidx.room.Query;

@Dao
public interface PlaceDao {
    @Insert
    void save(Place place);

    @Query("SELECT * FROM place WHERE latitude = :lat")
    Place near(double lat);

    @Query("UPDATE place SET latitude = :lat")
    void move(double lat);
}
"#;
    let screen = r#"package app;

import android.location.Location;
import android.location.LocationManager;
import android.content.SharedPreferences;

public class Screen {
    LocationManager lm;
    PlaceDao dao;
    SharedPreferences prefs;

    void onResume(String passwordEnforced) {
        Location here = lm.getLastKnownLocation("gps");
        dao.near(here.getLatitude());
        dao.move(here.getLatitude());
        prefs.edit().putString("pw_enforced", passwordEnforced).apply();
    }
}
"#;
    let found = scan(&[
        ("src/app/PlaceDao.java", dao),
        ("src/app/Screen.java", screen),
    ]);
    assert!(
        rules_at(&found, "src/app/Screen.java", 14).is_empty(),
        "{found:?}"
    );
    assert!(reports(&found, "src/app/Screen.java", 15, "PI303"));
    assert!(
        rules_at(&found, "src/app/Screen.java", 16).is_empty(),
        "{found:?}"
    );
}

#[test]
fn getters_on_text_convert_the_whole_value() {
    let found = scan(&[(
        "src/main/java/app/Track.java",
        r#"package app;

import android.location.Location;
import android.location.LocationListener;
import java.io.FileOutputStream;

public class Track implements LocationListener {
    @Override
    public void onLocationChanged(Location loc) {
        String line = loc.getLatitude() + ";" + loc.getLongitude();
        try {
            new FileOutputStream("/sdcard/track.txt").write(line.getBytes());
        } catch (Exception e) {
        }
    }
}
"#,
    )]);
    let at = rules_at(&found, "src/main/java/app/Track.java", 12);
    assert!(at.contains(&"PI001".to_string()), "{found:?}");
}

#[test]
fn intents_addressed_to_another_app_leave_it() {
    let found = scan(&[(
        "src/main/java/app/Share.java",
        r#"package app;

import android.app.Activity;
import android.content.ComponentName;
import android.content.Intent;
import android.telephony.TelephonyManager;

public class Share extends Activity {
    void share(TelephonyManager tm) {
        Intent toMessenger = new Intent(Intent.ACTION_SEND);
        toMessenger.putExtra(Intent.EXTRA_TEXT, "number " + tm.getLine1Number());
        toMessenger.setPackage("com.whatsapp");
        startActivity(toMessenger);

        Intent toPartner = new Intent();
        toPartner.putExtra("imei", tm.getImei());
        toPartner.setComponent(new ComponentName("com.partner.wallet", "com.partner.wallet.Bind"));
        startActivity(toPartner);

        Intent toSelf = new Intent(Intent.ACTION_VIEW);
        toSelf.putExtra("imei", tm.getImei());
        toSelf.setPackage(getPackageName());
        startActivity(toSelf);
    }
}
"#,
    )]);
    let file = "src/main/java/app/Share.java";
    assert!(reports(&found, file, 13, "PI001"), "{found:?}");
    assert!(reports(&found, file, 18, "PI001"), "{found:?}");
    assert!(!reports(&found, file, 23, "PI001"), "{found:?}");
}

#[test]
fn messages_sent_to_a_handler_arrive_in_handle_message() {
    let found = scan(&[(
        "src/main/java/app/Status.java",
        r#"package app;

import android.app.Activity;
import android.os.Handler;
import android.os.Looper;
import android.os.Message;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Status extends Activity {
    private final Handler ui = new Handler(Looper.getMainLooper()) {
        @Override
        public void handleMessage(Message msg) {
            Log.i("Ui", "ready: " + msg.obj);
        }
    };

    void report(TelephonyManager tm) {
        Message m = ui.obtainMessage(1);
        m.obj = tm.getImei();
        ui.sendMessage(m);

        Handler worker = new Handler(Looper.getMainLooper(), msg -> {
            Log.d("Worker", "number " + msg.obj);
            return true;
        });
        worker.sendMessageDelayed(worker.obtainMessage(2, tm.getLine1Number()), 100);
    }
}
"#,
    )]);
    let file = "src/main/java/app/Status.java";
    assert!(reports(&found, file, 14, "PI301"), "{found:?}");
    assert!(reports(&found, file, 24, "PI301"), "{found:?}");
}

#[test]
fn the_saved_instance_state_comes_back_when_the_screen_is_recreated() {
    let found = scan(&[(
        "src/main/java/app/Sim.java",
        r#"package app;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Sim extends Activity {
    private String serial;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        if (savedInstanceState != null) {
            Log.i("Sim", "theme " + savedInstanceState.getString("theme"));
        }
    }

    void read(TelephonyManager tm) {
        serial = tm.getSimSerialNumber();
    }

    @Override
    protected void onSaveInstanceState(Bundle out) {
        super.onSaveInstanceState(out);
        out.putString("sim", serial);
        out.putString("theme", "dark");
    }

    @Override
    protected void onRestoreInstanceState(Bundle saved) {
        super.onRestoreInstanceState(saved);
        Log.i("Sim", "restored " + saved.getString("sim"));
    }
}
"#,
    )]);
    let file = "src/main/java/app/Sim.java";
    assert!(reports(&found, file, 33, "PI301"), "{found:?}");
    assert!(!reports(&found, file, 15, "PI301"), "{found:?}");
}

#[test]
fn branches_under_a_false_constant_never_run() {
    let found = scan(&[(
        "src/main/java/app/Debug.java",
        r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Debug extends Activity {
    private static final boolean DEBUG = false;
    private static final boolean TRACE = true;

    void report(TelephonyManager tm) {
        if (DEBUG) {
            Log.d("Debug", "device " + tm.getImei());
        }
        if (!TRACE) {
            Log.d("Debug", "sim " + tm.getSimSerialNumber());
        }
        if (TRACE) {
            Log.d("Trace", "number " + tm.getLine1Number());
        }
    }
}
"#,
    )]);
    let file = "src/main/java/app/Debug.java";
    assert!(rules_at(&found, file, 13).is_empty(), "{found:?}");
    assert!(rules_at(&found, file, 16).is_empty(), "{found:?}");
    assert!(reports(&found, file, 19, "PI301"), "{found:?}");
}

#[test]
fn what_a_callee_stores_into_an_argument_is_in_the_callers_object() {
    let found = scan(&[(
        "src/main/java/app/Fill.java",
        r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.ArrayList;
import java.util.List;

public class Fill extends Activity {
    static class Box { String v; String w; }

    void run(TelephonyManager tm) {
        Box a = new Box();
        fill(a, tm);
        Log.d("T", a.v);
        Log.d("T", a.w);
        List<String> ids = new ArrayList<>();
        collect(ids, tm);
        Log.d("T", ids.get(0));
        String id = null;
        fallback(id, tm);
        Log.d("T", id);
    }

    void fill(Box box, TelephonyManager tm) { box.v = tm.getDeviceId(); box.w = "x"; }
    void collect(List<String> out, TelephonyManager tm) { out.add(tm.getImei()); }
    void fallback(String id, TelephonyManager tm) { if (id == null) id = tm.getImei(); Log.v("T", "x"); }
}
"#,
    )]);
    let file = "src/main/java/app/Fill.java";
    assert!(reports(&found, file, 15, "PI301"), "{found:?}");
    assert!(rules_at(&found, file, 16).is_empty(), "{found:?}");
    assert!(reports(&found, file, 19, "PI301"), "{found:?}");
    // A parameter assigned anew is a local: the caller's string is unchanged.
    assert!(rules_at(&found, file, 22).is_empty(), "{found:?}");
}

#[test]
fn an_exception_thrown_in_a_callee_is_caught_with_its_message() {
    let found = scan(&[(
        "src/main/java/app/Check.java",
        r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Check extends Activity {
    void check(TelephonyManager tm) {
        try {
            validate(tm.getImei());
        } catch (IllegalStateException e) {
            Log.e("Check", e.getMessage());
        }
    }

    private void validate(String imei) {
        if (imei.length() != 15) {
            throw new IllegalStateException("bad " + imei);
        }
    }

    static class Profile {
        String phone;
    }

    void show(TelephonyManager tm) {
        Profile p = new Profile();
        p.phone = tm.getLine1Number();
        try {
            render(p);
        } catch (AssertionError e) {
            Log.e("Check", e.getMessage());
        }
    }

    private void render(Profile p) {
        throw new AssertionError("cannot render " + p.getClass().getName());
    }
}
"#,
    )]);
    let file = "src/main/java/app/Check.java";
    assert!(reports(&found, file, 12, "PI301"), "{found:?}");
    // Only the object's class name is in the message.
    assert!(rules_at(&found, file, 32).is_empty(), "{found:?}");
}

#[test]
fn two_names_of_one_object_see_what_is_stored_through_either() {
    let found = scan(&[(
        "src/main/java/app/Alias.java",
        r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Alias extends Activity {
    static class Session {
        String token;
        String theme;
    }

    void bind(TelephonyManager tm) {
        Session current = new Session();
        Session view = current;
        current.token = tm.getImei();
        Log.d("Session", "token " + view.token);
        Log.d("Session", "theme " + view.theme);
        String copy = "x";
        String other = copy;
        copy = tm.getImei();
        Log.d("Session", "other " + other);
    }
}
"#,
    )]);
    let file = "src/main/java/app/Alias.java";
    assert!(reports(&found, file, 17, "PI301"), "{found:?}");
    assert!(rules_at(&found, file, 18).is_empty(), "{found:?}");
    // Strings are values: a new one assigned to `copy` is not `other`.
    assert!(rules_at(&found, file, 22).is_empty(), "{found:?}");
}

#[test]
fn switch_with_default_overwriting_in_every_arm_ends_the_value() {
    let found = scan(&[(
        "app/src/main/java/app/Main.java",
        r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Main {
    void go(TelephonyManager tm, int k) {
        String v = tm.getImei();
        switch (k) {
            case 0: v = "a"; break;
            default: v = "b";
        }
        Log.i("T", "v " + v);
        String w = tm.getMeid();
        switch (k) {
            case 0: w = "a"; break;
            case 1: w = "b"; break;
        }
        Log.i("T", "w " + w);
    }
}
"#,
    )]);
    let file = "app/src/main/java/app/Main.java";
    assert!(!reports(&found, file, 13, "PI301"), "{found:?}");
    assert!(reports(&found, file, 19, "PI301"), "{found:?}");
}

#[test]
fn static_field_sources_and_system_streams() {
    let found = scan(&[(
        "app/src/main/java/app/Main.java",
        r#"package app;

import android.os.Build;
import android.telephony.TelephonyManager;

class Main {
    void go(TelephonyManager tm) {
        String serial = Build.SERIAL;
        System.out.println("serial " + serial);
        System.err.printf("imei %s%n", tm.getImei());
    }
}
"#,
    )]);
    let file = "app/src/main/java/app/Main.java";
    assert!(reports(&found, file, 9, "PI301"), "{found:?}");
    assert!(reports(&found, file, 10, "PI301"), "{found:?}");
}

#[test]
fn helpers_that_read_an_entry_by_a_key_parameter_read_the_callers_key() {
    let found = scan(&[
        (
            "app/MainActivity.java",
            r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.telephony.TelephonyManager;

public class MainActivity extends Activity {
    void open(TelephonyManager tm) {
        Intent i = new Intent(this, DetailActivity.class);
        i.putExtra("device", tm.getDeviceId());
        i.putExtra("theme", "dark");
        startActivity(i);
    }
}
"#,
        ),
        (
            "app/DetailActivity.java",
            r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.util.Log;
import androidx.core.content.IntentCompat;

public class DetailActivity extends Activity {
    static String extra(Intent intent, String key) {
        return intent.getStringExtra(key);
    }

    String own(String key) {
        return getIntent().getStringExtra(key);
    }

    String compat(String key) {
        return IntentCompat.getParcelableExtra(getIntent(), key, String.class);
    }

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        Log.i("D", extra(getIntent(), "theme"));
        Log.i("D", own("theme"));
        Log.i("D", compat("theme"));
        Log.i("D", extra(getIntent(), "device"));
        Log.i("D", own("device"));
        Log.i("D", compat("device"));
    }
}
"#,
        ),
    ]);
    let file = "app/DetailActivity.java";
    for line in [25, 26, 27] {
        assert!(
            rules_at(&found, file, line).is_empty(),
            "line {line}: {found:?}"
        );
    }
    for line in [28, 29, 30] {
        assert_eq!(
            rules_at(&found, file, line),
            ["PI001", "PI301"],
            "line {line}: {found:?}"
        );
    }
}

#[test]
fn an_implicit_intent_in_a_pending_intent_leaves_the_app() {
    let found = scan(&[(
        "app/Main.java",
        r#"package app;

import android.app.Activity;
import android.app.PendingIntent;
import android.content.Intent;
import android.net.Uri;
import android.telephony.TelephonyManager;

public class Main extends Activity {
    PendingIntent open(TelephonyManager tm) {
        Intent view = new Intent(Intent.ACTION_VIEW, Uri.parse("https://example.com/?id=" + tm.getImei()));
        PendingIntent.getActivity(this, 0, new Intent(this, Main.class).putExtra("id", tm.getImei()), 0);
        return PendingIntent.getActivity(this, 0, view, PendingIntent.FLAG_IMMUTABLE);
    }
}
"#,
    )]);
    assert!(!reports(&found, "app/Main.java", 12, "PI001"), "{found:?}");
    assert!(reports(&found, "app/Main.java", 13, "PI001"), "{found:?}");
}

#[test]
fn a_fluent_setter_returns_the_object_it_stored_into() {
    let found = scan(&[(
        "app/Main.java",
        r#"package app;

import android.telephony.TelephonyManager;
import android.util.Log;

class Report {
    String device;
    String label;

    Report device(String d) { this.device = d; return this; }
    Report label(String l) { this.label = l; return this; }
}

public class Main {
    void go(TelephonyManager tm) {
        Report r = new Report().device(tm.getImei()).label("daily");
        Log.i("T", "device " + r.device);
        Log.i("T", "label " + r.label);
    }
}
"#,
    )]);
    assert!(reports(&found, "app/Main.java", 17, "PI301"), "{found:?}");
    assert!(
        rules_at(&found, "app/Main.java", 18).is_empty(),
        "{found:?}"
    );
}

#[test]
fn debug_constants_of_another_class_and_contexts_handed_to_sdks() {
    let found = scan(&[
        (
            "app/Config.java",
            r#"package app;

public final class Config {
    public static final boolean EXTENDED_LOGGING = false;
}
"#,
        ),
        (
            "app/Main.java",
            r#"package app;

import android.app.Activity;
import android.content.Context;
import android.telephony.TelephonyManager;
import android.util.Log;
import com.umeng.analytics.MobclickAgent;

public class Main extends Activity {
    private String id;

    void go(TelephonyManager tm, Context context) {
        id = tm.getImei();
        if (Config.EXTENDED_LOGGING) {
            Log.d("T", "id " + id);
        }
        MobclickAgent.onEvent(context, "opened");
        MobclickAgent.onEvent(context, id);
    }
}
"#,
        ),
    ]);
    let file = "app/Main.java";
    assert!(rules_at(&found, file, 15).is_empty(), "{found:?}");
    assert!(!reports(&found, file, 17, "PI001"), "{found:?}");
    assert!(reports(&found, file, 18, "PI001"), "{found:?}");
}

const COPIES: &str = r#"package app;

import android.app.Activity;
import android.os.Build;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

public class Main extends Activity {
    static class Info {
        String serial = Build.SERIAL;
        String label = "device";
    }

    void copy(TelephonyManager tm) {
        String[] src = new String[] { tm.getDeviceId() };
        String[] dst = new String[1];
        System.arraycopy(src, 0, dst, 0, 1);
        Log.i("T", dst[0]); // arraycopy
    }

    void buffer(TelephonyManager tm) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(tm.getImei().getBytes());
        Log.i("T", bytes.toString()); // buffer
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wrapped);
        out.writeUTF(tm.getLine1Number());
        Log.i("T", new String(wrapped.toByteArray())); // wrapped
    }

    void grid(TelephonyManager tm) {
        String[][] grid = new String[2][2];
        grid[1][0] = tm.getSimSerialNumber();
        Log.i("T", grid[1][0]); // nested array
    }

    void initialisers() {
        Info info = new Info();
        Log.i("T", info.serial); // initialiser
        Log.i("T", info.label); // other field
    }

    void futures(ExecutorService ex, final TelephonyManager tm) throws Exception {
        Future<String> f = ex.submit(new Callable<String>() {
            public String call() { return tm.getDeviceId(); }
        });
        Log.i("T", f.get()); // future
        CompletableFuture.supplyAsync(() -> tm.getSubscriberId())
            .thenAccept(s -> Log.i("T", s)); // completable
    }
}
"#;

#[test]
fn copies_buffers_field_initialisers_and_futures() {
    let found = scan(&[("app/Main.java", COPIES)]);
    let file = "app/Main.java";
    for marker in [
        "// arraycopy",
        "// buffer",
        "// wrapped",
        "// initialiser",
        "// nested array",
        "// future",
        "// completable",
    ] {
        let line = line_of(COPIES, marker);
        assert!(reports(&found, file, line, "PI001"), "{marker}: {found:?}");
    }
    assert!(
        rules_at(&found, file, line_of(COPIES, "// other field")).is_empty(),
        "{found:?}"
    );
}

const RESULTS_PICKER: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.telephony.TelephonyManager;

public class Picker extends Activity {
    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Intent r = new Intent();
        r.putExtra("id", tm.getDeviceId());
        r.putExtra("label", "x");
        setResult(RESULT_OK, r);
        finish();
    }
}
"#;

const RESULTS_MAIN: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import com.android.volley.Request;
import com.android.volley.RequestQueue;
import com.android.volley.toolbox.StringRequest;
import java.util.HashMap;
import java.util.Map;

public class Main extends Activity {
    protected void onCreate(Bundle b) {
        startActivityForResult(new Intent(this, Picker.class), 1);
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Bundle args = new Bundle();
        args.putString("id", tm.getDeviceId());
        DetailFragment f = new DetailFragment();
        f.setArguments(args);
    }

    protected void onActivityResult(int req, int res, Intent data) {
        SmsManager.getDefault().sendTextMessage("+1", null, data.getStringExtra("id"), null, null); // result
        SmsManager.getDefault().sendTextMessage("+1", null, data.getStringExtra("label"), null, null); // label
    }

    void send(RequestQueue q, final TelephonyManager tm) {
        q.add(new StringRequest(Request.Method.POST, "https://example.com/r", null, null) {
            protected Map<String, String> getParams() {
                Map<String, String> m = new HashMap<>();
                m.put("imei", tm.getDeviceId());
                return m; // params
            }
        });
    }
}
"#;

const RESULTS_FRAGMENT: &str = r#"package app;

import android.app.Fragment;
import android.os.Bundle;
import android.util.Log;

public class DetailFragment extends Fragment {
    public void onCreate(Bundle b) {
        super.onCreate(b);
        Log.i("T", getArguments().getString("id")); // arguments
    }
}
"#;

const RESULTS_OTHER: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.util.Log;

public class Other extends Activity {
    protected void onActivityResult(int req, int res, Intent data) {
        Log.i("T", data.getStringExtra("id")); // starts no picker
    }
}
"#;

#[test]
fn activity_results_fragment_arguments_and_request_parameters() {
    let found = scan(&[
        ("app/Picker.java", RESULTS_PICKER),
        ("app/Main.java", RESULTS_MAIN),
        ("app/DetailFragment.java", RESULTS_FRAGMENT),
        ("app/Other.java", RESULTS_OTHER),
    ]);
    // Only the activities that start the picker receive what it hands back.
    assert!(
        rules_at(
            &found,
            "app/Other.java",
            line_of(RESULTS_OTHER, "// starts no picker")
        )
        .is_empty(),
        "{found:?}"
    );
    let main = "app/Main.java";
    assert!(
        reports(&found, main, line_of(RESULTS_MAIN, "// result"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, main, line_of(RESULTS_MAIN, "// label")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, main, line_of(RESULTS_MAIN, "// params"), "PI001"),
        "{found:?}"
    );
    assert!(
        reports(
            &found,
            "app/DetailFragment.java",
            line_of(RESULTS_FRAGMENT, "// arguments"),
            "PI001"
        ),
        "{found:?}"
    );
    // Handing the result back is still a disclosure to whoever started the activity.
    assert!(
        reports(
            &found,
            "app/Picker.java",
            line_of(RESULTS_PICKER, "setResult"),
            "PI001"
        ),
        "{found:?}"
    );
}

const DISPATCH: &str = r#"package app;

import android.app.Activity;
import android.app.Service;
import android.content.Intent;
import android.os.IBinder;
import android.telephony.TelephonyManager;
import android.util.Log;

interface Sender { void send(String s); }

class LogSender implements Sender {
    public void send(String s) { Log.i("T", s); } // log sender
}

class Unused implements Sender {
    public void send(String s) { Log.w("T", s); } // never created
}

class Loaded implements Sender {
    public void send(String s) { Log.e("T", s); } // loaded by name
}

public class Main extends Activity {
    void go(TelephonyManager tm) {
        Sender s = new LogSender();
        relay(s, tm);
        Class<?> plugin = Loaded.class;
        Intent i = new Intent(this, Sync.class);
        i.putExtra("imei", tm.getDeviceId());
        startService(i);
    }
    // Whichever sender it is handed: any created one.
    void relay(Sender any, TelephonyManager tm) { any.send(tm.getDeviceId()); }
}

class Sync extends Service {
    public int onStartCommand(Intent i, int flags, int id) {
        Log.i("T", i.getStringExtra("imei")); // extra
        Log.i("T", "flags " + flags); // flags
        return START_NOT_STICKY;
    }
    public IBinder onBind(Intent i) { return null; }
}
"#;

#[test]
fn overrides_of_classes_never_created_do_not_run() {
    let found = scan(&[("app/Main.java", DISPATCH)]);
    let file = "app/Main.java";
    let at = |marker| line_of(DISPATCH, marker);
    assert!(
        reports(&found, file, at("// log sender"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, at("// never created")).is_empty(),
        "{found:?}"
    );
    // A class named by its class literal may be created by reflection or an injector.
    assert!(
        reports(&found, file, at("// loaded by name"), "PI001"),
        "{found:?}"
    );
    assert!(reports(&found, file, at("// extra"), "PI001"), "{found:?}");
    // The Intent's extras are not in the numbers delivered beside it.
    assert!(
        rules_at(&found, file, at("// flags")).is_empty(),
        "{found:?}"
    );
}

const BROADCASTS: &str = r#"package app;

import android.app.Activity;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.location.Location;
import android.location.LocationListener;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;
import androidx.localbroadcastmanager.content.LocalBroadcastManager;

class Scanner implements LocationListener {
    public static final String ACTION_GPS_UPDATED = "app.GPS";
    private final Context context;
    Scanner(Context c) { context = c; }
    public void onLocationChanged(Location location) {
        report(location);
    }
    private void report(Location location) {
        Intent i = new Intent(ACTION_GPS_UPDATED);
        i.putExtra("location", location);
        LocalBroadcastManager.getInstance(context).sendBroadcastSync(i);
    }
    public void onStatusChanged(String p, int s, Bundle e) {}
    public void onProviderEnabled(String p) {}
    public void onProviderDisabled(String p) {}
}

class Reporter extends BroadcastReceiver {
    private final Context context;
    Reporter(Context c) { context = c; }
    void start() {
        IntentFilter f = new IntentFilter(Scanner.ACTION_GPS_UPDATED);
        f.addAction("app.OTHER");
        LocalBroadcastManager.getInstance(context).registerReceiver(this, f);
    }
    public void onReceive(Context c, Intent intent) {
        Location l = intent.getParcelableExtra("location");
        Log.i("T", "at " + l.getLatitude()); // reporter
    }
}

class Quiet extends BroadcastReceiver {
    void start(Context context) {
        context.registerReceiver(this, new IntentFilter("app.UNRELATED"));
    }
    public void onReceive(Context c, Intent intent) {
        Log.i("T", "got " + intent.getStringExtra("id")); // other action
    }
}

public class Main extends Activity {
    private final BroadcastReceiver receiver = new BroadcastReceiver() {
        public void onReceive(Context c, Intent i) {
            Log.i("T", i.getStringExtra("id")); // anonymous
        }
    };

    protected void onCreate(Bundle b) {
        registerReceiver(receiver, new IntentFilter("app.ACTION_ID"));
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Intent i = new Intent("app.ACTION_ID");
        i.putExtra("id", tm.getDeviceId());
        sendBroadcast(i); // implicit
    }
}
"#;

#[test]
fn implicit_broadcasts_reach_the_apps_receivers_for_their_action() {
    let found = scan(&[("app/Main.java", BROADCASTS)]);
    let file = "app/Main.java";
    let at = |marker| line_of(BROADCASTS, marker);
    assert!(
        reports(&found, file, at("// reporter"), "PI001"),
        "{found:?}"
    );
    assert!(
        reports(&found, file, at("// anonymous"), "PI001"),
        "{found:?}"
    );
    // Still a disclosure: other apps may listen for the action too.
    assert!(
        reports(&found, file, at("// implicit"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, at("// other action")).is_empty(),
        "{found:?}"
    );
}

const DESCRIPTIONS: &str = r#"package app;

import android.accounts.Account;
import android.accounts.AccountManager;
import android.app.Activity;
import android.location.Location;
import android.location.LocationManager;
import android.util.Log;

public class Main extends Activity {
    void go(LocationManager lm) {
        for (Account a : AccountManager.get(this).getAccounts()) {
            Log.d("T", "type " + a.type); // account type
            Log.d("T", "name " + a.name); // account name
        }
        Location loc = lm.getLastKnownLocation(LocationManager.GPS_PROVIDER);
        Log.d("T", "from " + loc.getProvider() + " within " + loc.getAccuracy()); // fix quality
    }
}
"#;

#[test]
fn what_kind_of_value_it_is_is_not_the_value() {
    let found = scan(&[("app/Main.java", DESCRIPTIONS)]);
    let file = "app/Main.java";
    let at = |marker| line_of(DESCRIPTIONS, marker);
    assert!(
        rules_at(&found, file, at("// account type")).is_empty(),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, at("// fix quality")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, file, at("// account name"), "PI001"),
        "{found:?}"
    );
}

const FILTERED: &str = r#"package app;
import android.app.Activity;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;
public class Main extends Activity {
    static final String SHOW = "app.action.SHOW";
    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Intent i = new Intent(SHOW);
        i.putExtra("id", tm.getDeviceId());
        startActivity(i); // start
        Intent br = new Intent();
        br.setAction("app.action.PING");
        br.putExtra("num", tm.getLine1Number());
        sendBroadcast(br); // broadcast
    }
}
class Show extends Activity {
    protected void onCreate(Bundle b) {
        Log.i("T", getIntent().getStringExtra("id")); // shown
    }
}
class Ping extends BroadcastReceiver {
    public void onReceive(Context c, Intent i) {
        Log.i("T", i.getStringExtra("num")); // pinged
    }
}
class Boot extends BroadcastReceiver {
    public void onReceive(Context c, Intent i) {
        Log.i("T", "boot " + i.getStringExtra("num")); // boot
    }
}
"#;

const FILTERED_MANIFEST: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="app">
  <application>
    <activity android:name=".Main" android:exported="true">
      <intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter>
    </activity>
    <activity android:name=".Show"><intent-filter><action android:name="app.action.SHOW"/><category android:name="android.intent.category.DEFAULT"/></intent-filter></activity>
    <receiver android:name=".Ping"><intent-filter><action android:name="app.action.PING"/></intent-filter></receiver>
    <receiver android:name=".Boot"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>
  </application>
</manifest>
"#;

#[test]
fn implicit_intents_reach_the_components_whose_manifest_filters_name_their_action() {
    let found = scan(&[
        ("app/src/main/java/app/Main.java", FILTERED),
        ("app/src/main/AndroidManifest.xml", FILTERED_MANIFEST),
    ]);
    let file = "app/src/main/java/app/Main.java";
    let at = |marker| line_of(FILTERED, marker);
    assert!(reports(&found, file, at("// shown"), "PI001"), "{found:?}");
    assert!(reports(&found, file, at("// pinged"), "PI001"), "{found:?}");
    // Implicit: other apps may answer too.
    assert!(reports(&found, file, at("// start"), "PI001"), "{found:?}");
    assert!(
        reports(&found, file, at("// broadcast"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, at("// boot")).is_empty(),
        "{found:?}"
    );
}

const WHOLE_OBJECT: &str = r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;
import com.google.gson.Gson;

class Holder {
    long id;
    String secret;
    long getId() { return id; }
    String getSecret() { return secret; }
}

public class Main extends Activity {
    void go(TelephonyManager tm, Gson gson) {
        Holder h = new Holder();
        h.secret = tm.getDeviceId();
        Holder back = gson.fromJson(gson.toJson(h), Holder.class);
        Log.i("T", "row " + back.getId()); // row id
        Log.i("T", "secret " + back.getSecret()); // secret
    }
}
"#;

#[test]
fn a_number_not_named_like_personal_data_is_no_guess_at_a_whole_object() {
    let found = scan(&[("app/Main.java", WHOLE_OBJECT)]);
    let file = "app/Main.java";
    let at = |marker| line_of(WHOLE_OBJECT, marker);
    assert!(
        rules_at(&found, file, at("// row id")).is_empty(),
        "{found:?}"
    );
    assert!(reports(&found, file, at("// secret"), "PI001"), "{found:?}");
}

/// A phone, account or card number has more digits than an `int` holds: an `int`
/// under such a name is an index or a count, not the data. A `String` is the data.
#[test]
fn an_int_named_like_an_account_or_phone_number_is_not_one() {
    let report = common::scan_files(&[(
        "app/src/main/java/com/example/Accounts.java",
        r#"package com.example;

import android.util.Log;

public class Accounts {
    void pick(int accountNumber, int phoneNumber, String cardNumber) {
        Log.d("acct", "using account " + accountNumber);
        Log.d("acct", "line " + phoneNumber);
        Log.d("acct", "card " + cardNumber);
    }
}
"#,
    )]);
    let lines: Vec<u64> = common::of_rule(&report, "PI301")
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(lines, vec![9], "only the card number is logged: {report}");
}

/// A coordinate has a fraction: a `long lng` is a long value. A phone number is no
/// `float`. A captured variable is typed where it is declared (`phoneEvent`, an
/// object of the app, says nothing by its name).
#[test]
fn names_need_a_type_that_can_hold_the_data() {
    let report = common::scan_files(&[(
        "app/src/main/java/com/example/Values.java",
        r#"package com.example;

import android.os.Handler;
import android.util.Log;

class Event { int kind; }

public class Values {
    void write(long lng, float phoneVolume, double lat, long latE7) {
        Log.d("v", "value " + lng);
        Log.d("v", "volume " + phoneVolume);
        Log.d("v", "at " + lat);
        Log.d("v", "at " + latE7);
    }

    void later(Handler h) {
        final Event phoneEvent = new Event();
        h.postDelayed(() -> {
            phoneEvent.kind = 1;
            handle(phoneEvent);
        }, 1500);
    }

    void handle(Object e) {
        Log.d("v", "event " + e);
    }
}
"#,
    )]);
    let lines: Vec<u64> = common::of_rule(&report, "PI301")
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(lines, vec![12, 13], "only the coordinates: {report}");
}

const CREATED_AS: &str = r#"package app;

import android.app.Activity;
import android.database.Cursor;
import android.net.Uri;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

interface Formatter { String render(String s); }

class Verbatim implements Formatter {
    public String render(String s) { return s; }
}

class Redactor implements Formatter {
    public String render(String s) { return "***"; }
}

class Device implements java.io.Serializable {
    String imei;
    long id;
}

class Ticket {
    String owner;
    int seat;
    public String toString() { return "Ticket " + seat; }
}

public class Main extends Activity {
    static final Uri INBOX = Uri.parse("content://sms/inbox");

    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        String v = tm.getDeviceId();
        Formatter plain = new Verbatim();
        Formatter safe = new Redactor();
        Log.d("F", plain.render(v)); // verbatim
        Log.d("F", safe.render(v)); // redacted
        Device d = new Device();
        d.imei = v;
        Log.d("D", "device " + d); // object's own string form
        Log.d("D", "imei " + d.imei); // its field
        Ticket t = new Ticket();
        t.owner = v;
        Log.d("T", "ticket " + t); // declared string form
        Cursor c = getContentResolver().query(INBOX, null, null, null, null);
        Log.d("S", c.getString(0)); // sms
        Log.d("R", "view " + R.id.phone_input); // resource id
    }
}
"#;

#[test]
fn calls_follow_what_objects_were_created_as_and_how_they_print() {
    let found = scan(&[("app/Main.java", CREATED_AS)]);
    let file = "app/Main.java";
    let at = |marker| line_of(CREATED_AS, marker);
    // `safe` was created as a Redactor: only its `render` runs.
    assert!(
        reports(&found, file, at("// verbatim"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, at("// redacted")).is_empty(),
        "{found:?}"
    );
    // An object without a `toString()` prints as `Device@1b6d3586`; one with its own
    // prints what that returns.
    assert!(
        rules_at(&found, file, at("// object's own")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, file, at("// its field"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, at("// declared string")).is_empty(),
        "{found:?}"
    );
    // A content URI built with `Uri.parse` in a constant.
    assert!(reports(&found, file, at("// sms"), "PI001"), "{found:?}");
    // `R.id.phone_input` is a number naming a view.
    assert!(
        rules_at(&found, file, at("// resource id")).is_empty(),
        "{found:?}"
    );
}

const PICKER: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.telephony.TelephonyManager;

public class Picker extends Activity {
    void done(TelephonyManager tm) {
        Intent result = new Intent();
        result.putExtra("sim", tm.getSimSerialNumber());
        setResult(RESULT_OK, result); // private result
    }
}
"#;

const SHARED_PICKER: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.telephony.TelephonyManager;

public class SharedPicker extends Activity {
    void done(TelephonyManager tm) {
        Intent result = new Intent();
        result.putExtra("sim", tm.getSimSerialNumber());
        setResult(RESULT_OK, result); // shared result
    }
}
"#;

const PICKER_MANIFEST: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="app">
  <application>
    <activity android:name=".Picker" />
    <activity android:name=".SharedPicker" android:exported="true">
      <intent-filter><action android:name="android.intent.action.PICK" /></intent-filter>
    </activity>
  </application>
</manifest>
"#;

#[test]
fn what_an_activity_no_other_app_can_start_hands_back_stays_in_the_app() {
    let found = scan(&[
        ("app/src/main/java/app/Picker.java", PICKER),
        ("app/src/main/java/app/SharedPicker.java", SHARED_PICKER),
        ("app/src/main/AndroidManifest.xml", PICKER_MANIFEST),
    ]);
    let private = line_of(PICKER, "// private result");
    let shared = line_of(SHARED_PICKER, "// shared result");
    assert!(
        !reports(
            &found,
            "app/src/main/java/app/Picker.java",
            private,
            "PI001"
        ),
        "{found:?}"
    );
    assert!(
        reports(
            &found,
            "app/src/main/java/app/SharedPicker.java",
            shared,
            "PI001"
        ),
        "{found:?}"
    );
}

const OVERLOADS_AND_SDK_VALUES: &str = r#"package app;

import android.app.Activity;
import android.content.Context;
import android.location.Location;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import android.util.Log;
import io.sentry.Sentry;
import io.sentry.protocol.User;
import java.util.ArrayList;

class Util {
    static boolean has(String packageName, Context c) { return packageName.isEmpty(); }
    static boolean has(int uid, Context c) { Log.d("U", "uid " + uid); return true; } // int overload
}

public class Main extends Activity {
    void go(TelephonyManager tm, Location where) {
        String id = tm.getDeviceId();
        Util.has(id, this);
        User user = new User();
        user.setId(id); // filled in
        Sentry.setUser(user); // sent
        SmsManager sms = SmsManager.getDefault();
        ArrayList<String> parts = sms.divideMessage("at " + where.getLatitude());
        sms.sendMultipartTextMessage("+100", null, parts, null, null); // sms parts
    }
}
"#;

#[test]
fn overloads_follow_argument_types_and_sdk_values_are_sent_when_handed_over() {
    let found = scan(&[("app/Main.java", OVERLOADS_AND_SDK_VALUES)]);
    let file = "app/Main.java";
    let at = |marker| line_of(OVERLOADS_AND_SDK_VALUES, marker);
    // A String (and an Activity as the Context) picks the String overload.
    assert!(
        rules_at(&found, file, at("// int overload")).is_empty(),
        "{found:?}"
    );
    // Filling in an SDK's value object sends nothing; handing it to the SDK does.
    assert!(
        rules_at(&found, file, at("// filled in")).is_empty(),
        "{found:?}"
    );
    assert!(reports(&found, file, at("// sent"), "PI001"), "{found:?}");
    // A message split into parts is still the message.
    assert!(
        reports(&found, file, at("// sms parts"), "PI001"),
        "{found:?}"
    );
}

const JS_BRIDGE: &str = r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.webkit.JavascriptInterface;
import android.webkit.WebView;

class Bridge {
    private final TelephonyManager tm;
    Bridge(TelephonyManager tm) { this.tm = tm; }
    @JavascriptInterface
    public String serial() {
        return tm.getImei(); // to the page
    }
    public String local() {
        return tm.getImei(); // not exposed
    }
}

public class Promo extends Activity {
    void show(WebView web, TelephonyManager tm) {
        web.addJavascriptInterface(new Bridge(tm), "Native");
        web.loadUrl("https://promo.example.net/");
    }
}
"#;

#[test]
fn what_a_javascript_interface_returns_goes_to_the_page() {
    let found = scan(&[("app/Promo.java", JS_BRIDGE)]);
    let file = "app/Promo.java";
    let at = |marker| line_of(JS_BRIDGE, marker);
    assert!(
        reports(&found, file, at("// to the page"), "PI001"),
        "{found:?}"
    );
    assert!(
        !reports(&found, file, at("// not exposed"), "PI001"),
        "{found:?}"
    );
}

const OVERWRITTEN: &str = r#"package app;
import android.app.Activity;
import android.os.Bundle;
import android.util.Log;
import android.telephony.TelephonyManager;
class Box { String v; }
public class M extends Activity {
    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Box box = new Box();
        box.v = tm.getDeviceId();
        box.v = "clean";
        Log.d("A", box.v); // field overwritten
        String[] arr = new String[2];
        arr[0] = tm.getDeviceId();
        arr[0] = "clean";
        Log.d("B", arr[0]); // element overwritten
        String s = tm.getDeviceId();
        s = "clean";
        Log.d("C", s); // local overwritten
    }
}
"#;

#[test]
fn a_field_or_element_overwritten_through_its_only_name_holds_the_new_value() {
    let found = scan(&[("app/M.java", OVERWRITTEN)]);
    let file = "app/M.java";
    let at = |marker| line_of(OVERWRITTEN, marker);
    for marker in [
        "// field overwritten",
        "// element overwritten",
        "// local overwritten",
    ] {
        assert!(
            rules_at(&found, file, at(marker)).is_empty(),
            "{marker}: {found:?}"
        );
    }
}

const REFLECTION: &str = r#"package app;
import android.app.Activity;
import android.os.Bundle;
import android.util.Log;
import android.telephony.TelephonyManager;
import java.lang.reflect.Method;
class Sender {
    public void send(String s) { Log.i("R", s); } // reflective target
}
class Holder { public String data; }
public class M extends Activity {
    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        String id = tm.getDeviceId();
        try {
            Class<?> c = Class.forName("app.Sender");
            Object o = c.newInstance();
            Method m = c.getMethod("send", String.class);
            m.invoke(o, id);
            Holder h = (Holder) Class.forName("app.Holder").newInstance();
            h.data = id;
            Log.d("R", h.data); // reflective instance
        } catch (Exception e) {}
    }
}
"#;

#[test]
fn a_method_looked_up_by_name_and_invoked_runs() {
    let found = scan(&[("app/M.java", REFLECTION)]);
    let file = "app/M.java";
    let at = |marker| line_of(REFLECTION, marker);
    assert!(
        reports(&found, file, at("// reflective target"), "PI001"),
        "{found:?}"
    );
    assert!(
        reports(&found, file, at("// reflective instance"), "PI001"),
        "{found:?}"
    );
}

const DORMANT: &str = r#"package app;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Dormant extends Activity {
    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Log.i("D", tm.getDeviceId()); // never runs
    }
}
"#;

const DORMANT_MANIFEST: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="app">
  <application>
    <activity android:name=".Dormant" android:enabled="false" />
  </application>
</manifest>
"#;

const ENABLER: &str = r#"package app;

import android.app.Activity;
import android.content.ComponentName;
import android.content.pm.PackageManager;

public class Enabler extends Activity {
    void wake() {
        getPackageManager().setComponentEnabledSetting(new ComponentName(this, Dormant.class),
                PackageManager.COMPONENT_ENABLED_STATE_ENABLED, PackageManager.DONT_KILL_APP);
    }
}
"#;

#[test]
fn a_disabled_component_runs_only_if_the_app_enables_it() {
    let dormant = ("app/src/main/java/app/Dormant.java", DORMANT);
    let manifest = ("app/src/main/AndroidManifest.xml", DORMANT_MANIFEST);
    let line = line_of(DORMANT, "// never runs");
    let found = scan(&[dormant, manifest]);
    assert!(!reports(&found, dormant.0, line, "PI001"), "{found:?}");
    let found = scan(&[
        dormant,
        manifest,
        ("app/src/main/java/app/Enabler.java", ENABLER),
    ]);
    assert!(reports(&found, dormant.0, line, "PI001"), "{found:?}");
}

const PICKED: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.database.Cursor;
import android.provider.ContactsContract;
import android.provider.ContactsContract.CommonDataKinds.Phone;
import android.util.Log;

public class Invite extends Activity {
    void pick() {
        Intent i = new Intent(Intent.ACTION_PICK);
        i.setType(Phone.CONTENT_TYPE);
        startActivityForResult(i, 7);
    }

    protected void onActivityResult(int request, int result, Intent data) {
        Cursor c = getContentResolver().query(data.getData(), new String[] {Phone.NUMBER}, null, null, null);
        c.moveToFirst();
        Log.i("Invite", "inviting " + c.getString(0)); // picked number
    }
}
"#;

#[test]
fn a_query_of_a_picked_uri_reads_what_its_columns_name() {
    let found = scan(&[("app/Invite.java", PICKED)]);
    let file = "app/Invite.java";
    assert!(
        reports(&found, file, line_of(PICKED, "// picked number"), "PI001"),
        "{found:?}"
    );
    // The user chose the contact: no permission was needed to read it.
    assert!(!found.iter().any(|f| f.0 == "PI101"), "{found:?}");
}

const CLONED: &str = r#"package app;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Copies extends Activity {
    static class Ticket implements Cloneable {
        String owner;
        public Ticket copy() {
            try {
                return (Ticket) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
        public Ticket same() { return this.self(); }
        private Ticket self() { return this; }
    }

    protected void onCreate(Bundle b) {
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Ticket t = new Ticket();
        t.owner = tm.getSubscriberId();
        Log.d("C", t.copy().owner); // cloned
        Log.d("C", t.same().owner); // same object
    }
}
"#;

#[test]
fn a_copy_made_by_super_clone_holds_the_originals_fields() {
    let found = scan(&[("app/Copies.java", CLONED)]);
    let file = "app/Copies.java";
    assert!(
        reports(&found, file, line_of(CLONED, "// cloned"), "PI001"),
        "{found:?}"
    );
    assert!(
        reports(&found, file, line_of(CLONED, "// same object"), "PI001"),
        "{found:?}"
    );
}

#[test]
fn an_extra_read_by_a_constant_key_named_like_personal_data_is_that_data() {
    let text = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.content.SharedPreferences;
import android.preference.PreferenceManager;

class UxArgument { static final String PASSCODE = "passcode"; }

public class Prefs extends Activity {
    protected void onActivityResult(int req, int res, Intent data) {
        SharedPreferences.Editor e = PreferenceManager.getDefaultSharedPreferences(this).edit();
        e.putString(UxArgument.PASSCODE, data.getStringExtra(UxArgument.PASSCODE)); // stored
        e.apply();
    }
}
"#;
    let found = scan(&[("app/Prefs.java", text)]);
    assert!(
        reports(
            &found,
            "app/Prefs.java",
            line_of(text, "// stored"),
            "PI303"
        ),
        "{found:?}"
    );
}

const FUNCTIONS_AND_COUNTS: &str = r#"package app;

import android.app.Activity;
import android.database.Cursor;
import android.provider.ContactsContract;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.function.Consumer;
import java.util.function.Function;

public class Main extends Activity {
    static String joined(String first, String... rest) {
        StringBuilder sb = new StringBuilder(first);
        for (String r : rest) sb.append(r);
        return sb.toString();
    }

    void go(TelephonyManager tm) {
        Log.i("M", joined("a", "b", tm.getLine1Number())); // varargs
        Function<String, String> upper = s -> s.toUpperCase();
        Log.i("M", upper.apply(tm.getImei())); // applied
        Consumer<String> logIt = v -> Log.i("M", v); // accepted
        logIt.accept(tm.getSubscriberId());
        Cursor c = getContentResolver().query(ContactsContract.CommonDataKinds.Email.CONTENT_URI, null, null, null, null);
        int total = c.getCount();
        Log.i("M", "contacts " + total); // counted
    }
}
"#;

#[test]
fn varargs_functional_interfaces_and_row_counts() {
    let found = scan(&[("app/Main.java", FUNCTIONS_AND_COUNTS)]);
    let f = "app/Main.java";
    let at = |marker: &str| line_of(FUNCTIONS_AND_COUNTS, marker);
    assert!(reports(&found, f, at("// varargs"), "PI001"), "{found:?}");
    assert!(reports(&found, f, at("// applied"), "PI001"), "{found:?}");
    assert!(reports(&found, f, at("// accepted"), "PI001"), "{found:?}");
    assert!(
        rules_at(&found, f, at("// counted")).is_empty(),
        "{found:?}"
    );
}

const OWN_BROADCAST: &str = r#"package com.callnote.app;

import android.app.Activity;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

public class NotesActivity extends Activity {

    static final String ACTION_OWNER_READY = "com.callnote.app.OWNER_READY";

    private final BroadcastReceiver ownerReceiver = new BroadcastReceiver() {
        @Override
        public void onReceive(Context context, Intent intent) {
            String owner = intent.getStringExtra("line");
            Log.w("CallNote", "notes owner line=" + owner); // received
        }
    };

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        registerReceiver(ownerReceiver, new IntentFilter(ACTION_OWNER_READY));
    }

    @Override
    protected void onResume() {
        super.onResume();
        TelephonyManager tm = (TelephonyManager) getSystemService(Context.TELEPHONY_SERVICE);
        Intent ready = new Intent(ACTION_OWNER_READY);
        ready.setPackage(getPackageName());
        ready.putExtra("line", tm.getLine1Number());
        sendBroadcast(ready);
    }

    @Override
    protected void onDestroy() {
        unregisterReceiver(ownerReceiver);
        super.onDestroy();
    }
}
"#;

const LISTENERS: &str = r#"package app;

import android.location.Location;
import android.location.LocationListener;
import android.util.Log;

class LegacyListener implements LocationListener {
    @Override
    public void onLocationChanged(Location location) {
        Log.d("L", "gps " + location.getLatitude()); // never made
    }
}

class UsedListener implements LocationListener {
    @Override
    public void onLocationChanged(Location location) {
        Log.d("L", "gps " + location.getLatitude()); // made
    }
}

public class Tracking {
    LocationListener listener() { return new UsedListener(); }
}
"#;

#[test]
fn a_broadcast_kept_to_the_app_reaches_its_receivers_and_unmade_listeners_hear_nothing() {
    // `setPackage(getPackageName())` keeps the broadcast in the app: no IPC, but the
    // app's own receiver for the action gets the extra. A package-private listener
    // class the app never makes never runs.
    let found = scan(&[
        ("app/NotesActivity.java", OWN_BROADCAST),
        ("app/Tracking.java", LISTENERS),
    ]);
    let notes = "app/NotesActivity.java";
    assert!(
        reports(
            &found,
            notes,
            line_of(OWN_BROADCAST, "// received"),
            "PI001"
        ),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.1 == notes
            && f.0 == "PI001"
            && f.2 != line_of(OWN_BROADCAST, "// received")),
        "kept to the app: {found:?}"
    );
    let t = "app/Tracking.java";
    assert!(
        rules_at(&found, t, line_of(LISTENERS, "// never made")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, t, line_of(LISTENERS, "// made"), "PI001"),
        "{found:?}"
    );
}

const ANONYMOUS_RUNNABLE: &str = r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import java.net.HttpURLConnection;
import java.net.URL;

public class Main extends Activity {
    void go(TelephonyManager tm) {
        announce(tm.getImei());
    }

    private void announce(final String ref) {
        new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    URL url = new URL("https://api.example.com/resume?handset=" + ref);
                    HttpURLConnection conn = (HttpURLConnection) url.openConnection(); // sent
                    conn.getResponseCode();
                } catch (Exception e) {
                    // ignored
                }
            }
        }).start();
    }
}
"#;

#[test]
fn an_anonymous_runnable_started_where_it_is_written_sees_the_parameters_it_captures() {
    let found = scan(&[("app/Main.java", ANONYMOUS_RUNNABLE)]);
    let line = line_of(ANONYMOUS_RUNNABLE, "// sent");
    assert!(reports(&found, "app/Main.java", line, "PI001"), "{found:?}");
}

const OWN_EXCEPTION: &str = r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;

class InvalidIdException extends Exception {
    InvalidIdException(String message) { super(message); }
}

public class Main extends Activity {
    void check(String id) throws InvalidIdException {
        if (id.length() < 10) {
            throw new InvalidIdException("rejected device id " + id);
        }
    }

    void go(TelephonyManager tm) {
        try {
            check(tm.getImei());
        } catch (InvalidIdException e) {
            Log.e("M", e.getMessage()); // caught
        }
    }
}
"#;

#[test]
fn an_exception_class_of_the_app_keeps_its_message() {
    let found = scan(&[("app/Main.java", OWN_EXCEPTION)]);
    let line = line_of(OWN_EXCEPTION, "// caught");
    assert!(reports(&found, "app/Main.java", line, "PI001"), "{found:?}");
}

const PREFERENCES_ROUND_TRIP: &str = r#"package app;

import android.app.Activity;
import android.content.SharedPreferences;
import android.telephony.TelephonyManager;
import android.webkit.WebView;

public class Main extends Activity {
    static final String PREFS = "orders";
    static final String KEY_CONTACT = "contact";

    void welcome(TelephonyManager tm) {
        SharedPreferences prefs = getSharedPreferences(PREFS, MODE_PRIVATE);
        prefs.edit().putString(KEY_CONTACT, tm.getLine1Number()).apply(); // stored
        prefs.edit().putString("theme", "dark").apply();
    }

    void checkout(WebView web) {
        SharedPreferences prefs = getSharedPreferences(PREFS, MODE_PRIVATE);
        web.loadUrl("https://pay.example.com/checkout?cb=" + prefs.getString(KEY_CONTACT, "")); // read back
        web.loadUrl("https://pay.example.com/theme?t=" + prefs.getString("theme", "light")); // other key
    }
}
"#;

#[test]
fn preferences_read_back_by_the_same_key_carry_what_was_stored() {
    let found = scan(&[("app/Main.java", PREFERENCES_ROUND_TRIP)]);
    let at = |marker: &str| line_of(PREFERENCES_ROUND_TRIP, marker);
    let f = "app/Main.java";
    assert!(reports(&found, f, at("// stored"), "PI001"), "{found:?}");
    assert!(reports(&found, f, at("// read back"), "PI001"), "{found:?}");
    assert!(
        rules_at(&found, f, at("// other key")).is_empty(),
        "{found:?}"
    );
}

const GUESSES_ADD_UP: &str = r#"package app;

import android.location.Location;
import android.util.Log;

class Params { int mtu = 20; }

class Packet {
    private final Params params;
    int count;
    Packet(Params p) { params = p; }
    Packet parse(byte[] d) { count = d.length + params.mtu; return this; }
}

class Manager {
    private final Provider support;
    Manager(Provider p) { support = p; }
    void handle(byte[] d) {
        Packet p = new Packet(support.getParams()).parse(d);
        Log.i("M", "count " + p.count); // deeper
    }
}

class Provider {
    private Location last;
    private final Params params = new Params();
    private final Manager rm = new Manager(this);
    void onGps(Location l) { last = l; }
    void onRead(byte[] d) { rm.handle(d); }
    Params getParams() { return params; }
    void report() { Log.i("M", "at " + last.getLatitude()); } // own field
}

class Support {
    private final Provider sp = new Provider();
    void onSetGps(Location l) { sp.onGps(l); sp.report(); }
    void onSocketRead(byte[] d) { sp.onRead(d); }
}
"#;

#[test]
fn guesses_on_both_sides_of_a_call_add_up() {
    // `rm.support.params` is two reads out of objects known only as a whole: one
    // inside `handle`, one where `onRead` hands it its receiver's field. Together
    // they are beyond the bound, and the location in `last` is not the packet size.
    let src = format!(
        "{GUESSES_ADD_UP}\nclass Main extends android.app.Activity {{\n    \
         private final Support support = new Support();\n    \
         void go(android.location.LocationManager lm, byte[] d) {{\n        \
         support.onSetGps(lm.getLastKnownLocation(\"gps\"));\n        \
         support.onSocketRead(d);\n    }}\n}}\n"
    );
    let found = scan(&[("app/Main.java", &src)]);
    let at = |marker: &str| line_of(&src, marker);
    let f = "app/Main.java";
    assert!(reports(&found, f, at("// own field"), "PI001"), "{found:?}");
    assert!(rules_at(&found, f, at("// deeper")).is_empty(), "{found:?}");
}

const OWN_SERVICE_BY_CLASS: &str = r#"package app;

import android.accounts.Account;
import android.accounts.AccountManager;
import android.app.Service;
import android.content.Context;
import android.content.Intent;
import android.location.Location;

public class DeviceService {
    private final Context context;
    private final Class<? extends Service> serviceClass;

    DeviceService(Context context, Class<? extends Service> serviceClass) {
        this.context = context;
        this.serviceClass = serviceClass;
    }

    void onLocation(Location location) {
        Intent intent = new Intent(context, serviceClass).putExtra("loc", location);
        context.startService(intent); // own service
        Intent out = new Intent("com.partner.LOCATION").putExtra("loc", location);
        context.sendBroadcast(out); // other apps
    }

    void remember(AccountManager am, Account account, String password) {
        am.setPassword(account, password); // account store
    }
}
"#;

#[test]
fn an_intent_for_a_class_stays_in_the_app_and_the_account_store_is_storage() {
    let found = scan(&[("app/DeviceService.java", OWN_SERVICE_BY_CLASS)]);
    let at = |marker: &str| line_of(OWN_SERVICE_BY_CLASS, marker);
    let f = "app/DeviceService.java";
    assert!(
        rules_at(&found, f, at("// own service")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, f, at("// other apps"), "PI001"),
        "{found:?}"
    );
    assert!(
        reports(&found, f, at("// account store"), "PI001"),
        "{found:?}"
    );
}

const JAVA_SINGLETON: &str = r#"package app;

import android.accounts.Account;
import android.accounts.AccountManager;
import android.app.Activity;
import android.webkit.WebView;

class Session {
    private static Session instance;
    private String account;
    private String locale = "en-US";

    private Session() {}

    static synchronized Session getInstance() {
        if (instance == null) {
            instance = new Session();
        }
        return instance;
    }

    void setAccount(String a) { account = a; }
    String getAccount() { return account; }
    String getLocale() { return locale; }
}

public class Main extends Activity {
    void login() {
        Account[] accounts = AccountManager.get(this).getAccountsByType("com.example");
        Session.getInstance().setAccount(accounts[0].name);
    }

    void help(WebView web) {
        Session s = Session.getInstance();
        web.loadUrl("https://help.example.com/?lang=" + s.getLocale()); // locale
        web.loadUrl("https://help.example.com/faq?user=" + s.getAccount()); // account
    }
}
"#;

#[test]
fn a_java_singleton_is_one_object_however_it_is_reached() {
    let found = scan(&[("app/Main.java", JAVA_SINGLETON)]);
    let at = |marker: &str| line_of(JAVA_SINGLETON, marker);
    let f = "app/Main.java";
    assert!(reports(&found, f, at("// account"), "PI001"), "{found:?}");
    assert!(rules_at(&found, f, at("// locale")).is_empty(), "{found:?}");
}

const EXTRAS_BUNDLE: &str = r#"package app;

import android.app.Activity;
import android.content.Intent;
import android.location.Location;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

class Card implements java.io.Serializable {
    private final String line;
    private final String label;
    Card(String line, String label) { this.line = line; this.label = label; }
    String getLine() { return line; }
    String getLabel() { return label; }
}

public class Main extends Activity {
    void share(TelephonyManager tm) {
        Intent i = new Intent(this, Viewer.class);
        i.putExtra("card", new Card(tm.getLine1Number(), "home"));
        startActivity(i);
    }
}

class Viewer extends Activity {
    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        Bundle extras = getIntent().getExtras();
        Card card = (Card) extras.getSerializable("card");
        Log.i("V", "card " + card.getLine()); // through the extras
    }

    void fix(Location location) {
        Log.i("V", "satellites " + location.getExtras().getInt("satellites")); // a fix's extras
    }
}
"#;

#[test]
fn an_intents_extras_bundle_holds_its_entries_under_their_keys() {
    let found = scan(&[("app/Main.java", EXTRAS_BUNDLE)]);
    let at = |marker: &str| line_of(EXTRAS_BUNDLE, marker);
    let f = "app/Main.java";
    assert!(
        reports(&found, f, at("// through the extras"), "PI001"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, f, at("// a fix's extras")).is_empty(),
        "{found:?}"
    );
}

const CARRIER_SETUP: &str = r#"package app;

import android.net.ConnectivityManager;
import android.net.NetworkInfo;
import android.util.Log;

class Headers {
    static final int VERSION_1_2 = ((1 << 4) | 2);
    static final int CURRENT_MMS_VERSION = VERSION_1_2;

    int version() {
        int value = CURRENT_MMS_VERSION;
        return value;
    }
}

public class Mms {
    void setUp(ConnectivityManager cm, Headers h, String smsBody) {
        NetworkInfo mmsNetworkInfo = cm.getNetworkInfo(ConnectivityManager.TYPE_MOBILE_MMS);
        Log.d("M", "apn " + mmsNetworkInfo.getExtraInfo()); // network
        Log.d("M", "version " + h.version()); // constant
        Log.d("M", "body " + smsBody); // content
    }
}
"#;

#[test]
fn constants_and_the_carriers_set_up_are_no_messages() {
    // A constant made of other constants is no collected data, and `mms` in the name
    // of a network or a version is the carrier's set-up, not a message.
    let found = scan(&[("app/Mms.java", CARRIER_SETUP)]);
    let at = |marker: &str| line_of(CARRIER_SETUP, marker);
    let f = "app/Mms.java";
    assert!(
        rules_at(&found, f, at("// network")).is_empty(),
        "{found:?}"
    );
    assert!(
        rules_at(&found, f, at("// constant")).is_empty(),
        "{found:?}"
    );
    assert!(reports(&found, f, at("// content"), "PI001"), "{found:?}");
}

const LOCATION_HEADER: &str = r#"package app;

import android.location.Location;
import android.util.Log;
import java.net.HttpURLConnection;

public class Redirects {
    void follow(HttpURLConnection conn, Location fix, String location) {
        Log.d("R", "redirected to " + location); // a header
        Log.d("R", "at " + fix.getLatitude()); // a place
    }
}
"#;

#[test]
fn a_string_named_location_is_no_place() {
    let found = scan(&[("app/Redirects.java", LOCATION_HEADER)]);
    let at = |marker: &str| line_of(LOCATION_HEADER, marker);
    let f = "app/Redirects.java";
    assert!(
        rules_at(&found, f, at("// a header")).is_empty(),
        "{found:?}"
    );
    assert!(reports(&found, f, at("// a place"), "PI001"), "{found:?}");
}

#[test]
fn an_image_s_format_and_size_are_not_its_pixels() {
    let file = "app/src/main/java/app/Scanner.java";
    let found = scan(&[(
        file,
        r#"package app;

import android.hardware.camera2.CameraManager;
import android.media.Image;
import android.media.ImageReader;
import android.util.Log;

public class Scanner implements ImageReader.OnImageAvailableListener {
    @Override
    public void onImageAvailable(ImageReader reader) {
        Image image = reader.acquireLatestImage();
        Log.e("Scan", "format " + image.getFormat() + " " + image.getWidth());
        Log.e("Scan", "image " + image);
    }
}
"#,
    )]);
    assert!(rules_at(&found, file, 12).is_empty(), "{found:?}");
    assert!(
        reports(&found, file, 13, "PI301"),
        "the image itself: {found:?}"
    );
}

#[test]
fn a_library_object_s_property_is_no_platform_service_by_its_name() {
    let file = "app/src/main/java/app/Cast.java";
    let found = scan(&[(
        file,
        r#"package app;

import android.content.Context;
import android.telephony.TelephonyManager;
import android.util.Log;
import com.google.android.gms.cast.framework.CastSession;

public class Cast {
    void receiver(CastSession session) {
        Log.i("cast", session.getCastDevice().getDeviceId());
    }

    void phone(Context ctx) {
        Log.i("phone", ((TelephonyManager) ctx.getSystemService(Context.TELEPHONY_SERVICE)).getDeviceId());
    }
}
"#,
    )]);
    assert!(
        rules_at(&found, file, 10).is_empty(),
        "a Cast device's id: {found:?}"
    );
    assert!(reports(&found, file, 14, "PI001"), "the phone's: {found:?}");
}

#[test]
fn objects_inside_objects_and_containers_keep_their_fields_apart() {
    // Access paths two fields deep: an object stored in another object, in a list or
    // in a map keeps each of its fields apart (`account.server` is not the e-mail
    // in `account.profile`).
    let files = [
        ("src/main/java/com/example/nest/Nested.java", NESTED_JAVA),
        ("src/main/java/com/example/nest/Nest.kt", NESTED_KOTLIN),
    ];
    assert_marked(&files);
}

/// Scans the files and checks each line marked `// leaks` has a flow (PI001) and
/// each marked `// not data` has no finding at all.
fn assert_marked(files: &[(&str, &str)]) {
    let found = scan(files);
    for (file, text) in files {
        for (i, line) in text.lines().enumerate() {
            let n = i as u64 + 1;
            if line.contains("// leaks") {
                assert!(
                    reports(&found, file, n, "PI001"),
                    "{file}:{n} {line}\n{found:?}"
                );
            } else if line.contains("// not data") {
                assert!(
                    rules_at(&found, file, n).is_empty(),
                    "{file}:{n} {line}\n{found:?}"
                );
            }
        }
    }
}

#[test]
fn aliases_nested_stores_literals_dispatch_and_dead_code() {
    assert_marked(&[("src/main/java/com/example/cases/Cases.java", CASES_JAVA)]);
}

const CASES_JAVA: &str = r#"package com.example.cases;

import android.app.Activity;
import android.content.Context;
import android.os.Bundle;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import android.util.Log;
import android.view.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

class Datum { String value; Datum next; }

interface Sender { void send(String s); }

class LogSender implements Sender { public void send(String s) { Log.i("x", s); } }
class NullSender implements Sender { public void send(String s) { } }

public class Cases extends Activity {
    static String staticImei;
    String imei;

    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        TelephonyManager tm = (TelephonyManager) getSystemService(Context.TELEPHONY_SERVICE);
        imei = tm.getDeviceId();
        staticImei = imei;
    }

    // referenced from the layout: android:onClick="sendMessage"
    public void sendMessage(View v) {
        SmsManager.getDefault().sendTextMessage("+49", null, imei, null, null); // leaks
    }

    void aliasing() {
        Datum a = new Datum();
        Datum b = a;
        b.value = imei;
        Log.i("x", a.value); // leaks
    }

    void linked() {
        Datum a = new Datum();
        a.next = new Datum();
        a.next.value = imei;
        Log.i("x", a.next.value); // leaks
        Log.i("x", a.value); // not data
    }

    void dispatch(boolean quiet) {
        Sender s = new NullSender();
        s.send(imei); // not data
        Sender t = new LogSender();
        t.send(imei);
    }

    void lists() {
        List<String> l = new LinkedList<>();
        l.add("clean");
        l.add(imei);
        Log.i("x", l.get(1)); // leaks
        Map<String, String> m = new HashMap<>();
        m.put("tainted", imei);
        m.put("clean", "x");
        Log.i("x", m.get("clean")); // not data
        Log.i("x", m.get("tainted")); // leaks
    }

    void arrays() {
        String[] arr = new String[] {"a", imei};
        Log.i("x", arr[0]); // not data
        Log.i("x", arr[1]); // leaks
    }

    void statics() {
        Log.i("x", staticImei); // leaks
    }

    void overwrite() {
        String s = imei;
        s = "nothing";
        Log.i("x", s); // not data
    }

    void builder() {
        StringBuilder sb = new StringBuilder();
        sb.append("id=").append(imei);
        Log.i("x", sb.toString()); // leaks
    }

    void threads() {
        new Thread(new Runnable() {
            public void run() { Log.i("x", imei); } // leaks
        }).start();
    }

    void inner() {
        class Local { String get() { return imei; } }
        Log.i("x", new Local().get()); // leaks
    }

    void exceptions() {
        try {
            throw new RuntimeException(imei);
        } catch (RuntimeException e) {
            Log.i("x", e.getMessage()); // leaks
        }
    }

    void unreachable() {
        if (false) {
            Log.i("x", imei); // not data
        }
    }
}
"#;

const NESTED_JAVA: &str = r#"package com.example.nest;

import android.content.SharedPreferences;
import android.telephony.TelephonyManager;
import android.util.Log;
import android.widget.EditText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class Profile { String email; String theme; }

class Account {
    Profile profile;
    String server;
    Account(Profile profile, String server) { this.profile = profile; this.server = server; }
    Profile getProfile() { return profile; }
    String describe() { return server + "/" + profile.theme; }
    String contact() { return profile.email; }
}

class Holder { Account account; int count; }

public class Nested {
    EditText emailField;
    TelephonyManager tm;
    SharedPreferences prefs;
    final Map<String, Account> accounts = new HashMap<>();

    void store() {
        Profile p = new Profile();
        p.email = emailField.getText().toString();
        p.theme = "dark";
        Account a = new Account(p, "example.org");
        Log.i("n", a.describe()); // not data
        Log.i("n", a.contact()); // leaks
        Log.i("n", a.getProfile().theme); // not data
        Log.i("n", a.getProfile().email); // leaks
        Log.i("n", a.server); // not data
        Holder h = new Holder();
        h.account = a;
        Log.i("n", h.account.server); // not data
        Log.i("n", h.account.profile.email); // leaks
        List<Account> list = new ArrayList<>();
        list.add(a);
        Log.i("n", list.get(0).server); // not data
        Log.i("n", list.get(0).profile.email); // leaks
        accounts.put("main", a);
        Log.i("n", accounts.get("main").server); // not data
    }

    void later() {
        Account a = accounts.get("main");
        Log.i("n", a.contact()); // leaks
        Log.i("n", a.describe()); // not data
    }

    void device() {
        Profile p = new Profile();
        p.theme = tm.getDeviceId();
        Account a = new Account(p, "x");
        prefs.edit().putString("d", a.describe()).apply(); // leaks
    }
}
"#;

const NESTED_KOTLIN: &str = r#"package com.example.nest

import android.util.Log
import android.widget.EditText

data class Contact(val email: String, val label: String)
data class Card(val contact: Contact, val color: String)

class Cards(private val emailField: EditText) {
    private val cards = mutableListOf<Card>()

    fun add() {
        val c = Card(Contact(emailField.text.toString(), "home"), "red")
        cards.add(c)
        Log.d("c", c.color) // not data
        Log.d("c", c.contact.label) // not data
        Log.d("c", c.contact.email) // leaks
        val m = mapOf("card" to c)
        Log.d("c", m["card"]!!.color) // not data
    }

    fun show() {
        for (card in cards) {
            Log.d("c", "card " + card.contact.email) // leaks
        }
    }
}
"#;

#[test]
fn a_lambda_parameter_is_typed_by_the_interface_it_is_given_for() {
    // `runOnDbThread(db -> db.insert(..))`: `db` is what `Consumer<SQLiteDatabase>`
    // says the callee passes.
    let text = r#"package app;

import android.content.ContentValues;
import android.database.sqlite.SQLiteDatabase;
import android.widget.EditText;
import java.util.function.Consumer;

public class AccountStore {
    private SQLiteDatabase database;
    EditText emailField;

    private void runOnDbThread(Consumer<? super SQLiteDatabase> task) { task.accept(database); }

    void save() {
        String email = emailField.getText().toString();
        runOnDbThread(db -> {
            ContentValues values = new ContentValues();
            values.put("email", email);
            db.insert("accounts", null, values); // stored
        });
    }
}
"#;
    let file = "src/main/java/app/AccountStore.java";
    let found = scan(&[(file, text)]);
    assert!(
        reports(&found, file, line_of(text, "// stored"), "PI001"),
        "{found:?}"
    );
}

#[test]
fn serialisers_and_copies_write_into_the_stream_they_are_given() {
    // `gson.toJson(body, writer)` writes the object into the writer around `out`,
    // whose bytes are posted; a cursor's photo read through its URI is the photo.
    let text = r#"package app;

import android.widget.EditText;
import com.google.gson.Gson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

public class SignupClient {
    static class Body { String username, email; Body(String u, String e) { username = u; email = e; } }

    private final OkHttpClient http = new OkHttpClient();
    private final Gson gson = new Gson();
    EditText usernameField, emailField;

    void register() throws IOException {
        Body body = new Body(usernameField.getText().toString(), emailField.getText().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamWriter writer = new OutputStreamWriter(out);
        gson.toJson(body, writer);
        writer.flush();
        Request req = new Request.Builder().url("https://social.example/api/v1/accounts")
                .post(RequestBody.create(out.toByteArray(), MediaType.get("application/json"))).build();
        http.newCall(req).execute(); // sent
    }
}
"#;
    let file = "src/main/java/app/SignupClient.java";
    let found = scan(&[(file, text)]);
    assert!(
        reports(&found, file, line_of(text, "// sent"), "PI001"),
        "{found:?}"
    );
}

#[test]
fn an_object_under_a_key_not_known_keeps_its_fields() {
    // `sessions.put(session.getId(), session)`: read back by any key, the session's
    // domain is not the e-mail its activation info holds.
    let text = r#"package app;

import android.util.Log;
import android.widget.EditText;
import java.util.HashMap;

public class Sessions {
    static class Info { String email; Info(String e) { email = e; } }
    static class Session {
        String id; String domain; Info info;
        Session(String id, String domain, Info info) { this.id = id; this.domain = domain; this.info = info; }
    }

    EditText emailField;
    final HashMap<String, Session> sessions = new HashMap<>();

    void add(String id) {
        Session s = new Session(id, "example.org", new Info(emailField.getText().toString()));
        sessions.put(s.id, s);
    }

    Session get(String id) { return sessions.get(id); }

    void open(String id) {
        Log.d("S", "open https://" + get(id).domain); // not data
        Log.d("S", "for " + get(id).info.email); // leaks
    }
}
"#;
    let file = "src/main/java/app/Sessions.java";
    let found = scan(&[(file, text)]);
    assert!(
        rules_at(&found, file, line_of(text, "// not data")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, file, line_of(text, "// leaks"), "PI001"),
        "{found:?}"
    );
}

#[test]
fn a_library_method_called_by_reflection_is_that_call() {
    // `Log.class.getMethod("i", ..).invoke(null, tag, data)` logs the data.
    let text = r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.lang.reflect.Method;

public class Reflect extends Activity {
    void go(TelephonyManager tm) throws Exception {
        Method m = Log.class.getMethod("i", String.class, String.class);
        m.invoke(null, "x", tm.getDeviceId()); // leaks
        Method n = Class.forName("android.util.Log").getMethod("d", String.class, String.class);
        n.invoke(null, "x", "nothing"); // not data
    }
}
"#;
    assert_marked(&[("src/main/java/app/Reflect.java", text)]);
}

#[test]
fn a_request_header_goes_with_the_request() {
    let text = r#"package app;

import android.widget.EditText;
import java.net.HttpURLConnection;
import java.net.URL;

public class Verify {
    EditText phoneField;

    void go(String pin) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("https://api.example.org/verify").openConnection();
        c.setRequestProperty("Accept", "application/json"); // not data
        c.setRequestProperty("Authorization", phoneField.getText().toString() + ":" + pin); // leaks
        c.getResponseCode();
    }
}
"#;
    assert_marked(&[("src/main/java/app/Verify.java", text)]);
}

#[test]
fn an_element_is_of_the_type_its_container_declares() {
    // `List<Placeholder>` hands out placeholders: their `toRow()` is not the
    // account's, in a for loop, a block, after `first()` or `map[k]`; a Java
    // `List<Contact>` hands out contacts, whose getters run.
    assert_marked(&[
        ("src/main/java/com/example/el/Model.kt", ELEMENTS_KT),
        ("src/main/java/com/example/el/People.java", ELEMENTS_JAVA),
    ]);
}

const ELEMENTS_KT: &str = r#"package com.example.el

import android.util.Log

class Account(val email: String, val id: Long)
class Placeholder(val id: Long, val loading: Boolean)
class Row(val id: Long, val label: String)

fun Account.toRow(): Row = Row(id, email)
fun Placeholder.toRow(): Row = Row(id, "more")

class Repo {
    fun accounts(): List<Account> = listOf(Account("a@b.c", 1))
    fun placeholders(): List<Placeholder> = listOf(Placeholder(1, false))
    val byId: Map<Long, Placeholder> = mapOf()

    fun loopPlaceholders() {
        for (p in placeholders()) {
            Log.i("T", p.toRow().label) // not data
        }
    }
    fun loopAccounts() {
        for (a in accounts()) {
            Log.i("T", a.toRow().label) // leaks
        }
    }
    fun eachPlaceholder(ps: List<Placeholder>) {
        ps.forEach { Log.i("T", it.toRow().label) } // not data
    }
    fun mapped(ps: List<Placeholder>) {
        val rows = ps.map { it.toRow() }
        Log.i("T", rows.first().label) // not data
    }
    fun firstOne() {
        Log.i("T", placeholders().first().toRow().label) // not data
        Log.i("T", byId[1L]!!.toRow().label) // not data
    }
    private val pending = mutableListOf<Placeholder>()
    val queued: List<Placeholder> get() = pending
    fun loopQueued() {
        for (p in queued) Log.i("T", p.toRow().label) // not data
    }
}
"#;

const ELEMENTS_JAVA: &str = r#"package com.example.el;

import android.util.Log;
import android.telephony.TelephonyManager;
import java.util.ArrayList;
import java.util.List;

class Person {
    String phone;
    String label = "x";
    String getPhone() { return phone; }
    String getLabel() { return label; }
}

class People {
    List<Person> people = new ArrayList<>();
    void add(TelephonyManager tm) {
        Person p = new Person();
        p.phone = tm.getLine1Number();
        people.add(p);
    }
    void show() {
        Log.i("T", people.get(0).getLabel()); // not data
        Log.i("T", people.get(0).getPhone()); // leaks
        people.forEach(p -> Log.i("T", p.getLabel())); // not data
        people.forEach(p -> Log.i("T", p.getPhone())); // leaks
    }
}
"#;

#[test]
fn a_cleared_container_constructor_overloads_and_a_legacy_crash_sdk() {
    // `values.clear()` empties a local container; `new Money(total, payer)` runs the
    // constructor whose parameter types fit, not every one of that arity; Fabric's
    // `Crashlytics.log` is a third-party SDK.
    assert_marked(&[
        (
            "src/main/java/com/example/mix/Migration.java",
            MIGRATION_JAVA,
        ),
        ("src/main/java/com/example/mix/Money.java", MONEY_JAVA),
    ]);
}

const MIGRATION_JAVA: &str = r#"package com.example.mix;

import android.content.ContentValues;
import android.database.sqlite.SQLiteDatabase;
import com.crashlytics.android.Crashlytics;

class Migration {
    void migrate(SQLiteDatabase db, String email, String currency) {
        ContentValues values = new ContentValues();
        values.put("email", email);
        db.insert("users", null, values); // leaks
        values.clear();
        values.put("code", currency);
        db.insert("currencies", null, values); // not data
        Crashlytics.log("migration failed for " + email); // leaks
    }
}
"#;

const MONEY_JAVA: &str = r#"package com.example.mix;

import android.util.Log;
import java.math.BigDecimal;

class Payer {
    String email;
    Payer(String email) { this.email = email; }
}

class Money {
    BigDecimal amount;
    Money(BigDecimal amount, Payer payer) { this.amount = amount; }
    Money(String amount, String currencyCode) {
        this.amount = new BigDecimal(amount);
        Log.e("Money", "unknown currency " + currencyCode); // not data
    }
    Money(BigDecimal amount, String note, int flags) {
        Log.d("Money", "note " + note); // leaks
    }
    static Money charge(String email, BigDecimal total) {
        new Money(total, email, 0);
        return new Money(total, new Payer(email));
    }
}
"#;

#[test]
fn a_logging_wrapper_s_level_switch_runs_the_arm_of_the_level_given() {
    // `d(msg)` calls `log(Log.DEBUG, msg)`: only the DEBUG arm runs for it (and the
    // default arm only for levels no case names); each caller's data is its own flow.
    assert_marked(&[
        ("src/main/java/com/example/logw/L.java", LOG_WRAPPER_JAVA),
        ("src/main/java/com/example/logw/AppLog.kt", LOG_WRAPPER_KT),
    ]);
}

const LOG_WRAPPER_JAVA: &str = r#"package com.example.logw;

import android.util.Log;

final class L {
    static final int QUIET = 0;
    static final int LOUD = 1;

    static void d(String msg) { log(Log.DEBUG, msg); }
    static void v(String msg) { log(Log.VERBOSE, msg); }
    static void quiet(String msg) { write(QUIET, msg); }

    private static void log(int priority, String msg) {
        switch (priority) {
            case Log.VERBOSE:
                Log.v("L", msg); // not data
                break;
            case Log.DEBUG:
                Log.d("L", msg); // leaks
                break;
            default:
                Log.println(priority, "L", msg); // not data
        }
    }

    private static void write(int mode, String msg) {
        switch (mode) {
            case LOUD: Log.w("L", msg); break; // not data
            case QUIET: Log.i("L", msg); break; // leaks
        }
    }

    private static void emit(int level, String msg) {
        if (level == Log.ERROR) {
            Log.e("L", msg); // not data
        } else if (level != Log.INFO) {
            Log.w("L", msg); // not data
        } else {
            Log.i("L", msg); // leaks
        }
    }

    void onLogin(String email) {
        d("logged in " + email);
        quiet("quiet " + email);
        v("frames");
        emit(Log.INFO, "info " + email);
    }
}
"#;

const LOG_WRAPPER_KT: &str = r#"package com.example.logw

import android.util.Log

object AppLog {
    fun d(tag: String, msg: String) = log(Log.DEBUG, tag, msg)
    fun w(tag: String, msg: String) = log(Log.WARN, tag, msg)

    private fun log(priority: Int, tag: String, msg: String) {
        when (priority) {
            Log.DEBUG -> Log.d(tag, msg) // leaks
            Log.WARN -> Log.w(tag, msg) // not data
            else -> Log.println(priority, tag, msg) // not data
        }
    }
}

class Profile {
    fun onLogin(userName: String) = AppLog.d("P", "in $userName")
    fun onSwitch(userName: String) = AppLog.d("P", "to $userName")
    fun onTick(frames: Int) = AppLog.w("P", "frames $frames")
}
"#;

#[test]
fn a_full_name_is_a_person_s_only_in_a_class_about_a_person() {
    // A currency's or a ledger account's full name is that thing's name; a customer's
    // (a class holding other personal data) and a user's are a person's.
    assert_marked(&[("src/main/java/com/example/ledger/Store.java", LEDGER_JAVA)]);
}

const LEDGER_JAVA: &str = r#"package com.example.ledger;

import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteStatement;

class Commodity {
    private String mFullname;
    private String mMnemonic;
    Commodity(String fullname, String mnemonic) { mFullname = fullname; mMnemonic = mnemonic; }
    String getFullname() { return mFullname; }
}

class Ledger {
    private String mFullName;
    private String mCurrencyCode;
    void setFullName(String fullName) { mFullName = fullName; }
    String getFullName() { return mFullName; }
}

class Customer {
    private String mFullName;
    private String mEmail;
    String getFullName() { return mFullName; }
}

class User {
    private String fullName;
    String getFullName() { return fullName; }
}

class Store {
    void save(SQLiteDatabase db, Commodity c, Ledger l, Customer k, User u) {
        SQLiteStatement s = db.compileStatement("REPLACE INTO t (a) VALUES (?)");
        s.bindString(1, c.getFullname()); // not data
        s.bindString(1, l.getFullName()); // not data
        s.bindString(1, k.getFullName()); // leaks
        s.bindString(1, u.getFullName()); // leaks
    }
}
"#;

#[test]
fn a_generic_setter_s_type_arms_run_for_the_type_given() {
    // `save(key, value: Any)` stores by the value's type: a String reaches the
    // `putString` arm only (and the `else` arm only for types no arm tests); a Long
    // is also a Number.
    assert_marked(&[
        ("src/main/java/com/example/prefs/Settings.kt", TYPE_ARMS_KT),
        ("src/main/java/com/example/prefs/Store.java", TYPE_ARMS_JAVA),
    ]);
}

const TYPE_ARMS_KT: &str = r#"package com.example.prefs

import android.content.SharedPreferences

class Settings(private val prefs: SharedPreferences) {
    fun save(key: String, value: Any) {
        val edit = prefs.edit()
        when (value) {
            is Int -> edit.putInt(key, value) // not data
            is Long -> edit.putLong(key, value) // not data
            is String -> edit.putString(key, value) // leaks
            is Set<*> -> edit.putStringSet(key, value as Set<String>) // not data
            else -> edit.putString(key, value.toString()) // not data
        }
        edit.apply()
    }

    fun put(key: String, value: Any) {
        if (value !is String) {
            prefs.edit().putString(key, value.toString()).apply() // not data
        } else {
            prefs.edit().putString(key + "_s", value).apply() // leaks
        }
    }

    fun number(key: String, value: Any) {
        when (value) {
            is Number -> prefs.edit().putFloat(key, value.toFloat()).apply() // leaks
            else -> prefs.edit().putString(key, "$value").apply() // not data
        }
    }

    fun onSignUp(email: String, phone: Long) {
        save("email", email)
        put("email", email)
        number("phone", phone)
    }
}
"#;

const TYPE_ARMS_JAVA: &str = r#"package com.example.prefs;

import android.content.SharedPreferences;

class Store {
    private final SharedPreferences prefs;
    Store(SharedPreferences prefs) { this.prefs = prefs; }

    void write(String key, Object value) {
        SharedPreferences.Editor e = prefs.edit();
        if (value instanceof Boolean) {
            e.putBoolean(key, (Boolean) value); // not data
        } else if (value instanceof Integer) {
            e.putInt(key, (Integer) value); // not data
        } else if (value instanceof String) {
            e.putString(key, (String) value); // leaks
        }
        e.apply();
    }

    void onLogin(String password) {
        write("password", password);
    }
}
"#;

#[test]
fn a_singleton_without_a_private_constructor_is_one_object() {
    // A class that holds its one instance in a static field and is made only by its
    // own methods is a singleton even without a private constructor: what one
    // activity stores in it, another reads.
    assert_marked(&[(
        "src/main/java/com/example/single/Session.java",
        SINGLETON_JAVA,
    )]);
}

const SINGLETON_JAVA: &str = r#"package com.example.single;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

class Session {
    private static Session instance;
    private String token;
    private String theme = "light";
    static synchronized Session get() {
        if (instance == null) instance = new Session();
        return instance;
    }
    void setToken(String t) { token = t; }
    String getToken() { return token; }
    String getTheme() { return theme; }
}

class Registry {
    static final Registry INSTANCE = new Registry();
    private String id;
    void setId(String id) { this.id = id; }
    String getId() { return id; }
}

class Pair {
    private String first;
    void setFirst(String f) { first = f; }
    String getFirst() { return first; }
}

public class LoginActivity extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Session.get().setToken(tm.getDeviceId());
        Registry.INSTANCE.setId(tm.getSubscriberId());
        new Pair().setFirst(tm.getLine1Number());
    }
}

class UploadActivity extends Activity {
    @Override
    protected void onResume() {
        super.onResume();
        Log.i("up", Session.get().getToken()); // leaks
        Log.i("up", Session.get().getTheme()); // not data
        Log.i("up", Registry.INSTANCE.getId()); // leaks
        Log.i("up", new Pair().getFirst()); // not data
    }
}
"#;

#[test]
fn app_objects_are_named_by_their_fields_unless_they_wrap_a_text() {
    // A property with a getter only is named like what it holds, as a field is; a
    // value of a class that only wraps a text (declared in another package) is named
    // by its own name; one of any other class of the app (an enum, an event, a
    // descriptor made at its declaration) is known by its fields.
    assert_marked(&[
        ("src/main/java/com/example/wrap/App.kt", WRAP_APP_KT),
        (
            "src/main/java/com/example/util/SensitiveString.kt",
            WRAP_STRING_KT,
        ),
    ]);
}

const WRAP_APP_KT: &str = r#"package com.example.wrap

import android.app.Application
import android.util.Log
import com.example.util.SensitiveString
import java.util.UUID

class App : Application() {
    val appInstallID: String
        get() = Store.read("install") ?: UUID.randomUUID().toString()

    override fun onCreate() {
        super.onCreate()
        instance = this
    }

    companion object {
        lateinit var instance: App
    }
}

object Store {
    fun read(key: String): String? = null
}

data class Credentials(val username: String?, val password: SensitiveString?)

enum class EnqueueLocation { FRONT, BACK }

class WaitingForLocation(val waiting: Boolean)

object EventType {
    val BEACON_LOCATION_DATA = StableId(stable = "m.beacon")
}

data class StableId(val stable: String)

class Reporter {
    fun headers() {
        val app = App.instance
        Log.i("h", app.appInstallID) // leaks
    }

    fun save(c: Credentials) {
        // (`toString()` masks it.)
        Log.i("c", "pw ${c.password}") // not data
        store(c.password)
    }

    private fun store(pw: SensitiveString?) {
        Log.i("c", "pw ${pw?.asString()}") // leaks
    }

    fun queue(location: EnqueueLocation, w: WaitingForLocation) {
        Log.i("q", "at $location") // not data
        Log.i("q", "waiting $w") // not data
        Log.i("q", "type ${EventType.BEACON_LOCATION_DATA}") // not data
    }
}
"#;

const WRAP_STRING_KT: &str = r#"package com.example.util

@JvmInline
value class SensitiveString private constructor(private val data: String) {
    fun asString() = data
    override fun toString(): String = "*****"

    companion object {
        fun String.toSensitiveString() = SensitiveString(this)
    }
}
"#;

#[test]
fn a_lambda_for_an_app_interface_runs_where_its_method_is_called() {
    // `cb.got(x)` on a parameter declared as an interface of the app with one
    // abstract method runs the lambda or method reference the caller passed, as
    // `done.accept(x)` on a `Consumer` does; a callback of two arguments is left to
    // its implementations, which get each in its place.
    assert_marked(&[("src/main/java/com/example/fi/Main.java", FUNCTIONAL_JAVA)]);
}

const FUNCTIONAL_JAVA: &str = r#"package com.example.fi;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.function.Consumer;

interface OnValue {
    void got(String v);
    default void done() {}
}

interface OnPair {
    void onResult(String primary, String secondary);
}

class Loader {
    static void load(TelephonyManager tm, OnValue cb) {
        cb.got(tm.getDeviceId());
    }
    static void number(TelephonyManager tm, Consumer<String> done) {
        done.accept(tm.getLine1Number());
    }
    static void pair(TelephonyManager tm, OnPair cb) {
        cb.onResult(tm.getSubscriberId(), "v1.2");
    }
}

public class Main extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Loader.load(tm, v -> Log.i("id", v)); // leaks
        Loader.load(tm, this::forward);
        Loader.number(tm, n -> Log.i("n", n)); // leaks
        Loader.pair(tm, new OnPair() {
            @Override
            public void onResult(String primary, String secondary) {
                Log.i("p", primary); // leaks
                Log.i("p", secondary); // not data
            }
        });
    }

    private void forward(String v) {
        SmsManager.getDefault().sendTextMessage("+15550100", null, v, null, null); // leaks
    }
}
"#;

#[test]
fn a_builder_hands_on_each_field_and_an_inner_class_reads_the_outer_field() {
    // `new Req(this)` in a builder's `build()`: each field of the request is the
    // builder's field of that name, not the whole builder; `MainActivity.this.number`
    // in an inner class is the activity's field.
    assert_marked(&[("src/main/java/com/example/bld/Main.java", BUILDER_JAVA)]);
}

const BUILDER_JAVA: &str = r#"package com.example.bld;

import android.app.Activity;
import android.os.Bundle;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import android.util.Log;

class Req {
    final String a;
    final String b;
    private Req(Builder bl) { a = bl.a; b = bl.b; }

    static class Builder {
        String a;
        String b;
        Builder setA(String v) { a = v; return this; }
        Builder setB(String v) { b = v; return this; }
        Req build() { return new Req(this); }
    }
}

public class Main extends Activity {
    private String number;

    class Reporter {
        void report() {
            SmsManager.getDefault().sendTextMessage("+15550100", null, Main.this.number, null, null); // leaks
        }
    }

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TelephonyManager tm = (TelephonyManager) getSystemService(TELEPHONY_SERVICE);
        Req r = new Req.Builder().setA(tm.getDeviceId()).setB("beta").build();
        Log.i("r", r.b); // not data
        Log.i("r", r.a); // leaks
        number = tm.getLine1Number();
        new Reporter().report();
    }
}
"#;

#[test]
fn objects_put_somewhere_carry_what_is_stored_into_them_later() {
    // An object put into a JSON array, a parent JSON object, a list, or a field, and
    // filled in afterwards: the holder has the data too. A local assigned anew names
    // another object; what was filled in before the put is all there is.
    let main = r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;

class User { String phone; String theme; }

class Box { String v; }

class Controller {
    Box current;
    void attach(Box b) { current = b; }
    Box get() { return current; }
}

public class MainActivity extends Activity {
    private TelephonyManager tm;
    private final Box shared = new Box();

    static Box same(Box b) { return b; }

    private Box box() { return shared; }

    void nested() throws Exception {
        JSONObject outer = new JSONObject();
        JSONObject device = new JSONObject();
        outer.put("device", device);
        device.put("imei", tm.getDeviceId());
        Log.i("t", outer.toString()); // nested
    }

    void listed() {
        List<User> users = new ArrayList<>();
        User u = new User();
        users.add(u);
        u.phone = tm.getLine1Number();
        u.theme = "dark";
        Log.i("t", users.get(0).phone); // listed phone
        Log.i("t", users.get(0).theme); // listed theme
    }

    void renamed() throws Exception {
        JSONArray arr = new JSONArray();
        JSONObject o = new JSONObject();
        arr.put(o);
        o = new JSONObject();
        o.put("line", tm.getLine1Number());
        Log.i("t", arr.toString()); // renamed
    }

    void kept() {
        Controller ctl = new Controller();
        Box b = new Box();
        ctl.attach(b);
        b.v = tm.getDeviceId();
        Log.i("t", ctl.get().v); // kept
        Box b1 = new Box();
        Box b2 = same(b1);
        b2.v = tm.getSimSerialNumber();
        Log.i("t", b1.v); // same
        box().v = tm.getLine1Number();
        Log.i("t", shared.v); // getter
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/MainActivity.java", main)]);
    let file = "app/src/main/java/app/MainActivity.java";
    for marker in [
        "// nested",
        "// listed phone",
        "// kept",
        "// same",
        "// getter",
    ] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI001"), "{marker}: {found:?}");
    }
    for marker in ["// listed theme", "// renamed"] {
        let line = line_of(main, marker);
        assert!(!reports(&found, file, line, "PI001"), "{marker}: {found:?}");
    }
}

#[test]
fn views_and_copies_of_a_collection_keep_each_element_field_by_field() {
    // `map.values()` and `new ArrayList<>(c)` hold the same elements: a session whose
    // e-mail field is personal does not make its other fields personal.
    let main = r#"package app;

import android.util.Log;
import android.widget.EditText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Sessions {
    static class Session {
        final String domain, email;
        Session(String domain, String email) { this.domain = domain; this.email = email; }
        String getId() { return domain + "_1"; }
    }

    private final HashMap<String, Session> sessions = new HashMap<>();

    void add(String domain, EditText emailField) {
        Session s = new Session(domain, emailField.getText().toString());
        sessions.put(s.getId(), s);
    }

    void restore() {
        for (Session session : new ArrayList<>(sessions.values())) {
            Log.d("t", "push for " + session.getId()); // id
            Log.d("t", "mail " + session.email); // mail
        }
        Map<String, Session> byKey = new HashMap<>();
        byKey.put("me", new Session("x", sessions.get("k").email));
        for (Session v : byKey.values()) {
            Log.d("t", "entry " + v.email); // entry
            Log.d("t", "entry id " + v.getId()); // entry id
        }
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/Sessions.java", main)]);
    let file = "app/src/main/java/app/Sessions.java";
    for marker in ["// mail", "// entry"] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI301"), "{marker}: {found:?}");
    }
    for marker in ["// id", "// entry id"] {
        let line = line_of(main, marker);
        assert!(
            rules_at(&found, file, line).is_empty(),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn a_records_accessors_read_its_components_and_constants_made_by_library_calls_are_no_data() {
    // `position.latitude()` reads the record's `latitude` component; a `static final`
    // list of `UUID.fromString(..)` constants named for heart rate is no health data.
    let main = r#"package app;

import android.content.ContentResolver;
import android.content.ContentValues;
import android.net.Uri;
import android.util.Log;
import java.util.List;
import java.util.UUID;

public class TrackStore {
    public record Position(double latitude, double longitude, float accuracy) { }

    public static final List<UUID> HEART_RATE_SERVICES = List.of(
            UUID.fromString("0000180d-0000-1000-8000-00805f9b34fb"));

    private final ContentResolver resolver;

    public TrackStore(ContentResolver resolver) { this.resolver = resolver; }

    public Uri insertPoint(Position position) {
        ContentValues values = new ContentValues();
        values.put("latitude", (int) (position.latitude() * 1E6));
        values.put("accuracy", position.accuracy());
        return resolver.insert(Uri.parse("content://app.track/points"), values); // insert
    }

    void discover() {
        for (UUID service : HEART_RATE_SERVICES) {
            Log.e("t", "no service " + service); // service
        }
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/TrackStore.java", main)]);
    let file = "app/src/main/java/app/TrackStore.java";
    let insert = line_of(main, "// insert");
    assert!(
        found
            .iter()
            .any(|f| f.1 == file && f.2 == insert && f.3 == "location.precise"),
        "{found:?}"
    );
    let service = line_of(main, "// service");
    assert!(rules_at(&found, file, service).is_empty(), "{found:?}");
}

#[test]
fn a_stream_handed_to_a_helper_goes_where_the_callers_stream_goes() {
    // `writeTrack(points, out)` writes to the stream its caller opened: a file the
    // user picked is storage; an in-memory buffer is nowhere.
    let main = r#"package app;

import android.content.Context;
import android.location.Location;
import android.net.Uri;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

public class GpxExporter {
    public static void exportTo(Context context, Uri uri, List<Location> points) throws IOException {
        try (OutputStream out = context.getContentResolver().openOutputStream(uri, "wt")) {
            new GpxExporter().write(points, out);
        }
    }

    public static int size(List<Location> points) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new GpxExporter().write(points, buffer);
        return buffer.size();
    }

    void write(List<Location> points, OutputStream out) {
        writeTrack(points, out);
    }

    void writeTrack(List<Location> points, OutputStream outputStream) {
        PrintWriter writer = new PrintWriter(outputStream);
        for (Location p : points) {
            writer.println("<trkpt lat=\"" + p.getLatitude() + "\"/>"); // point
        }
        writer.flush();
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/GpxExporter.java", main)]);
    let file = "app/src/main/java/app/GpxExporter.java";
    let point = line_of(main, "// point");
    assert!(reports(&found, file, point, "PI303"), "{found:?}");
    assert_eq!(
        found.iter().filter(|f| f.0 == "PI303").count(),
        1,
        "{found:?}"
    );
}

#[test]
fn a_block_run_by_rxjava_and_a_clipboard_reached_through_the_activity() {
    // `Completable.fromAction(() -> r.run(db))` runs the block handed to the helper;
    // `getActivity().getSystemService(ClipboardManager.class)` is the clipboard even
    // where the file does not import Context.
    let main = r#"package app;

import android.content.ClipData;
import android.content.ClipboardManager;
import android.content.ContentValues;
import android.database.sqlite.SQLiteDatabase;
import android.widget.EditText;
import androidx.fragment.app.Fragment;
import io.reactivex.rxjava3.core.Completable;

public class Profile extends Fragment {
    interface DbTask { void run(SQLiteDatabase db); }

    private SQLiteDatabase db;
    private EditText emailField;

    void save() {
        String email = emailField.getText().toString();
        onDb(d -> {
            ContentValues values = new ContentValues();
            values.put("email", email);
            d.insert("accounts", null, values); // insert
        });
        getActivity().getSystemService(ClipboardManager.class)
                .setPrimaryClip(ClipData.newPlainText(null, email)); // clip
    }

    private void onDb(DbTask task) {
        Completable.fromAction(() -> task.run(db)).subscribe();
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/Profile.java", main)]);
    let file = "app/src/main/java/app/Profile.java";
    for marker in ["// insert", "// clip"] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI001"), "{marker}: {found:?}");
    }
}

#[test]
fn received_messages_a_built_up_provider_uri_and_what_a_storage_call_hands_back() {
    // An `SmsMessage` is a received message whatever it is called, though it prints
    // as Object does; an Intent prints no extras; a provider URI built up from
    // `CONTENT_URI` is still that provider's; `insert(..)` hands back the new row's
    // URI, none of what it stored; the default SMS app's package is no message.
    let main = r#"package app;

import android.content.Context;
import android.content.ContentValues;
import android.content.Intent;
import android.database.Cursor;
import android.net.Uri;
import android.provider.CallLog;
import android.provider.Telephony;
import android.telephony.SmsMessage;
import android.util.Log;

public class SmsStore {
    void store(Context context, SmsMessage message) {
        ContentValues values = new ContentValues();
        values.put("address", message.getDisplayOriginatingAddress());
        values.put("body", message.getDisplayMessageBody());
        Uri row = context.getContentResolver().insert(Uri.parse("content://sms"), values); // insert
        Log.d("SmsStore", "inserted as " + row); // row
        String defaultSmsPackage = Telephony.Sms.getDefaultSmsPackage(context);
        Log.d("SmsStore", "default app " + defaultSmsPackage); // package
        Log.d("SmsStore", "stored " + message); // printed
        Intent done = new Intent("app.STORED").putExtra("from", message.getOriginatingAddress());
        Log.d("SmsStore", "broadcasting " + done); // intent
    }

    void calls(Context context) {
        Uri limited = CallLog.Calls.CONTENT_URI.buildUpon().appendQueryParameter("limit", "100").build();
        Cursor calls = context.getContentResolver().query(limited, new String[]{"number"}, null, null, null);
        while (calls != null && calls.moveToNext()) {
            Log.v("Calls", "call " + calls.getString(0)); // call
        }
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/SmsStore.java", main)]);
    let file = "app/src/main/java/app/SmsStore.java";
    assert!(
        reports(&found, file, line_of(main, "// insert"), "PI001"),
        "{found:?}"
    );
    assert!(
        reports(&found, file, line_of(main, "// call"), "PI301"),
        "{found:?}"
    );
    for marker in ["// row", "// package", "// printed", "// intent"] {
        let line = line_of(main, marker);
        assert!(
            rules_at(&found, file, line).is_empty(),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn messages_stored_on_a_mail_server_and_its_login_go_over_the_network() {
    let main = r#"package app;

import android.content.ContentResolver;
import android.database.Cursor;
import android.net.Uri;
import java.util.Properties;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;

public class MailBackup {
    void backup(ContentResolver resolver, String host, String user, String password) throws Exception {
        Cursor c = resolver.query(Uri.parse("content://sms"), new String[]{"address", "body"}, null, null, null);
        Session session = Session.getInstance(new Properties());
        Store store = session.getStore("imaps");
        store.connect(host, user, password); // login
        Folder folder = store.getFolder("SMS");
        while (c != null && c.moveToNext()) {
            MimeMessage msg = new MimeMessage(session);
            msg.setText(c.getString(1));
            folder.appendMessages(new Message[]{msg}); // append
        }
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/MailBackup.java", main)]);
    let file = "app/src/main/java/app/MailBackup.java";
    for marker in ["// login", "// append"] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI001"), "{marker}: {found:?}");
    }
}

#[test]
fn a_handler_catches_only_the_exceptions_its_type_can() {
    // The credentials travel in a `StoreException` (and a library's `IOException`);
    // `catch (RefreshException e)` cannot catch them, `catch (StoreException e)` and
    // `catch (Exception e)` can.
    let main = r#"package app;

import android.util.Log;

public class SyncTask {
    static class StoreException extends Exception { StoreException(String m) { super(m); } }
    static class RefreshException extends Exception { RefreshException(String m) { super(m); } }
    static class QuotaException extends RuntimeException { QuotaException(String m) { super(m); } }

    void openStore(String uri) throws StoreException {
        if (!uri.startsWith("imaps://")) throw new StoreException("invalid uri " + uri);
    }

    void refresh() throws RefreshException { }

    void run(String username, String password) {
        try {
            refresh();
            openStore("imap://" + username + ":" + password + "@mail.example.com");
        } catch (StoreException e) {
            Log.w("Sync", e); // store
        } catch (RefreshException r) {
            Log.w("Sync", "refresh failed " + r); // refresh
        }
        try {
            if (password.isEmpty()) throw new java.io.IOException("no password for " + username);
            openStore(password);
        } catch (QuotaException | RefreshException e) {
            Log.w("Sync", "odd " + e); // other
        } catch (Exception e) {
            Log.w("Sync", "any " + e); // any
        }
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/SyncTask.java", main)]);
    let file = "app/src/main/java/app/SyncTask.java";
    for marker in ["// store", "// any"] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI301"), "{marker}: {found:?}");
    }
    for marker in ["// refresh", "// other"] {
        let line = line_of(main, marker);
        assert!(
            rules_at(&found, file, line).is_empty(),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn a_library_handler_catches_only_what_the_library_hierarchy_allows() {
    // The library's exceptions whose ancestry the knowledge lists: an IOException
    // (and the app's own subclass of it) reaches `catch (IOException e)`, never
    // `catch (IllegalArgumentException e)` nor `catch (JSONException e)`; a library
    // exception the knowledge does not list may reach any handler.
    let main = r#"package app;

import android.util.Log;
import java.io.IOException;
import org.json.JSONException;
import com.vendor.VendorException;

public class Upload {
    static class UploadFailed extends IOException { UploadFailed(String m) { super(m); } }

    void send(String email) throws IOException {
        if (email.isEmpty()) throw new IOException("no address");
        throw new IOException("could not send to " + email);
    }

    void retry(String email) throws IOException {
        throw new UploadFailed("retry failed for " + email);
    }

    void vendor(String email) {
        throw new VendorException("vendor refused " + email);
    }

    void run(String email) {
        try {
            send(email);
        } catch (IllegalArgumentException e) {
            Log.w("Upload", "bad " + e.getMessage()); // argument
        } catch (JSONException e) {
            Log.w("Upload", "json " + e.getMessage()); // json
        } catch (IOException e) {
            Log.w("Upload", "io " + e.getMessage()); // io
        }
        try {
            retry(email);
        } catch (SecurityException e) {
            Log.w("Upload", "denied " + e.getMessage()); // denied
        } catch (java.io.IOException e) {
            Log.w("Upload", "retry " + e.getMessage()); // retry
        }
        try {
            vendor(email);
        } catch (IllegalStateException e) {
            Log.w("Upload", "state " + e.getMessage()); // vendor
        }
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/Upload.java", main)]);
    let file = "app/src/main/java/app/Upload.java";
    for marker in ["// io", "// retry", "// vendor"] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI301"), "{marker}: {found:?}");
    }
    for marker in ["// argument", "// json", "// denied"] {
        let line = line_of(main, marker);
        assert!(
            rules_at(&found, file, line).is_empty(),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn status_getters_of_a_fix_and_a_connection_are_no_data() {
    // An AMap fix's error code, a Wi-Fi connection's link speed and the app's own
    // processes say nothing about the person; the fix's coordinates do.
    let main = r#"package app;

import android.app.Activity;
import android.app.ActivityManager;
import android.content.Context;
import android.net.wifi.WifiManager;
import android.util.Log;
import com.amap.api.location.AMapLocation;
import com.amap.api.location.AMapLocationListener;

public class Tracker extends Activity implements AMapLocationListener {
    @Override
    public void onLocationChanged(AMapLocation loc) {
        if (loc.getErrorCode() != 0) {
            Log.e("Loc", "failed " + loc.getErrorCode() + " " + loc.getErrorInfo()); // status
            return;
        }
        Log.i("Loc", "at " + loc.getLatitude()); // position
    }

    int speed() {
        WifiManager wm = (WifiManager) getSystemService(Context.WIFI_SERVICE);
        return wm.getConnectionInfo().getLinkSpeed(); // speed
    }

    String ownProcess() {
        ActivityManager am = (ActivityManager) getSystemService(Context.ACTIVITY_SERVICE);
        for (ActivityManager.RunningAppProcessInfo p : am.getRunningAppProcesses()) { // processes
            if (p.pid == android.os.Process.myPid()) return p.processName;
        }
        return "";
    }
}
"#;
    let found = scan(&[("app/src/main/java/app/Tracker.java", main)]);
    let file = "app/src/main/java/app/Tracker.java";
    let line = line_of(main, "// position");
    assert!(reports(&found, file, line, "PI301"), "{found:?}");
    for marker in ["// status", "// speed", "// processes"] {
        let line = line_of(main, marker);
        assert!(
            rules_at(&found, file, line).is_empty(),
            "{marker}: {found:?}"
        );
    }
}

#[test]
fn objects_saved_to_a_backend_as_a_service_are_sent() {
    // Bmob and Firestore store what the app saves on the vendor's servers: an
    // object of the app's that extends BmobObject carries its fields there.
    let note = r#"package app;

import cn.bmob.v3.BmobObject;

public class Note extends BmobObject {
    private String phoneNum;
    public void setPhoneNum(String p) { this.phoneNum = p; }
}
"#;
    let main = r#"package app;

import android.app.Activity;
import android.widget.EditText;
import cn.bmob.v3.BmobUser;
import com.google.firebase.firestore.FirebaseFirestore;
import java.util.HashMap;
import java.util.Map;

public class PostActivity extends Activity {
    EditText phoneEdit;
    EditText emailEdit;
    EditText verifyEdit;

    void post() {
        Note n = new Note();
        n.setPhoneNum(phoneEdit.getText().toString());
        n.save(null); // bmob
        BmobUser u = new BmobUser();
        u.setEmail(emailEdit.getText().toString());
        u.signUp(null); // signup
    }

    void profile() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("email", emailEdit.getText().toString());
        FirebaseFirestore.getInstance().collection("users").document("me").set(doc); // firestore
    }

    void verify(String phoneVerify, String emailToken) {
        android.util.Log.i("Verify", phoneVerify + " " + emailToken); // codes
    }
}
"#;
    let found = scan(&[
        ("app/src/main/java/app/Note.java", note),
        ("app/src/main/java/app/PostActivity.java", main),
    ]);
    let file = "app/src/main/java/app/PostActivity.java";
    for marker in ["// bmob", "// signup", "// firestore"] {
        let line = line_of(main, marker);
        assert!(reports(&found, file, line, "PI001"), "{marker}: {found:?}");
    }
    let line = line_of(main, "// codes");
    assert!(rules_at(&found, file, line).is_empty(), "{found:?}");
}

#[test]
fn a_retrofit_base_url_held_by_a_constant_sets_the_endpoints_scheme() {
    // `baseUrl(Api.HOST + "/v1/")`, an interface's constant: every endpoint of the
    // service is on that cleartext host.
    let api = r#"package app;

import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

public interface Api {
    String HOST = "http://api.example.cn";

    @POST("login")
    Call<Object> login(@Body LoginRequest req);
}
"#;
    let req = r#"package app;

public class LoginRequest {
    public String phone;
    public LoginRequest(String phone) { this.phone = phone; }
}
"#;
    let main = r#"package app;

import android.app.Activity;
import android.widget.EditText;
import retrofit2.Retrofit;

public class LoginActivity extends Activity {
    EditText phoneEdit;

    void login() {
        Api api = new Retrofit.Builder().baseUrl(Api.HOST + "/v1/").build().create(Api.class);
        api.login(new LoginRequest(phoneEdit.getText().toString())); // login
    }
}
"#;
    let found = scan(&[
        ("app/src/main/java/app/Api.java", api),
        ("app/src/main/java/app/LoginRequest.java", req),
        ("app/src/main/java/app/LoginActivity.java", main),
    ]);
    let file = "app/src/main/java/app/LoginActivity.java";
    let line = line_of(main, "// login");
    assert!(reports(&found, file, line, "PI302"), "{found:?}");
}

#[test]
fn a_class_copied_into_two_gradle_modules_is_the_callers_own() {
    // `app/` and `wear/` each declare `demo.Logger`: the app's signup logs through the
    // app's copy, and the result is located there.
    let logger = |tag: &str| {
        format!(
            r#"package demo;

public class Logger {{
    public static void d(String msg) {{
        android.util.Log.d("{tag}", msg); // log
    }}
}}
"#
        )
    };
    let (app_logger, wear_logger) = (logger("app"), logger("wear"));
    let signup = r#"package demo;

import android.app.Activity;
import android.widget.EditText;

public class Signup extends Activity {
    EditText emailEdit;
    void submit() {
        Logger.d("signing up " + emailEdit.getText().toString());
    }
}
"#;
    let found = scan(&[
        ("app/src/main/java/demo/Logger.java", &app_logger),
        ("app/src/main/java/demo/Signup.java", signup),
        ("wear/src/main/java/demo/Logger.java", &wear_logger),
    ]);
    let line = line_of(&app_logger, "// log");
    assert!(
        reports(&found, "app/src/main/java/demo/Logger.java", line, "PI301"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, "wear/src/main/java/demo/Logger.java", line).is_empty(),
        "{found:?}"
    );
}

#[test]
fn a_getter_deep_in_an_objects_chain_is_no_platform_api_by_its_name() {
    // `msg.getContext().specification.getSerial()`: an insulin pen's serial, read out
    // of an object of a library's (or of the app's, through an accessor generated
    // at build time), not `Build.getSerial()`.
    let message = r#"package app;

import lombok.Getter;

public class Message {
    @Getter private PenContext context;
}
"#;
    let main = r#"package app;

import android.util.Log;
import com.example.nfc.Packet;

public class PenDose {
    void received(Message msg, Packet packet) {
        String pen = msg.getContext().specification.getSerial();
        Log.d("Pen", "dose from pen " + pen); // app object
        String other = packet.getContext().specification.getSerial();
        Log.d("Pen", "dose from pen " + other); // library object
        Log.d("Pen", "this phone " + android.os.Build.getSerial()); // phone
    }
}
"#;
    let file = "app/src/main/java/app/PenDose.java";
    let found = scan(&[
        ("app/src/main/java/app/Message.java", message),
        (file, main),
    ]);
    let line = line_of(main, "// phone");
    assert!(reports(&found, file, line, "PI301"), "{found:?}");
    for marker in ["// app object", "// library object"] {
        let line = line_of(main, marker);
        assert!(
            rules_at(&found, file, line).is_empty(),
            "{marker}: {found:?}"
        );
    }
    assert!(
        !found.iter().any(|f| f.0 == "PI101" && f.2 < line),
        "{found:?}"
    );
}

#[test]
fn an_overload_is_chosen_by_what_a_concatenation_is() {
    // `"bad phone " + phone` is a String: it goes to `wtf(String, String)`, never to
    // `wtf(String, Exception)`.
    let main = r#"package app;

import android.widget.EditText;

public class Report {
    static class L {
        static void wtf(String tag, String msg) { android.util.Log.wtf(tag, msg); } // text
        static void wtf(String tag, Exception e) { android.util.Log.wtf(tag, e); } // error
    }
    EditText phoneEdit;
    void submit() {
        String phone = phoneEdit.getText().toString();
        L.wtf("Report", "bad phone " + phone);
    }
}
"#;
    let file = "app/src/main/java/app/Report.java";
    let found = scan(&[(file, main)]);
    assert!(
        reports(&found, file, line_of(main, "// text"), "PI301"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, line_of(main, "// error")).is_empty(),
        "{found:?}"
    );
}

#[test]
fn a_static_field_no_code_assigns_holds_its_url_as_a_constant_does() {
    // `public static String BASE_URL = "http://.."`, never assigned: Retrofit's
    // endpoints are on that cleartext host.
    let helper = r#"package app;

import retrofit2.Retrofit;

public class Helper {
    public static String BASE_URL = "http://api.example.com/v1/";

    public static Api api() {
        return new Retrofit.Builder().baseUrl(BASE_URL).build().create(Api.class);
    }
}
"#;
    let api = r#"package app;

import retrofit2.Call;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.POST;

public interface Api {
    @FormUrlEncoded
    @POST("login")
    Call<String> login(@Field("password") String password);
}
"#;
    let main = r#"package app;

import android.app.Activity;
import android.widget.EditText;

public class LoginActivity extends Activity {
    EditText password;

    void login() {
        Helper.api().login(password.getText().toString()); // login
    }
}
"#;
    let file = "app/src/main/java/app/LoginActivity.java";
    let found = scan(&[
        ("app/src/main/java/app/Helper.java", helper),
        ("app/src/main/java/app/Api.java", api),
        (file, main),
    ]);
    assert!(
        reports(&found, file, line_of(main, "// login"), "PI302"),
        "{found:?}"
    );
}

#[test]
fn what_the_account_store_hands_back_is_not_the_account_it_was_asked_for() {
    // `getPassword(account)` returns the secret stored for the account, not its name.
    let main = r#"package app;

import android.accounts.Account;
import android.accounts.AccountManager;
import android.util.Log;

public class Session {
    AccountManager am;

    void renew() {
        Account[] accounts = am.getAccountsByType("app.example.account");
        String secret = am.getPassword(accounts[0]);
        Log.d("Session", "renewing with a secret of " + secret.length()); // secret
        Log.d("Session", "renewing " + accounts[0].name); // name
    }
}
"#;
    let file = "app/src/main/java/app/Session.java";
    let found = scan(&[(file, main)]);
    assert!(
        reports(&found, file, line_of(main, "// name"), "PI301"),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, line_of(main, "// secret")).is_empty(),
        "{found:?}"
    );
}

#[test]
fn a_url_handed_to_a_wrapper_is_where_its_callers_send_the_data() {
    // `post(url, params)` builds the request; each caller's URL decides the scheme,
    // through a second wrapper too.
    let api = r#"package app;

public class Api {
    public static final String BIND = "http://api.example.cn/user/bind";
    public static final String SECURE = "https://api.example.cn";
}
"#;
    let http = r#"package app;

import java.util.HashMap;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

public class Http {
    static final OkHttpClient client = new OkHttpClient();

    public static void post(String url, Map<String, String> params) {
        FormBody.Builder form = new FormBody.Builder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            form.add(e.getKey(), e.getValue());
        }
        Request request = new Request.Builder().url(url).post(form.build()).build();
        client.newCall(request).enqueue(null); // post
    }

    public static void postJson(String url, String json) {
        Request request = new Request.Builder().url(url).post(RequestBody.create(json, null)).build();
        client.newCall(request).enqueue(null); // json
    }

    public static void bind(String url, String phone) {
        Map<String, String> params = new HashMap<>();
        params.put("phone", phone);
        post(url, params);
    }
}
"#;
    let main = r#"package app;

import android.app.Activity;
import android.widget.EditText;

public class ProfileActivity extends Activity {
    EditText phoneEdit;
    EditText emailEdit;

    void save() {
        Http.bind(Api.BIND, phoneEdit.getText().toString());
        Http.postJson(Api.SECURE + "/profile", "{\"email\":\"" + emailEdit.getText() + "\"}");
    }
}
"#;
    let file = "app/src/main/java/app/Http.java";
    let found = scan(&[
        ("app/src/main/java/app/Api.java", api),
        (file, http),
        ("app/src/main/java/app/ProfileActivity.java", main),
    ]);
    assert_eq!(
        rules_at(&found, file, line_of(http, "// post")),
        ["PI001", "PI302"],
        "{found:?}"
    );
    assert_eq!(
        rules_at(&found, file, line_of(http, "// json")),
        ["PI001"],
        "{found:?}"
    );
}

#[test]
fn the_entries_of_a_map_parameter_hold_what_the_caller_put() {
    let main = r#"package app;

import android.app.Activity;
import android.util.Log;
import android.widget.EditText;
import java.util.HashMap;
import java.util.Map;

public class Signup extends Activity {
    EditText phoneEdit;

    static void dump(Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            Log.i("Signup", e.getKey() + "=" + e.getValue()); // entry
        }
    }

    void submit() {
        Map<String, String> params = new HashMap<>();
        params.put("phone", phoneEdit.getText().toString());
        dump(params);
    }
}
"#;
    let file = "app/src/main/java/app/Signup.java";
    let found = scan(&[(file, main)]);
    assert!(
        reports(&found, file, line_of(main, "// entry"), "PI301"),
        "{found:?}"
    );
}

#[test]
fn a_url_parameter_of_an_endpoint_replaces_the_base_url() {
    // `@Url` overrides the base URL (a placeholder here): where the data goes is the
    // URL each call passes.
    let api = r#"package app;

import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Url;

public interface Api {
    @POST
    Call<Object> send(@Url String url, @Body String body);
}
"#;
    let main = r#"package app;

import android.app.Activity;
import android.widget.EditText;
import retrofit2.Retrofit;

public class Report extends Activity {
    EditText phoneEdit;
    Api api = new Retrofit.Builder().baseUrl("http://localhost/").build().create(Api.class);

    void send() {
        String phone = phoneEdit.getText().toString();
        api.send("https://example.org/hook", phone); // tls
        api.send("http://example.org/hook", phone); // cleartext
    }
}
"#;
    let file = "app/src/main/java/app/Report.java";
    let found = scan(&[("app/src/main/java/app/Api.java", api), (file, main)]);
    assert_eq!(
        rules_at(&found, file, line_of(main, "// tls")),
        ["PI001"],
        "{found:?}"
    );
    assert_eq!(
        rules_at(&found, file, line_of(main, "// cleartext")),
        ["PI001", "PI302"],
        "{found:?}"
    );
}

#[test]
fn a_serialiser_writing_into_a_file_stores_and_a_fragment_starts_activities() {
    // `writeValue(file, obj)` opens the file and writes it; `bindDouble` binds a
    // number into a statement that stores it; a Fragment's `startActivity` hands the
    // Intent to another app as its activity's does.
    let export = r#"package app;

import android.database.sqlite.SQLiteStatement;
import android.location.Location;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;

public class Export {
    static class Point { public double lat; public double lon; }

    static void export(Location location, File dir, SQLiteStatement stmt) throws IOException {
        Point p = new Point();
        p.lat = location.getLatitude();
        p.lon = location.getLongitude();
        new ObjectMapper().writeValue(new File(dir, "track.json"), p); // file
        File kept = new File(dir, "kept.json");
        new ObjectMapper().writeValue(kept, p); // kept
        stmt.bindDouble(1, location.getLatitude()); // bound
        stmt.bindLong(2, 42L); // constant
    }
}
"#;
    let screen = r#"package app;

import android.content.Intent;
import android.net.Uri;
import androidx.fragment.app.Fragment;

public class Dialer extends Fragment {
    void call(String phone) {
        startActivity(new Intent(Intent.ACTION_DIAL, Uri.parse("tel:" + phone))); // dial
    }
}
"#;
    let (e, s) = (
        "app/src/main/java/app/Export.java",
        "app/src/main/java/app/Dialer.java",
    );
    let found = scan(&[(e, export), (s, screen)]);
    for marker in ["// file", "// kept", "// bound"] {
        assert!(
            reports(&found, e, line_of(export, marker), "PI303"),
            "{marker}: {found:?}"
        );
    }
    assert!(
        rules_at(&found, e, line_of(export, "// constant")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, s, line_of(screen, "// dial"), "PI001"),
        "{found:?}"
    );
}

#[test]
fn a_distance_between_places_is_no_place() {
    // Map libraries' distances, headings and lengths are numbers, not where the
    // person is; the points themselves are.
    let text = r#"package app;

import android.location.Location;
import android.util.Log;
import com.google.android.gms.maps.model.LatLng;
import com.google.maps.android.SphericalUtil;
import org.mapsforge.core.model.LatLong;

public class Trip {
    static final LatLng HOME = new LatLng(52.5, 13.4);

    void onLocationChanged(Location location) {
        LatLng here = new LatLng(location.getLatitude(), location.getLongitude());
        double metres = SphericalUtil.computeDistanceBetween(here, HOME);
        Log.d("Trip", "moved " + metres); // distance
        LatLong a = new LatLong(location.getLatitude(), location.getLongitude());
        double km = a.sphericalDistance(new LatLong(52.5, 13.4));
        Log.d("Trip", "km " + km); // spherical
        Log.d("Trip", "at " + here); // place
    }
}
"#;
    let file = "app/src/main/java/app/Trip.java";
    let found = scan(&[(file, text)]);
    assert!(
        rules_at(&found, file, line_of(text, "// distance")).is_empty(),
        "{found:?}"
    );
    assert!(
        rules_at(&found, file, line_of(text, "// spherical")).is_empty(),
        "{found:?}"
    );
    assert!(
        reports(&found, file, line_of(text, "// place"), "PI301"),
        "{found:?}"
    );
}
