package dev.openiam.identity.accesskey.domain;

import java.time.Instant;

/**
 * An access key as the APIs show it. {@code secretAccessKey} is present only in the answer to its
 * creation; {@code userName} is {@code null} for the root user's keys.
 */
public record AccessKey(String accessKeyId, String userName, String status, Instant createDate, String secretAccessKey) {
}
