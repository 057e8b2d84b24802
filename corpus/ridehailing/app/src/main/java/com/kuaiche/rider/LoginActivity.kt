package com.kuaiche.rider

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.util.Log
import androidx.appcompat.app.AppCompatActivity
import androidx.lifecycle.lifecycleScope
import com.kuaiche.rider.data.RideRepository
import com.kuaiche.rider.databinding.ActivityLoginBinding
import com.kuaiche.rider.util.logDebug
import com.umeng.analytics.MobclickAgent
import java.security.MessageDigest
import kotlinx.coroutines.launch
import org.greenrobot.eventbus.EventBus

/** The rider's answer to the privacy policy, for this process. */
object PrivacySettings {
    var consentGiven = false
}

class LoginActivity : AppCompatActivity() {

    private lateinit var binding: ActivityLoginBinding

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        binding = ActivityLoginBinding.inflate(layoutInflater)
        setContentView(binding.root)
        binding.loginButton.setOnClickListener { signIn() }
        binding.agreeButton.setOnClickListener { PrivacySettings.consentGiven = true } // no finding: withdrawn with the button below
        binding.withdrawButton.setOnClickListener { PrivacySettings.consentGiven = false }
        binding.signUpButton.setOnClickListener {
            lifecycleScope.launch { RideRepository.forRider("").signUp(intent.getStringExtra("invite") ?: "") }
        }
        EventBus.getDefault().register(this) // no finding: an event subscriber, not an account
    }

    private fun signIn() {
        val phone = with(binding) { phoneInput.text.toString().trim() }
        val pickupNote = binding.noteInput.text.toString()
        binding.noteEcho.text = pickupNote

        logDebug("sign-in attempt for $phone")

        getSharedPreferences("session", Context.MODE_PRIVATE).edit().apply {
            putString("rider_phone", phone) // expect: PI001
            putLong("signed_in_at", System.currentTimeMillis())
            apply()
        }

        MobclickAgent.onEvent(this, "sign_in", mapOf("phone_hash" to sha256(phone)))

        var shown = phone
        shown = "rider"
        Log.i(TAG, "signed in as $shown")

        Intent(this, MainActivity::class.java).also {
            it.putExtra(MainActivity.EXTRA_PHONE, phone)
            startActivity(it)
        }
    }

    private fun sha256(text: String): String =
        MessageDigest.getInstance("SHA-256").digest(text.toByteArray()).joinToString("") { "%02x".format(it) }

    companion object {
        private const val TAG = "Login"
    }
}
