package dev.openiam.identity.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    /** Small parameters keep the test fast; the defaults are checked separately. */
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Params(64, 1, 1));

    @Test
    void verifiesOnlyThePasswordItWasMadeFrom() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapLe", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void isAnArgon2idPhcStringWithAFreshSaltAndNoPassword() {
        String first = hasher.hash("S3cret!pass");
        assertThat(first).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("S3cret");
        assertThat(hasher.hash("S3cret!pass")).isNotEqualTo(first);
    }

    @Test
    void isTheArgon2idOfBouncyCastleWithTheStoredParameters() {
        String[] parts = hasher.hash("pässword").split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(64).withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] expected = new byte[32];
        generator.generateBytes("pässword".getBytes(StandardCharsets.UTF_8), expected);
        assertThat(Base64.getDecoder().decode(parts[5])).isEqualTo(expected);
    }

    @Test
    void verifiesWithTheParametersAHashNamesNotTheCurrentOnes() {
        String old = hasher.hash("pw-1234");
        assertThat(new PasswordHasher(new PasswordHasher.Params(128, 2, 1)).verify("pw-1234", old)).isTrue();
    }

    @Test
    void anUnreadableOrTamperedHashMatchesNothing() {
        String hash = hasher.hash("pw");
        assertThat(hasher.verify("pw", null)).isFalse();
        assertThat(hasher.verify("pw", "plain text")).isFalse();
        assertThat(hasher.verify("pw", hash.replace("$argon2id$", "$argon2i$"))).isFalse();
        // Flip one bit of the digest itself: editing the last Base64 character may only touch its unused low bits.
        int cut = hash.lastIndexOf('$') + 1;
        byte[] digest = Base64.getDecoder().decode(hash.substring(cut));
        digest[0] ^= 1;
        String tampered = hash.substring(0, cut) + Base64.getEncoder().withoutPadding().encodeToString(digest);
        assertThat(hasher.verify("pw", tampered)).isFalse();
    }

    @Test
    void defaultsAreOwaspsArgon2idRecommendation() {
        assertThat(new PasswordHasher().params()).isEqualTo(new PasswordHasher.Params(19_456, 2, 1));
        assertThat(new PasswordHasher().hash("x")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }
}
