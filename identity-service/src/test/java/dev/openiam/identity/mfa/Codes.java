package dev.openiam.identity.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;

/** What an authenticator app shows for a seed: RFC 6238 codes of 30-second steps, relative to this clock's step. */
final class Codes {

    private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();

    private Codes() {
    }

    /** The code of the step {@code offset} steps from now (−1: the previous 30 seconds). */
    static String at(String base32Seed, int offset) {
        try {
            long step = Instant.now().getEpochSecond() / 30 + offset;
            return TOTP.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(base32Seed), "HmacSHA1"),
                    Instant.ofEpochSecond(step * 30));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code that is not the seed's at {@code offset}. */
    static String wrong(String base32Seed, int offset) {
        String right = at(base32Seed, offset);
        return String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
    }
}
