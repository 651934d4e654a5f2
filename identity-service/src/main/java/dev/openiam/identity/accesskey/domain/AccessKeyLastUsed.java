package dev.openiam.identity.accesskey.domain;

import java.time.Instant;

/** GetAccessKeyLastUsed: who owns the key and when, where and for which service it was last used. */
public record AccessKeyLastUsed(String userName, Instant lastUsedDate, String region, String serviceName) {
}
