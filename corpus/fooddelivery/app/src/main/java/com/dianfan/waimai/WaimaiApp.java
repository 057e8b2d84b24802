package com.dianfan.waimai;

import android.app.Application;
import android.content.SharedPreferences;

import com.google.android.gms.ads.MobileAds;
import com.umeng.commonsdk.UMConfigure;

public class WaimaiApp extends Application {

    private static final String UMENG_KEY = "65a1f0c2a7208a5af19f3b21";

    @Override
    public void onCreate() {
        super.onCreate();
        UMConfigure.preInit(this, UMENG_KEY, "official");
        SharedPreferences prefs = getSharedPreferences("privacy", MODE_PRIVATE);
        // Umeng is told the user's answer first and collects nothing until it is yes.
        UMConfigure.submitPolicyGrantResult(this, prefs.getBoolean("policy_answer", false));
        UMConfigure.init(this, UMENG_KEY, "official", UMConfigure.DEVICE_TYPE_PHONE, ""); // no finding: Umeng waits for the answer
        MobileAds.initialize(this); // expect: PI102
    }
}
