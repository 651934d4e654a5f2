package dev.openiam.policyservice.policy.domain;

import java.time.Instant;

/** An AWS-managed policy as the catalog holds it: present in every account, never modifiable. */
public record AwsManagedPolicy(String name, String arn, String path, String policyId, String defaultVersionId,
                               Instant createDate, Instant updateDate, String document) {
}
