package dev.openiam.policy.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.Finding;

import java.util.ArrayList;
import java.util.List;

/** The errors found in one document, located by JSON pointer, line and column. */
final class Problems {

    private final LocatedJson json;
    private final List<Finding> errors;

    Problems(LocatedJson json, List<Finding> errors) {
        this.json = json;
        this.errors = errors;
    }

    void add(String code, String message, String where, String pointer) {
        int[] pos = json.position(pointer);
        String loc = where;
        if (pos != null) {
            String at = position(pos[0], pos[1]);
            loc = where.isEmpty() ? at : where + " (" + at + ")";
        }
        errors.add(error(code, message, loc));
    }

    static String position(int line, int column) {
        return "line " + line + ", column " + column;
    }

    static Finding error(String code, String message, String location) {
        return new Finding(Finding.Severity.ERROR, code, message, location);
    }

    /** A string or a non-empty array of strings. */
    List<String> strings(JsonNode node, String where, String ptr, String label) {
        List<String> out = new ArrayList<>();
        String field = where.substring(where.lastIndexOf('.') + 1);
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual()) {
                    out.add(item.asText());
                } else {
                    add("INVALID_VALUE", "`" + field + "` in " + label + " must hold only strings",
                            where + "[" + i + "]", ptr + "/" + i);
                }
            }
        } else {
            add("INVALID_VALUE", "`" + field + "` in " + label + " must be a string or a non-empty array of strings",
                    where, ptr);
        }
        return out;
    }

}
