package dev.openiam.identity.mfa.domain;

import java.time.Instant;

/** An MFA device assigned to a user (botocore's {@code MFADevice}); {@code userName} is {@code null} for the root user. */
public record MfaDevice(String userName, String serialNumber, Instant enableDate) {
}
