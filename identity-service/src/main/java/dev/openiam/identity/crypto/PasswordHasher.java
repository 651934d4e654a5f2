package dev.openiam.identity.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Console passwords hashed with Argon2id (Bouncy Castle) and kept as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so a hash names the parameters it was made with and
 * stronger parameters can follow without rehashing everyone. The defaults are OWASP's recommendation for
 * Argon2id (19 MiB of memory, 2 iterations, 1 lane). A hash takes tens of milliseconds of CPU: never on an
 * event loop.
 */
public final class PasswordHasher {

    /** The parameters of new hashes. */
    public record Params(int memoryKib, int iterations, int parallelism) {
        public static final Params OWASP = new Params(19_456, 2, 1);
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final Params params;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Params params) {
        this.params = params;
    }

    public PasswordHasher() {
        this(Params.OWASP);
    }

    public Params params() {
        return params;
    }

    /** A new hash of {@code password} with a fresh salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether {@code password} is the one {@code encoded} was made from. The digests are compared in constant
     * time; an unreadable hash matches nothing.
     */
    public boolean verify(String password, String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return false;
        }
        Params stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        byte[] salt = B64_DECODE.decode(m.group(4));
        byte[] expected = B64_DECODE.decode(m.group(5));
        byte[] actual = derive(password, salt, stored, expected.length);
        boolean same = MessageDigest.isEqual(expected, actual);
        Arrays.fill(actual, (byte) 0);
        return same;
    }

    private static byte[] derive(String password, byte[] salt, Params params, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKib())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(bytes, out);
        Arrays.fill(bytes, (byte) 0);
        return out;
    }
}
