plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "com.baobao.growth"
    compileSdk = 34
    defaultConfig {
        applicationId = "com.baobao.growth"
        minSdk = 24
        targetSdk = 34
        versionCode = 12
        versionName = "1.2.0"
    }
}

dependencies {
    implementation("androidx.appcompat:appcompat:1.7.0")
    implementation("androidx.lifecycle:lifecycle-runtime-ktx:2.8.4")
    implementation("io.ktor:ktor-client-okhttp:2.3.12")
    implementation("com.umeng.umsdk:common:9.6.8")
    implementation("com.umeng.umsdk:asms:1.8.2")
    implementation("com.amap.api:location:6.4.5")
}
