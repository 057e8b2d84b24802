package com.dianfan.waimai;

import android.net.Uri;
import android.os.Bundle;
import android.webkit.WebView;
import android.widget.TextView;

import androidx.appcompat.app.AppCompatActivity;

public class OrderDetailActivity extends AppCompatActivity {

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_order_detail);
        String orderId = getIntent().getStringExtra("order_id");
        String phone = getIntent().getStringExtra("phone");
        TextView title = findViewById(R.id.order_title);
        title.setText(getString(R.string.order_title, orderId));

        // the coupon H5 page looks the account up by mobile number
        WebView couponView = findViewById(R.id.web_coupon);
        couponView.getSettings().setJavaScriptEnabled(true);
        String couponUrl = Uri.parse("https://h5.dianfan-waimai.cn/coupon/claim").buildUpon()
                .appendQueryParameter("order", orderId)
                .appendQueryParameter("mobile", phone)
                .build()
                .toString();
        couponView.loadUrl(couponUrl); // expect: PI001
    }
}
