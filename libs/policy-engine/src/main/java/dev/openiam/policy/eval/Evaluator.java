package dev.openiam.policy.eval;

import dev.openiam.policy.Decision;
import dev.openiam.policy.MissingAllow;
import dev.openiam.policy.Outcome;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.StatementRef;

import java.util.List;
import java.util.function.Supplier;

/**
 * AWS's policy evaluation logic over compiled policies. Internal; use {@code PolicySet.evaluate}.
 *
 * <ol>
 * <li>A {@code Deny} that applies in any policy: explicit deny.</li>
 * <li>Identity side: some identity policy allows, and the permissions boundary (if any) allows, and some
 * session policy (if any) allows. The account root user's identity side always allows.</li>
 * <li>Same account: the identity side allows; or a resource-policy {@code Allow} names the caller directly
 * (user ARN, role-session ARN, {@code *}, service, provider); or it names the caller's role and the
 * boundary and session policy allow. Naming only the account leaves the decision to the identity side. A trust
 * policy must allow in every case: the identity side alone never assumes a role.</li>
 * <li>Cross account: the identity side and the resource policy (naming the caller in any way, the account
 * included) must both allow.</li>
 * <li>Otherwise implicit deny, naming the first policy type in AWS's order that did not allow.</li>
 * </ol>
 *
 * <p>{@link #evaluate} decides the outcome with early exit — the first applicable deny decides, and an allow is not
 * evaluated once its side already allows — and finds the deciding statements only when the decision's
 * {@code statements()} are first read, by {@link #explain}ing the request again: the same statements, in the same
 * order, as deciding and naming them in one go. One instance per request.
 */
public final class Evaluator implements Supplier<List<StatementRef>> {

    private final Request r;
    private final PolicyType[] roles;
    private final CompiledBody[] bodies;
    private final MergedIndex base;
    private final int identity;
    private final boolean boundary;
    private final int sessions;
    private final boolean resource;
    /** The applicable statements, when explaining; {@code null} when only deciding. */
    private final CompiledBody.Hits hits;
    private Outcome outcome;
    private boolean idAllow;
    private boolean bAllow;
    private boolean sAllow;
    private Grant grant = Grant.NONE;

    private Evaluator(Request r, PolicyType[] roles, CompiledBody[] bodies, MergedIndex base, int identity,
                      boolean boundary, int sessions, boolean resource, boolean explain) {
        this.r = r;
        this.roles = roles;
        this.bodies = bodies;
        this.base = base;
        this.identity = identity;
        this.boundary = boundary;
        this.sessions = sessions;
        this.resource = resource;
        this.hits = explain ? new CompiledBody.Hits() : null;
        this.bAllow = !boundary;
        this.sAllow = sessions == 0;
    }

    /**
     * The decision, its statements found when first read.
     *
     * @param roles     the role each slot plays, in slot order: identity…, boundary?, session…, resource?
     * @param bodies    the compiled bodies, in slot order
     * @param base      the merged index of the identity and boundary slots
     * @param identity  number of identity slots (first)
     * @param boundary  whether a boundary slot follows the identity slots
     * @param sessions  number of session slots after it
     * @param resource  whether the last slot is a resource policy
     */
    public static Decision evaluate(Request r, PolicyType[] roles, CompiledBody[] bodies,
                                    MergedIndex base, int identity, boolean boundary, int sessions, boolean resource) {
        Evaluator e = new Evaluator(r, roles, bodies, base, identity, boundary, sessions, resource, false);
        return e.conclude(e.decide());
    }

    /** {@link #evaluate}, finding the deciding statements at once (every applicable statement is evaluated). */
    public static Decision explain(Request r, PolicyType[] roles, CompiledBody[] bodies,
                                   MergedIndex base, int identity, boolean boundary, int sessions, boolean resource) {
        Evaluator e = new Evaluator(r, roles, bodies, base, identity, boundary, sessions, resource, true);
        return e.conclude(e.explainAll());
    }

    /** The statements of this (deciding-only) evaluation's decision: the request explained again. */
    @Override
    public List<StatementRef> get() {
        Decision explained = explain(r, roles, bodies, base, identity, boundary, sessions, resource);
        if (explained.outcome() != outcome) {
            throw new IllegalStateException("deciding and explaining " + r + " disagree: " + outcome + " vs. "
                    + explained.outcome());
        }
        return explained.statements();
    }

