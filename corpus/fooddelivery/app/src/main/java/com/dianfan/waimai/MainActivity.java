package com.dianfan.waimai;

import android.Manifest;
import android.annotation.SuppressLint;
import android.content.Context;
import android.content.Intent;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import android.location.Location;
import android.location.LocationListener;
import android.location.LocationManager;
import android.os.Bundle;
import android.util.Log;
import android.widget.TextView;

import androidx.annotation.NonNull;
import androidx.appcompat.app.AppCompatActivity;
import androidx.core.app.ActivityCompat;
import androidx.core.content.ContextCompat;

import com.dianfan.waimai.api.ApiClient;
import com.google.android.gms.location.FusedLocationProviderClient;
import com.google.android.gms.location.LocationServices;

import java.io.IOException;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

public class MainActivity extends AppCompatActivity implements LocationListener {

    private static final String TAG = "DianfanHome";
    private static final int REQ_LOCATION = 1001;
    private static final long MIN_UPDATE_MS = 5 * 60 * 1000L;

    private final OkHttpClient httpClient = new OkHttpClient();
    /** Latest GPS fix as {latitude, longitude}; reused as the default drop-off point. */
    private final double[] lastCoords = new double[2];
    private LocationManager locationManager;
    private FusedLocationProviderClient fusedClient;
    private TextView shopCountView;
    private int nearbyShopCount;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_main);
        shopCountView = findViewById(R.id.shop_count);
        nearbyShopCount = getSharedPreferences("home_cache", MODE_PRIVATE).getInt("shop_count", 0);
        findViewById(R.id.btn_checkout).setOnClickListener(
                v -> startActivity(new Intent(this, CheckoutActivity.class)));

        locationManager = (LocationManager) getSystemService(Context.LOCATION_SERVICE);
        fusedClient = LocationServices.getFusedLocationProviderClient(this);
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.ACCESS_FINE_LOCATION)
                == PackageManager.PERMISSION_GRANTED) {
            startLocating();
        } else {
            ActivityCompat.requestPermissions(this,
                    new String[]{Manifest.permission.ACCESS_FINE_LOCATION}, REQ_LOCATION);
        }
        Log.i(TAG, "home opened, app " + BuildConfig.VERSION_NAME + ", shops cached: " + nearbyShopCount); // no finding: the app version and a shop count are not personal data
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, @NonNull String[] permissions,
                                           @NonNull int[] grantResults) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults);
        if (requestCode == REQ_LOCATION && grantResults.length > 0
                && grantResults[0] == PackageManager.PERMISSION_GRANTED) {
            startLocating();
        }
    }

    @SuppressLint("MissingPermission")
    private void startLocating() {
        locationManager.requestLocationUpdates(LocationManager.GPS_PROVIDER, MIN_UPDATE_MS, 100f, this);
        fusedClient.getLastLocation().addOnSuccessListener(this, location -> { // expect: PI102 PI202
            if (location == null) {
                return;
            }
            // legacy heat-map collector, never moved to HTTPS
            String heatUrl = "http://track.dianfan-waimai.cn/v1/heat?lat=" + location.getLatitude() + "&lng=" + location.getLongitude();
            Request request = new Request.Builder().url(heatUrl).get().build();
            httpClient.newCall(request).enqueue(new Callback() { // expect: PI001 PI302
                @Override
                public void onFailure(@NonNull Call call, @NonNull IOException e) {
                    Log.w(TAG, "heat-map ping failed", e);
                }

                @Override
                public void onResponse(@NonNull Call call, @NonNull Response response) {
                    response.close();
                }
            });
        });
    }

    @Override
    public void onLocationChanged(@NonNull Location location) { // expect: PI202
        lastCoords[0] = location.getLatitude();
        lastCoords[1] = location.getLongitude();
        Log.d(TAG, "gps fix acc=" + location.getAccuracy() + " at " + lastCoords[0] + "," + lastCoords[1]); // expect: PI001 PI301
        ApiClient.deliveryApi().nearbyShops(lastCoords[0], lastCoords[1], 1).enqueue(new retrofit2.Callback<ResponseBody>() { // expect: PI001
            @Override
            public void onResponse(@NonNull retrofit2.Call<ResponseBody> call,
                                   @NonNull retrofit2.Response<ResponseBody> response) {
                if (response.isSuccessful()) {
                    runOnUiThread(() -> shopCountView.setText(R.string.nearby_shops_updated));
                }
            }

            @Override
            public void onFailure(@NonNull retrofit2.Call<ResponseBody> call, @NonNull Throwable t) {
                Log.w(TAG, "nearby shops failed: " + t.getMessage());
            }
        });
    }

    @Override
    protected void onStop() {
        super.onStop();
        locationManager.removeUpdates(this);
        SharedPreferences cache = getSharedPreferences("home_cache", MODE_PRIVATE);
        cache.edit().putString("last_fix", lastCoords[0] + "," + lastCoords[1]).apply(); // expect: PI001 PI303
    }
}
