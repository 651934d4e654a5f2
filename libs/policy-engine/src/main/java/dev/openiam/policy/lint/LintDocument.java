package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A policy document as the checks see it.
 *
 * @param version    the {@code Version} value, or {@code null} when absent
 * @param statements the statements, in order
 */
record LintDocument(String version, List<LintStatement> statements) {

    static LintDocument of(JsonNode document) {
        JsonNode version = document == null ? null : document.get("Version");
        return new LintDocument(version != null && version.isTextual() ? version.asText() : null,
                List.copyOf(LintStatement.of(document)));
    }
}
