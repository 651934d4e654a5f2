package dev.openiam.policyservice.advisor.domain;

import java.time.Instant;

/** One last access as audit-service keeps it: an IAM user or role, a service namespace, an action, when and where. */
public record Access(String entityArn, String namespace, String action, Instant time, String region) {
}
