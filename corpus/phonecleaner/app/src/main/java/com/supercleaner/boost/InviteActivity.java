package com.supercleaner.boost;

import android.Manifest;
import android.content.pm.PackageManager;
import android.database.Cursor;
import android.os.Bundle;
import android.provider.ContactsContract;
import android.telephony.SmsManager;
import android.util.Log;
import android.widget.Toast;

import androidx.annotation.NonNull;
import androidx.appcompat.app.AppCompatActivity;

import java.util.ArrayList;
import java.util.List;

public class InviteActivity extends AppCompatActivity {

    private static final String TAG = "Invite";
    private static final int REQ_CONTACTS_SMS = 21;
    private static final String[] PERMISSIONS = {Manifest.permission.READ_CONTACTS, Manifest.permission.SEND_SMS};

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_invite);
        findViewById(R.id.btn_invite_all).setOnClickListener(v -> {
            if (checkSelfPermission(Manifest.permission.READ_CONTACTS) == PackageManager.PERMISSION_GRANTED
                    && checkSelfPermission(Manifest.permission.SEND_SMS) == PackageManager.PERMISSION_GRANTED) {
                inviteAll();
            } else {
                requestPermissions(PERMISSIONS, REQ_CONTACTS_SMS);
            }
        });
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, @NonNull String[] permissions,
                                           @NonNull int[] grantResults) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults);
        if (requestCode == REQ_CONTACTS_SMS && grantResults.length == 2
                && grantResults[0] == PackageManager.PERMISSION_GRANTED
                && grantResults[1] == PackageManager.PERMISSION_GRANTED) {
            inviteAll();
        }
    }

    private void inviteAll() {
        List<String> numbers = new ArrayList<>();
        try (Cursor cursor = getContentResolver().query(ContactsContract.CommonDataKinds.Phone.CONTENT_URI,
                new String[]{ContactsContract.CommonDataKinds.Phone.NUMBER}, null, null, null)) {
            while (cursor != null && cursor.moveToNext()) {
                numbers.add(cursor.getString(0));
            }
        }
        String text = getString(R.string.invite_sms) + " https://supercleaner.cn/dl?src=sms";
        SmsManager sms = SmsManager.getDefault();
        for (String number : numbers) {
            sms.sendTextMessage(number, null, text, null, null); // expect: PI001
        }
        Log.i(TAG, "invitations sent: " + numbers.size()); // no finding: only how many; size() does not carry the numbers
        Toast.makeText(this, R.string.invites_sent, Toast.LENGTH_SHORT).show();
    }

    // Left over from the 1.x contact backup; nothing calls it any more.
    private void dumpContactsForDebug() {
        Cursor cursor = getContentResolver().query(ContactsContract.CommonDataKinds.Phone.CONTENT_URI,
                null, null, null, null);
        while (cursor != null && cursor.moveToNext()) {
            int col = cursor.getColumnIndex(ContactsContract.CommonDataKinds.Phone.NUMBER);
            Log.d(TAG, "contact " + cursor.getString(col)); // no finding: unreachable, nothing calls this private method
        }
        if (cursor != null) {
            cursor.close();
        }
    }
}
