package dev.openiam.policyservice.policy.domain;

import java.time.Instant;

/** One version of a managed policy (botocore's {@code PolicyVersion}); {@code document} may be {@code null} in lists. */
public record PolicyVersion(String versionId, String document, boolean isDefaultVersion, Instant createDate) {
}
