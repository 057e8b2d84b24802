package com.kuaiche.rider.util

import android.location.Location
import android.util.Log

private const val TAG = "Rider"

fun logDebug(message: String) {
    if (BuildFlags.verbose) {
        Log.d(TAG, message) // expect: PI001 PI301
    }
}

/** A query string for a map tile service. */
fun Location.toQuery(): String = "lat=$latitude&lng=$longitude"

object BuildFlags {
    var verbose = true
}
