package dev.openiam.identity.loginprofile.domain;

import java.time.Instant;

/** botocore's {@code LoginProfile}; {@code userName} is {@code null} for the root user's. */
public record LoginProfile(String userName, Instant createDate, boolean passwordResetRequired) {
}
