package dev.openiam.audittrail;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.audit.AuditRecord.SessionAttributes;
import dev.openiam.model.audit.AuditRecord.SessionIssuer;
import dev.openiam.model.audit.AuditRecord.UserIdentity;

/**
 * CloudTrail's {@code userIdentity} of an authenticated caller: the root user, an IAM user with its access key, or a
 * session (a role's, a federated user's, a user's own from GetSessionToken) with its issuer, creation date, MFA and
 * source identity.
 */
public final class UserIdentities {

    private UserIdentities() {
    }

    public static UserIdentity of(CallerClaims caller) {
        SessionContext session = caller.session();
        if (session == null) {
            return caller.root() ? UserIdentity.root(caller.accountId(), caller.accessKeyId())
                    : UserIdentity.iamUser(caller.accountId(), caller.principalId(), caller.arn(), lastSegment(caller.arn()),
                    caller.accessKeyId());
        }
        dev.openiam.model.audit.AuditRecord.SessionContext context = new dev.openiam.model.audit.AuditRecord.SessionContext(null, null,
                new SessionAttributes(session.issuedAt(), caller.mfaAuthenticatedAt() != null), session.sourceIdentity());
        String principalId = caller.principalId();
        int colon = principalId == null ? -1 : principalId.indexOf(':');
        if ("AssumedRole".equals(session.type()) && colon > 0) {
            String roleArn = session.sourceArn();
            return UserIdentity.assumedRole(caller.accountId(), principalId.substring(0, colon), roleArn, lastSegment(roleArn),
                    principalId.substring(colon + 1), caller.arn(), caller.accessKeyId(), context);
        }
        if (caller.root()) {
            return new UserIdentity("Root", caller.accountId(), caller.arn(), caller.accountId(), caller.accessKeyId(), null,
                    context, null);
        }
        if ("IAMUser".equals(session.type())) {
            return new UserIdentity("IAMUser", principalId, caller.arn(), caller.accountId(), caller.accessKeyId(),
                    lastSegment(caller.arn()), context, null);
        }
        // a federated user's (or another kind of) session: the issuer is the principal the session acts for
        String issuerArn = session.sourceArn();
        SessionIssuer issuer = issuerArn == null ? null : new SessionIssuer(issuerArn.endsWith(":root") ? "Root" : "IAMUser",
                colon > 0 ? principalId.substring(0, colon) : principalId, issuerArn, caller.accountId(),
                issuerArn.endsWith(":root") ? null : lastSegment(issuerArn));
        return new UserIdentity(session.type(), principalId, caller.arn(), caller.accountId(), caller.accessKeyId(), null,
                new dev.openiam.model.audit.AuditRecord.SessionContext(issuer, null, context.attributes(), context.sourceIdentity()),
                null);
    }

    private static String lastSegment(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }
}
