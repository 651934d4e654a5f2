package dev.openiam.model.event;

import java.time.Instant;

/**
 * What sts-service publishes on {@code iam.sts.v1}. It keeps no state of its own, so these are notices of what it
 * issued, in the account of the session's principal: never a secret, never a session token. Version 1; a new field
 * is added as nullable, a changed meaning becomes a new record.
 */
public sealed interface StsEvent extends Event {

    String TOPIC = "iam.sts.v1";

    /**
     * Temporary credentials were issued.
     *
     * @param action            the STS action that issued them: AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken,
     *                          GetFederationToken
     * @param sessionArn        the session's ARN ({@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION},
     *                          {@code federated-user/NAME}, or the user's own ARN for GetSessionToken)
     * @param principalId       the session's principal id ({@code AROA…:SESSION}, {@code ACCT:NAME}, the user's id)
     * @param accessKeyId       the {@code ASIA…} key id of the credentials (an id, as CloudTrail shows it; not a secret)
     * @param requestedBy       who asked: the caller's ARN, or the OIDC provider's ARN for a web identity
     * @param roleArn           the role assumed, or {@code null} (GetSessionToken, GetFederationToken)
     * @param issuedAt          {@code aws:TokenIssueTime}
     * @param expiresAt         when the credentials stop working
     * @param sourceIdentity    {@code sts:SourceIdentity}, or {@code null}
     * @param federatedProvider the OIDC provider of a web identity session, or {@code null}
     * @param webIdentitySubject the web identity token's {@code sub}, or {@code null}
     * @param mfaAuthenticated  whether MFA was verified for the session
     * @param chained           whether a role session assumed this one
     */
    record SessionIssued(String action, String sessionArn, String principalId, String accessKeyId, String requestedBy,
                         String roleArn, Instant issuedAt, Instant expiresAt, String sourceIdentity, String federatedProvider,
                         String webIdentitySubject, boolean mfaAuthenticated, boolean chained) implements StsEvent {
    }
}
