package dev.openiam.awsprotocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The members of a JSON 1.1 input, read by type as the model declares them. A member of the wrong JSON type is
 * {@code SerializationException}, as AWS answers it; an absent member (or {@code null}) reads as {@code null}, so
 * the operation decides what is required. Timestamps are what the SDKs send: epoch seconds (fractions allowed); an
 * ISO-8601 string is accepted too.
 */
public final class JsonInput {

    private final ObjectNode node;
    private final String path;

    private JsonInput(ObjectNode node, String path) {
        this.node = Objects.requireNonNull(node, "node");
        this.path = path;
    }

    public static JsonInput of(ObjectNode node) {
        return new JsonInput(node, "");
    }

    public boolean has(String member) {
        JsonNode value = node.get(member);
        return value != null && !value.isNull();
    }

    public String string(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(member, "a string");
        }
        return value.textValue();
    }

    public Integer integer(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(member, "an integer");
        }
        return value.intValue();
    }

    public Instant timestamp(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        try {
            if (value.isNumber()) {
                BigDecimal seconds = value.decimalValue();
                BigDecimal whole = new BigDecimal(seconds.toBigInteger());
                return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
            }
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.textValue()).toInstant();
            }
        } catch (ArithmeticException | DateTimeException e) {
            throw wrongType(member, "a timestamp");
        }
        throw wrongType(member, "a timestamp");
    }

    /** A list of structures; each item read as an input of its own. */
    public List<JsonInput> structures(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(member, "a list");
        }
        List<JsonInput> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!(value.get(i) instanceof ObjectNode item)) {
                throw wrongType(member + "[" + i + "]", "a structure");
            }
            items.add(new JsonInput(item, at(member + "[" + i + "]")));
        }
        return items;
    }

    private JsonNode value(String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private String at(String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private IamException wrongType(String member, String expected) {
        return new IamException(ErrorCode.SERIALIZATION, "`" + at(member) + "` must be " + expected);
    }
}
