package com.supercleaner.boost;

import android.net.ConnectivityManager;
import android.net.LinkProperties;
import android.os.Build;
import android.os.Bundle;
import android.util.Log;
import android.widget.TextView;

import androidx.appcompat.app.AppCompatActivity;

import com.supercleaner.boost.core.DeviceInfoCollector;
import com.supercleaner.boost.core.StatsUploader;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import java.util.List;

public class DeviceInfoActivity extends AppCompatActivity {

    private static final String TAG = "DeviceInfo";

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_device_info);
        DeviceInfoCollector collector = new DeviceInfoCollector(this);
        StatsUploader uploader = new StatsUploader();

        TextView idView = findViewById(R.id.device_id);
        idView.setText(getIntent().getStringExtra("device_id"));

        String[] ids = {collector.androidId(), collector.subscriberId()};
        List<String> apps = collector.installedPackages();
        TextView summaryView = findViewById(R.id.summary);
        summaryView.setText(getString(R.string.device_summary, ids[0], apps.size()));
        Log.d(TAG, collector.summary()); // expect: PI001 PI001 PI301 PI301
        Log.i(TAG, "installed apps: " + apps.size()); // no finding: a count; size() does not carry the list's content

        findViewById(R.id.btn_report).setOnClickListener(v -> {
            JSONObject report = new JSONObject();
            try {
                report.put("android_id", ids[0]);
                report.put("imsi", ids[1]);
                report.put("apps", new JSONArray(apps));
                report.put("model", Build.MODEL);
            } catch (JSONException e) {
                return;
            }
            // three sources (ANDROID_ID, IMSI, installed packages) reach the sink inside StatsUploader.upload
            uploader.upload("device", report.toString());
        });

        ConnectivityManager cm = getSystemService(ConnectivityManager.class);
        LinkProperties link = cm.getLinkProperties(cm.getActiveNetwork());
        if (link != null && !link.getDnsServers().isEmpty()) {
            String nameService = link.getDnsServers().get(0).getHostAddress();
            Log.d(TAG, "DNS resolver " + nameService); // no finding: the DNS server's address is not personal data
        }
    }
}
