package dev.openiam.sessiontoken;

import dev.openiam.internalauth.Es256Provider;
import dev.openiam.internalauth.ServiceKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * Mints session tokens (sts-service) with jose4j: the claims signed with sts-service's current signing key (ES256, its
 * kid; Bouncy Castle's provider, {@link Es256Provider}), then encrypted with a fresh content key wrapped by the key
 * derived from the front doors' session-encryption key ({@link SessionWrapKey}: A256KW, A256GCM), so the token proves
 * who issued it and hides the secret it carries from everyone but the services that verify requests. Only the
 * signature is an asymmetric operation per token.
 */
public final class SessionTokenIssuer {

    /** The {@code iss} of every session token. */
    public static final String ISSUER = "sts-service";

    private final ServiceKey signing;
    private final ServiceKey encryption;
    private final SecretKey wrapKey;
    /** The signing key as Bouncy Castle signs fastest with it ({@link Es256Provider#signingKey}). */
    private final PrivateKey signingKey;

    /**
     * @param signing    sts-service's current signing key
     * @param encryption the session-encryption key pair (its wrapping key is derived from the private half)
     */
    public SessionTokenIssuer(ServiceKey signing, ServiceKey encryption) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.wrapKey = SessionWrapKey.of(encryption);
        this.signingKey = Es256Provider.signingKey(signing.privateKey());
    }

    /** The kid of the key that signs. */
    public String kid() {
        return signing.kid();
    }

    public String issue(SessionClaims session) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(session.arn());
        claims.setIssuedAt(NumericDate.fromSeconds(session.issuedAt().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(session.expiresAt().getEpochSecond()));
        claims.setClaim(Claim.ACCESS_KEY_ID, session.accessKeyId());
        claims.setClaim(Claim.SECRET, session.secretAccessKey());
        claims.setClaim(Claim.ACCOUNT, session.accountId());
        claims.setClaim(Claim.PRINCIPAL_ID, session.principalId());
        claims.setClaim(Claim.SOURCE_ARN, session.sourceArn());
        claims.setClaim(Claim.TYPE, session.type());
        claims.setClaim(Claim.CHAINED, session.chained());
        if (session.mfaAuthenticatedAt() != null) {
            claims.setClaim(Claim.MFA_AT, session.mfaAuthenticatedAt().getEpochSecond());
        }
        if (session.console()) {
            claims.setClaim(Claim.CONSOLE, true);
        }
        optional(claims, Claim.POLICY, session.sessionPolicy());
        optional(claims, Claim.SOURCE_IDENTITY, session.sourceIdentity());
        optional(claims, Claim.PROVIDER, session.federatedProvider());
        if (!session.sessionPolicyArns().isEmpty()) {
            claims.setClaim(Claim.POLICY_ARNS, session.sessionPolicyArns());
        }
        if (!session.tags().isEmpty()) {
            claims.setClaim(Claim.TAGS, session.tags());
        }
        if (!session.transitiveTagKeys().isEmpty()) {
            claims.setClaim(Claim.TRANSITIVE, session.transitiveTagKeys());
        }
        claims.setGeneratedJwtId();
        // jose4j (SmallRye JWT's JOSE library) directly, the same token SmallRye's builder made: the builder looks up its
        // defaults in the configuration on every token and signs with the JDK's provider only (see Es256Provider)
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(signing.kid());
        jws.setHeader(HeaderParameterNames.TYPE, "JWT");
        jws.setKey(signingKey);
        jws.setProviderContext(Es256Provider.context());
        try {
            return SessionWrapKey.seal(jws, encryption.kid(), wrapKey);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot issue a session token: " + e.getMessage(), e);
        }
    }

    private static void optional(JwtClaims claims, String name, String value) {
        if (value != null) {
            claims.setClaim(name, value);
        }
    }
}
