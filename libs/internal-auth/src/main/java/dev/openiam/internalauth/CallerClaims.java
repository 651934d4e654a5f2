package dev.openiam.internalauth;

/**
 * The authenticated end caller on whose behalf one service calls another.
 *
 * @param arn         the principal's ARN (the token's {@code sub})
 * @param accountId   its account ({@code acct})
 * @param principalId the user's unique id, or the account id for root ({@code pid})
 * @param accessKeyId the key that signed the original request ({@code akid})
 * @param root        whether it is the account's root user ({@code root})
 */
public record CallerClaims(String arn, String accountId, String principalId, String accessKeyId, boolean root) {
}
