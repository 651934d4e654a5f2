package dev.openiam.internalauth;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every refusal of {@link TokenVerifier}, each with a token that is right in every other respect, and a good token. */
class TokenVerifierTest {

    static final ServiceKey IDENTITY = ServiceKey.generate("identity-service");
    static final ServiceKey STS = ServiceKey.generate("sts-service");
    static final ServiceKey POLICY = ServiceKey.generate("policy-service");
    /** What the senders know of the receivers. */
    static final TrustedKeys RECEIVERS = TrustedKeys.of(POLICY, ServiceKey.generate("identity-service"));
    static final CallerClaims ALICE = new CallerClaims("arn:aws:iam::111122223333:user/alice", "111122223333",
            "AIDAAAAAAAAAAAAAAAAA", "AKIAAAAAAAAAAAAAAAAA", false);
    static final String PATH = "/internal/v1/iam";
    static final byte[] BODY = "{\"action\":\"CreatePolicy\",\"params\":{\"PolicyName\":\"p\"}}".getBytes(StandardCharsets.UTF_8);
    static final Map<Purpose, Set<String>> ALLOWED = Map.of(
            Purpose.FORWARD, Set.of("identity-service"),
            Purpose.DECIDE, Set.of("identity-service", "sts-service"));

    final MovableClock clock = new MovableClock();
    final TokenVerifier verifier = new TokenVerifier(POLICY, TrustedKeys.of(IDENTITY, STS), ALLOWED, clock);

    String forward(ServiceKey key) {
        return new TokenIssuer(key, RECEIVERS, clock).issue("policy-service", Purpose.FORWARD, "POST", PATH, BODY, ALICE, "iam:CreatePolicy");
    }

    ServiceCall verifyForward(String token) {
        return verifier.verify("Bearer " + token, Purpose.FORWARD, "POST", PATH, BODY);
    }

    @Test
    void acceptsAGoodTokenOnceAndTellsWhoCallsForWhom() {
        String token = forward(IDENTITY);
        ServiceCall call = verifyForward(token);
        assertThat(call.issuer()).isEqualTo("identity-service");
        assertThat(call.purpose()).isEqualTo(Purpose.FORWARD);
        assertThat(call.caller()).isEqualTo(ALICE);
        assertThat(call.action()).isEqualTo("iam:CreatePolicy");
        assertThat(call.jti()).isNotBlank();
        assertDenied(() -> verifyForward(token));
    }

    @Test
    void aCallerAuthenticatedWithMfaKeepsItsMfaTimeAndOthersHaveNone() {
        CallerClaims withMfa = new CallerClaims(ALICE.arn(), ALICE.accountId(), ALICE.principalId(), ALICE.accessKeyId(), false,
                java.time.Instant.parse("2026-12-01T10:00:00Z"));
        String token = new TokenIssuer(IDENTITY, RECEIVERS, clock).issue("policy-service", Purpose.DECIDE, "POST", PATH, BODY, withMfa, null);
        assertThat(verifier.verify("Bearer " + token, Purpose.DECIDE, "POST", PATH, BODY).caller()).isEqualTo(withMfa);
        assertThat(verifyForward(forward(IDENTITY)).caller().mfaAuthenticatedAt()).isNull();
    }

    @Test
    void aSessionCallerKeepsItsSessionAndItsMapFormRoundTrips() {
        java.time.Instant issued = java.time.Instant.ofEpochSecond(clock.instant().getEpochSecond() - 60);
        SessionContext session = new SessionContext("arn:aws:iam::111122223333:role/app", "AssumedRole", issued,
                issued.plusSeconds(3600), "{\"Version\":\"2012-10-17\",\"Statement\":[]}", java.util.List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Map.of("team", "blue"), java.util.List.of("team"), "alice@example.com", null, true);
        CallerClaims caller = new CallerClaims("arn:aws:sts::111122223333:assumed-role/app/s1", "111122223333",
                "AROAAAAAAAAAAAAAAAAA:s1", "ASIAAAAAAAAAAAAAAAAA", false, issued, session);
        String token = new TokenIssuer(IDENTITY, RECEIVERS, clock).issue("policy-service", Purpose.DECIDE, "POST", PATH, BODY, caller, null);
        assertThat(verifier.verify("Bearer " + token, Purpose.DECIDE, "POST", PATH, BODY).caller()).isEqualTo(caller);
        assertThat(CallerClaims.fromMap(caller.toMap())).isEqualTo(caller);
        assertThat(SessionContext.fromMap(null)).isNull();
        assertThat(caller.toMap().toString()).doesNotContain("secret");
    }

