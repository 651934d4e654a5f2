package dev.openiam.policy.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.policy.model.ConditionEntry;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.model.PrincipalBlock;
import dev.openiam.policy.model.Statement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a parsed document back as canonical JSON: fixed element order, lists always as arrays, condition
 * values as strings. Reading the output gives a document that evaluates the same.
 */
public final class PolicyPrinter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyPrinter() {
    }

    public static ObjectNode toTree(PolicyDocument doc) {
        ObjectNode root = MAPPER.createObjectNode();
        if (doc.version() != null) {
            root.put("Version", doc.version());
        }
        if (doc.id() != null) {
            root.put("Id", doc.id());
        }
        ArrayNode statements = root.putArray("Statement");
        for (Statement s : doc.statements()) {
            ObjectNode o = statements.addObject();
            if (s.sid() != null) {
                o.put("Sid", s.sid());
            }
            o.put("Effect", s.effect().text());
            if (s.principal() != null) {
                o.set(s.notPrincipal() ? "NotPrincipal" : "Principal", principal(s.principal()));
            }
            strings(o.putArray(s.notAction() ? "NotAction" : "Action"), s.actions());
            if (s.resources() != null) {
                strings(o.putArray(s.notResource() ? "NotResource" : "Resource"), s.resources());
            }
            if (!s.conditions().isEmpty()) {
                Map<String, Map<String, List<String>>> grouped = new LinkedHashMap<>();
                for (ConditionEntry c : s.conditions()) {
                    grouped.computeIfAbsent(c.operator(), k -> new LinkedHashMap<>()).put(c.key(), c.values());
                }
                ObjectNode cond = o.putObject("Condition");
                grouped.forEach((op, keys) -> {
                    ObjectNode block = cond.putObject(op);
                    keys.forEach((k, vs) -> strings(block.putArray(k), vs));
                });
            }
        }
        return root;
    }

    public static String print(PolicyDocument doc) {
        try {
            return MAPPER.writeValueAsString(toTree(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode principal(PrincipalBlock p) {
        if (p.anyone()) {
            return MAPPER.getNodeFactory().textNode("*");
        }
        ObjectNode o = MAPPER.createObjectNode();
        p.entries().forEach((k, vs) -> strings(o.putArray(k), vs));
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
