package dev.openiam.policy;

/**
 * Where a document is stored, which decides its AWS size limit. Sizes are counted in characters with
 * white space (space, TAB, LF, CR) not counted, as IAM does.
 */
public enum PolicyKind {
    /** A customer managed policy (also used as a permissions boundary or a managed session policy). */
    MANAGED(6_144),
    /** An inline policy embedded in a user. */
    INLINE_USER(2_048),
    /** An inline policy embedded in a group. */
    INLINE_GROUP(5_120),
    /** An inline policy embedded in a role. */
    INLINE_ROLE(10_240),
    /** A role's trust (assume-role) policy, at the default quota. */
    TRUST(2_048),
    /** An inline session policy passed to AssumeRole, GetFederationToken and friends. */
    SESSION(2_048),
    /** A resource-based policy; 20 KB is the largest limit AWS services document (S3 bucket policies). */
    RESOURCE(20_480),
    /** An AWS-managed policy ({@code arn:aws:iam::aws:policy/…}): AWS's own, not held to the customer limit. */
    AWS_MANAGED(Integer.MAX_VALUE);

    private final int maxCharacters;

    PolicyKind(int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    /** The largest size, in non-white-space characters, a document of this kind may have. */
    public int maxCharacters() {
        return maxCharacters;
    }

    /** The kind assumed when a caller names only the policy type. */
    public static PolicyKind defaultFor(PolicyType type) {
        return switch (type) {
            case IDENTITY, PERMISSION_BOUNDARY -> MANAGED;
            case RESOURCE -> RESOURCE;
            case TRUST -> TRUST;
            case SESSION -> SESSION;
        };
    }
}
