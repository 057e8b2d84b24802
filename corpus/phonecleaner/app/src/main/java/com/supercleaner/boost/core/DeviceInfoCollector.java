package com.supercleaner.boost.core;

import android.annotation.SuppressLint;
import android.content.Context;
import android.content.pm.PackageInfo;
import android.net.wifi.WifiInfo;
import android.net.wifi.WifiManager;
import android.os.Build;
import android.provider.Settings;
import android.telephony.TelephonyManager;

import java.util.ArrayList;
import java.util.List;

/** Everything the device-info screen and the reports need, in one place. */
@SuppressLint({"HardwareIds", "MissingPermission"})
public class DeviceInfoCollector {

    private final Context context;
    private final TelephonyManager telephony;

    public DeviceInfoCollector(Context context) {
        this.context = context.getApplicationContext();
        this.telephony = (TelephonyManager) this.context.getSystemService(Context.TELEPHONY_SERVICE);
    }

    public String imei() {
        return telephony.getImei(); // expect: PI101 PI102
    }

    public String subscriberId() {
        return telephony.getSubscriberId(); // expect: PI101
    }

    public String lineNumber() {
        return telephony.getLine1Number(); // expect: PI102 PI202
    }

    public String androidId() {
        return Settings.Secure.getString(context.getContentResolver(), Settings.Secure.ANDROID_ID); // expect: PI101
    }

    public String wifiMac() {
        WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
        WifiInfo info = wifi.getConnectionInfo();
        return info == null ? "" : info.getMacAddress(); // expect: PI101
    }

    public List<String> installedPackages() {
        List<String> names = new ArrayList<>();
        for (PackageInfo pkg : context.getPackageManager().getInstalledPackages(0)) { // expect: PI101
            names.add(pkg.packageName);
        }
        return names;
    }

    /** One-line hardware summary attached to support tickets. */
    public String summary() {
        return new StringBuilder()
                .append("android=").append(androidId())
                .append(" mac=").append(wifiMac())
                .append(" model=").append(Build.MODEL)
                .toString();
    }
}
