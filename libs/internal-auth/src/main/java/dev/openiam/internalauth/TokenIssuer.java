package dev.openiam.internalauth;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Mints the tokens one service sends another (jose4j, SmallRye JWT's JOSE library; HS256 with the pairwise key of this
 * service and the receiver, {@link PeerKeys}: only the two of them can compute it; its name is the {@code kid}). A token binds who
 * sends it ({@code iss}), to whom ({@code aud}), for what ({@code pur}), the exact call ({@code ept}: method and
 * path; {@code dig}: SHA-256 of the exact body bytes), the end caller if any and, for a forward, the IAM action
 * ({@code act}); it lives {@link #LIFETIME} and carries a random {@code jti} the receiver accepts once.
 */
public final class TokenIssuer {

    public static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PeerKeys keys;
    private final Clock clock;

    /** Tokens of the service {@code key} is, to the services of {@code peers}. */
    public TokenIssuer(ServiceKey key, TrustedKeys peers) {
        this(new PeerKeys(key, peers), Clock.systemUTC());
    }

    public TokenIssuer(ServiceKey key, TrustedKeys peers, Clock clock) {
        this(new PeerKeys(key, peers), clock);
    }

    public TokenIssuer(PeerKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token for one call to {@code audience}: {@code method} and {@code path} as the receiver routes them (no
     * query), {@code body} the exact bytes sent (empty or {@code null} for a GET); {@code caller} and
     * {@code action} may be {@code null}.
     */
    public String issue(String audience, Purpose purpose, String method, String path, byte[] body, CallerClaims caller,
                        String action) {
        PeerKeys.MacKey mac = keys.sending(ServiceKey.requireName(audience));
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(keys.service());
        claims.setAudience(ServiceKey.requireName(audience));
        claims.setClaim(Claim.PURPOSE, purpose.claim());
        claims.setClaim(Claim.ENDPOINT, endpoint(method, path));
        claims.setClaim(Claim.DIGEST, digest(body));
        claims.setClaim(Claim.ID, randomId());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + LIFETIME.toSeconds()));
        if (caller != null) {
            claims.setSubject(Objects.requireNonNull(caller.arn(), "caller arn"));
            claims.setClaim(Claim.ACCOUNT, Objects.requireNonNull(caller.accountId(), "caller account"));
            claims.setClaim(Claim.ROOT, caller.root());
            if (caller.principalId() != null) {
                claims.setClaim(Claim.PRINCIPAL_ID, caller.principalId());
            }
            if (caller.accessKeyId() != null) {
                claims.setClaim(Claim.ACCESS_KEY_ID, caller.accessKeyId());
            }
            if (caller.mfaAuthenticatedAt() != null) {
                claims.setClaim(Claim.MFA_AUTHENTICATED_AT, caller.mfaAuthenticatedAt().getEpochSecond());
            }
            if (caller.session() != null) {
                claims.setClaim(Claim.SESSION, caller.session().toMap());
            }
        }
        if (action != null) {
            claims.setClaim(Claim.ACTION, action);
        }
        // jose4j (SmallRye JWT's JOSE library) directly: SmallRye's builder looks up its defaults in the configuration
        // on every token, which cost a service-to-service call more than the MAC
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(mac.kid());
        jws.setHeader(HeaderParameterNames.TYPE, "JWT");
        jws.setKey(mac.key());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a service token: " + e.getMessage(), e);
        }
    }

    /** The service whose tokens these are. */
    public String service() {
        return keys.service();
    }

    /** The {@code ept} claim: {@code "POST /v1/authorize"}. */
    static String endpoint(String method, String path) {
        if (method == null || method.isBlank() || path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a token binds a method and an absolute path");
        }
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    /** The {@code dig} claim: base64url (no padding) of SHA-256 of the exact body bytes. */
    static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String randomId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The claim names of these tokens beside the registered ones. */
    static final class Claim {
        static final String PURPOSE = "pur";
        static final String ENDPOINT = "ept";
        static final String DIGEST = "dig";
        static final String ID = "jti";
        static final String ACCOUNT = "acct";
        static final String PRINCIPAL_ID = "pid";
        static final String ACCESS_KEY_ID = "akid";
        static final String ROOT = "root";
        static final String ACTION = "act";
        static final String MFA_AUTHENTICATED_AT = "mfa";
        static final String SESSION = "ses";

        private Claim() {
        }
    }
}
