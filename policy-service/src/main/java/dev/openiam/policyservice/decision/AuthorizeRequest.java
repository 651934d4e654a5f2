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
 */
public record AuthorizeRequest(String principal, String action, String resource, String resourceAccount,
                               Map<String, Object> context, String resourcePolicy, String sessionPolicy,
                               Map<String, Long> atLeastRevision) {
}
