package dev.openiam.sts.credentials;

import dev.openiam.glue.session.SessionTokens;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.internalauth.TrustConfig;
import dev.openiam.model.AccessKeyIds;
import dev.openiam.model.EntityType;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints temporary credentials: a fresh {@code ASIA…} key id and 40-character secret, and the session token that
 * carries them with the session, signed with sts-service's own key and encrypted to the front doors' session key. No
 * state is kept: every front door checks the token alone.
 */
@Singleton
@Startup
public class CredentialIssuer {

    private static final Logger LOG = Logger.getLogger(CredentialIssuer.class);

    private final SessionTokenIssuer tokens;
    private final SecureRandom random = new SecureRandom();

    public CredentialIssuer(TrustConfig trust, SessionTokens sessions) {
        SessionTokenIssuer issuer = null;
        try {
            if (trust.serviceKeyFile().isPresent() && sessions.encryptionKey().isPresent()) {
                issuer = new SessionTokenIssuer(ServiceKey.read(SessionTokenIssuer.ISSUER, trust.serviceKeyFile().get()),
                        sessions.encryptionKey().get());
            } else {
                LOG.warn("no service key or no session-encryption key: no credentials can be issued");
            }
        } catch (RuntimeException e) {
            LOG.errorf("session tokens cannot be issued: %s", e.getMessage());
        }
        this.tokens = issuer;
    }

    /**
     * Credentials for a session of {@code arn} ({@code principalId}) in {@code accountId}.
     *
     * @param mfaAuthenticatedAt when MFA was verified for the session, or {@code null}
     */
    public SessionCredentials issue(String accountId, String arn, String principalId, Instant mfaAuthenticatedAt,
                                    SessionContext session) {
        if (tokens == null) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "temporary credentials cannot be issued now; retry later");
        }
        // the id carries the account (GetAccessKeyInfo reads it back): this service keeps no record of what it issues
        String accessKeyId = AccessKeyIds.newId(EntityType.TEMPORARY_ACCESS_KEY, accountId, random);
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        String secretAccessKey = Base64.getEncoder().encodeToString(secret);
        String token = tokens.issue(new SessionClaims(accessKeyId, secretAccessKey, accountId, arn, principalId,
                session.sourceArn(), session.type(), session.issuedAt(), session.expiresAt(), mfaAuthenticatedAt,
                session.policy(), session.policyArns(), session.tags(), session.transitiveTagKeys(), session.sourceIdentity(),
                session.federatedProvider(), session.chained(), session.console()));
        return new SessionCredentials(accessKeyId, secretAccessKey, token, session.expiresAt());
    }
}
