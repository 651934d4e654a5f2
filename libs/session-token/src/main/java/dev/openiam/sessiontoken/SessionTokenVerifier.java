package dev.openiam.sessiontoken;

import dev.openiam.internalauth.Es256Provider;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Opens and checks a session token offline, as every front door does for a request signed with temporary
 * credentials: decrypted with the key derived from the session-encryption key ({@link SessionWrapKey}; a token of an
 * earlier version, its content key agreed by ECDH-ES with the key pair itself, is still opened until it expires), its
 * inner signature checked against sts-service's
 * published keys (every key still listed verifies, so a retired key keeps working until its last token expires), its
 * issuer and lifetime checked, and the key id it was issued for compared with the one that signed the request.
 * Expired: {@code ExpiredToken}; anything else wrong: {@code InvalidClientTokenId}, as AWS answers. Built with jose4j
 * (SmallRye JWT's JOSE library) directly, so that the ES256 signature is checked by Bouncy Castle with keys translated
 * once ({@link Es256Provider}): ~0.1 ms where SmallRye's parser, on the JDK's SunEC, took ~1.1 ms per new token.
 */
public final class SessionTokenVerifier {

    private static final Logger LOG = Logger.getLogger(SessionTokenVerifier.class);
    /** AWS's message for a token it cannot accept (InvalidClientTokenId). */
    public static final String INVALID = "The security token included in the request is invalid.";
    /** AWS's message for an expired token (ExpiredToken). */
    public static final String EXPIRED = "The security token included in the request is expired";

    private final JwtConsumer consumer;

    /**
     * @param signingJwks sts-service's public signing keys (JWKS), current and retired
     * @param encryption  the session-encryption key pair the tokens were encrypted to
     */
    public SessionTokenVerifier(String signingJwks, ServiceKey encryption) {
        Objects.requireNonNull(signingJwks, "signingJwks");
        Objects.requireNonNull(encryption, "encryption");
        Map<String, PublicKey> signingKeys = signingKeys(signingJwks);
        SecretKey wrapKey = SessionWrapKey.of(encryption);
        PrivateKey agreementKey = encryption.privateKey();
        consumer = new JwtConsumerBuilder()
                .setEnableRequireEncryption()
                // tokens issued now wrap their content key with SessionWrapKey (A256KW); those of an earlier version
                // agreed it by ECDH-ES with the key pair itself, and open until they expire; no other key algorithm
                .setJweAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.A256KW,
                        KeyManagementAlgorithmIdentifiers.ECDH_ES_A256KW)
                .setDecryptionKeyResolver((jwe, nesting) ->
                        KeyManagementAlgorithmIdentifiers.A256KW.equals(jwe.getAlgorithmHeaderValue()) ? wrapKey : agreementKey)
                .setJweContentEncryptionAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        ContentEncryptionAlgorithmIdentifiers.AES_256_GCM)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> {
                    PublicKey key = jws.getKeyIdHeaderValue() == null ? null : signingKeys.get(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new UnresolvableKeyException("no published signing key has kid " + jws.getKeyIdHeaderValue());
                    }
                    return key;
                })
                .setJwsProviderContext(Es256Provider.context())
                .setExpectedIssuer(SessionTokenIssuer.ISSUER)
                .setRequireSubject()
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(0)
                .build();
    }

    /** The published keys by kid, each as Bouncy Castle verifies fastest with it. */
    private static Map<String, PublicKey> signingKeys(String jwks) {
        Map<String, PublicKey> keys = new HashMap<>();
        try {
            for (JsonWebKey key : new JsonWebKeySet(jwks).getJsonWebKeys()) {
                // only ES256 signing keys: an agreement key published beside them never verifies a signature
                if (ServiceKey.isEs256SigningKey(key)) {
                    keys.put(key.getKeyId(), Es256Provider.verifyingKey(((PublicJsonWebKey) key).getPublicKey()));
                }
            }
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWKS: " + e.getMessage(), e);
        }
        return Map.copyOf(keys);
    }

    /** The session {@code token} stands for, if it is valid, unexpired and was issued for {@code accessKeyId}. */
    public SessionClaims verify(String token, String accessKeyId) {
        if (token == null || token.isEmpty()) {
            throw invalid("no token");
        }
        JwtContext parsed;
        try {
            parsed = consumer.process(token);
        } catch (InvalidJwtException | RuntimeException e) {
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
            // SessionClaims requires the key id, secret, account, principal and session type: a token without one is not
            // a session token
            throw invalid("a claim is missing or has the wrong type");
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
