package dev.openiam.internalauth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.openiam.internalauth.TokenVerifierTest.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

/** The pairwise keys: who can compute which, and what happens when a key changes. */
class PeerKeysTest {

    static final ServiceKey A = ServiceKey.generate("identity-service");
    static final ServiceKey B = ServiceKey.generate("policy-service");
    static final ServiceKey C = ServiceKey.generate("sts-service");
    static final Map<Purpose, Set<String>> ALLOWED = Map.of(Purpose.DECIDE, Set.of("identity-service", "sts-service"));
    static final byte[] BODY = "{}".getBytes();

    @Test
    void bothEndsDeriveTheSameKeyForAnOrderedPairAndNoOneElseDoes() {
        PeerKeys.MacKey aToB = new PeerKeys(A, TrustedKeys.of(B, C)).sending("policy-service");
        PeerKeys.MacKey atB = new PeerKeys(B, TrustedKeys.of(A, C)).receiving(aToB.kid()).orElseThrow();
        assertThat(atB.key().getEncoded()).isEqualTo(aToB.key().getEncoded());
        assertThat(atB.sender()).isEqualTo("identity-service");
        assertThat(atB.receiver()).isEqualTo("policy-service");
        assertThat(aToB.kid()).isEqualTo(A.agreementKey().kid() + "." + B.agreementKey().kid());
        // the other direction, and the pair with another receiver, have keys of their own
        PeerKeys.MacKey bToA = new PeerKeys(B, TrustedKeys.of(A)).sending("identity-service");
        assertThat(bToA.key().getEncoded()).isNotEqualTo(aToB.key().getEncoded());
        PeerKeys.MacKey aToC = new PeerKeys(A, TrustedKeys.of(C)).sending("sts-service");
        assertThat(aToC.key().getEncoded()).isNotEqualTo(aToB.key().getEncoded());
        // C cannot resolve a kid that names B's agreement key, whatever it knows
        assertThat(new PeerKeys(C, TrustedKeys.of(A, B)).receiving(aToB.kid())).isEmpty();
        assertThat(new PeerKeys(B, TrustedKeys.of(A)).receiving("nonsense")).isEmpty();
        assertThat(new PeerKeys(B, TrustedKeys.of(A)).receiving(null)).isEmpty();
    }

