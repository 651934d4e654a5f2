package dev.openiam.identity.mfa.domain;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * TOTP as RFC 6238 and every authenticator app define it: 30-second steps, 6 digits, HMAC-SHA1 (java-otp). A seed is
 * 40 random bytes written in base32 (64 characters, as AWS's), what the QR code carries.
 */
final class Totp {

    static final long STEP_SECONDS = 30;
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

    private Totp() {
    }

    static String newSeed(SecureRandom random) {
        byte[] seed = new byte[40];
        random.nextBytes(seed);
        return new Base32().encodeAsString(seed);
    }

    /** The time step {@code now} falls in. */
    static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit code of {@code step}. */
    static String code(String base32Seed, long step) {
        try {
            return GENERATOR.generateOneTimePasswordString(key(base32Seed), Instant.ofEpochSecond(step * STEP_SECONDS));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an MFA seed is not a usable HMAC key", e);
        }
    }

    /** The first step in {@code [from, to]} whose code is {@code code}, compared in constant time. */
    static OptionalLong matchingStep(String base32Seed, String code, long from, long to) {
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = from; step <= to; step++) {
            if (MessageDigest.isEqual(code(base32Seed, step).getBytes(StandardCharsets.US_ASCII), presented)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The first step {@code s} in {@code [from, to]} at which {@code first} is the code of {@code s - 1} and
     * {@code second} the code of {@code s}: two consecutive codes, as EnableMFADevice and ResyncMFADevice take them.
     */
    static OptionalLong consecutive(String base32Seed, String first, String second, long from, long to) {
        for (long step = from; step <= to; step++) {
            OptionalLong match = matchingStep(base32Seed, second, step, step);
            if (match.isPresent() && matchingStep(base32Seed, first, step - 1, step - 1).isPresent()) {
                return match;
            }
        }
        return OptionalLong.empty();
    }

    private static SecretKeySpec key(String base32Seed) {
        return new SecretKeySpec(new Base32().decode(base32Seed), GENERATOR.getAlgorithm());
    }
}
