package dev.openiam.policy.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree read with Jackson's streaming parser, remembering where every value starts so that errors can
 * name a line and column. Duplicate keys are rejected, as IAM does.
 */
public final class LocatedJson {

    /** Deep enough for any policy; keeps hostile input from exhausting the stack. */
    private static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private final JsonNode root;
    private final Map<String, int[]> positions;

    private LocatedJson(JsonNode root, Map<String, int[]> positions) {
        this.root = root;
        this.positions = positions;
    }

    /** The tree. */
    public JsonNode root() {
        return root;
    }

    /** {@code {line, column}} where the value at a JSON pointer ({@code /Statement/0/Effect}) starts, or null. */
    public int[] position(String pointer) {
        return positions.get(pointer);
    }

    /** Thrown for text that is not one well-formed JSON value. */
    public static final class SyntaxException extends Exception {
        private final int line;
        private final int column;

        SyntaxException(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    public static LocatedJson parse(String text) throws SyntaxException {
        Map<String, int[]> positions = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SyntaxException("the document is empty", 1, 1);
            }
            JsonNode root = read(p, "", positions);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation loc = p.currentTokenLocation();
                throw new SyntaxException("unexpected content after the JSON document", loc.getLineNr(),
                        loc.getColumnNr());
            }
            return new LocatedJson(root, positions);
        } catch (NumberFormatException e) {
            throw new SyntaxException("a number in the document is out of range", 0, 0);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            throw new SyntaxException(describe(e), loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        } catch (IOException e) {
            throw new SyntaxException("the document cannot be read", 0, 0);
        }
    }

    private static String describe(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "invalid JSON";
        }
        if (m.startsWith("Duplicate field")) {
            int q1 = m.indexOf('\'');
            int q2 = m.lastIndexOf('\'');
            String name = q1 >= 0 && q2 > q1 ? m.substring(q1 + 1, q2) : "?";
            return "duplicate key `" + name + "`";
        }
        if (m.contains("nesting depth")) {
            return "the document is nested too deeply";
        }
        String first = m.lines().findFirst().orElse(m);
        if (first.startsWith("Unexpected end-of-input")) {
            return "invalid JSON: the document ends too early";
        }
        java.util.regex.Matcher c = UNEXPECTED.matcher(first);
        if (c.find()) {
            return "invalid JSON: unexpected character `" + c.group(1) + "`";
        }
        java.util.regex.Matcher t = TOKEN.matcher(first);
        if (t.find()) {
            return "invalid JSON: unrecognized token `" + t.group(1) + "`";
        }
        if (first.startsWith("Unexpected close marker")) {
            return "invalid JSON: unbalanced brackets";
        }
        if (first.contains("CTRL-CHAR") || first.contains("control character")) {
            return "invalid JSON: control characters must be escaped inside strings";
        }
        if (first.contains("Invalid UTF-8") || first.contains("surrogate")) {
            return "invalid JSON: invalid character encoding";
        }
        return "invalid JSON";
    }

    private static final java.util.regex.Pattern UNEXPECTED =
            java.util.regex.Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code");
    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("^Unrecognized token '([^']{0,40})");

    private static JsonNode read(JsonParser p, String pointer, Map<String, int[]> positions) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        positions.put(pointer, new int[] {loc.getLineNr(), loc.getColumnNr()});
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p, pointer + "/" + escape(name), positions));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i, positions));
                    i++;
                }
                return a;
            }
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return f.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return f.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                throw new IOException("unexpected token");
        }
    }

    /** JSON pointer escaping of one reference token. */
    public static String escape(String name) {
        if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
            return name;
        }
        return name.replace("~", "~0").replace("/", "~1");
    }
}
