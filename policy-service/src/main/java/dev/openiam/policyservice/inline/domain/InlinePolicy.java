package dev.openiam.policyservice.inline.domain;

/** An inline policy as Get{User,Group,Role}Policy answers it. */
public record InlinePolicy(String principalName, String policyName, String document) {
}
