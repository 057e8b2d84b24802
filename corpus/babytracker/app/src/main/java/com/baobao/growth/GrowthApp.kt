package com.baobao.growth

import android.app.Application
import com.amap.api.location.AMapLocationClient
import com.umeng.commonsdk.UMConfigure

class GrowthApp : Application() {
    override fun onCreate() {
        super.onCreate()
        UMConfigure.preInit(this, "6620d1f8940d5a4c49", "official")
        // The privacy dialog was "agreed" once for everyone: AMap is told yes at every
        // start and nothing ever tells it no.
        AMapLocationClient.updatePrivacyShow(this, true, true)
        AMapLocationClient.updatePrivacyAgree(this, true) // expect: PI104
    }
}
