package com.quickloan.kyc;

import android.content.Intent;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.util.Log;
import android.widget.ArrayAdapter;
import android.widget.EditText;
import android.widget.Spinner;
import android.widget.Toast;

import androidx.appcompat.app.AppCompatActivity;
import androidx.security.crypto.EncryptedSharedPreferences;
import androidx.security.crypto.MasterKey;

import com.google.firebase.analytics.FirebaseAnalytics;
import com.quickloan.kyc.model.Bank;
import com.quickloan.kyc.model.KycForm;
import com.quickloan.kyc.net.KycClient;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Locale;

import cn.jpush.android.api.JPushInterface;

public class VerifyActivity extends AppCompatActivity {

    private static final String TAG = "KycVerify";
    private static final int REQ_FACE = 31;

    private final KycClient kycClient = new KycClient();
    private FirebaseAnalytics analytics;
    private EditText xingmingEdit;
    private EditText sfzhEdit;
    private EditText bankCardEdit;
    private EditText phoneEdit;
    private Spinner bankSpinner;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_verify);
        analytics = FirebaseAnalytics.getInstance(this);
        xingmingEdit = findViewById(R.id.edit_xingming);
        sfzhEdit = findViewById(R.id.edit_sfzh);
        bankCardEdit = findViewById(R.id.edit_bank_card);
        phoneEdit = findViewById(R.id.edit_phone);
        bankSpinner = findViewById(R.id.spinner_bank);
        bankSpinner.setAdapter(new ArrayAdapter<>(this, android.R.layout.simple_spinner_item, Bank.SUPPORTED));
        findViewById(R.id.btn_face).setOnClickListener(
                v -> startActivityForResult(new Intent(this, FaceCaptureActivity.class), REQ_FACE));
        findViewById(R.id.btn_submit).setOnClickListener(v -> submit());
        findViewById(R.id.btn_agree).setOnClickListener(v -> ConsentStore.agree(this));
        String inviteCode = getIntent().getStringExtra("invite_code");
        findViewById(R.id.btn_sign_up).setOnClickListener(v -> new Thread(() -> kycClient.openAccount(inviteCode)).start());
    }

    private void submit() {
        String xingming = xingmingEdit.getText().toString().trim();
        String sfzh = sfzhEdit.getText().toString().trim().toUpperCase(Locale.ROOT); // expect: PI101
        String bankCardNo = bankCardEdit.getText().toString().replace(" ", ""); // expect: PI101
        String phone = phoneEdit.getText().toString().trim();
        Bank bank = (Bank) bankSpinner.getSelectedItem();
        Log.d(TAG, "payout bank " + bank.phoneticName); // no finding: the pinyin of a bank's name (for the A-Z index), not a person's

        if (sfzh.length() != 18) {
            sfzhEdit.setError(getString(R.string.id_number_invalid));
            return;
        }
        Log.d(TAG, "birth date from ID: " + IdCardUtils.birthDateOf(sfzh)); // expect: PI001 PI301
        saveDraft(sfzh, bankCardNo);

        KycForm form = new KycForm(xingming, sfzh, bankCardNo, bank.code, phone);
        String body = form.toJson().toString();
        // the four sources reach the write inside KycClient.submit
        new Thread(() -> {
            kycClient.riskScore(phone);
            boolean accepted = kycClient.submit(body);
            runOnUiThread(() -> onSubmitted(accepted, phone));
        }).start();
    }

    /** Keeps the half-filled form so the user can come back after switching apps. */
    private void saveDraft(String idCardNo, String bankCardNo) {
        try {
            MasterKey masterKey = new MasterKey.Builder(this)
                    .setKeyScheme(MasterKey.KeyScheme.AES256_GCM)
                    .build();
            SharedPreferences secure = EncryptedSharedPreferences.create(this, "kyc_secure", masterKey,
                    EncryptedSharedPreferences.PrefKeyEncryptionScheme.AES256_SIV,
                    EncryptedSharedPreferences.PrefValueEncryptionScheme.AES256_GCM);
            // encrypted at rest: the PI001 note is expected (inventory), PI303 is not
            secure.edit().putString("id_card_no", idCardNo).apply(); // expect: PI001
        } catch (GeneralSecurityException | IOException e) {
            Log.e(TAG, "secure storage unavailable", e);
        }
        // a financial account in plain SharedPreferences
        getSharedPreferences("kyc_draft", MODE_PRIVATE).edit().putString("bank_card_no", bankCardNo).apply(); // expect: PI001 PI303
    }

    private void onSubmitted(boolean accepted, String phone) {
        if (!accepted) {
            Toast.makeText(this, R.string.kyc_rejected, Toast.LENGTH_LONG).show();
            return;
        }
        // loan notifications are pushed to the mobile number as alias
        JPushInterface.setAlias(this, 1, phone); // expect: PI001 PI103
        Bundle params = new Bundle();
        params.putString("method", "id_card_face");
        params.putString("user_phone", phone); // no finding: Bundle.putString is not SharedPreferences storage
        analytics.logEvent("kyc_submitted", params); // expect: PI001 PI103
        finish();
    }
}
