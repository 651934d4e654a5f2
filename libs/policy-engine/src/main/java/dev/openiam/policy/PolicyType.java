package dev.openiam.policy;

/**
 * The kinds of policy document AWS distinguishes; each has its own grammar rules and size limit.
 * Service control policies (Organizations) are planned as a later member.
 */
public enum PolicyType {
    /** Attached to a user, group or role (managed or inline); no {@code Principal}. */
    IDENTITY,
    /** Attached to a resource; {@code Principal} or {@code NotPrincipal} required. */
    RESOURCE,
    /** A role's assume-role policy; a resource policy whose resource is the role. */
    TRUST,
    /** A permissions boundary of a user or role; identity-policy grammar. */
    PERMISSION_BOUNDARY,
    /** A session policy passed to AssumeRole and friends; identity-policy grammar. */
    SESSION
}
