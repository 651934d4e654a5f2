package dev.openiam.policyservice.attachment.domain;

/** botocore's {@code AttachedPolicy}: a managed policy attached to a principal (or its boundary). */
public record AttachedPolicy(String policyName, String policyArn) {
}
