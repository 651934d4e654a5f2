package dev.openiam.policyservice.advisor.domain;

import dev.openiam.policy.match.Glob;
import dev.openiam.policy.model.Effect;
import dev.openiam.policy.model.Statement;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service namespaces identity-based policies allow, as the access advisor lists them: every namespace an
 * {@code Allow} statement's {@code Action} names ({@code s3:GetObject} lists {@code s3}, a service this system does
 * not serve, with no access), and for a wildcard namespace ({@code *}, {@code i*:Get*}) or a {@code NotAction} the
 * served namespaces it reaches. Deny statements and conditions do not shorten the list (AWS lists what the policies
 * grant, not what a request would be allowed).
 */
public final class AllowedServices {

    /** The services whose calls this system authorizes and records. */
    public static final List<String> SERVED = List.of("cloudtrail", "iam", "sts");

    private AllowedServices() {
    }

    /** The namespaces {@code statements} allow, sorted. */
    public static Set<String> of(Iterable<Statement> statements) {
        Set<String> namespaces = new TreeSet<>();
        for (Statement statement : statements) {
            if (statement.effect() != Effect.ALLOW) {
                continue;
            }
            if (statement.notAction()) {
                SERVED.stream().filter(ns -> !excludesAll(statement.actions(), ns)).forEach(namespaces::add);
                continue;
            }
            for (String action : statement.actions()) {
                namespaces.addAll(reached(action));
            }
        }
        return namespaces;
    }

    private static Set<String> reached(String action) {
        if (action.equals("*")) {
            return Set.copyOf(SERVED);
        }
        int colon = action.indexOf(':');
        if (colon <= 0) {
            return Set.of();
        }
        String namespace = action.substring(0, colon).toLowerCase(Locale.ROOT);
        if (namespace.indexOf('*') < 0 && namespace.indexOf('?') < 0) {
            return Set.of(namespace);
        }
        Glob glob = Glob.compile(namespace, true, false, true);
        Set<String> matched = new TreeSet<>();
        SERVED.stream().filter(ns -> glob.matches(ns, null)).forEach(matched::add);
        return matched;
    }

    /** Whether a NotAction list leaves nothing of {@code namespace}: {@code *}, or {@code <namespace glob>:*}. */
    private static boolean excludesAll(List<String> notActions, String namespace) {
        for (String action : notActions) {
            if (action.equals("*")) {
                return true;
            }
            int colon = action.indexOf(':');
            if (colon > 0 && action.substring(colon + 1).equals("*")
                    && Glob.compile(action.substring(0, colon), true, false, true).matches(namespace, null)) {
                return true;
            }
        }
        return false;
    }
}
