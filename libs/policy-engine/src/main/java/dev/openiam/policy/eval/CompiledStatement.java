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
        if (!actionMatches(r.actionLower())) {
            return Grant.NONE;
        }
        if (resources != null) {
            boolean any = false;
            for (ArnGlob g : resources) {
                if (g.matches(r.resource(), r.context())) {
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
        for (CompiledCondition c : conditions) {
            if (!c.test(r.context())) {
                return Grant.NONE;
            }
        }
        return grant;
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
