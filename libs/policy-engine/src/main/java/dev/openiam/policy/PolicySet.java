package dev.openiam.policy;

import dev.openiam.policy.eval.CompiledBody;
import dev.openiam.policy.eval.Evaluator;
import dev.openiam.policy.eval.MergedIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that applies to one principal's requests: its identity policies (user and groups, or role),
 * its permissions boundary, the session policies of its session, and the resource policy of the resource.
 * Immutable and thread-safe. Keep one per principal and derive per-request variants with
 * {@link #withResourcePolicy} and {@link #withSessionPolicies}; they share the compiled policies.
 */
public final class PolicySet {

    /** More than any principal can have in AWS; the evaluator packs a policy's position into 11 bits. */
    public static final int MAX_POLICIES = 2_047;

    private final List<CompiledPolicy> identityPolicies;
    private final CompiledPolicy permissionBoundary;
    private final List<CompiledPolicy> sessionPolicies;
    private final CompiledPolicy resourcePolicy;

    // slot arrays handed to the evaluator, built once
    private final PolicyType[] roles;
    private final CompiledBody[] bodies;
    /** The merged action index of the identity and boundary slots, shared by derived sets. */
    private final MergedIndex base;

    private PolicySet(List<CompiledPolicy> identity, CompiledPolicy boundary, List<CompiledPolicy> sessions,
                      CompiledPolicy resource, MergedIndex base) {
        this.identityPolicies = List.copyOf(identity);
        this.permissionBoundary = boundary;
        this.sessionPolicies = List.copyOf(sessions);
        this.resourcePolicy = resource;
        int n = identity.size() + (boundary != null ? 1 : 0) + sessions.size() + (resource != null ? 1 : 0);
        if (n > MAX_POLICIES) {
            throw new IllegalArgumentException("a policy set holds at most " + MAX_POLICIES + " policies, not " + n);
        }
        roles = new PolicyType[n];
        bodies = new CompiledBody[n];
        int slot = 0;
        for (CompiledPolicy p : identity) {
            put(slot++, p, PolicyType.IDENTITY);
        }
        if (boundary != null) {
            put(slot++, boundary, PolicyType.PERMISSION_BOUNDARY);
        }
        for (CompiledPolicy p : sessions) {
            put(slot++, p, PolicyType.SESSION);
        }
        if (resource != null) {
            put(slot, resource, resource.type());
        }
        this.base = base != null ? base : new MergedIndex(bodies, identity.size() + (boundary != null ? 1 : 0));
    }

    private void put(int slot, CompiledPolicy p, PolicyType role) {
        roles[slot] = role;
        bodies[slot] = p.body();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PolicySet empty() {
        return builder().build();
    }

    /**
     * Decides one request. Never throws for a well-formed request. The outcome is decided with early exit (the first
     * applicable deny decides; an allow is not evaluated once its side already allows); the decision's
     * {@link Decision#statements() statements} are found when first read, by evaluating the request again. A caller
     * that always reads them should {@link #explain} instead.
     */
    public Decision evaluate(Request request) {
        return Evaluator.evaluate(request, roles, bodies, base, identityPolicies.size(), permissionBoundary != null,
                sessionPolicies.size(), resourcePolicy != null);
    }

    /**
     * {@link #evaluate}, finding the deciding statements at once: every applicable statement is evaluated. The same
     * decision and statements.
     */
    public Decision explain(Request request) {
        return Evaluator.explain(request, roles, bodies, base, identityPolicies.size(), permissionBoundary != null,
                sessionPolicies.size(), resourcePolicy != null);
    }

    public List<CompiledPolicy> identityPolicies() {
        return identityPolicies;
    }

    /** The permissions boundary, or {@code null}. */
    public CompiledPolicy permissionBoundary() {
        return permissionBoundary;
    }

    /** The session policies; empty when the caller has none (not the same as a session policy allowing nothing). */
    public List<CompiledPolicy> sessionPolicies() {
        return sessionPolicies;
    }

    /** The resource (or trust) policy, or {@code null}. */
    public CompiledPolicy resourcePolicy() {
        return resourcePolicy;
    }

    /** This set with another resource policy ({@code null} for none); cheap. */
    public PolicySet withResourcePolicy(CompiledPolicy resource) {
        checkResource(resource);
        return new PolicySet(identityPolicies, permissionBoundary, sessionPolicies, resource, base);
    }

    /** This set with other session policies (empty for none); cheap. */
    public PolicySet withSessionPolicies(List<CompiledPolicy> sessions) {
        sessions.forEach(PolicySet::checkIdentityGrammar);
        return new PolicySet(identityPolicies, permissionBoundary, sessions, resourcePolicy, base);
    }

    private static void checkIdentityGrammar(CompiledPolicy p) {
        if (p.type() == PolicyType.RESOURCE || p.type() == PolicyType.TRUST) {
            throw new IllegalArgumentException("policy `" + p.id() + "` has a principal block and cannot be used "
                    + "as an identity, boundary or session policy");
        }
    }

    private static void checkResource(CompiledPolicy p) {
        if (p != null && p.type() != PolicyType.RESOURCE && p.type() != PolicyType.TRUST) {
            throw new IllegalArgumentException("policy `" + p.id() + "` was not compiled as a resource or trust policy");
        }
    }

    public static final class Builder {
        private final List<CompiledPolicy> identity = new ArrayList<>();
        private CompiledPolicy boundary;
        private final List<CompiledPolicy> sessions = new ArrayList<>();
        private CompiledPolicy resource;

        private Builder() {
        }

        public Builder identityPolicy(CompiledPolicy p) {
            checkIdentityGrammar(p);
            identity.add(p);
            return this;
        }

        public Builder identityPolicies(List<CompiledPolicy> ps) {
            ps.forEach(this::identityPolicy);
            return this;
        }

        public Builder permissionBoundary(CompiledPolicy p) {
            if (p != null) {
                checkIdentityGrammar(p);
            }
            boundary = p;
            return this;
        }

        /** Adds a session policy (inline or managed); several are combined as AWS does: any may allow. */
        public Builder sessionPolicy(CompiledPolicy p) {
            if (p != null) {
                checkIdentityGrammar(p);
                sessions.add(p);
            }
            return this;
        }

        public Builder resourcePolicy(CompiledPolicy p) {
            checkResource(p);
            resource = p;
            return this;
        }

        public PolicySet build() {
            return new PolicySet(identity, boundary, sessions, resource, null);
        }
    }
}
