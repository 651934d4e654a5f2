package dev.openiam.sessiontoken;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.KeyFormat;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opens and checks a session token offline, as every front door does for a request signed with temporary
 * credentials: decrypted with the session-encryption key, its inner signature checked against sts-service's
 * published keys (every key still listed verifies, so a retired key keeps working until its last token expires), its
 * issuer and lifetime checked, and the key id it was issued for compared with the one that signed the request.
 * Expired: {@code ExpiredToken}; anything else wrong: {@code InvalidClientTokenId}, as AWS answers.
 */
public final class SessionTokenVerifier {

    private static final Logger LOG = Logger.getLogger(SessionTokenVerifier.class);
    /** AWS's message for a token it cannot accept (InvalidClientTokenId). */
    public static final String INVALID = "The security token included in the request is invalid.";
    /** AWS's message for an expired token (ExpiredToken). */
    public static final String EXPIRED = "The security token included in the request is expired";

    private final JWTAuthContextInfo context = new JWTAuthContextInfo();
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    /**
     * @param signingJwks sts-service's public signing keys (JWKS), current and retired
     * @param encryption  the session-encryption key pair the tokens were encrypted to
     */
    public SessionTokenVerifier(String signingJwks, ServiceKey encryption) {
        context.setPublicKeyContent(Objects.requireNonNull(signingJwks, "signingJwks"));
        context.setKeyFormat(KeyFormat.JWK);
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        context.setPrivateDecryptionKey(Objects.requireNonNull(encryption, "encryption").privateKey());
        context.setKeyEncryptionAlgorithm(Set.of(KeyEncryptionAlgorithm.ECDH_ES_A256KW));
        context.setIssuedBy(SessionTokenIssuer.ISSUER);
        context.setRequiredClaims(Set.of("iss", "sub", "iat", "exp", Claim.ACCESS_KEY_ID, Claim.SECRET, Claim.ACCOUNT));
        context.setClockSkew(0);
    }

    /** The session {@code token} stands for, if it is valid, unexpired and was issued for {@code accessKeyId}. */
    public SessionClaims verify(String token, String accessKeyId) {
        if (token == null || token.isEmpty()) {
            throw invalid("no token");
        }
        JwtContext parsed;
        try {
            parsed = parser.parse(token, context);
        } catch (ParseException | RuntimeException e) {
            if (expired(e)) {
                throw new IamException(ErrorCode.EXPIRED_TOKEN, EXPIRED);
            }
            if (unknownKey(e)) {
                LOG.debug("session token refused: signed with a key not among the known ones");
                throw new UnknownSigningKeyException();
            }
            throw invalid("not verified: " + e.getClass().getSimpleName());
        }
        try {
            SessionClaims session = read(parsed.getJwtClaims());
            if (!session.accessKeyId().equals(accessKeyId)) {
                throw invalid("issued for another access key");
            }
            return session;
        } catch (MalformedClaimException | ClassCastException | NullPointerException e) {
            throw invalid("a claim has the wrong type");
        }
    }

    /** Whether no known key has the kid that signed (decryption succeeded; only the signing key is missing). */
    private static boolean unknownKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvableKeyException) {
                return true;
            }
        }
        return false;
    }

    private static boolean expired(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static SessionClaims read(JwtClaims c) throws MalformedClaimException {
        Object mfa = c.getClaimValue(Claim.MFA_AT);
        Map<String, String> tags = new LinkedHashMap<>();
        Object rawTags = c.getClaimValue(Claim.TAGS);
        if (rawTags instanceof Map<?, ?> map) {
            map.forEach((k, v) -> tags.put((String) k, (String) v));
        }
        return new SessionClaims(c.getStringClaimValue(Claim.ACCESS_KEY_ID), c.getStringClaimValue(Claim.SECRET),
                c.getStringClaimValue(Claim.ACCOUNT), c.getSubject(), c.getStringClaimValue(Claim.PRINCIPAL_ID),
                c.getStringClaimValue(Claim.SOURCE_ARN), c.getStringClaimValue(Claim.TYPE),
                Instant.ofEpochSecond(c.getIssuedAt().getValue()), Instant.ofEpochSecond(c.getExpirationTime().getValue()),
                mfa == null ? null : Instant.ofEpochSecond(((Number) mfa).longValue()),
                c.getStringClaimValue(Claim.POLICY),
                c.hasClaim(Claim.POLICY_ARNS) ? c.getStringListClaimValue(Claim.POLICY_ARNS) : List.of(),
                tags,
                c.hasClaim(Claim.TRANSITIVE) ? c.getStringListClaimValue(Claim.TRANSITIVE) : List.of(),
                c.getStringClaimValue(Claim.SOURCE_IDENTITY), c.getStringClaimValue(Claim.PROVIDER),
                Boolean.TRUE.equals(c.getClaimValue(Claim.CHAINED)), Boolean.TRUE.equals(c.getClaimValue(Claim.CONSOLE)));
    }

    private static IamException invalid(String why) {
        LOG.debugf("session token refused: %s", why);
        return new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID);
    }
}
