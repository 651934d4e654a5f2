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
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opens and checks a session token offline, as every front door does for a request signed with temporary
 * credentials: decrypted with the key derived from the session-encryption key ({@link SessionWrapKey}; a token of an
 * earlier version, its content key agreed by ECDH-ES with the key pair itself, is still opened until it expires), its
 * inner signature checked against sts-service's
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

    /** What opens tokens of one key algorithm (a parser keeps the key resolvers of its first context). */
    private record Opener(JWTAuthContextInfo context, DefaultJWTTokenParser parser) {
        Opener(JWTAuthContextInfo context) {
            this(context, new DefaultJWTTokenParser());
        }
    }

    /** Tokens whose content key is wrapped with {@link SessionWrapKey} (A256KW), as they are issued now. */
    private final Opener wrapped;
    /** Tokens of an earlier version (ECDH-ES+A256KW with the session-encryption key pair), valid until they expire. */
    private final Opener agreed;

    /**
     * @param signingJwks sts-service's public signing keys (JWKS), current and retired
     * @param encryption  the session-encryption key pair the tokens were encrypted to
     */
    public SessionTokenVerifier(String signingJwks, ServiceKey encryption) {
        Objects.requireNonNull(signingJwks, "signingJwks");
        Objects.requireNonNull(encryption, "encryption");
        JWTAuthContextInfo wrapping = context(signingJwks, KeyEncryptionAlgorithm.A256KW);
        wrapping.setSecretDecryptionKey(SessionWrapKey.of(encryption));
        wrapped = new Opener(wrapping);
        JWTAuthContextInfo agreement = context(signingJwks, KeyEncryptionAlgorithm.ECDH_ES_A256KW);
        agreement.setPrivateDecryptionKey(encryption.privateKey());
        agreed = new Opener(agreement);
    }

    private static JWTAuthContextInfo context(String signingJwks, KeyEncryptionAlgorithm keyAlgorithm) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setPublicKeyContent(signingJwks);
        context.setKeyFormat(KeyFormat.JWK);
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        context.setKeyEncryptionAlgorithm(Set.of(keyAlgorithm));
        context.setIssuedBy(SessionTokenIssuer.ISSUER);
        context.setRequiredClaims(Set.of("iss", "sub", "iat", "exp", Claim.ACCESS_KEY_ID, Claim.SECRET, Claim.ACCOUNT));
        context.setClockSkew(0);
        return context;
    }

    /**
     * What opens {@code token}, by the key algorithm its (unauthenticated) header names: only the algorithm is read
     * there, and a wrong one just fails to open.
     */
    private Opener openerOf(String token) {
        String alg;
        try {
            alg = JsonWebStructure.fromCompactSerialization(token).getAlgorithmHeaderValue();
        } catch (JoseException | RuntimeException e) {
            throw invalid("not a JWE");
        }
        if (KeyEncryptionAlgorithm.A256KW.getAlgorithm().equals(alg)) {
            return wrapped;
        }
        if (KeyEncryptionAlgorithm.ECDH_ES_A256KW.getAlgorithm().equals(alg)) {
            return agreed;
        }
        throw invalid("key algorithm " + alg);
    }

    /** The session {@code token} stands for, if it is valid, unexpired and was issued for {@code accessKeyId}. */
    public SessionClaims verify(String token, String accessKeyId) {
        if (token == null || token.isEmpty()) {
            throw invalid("no token");
        }
        Opener opener = openerOf(token);
        JwtContext parsed;
        try {
            parsed = opener.parser().parse(token, opener.context());
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
