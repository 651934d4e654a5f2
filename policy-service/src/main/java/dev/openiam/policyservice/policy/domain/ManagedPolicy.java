package dev.openiam.policyservice.policy.domain;

import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/** A managed policy as IAM describes it (botocore's {@code Policy}). {@code tags} is {@code null} where IAM omits them. */
public record ManagedPolicy(String policyName, String policyId, String arn, String path, String defaultVersionId,
                            long attachmentCount, long permissionsBoundaryUsageCount, boolean isAttachable,
                            String description, Instant createDate, Instant updateDate, List<Tag> tags,
                            boolean awsManaged) {
}
