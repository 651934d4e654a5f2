package dev.openiam.sts.assumerole;

import dev.openiam.sts.credentials.SessionCredentials;

/** AssumeRole's answer: the credentials, the session's id and ARN, the packed size, the source identity. */
public record AssumedRole(SessionCredentials credentials, String assumedRoleId, String arn, int packedPolicySize,
                          String sourceIdentity) {
}