    @Test
    void aTokenMadeForOneServiceIsRefusedByAnother() {
        TrustedKeys receivers = TrustedKeys.of(B, C);
        String forB = new TokenIssuer(A, receivers).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        TokenVerifier atC = new TokenVerifier(new PeerKeys(C, TrustedKeys.of(A, B)), ALLOWED, Clock.systemUTC(), 100);
        assertDenied(() -> atC.verify("Bearer " + forB, Purpose.DECIDE, "POST", "/v1/authorize", BODY));
        // C's own verifier would also need the audience: a token to C passes there
        String forC = new TokenIssuer(A, receivers).issue("sts-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertThat(atC.verify("Bearer " + forC, Purpose.DECIDE, "POST", "/v1/authorize", BODY).issuer()).isEqualTo("identity-service");
        TokenVerifier atB = new TokenVerifier(new PeerKeys(B, TrustedKeys.of(A, C)), ALLOWED, Clock.systemUTC(), 100);
        assertDenied(() -> atB.verify("Bearer " + forC, Purpose.DECIDE, "POST", "/v1/authorize", BODY));
        assertThat(atB.verify("Bearer " + forB, Purpose.DECIDE, "POST", "/v1/authorize", BODY).issuer()).isEqualTo("identity-service");
    }

    @Test
    void aReceiverRefusesATokenOfASendersKeyItDoesNotKnowThenReadsTheKeysAgain() {
        ServiceKey rotated = ServiceKey.generate("identity-service");
        AtomicReference<TrustedKeys> published = new AtomicReference<>(TrustedKeys.of(A));
        AtomicInteger reads = new AtomicInteger();
        PeerKeys atB = new PeerKeys(B, published.get(), () -> {
            reads.incrementAndGet();
            return published.get();
        }, Duration.ZERO, Runnable::run, Clock.systemUTC());
        TokenVerifier verifier = new TokenVerifier(atB, ALLOWED, Clock.systemUTC(), 100);
        TrustedKeys receivers = TrustedKeys.of(B);

        String old = new TokenIssuer(A, receivers).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertThat(verifier.verify("Bearer " + old, Purpose.DECIDE, "POST", "/v1/authorize", BODY).issuer()).isEqualTo("identity-service");
        assertThat(reads).hasValue(0);

        // identity-service now runs with a new key; policy-service's published keys are not updated yet: fail closed
        String fresh = new TokenIssuer(rotated, receivers).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertDenied(() -> verifier.verify("Bearer " + fresh, Purpose.DECIDE, "POST", "/v1/authorize", BODY));
        assertThat(reads).as("an unknown key has the keys read again").hasValue(1);

        // the new key is published (and the old one retired): the next token passes, one of the old key does not
        published.set(TrustedKeys.of(rotated));
        String next = new TokenIssuer(rotated, receivers).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertDenied(() -> verifier.verify("Bearer " + next, Purpose.DECIDE, "POST", "/v1/authorize", BODY));
        String afterRead = new TokenIssuer(rotated, receivers).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertThat(verifier.verify("Bearer " + afterRead, Purpose.DECIDE, "POST", "/v1/authorize", BODY).issuer()).isEqualTo("identity-service");
        String ofOldKey = new TokenIssuer(A, receivers).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertDenied(() -> verifier.verify("Bearer " + ofOldKey, Purpose.DECIDE, "POST", "/v1/authorize", BODY));
    }

    @Test
    void rereadingIsRateLimitedAndAFailedReadKeepsTheKeysKnown() {
        AtomicInteger reads = new AtomicInteger();
        TokenVerifierTest.MovableClock clock = new TokenVerifierTest.MovableClock();
        PeerKeys atB = new PeerKeys(B, TrustedKeys.of(A), () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("the directory is gone");
        }, Duration.ofSeconds(10), Runnable::run, clock);
        String unknown = ServiceKey.generate("identity-service").agreementKey().kid() + "." + B.agreementKey().kid();
        assertThat(atB.receiving(unknown)).isEmpty();
        assertThat(atB.receiving(unknown)).isEmpty();
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(atB.receiving(unknown)).isEmpty();
        assertThat(reads).hasValue(2);
        assertThat(atB.receiving(new PeerKeys(A, TrustedKeys.of(B)).sending("policy-service").kid())).isPresent();
    }

    @Test
    void aSenderWithAStaleKeyOfTheReceiverIsRefusedUntilItReadsTheKeysAgain() {
        ServiceKey rotatedB = ServiceKey.generate("policy-service");
        AtomicReference<TrustedKeys> published = new AtomicReference<>(TrustedKeys.of(B));
        PeerKeys atA = new PeerKeys(A, published.get(), published::get, Duration.ZERO, Runnable::run, Clock.systemUTC());
        TokenIssuer issuer = new TokenIssuer(atA, Clock.systemUTC());
        TokenVerifier atRotatedB = new TokenVerifier(new PeerKeys(rotatedB, TrustedKeys.of(A)), ALLOWED, Clock.systemUTC(), 100);
        String stale = issuer.issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertDenied(() -> atRotatedB.verify("Bearer " + stale, Purpose.DECIDE, "POST", "/v1/authorize", BODY));
        // what ServiceTrust.peerRefused does when the receiver answers 401 or 403
        published.set(TrustedKeys.of(rotatedB));
        atA.refreshSoon();
        String fresh = issuer.issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", BODY, null, null);
        assertThat(atRotatedB.verify("Bearer " + fresh, Purpose.DECIDE, "POST", "/v1/authorize", BODY).issuer()).isEqualTo("identity-service");
    }
}
