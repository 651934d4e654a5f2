package dev.openiam.policy.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;

import java.io.UncheckedIOException;
import java.util.List;

/** Lints documents written as JSON text and picks the findings of one code. */
final class LintTesting {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LintTesting() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The findings of code {@code code} on an identity policy. */
    static List<Finding> findings(String code, String document) {
        return findings(code, document, PolicyType.IDENTITY);
    }

    static List<Finding> findings(String code, String document, PolicyType type) {
        return PolicyLinter.lint(json(document), type).stream().filter(f -> f.code().equals(code)).toList();
    }

    /** An identity policy of one statement, given its members without braces. */
    static String statement(String members) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{" + members + "}]}";
    }
}
