package com.supercleaner.boost;

import android.Manifest;
import android.annotation.SuppressLint;
import android.content.Context;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.text.format.Formatter;
import android.util.Log;
import android.widget.Toast;

import androidx.annotation.NonNull;
import androidx.appcompat.app.AppCompatActivity;

import com.supercleaner.boost.core.DeviceInfoCollector;
import com.supercleaner.boost.core.Hashing;
import com.supercleaner.boost.core.StatsUploader;
import com.umeng.analytics.MobclickAgent;

import org.json.JSONException;
import org.json.JSONObject;

public class MainActivity extends AppCompatActivity {

    private static final String TAG = "SuperCleaner";
    private static final int REQ_PHONE_STATE = 3;

    private DeviceInfoCollector collector;
    private StatsUploader uploader;
    private String deviceId;
    private String simSerial; // kept "for later", and never read

    @SuppressLint({"HardwareIds", "MissingPermission"})
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_main);
        collector = new DeviceInfoCollector(this);
        uploader = new StatsUploader();

        if (checkSelfPermission(Manifest.permission.READ_PHONE_STATE) == PackageManager.PERMISSION_GRANTED) {
            TelephonyManager telephonyManager = (TelephonyManager) getSystemService(Context.TELEPHONY_SERVICE);
            deviceId = telephonyManager.getDeviceId(); // expect: PI102
            simSerial = telephonyManager.getSimSerialNumber(); // expect: PI102 PI201
            telephonyManager.getSubscriberId(); // expect: PI102 PI201
            identifyUser();
        } else {
            requestPermissions(new String[]{Manifest.permission.READ_PHONE_STATE}, REQ_PHONE_STATE);
        }

        findViewById(R.id.btn_clean).setOnClickListener(v -> {
            long freed = CacheCleaner.clean(getCacheDir());
            Toast.makeText(this, getString(R.string.freed, Formatter.formatShortFileSize(this, freed)),
                    Toast.LENGTH_SHORT).show();
            reportCleanResult(freed);
        });
        findViewById(R.id.btn_device_info).setOnClickListener(v -> {
            Intent info = new Intent(this, DeviceInfoActivity.class);
            info.putExtra("device_id", deviceId);
            startActivity(info); // no finding: an explicit Intent to the app's own activity is not IPC
        });
        findViewById(R.id.btn_invite).setOnClickListener(
                v -> startActivity(new Intent(this, InviteActivity.class)));
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, @NonNull String[] permissions,
                                           @NonNull int[] grantResults) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults);
        if (requestCode == REQ_PHONE_STATE && grantResults.length > 0
                && grantResults[0] == PackageManager.PERMISSION_GRANTED) {
            recreate();
        }
    }

    @Override
    protected void onResume() {
        super.onResume();
        Log.i(TAG, "session resumed on device " + deviceId); // expect: PI001 PI301
    }

    @Override
    protected void onStop() {
        super.onStop();
        // lets the "SuperCleaner Widget" companion app refresh its counters
        Intent sessionEnd = new Intent("com.supercleaner.action.SESSION_END");
        sessionEnd.putExtra("device_id", deviceId);
        sessionEnd.putExtra("ended_at", System.currentTimeMillis());
        sendBroadcast(sessionEnd); // expect: PI001
    }

    private void identifyUser() {
        String line1 = collector.lineNumber();
        if (line1 != null && !line1.isEmpty()) {
            MobclickAgent.onProfileSignIn(line1); // expect: PI001
        }
        String imei = collector.imei();
        if (imei != null) {
            Log.d(TAG, "install token " + Hashing.sha256Hex(imei)); // no finding: only a SHA-256 digest of the IMEI is logged
        }
    }

    private void reportCleanResult(long freedBytes) {
        String imei = collector.imei();
        // privacy review 2023-11: the real IMEI must no longer leave the device
        imei = "unknown";
        JSONObject result = new JSONObject();
        try {
            result.put("imei", imei);
            result.put("freed_bytes", freedBytes);
        } catch (JSONException e) {
            return;
        }
        uploader.upload("clean", result.toString()); // no finding: imei was overwritten with a constant before the send (see StatsUploader)
    }
}
