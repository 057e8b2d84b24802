package com.fitpulse.tracker;

import android.content.Context;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.util.Log;
import android.view.LayoutInflater;
import android.view.View;
import android.view.ViewGroup;
import android.widget.EditText;

import androidx.annotation.NonNull;
import androidx.fragment.app.Fragment;
import androidx.security.crypto.EncryptedSharedPreferences;
import androidx.security.crypto.MasterKey;

import java.io.IOException;
import java.security.GeneralSecurityException;

public class ProfileFragment extends Fragment {

    static final String PREFS = "profile";
    private static final String TAG = "Profile";

    private EditText fullNameEdit;
    private EditText birthDateEdit;
    private EditText kidBirthdayEdit;
    private EditText healthConditionEdit;

    @Override
    public View onCreateView(@NonNull LayoutInflater inflater, ViewGroup container, Bundle savedInstanceState) {
        View root = inflater.inflate(R.layout.fragment_profile, container, false);
        fullNameEdit = root.findViewById(R.id.edit_full_name);
        birthDateEdit = root.findViewById(R.id.edit_birth_date);
        kidBirthdayEdit = root.findViewById(R.id.edit_kid_birthday);
        healthConditionEdit = root.findViewById(R.id.edit_health_condition);
        root.findViewById(R.id.btn_save).setOnClickListener(v -> saveProfile());
        return root;
    }

    private void saveProfile() {
        String fullName = fullNameEdit.getText().toString().trim();
        String birthDate = birthDateEdit.getText().toString().trim(); // expect: PI202
        String kidBirthday = kidBirthdayEdit.getText().toString().trim(); // expect: PI101 PI202
        String healthCondition = healthConditionEdit.getText().toString(); // expect: PI101

        SharedPreferences.Editor editor = requireContext().getSharedPreferences(PREFS, Context.MODE_PRIVATE).edit();
        editor.putString("full_name", fullName); // expect: PI001
        editor.putString("birth_date", birthDate); // expect: PI001
        // family plan: a child's birthday is a minor's data, so it is sensitive whatever its category
        editor.putString("kid_birthday", kidBirthday); // expect: PI001 PI303
        editor.apply();

        int age = AgeCalculator.yearsSince(birthDate);
        Log.i(TAG, "profile saved, age " + age); // expect: PI001 PI301

        try {
            // encrypted at rest: the PI001 note is expected (inventory), PI303 is not
            securePrefs().edit().putString("health_condition", healthCondition).apply(); // expect: PI001
        } catch (GeneralSecurityException | IOException e) {
            Log.e(TAG, "secure storage unavailable", e);
        }
    }

    private SharedPreferences securePrefs() throws GeneralSecurityException, IOException {
        MasterKey masterKey = new MasterKey.Builder(requireContext())
                .setKeyScheme(MasterKey.KeyScheme.AES256_GCM)
                .build();
        return EncryptedSharedPreferences.create(requireContext(), "profile_secure", masterKey,
                EncryptedSharedPreferences.PrefKeyEncryptionScheme.AES256_SIV,
                EncryptedSharedPreferences.PrefValueEncryptionScheme.AES256_GCM);
    }
}
