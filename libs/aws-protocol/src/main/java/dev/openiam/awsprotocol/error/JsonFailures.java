package dev.openiam.awsprotocol.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Words a JSON body's failure for the client: where in the body (a path such as {@code tags[0].key}) and what
 * was expected there, in the caller's terms (a string, a number, a list, an object). Jackson's own messages
 * name our Java types ({@code Cannot deserialize value of type `…UserResource$CreateUserRequest`}), so none of
 * them is ever passed on.
 */
final class JsonFailures {

    private static final int SHOWN = 64;

    private JsonFailures() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof PropertyBindingException unknown) {
            return "request body has an unknown field `" + path(unknown) + "`";
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            String value = shown(format.getValue());
            if (target != null && target.isEnum()) {
                return "`" + path(format) + "` must be one of " + Arrays.stream(target.getEnumConstants())
                        .map(String::valueOf).collect(Collectors.joining(", ")) + ", not `" + value + "`";
            }
            return "`" + path(format) + "` must be " + expected(target) + ", not `" + value + "`";
        }
        if (e instanceof MismatchedInputException mismatched) {
            String at = path(mismatched);
            return at.isEmpty() ? "request body must be " + expected(mismatched.getTargetType())
                    : "`" + at + "` must be " + expected(mismatched.getTargetType());
        }
        if (e instanceof JsonMappingException mapping) {
            String at = path(mapping);
            return at.isEmpty() ? "request body is not valid" : "request body is not valid at `" + at + "`";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return "request body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return "request body is not valid JSON";
    }

    /** {@code tags[0].key}: field names and list positions from the body's root; empty for the root itself. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a value of {@code type} is, in JSON's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object" : "another kind of value";
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    }
}
