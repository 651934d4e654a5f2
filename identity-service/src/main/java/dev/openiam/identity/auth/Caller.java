package dev.openiam.identity.auth;

import dev.openiam.internalauth.CallerClaims;

/**
 * The authenticated principal of a request.
 *
 * @param accountId   the account the credentials belong to
 * @param arn         the principal's ARN ({@code arn:aws:iam::<account>:root} or a user's ARN)
 * @param principalId the user's unique id, or the account id for root
 * @param accessKeyId the key that signed the request
 */
public record Caller(String accountId, String arn, String principalId, String accessKeyId, boolean root) {

    /** The IAM user's name (the last segment of its ARN); {@code null} for the root user. */
    public String userName() {
        return root ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** This caller as a service token names it to another service. */
    public CallerClaims claims() {
        return new CallerClaims(arn, accountId, principalId, accessKeyId, root);
    }
}
