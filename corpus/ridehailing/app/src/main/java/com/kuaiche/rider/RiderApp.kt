package com.kuaiche.rider

import android.app.Application
import com.umeng.commonsdk.UMConfigure

class RiderApp : Application() {
    override fun onCreate() {
        super.onCreate()
        UMConfigure.preInit(this, "5f3c0a7b", "official")
        ContactsSync(this).sync()
    }
}