    /** Whether a deny applies, with early exit; otherwise which sides allow. */
    private boolean decide() {
        return identityAndBoundary() || scanOthers();
    }

    /** Whether a deny applies, every applicable statement reported to hits. */
    private boolean explainAll() {
        boolean denied = identityAndBoundary();
        return scanOthers() || denied;
    }

    /**
     * The identity and boundary slots: whether a deny applies there; otherwise which sides allow. A few candidates are
     * visited in one pass, many in the exact index's parts. When only deciding, stops at the first deny and skips the
     * allows of a side that already allows; when explaining, reports every applicable statement to hits, in slot and
     * then document order.
     */
    private boolean identityAndBoundary() {
        ResourcePrefixIndex.Part[] parts = base.indexed(r);
        if (parts == null) {
            int[] coarse = base.coarse(r);
            if (coarse.length <= MergedIndex.SMALL) {
                return onePass(coarse);
            }
            parts = base.parts(r, coarse);
        }
        boolean denied = inParts(parts);
        if (hits != null) {
            hits.sortDistinct(); // a statement filed under two prefixes is in two parts
        }
        return denied;
    }

    /** A few candidates, in order: one pass. */
    private boolean onePass(int[] candidates) {
        boolean denied = false;
        int mask = (1 << MergedIndex.STATEMENT_BITS) - 1;
        for (int item : candidates) {
            int s = item >>> MergedIndex.STATEMENT_BITS;
            int st = item & mask;
            CompiledStatement statement = bodies[s].statement(st);
            if (hits == null && !statement.deny && sideAllows(s) || statement.applies(r, boundary) == Grant.NONE) {
                continue;
            }
            if (hits != null) {
                hits.add(s, st, statement.deny);
            }
            if (!statement.deny) {
                allows(s);
            } else if (hits == null) {
                return true;
            } else {
                denied = true;
            }
        }
        return denied;
    }

    /**
     * Many, in the exact index's parts as they are (no merge): each distinct resource pattern or condition evaluated
     * once (the memo), and every deny first (a request they deny reports only denies, so its allows need not be
     * evaluated at all).
     */
    private boolean inParts(ResourcePrefixIndex.Part[] parts) {
        int mask = (1 << MergedIndex.STATEMENT_BITS) - 1;
        byte[] memo = base.newMemo();
        boolean denied = false;
        for (int p = 0; p < parts.length && parts[p] != null; p++) {
            ResourcePrefixIndex.Part part = parts[p];
            for (int k = 0; k < part.denies; k++) {
                int s = part.items[k] >>> MergedIndex.STATEMENT_BITS;
                int st = part.items[k] & mask;
                if (bodies[s].statement(st).applies(r, boundary, base.atoms(s, st), memo) != Grant.NONE) {
                    if (hits == null) {
                        return true;
                    }
                    hits.add(s, st, true);
                    denied = true;
                }
            }
        }
        for (int p = 0; p < parts.length && parts[p] != null && !denied && !bothAllowed(); p++) {
            ResourcePrefixIndex.Part part = parts[p];
            for (int k = part.denies; k < part.items.length && !bothAllowed(); k++) {
                int s = part.items[k] >>> MergedIndex.STATEMENT_BITS;
                int st = part.items[k] & mask;
                if (!(hits == null && sideAllows(s))
                        && bodies[s].statement(st).applies(r, boundary, base.atoms(s, st), memo) != Grant.NONE) {
                    if (hits != null) {
                        hits.add(s, st, false);
                    }
                    allows(s);
                }
            }
        }
        return denied;
    }

    /** Whether the side of slot {@code s} (identity policies, or the boundary) already allows. */
    private boolean sideAllows(int s) {
        return s < identity ? idAllow : bAllow;
    }

    /** When only deciding: whether both sides already allow, so no further allow need be evaluated. */
    private boolean bothAllowed() {
        return hits == null && idAllow && bAllow;
    }

    private void allows(int slot) {
        if (slot < identity) {
            idAllow = true;
        } else {
            bAllow = true;
        }
    }

    /**
     * The session and resource slots: whether a deny applies there; otherwise whether a session policy allows and
     * how the resource policy grants. When only deciding, stops at the first deny.
     */
    private boolean scanOthers() {
        boolean denied = false;
        int slot = identity + (boundary ? 1 : 0);
        for (int i = 0; i < sessions; i++, slot++) {
            int res = bodies[slot].scan(r, boundary, slot, hits);
            denied |= (res & 2) != 0;
            sAllow |= (res & 1) != 0;
            if (denied && hits == null) {
                return true;
            }
        }
        if (resource) {
            int res = bodies[slot].scan(r, boundary, slot, hits);
            denied |= (res & 2) != 0;
            if ((res & 1) != 0) {
                grant = Grant.values()[(res >>> 2) & 3];
            }
        }
        return denied;
    }

