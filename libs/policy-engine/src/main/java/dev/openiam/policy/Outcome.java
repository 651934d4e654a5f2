package dev.openiam.policy;

/** The three results of AWS policy evaluation. */
public enum Outcome {
    /** Some policy allowed the request and every policy that must allow it did. */
    ALLOW("Allow"),
    /** A {@code Deny} statement in an applicable policy matched. */
    EXPLICIT_DENY("ExplicitDeny"),
    /** Nothing denied the request, but not every required policy type allowed it. */
    IMPLICIT_DENY("ImplicitDeny");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON: {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}. */
    public String wireName() {
        return wireName;
    }

    public static Outcome fromWireName(String name) {
        for (Outcome o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown decision `" + name + "`");
    }
}
