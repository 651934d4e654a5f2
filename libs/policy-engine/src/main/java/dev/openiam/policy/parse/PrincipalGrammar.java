package dev.openiam.policy.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.model.PrincipalBlock;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The grammar of {@code Principal} and {@code NotPrincipal}. */
final class PrincipalGrammar {

    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private final Problems problems;

    PrincipalGrammar(Problems problems) {
        this.problems = problems;
    }

    PrincipalBlock principal(JsonNode node, String where, String ptr, String label) {
        if (node.isTextual()) {
            if (node.asText().equals("*")) {
                return PrincipalBlock.wildcard();
            }
            problems.add("INVALID_PRINCIPAL", "invalid principal `" + node.asText() + "` in " + label
                    + "; use `\"*\"` or an object such as `{\"AWS\": \"arn:…\"}`", where, ptr);
            return null;
        }
        if (!node.isObject() || node.isEmpty()) {
            problems.add("INVALID_PRINCIPAL", "the principal in " + label + " must be `\"*\"` or a non-empty object", where, ptr);
            return null;
        }
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String kind = f.getKey();
            String w = where + "." + kind;
            String p = ptr + "/" + LocatedJson.escape(kind);
            if (!PRINCIPAL_TYPES.contains(kind)) {
                problems.add("INVALID_PRINCIPAL", "unknown principal type `" + kind + "` in " + label
                        + "; expected `AWS`, `Service`, `Federated` or `CanonicalUser`", w, p);
                continue;
            }
            List<String> names = problems.strings(f.getValue(), w, p, label);
            for (String name : names) {
                String problem = principalProblem(kind, name);
                if (problem != null) {
                    problems.add("INVALID_PRINCIPAL", "invalid principal `" + name + "` in " + label + ": " + problem, w, p);
                }
            }
            entries.put(kind, names);
        }
        return new PrincipalBlock(false, entries);
    }

    private static String principalProblem(String kind, String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals("*")) {
            return kind.equals("AWS") ? null : "only `AWS` principals may be `*`";
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            return "wildcards cannot match part of a principal";
        }
        if (kind.equals("AWS")) {
            if (name.length() == 12 && name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            String[] parts = name.split(":", 6);
            if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty()
                    || !(parts[2].equals("iam") || parts[2].equals("sts")) || parts[5].isEmpty()) {
                return "expected an account id or an IAM or STS ARN";
            }
        }
        return null;
    }

}
