package com.kuaiche.rider

import android.content.Context
import android.provider.ContactsContract
import android.provider.Settings
import com.umeng.analytics.MobclickAgent
import okhttp3.FormBody
import okhttp3.OkHttpClient
import okhttp3.Request
import org.json.JSONArray

/** Finds friends who also ride: uploads the address book's numbers. */
class ContactsSync(private val context: Context) {

    private val client = OkHttpClient()

    fun sync() {
        val numbers = JSONArray()
        context.contentResolver.query( // expect: PI101 PI102
            ContactsContract.CommonDataKinds.Phone.CONTENT_URI,
            arrayOf(ContactsContract.CommonDataKinds.Phone.NUMBER),
            null, null, null,
        )?.use { cursor ->
            while (cursor.moveToNext()) {
                numbers.put(cursor.getString(0))
            }
        }
        val body = FormBody.Builder()
            .add("numbers", numbers.toString())
            .add("count", numbers.length().toString())
            .build()
        val request = Request.Builder()
            .url("https://api.kuaiche.example/v2/friends/match")
            .post(body)
            .build()
        client.newCall(request).execute() // expect: PI001
        reportDevice()
    }

    private fun reportDevice() {
        val deviceId = Settings.Secure.getString(context.contentResolver, Settings.Secure.ANDROID_ID) // expect: PI101 PI102 PI202
        MobclickAgent.onEvent(context, "contacts_synced", mapOf("device" to deviceId)) // expect: PI001 PI103
    }
}
