package dev.openiam.model;

import java.security.SecureRandom;

/**
 * Access key ids that carry their account, laid out as AWS lays out its own: after the four-letter prefix, 16 base32
 * characters (10 bytes) whose first 48 bits hold the 12-digit account id in bits 46…7, the rest random. This lets
 * GetAccessKeyInfo answer the account of a temporary ({@code ASIA…}) key without any state: sts-service keeps none, and
 * the key id is the only thing it is given. The 40 random bits make ids distinct within an account; nothing relies on
 * a key id being secret or unguessable (the secret and the signed session token are what authenticate).
 */
public final class AccessKeyIds {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final long ACCOUNT_MASK = 0x7FFF_FFFF_FF80L;
    private static final long MAX_ACCOUNT = 999_999_999_999L;

    private AccessKeyIds() {
    }

    /** A fresh id of {@code type} that encodes {@code accountId}. */
    public static String newId(EntityType type, String accountId, SecureRandom random) {
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("an account id is 12 digits");
        }
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long head = (Long.parseLong(accountId) << 7) | (bytes[5] & 0x7F);
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (head >>> (8 * (5 - i)));
        }
        StringBuilder id = new StringBuilder(type.prefix());
        long buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                id.append(BASE32[(int) (buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return id.toString();
    }

    /** The account id a well-formed id of {@code type} carries, or {@code null} if it is not one or carries none. */
    public static String accountOf(EntityType type, String keyId) {
        if (!type.isValid(keyId)) {
            return null;
        }
        long head = 0;
        for (int i = 4; i < 14; i++) {
            // 10 characters are 50 bits: the 48 of the first six bytes and 2 of the seventh
            head = (head << 5) | new String(BASE32).indexOf(keyId.charAt(i));
        }
        long account = ((head >>> 2) & ACCOUNT_MASK) >>> 7;
        return account > MAX_ACCOUNT ? null : String.format("%012d", account);
    }
}
