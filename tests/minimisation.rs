//! PI201: personal data collected and never used.

mod common;

fn pi201_lines(files: &[(&str, &str)]) -> Vec<(String, u64)> {
    common::of_rule(&common::scan_files(files), "PI201")
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn discarded_or_never_read_values_are_reported_used_ones_are_not() {
    let found = pi201_lines(&[
        (
            "app/Ids.java",
            r#"package app;

import android.app.Activity;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Ids extends Activity {
    private TelephonyManager tm;
    private String imsi;
    private String iccid;

    void onStart() {
        tm.getImei();
        String unused = tm.getLine1Number();
        imsi = tm.getSubscriberId();
        iccid = tm.getSimSerialNumber();
        String used = tm.getDeviceId();
        new Thread(() -> Log.d("ids", used)).start();
    }

    public String getIccid() {
        return iccid;
    }
}
"#,
        ),
        (
            "app/Report.java",
            r#"package app;

class Report {
    String build(Ids ids) {
        return ids.getIccid();
    }
}
"#,
        ),
        (
            "svc/src/main.rs",
            r#"fn main() {
    let _ = whoami::realname();
    let name = whoami::username();
    println!("{}", name.len());
}
"#,
        ),
    ]);
    // Thrown away (13), kept in a local nobody reads (14) or a field nobody reads
    // (15); the ICCID is read through a getter by another class, and the device ID
    // inside a lambda. In Rust, `let _ =` throws it away.
    assert_eq!(
        found,
        vec![
            ("app/Ids.java".to_string(), 13),
            ("app/Ids.java".to_string(), 14),
            ("app/Ids.java".to_string(), 15),
            ("svc/src/main.rs".to_string(), 2),
        ],
        "{found:?}"
    );
}

#[test]
fn a_proximity_sensor_listener_collects_nothing_personal() {
    let listener = |class: &str, sensor: &str| {
        format!(
            r#"package app;

import android.app.Activity;
import android.hardware.Sensor;
import android.hardware.SensorEvent;
import android.hardware.SensorEventListener;
import android.hardware.SensorManager;
import android.util.Log;

public class {class} extends Activity implements SensorEventListener {{
    private SensorManager sm;
    private Sensor sensor;

    @Override
    protected void onResume() {{
        sensor = sm.getDefaultSensor(Sensor.{sensor});
        sm.registerListener(this, sensor, SensorManager.SENSOR_DELAY_NORMAL);
    }}

    @Override
    public void onSensorChanged(SensorEvent event) {{
        Log.d("sensor", "value " + event.values[0]);
    }}

    @Override
    public void onAccuracyChanged(Sensor s, int accuracy) {{}}
}}
"#
        )
    };
    let near = listener("Near", "TYPE_PROXIMITY");
    let shake = listener("Shake", "TYPE_ACCELEROMETER");
    let report = common::scan_files(&[("app/Near.java", &near), ("app/Shake.java", &shake)]);
    let logged: Vec<&str> = common::of_rule(&report, "PI001")
        .filter_map(|f| f["file"].as_str())
        .collect();
    // The earpiece's proximity sensor reads nothing about the person; the
    // accelerometer does (movement, gait).
    assert_eq!(logged, vec!["app/Shake.java"], "{logged:?}");
}
