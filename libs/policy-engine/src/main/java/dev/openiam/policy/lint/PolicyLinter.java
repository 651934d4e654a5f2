package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;

import java.util.List;

/**
 * Access-Analyzer-style warnings on a document that already passed the grammar checks:
 * unknown services and actions, condition keys not valid for an action, risky grants.
 */
public final class PolicyLinter {

    private PolicyLinter() {
    }

    /** Warnings and suggestions for {@code document}; never errors, never throws. */
    public static List<Finding> lint(JsonNode document, PolicyType type) {
        return List.of(); // filled in by the lint work (catalog-backed checks)
    }
}
