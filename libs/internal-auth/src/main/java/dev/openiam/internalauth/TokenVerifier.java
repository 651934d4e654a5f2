package dev.openiam.internalauth;

import dev.openiam.internalauth.TokenIssuer.Claim;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the tokens other services present to this one with jose4j (SmallRye JWT's JOSE library): the HS256 MAC under
 * the pairwise key its {@code kid} names ({@link PeerKeys}: a known peer's agreement key and this service's own;
 * {@code alg} HS256 only), then what the MAC alone does not say: the key's peer is the issuer, the audience is this
 * service, the issuer may use this purpose here, the token was made for exactly this endpoint and body, it is fresh,
 * and its {@code jti} was never accepted before. Anything not exactly right is AccessDenied with one generic message;
 * the reason is logged at DEBUG only.
 */
public final class TokenVerifier {

    /** The longest lifetime accepted ({@code exp - iat}). */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(30);
    /** How far the sender's clock may run ahead of ours, and how long after {@code exp} a token still passes. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    /** Token ids remembered at once by default (about 8,000 calls a second at 25 s each). */
    public static final int DEFAULT_REPLAY_CAPACITY = 200_000;

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    static final String DENIED = "The service call could not be authenticated.";

    private final String self;
    private final PeerKeys keys;
    private final Map<Purpose, Set<String>> allowedIssuers;
    private final Clock clock;
    private final ReplayGuard replays;
    /** Signature and algorithm only: the claims are checked below, against {@link #clock}. Thread-safe. */
    private final JwtConsumer consumer;

    /** Tokens to the service {@code own} is, from the services of {@code peers}. */
    public TokenVerifier(ServiceKey own, TrustedKeys peers, Map<Purpose, Set<String>> allowedIssuers, Clock clock) {
        this(new PeerKeys(own, peers), allowedIssuers, clock, DEFAULT_REPLAY_CAPACITY);
    }

    public TokenVerifier(ServiceKey own, TrustedKeys peers, Map<Purpose, Set<String>> allowedIssuers, Clock clock,
                         int replayCapacity) {
        this(new PeerKeys(own, peers), allowedIssuers, clock, replayCapacity);
    }

    public TokenVerifier(PeerKeys keys, Map<Purpose, Set<String>> allowedIssuers, Clock clock, int replayCapacity) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.self = ServiceKey.requireName(keys.service());
        this.allowedIssuers = allowedIssuers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(allowedIssuers));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replays = new ReplayGuard(replayCapacity);
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> keys.receiving(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("no key for kid " + jws.getKeyIdHeaderValue())).key())
                .setSkipAllValidators()
                .build();
    }

    /**
     * The call an {@code Authorization: Bearer …} header proves, if its token was made by an issuer allowed for
     * {@code purpose}, for this service, for exactly {@code method path} with {@code body}, and is fresh and unused;
     * AccessDenied otherwise.
     */
    public ServiceCall verify(String authorizationHeader, Purpose purpose, String method, String path, byte[] body) {
        String token = bearer(authorizationHeader);
        if (token == null) {
            throw refused("no bearer token");
        }
        JwtContext verified;
        try {
            verified = consumer.process(token);
        } catch (InvalidJwtException | RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            // the message may quote the token: keep the log to its start
            throw refused("not verified: " + why.substring(0, Math.min(why.length(), 200)));
        }
        try {
            return check(verified, purpose, method, path, body);
        } catch (MalformedClaimException | ClassCastException e) {
            throw refused("a claim has the wrong type: " + e.getMessage());
        }
    }

    private ServiceCall check(JwtContext verified, Purpose purpose, String method, String path, byte[] body)
            throws MalformedClaimException {
        JwtClaims claims = verified.getJwtClaims();
        String kid = verified.getJoseObjects().get(0).getKeyIdHeaderValue();
        PeerKeys.MacKey key = keys.receiving(kid).orElseThrow(() -> refused("unknown kid " + kid));
        String issuer = claims.getIssuer();
        if (!key.sender().equals(issuer) || !key.receiver().equals(self)) {
            throw refused("issuer " + issuer + " used the key of " + key);
        }
        if (!List.of(self).equals(claims.getAudience())) {
            throw refused("audience " + claims.getAudience());
        }
        if (!purpose.claim().equals(claims.getStringClaimValue(Claim.PURPOSE))) {
            throw refused("purpose " + claims.getStringClaimValue(Claim.PURPOSE) + " where " + purpose.claim() + " is needed");
        }
        if (!allowedIssuers.getOrDefault(purpose, Set.of()).contains(issuer)) {
            throw refused(issuer + " may not call for " + purpose.claim());
        }
        if (!TokenIssuer.endpoint(method, path).equals(claims.getStringClaimValue(Claim.ENDPOINT))) {
            throw refused("made for " + claims.getStringClaimValue(Claim.ENDPOINT) + ", used on " + method + " " + path);
        }
        if (!TokenIssuer.digest(body).equals(claims.getStringClaimValue(Claim.DIGEST))) {
            throw refused("the body is not the one signed");
        }
        if (claims.getIssuedAt() == null || claims.getExpirationTime() == null) {
            throw refused("no iat or exp");
        }
        long now = clock.instant().getEpochSecond();
        long issuedAt = claims.getIssuedAt().getValue();
        long expires = claims.getExpirationTime().getValue();
        if (expires - issuedAt > MAX_LIFETIME.toSeconds() || expires <= issuedAt) {
            throw refused("lifetime " + (expires - issuedAt) + " s");
        }
        if (issuedAt > now + CLOCK_SKEW.toSeconds()) {
            throw refused("issued " + (issuedAt - now) + " s in the future");
        }
        if (now >= expires + CLOCK_SKEW.toSeconds()) {
            throw refused("expired " + (now - expires) + " s ago");
        }
        String jti = claims.getJwtId();
        if (jti == null || jti.isBlank()) {
            throw refused("no jti");
        }
        if (!replays.firstUse(issuer + " " + jti, expires + CLOCK_SKEW.toSeconds(), now)) {
            throw refused("jti " + jti + " of " + issuer + " already used, or the replay guard is full");
        }
        return new ServiceCall(issuer, purpose, caller(claims), claims.getStringClaimValue(Claim.ACTION), jti);
    }

    private static CallerClaims caller(JwtClaims claims) throws MalformedClaimException {
        String arn = claims.getStringClaimValue("sub");
        String account = claims.getStringClaimValue(Claim.ACCOUNT);
        if (arn == null || account == null) {
            return null;
        }
        Long mfa = claims.getClaimValue(Claim.MFA_AUTHENTICATED_AT, Long.class);
        return new CallerClaims(arn, account, claims.getStringClaimValue(Claim.PRINCIPAL_ID),
                claims.getStringClaimValue(Claim.ACCESS_KEY_ID), Boolean.TRUE.equals(claims.getClaimValue(Claim.ROOT)),
                mfa == null ? null : java.time.Instant.ofEpochSecond(mfa),
                SessionContext.fromMap(claims.getClaimValue(Claim.SESSION, java.util.Map.class)));
    }

    /** The token of an {@code Authorization: Bearer …} header, or {@code null}. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static IamException refused(String reason) {
        LOG.debugf("service token refused: %s", reason);
        return new IamException(ErrorCode.ACCESS_DENIED, DENIED);
    }
}
