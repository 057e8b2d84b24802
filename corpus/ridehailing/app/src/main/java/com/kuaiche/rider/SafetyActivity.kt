package com.kuaiche.rider

import android.Manifest
import android.annotation.SuppressLint
import android.content.pm.PackageManager
import android.location.LocationManager
import android.os.Bundle
import android.provider.ContactsContract
import android.widget.Toast
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatActivity
import androidx.core.app.ActivityCompat
import androidx.core.content.ContextCompat
import androidx.lifecycle.lifecycleScope
import com.permissionx.guolindev.PermissionX
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch

/** Trip safety: share the live trip with an emergency contact. */
class SafetyActivity : AppCompatActivity() {

    private lateinit var locationManager: LocationManager

    private val askLocation = registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) shareTrip() else Toast.makeText(this, R.string.location_needed, Toast.LENGTH_LONG).show()
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        locationManager = getSystemService(LocationManager::class.java)
        setContentView(R.layout.activity_safety)
        findViewById<android.view.View>(R.id.share_trip).setOnClickListener { onShareClicked() }
        findViewById<android.view.View>(R.id.pick_contact).setOnClickListener { pickContact() }
        findViewById<android.view.View>(R.id.sos).setOnClickListener { sendSos() }
        warmUpProvider()
    }

    // Meant to warm the provider up: the fix it returns is never used.
    @SuppressLint("MissingPermission")
    private fun warmUpProvider() {
        val warm = locationManager.getLastKnownLocation(LocationManager.PASSIVE_PROVIDER) // expect: PI101 PI201
    }

    private fun onShareClicked() {
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.ACCESS_FINE_LOCATION) != PackageManager.PERMISSION_GRANTED) {
            askLocation.launch(Manifest.permission.ACCESS_FINE_LOCATION)
            return
        }
        shareTrip()
    }

    // Called from the permission callback and after the check above: both ask.
    @SuppressLint("MissingPermission")
    private fun shareTrip() {
        val here = locationManager.getLastKnownLocation(LocationManager.GPS_PROVIDER) // no finding: every caller asked for location
        TripShare.send(this, here)
        followTrip()
    }

    // While the trip is shared, the contact follows the car: a fix every 10 s is
    // faster than the 30 s this app declared as its minimum.
    @SuppressLint("MissingPermission")
    private fun followTrip() {
        lifecycleScope.launch {
            while (isActive) {
                val fix = locationManager.getLastKnownLocation(LocationManager.GPS_PROVIDER) // expect: PI203
                TripShare.send(this@SafetyActivity, fix)
                delay(TimeUnit.SECONDS.toMillis(10))
            }
        }
    }

    private fun pickContact() {
        PermissionX.init(this)
            .permissions(Manifest.permission.READ_CONTACTS)
            .request { allGranted, _, _ ->
                if (allGranted) {
                    val cursor = contentResolver.query(ContactsContract.Contacts.CONTENT_URI, null, null, null, null) // no finding: after PermissionX says granted
                    cursor?.close()
                }
            }
    }

    @SuppressLint("MissingPermission")
    private fun sendSos() {
        // A rationale check is no answer: the else branch runs before anyone asked.
        if (ActivityCompat.shouldShowRequestPermissionRationale(this, Manifest.permission.ACCESS_FINE_LOCATION)) {
            Toast.makeText(this, R.string.location_needed, Toast.LENGTH_LONG).show()
        } else {
            val here = locationManager.getLastKnownLocation(LocationManager.NETWORK_PROVIDER) // expect: PI101
            TripShare.send(this, here)
        }
    }

    @SuppressLint("MissingPermission")
    fun nearestExit() {
        // A camera check is no location prompt.
        if (ActivityCompat.checkSelfPermission(this, Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
            finish()
            return
        }
        val here = locationManager.getLastKnownLocation(LocationManager.GPS_PROVIDER) // expect: PI101
        TripShare.send(this, here)
    }
}
