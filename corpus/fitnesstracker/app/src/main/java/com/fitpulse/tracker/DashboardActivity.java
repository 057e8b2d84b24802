package com.fitpulse.tracker;

import android.Manifest;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.hardware.Sensor;
import android.hardware.SensorEvent;
import android.hardware.SensorEventListener;
import android.hardware.SensorManager;
import android.os.Bundle;
import android.util.Log;
import android.widget.TextView;

import androidx.appcompat.app.AppCompatActivity;

import com.fitpulse.tracker.data.HeartRateDbHelper;
import com.google.firebase.analytics.FirebaseAnalytics;

import timber.log.Timber;

public class DashboardActivity extends AppCompatActivity implements SensorEventListener {

    private static final String TAG = "Dashboard";
    private static final int REQ_BODY_SENSORS = 11;

    private SensorManager sensorManager;
    private HeartRateDbHelper dbHelper;
    private FirebaseAnalytics analytics;
    private TextView heartRateView;
    private TextView stepsView;
    private int stepsAtStart = -1;
    private long heartRateSum;
    private int heartRateSamples;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_dashboard);
        heartRateView = findViewById(R.id.heart_rate);
        stepsView = findViewById(R.id.steps);
        sensorManager = (SensorManager) getSystemService(SENSOR_SERVICE);
        dbHelper = new HeartRateDbHelper(this);
        analytics = FirebaseAnalytics.getInstance(this);
        analytics.logEvent("dashboard_open", null); // no finding: an event without parameters carries no personal data

        findViewById(R.id.btn_profile).setOnClickListener(v -> getSupportFragmentManager().beginTransaction()
                .replace(R.id.container, new ProfileFragment())
                .addToBackStack(null)
                .commit());
        findViewById(R.id.btn_finish_workout).setOnClickListener(v -> finishWorkout());

        String birthdayCakeImage = "https://cdn.fitpulse.app/promo/birthday_cake_v2.webp";
        Log.d(TAG, "promo banner " + birthdayCakeImage); // no finding: a promo image URL, not anybody's birthday
    }

    @Override
    protected void onResume() {
        super.onResume();
        if (checkSelfPermission(Manifest.permission.BODY_SENSORS) == PackageManager.PERMISSION_GRANTED) {
            Sensor heart = sensorManager.getDefaultSensor(Sensor.TYPE_HEART_RATE);
            sensorManager.registerListener(this, heart, SensorManager.SENSOR_DELAY_NORMAL); // expect: PI203
        } else {
            requestPermissions(new String[]{Manifest.permission.BODY_SENSORS}, REQ_BODY_SENSORS);
        }
        Sensor steps = sensorManager.getDefaultSensor(Sensor.TYPE_STEP_COUNTER);
        sensorManager.registerListener(this, steps, SensorManager.SENSOR_DELAY_UI); // expect: PI203
    }

    @Override
    protected void onPause() {
        super.onPause();
        sensorManager.unregisterListener(this);
    }

    @Override
    public void onSensorChanged(SensorEvent event) { // expect: PI101
        if (event.sensor.getType() == Sensor.TYPE_HEART_RATE) {
            int heartRate = Math.round(event.values[0]);
            if (heartRate <= 0) {
                return; // sensor not in contact with the skin yet
            }
            heartRateView.setText(getString(R.string.bpm, heartRate));
            heartRateSum += heartRate;
            heartRateSamples++;
            Timber.d("heart rate sample %d bpm", heartRate); // expect: PI001 PI301
            dbHelper.insertReading(heartRate, System.currentTimeMillis());
        } else if (event.sensor.getType() == Sensor.TYPE_STEP_COUNTER) {
            int total = (int) event.values[0];
            if (stepsAtStart < 0) {
                stepsAtStart = total;
            }
            stepsView.setText(String.valueOf(total - stepsAtStart));
        }
    }

    @Override
    public void onAccuracyChanged(Sensor sensor, int accuracy) {
    }

    private void finishWorkout() {
        if (heartRateSamples == 0) {
            return;
        }
        int avgHeartRate = (int) (heartRateSum / heartRateSamples);
        Bundle params = new Bundle();
        params.putString("workout_type", "outdoor_run");
        params.putInt("avg_heart_rate", avgHeartRate); // no finding: Bundle.putInt is not SharedPreferences storage
        analytics.logEvent("workout_finished", params); // expect: PI001 PI103
        heartRateSum = 0;
        heartRateSamples = 0;
        startService(new Intent(this, SyncService.class));
    }
}
