package dev.openiam.identity.accesskey.domain;

import java.time.Instant;

/** An access key's state and last use; {@code userId} is {@code null} for the root user's keys. */
public record AccessKeyUsage(String accessKeyId, String userId, boolean active, Instant createDate, Instant lastUsedDate,
                             String lastUsedRegion, String lastUsedService) {
}
