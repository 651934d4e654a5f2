package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;
import dev.openiam.policy.catalog.Wildcards;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether one statement's scope (principals, actions, resources) includes another's. Sound rather
 * than complete: {@code true} is a proof, {@code false} may only mean "cannot tell". Action wildcards
 * are compared through the catalog's actions, resources as wildcard languages (a policy variable in the
 * narrower statement is taken as {@code *}, in the wider one it must match exactly).
 */
final class StatementCoverage {

    private final ActionCatalog catalog;
    private final Map<String, List<ActionInfo>> expansions = new HashMap<>();

    StatementCoverage(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether every request {@code narrow} applies to (conditions aside) is also one {@code wide} applies to. */
    boolean covers(LintStatement wide, LintStatement narrow) {
        return coversPrincipals(wide, narrow) && coversActions(wide.actions(), narrow.actions())
                && coversResources(wide.resources(), narrow.resources());
    }

    private static boolean coversPrincipals(LintStatement wide, LintStatement narrow) {
        if (wide.principalField().isEmpty() && narrow.principalField().isEmpty()) {
            return true;
        }
        if (!"Principal".equals(wide.principalField()) || !"Principal".equals(narrow.principalField())) {
            return false;
        }
        JsonNode w = wide.principal();
        boolean everyone = (w.isTextual() && w.asText().equals("*"))
                || (w.isObject() && w.size() == 1 && w.path("AWS").isTextual() && w.path("AWS").asText().equals("*"));
        return everyone || w.equals(narrow.principal());
    }

    private boolean coversActions(LintStatement.Element wide, LintStatement.Element narrow) {
        if (!wide.present() || !narrow.present() || narrow.negated() || narrow.entries().isEmpty()) {
            return false;
        }
        for (String action : narrow.values()) {
            String a = action.toLowerCase(Locale.ROOT);
            if (!coversAction(wide, a)) {
                return false;
            }
        }
        return true;
    }

    private boolean coversAction(LintStatement.Element wide, String action) {
        if (!wide.negated()) {
            for (String w : wide.values()) {
                if (Wildcards.covers(w.toLowerCase(Locale.ROOT), action)) {
                    return true;
                }
            }
            if (!Wildcards.hasWildcard(action)) {
                return false;
            }
        }
        if (!Wildcards.hasWildcard(action)) {
            return wide.values().stream().noneMatch(w -> Wildcards.matches(w.toLowerCase(Locale.ROOT), action));
        }
        // a pattern: covered when each action it matches today is
        List<ActionInfo> matched = expansions.computeIfAbsent(action, catalog::matching);
        if (matched.isEmpty()) {
            return false;
        }
        for (ActionInfo info : matched) {
            String name = info.qualifiedName().toLowerCase(Locale.ROOT);
            boolean listed = wide.values().stream().anyMatch(w -> Wildcards.matches(w.toLowerCase(Locale.ROOT), name));
            if (listed == wide.negated()) {
                return false;
            }
        }
        return true;
    }

    private static boolean coversResources(LintStatement.Element wide, LintStatement.Element narrow) {
        if (!wide.present() && !narrow.present()) {
            return true; // trust policies
        }
        if (!wide.present() || !narrow.present()) {
            return false;
        }
        if (narrow.negated()) {
            return !wide.negated() && wide.values().contains("*");
        }
        if (narrow.entries().isEmpty()) {
            return false;
        }
        for (String resource : narrow.values()) {
            if (!coversResource(wide, resource)) {
                return false;
            }
        }
        return true;
    }

    private static boolean coversResource(LintStatement.Element wide, String resource) {
        String narrowed = resource.replaceAll("\\$\\{[^}]*}", "*");
        if (wide.negated()) {
            return !Wildcards.hasWildcard(narrowed)
                    && wide.values().stream().noneMatch(w -> w.contains("${") || Wildcards.matches(w, resource));
        }
        for (String w : wide.values()) {
            if (w.contains("${") ? w.equals(resource) : Wildcards.covers(w, narrowed)) {
                return true;
            }
        }
        return false;
    }
}
