package com.quickloan.kyc.model;

import org.json.JSONException;
import org.json.JSONObject;

public class KycForm {

    private final String xingming;
    private final String sfzh;
    private final String bankCardNo;
    private final String bankCode;
    private final String phone;

    public KycForm(String xingming, String sfzh, String bankCardNo, String bankCode, String phone) {
        this.xingming = xingming;
        this.sfzh = sfzh;
        this.bankCardNo = bankCardNo;
        this.bankCode = bankCode;
        this.phone = phone;
    }

    /** Body of POST /api/v1/verify. */
    public JSONObject toJson() {
        JSONObject json = new JSONObject();
        try {
            json.put("xingming", xingming);
            json.put("sfzh", sfzh);
            json.put("bank_card_no", bankCardNo);
            json.put("bank_code", bankCode);
            json.put("mobile", phone);
            json.put("submitted_at", System.currentTimeMillis());
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
        return json;
    }
}
