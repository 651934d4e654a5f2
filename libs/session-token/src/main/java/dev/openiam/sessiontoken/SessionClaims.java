package dev.openiam.sessiontoken;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a session token carries: everything a front door needs to authenticate a request signed with temporary
 * credentials and to build its authorization, without calling sts-service.
 *
 * @param accessKeyId        the {@code ASIA…} key id the token belongs to
 * @param secretAccessKey    the session's secret: the token is encrypted, so only front doors can read it
 * @param accountId          the account of the principal
 * @param arn                the session's ARN ({@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}, {@code
 *                           federated-user/NAME}, or the user's ARN for GetSessionToken)
 * @param principalId        {@code AROA…:SESSION}, {@code ACCT:NAME} or the user's id
 * @param sourceArn          who the session acts for ({@code aws:PrincipalArn}: the role's or the user's ARN)
 * @param type               the principal type as CloudTrail names it (AssumedRole, FederatedUser, IAMUser, …)
 * @param issuedAt           {@code aws:TokenIssueTime}
 * @param expiresAt          when the credentials stop working
 * @param mfaAuthenticatedAt when MFA was verified for this session, or {@code null}
 * @param sessionPolicy      the inline session policy, or {@code null}
 * @param sessionPolicyArns  the managed session policies
 * @param tags               session tags ({@code aws:PrincipalTag/*} over the principal's own)
 * @param transitiveTagKeys  the tags that survive role chaining
 * @param sourceIdentity     {@code sts:SourceIdentity}, or {@code null}
 * @param federatedProvider  {@code aws:FederatedProvider} (web identity), or {@code null}
 * @param chained            whether a role session assumed this one (the one-hour cap)
 * @param console            whether it is a console sign-in's session (see {@link SessionContext#console()})
 */
public record SessionClaims(String accessKeyId, String secretAccessKey, String accountId, String arn, String principalId,
                            String sourceArn, String type, Instant issuedAt, Instant expiresAt, Instant mfaAuthenticatedAt,
                            String sessionPolicy, List<String> sessionPolicyArns, Map<String, String> tags,
                            List<String> transitiveTagKeys, String sourceIdentity, String federatedProvider, boolean chained,
                            boolean console) {

    /** A session the API issued (not a console sign-in's). */
    public SessionClaims(String accessKeyId, String secretAccessKey, String accountId, String arn, String principalId,
                         String sourceArn, String type, Instant issuedAt, Instant expiresAt, Instant mfaAuthenticatedAt,
                         String sessionPolicy, List<String> sessionPolicyArns, Map<String, String> tags,
                         List<String> transitiveTagKeys, String sourceIdentity, String federatedProvider, boolean chained) {
        this(accessKeyId, secretAccessKey, accountId, arn, principalId, sourceArn, type, issuedAt, expiresAt, mfaAuthenticatedAt,
                sessionPolicy, sessionPolicyArns, tags, transitiveTagKeys, sourceIdentity, federatedProvider, chained, false);
    }

    public SessionClaims {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(sourceArn, "sourceArn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        sessionPolicyArns = sessionPolicyArns == null ? List.of() : List.copyOf(sessionPolicyArns);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        transitiveTagKeys = transitiveTagKeys == null ? List.of() : List.copyOf(transitiveTagKeys);
    }

    /** The caller this session authenticates, as front doors pass it on to their peers (never the secret). */
    public CallerClaims caller() {
        return new CallerClaims(arn, accountId, principalId, accessKeyId, "Root".equals(type), mfaAuthenticatedAt,
                new SessionContext(sourceArn, type, issuedAt, expiresAt, sessionPolicy, sessionPolicyArns, tags,
                        transitiveTagKeys, sourceIdentity, federatedProvider, chained, console));
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "SessionClaims[" + accessKeyId + ", " + arn + ", until " + expiresAt + "]";
    }
}
