package com.quickloan.kyc.model;

/** A card-issuing bank the loan can be paid out to. */
public class Bank {

    public static final Bank[] SUPPORTED = {
            new Bank("ICBC", "中国工商银行", "zhongguo gongshang yinhang"),
            new Bank("CCB", "中国建设银行", "zhongguo jianshe yinhang"),
            new Bank("CMB", "招商银行", "zhaoshang yinhang"),
    };

    public final String code;
    public final String displayName;
    /** Pinyin of the bank's name, for the A-Z side index. */
    public final String phoneticName;

    public Bank(String code, String displayName, String phoneticName) {
        this.code = code;
        this.displayName = displayName;
        this.phoneticName = phoneticName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
