package com.quickloan.kyc;

import android.content.Context;
import android.content.SharedPreferences;

/** The user's answer to the privacy agreement shown before verification. */
public final class ConsentStore {

    private static final String KEY_PRIVACY_AGREED = "privacy_agreed";

    private ConsentStore() {
    }

    private static SharedPreferences prefs(Context ctx) {
        return ctx.getSharedPreferences("settings", Context.MODE_PRIVATE);
    }

    public static void agree(Context ctx) {
        prefs(ctx).edit().putBoolean(KEY_PRIVACY_AGREED, true).apply(); // expect: PI104
    }

    /** Meant for a settings screen that was never built: nothing calls it. */
    public static void revoke(Context ctx) {
        prefs(ctx).edit().putBoolean(KEY_PRIVACY_AGREED, false).apply();
    }
}
