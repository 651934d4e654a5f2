package dev.openiam.model;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The kinds of IAM unique id and access key id, each with AWS's four-letter prefix followed by
 * 16 upper-case base32 characters ({@code A-Z}, {@code 2-7}).
 */
public enum EntityType {
    USER("AIDA"),
    GROUP("AGPA"),
    ROLE("AROA"),
    INSTANCE_PROFILE("AIPA"),
    POLICY("ANPA"),
    ACCESS_KEY("AKIA"),
    TEMPORARY_ACCESS_KEY("ASIA");

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final Pattern SUFFIX = Pattern.compile("[A-Z2-7]{16}");

    private final String prefix;

    EntityType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** A fresh id of this type: the prefix and 16 random base32 characters (20 in all). */
    public String newId(SecureRandom random) {
        char[] id = new char[20];
        prefix.getChars(0, 4, id, 0);
        for (int i = 4; i < 20; i++) {
            id[i] = BASE32[random.nextInt(32)];
        }
        return new String(id);
    }

    /** Whether {@code id} is a well-formed id of this type. */
    public boolean isValid(String id) {
        return id != null && id.length() == 20 && id.startsWith(prefix) && SUFFIX.matcher(id).region(4, 20).matches();
    }

    /** The type whose prefix {@code id} carries, or {@code null}. */
    public static EntityType ofId(String id) {
        for (EntityType type : values()) {
            if (type.isValid(id)) {
                return type;
            }
        }
        return null;
    }
}
