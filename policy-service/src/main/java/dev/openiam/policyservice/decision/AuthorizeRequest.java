package dev.openiam.policyservice.decision;

import java.util.Map;

/**
 * One question to the decision point.
 *
 * @param principal       the ARN of who asks: a user, a role, an assumed-role session, or an account root
 * @param action          e.g. {@code iam:CreateUser}
 * @param resource        the resource ARN (or {@code *})
 * @param resourceAccount the account owning the resource; {@code null} means the principal's
 * @param context         condition keys: each a string or a list of strings
 * @param resourcePolicy  a resource-based policy document to evaluate with, or {@code null}
 * @param sessionPolicy   a session policy document, or {@code null}
 * @param atLeastRevision per producer ({@code identity}, {@code policy}): decide on state at least this new
 * @param session         for a principal signing with temporary credentials, what its session token says
 *                        ({@code SessionContext#toMap}): the principal it acts for, issue time, session policies and
 *                        tags. Only the system's own services may say it; they opened the token.
 * @param trustPolicy     whether {@code resourcePolicy} is a role's trust policy, which must allow in every case (the
 *                        identity side alone never assumes a role)
 * @param reasons         {@code false}: an {@code Allow} is answered without its reasons (not looked for: a caller that
 *                        reads only the decision saves finding every applicable statement); {@code null} or
 *                        {@code true}: with them. A deny always names its reasons (its message carries them).
 */
public record AuthorizeRequest(String principal, String action, String resource, String resourceAccount,
                               Map<String, Object> context, String resourcePolicy, String sessionPolicy,
                               Map<String, Long> atLeastRevision, Map<String, Object> session, boolean trustPolicy,
                               Boolean reasons) {

    public AuthorizeRequest(String principal, String action, String resource, String resourceAccount,
                            Map<String, Object> context, String resourcePolicy, String sessionPolicy,
                            Map<String, Long> atLeastRevision, Map<String, Object> session, boolean trustPolicy) {
        this(principal, action, resource, resourceAccount, context, resourcePolicy, sessionPolicy, atLeastRevision, session,
                trustPolicy, null);
    }

    /** Whether an {@code Allow} is to name its reasons. */
    public boolean wantsReasons() {
        return !Boolean.FALSE.equals(reasons);
    }

    public AuthorizeRequest(String principal, String action, String resource, String resourceAccount,
                            Map<String, Object> context, String resourcePolicy, String sessionPolicy,
                            Map<String, Long> atLeastRevision, Map<String, Object> session) {
        this(principal, action, resource, resourceAccount, context, resourcePolicy, sessionPolicy, atLeastRevision, session, false, null);
    }

    public AuthorizeRequest(String principal, String action, String resource, String resourceAccount,
                            Map<String, Object> context, String resourcePolicy, String sessionPolicy,
                            Map<String, Long> atLeastRevision) {
        this(principal, action, resource, resourceAccount, context, resourcePolicy, sessionPolicy, atLeastRevision, null, false, null);
    }
}