    @Test
    void purposesAreNamedInLowerCaseWithHyphens() {
        assertThat(Purpose.VERIFY_MFA.claim()).isEqualTo("verify-mfa");
        assertThat(Purpose.fromClaim("verify-mfa")).isEqualTo(Purpose.VERIFY_MFA);
        assertThat(Purpose.fromClaim("forward")).isEqualTo(Purpose.FORWARD);
    }

    @Test
    void aServiceMayCallOnItsOwnBehalfAndAGetBindsAnEmptyBody() {
        ServiceKey identityKey = ServiceKey.generate("identity-service");
        TokenVerifier identity = new TokenVerifier(identityKey, TrustedKeys.of(STS), Map.of(Purpose.SNAPSHOT, Set.of("sts-service")), clock);
        String path = "/internal/v1/accounts/111122223333/principals";
        String token = new TokenIssuer(STS, TrustedKeys.of(identityKey), clock).issue("identity-service", Purpose.SNAPSHOT, "GET", path, null, null, null);
        ServiceCall call = identity.verify("Bearer " + token, Purpose.SNAPSHOT, "GET", path, new byte[0]);
        assertThat(call.caller()).isNull();
        assertThat(call.action()).isNull();
    }

    @Test
    void refusesMissingAndMalformedHeaders() {
        assertDenied(() -> verifier.verify(null, Purpose.FORWARD, "POST", PATH, BODY));
        assertDenied(() -> verifier.verify("Basic dXNlcjpwYXNz", Purpose.FORWARD, "POST", PATH, BODY));
        assertDenied(() -> verifier.verify("Bearer ", Purpose.FORWARD, "POST", PATH, BODY));
        assertDenied(() -> verifier.verify("Bearer not.a.jwt", Purpose.FORWARD, "POST", PATH, BODY));
        assertDenied(() -> verifier.verify(forward(IDENTITY), Purpose.FORWARD, "POST", PATH, BODY));
    }

    @Test
    void refusesAKeyItDoesNotTrustEvenUnderATrustedName() {
        assertDenied(() -> verifyForward(forward(ServiceKey.generate("identity-service"))));
        assertDenied(() -> verifyForward(forward(ServiceKey.generate("audit-service"))));
    }

