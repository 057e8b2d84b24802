package com.dianfan.waimai.api;

import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

public final class ApiClient {

    private static final String BASE_URL = "https://api.dianfan-waimai.cn/";
    private static DeliveryApi deliveryApi;

    private ApiClient() {
    }

    public static synchronized DeliveryApi deliveryApi() {
        if (deliveryApi == null) {
            OkHttpClient client = new OkHttpClient.Builder()
                    .connectTimeout(10, TimeUnit.SECONDS)
                    .readTimeout(15, TimeUnit.SECONDS)
                    .build();
            Retrofit retrofit = new Retrofit.Builder()
                    .baseUrl(BASE_URL)
                    .client(client)
                    .addConverterFactory(GsonConverterFactory.create())
                    .build();
            deliveryApi = retrofit.create(DeliveryApi.class);
        }
        return deliveryApi;
    }
}
