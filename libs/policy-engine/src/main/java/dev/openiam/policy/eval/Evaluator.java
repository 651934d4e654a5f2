package dev.openiam.policy.eval;

import dev.openiam.policy.Decision;
import dev.openiam.policy.MissingAllow;
import dev.openiam.policy.Outcome;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.StatementRef;

import java.util.List;

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
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
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
        CompiledBody.Hits hits = new CompiledBody.Hits();
        boolean denied = false;
        boolean idAllow = false;
        boolean bAllow = !boundary;
        // identity policies and boundary: one look-up in the principal's merged index
        int mask = (1 << MergedIndex.STATEMENT_BITS) - 1;
        int[] candidates = base.visit(r);
        // many candidates: each distinct resource pattern or condition evaluated once (the memo), and denies first (a
        // request they deny reports only denies, so its allows need not be evaluated at all); a few: one pass
        byte[] memo = candidates.length > MergedIndex.SMALL ? base.newMemo() : null;
        for (int pass = memo == null ? 1 : 0; pass < 2 && !denied; pass++) {
            for (int item : candidates) {
                int s = item >>> MergedIndex.STATEMENT_BITS;
                int st = item & mask;
                CompiledStatement statement = bodies[s].statement(st);
                if (memo != null && statement.deny != (pass == 0)) {
                    continue;
                }
                Grant g = memo == null ? statement.applies(r, boundary)
                        : statement.applies(r, boundary, base.atoms(s, st), memo);
                if (g == Grant.NONE) {
                    continue;
                }
                hits.add(s, st, statement.deny);
                if (statement.deny) {
                    denied = true;
                } else if (s < identity) {
                    idAllow = true;
                } else {
                    bAllow = true;
                }
            }
        }
        int slot = identity;
        int boundarySlot = -1;
        if (boundary) {
            boundarySlot = slot;
            slot++;
        }
        int sessionStart = slot;
        boolean sAllow = sessions == 0;
        for (int i = 0; i < sessions; i++, slot++) {
            int res = bodies[slot].scan(r, boundary, slot, hits);
            denied |= (res & 2) != 0;
            sAllow |= (res & 1) != 0;
        }
        int resourceSlot = -1;
        Grant grant = Grant.NONE;
        if (resource) {
            resourceSlot = slot;
            int res = bodies[slot].scan(r, boundary, slot, hits);
            denied |= (res & 2) != 0;
            if ((res & 1) != 0) {
                grant = Grant.values()[(res >>> 2) & 3];
            }
        }
        if (denied) {
            return new Decision(Outcome.EXPLICIT_DENY, refs(hits, roles, bodies, true, -1, -1, -1, -1, -1),
                    null);
        }
        if (r.isAccountRoot()) {
            idAllow = true; // the root user has every permission in its own account; only denies (and SCPs) bind it
            bAllow = true;
            sAllow = true;
        }
        boolean identitySide = idAllow && bAllow && sAllow;
        int sessionEnd = sessionStart + sessions;
        // a role's trust policy must name the caller (or its account) even within the account: the identity side alone
        // never assumes a role
        boolean untrusted = resource && roles[resourceSlot] == PolicyType.TRUST && grant == Grant.NONE;
        if (!r.isCrossAccount()) {
            boolean viaResource = grant == Grant.DIRECT || grant == Grant.ROLE && bAllow && sAllow;
            if (identitySide && !untrusted || viaResource) {
                int idEnd = identitySide ? identity : 0;
                int bSlot = identitySide || grant == Grant.ROLE ? boundarySlot : -1;
                int sFrom = identitySide || grant == Grant.ROLE ? sessionStart : sessionEnd;
                return new Decision(Outcome.ALLOW, refs(hits, roles, bodies, false, idEnd, bSlot, sFrom,
                        sessionEnd, viaResource ? resourceSlot : -1), null);
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
            return new Decision(Outcome.ALLOW, refs(hits, roles, bodies, false, identity, boundarySlot,
                    sessionStart, sessionEnd, resourceSlot), null);
        }
        MissingAllow missing = !idAllow ? MissingAllow.IDENTITY_POLICY
                : !bAllow ? MissingAllow.PERMISSIONS_BOUNDARY
                : !sAllow ? MissingAllow.SESSION_POLICY
                : MissingAllow.RESOURCE_POLICY;
        return new Decision(Outcome.IMPLICIT_DENY, List.of(), missing);
    }

    /** The hits to report: all denies, or the allows of the slots that took part in granting. */
    private static List<StatementRef> refs(CompiledBody.Hits hits, PolicyType[] roles,
                                           CompiledBody[] bodies, boolean denies, int identityEnd, int boundarySlot,
                                           int sessionFrom, int sessionEnd, int resourceSlot) {
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
        return n == out.length ? List.of(out) : List.of(java.util.Arrays.copyOf(out, n));
    }
}
