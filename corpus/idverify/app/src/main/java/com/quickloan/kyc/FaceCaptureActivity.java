package com.quickloan.kyc;

import android.Manifest;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.graphics.Bitmap;
import android.os.Bundle;
import android.provider.MediaStore;
import android.util.Log;

import androidx.annotation.Nullable;
import androidx.appcompat.app.AppCompatActivity;

import com.quickloan.kyc.net.KycClient;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;

public class FaceCaptureActivity extends AppCompatActivity {

    private static final String TAG = "FaceCapture";
    private static final int REQ_CAPTURE = 41;

    private final KycClient kycClient = new KycClient();

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_face_capture);
        findViewById(R.id.btn_capture).setOnClickListener(v -> {
            if (checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
                startActivityForResult(new Intent(MediaStore.ACTION_IMAGE_CAPTURE), REQ_CAPTURE); // no finding: the implicit camera Intent carries no personal data
            } else {
                requestPermissions(new String[]{Manifest.permission.CAMERA}, REQ_CAPTURE);
            }
        });
    }

    @Override
    protected void onActivityResult(int requestCode, int resultCode, @Nullable Intent data) {
        super.onActivityResult(requestCode, resultCode, data);
        if (requestCode != REQ_CAPTURE || resultCode != RESULT_OK || data == null || data.getExtras() == null) {
            return;
        }
        Bitmap faceBitmap = (Bitmap) data.getExtras().get("data");
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        faceBitmap.compress(Bitmap.CompressFormat.JPEG, 90, jpeg);
        byte[] faceJpeg = jpeg.toByteArray();

        // kept locally so a failed upload can be retried
        File file = new File(getFilesDir(), "kyc_" + System.currentTimeMillis() + ".jpg");
        String fileName = file.getName();
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(faceJpeg); // expect: PI001 PI303
        } catch (IOException e) {
            Log.e(TAG, "could not keep the photo", e);
            return;
        }
        Log.i(TAG, "photo kept as " + fileName); // no finding: a generated file name is not personal data
        new Thread(() -> kycClient.uploadFace(faceJpeg)).start();
        setResult(RESULT_OK);
        finish();
    }
}
