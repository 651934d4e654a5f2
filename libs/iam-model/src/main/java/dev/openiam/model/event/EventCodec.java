package dev.openiam.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON form of {@link EventEnvelope}: the envelope's fields with the payload as a nested object, the
 * payload class found by {@code type}. Unknown payload fields are ignored so that a newer producer's
 * additions do not break an older consumer; an unknown {@code type} is an error for the caller to skip.
 */
public final class EventCodec {

    public static final int CURRENT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, Class<? extends Event>> TYPES = new ConcurrentHashMap<>();

    static {
        registerFamily(IdentityEvent.class);
        registerFamily(PolicyEvent.class);
        registerFamily(StsEvent.class);
        registerFamily(dev.openiam.model.audit.AuditEvent.class);
    }

    private EventCodec() {
    }

    /** Makes every permitted record of a sealed event family decodable. */
    public static void registerFamily(Class<? extends Event> family) {
        Class<?>[] permitted = family.getPermittedSubclasses();
        if (permitted == null) {
            throw new IllegalArgumentException(family.getName() + " is not sealed");
        }
        for (Class<?> type : permitted) {
            TYPES.put(typeName(type), type.asSubclass(Event.class));
        }
    }

    public static String typeName(Class<?> payloadType) {
        return payloadType.getSimpleName();
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.type() + " cannot be encoded", e);
        }
    }

    /** Encodes only the payload, e.g. for an outbox row that keeps the envelope fields in columns. */
    public static String encodePayload(Event payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload " + typeName(payload.getClass()) + " cannot be encoded", e);
        }
    }

    /** Decodes an envelope; throws {@link IllegalArgumentException} if it is malformed or of an unknown type. */
    public static EventEnvelope decode(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("event is not a json object");
            }
            String type = text(object, "type");
            Class<? extends Event> payloadType = TYPES.get(type);
            if (payloadType == null) {
                throw new IllegalArgumentException("unknown event type `" + type + "`");
            }
            JsonNode payload = object.get("payload");
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("event `" + type + "` has no payload object");
            }
            return new EventEnvelope(
                    UUID.fromString(text(object, "eventId")),
                    type,
                    object.path("version").asInt(CURRENT_VERSION),
                    text(object, "accountId"),
                    object.path("revision").asLong(),
                    Instant.parse(text(object, "occurredAt")),
                    text(object, "actor"),
                    MAPPER.treeToValue(payload, payloadType));
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed event: " + e.getMessage(), e);
        }
    }

    /** Decodes a payload of a known type, as stored in an outbox row. */
    public static Event decodePayload(String type, String json) {
        Class<? extends Event> payloadType = TYPES.get(type);
        if (payloadType == null) {
            throw new IllegalArgumentException("unknown event type `" + type + "`");
        }
        try {
            return MAPPER.readValue(json, payloadType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed payload of `" + type + "`: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("event field `" + field + "` is missing");
        }
        return value.asText();
    }
}
