package com.kuaiche.rider.data

import android.location.Location
import com.kuaiche.rider.util.logDebug
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import retrofit2.Retrofit
import retrofit2.converter.gson.GsonConverterFactory

class RideRepository(private val phone: String) {

    private val api: RideApi = Retrofit.Builder()
        .baseUrl("https://api.kuaiche.example/")
        .addConverterFactory(GsonConverterFactory.create())
        .build()
        .create(RideApi::class.java)

    private var rides = 0

    suspend fun requestRide(pickup: Location): RideQuote? = withContext(Dispatchers.IO) {
        rides += 1
        logDebug("requesting ride #$rides")
        val request = RideRequest(
            riderPhone = phone,
            pickupLat = pickup.latitude,
            pickupLng = pickup.longitude,
        )
        api.requestRide(request).body() // expect: PI001 PI001
    }

    suspend fun driversAround(fix: Location) =
        api.nearbyDrivers(fix.latitude, fix.longitude) // expect: PI001

    suspend fun loadConfig(version: String) = api.config(version)

    // Riders sign up in the app; closing the account needs a call to customer service.
    suspend fun signUp(invite: String) = api.signUp(invite) // expect: PI105

    companion object {
        const val TAG = "RideRepository"

        fun forRider(phone: String) = RideRepository(phone.trim())
    }
}
