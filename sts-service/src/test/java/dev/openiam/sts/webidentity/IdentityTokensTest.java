package dev.openiam.sts.webidentity;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks of a web identity token, each refusal with STS's error code; keys made here, tokens signed here. */
class IdentityTokensTest {

    static final String ISSUER = "https://issuer.example.com/cluster-1";
    static final List<String> CLIENT_IDS = List.of("sts.amazonaws.com", "app");
    static final Duration SKEW = Duration.ofMinutes(1);

    final PublicJsonWebKey rsa = key(() -> RsaJwkGenerator.generateJwk(2048), "rsa-1");
    final PublicJsonWebKey ec = key(() -> EcJwkGenerator.generateJwk(EllipticCurves.P256), "ec-1");
    final PublicJsonWebKey stranger = key(() -> RsaJwkGenerator.generateJwk(2048), "rsa-1");
    final List<JsonWebKey> published = List.of(publicOnly(rsa), publicOnly(ec));
    final Instant now = Instant.now();

    interface KeyMaker {
        PublicJsonWebKey make() throws JoseException;
    }

    static PublicJsonWebKey key(KeyMaker maker, String kid) {
        try {
            PublicJsonWebKey key = maker.make();
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonWebKey publicOnly(PublicJsonWebKey key) {
        try {
            return JsonWebKey.Factory.newJwk(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("system:serviceaccount:team-a:app");
        claims.setAudience("sts.amazonaws.com");
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond() - 10));
        claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() - 10));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 600));
        change.accept(claims);
        return claims;
    }

    static String sign(JwtClaims claims, PublicJsonWebKey key, String algorithm) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(algorithm);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    String rs256(Consumer<JwtClaims> change) {
        return sign(claims(change), rsa, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    IdentityTokens.Verified verify(String token) {
        return IdentityTokens.verify(token, ISSUER, CLIENT_IDS, published, now, SKEW);
    }

    static void refused(Runnable check, ErrorCode code, String message) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void rs256AndEs256TokensOfTheIssuerAreAccepted() {
        IdentityTokens.Verified verified = verify(rs256(c -> c.setStringListClaim("amr", "mfa", "pwd")));
        assertThat(verified.subject()).isEqualTo("system:serviceaccount:team-a:app");
        assertThat(verified.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(verified.amr()).containsExactly("mfa", "pwd");
        assertThat(verify(sign(claims(c -> c.setAudience("app")), ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)).audience())
                .isEqualTo("app");
        assertThat(IdentityTokens.peek(rs256(c -> { }))).isEqualTo(new IdentityTokens.Unverified(ISSUER, "rsa-1", "system:serviceaccount:team-a:app"));
    }

    @Test
    void sessionTagsAndTransitiveKeysAreReadFromTheTagsClaim() {
        IdentityTokens.Verified verified = verify(rs256(c -> c.setClaim(IdentityTokens.TAGS_CLAIM, Map.of(
                "principal_tags", Map.of("team", List.of("blue")), "transitive_tag_keys", List.of("team")))));
        assertThat(verified.tags()).containsExactly(new dev.openiam.model.Tag("team", "blue"));
        assertThat(verified.transitiveTagKeys()).containsExactly("team");
        assertThat(verify(rs256(c -> { })).tags()).isEmpty();
        refused(() -> verify(rs256(c -> c.setClaim(IdentityTokens.TAGS_CLAIM, Map.of("principal_tags", Map.of("team", "blue"))))),
                ErrorCode.INVALID_IDENTITY_TOKEN, "must be an array of one string");
        refused(() -> verify(rs256(c -> c.setClaim(IdentityTokens.TAGS_CLAIM, "team=blue"))), ErrorCode.INVALID_IDENTITY_TOKEN,
                "is not an object");
    }

    @Test
    void aKubernetesProjectedServiceAccountTokenIsAccepted() {
        String token = rs256(c -> {
            c.setAudience("https://kubernetes.default.svc", "sts.amazonaws.com");
            c.setClaim("kubernetes.io", Map.of("namespace", "team-a",
                    "serviceaccount", Map.of("name", "app", "uid", "7f0a5f6c-0d3c-4c6e-9d0a-1f3f2b9e9a11"),
                    "pod", Map.of("name", "app-5d8f", "uid", "0c1d2e3f-aaaa-bbbb-cccc-000000000001")));
        });
        IdentityTokens.Verified verified = verify(token);
        assertThat(verified.subject()).isEqualTo("system:serviceaccount:team-a:app");
        assertThat(verified.audience()).isEqualTo("sts.amazonaws.com");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsInvalid() {
        refused(() -> verify(sign(claims(c -> { }), stranger, AlgorithmIdentifiers.RSA_USING_SHA256)), ErrorCode.INVALID_IDENTITY_TOKEN,
                IdentityTokens.NOT_VALIDATED);
        // an altered payload under a genuine signature
        String good = rs256(c -> { });
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("team-a", "team-b");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        refused(() -> verify(altered), ErrorCode.INVALID_IDENTITY_TOKEN, IdentityTokens.NOT_VALIDATED);
    }

    @Test
    void unsignedAndHmacTokensAreInvalid() {
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims(c -> { }).toJson());
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        refused(() -> verify(serialize(none)), ErrorCode.INVALID_IDENTITY_TOKEN, IdentityTokens.NOT_VALIDATED);
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(claims(c -> { }).toJson());
        hmac.setKey(new HmacKey(new byte[32]));
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        refused(() -> verify(serialize(hmac)), ErrorCode.INVALID_IDENTITY_TOKEN, IdentityTokens.NOT_VALIDATED);
    }

    static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anotherIssuerOrAnAudienceThatIsNoClientIdIsInvalid() {
        refused(() -> verify(rs256(c -> c.setIssuer("https://issuer.example.com/cluster-2"))), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Incorrect token issuer");
        refused(() -> verify(rs256(c -> c.setAudience("someone-else"))), ErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience");
        refused(() -> verify(rs256(c -> c.setAudience("someone-else", "another"))), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Incorrect token audience");
        refused(() -> verify(rs256(c -> c.unsetClaim("aud"))), ErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience");
        refused(() -> verify(rs256(c -> c.unsetClaim("sub"))), ErrorCode.INVALID_IDENTITY_TOKEN, "no sub claim");
    }

    @Test
    void timesAreCheckedWithASmallSkew() {
        refused(() -> verify(rs256(c -> c.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() - 120)))),
                ErrorCode.EXPIRED_TOKEN_EXCEPTION, "Token expired: current date/time " + now.getEpochSecond());
        refused(() -> verify(rs256(c -> c.unsetClaim("exp"))), ErrorCode.INVALID_IDENTITY_TOKEN, "no exp claim");
        refused(() -> verify(rs256(c -> c.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() + 300)))),
                ErrorCode.INVALID_IDENTITY_TOKEN, "not valid yet");
        refused(() -> verify(rs256(c -> c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond() + 300)))),
                ErrorCode.INVALID_IDENTITY_TOKEN, "issued in the future");
        // within the skew: accepted
        assertThat(verify(rs256(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond() - 600));
            c.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() - 600));
            c.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() - 20));
        })).subject()).isNotNull();
        assertThat(verify(rs256(c -> c.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() + 20)))).subject()).isNotNull();
        assertThat(verify(rs256(c -> c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond() + 20)))).subject()).isNotNull();
    }

    @Test
    void malformedTokensAreInvalid() {
        for (String token : List.of("abcd", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", rs256(c -> { }).replace('.', '!'))) {
            refused(() -> IdentityTokens.peek(token), ErrorCode.INVALID_IDENTITY_TOKEN, "");
            refused(() -> verify(token), ErrorCode.INVALID_IDENTITY_TOKEN, "");
        }
        // peeking reads, it does not check: a damaged signature is found by verify
        String damaged = rs256(c -> { }) + "x";
        assertThat(IdentityTokens.peek(damaged).issuer()).isEqualTo(ISSUER);
        refused(() -> verify(damaged), ErrorCode.INVALID_IDENTITY_TOKEN, IdentityTokens.NOT_VALIDATED);
        refused(() -> IdentityTokens.peek(rs256(c -> c.unsetClaim("iss"))), ErrorCode.INVALID_IDENTITY_TOKEN, "no iss claim");
    }
}
