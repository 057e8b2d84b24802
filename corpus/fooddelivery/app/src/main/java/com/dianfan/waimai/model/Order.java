package com.dianfan.waimai.model;

import com.google.gson.annotations.SerializedName;

/** Request body of POST v2/orders. */
public class Order {

    @SerializedName("mobile")
    public final String phone;
    public final double lat;
    public final double lng;
    public final String remark;
    @SerializedName("item_count")
    public final int itemCount;

    public Order(String phone, double lat, double lng, String remark, int itemCount) {
        this.phone = phone;
        this.lat = lat;
        this.lng = lng;
        this.remark = remark;
        this.itemCount = itemCount;
    }
}
