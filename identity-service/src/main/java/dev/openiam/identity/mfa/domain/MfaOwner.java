package dev.openiam.identity.mfa.domain;

import java.time.Instant;

/**
 * Who an MFA device is assigned to: an IAM user, or the account's root user ({@code root}, with the account id as
 * {@code userId}, no name and the root ARN), as botocore's {@code User} shape shows it.
 */
public record MfaOwner(String userId, String userName, String path, String arn, Instant createDate, boolean root) {
}
