package dev.openiam.audit.advisor;

import dev.openiam.model.audit.AuditRecord;

import java.time.Instant;
import java.util.List;

/**
 * One authorized call as the access advisor counts it: the IAM user or role that made it (a role session counts for
 * its role, as AWS reports it), the service namespace ({@code iam} of {@code iam.amazonaws.com}), the action, when and
 * where.
 */
public record LastAccess(String accountId, String entityArn, String namespace, String action, Instant time, String region) {

    private static final String SOURCE_SUFFIX = ".amazonaws.com";

    /**
     * The access {@code record} shows, or {@code null} when it shows none: a call that failed is not counted, since a
     * record does not say whether its error came before or after authorization and AWS counts only authorized
     * attempts; nor is a call of the root user, a federated user or an unauthenticated caller, which no report covers.
     */
    public static LastAccess of(AuditRecord record) {
        if (record.errorCode() != null || !record.eventSource().endsWith(SOURCE_SUFFIX)) {
            return null;
        }
        AuditRecord.UserIdentity identity = record.userIdentity();
        String entity = switch (identity.type()) {
            case "IAMUser" -> identity.arn();
            case "AssumedRole" -> identity.sessionContext() == null || identity.sessionContext().sessionIssuer() == null ? null
                    : identity.sessionContext().sessionIssuer().arn();
            default -> null;
        };
        if (entity == null) {
            return null;
        }
        String namespace = record.eventSource().substring(0, record.eventSource().length() - SOURCE_SUFFIX.length());
        return new LastAccess(identity.accountId() != null ? identity.accountId() : record.recipientAccountId(), entity, namespace, record.eventName(), record.eventTime(),
                record.awsRegion());
    }

    List<String> key() {
        return List.of(accountId, entityArn, namespace, action);
    }
}
