package com.baobao.growth

import android.content.Context
import android.os.Bundle
import android.widget.EditText
import androidx.appcompat.app.AppCompatActivity
import com.umeng.analytics.MobclickAgent

/** One page of the growth diary: the child's name, birthday and weight. */
class GrowthActivity : AppCompatActivity() {

    private lateinit var childNameEdit: EditText
    private lateinit var babyBirthdayEdit: EditText
    private lateinit var newbornWeightEdit: EditText

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_growth)
        childNameEdit = findViewById(R.id.edit_child_name)
        babyBirthdayEdit = findViewById(R.id.edit_baby_birthday)
        newbornWeightEdit = findViewById(R.id.edit_newborn_weight)
        findViewById<android.view.View>(R.id.btn_agree).setOnClickListener { PrivacyPrefs.agree(this) }
        findViewById<android.view.View>(R.id.btn_save).setOnClickListener { save() }
    }

    private fun save() {
        // A guardian's consent (PIPL Art. 31) is never asked before a child's data is typed in.
        val childName = childNameEdit.text.toString().trim() // expect: PI101
        val babyBirthday = babyBirthdayEdit.text.toString() // expect: PI101
        val newbornWeight = newbornWeightEdit.text.toString().toIntOrNull() ?: 0 // expect: PI101
        getSharedPreferences("diary", Context.MODE_PRIVATE).edit().apply {
            putString("baby_birthday", babyBirthday) // expect: PI001 PI303
            putInt("newborn_weight", newbornWeight) // expect: PI001 PI303
            apply()
        }
        MobclickAgent.onEvent(this, "diary_saved", mapOf("child" to childName)) // expect: PI001 PI103
    }
}
