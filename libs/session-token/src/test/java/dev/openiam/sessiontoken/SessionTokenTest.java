package dev.openiam.sessiontoken;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.IamException;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTokenTest {

    static final ServiceKey SIGNING = ServiceKey.generate("sts-service");
    static final ServiceKey ENCRYPTION = ServiceKey.generate("sts-session");
    static final String KEY_ID = "ASIAAAAAAAAAAAAAAAAA";

    final SessionTokenIssuer issuer = new SessionTokenIssuer(SIGNING, ENCRYPTION);
    final SessionTokenVerifier verifier = new SessionTokenVerifier(SIGNING.publicJwks(), ENCRYPTION);

    static SessionClaims session(Instant issued, Instant expires) {
        return new SessionClaims(KEY_ID, "s3cr3t/of/forty/characters/xxxxxxxxxxxx", "123456789012",
                "arn:aws:sts::123456789012:assumed-role/app/alice", "AROAAAAAAAAAAAAAAAAA:alice",
                "arn:aws:iam::123456789012:role/app", "AssumedRole", issued, expires, issued,
                "{\"Version\":\"2012-10-17\"}", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), Map.of("team", "core"),
                List.of("team"), "alice@example.com", null, true);
    }

    @Test
    void roundTripsEveryClaim() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SessionClaims sent = session(now, now.plusSeconds(900));
        assertThat(verifier.verify(issuer.issue(sent), KEY_ID)).isEqualTo(sent);
        assertThat(sent.caller().session().console()).isFalse();
    }

    @Test
    void aConsoleSignInsSessionSaysSoToEveryFrontDoor() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SessionClaims sent = new SessionClaims(KEY_ID, "s3cr3t/of/forty/characters/xxxxxxxxxxxx", "123456789012",
                "arn:aws:iam::123456789012:user/alice", "AIDAAAAAAAAAAAAAAAAA", "arn:aws:iam::123456789012:user/alice",
                "IAMUser", now, now.plusSeconds(900), null, null, List.of(), Map.of(), List.of(), null, null, false, true);
        SessionClaims received = verifier.verify(issuer.issue(sent), KEY_ID);
        assertThat(received).isEqualTo(sent);
        var session = received.caller().session();
        assertThat(session.console()).isTrue();
        assertThat(dev.openiam.internalauth.SessionContext.fromMap(session.toMap())).isEqualTo(session);
    }

    @Test
    void theSecretIsNotReadableInTheToken() {
        String token = issuer.issue(session(Instant.now(), Instant.now().plusSeconds(900)));
        assertThat(token.split("\\.")).hasSize(5);
        for (String part : token.split("\\.")) {
            String decoded = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1);
            assertThat(decoded).doesNotContain("s3cr3t").doesNotContain("assumed-role");
        }
        assertThat(session(Instant.now(), Instant.now()).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theContentKeyIsWrappedWithTheKeyOnlyHoldersOfTheSessionKeyDerive() throws Exception {
        String token = issuer.issue(session(Instant.now(), Instant.now().plusSeconds(900)));
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"A256KW\"").contains("\"enc\":\"A256GCM\"").contains(ENCRYPTION.kid());
        // the same key pair derives the same wrapping key; another pair (or its public half alone) cannot
        assertThat(SessionWrapKey.of(ENCRYPTION).getEncoded()).isEqualTo(SessionWrapKey.of(ENCRYPTION).getEncoded())
                .isNotEqualTo(SessionWrapKey.of(ServiceKey.generate("sts-session")).getEncoded());
        org.jose4j.jwe.JsonWebEncryption jwe = new org.jose4j.jwe.JsonWebEncryption();
        jwe.setCompactSerialization(token);
        jwe.setKey(SessionWrapKey.of(ENCRYPTION));
        assertThat(jwe.getPayload()).startsWith("ey").doesNotContain("s3cr3t"); // the signed JWT inside
    }

    @Test
    void aTokenOfTheEarlierVersionEncryptedByEcdhEsStillOpensUntilItExpires() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SessionClaims sent = session(now, now.plusSeconds(900));
        String earlier = io.smallrye.jwt.build.Jwt.claims()
                .issuer(SessionTokenIssuer.ISSUER).subject(sent.arn()).issuedAt(now.getEpochSecond())
                .expiresAt(now.plusSeconds(900).getEpochSecond())
                .claim(Claim.ACCESS_KEY_ID, KEY_ID).claim(Claim.SECRET, sent.secretAccessKey()).claim(Claim.ACCOUNT, sent.accountId())
                .claim(Claim.PRINCIPAL_ID, sent.principalId()).claim(Claim.SOURCE_ARN, sent.sourceArn()).claim(Claim.TYPE, sent.type())
                .claim(Claim.CHAINED, false)
                .jws().keyId(SIGNING.kid()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256).innerSign(SIGNING.privateKey())
                .keyId(ENCRYPTION.kid()).keyAlgorithm(io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm.ECDH_ES_A256KW)
                .contentAlgorithm(io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm.A256GCM).encrypt(ENCRYPTION.publicKey());
        assertThat(verifier.verify(earlier, KEY_ID).arn()).isEqualTo(sent.arn());
        // any other key algorithm is refused before anything is decrypted
        String direct = io.smallrye.jwt.build.Jwt.claims().issuer(SessionTokenIssuer.ISSUER).claim(Claim.ACCESS_KEY_ID, KEY_ID)
                .jwe().keyAlgorithm(io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm.DIR)
                .contentAlgorithm(io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm.A256GCM).encrypt(SessionWrapKey.of(ENCRYPTION));
        assertCode(() -> verifier.verify(direct, KEY_ID), "InvalidClientTokenId");
    }

    @Test
    void expiredIsExpiredTokenAndEverythingElseInvalid() {
        Instant past = Instant.now().minusSeconds(3600);
        assertCode(() -> verifier.verify(issuer.issue(session(past, past.plusSeconds(900))), KEY_ID), "ExpiredToken");
        String token = issuer.issue(session(Instant.now(), Instant.now().plusSeconds(900)));
        assertCode(() -> verifier.verify(token, "ASIABBBBBBBBBBBBBBBB"), "InvalidClientTokenId");
        char last = token.charAt(token.length() - 3);
        assertCode(() -> verifier.verify(token.substring(0, token.length() - 3) + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 2), KEY_ID), "InvalidClientTokenId");
        assertCode(() -> verifier.verify("not.a.token", KEY_ID), "InvalidClientTokenId");
        assertCode(() -> verifier.verify(null, KEY_ID), "InvalidClientTokenId");
    }

    @Test
    void aTokenSignedByAnyoneElseOrEncryptedToAnotherKeyIsInvalid() {
        Instant now = Instant.now();
        String forged = new SessionTokenIssuer(ServiceKey.generate("sts-service"), ENCRYPTION).issue(session(now, now.plusSeconds(900)));
        assertCode(() -> verifier.verify(forged, KEY_ID), "InvalidClientTokenId");
        String elsewhere = new SessionTokenIssuer(SIGNING, ServiceKey.generate("sts-session")).issue(session(now, now.plusSeconds(900)));
        assertCode(() -> verifier.verify(elsewhere, KEY_ID), "InvalidClientTokenId");
    }

    @Test
    void onlyAnEs256SignatureOverEveryClaimATokenCarriesOpens() throws Exception {
        Instant now = Instant.now();
        // signed as sts-service signs, sealed as it seals, but without the secret: refused
        org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.JwtClaims();
        claims.setIssuer(SessionTokenIssuer.ISSUER);
        claims.setSubject("arn:aws:sts::123456789012:assumed-role/app/alice");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond() + 900));
        claims.setClaim(Claim.ACCESS_KEY_ID, KEY_ID);
        claims.setClaim(Claim.ACCOUNT, "123456789012");
        claims.setClaim(Claim.PRINCIPAL_ID, "AROAAAAAAAAAAAAAAAAA:alice");
        claims.setClaim(Claim.SOURCE_ARN, "arn:aws:iam::123456789012:role/app");
        claims.setClaim(Claim.TYPE, "AssumedRole");
        claims.setClaim(Claim.CHAINED, false);
        assertCode(() -> verifier.verify(sealed(claims, org.jose4j.jws.AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                SIGNING.privateKey(), SIGNING.kid()), KEY_ID), "InvalidClientTokenId");
        // every claim, but a MAC under the wrapping key every front door holds instead of sts-service's signature
        claims.setClaim(Claim.SECRET, "s3cr3t/of/forty/characters/xxxxxxxxxxxx");
        assertThat(verifier.verify(sealed(claims, org.jose4j.jws.AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                SIGNING.privateKey(), SIGNING.kid()), KEY_ID).accountId()).as("the same token, ES256").isEqualTo("123456789012");
        assertCode(() -> verifier.verify(sealed(claims, org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256,
                SessionWrapKey.of(ENCRYPTION), SIGNING.kid()), KEY_ID), "InvalidClientTokenId");
        // and another issuer
        claims.setIssuer("someone-else");
        assertCode(() -> verifier.verify(sealed(claims, org.jose4j.jws.AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                SIGNING.privateKey(), SIGNING.kid()), KEY_ID), "InvalidClientTokenId");
    }

    @Test
    void aKeyPublishedForEncryptionNeverVerifiesASignature() throws Exception {
        Instant now = Instant.now();
        // sts-service's JWKS with its agreement key beside the signing key: tokens still open
        assertThat(new SessionTokenVerifier(SIGNING.trustJwks(), ENCRYPTION).verify(issuer.issue(session(now, now.plusSeconds(900))),
                KEY_ID).arn()).endsWith("/alice");
        // a P-256 key published with use "enc" is not a signing key, whatever a token signed with it says
        ServiceKey other = ServiceKey.generate("sts-service");
        org.jose4j.jwk.JsonWebKey enc = org.jose4j.jwk.JsonWebKey.Factory.newJwk(other.publicKey());
        enc.setKeyId(other.kid());
        enc.setUse(org.jose4j.jwk.Use.ENCRYPTION);
        JsonWebKeySet published = new JsonWebKeySet(SIGNING.publicJwks());
        published.addJsonWebKey(enc);
        SessionTokenVerifier verifier = new SessionTokenVerifier(published.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), ENCRYPTION);
        String signedByEnc = new SessionTokenIssuer(other, ENCRYPTION).issue(session(now, now.plusSeconds(900)));
        assertThatThrownBy(() -> verifier.verify(signedByEnc, KEY_ID)).isInstanceOf(UnknownSigningKeyException.class);
    }

    private static String sealed(org.jose4j.jwt.JwtClaims claims, String alg, java.security.Key key, String kid) throws Exception {
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        return SessionWrapKey.seal(jws, ENCRYPTION.kid(), SessionWrapKey.of(ENCRYPTION));
    }

    @Test
    void aRetiredSigningKeyVerifiesWhileItIsStillPublished() throws Exception {
        ServiceKey next = ServiceKey.generate("sts-service");
        Instant now = Instant.now();
        String old = issuer.issue(session(now, now.plusSeconds(900)));
        String fresh = new SessionTokenIssuer(next, ENCRYPTION).issue(session(now, now.plusSeconds(900)));
        JsonWebKeySet published = new JsonWebKeySet(SIGNING.publicJwks());
        new JsonWebKeySet(next.publicJwks()).getJsonWebKeys().forEach(published::addJsonWebKey);
        String both = published.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        SessionTokenVerifier rotated = new SessionTokenVerifier(both, ENCRYPTION);
        assertThat(rotated.verify(old, KEY_ID).arn()).endsWith("/alice");
        assertThat(rotated.verify(fresh, KEY_ID).arn()).endsWith("/alice");
        // once the retired key is withdrawn, its tokens stop working
        assertCode(() -> new SessionTokenVerifier(next.publicJwks(), ENCRYPTION).verify(old, KEY_ID), "InvalidClientTokenId");
        // and the verifier can tell it was the key it did not know (worth fetching the published keys anew)
        assertThatThrownBy(() -> new SessionTokenVerifier(next.publicJwks(), ENCRYPTION).verify(old, KEY_ID))
                .isInstanceOf(UnknownSigningKeyException.class);
        assertThatThrownBy(() -> verifier.verify(fresh.substring(0, fresh.length() - 3) + "AAA", KEY_ID))
                .isNotInstanceOf(UnknownSigningKeyException.class);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code().awsCode()).isEqualTo(code));
    }
}
