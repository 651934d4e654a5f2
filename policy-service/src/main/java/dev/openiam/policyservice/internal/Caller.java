package dev.openiam.policyservice.internal;

/**
 * The authenticated caller of a forwarded IAM action, as identity-service vouched for it in the internal
 * JWT: its ARN, account, unique id, access key id and whether it is the account's root user.
 * {@code atLeastIdentityRevision} is the identity revision the caller has seen (may be {@code null}).
 */
public record Caller(String arn, String accountId, String principalId, String accessKeyId, boolean root,
                     Long atLeastIdentityRevision) {
}
