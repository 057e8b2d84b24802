package com.dianfan.waimai.util;

import java.util.Locale;

/** Builds the one-line note printed on the courier's receipt. */
public final class CourierNoteFormatter {

    private CourierNoteFormatter() {
    }

    public static String courierNote(String recipient, double lat, double lng) {
        return "Call " + recipient + " on arrival, drop-off at "
                + String.format(Locale.US, "%.5f,%.5f", lat, lng);
    }
}
