package dev.openiam.identity.mfa.domain;

/**
 * The principal a verified MFA code belongs to: an IAM user, or the account's root ({@code root}, {@code userId}
 * and {@code userName} {@code null}).
 */
public record MfaPrincipal(String accountId, String serialNumber, String userId, String userName, String arn, boolean root) {
}
