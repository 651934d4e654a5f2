package dev.openiam.authorization;

/** Who calls: the account the call acts in and the principal's ARN. */
public record CallerRef(String accountId, String arn) {
}