    @Test
    void refusesAnIssuerClaimingAnotherServicesName() {
        // sts-service's own pairwise key with policy-service, but iss says identity-service
        assertDenied(() -> verifyForward(signed(STS, claims -> claims.issuer("identity-service"))));
        // identity-service's token with its iss changed: the MAC no longer matches, and no one but identity- and
        // policy-service can make a new one
        String[] parts = forward(IDENTITY).split("\\.");
        String asSts = base64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"iss\":\"identity-service\"", "\"iss\":\"sts-service\""));
        assertThat(asSts).isNotEqualTo(parts[1]);
        assertDenied(() -> verifyForward(parts[0] + "." + asSts + "." + parts[2]));
        // nor can the kid be made to name sts-service's key with policy-service
        String stsKid = base64("{\"kid\":\"" + STS.agreementKey().kid() + "." + POLICY.agreementKey().kid() + "\",\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        assertDenied(() -> verifyForward(stsKid + "." + parts[1] + "." + parts[2]));
        assertDenied(() -> verifyForward(stsKid + "." + asSts + "." + parts[2]));
    }

    @Test
    void refusesATokenWithoutKidEvenWhenOnlyOneKeyIsTrusted() {
        TokenVerifier one = new TokenVerifier(POLICY, TrustedKeys.of(IDENTITY), ALLOWED, clock);
        String token = validClaims(IDENTITY).jws().algorithm(SignatureAlgorithm.HS256).sign(pairwise(IDENTITY).key());
        assertDenied(() -> one.verify("Bearer " + token, Purpose.FORWARD, "POST", PATH, BODY));
        assertThat(one.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH, BODY).issuer())
                .as("the same construction with its kid passes").isEqualTo("identity-service");
    }

    @Test
    void refusesBadSignatures() {
        String token = forward(IDENTITY);
        String[] parts = token.split("\\.");
        String otherSignature = forward(IDENTITY).split("\\.")[2];
        assertDenied(() -> verifyForward(parts[0] + "." + parts[1] + "." + otherSignature));
        String otherClaims = forward(IDENTITY).split("\\.")[1];
        assertDenied(() -> verifyForward(parts[0] + "." + otherClaims + "." + parts[2]));
        assertDenied(() -> verifyForward(parts[0] + "." + parts[1] + "."));
    }

    @Test
    void refusesEveryAlgorithmButHS256UnderThePairwiseKey() throws Exception {
        String kid = pairwise(IDENTITY).kid();
        // HS256 with the public JWKS as the secret: the classic algorithm confusion
        String hs256 = validClaims(IDENTITY).jws().keyId(kid).algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(IDENTITY.trustJwks().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertDenied(() -> verifyForward(hs256));
        // the sender's own signature (what the tokens were before): not accepted any more
        assertDenied(() -> verifyForward(validClaims(IDENTITY).jws().keyId(IDENTITY.kid()).algorithm(SignatureAlgorithm.ES256)
                .sign(IDENTITY.privateKey())));
        assertDenied(() -> verifyForward(validClaims(IDENTITY).jws().keyId(kid).algorithm(SignatureAlgorithm.ES256)
                .sign(IDENTITY.privateKey())));
        // HS384/HS512 under the right key
        assertDenied(() -> verifyForward(validClaims(IDENTITY).jws().keyId(kid).algorithm(SignatureAlgorithm.HS512)
                .sign(new SecretKeySpec(new byte[64], "HmacSHA512"))));
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String es384 = validClaims(IDENTITY).jws().keyId(kid).algorithm(SignatureAlgorithm.ES384)
                .sign(p384.generateKeyPair().getPrivate());
        assertDenied(() -> verifyForward(es384));
        String none = base64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + forward(IDENTITY).split("\\.")[1] + ".";
        assertDenied(() -> verifyForward(none));
    }

    @Test
    void refusesAnotherAudience() {
        String forIdentity = new TokenIssuer(IDENTITY, RECEIVERS, clock).issue("identity-service", Purpose.FORWARD, "POST", PATH, BODY, ALICE, null);
        assertDenied(() -> verifyForward(forIdentity));
        assertDenied(() -> verifyForward(signed(IDENTITY, claims -> claims.audience(Set.of("policy-service", "sts-service")))));
    }

    @Test
    void refusesAnotherPurposeAndAnIssuerNotAllowedForThePurpose() {
        String decide = new TokenIssuer(IDENTITY, RECEIVERS, clock).issue("policy-service", Purpose.DECIDE, "POST", PATH, BODY, ALICE, null);
        assertDenied(() -> verifyForward(decide));
        assertDenied(() -> verifyForward(signed(IDENTITY, claims -> claims.claim("pur", "FORWARD"))));
        assertDenied(() -> verifyForward(forward(STS)));
        // sts-service may decide, though
        String stsDecide = new TokenIssuer(STS, RECEIVERS, clock).issue("policy-service", Purpose.DECIDE, "POST", PATH, BODY, null, null);
        assertThat(verifier.verify("Bearer " + stsDecide, Purpose.DECIDE, "POST", PATH, BODY).issuer()).isEqualTo("sts-service");
    }

    @Test
    void refusesAnotherEndpointOrBody() {
        assertDenied(() -> verifier.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "PUT", PATH, BODY));
        assertDenied(() -> verifier.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH + "/x", BODY));
        byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("\"p\"", "\"q\"").getBytes(StandardCharsets.UTF_8);
        assertDenied(() -> verifier.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH, altered));
        byte[] spaced = (new String(BODY, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertDenied(() -> verifier.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH, spaced));
    }

    @Test
    void refusesExpiredTokens() {
        String token = forward(IDENTITY);
        clock.advance(TokenIssuer.LIFETIME.plus(TokenVerifier.CLOCK_SKEW));
        assertDenied(() -> verifyForward(token));
        clock.advance(Duration.ofSeconds(-60));
        String old = forward(IDENTITY);
        clock.advance(Duration.ofSeconds(60));
        assertDenied(() -> verifyForward(old));
    }

    @Test
    void acceptsATokenWithinTheSkewAfterItsExpiry() {
        String token = forward(IDENTITY);
        clock.advance(TokenIssuer.LIFETIME.plusSeconds(2));
        assertThat(verifyForward(token).issuer()).isEqualTo("identity-service");
    }

    @Test
    void refusesALifetimeOverThirtySeconds() {
        long now = clock.instant().getEpochSecond();
        assertDenied(() -> verifyForward(signed(IDENTITY, claims -> claims.issuedAt(now).expiresAt(now + 31))));
        assertThat(verifyForward(signed(IDENTITY, claims -> claims.issuedAt(now).expiresAt(now + 30))).issuer())
                .as("thirty seconds pass").isEqualTo("identity-service");
    }

    @Test
    void refusesATokenIssuedInTheFutureBeyondTheSkew() {
        MovableClock ahead = new MovableClock();
        ahead.advance(Duration.ofSeconds(10));
        String early = new TokenIssuer(IDENTITY, RECEIVERS, ahead).issue("policy-service", Purpose.FORWARD, "POST", PATH, BODY, ALICE, null);
        assertDenied(() -> verifyForward(early));
        ahead.advance(Duration.ofSeconds(-7));
        String slightlyAhead = new TokenIssuer(IDENTITY, RECEIVERS, ahead).issue("policy-service", Purpose.FORWARD, "POST", PATH, BODY, ALICE, null);
        assertThat(verifyForward(slightlyAhead).issuer()).isEqualTo("identity-service");
    }

    @Test
    void refusesATokenWithAnEmptyJti() {
        // (SmallRye's builder adds a jti when none is given)
        assertDenied(() -> verifyForward(signed(IDENTITY, claims -> claims.claim("jti", ""))));
    }

    @Test
    void aFullReplayGuardRefusesUntilIdsExpire() {
        TokenVerifier small = new TokenVerifier(POLICY, TrustedKeys.of(IDENTITY), ALLOWED, clock, 2);
        small.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH, BODY);
        small.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH, BODY);
        String third = forward(IDENTITY);
        assertDenied(() -> small.verify("Bearer " + third, Purpose.FORWARD, "POST", PATH, BODY));
        clock.advance(TokenIssuer.LIFETIME.plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1));
        assertThat(small.verify("Bearer " + forward(IDENTITY), Purpose.FORWARD, "POST", PATH, BODY).issuer())
                .as("room again once the first two expired").isEqualTo("identity-service");
    }

    @Test
    void aRefusalSaysNothingOfItsReason() {
        assertThatThrownBy(() -> verifyForward(forward(STS))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.getMessage()).isEqualTo("The service call could not be authenticated."));
    }

    /** The claims {@link TokenIssuer} would write for a forward by ALICE, now, before signing. */
    JwtClaimsBuilder validClaims(ServiceKey key) {
        long now = clock.instant().getEpochSecond();
        return Jwt.claims().issuer(key.service()).audience("policy-service").claim("pur", "forward")
                .claim("ept", "POST " + PATH).claim("dig", TokenIssuer.digest(BODY)).claim("jti", java.util.UUID.randomUUID().toString())
                .subject(ALICE.arn()).claim("acct", ALICE.accountId()).claim("root", false).issuedAt(now).expiresAt(now + 20);
    }

    /** A valid forward token of {@code key}, changed by {@code spoil}, MAC'd with its pairwise key with policy-service. */
    String signed(ServiceKey key, UnaryOperator<JwtClaimsBuilder> spoil) {
        PeerKeys.MacKey mac = pairwise(key);
        return spoil.apply(validClaims(key)).jws().keyId(mac.kid()).algorithm(SignatureAlgorithm.HS256).sign(mac.key());
    }

    /** {@code key}'s pairwise key for tokens to policy-service. */
    static PeerKeys.MacKey pairwise(ServiceKey key) {
        return new PeerKeys(key, RECEIVERS).sending("policy-service");
    }

    static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static void assertDenied(Executable call) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    /** The system clock moved by a chosen offset. */
    static final class MovableClock extends Clock {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
