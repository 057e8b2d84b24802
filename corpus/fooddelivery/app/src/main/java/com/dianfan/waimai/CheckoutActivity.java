package com.dianfan.waimai;

import android.Manifest;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.location.Location;
import android.os.Bundle;
import android.util.Log;
import android.widget.EditText;
import android.widget.Toast;

import androidx.annotation.NonNull;
import androidx.appcompat.app.AppCompatActivity;
import androidx.core.content.ContextCompat;

import com.dianfan.waimai.api.ApiClient;
import com.dianfan.waimai.model.Order;
import com.dianfan.waimai.model.OrderResult;
import com.dianfan.waimai.util.CourierNoteFormatter;
import com.google.android.gms.location.FusedLocationProviderClient;
import com.google.android.gms.location.LocationServices;
import com.umeng.analytics.MobclickAgent;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

public class CheckoutActivity extends AppCompatActivity {

    private static final String TAG = "Checkout";
    static final String KEY_PHONE = "phone";

    private final OkHttpClient httpClient = new OkHttpClient();
    private EditText phoneEdit;
    private EditText codeEdit;
    private EditText remarkEdit;
    private Location dropOffLocation;
    private boolean phoneVerified;
    private int cartItemCount = 3;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_checkout);
        phoneEdit = findViewById(R.id.edit_phone);
        codeEdit = findViewById(R.id.edit_sms_code);
        remarkEdit = findViewById(R.id.edit_remark);
        findViewById(R.id.btn_send_code).setOnClickListener(v -> requestSmsCode());
        findViewById(R.id.btn_verify).setOnClickListener(v -> verifyCode());
        findViewById(R.id.btn_submit).setOnClickListener(v -> submitOrder());
        MobclickAgent.onEvent(this, "checkout_open"); // no finding: no personal data is passed to the SDK

        FusedLocationProviderClient fused = LocationServices.getFusedLocationProviderClient(this);
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.ACCESS_FINE_LOCATION)
                == PackageManager.PERMISSION_GRANTED) {
            fused.getLastLocation().addOnSuccessListener(location -> dropOffLocation = location); // expect: PI202
        }
    }

    private void requestSmsCode() {
        String phone = phoneEdit.getText().toString().trim();
        RequestBody form = new FormBody.Builder()
                .add("mobile", phone)
                .add("scene", "checkout")
                .build();
        Request request = new Request.Builder()
                .url("http://sms.dianfan-waimai.cn/api/v1/sendCode")
                .post(form)
                .build();
        httpClient.newCall(request).enqueue(new okhttp3.Callback() { // expect: PI001 PI302
            @Override
            public void onFailure(@NonNull okhttp3.Call call, @NonNull IOException e) {
                Log.w(TAG, "sendCode failed", e);
            }

            @Override
            public void onResponse(@NonNull okhttp3.Call call, @NonNull okhttp3.Response response) {
                response.close();
                runOnUiThread(() -> Toast.makeText(CheckoutActivity.this, R.string.code_sent, Toast.LENGTH_SHORT).show());
            }
        });
    }

    private void verifyCode() {
        String mobile = phoneEdit.getText().toString().trim();
        String smsCode = codeEdit.getText().toString().trim();
        ApiClient.deliveryApi().bindMobile(mobile, smsCode).enqueue(new Callback<ResponseBody>() { // expect: PI001
            @Override
            public void onResponse(@NonNull Call<ResponseBody> call, @NonNull Response<ResponseBody> response) {
                if (response.isSuccessful()) {
                    phoneVerified = true;
                }
            }

            @Override
            public void onFailure(@NonNull Call<ResponseBody> call, @NonNull Throwable t) {
                Log.w(TAG, "bind mobile failed", t);
            }
        });
    }

    private void submitOrder() {
        if (dropOffLocation == null) {
            Toast.makeText(this, R.string.locating, Toast.LENGTH_SHORT).show();
            return;
        }
        String phone = phoneEdit.getText().toString().trim();
        String remark = remarkEdit.getText().toString();
        Order order = new Order(phone, dropOffLocation.getLatitude(), dropOffLocation.getLongitude(),
                remark, cartItemCount);

        String note = CourierNoteFormatter.courierNote(phone, order.lat, order.lng);
        Log.i(TAG, "courier note: " + note); // expect: PI001 PI001 PI301 PI301

        Map<String, String> props = new HashMap<>();
        props.put("mobile", phone);
        props.put("items", String.valueOf(cartItemCount));
        MobclickAgent.onEvent(this, "order_submit", props); // expect: PI001 PI103

        // remembered so the field is pre-filled next time
        getSharedPreferences("checkout", MODE_PRIVATE).edit().putString(KEY_PHONE, phone).apply(); // expect: PI001
        Log.d(TAG, "contact cached under " + KEY_PHONE + ", phoneVerified=" + phoneVerified); // no finding: a constant key name and a boolean flag are not personal data

        ApiClient.deliveryApi().placeOrder(order).enqueue(new Callback<OrderResult>() { // expect: PI001 PI001
            @Override
            public void onResponse(@NonNull Call<OrderResult> call, @NonNull Response<OrderResult> response) {
                OrderResult result = response.body();
                if (result == null) {
                    return;
                }
                Log.i(TAG, "order placed, items=" + cartItemCount); // no finding: an item count is not personal data
                Intent detail = new Intent(CheckoutActivity.this, OrderDetailActivity.class);
                detail.putExtra("order_id", result.orderId);
                detail.putExtra("phone", phone);
                startActivity(detail); // no finding: an explicit Intent to the app's own activity is not IPC
            }

            @Override
            public void onFailure(@NonNull Call<OrderResult> call, @NonNull Throwable t) {
                Toast.makeText(CheckoutActivity.this, R.string.order_failed, Toast.LENGTH_LONG).show();
            }
        });
    }
}
