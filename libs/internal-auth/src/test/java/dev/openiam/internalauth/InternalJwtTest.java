package dev.openiam.internalauth;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalJwtTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final CallerClaims ALICE = new CallerClaims("arn:aws:iam::111122223333:user/alice", "111122223333",
            "AIDAAAAAAAAAAAAAAAAA", "AKIAAAAAAAAAAAAAAAAA", false);

    final InternalJwt jwt = new InternalJwt(SECRET);

    @Test
    void roundTripsTheCaller() {
        assertThat(jwt.verify(jwt.sign("policy-service", ALICE), "policy-service")).isEqualTo(ALICE);
        CallerClaims root = new CallerClaims("arn:aws:iam::111122223333:root", "111122223333", "111122223333", "AKIABBBBBBBBBBBBBBBB", true);
        assertThat(jwt.verify(jwt.sign("identity-service", root), "identity-service")).isEqualTo(root);
    }

    @Test
    void refusesAnotherAudienceKeyIssuerOrAlgorithm() {
        assertDenied(() -> jwt.verify(jwt.sign("policy-service", ALICE), "identity-service"));
        InternalJwt other = new InternalJwt("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertDenied(() -> jwt.verify(other.sign("policy-service", ALICE), "policy-service"));
        String foreignIssuer = token("someone", 60, AlgorithmIdentifiers.HMAC_SHA256, SECRET);
        assertDenied(() -> jwt.verify(foreignIssuer, "policy-service"));
        String hs512 = token(InternalJwt.ISSUER, 60, AlgorithmIdentifiers.HMAC_SHA512, (new String(SECRET) + new String(SECRET)).getBytes());
        assertDenied(() -> jwt.verify(hs512, "policy-service"));
    }

    @Test
    void refusesExpiredTamperedAndMissingTokens() {
        String expired = token(InternalJwt.ISSUER, -120, AlgorithmIdentifiers.HMAC_SHA256, SECRET);
        assertThat(token(InternalJwt.ISSUER, 60, AlgorithmIdentifiers.HMAC_SHA256, SECRET))
                .as("the same construction unexpired is accepted").satisfies(t -> jwt.verify(t, "policy-service"));
        assertDenied(() -> jwt.verify(expired, "policy-service"));
        String token = jwt.sign("policy-service", ALICE);
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        assertDenied(() -> jwt.verify(tampered, "policy-service"));
        assertDenied(() -> jwt.verify(null, "policy-service"));
        assertDenied(() -> jwt.verify("not.a.jwt", "policy-service"));
    }

    @Test
    void readsBearerHeadersAndRefusesShortSecrets() {
        assertThat(InternalJwt.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(InternalJwt.bearer("Basic abc")).isNull();
        assertThat(InternalJwt.bearer(null)).isNull();
        assertThatThrownBy(() -> new InternalJwt(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    /** A token built by hand: issuer, seconds until expiry (negative: expired), algorithm and key. */
    private static String token(String issuer, long expiresInSeconds, String algorithm, byte[] key) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience("policy-service");
            claims.setSubject(ALICE.arn());
            NumericDate expiry = NumericDate.now();
            expiry.addSeconds(expiresInSeconds);
            claims.setExpirationTime(expiry);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setKey(new SecretKeySpec(key, algorithm.equals(AlgorithmIdentifiers.HMAC_SHA512) ? "HmacSHA512" : "HmacSHA256"));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }
}
