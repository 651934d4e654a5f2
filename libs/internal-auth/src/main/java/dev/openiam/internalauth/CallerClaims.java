package dev.openiam.internalauth;

import java.time.Instant;

/**
 * The authenticated end caller on whose behalf one service calls another.
 *
 * @param arn                the principal's ARN (the token's {@code sub})
 * @param accountId          its account ({@code acct})
 * @param principalId        the user's unique id, or the account id for root ({@code pid})
 * @param accessKeyId        the key that signed the original request ({@code akid})
 * @param root               whether it is the account's root user ({@code root})
 * @param mfaAuthenticatedAt when the caller's session was authenticated with MFA ({@code mfa}, epoch seconds);
 *                           {@code null} for long-term keys and sessions made without MFA
 */
public record CallerClaims(String arn, String accountId, String principalId, String accessKeyId, boolean root,
                           Instant mfaAuthenticatedAt) {

    /** A caller that did not authenticate with MFA (long-term access keys). */
    public CallerClaims(String arn, String accountId, String principalId, String accessKeyId, boolean root) {
        this(arn, accountId, principalId, accessKeyId, root, null);
    }
}
