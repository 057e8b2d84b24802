package com.fitpulse.tracker;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

public final class AgeCalculator {

    private AgeCalculator() {
    }

    /** Whole years between a date typed as yyyy-MM-dd and today; -1 if it does not parse. */
    public static int yearsSince(String isoDate) {
        try {
            return Period.between(LocalDate.parse(isoDate), LocalDate.now()).getYears();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
