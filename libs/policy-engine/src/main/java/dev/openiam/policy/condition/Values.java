package dev.openiam.policy.condition;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;

/** Reading condition values as numbers, dates, booleans and binary; {@code null}/sentinel for bad input. */
public final class Values {

    /** {@link #parseDate} result for text that is not a date. */
    public static final long NOT_A_DATE = Long.MIN_VALUE;

    private Values() {
    }

    /** A decimal number ({@code 10}, {@code -2.5}, {@code 1e3}), or {@code null}. */
    public static BigDecimal parseNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        char c = s.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s);
            // keep comparisons cheap: an absurd exponent is not a number anyone meant
            return Math.abs((long) d.scale()) > 1000 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Milliseconds since the epoch for an ISO 8601 date ({@code 2020-01-31}), date-time with or without offset
     * ({@code 2020-01-31T12:00:00Z}; no offset means UTC) or epoch seconds ({@code 1580472000}); otherwise
     * {@link #NOT_A_DATE}.
     */
    public static long parseDate(String s) {
        if (s == null || s.isEmpty() || s.length() > 40) {
            return NOT_A_DATE;
        }
        if (isEpoch(s)) {
            try {
                long seconds = Long.parseLong(s);
                return Math.abs(seconds) > 100_000_000_000L ? NOT_A_DATE : seconds * 1000;
            } catch (NumberFormatException e) {
                return NOT_A_DATE;
            }
        }
        if (s.length() < 10 || s.charAt(4) != '-') {
            return NOT_A_DATE;
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.from(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return NOT_A_DATE;
        }
    }

    private static boolean isEpoch(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code Boolean.TRUE}/{@code FALSE} for {@code true}/{@code false} in any case; otherwise {@code null}. */
    public static Boolean parseBool(String s) {
        if ("true".equalsIgnoreCase(s)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(s)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The bytes of base64 text, or {@code null}. */
    public static byte[] parseBase64(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
