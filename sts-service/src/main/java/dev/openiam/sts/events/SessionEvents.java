package dev.openiam.sts.events;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.event.StsEvent;
import dev.openiam.outbox.NoticeOutbox;
import dev.openiam.sts.credentials.SessionCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Publishes {@link StsEvent.SessionIssued} on {@code iam.sts.v1} for the credentials an STS action issued, in the
 * session's account, stored before the credentials are answered. Should the outbox be unreachable the credentials are
 * answered all the same (the call's audit record still names them): the event is a notice, not what makes them work.
 */
@ApplicationScoped
public class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class);

    private final NoticeOutbox outbox;

    public SessionEvents(NoticeOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param action      the STS action
     * @param requestedBy who asked (the caller's ARN; the OIDC provider's for a web identity)
     * @param accountId   the session's account
     * @param sessionArn  the session's ARN
     * @param principalId the session's principal id
     * @param mfaAt       when MFA was verified for the session, or {@code null}
     * @param subject     the web identity token's {@code sub}, or {@code null}
     */
    public Uni<Void> issued(String action, String requestedBy, String accountId, String sessionArn, String principalId,
                            Instant mfaAt, SessionContext session, SessionCredentials credentials, String subject) {
        boolean role = "AssumedRole".equals(session.type());
        StsEvent.SessionIssued event = new StsEvent.SessionIssued(action, sessionArn, principalId, credentials.accessKeyId(),
                requestedBy, role ? session.sourceArn() : null, session.issuedAt(), session.expiresAt(), session.sourceIdentity(),
                session.federatedProvider(), subject, mfaAt != null, session.chained());
        return outbox.publish(accountId, session.issuedAt(), requestedBy, event).onFailure().recoverWithUni(failure -> {
            LOG.warnf("the %s event of %s could not be stored: %s", action, credentials.accessKeyId(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
