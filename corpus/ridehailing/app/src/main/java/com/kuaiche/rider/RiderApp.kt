package com.kuaiche.rider

import android.app.Application
import android.content.Context
import cn.jpush.android.api.JPushInterface
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
        JPushInterface.init(this) // expect: PI102
        ContactsSync(this).sync()
    }
}
