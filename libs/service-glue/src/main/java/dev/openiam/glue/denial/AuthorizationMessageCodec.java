package dev.openiam.glue.denial;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.jboss.logging.Logger;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Encodes and decodes the authorization messages of AccessDenied answers, with SmallRye JWT: the DecodedMessage
 * document is signed by the service that denied (ES256, its own key and kid, so a message names who vouches for it),
 * then encrypted to the session-encryption key the front doors share (ECDH-ES+A256KW, A256GCM), so the caller sees
 * nothing of it. Decoding (sts-service) opens the JWE, checks the signature against the trusted keys, checks that the
 * signing key belongs to the issuer and that the message has not expired; anything else is InvalidAuthorizationMessageException.
 */
public final class AuthorizationMessageCodec {

    /** How long a message can be decoded after the denial. */
    public static final Duration LIFETIME = Duration.ofDays(7);
    /** AWS's message for a message it cannot decode. */
    public static final String INVALID = "The message is not a valid encoded authorization message.";

    private static final Logger LOG = Logger.getLogger(AuthorizationMessageCodec.class);
    private static final String DECODED = "dm";
    private static final String ACCOUNT = "acct";

    private final ServiceKey signing;
    private final ServiceKey encryption;
    private final TrustedKeys trusted;
    private final Clock clock;
    private final JWTAuthContextInfo context;
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    /**
     * @param signing    this service's own key (signs what it encodes)
     * @param encryption the session-encryption key pair (its public half encrypts; its private half decrypts)
     * @param trusted    the keys of the services whose messages may be decoded
     */
    public AuthorizationMessageCodec(ServiceKey signing, ServiceKey encryption, TrustedKeys trusted, Clock clock) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.clock = Objects.requireNonNull(clock, "clock");
        context = new JWTAuthContextInfo();
        context.setPublicKeyContent(trusted.jwks());
        context.setKeyFormat(KeyFormat.JWK);
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        context.setPrivateDecryptionKey(encryption.privateKey());
        context.setKeyEncryptionAlgorithm(Set.of(KeyEncryptionAlgorithm.ECDH_ES_A256KW));
        context.setRequiredClaims(Set.of("iss", "iat", "exp", DECODED, ACCOUNT));
        context.setRequireNamedPrincipal(false);
        context.setClockSkew(0);
    }

    /** The encoded form of {@code message}: opaque to whoever gets it, readable by {@link #decode} only. */
    public String encode(AuthorizationMessage message) {
        long now = clock.instant().getEpochSecond();
        return Jwt.claims()
                .issuer(signing.service())
                .issuedAt(now)
                .expiresAt(now + LIFETIME.toSeconds())
                .claim(ACCOUNT, Arn.parse(message.principalArn()).account())
                .claim(DECODED, message.toDecodedJson())
                .jws().keyId(signing.kid()).algorithm(SignatureAlgorithm.ES256).innerSign(signing.privateKey())
                .keyId(encryption.kid())
                .keyAlgorithm(KeyEncryptionAlgorithm.ECDH_ES_A256KW)
                .contentAlgorithm(ContentEncryptionAlgorithm.A256GCM)
                .encrypt(encryption.publicKey());
    }

    /** What {@code encoded} says, if it was encoded here for a principal of {@code accountId}; InvalidAuthorizationMessageException otherwise. */
    public Decoded decode(String encoded, String accountId) {
        if (encoded == null || encoded.isEmpty()) {
            throw invalid("empty");
        }
        JwtContext parsed;
        try {
            parsed = parser.parse(encoded, context);
        } catch (ParseException | RuntimeException e) {
            throw invalid("not verified: " + e.getClass().getSimpleName());
        }
        try {
            JwtClaims claims = parsed.getJwtClaims();
            String kid = parsed.getJoseObjects().stream().filter(JsonWebSignature.class::isInstance)
                    .map(JsonWebStructure::getKeyIdHeaderValue).findFirst().orElse(null);
            String owner = trusted.serviceOf(kid).orElseThrow(() -> invalid("unknown kid"));
            if (!owner.equals(claims.getIssuer())) {
                throw invalid("issuer " + claims.getIssuer() + " signed with the key of " + owner);
            }
            if (!claims.getStringClaimValue(ACCOUNT).equals(accountId)) {
                // another account's denial is not this caller's to read: as if it did not exist
                throw invalid("a message of another account");
            }
            return new Decoded(claims.getIssuer(), claims.getStringClaimValue(DECODED));
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
