package dev.openiam.internalauth;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Signs and verifies (with jose4j) the internal tokens of service-to-service calls: HS256 under a secret every service
 * shares ({@code IAM_INTERNAL_JWT_SECRET}), issuer {@code openiam}, one audience per receiving service,
 * a lifetime of a minute. Verification fails closed: anything not exactly right is AccessDenied.
 */
public final class InternalJwt {

    public static final String ISSUER = "openiam";
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final SecretKey key;
    /** Built once per audience: a consumer is immutable and may be shared by threads. */
    private final java.util.Map<String, JwtConsumer> consumers = new java.util.concurrent.ConcurrentHashMap<>();

    public InternalJwt(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the internal JWT secret must have at least 32 bytes, not " + secret.length);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** From base64 (standard or URL-safe) of at least 32 bytes. */
    public static InternalJwt fromBase64(String secret) {
        String trimmed = secret.trim();
        byte[] bytes;
        try {
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the internal JWT secret is not valid base64");
        }
        return new InternalJwt(bytes);
    }

    /** A token telling {@code audience} who the caller is. */
    public String sign(String audience, CallerClaims caller) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(audience);
        claims.setSubject(caller.arn());
        claims.setClaim("acct", caller.accountId());
        claims.setClaim("pid", caller.principalId());
        claims.setClaim("akid", caller.accessKeyId());
        claims.setClaim("root", caller.root());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(LIFETIME.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an internal token", e);
        }
    }

    /** The caller a token names, if it is signed with the shared secret, for {@code audience}, and unexpired. */
    public CallerClaims verify(String token, String audience) {
        if (token == null || token.isBlank()) {
            throw denied("a service token is required");
        }
        JwtConsumer consumer = consumers.computeIfAbsent(audience, expected -> new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(5)
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(expected)
                .setRequireSubject()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build());
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object root = claims.getClaimValue("root");
            return new CallerClaims(claims.getSubject(), claims.getStringClaimValue("acct"), claims.getStringClaimValue("pid"),
                    claims.getStringClaimValue("akid"), Boolean.TRUE.equals(root));
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw denied("the service token is not valid");
        }
    }

    /** The token of an {@code Authorization: Bearer …} header, or {@code null}. */
    public static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    private static IamException denied(String message) {
        return new IamException(ErrorCode.ACCESS_DENIED, message);
    }
}
