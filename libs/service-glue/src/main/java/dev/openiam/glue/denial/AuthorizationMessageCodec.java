package dev.openiam.glue.denial;

import dev.openiam.internalauth.PeerKeys;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionWrapKey;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Encodes and decodes the authorization messages of AccessDenied answers, with jose4j (SmallRye JWT's JOSE library):
 * the DecodedMessage document is MAC'd (HS256) with the pairwise key of the service that denied and sts-service, the
 * only service that decodes ({@link PeerKeys}: no third service can compute it, so a message names who vouches for
 * it), then encrypted with a fresh content key wrapped by a key derived from the session-encryption key the front doors
 * share ({@link SessionWrapKey#ofAuthorizationMessages}: A256KW, A256GCM), so the caller sees nothing of it. Both are
 * symmetric: a denial costs microseconds, where a signature and a key agreement per message cost ~1.5 ms of CPU.
 * Decoding opens the JWE, checks the MAC under the key its kid names (one of this service's), that the key's sender is
 * the issuer, and that the message has not expired; anything else is InvalidAuthorizationMessageException.
 */
public final class AuthorizationMessageCodec {

    /** How long a message can be decoded after the denial. */
    public static final Duration LIFETIME = Duration.ofDays(7);
    /** The service that decodes messages (STS DecodeAuthorizationMessage). */
    public static final String DECODER = "sts-service";
    /** AWS's message for a message it cannot decode. */
    public static final String INVALID = "The message is not a valid encoded authorization message.";

    private static final Logger LOG = Logger.getLogger(AuthorizationMessageCodec.class);
    private static final String DECODED = "dm";
    private static final String ACCOUNT = "acct";

    private final PeerKeys keys;
    private final String encryptionKid;
    private final SecretKey wrapKey;
    private final Clock clock;
    /** The JWE with exactly this wrapping, the JWS inside it HS256 under a pairwise key; claims checked below. Thread-safe. */
    private final JwtConsumer consumer;

    /**
     * @param keys       this service's pairwise MAC keys (to sts-service when encoding, from the issuer when decoding)
     * @param encryption the session-encryption key pair (the messages' wrapping key is derived from its private half)
     */
    public AuthorizationMessageCodec(PeerKeys keys, ServiceKey encryption, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.encryptionKid = encryption.kid();
        this.wrapKey = SessionWrapKey.ofAuthorizationMessages(encryption);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.consumer = new JwtConsumerBuilder()
                .setDecryptionKey(wrapKey)
                .setJweAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.A256KW)
                .setJweContentEncryptionAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        ContentEncryptionAlgorithmIdentifiers.AES_256_GCM)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> keys.receiving(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("no key for kid " + jws.getKeyIdHeaderValue())).key())
                .setEnableRequireEncryption()
                .setSkipAllValidators()
                .build();
    }

    /** The encoded form of {@code message}: opaque to whoever gets it, readable by sts-service's {@link #decode} only. */
    public String encode(AuthorizationMessage message) {
        PeerKeys.MacKey mac = keys.sending(DECODER);
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(keys.service());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + LIFETIME.toSeconds()));
        claims.setClaim(ACCOUNT, Arn.parse(message.principalArn()).account());
        claims.setClaim(DECODED, message.toDecodedJson());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(mac.kid());
        jws.setKey(mac.key());
        try {
            return SessionWrapKey.seal(jws, encryptionKid, wrapKey);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot encode an authorization message: " + e.getMessage(), e);
        }
    }

    /** What {@code encoded} says, if it was encoded for sts-service for a principal of {@code accountId}; InvalidAuthorizationMessageException otherwise. */
    public Decoded decode(String encoded, String accountId) {
        if (encoded == null || encoded.isEmpty()) {
            throw invalid("empty");
        }
        JwtContext parsed;
        try {
            parsed = consumer.process(encoded);
        } catch (InvalidJwtException | RuntimeException e) {
            throw invalid("not verified: " + e.getClass().getSimpleName());
        }
        try {
            JwtClaims claims = parsed.getJwtClaims();
            String kid = parsed.getJoseObjects().stream().filter(JsonWebSignature.class::isInstance)
                    .map(JsonWebStructure::getKeyIdHeaderValue).findFirst().orElseThrow(() -> invalid("no MAC inside"));
            PeerKeys.MacKey key = keys.receiving(kid).orElseThrow(() -> invalid("unknown kid"));
            if (!key.sender().equals(claims.getIssuer())) {
                throw invalid("issuer " + claims.getIssuer() + " used the key of " + key);
            }
            if (claims.getIssuedAt() == null || claims.getExpirationTime() == null
                    || clock.instant().getEpochSecond() >= claims.getExpirationTime().getValue()) {
                throw invalid("expired, or no iat or exp");
            }
            String account = claims.getStringClaimValue(ACCOUNT);
            String decoded = claims.getStringClaimValue(DECODED);
            if (account == null || decoded == null) {
                throw invalid("no account or message");
            }
            if (!account.equals(accountId)) {
                // another account's denial is not this caller's to read: as if it did not exist
                throw invalid("a message of another account");
            }
            return new Decoded(claims.getIssuer(), decoded);
        } catch (MalformedClaimException | ClassCastException e) {
            throw invalid("a claim has the wrong type");
        }
    }

    /**
     * A decoded message.
     *
     * @param issuer         the service that denied and encoded it
     * @param decodedMessage the DecodedMessage document
     */
    public record Decoded(String issuer, String decodedMessage) {
    }

    private static IamException invalid(String why) {
        LOG.debugf("authorization message refused: %s", why);
        return new IamException(ErrorCode.INVALID_AUTHORIZATION_MESSAGE, INVALID);
    }
}
