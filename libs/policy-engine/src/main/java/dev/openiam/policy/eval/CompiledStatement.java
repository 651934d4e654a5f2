package dev.openiam.policy.eval;

import dev.openiam.policy.Request;
import dev.openiam.policy.match.ArnGlob;
import dev.openiam.policy.match.Glob;
import dev.openiam.policy.model.ConditionEntry;
import dev.openiam.policy.model.Effect;
import dev.openiam.policy.model.Statement;

import java.util.List;
import java.util.Locale;

/** A statement with every pattern compiled once; immutable. */
final class CompiledStatement {

    final int index;
    final String sid;
    final boolean deny;
    private final PrincipalMatcher principal;
    private final boolean notPrincipal;
    final Glob[] actions;
    final boolean notAction;
    private final ArnGlob[] resources;
    private final boolean notResource;
    /** The services of the ARNs this statement's {@code Resource} can match, or {@code null} for any. */
    final String[] resourceServices;
    /**
     * The literal text each ARN this statement's {@code Resource} can match starts with (one per pattern), or
     * {@code null} when it can match any ARN.
     */
    final String[] resourcePrefixes;
    private final CompiledCondition[] conditions;

    CompiledStatement(Statement s, boolean variables) {
        this.index = s.index();
        this.sid = s.sid();
        this.deny = s.effect() == Effect.DENY;
        this.principal = s.principal() == null ? null : new PrincipalMatcher(s.principal());
        this.notPrincipal = s.notPrincipal();
        List<String> acts = s.actions();
        this.actions = new Glob[acts.size()];
        for (int i = 0; i < actions.length; i++) {
            // action names are case-insensitive: compare lowercased text, and never substitute variables
            actions[i] = Glob.compile(acts.get(i).toLowerCase(Locale.ROOT), true, false, false);
        }
        this.notAction = s.notAction();
        if (s.resources() == null) {
            this.resources = null;
        } else {
            this.resources = new ArnGlob[s.resources().size()];
            for (int i = 0; i < resources.length; i++) {
                resources[i] = ArnGlob.compile(s.resources().get(i), variables);
            }
        }
        this.notResource = s.notResource();
        this.resourceServices = resourceServices(resources, notResource);
        this.resourcePrefixes = ResourcePrefixIndex.prefixesOf(resources, notResource);
        List<ConditionEntry> cs = s.conditions();
        this.conditions = new CompiledCondition[cs.size()];
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = new CompiledCondition(cs.get(i), variables);
        }
    }

    /**
     * Whether the statement applies to the request. For statements with a principal block, returns how it
     * names the caller; for identity-style statements {@link Grant#DIRECT} when it applies.
     *
     * @param hasBoundary whether the caller has a permissions boundary (a {@code Deny} with {@code NotPrincipal}
     *                    then applies to it whatever the block says, as AWS documents)
     */
    Grant applies(Request r, boolean hasBoundary) {
        return actionMatches(r.actionLower()) ? applies(r, hasBoundary, null, null) : Grant.NONE;
    }

    /**
     * {@link #applies(Request, boolean)} for a statement whose action is known to match (a candidate of an exact,
     * per-action index), remembering in {@code memo} (0 unknown, 1 false, 2 true) the result of each resource pattern
     * and condition under the slots {@code atoms} gives them ({@link #atoms}), so that patterns and conditions repeated
     * across statements are evaluated once per request. Without a memo, evaluates each.
     */
    Grant applies(Request r, boolean hasBoundary, int[] atoms, byte[] memo) {
        if (resources != null) {
            boolean any = false;
            for (int i = 0; i < resources.length; i++) {
                int m = memo == null ? 0 : memo[atoms[i]];
                if (m == 0) {
                    m = resources[i].matches(r.resource(), r.context()) ? 2 : 1;
                    if (memo != null) {
                        memo[atoms[i]] = (byte) m;
                    }
                }
                if (m == 2) {
                    any = true;
                    break;
                }
            }
            if (any == notResource) {
                return Grant.NONE;
            }
        }
        Grant grant = Grant.DIRECT;
        if (principal != null) {
            if (notPrincipal) {
                if (principal.lists(r) && !(deny && hasBoundary)) {
                    return Grant.NONE;
                }
                grant = Grant.DIRECT;
            } else {
                grant = principal.match(r);
                if (grant == Grant.NONE) {
                    return Grant.NONE;
                }
            }
        }
        int first = resources == null ? 0 : resources.length;
        for (int i = 0; i < conditions.length; i++) {
            int m = memo == null ? 0 : memo[atoms[first + i]];
            if (m == 0) {
                m = conditions[i].test(r.context()) ? 2 : 1;
                if (memo != null) {
                    memo[atoms[first + i]] = (byte) m;
                }
            }
            if (m == 1) {
                return Grant.NONE;
            }
        }
        return grant;
    }

    /**
     * The memo slots of this statement's resource patterns, then of its conditions: equal patterns and equal
     * conditions share a slot, numbered in {@code slots} as they are first seen.
     */
    int[] atoms(java.util.Map<String, Integer> slots) {
        int first = resources == null ? 0 : resources.length;
        int[] out = new int[first + conditions.length];
        for (int i = 0; i < first; i++) {
            out[i] = slots.computeIfAbsent("r" + resources[i].identity(), k -> slots.size());
        }
        for (int i = 0; i < conditions.length; i++) {
            out[first + i] = slots.computeIfAbsent("c" + conditions[i].identity, k -> slots.size());
        }
        return out;
    }

    private static String[] resourceServices(ArnGlob[] resources, boolean notResource) {
        if (resources == null || notResource) {
            return null;
        }
        java.util.LinkedHashSet<String> services = new java.util.LinkedHashSet<>();
        for (ArnGlob g : resources) {
            String svc = g.literalService();
            if (svc == null) {
                return null;
            }
            services.add(svc);
        }
        return services.toArray(new String[0]);
    }

    boolean actionMatches(String actionLower) {
        boolean any = false;
        for (Glob g : actions) {
            if (g.matches(actionLower, null)) {
                any = true;
                break;
            }
        }
        return any != notAction;
    }
}
