package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A statement as the checks see it: lenient about shapes (a document that passed the grammar
 * checks is expected, but anything else yields empty elements rather than an exception).
 */
final class LintStatement {

    /** One string of an {@code Action}, {@code Resource}… element, with where it is. */
    record Entry(String value, String location) {
    }

    /** {@code Action} or {@code NotAction} (likewise for resources), with its string values. */
    record Element(String field, List<Entry> entries) {
        boolean negated() {
            return field.startsWith("Not");
        }

        List<String> values() {
            return entries.stream().map(Entry::value).toList();
        }

        static final Element ABSENT = new Element("", List.of());

        boolean present() {
            return !field.isEmpty();
        }
    }

    /** One key of one operator of the {@code Condition} block. */
    record ConditionEntry(String operator, String key, JsonNode values, String location) {
        /** The operator without {@code ForAllValues:} / {@code ForAnyValue:} and {@code IfExists}. */
        String baseOperator() {
            String op = setQualifier().isEmpty() ? operator : operator.substring(operator.indexOf(':') + 1);
            return op.endsWith("IfExists") ? op.substring(0, op.length() - "IfExists".length()) : op;
        }

        /** {@code ForAllValues}, {@code ForAnyValue} or empty. */
        String setQualifier() {
            int colon = operator.indexOf(':');
            return colon < 0 ? "" : operator.substring(0, colon);
        }

        boolean ifExists() {
            return operator.endsWith("IfExists");
        }
    }

    private final int index;
    private final String sid;
    private final String effect;
    private final Element actions;
    private final Element resources;
    private final String principalField;
    private final JsonNode principal;
    private final List<ConditionEntry> conditions;
    private final JsonNode node;

    private LintStatement(int index, JsonNode node) {
        this.index = index;
        this.node = node;
        this.sid = node.path("Sid").isTextual() ? node.path("Sid").asText() : null;
        this.effect = node.path("Effect").asText("");
        this.actions = element(node, "Action");
        this.resources = element(node, "Resource");
        this.principalField = node.has("Principal") ? "Principal" : node.has("NotPrincipal") ? "NotPrincipal" : "";
        this.principal = principalField.isEmpty() ? null : node.get(principalField);
        this.conditions = conditions(node.path("Condition"));
    }

    /** The statements of {@code document}, in order; a single statement object counts as index 0. */
    static List<LintStatement> of(JsonNode document) {
        JsonNode statements = document == null ? null : document.get("Statement");
        List<LintStatement> result = new ArrayList<>();
        if (statements == null) {
            return result;
        }
        if (statements.isObject()) {
            result.add(new LintStatement(0, statements));
        } else if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                if (statements.get(i).isObject()) {
                    result.add(new LintStatement(i, statements.get(i)));
                }
            }
        }
        return result;
    }

    int index() {
        return index;
    }

    String sid() {
        return sid;
    }

    boolean isAllow() {
        return "Allow".equals(effect);
    }

    boolean isDeny() {
        return "Deny".equals(effect);
    }

    String effect() {
        return effect;
    }

    Element actions() {
        return actions;
    }

    Element resources() {
        return resources;
    }

    /** {@code Principal}, {@code NotPrincipal} or empty. */
    String principalField() {
        return principalField;
    }

    /** The principal element's value, or {@code null}. */
    JsonNode principal() {
        return principal;
    }

    List<ConditionEntry> conditions() {
        return conditions;
    }

    boolean hasCondition() {
        JsonNode c = node.get("Condition");
        return c != null && !(c.isObject() && c.isEmpty());
    }

    /** {@code Statement[2]}, as the grammar checks write locations. */
    String location() {
        return "Statement[" + index + "]";
    }

    /** How a message names the statement after the word "statement": by Sid when it has one, else by index. */
    String displayName() {
        return sid == null || sid.isEmpty() ? String.valueOf(index) : "`" + sid + "`";
    }

    private Element element(JsonNode statement, String name) {
        String field = statement.has(name) ? name : statement.has("Not" + name) ? "Not" + name : null;
        if (field == null) {
            return Element.ABSENT;
        }
        JsonNode value = statement.get(field);
        List<Entry> entries = new ArrayList<>();
        if (value.isTextual()) {
            entries.add(new Entry(value.asText(), location() + "." + field));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isTextual()) {
                    entries.add(new Entry(value.get(i).asText(), location() + "." + field + "[" + i + "]"));
                }
            }
        }
        return new Element(field, List.copyOf(entries));
    }

    private List<ConditionEntry> conditions(JsonNode condition) {
        List<ConditionEntry> entries = new ArrayList<>();
        if (!condition.isObject()) {
            return entries;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!op.getValue().isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                entries.add(new ConditionEntry(op.getKey(), key.getKey(), key.getValue(),
                        location() + ".Condition." + op.getKey() + "." + key.getKey()));
            }
        }
        return List.copyOf(entries);
    }
}
