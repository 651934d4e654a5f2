package dev.openiam.model;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** An AWS account id: exactly twelve decimal digits. */
public record AccountId(String value) {

    private static final Pattern DIGITS = Pattern.compile("\\d{12}");

    public AccountId {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw IamException.validation("account id `" + value + "` must be 12 digits");
        }
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    public static boolean isValid(String value) {
        return value != null && DIGITS.matcher(value).matches();
    }

    /** A random account id that does not start with 0, as AWS's never seem to. */
    public static AccountId random(SecureRandom random) {
        StringBuilder digits = new StringBuilder(12).append(1 + random.nextInt(9));
        for (int i = 1; i < 12; i++) {
            digits.append(random.nextInt(10));
        }
        return new AccountId(digits.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
