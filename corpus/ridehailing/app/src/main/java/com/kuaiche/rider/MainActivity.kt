package com.kuaiche.rider

import android.annotation.SuppressLint
import android.location.Location
import android.os.Bundle
import android.os.Looper
import android.util.Log
import android.widget.TextView
import androidx.appcompat.app.AppCompatActivity
import androidx.lifecycle.lifecycleScope
import com.google.android.gms.location.FusedLocationProviderClient
import com.google.android.gms.location.LocationCallback
import com.google.android.gms.location.LocationRequest
import com.google.android.gms.location.LocationResult
import com.google.android.gms.location.LocationServices
import com.google.android.gms.location.Priority
import com.kuaiche.rider.data.RideRepository
import com.kuaiche.rider.util.toQuery
import kotlinx.coroutines.launch
import okhttp3.OkHttpClient
import okhttp3.Request

class MainActivity : AppCompatActivity() {

    private lateinit var fused: FusedLocationProviderClient
    private lateinit var repository: RideRepository
    private lateinit var pickupView: TextView
    private val http = OkHttpClient()
    private var lastFix: Location? = null

    private val updates = object : LocationCallback() {
        override fun onLocationResult(result: LocationResult) { // expect: PI101
            val fix = result.lastLocation ?: return
            lastFix = fix
            Log.v(TAG, "fix ${fix.latitude},${fix.longitude} acc=${fix.accuracy}") // expect: PI001 PI301
            lifecycleScope.launch {
                repository.driversAround(fix)
            }
        }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_main)
        pickupView = findViewById(R.id.pickup)
        fused = LocationServices.getFusedLocationProviderClient(this)
        repository = RideRepository.forRider(intent.getStringExtra(EXTRA_PHONE).orEmpty())
        Log.i(TAG, "rider app ${BuildConfig.VERSION_NAME} started")
    }

    @SuppressLint("MissingPermission")
    override fun onStart() {
        super.onStart()
        fused.lastLocation.addOnSuccessListener { loc -> // expect: PI101
            loc?.let { showPickup(it) }
        }
        val request = LocationRequest.Builder(Priority.PRIORITY_HIGH_ACCURACY, 60_000L).build()
        fused.requestLocationUpdates(request, updates, Looper.getMainLooper())
    }

    private fun showPickup(pickup: Location) {
        pickupView.text = getString(R.string.pickup_near, pickup.latitude, pickup.longitude)
        lifecycleScope.launch {
            val quote = repository.requestRide(pickup)
            pickupView.text = quote?.price?.toString()
        }
        fetchTiles(pickup)
    }

    private fun fetchTiles(at: Location) {
        val request = Request.Builder()
            .url("http://tiles.kuaiche.example/v1/tile?${at.toQuery()}")
            .build()
        Thread {
            http.newCall(request).execute().use { response -> // expect: PI001 PI302
                Log.d(TAG, "tiles: ${response.code}")
            }
        }.start()
    }

    override fun onStop() {
        fused.removeLocationUpdates(updates)
        super.onStop()
    }

    companion object {
        private const val TAG = "Main"
        const val EXTRA_PHONE = "phone"
    }
}
