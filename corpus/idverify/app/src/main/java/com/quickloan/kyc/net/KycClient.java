package com.quickloan.kyc.net;

import android.util.Log;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Blocking calls to the KYC backend; call from a worker thread. */
public class KycClient {

    private static final String TAG = "KycClient";

    /** Posts the verification form; true when the server accepted it. */
    public boolean submit(String json) {
        try {
            HttpURLConnection conn = (HttpURLConnection) new URL("http://kyc.quickloan.cn/api/v1/verify").openConnection();
            conn.setRequestMethod("POST");
            conn.setDoOutput(true);
            conn.setConnectTimeout(10_000);
            conn.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            try (OutputStream os = conn.getOutputStream()) {
                os.write(json.getBytes(StandardCharsets.UTF_8)); // expect: PI001 PI001 PI001 PI001 PI302 PI302 PI302 PI302
            }
            return conn.getResponseCode() == HttpURLConnection.HTTP_OK;
        } catch (IOException e) {
            Log.w(TAG, "verify request failed", e);
            return false;
        }
    }

    /** Asks the risk-control partner (another company) to score the applicant's number. */
    public int riskScore(String phone) {
        try {
            HttpURLConnection conn = (HttpURLConnection) new URL("https://api.fengkong-partner.example/v2/score").openConnection();
            conn.setRequestMethod("POST");
            conn.setDoOutput(true);
            conn.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
            try (OutputStream os = conn.getOutputStream()) {
                os.write(phone.getBytes(StandardCharsets.UTF_8)); // expect: PI001 PI103
            }
            return conn.getResponseCode();
        } catch (IOException e) {
            Log.w(TAG, "risk score request failed", e);
            return -1;
        }
    }

    /** Opens a loan account for the invited applicant; there is no way to close it. */
    public boolean openAccount(String inviteCode) {
        try {
            HttpURLConnection conn = (HttpURLConnection) new URL("https://kyc.quickloan.cn/api/v1/account/register?invite=" + inviteCode).openConnection(); // expect: PI105
            conn.setRequestMethod("POST");
            return conn.getResponseCode() == HttpURLConnection.HTTP_OK;
        } catch (IOException e) {
            Log.w(TAG, "sign-up request failed", e);
            return false;
        }
    }

    /** Uploads the liveness photo taken by FaceCaptureActivity. */
    public void uploadFace(byte[] jpeg) {
        try {
            HttpURLConnection conn = (HttpURLConnection) new URL("http://kyc.quickloan.cn/api/v1/face").openConnection();
            conn.setRequestMethod("POST");
            conn.setDoOutput(true);
            conn.setRequestProperty("Content-Type", "image/jpeg");
            try (OutputStream os = conn.getOutputStream()) {
                os.write(jpeg); // expect: PI001 PI302
            }
            conn.disconnect();
        } catch (IOException e) {
            Log.w(TAG, "face upload failed", e);
        }
    }
}
