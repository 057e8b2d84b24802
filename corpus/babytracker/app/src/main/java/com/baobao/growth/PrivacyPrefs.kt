package com.baobao.growth

import android.content.Context

/** The parent's answer to the privacy policy, kept across launches. */
object PrivacyPrefs {
    private const val KEY_PRIVACY_AGREED = "privacy_agreed"

    fun agree(context: Context) {
        context.getSharedPreferences("privacy", Context.MODE_PRIVATE).edit().apply {
            putBoolean(KEY_PRIVACY_AGREED, true) // expect: PI104
            apply()
        }
    }

    // Written for a settings entry that was cut from the release: nothing calls it.
    fun withdraw(context: Context) {
        context.getSharedPreferences("privacy", Context.MODE_PRIVATE).edit()
            .remove(KEY_PRIVACY_AGREED)
            .apply()
    }

    fun isAgreed(context: Context): Boolean =
        context.getSharedPreferences("privacy", Context.MODE_PRIVATE).getBoolean(KEY_PRIVACY_AGREED, false)
}
