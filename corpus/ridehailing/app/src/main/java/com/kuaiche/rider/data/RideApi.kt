package com.kuaiche.rider.data

import retrofit2.Response
import retrofit2.http.Body
import retrofit2.http.GET
import retrofit2.http.POST
import retrofit2.http.Query

data class RideRequest(
    val riderPhone: String,
    val pickupLat: Double,
    val pickupLng: Double,
    val carType: String = "express",
)

data class RideQuote(val price: Int, val etaMinutes: Int)

interface RideApi {
    @POST("v2/rides")
    suspend fun requestRide(@Body request: RideRequest): Response<RideQuote>

    @GET("v2/drivers/nearby")
    suspend fun nearbyDrivers(@Query("lat") lat: Double, @Query("lng") lng: Double): Response<List<String>>

    @POST("v2/rider/signup")
    suspend fun signUp(@Query("invite") invite: String): Response<Unit>

    @GET("v2/app/config")
    suspend fun config(@Query("version") version: String): Response<Map<String, String>>
}
