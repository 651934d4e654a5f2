package dev.openiam.policy.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.condition.BaseOperator;
import dev.openiam.policy.condition.IpRange;
import dev.openiam.policy.condition.OperatorName;
import dev.openiam.policy.condition.Values;
import dev.openiam.policy.model.ConditionEntry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The grammar of the {@code Condition} element: operators, keys and typed values. */
final class ConditionGrammar {

    private final Problems problems;

    ConditionGrammar(Problems problems) {
        this.problems = problems;
    }

    List<ConditionEntry> conditions(JsonNode node, String where, String ptr, String label) {
        List<ConditionEntry> out = new ArrayList<>();
        if (!node.isObject()) {
            problems.add("INVALID_CONDITION", "`Condition` in " + label + " must be an object", where, ptr);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String opText = f.getKey();
            String w = where + "." + opText;
            String p = ptr + "/" + LocatedJson.escape(opText);
            OperatorName op = OperatorName.parse(opText);
            if (op == null) {
                problems.add("INVALID_CONDITION_OPERATOR", "unknown condition operator `" + opText + "` in " + label, w, p);
                continue;
            }
            JsonNode block = f.getValue();
            if (!block.isObject()) {
                problems.add("INVALID_CONDITION", "the `" + opText + "` block in " + label
                        + " must be an object of condition keys", w, p);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> kt = block.fields(); kt.hasNext(); ) {
                Map.Entry<String, JsonNode> k = kt.next();
                String key = k.getKey();
                String kw = w + "." + key;
                String kp = p + "/" + LocatedJson.escape(key);
                int colon = key.indexOf(':');
                if (colon <= 0 || colon == key.length() - 1) {
                    problems.add("INVALID_CONDITION_KEY", "condition key `" + key + "` in " + label
                            + " must be a service prefix and a key name, e.g. `aws:SourceIp`", kw, kp);
                    continue;
                }
                List<String> values = conditionValues(k.getValue(), kw, kp, label);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    String problem = valueProblem(op.base(), value);
                    if (problem != null) {
                        problems.add("INVALID_CONDITION_VALUE", "invalid value `" + value + "` for `" + opText + "` on `"
                                + key + "` in " + label + ": " + problem, kw, kp);
                    }
                }
                out.add(new ConditionEntry(opText, key, values));
            }
        }
        return out;
    }

    private List<String> conditionValues(JsonNode v, String where, String ptr, String label) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!scalar(item)) {
                    problems.add("INVALID_CONDITION_VALUE", "condition values in " + label
                            + " must be strings, numbers or booleans", where + "[" + i + "]", ptr + "/" + i);
                    return null;
                }
                out.add(item.asText());
            }
            return out;
        }
        if (!scalar(v)) {
            problems.add("INVALID_CONDITION_VALUE", "condition values in " + label
                    + " must be strings, numbers or booleans, or an array of them", where, ptr);
            return null;
        }
        out.add(v.asText());
        return out;
    }

    private static boolean scalar(JsonNode n) {
        return n.isTextual() || n.isNumber() || n.isBoolean();
    }

    private static String valueProblem(BaseOperator op, String value) {
        switch (op.family()) {
            case NUMERIC:
                return Values.parseNumber(value) == null ? "not a number" : null;
            case DATE:
                return Values.parseDate(value) == Values.NOT_A_DATE
                        ? "not an ISO 8601 date or epoch seconds" : null;
            case BOOL:
            case NULL:
                return Values.parseBool(value) == null ? "expected `true` or `false`" : null;
            case BINARY:
                return Values.parseBase64(value) == null ? "not base64" : null;
            case IP:
                return IpRange.parse(value) == null ? "not an IPv4 or IPv6 address or CIDR block" : null;
            default:
                return null;
        }
    }

}
