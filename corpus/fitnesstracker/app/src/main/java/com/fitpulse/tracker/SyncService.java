package com.fitpulse.tracker;

import android.app.Service;
import android.content.Intent;
import android.content.SharedPreferences;
import android.os.IBinder;

import com.fitpulse.tracker.data.HeartRateDbHelper;

import org.json.JSONException;
import org.json.JSONObject;

import java.io.IOException;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import timber.log.Timber;

/** Pushes the profile and the resting heart rate to the coach dashboard. */
public class SyncService extends Service {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final OkHttpClient http = new OkHttpClient();

    @Override
    public int onStartCommand(Intent intent, int flags, int startId) {
        SharedPreferences prefs = getSharedPreferences(ProfileFragment.PREFS, MODE_PRIVATE);
        String fullName = prefs.getString("full_name", "");
        int restingHeartRate = new HeartRateDbHelper(this).latestBpm();
        JSONObject payload = new JSONObject();
        try {
            payload.put("name", fullName);
            payload.put("resting_hr", restingHeartRate);
            payload.put("app_version", BuildConfig.VERSION_NAME);
        } catch (JSONException e) {
            stopSelf(startId);
            return START_NOT_STICKY;
        }
        new Thread(new Runnable() {
            @Override
            public void run() {
                Request request = new Request.Builder()
                        .url("https://sync.fitpulse.app/v1/profile")
                        .post(RequestBody.create(payload.toString(), JSON))
                        .build();
                try (Response response = http.newCall(request).execute()) { // expect: PI001 PI001
                    Timber.i("profile sync finished");
                } catch (IOException e) {
                    Timber.w(e, "profile sync failed");
                }
                stopSelf(startId);
            }
        }, "profile-sync").start();
        return START_NOT_STICKY;
    }

    @Override
    public IBinder onBind(Intent intent) {
        return null;
    }
}
