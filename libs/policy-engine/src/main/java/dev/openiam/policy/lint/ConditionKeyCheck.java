package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Condition keys no service defines ({@code UNKNOWN_CONDITION_KEY}) and keys none of the statement's
 * actions supports ({@code CONDITION_KEY_NOT_SUPPORTED}): such a key is never in the request, so the
 * condition never holds (or, with {@code …IfExists} and negated operators, always does). Global keys
 * ({@code aws:…}) are valid with every action. Keys of identity providers ({@code accounts.google.com:aud},
 * an OIDC provider's {@code host/path:sub}) are not in the reference and are left alone.
 */
final class ConditionKeyCheck implements LintCheck {

    private static final int NAMED_ACTIONS = 3;

    private final ActionCatalog catalog;

    ConditionKeyCheck(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            List<ActionInfo> actions = null; // expanded on first need
            for (LintStatement.ConditionEntry condition : statement.conditions()) {
                String key = condition.key();
                if (catalog.isGlobalConditionKey(key)) {
                    continue;
                }
                if (!catalog.isKnownConditionKey(key)) {
                    if (!isIdentityProviderKey(key)) {
                        findings.add(new Finding(Finding.Severity.WARNING, "UNKNOWN_CONDITION_KEY",
                                "the condition key `" + key + "` is neither a global condition key nor a key of a known service",
                                condition.location()));
                    }
                    continue;
                }
                if (actions == null) {
                    actions = expand(statement);
                }
                if (!actions.isEmpty() && actions.stream().noneMatch(a -> a.supportsConditionKey(key))) {
                    findings.add(new Finding(Finding.Severity.WARNING, "CONDITION_KEY_NOT_SUPPORTED",
                            "the condition key `" + key + "` is not supported by " + describe(statement),
                            condition.location()));
                }
            }
        }
    }

    // The statement's catalog actions; empty when they cannot be told (NotAction, `*`, nothing known).
    private List<ActionInfo> expand(LintStatement statement) {
        if (!statement.actions().present() || statement.actions().negated()) {
            return List.of();
        }
        List<ActionInfo> actions = new ArrayList<>();
        for (String action : statement.actions().values()) {
            if (action.equals("*")) {
                return List.of();
            }
            actions.addAll(catalog.matching(action));
        }
        return actions;
    }

    private static String describe(LintStatement statement) {
        List<String> names = statement.actions().values();
        StringBuilder text = new StringBuilder(names.size() == 1 ? "the action " : "any of the actions ");
        for (int i = 0; i < Math.min(names.size(), NAMED_ACTIONS); i++) {
            text.append(i == 0 ? "" : ", ").append('`').append(names.get(i)).append('`');
        }
        if (names.size() > NAMED_ACTIONS) {
            text.append(" and ").append(names.size() - NAMED_ACTIONS).append(" more");
        }
        return text.toString();
    }

    private static boolean isIdentityProviderKey(String key) {
        int colon = key.lastIndexOf(':');
        String prefix = colon < 0 ? key : key.substring(0, colon);
        return prefix.contains(".") || prefix.contains("/");
    }
}
