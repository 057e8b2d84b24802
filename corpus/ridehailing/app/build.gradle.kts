plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "com.kuaiche.rider"
    compileSdk = 34
    defaultConfig {
        applicationId = "com.kuaiche.rider"
        minSdk = 26
        targetSdk = 34
        versionCode = 73
        versionName = "7.3.0"
    }
}

dependencies {
    implementation("androidx.core:core-ktx:1.13.1")
    implementation("androidx.lifecycle:lifecycle-runtime-ktx:2.8.4")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.8.1")
    implementation("com.google.android.gms:play-services-location:21.3.0")
    implementation("com.squareup.retrofit2:retrofit:2.11.0")
    implementation("com.squareup.retrofit2:converter-gson:2.11.0")
    implementation("com.squareup.okhttp3:okhttp:4.12.0")
    implementation(libs.umeng.common)
    implementation("cn.jiguang.sdk:jpush:5.0.3")
    implementation("com.guolindev.permissionx:permissionx:1.8.0")
    implementation("com.tencent.bugly:crashreport:4.1.9")
}
