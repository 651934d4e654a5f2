package dev.openiam.policy;

/**
 * For an implicit deny, the policy type that did not allow the request, in the words of AWS's
 * AccessDenied messages ("because no identity-based policy allows the s3:GetObject action").
 */
public enum MissingAllow {
    IDENTITY_POLICY("identity-based policy"),
    PERMISSIONS_BOUNDARY("permissions boundary"),
    SESSION_POLICY("session policy"),
    RESOURCE_POLICY("resource-based policy");

    private final String phrase;

    MissingAllow(String phrase) {
        this.phrase = phrase;
    }

    /** E.g. {@code identity-based policy}. */
    public String phrase() {
        return phrase;
    }
}
