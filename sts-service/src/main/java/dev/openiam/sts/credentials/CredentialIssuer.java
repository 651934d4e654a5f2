package dev.openiam.sts.credentials;

import dev.openiam.glue.session.SessionTokens;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.AccessKeyIds;
import dev.openiam.model.EntityType;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import dev.openiam.sts.events.SessionEvents;
import dev.openiam.sts.signingkeys.SigningKeys;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints temporary credentials: a fresh {@code ASIA…} key id and 40-character secret, and the session token that
 * carries them with the session, signed with sts-service's current session-signing key ({@link SigningKeys}, rotated)
 * and encrypted to the front doors' session key. No state is kept: every front door checks the token alone.
 */
@Singleton
@Startup
public class CredentialIssuer {

    private static final Logger LOG = Logger.getLogger(CredentialIssuer.class);

    private final SigningKeys signingKeys;
    private final ServiceKey encryption;
    private final SessionEvents events;
    private final SecureRandom random = new SecureRandom();
    /** The issuer of the current signing key (a new one after each rotation). */
    private volatile SessionTokenIssuer tokens;
    private volatile boolean preparedAtStart;

    public CredentialIssuer(SigningKeys signingKeys, SessionTokens sessions, SessionEvents events) {
        this.signingKeys = signingKeys;
        this.events = events;
        this.encryption = sessions.encryptionKey().orElse(null);
        if (encryption == null) {
            LOG.warn("no session-encryption key: no credentials can be issued");
        }
    }

    /**
     * At start, once the signing keys are read (by {@link SigningKeys}, which observes the start before this): the
     * issuer of the current key made and one token minted that nobody receives — already expired, for a principal that
     * does not exist — so that the first caller after a start does not wait for what a cold JVM does once: Bouncy
     * Castle's precomputed tables for the signing key, jose4j's first token. On this project's 2-core machine that was
     * ~1.5 s, the whole of a first AssumeRole's 1,554 ms and more than the 1 s the SDKs give a metadata request
     * (bench/RESULTS.md, 2026-12-07 22:00). Nothing to prepare without the keys: the first caller finds out as before.
     */
    void prepare(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (encryption == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            Instant expired = Instant.now().minus(Duration.ofHours(1));
            String account = "000000000000";
            issue(account, "arn:aws:sts::" + account + ":assumed-role/sts-service-start/start", "AROASTSSERVICESTART0:start", null,
                    new SessionContext("arn:aws:iam::" + account + ":role/sts-service-start", "AssumedRole",
                            expired.minusSeconds(900), expired, null, null, null, null, null, null, false));
            preparedAtStart = true;
            LOG.infof("session tokens ready to be issued with signing key %s (prepared in %d ms)", tokens.kid(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (RuntimeException e) {
            LOG.infof("session tokens not prepared at start: %s", e.getMessage());
        }
    }

    /** Whether {@link #prepare} made the issuer and minted its first token at start. */
    public boolean preparedAtStart() {
        return preparedAtStart;
    }

    /**
     * Credentials an STS {@code action} issues, with its {@code iam.sts.v1} event stored before they are answered.
     *
     * @param requestedBy who asked (the caller's ARN; the OIDC provider's for a web identity)
     * @param subject     the web identity token's {@code sub}, or {@code null}
     */
    public Uni<SessionCredentials> issue(String action, String requestedBy, String subject, String accountId, String arn,
                                         String principalId, Instant mfaAuthenticatedAt, SessionContext session) {
        SessionCredentials credentials = issue(accountId, arn, principalId, mfaAuthenticatedAt, session);
        return events.issued(action, requestedBy, accountId, arn, principalId, mfaAuthenticatedAt, session, credentials, subject)
                .replaceWith(credentials);
    }

    /**
     * Credentials for a session of {@code arn} ({@code principalId}) in {@code accountId}, published nowhere (a console
     * sign-in's: the sign-in is its record).
     *
     * @param mfaAuthenticatedAt when MFA was verified for the session, or {@code null}
     */
    public SessionCredentials issue(String accountId, String arn, String principalId, Instant mfaAuthenticatedAt,
                                    SessionContext session) {
        if (encryption == null) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "temporary credentials cannot be issued now; retry later");
        }
        SessionTokenIssuer tokens = issuer();
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

    /** The issuer of the current signing key, made when the key is new (at start, after a rotation). */
    private SessionTokenIssuer issuer() {
        ServiceKey signing = signingKeys.current();
        SessionTokenIssuer tokens = this.tokens;
        if (tokens == null || !tokens.kid().equals(signing.kid())) {
            tokens = new SessionTokenIssuer(signing, encryption);
            this.tokens = tokens;
        }
        return tokens;
    }
}
