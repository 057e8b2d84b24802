package com.kuaiche.rider

import android.content.Context
import android.content.Intent
import android.location.Location

/** Hands the trip to the user's own messaging app (the user picks the recipient). */
object TripShare {
    fun send(context: Context, at: Location?) {
        val text = context.getString(R.string.share_trip_text, at?.latitude ?: 0.0, at?.longitude ?: 0.0)
        val intent = Intent(Intent.ACTION_SEND).setType("text/plain").putExtra(Intent.EXTRA_TEXT, text)
        context.startActivity(Intent.createChooser(intent, null)) // expect: PI001 PI001 PI001 PI001
    }
}
