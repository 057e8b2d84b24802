package com.quickloan.kyc;

public final class IdCardUtils {

    private IdCardUtils() {
    }

    /** yyyy-MM-dd, taken from digits 7 to 14 of an 18-digit resident ID number. */
    public static String birthDateOf(String idCardNo) {
        return idCardNo.substring(6, 10) + "-" + idCardNo.substring(10, 12) + "-" + idCardNo.substring(12, 14);
    }
}
