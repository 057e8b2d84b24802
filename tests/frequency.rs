//! PI203: collection repeated faster than the declared minimum interval, with the
//! interval folded from constants (near misses written as expressions stay silent).

mod common;

/// (file, line, message) of each PI203 result.
fn pi203(files: &[(&str, &str)]) -> Vec<(String, u64, String)> {
    common::of_rule(&common::scan_files(files), "PI203")
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

const JAVA: &str = r#"package app;

import android.app.Activity;
import android.hardware.Sensor;
import android.hardware.SensorManager;
import android.location.LocationManager;
import android.os.Handler;
import android.util.Log;
import com.google.android.gms.location.LocationRequest;
import com.google.android.gms.location.Priority;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.TimeUnit;

public class Track extends Activity {
    private static final long SLOW = 15 * 60 * 1000L;
    private static final long FAST = 5_000L;
    private LocationManager lm;
    private SensorManager sm;
    private Handler handler = new Handler();

    @Override
    protected void onCreate(android.os.Bundle b) {
        lm.requestLocationUpdates("gps", FAST, 0f, loc -> {});
        lm.requestLocationUpdates("network", SLOW, 0f, loc -> {});
        lm.requestLocationUpdates("passive", TimeUnit.MINUTES.toMillis(5), 0f, loc -> {});
        LocationRequest r = new LocationRequest.Builder(Priority.PRIORITY_HIGH_ACCURACY, 10_000L).build();
        sm.registerListener(null, sm.getDefaultSensor(Sensor.TYPE_PROXIMITY), SensorManager.SENSOR_DELAY_NORMAL);
        sm.registerListener(null, sm.getDefaultSensor(Sensor.TYPE_STEP_COUNTER), SensorManager.SENSOR_DELAY_NORMAL);
        new Timer().scheduleAtFixedRate(new TimerTask() {
            @Override
            public void run() {
                poll();
            }
        }, 0, 30 * 1000);
        handler.postDelayed(tick, 1000);
        handler.postDelayed(once, 1000);
    }

    private final Runnable tick = new Runnable() {
        @Override
        public void run() {
            Log.d("t", "" + lm.getLastKnownLocation("network"));
            handler.postDelayed(this, 1000);
        }
    };

    private final Runnable once = new Runnable() {
        @Override
        public void run() {
            Log.d("t", "" + lm.getLastKnownLocation("passive"));
        }
    };

    void poll() {
        Log.d("t", "" + lm.getLastKnownLocation("gps"));
    }

    @Override
    protected void onStart() {
        try {
            while (true) {
                Log.d("t", "" + lm.getLastKnownLocation("fused"));
                Thread.sleep(2000);
            }
        } catch (InterruptedException e) {
            return;
        }
    }
}
"#;

#[test]
fn java_rates_timers_handlers_and_loops() {
    let found = pi203(&[("app/Track.java", JAVA)]);
    let lines: Vec<u64> = found.iter().map(|f| f.1).collect();
    // 5 s updates (24); a 10 s request (27); a step counter (29, not the proximity
    // sensor of 28); the runnable that posts itself again (43, not the one-shot 50);
    // the timer task's collection (56, every 30 s); the loop that sleeps 2 s (63).
    // 15 minutes and TimeUnit.MINUTES.toMillis(5) are slow enough.
    assert_eq!(lines, vec![24, 27, 29, 43, 56, 63], "{found:#?}");
    assert!(found[0].2.contains("every 5 s"), "{}", found[0].2);
    assert!(found[5].2.contains("every 2 s"), "{}", found[5].2);
}

#[test]
fn kotlin_coroutine_loops_and_rust_intervals() {
    let found = pi203(&[
        (
            "app/Follow.kt",
            r#"package app

import android.location.LocationManager
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class Follow(private val lm: LocationManager) {
    suspend fun fast() {
        while (true) {
            send(lm.getLastKnownLocation("gps"))
            delay(5.seconds)
        }
    }

    suspend fun slow() {
        while (true) {
            send(lm.getLastKnownLocation("gps"))
            delay(2.minutes)
        }
    }

    fun send(x: Any?) {}
}
"#,
        ),
        (
            "svc/src/main.rs",
            r#"use std::time::Duration;

#[tokio::main]
async fn main() {
    let mut every = tokio::time::interval(Duration::from_secs(10));
    loop {
        every.tick().await;
        let id = machine_uid::get().unwrap_or_default();
        println!("{}", id.len());
    }
}
"#,
        ),
    ]);
    let lines: Vec<(String, u64)> = found.iter().map(|f| (f.0.clone(), f.1)).collect();
    assert_eq!(
        lines,
        vec![
            ("app/Follow.kt".to_string(), 11),
            ("svc/src/main.rs".to_string(), 8)
        ],
        "{found:#?}"
    );
}

#[test]
fn the_declared_minimum_interval_applies() {
    let found = pi203(&[
        ("app/Track.java", JAVA),
        ("piitrace.toml", "[limits]\nmin_interval_seconds = 3\n"),
    ]);
    let lines: Vec<u64> = found.iter().map(|f| f.1).collect();
    // Only what repeats faster than 3 s: the 1 s runnable, the 2 s loop, the sensor.
    assert_eq!(lines, vec![29, 43, 63], "{found:#?}");
}
