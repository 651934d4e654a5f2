package dev.openiam.identity.auth;

import dev.openiam.internalauth.CallerClaims;

import java.time.Instant;

/**
 * The authenticated principal of a request.
 *
 * @param accountId          the account the credentials belong to
 * @param arn                the principal's ARN ({@code arn:aws:iam::<account>:root} or a user's ARN)
 * @param principalId        the user's unique id, or the account id for root
 * @param accessKeyId        the key that signed the request
 * @param mfaAuthenticatedAt when the session that signed was authenticated with MFA; {@code null} for long-term
 *                           keys (which never carry MFA, as on AWS)
 */
public record Caller(String accountId, String arn, String principalId, String accessKeyId, boolean root,
                     Instant mfaAuthenticatedAt) {

    /** A caller signing with a long-term access key: no MFA. */
    public Caller(String accountId, String arn, String principalId, String accessKeyId, boolean root) {
        this(accountId, arn, principalId, accessKeyId, root, null);
    }

    /** The IAM user's name (the last segment of its ARN); {@code null} for the root user. */
    public String userName() {
        return root ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The user an action names by {@code UserName}, or without one the caller itself ({@code null} for the root user). */
    public String userOrSelf(String userName) {
        return userName != null ? userName : userName();
    }

    /** This caller as a service token names it to another service. */
    public CallerClaims claims() {
        return new CallerClaims(arn, accountId, principalId, accessKeyId, root, mfaAuthenticatedAt);
    }
}
