package com.dianfan.waimai;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.content.SharedPreferences;
import android.net.ConnectivityManager;
import android.os.Bundle;
import android.view.View;

import androidx.appcompat.app.AppCompatActivity;

import com.dianfan.waimai.api.ApiClient;

import org.greenrobot.eventbus.EventBus;
import org.greenrobot.eventbus.Subscribe;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/** Sign-up, the privacy agreement and the "我的 → 账号与隐私" settings of the account. */
public class AccountActivity extends AppCompatActivity {

    static final String KEY_PRIVACY_AGREED = "privacy_agreed";

    private SharedPreferences prefs;

    private final BroadcastReceiver networkReceiver = new BroadcastReceiver() {
        @Override
        public void onReceive(Context context, Intent intent) {
            findViewById(R.id.offline_banner).setVisibility(View.GONE);
        }
    };

    private final Callback<ResponseBody> ignoreResult = new Callback<ResponseBody>() {
        @Override
        public void onResponse(Call<ResponseBody> call, Response<ResponseBody> response) {
        }

        @Override
        public void onFailure(Call<ResponseBody> call, Throwable t) {
        }
    };

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_account);
        prefs = getSharedPreferences("privacy", MODE_PRIVATE);
        registerReceiver(networkReceiver, new IntentFilter(ConnectivityManager.CONNECTIVITY_ACTION)); // no finding: a receiver, not an account
        EventBus.getDefault().register(this); // no finding: an event subscriber, not an account
        findViewById(R.id.withdraw_consent).setOnClickListener(v -> withdrawConsent());
        findViewById(R.id.cancel_account).setOnClickListener(v -> cancelAccount());
    }

    /** android:onClick of the agreement dialog's "同意" button. */
    public void onAgreeClicked(View view) {
        prefs.edit().putBoolean(KEY_PRIVACY_AGREED, true).apply(); // no finding: withdrawn in the settings below
        prefs.edit().putBoolean("dark_mode", true).apply(); // no finding: not a consent
    }

    /** android:onClick of "注册". */
    public void onSignUpClicked(View view) {
        String ticket = getIntent().getStringExtra("otp_ticket");
        ApiClient.deliveryApi().register(ticket, "").enqueue(ignoreResult); // no finding: the account can be cancelled
    }

    @Subscribe
    public void onLoggedOut(String reason) {
        finish();
    }

    private void withdrawConsent() {
        prefs.edit().remove(KEY_PRIVACY_AGREED).apply();
    }

    private void cancelAccount() {
        String session = prefs.getString("session", "");
        ApiClient.deliveryApi().zhuxiao(session).enqueue(ignoreResult);
    }

    @Override
    protected void onDestroy() {
        unregisterReceiver(networkReceiver);
        EventBus.getDefault().unregister(this);
        super.onDestroy();
    }
}
