package com.supercleaner.boost;

import android.app.Application;

import com.umeng.commonsdk.UMConfigure;

public class CleanerApp extends Application {

    @Override
    public void onCreate() {
        super.onCreate();
        // Tells Umeng the user agreed, although nobody asked: this is no prompt.
        UMConfigure.submitPolicyGrantResult(this, true); // expect: PI104
        UMConfigure.init(this, "5e9b1c3d0cafb2a1e0000123", "official", UMConfigure.DEVICE_TYPE_PHONE, ""); // expect: PI102
    }
}
