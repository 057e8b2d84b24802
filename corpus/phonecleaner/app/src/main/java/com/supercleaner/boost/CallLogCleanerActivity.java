package com.supercleaner.boost;

import android.Manifest;
import android.database.Cursor;
import android.os.Bundle;
import android.provider.CallLog;
import android.provider.Telephony;
import android.widget.TextView;

import androidx.annotation.RequiresPermission;
import androidx.appcompat.app.AppCompatActivity;
import androidx.core.content.PermissionChecker;

import pub.devrel.easypermissions.AfterPermissionGranted;
import pub.devrel.easypermissions.EasyPermissions;

/** Counts call-log entries and old SMS so the user can clean them up. */
public class CallLogCleanerActivity extends AppCompatActivity {

    private static final int RC_CALL_LOG = 31;

    private TextView summary;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_call_log);
        summary = findViewById(R.id.summary);
        findViewById(R.id.btn_scan_calls).setOnClickListener(v -> scanCalls());
        findViewById(R.id.btn_scan_sms).setOnClickListener(v -> scanSms());
        findViewById(R.id.btn_recent).setOnClickListener(v -> showRecent());
    }

    @AfterPermissionGranted(RC_CALL_LOG)
    private void scanCalls() {
        if (EasyPermissions.hasPermissions(this, Manifest.permission.READ_CALL_LOG)) {
            summary.setText(getString(R.string.calls_found, countCalls()));
        } else {
            EasyPermissions.requestPermissions(this, getString(R.string.why_call_log), RC_CALL_LOG,
                    Manifest.permission.READ_CALL_LOG);
        }
    }

    // Its contract says the caller checks READ_CALL_LOG; scanCalls does.
    @RequiresPermission(Manifest.permission.READ_CALL_LOG)
    private int countCalls() {
        try (Cursor c = getContentResolver().query(CallLog.Calls.CONTENT_URI, null, null, null, null)) { // no finding: the caller checked
            return c == null ? 0 : c.getCount();
        }
    }

    private void scanSms() {
        if (PermissionChecker.checkSelfPermission(this, Manifest.permission.READ_SMS)
                != PermissionChecker.PERMISSION_GRANTED) {
            finish();
            return;
        }
        try (Cursor c = getContentResolver().query(Telephony.Sms.CONTENT_URI, null, null, null, null)) { // no finding: checked above
            summary.setText(getString(R.string.sms_found, c == null ? 0 : c.getCount()));
        }
    }

    private void showRecent() {
        // The READ_SMS check of scanSms does not cover the call log read here.
        try (Cursor c = getContentResolver().query(CallLog.Calls.CONTENT_URI, // expect: PI101
                new String[]{CallLog.Calls.NUMBER}, null, null, CallLog.Calls.DATE + " DESC")) {
            if (c != null && c.moveToFirst()) {
                summary.setText(c.getString(0));
            }
        }
    }
}
