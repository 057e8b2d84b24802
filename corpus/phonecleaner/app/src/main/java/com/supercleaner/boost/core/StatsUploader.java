package com.supercleaner.boost.core;

import android.util.Log;

import androidx.annotation.NonNull;

import java.io.IOException;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

public class StatsUploader {

    private static final String TAG = "StatsUploader";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final OkHttpClient client = new OkHttpClient();

    /** Fire-and-forget upload of one JSON report. */
    public void upload(String kind, String json) {
        Request request = new Request.Builder()
                .url("http://stats.supercleaner.cn/v2/report")
                .header("X-Report-Kind", kind)
                .post(RequestBody.create(json, JSON))
                .build();
        // callers: DeviceInfoActivity (ANDROID_ID, IMSI, installed packages) and
        // MainActivity.reportCleanResult (an IMEI overwritten with "unknown": nothing personal)
        client.newCall(request).enqueue(new Callback() { // expect: PI001 PI001 PI001 PI302 PI302 PI302
            @Override
            public void onFailure(@NonNull Call call, @NonNull IOException e) {
                Log.w(TAG, "upload failed", e);
            }

            @Override
            public void onResponse(@NonNull Call call, @NonNull Response response) {
                response.close();
            }
        });
    }
}
