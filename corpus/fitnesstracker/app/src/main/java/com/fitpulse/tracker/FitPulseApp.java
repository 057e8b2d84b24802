package com.fitpulse.tracker;

import android.app.Application;

import timber.log.Timber;

public class FitPulseApp extends Application {

    @Override
    public void onCreate() {
        super.onCreate();
        if (BuildConfig.DEBUG) {
            Timber.plant(new Timber.DebugTree());
        }
    }
}
