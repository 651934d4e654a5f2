package dev.openiam.audittrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Locale;

/**
 * A write's result as CloudTrail's {@code responseElements}: the entity it returned under its name in lower camel case
 * ({@code {"user":{"userName":"alice",…}}}); nothing for a write that returns nothing. Only records (the services'
 * domain values) are shown; secrets among their members are hidden by name when the record is encoded.
 */
public final class ResponseElements {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ResponseElements() {
    }

    /** {@code null} for {@code null} and for what is not a record. */
    public static JsonNode of(Object result) {
        if (result == null || !result.getClass().isRecord()) {
            return null;
        }
        ObjectNode elements = MAPPER.createObjectNode();
        String name = result.getClass().getSimpleName();
        elements.set(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1), MAPPER.valueToTree(result));
        return elements;
    }
}
