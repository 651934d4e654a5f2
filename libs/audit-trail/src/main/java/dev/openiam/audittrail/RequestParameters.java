package dev.openiam.audittrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Query request's parameters as CloudTrail shows them: member names in lower camel case, lists
 * ({@code Tags.member.1.Key}) as arrays, e.g. {@code {"userName":"alice","tags":[{"key":"team","value":"core"}]}}.
 * The protocol's own parameters ({@code Action}, {@code Version}) and a presigned request's {@code X-Amz-*} ones
 * (its signature and session token) are no parameters of the call. Secrets stay in: they are hidden by name when the
 * record is encoded.
 */
public final class RequestParameters {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestParameters() {
    }

    /** {@code null} when the call has no parameters of its own. */
    public static JsonNode of(Map<String, String> params) {
        ObjectNode root = NODES.objectNode();
        // sorted, so that list positions are met in order (member.2 after member.1; member.10 after both)
        Map<String, String> sorted = new TreeMap<>(RequestParameters::compareKeys);
        params.forEach((name, value) -> {
            if (!name.equals("Action") && !name.equals("Version") && !name.regionMatches(true, 0, "X-Amz-", 0, 6)) {
                sorted.put(name, value);
            }
        });
        sorted.forEach((name, value) -> put(root, name.split("\\."), value));
        return root.isEmpty() ? null : root;
    }

    private static void put(ObjectNode root, String[] path, String value) {
        JsonNode node = root;
        for (int i = 0; i < path.length; i++) {
            boolean last = i == path.length - 1;
            if (node instanceof ObjectNode object) {
                String name = camel(path[i]);
                if (last) {
                    object.put(name, value);
                    return;
                }
                boolean list = (path[i + 1].equals("member") || path[i + 1].equals("entry")) && i + 2 < path.length
                        && isIndex(path[i + 2]);
                JsonNode next = object.get(name);
                if (next == null || next.isValueNode()) {
                    next = list ? object.putArray(name) : object.putObject(name);
                }
                node = next;
                if (list) {
                    i++; // skip "member"
                }
            } else if (node instanceof ArrayNode array) {
                int index = Integer.parseInt(path[i]) - 1;
                while (array.size() <= index) {
                    array.addNull();
                }
                if (last) {
                    array.set(index, NODES.textNode(value));
                    return;
                }
                if (!array.get(index).isObject()) {
                    array.set(index, NODES.objectNode());
                }
                node = array.get(index);
            } else {
                return;
            }
        }
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 4) {
            return false;
        }
        for (char c : segment.toCharArray()) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Integer.parseInt(segment) >= 1;
    }

    private static String camel(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    /** By segments, numbers as numbers. */
    private static int compareKeys(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = isIndex(x[i]) && isIndex(y[i]) ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