    /** The decision from what the slots said. */
    private Decision conclude(boolean denied) {
        int boundarySlot = boundary ? identity : -1;
        int sessionStart = identity + (boundary ? 1 : 0);
        int sessionEnd = sessionStart + sessions;
        int resourceSlot = resource ? sessionEnd : -1;
        if (denied) {
            return decision(Outcome.EXPLICIT_DENY, true, -1, -1, -1, -1, -1);
        }
        if (r.isAccountRoot()) {
            idAllow = true; // the root user has every permission in its own account; only denies (and SCPs) bind it
            bAllow = true;
            sAllow = true;
        }
        boolean identitySide = idAllow && bAllow && sAllow;
        // a role's trust policy must name the caller (or its account) even within the account: the identity side alone
        // never assumes a role
        boolean untrusted = resource && roles[resourceSlot] == PolicyType.TRUST && grant == Grant.NONE;
        if (!r.isCrossAccount()) {
            boolean viaResource = grant == Grant.DIRECT || grant == Grant.ROLE && bAllow && sAllow;
            if (identitySide && !untrusted || viaResource) {
                int idEnd = identitySide ? identity : 0;
                int bSlot = identitySide || grant == Grant.ROLE ? boundarySlot : -1;
                int sFrom = identitySide || grant == Grant.ROLE ? sessionStart : sessionEnd;
                return decision(Outcome.ALLOW, false, idEnd, bSlot, sFrom, sessionEnd, viaResource ? resourceSlot : -1);
            }
            MissingAllow missing;
            if (r.principalKind() != dev.openiam.policy.PrincipalKind.AWS || identitySide) {
                missing = MissingAllow.RESOURCE_POLICY; // services, providers and anonymous callers have no identity policies
            } else if (grant == Grant.ROLE) {
                missing = !bAllow ? MissingAllow.PERMISSIONS_BOUNDARY : MissingAllow.SESSION_POLICY;
            } else if (!idAllow) {
                missing = MissingAllow.IDENTITY_POLICY;
            } else if (!bAllow) {
                missing = MissingAllow.PERMISSIONS_BOUNDARY;
            } else {
                missing = MissingAllow.SESSION_POLICY;
            }
            return new Decision(Outcome.IMPLICIT_DENY, List.of(), missing);
        }
        boolean resourceOk = grant != Grant.NONE;
        if (identitySide && resourceOk) {
            return decision(Outcome.ALLOW, false, identity, boundarySlot, sessionStart, sessionEnd, resourceSlot);
        }
        MissingAllow missing = !idAllow ? MissingAllow.IDENTITY_POLICY
                : !bAllow ? MissingAllow.PERMISSIONS_BOUNDARY
                : !sAllow ? MissingAllow.SESSION_POLICY
                : MissingAllow.RESOURCE_POLICY;
        return new Decision(Outcome.IMPLICIT_DENY, List.of(), missing);
    }

    /**
     * An allow or explicit deny naming the hits to report — all denies, or the allows of the slots that took part in
     * granting — or, when only deciding, naming them when first asked.
     */
    private Decision decision(Outcome o, boolean denies, int identityEnd, int boundarySlot, int sessionFrom,
                              int sessionEnd, int resourceSlot) {
        outcome = o;
        if (hits == null) {
            return new Decision(o, this, null);
        }
        StatementRef[] out = new StatementRef[hits.size];
        int n = 0;
        for (int k = 0; k < hits.size; k++) {
            int item = hits.items[k];
            boolean deny = CompiledBody.Hits.deny(item);
            int slot = CompiledBody.Hits.slot(item);
            if (denies != deny) {
                continue;
            }
            if (!denies && !(slot < identityEnd || slot == boundarySlot || slot >= sessionFrom && slot < sessionEnd
                    || slot == resourceSlot)) {
                continue;
            }
            out[n++] = bodies[slot].ref(CompiledBody.Hits.statement(item), roles[slot]);
        }
        return new Decision(o, n == out.length ? List.of(out) : List.of(java.util.Arrays.copyOf(out, n)), null);
    }
}
