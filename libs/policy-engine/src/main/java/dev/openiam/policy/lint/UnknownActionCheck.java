package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.Wildcards;

import java.util.List;

/**
 * Actions the service authorization reference does not know: a service prefix no service has
 * ({@code UNKNOWN_SERVICE}), an action the service does not have ({@code UNKNOWN_ACTION}), a wildcard
 * that matches none of its actions ({@code UNMATCHED_ACTION_PATTERN}). Such entries grant or deny
 * nothing, which is seldom what the author meant.
 */
final class UnknownActionCheck implements LintCheck {

    private final ActionCatalog catalog;

    UnknownActionCheck(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            for (LintStatement.Entry entry : statement.actions().entries()) {
                check(entry, findings);
            }
        }
    }

    private void check(LintStatement.Entry entry, List<Finding> findings) {
        String action = entry.value();
        int colon = action.indexOf(':');
        if (colon < 0) {
            return; // `*` or a grammar error the validator reports
        }
        String service = action.substring(0, colon);
        if (Wildcards.hasWildcard(service)) {
            if (catalog.matching(action).isEmpty()) {
                findings.add(new Finding(Finding.Severity.WARNING, "UNMATCHED_ACTION_PATTERN",
                        "the action pattern `" + action + "` matches no known action", entry.location()));
            }
        } else if (!catalog.isKnownService(service)) {
            findings.add(new Finding(Finding.Severity.WARNING, "UNKNOWN_SERVICE",
                    "the service prefix `" + service + "` in `" + action + "` is not a known service",
                    entry.location()));
        } else if (!Wildcards.hasWildcard(action)) {
            if (!catalog.isKnownAction(action)) {
                findings.add(new Finding(Finding.Severity.WARNING, "UNKNOWN_ACTION",
                        "the action `" + action + "` is not an action of service `" + service + "`", entry.location()));
            }
        } else if (catalog.matching(action).isEmpty()) {
            findings.add(new Finding(Finding.Severity.WARNING, "UNMATCHED_ACTION_PATTERN",
                    "the action pattern `" + action + "` matches no action of service `" + service + "`",
                    entry.location()));
        }
    }
}
