package com.dianfan.waimai.api;

import com.dianfan.waimai.model.Order;
import com.dianfan.waimai.model.OrderResult;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Query;

public interface DeliveryApi {

    @POST("v2/orders")
    Call<OrderResult> placeOrder(@Body Order order);

    @FormUrlEncoded
    @POST("v2/account/bind-mobile")
    Call<ResponseBody> bindMobile(@Field("mobile") String mobile, @Field("sms_code") String smsCode);

    // Sign-up with the one-time ticket of the code check; 注销 (account cancellation) below.
    @FormUrlEncoded
    @POST("v2/user/register")
    Call<ResponseBody> register(@Field("otp_ticket") String ticket, @Field("invite") String invite);

    @POST("v2/user/zhuxiao")
    Call<ResponseBody> zhuxiao(@Header("Authorization") String session);

    @GET("v2/shops/nearby")
    Call<ResponseBody> nearbyShops(@Query("lat") double lat, @Query("lng") double lng, @Query("page") int page);
}
