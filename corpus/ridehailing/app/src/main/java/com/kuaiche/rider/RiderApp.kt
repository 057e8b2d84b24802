package com.kuaiche.rider

import android.app.Application
import android.content.Context
import cn.jiguang.api.utils.JCollectionAuth
import cn.jpush.android.api.JPushInterface
import com.tencent.bugly.crashreport.CrashReport
import com.umeng.commonsdk.UMConfigure

class RiderApp : Application() {
    override fun onCreate() {
        super.onCreate()
        // Allowed before consent: Umeng's pre-initialisation collects nothing.
        UMConfigure.preInit(this, "5f3c0a7b", "official")
        val prefs = getSharedPreferences("privacy", Context.MODE_PRIVATE)
        if (prefs.getBoolean("privacy_agreed", false)) {
            UMConfigure.init(this, "5f3c0a7b", "official", UMConfigure.DEVICE_TYPE_PHONE, null) // no finding: after the user agreed
        }
        // JPush collects nothing until told yes: starting it after this is allowed.
        JCollectionAuth.setAuth(this, prefs.getBoolean("privacy_agreed", false))
        JPushInterface.init(this) // no finding: JPush waits for the answer
        CrashReport.initCrashReport(applicationContext, "e1a2b3c4d5", false) // expect: PI102
        ContactsSync(this).sync()
    }
}
