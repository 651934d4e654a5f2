package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;

import java.util.List;

/**
 * The policy language version: a document without {@code Version} is read as {@code 2008-10-17}
 * ({@code MISSING_VERSION}), and under that version {@code ${…}} is plain text, not a policy variable
 * ({@code POLICY_VARIABLE_IN_OLD_VERSION}).
 */
final class PolicyVersionCheck implements LintCheck {

    private static final String OLD = "2008-10-17";

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        if (document.version() == null) {
            findings.add(new Finding(Finding.Severity.SUGGESTION, "MISSING_VERSION",
                    "the document has no `Version`, so it is read as version `" + OLD
                            + "` without policy variables; add `\"Version\": \"2012-10-17\"`",
                    "Version"));
        }
        if (document.version() != null && !document.version().equals(OLD)) {
            return;
        }
        for (LintStatement statement : document.statements()) {
            for (LintStatement.Entry resource : statement.resources().entries()) {
                if (resource.value().contains("${")) {
                    findings.add(variableFinding(resource.value(), resource.location()));
                }
            }
            for (LintStatement.ConditionEntry condition : statement.conditions()) {
                String value = firstVariable(condition.values());
                if (value != null) {
                    findings.add(variableFinding(value, condition.location()));
                }
            }
        }
    }

    private static Finding variableFinding(String value, String location) {
        return new Finding(Finding.Severity.WARNING, "POLICY_VARIABLE_IN_OLD_VERSION",
                "`" + value + "` is plain text under version `" + OLD + "`, not a policy variable; use version `2012-10-17`",
                location);
    }

    private static String firstVariable(JsonNode values) {
        if (values == null) {
            return null;
        }
        if (values.isTextual()) {
            return values.asText().contains("${") ? values.asText() : null;
        }
        for (JsonNode v : values) {
            if (v.isTextual() && v.asText().contains("${")) {
                return v.asText();
            }
        }
        return null;
    }
}
