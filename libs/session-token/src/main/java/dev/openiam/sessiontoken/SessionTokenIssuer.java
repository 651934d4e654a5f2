package dev.openiam.sessiontoken;

import dev.openiam.internalauth.ServiceKey;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import javax.crypto.SecretKey;
import java.util.Objects;

/**
 * Mints session tokens (sts-service): the claims signed with sts-service's current signing key (ES256, its kid),
 * then encrypted with a fresh content key wrapped by the key derived from the front doors' session-encryption key
 * ({@link SessionWrapKey}: A256KW, A256GCM), so the token proves who issued it and hides the secret it carries from
 * everyone but the services that verify requests. Only the signature is an asymmetric operation per token.
 */
public final class SessionTokenIssuer {

    /** The {@code iss} of every session token. */
    public static final String ISSUER = "sts-service";

    private final ServiceKey signing;
    private final ServiceKey encryption;
    private final SecretKey wrapKey;

    /**
     * @param signing    sts-service's current signing key
     * @param encryption the session-encryption key pair (its wrapping key is derived from the private half)
     */
    public SessionTokenIssuer(ServiceKey signing, ServiceKey encryption) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.wrapKey = SessionWrapKey.of(encryption);
    }

    /** The kid of the key that signs. */
    public String kid() {
        return signing.kid();
    }

    public String issue(SessionClaims session) {
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(ISSUER)
                .subject(session.arn())
                .issuedAt(session.issuedAt().getEpochSecond())
                .expiresAt(session.expiresAt().getEpochSecond())
                .claim(Claim.ACCESS_KEY_ID, session.accessKeyId())
                .claim(Claim.SECRET, session.secretAccessKey())
                .claim(Claim.ACCOUNT, session.accountId())
                .claim(Claim.PRINCIPAL_ID, session.principalId())
                .claim(Claim.SOURCE_ARN, session.sourceArn())
                .claim(Claim.TYPE, session.type())
                .claim(Claim.CHAINED, session.chained());
        if (session.mfaAuthenticatedAt() != null) {
            claims.claim(Claim.MFA_AT, session.mfaAuthenticatedAt().getEpochSecond());
        }
        if (session.console()) {
            claims.claim(Claim.CONSOLE, true);
        }
        optional(claims, Claim.POLICY, session.sessionPolicy());
        optional(claims, Claim.SOURCE_IDENTITY, session.sourceIdentity());
        optional(claims, Claim.PROVIDER, session.federatedProvider());
        if (!session.sessionPolicyArns().isEmpty()) {
            claims.claim(Claim.POLICY_ARNS, session.sessionPolicyArns());
        }
        if (!session.tags().isEmpty()) {
            claims.claim(Claim.TAGS, session.tags());
        }
        if (!session.transitiveTagKeys().isEmpty()) {
            claims.claim(Claim.TRANSITIVE, session.transitiveTagKeys());
        }
        return claims.jws().keyId(signing.kid()).algorithm(SignatureAlgorithm.ES256).innerSign(signing.privateKey())
                .keyId(encryption.kid())
                .keyAlgorithm(KeyEncryptionAlgorithm.A256KW)
                .contentAlgorithm(ContentEncryptionAlgorithm.A256GCM)
                .encrypt(wrapKey);
    }

    private static void optional(JwtClaimsBuilder claims, String name, String value) {
        if (value != null) {
            claims.claim(name, value);
        }
    }
}
