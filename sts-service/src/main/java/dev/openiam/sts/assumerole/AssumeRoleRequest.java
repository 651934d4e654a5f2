package dev.openiam.sts.assumerole;

import dev.openiam.model.Tag;

import java.util.List;

/** AssumeRole's parameters, as botocore's sts model names them. */
public record AssumeRoleRequest(String roleArn, String roleSessionName, Integer durationSeconds, String policy,
                                List<String> policyArns, List<Tag> tags, List<String> transitiveTagKeys, String externalId,
                                String serialNumber, String tokenCode, String sourceIdentity) {
}
