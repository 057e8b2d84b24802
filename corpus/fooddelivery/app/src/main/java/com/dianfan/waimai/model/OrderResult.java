package com.dianfan.waimai.model;

import com.google.gson.annotations.SerializedName;

public class OrderResult {

    @SerializedName("order_id")
    public String orderId;
    @SerializedName("eta_minutes")
    public int etaMinutes;
}
